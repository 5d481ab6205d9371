/* svg_plot.h — small SVG charts for report.html, drawn without a library.
 *
 * Each chart is one `<svg role="img">` with a fixed viewBox and width 100%, so it scales with
 * its container and never overflows it, and with a `<title>` and a `<desc>` that summarise the
 * data (minimum, maximum, mean) for readers who cannot see it. Series are told apart by colour
 * (Okabe–Ito, each at least 3:1 against white) and by dash pattern. Every text is escaped, so
 * the fragment is well-formed XML inside HTML.
 *
 * A time series longer than the plot is wide is thinned to at most its minimum and maximum per
 * column, so a single-sample spike stays visible and a 4-hour series stays small. A non-finite
 * value (NAN, ±inf) is a gap: the line stops and starts again after it.
 *
 * Numbers are written for German readers: decimal comma, a dot between thousands, "−" as the
 * minus sign.
 */
#pragma once

#include <glib.h>

#include "studio/archive_facts.h"

G_BEGIN_DECLS

/* What an empty chart says inside its frame. */
#define PLENUM_SVG_PLOT_NOT_RECORDED "nicht aufgezeichnet / not recorded"

typedef struct {
  const char *label;        /* for the legend and the description; may be NULL for one series */
  const GArray *points;     /* element-type PlenumPoint, by time; NULL or empty: not recorded */
} PlenumPlotSeries;

typedef struct {
  double t_s;
  const char *label;        /* short; cut to the room before the next marker */
} PlenumPlotMarker;

typedef struct {
  const char *id;           /* unique in the page: the title's and description's ids start so */
  const char *title;
  const char *unit;         /* of the y axis: "LUFS", "kbit/s"; NULL for plain counts */
  const PlenumPlotSeries *series;
  guint n_series;
  double t_end_s;           /* where the time axis ends; NAN: at the last sample */
  double y_min, y_max;      /* NAN: from the data; values outside are drawn at the edge */
  gboolean steps;           /* hold each value until the next sample (counters) */
  gboolean integer;         /* only whole numbers on the y axis */
  gboolean has_reference;   /* a horizontal line at `reference`, e.g. the −23 LUFS target */
  double reference;
  const char *reference_label;
  const PlenumPlotMarker *markers;  /* vertical dashed lines, e.g. chapters */
  guint n_markers;
} PlenumLineChart;

/* A row of on/off spans over time, e.g. "speech" against "captioned". Each column of the axis
 * is shaded by how much of it is on (light up to a third, darker up to two thirds, full above),
 * so a single second of a 4-hour show stays visible without looking like more. */
typedef struct {
  const char *label;
  const GArray *points;     /* element-type PlenumPoint: value > 0.5 on, from t for `window_s` */
  const char *colour;       /* "#rrggbb" of the on-spans; NULL: the palette's, by position */
} PlenumPlotLane;

typedef struct {
  const char *id;
  const char *title;
  const char *summary;      /* first sentence of the description, or NULL */
  const PlenumPlotLane *lanes;
  guint n_lanes;
  double window_s;          /* how long each sample holds */
  double t_end_s;           /* NAN: at the end of the last window */
  const PlenumPlotMarker *markers;
  guint n_markers;
} PlenumLaneChart;

/* transfer full */
GString *plenum_svg_plot_line_chart (const PlenumLineChart *chart);
/* transfer full */
GString *plenum_svg_plot_lane_chart (const PlenumLaneChart *chart);
/* Horizontal bars, one per count (element-type PlenumCount*), in the given order; `labels`
 * maps a count's label to what is shown, or is NULL. transfer full */
GString *plenum_svg_plot_bar_chart (const char *id, const char *title, const GPtrArray *counts,
                                    const char *(*labels) (const char *label));

/* The points of one gap-free run (`n` points from `points`, by time) as drawn in `columns`
 * columns over [t0, t1]: every point when there are no more than two a column, else each
 * column's minimum and maximum in the order they came (only one when equal), and always the
 * run's first and last point. element-type PlenumPoint; transfer full */
GArray *plenum_svg_plot_thin (const PlenumPoint *points, guint n, double t0, double t1,
                              guint columns);

/* A step of 1, 2 or 5 × 10^n (2.5 too) that divides `span` into at most `max_ticks`
 * intervals; at least 1 when `integer`. */
double plenum_svg_plot_nice_step (double span, guint max_ticks, gboolean integer);
/* A step for a time axis in seconds (1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 20, 30 min,
 * 1, 2, 3, 6, 12 h) that divides `span_s` into at most `max_ticks` intervals. */
double plenum_svg_plot_time_step (double span_s, guint max_ticks);

/* "M:SS", or "H:MM:SS" when `hours`; transfer full. */
char *plenum_svg_plot_format_time (double t_s, gboolean hours);
/* A number with `decimals` digits after the comma, dots between thousands, "−" for minus;
 * "–" for a non-finite value. transfer full */
char *plenum_svg_plot_format_number (double value, guint decimals);

G_END_DECLS

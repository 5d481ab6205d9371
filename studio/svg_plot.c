#include "studio/svg_plot.h"

#include <math.h>
#include <string.h>

/* The viewBox is this wide; the page scales it to its column. Text sizes are in its units: 13
 * units are about 17 px in a 40rem column and 10 px on a phone 390 px wide. */
#define WIDTH 480.0
#define FONT 13.0
#define SMALL_FONT 12.0
/* A rough mean advance of one character of a sans-serif font, per unit of font size: enough to
 * keep labels from running into each other. */
#define CHAR_ADVANCE 0.6

/* Okabe–Ito colours that keep at least 3:1 against white (orange, sky blue and yellow do not),
 * each with its own dash pattern so the series differ without colour too. */
static const struct {
  const char *colour;
  const char *dash;
} styles[] = {
  { "#0072B2", NULL },        /* blue, 5.2:1 */
  { "#D55E00", "9 4" },       /* vermillion, 3.9:1 */
  { "#009E73", "2 3" },       /* bluish green, 3.4:1 */
  { "#CC79A7", "10 3 2 3" },  /* reddish purple, 3.1:1 */
  { "#000000", "5 2" },
};

#define TEXT_COLOUR "#1a1a1a"
#define AXIS_COLOUR "#595959"   /* 7:1 */
#define GRID_COLOUR "#d9d9d9"   /* decoration only */
#define MARKER_COLOUR "#595959"

static void
append_escaped (GString *svg, const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (svg, escaped);
}

/* A coordinate: one decimal, no trailing ".0", never a locale's comma. */
static void
append_coordinate (GString *svg, double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  size_t length;

  if (fabs (value) < 0.05)
    value = 0;
  g_ascii_formatd (buffer, sizeof buffer, "%.1f", value);
  length = strlen (buffer);
  if (length > 2 && strcmp (buffer + length - 2, ".0") == 0)
    buffer[length - 2] = '\0';
  g_string_append (svg, buffer);
}

/* `name="value"` with a coordinate value, after a space. */
static void
append_attribute (GString *svg, const char *name, double value)
{
  g_string_append_printf (svg, " %s=\"", name);
  append_coordinate (svg, value);
  g_string_append_c (svg, '"');
}

/* At most `max_chars` characters of `text`, "…" at the end when cut; transfer full. */
static char *
cut_text (const char *text, long max_chars)
{
  g_autofree char *head = NULL;

  if (text == NULL)
    return g_strdup ("");
  if (g_utf8_strlen (text, -1) <= max_chars)
    return g_strdup (text);
  if (max_chars < 2)
    return g_strdup ("");
  head = g_utf8_substring (text, 0, max_chars - 1);
  return g_strconcat (head, "…", NULL);
}

/* A marker's label cut to `max_chars`; when that leaves only a letter or two, its first word
 * alone ("1" of "1 Begrüßung"), or nothing. transfer full */
static char *
cut_marker_label (const char *label, long max_chars)
{
  g_autofree char *first_word = NULL;
  const char *space;

  if (label == NULL || g_utf8_strlen (label, -1) <= max_chars || max_chars >= 5)
    return cut_text (label, max_chars);
  space = strchr (label, ' ');
  first_word = space != NULL ? g_strndup (label, space - label) : g_strdup (label);
  if (g_utf8_strlen (first_word, -1) <= max_chars)
    return g_steal_pointer (&first_word);
  return g_strdup ("");
}

static double
text_width (const char *text, double font)
{
  return g_utf8_strlen (text, -1) * font * CHAR_ADVANCE;
}

static void
append_text (GString *svg, double x, double y, const char *anchor, double font,
             const char *extra, const char *text)
{
  g_string_append (svg, "<text");
  append_attribute (svg, "x", x);
  append_attribute (svg, "y", y);
  if (anchor != NULL)
    g_string_append_printf (svg, " text-anchor=\"%s\"", anchor);
  if (font != FONT) {
    g_string_append (svg, " font-size=\"");
    append_coordinate (svg, font);
    g_string_append_c (svg, '"');
  }
  if (extra != NULL)
    g_string_append_printf (svg, " %s", extra);
  g_string_append_c (svg, '>');
  append_escaped (svg, text);
  g_string_append (svg, "</text>");
}

char *
plenum_svg_plot_format_number (double value, guint decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE + 8];
  g_autofree char *format = g_strdup_printf ("%%.%uf", MIN (decimals, 9u));
  GString *text = g_string_new (NULL);
  const char *digits, *point;
  size_t integer_length;

  if (!isfinite (value))
    return g_string_free (g_string_append (text, "–"), FALSE);
  g_ascii_formatd (buffer, sizeof buffer, format, value);
  digits = buffer;
  if (digits[0] == '-') {
    digits++;
    /* "-0,0" is zero: no sign. */
    if (strspn (digits, "0.") != strlen (digits))
      g_string_append (text, "−");
  }
  point = strchr (digits, '.');
  integer_length = point != NULL ? (size_t) (point - digits) : strlen (digits);
  for (size_t i = 0; i < integer_length; i++) {
    if (i > 0 && (integer_length - i) % 3 == 0)
      g_string_append_c (text, '.');
    g_string_append_c (text, digits[i]);
  }
  if (point != NULL) {
    g_string_append_c (text, ',');
    g_string_append (text, point + 1);
  }
  return g_string_free (text, FALSE);
}

char *
plenum_svg_plot_format_time (double t_s, gboolean hours)
{
  guint64 seconds = isfinite (t_s) && t_s > 0 ? (guint64) llround (t_s) : 0;

  if (hours)
    return g_strdup_printf ("%" G_GUINT64_FORMAT ":%02u:%02u", seconds / 3600,
                            (guint) (seconds / 60 % 60), (guint) (seconds % 60));
  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%02u", seconds / 60, (guint) (seconds % 60));
}

double
plenum_svg_plot_nice_step (double span, guint max_ticks, gboolean integer)
{
  static const double multiples[] = { 1, 2, 2.5, 5, 10 };
  double raw, magnitude;

  g_return_val_if_fail (max_ticks > 0, 1);
  if (!isfinite (span) || span <= 0)
    return 1;
  raw = span / max_ticks;
  magnitude = pow (10, floor (log10 (raw)));
  for (guint i = 0; i < G_N_ELEMENTS (multiples); i++) {
    double step = multiples[i] * magnitude;

    if (integer && step != floor (step))
      continue;
    if (step >= raw * (1 - 1e-9))
      return integer ? MAX (step, 1) : step;
  }
  return 10 * magnitude;
}

double
plenum_svg_plot_time_step (double span_s, guint max_ticks)
{
  static const double steps[] = {
    1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1200, 1800,
    3600, 7200, 10800, 21600, 43200, 86400,
  };

  g_return_val_if_fail (max_ticks > 0, 1);
  if (!isfinite (span_s) || span_s <= 0)
    return 1;
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (span_s / steps[i] <= max_ticks)
      return steps[i];
  return 86400 * ceil (span_s / 86400 / max_ticks);
}

static guint
column_of (double t, double t0, double span, guint columns)
{
  double column = floor ((t - t0) / span * columns);

  if (!(column >= 0))
    return 0;
  return column >= columns ? columns - 1 : (guint) column;
}

GArray *
plenum_svg_plot_thin (const PlenumPoint *points, guint n, double t0, double t1, guint columns)
{
  GArray *thinned = g_array_new (FALSE, FALSE, sizeof (PlenumPoint));
  double span = t1 > t0 ? t1 - t0 : 1;
  guint i = 0;

  g_return_val_if_fail (columns > 0, thinned);
  while (i < n) {
    guint column = column_of (points[i].t_s, t0, span, columns);
    guint end = i + 1, low = i, high = i;

    while (end < n && column_of (points[end].t_s, t0, span, columns) == column) {
      if (points[end].value < points[low].value)
        low = end;
      if (points[end].value > points[high].value)
        high = end;
      end++;
    }
    if (end - i <= 2) {
      g_array_append_vals (thinned, points + i, end - i);
    } else {
      /* The column's extremes in the order they came (one when the column is flat), and the
       * run's own ends, so the line starts and stops where the data does. */
      guint keep[4] = { i == 0 ? 0 : G_MAXUINT, MIN (low, high), MAX (low, high),
                        end == n ? n - 1 : G_MAXUINT };
      guint previous = G_MAXUINT;

      if (points[low].value == points[high].value)
        keep[1] = keep[2] = i;
      for (guint k = 0; k < G_N_ELEMENTS (keep); k++) {
        if (keep[k] == G_MAXUINT || keep[k] == previous)
          continue;
        g_array_append_val (thinned, points[keep[k]]);
        previous = keep[k];
      }
    }
    i = end;
  }
  return thinned;
}

/* Opens the <svg> with its title and description. */
static GString *
open_svg (const char *id, double height, const char *title, const char *description)
{
  GString *svg = g_string_sized_new (4096);

  g_string_append (svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ");
  append_coordinate (svg, WIDTH);
  g_string_append_c (svg, ' ');
  append_coordinate (svg, height);
  g_string_append (svg, "\" width=\"100%\" role=\"img\" aria-labelledby=\"");
  append_escaped (svg, id);
  g_string_append (svg, "-title ");
  append_escaped (svg, id);
  g_string_append (svg, "-desc\" font-family=\"system-ui, 'Segoe UI', Roboto, 'DejaVu Sans', "
                        "sans-serif\" font-size=\"");
  append_coordinate (svg, FONT);
  g_string_append (svg, "\" fill=\"" TEXT_COLOUR "\">\n<title id=\"");
  append_escaped (svg, id);
  g_string_append (svg, "-title\">");
  append_escaped (svg, title);
  g_string_append (svg, "</title>\n<desc id=\"");
  append_escaped (svg, id);
  g_string_append (svg, "-desc\">");
  append_escaped (svg, description);
  g_string_append (svg, "</desc>\n");
  return svg;
}

static GString *
close_svg (GString *svg)
{
  g_string_append (svg, "</svg>\n");
  return svg;
}

static void
append_not_recorded (GString *svg, double x, double y, double width, double height)
{
  g_string_append (svg, "<rect");
  append_attribute (svg, "x", x);
  append_attribute (svg, "y", y);
  append_attribute (svg, "width", width);
  append_attribute (svg, "height", height);
  g_string_append (svg, " fill=\"#f2f2f2\" stroke=\"" AXIS_COLOUR "\"/>");
  append_text (svg, x + width / 2, y + height / 2 + FONT / 3, "middle", FONT,
               "class=\"not-recorded\"", PLENUM_SVG_PLOT_NOT_RECORDED);
  g_string_append_c (svg, '\n');
}

/* ---- Time axis and markers, shared by line and lane charts ---- */

typedef struct {
  double left, right;       /* of the plot, in viewBox units */
  double t0, t1;
} TimeScale;

static double
x_of (const TimeScale *scale, double t)
{
  double x = scale->left + (t - scale->t0) / (scale->t1 - scale->t0) * (scale->right - scale->left);

  return CLAMP (x, scale->left, scale->right);
}

static void
append_time_ticks (GString *svg, const TimeScale *scale, double top, double bottom, gboolean grid)
{
  double step = plenum_svg_plot_time_step (scale->t1 - scale->t0, 5);
  gboolean hours = scale->t1 >= 3600;

  g_string_append (svg, "<g class=\"x-axis\">");
  for (double t = ceil (scale->t0 / step) * step; t <= scale->t1 + step * 1e-9; t += step) {
    double x = x_of (scale, t);
    g_autofree char *label = plenum_svg_plot_format_time (t, hours);

    if (grid && t > scale->t0) {
      g_string_append (svg, "<path d=\"M");
      append_coordinate (svg, x);
      g_string_append_c (svg, ' ');
      append_coordinate (svg, top);
      g_string_append (svg, "V");
      append_coordinate (svg, bottom);
      g_string_append (svg, "\" stroke=\"" GRID_COLOUR "\"/>");
    }
    g_string_append (svg, "<path d=\"M");
    append_coordinate (svg, x);
    g_string_append_c (svg, ' ');
    append_coordinate (svg, bottom);
    g_string_append (svg, "v5\" stroke=\"" AXIS_COLOUR "\"/>");
    /* The first label starts at the axis and the last ends at it, so neither is cut. */
    append_text (svg, x, bottom + 20,
                 x - scale->left < 30 ? "start" : scale->right - x < 30 ? "end" : "middle",
                 FONT, NULL, label);
  }
  g_string_append (svg, "</g>\n");
}

static int
compare_markers (gconstpointer a, gconstpointer b)
{
  const PlenumPlotMarker *first = a, *second = b;

  return (first->t_s > second->t_s) - (first->t_s < second->t_s);
}

/* Dashed vertical lines from `top` to `bottom`, labels above `top`, each cut to the room before
 * the next marker. */
static void
append_markers (GString *svg, const TimeScale *scale, const PlenumPlotMarker *markers,
                guint n_markers, double top, double bottom)
{
  g_autoptr (GArray) sorted = g_array_new (FALSE, FALSE, sizeof (PlenumPlotMarker));

  for (guint i = 0; i < n_markers; i++)
    if (isfinite (markers[i].t_s) && markers[i].t_s >= scale->t0 && markers[i].t_s <= scale->t1)
      g_array_append_val (sorted, markers[i]);
  if (sorted->len == 0)
    return;
  g_array_sort (sorted, compare_markers);
  g_string_append (svg, "<g class=\"markers\">");
  for (guint i = 0; i < sorted->len; i++) {
    const PlenumPlotMarker *marker = &g_array_index (sorted, PlenumPlotMarker, i);
    double x = x_of (scale, marker->t_s);
    double next = i + 1 < sorted->len
                      ? x_of (scale, g_array_index (sorted, PlenumPlotMarker, i + 1).t_s)
                      : WIDTH;
    long room = (long) ((next - x - 8) / (SMALL_FONT * CHAR_ADVANCE));
    g_autofree char *label = cut_marker_label (marker->label, room);

    g_string_append (svg, "<path d=\"M");
    append_coordinate (svg, x);
    g_string_append_c (svg, ' ');
    append_coordinate (svg, top - 14);
    g_string_append (svg, "V");
    append_coordinate (svg, bottom);
    g_string_append (svg, "\" stroke=\"" MARKER_COLOUR "\" stroke-dasharray=\"4 3\"/>");
    if (label[0] != '\0')
      append_text (svg, x + 3, top - 4, NULL, SMALL_FONT, NULL, label);
  }
  g_string_append (svg, "</g>\n");
}

static void
append_marker_description (GString *description, const PlenumPlotMarker *markers,
                           guint n_markers, gboolean hours)
{
  if (n_markers == 0)
    return;
  g_string_append (description, " Markierungen:");
  for (guint i = 0; i < n_markers; i++) {
    g_autofree char *at = plenum_svg_plot_format_time (markers[i].t_s, hours);

    g_string_append_printf (description, "%s %s (%s)", i > 0 ? ";" : "",
                            markers[i].label != NULL ? markers[i].label : "", at);
  }
  g_string_append_c (description, '.');
}

/* ---- Line chart ---- */

#define LINE_LEFT 52.0
#define LINE_RIGHT (WIDTH - 14)
#define LINE_TOP 40.0
#define LINE_PLOT_HEIGHT 200.0
#define LEGEND_ROW 24.0

typedef struct {
  double min, max, sum;
  guint count;
} Stats;

static Stats
stats_of (const GArray *points)
{
  Stats stats = { INFINITY, -INFINITY, 0, 0 };

  for (guint i = 0; points != NULL && i < points->len; i++) {
    double value = g_array_index (points, PlenumPoint, i).value;

    if (!isfinite (value))
      continue;
    stats.min = MIN (stats.min, value);
    stats.max = MAX (stats.max, value);
    stats.sum += value;
    stats.count++;
  }
  return stats;
}

/* Enough decimals to tell the ticks apart: 0 for 5, 1 for 0.5, 2 for 0.25. */
static guint
decimals_for (double step)
{
  for (guint decimals = 0; decimals < 6; decimals++) {
    double scaled = step * pow (10, decimals);

    if (fabs (scaled - round (scaled)) < 1e-6)
      return decimals;
  }
  return 6;
}

typedef struct {
  double lo, hi, top, bottom;
} ValueScale;

static double
y_of (const ValueScale *scale, double value)
{
  double y = scale->bottom - (value - scale->lo) / (scale->hi - scale->lo) * (scale->bottom - scale->top);

  return CLAMP (y, scale->top, scale->bottom);
}

/* One gap-free run as a path (or a dot when it is a single sample). */
static void
append_run (GString *svg, const TimeScale *time, const ValueScale *values, const PlenumPoint *run,
            guint n, gboolean steps, guint style)
{
  g_autoptr (GArray) thinned = plenum_svg_plot_thin (run, n, time->t0, time->t1,
                                                      (guint) (time->right - time->left));
  const PlenumPoint *points = (const PlenumPoint *) (void *) thinned->data;
  double last_y = NAN;

  if (thinned->len == 1) {
    g_string_append (svg, "<circle class=\"data\"");
    append_attribute (svg, "cx", x_of (time, points[0].t_s));
    append_attribute (svg, "cy", y_of (values, points[0].value));
    g_string_append_printf (svg, " r=\"2.5\" fill=\"%s\"/>", styles[style].colour);
    return;
  }
  g_string_append (svg, "<path class=\"data\" d=\"M");
  for (guint i = 0; i < thinned->len; i++) {
    double x = x_of (time, points[i].t_s), y = y_of (values, points[i].value);
    gboolean last = i + 1 == thinned->len;

    if (i == 0) {
      append_coordinate (svg, x);
      g_string_append_c (svg, ' ');
      append_coordinate (svg, y);
    } else if (steps) {
      /* Hold the value; draw only where it changes, and to the end. */
      if (fabs (y - last_y) >= 0.05) {
        g_string_append_c (svg, 'H');
        append_coordinate (svg, x);
        g_string_append_c (svg, 'V');
        append_coordinate (svg, y);
      } else if (last) {
        g_string_append_c (svg, 'H');
        append_coordinate (svg, x);
      } else {
        continue;
      }
    } else {
      /* The middle of three points at one height adds nothing. */
      double next_y = last ? NAN : y_of (values, points[i + 1].value);

      if (!last && fabs (y - last_y) < 0.05 && fabs (y - next_y) < 0.05)
        continue;
      g_string_append_c (svg, ' ');
      append_coordinate (svg, x);
      g_string_append_c (svg, ' ');
      append_coordinate (svg, y);
    }
    last_y = y;
  }
  g_string_append_printf (svg, "\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
                          "stroke-linejoin=\"round\"", styles[style].colour);
  if (styles[style].dash != NULL)
    g_string_append_printf (svg, " stroke-dasharray=\"%s\"", styles[style].dash);
  g_string_append (svg, "/>");
}

static void
append_series (GString *svg, const TimeScale *time, const ValueScale *values,
               const GArray *points, gboolean steps, guint style)
{
  guint start = 0;

  if (points == NULL)
    return;
  g_string_append (svg, "<g class=\"series\">");
  while (start < points->len) {
    guint end;

    if (!isfinite (g_array_index (points, PlenumPoint, start).value)) {
      start++;
      continue;
    }
    for (end = start; end < points->len; end++)
      if (!isfinite (g_array_index (points, PlenumPoint, end).value))
        break;
    append_run (svg, time, values, &g_array_index (points, PlenumPoint, start), end - start,
                steps, style);
    start = end;
  }
  g_string_append (svg, "</g>\n");
}

static void
append_legend_sample (GString *svg, double x, double y, guint style)
{
  g_string_append (svg, "<path d=\"M");
  append_coordinate (svg, x);
  g_string_append_c (svg, ' ');
  append_coordinate (svg, y);
  g_string_append_printf (svg, "h28\" stroke=\"%s\" stroke-width=\"3\"", styles[style].colour);
  if (styles[style].dash != NULL)
    g_string_append_printf (svg, " stroke-dasharray=\"%s\"", styles[style].dash);
  g_string_append (svg, "/>");
}

static char *
legend_label (const PlenumPlotSeries *series, gboolean recorded)
{
  const char *label = series->label != NULL ? series->label : "";

  return recorded ? g_strdup (label) : g_strconcat (label, " (nicht aufgezeichnet)", NULL);
}

/* Lays the legend out in rows; appends it when `svg` is not NULL. Returns the rows. */
static guint
layout_legend (GString *svg, const PlenumLineChart *chart, const Stats *stats, double top)
{
  double x = LINE_LEFT, limit = WIDTH - 8;
  guint rows = 1;

  if (svg != NULL)
    g_string_append (svg, "<g class=\"legend\">");
  for (guint i = 0; i < chart->n_series; i++) {
    g_autofree char *full = legend_label (&chart->series[i], stats[i].count > 0);
    g_autofree char *label = cut_text (full, (long) ((limit - LINE_LEFT - 34) / (FONT * CHAR_ADVANCE)));
    double width = 34 + text_width (label, FONT);

    if (x > LINE_LEFT && x + width > limit) {
      rows++;
      x = LINE_LEFT;
    }
    if (svg != NULL) {
      double y = top + (rows - 1) * LEGEND_ROW;

      append_legend_sample (svg, x, y - 5, i % G_N_ELEMENTS (styles));
      append_text (svg, x + 34, y, NULL, FONT, NULL, label);
    }
    x += width + 18;
  }
  if (svg != NULL)
    g_string_append (svg, "</g>\n");
  return rows;
}

static char *
describe_line_chart (const PlenumLineChart *chart, const Stats *stats, const TimeScale *time,
                     gboolean recorded)
{
  GString *description = g_string_new (NULL);
  gboolean hours = time->t1 >= 3600;
  const char *unit = chart->unit != NULL ? chart->unit : "";
  guint decimals = chart->integer ? 0 : 1;

  if (!recorded) {
    g_string_append (description, PLENUM_SVG_PLOT_NOT_RECORDED ".");
  } else {
    g_autofree char *from = plenum_svg_plot_format_time (time->t0, hours);
    g_autofree char *to = plenum_svg_plot_format_time (time->t1, hours);

    g_string_append_printf (description, "Zeit %s bis %s.", from, to);
  }
  for (guint i = 0; recorded && i < chart->n_series; i++) {
    const char *label = chart->series[i].label != NULL ? chart->series[i].label : "Werte";

    if (stats[i].count == 0) {
      g_string_append_printf (description, " %s: nicht aufgezeichnet.", label);
    } else {
      g_autofree char *min = plenum_svg_plot_format_number (stats[i].min, decimals);
      g_autofree char *max = plenum_svg_plot_format_number (stats[i].max, decimals);
      g_autofree char *mean = plenum_svg_plot_format_number (stats[i].sum / stats[i].count, 1);

      g_string_append_printf (description, " %s: Minimum %s, Maximum %s, Mittel %s%s%s.",
                              label, min, max, mean, unit[0] != '\0' ? " " : "", unit);
    }
  }
  if (chart->has_reference && chart->reference_label != NULL)
    g_string_append_printf (description, " Bezugslinie: %s.", chart->reference_label);
  append_marker_description (description, chart->markers, chart->n_markers, hours);
  return g_string_free (description, FALSE);
}

GString *
plenum_svg_plot_line_chart (const PlenumLineChart *chart)
{
  g_autofree Stats *stats = g_new0 (Stats, MAX (chart->n_series, 1));
  TimeScale time = { LINE_LEFT, LINE_RIGHT, 0, chart->t_end_s };
  ValueScale values = { INFINITY, -INFINITY, LINE_TOP, LINE_TOP + LINE_PLOT_HEIGHT };
  gboolean recorded = FALSE;
  double last_t = 0, step, height, bottom = LINE_TOP + LINE_PLOT_HEIGHT;
  guint legend_rows = 0, decimals;
  g_autofree char *description = NULL;
  GString *svg;

  g_return_val_if_fail (chart != NULL && chart->id != NULL, NULL);
  for (guint i = 0; i < chart->n_series; i++) {
    const GArray *points = chart->series[i].points;

    stats[i] = stats_of (points);
    if (stats[i].count == 0)
      continue;
    recorded = TRUE;
    values.lo = MIN (values.lo, stats[i].min);
    values.hi = MAX (values.hi, stats[i].max);
    last_t = MAX (last_t, g_array_index (points, PlenumPoint, points->len - 1).t_s);
  }
  if (!isfinite (time.t1) || time.t1 <= 0)
    time.t1 = last_t > 0 ? last_t : 1;

  if (chart->has_reference && isfinite (chart->reference)) {
    values.lo = MIN (values.lo, chart->reference);
    values.hi = MAX (values.hi, chart->reference);
  }
  if (isfinite (chart->y_min))
    values.lo = chart->y_min;
  if (isfinite (chart->y_max))
    values.hi = chart->y_max;
  if (!isfinite (values.lo) || !isfinite (values.hi)) {
    values.lo = 0;
    values.hi = 1;
  }
  if (values.hi - values.lo < 1e-9) {
    if (isfinite (chart->y_max) || values.lo == 0)
      values.hi = values.lo + 1;
    else
      values.lo -= 1, values.hi += 1;
  }
  step = plenum_svg_plot_nice_step (values.hi - values.lo, 5, chart->integer);
  if (!isfinite (chart->y_min))
    values.lo = floor (values.lo / step + 1e-9) * step;
  if (!isfinite (chart->y_max))
    values.hi = ceil (values.hi / step - 1e-9) * step;
  decimals = decimals_for (step);

  if (recorded && chart->n_series > 1)
    legend_rows = layout_legend (NULL, chart, stats, 0);
  height = bottom + 34 + legend_rows * LEGEND_ROW + (legend_rows > 0 ? 4 : 0);
  description = describe_line_chart (chart, stats, &time, recorded);
  svg = open_svg (chart->id, height, chart->title != NULL ? chart->title : "", description);

  if (!recorded) {
    append_not_recorded (svg, LINE_LEFT, LINE_TOP, LINE_RIGHT - LINE_LEFT, LINE_PLOT_HEIGHT);
    return close_svg (svg);
  }

  /* The value axis: grid, labels, unit. */
  g_string_append (svg, "<g class=\"y-axis\">");
  for (double value = values.lo; value <= values.hi + step * 1e-6; value += step) {
    double y = y_of (&values, value);
    g_autofree char *label = plenum_svg_plot_format_number (value, decimals);

    g_string_append (svg, "<path d=\"M");
    append_coordinate (svg, LINE_LEFT);
    g_string_append_c (svg, ' ');
    append_coordinate (svg, y);
    g_string_append (svg, "H");
    append_coordinate (svg, LINE_RIGHT);
    g_string_append (svg, "\" stroke=\"" GRID_COLOUR "\"/>");
    append_text (svg, LINE_LEFT - 6, y + 5, "end", FONT, NULL, label);
  }
  if (chart->unit != NULL)
    append_text (svg, 4, LINE_TOP - 20, NULL, FONT, "font-weight=\"bold\"", chart->unit);
  g_string_append (svg, "</g>\n");
  append_time_ticks (svg, &time, LINE_TOP, bottom, TRUE);
  append_markers (svg, &time, chart->markers, chart->n_markers, LINE_TOP, bottom);

  if (chart->has_reference && isfinite (chart->reference)) {
    g_string_append (svg, "<path class=\"reference\" d=\"M");
    append_coordinate (svg, LINE_LEFT);
    g_string_append_c (svg, ' ');
    append_coordinate (svg, y_of (&values, chart->reference));
    g_string_append (svg, "H");
    append_coordinate (svg, LINE_RIGHT);
    g_string_append (svg, "\" stroke=\"" TEXT_COLOUR "\" stroke-width=\"1.5\" "
                          "stroke-dasharray=\"12 4 2 4\"/>\n");
  }
  /* The frame's left and bottom edges, under the data: a series at zero stays visible. */
  g_string_append (svg, "<path d=\"M");
  append_coordinate (svg, LINE_LEFT);
  g_string_append_c (svg, ' ');
  append_coordinate (svg, LINE_TOP);
  g_string_append (svg, "V");
  append_coordinate (svg, bottom);
  g_string_append (svg, "H");
  append_coordinate (svg, LINE_RIGHT);
  g_string_append (svg, "\" fill=\"none\" stroke=\"" AXIS_COLOUR "\"/>\n");

  for (guint i = 0; i < chart->n_series; i++)
    append_series (svg, &time, &values, chart->series[i].points, chart->steps,
                   i % G_N_ELEMENTS (styles));

  /* The reference's label over the data, on a white halo so it stays legible. */
  if (chart->has_reference && isfinite (chart->reference) && chart->reference_label != NULL)
    append_text (svg, LINE_RIGHT - 4, y_of (&values, chart->reference) - 6, "end", FONT,
                 "font-weight=\"bold\" stroke=\"#fff\" stroke-width=\"4\" "
                 "stroke-linejoin=\"round\" paint-order=\"stroke\"", chart->reference_label);
  if (legend_rows > 0)
    layout_legend (svg, chart, stats, bottom + 34 + LEGEND_ROW - 6);
  return close_svg (svg);
}

/* ---- Lane chart ---- */

/* The time axis lines up with the line charts' above and below it. */
#define LANE_LEFT LINE_LEFT
#define LANE_RIGHT LINE_RIGHT
#define LANE_TOP 34.0
#define LANE_PITCH 48.0
#define LANE_BAR 20.0

/* How much of each column (a unit of the axis wide) a lane is on, 0 … 1: element-type double.
 * `on_s` gets the lane's time on. */
static GArray *
lane_coverage (const TimeScale *time, const GArray *points, double window_s, double *on_s)
{
  guint columns = (guint) (time->right - time->left);
  double column_s = (time->t1 - time->t0) / columns;
  GArray *coverage = g_array_sized_new (FALSE, TRUE, sizeof (double), columns);

  g_array_set_size (coverage, columns);
  *on_s = 0;
  for (guint i = 0; i < points->len; i++) {
    const PlenumPoint *point = &g_array_index (points, PlenumPoint, i);
    double start = MAX (point->t_s, time->t0), end = MIN (point->t_s + window_s, time->t1);

    if (!isfinite (point->value) || point->value <= 0.5 || end <= start)
      continue;
    *on_s += end - start;
    for (guint c = (guint) ((start - time->t0) / column_s); c < columns; c++) {
      double from = time->t0 + c * column_s, to = from + column_s;

      if (from >= end)
        break;
      g_array_index (coverage, double, c) += (MIN (end, to) - MAX (start, from)) / column_s;
    }
  }
  return coverage;
}

/* Three shades: a column a third on or less is drawn light, one up to two thirds darker, one
 * more than two thirds in full, so a single second of a long show stays visible without
 * looking like a whole column of it. */
static guint
coverage_level (double coverage)
{
  if (coverage <= 1e-9)
    return 0;
  return coverage <= 1.0 / 3 ? 1 : coverage <= 2.0 / 3 ? 2 : 3;
}

static void
append_lane_columns (GString *svg, const TimeScale *time, const GArray *coverage, double y)
{
  static const char *const opacity[] = { NULL, "0.4", "0.7", NULL };
  double column_width = (time->right - time->left) / coverage->len;
  guint c = 0;

  while (c < coverage->len) {
    guint level = coverage_level (g_array_index (coverage, double, c)), end = c + 1;

    while (end < coverage->len && coverage_level (g_array_index (coverage, double, end)) == level)
      end++;
    if (level > 0) {
      g_string_append (svg, "<rect class=\"data\"");
      append_attribute (svg, "x", time->left + c * column_width);
      append_attribute (svg, "y", y);
      append_attribute (svg, "width", (end - c) * column_width);
      append_attribute (svg, "height", LANE_BAR);
      if (opacity[level] != NULL)
        g_string_append_printf (svg, " fill-opacity=\"%s\"", opacity[level]);
      g_string_append (svg, "/>");
    }
    c = end;
  }
}

static void
coverage_free (gpointer coverage)
{
  if (coverage != NULL)
    g_array_unref (coverage);
}

GString *
plenum_svg_plot_lane_chart (const PlenumLaneChart *chart)
{
  TimeScale time = { LANE_LEFT, LANE_RIGHT, 0, chart->t_end_s };
  double window_s = chart->window_s > 0 ? chart->window_s : 1;
  double lanes_bottom = LANE_TOP + chart->n_lanes * LANE_PITCH - (LANE_PITCH - LANE_BAR - 22);
  GString *description = g_string_new (chart->summary);
  g_autoptr (GPtrArray) coverages = g_ptr_array_new_with_free_func (coverage_free);
  g_autofree char *description_text = NULL;
  gboolean hours, recorded = FALSE;
  GString *svg;

  g_return_val_if_fail (chart != NULL && chart->id != NULL, NULL);
  if (!isfinite (time.t1) || time.t1 <= 0) {
    time.t1 = 0;
    for (guint i = 0; i < chart->n_lanes; i++) {
      const GArray *points = chart->lanes[i].points;

      if (points != NULL && points->len > 0)
        time.t1 = MAX (time.t1, g_array_index (points, PlenumPoint, points->len - 1).t_s + window_s);
    }
    if (time.t1 <= 0)
      time.t1 = 1;
  }
  hours = time.t1 >= 3600;
  for (guint i = 0; i < chart->n_lanes; i++) {
    const GArray *points = chart->lanes[i].points;
    const char *label = chart->lanes[i].label != NULL ? chart->lanes[i].label : "";
    g_autofree char *total = NULL;
    g_autofree char *share = NULL;
    double on_s;

    if (points == NULL || points->len == 0) {
      g_ptr_array_add (coverages, NULL);
      g_string_append_printf (description, "%s%s: nicht aufgezeichnet.",
                              description->len > 0 ? " " : "", label);
      continue;
    }
    recorded = TRUE;
    g_ptr_array_add (coverages, lane_coverage (&time, points, window_s, &on_s));
    total = plenum_svg_plot_format_time (on_s, hours);
    share = plenum_svg_plot_format_number (100 * on_s / (time.t1 - time.t0), 1);
    g_string_append_printf (description, "%s%s: %s (%s %% der Zeit).",
                            description->len > 0 ? " " : "", label, total, share);
  }
  append_marker_description (description, chart->markers, chart->n_markers, hours);
  description_text = g_string_free (description, FALSE);
  svg = open_svg (chart->id, lanes_bottom + 30, chart->title != NULL ? chart->title : "",
                  description_text);

  if (recorded)
    append_time_ticks (svg, &time, LANE_TOP, lanes_bottom, FALSE);
  /* Under the lanes' labels, which keep a white halo over them. */
  append_markers (svg, &time, chart->markers, chart->n_markers, LANE_TOP, lanes_bottom);
  for (guint i = 0; i < chart->n_lanes; i++) {
    const PlenumPlotLane *lane = &chart->lanes[i];
    const GArray *coverage = g_ptr_array_index (coverages, i);
    double y = LANE_TOP + i * LANE_PITCH + 22;
    const char *colour = lane->colour != NULL ? lane->colour
                                              : styles[i % G_N_ELEMENTS (styles)].colour;

    append_text (svg, 8, y - 6, NULL, FONT,
                 "font-weight=\"bold\" stroke=\"#fff\" stroke-width=\"4\" "
                 "stroke-linejoin=\"round\" paint-order=\"stroke\"",
                 lane->label != NULL ? lane->label : "");
    if (coverage == NULL) {
      append_not_recorded (svg, LANE_LEFT, y, LANE_RIGHT - LANE_LEFT, LANE_BAR);
      continue;
    }
    g_string_append (svg, "<rect");
    append_attribute (svg, "x", LANE_LEFT);
    append_attribute (svg, "y", y);
    append_attribute (svg, "width", LANE_RIGHT - LANE_LEFT);
    append_attribute (svg, "height", LANE_BAR);
    g_string_append (svg, " fill=\"#f2f2f2\" stroke=\"" AXIS_COLOUR "\"/>");
    g_string_append_printf (svg, "<g class=\"lane\" fill=\"%s\">", colour);
    append_lane_columns (svg, &time, coverage, y);
    g_string_append (svg, "</g>\n");
  }
  return close_svg (svg);
}

/* ---- Bar chart ---- */

#define BAR_PITCH 32.0
#define BAR_HEIGHT 20.0
#define BAR_TOP 8.0

GString *
plenum_svg_plot_bar_chart (const char *id, const char *title, const GPtrArray *counts,
                           const char *(*labels) (const char *label))
{
  GString *description = g_string_new (NULL);
  g_autofree char *description_text = NULL;
  guint n = counts != NULL ? counts->len : 0, most = 1;
  double label_width = 0, bars_left, bars_right = WIDTH - 50;
  GString *svg;

  g_return_val_if_fail (id != NULL, NULL);
  for (guint i = 0; i < n; i++) {
    const PlenumCount *count = g_ptr_array_index (counts, i);
    const char *label = labels != NULL && labels (count->label) != NULL ? labels (count->label)
                                                                         : count->label;
    g_autofree char *shown = plenum_svg_plot_format_number (count->count, 0);

    most = MAX (most, count->count);
    label_width = MAX (label_width, text_width (label != NULL ? label : "", FONT));
    g_string_append_printf (description, "%s%s: %s.", i > 0 ? " " : "",
                            label != NULL ? label : "", shown);
  }
  if (n == 0)
    g_string_append (description, PLENUM_SVG_PLOT_NOT_RECORDED ".");
  label_width = CLAMP (label_width, 60, 180);
  bars_left = 8 + label_width + 10;
  description_text = g_string_free (description, FALSE);
  svg = open_svg (id, n == 0 ? 72 : BAR_TOP * 2 + n * BAR_PITCH, title != NULL ? title : "",
                  description_text);
  if (n == 0) {
    append_not_recorded (svg, 8, 8, WIDTH - 16, 56);
    return close_svg (svg);
  }
  for (guint i = 0; i < n; i++) {
    const PlenumCount *count = g_ptr_array_index (counts, i);
    const char *label = labels != NULL && labels (count->label) != NULL ? labels (count->label)
                                                                         : count->label;
    g_autofree char *cut = cut_text (label, lround (label_width / (FONT * CHAR_ADVANCE)));
    g_autofree char *shown = plenum_svg_plot_format_number (count->count, 0);
    double y = BAR_TOP + i * BAR_PITCH + (BAR_PITCH - BAR_HEIGHT) / 2;
    double width = (bars_right - bars_left) * count->count / most;

    append_text (svg, 8 + label_width, y + BAR_HEIGHT / 2 + 5, "end", FONT, NULL, cut);
    g_string_append (svg, "<rect class=\"data\"");
    append_attribute (svg, "x", bars_left);
    append_attribute (svg, "y", y);
    append_attribute (svg, "width", width);
    append_attribute (svg, "height", BAR_HEIGHT);
    g_string_append_printf (svg, " fill=\"%s\"/>", styles[0].colour);
    append_text (svg, bars_left + width + 6, y + BAR_HEIGHT / 2 + 5, NULL, FONT,
                 "font-weight=\"bold\"", shown);
    g_string_append_c (svg, '\n');
  }
  g_string_append (svg, "<path d=\"M");
  append_coordinate (svg, bars_left);
  g_string_append_c (svg, ' ');
  append_coordinate (svg, BAR_TOP);
  g_string_append (svg, "V");
  append_coordinate (svg, BAR_TOP + n * BAR_PITCH);
  g_string_append (svg, "\" stroke=\"" AXIS_COLOUR "\"/>\n");
  return close_svg (svg);
}

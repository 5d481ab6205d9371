#include "studio/archive_report.h"

#include <math.h>
#include <string.h>

#include "studio/svg_plot.h"

/* Contrast on white (or on the box's own background): text #1a1a1a 17.4:1, English lines and
 * secondary text #4d4d4d 8.4:1, "complete" #0b5a1f on #e8f5ec 7.5:1, "incomplete" #8b0000 on
 * #fdecea 8.7:1. Everything that holds text from the facts may break anywhere, so a long name
 * without spaces cannot widen the page; column headings break only between words, so a narrow
 * table squeezes the facts' column rather than splitting "Gesendet". Charts stay at 40rem, where
 * their text is about 17 px. */
static const char style[] =
  "html{background:#fff;color:#1a1a1a}"
  "body{margin:0;font:1rem/1.5 system-ui,\"Segoe UI\",Roboto,\"DejaVu Sans\",sans-serif}"
  "main{max-width:60rem;margin:0 auto;padding:1rem 1.5rem 3rem}"
  "h1{font-size:1.8rem;line-height:1.2;margin:.25rem 0 1rem}"
  "h2{font-size:1.4rem;line-height:1.25;margin:2.5rem 0 .75rem;padding-top:1rem;"
  "border-top:2px solid #d9d9d9}"
  "h3{font-size:1.15rem;line-height:1.25;margin:1.5rem 0 .5rem}"
  ".en,.sub{display:block;font-size:.8em;font-weight:normal;color:#4d4d4d}"
  "p,li,dd,dt,h1,h2,h3{overflow-wrap:anywhere}"
  ".show{font-weight:bold;font-size:1.1rem;margin:0}"
  ".status{border-left:.5rem solid;padding:.6rem 1rem;margin:1rem 0;font-weight:bold;"
  "font-size:1.15rem}"
  ".status .en{color:inherit}"
  ".ok{background:#e8f5ec;color:#0b5a1f;border-color:#0b5a1f}"
  ".bad{background:#fdecea;color:#8b0000;border-color:#8b0000}"
  ".figures{display:flex;flex-wrap:wrap;gap:.5rem 2.5rem;margin:1rem 0}"
  ".figure{margin:0}"
  ".figure .value{display:block;font-size:2.4rem;font-weight:bold;line-height:1.15;"
  "font-variant-numeric:tabular-nums}"
  ".figure .label{display:block;color:#4d4d4d}"
  "table{width:100%;border-collapse:collapse;margin:.5rem 0 1rem}"
  "th,td{text-align:left;vertical-align:top;padding:.35rem .4rem;"
  "border-bottom:1px solid #bfbfbf;overflow-wrap:break-word}"
  "tbody th,tbody td{overflow-wrap:anywhere}"
  "th:first-child,td:first-child{padding-left:0}th:last-child,td:last-child{padding-right:0}"
  "thead th{border-bottom:2px solid #1a1a1a}"
  "tbody th{font-weight:normal}"
  ".facts tbody th{color:#4d4d4d;width:35%}"
  ".num{text-align:right;font-variant-numeric:tabular-nums}"
  "td.num{white-space:nowrap}"
  "figure{margin:1rem 0 1.5rem;max-width:40rem}"
  "figure svg{display:block;width:100%;height:auto}"
  "footer{margin-top:3rem;color:#4d4d4d;font-size:.9rem}"
  "@media (max-width:30rem){main{padding:.75rem .75rem 2rem}h1{font-size:1.5rem}"
  "h2{font-size:1.25rem}.figure .value{font-size:2rem}.facts tbody th{width:40%}"
  "th,td{padding:.35rem .3rem}}";

/* The target of EBU R 128. */
#define TARGET_LUFS -23.0
/* Short-term loudness below this is silence; the chart does not reach further down. */
#define LOUDNESS_FLOOR_LUFS -60.0

static void
append_escaped (GString *html, const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (html, escaped);
}

/* German text with its English line below. */
static void
append_bilingual (GString *html, const char *german, const char *english)
{
  append_escaped (html, german);
  g_string_append (html, "<span class=\"en\" lang=\"en\">");
  append_escaped (html, english);
  g_string_append (html, "</span>");
}

static void
open_section (GString *html, const char *id, const char *german, const char *english)
{
  g_string_append_printf (html, "<section aria-labelledby=\"%s\">\n<h2 id=\"%s\">", id, id);
  append_bilingual (html, german, english);
  g_string_append (html, "</h2>\n");
}

static void
close_section (GString *html)
{
  g_string_append (html, "</section>\n");
}

static void
append_figure (GString *html, GString *svg /* transfer full */)
{
  g_string_append (html, "<figure>\n");
  g_string_append_len (html, svg->str, svg->len);
  g_string_append (html, "</figure>\n");
  g_string_free (svg, TRUE);
}

/* A row of a facts table: a header cell and the value, already HTML. */
static void
append_fact_row (GString *html, const char *german, const char *english, const char *value_html)
{
  g_string_append (html, "<tr><th scope=\"row\">");
  append_bilingual (html, german, english);
  g_string_append_printf (html, "</th><td>%s</td></tr>\n", value_html);
}

static char *
escaped_or_dash (const char *text)
{
  return text != NULL && text[0] != '\0' ? g_markup_escape_text (text, -1) : g_strdup ("–");
}

static gboolean
uses_hours (const PlenumArchiveFacts *facts)
{
  return isfinite (facts->duration_s) && facts->duration_s >= 3600;
}

static char *
format_time (const PlenumArchiveFacts *facts, double t_s)
{
  if (!isfinite (t_s))
    return g_strdup ("–");
  return plenum_svg_plot_format_time (t_s, uses_hours (facts));
}

/* "1,23 GB": decimal units, as file managers show them. */
static char *
format_bytes (guint64 bytes)
{
  static const char *const units[] = { "Byte", "kB", "MB", "GB", "TB" };
  double value = bytes;
  guint unit = 0;
  g_autofree char *number = NULL;

  while (value >= 1000 && unit + 1 < G_N_ELEMENTS (units)) {
    value /= 1000;
    unit++;
  }
  number = plenum_svg_plot_format_number (value, unit == 0 ? 0 : value < 10 ? 2 : 1);
  return g_strdup_printf ("%s %s", number, units[unit]);
}

static char *
format_percent (double share)
{
  g_autofree char *number = plenum_svg_plot_format_number (100 * share, 1);

  return isfinite (share) ? g_strdup_printf ("%s %%", number) : g_strdup ("–");
}

static const char *
source_label (const char *source)
{
  static const struct { const char *source, *label; } labels[] = {
    { "youtube", "YouTube" },
    { "facebook", "Facebook" },
    { "form", "Webformular / form" },
    { "operator", "Regie / operator" },
  };

  for (guint i = 0; source != NULL && i < G_N_ELEMENTS (labels); i++)
    if (strcmp (source, labels[i].source) == 0)
      return labels[i].label;
  return NULL;
}

static const char *
state_label (const char *state)
{
  static const struct { const char *state, *label; } labels[] = {
    { "new", "neu / new" },
    { "held", "zurückgestellt / held" },
    { "approved", "freigegeben / approved" },
    { "rejected", "abgelehnt / rejected" },
    { "on_air", "auf Sendung / on air" },
    { "answered", "beantwortet / answered" },
  };

  for (guint i = 0; state != NULL && i < G_N_ELEMENTS (labels); i++)
    if (strcmp (state, labels[i].state) == 0)
      return labels[i].label;
  return NULL;
}

static const char *
output_state_label (const char *state)
{
  static const struct { const char *state, *label; } labels[] = {
    { "live", "live" },
    { "connecting", "verbindet / connecting" },
    { "retrying", "neuer Versuch / retrying" },
    { "failed", "fehlgeschlagen / failed" },
  };

  for (guint i = 0; state != NULL && i < G_N_ELEMENTS (labels); i++)
    if (strcmp (state, labels[i].state) == 0)
      return labels[i].label;
  return state;
}

/* The chapters as markers for every time chart: "1 Begrüßung". */
typedef struct {
  GArray *markers;          /* element-type PlenumPlotMarker, labels owned by `labels` */
  GPtrArray *labels;
} Markers;

static void
markers_init (Markers *markers, const PlenumArchiveFacts *facts)
{
  markers->markers = g_array_new (FALSE, FALSE, sizeof (PlenumPlotMarker));
  markers->labels = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < facts->chapters->len; i++) {
    const PlenumChapterFacts *chapter = g_ptr_array_index (facts->chapters, i);
    char *label = g_strdup_printf ("%u %s", i + 1, chapter->title != NULL ? chapter->title : "");
    PlenumPlotMarker marker = { chapter->start_s, label };

    g_ptr_array_add (markers->labels, label);
    g_array_append_val (markers->markers, marker);
  }
}

static void
markers_clear (Markers *markers)
{
  g_array_unref (markers->markers);
  g_ptr_array_unref (markers->labels);
}

static void
append_head (GString *html, const PlenumArchiveFacts *facts)
{
  g_string_append (html, "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n"
                         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                         "'none'; style-src 'unsafe-inline'; img-src data:\">\n"
                         "<meta name=\"viewport\" content=\"width=device-width, "
                         "initial-scale=1\">\n<title>Archivbericht");
  if (facts->name != NULL && facts->name[0] != '\0') {
    g_string_append (html, " – ");
    append_escaped (html, facts->name);
  }
  if (facts->run != NULL && facts->run[0] != '\0') {
    g_string_append (html, " – ");
    append_escaped (html, facts->run);
  }
  g_string_append_printf (html, "</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n<header>\n"
                          "<p class=\"show\">", style);
  append_escaped (html, facts->name != NULL && facts->name[0] != '\0' ? facts->name
                                                                       : "(ohne Namen)");
  g_string_append (html, "</p>\n<h1>");
  append_bilingual (html, "Archivbericht", "Archive report");
  g_string_append (html, "</h1>\n</header>\n");
}

static void
append_summary (GString *html, const PlenumArchiveFacts *facts)
{
  g_autofree char *name = escaped_or_dash (facts->name);
  g_autofree char *run = escaped_or_dash (facts->run);
  g_autofree char *duration = format_time (facts, facts->duration_s);
  g_autofree char *frames = plenum_svg_plot_format_number ((double) facts->video_frames, 0);
  g_autofree char *dropped = plenum_svg_plot_format_number ((double) facts->dropped_total, 0);
  g_autofree char *duration_html = NULL;
  GString *repaired = g_string_new (NULL);

  open_section (html, "summary", "Zusammenfassung", "Summary");
  if (facts->complete) {
    g_string_append (html, "<p class=\"status ok\"><span aria-hidden=\"true\">✓ </span>");
    append_bilingual (html, "vollständig", "complete: the package is ready");
  } else {
    g_autofree char *reason = g_strconcat ("unvollständig: ", facts->incomplete_reason != NULL
                                                                   ? facts->incomplete_reason
                                                                   : "ohne Angabe", NULL);

    g_string_append (html, "<p class=\"status bad\"><span aria-hidden=\"true\">✗ </span>");
    append_bilingual (html, reason, "incomplete: the package is not ready");
  }
  g_string_append (html, "</p>\n<table class=\"facts\">\n<tbody>\n");
  append_fact_row (html, "Sendung", "Show", name);
  append_fact_row (html, "Lauf", "Run", run);
  duration_html = isfinite (facts->duration_s)
                      ? g_strdup_printf ("%s <span class=\"en\">(%s)</span>", duration,
                                         uses_hours (facts) ? "H:MM:SS" : "M:SS")
                      : g_strdup ("– nicht aufgezeichnet / not recorded");
  append_fact_row (html, "Dauer", "Duration", duration_html);
  append_fact_row (html, "Videobilder", "Video frames", frames);
  append_fact_row (html, "Verworfene Bilder", "Dropped frames", dropped);
  if (facts->repaired) {
    g_string_append (repaired, "ja / yes");
    if (facts->repair_note != NULL && facts->repair_note[0] != '\0') {
      g_string_append (repaired, " – ");
      append_escaped (repaired, facts->repair_note);
    }
  } else {
    g_string_append (repaired, "nein / no");
  }
  append_fact_row (html, "Aufnahme repariert", "Recording repaired", repaired->str);
  g_string_free (repaired, TRUE);
  g_string_append (html, "</tbody>\n</table>\n<h3>");
  append_bilingual (html, "Hinweise", "Problems");
  g_string_append (html, "</h3>\n");
  if (facts->problems->len == 0) {
    g_string_append (html, "<p>keine / none</p>\n");
  } else {
    g_string_append (html, "<ul>\n");
    for (guint i = 0; i < facts->problems->len; i++) {
      g_string_append (html, "<li>");
      append_escaped (html, g_ptr_array_index (facts->problems, i));
      g_string_append (html, "</li>\n");
    }
    g_string_append (html, "</ul>\n");
  }
  close_section (html);
}

/* Speech windows without a caption on screen: 1 where `speech` is 1 and `captioned` at the
 * same time is not. Empty when either is not recorded. */
static GArray *
uncaptioned_speech (const GArray *speech, const GArray *captioned)
{
  GArray *gaps = g_array_new (FALSE, FALSE, sizeof (PlenumPoint));
  guint k = 0;

  if (speech->len == 0 || captioned->len == 0)
    return gaps;
  for (guint i = 0; i < speech->len; i++) {
    PlenumPoint point = g_array_index (speech, PlenumPoint, i);
    gboolean caption = FALSE;

    while (k < captioned->len && g_array_index (captioned, PlenumPoint, k).t_s < point.t_s - 1e-3)
      k++;
    if (k < captioned->len && fabs (g_array_index (captioned, PlenumPoint, k).t_s - point.t_s) < 1e-3)
      caption = g_array_index (captioned, PlenumPoint, k).value > 0.5;
    if (isfinite (point.value))
      point.value = point.value > 0.5 && !caption ? 1 : 0;
    g_array_append_val (gaps, point);
  }
  return gaps;
}

static void
append_figure_item (GString *html, const char *value, const char *german, const char *english)
{
  g_string_append_printf (html, "<p class=\"figure\"><span class=\"value\">%s</span>"
                                "<span class=\"label\">", value);
  append_escaped (html, german);
  g_string_append (html, " / <span lang=\"en\">");
  append_escaped (html, english);
  g_string_append (html, "</span></span></p>\n");
}

static void
append_captions (GString *html, const PlenumArchiveFacts *facts, const Markers *markers)
{
  g_autofree char *coverage = format_percent (facts->caption_coverage);
  g_autofree char *minimum = format_percent (facts->min_caption_coverage);
  g_autofree char *speech = format_time (facts, facts->speech_s);
  g_autofree char *captioned = format_time (facts, facts->captioned_speech_s);
  g_autofree char *cues = plenum_svg_plot_format_number (facts->cue_count, 0);
  g_autoptr (GArray) gaps = uncaptioned_speech (facts->speech, facts->captioned);
  PlenumPlotLane lanes[] = {
    { "Sprache / speech", facts->speech, "#0072B2" },
    { "Untertitel im Bild / caption on screen", facts->captioned, "#009E73" },
    { "Sprache ohne Untertitel / speech without captions", gaps, "#D55E00" },
  };
  PlenumLaneChart chart = {
    .id = "chart-captions",
    .title = "Sprache und Untertitel über die Zeit / Speech and captions over time",
    .lanes = lanes,
    .n_lanes = G_N_ELEMENTS (lanes),
    .window_s = 1,
    .t_end_s = facts->duration_s,
    .markers = (const PlenumPlotMarker *) (void *) markers->markers->data,
    .n_markers = markers->markers->len,
  };
  g_autofree char *summary = NULL;

  open_section (html, "captions", "Untertitel", "Captions");
  g_string_append (html, "<div class=\"figures\">\n");
  append_figure_item (html, coverage, "der Sprache untertitelt", "of speech captioned");
  append_figure_item (html, minimum, "Mindestwert", "minimum");
  append_figure_item (html, cues, "Untertitel-Einblendungen", "caption cues");
  g_string_append (html, "</div>\n");
  if (!isfinite (facts->caption_coverage)) {
    g_string_append (html, "<p>");
    append_bilingual (html, "Keine Sprache erkannt: Abdeckung nicht messbar.",
                      "No speech detected: coverage cannot be measured.");
  } else if (isfinite (facts->min_caption_coverage) &&
             facts->caption_coverage + 1e-9 < facts->min_caption_coverage) {
    g_string_append (html, "<p class=\"status bad\"><span aria-hidden=\"true\">✗ </span>");
    append_bilingual (html, "Mindestwert nicht erreicht", "below the minimum");
  } else if (isfinite (facts->min_caption_coverage)) {
    g_string_append (html, "<p class=\"status ok\"><span aria-hidden=\"true\">✓ </span>");
    append_bilingual (html, "Mindestwert erreicht", "minimum reached");
  } else {
    g_string_append (html, "<p>");
    append_bilingual (html, "Kein Mindestwert festgelegt.", "No minimum set.");
  }
  g_string_append (html, "</p>\n<table class=\"facts\">\n<tbody>\n");
  append_fact_row (html, "Sprache", "Speech", speech);
  append_fact_row (html, "davon untertitelt", "of which captioned", captioned);
  g_string_append (html, "</tbody>\n</table>\n");
  summary = g_strdup_printf ("%s der Sprache untertitelt (Mindestwert %s).", coverage, minimum);
  chart.summary = summary;
  append_figure (html, plenum_svg_plot_lane_chart (&chart));
  close_section (html);
}

static void
append_loudness (GString *html, const PlenumArchiveFacts *facts, const Markers *markers)
{
  g_autofree char *integrated = plenum_svg_plot_format_number (facts->integrated_lufs, 1);
  g_autofree char *integrated_text = isfinite (facts->integrated_lufs)
                                         ? g_strdup_printf ("%s LUFS", integrated)
                                         : g_strdup ("–");
  g_autofree char *target = plenum_svg_plot_format_number (TARGET_LUFS, 0);
  g_autofree char *target_text = g_strdup_printf ("%s LUFS", target);
  g_autofree char *reference = g_strdup_printf ("Ziel / target %s LUFS", target);
  PlenumPlotSeries series = { "Kurzzeit-Lautheit (3 s) / short-term loudness",
                              facts->loudness_lufs };
  PlenumLineChart chart = {
    .id = "chart-loudness",
    .title = "Lautheit über die Zeit / Loudness over time",
    .unit = "LUFS",
    .series = &series,
    .n_series = 1,
    .t_end_s = facts->duration_s,
    .y_min = NAN,
    .y_max = NAN,
    .has_reference = TRUE,
    .reference = TARGET_LUFS,
    .reference_label = reference,
    .markers = (const PlenumPlotMarker *) (void *) markers->markers->data,
    .n_markers = markers->markers->len,
  };
  double lowest = INFINITY;

  for (guint i = 0; i < facts->loudness_lufs->len; i++) {
    double value = g_array_index (facts->loudness_lufs, PlenumPoint, i).value;

    if (isfinite (value))
      lowest = MIN (lowest, value);
  }
  if (lowest < LOUDNESS_FLOOR_LUFS)
    chart.y_min = LOUDNESS_FLOOR_LUFS;

  open_section (html, "loudness", "Lautheit", "Loudness");
  g_string_append (html, "<div class=\"figures\">\n");
  append_figure_item (html, integrated_text, "integriert", "integrated");
  append_figure_item (html, target_text, "Ziel (EBU R 128)", "target");
  g_string_append (html, "</div>\n");
  append_figure (html, plenum_svg_plot_line_chart (&chart));
  close_section (html);
}

static char *
output_label (const PlenumOutputFacts *output)
{
  return g_strdup_printf ("%s (%s)", output->id != NULL ? output->id : "?",
                          output->kind != NULL ? output->kind : "?");
}

static void
append_outputs (GString *html, const PlenumArchiveFacts *facts, const Markers *markers)
{
  guint n = facts->outputs->len;
  g_autofree PlenumPlotSeries *bitrates = g_new0 (PlenumPlotSeries, MAX (n, 1));
  g_autofree PlenumPlotSeries *reconnects = g_new0 (PlenumPlotSeries, MAX (n, 1));
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  PlenumLineChart bitrate_chart = {
    .id = "chart-bitrate",
    .title = "Bitrate je Ausgang über die Zeit / Bitrate per output over time",
    .unit = "kbit/s",
    .series = bitrates,
    .n_series = n,
    .t_end_s = facts->duration_s,
    .y_min = 0,
    .y_max = NAN,
    .markers = (const PlenumPlotMarker *) (void *) markers->markers->data,
    .n_markers = markers->markers->len,
  };
  PlenumLineChart reconnect_chart = bitrate_chart;
  guint total = 0;
  g_autofree char *total_text = NULL;

  for (guint i = 0; i < n; i++) {
    const PlenumOutputFacts *output = g_ptr_array_index (facts->outputs, i);
    char *label = output_label (output);

    g_ptr_array_add (labels, label);
    bitrates[i] = (PlenumPlotSeries) { label, output->bitrate_kbps };
    reconnects[i] = (PlenumPlotSeries) { label, output->reconnects };
    total += output->reconnect_count;
  }

  open_section (html, "outputs", "Ausgänge", "Outputs");
  if (n == 0) {
    g_string_append (html, "<p>");
    append_bilingual (html, "Keine Ausgänge aufgezeichnet.", "No outputs recorded.");
    g_string_append (html, "</p>\n");
  } else {
    g_string_append (html, "<table>\n<thead><tr><th scope=\"col\">");
    append_bilingual (html, "Ausgang (Art)", "output (kind)");
    g_string_append (html, "</th><th scope=\"col\" class=\"num\">");
    append_bilingual (html, "Gesendet", "sent");
    g_string_append (html, "</th><th scope=\"col\" class=\"num\">");
    append_bilingual (html, "Neu verbunden", "reconnects");
    g_string_append (html, "</th><th scope=\"col\">");
    append_bilingual (html, "Zuletzt", "last state");
    g_string_append (html, "</th></tr></thead>\n<tbody>\n");
    for (guint i = 0; i < n; i++) {
      const PlenumOutputFacts *output = g_ptr_array_index (facts->outputs, i);
      g_autofree char *id = escaped_or_dash (output->id);
      g_autofree char *kind = escaped_or_dash (output->kind);
      g_autofree char *bytes = format_bytes (output->bytes);
      g_autofree char *count = plenum_svg_plot_format_number (output->reconnect_count, 0);
      g_autofree char *state = escaped_or_dash (output_state_label (output->last_state));

      g_string_append_printf (html, "<tr><th scope=\"row\">%s<span class=\"sub\">%s</span></th>"
                              "<td class=\"num\">%s</td><td class=\"num\">%s</td>"
                              "<td>%s</td></tr>\n", id, kind, bytes, count, state);
    }
    g_string_append (html, "</tbody>\n</table>\n");
  }
  g_string_append (html, "<h3>");
  append_bilingual (html, "Bitrate", "Bitrate");
  g_string_append (html, "</h3>\n");
  append_figure (html, plenum_svg_plot_line_chart (&bitrate_chart));

  total_text = plenum_svg_plot_format_number (total, 0);
  reconnect_chart.id = "chart-reconnects";
  reconnect_chart.title = "Neuverbindungen je Ausgang, aufsummiert / Reconnects per output, "
                          "cumulative";
  reconnect_chart.unit = "Anzahl";
  reconnect_chart.series = reconnects;
  reconnect_chart.steps = TRUE;
  reconnect_chart.integer = TRUE;
  g_string_append (html, "<h3>");
  append_bilingual (html, "Neuverbindungen", "Reconnects");
  g_string_append_printf (html, "</h3>\n<p>Insgesamt / <span lang=\"en\">total</span>: "
                                "<strong>%s</strong></p>\n", total_text);
  append_figure (html, plenum_svg_plot_line_chart (&reconnect_chart));
  close_section (html);
}

static void
append_dropped (GString *html, const PlenumArchiveFacts *facts, const Markers *markers)
{
  g_autofree char *total = plenum_svg_plot_format_number ((double) facts->dropped_total, 0);
  PlenumPlotSeries series = { "Verworfene Bilder / dropped frames", facts->dropped_frames };
  PlenumLineChart chart = {
    .id = "chart-dropped",
    .title = "Verworfene Bilder, aufsummiert / Dropped frames, cumulative",
    .unit = "Bilder",
    .series = &series,
    .n_series = 1,
    .t_end_s = facts->duration_s,
    .y_min = 0,
    .y_max = NAN,
    .steps = TRUE,
    .integer = TRUE,
    .markers = (const PlenumPlotMarker *) (void *) markers->markers->data,
    .n_markers = markers->markers->len,
  };

  open_section (html, "dropped", "Verworfene Bilder", "Dropped frames");
  g_string_append_printf (html, "<p>Insgesamt / <span lang=\"en\">total</span>: "
                                "<strong>%s</strong></p>\n", total);
  append_figure (html, plenum_svg_plot_line_chart (&chart));
  close_section (html);
}

static void
append_chapters (GString *html, const PlenumArchiveFacts *facts)
{
  open_section (html, "chapters", "Kapitel", "Chapters");
  if (facts->chapters->len == 0) {
    g_string_append (html, "<p>keine / none</p>\n");
    close_section (html);
    return;
  }
  g_string_append (html, "<table>\n<thead><tr><th scope=\"col\" class=\"num\">Nr.</th>"
                         "<th scope=\"col\" class=\"num\">");
  append_bilingual (html, "Beginn", "start");
  g_string_append (html, "</th><th scope=\"col\" class=\"num\">");
  append_bilingual (html, "Ende", "end");
  g_string_append (html, "</th><th scope=\"col\">");
  append_bilingual (html, "Titel", "title");
  g_string_append (html, "</th></tr></thead>\n<tbody>\n");
  for (guint i = 0; i < facts->chapters->len; i++) {
    const PlenumChapterFacts *chapter = g_ptr_array_index (facts->chapters, i);
    g_autofree char *start = format_time (facts, chapter->start_s);
    g_autofree char *end = format_time (facts, chapter->end_s);
    g_autofree char *title = escaped_or_dash (chapter->title);

    g_string_append_printf (html, "<tr><td class=\"num\">%u</td><td class=\"num\">%s</td>"
                            "<td class=\"num\">%s</td><th scope=\"row\">%s</th></tr>\n",
                            i + 1, start, end, title);
  }
  g_string_append (html, "</tbody>\n</table>\n");
  close_section (html);
}

static void
append_questions (GString *html, const PlenumArchiveFacts *facts)
{
  g_autofree char *total = plenum_svg_plot_format_number (facts->question_total, 0);

  open_section (html, "questions", "Fragen", "Questions");
  g_string_append (html, "<div class=\"figures\">\n");
  append_figure_item (html, total, "Fragen insgesamt", "questions in total");
  g_string_append (html, "</div>\n<h3>");
  append_bilingual (html, "Nach Quelle", "By source");
  g_string_append (html, "</h3>\n");
  append_figure (html, plenum_svg_plot_bar_chart ("chart-questions-source",
                                                  "Fragen nach Quelle / Questions by source",
                                                  facts->questions_by_source, source_label));
  g_string_append (html, "<h3>");
  append_bilingual (html, "Nach Stand", "By state");
  g_string_append (html, "</h3>\n");
  append_figure (html, plenum_svg_plot_bar_chart ("chart-questions-state",
                                                  "Fragen nach Stand / Questions by state",
                                                  facts->questions_by_state, state_label));
  close_section (html);
}

char *
plenum_archive_report_html (const PlenumArchiveFacts *facts)
{
  GString *html = g_string_sized_new (64 * 1024);
  Markers markers;

  g_return_val_if_fail (facts != NULL, NULL);
  markers_init (&markers, facts);
  append_head (html, facts);
  append_summary (html, facts);
  append_captions (html, facts, &markers);
  append_loudness (html, facts, &markers);
  append_outputs (html, facts, &markers);
  append_dropped (html, facts, &markers);
  append_chapters (html, facts);
  append_questions (html, facts);
  g_string_append (html, "<footer><p>Erstellt von / <span lang=\"en\">made by</span> Plenum "
                         PLENUM_VERSION "</p></footer>\n</main>\n</body>\n</html>\n");
  markers_clear (&markers);
  return g_string_free (html, FALSE);
}

gboolean
plenum_archive_report_write (const PlenumArchiveFacts *facts, const char *path, GError **error)
{
  g_autofree char *html = NULL;
  g_autoptr (GError) local = NULL;

  g_return_val_if_fail (facts != NULL && path != NULL, FALSE);
  html = plenum_archive_report_html (facts);
  if (!g_file_set_contents_full (path, html, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local)) {
    g_set_error (error, local->domain, local->code, "report %s: %s", path, local->message);
    return FALSE;
  }
  return TRUE;
}

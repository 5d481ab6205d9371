/* Unit tests for studio/archive_report.c and studio/svg_plot.c: report.html and its charts. */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "studio/archive_report.h"
#include "studio/svg_plot.h"

#define NASTY "<script>alert(\"x\")</script> & 'Rat' \"quoted\""

static GArray *
points_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (PlenumPoint));
}

static void
add_point (GArray *points, double t_s, double value)
{
  PlenumPoint point = { t_s, value };

  g_array_append_val (points, point);
}

static guint
count_of (const char *haystack, const char *needle)
{
  guint count = 0;

  for (const char *at = strstr (haystack, needle); at != NULL; at = strstr (at + 1, needle))
    count++;
  return count;
}

/* Facts with every field set, over `duration_s` seconds, `text` in every user-given string. */
static PlenumArchiveFacts *
facts_with (double duration_s, const char *text)
{
  PlenumArchiveFacts *facts = plenum_archive_facts_new ();
  const char *kinds[] = { "youtube", "facebook", "record" };
  guint seconds = (guint) duration_s;

  facts->name = g_strdup (text);
  facts->run = g_strdup ("2026-11-26T18-00-00");
  facts->duration_s = duration_s;
  facts->video_frames = seconds * 30;
  facts->repaired = TRUE;
  facts->repair_note = g_strdup (text);
  facts->integrated_lufs = -23.4;
  facts->speech_s = duration_s * 0.8;
  facts->captioned_speech_s = duration_s * 0.7;
  facts->caption_coverage = 0.875;
  facts->min_caption_coverage = 0.8;
  facts->cue_count = seconds / 4;
  facts->question_total = 12;
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++) {
    g_autofree char *id = g_strdup_printf ("%s-%u", text, k);
    PlenumOutputFacts *output = plenum_archive_facts_add_output (facts, id, kinds[k]);

    output->bytes = (guint64) seconds * 500000;
    output->reconnect_count = k;
    output->last_state = g_strdup (k == 0 ? "live" : text);
    for (guint t = 0; t < seconds; t++) {
      add_point (output->bitrate_kbps, t, 4000 + 300 * sin (t * 0.37 + k) + (t % 7) * 20.0);
      add_point (output->reconnects, t, t * k / seconds);
    }
  }
  for (guint t = 0; t < seconds; t++) {
    add_point (facts->loudness_lufs, t, t % 600 < 20 ? NAN : -23 + 4 * sin (t * 0.11));
    add_point (facts->dropped_frames, t, t / 1000);
    add_point (facts->speech, t, t % 13 < 10);
    add_point (facts->captioned, t, t % 13 < 9);
  }
  facts->dropped_total = seconds / 1000;
  for (guint c = 0; c < 4; c++)
    plenum_archive_facts_add_chapter (facts, c * duration_s / 4, (c + 1) * duration_s / 4, text);
  plenum_archive_facts_add_count (facts->questions_by_source, "youtube", 5);
  plenum_archive_facts_add_count (facts->questions_by_source, text, 7);
  plenum_archive_facts_add_count (facts->questions_by_state, "answered", 4);
  plenum_archive_facts_add_count (facts->questions_by_state, text, 8);
  g_ptr_array_add (facts->problems, g_strdup (text));
  return facts;
}

/* Each `<svg …>…</svg>` of `html`, in order. */
static GPtrArray *
svgs_of (const char *html)
{
  GPtrArray *svgs = g_ptr_array_new_with_free_func (g_free);

  for (const char *start = strstr (html, "<svg"); start != NULL; start = strstr (start + 1, "<svg")) {
    const char *end = strstr (start, "</svg>");

    g_assert_nonnull (end);
    g_ptr_array_add (svgs, g_strndup (start, end + strlen ("</svg>") - start));
  }
  return svgs;
}

typedef struct {
  GHashTable *ids;              /* every id="…" */
  char *labelledby;
  GString *title;
  gboolean in_title;
  guint data_elements;          /* class="data" */
  GPtrArray *data_paths;        /* the d="…" of each data path */
} SvgScan;

static void
scan_start (GMarkupParseContext *context, const char *element, const char **names,
            const char **values, gpointer user_data, GError **error)
{
  SvgScan *scan = user_data;

  (void) context;
  (void) error;
  for (guint i = 0; names[i] != NULL; i++) {
    if (strcmp (names[i], "id") == 0)
      g_hash_table_add (scan->ids, g_strdup (values[i]));
    else if (strcmp (names[i], "aria-labelledby") == 0 && strcmp (element, "svg") == 0)
      scan->labelledby = g_strdup (values[i]);
    else if (strcmp (names[i], "class") == 0 && strcmp (values[i], "data") == 0) {
      scan->data_elements++;
      for (guint k = 0; names[k] != NULL; k++)
        if (strcmp (element, "path") == 0 && strcmp (names[k], "d") == 0)
          g_ptr_array_add (scan->data_paths, g_strdup (values[k]));
    }
  }
  scan->in_title = strcmp (element, "title") == 0;
}

static void
scan_end (GMarkupParseContext *context, const char *element, gpointer user_data, GError **error)
{
  SvgScan *scan = user_data;

  (void) context;
  (void) element;
  (void) error;
  scan->in_title = FALSE;
}

static void
scan_text (GMarkupParseContext *context, const char *text, gsize length, gpointer user_data,
           GError **error)
{
  SvgScan *scan = user_data;

  (void) context;
  (void) error;
  if (scan->in_title)
    g_string_append_len (scan->title, text, length);
}

static void
svg_scan_clear (SvgScan *scan)
{
  g_hash_table_unref (scan->ids);
  g_free (scan->labelledby);
  g_string_free (scan->title, TRUE);
  g_ptr_array_unref (scan->data_paths);
}

/* Parses `svg` as XML (failing the test when it is not well-formed) and collects what the
 * tests look at. */
static void
scan_svg (const char *svg, SvgScan *scan)
{
  static const GMarkupParser parser = { scan_start, scan_end, scan_text, NULL, NULL };
  g_autoptr (GMarkupParseContext) context = NULL;
  g_autoptr (GError) error = NULL;

  scan->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  scan->labelledby = NULL;
  scan->title = g_string_new (NULL);
  scan->in_title = FALSE;
  scan->data_elements = 0;
  scan->data_paths = g_ptr_array_new_with_free_func (g_free);
  context = g_markup_parse_context_new (&parser, 0, scan, NULL);
  if (!g_markup_parse_context_parse (context, svg, -1, &error) ||
      !g_markup_parse_context_end_parse (context, &error))
    g_error ("not well-formed: %s\n%s", error->message, svg);
}

/* The y coordinates of a path of "M x y x y …" (a line, not steps). */
static void
path_y_range (const char *d, double *low, double *high)
{
  g_auto (GStrv) numbers = g_strsplit_set (d + 1, " ", -1);
  guint n = g_strv_length (numbers);

  *low = INFINITY;
  *high = -INFINITY;
  g_assert_cmpuint (n % 2, ==, 0);
  for (guint i = 1; i < n; i += 2) {
    double y = g_ascii_strtod (numbers[i], NULL);

    *low = MIN (*low, y);
    *high = MAX (*high, y);
  }
}

static void
test_escapes_everything_from_the_facts (void)
{
  g_autoptr (PlenumArchiveFacts) facts = facts_with (600, NASTY);
  g_autofree char *html = NULL;

  facts->complete = FALSE;
  facts->incomplete_reason = g_strdup (NASTY);
  html = plenum_archive_report_html (facts);
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "'Rat'"));
  g_assert_null (strstr (html, "\"quoted\""));
  g_assert_null (strstr (html, "& "));
  /* Name (title and header and summary), repair note, problem, reason, 4 chapter titles in the
   * table, 3 output ids and 2 of their states, one count label per bar chart… */
  g_assert_cmpuint (count_of (html, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; "
                                    "&amp; &apos;Rat&apos; &quot;quoted&quot;"), >=, 17);
}

static void
test_escapes_a_chapter_title (void)
{
  g_autoptr (PlenumArchiveFacts) facts = facts_with (600, "Rat");
  g_autofree char *html = NULL;

  plenum_archive_facts_add_chapter (facts, 100, 200, "<b>Haushalt</b> & \"Schulden\"");
  html = plenum_archive_report_html (facts);
  g_assert_null (strstr (html, "<b>"));
  g_assert_nonnull (strstr (html, "<th scope=\"row\">&lt;b&gt;Haushalt&lt;/b&gt; &amp; "
                                  "&quot;Schulden&quot;</th>"));
  /* The marker's label in each time chart's description. */
  g_assert_cmpuint (count_of (html, "5 &lt;b&gt;Haushalt&lt;/b&gt; &amp; &quot;Schulden&quot; "
                                    "(1:40)"), ==, 5);
}

static void
test_is_one_self_contained_page_with_a_strict_policy (void)
{
  g_autoptr (PlenumArchiveFacts) facts = facts_with (600, "Rat");
  g_autofree char *html = plenum_archive_report_html (facts);

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n"
                                         "<meta charset=\"utf-8\">\n"));
  g_assert_nonnull (strstr (html, "<meta http-equiv=\"Content-Security-Policy\" content=\""
                                  "default-src 'none'; style-src 'unsafe-inline'; "
                                  "img-src data:\">"));
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, " src="));
  g_assert_null (strstr (html, "href="));
  g_assert_null (strstr (html, "url("));
  g_assert_null (strstr (html, "@import"));
  g_assert_true (g_utf8_validate (html, -1, NULL));
  g_assert_true (g_str_has_suffix (html, "</html>\n"));
}

static void
test_headings_come_in_order (void)
{
  g_autoptr (PlenumArchiveFacts) facts = facts_with (600, "Rat");
  g_autofree char *html = plenum_archive_report_html (facts);
  int level = 0;

  g_assert_cmpuint (count_of (html, "<h1"), ==, 1);
  for (const char *at = strstr (html, "<h"); at != NULL; at = strstr (at + 1, "<h")) {
    int next;

    if (at[2] < '1' || at[2] > '6')
      continue;
    next = at[2] - '0';
    g_assert_cmpint (next, <=, level + 1);
    level = next;
  }
  g_assert_cmpint (level, >=, 2);
}

static void
test_shows_an_incomplete_package_in_red (void)
{
  g_autoptr (PlenumArchiveFacts) facts = facts_with (600, "Rat");
  g_autofree char *complete = plenum_archive_report_html (facts);
  g_autofree char *incomplete = NULL;

  g_assert_nonnull (strstr (complete, "<p class=\"status ok\">"));
  g_assert_nonnull (strstr (complete, "vollständig"));
  g_assert_null (strstr (complete, "unvollständig"));
  facts->complete = FALSE;
  facts->incomplete_reason = g_strdup ("die Aufnahme fehlt");
  incomplete = plenum_archive_report_html (facts);
  g_assert_nonnull (strstr (incomplete, "<p class=\"status bad\"><span aria-hidden=\"true\">✗ "
                                        "</span>unvollständig: die Aufnahme fehlt"));
}

static void
test_caption_coverage_below_the_minimum_is_flagged (void)
{
  g_autoptr (PlenumArchiveFacts) facts = facts_with (600, "Rat");
  g_autofree char *met = plenum_archive_report_html (facts);
  g_autofree char *missed = NULL;

  g_assert_nonnull (strstr (met, "87,5 %"));
  g_assert_nonnull (strstr (met, "Mindestwert erreicht"));
  facts->caption_coverage = 0.62;
  missed = plenum_archive_report_html (facts);
  g_assert_nonnull (strstr (missed, "62,0 %"));
  g_assert_nonnull (strstr (missed, "Mindestwert nicht erreicht"));
}

static void
test_every_chart_is_well_formed_and_labelled (void)
{
  g_autoptr (PlenumArchiveFacts) facts = facts_with (600, NASTY);
  g_autofree char *html = plenum_archive_report_html (facts);
  g_autoptr (GPtrArray) svgs = svgs_of (html);

  g_assert_cmpuint (svgs->len, ==, 7);
  for (guint i = 0; i < svgs->len; i++) {
    const char *svg = g_ptr_array_index (svgs, i);
    SvgScan scan;
    g_auto (GStrv) labels = NULL;

    scan_svg (svg, &scan);
    g_assert_nonnull (strstr (svg, " role=\"img\""));
    g_assert_nonnull (strstr (svg, " width=\"100%\""));
    g_assert_nonnull (scan.labelledby);
    labels = g_strsplit (scan.labelledby, " ", -1);
    g_assert_cmpuint (g_strv_length (labels), ==, 2);
    for (guint k = 0; labels[k] != NULL; k++)
      g_assert_true (g_hash_table_contains (scan.ids, labels[k]));
    g_assert_cmpuint (scan.title->len, >, 0);
    g_assert_cmpuint (scan.data_elements, >, 0);
    svg_scan_clear (&scan);
  }
}

static void
test_the_description_summarises_min_max_and_mean (void)
{
  g_autoptr (GArray) points = points_new ();
  PlenumPlotSeries series = { "Pegel", points };
  PlenumLineChart chart = { .id = "c", .title = "T", .unit = "LUFS", .series = &series,
                            .n_series = 1, .t_end_s = NAN, .y_min = NAN, .y_max = NAN };
  g_autoptr (GString) svg = NULL;

  add_point (points, 0, -30);
  add_point (points, 1, -20);
  add_point (points, 2, NAN);
  add_point (points, 3, -10.5);
  svg = plenum_svg_plot_line_chart (&chart);
  g_assert_nonnull (strstr (svg->str, "<desc id=\"c-desc\">Zeit 0:00 bis 0:03. Pegel: Minimum "
                                      "−30,0, Maximum −10,5, Mittel −20,2 LUFS.</desc>"));
}

static void
test_nan_gaps_break_the_line_into_separate_paths (void)
{
  g_autoptr (GArray) points = points_new ();
  PlenumPlotSeries series = { NULL, points };
  PlenumLineChart chart = { .id = "gaps", .title = "Gaps", .series = &series, .n_series = 1,
                            .t_end_s = 100, .y_min = NAN, .y_max = NAN };
  g_autoptr (GString) svg = NULL;
  SvgScan scan;

  for (guint t = 0; t < 100; t++)
    add_point (points, t, (t >= 30 && t < 35) || t >= 70 ? NAN : t % 5);
  svg = plenum_svg_plot_line_chart (&chart);
  scan_svg (svg->str, &scan);
  g_assert_cmpuint (scan.data_paths->len, ==, 2);
  g_assert_cmpuint (scan.data_elements, ==, 2);
  svg_scan_clear (&scan);

  /* A gap in the middle of the third run, and one lone sample. */
  g_array_index (points, PlenumPoint, 50).value = NAN;
  g_array_index (points, PlenumPoint, 90).value = 3;
  g_string_free (g_steal_pointer (&svg), TRUE);
  svg = plenum_svg_plot_line_chart (&chart);
  scan_svg (svg->str, &scan);
  g_assert_cmpuint (scan.data_paths->len, ==, 3);
  g_assert_cmpuint (count_of (svg->str, "<circle class=\"data\""), ==, 1);
  svg_scan_clear (&scan);
}

static void
test_an_empty_series_says_not_recorded (void)
{
  g_autoptr (GArray) empty = points_new ();
  g_autoptr (GArray) gaps = points_new ();
  PlenumPlotSeries series = { "Lautheit", empty };
  PlenumLineChart chart = { .id = "empty", .title = "Leer", .series = &series, .n_series = 1,
                            .t_end_s = 60, .y_min = NAN, .y_max = NAN };
  PlenumPlotLane lane = { "Sprache", NULL, NULL };
  PlenumLaneChart lanes = { .id = "lanes", .title = "Spuren", .lanes = &lane, .n_lanes = 1,
                            .window_s = 1, .t_end_s = 60 };
  g_autoptr (GString) svg = plenum_svg_plot_line_chart (&chart);
  g_autoptr (GString) only_gaps = NULL;
  g_autoptr (GString) lane_svg = plenum_svg_plot_lane_chart (&lanes);
  g_autoptr (GString) bars = plenum_svg_plot_bar_chart ("bars", "Balken", NULL, NULL);

  g_assert_nonnull (strstr (svg->str, ">" PLENUM_SVG_PLOT_NOT_RECORDED "</text>"));
  g_assert_null (strstr (svg->str, "class=\"data\""));
  for (guint t = 0; t < 60; t++)
    add_point (gaps, t, NAN);
  series.points = gaps;
  only_gaps = plenum_svg_plot_line_chart (&chart);
  g_assert_nonnull (strstr (only_gaps->str, ">" PLENUM_SVG_PLOT_NOT_RECORDED "</text>"));
  g_assert_nonnull (strstr (lane_svg->str, ">" PLENUM_SVG_PLOT_NOT_RECORDED "</text>"));
  g_assert_nonnull (strstr (bars->str, ">" PLENUM_SVG_PLOT_NOT_RECORDED "</text>"));
}

static void
test_empty_facts_still_make_a_page_of_not_recorded_charts (void)
{
  g_autoptr (PlenumArchiveFacts) facts = plenum_archive_facts_new ();
  g_autofree char *html = plenum_archive_report_html (facts);
  g_autoptr (GPtrArray) svgs = svgs_of (html);

  g_assert_cmpuint (svgs->len, ==, 7);
  for (guint i = 0; i < svgs->len; i++) {
    SvgScan scan;

    scan_svg (g_ptr_array_index (svgs, i), &scan);
    g_assert_nonnull (strstr (g_ptr_array_index (svgs, i), PLENUM_SVG_PLOT_NOT_RECORDED));
    svg_scan_clear (&scan);
  }
  g_assert_nonnull (strstr (html, "(ohne Namen)"));
}

static void
test_thinning_keeps_a_single_sample_spike (void)
{
  g_autoptr (GArray) points = points_new ();
  g_autoptr (GArray) thinned = NULL;
  PlenumPlotSeries series = { NULL, points };
  PlenumLineChart chart = { .id = "spike", .title = "Spike", .series = &series, .n_series = 1,
                            .t_end_s = 14400, .y_min = NAN, .y_max = NAN };
  g_autoptr (GString) svg = NULL;
  gboolean found = FALSE;
  double low, high;
  SvgScan scan;

  for (guint t = 0; t < 14400; t++)
    add_point (points, t, t == 7777 ? 100 : 10 + (t % 3));
  thinned = plenum_svg_plot_thin ((const PlenumPoint *) (void *) points->data, points->len, 0,
                                  14400, 500);
  g_assert_cmpuint (thinned->len, <=, 2 * 500 + 2);
  for (guint i = 0; i < thinned->len; i++)
    found |= g_array_index (thinned, PlenumPoint, i).value == 100;
  g_assert_true (found);
  g_assert_cmpfloat (g_array_index (thinned, PlenumPoint, thinned->len - 1).t_s, ==, 14399);

  /* Drawn: the spike reaches far above the rest. */
  svg = plenum_svg_plot_line_chart (&chart);
  scan_svg (svg->str, &scan);
  g_assert_cmpuint (scan.data_paths->len, ==, 1);
  path_y_range (g_ptr_array_index (scan.data_paths, 0), &low, &high);
  g_assert_cmpfloat (high - low, >, 150);
  g_assert_cmpuint (strlen (g_ptr_array_index (scan.data_paths, 0)), <, 20000);
  svg_scan_clear (&scan);
}

static void
test_thinning_keeps_short_series_whole (void)
{
  PlenumPoint points[] = { { 0, 1 }, { 1, 5 }, { 2, 2 } };
  g_autoptr (GArray) thinned = plenum_svg_plot_thin (points, 3, 0, 3, 500);

  g_assert_cmpuint (thinned->len, ==, 3);
  g_assert_cmpmem (thinned->data, sizeof points, points, sizeof points);
}

static void
test_a_4_hour_session_stays_under_200_kb (void)
{
  g_autoptr (PlenumArchiveFacts) facts = facts_with (4 * 3600, "Rat");
  g_autofree char *html = plenum_archive_report_html (facts);

  g_assert_cmpuint (facts->loudness_lufs->len, ==, 14400);
  g_test_message ("4-hour report: %zu bytes", strlen (html));
  g_assert_cmpuint (strlen (html), <, 200 * 1000);
}

static void
test_ticks_fall_on_nice_steps (void)
{
  g_autoptr (GArray) points = points_new ();
  PlenumPlotSeries series = { NULL, points };
  PlenumLineChart chart = { .id = "ticks", .title = "Ticks", .series = &series, .n_series = 1,
                            .t_end_s = 137, .y_min = NAN, .y_max = NAN };
  g_autoptr (GString) svg = NULL;

  g_assert_cmpfloat (plenum_svg_plot_time_step (137, 6), ==, 30);
  g_assert_cmpfloat (plenum_svg_plot_time_step (7200, 6), ==, 1200);
  g_assert_cmpfloat (plenum_svg_plot_time_step (4 * 3600, 6), ==, 3600);
  g_assert_cmpfloat (plenum_svg_plot_time_step (50, 6), ==, 10);
  g_assert_cmpfloat (plenum_svg_plot_nice_step (137, 5, FALSE), ==, 50);
  g_assert_cmpfloat (plenum_svg_plot_nice_step (12, 5, FALSE), ==, 2.5);
  g_assert_cmpfloat (plenum_svg_plot_nice_step (12, 5, TRUE), ==, 5);
  g_assert_cmpfloat (plenum_svg_plot_nice_step (1, 5, TRUE), ==, 1);
  g_assert_cmpfloat (plenum_svg_plot_nice_step (0.7, 5, FALSE), ==, 0.2);

  for (guint t = 0; t <= 137; t++)
    add_point (points, t, 11 + t * 0.5);
  svg = plenum_svg_plot_line_chart (&chart);
  for (guint i = 0; i < 5; i++) {
    g_autofree char *label = g_strdup_printf (">%u:%02u</text>", i / 2, i % 2 * 30);

    g_assert_nonnull (strstr (svg->str, label));
  }
  g_assert_null (strstr (svg->str, ">2:30</text>"));
  g_assert_null (strstr (svg->str, ">0:15</text>"));
  /* 11 … 79.5 on steps of 20: 0 to 80. */
  g_assert_nonnull (strstr (svg->str, ">0</text>"));
  g_assert_nonnull (strstr (svg->str, ">80</text>"));
  g_assert_null (strstr (svg->str, ">100</text>"));
}

static void
test_several_series_get_a_legend_and_their_own_dashes (void)
{
  g_autoptr (GArray) a = points_new ();
  g_autoptr (GArray) b = points_new ();
  PlenumPlotSeries two[] = { { "youtube <1>", a }, { "facebook", b } };
  PlenumLineChart chart = { .id = "two", .title = "Two", .series = two, .n_series = 2,
                            .t_end_s = NAN, .y_min = NAN, .y_max = NAN };
  g_autoptr (GString) svg = NULL;
  g_autoptr (GString) one = NULL;

  for (guint t = 0; t < 10; t++) {
    add_point (a, t, t);
    add_point (b, t, 10 - t);
  }
  svg = plenum_svg_plot_line_chart (&chart);
  g_assert_nonnull (strstr (svg->str, "<g class=\"legend\">"));
  g_assert_nonnull (strstr (svg->str, ">youtube &lt;1&gt;</text>"));
  g_assert_cmpuint (count_of (svg->str, "stroke=\"#0072B2\""), ==, 2);
  g_assert_cmpuint (count_of (svg->str, "stroke=\"#D55E00\" stroke-width=\"2\" "
                                        "stroke-linejoin=\"round\" stroke-dasharray="), ==, 1);
  chart.n_series = 1;
  one = plenum_svg_plot_line_chart (&chart);
  g_assert_null (strstr (one->str, "class=\"legend\""));
}

static void
test_steps_hold_each_value (void)
{
  g_autoptr (GArray) points = points_new ();
  PlenumPlotSeries series = { NULL, points };
  PlenumLineChart chart = { .id = "steps", .title = "Steps", .series = &series, .n_series = 1,
                            .t_end_s = 10, .y_min = 0, .y_max = NAN, .steps = TRUE,
                            .integer = TRUE };
  g_autoptr (GString) svg = NULL;
  SvgScan scan;

  for (guint t = 0; t < 10; t++)
    add_point (points, t, t < 5 ? 0 : 2);
  svg = plenum_svg_plot_line_chart (&chart);
  scan_svg (svg->str, &scan);
  g_assert_cmpuint (scan.data_paths->len, ==, 1);
  /* From the start at 0, across to t = 5, up to 2, across to the end. */
  g_assert_cmpuint (count_of (g_ptr_array_index (scan.data_paths, 0), "H"), ==, 2);
  g_assert_cmpuint (count_of (g_ptr_array_index (scan.data_paths, 0), "V"), ==, 1);
  g_assert_null (strstr (svg->str, ">0,5</text>"));
  svg_scan_clear (&scan);
}

static void
test_lanes_shade_each_column_by_how_much_is_on (void)
{
  g_autoptr (GArray) speech = points_new ();
  PlenumPlotLane lane = { "Sprache", speech, NULL };
  PlenumLaneChart chart = { .id = "lane", .title = "Spur", .lanes = &lane, .n_lanes = 1,
                            .window_s = 1, .t_end_s = 7200 };
  g_autoptr (GString) svg = NULL;

  /* Half an hour of speech, then a single second of it at 1:00:00. */
  for (guint t = 0; t < 7200; t++)
    add_point (speech, t, t < 1800 || t == 3600);
  svg = plenum_svg_plot_lane_chart (&chart);
  /* The half hour is one full span (its last column may be partly on); the second is one
   * light column. */
  g_assert_cmpuint (count_of (svg->str, "<rect class=\"data\""), <=, 3);
  g_assert_cmpuint (count_of (svg->str, "<rect class=\"data\""), >=, 2);
  g_assert_cmpuint (count_of (svg->str, "fill-opacity=\"0.4\"/>"), ==, 1);
  g_assert_nonnull (strstr (svg->str, "Sprache: 0:30:01 (25,0 % der Zeit)."));
}

static void
test_the_report_marks_speech_without_captions (void)
{
  g_autoptr (PlenumArchiveFacts) facts = plenum_archive_facts_new ();
  g_autofree char *html = NULL;
  g_autoptr (GPtrArray) svgs = NULL;

  facts->duration_s = 100;
  for (guint t = 0; t < 100; t++) {
    add_point (facts->speech, t, t >= 10 && t < 30);
    add_point (facts->captioned, t, t >= 10 && t < 25);
  }
  html = plenum_archive_report_html (facts);
  svgs = svgs_of (html);
  g_assert_nonnull (strstr (g_ptr_array_index (svgs, 0),
                            "Sprache ohne Untertitel / speech without captions: 0:05 (5,0 % der "
                            "Zeit)."));
}

static void
test_formats_numbers_for_german_readers (void)
{
  static const struct { double value; guint decimals; const char *text; } cases[] = {
    { 1234567.891, 2, "1.234.567,89" },
    { -23, 0, "−23" },
    { -23.44, 1, "−23,4" },
    { -0.04, 1, "0,0" },
    { 999, 0, "999" },
    { 1000, 0, "1.000" },
    { 0.875 * 100, 1, "87,5" },
    { NAN, 1, "–" },
    { -INFINITY, 0, "–" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *text = plenum_svg_plot_format_number (cases[i].value, cases[i].decimals);

    g_assert_cmpstr (text, ==, cases[i].text);
  }
}

static void
test_formats_times_as_minutes_or_hours (void)
{
  g_autofree char *short_time = plenum_svg_plot_format_time (137, FALSE);
  g_autofree char *long_time = plenum_svg_plot_format_time (3725, TRUE);
  g_autofree char *zero = plenum_svg_plot_format_time (0, TRUE);

  g_assert_cmpstr (short_time, ==, "2:17");
  g_assert_cmpstr (long_time, ==, "1:02:05");
  g_assert_cmpstr (zero, ==, "0:00:00");
}

static void
test_writes_the_file_or_names_the_path_that_failed (void)
{
  g_autoptr (PlenumArchiveFacts) facts = facts_with (60, "Rat");
  g_autofree char *dir = g_dir_make_tmp ("plenum-report-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.html", NULL);
  g_autofree char *bad = g_build_filename (dir, "missing", "report.html", NULL);
  g_autofree char *written = NULL;
  g_autofree char *expected = plenum_archive_report_html (facts);
  g_autoptr (GError) error = NULL;

  g_assert_true (plenum_archive_report_write (facts, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, expected);
  g_assert_false (plenum_archive_report_write (facts, bad, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, bad));
  g_remove (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/archive/report/escapes-everything-from-the-facts",
                   test_escapes_everything_from_the_facts);
  g_test_add_func ("/archive/report/escapes-a-chapter-title", test_escapes_a_chapter_title);
  g_test_add_func ("/archive/report/is-one-self-contained-page-with-a-strict-policy",
                   test_is_one_self_contained_page_with_a_strict_policy);
  g_test_add_func ("/archive/report/headings-come-in-order", test_headings_come_in_order);
  g_test_add_func ("/archive/report/shows-an-incomplete-package-in-red",
                   test_shows_an_incomplete_package_in_red);
  g_test_add_func ("/archive/report/caption-coverage-below-the-minimum-is-flagged",
                   test_caption_coverage_below_the_minimum_is_flagged);
  g_test_add_func ("/archive/report/every-chart-is-well-formed-and-labelled",
                   test_every_chart_is_well_formed_and_labelled);
  g_test_add_func ("/archive/report/empty-facts-still-make-a-page-of-not-recorded-charts",
                   test_empty_facts_still_make_a_page_of_not_recorded_charts);
  g_test_add_func ("/archive/report/a-4-hour-session-stays-under-200-kb",
                   test_a_4_hour_session_stays_under_200_kb);
  g_test_add_func ("/archive/report/marks-speech-without-captions",
                   test_the_report_marks_speech_without_captions);
  g_test_add_func ("/archive/report/writes-the-file-or-names-the-path-that-failed",
                   test_writes_the_file_or_names_the_path_that_failed);
  g_test_add_func ("/svg-plot/the-description-summarises-min-max-and-mean",
                   test_the_description_summarises_min_max_and_mean);
  g_test_add_func ("/svg-plot/nan-gaps-break-the-line-into-separate-paths",
                   test_nan_gaps_break_the_line_into_separate_paths);
  g_test_add_func ("/svg-plot/an-empty-series-says-not-recorded",
                   test_an_empty_series_says_not_recorded);
  g_test_add_func ("/svg-plot/thinning-keeps-a-single-sample-spike",
                   test_thinning_keeps_a_single_sample_spike);
  g_test_add_func ("/svg-plot/thinning-keeps-short-series-whole",
                   test_thinning_keeps_short_series_whole);
  g_test_add_func ("/svg-plot/ticks-fall-on-nice-steps", test_ticks_fall_on_nice_steps);
  g_test_add_func ("/svg-plot/several-series-get-a-legend-and-their-own-dashes",
                   test_several_series_get_a_legend_and_their_own_dashes);
  g_test_add_func ("/svg-plot/steps-hold-each-value", test_steps_hold_each_value);
  g_test_add_func ("/svg-plot/lanes-shade-each-column-by-how-much-is-on",
                   test_lanes_shade_each_column_by_how_much_is_on);
  g_test_add_func ("/svg-plot/formats-numbers-for-german-readers",
                   test_formats_numbers_for_german_readers);
  g_test_add_func ("/svg-plot/formats-times-as-minutes-or-hours",
                   test_formats_times_as_minutes_or_hours);
  return g_test_run ();
}

/* Unit tests for captions/caption_track.c. Expected times are worked out by hand from the
 * rules: reading time = characters (a line break counts as one) / 15 cps, rounded up, at least
 * 1 s; a live cue lingers for its reading time plus 3 s. */
#include "captions/caption_track.h"

#define LONG_TEXT                                                                              \
  "Der Haushaltsentwurf für das kommende Jahr sieht Investitionen in Schulen, Straßen und "    \
  "den öffentlichen Nahverkehr vor; die Verwaltung bittet den Rat, die Beratung heute zu "     \
  "beginnen und im Dezember abzuschließen."

static void
check_cue (const PlenumCue *cue, gint64 start_ms, gint64 end_ms, const char *text)
{
  g_assert_nonnull (cue);
  g_assert_cmpint (cue->start_ms, ==, start_ms);
  g_assert_cmpint (cue->end_ms, ==, end_ms);
  g_assert_cmpstr (cue->text, ==, text);
}

static void
check_finished (GPtrArray *cues, guint i, gint64 start_ms, gint64 end_ms, const char *text)
{
  g_assert_cmpuint (i, <, cues->len);
  check_cue (g_ptr_array_index (cues, i), start_ms, end_ms, text);
}

static void
test_breaks_text_into_two_lines_of_37_characters (void)
{
  PlenumCaptionTrack *track = plenum_caption_track_new (37, 2);

  plenum_caption_track_add (track, "Guten Abend und herzlich willkommen zur Sitzung des "
                            "Gemeinderats", 0, PLENUM_CAPTION_LIVE);
  check_cue (plenum_caption_track_current (track, 0), 0, -1,
             "Guten Abend und herzlich willkommen\nzur Sitzung des Gemeinderats");
  plenum_caption_track_free (track);
}

static void
test_breaks_lines_at_32_characters_for_cea608 (void)
{
  PlenumCaptionTrack *track = plenum_caption_track_new (32, 2);

  plenum_caption_track_add (track, "Guten Abend und herzlich willkommen zur Sitzung", 0,
                            PLENUM_CAPTION_LIVE);
  check_cue (plenum_caption_track_current (track, 0), 0, -1,
             "Guten Abend und herzlich\nwillkommen zur Sitzung");
  plenum_caption_track_free (track);
}

static void
test_shows_live_text_at_once (void)
{
  PlenumCaptionTrack *track = plenum_caption_track_new (37, 2);

  plenum_caption_track_add (track, "Guten Abend.", 5000, PLENUM_CAPTION_LIVE);
  g_assert_null (plenum_caption_track_current (track, 4999));
  check_cue (plenum_caption_track_current (track, 5000), 5000, -1, "Guten Abend.");
  plenum_caption_track_free (track);
}

static void
test_live_text_ends_the_cue_before (void)
{
  PlenumCaptionTrack *track = plenum_caption_track_new (37, 2);
  g_autoptr (GPtrArray) finished = NULL;

  plenum_caption_track_add (track, "Erste", 0, PLENUM_CAPTION_LIVE);
  plenum_caption_track_add (track, "Zweite", 2500, PLENUM_CAPTION_LIVE);
  check_cue (plenum_caption_track_current (track, 2499), 0, 2500, "Erste");
  check_cue (plenum_caption_track_current (track, 2500), 2500, -1, "Zweite");
  finished = plenum_caption_track_take_finished (track, 2500);
  g_assert_cmpuint (finished->len, ==, 1);
  check_finished (finished, 0, 0, 2500, "Erste");
  plenum_caption_track_free (track);
}

static void
test_a_cue_stays_at_least_one_second (void)
{
  PlenumCaptionTrack *track = plenum_caption_track_new (37, 2);
  g_autoptr (GPtrArray) finished = NULL;

  plenum_caption_track_add (track, "Erste", 0, PLENUM_CAPTION_LIVE);
  plenum_caption_track_add (track, "Zweite", 300, PLENUM_CAPTION_LIVE);
  check_cue (plenum_caption_track_current (track, 300), 0, 1000, "Erste");
  check_cue (plenum_caption_track_current (track, 999), 0, 1000, "Erste");
  check_cue (plenum_caption_track_current (track, 1000), 1000, -1, "Zweite");
  /* The third waits for the second's minimum, not for the first's. */
  plenum_caption_track_add (track, "Dritte", 1200, PLENUM_CAPTION_LIVE);
  finished = plenum_caption_track_take_finished (track, 2000);
  g_assert_cmpuint (finished->len, ==, 2);
  check_finished (finished, 0, 0, 1000, "Erste");
  check_finished (finished, 1, 1000, 2000, "Zweite");
  check_cue (plenum_caption_track_current (track, 2000), 2000, -1, "Dritte");
  plenum_caption_track_free (track);
}

static void
test_a_live_cue_lingers_after_its_reading_time (void)
{
  PlenumCaptionTrack *track = plenum_caption_track_new (37, 2);
  g_autoptr (GPtrArray) early = NULL;
  g_autoptr (GPtrArray) finished = NULL;

  /* 30 characters: 2000 ms to read, then 3000 ms of lingering. */
  plenum_caption_track_add (track, "Die Sitzung wird unterbrochen.", 1000,
                            PLENUM_CAPTION_LIVE);
  check_cue (plenum_caption_track_current (track, 5999), 1000, -1,
             "Die Sitzung wird unterbrochen.");
  early = plenum_caption_track_take_finished (track, 5999);
  g_assert_cmpuint (early->len, ==, 0);
  g_assert_null (plenum_caption_track_current (track, 6000));
  finished = plenum_caption_track_take_finished (track, 6000);
  g_assert_cmpuint (finished->len, ==, 1);
  check_finished (finished, 0, 1000, 6000, "Die Sitzung wird unterbrochen.");
  plenum_caption_track_free (track);
}

static void
test_a_short_cue_lingers_one_second_plus_the_pause (void)
{
  PlenumCaptionTrack *track = plenum_caption_track_new (37, 2);
  g_autoptr (GPtrArray) finished = NULL;

  /* "Ja." reads in 200 ms, but reading time is never under 1 s. */
  plenum_caption_track_add (track, "Ja.", 0, PLENUM_CAPTION_LIVE);
  plenum_caption_track_add (track, "Nein.", 9000, PLENUM_CAPTION_LIVE);
  finished = plenum_caption_track_take_finished (track, 9000);
  g_assert_cmpuint (finished->len, ==, 1);
  check_finished (finished, 0, 0, 4000, "Ja.");
  check_cue (plenum_caption_track_current (track, 9000), 9000, -1, "Nein.");
  plenum_caption_track_free (track);
}

static void
test_a_long_live_text_becomes_several_screens_in_order (void)
{
  PlenumCaptionTrack *track = plenum_caption_track_new (37, 2);
  g_autoptr (GPtrArray) finished = NULL;

  g_assert_cmpint (g_utf8_strlen (LONG_TEXT, -1), ==, 212);
  plenum_caption_track_add (track, LONG_TEXT, 0, PLENUM_CAPTION_LIVE);
  /* 74, 66, 55 and 14 characters: 4934, 4400, 3667 and 1000 ms. */
  check_cue (plenum_caption_track_current (track, 0), 0, 4934,
             "Der Haushaltsentwurf für das kommende\nJahr sieht Investitionen in Schulen,");
  check_cue (plenum_caption_track_current (track, 4934), 4934, 9334,
             "Straßen und den öffentlichen\nNahverkehr vor; die Verwaltung bittet");
  check_cue (plenum_caption_track_current (track, 9333), 4934, 9334,
             "Straßen und den öffentlichen\nNahverkehr vor; die Verwaltung bittet");
  check_cue (plenum_caption_track_current (track, 9334), 9334, 13001,
             "den Rat, die Beratung heute zu\nbeginnen und im Dezember");
  check_cue (plenum_caption_track_current (track, 13001), 13001, -1, "abzuschließen.");
  finished = plenum_caption_track_take_finished (track, 20000);
  g_assert_cmpuint (finished->len, ==, 4);
  check_finished (finished, 0, 0, 4934,
                  "Der Haushaltsentwurf für das kommende\nJahr sieht Investitionen in Schulen,");
  check_finished (finished, 1, 4934, 9334,
                  "Straßen und den öffentlichen\nNahverkehr vor; die Verwaltung bittet");
  check_finished (finished, 2, 9334, 13001,
                  "den Rat, die Beratung heute zu\nbeginnen und im Dezember");
  check_finished (finished, 3, 13001, 17001, "abzuschließen.");
  plenum_caption_track_free (track);
}

static void
test_live_text_catches_up_instead_of_waiting_behind_screens (void)
{
  PlenumCaptionTrack *track = plenum_caption_track_new (37, 2);
  g_autoptr (GPtrArray) finished = NULL;

  plenum_caption_track_add (track, LONG_TEXT, 0, PLENUM_CAPTION_LIVE);
  /* The long text's last screen would start at 13001: "Danke." would wait 12 s. The three
   * screens not yet shown go; "Danke." follows the one on screen after its 1 s minimum. */
  plenum_caption_track_add (track, "Danke.", 2000, PLENUM_CAPTION_LIVE);
  g_assert_cmpuint (plenum_caption_track_dropped (track), ==, 3);
  check_cue (plenum_caption_track_current (track, 2000), 2000, -1, "Danke.");
  finished = plenum_caption_track_take_finished (track, 2000);
  g_assert_cmpuint (finished->len, ==, 1);
  check_finished (finished, 0, 0, 2000,
                  "Der Haushaltsentwurf für das kommende\nJahr sieht Investitionen in Schulen,");
  plenum_caption_track_free (track);
}

static void
test_a_flood_of_live_lines_never_lags_more_than_three_seconds (void)
{
  PlenumCaptionTrack *track = plenum_caption_track_new (37, 2);
  g_autoptr (GPtrArray) finished = NULL;
  const PlenumCue *last = NULL;

  for (int i = 0; i < 50; i++) {
    g_autofree char *line = g_strdup_printf ("Zeile %d", i);
    plenum_caption_track_add (track, line, 0, PLENUM_CAPTION_LIVE);
  }
  g_assert_cmpuint (plenum_caption_track_dropped (track), >, 0);
  /* The newest line is on screen within the lag bound plus one minimum. */
  for (gint64 t = 0; t <= PLENUM_CAPTION_MAX_LAG_MS + PLENUM_CAPTION_MIN_MS; t += 100) {
    const PlenumCue *cue = plenum_caption_track_current (track, t);
    if (cue && g_str_equal (cue->text, "Zeile 49"))
      last = cue;
  }
  g_assert_nonnull (last);
  plenum_caption_track_close (track, 10000);
  finished = plenum_caption_track_take_finished (track, 10000);
  for (guint i = 0; i < finished->len; i++)
    g_assert_cmpint (((PlenumCue *) g_ptr_array_index (finished, i))->start_ms, <=,
                     PLENUM_CAPTION_MAX_LAG_MS + PLENUM_CAPTION_MIN_MS);
  plenum_caption_track_free (track);
}

static void
test_file_text_is_paced_at_15_characters_a_second (void)
{
  PlenumCaptionTrack *track = plenum_caption_track_new (37, 2);
  g_autoptr (GPtrArray) finished = NULL;

  /* All three lines arrive at once; 26, 13 and 43 characters: 1734, 1000 and 2867 ms. */
  plenum_caption_track_add (track, "Erste Zeile aus der Datei.", 0, PLENUM_CAPTION_PACED);
  plenum_caption_track_add (track, "Zweite Zeile.", 0, PLENUM_CAPTION_PACED);
  plenum_caption_track_add (track, "Dritte Zeile, etwas länger als die anderen.", 0,
                            PLENUM_CAPTION_PACED);
  check_cue (plenum_caption_track_current (track, 0), 0, 1734, "Erste Zeile aus der Datei.");
  check_cue (plenum_caption_track_current (track, 1734), 1734, 2734, "Zweite Zeile.");
  check_cue (plenum_caption_track_current (track, 2734), 2734, -1,
             "Dritte Zeile, etwas länger als die\nanderen.");
  finished = plenum_caption_track_take_finished (track, 8601);
  g_assert_cmpuint (finished->len, ==, 3);
  check_finished (finished, 2, 2734, 8601, "Dritte Zeile, etwas länger als die\nanderen.");
  plenum_caption_track_free (track);
}

static void
test_a_paced_cue_is_never_cut_before_its_reading_time (void)
{
  PlenumCaptionTrack *track = plenum_caption_track_new (37, 2);
  g_autoptr (GPtrArray) finished = NULL;

  /* 45 characters: 3000 ms, whatever arrives after it. */
  plenum_caption_track_add (track, "Tagesordnungspunkt 4: Bebauungsplan Nordstadt", 0,
                            PLENUM_CAPTION_PACED);
  plenum_caption_track_add (track, "Live dazwischen", 1500, PLENUM_CAPTION_LIVE);
  finished = plenum_caption_track_take_finished (track, 3000);
  g_assert_cmpuint (finished->len, ==, 1);
  check_finished (finished, 0, 0, 3000, "Tagesordnungspunkt 4: Bebauungsplan\nNordstadt");
  check_cue (plenum_caption_track_current (track, 3000), 3000, -1, "Live dazwischen");
  plenum_caption_track_free (track);
}

static void
test_partial_results_replace_each_other_in_place (void)
{
  PlenumCaptionTrack *track = plenum_caption_track_new (37, 2);
  g_autoptr (GPtrArray) none = NULL;
  g_autoptr (GPtrArray) finished = NULL;

  plenum_caption_track_add (track, "Guten", 0, PLENUM_CAPTION_PARTIAL);
  plenum_caption_track_add (track, "Guten Abend", 400, PLENUM_CAPTION_PARTIAL);
  check_cue (plenum_caption_track_current (track, 400), 0, -1, "Guten Abend");
  plenum_caption_track_add (track, "Guten Abend meine", 900, PLENUM_CAPTION_PARTIAL);
  none = plenum_caption_track_take_finished (track, 1000);
  g_assert_cmpuint (none->len, ==, 0);
  /* The final result takes the guess's place and start. */
  plenum_caption_track_add (track, "Guten Abend, meine Damen und Herren.", 1200,
                            PLENUM_CAPTION_LIVE);
  check_cue (plenum_caption_track_current (track, 1200), 0, -1,
             "Guten Abend, meine Damen und Herren.");
  plenum_caption_track_add (track, "Wir beginnen.", 5000, PLENUM_CAPTION_LIVE);
  finished = plenum_caption_track_take_finished (track, 5000);
  g_assert_cmpuint (finished->len, ==, 1);
  check_finished (finished, 0, 0, 5000, "Guten Abend, meine Damen und Herren.");
  plenum_caption_track_free (track);
}

static void
test_a_partial_shows_the_newest_lines (void)
{
  PlenumCaptionTrack *track = plenum_caption_track_new (12, 2);

  plenum_caption_track_add (track, "eins zwei drei vier fünf sechs sieben acht", 0,
                            PLENUM_CAPTION_PARTIAL);
  check_cue (plenum_caption_track_current (track, 0), 0, -1, "fünf sechs\nsieben acht");
  plenum_caption_track_free (track);
}

static void
test_a_partial_after_a_cue_waits_for_its_minimum (void)
{
  PlenumCaptionTrack *track = plenum_caption_track_new (37, 2);
  g_autoptr (GPtrArray) finished = NULL;

  plenum_caption_track_add (track, "Vorher", 0, PLENUM_CAPTION_LIVE);
  plenum_caption_track_add (track, "Ein", 300, PLENUM_CAPTION_PARTIAL);
  plenum_caption_track_add (track, "Ein Satz", 600, PLENUM_CAPTION_PARTIAL);
  check_cue (plenum_caption_track_current (track, 999), 0, 1000, "Vorher");
  check_cue (plenum_caption_track_current (track, 1000), 1000, -1, "Ein Satz");
  finished = plenum_caption_track_take_finished (track, 1000);
  g_assert_cmpuint (finished->len, ==, 1);
  check_finished (finished, 0, 0, 1000, "Vorher");
  plenum_caption_track_free (track);
}

static void
test_a_late_final_result_is_still_seen (void)
{
  PlenumCaptionTrack *track = plenum_caption_track_new (37, 2);
  g_autoptr (GPtrArray) finished = NULL;

  for (gint64 t = 0; t <= 8000; t += 2000)
    plenum_caption_track_add (track, "und damit", t, PLENUM_CAPTION_PARTIAL);
  /* Kept from the guess's start, but it lingers from its own arrival: 9000 + 1000 + 3000. */
  plenum_caption_track_add (track, "Und damit.", 9000, PLENUM_CAPTION_LIVE);
  check_cue (plenum_caption_track_current (track, 12999), 0, -1, "Und damit.");
  finished = plenum_caption_track_take_finished (track, 13000);
  g_assert_cmpuint (finished->len, ==, 1);
  check_finished (finished, 0, 0, 13000, "Und damit.");
  plenum_caption_track_free (track);
}

static void
test_empty_text_ends_what_is_shown (void)
{
  PlenumCaptionTrack *track = plenum_caption_track_new (37, 2);
  g_autoptr (GPtrArray) finished = NULL;

  plenum_caption_track_add (track, "Erste", 0, PLENUM_CAPTION_LIVE);
  plenum_caption_track_add (track, "", 2500, PLENUM_CAPTION_LIVE);
  g_assert_null (plenum_caption_track_current (track, 2500));
  plenum_caption_track_add (track, "Zweite", 3000, PLENUM_CAPTION_LIVE);
  plenum_caption_track_add (track, "  ", 3200, PLENUM_CAPTION_LIVE);   /* kept 1 s */
  check_cue (plenum_caption_track_current (track, 3999), 3000, 4000, "Zweite");
  g_assert_null (plenum_caption_track_current (track, 4000));
  finished = plenum_caption_track_take_finished (track, 4000);
  g_assert_cmpuint (finished->len, ==, 2);
  check_finished (finished, 0, 0, 2500, "Erste");
  check_finished (finished, 1, 3000, 4000, "Zweite");
  plenum_caption_track_free (track);
}

static void
test_takes_each_finished_cue_once (void)
{
  PlenumCaptionTrack *track = plenum_caption_track_new (37, 2);
  g_autoptr (GPtrArray) first = NULL;
  g_autoptr (GPtrArray) again = NULL;
  g_autoptr (GPtrArray) later = NULL;

  plenum_caption_track_add (track, "A", 0, PLENUM_CAPTION_LIVE);
  plenum_caption_track_add (track, "B", 2000, PLENUM_CAPTION_LIVE);
  plenum_caption_track_add (track, "C", 4000, PLENUM_CAPTION_LIVE);
  first = plenum_caption_track_take_finished (track, 3000);
  again = plenum_caption_track_take_finished (track, 3000);
  later = plenum_caption_track_take_finished (track, 7999);
  g_assert_cmpuint (first->len, ==, 1);
  check_finished (first, 0, 0, 2000, "A");
  g_assert_cmpuint (again->len, ==, 0);
  g_assert_cmpuint (later->len, ==, 1);
  check_finished (later, 0, 2000, 4000, "B");
  plenum_caption_track_free (track);
}

static void
test_close_ends_what_is_open (void)
{
  PlenumCaptionTrack *track = plenum_caption_track_new (37, 2);
  g_autoptr (GPtrArray) finished = NULL;

  plenum_caption_track_add (track, "Schluss", 0, PLENUM_CAPTION_LIVE);
  plenum_caption_track_close (track, 2500);
  g_assert_null (plenum_caption_track_current (track, 2500));
  finished = plenum_caption_track_take_finished (track, 2500);
  g_assert_cmpuint (finished->len, ==, 1);
  check_finished (finished, 0, 0, 2500, "Schluss");
  plenum_caption_track_free (track);
}

static void
test_close_keeps_the_one_second_minimum (void)
{
  PlenumCaptionTrack *track = plenum_caption_track_new (37, 2);
  g_autoptr (GPtrArray) finished = NULL;
  g_autoptr (GPtrArray) none = NULL;

  plenum_caption_track_add (track, "Vorher", 0, PLENUM_CAPTION_LIVE);
  plenum_caption_track_add (track, "Schluss", 2000, PLENUM_CAPTION_PARTIAL);
  plenum_caption_track_close (track, 2400);
  /* After close every cue is handed out, even one that ends after `now`. */
  finished = plenum_caption_track_take_finished (track, 2400);
  g_assert_cmpuint (finished->len, ==, 2);
  check_finished (finished, 0, 0, 2000, "Vorher");
  check_finished (finished, 1, 2000, 3000, "Schluss");
  none = plenum_caption_track_take_finished (track, 2400);
  g_assert_cmpuint (none->len, ==, 0);
  plenum_caption_track_free (track);
}

static void
test_close_after_the_lingering_keeps_the_real_end (void)
{
  PlenumCaptionTrack *track = plenum_caption_track_new (37, 2);
  g_autoptr (GPtrArray) finished = NULL;

  plenum_caption_track_add (track, "Ja.", 0, PLENUM_CAPTION_LIVE);
  plenum_caption_track_close (track, 60000);
  finished = plenum_caption_track_take_finished (track, 60000);
  g_assert_cmpuint (finished->len, ==, 1);
  check_finished (finished, 0, 0, 4000, "Ja.");
  plenum_caption_track_free (track);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/captions/track/breaks-text-into-two-lines-of-37-characters",
                   test_breaks_text_into_two_lines_of_37_characters);
  g_test_add_func ("/captions/track/breaks-lines-at-32-characters-for-cea608",
                   test_breaks_lines_at_32_characters_for_cea608);
  g_test_add_func ("/captions/track/shows-live-text-at-once", test_shows_live_text_at_once);
  g_test_add_func ("/captions/track/live-text-ends-the-cue-before",
                   test_live_text_ends_the_cue_before);
  g_test_add_func ("/captions/track/a-cue-stays-at-least-one-second",
                   test_a_cue_stays_at_least_one_second);
  g_test_add_func ("/captions/track/a-live-cue-lingers-after-its-reading-time",
                   test_a_live_cue_lingers_after_its_reading_time);
  g_test_add_func ("/captions/track/a-short-cue-lingers-one-second-plus-the-pause",
                   test_a_short_cue_lingers_one_second_plus_the_pause);
  g_test_add_func ("/captions/track/a-long-live-text-becomes-several-screens-in-order",
                   test_a_long_live_text_becomes_several_screens_in_order);
  g_test_add_func ("/captions/track/live-text-catches-up-instead-of-waiting-behind-screens",
                   test_live_text_catches_up_instead_of_waiting_behind_screens);
  g_test_add_func ("/captions/track/a-flood-of-live-lines-never-lags-more-than-three-seconds",
                   test_a_flood_of_live_lines_never_lags_more_than_three_seconds);
  g_test_add_func ("/captions/track/file-text-is-paced-at-15-characters-a-second",
                   test_file_text_is_paced_at_15_characters_a_second);
  g_test_add_func ("/captions/track/a-paced-cue-is-never-cut-before-its-reading-time",
                   test_a_paced_cue_is_never_cut_before_its_reading_time);
  g_test_add_func ("/captions/track/partial-results-replace-each-other-in-place",
                   test_partial_results_replace_each_other_in_place);
  g_test_add_func ("/captions/track/a-partial-shows-the-newest-lines",
                   test_a_partial_shows_the_newest_lines);
  g_test_add_func ("/captions/track/a-partial-after-a-cue-waits-for-its-minimum",
                   test_a_partial_after_a_cue_waits_for_its_minimum);
  g_test_add_func ("/captions/track/a-late-final-result-is-still-seen",
                   test_a_late_final_result_is_still_seen);
  g_test_add_func ("/captions/track/empty-text-ends-what-is-shown",
                   test_empty_text_ends_what_is_shown);
  g_test_add_func ("/captions/track/takes-each-finished-cue-once",
                   test_takes_each_finished_cue_once);
  g_test_add_func ("/captions/track/close-ends-what-is-open", test_close_ends_what_is_open);
  g_test_add_func ("/captions/track/close-keeps-the-one-second-minimum",
                   test_close_keeps_the_one_second_minimum);
  g_test_add_func ("/captions/track/close-after-the-lingering-keeps-the-real-end",
                   test_close_after_the_lingering_keeps_the_real_end);
  return g_test_run ();
}

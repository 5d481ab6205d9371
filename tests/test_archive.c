/* Unit tests for the archive's own reckoning: chapters fitted to the recording kept, caption
 * coverage of speech, the show's metrics read back, a killed Matroska file recognised. */
#include "captions/caption_track.h"
#include "studio/archive_facts.h"
#include "studio/archive_logs.h"
#include "studio/caption_coverage.h"
#include "studio/chapter_list.h"
#include "studio/recording_scan.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

/* ---- chapters ---- */

static PlenumArchiveFacts *
chapters_of (const char *text, double duration_s, GPtrArray *problems)
{
  PlenumArchiveFacts *facts = plenum_archive_facts_new ();
  plenum_chapter_list_read (text, duration_s, facts, problems);
  return facts;
}

static void
assert_chapter (const PlenumArchiveFacts *facts, guint index, double start, double end,
                const char *title)
{
  const PlenumChapterFacts *chapter = g_ptr_array_index (facts->chapters, index);
  g_assert_cmpfloat_with_epsilon (chapter->start_s, start, 1e-9);
  g_assert_cmpfloat_with_epsilon (chapter->end_s, end, 1e-9);
  g_assert_cmpstr (chapter->title, ==, title);
}

static void
test_chapters_end_where_the_next_begins (void)
{
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (PlenumArchiveFacts) facts =
      chapters_of ("0:00 TOP 1 Eröffnung\n0:12 TOP 2 Haushalt\n1:05 TOP 3 Fragen\n", 120, problems);
  g_autofree char *text = plenum_chapter_list_text (facts);

  g_assert_cmpuint (facts->chapters->len, ==, 3);
  assert_chapter (facts, 0, 0, 12, "TOP 1 Eröffnung");
  assert_chapter (facts, 1, 12, 65, "TOP 2 Haushalt");
  assert_chapter (facts, 2, 65, 120, "TOP 3 Fragen");
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpstr (text, ==, "0:00 TOP 1 Eröffnung\n0:12 TOP 2 Haushalt\n1:05 TOP 3 Fragen\n");
}

static void
test_chapters_after_a_crash_are_cut_to_the_recording (void)
{
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  /* The recording kept 70 s: TOP 4 (at 80 s) is gone; TOP 3 (at 64 s) would last 6 s, too
   * short for YouTube, so TOP 2 runs to the end. */
  g_autoptr (PlenumArchiveFacts) facts =
      chapters_of ("0:00 A\n0:20 B\n1:04 C\n1:20 D\n", 70, problems);

  g_assert_cmpuint (facts->chapters->len, ==, 2);
  assert_chapter (facts, 0, 0, 20, "A");
  assert_chapter (facts, 1, 20, 70, "B");
}

static void
test_chapters_skip_a_line_they_cannot_read_and_say_which (void)
{
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (PlenumArchiveFacts) facts =
      chapters_of ("0:00 A\nhello\n0:61 X\n0:30 B\n0:20 back in time\n", 60, problems);

  g_assert_cmpuint (facts->chapters->len, ==, 2);
  assert_chapter (facts, 1, 30, 60, "B");
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "line 2"));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 2), "line 5"));
}

/* Found by tests/fuzz/fuzz_chapter_list: two chapters at 0:00 left the first lasting 0 s,
 * which YouTube refuses (and a first chapter under 10 s alike). */
static void
test_chapters_a_first_chapter_too_short_gives_way_to_the_next (void)
{
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (PlenumArchiveFacts) facts = chapters_of ("0:00 A\n0:00 B\n0:30 C\n", 60, problems);
  g_autoptr (PlenumArchiveFacts) skipped = chapters_of ("0:00 A\n0:04 B\n", 60, problems);

  g_assert_cmpuint (facts->chapters->len, ==, 2);
  assert_chapter (facts, 0, 0, 30, "B");
  assert_chapter (facts, 1, 30, 60, "C");
  g_assert_cmpuint (skipped->chapters->len, ==, 1);
  assert_chapter (skipped, 0, 0, 60, "B");
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "\"A\" lasts 0 s"));
}

/* Found by tests/fuzz/fuzz_chapter_list: a title in Latin-1 reached the report as it was. */
static void
test_chapters_titles_not_in_utf8_are_made_valid (void)
{
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (PlenumArchiveFacts) facts = chapters_of ("0:00 Er\xf6" "ffnung\n", 60, problems);
  g_autofree char *text = plenum_chapter_list_text (facts);

  g_assert_cmpuint (facts->chapters->len, ==, 1);
  assert_chapter (facts, 0, 0, 60, "Er\xef\xbf\xbd" "ffnung");
  g_assert_true (g_utf8_validate (text, -1, NULL));
}

static void
test_chapters_past_an_hour_use_hours_on_every_line (void)
{
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (PlenumArchiveFacts) facts =
      chapters_of ("0:00:00 A\n0:12:05 B\n1:02:03 C\n", 2 * 3600, problems);
  g_autofree char *text = plenum_chapter_list_text (facts);

  g_assert_cmpstr (text, ==, "0:00:00 A\n0:12:05 B\n1:02:03 C\n");
}

/* ---- caption coverage ---- */

static GArray *
levels (guint windows, double db)
{
  GArray *array = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < windows; i++)
    g_array_append_val (array, db);
  return array;
}

static void
set_level (GArray *array, guint from, guint to, double db)
{
  for (guint i = from; i < to && i < array->len; i++)
    g_array_index (array, double, i) = db;
}

static GPtrArray *
cues (const gint64 *times_ms, guint count)
{
  GPtrArray *array = g_ptr_array_new_with_free_func ((GDestroyNotify) plenum_cue_free);
  for (guint i = 0; i < count; i++) {
    PlenumCue *cue = g_new0 (PlenumCue, 1);
    cue->start_ms = times_ms[2 * i];
    cue->end_ms = times_ms[2 * i + 1];
    cue->text = g_strdup ("Text");
    g_ptr_array_add (array, cue);
  }
  return array;
}

static void
test_coverage_counts_captions_up_to_three_seconds_late (void)
{
  /* 60 s of speech; captions from 5 to 20 s: speech from 2 s (3 s before the first caption)
   * to 20 s counts as captioned. */
  g_autoptr (GArray) level = levels (600, -20);
  const gint64 times[] = { 5000, 10000, 10000, 20000 };
  g_autoptr (GPtrArray) list = cues (times, 2);
  g_autoptr (PlenumArchiveFacts) facts = plenum_archive_facts_new ();

  plenum_caption_coverage_measure (level, 100, list, facts);
  g_assert_cmpfloat_with_epsilon (facts->speech_s, 60, 1e-9);
  g_assert_cmpfloat_with_epsilon (facts->captioned_speech_s, 18, 0.11);
  g_assert_cmpfloat_with_epsilon (facts->caption_coverage, 18.0 / 60, 0.01);
  g_assert_cmpuint (facts->speech->len, ==, 60);
  g_assert_cmpuint (facts->cue_count, ==, 2);
}

static void
test_coverage_ignores_room_noise_and_fills_pauses_between_words (void)
{
  /* Room noise at -60 dBFS, speech at -18 from 10 to 20 s with 0.3 s pauses between words
   * and a 5 s silence after; captions during the speech only. */
  g_autoptr (GArray) level = levels (400, -60);
  const gint64 times[] = { 10000, 20000 };
  g_autoptr (GPtrArray) list = cues (times, 1);
  g_autoptr (PlenumArchiveFacts) facts = plenum_archive_facts_new ();

  set_level (level, 100, 200, -18);
  for (guint i = 105; i < 200; i += 10)
    set_level (level, i, i + 3, -70);
  plenum_caption_coverage_measure (level, 100, list, facts);
  g_assert_cmpfloat_with_epsilon (facts->speech_s, 10, 0.11);
  g_assert_cmpfloat_with_epsilon (facts->caption_coverage, 1, 1e-9);
}

static void
test_coverage_of_silence_is_not_a_number (void)
{
  g_autoptr (GArray) level = levels (100, -120);
  g_autoptr (GPtrArray) list = cues (NULL, 0);
  g_autoptr (PlenumArchiveFacts) facts = plenum_archive_facts_new ();

  plenum_caption_coverage_measure (level, 100, list, facts);
  g_assert_cmpfloat (facts->speech_s, ==, 0);
  g_assert_true (isnan (facts->caption_coverage));
}

static void
test_coverage_without_captions_is_zero (void)
{
  g_autoptr (GArray) level = levels (100, -25);
  g_autoptr (GPtrArray) list = cues (NULL, 0);
  g_autoptr (PlenumArchiveFacts) facts = plenum_archive_facts_new ();

  plenum_caption_coverage_measure (level, 100, list, facts);
  g_assert_cmpfloat (facts->caption_coverage, ==, 0);
}

/* ---- metrics.jsonl ---- */

static char *
write_temp (const char *name, const char *contents)
{
  g_autofree char *dir = g_dir_make_tmp ("plenum-archive-XXXXXX", NULL);
  char *path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static void
remove_temp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_metrics_give_series_per_output_and_skip_a_torn_line (void)
{
  g_autofree char *path = write_temp ("metrics.jsonl",
    "{\"time_s\":1,\"dropped\":0,\"outputs\":[{\"id\":\"yt\",\"kind\":\"youtube\",\"state\":\"live\","
    "\"bitrate_kbps\":4000,\"bytes\":500000,\"reconnects\":0}]}\n"
    "{\"time_s\":2,\"dropped\":3,\"outputs\":[{\"id\":\"yt\",\"kind\":\"youtube\",\"state\":\"retrying\","
    "\"bitrate_kbps\":0,\"bytes\":600000,\"reconnects\":1}]}\n"
    "{\"time_s\":3,\"dropped\":3,\"outp");
  g_autoptr (GPtrArray) outputs = g_ptr_array_new ();
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (PlenumArchiveFacts) facts = plenum_archive_facts_new ();
  const PlenumOutputFacts *yt, *rec;

  g_ptr_array_add (outputs, "rec");
  g_ptr_array_add (outputs, "record");
  plenum_archive_read_metrics (path, outputs, facts, problems);
  remove_temp (path);
  g_assert_cmpuint (facts->outputs->len, ==, 2);
  rec = g_ptr_array_index (facts->outputs, 0);
  yt = g_ptr_array_index (facts->outputs, 1);
  g_assert_cmpstr (rec->id, ==, "rec");
  g_assert_cmpuint (rec->bitrate_kbps->len, ==, 0);   /* never reported: an empty row */
  g_assert_cmpstr (yt->kind, ==, "youtube");
  g_assert_cmpuint (yt->bitrate_kbps->len, ==, 2);
  g_assert_cmpfloat (g_array_index (yt->bitrate_kbps, PlenumPoint, 0).value, ==, 4000);
  g_assert_cmpuint (yt->reconnect_count, ==, 1);
  g_assert_cmpstr (yt->last_state, ==, "retrying");
  g_assert_cmpuint (facts->dropped_total, ==, 3);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "1 unreadable line"));
}

/* Found by tests/fuzz/fuzz_archive_logs: a count beyond an integer's range was cast as it was
 * (undefined behaviour). */
static void
test_metrics_counts_out_of_range_are_held_to_it (void)
{
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (PlenumArchiveFacts) facts = plenum_archive_facts_new ();
  const PlenumOutputFacts *yt;

  plenum_archive_read_metrics_text (
      "{\"time_s\":1,\"dropped\":1e300,\"outputs\":[{\"id\":\"yt\",\"kind\":\"youtube\","
      "\"bytes\":-5,\"reconnects\":1e20}]}\n", facts, problems);
  g_assert_cmpuint (facts->outputs->len, ==, 1);
  yt = g_ptr_array_index (facts->outputs, 0);
  g_assert_cmpuint (facts->dropped_total, ==, G_MAXUINT64);
  g_assert_cmpuint (yt->reconnect_count, ==, G_MAXUINT);
  g_assert_cmpuint (yt->bytes, ==, 0);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_questions_are_counted_by_source_and_state (void)
{
  g_autofree char *path = write_temp ("questions.json",
    "[{\"source\":\"youtube\",\"state\":\"answered\"},{\"source\":\"form\",\"state\":\"new\"},"
    "{\"source\":\"youtube\",\"state\":\"rejected\"}]");
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (PlenumArchiveFacts) facts = plenum_archive_facts_new ();
  const PlenumCount *first;

  plenum_archive_read_questions (path, facts, problems);
  remove_temp (path);
  g_assert_cmpuint (facts->question_total, ==, 3);
  g_assert_cmpuint (facts->questions_by_source->len, ==, 2);
  first = g_ptr_array_index (facts->questions_by_source, 0);
  g_assert_cmpstr (first->label, ==, "youtube");
  g_assert_cmpuint (first->count, ==, 2);
  g_assert_cmpuint (facts->questions_by_state->len, ==, 3);
}

/* ---- a killed Matroska file ---- */

static char *
matroska_with_segment_size (const guint8 *size, gsize size_length, gsize body)
{
  static const guint8 ebml[] = { 0x1a, 0x45, 0xdf, 0xa3, 0x84, 0x42, 0x86, 0x81, 0x01 };
  static const guint8 segment[] = { 0x18, 0x53, 0x80, 0x67 };
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  g_autofree char *dir = g_dir_make_tmp ("plenum-mkv-XXXXXX", NULL);
  char *path = g_build_filename (dir, "recording.mkv", NULL);

  g_byte_array_append (bytes, ebml, sizeof ebml);
  g_byte_array_append (bytes, segment, sizeof segment);
  g_byte_array_append (bytes, size, (guint) size_length);
  for (gsize i = 0; i < body; i++)
    g_byte_array_append (bytes, (const guint8 *) "\0", 1);
  g_assert_true (g_file_set_contents (path, (const char *) bytes->data, bytes->len, NULL));
  return path;
}

static void
test_a_killed_matroska_file_is_not_finalised (void)
{
  static const guint8 unknown[] = { 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
  static const guint8 known[] = { 0x01, 0, 0, 0, 0, 0, 0, 64 };
  static const guint8 too_big[] = { 0x01, 0, 0, 0, 0, 0, 1, 0 };
  g_autofree char *killed = matroska_with_segment_size (unknown, sizeof unknown, 64);
  g_autofree char *finished = matroska_with_segment_size (known, sizeof known, 64);
  g_autofree char *cut = matroska_with_segment_size (too_big, sizeof too_big, 64);

  g_assert_false (plenum_matroska_is_finalised (killed));
  g_assert_true (plenum_matroska_is_finalised (finished));
  g_assert_false (plenum_matroska_is_finalised (cut));
  g_assert_false (plenum_matroska_is_finalised ("/nonexistent/recording.mkv"));
  remove_temp (killed);
  remove_temp (finished);
  remove_temp (cut);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/archive/chapters/end-where-the-next-begins", test_chapters_end_where_the_next_begins);
  g_test_add_func ("/archive/chapters/after-a-crash-are-cut-to-the-recording",
                   test_chapters_after_a_crash_are_cut_to_the_recording);
  g_test_add_func ("/archive/chapters/skip-a-line-they-cannot-read-and-say-which",
                   test_chapters_skip_a_line_they_cannot_read_and_say_which);
  g_test_add_func ("/archive/chapters/a-first-chapter-too-short-gives-way-to-the-next",
                   test_chapters_a_first_chapter_too_short_gives_way_to_the_next);
  g_test_add_func ("/archive/chapters/titles-not-in-utf8-are-made-valid",
                   test_chapters_titles_not_in_utf8_are_made_valid);
  g_test_add_func ("/archive/chapters/past-an-hour-use-hours-on-every-line",
                   test_chapters_past_an_hour_use_hours_on_every_line);
  g_test_add_func ("/archive/coverage/counts-captions-up-to-three-seconds-late",
                   test_coverage_counts_captions_up_to_three_seconds_late);
  g_test_add_func ("/archive/coverage/ignores-room-noise-and-fills-pauses-between-words",
                   test_coverage_ignores_room_noise_and_fills_pauses_between_words);
  g_test_add_func ("/archive/coverage/of-silence-is-not-a-number", test_coverage_of_silence_is_not_a_number);
  g_test_add_func ("/archive/coverage/without-captions-is-zero", test_coverage_without_captions_is_zero);
  g_test_add_func ("/archive/metrics/give-series-per-output-and-skip-a-torn-line",
                   test_metrics_give_series_per_output_and_skip_a_torn_line);
  g_test_add_func ("/archive/metrics/counts-out-of-range-are-held-to-it",
                   test_metrics_counts_out_of_range_are_held_to_it);
  g_test_add_func ("/archive/questions/are-counted-by-source-and-state",
                   test_questions_are_counted_by_source_and_state);
  g_test_add_func ("/archive/recording/a-killed-matroska-file-is-not-finalised",
                   test_a_killed_matroska_file_is_not_finalised);
  return g_test_run ();
}

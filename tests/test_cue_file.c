/* Unit tests for captions/cue_file.c. */
#include "captions/cue_file.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

static const PlenumCueLine *
cue_at (GPtrArray *cues, guint i)
{
  g_assert_cmpuint (i, <, cues->len);
  return g_ptr_array_index (cues, i);
}

static void
check_cue (GPtrArray *cues, guint i, gint64 start_ms, const char *text, guint line)
{
  const PlenumCueLine *cue = cue_at (cues, i);

  g_assert_cmpint (cue->start_ms, ==, start_ms);
  g_assert_cmpstr (cue->text, ==, text);
  g_assert_cmpuint (cue->line, ==, line);
}

/* Parses `contents` expecting an error with exactly `message`. */
static void
check_error (const char *contents, const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) cues = plenum_cue_file_parse (contents, "captions.txt", &error);

  g_assert_null (cues);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_reads_timed_and_untimed_lines (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) cues = plenum_cue_file_parse (
      "\xEF\xBB\xBF# Ratssitzung 26.11.\r\n"
      "00:00:05.250 Guten Abend.\r\n"
      "\r\n"
      "Willkommen zur Sitzung.  \n"
      "   \t\n"
      "01:02:03.004\tTOP 1: Haushalt\n"
      "01:02:03.004 Gleichzeitig erlaubt\n"
      "  Größe über alles  ",
      "captions.txt", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (cues->len, ==, 5);
  check_cue (cues, 0, 5250, "Guten Abend.", 2);
  check_cue (cues, 1, -1, "Willkommen zur Sitzung.", 4);
  check_cue (cues, 2, 3723004, "TOP 1: Haushalt", 6);
  check_cue (cues, 3, 3723004, "Gleichzeitig erlaubt", 7);
  check_cue (cues, 4, -1, "Größe über alles", 8);
}

static void
test_keeps_a_clock_time_inside_the_text (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) cues =
      plenum_cue_file_parse ("00:00:01.000 Pause bis 12:30 Uhr\nUm 12:30 geht es weiter\n",
                             "captions.txt", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (cues->len, ==, 2);
  check_cue (cues, 0, 1000, "Pause bis 12:30 Uhr", 1);
  check_cue (cues, 1, -1, "Um 12:30 geht es weiter", 2);
}

static void
test_rejects_a_bad_time_stamp (void)
{
  check_error ("a\nb\nc\nd\ne\nf\n00:61:00.000 Zu spät\n",
               "captions.txt:7: bad time stamp \"00:61:00.000\"");
  check_error ("00:00:60.000 x", "captions.txt:1: bad time stamp \"00:00:60.000\"");
  check_error ("0:00:01.000 x", "captions.txt:1: bad time stamp \"0:00:01.000\"");
  check_error ("00:00:01.00 x", "captions.txt:1: bad time stamp \"00:00:01.00\"");
  check_error ("00:00:01.0000 x", "captions.txt:1: bad time stamp \"00:00:01.0000\"");
  check_error ("00:00:01,000 x", "captions.txt:1: bad time stamp \"00:00:01,000\"");
  check_error ("00:01.000 x", "captions.txt:1: bad time stamp \"00:01.000\"");
}

static void
test_rejects_a_time_stamp_without_a_caption (void)
{
  check_error ("Hallo\n00:00:01.000   \n", "captions.txt:2: time stamp without a caption");
}

static void
test_rejects_invalid_utf8 (void)
{
  check_error ("Hallo\n\nGr\xF6\xDF" "e\n", "captions.txt:3: not valid UTF-8");
}

static void
test_rejects_time_going_backwards (void)
{
  check_error ("00:00:01.000 a\n"
               "b\n"
               "00:00:09.000 c\n"
               "d\ne\nf\ng\nh\n"
               "00:00:05.000 i\n",
               "captions.txt:9: time stamp goes backwards (00:00:05.000 after 00:00:09.000)");
}

static void
test_loads_a_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("plenum-cues-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "captions.txt", NULL);
  g_autoptr (GPtrArray) cues = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "00:00:02.000 Eins\nZwei\n", -1, &error));
  cues = plenum_cue_file_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cues->len, ==, 2);
  check_cue (cues, 0, 2000, "Eins", 1);
  check_cue (cues, 1, -1, "Zwei", 2);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_reports_a_nul_byte_with_its_line (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("plenum-cues-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "captions.txt", NULL);
  g_autofree char *expected = g_strdup_printf ("%s:2: not valid UTF-8", path);
  g_autoptr (GPtrArray) cues = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "Eins\nZw\0ei\nDrei\n", 16, &error));
  cues = plenum_cue_file_load (path, &error);
  g_assert_null (cues);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, expected);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_names_the_path_of_a_missing_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) cues = plenum_cue_file_load ("/nonexistent/plenum/captions.txt", &error);

  g_assert_null (cues);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "/nonexistent/plenum/captions.txt"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/captions/cue-file/reads-timed-and-untimed-lines",
                   test_reads_timed_and_untimed_lines);
  g_test_add_func ("/captions/cue-file/keeps-a-clock-time-inside-the-text",
                   test_keeps_a_clock_time_inside_the_text);
  g_test_add_func ("/captions/cue-file/rejects-a-bad-time-stamp", test_rejects_a_bad_time_stamp);
  g_test_add_func ("/captions/cue-file/rejects-a-time-stamp-without-a-caption",
                   test_rejects_a_time_stamp_without_a_caption);
  g_test_add_func ("/captions/cue-file/rejects-invalid-utf8", test_rejects_invalid_utf8);
  g_test_add_func ("/captions/cue-file/rejects-time-going-backwards",
                   test_rejects_time_going_backwards);
  g_test_add_func ("/captions/cue-file/loads-a-file", test_loads_a_file);
  g_test_add_func ("/captions/cue-file/reports-a-nul-byte-with-its-line",
                   test_reports_a_nul_byte_with_its_line);
  g_test_add_func ("/captions/cue-file/names-the-path-of-a-missing-file",
                   test_names_the_path_of_a_missing_file);
  return g_test_run ();
}

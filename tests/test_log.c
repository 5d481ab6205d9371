/* Unit tests for studio/log.c: secrets never reach a line. */
#include <string.h>
#include <glib/gstdio.h>
#include "studio/log.h"

static void
test_redacts_every_secret (void)
{
  g_autoptr (PlenumLog) log = plenum_log_new (TRUE);
  g_autofree char *out = NULL;

  plenum_log_add_secret (log, "abcd-1234-efgh");
  plenum_log_add_secret (log, "s3cr3tpass");
  plenum_log_add_secret (log, "");
  out = plenum_log_redact (log, "rtmps://a.example/live2/abcd-1234-efgh failed; srt pass s3cr3tpass, again abcd-1234-efgh");
  g_assert_cmpstr (out, ==, "rtmps://a.example/live2/**** failed; srt pass ****, again ****");
}

static void
test_redacts_a_secret_percent_encoded_in_a_url (void)
{
  g_autoptr (PlenumLog) log = plenum_log_new (TRUE);
  g_autofree char *out = NULL;

  plenum_log_add_secret (log, "ya29.tok/en+1=");
  out = plenum_log_redact (log, "GET /v3/messages?key=ya29.tok%2Fen%2B1%3D&x=1 and ya29.tok/en+1=");
  g_assert_cmpstr (out, ==, "GET /v3/messages?key=****&x=1 and ****");
}

static void
test_show_log_never_holds_a_secret (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("plenum-log-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "show.log", NULL);
  g_autofree char *contents = NULL;

  {
    g_autoptr (PlenumLog) log = plenum_log_new (TRUE);
    plenum_log_add_secret (log, "KEY-9876");
    g_assert_true (plenum_log_open_file (log, path, &error));
    plenum_log_status (log, "youtube live (key KEY-9876)");
    plenum_log_event (log, "output %s refused key %s", "youtube", "KEY-9876");
  }
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_null (strstr (contents, "KEY-9876"));
  g_assert_nonnull (strstr (contents, "youtube live (key ****)"));
  g_assert_nonnull (strstr (contents, "output youtube refused key ****"));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_unwritable_log_names_the_file (void)
{
  g_autoptr (PlenumLog) log = plenum_log_new (TRUE);
  g_autoptr (GError) error = NULL;

  g_assert_false (plenum_log_open_file (log, "/nonexistent-dir/show.log", &error));
  g_assert_nonnull (strstr (error->message, "/nonexistent-dir/show.log"));
}

/* /dev/full refuses every write with ENOSPC, as a full disk does; a file opened after it takes
 * the lines it refused. */
static void
test_lines_a_full_disk_refused_are_written_later (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("plenum-log-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "show.log", NULL);
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;

  {
    g_autoptr (PlenumLog) log = plenum_log_new (TRUE);
    g_assert_true (plenum_log_open_file (log, "/dev/full", &error));
    plenum_log_event (log, "output rec: recording stopped: the disk is full");
    plenum_log_status (log, "00:00:05 frames 150");
    g_assert_true (plenum_log_open_file (log, path, &error));
    plenum_log_event (log, "output rec: recording resumes");
  }
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_true (g_str_has_suffix (lines[0], " output rec: recording stopped: the disk is full"));
  g_assert_true (g_str_has_suffix (lines[1], " 00:00:05 frames 150"));
  g_assert_true (g_str_has_suffix (lines[2], " output rec: recording resumes"));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_a_long_full_disk_keeps_the_first_lines_and_counts_the_rest (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("plenum-log-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "show.log", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *padding = g_strnfill (100, 'x');
  g_auto (GStrv) lines = NULL;
  g_autofree char *last = NULL;
  guint kept, total = 4000;   /* about 440 KiB of lines, more than the backlog holds */
  guint64 lost = 0;

  {
    g_autoptr (PlenumLog) log = plenum_log_new (TRUE);
    g_assert_true (plenum_log_open_file (log, "/dev/full", &error));
    for (guint i = 0; i < total; i++) {
      g_autofree char *line = g_strdup_printf ("status %u %s", i, padding);
      plenum_log_status (log, line);
    }
    g_assert_true (plenum_log_open_file (log, path, &error));
    plenum_log_event (log, "space again");
  }
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  lines = g_strsplit (contents, "\n", -1);
  kept = g_strv_length (lines) - 3;   /* the count, "space again", the empty end */
  g_assert_cmpuint (kept, >, 2000);
  g_assert_cmpuint (kept, <, total);
  g_assert_nonnull (strstr (lines[0], " status 0 x"));
  last = g_strdup_printf (" status %u x", kept - 1);
  g_assert_nonnull (strstr (lines[kept - 1], last));
  g_assert_nonnull (strstr (lines[kept], " lines could not be written here: "));
  lost = g_ascii_strtoull (strchr (lines[kept], ' ') + 1, NULL, 10);
  g_assert_cmpuint (lost, ==, total - kept);
  g_assert_true (g_str_has_suffix (lines[kept + 1], " space again"));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/log/redacts-every-secret", test_redacts_every_secret);
  g_test_add_func ("/log/redacts-a-secret-percent-encoded-in-a-url",
                   test_redacts_a_secret_percent_encoded_in_a_url);
  g_test_add_func ("/log/show-log-never-holds-a-secret", test_show_log_never_holds_a_secret);
  g_test_add_func ("/log/unwritable-log-names-the-file", test_unwritable_log_names_the_file);
  g_test_add_func ("/log/lines-a-full-disk-refused-are-written-later",
                   test_lines_a_full_disk_refused_are_written_later);
  g_test_add_func ("/log/a-long-full-disk-keeps-the-first-lines-and-counts-the-rest",
                   test_a_long_full_disk_keeps_the_first_lines_and_counts_the_rest);
  return g_test_run ();
}

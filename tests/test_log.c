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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/log/redacts-every-secret", test_redacts_every_secret);
  g_test_add_func ("/log/show-log-never-holds-a-secret", test_show_log_never_holds_a_secret);
  g_test_add_func ("/log/unwritable-log-names-the-file", test_unwritable_log_names_the_file);
  return g_test_run ();
}

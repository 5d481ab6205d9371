/* Unit tests for captions/subtitle_file.c. */
#include "captions/subtitle_file.h"

#include <glib/gstdio.h>
#include <string.h>

static const PlenumCue test_cues[] = {
  { .start_ms = 0, .end_ms = 2500, .text = "Guten Abend." },
  { .start_ms = 2500, .end_ms = 5001, .text = "Müller & Söhne <GmbH>\n--> Antrag 3" },
  { .start_ms = 3723004, .end_ms = 3725000, .text = "Zweite Stunde" },
};

static const char expected_vtt[] =
    "WEBVTT\n"
    "\n"
    "00:00:00.000 --> 00:00:02.500\n"
    "Guten Abend.\n"
    "\n"
    "00:00:02.500 --> 00:00:05.001\n"
    "Müller &amp; Söhne &lt;GmbH&gt;\n"
    "--&gt; Antrag 3\n"
    "\n"
    "01:02:03.004 --> 01:02:05.000\n"
    "Zweite Stunde\n"
    "\n";

static const char expected_srt[] =
    "1\n"
    "00:00:00,000 --> 00:00:02,500\n"
    "Guten Abend.\n"
    "\n"
    "2\n"
    "00:00:02,500 --> 00:00:05,001\n"
    "Müller & Söhne ‹GmbH›\n"   /* SRT cannot escape "<": players would drop "<GmbH>" */
    "--> Antrag 3\n"
    "\n"
    "3\n"
    "01:02:03,004 --> 01:02:05,000\n"
    "Zweite Stunde\n"
    "\n";

typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  (void) data;
  fixture->dir = g_dir_make_tmp ("plenum-subtitles-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  (void) data;
  while (dir && (name = g_dir_read_name (dir))) {
    g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
    g_unlink (path);
  }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* Returns (transfer full) the path of a file holding `test_cues`. */
static char *
write_test_cues (Fixture *fixture, const char *name, PlenumSubtitleFormat format)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);
  PlenumSubtitleFile *file = plenum_subtitle_file_open (path, format, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (test_cues); i++) {
    g_assert_true (plenum_subtitle_file_add (file, &test_cues[i], &error));
    g_assert_no_error (error);
  }
  plenum_subtitle_file_close (file);
  return path;
}

static void
check_contents (const char *path, const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, expected);
}

static void
test_formats_times_for_vtt_and_srt (void)
{
  const struct {
    gint64 ms;
    const char *vtt, *srt;
  } cases[] = {
    { 0, "00:00:00.000", "00:00:00,000" },
    { 62345, "00:01:02.345", "00:01:02,345" },
    { 3723004, "01:02:03.004", "01:02:03,004" },
    { 359999999, "99:59:59.999", "99:59:59,999" },
    { 360000000, "100:00:00.000", "100:00:00,000" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *vtt = plenum_subtitle_time (cases[i].ms, PLENUM_SUBTITLE_VTT);
    g_autofree char *srt = plenum_subtitle_time (cases[i].ms, PLENUM_SUBTITLE_SRT);
    g_assert_cmpstr (vtt, ==, cases[i].vtt);
    g_assert_cmpstr (srt, ==, cases[i].srt);
  }
}

static void
test_writes_webvtt_with_escaped_text (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = write_test_cues (fixture, "captions.vtt", PLENUM_SUBTITLE_VTT);

  (void) data;
  check_contents (path, expected_vtt);
}

static void
test_writes_srt_numbered_from_one (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = write_test_cues (fixture, "captions.srt", PLENUM_SUBTITLE_SRT);

  (void) data;
  check_contents (path, expected_srt);
}

static void
test_each_cue_is_on_disk_before_close (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "captions.vtt", NULL);
  PlenumSubtitleFile *file;

  (void) data;
  g_assert_true (g_file_set_contents (path, "old run, to be replaced", -1, &error));
  file = plenum_subtitle_file_open (path, PLENUM_SUBTITLE_VTT, &error);
  g_assert_no_error (error);
  check_contents (path, "WEBVTT\n\n");
  g_assert_true (plenum_subtitle_file_add (file, &test_cues[0], &error));
  check_contents (path, "WEBVTT\n\n00:00:00.000 --> 00:00:02.500\nGuten Abend.\n\n");
  plenum_subtitle_file_close (file);
}

static void
test_never_writes_a_blank_line_inside_a_cue (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "captions.srt", NULL);
  PlenumCue gappy = { .start_ms = 1000, .end_ms = 2000, .text = "eins\n\n \r\nzwei\r" };
  PlenumCue blank = { .start_ms = 2000, .end_ms = 3000, .text = "\n" };
  PlenumCue last = { .start_ms = 3000, .end_ms = 4000, .text = "drei" };
  PlenumSubtitleFile *file = plenum_subtitle_file_open (path, PLENUM_SUBTITLE_SRT, &error);

  (void) data;
  g_assert_no_error (error);
  g_assert_true (plenum_subtitle_file_add (file, &gappy, &error));
  g_assert_true (plenum_subtitle_file_add (file, &blank, &error));
  g_assert_true (plenum_subtitle_file_add (file, &last, &error));
  plenum_subtitle_file_close (file);
  check_contents (path, "1\n00:00:01,000 --> 00:00:02,000\neins\nzwei\n\n"
                        "2\n00:00:03,000 --> 00:00:04,000\ndrei\n\n");
}

static void
test_names_the_path_it_cannot_create (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "missing", "captions.vtt", NULL);
  PlenumSubtitleFile *file = plenum_subtitle_file_open (path, PLENUM_SUBTITLE_VTT, &error);

  (void) data;
  g_assert_null (file);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_true (g_str_has_prefix (error->message, path));
}

/* Returns (transfer full) ffprobe's trimmed output for `entries` of `path`. */
static char *
run_ffprobe (const char *path, const char *entries)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "ffprobe", "-v", "error", "-show_entries", entries, "-of", "csv=p=0",
                         path, NULL };
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  return g_strdup (g_strstrip (out));
}

/* ffprobe, which nobody here wrote, must recognise the file and read every cue at its time;
 * a copy without the extension makes it judge by the contents alone. */
static void
check_ffprobe (const char *path, const char *codec)
{
  const char *expected_packets = "0.000000,2.500000\n"
                                 "2.500000,2.501000\n"
                                 "3723.004000,1.996000";
  g_autofree char *bare = g_strndup (path, strrchr (path, '.') - path);
  g_autofree char *contents = NULL;
  g_autofree char *named_codec = NULL;
  g_autofree char *bare_codec = NULL;
  g_autofree char *packets = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (bare, contents, -1, NULL));
  named_codec = run_ffprobe (path, "stream=codec_name");
  bare_codec = run_ffprobe (bare, "stream=codec_name");
  packets = run_ffprobe (path, "packet=pts_time,duration_time");
  g_assert_cmpstr (named_codec, ==, codec);
  g_assert_cmpstr (bare_codec, ==, codec);
  g_assert_cmpstr (packets, ==, expected_packets);
}

static void
test_ffprobe_reads_both_files (Fixture *fixture, gconstpointer data)
{
  g_autofree char *ffprobe = g_find_program_in_path ("ffprobe");
  g_autofree char *vtt = NULL;
  g_autofree char *srt = NULL;

  (void) data;
  if (ffprobe == NULL) {
    g_test_skip ("ffprobe is not on PATH");
    return;
  }
  vtt = write_test_cues (fixture, "captions.vtt", PLENUM_SUBTITLE_VTT);
  srt = write_test_cues (fixture, "captions.srt", PLENUM_SUBTITLE_SRT);
  check_ffprobe (vtt, "webvtt");
  check_ffprobe (srt, "subrip");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/captions/subtitle-file/formats-times-for-vtt-and-srt",
                   test_formats_times_for_vtt_and_srt);
  g_test_add ("/captions/subtitle-file/writes-webvtt-with-escaped-text", Fixture, NULL,
              fixture_set_up, test_writes_webvtt_with_escaped_text, fixture_tear_down);
  g_test_add ("/captions/subtitle-file/writes-srt-numbered-from-one", Fixture, NULL,
              fixture_set_up, test_writes_srt_numbered_from_one, fixture_tear_down);
  g_test_add ("/captions/subtitle-file/each-cue-is-on-disk-before-close", Fixture, NULL,
              fixture_set_up, test_each_cue_is_on_disk_before_close, fixture_tear_down);
  g_test_add ("/captions/subtitle-file/never-writes-a-blank-line-inside-a-cue", Fixture, NULL,
              fixture_set_up, test_never_writes_a_blank_line_inside_a_cue, fixture_tear_down);
  g_test_add ("/captions/subtitle-file/names-the-path-it-cannot-create", Fixture, NULL,
              fixture_set_up, test_names_the_path_it_cannot_create, fixture_tear_down);
  g_test_add ("/captions/subtitle-file/ffprobe-reads-both-files", Fixture, NULL, fixture_set_up,
              test_ffprobe_reads_both_files, fixture_tear_down);
  return g_test_run ();
}

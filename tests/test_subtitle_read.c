/* Unit tests for captions/subtitle_read.c. */
#include "captions/subtitle_read.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

/* As the studio writes them: markup-like text, a line starting with "-->", umlauts, a second
 * hour. */
static const PlenumCue studio_cues[] = {
  { .start_ms = 0, .end_ms = 2500, .text = "Guten Abend." },
  { .start_ms = 2500, .end_ms = 5001, .text = "Müller & Söhne <GmbH>\n--> Antrag 3" },
  { .start_ms = 61000, .end_ms = 64000, .text = "Wir stimmen\nnicht zu." },
  { .start_ms = 3723004, .end_ms = 3725000, .text = "Zweite Stunde: Ärger" },
};

typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  (void) data;
  fixture->dir = g_dir_make_tmp ("plenum-subtitle-read-XXXXXX", &error);
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

static const char *
name_for (PlenumSubtitleFormat format)
{
  return format == PLENUM_SUBTITLE_VTT ? "captions.vtt" : "captions.srt";
}

/* Returns (transfer full) the path of `name` in the fixture's folder, written cue by cue by the
 * studio's writer. */
static char *
write_with_studio (Fixture *fixture, const char *name, PlenumSubtitleFormat format,
                   const PlenumCue *cues, guint n_cues)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);
  PlenumSubtitleFile *file = plenum_subtitle_file_open (path, format, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n_cues; i++) {
    g_assert_true (plenum_subtitle_file_add (file, &cues[i], &error));
    g_assert_no_error (error);
  }
  plenum_subtitle_file_close (file);
  return path;
}

/* (transfer full) */
static char *
read_contents (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

/* Reads the first `length` bytes of `data` from a buffer of exactly that size, so the
 * sanitizer catches any read past the end. (transfer full) or NULL with `error`. */
static GPtrArray *
read_bytes (const char *data, gsize length, PlenumSubtitleFormat format, GPtrArray *problems,
            GError **error)
{
  g_autofree char *copy = length > 0 ? g_memdup2 (data, length) : NULL;

  return plenum_subtitle_read (copy, length, format, name_for (format), problems, error);
}

/* Reads `data` expecting no error; (transfer full). */
static GPtrArray *
read_text (const char *data, PlenumSubtitleFormat format, GPtrArray *problems)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *cues = read_bytes (data, strlen (data), format, problems, &error);

  g_assert_no_error (error);
  g_assert_nonnull (cues);
  return cues;
}

static GPtrArray *
new_problems (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

static GPtrArray *
new_cues (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) plenum_cue_free);
}

static void
add_cue (GPtrArray *cues, gint64 start_ms, gint64 end_ms, const char *text)
{
  PlenumCue *cue = g_new0 (PlenumCue, 1);

  cue->start_ms = start_ms;
  cue->end_ms = end_ms;
  cue->text = g_strdup (text);
  g_ptr_array_add (cues, cue);
}

static void
check_cue (GPtrArray *cues, guint i, gint64 start_ms, gint64 end_ms, const char *text)
{
  const PlenumCue *cue;

  g_assert_cmpuint (i, <, cues->len);
  cue = g_ptr_array_index (cues, i);
  g_assert_cmpint (cue->start_ms, ==, start_ms);
  g_assert_cmpint (cue->end_ms, ==, end_ms);
  g_assert_cmpstr (cue->text, ==, text);
  g_assert_false (cue->partial);
}

/* Cue i's text as the studio's file of `format` holds it: SRT cannot escape "<", so the
 * studio writes "<GmbH>" there as "‹GmbH›" (subtitle_file.h). */
static const char *
studio_text (guint i, PlenumSubtitleFormat format)
{
  if (format == PLENUM_SUBTITLE_SRT && i == 1)
    return "Müller & Söhne ‹GmbH›\n--> Antrag 3";
  return studio_cues[i].text;
}

static void
check_studio_cues (GPtrArray *cues, PlenumSubtitleFormat format)
{
  g_assert_cmpuint (cues->len, ==, G_N_ELEMENTS (studio_cues));
  for (guint i = 0; i < G_N_ELEMENTS (studio_cues); i++)
    check_cue (cues, i, studio_cues[i].start_ms, studio_cues[i].end_ms, studio_text (i, format));
}

/* `expected` is NULL-terminated. */
static void
check_problems (GPtrArray *problems, const char *const *expected)
{
  guint n = g_strv_length ((char **) expected);

  for (guint i = 0; i < MIN (n, problems->len); i++)
    g_assert_cmpstr (g_ptr_array_index (problems, i), ==, expected[i]);
  g_assert_cmpuint (problems->len, ==, n);
}

static void
check_no_problems (GPtrArray *problems)
{
  const char *none[] = { NULL };

  check_problems (problems, none);
}

/* Reading back ------------------------------------------------------------------------------ */

static void
test_reads_back_what_the_studio_wrote (Fixture *fixture, gconstpointer data)
{
  (void) data;
  for (PlenumSubtitleFormat format = PLENUM_SUBTITLE_VTT; format <= PLENUM_SUBTITLE_SRT;
       format++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (GPtrArray) problems = new_problems ();
    g_autofree char *path = write_with_studio (fixture, name_for (format), format, studio_cues,
                                               G_N_ELEMENTS (studio_cues));
    g_autoptr (GPtrArray) cues = plenum_subtitle_read_file (path, format, problems, &error);

    g_assert_no_error (error);
    check_studio_cues (cues, format);
    check_no_problems (problems);
  }
}

static void
test_writes_the_same_bytes_as_the_studio (Fixture *fixture, gconstpointer data)
{
  (void) data;
  for (PlenumSubtitleFormat format = PLENUM_SUBTITLE_VTT; format <= PLENUM_SUBTITLE_SRT;
       format++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (GPtrArray) cues = new_cues ();
    g_autofree char *studio_path = write_with_studio (fixture, name_for (format), format,
                                                      studio_cues, G_N_ELEMENTS (studio_cues));
    g_autofree char *clean_path = g_build_filename (fixture->dir, "clean", NULL);
    g_autofree char *studio = NULL;
    g_autofree char *clean = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (studio_cues); i++) {
      add_cue (cues, studio_cues[i].start_ms, studio_cues[i].end_ms, studio_cues[i].text);
      if (i == 1)
        add_cue (cues, 5001, 6000, " \n");   /* left out, and SRT's numbers go on without it */
    }
    g_assert_true (plenum_subtitle_write (cues, clean_path, format, &error));
    g_assert_no_error (error);
    studio = read_contents (studio_path);
    clean = read_contents (clean_path);
    g_assert_cmpstr (clean, ==, studio);
  }
}

static void
test_reads_a_webvtt_file_edited_by_hand (void)
{
  g_autoptr (GPtrArray) problems = new_problems ();
  g_autoptr (GPtrArray) cues = read_text (
      "\xEF\xBB\xBFWEBVTT - Ratssitzung 26.11.\r\n"
      "Kind: captions\r\n"
      "Language: de\r\n"
      "\r\n"
      "NOTE Pressestelle: Namen geprüft\r\n"
      "zweite Zeile der Notiz\r\n"
      "\r\n"
      "STYLE\r\n"
      "::cue { color: yellow }\r\n"
      "\r\n"
      "REGION\r\n"
      "id:unten width:40%\r\n"
      "\r\n"
      "begruessung\r\n"
      "00:01.000 --> 00:03.500 align:start line:0\r\n"
      "<v Bürgermeisterin>Guten <i>Abend</i>, <b>liebe</b> <c.yellow>Gäste</c>!</v>\r\n"
      "\r\n"
      "2\r\n"
      "00:00:03.500 --> 00:00:05.000\r\n"
      "AT&amp;T &lt;Antrag&gt;&nbsp;3 &#233;t&#xE9; &unbekannt; a < b\r\n"
      "   \r\n"
      "NOTE am Ende\r\n"
      "\r\n"
      "01:00:00,250 --> 01:00:01,5\r\n"
      "  <00:00:00.100>eins  \r\n"
      "<ruby>Rat<rt>rat</rt></ruby>\r\n"
      "\r\n",
      PLENUM_SUBTITLE_VTT, problems);

  check_no_problems (problems);
  g_assert_cmpuint (cues->len, ==, 3);
  check_cue (cues, 0, 1000, 3500, "Guten Abend, liebe Gäste!");
  check_cue (cues, 1, 3500, 5000, "AT&T <Antrag>\u00A03 été &unbekannt; a < b");
  check_cue (cues, 2, 3600250, 3601500, "eins\nRatrat");
}

static void
test_reads_srt_as_editors_write_it (void)
{
  g_autoptr (GPtrArray) problems = new_problems ();
  g_autoptr (GPtrArray) cues = read_text (
      "\xEF\xBB\xBF" "5\r\n"
      "00:00:01,000 --> 00:00:02,000 X1:100 X2:600 Y1:20 Y2:80\r\n"
      "{\\an8}<i>Oben</i> <font color=\"#ffff00\">gelb</font>\r\n"
      "\r\n"
      "5\r\n"
      "00:00:02.000 --> 00:00:03.000\r\n"
      "<B>Fett</B> Müller & Söhne <GmbH> &amp;\r\n"
      "\r\n"
      "00:00:03,000 --> 00:00:04,000\r\n"
      "ohne Nummer\r\n"
      "\r\n\r\n\r\n"
      "1:00:00,000 --> 1:00:01,000\r\n"
      "2024\r\n"
      "\r\n",
      PLENUM_SUBTITLE_SRT, problems);

  check_no_problems (problems);
  g_assert_cmpuint (cues->len, ==, 4);
  check_cue (cues, 0, 1000, 2000, "Oben gelb");
  check_cue (cues, 1, 2000, 3000, "Fett Müller & Söhne <GmbH> &amp;");
  check_cue (cues, 2, 3000, 4000, "ohne Nummer");
  check_cue (cues, 3, 3600000, 3601000, "2024");
}

static void
test_reads_cues_with_no_blank_line_between_them (void)
{
  g_autoptr (GPtrArray) vtt_problems = new_problems ();
  g_autoptr (GPtrArray) srt_problems = new_problems ();
  g_autoptr (GPtrArray) vtt = read_text ("WEBVTT\n"
                                         "00:00:01.000 --> 00:00:02.000\n"
                                         "eins\n"
                                         "00:00:02.000 --> 00:00:03.000\n"
                                         "zwei\n"
                                         "--> kein Zeitstempel\n",
                                         PLENUM_SUBTITLE_VTT, vtt_problems);
  g_autoptr (GPtrArray) srt = read_text ("1\n"
                                         "00:00:01,000 --> 00:00:02,000\n"
                                         "eins\n"
                                         "12\n"
                                         "2\n"
                                         "00:00:02,000 --> 00:00:03,000\n"
                                         "zwei\n"
                                         "\n",
                                         PLENUM_SUBTITLE_SRT, srt_problems);

  check_no_problems (vtt_problems);
  g_assert_cmpuint (vtt->len, ==, 2);
  check_cue (vtt, 0, 1000, 2000, "eins");
  check_cue (vtt, 1, 2000, 3000, "zwei\n--> kein Zeitstempel");
  check_no_problems (srt_problems);
  g_assert_cmpuint (srt->len, ==, 2);
  check_cue (srt, 0, 1000, 2000, "eins\n12");
  check_cue (srt, 1, 2000, 3000, "zwei");
}

static void
test_sorts_cues_out_of_order_and_says_so (void)
{
  const char *expected[] = {
    "captions.srt: line 6: cue starts (0:00:01.000) before the one above it (0:00:05.000); "
    "sorted by time",
    NULL,
  };
  g_autoptr (GPtrArray) problems = new_problems ();
  g_autoptr (GPtrArray) cues = read_text ("1\n00:00:05,000 --> 00:00:06,000\nfünf\n\n"
                                          "2\n00:00:01,000 --> 00:00:02,000\neins\n\n"
                                          "3\n00:00:01,000 --> 00:00:03,000\nauch eins\n\n",
                                          PLENUM_SUBTITLE_SRT, problems);

  check_problems (problems, expected);
  g_assert_cmpuint (cues->len, ==, 3);
  check_cue (cues, 0, 1000, 2000, "eins");
  check_cue (cues, 1, 1000, 3000, "auch eins");
  check_cue (cues, 2, 5000, 6000, "fünf");
}

static void
test_skips_a_cue_it_cannot_read_naming_its_line (void)
{
  const char *expected[] = {
    "captions.vtt: line 7: cannot read the cue's times \"00:00:0x.000 --> 00:00:04.000\"; "
    "skipped",
    "captions.vtt: line 10: not a cue (no \"-->\" line); skipped",
    "captions.vtt: line 14: cannot read the cue's times \"00:61:00.000 --> 01:02:00.000\"; "
    "skipped",
    NULL,
  };
  g_autoptr (GPtrArray) problems = new_problems ();
  g_autoptr (GPtrArray) cues = read_text ("WEBVTT\n"
                                          "\n"
                                          "00:00:01.000 --> 00:00:02.000\n"
                                          "eins\n"
                                          "\n"
                                          "kaputt\n"
                                          "00:00:0x.000 --> 00:00:04.000\n"
                                          "zwei\n"
                                          "\n"
                                          "verirrter Text\n"
                                          "ohne Zeiten\n"
                                          "verirrt\n"
                                          "\n"
                                          "00:61:00.000 --> 01:02:00.000\n"
                                          "drei\n"
                                          "\n"
                                          "00:00:05.000 --> 00:00:06.000\n"
                                          "vier\n"
                                          "\n",
                                          PLENUM_SUBTITLE_VTT, problems);

  check_problems (problems, expected);
  g_assert_cmpuint (cues->len, ==, 2);
  check_cue (cues, 0, 1000, 2000, "eins");
  check_cue (cues, 1, 5000, 6000, "vier");
}

static void
test_lists_five_problems_of_a_kind_then_counts (void)
{
  g_autoptr (GString) file = g_string_new ("WEBVTT\n\n");
  g_autoptr (GPtrArray) problems = new_problems ();
  g_autoptr (GPtrArray) cues = NULL;

  for (guint i = 0; i < 8; i++)
    g_string_append_printf (file, "00:00:%02u -> 00:00:%02u\nText\n\n", i, i + 1);
  g_string_append (file, "00:00:09.000 --> 00:00:10.000\nletzter\n\n");
  cues = read_text (file->str, PLENUM_SUBTITLE_VTT, problems);
  g_assert_cmpuint (cues->len, ==, 1);
  g_assert_cmpuint (problems->len, ==, 6);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==,
                   "captions.vtt: line 3: not a cue (no \"-->\" line); skipped");
  g_assert_cmpstr (g_ptr_array_index (problems, 5), ==,
                   "captions.vtt: 3 more blocks without a \"-->\" line; skipped");
}

static void
test_gives_a_cue_that_ends_before_it_starts_its_reading_time (void)
{
  const char *expected[] = {
    "captions.vtt: line 3: cue ends (0:00:04.000) before it starts (0:00:05.000); given its "
    "reading time",
    NULL,
  };
  g_autoptr (GPtrArray) problems = new_problems ();
  g_autoptr (GPtrArray) cues = read_text ("WEBVTT\n\n"
                                          "00:00:05.000 --> 00:00:04.000\n"
                                          "kurz\n\n"
                                          "00:00:10.000 --> 00:00:09.000\n"
                                          "Dieser Satz hat vierzig Zeichen, genau!!\n\n",
                                          PLENUM_SUBTITLE_VTT, problems);

  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==, expected[0]);
  check_cue (cues, 0, 5000, 5000 + PLENUM_CAPTION_MIN_MS, "kurz");
  check_cue (cues, 1, 10000, 10000 + 40 * 1000 / PLENUM_CAPTION_CHARS_PER_S,
             "Dieser Satz hat vierzig Zeichen, genau!!");
}

/* A line of markup that never closes must not make each "<", "&" or "{\\" scan the rest of it:
 * at a megabyte, that would outlast the test's timeout. All of it is text. */
static void
test_reads_a_long_line_of_unclosed_markup_quickly (void)
{
  g_autoptr (GString) line = g_string_new ("}x>");

  for (guint i = 0; i < 1000000 / 7; i++)
    g_string_append (line, "<&amp{\\");
  for (PlenumSubtitleFormat format = PLENUM_SUBTITLE_VTT; format <= PLENUM_SUBTITLE_SRT;
       format++) {
    g_autoptr (GString) file = g_string_new (format == PLENUM_SUBTITLE_VTT ? "WEBVTT\n\n" : "");
    g_autoptr (GPtrArray) cues = NULL;

    g_string_append_printf (file, "00:00:01.000 --> 00:00:02.000\n%s\n\n", line->str);
    cues = read_text (file->str, format, NULL);
    g_assert_cmpuint (cues->len, ==, 1);
    g_assert_cmpstr (((PlenumCue *) g_ptr_array_index (cues, 0))->text, ==, line->str);
  }
}

/* Crashes and truncation --------------------------------------------------------------------- */

static void
test_skips_a_cue_cut_by_a_crash (Fixture *fixture, gconstpointer data)
{
  const char *expected_vtt[] = {
    "captions.vtt: line 10: the file ends in the middle of this cue, as when the studio stops "
    "while writing it; skipped",
    NULL,
  };
  const char *expected_srt[] = {
    "captions.srt: line 10: the file ends in the middle of this cue, as when the studio stops "
    "while writing it; skipped",
    NULL,
  };
  const char *const *expected[] = { expected_vtt, expected_srt };

  (void) data;
  for (PlenumSubtitleFormat format = PLENUM_SUBTITLE_VTT; format <= PLENUM_SUBTITLE_SRT;
       format++) {
    g_autofree char *path = write_with_studio (fixture, name_for (format), format, studio_cues, 3);
    g_autofree char *contents = read_contents (path);
    const char *cut = strstr (contents, "nicht zu") + strlen ("nic");
    g_autoptr (GError) error = NULL;
    g_autoptr (GPtrArray) problems = new_problems ();
    g_autoptr (GPtrArray) cues = read_bytes (contents, cut - contents, format, problems, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (cues->len, ==, 2);
    check_cue (cues, 1, studio_cues[1].start_ms, studio_cues[1].end_ms, studio_text (1, format));
    check_problems (problems, expected[format]);
  }
}

static void
test_keeps_a_cue_without_the_final_blank_line (void)
{
  g_autoptr (GPtrArray) problems = new_problems ();
  g_autoptr (GPtrArray) cues = read_text ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nletzter\n",
                                          PLENUM_SUBTITLE_VTT, problems);

  check_no_problems (problems);
  g_assert_cmpuint (cues->len, ==, 1);
  check_cue (cues, 0, 1000, 2000, "letzter");
}

/* Plenum writes "\n" and no BOM: a file with either came from an editor, and editors often save
 * without a final line end. */
static void
test_keeps_an_editors_last_cue_without_a_line_end (void)
{
  g_autoptr (GPtrArray) crlf_problems = new_problems ();
  g_autoptr (GPtrArray) bom_problems = new_problems ();
  g_autoptr (GPtrArray) crlf = read_text ("1\r\n00:00:01,000 --> 00:00:02,000\r\nletzter",
                                          PLENUM_SUBTITLE_SRT, crlf_problems);
  g_autoptr (GPtrArray) bom = read_text ("\xEF\xBB\xBFWEBVTT\n\n00:00:01.000 --> 00:00:02.000\n"
                                         "letzter",
                                         PLENUM_SUBTITLE_VTT, bom_problems);

  check_no_problems (crlf_problems);
  check_cue (crlf, 0, 1000, 2000, "letzter");
  check_no_problems (bom_problems);
  check_cue (bom, 0, 1000, 2000, "letzter");
}

/* Every prefix of `contents` reads without a crash or an error (but WebVTT's unfinished
 * header), never into a cue ending before it starts; with `full` (a file the studio wrote),
 * what it reads is the full file's cues up to where it was cut, the last perhaps short of lines
 * but never of a line's characters. */
static void
check_every_truncation (const char *contents, PlenumSubtitleFormat format, GPtrArray *full)
{
  gsize length = strlen (contents);
  gsize header_end = (g_str_has_prefix (contents, "\xEF\xBB\xBF") ? 3 : 0) + strlen ("WEBVTT");

  for (gsize cut = 0; cut <= length; cut++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (GPtrArray) problems = new_problems ();
    g_autoptr (GPtrArray) cues = read_bytes (contents, cut, format, problems, &error);

    if (format == PLENUM_SUBTITLE_VTT && cut < header_end) {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_null (cues);
      continue;
    }
    g_assert_no_error (error);
    g_assert_nonnull (cues);
    for (guint i = 0; i < problems->len; i++)
      g_assert_true (g_utf8_validate (g_ptr_array_index (problems, i), -1, NULL));
    for (guint i = 0; i < cues->len; i++) {
      const PlenumCue *cue = g_ptr_array_index (cues, i);
      const PlenumCue *whole;

      g_assert_cmpint (cue->start_ms, >=, 0);
      g_assert_cmpint (cue->end_ms, >=, cue->start_ms);
      g_assert_true (g_utf8_validate (cue->text, -1, NULL));
      if (full == NULL)
        continue;
      g_assert_cmpuint (i, <, full->len);
      whole = g_ptr_array_index (full, i);
      g_assert_cmpint (cue->start_ms, ==, whole->start_ms);
      g_assert_cmpint (cue->end_ms, ==, whole->end_ms);
      if (i + 1 < cues->len) {
        g_assert_cmpstr (cue->text, ==, whole->text);
      } else {
        g_autofree char *with_line_end = g_strconcat (cue->text, "\n", NULL);
        g_assert_true (strcmp (cue->text, whole->text) == 0 ||
                       g_str_has_prefix (whole->text, with_line_end));
      }
    }
    if (cut == length && full != NULL)
      g_assert_cmpuint (cues->len, ==, full->len);
  }
}

static void
test_survives_truncation_at_every_byte (Fixture *fixture, gconstpointer data)
{
  const char *edited =
      "\xEF\xBB\xBFWEBVTT\r\n\r\nNOTE x\r\n\r\nid\r\n00:01.000 --> 00:02.000 align:start\r\n"
      "<v Ä>Grüße &amp; <i>mehr</i>\r\n\r\n00:00:02.000 --> 00:00:01.000\r\nrückwärts &#xE9;";

  (void) data;
  for (PlenumSubtitleFormat format = PLENUM_SUBTITLE_VTT; format <= PLENUM_SUBTITLE_SRT;
       format++) {
    g_autofree char *path = write_with_studio (fixture, name_for (format), format, studio_cues,
                                               G_N_ELEMENTS (studio_cues));
    g_autofree char *contents = read_contents (path);
    g_autoptr (GPtrArray) full = read_text (contents, format, NULL);

    check_studio_cues (full, format);
    check_every_truncation (contents, format, full);
  }
  check_every_truncation (edited, PLENUM_SUBTITLE_VTT, NULL);
  check_every_truncation (edited + 3, PLENUM_SUBTITLE_SRT, NULL);
}

/* Errors -------------------------------------------------------------------------------------- */

static void
check_refused (const char *data, gsize length, PlenumSubtitleFormat format, const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = new_problems ();
  g_autoptr (GPtrArray) cues = read_bytes (data, length, format, problems, &error);

  g_assert_null (cues);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, message);
  check_no_problems (problems);
}

static void
test_refuses_a_file_without_a_webvtt_header (void)
{
  const char *not_vtt = "captions.vtt: not a WebVTT file (it does not begin with \"WEBVTT\")";
  const char *srt = "1\n00:00:01,000 --> 00:00:02,000\neins\n\n";
  g_autoptr (GPtrArray) cues = NULL;

  check_refused ("", 0, PLENUM_SUBTITLE_VTT, not_vtt);
  check_refused ("WEBVT", 5, PLENUM_SUBTITLE_VTT, not_vtt);
  check_refused ("WEBVTTX\n", 8, PLENUM_SUBTITLE_VTT, not_vtt);
  check_refused ("webvtt\n", 7, PLENUM_SUBTITLE_VTT, not_vtt);
  check_refused ("\nWEBVTT\n", 8, PLENUM_SUBTITLE_VTT, not_vtt);
  check_refused (srt, strlen (srt), PLENUM_SUBTITLE_VTT, not_vtt);
  /* SRT has no header to miss. */
  cues = read_text ("", PLENUM_SUBTITLE_SRT, NULL);
  g_assert_cmpuint (cues->len, ==, 0);
}

static void
test_refuses_bad_utf8_naming_the_byte (void)
{
  const char latin1[] = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nM\xFCller\n\n";
  const char with_bom[] = "\xEF\xBB\xBF" "1\r\n00:00:01,000 --> 00:00:02,000\r\nM\xFCller\r\n";
  const char nul[] = "1\n00:00:01,000 --> 00:00:02,000\n\0\n\n";

  check_refused (latin1, sizeof latin1 - 1, PLENUM_SUBTITLE_VTT,
                 "captions.vtt: not valid UTF-8 at byte 39 (line 4)");
  check_refused (with_bom, sizeof with_bom - 1, PLENUM_SUBTITLE_SRT,
                 "captions.srt: not valid UTF-8 at byte 38 (line 3)");
  check_refused (nul, sizeof nul - 1, PLENUM_SUBTITLE_SRT,
                 "captions.srt: not valid UTF-8 at byte 32 (line 3)");
}

static void
test_ignores_a_character_cut_off_at_the_end (void)
{
  const char *expected[] = {
    "captions.vtt: line 6: the file ends in the middle of this cue, as when the studio stops "
    "while writing it; skipped",
    NULL,
  };
  const char *data = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\neins\n\n"
                     "00:00:02.000 --> 00:00:03.000\nM\xC3\xBCller";
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = new_problems ();
  g_autoptr (GPtrArray) cues = read_bytes (data, strlen (data) - 5, PLENUM_SUBTITLE_VTT,
                                           problems, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (cues->len, ==, 1);
  check_cue (cues, 0, 1000, 2000, "eins");
  check_problems (problems, expected);
}

static void
test_names_the_path_it_cannot_read (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "missing.vtt", NULL);
  g_autoptr (GPtrArray) cues = plenum_subtitle_read_file (path, PLENUM_SUBTITLE_VTT, NULL,
                                                          &error);

  (void) data;
  g_assert_null (cues);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, path));
}

static void
test_guesses_the_format_from_the_extension (void)
{
  PlenumSubtitleFormat format = PLENUM_SUBTITLE_SRT;

  g_assert_true (plenum_subtitle_format_from_path ("/run/a.srt/captions.VTT", &format));
  g_assert_cmpint (format, ==, PLENUM_SUBTITLE_VTT);
  g_assert_true (plenum_subtitle_format_from_path ("captions.srt", &format));
  g_assert_cmpint (format, ==, PLENUM_SUBTITLE_SRT);
  g_assert_false (plenum_subtitle_format_from_path ("captions.txt", &format));
  g_assert_false (plenum_subtitle_format_from_path ("srt", &format));
}

/* Fitting to the recording ----------------------------------------------------------------- */

static void
test_fit_drops_cues_after_the_recording_ends (void)
{
  const char *expected[] = {
    "captions.vtt: cue at 0:12:01.000 starts after the recording ends (0:12:01.000); dropped",
    "captions.vtt: cue at 0:12:03.200 starts after the recording ends (0:12:01.000); dropped",
    NULL,
  };
  g_autoptr (GPtrArray) problems = new_problems ();
  g_autoptr (GPtrArray) cues = new_cues ();

  add_cue (cues, 723200, 725000, "danach");
  add_cue (cues, 719000, 722500, "läuft über das Ende");
  add_cue (cues, 721000, 722000, "genau am Ende");
  g_assert_true (plenum_subtitle_fit (cues, 721000, problems, "captions.vtt") == cues);
  check_problems (problems, expected);
  g_assert_cmpuint (cues->len, ==, 1);
  check_cue (cues, 0, 719000, 721000, "läuft über das Ende");
}

static void
test_fit_drops_empty_and_zero_length_cues (void)
{
  const char *expected[] = {
    "captions.srt: cue at 0:00:01.000 has no text; dropped",
    "captions.srt: cue at 0:00:02.000 lasts no time; dropped",
    NULL,
  };
  g_autoptr (GPtrArray) problems = new_problems ();
  g_autoptr (GPtrArray) cues = new_cues ();

  add_cue (cues, 1000, 2000, " \n ");
  add_cue (cues, 2000, 2000, "kein Moment");
  add_cue (cues, 3000, 4000, "bleibt");
  plenum_subtitle_fit (cues, 10000, problems, "captions.srt");
  check_problems (problems, expected);
  g_assert_cmpuint (cues->len, ==, 1);
  check_cue (cues, 0, 3000, 4000, "bleibt");
}

static void
test_fit_gives_a_cue_that_ends_before_it_starts_its_reading_time (void)
{
  const char *expected[] = {
    "captions.vtt: cue at 0:00:05.000 ends before it starts (at 0:00:04.000); given its "
    "reading time",
    "captions.vtt: cue at 0:00:07.000 ends before it starts (at 0:00:01.000); given its "
    "reading time",
    "captions.vtt: cue at 0:00:07.000 runs into the next one (at 0:00:07.500); now ends there",
    NULL,
  };
  g_autoptr (GPtrArray) problems = new_problems ();
  g_autoptr (GPtrArray) cues = new_cues ();

  add_cue (cues, 5000, 4000, "kurz");
  add_cue (cues, 7000, 1000, "Dieser Satz hat vierzig Zeichen, genau!!");
  add_cue (cues, 7500, 9000, "nächster");
  plenum_subtitle_fit (cues, -1, problems, "captions.vtt");
  check_problems (problems, expected);
  g_assert_cmpuint (cues->len, ==, 3);
  check_cue (cues, 0, 5000, 6000, "kurz");
  check_cue (cues, 1, 7000, 7500, "Dieser Satz hat vierzig Zeichen, genau!!");
}

static void
test_fit_ends_a_cue_where_the_next_starts (void)
{
  const char *expected[] = {
    "captions.vtt: cue at 0:00:01.000 runs into the next one (at 0:00:02.000); now ends there",
    "captions.vtt: cue at 0:00:02.000 runs into the next one (at 0:00:02.500); now ends there",
    NULL,
  };
  g_autoptr (GPtrArray) problems = new_problems ();
  g_autoptr (GPtrArray) cues = new_cues ();

  add_cue (cues, 2500, 3000, "drei");
  add_cue (cues, 1000, 5000, "eins");
  add_cue (cues, 2000, 4000, "zwei");
  add_cue (cues, 3000, 3500, "vier");
  plenum_subtitle_fit (cues, 60000, problems, "captions.vtt");
  check_problems (problems, expected);
  g_assert_cmpuint (cues->len, ==, 4);
  check_cue (cues, 0, 1000, 2000, "eins");
  check_cue (cues, 1, 2000, 2500, "zwei");
  check_cue (cues, 2, 2500, 3000, "drei");
  check_cue (cues, 3, 3000, 3500, "vier");
}

static void
test_fit_keeps_one_of_two_equal_cues (void)
{
  const char *expected[] = {
    "captions.vtt: cue at 0:00:01.000 appears twice; kept once",
    "captions.vtt: cue at 0:00:01.000 appears twice; kept once",
    NULL,
  };
  g_autoptr (GPtrArray) problems = new_problems ();
  g_autoptr (GPtrArray) cues = new_cues ();

  add_cue (cues, 1000, 2000, "doppelt");
  add_cue (cues, 3000, 4000, "danach");
  add_cue (cues, 1000, 2000, "doppelt");
  add_cue (cues, 1000, 2500, "doppelt");
  plenum_subtitle_fit (cues, 60000, problems, "captions.vtt");
  check_problems (problems, expected);
  g_assert_cmpuint (cues->len, ==, 2);
  check_cue (cues, 0, 1000, 2500, "doppelt");
  check_cue (cues, 1, 3000, 4000, "danach");
}

static void
test_fit_shows_cues_that_start_together_together (void)
{
  const char *expected[] = {
    "captions.vtt: cue at 0:00:01.000 starts together with the one before; shown together",
    NULL,
  };
  g_autoptr (GPtrArray) problems = new_problems ();
  g_autoptr (GPtrArray) cues = new_cues ();

  add_cue (cues, 1000, 2000, "oben");
  add_cue (cues, 1000, 3000, "unten");
  plenum_subtitle_fit (cues, 60000, problems, "captions.vtt");
  check_problems (problems, expected);
  g_assert_cmpuint (cues->len, ==, 1);
  check_cue (cues, 0, 1000, 3000, "oben\nunten");
}

static void
test_fit_lists_five_problems_of_a_kind_then_counts (void)
{
  g_autoptr (GPtrArray) problems = new_problems ();
  g_autoptr (GPtrArray) cues = new_cues ();

  add_cue (cues, 0, 1000, "drin");
  for (guint i = 0; i < 1000; i++)
    add_cue (cues, 60000 + i * 1000, 61000 + i * 1000, "nach dem Ende");
  plenum_subtitle_fit (cues, 60000, problems, "captions.vtt");
  g_assert_cmpuint (cues->len, ==, 1);
  g_assert_cmpuint (problems->len, ==, 6);
  g_assert_cmpstr (g_ptr_array_index (problems, 4), ==,
                   "captions.vtt: cue at 0:01:04.000 starts after the recording ends "
                   "(0:01:00.000); dropped");
  g_assert_cmpstr (g_ptr_array_index (problems, 5), ==,
                   "captions.vtt: 995 more cues that start after the recording ends; dropped");
}

static void
test_fit_leaves_the_studios_file_alone (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = new_problems ();
  g_autofree char *path = write_with_studio (fixture, "captions.srt", PLENUM_SUBTITLE_SRT,
                                             studio_cues, G_N_ELEMENTS (studio_cues));
  g_autoptr (GPtrArray) cues = plenum_subtitle_read_file (path, PLENUM_SUBTITLE_SRT, problems,
                                                          &error);

  (void) data;
  g_assert_no_error (error);
  plenum_subtitle_fit (cues, 3725000, problems, "captions.srt");
  check_no_problems (problems);
  check_studio_cues (cues, PLENUM_SUBTITLE_SRT);
}

/* Writing ---------------------------------------------------------------------------------- */

static void
test_write_replaces_the_old_file_whole (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "captions.vtt", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing", "captions.vtt", NULL);
  g_autoptr (GPtrArray) cues = new_cues ();
  g_autofree char *contents = NULL;
  g_autoptr (GDir) dir = NULL;

  (void) data;
  add_cue (cues, 1000, 2000, "neu");
  g_assert_true (g_file_set_contents (path, "WEBVTT\n\nalt, viel länger als das neue", -1, NULL));
  g_assert_true (plenum_subtitle_write (cues, path, PLENUM_SUBTITLE_VTT, &error));
  g_assert_no_error (error);
  contents = read_contents (path);
  g_assert_cmpstr (contents, ==, "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nneu\n\n");
  /* No temporary file is left beside it. */
  dir = g_dir_open (fixture->dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (dir), ==, "captions.vtt");
  g_assert_null (g_dir_read_name (dir));

  g_assert_false (plenum_subtitle_write (cues, missing, PLENUM_SUBTITLE_VTT, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

static void
remove_carriage_returns (char *text)
{
  char *to = text;

  for (const char *from = text; *from != '\0'; from++)
    if (*from != '\r')
      *to++ = *from;
  *to = '\0';
}

/* Returns (transfer full) what `ffmpeg -v error -i path -f srt -` prints, asserting it exits 0
 * and says nothing on stderr. */
static char *
run_ffmpeg_to_srt (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  const char *argv[] = { "ffmpeg", "-nostdin", "-v", "error", "-i", path, "-f", "srt", "-", NULL };
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               &err, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  return out;
}

/* ffmpeg, which nobody here wrote, must read every cue of the cleaned files at its time and
 * with its text. */
static void
test_ffmpeg_reads_what_write_writes (Fixture *fixture, gconstpointer data)
{
  /* Line ends aside (ffmpeg 5.1 ends a cue's inner lines with "\r\n", the rest with "\n"). */
  const char *expected_srt =
      "1\n00:00:00,000 --> 00:00:02,500\nGuten Abend.\n\n"
      "2\n00:00:02,500 --> 00:00:05,001\nMüller & Söhne <GmbH>\n--> Antrag 3\n\n"
      "3\n00:01:01,000 --> 00:01:04,000\nWir stimmen\nnicht zu.\n\n"
      "4\n01:02:03,004 --> 01:02:05,000\nZweite Stunde: Ärger\n\n";
  g_autofree char *ffmpeg = g_find_program_in_path ("ffmpeg");
  g_autoptr (GPtrArray) cues = new_cues ();

  (void) data;
  if (ffmpeg == NULL) {
    g_test_skip ("ffmpeg is not on PATH");
    return;
  }
  for (guint i = 0; i < G_N_ELEMENTS (studio_cues); i++)
    add_cue (cues, studio_cues[i].start_ms, studio_cues[i].end_ms, studio_cues[i].text);
  for (PlenumSubtitleFormat format = PLENUM_SUBTITLE_VTT; format <= PLENUM_SUBTITLE_SRT;
       format++) {
    g_autoptr (GError) error = NULL;
    g_autofree char *path = g_build_filename (fixture->dir, name_for (format), NULL);
    g_autofree char *srt = NULL;

    g_assert_true (plenum_subtitle_write (cues, path, format, &error));
    g_assert_no_error (error);
    srt = run_ffmpeg_to_srt (path);
    remove_carriage_returns (srt);
    if (format == PLENUM_SUBTITLE_SRT) {
      /* SRT has no escape for "<": ffmpeg would take "<GmbH>" for an HTML tag and drop it
       * ("&lt;" would be shown as it is), so the studio writes "‹GmbH›" there. */
      g_autoptr (GString) guillemets = g_string_new (expected_srt);
      g_string_replace (guillemets, "<GmbH>", "‹GmbH›", 1);
      g_assert_cmpstr (srt, ==, guillemets->str);
      continue;
    }
    g_assert_cmpstr (srt, ==, expected_srt);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/captions/subtitle-read/reads-back-what-the-studio-wrote", Fixture, NULL,
              fixture_set_up, test_reads_back_what_the_studio_wrote, fixture_tear_down);
  g_test_add ("/captions/subtitle-read/writes-the-same-bytes-as-the-studio", Fixture, NULL,
              fixture_set_up, test_writes_the_same_bytes_as_the_studio, fixture_tear_down);
  g_test_add_func ("/captions/subtitle-read/reads-a-webvtt-file-edited-by-hand",
                   test_reads_a_webvtt_file_edited_by_hand);
  g_test_add_func ("/captions/subtitle-read/reads-srt-as-editors-write-it",
                   test_reads_srt_as_editors_write_it);
  g_test_add_func ("/captions/subtitle-read/reads-cues-with-no-blank-line-between-them",
                   test_reads_cues_with_no_blank_line_between_them);
  g_test_add_func ("/captions/subtitle-read/sorts-cues-out-of-order-and-says-so",
                   test_sorts_cues_out_of_order_and_says_so);
  g_test_add_func ("/captions/subtitle-read/skips-a-cue-it-cannot-read-naming-its-line",
                   test_skips_a_cue_it_cannot_read_naming_its_line);
  g_test_add_func ("/captions/subtitle-read/lists-five-problems-of-a-kind-then-counts",
                   test_lists_five_problems_of_a_kind_then_counts);
  g_test_add_func (
      "/captions/subtitle-read/gives-a-cue-that-ends-before-it-starts-its-reading-time",
      test_gives_a_cue_that_ends_before_it_starts_its_reading_time);
  g_test_add_func ("/captions/subtitle-read/reads-a-long-line-of-unclosed-markup-quickly",
                   test_reads_a_long_line_of_unclosed_markup_quickly);
  g_test_add ("/captions/subtitle-read/skips-a-cue-cut-by-a-crash", Fixture, NULL,
              fixture_set_up, test_skips_a_cue_cut_by_a_crash, fixture_tear_down);
  g_test_add_func ("/captions/subtitle-read/keeps-a-cue-without-the-final-blank-line",
                   test_keeps_a_cue_without_the_final_blank_line);
  g_test_add_func ("/captions/subtitle-read/keeps-an-editors-last-cue-without-a-line-end",
                   test_keeps_an_editors_last_cue_without_a_line_end);
  g_test_add ("/captions/subtitle-read/survives-truncation-at-every-byte", Fixture, NULL,
              fixture_set_up, test_survives_truncation_at_every_byte, fixture_tear_down);
  g_test_add_func ("/captions/subtitle-read/refuses-a-file-without-a-webvtt-header",
                   test_refuses_a_file_without_a_webvtt_header);
  g_test_add_func ("/captions/subtitle-read/refuses-bad-utf8-naming-the-byte",
                   test_refuses_bad_utf8_naming_the_byte);
  g_test_add_func ("/captions/subtitle-read/ignores-a-character-cut-off-at-the-end",
                   test_ignores_a_character_cut_off_at_the_end);
  g_test_add ("/captions/subtitle-read/names-the-path-it-cannot-read", Fixture, NULL,
              fixture_set_up, test_names_the_path_it_cannot_read, fixture_tear_down);
  g_test_add_func ("/captions/subtitle-read/guesses-the-format-from-the-extension",
                   test_guesses_the_format_from_the_extension);
  g_test_add_func ("/captions/subtitle-fit/drops-cues-after-the-recording-ends",
                   test_fit_drops_cues_after_the_recording_ends);
  g_test_add_func ("/captions/subtitle-fit/drops-empty-and-zero-length-cues",
                   test_fit_drops_empty_and_zero_length_cues);
  g_test_add_func (
      "/captions/subtitle-fit/gives-a-cue-that-ends-before-it-starts-its-reading-time",
      test_fit_gives_a_cue_that_ends_before_it_starts_its_reading_time);
  g_test_add_func ("/captions/subtitle-fit/ends-a-cue-where-the-next-starts",
                   test_fit_ends_a_cue_where_the_next_starts);
  g_test_add_func ("/captions/subtitle-fit/keeps-one-of-two-equal-cues",
                   test_fit_keeps_one_of_two_equal_cues);
  g_test_add_func ("/captions/subtitle-fit/shows-cues-that-start-together-together",
                   test_fit_shows_cues_that_start_together_together);
  g_test_add_func ("/captions/subtitle-fit/lists-five-problems-of-a-kind-then-counts",
                   test_fit_lists_five_problems_of_a_kind_then_counts);
  g_test_add ("/captions/subtitle-fit/leaves-the-studios-file-alone", Fixture, NULL,
              fixture_set_up, test_fit_leaves_the_studios_file_alone, fixture_tear_down);
  g_test_add ("/captions/subtitle-write/replaces-the-old-file-whole", Fixture, NULL,
              fixture_set_up, test_write_replaces_the_old_file_whole, fixture_tear_down);
  g_test_add ("/captions/subtitle-write/ffmpeg-reads-what-it-writes", Fixture, NULL,
              fixture_set_up, test_ffmpeg_reads_what_write_writes, fixture_tear_down);
  return g_test_run ();
}

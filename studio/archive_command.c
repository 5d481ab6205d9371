#include "studio/archive_command.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "captions/caption_track.h"
#include "captions/subtitle_read.h"
#include "studio/archive_facts.h"
#include "studio/archive_logs.h"
#include "studio/archive_report.h"
#include "studio/caption_coverage.h"
#include "studio/chapter_list.h"
#include "studio/recording_remux.h"
#include "studio/recording_scan.h"
#include "studio/youtube_upload.h"

#define DEFAULT_MIN_COVERAGE 0.9

typedef struct {
  const char *run_dir;
  char *archive_dir;
  char *title, *language;
  GPtrArray *outputs;            /* "id", "kind", … (element-type utf8) */
  PlenumArchiveFacts *facts;
  PlenumRecordingScan scan;
  GPtrArray *cues;               /* element-type PlenumCue, checked against the recording */
} Archive;

static char *
run_path (const Archive *archive, const char *name)
{
  return g_build_filename (archive->run_dir, name, NULL);
}

static char *
package_path (const Archive *archive, const char *name)
{
  return g_build_filename (archive->archive_dir, name, NULL);
}

static void
problem (Archive *archive, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
problem (Archive *archive, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (archive->facts->problems, g_strdup_vprintf (format, args));
  va_end (args);
}

static const char *
string_at (const cJSON *object, const char *key)
{
  return cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (object, key));
}

/* run.json, written when the show started; an older run without one gets the defaults. */
static void
read_manifest (Archive *archive, double min_coverage)
{
  g_autofree char *path = run_path (archive, "run.json");
  g_autofree char *contents = NULL;
  cJSON *root = NULL;
  const cJSON *settings, *output, *share;

  if (g_file_get_contents (path, &contents, NULL, NULL))
    root = cJSON_Parse (contents);
  if (!cJSON_IsObject (root))
    problem (archive, "run.json is missing or unreadable: the archive uses its defaults");
  settings = cJSON_GetObjectItemCaseSensitive (root, "archive");
  share = cJSON_GetObjectItemCaseSensitive (settings, "min_caption_coverage");

  archive->facts->name = g_strdup (string_at (root, "name") ? string_at (root, "name") : "");
  /* Title and language as the upload reads them: one reader of run.json's defaults. */
  {
    g_autoptr (PlenumYoutubeSettings) youtube_settings =
        contents ? plenum_youtube_settings_parse (contents, strlen (contents), path, NULL) : NULL;
    archive->title = g_strdup (youtube_settings ? youtube_settings->title : archive->facts->name);
    archive->language = g_strdup (youtube_settings ? youtube_settings->language : "de");
  }
  archive->facts->min_caption_coverage = !isnan (min_coverage) ? min_coverage
      : cJSON_IsNumber (share) ? share->valuedouble : DEFAULT_MIN_COVERAGE;
  cJSON_ArrayForEach (output, cJSON_GetObjectItemCaseSensitive (root, "outputs")) {
    if (string_at (output, "id") && string_at (output, "kind")) {
      g_ptr_array_add (archive->outputs, g_strdup (string_at (output, "id")));
      g_ptr_array_add (archive->outputs, g_strdup (string_at (output, "kind")));
    }
  }
  cJSON_Delete (root);
}

static gboolean
scan_recording (Archive *archive, GError **error)
{
  g_autofree char *recording = run_path (archive, "recording.mkv");
  g_autofree char *second = run_path (archive, "recording-2.mkv");
  PlenumArchiveFacts *facts = archive->facts;

  if (!g_file_test (recording, G_FILE_TEST_IS_REGULAR)) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                 "%s has no recording.mkv: is it a run folder (made by a record output)?",
                 archive->run_dir);
    return FALSE;
  }
  if (!plenum_recording_scan (recording, &archive->scan, error))
    return FALSE;
  facts->duration_s = archive->scan.duration_s;
  facts->video_frames = archive->scan.video_frames;
  g_array_append_vals (facts->loudness_lufs, archive->scan.loudness_lufs->data,
                       archive->scan.loudness_lufs->len);
  facts->integrated_lufs = archive->scan.integrated_lufs;
  if (!archive->scan.finalised || archive->scan.damaged_end) {
    facts->repaired = TRUE;
    facts->repair_note = g_strdup_printf ("The recording was not finished properly (the show "
                                          "was killed or crashed). Its first %.1f s play and "
                                          "were kept%s.", facts->duration_s,
                                          archive->scan.damaged_end ? "; the damaged end was left out" : "");
  }
  if (g_file_test (second, G_FILE_TEST_EXISTS))
    problem (archive, "the recording went on in recording-2.mkv (and maybe more parts) after "
             "an output error; only recording.mkv is in the archive copy, the parts are kept "
             "as they are in the run folder");
  return TRUE;
}

/* captions.vtt (or, without it, captions.srt), checked against the recording. */
static void
read_captions (Archive *archive)
{
  static const struct { const char *name; PlenumSubtitleFormat format; } files[] = {
    { "captions.vtt", PLENUM_SUBTITLE_VTT }, { "captions.srt", PLENUM_SUBTITLE_SRT },
  };
  gint64 duration_ms = (gint64) llround (archive->facts->duration_s * 1000);

  for (guint i = 0; i < G_N_ELEMENTS (files) && archive->cues == NULL; i++) {
    g_autofree char *path = run_path (archive, files[i].name);
    g_autoptr (GError) error = NULL;
    GPtrArray *cues;

    if (!g_file_test (path, G_FILE_TEST_EXISTS))
      continue;
    cues = plenum_subtitle_read_file (path, files[i].format, archive->facts->problems, &error);
    if (cues == NULL) {
      problem (archive, "%s", error->message);
      continue;
    }
    archive->cues = plenum_subtitle_fit (cues, duration_ms, archive->facts->problems,
                                         files[i].name);
  }
  if (archive->cues == NULL) {
    problem (archive, "the run has no readable captions.vtt or captions.srt");
    archive->cues = g_ptr_array_new_with_free_func ((GDestroyNotify) plenum_cue_free);
  }
}

static gboolean
write_captions (Archive *archive, GError **error)
{
  g_autofree char *vtt = package_path (archive, "captions.vtt");
  g_autofree char *srt = package_path (archive, "captions.srt");

  return plenum_subtitle_write (archive->cues, vtt, PLENUM_SUBTITLE_VTT, error) &&
      plenum_subtitle_write (archive->cues, srt, PLENUM_SUBTITLE_SRT, error);
}

static gboolean
write_chapters (Archive *archive, GError **error)
{
  g_autofree char *path = run_path (archive, "chapters.txt");
  g_autofree char *out = package_path (archive, "chapters.txt");
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return TRUE;   /* a show without an agenda */
  plenum_chapter_list_read (contents, archive->facts->duration_s, archive->facts,
                            archive->facts->problems);
  text = plenum_chapter_list_text (archive->facts);
  return g_file_set_contents_full (out, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

static gboolean
copy_questions (Archive *archive, GError **error)
{
  static const char *const names[] = { "questions.json", "questions.csv" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++) {
    g_autofree char *from_path = run_path (archive, names[i]);
    g_autofree char *to_path = package_path (archive, names[i]);
    g_autoptr (GFile) from = g_file_new_for_path (from_path);
    g_autoptr (GFile) to = g_file_new_for_path (to_path);

    if (!g_file_test (from_path, G_FILE_TEST_EXISTS))
      continue;
    if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error))
      return FALSE;
  }
  {
    g_autofree char *questions = run_path (archive, "questions.json");
    plenum_archive_read_questions (questions, archive->facts, archive->facts->problems);
  }
  return TRUE;
}

/* Accessible by default: without enough captions the package is not complete. */
static void
judge (Archive *archive)
{
  PlenumArchiveFacts *facts = archive->facts;

  if (isnan (facts->caption_coverage))
    problem (archive, "no speech found in the recording's sound: caption coverage not measured");
  else if (facts->caption_coverage + 1e-9 < facts->min_caption_coverage) {
    facts->complete = FALSE;
    facts->incomplete_reason =
        g_strdup_printf ("captions cover %.0f %% of the speech, less than the %.0f %% required "
                         "(archive.min_caption_coverage); add the missing captions to "
                         "captions.vtt in the run folder and archive again",
                         floor (facts->caption_coverage * 100), facts->min_caption_coverage * 100);
  }
}

static gboolean
write_manifest (Archive *archive, GError **error)
{
  PlenumArchiveFacts *facts = archive->facts;
  g_autofree char *path = package_path (archive, "archive.json");
  g_autofree char *text = NULL;
  cJSON *root = cJSON_CreateObject ();
  cJSON *problems = cJSON_AddArrayToObject (root, "problems");

  cJSON_AddBoolToObject (root, "complete", facts->complete);
  if (facts->incomplete_reason)
    cJSON_AddStringToObject (root, "incomplete_reason", facts->incomplete_reason);
  cJSON_AddStringToObject (root, "name", facts->name);
  cJSON_AddNumberToObject (root, "duration_s", round (facts->duration_s * 1000) / 1000);
  cJSON_AddNumberToObject (root, "video_frames", (double) facts->video_frames);
  cJSON_AddBoolToObject (root, "repaired", facts->repaired);
  if (!isnan (facts->caption_coverage))
    cJSON_AddNumberToObject (root, "caption_coverage", round (facts->caption_coverage * 1000) / 1000);
  cJSON_AddNumberToObject (root, "min_caption_coverage", facts->min_caption_coverage);
  cJSON_AddNumberToObject (root, "cues", facts->cue_count);
  cJSON_AddNumberToObject (root, "chapters", facts->chapters->len);
  cJSON_AddNumberToObject (root, "questions", facts->question_total);
  for (guint i = 0; i < facts->problems->len; i++)
    cJSON_AddItemToArray (problems, cJSON_CreateString (g_ptr_array_index (facts->problems, i)));
  text = cJSON_Print (root);
  cJSON_Delete (root);
  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

static gboolean
make_package (Archive *archive, GError **error)
{
  PlenumArchiveFacts *facts = archive->facts;
  g_autofree char *metrics = run_path (archive, "metrics.jsonl");
  g_autofree char *recording = run_path (archive, "recording.mkv");
  g_autofree char *mp4 = package_path (archive, "recording.mp4");
  g_autofree char *mkv = package_path (archive, "recording.mkv");
  g_autofree char *report = package_path (archive, "report.html");
  PlenumRemuxRequest remux = {
    .recording = recording, .mp4_path = mp4, .mkv_path = mkv, .title = archive->title,
    .language = archive->language,
  };

  if (!scan_recording (archive, error))
    return FALSE;
  if (g_mkdir_with_parents (archive->archive_dir, 0750) != 0) {
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "cannot create %s: %s",
                 archive->archive_dir, g_strerror (errno));
    return FALSE;
  }
  read_captions (archive);
  plenum_caption_coverage_measure (archive->scan.level_db, PLENUM_SCAN_WINDOW_MS, archive->cues,
                                   facts);
  plenum_archive_read_metrics (metrics, archive->outputs, facts, facts->problems);
  if (!write_captions (archive, error) || !write_chapters (archive, error) ||
      !copy_questions (archive, error))
    return FALSE;
  remux.cues = archive->cues;
  remux.chapters = facts->chapters;
  if (!plenum_recording_remux (&remux, error))
    return FALSE;
  judge (archive);
  return plenum_archive_report_write (facts, report, error) && write_manifest (archive, error);
}

int
plenum_archive_command (const char *run_dir, double min_coverage)
{
  Archive archive = { .run_dir = run_dir };
  g_autoptr (GError) error = NULL;
  int code;

  archive.archive_dir = g_build_filename (run_dir, "archive", NULL);
  archive.outputs = g_ptr_array_new_with_free_func (g_free);
  archive.facts = plenum_archive_facts_new ();
  archive.facts->run = g_path_get_basename (run_dir);
  read_manifest (&archive, min_coverage);

  if (!make_package (&archive, &error)) {
    fprintf (stderr, "plenum archive: %s\n", error->message);
    code = 1;
  } else {
    PlenumArchiveFacts *facts = archive.facts;
    printf ("archive: %s\n", archive.archive_dir);
    printf ("recording: %.1f s, %" G_GUINT64_FORMAT " frames%s\n", facts->duration_s,
            facts->video_frames, facts->repaired ? " (repaired after a crash)" : "");
    if (!isnan (facts->caption_coverage))
      printf ("captions: %u cues, %.0f %% of %.0f s of speech\n", facts->cue_count,
              floor (facts->caption_coverage * 100), facts->speech_s);
    printf ("chapters: %u, questions: %u\n", facts->chapters->len, facts->question_total);
    for (guint i = 0; i < facts->problems->len; i++)
      printf ("note: %s\n", (const char *) g_ptr_array_index (facts->problems, i));
    if (facts->complete) {
      printf ("complete\n");
      code = 0;
    } else {
      fprintf (stderr, "plenum archive: not complete: %s\n", facts->incomplete_reason);
      code = 1;
    }
  }
  plenum_recording_scan_clear (&archive.scan);
  g_clear_pointer (&archive.cues, g_ptr_array_unref);
  g_ptr_array_unref (archive.outputs);
  plenum_archive_facts_free (archive.facts);
  g_free (archive.archive_dir);
  g_free (archive.title);
  g_free (archive.language);
  return code;
}

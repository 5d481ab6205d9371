#include "studio/upload_command.h"

#include <cjson/cJSON.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "studio/log.h"
#include "studio/progress_bar.h"
#include "studio/upload_record.h"
#include "studio/youtube_caption_upload.h"
#include "studio/youtube_upload.h"
#include "studio/youtube_upload_session.h"

#define EXIT_DONE 0
#define EXIT_NOT_DONE 1

typedef struct {
  const char *run_dir;
  char *archive_dir;
  char *record_path;
  PlenumLog *log;                 /* scrubs the token and the session URI */
  PlenumYoutubeSettings *settings;
  PlenumUploadRecord *record;
  PlenumUploadHttp *http;
  guint first_backoff_ms;
} Upload;

static void
upload_clear (Upload *upload)
{
  g_free (upload->archive_dir);
  g_free (upload->record_path);
  plenum_log_free (upload->log);
  plenum_youtube_settings_free (upload->settings);
  plenum_upload_record_free (upload->record);
  plenum_upload_http_free (upload->http);
}

static void
on_notice (const char *text, gpointer user_data)
{
  Upload *upload = user_data;

  plenum_log_event (upload->log, "plenum upload: %s", text);
}

/* Prints a result line (stdout), scrubbed like every other line. */
static void
say (Upload *upload, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
say (Upload *upload, const char *format, ...)
{
  g_autofree char *line = NULL;
  g_autofree char *clean = NULL;
  va_list args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  clean = plenum_log_redact (upload->log, line);
  printf ("%s\n", clean);
  fflush (stdout);
}

/* ---- Before anything is sent ------------------------------------------------------------- */

/* The archive must be there and complete: an archive short of captions is not published. */
static gboolean
check_archive (Upload *upload)
{
  g_autofree char *recording = g_build_filename (upload->archive_dir, "recording.mp4", NULL);
  g_autofree char *facts = g_build_filename (upload->archive_dir, "archive.json", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  cJSON *root;
  const cJSON *reason;
  gboolean complete;

  if (!g_file_test (recording, G_FILE_TEST_IS_REGULAR)) {
    plenum_log_event (upload->log, "plenum upload: %s is missing; run `plenum archive %s` first",
                      recording, upload->run_dir);
    return FALSE;
  }
  if (!g_file_get_contents (facts, &text, &length, &error)) {
    plenum_log_event (upload->log, "plenum upload: %s; run `plenum archive %s` first",
                      error->message, upload->run_dir);
    return FALSE;
  }
  root = cJSON_ParseWithLength (text, length);
  if (!cJSON_IsObject (root)) {
    plenum_log_event (upload->log, "plenum upload: %s is not a JSON object; run `plenum archive "
                      "%s` again", facts, upload->run_dir);
    cJSON_Delete (root);
    return FALSE;
  }
  complete = cJSON_IsTrue (cJSON_GetObjectItemCaseSensitive (root, "complete"));
  reason = cJSON_GetObjectItemCaseSensitive (root, "incomplete_reason");
  if (!complete)
    plenum_log_event (upload->log, "plenum upload: %s: the archive is not complete (%s), so it "
                      "is not accessible enough to publish", facts,
                      cJSON_IsString (reason) && *reason->valuestring
                          ? reason->valuestring : "no reason given");
  cJSON_Delete (root);
  return complete;
}

static gboolean
prepare (Upload *upload)
{
  g_autofree char *run_json = g_build_filename (upload->run_dir, "run.json", NULL);
  g_autoptr (GError) error = NULL;
  const char *token;

  if (!g_file_test (upload->run_dir, G_FILE_TEST_IS_DIR)) {
    plenum_log_event (upload->log, "plenum upload: %s is not a folder", upload->run_dir);
    return FALSE;
  }
  if (!check_archive (upload))
    return FALSE;
  upload->settings = plenum_youtube_settings_load (run_json, &error);
  if (upload->settings == NULL) {
    plenum_log_event (upload->log, "plenum upload: %s", error->message);
    return FALSE;
  }
  token = g_getenv (upload->settings->token_env);
  if (token == NULL || *token == '\0') {
    plenum_log_event (upload->log, "plenum upload: the environment variable %s is %s; it must "
                      "hold an OAuth 2.0 access token of the channel (scope youtube.force-ssl, "
                      "or youtube.upload for the video alone)", upload->settings->token_env,
                      token == NULL ? "not set" : "empty");
    return FALSE;
  }
  plenum_log_add_secret (upload->log, token);
  upload->http = plenum_upload_http_new (token);
  upload->record = plenum_upload_record_load (upload->record_path, &error);
  if (upload->record == NULL) {
    plenum_log_event (upload->log, "plenum upload: %s", error->message);
    return FALSE;
  }
  plenum_log_add_secret (upload->log, upload->record->session_uri);
  upload->first_backoff_ms =
      plenum_youtube_first_backoff_ms (g_getenv ("PLENUM_UPLOAD_BACKOFF_MS"));
  return TRUE;
}

/* ---- The video ------------------------------------------------------------------------------ */

static gboolean
on_session (const char *session_uri, gpointer user_data, GError **error)
{
  Upload *upload = user_data;

  plenum_log_add_secret (upload->log, session_uri);
  g_free (upload->record->session_uri);
  upload->record->session_uri = g_strdup (session_uri);
  g_free (upload->record->api_base);
  upload->record->api_base = g_strdup (upload->settings->api_base);
  return plenum_upload_record_save (upload->record, upload->record_path, error);
}

/* The video resource: title and description (with the chapters) as YouTube takes them. */
static char *
video_resource (Upload *upload)
{
  g_autofree char *chapters_path = g_build_filename (upload->archive_dir, "chapters.txt", NULL);
  g_autofree char *chapters = NULL;
  g_autofree char *title = plenum_youtube_title (upload->settings->title);
  g_autofree char *description = NULL;

  if (!g_file_get_contents (chapters_path, &chapters, NULL, NULL))
    chapters = NULL;
  description = plenum_youtube_description (upload->settings->description, chapters);
  return plenum_youtube_video_resource (upload->settings, title, description);
}

/* The saved session, when it belongs to this recording and this API; else NULL. */
static const char *
session_to_resume (Upload *upload, const GStatBuf *info)
{
  PlenumUploadRecord *record = upload->record;

  if (record->session_uri == NULL)
    return NULL;
  if (record->size == (guint64) info->st_size && record->mtime_s == (gint64) info->st_mtime &&
      g_strcmp0 (record->api_base, upload->settings->api_base) == 0) {
    plenum_log_event (upload->log, "plenum upload: resuming the upload started earlier");
    return record->session_uri;
  }
  plenum_log_event (upload->log, "plenum upload: the recording or api_base changed since the "
                    "last try; starting a new upload");
  return NULL;
}

static gboolean
upload_video (Upload *upload)
{
  g_autofree char *path = g_build_filename (upload->archive_dir, "recording.mp4", NULL);
  g_autofree char *resource = video_resource (upload);
  g_autoptr (PlenumProgressBar) progress = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  const char *session;
  GStatBuf info;
  PlenumYoutubeUploadJob job = {
    .http = upload->http, .api_base = upload->settings->api_base, .resource_json = resource,
    .path = path, .content_type = "video/mp4", .first_backoff_ms = upload->first_backoff_ms,
    .chunk_size = plenum_youtube_chunk_size (g_getenv ("PLENUM_UPLOAD_CHUNK_KIB")),
    .on_session = on_session, .notice = on_notice, .user_data = upload,
  };

  if (g_stat (path, &info) != 0 || info.st_size == 0) {
    plenum_log_event (upload->log, "plenum upload: %s is empty or unreadable", path);
    return FALSE;
  }
  session = session_to_resume (upload, &info);
  upload->record->size = job.size = (guint64) info.st_size;
  upload->record->mtime_s = (gint64) info.st_mtime;
  job.progress = progress = plenum_progress_bar_new (stderr, "upload", job.size);
  id = plenum_youtube_upload_video (&job, session, &error);
  if (id == NULL) {
    plenum_progress_bar_break_line (progress);
    plenum_log_event (upload->log, "plenum upload: %s", error->message);
    return FALSE;
  }
  plenum_progress_bar_finish (progress);
  upload->record->video_id = g_strdup (id);
  g_clear_pointer (&upload->record->session_uri, g_free);   /* spent: no need to keep it */
  if (!plenum_upload_record_save (upload->record, upload->record_path, &error))
    plenum_log_event (upload->log, "plenum upload: %s (the video is uploaded; a second "
                      "`plenum upload` would upload it again)", error->message);
  say (upload, "uploaded: https://youtu.be/%s", id);
  return error == NULL;
}

/* ---- The captions ---------------------------------------------------------------------------- */

static gboolean
upload_captions (Upload *upload)
{
  g_autofree char *path = g_build_filename (upload->archive_dir, "captions.vtt", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) vtt = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  gboolean already = FALSE;
  PlenumYoutubeCaptionJob job = {
    .http = upload->http, .api_base = upload->settings->api_base,
    .video_id = upload->record->video_id, .language = upload->settings->language,
    .name = upload->settings->caption_name, .first_backoff_ms = upload->first_backoff_ms,
    .notice = on_notice, .user_data = upload,
  };

  if (upload->record->captions_done) {
    say (upload, "captions already uploaded (%s)", upload->settings->language);
    return TRUE;
  }
  if (!g_file_get_contents (path, &text, &length, NULL) ||
      !plenum_youtube_vtt_has_cues (text, length)) {
    plenum_log_event (upload->log, "plenum upload: no captions to upload (%s is missing or has "
                      "no cues)", path);
    return TRUE;
  }
  job.vtt = vtt = g_bytes_new_take (g_steal_pointer (&text), length);
  if (!plenum_youtube_upload_captions (&job, &already, &error)) {
    plenum_log_event (upload->log, "plenum upload: %s; the video is uploaded, `plenum upload %s` "
                      "again sends the captions", error->message, upload->run_dir);
    return FALSE;
  }
  upload->record->captions_done = TRUE;
  if (!plenum_upload_record_save (upload->record, upload->record_path, &error))
    plenum_log_event (upload->log, "plenum upload: %s", error->message);
  if (already)
    say (upload, "captions already on YouTube (%s, \"%s\"): not sent again",
         upload->settings->language, upload->settings->caption_name);
  else
    say (upload, "captions uploaded (%s)", upload->settings->language);
  return TRUE;
}

int
plenum_upload_command (const char *run_dir)
{
  Upload upload = { .run_dir = run_dir, .log = plenum_log_new (FALSE) };
  gboolean done;

  upload.archive_dir = g_build_filename (run_dir, "archive", NULL);
  upload.record_path = g_build_filename (upload.archive_dir, "upload.json", NULL);
  done = prepare (&upload);
  if (done && upload.record->video_id != NULL)
    say (&upload, "already uploaded: https://youtu.be/%s", upload.record->video_id);
  else if (done)
    done = upload_video (&upload);
  done = done && upload_captions (&upload);
  upload_clear (&upload);
  return done ? EXIT_DONE : EXIT_NOT_DONE;
}

#include "studio/youtube_upload_session.h"

#include <errno.h>
#include <gio/gio.h>
#include <stdio.h>
#include <string.h>

#include "studio/youtube_upload.h"

#define MAX_FAILURES 8    /* in a row, without progress */
#define MAX_RESTARTS 2    /* new sessions after the first expired */

typedef struct {
  const PlenumYoutubeUploadJob *job;
  FILE *file;
  char *session_uri;
  guint64 offset;         /* the bytes the server has */
  guint64 progress_mark;  /* the most the server had when `failures` was last reset */
  guint failures;
  guint restarts;
} Upload;

static void
notice (const Upload *upload, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
notice (const Upload *upload, const char *format, ...)
{
  g_autofree char *text = NULL;
  va_list args;

  if (upload->job->notice == NULL)
    return;
  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  upload->job->notice (text, upload->job->user_data);
}

/* Counts a failure and waits before `next` try; FALSE (with `error`) after the last. */
static gboolean
back_off (Upload *upload, const PlenumUploadAnswer *answer, const char *next, GError **error)
{
  g_autofree char *what = plenum_youtube_answer_text (answer);
  guint delay_ms;

  upload->failures++;
  if (upload->failures >= MAX_FAILURES) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                 "gave up after %u failed tries in a row (the last: %s); running the upload "
                 "again resumes where YouTube stands", upload->failures, what);
    return FALSE;
  }
  delay_ms = plenum_youtube_backoff_ms (upload->job->first_backoff_ms, upload->failures,
                                       g_random_double ());
  if (upload->job->progress)
    plenum_progress_bar_break_line (upload->job->progress);
  notice (upload, "%s; %s in %.1f s (try %u of %u)", what, next, delay_ms / 1000.0,
          upload->failures + 1, MAX_FAILURES);
  g_usleep ((gulong) delay_ms * 1000);
  return TRUE;
}

/* ---- Starting a session --------------------------------------------------------------------- */

static gboolean
start_session (Upload *upload, GError **error)
{
  const PlenumYoutubeUploadJob *job = upload->job;
  g_autofree char *url = g_strconcat (job->api_base,
      "/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status", NULL);
  g_autofree char *length = g_strdup_printf ("X-Upload-Content-Length: %" G_GUINT64_FORMAT,
                                             job->size);
  g_autofree char *type = g_strconcat ("X-Upload-Content-Type: ", job->content_type, NULL);
  const char *headers[] = { "Content-Type: application/json; charset=UTF-8", length, type, NULL };
  PlenumUploadRequest request = {
    .method = "POST", .url = url, .headers = headers,
    .body = job->resource_json, .body_length = strlen (job->resource_json),
  };

  while (TRUE) {
    g_auto (PlenumUploadAnswer) answer = { 0 };

    plenum_upload_http_send (job->http, &request, &answer);
    if (answer.outcome == PLENUM_UPLOAD_ANSWERED &&
        (answer.status == 200 || answer.status == 201)) {
      if (answer.location == NULL || (!g_str_has_prefix (answer.location, "https://") &&
                                      !g_str_has_prefix (answer.location, "http://"))) {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     "YouTube started an upload without saying where to send it (no Location)");
        return FALSE;
      }
      g_free (upload->session_uri);
      upload->session_uri = g_steal_pointer (&answer.location);
      upload->offset = 0;
      upload->progress_mark = 0;
      upload->failures = 0;
      return job->on_session == NULL ||
          job->on_session (upload->session_uri, job->user_data, error);
    }
    if (answer.outcome == PLENUM_UPLOAD_CANNOT_SEND) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot start the upload: %s",
                   answer.failure);
      return FALSE;
    }
    if (answer.outcome == PLENUM_UPLOAD_ANSWERED &&
        !plenum_upload_status_is_transient (answer.status)) {
      plenum_youtube_set_refused (&answer, "to start the upload", error);
      return FALSE;
    }
    if (answer.outcome == PLENUM_UPLOAD_CONNECTION_LOST) {
      /* No URL in curl's words: name the API the run folder points at. */
      char *failure = g_strdup_printf ("cannot reach %s (%s)", job->api_base, answer.failure);
      g_free (answer.failure);
      answer.failure = failure;
    }
    if (!back_off (upload, &answer, "trying again", error))
      return FALSE;
  }
}

/* ---- Sending ------------------------------------------------------------------------------- */

static void
on_sent (guint64 bytes, gpointer user_data)
{
  Upload *upload = user_data;

  if (upload->job->progress)
    plenum_progress_bar_set (upload->job->progress, upload->offset + bytes);
}

/* PUTs the next chunk, or with `query` nothing, only asking how much the server has. */
static void
put (Upload *upload, gboolean query, PlenumUploadAnswer *answer)
{
  const PlenumYoutubeUploadJob *job = upload->job;
  guint64 length = query ? 0 : MIN ((guint64) job->chunk_size, job->size - upload->offset);
  g_autofree char *range = query
      ? g_strdup_printf ("Content-Range: bytes */%" G_GUINT64_FORMAT, job->size)
      : g_strdup_printf ("Content-Range: bytes %" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT
                         "/%" G_GUINT64_FORMAT, upload->offset, upload->offset + length - 1,
                         job->size);
  g_autofree char *type = g_strconcat ("Content-Type: ", job->content_type, NULL);
  const char *chunk_headers[] = { type, range, NULL };
  const char *query_headers[] = { range, NULL };
  PlenumUploadRequest request = {
    .method = "PUT", .url = upload->session_uri,
    .headers = query ? query_headers : chunk_headers,
    .file = upload->file, .offset = upload->offset, .length = length,
    .sent = query ? NULL : on_sent, .user_data = upload,
  };

  plenum_upload_http_send (job->http, &request, answer);
}

/* After a 308: the server has what its Range says. FALSE when that makes no sense. */
static gboolean
take_range (Upload *upload, const PlenumUploadAnswer *answer, GError **error)
{
  guint64 next;

  if (!plenum_youtube_parse_range (answer->range, &next) || next > upload->job->size) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 "YouTube's answer made no sense (308 with Range \"%s\" for %" G_GUINT64_FORMAT
                 " bytes)", answer->range, upload->job->size);
    return FALSE;
  }
  upload->offset = next;
  if (next > upload->progress_mark) {
    upload->progress_mark = next;
    upload->failures = 0;
  }
  if (upload->job->progress)
    plenum_progress_bar_set (upload->job->progress, next);
  return TRUE;
}

static char *
upload_file (Upload *upload, gboolean query_first, GError **error)
{
  gboolean query = query_first;

  while (TRUE) {
    g_auto (PlenumUploadAnswer) answer = { 0 };
    char *id;

    put (upload, query, &answer);
    query = FALSE;
    if (answer.outcome == PLENUM_UPLOAD_CANNOT_SEND) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot send the video: %s",
                   answer.failure);
      return NULL;
    }
    if (answer.outcome == PLENUM_UPLOAD_CONNECTION_LOST ||
        plenum_upload_status_is_transient (answer.status)) {
      if (!back_off (upload, &answer, "asking YouTube how much arrived", error))
        return NULL;
      query = TRUE;
    } else if (answer.status == 308) {
      if (!take_range (upload, &answer, error))
        return NULL;
      /* Everything there but no video yet: the server owes an answer; ask it again. */
      if (upload->offset == upload->job->size &&
          !back_off (upload, &answer, "asking YouTube again", error))
        return NULL;
      query = upload->offset == upload->job->size;
    } else if (answer.status == 200 || answer.status == 201) {
      id = plenum_youtube_video_id (answer.body->str, answer.body->len);
      if (id == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     "YouTube finished the upload but its answer names no video id");
      return id;
    } else if (answer.status == 404 || answer.status == 410) {
      if (upload->restarts >= MAX_RESTARTS) {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     "the upload session expired %u times; giving up", upload->restarts + 1);
        return NULL;
      }
      upload->restarts++;
      if (upload->job->progress)
        plenum_progress_bar_break_line (upload->job->progress);
      notice (upload, "the upload session expired (HTTP %ld); starting over", answer.status);
      if (!start_session (upload, error))
        return NULL;
    } else {
      plenum_youtube_set_refused (&answer, "the video", error);
      return NULL;
    }
  }
}

char *
plenum_youtube_upload_video (const PlenumYoutubeUploadJob *job, const char *session_uri,
                             GError **error)
{
  Upload upload = { .job = job };
  char *id = NULL;

  g_return_val_if_fail (job->chunk_size > 0 && job->chunk_size % PLENUM_YOUTUBE_CHUNK_UNIT == 0,
                        NULL);
  upload.file = fopen (job->path, "rb");
  if (upload.file == NULL) {
    int saved = errno;
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: cannot read: %s",
                 job->path, g_strerror (saved));
    return NULL;
  }
  if (session_uri != NULL) {
    upload.session_uri = g_strdup (session_uri);
    id = upload_file (&upload, TRUE, error);
  } else if (start_session (&upload, error)) {
    id = upload_file (&upload, FALSE, error);
  }
  fclose (upload.file);
  g_free (upload.session_uri);
  return id;
}

#include "studio/youtube_caption_upload.h"

#include <cjson/cJSON.h>
#include <gio/gio.h>
#include <string.h>

#include "studio/youtube_upload.h"

#define MAX_TRIES 8

gboolean
plenum_youtube_vtt_has_cues (const char *vtt, gsize length)
{
  return vtt != NULL && memmem (vtt, length, "-->", 3) != NULL;
}

char *
plenum_youtube_caption_snippet (const char *video_id, const char *language, const char *name)
{
  cJSON *root = cJSON_CreateObject ();
  cJSON *snippet = cJSON_AddObjectToObject (root, "snippet");
  char *text, *copy;

  cJSON_AddStringToObject (snippet, "videoId", video_id);
  cJSON_AddStringToObject (snippet, "language", language);
  cJSON_AddStringToObject (snippet, "name", name);
  cJSON_AddFalseToObject (snippet, "isDraft");
  text = cJSON_PrintUnformatted (root);
  cJSON_Delete (root);
  copy = g_strdup (text);
  cJSON_free (text);
  return copy;
}

gboolean
plenum_multipart_boundary_fits (const char *boundary, const char *data, gsize length)
{
  return memmem (data, length, boundary, strlen (boundary)) == NULL;
}

char *
plenum_youtube_caption_boundary (const char *snippet, const char *vtt, gsize length)
{
  while (TRUE) {
    char *boundary = g_strdup_printf ("plenum-%08x%08x%08x", g_random_int (), g_random_int (),
                                      g_random_int ());
    if (plenum_multipart_boundary_fits (boundary, snippet, strlen (snippet)) &&
        plenum_multipart_boundary_fits (boundary, vtt, length))
      return boundary;
    g_free (boundary);
  }
}

GBytes *
plenum_youtube_caption_body (const char *boundary, const char *snippet, const char *vtt,
                             gsize length)
{
  GByteArray *body = g_byte_array_sized_new ((guint) (length + strlen (snippet) + 256));
  g_autofree char *head = g_strdup_printf ("--%s\r\nContent-Type: application/json; "
                                           "charset=UTF-8\r\n\r\n%s\r\n--%s\r\n"
                                           "Content-Type: text/vtt\r\n\r\n",
                                           boundary, snippet, boundary);
  g_autofree char *tail = g_strdup_printf ("\r\n--%s--\r\n", boundary);

  g_byte_array_append (body, (const guint8 *) head, (guint) strlen (head));
  g_byte_array_append (body, (const guint8 *) vtt, (guint) length);
  g_byte_array_append (body, (const guint8 *) tail, (guint) strlen (tail));
  return g_byte_array_free_to_bytes (body);
}

gboolean
plenum_youtube_upload_captions (const PlenumYoutubeCaptionJob *job, GError **error)
{
  gsize length = 0;
  const char *vtt = g_bytes_get_data (job->vtt, &length);
  g_autofree char *snippet = plenum_youtube_caption_snippet (job->video_id, job->language,
                                                             job->name);
  g_autofree char *boundary = plenum_youtube_caption_boundary (snippet, vtt, length);
  g_autoptr (GBytes) body = plenum_youtube_caption_body (boundary, snippet, vtt, length);
  g_autofree char *url = g_strconcat (job->api_base,
      "/upload/youtube/v3/captions?uploadType=multipart&part=snippet", NULL);
  g_autofree char *type = g_strdup_printf ("Content-Type: multipart/related; boundary=%s",
                                           boundary);
  const char *headers[] = { type, NULL };
  PlenumUploadRequest request = { .method = "POST", .url = url, .headers = headers };

  request.body = g_bytes_get_data (body, &request.body_length);
  for (guint attempt = 1;; attempt++) {
    g_auto (PlenumUploadAnswer) answer = { 0 };
    g_autofree char *what = NULL;
    guint delay_ms;

    plenum_upload_http_send (job->http, &request, &answer);
    if (answer.outcome == PLENUM_UPLOAD_ANSWERED &&
        (answer.status == 200 || answer.status == 201))
      return TRUE;
    if (answer.outcome == PLENUM_UPLOAD_ANSWERED) {
      g_autofree char *reason = plenum_youtube_error_reason (answer.body->str, answer.body->len);
      what = reason ? g_strdup_printf ("HTTP %ld, %s", answer.status, reason)
                    : g_strdup_printf ("HTTP %ld", answer.status);
    } else {
      what = g_strdup (answer.failure);
    }
    if (answer.outcome == PLENUM_UPLOAD_CANNOT_SEND) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot send the captions: %s", what);
      return FALSE;
    }
    if (answer.outcome == PLENUM_UPLOAD_ANSWERED &&
        !plenum_upload_status_is_transient (answer.status)) {
      g_set_error (error, G_IO_ERROR,
                   answer.status == 401 || answer.status == 403 ? G_IO_ERROR_PERMISSION_DENIED
                                                                : G_IO_ERROR_FAILED,
                   "YouTube refused the captions (%s)", what);
      return FALSE;
    }
    if (attempt >= MAX_TRIES) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                   "gave up on the captions after %u tries (the last: %s)", attempt, what);
      return FALSE;
    }
    delay_ms = plenum_youtube_backoff_ms (job->first_backoff_ms, attempt, g_random_double ());
    if (job->notice) {
      g_autofree char *text = g_strdup_printf ("captions: %s; trying again in %.1f s", what,
                                               delay_ms / 1000.0);
      job->notice (text, job->user_data);
    }
    g_usleep ((gulong) delay_ms * 1000);
  }
}

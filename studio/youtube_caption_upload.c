#include "studio/youtube_caption_upload.h"

#include <cjson/cJSON.h>
#include <gio/gio.h>
#include <string.h>

#include "studio/youtube_upload.h"

#define MAX_TRIES 8

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

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
plenum_youtube_caption_list_has (const char *body, gsize length, const char *language,
                                 const char *name)
{
  g_autoptr (cJSON) root = cJSON_ParseWithLength (body, length);
  const cJSON *items = cJSON_GetObjectItemCaseSensitive (root, "items");
  const cJSON *item;

  cJSON_ArrayForEach (item, items) {
    const cJSON *snippet = cJSON_GetObjectItemCaseSensitive (item, "snippet");
    const char *has_language = cJSON_GetStringValue (
        cJSON_GetObjectItemCaseSensitive (snippet, "language"));
    const char *has_name = cJSON_GetStringValue (
        cJSON_GetObjectItemCaseSensitive (snippet, "name"));
    if (has_language && has_name && g_str_equal (has_language, language) &&
        g_str_equal (has_name, name))
      return TRUE;
  }
  return FALSE;
}

typedef enum { REQUEST_DONE, REQUEST_RETRY, REQUEST_STOP } RequestVerdict;

/* What an answer means for the job; `what` (transfer full) says why when it is not done. */
static RequestVerdict
judge (const PlenumUploadAnswer *answer, char **what)
{
  if (answer->outcome == PLENUM_UPLOAD_ANSWERED && answer->status >= 200 && answer->status < 300)
    return REQUEST_DONE;
  *what = plenum_youtube_answer_text (answer);
  if (answer->outcome == PLENUM_UPLOAD_ANSWERED)
    return plenum_upload_status_is_transient (answer->status) ? REQUEST_RETRY : REQUEST_STOP;
  return answer->outcome == PLENUM_UPLOAD_CONNECTION_LOST ? REQUEST_RETRY : REQUEST_STOP;
}

/* `object`: what was sent ("the captions"). */
static void
stop_error (const PlenumUploadAnswer *answer, const char *object, const char *what,
            GError **error)
{
  if (answer->outcome != PLENUM_UPLOAD_ANSWERED)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot send %s: %s", object, what);
  else
    plenum_youtube_set_refused (answer, object, error);
}

gboolean
plenum_youtube_upload_captions (const PlenumYoutubeCaptionJob *job, gboolean *already,
                                GError **error)
{
  gsize length = 0;
  const char *vtt = g_bytes_get_data (job->vtt, &length);
  g_autofree char *snippet = plenum_youtube_caption_snippet (job->video_id, job->language,
                                                             job->name);
  g_autofree char *boundary = plenum_youtube_caption_boundary (snippet, vtt, length);
  g_autoptr (GBytes) body = plenum_youtube_caption_body (boundary, snippet, vtt, length);
  g_autofree char *url = g_strconcat (job->api_base,
      "/upload/youtube/v3/captions?uploadType=multipart&part=snippet", NULL);
  g_autofree char *escaped_id = g_uri_escape_string (job->video_id, NULL, FALSE);
  g_autofree char *list_url = g_strconcat (job->api_base,
      "/youtube/v3/captions?part=snippet&videoId=", escaped_id, NULL);
  g_autofree char *type = g_strdup_printf ("Content-Type: multipart/related; boundary=%s",
                                           boundary);
  const char *headers[] = { type, NULL };
  PlenumUploadRequest insert = { .method = "POST", .url = url, .headers = headers };
  PlenumUploadRequest list = { .method = "GET", .url = list_url };

  *already = FALSE;
  insert.body = g_bytes_get_data (body, &insert.body_length);
  for (guint attempt = 1;; attempt++) {
    g_auto (PlenumUploadAnswer) answer = { 0 };
    g_autofree char *what = NULL;
    RequestVerdict verdict;
    guint delay_ms;

    /* An insert whose answer was lost (here or in an earlier run) may have made the track:
     * look first, so that a retry never makes a second one. */
    plenum_upload_http_send (job->http, &list, &answer);
    verdict = judge (&answer, &what);
    if (verdict == REQUEST_STOP) {
      stop_error (&answer, "the caption list request", what, error);
      return FALSE;
    }
    if (verdict == REQUEST_DONE) {
      if (plenum_youtube_caption_list_has (answer.body->str, answer.body->len, job->language,
                                           job->name)) {
        *already = TRUE;
        return TRUE;
      }
      plenum_upload_answer_clear (&answer);
      plenum_upload_http_send (job->http, &insert, &answer);
      verdict = judge (&answer, &what);
      if (verdict == REQUEST_DONE)
        return TRUE;
      if (verdict == REQUEST_STOP) {
        stop_error (&answer, "the captions", what, error);
        return FALSE;
      }
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

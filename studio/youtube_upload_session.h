/* youtube_upload_session.h — a video to YouTube with the resumable upload protocol.
 *
 * POST the video resource to start a session (its URI comes back in Location), then PUT the
 * file in chunks of a multiple of 256 KiB, each with its Content-Range. After every "308 Resume
 * Incomplete" the next chunk starts where the server's Range header says, even when that is
 * less than was sent. A lost connection or a 500/502/503/504 is followed by a wait (backoff
 * doubling from the first delay to 32 times it, with jitter) and a question to the server
 * (an empty PUT, "Content-Range: bytes *\/SIZE") how much it has; eight failures in a row without
 * progress give up. A 404 or 410 means the session expired: a new one starts (twice at most).
 * 401 and 403 stop with the API's reason. The session URI is as secret as the token: it goes
 * to `on_session` (to be saved for a later run) and nowhere else.
 */
#pragma once

#include <glib.h>

#include "studio/progress_bar.h"
#include "studio/upload_http.h"

G_BEGIN_DECLS

typedef struct {
  PlenumUploadHttp *http;
  const char *api_base;          /* e.g. "https://www.googleapis.com" */
  const char *resource_json;     /* the video resource (snippet, status) */
  const char *path;              /* the video file */
  const char *content_type;      /* its MIME type, e.g. "video/mp4" */
  guint64 size;                  /* its size, as when the session started */
  gsize chunk_size;              /* a multiple of 256 KiB */
  guint first_backoff_ms;
  PlenumProgressBar *progress;   /* or NULL */
  /* A session started: keep `session_uri` (a secret) so a later run can resume it. */
  gboolean (*on_session) (const char *session_uri, gpointer user_data, GError **error);
  /* Something the operator may want to know: a retry, a new session. One line, no secret. */
  void (*notice) (const char *text, gpointer user_data);
  gpointer user_data;
} PlenumYoutubeUploadJob;

/* Uploads the file, resuming `session_uri` when it is not NULL (asking the server first how
 * much it has). Returns the new video's id. (transfer full) */
char *plenum_youtube_upload_video (const PlenumYoutubeUploadJob *job, const char *session_uri,
                                   GError **error);

G_END_DECLS

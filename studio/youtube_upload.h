/* youtube_upload.h — what `plenum upload --youtube` sends, worked out without the network.
 *
 * The run's settings (run.json "archive"), the video resource YouTube gets (a title and a
 * description it accepts), and the small pieces of the resumable-upload protocol that need no
 * connection: the Range header of a "308 Resume Incomplete", chunk sizes, backoff delays, the
 * reason in an API error and the id in a finished upload. The session (youtube_upload_session.h)
 * and the captions (youtube_caption_upload.h) use them; the unit tests check them directly.
 */
#pragma once

#include <glib.h>

#include "studio/upload_http.h"

G_BEGIN_DECLS

#define PLENUM_YOUTUBE_CHUNK_UNIT 262144                   /* 256 KiB: chunks are multiples */
#define PLENUM_YOUTUBE_DEFAULT_CHUNK (32 * PLENUM_YOUTUBE_CHUNK_UNIT)   /* 8 MiB */
#define PLENUM_YOUTUBE_TITLE_MAX_CHARS 100
#define PLENUM_YOUTUBE_DESCRIPTION_MAX_BYTES 5000
#define PLENUM_YOUTUBE_DEFAULT_BACKOFF_MS 1000

/* run.json's "archive" with every default filled in. */
typedef struct {
  char *title;           /* archive.title, else the run's "name"; as written (not yet cleaned) */
  char *description;     /* archive.description, else "" */
  char *token_env;       /* the variable that holds the OAuth access token */
  char *api_base;        /* without a trailing "/" */
  char *privacy;         /* "private", "unlisted" or "public" */
  char *category_id;
  char *language;        /* BCP-47, for the video and its captions */
  char *caption_name;
} PlenumYoutubeSettings;

/* `json` is the text of run.json; `path` names it in messages. */
PlenumYoutubeSettings *plenum_youtube_settings_parse (const char *json, gsize length,
                                                      const char *path, GError **error);
PlenumYoutubeSettings *plenum_youtube_settings_load (const char *path, GError **error);
void plenum_youtube_settings_free (PlenumYoutubeSettings *settings);

/* `text` as YouTube accepts it in a title or description: valid UTF-8, "<" and ">" (which it
 * refuses) written as "‹" and "›". (transfer full) */
char *plenum_youtube_clean_text (const char *text);
/* The cleaned title, cut to PLENUM_YOUTUBE_TITLE_MAX_CHARS characters. (transfer full) */
char *plenum_youtube_title (const char *title);
/* The cleaned description, then a blank line and the chapter lines (when `chapters` has any),
 * cut to PLENUM_YOUTUBE_DESCRIPTION_MAX_BYTES bytes at a character boundary; a cut inside the
 * chapters drops the last, partial line. (transfer full) */
char *plenum_youtube_description (const char *description, const char *chapters);
/* The video resource for videos.insert (parts snippet and status), compact JSON.
 * (transfer full) */
char *plenum_youtube_video_resource (const PlenumYoutubeSettings *settings, const char *title,
                                     const char *description);

/* The first byte still to send after a 308 whose Range header is `value` ("bytes=0-N" gives
 * N + 1). No header (NULL) means nothing arrived: 0. FALSE for anything else. */
gboolean plenum_youtube_parse_range (const char *value, guint64 *next_offset);

/* The chunk size for PLENUM_UPLOAD_CHUNK_KIB's value (NULL: the 8 MiB default): rounded down to
 * a multiple of 256 KiB, at least 256 KiB. */
gsize plenum_youtube_chunk_size (const char *kib);
/* The first backoff delay for PLENUM_UPLOAD_BACKOFF_MS's value (NULL: 1 s). */
guint plenum_youtube_first_backoff_ms (const char *ms);
/* The wait before try `attempt` (1, 2, …): first_ms doubling, at most 32 × first_ms, plus up to
 * a quarter more chosen by `jitter` (0 to 1). */
guint plenum_youtube_backoff_ms (guint first_ms, guint attempt, double jitter);

/* "reason: message" from a Google API error body, or NULL when it is not one. (transfer full) */
char *plenum_youtube_error_reason (const char *body, gsize length);
/* "HTTP 503, backendError: …", or what broke the connection. (transfer full) */
char *plenum_youtube_answer_text (const PlenumUploadAnswer *answer);
/* Sets `error` to "YouTube refused `what` (…)": permission denied for 401 and 403. */
void plenum_youtube_set_refused (const PlenumUploadAnswer *answer, const char *what,
                                 GError **error);
/* The id of the video resource in `body`, or NULL. Only ids made of [A-Za-z0-9_-] are taken,
 * since the id goes into a URL and onto the terminal. (transfer full) */
char *plenum_youtube_video_id (const char *body, gsize length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlenumYoutubeSettings, plenum_youtube_settings_free)

G_END_DECLS

/* youtube_caption_upload.h — the archive's captions as a caption track of the uploaded video.
 *
 * captions.insert with uploadType=multipart: one multipart/related POST holding the caption
 * resource (snippet: videoId, language, name, isDraft false) as JSON, then the WebVTT file
 * byte for byte. The boundary is random and occurs in neither part. Lost connections and
 * 500/502/503/504 are tried again after a backoff, as the video's chunks are (eight tries in
 * all); anything else stops with the API's reason. Before each try, captions.list
 * (part=snippet, videoId) tells whether the video already has a track of this language and
 * name — an insert whose answer was lost, in this run or an earlier one — so a retry never
 * makes a second track.
 */
#pragma once

#include <glib.h>

#include "studio/upload_http.h"

G_BEGIN_DECLS

/* TRUE when the WebVTT text has a cue (a timing line, "… --> …"). */
gboolean plenum_youtube_vtt_has_cues (const char *vtt, gsize length);

/* {"snippet":{"videoId":…,"language":…,"name":…,"isDraft":false}}, compact.
 * (transfer full) */
char *plenum_youtube_caption_snippet (const char *video_id, const char *language,
                                      const char *name);
/* TRUE when `boundary` does not occur in `length` bytes of `data`. */
gboolean plenum_multipart_boundary_fits (const char *boundary, const char *data, gsize length);
/* A random boundary found in neither part. (transfer full) */
char *plenum_youtube_caption_boundary (const char *snippet, const char *vtt, gsize length);
/* The multipart/related body: the snippet as application/json, the VTT as text/vtt, each part
 * closed by CRLF and the boundary, the last by "--" and CRLF. */
GBytes *plenum_youtube_caption_body (const char *boundary, const char *snippet, const char *vtt,
                                     gsize length);

typedef struct {
  PlenumUploadHttp *http;
  const char *api_base;
  const char *video_id;
  const char *language;
  const char *name;
  GBytes *vtt;
  guint first_backoff_ms;
  /* A retry the operator may want to know about. One line, no secret. */
  void (*notice) (const char *text, gpointer user_data);
  gpointer user_data;
} PlenumYoutubeCaptionJob;

/* TRUE when captions.list's answer (`length` bytes of JSON) holds a track with this
 * `language` and `name`. */
gboolean plenum_youtube_caption_list_has (const char *body, gsize length, const char *language,
                                          const char *name);

/* Sends the captions; `*already` is TRUE when the track was found on YouTube instead. */
gboolean plenum_youtube_upload_captions (const PlenumYoutubeCaptionJob *job, gboolean *already,
                                         GError **error);

G_END_DECLS

/* output_rtmp.h — FLV over RTMP or RTMPS: any server, and the YouTube and Facebook presets.
 *
 * The stream key comes only from the environment (the show's key_env) and goes straight into
 * rtmp2sink's "stream" property: it is never part of a URL string that could be printed.
 */
#pragma once

#include <gst/gst.h>
#include "studio/show.h"

G_BEGIN_DECLS

#define PLENUM_YOUTUBE_INGEST "rtmps://a.rtmps.youtube.com/live2"
#define PLENUM_YOUTUBE_BACKUP_INGEST "rtmps://b.rtmps.youtube.com/live2?backup=1"
#define PLENUM_FACEBOOK_INGEST "rtmps://live-api-s.facebook.com:443/rtmp/"

typedef struct {
  char *scheme;        /* "rtmp" or "rtmps" */
  char *host;
  int port;
  char *application;   /* the path after the host, e.g. "live2" or "live2?backup=1" */
} PlenumRtmpTarget;

/* Where an rtmp/youtube/facebook output sends to. FALSE with `error` for a URL that is not
 * rtmp:// or rtmps:// with a host. */
gboolean plenum_output_rtmp_target (const PlenumOutputConfig *output, PlenumRtmpTarget *target,
                                    GError **error);
void plenum_rtmp_target_clear (PlenumRtmpTarget *target);

/* The URL with the key, as people write it, but with the key shown as "****"; (transfer full). */
char *plenum_output_rtmp_display_url (const PlenumOutputConfig *output);

/* Bytes the sink has written to its connection. */
guint64 plenum_output_rtmp_bytes_sent (GstElement *bin);

/* Returns (transfer floating) a destination bin (output_stream_bin.h) for the shared FLV
 * stream. */
GstElement *plenum_output_rtmp_build (const PlenumOutputConfig *output, GError **error);

G_END_DECLS

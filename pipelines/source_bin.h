/* source_bin.h — one show source as a bin of normalised raw media.
 *
 * Whatever the source is (test pattern, file or stream URI, SRT, RTMP, V4L2 camera), the bin
 * has two always pads: "video" (I420, square pixels, the requested size) and "audio"
 * (S16LE at the show's rate and channel count). A source without sound ends its "audio" pad
 * with EOS once it is known to have none, so downstream never waits for it.
 */
#pragma once

#include <gst/gst.h>
#include "studio/show.h"

G_BEGIN_DECLS

typedef struct {
  int width;          /* -1: follow the source's aspect ratio for `height` */
  int height;
  int fps;            /* enforced with videorate only when `live` is FALSE */
  int audio_rate;
  int audio_channels;
  gboolean live;      /* TRUE: sources run against the clock (test sources are live) */
} PlenumSourceFormat;

/* Returns (transfer floating) a GstBin named after the source id, or NULL with `error` set
 * when an element is missing (the message names the plugin package). */
GstElement *plenum_source_bin_new (const PlenumSourceConfig *source,
                                   const PlenumSourceFormat *format, GError **error);

G_END_DECLS

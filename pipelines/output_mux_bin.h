/* output_mux_bin.h — an output with a muxer of its own (the recording): picture and sound in.
 *
 *   video ─ queue ─ h264parse ─┐
 *                              mux ─ sink
 *   audio ─ queue ─────────────┘
 *
 * inside a PlenumIsolatedBin (its failures stay inside). It converts H.264 to its muxer's
 * stream format itself (the encoder's tee cannot offer avc and byte-stream at once) and
 * repeats SPS/PPS before every keyframe, so a part started mid-stream begins at the next.
 * The parser is named "parse", the muxer "mux", the sink "sink". Network destinations share
 * one muxer per format instead (mux_feed.h, output_stream_bin.h).
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

typedef struct {
  const char *id;             /* the output's id: the bin's name */
  const char *mux_factory;    /* "matroskamux" */
  const char *video_pad;      /* the muxer's request pad templates, e.g. "video_%u" */
  const char *audio_pad;
} PlenumOutputMuxSpec;

/* Returns (transfer floating) the bin with sink pads "video" and "audio". `sink` (transfer
 * floating) is the output's sink element. */
GstElement *plenum_output_mux_bin_new (const PlenumOutputMuxSpec *spec, GstElement *sink,
                                       GError **error);

G_END_DECLS

/* mux_feed.h — the encoded program muxed once per container, for every destination of it.
 *
 *   video tee ─ h264parse ─┐
 *                          mux ─ (ts_chunker) ─ tee ─ destination, destination, …
 *   audio tee ─────────────┘
 *
 * All RTMP destinations (YouTube, Facebook, any RTMP server) send the same FLV tags and all
 * SRT destinations the same MPEG-TS messages, so each format is muxed once: a destination is
 * only a queue and its sink (output_stream_bin.h), not another parser, muxer and two queues.
 * The muxer needs no queues in front: it never waits on a destination (their queues drop
 * whole GOPs instead of filling), so it takes what the encoder's tees give at once.
 * SPS/PPS go before every keyframe, so a destination can start at any keyframe; FLV's
 * headers also travel in the caps (streamheader), which rtmp2sink sends on each connect.
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

typedef enum {
  PLENUM_MUX_FLV,   /* flvmux streamable: one tag a buffer */
  PLENUM_MUX_TS,    /* mpegtsmux + ts_chunker: lists of ≤ 1316-byte SRT messages */
} PlenumMuxFormat;

/* Builds the feed into `pipeline`, fed from the encoder's tees (all transfer none), and
 * returns its tee (transfer none: the pipeline owns it), or NULL with `error`. */
GstElement *plenum_mux_feed_new (GstBin *pipeline, PlenumMuxFormat format, GstElement *video_tee,
                                 GstElement *audio_tee, GError **error);

/* TRUE if a destination may start with `buffer` (the first of a list): an FLV video tag of a
 * keyframe, or the TS message that opens a keyframe (its PAT, or its first video packet). */
gboolean plenum_mux_feed_is_entry_point (PlenumMuxFormat format, GstBuffer *buffer);

G_END_DECLS

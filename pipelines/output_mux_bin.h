/* output_mux_bin.h — the shape every output shares: encoded picture and sound into one muxer.
 *
 *   video ─ queue ─ h264parse ─┐
 *                              mux ─ sink
 *   audio ─ queue ─────────────┘
 *
 * inside a PlenumIsolatedBin (its failures stay inside). Each output converts H.264 to its
 * muxer's stream format itself (the shared tee cannot offer avc and byte-stream at once) and
 * repeats SPS/PPS before every keyframe, so a peer joining mid-stream can start at the next.
 * The parser is named "parse", the muxer "mux", the sink "sink".
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

typedef struct {
  const char *id;             /* the output's id: the bin's name */
  const char *mux_factory;    /* "matroskamux", "mpegtsmux", "flvmux" */
  const char *video_pad;      /* the muxer's request pad templates, e.g. "video_%u" */
  const char *audio_pad;
  gboolean drop_when_behind;  /* leaky queues: a slow peer loses data, never holds the tee */
} PlenumOutputMuxSpec;

/* Returns (transfer floating) the bin with sink pads "video" and "audio". `sink` (transfer
 * floating) is the output's sink element. */
GstElement *plenum_output_mux_bin_new (const PlenumOutputMuxSpec *spec, GstElement *sink,
                                       GError **error);

/* How many times the destination fell behind and whole GOPs were dropped. */
guint plenum_output_mux_bin_gops_dropped (GstElement *bin);

G_END_DECLS

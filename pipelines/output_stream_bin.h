/* output_stream_bin.h — one destination of a shared muxed stream (mux_feed.h).
 *
 *   stream ─ queue ─ sink
 *
 * inside a PlenumIsolatedBin (its failures stay inside). The queue is the destination's own
 * thread: a slow or hanging peer fills it, and there it loses whole GOPs (gop_dropper.h)
 * while the muxer and every other destination go on. A new bin starts at a keyframe; for FLV
 * its tag times start at 0 again, as a fresh RTMP publish does. The sink is named "sink".
 */
#pragma once

#include <gst/gst.h>
#include "pipelines/mux_feed.h"

G_BEGIN_DECLS

/* Returns (transfer floating) the bin with one sink pad, "stream", named `id`; `sink`
 * (transfer floating) is the destination's sink element. */
GstElement *plenum_output_stream_bin_new (const char *id, PlenumMuxFormat format, GstElement *sink,
                                          GError **error);

/* TRUE with the format of the shared stream `bin` takes, if it is such a bin (an output's bin
 * of another shape, e.g. the recording's, gives FALSE). */
gboolean plenum_output_stream_bin_format (GstElement *bin, PlenumMuxFormat *format);

G_END_DECLS

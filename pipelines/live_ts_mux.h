/* live_ts_mux.h — mpegtsmux that waits for a late input only as long as the program's latency.
 *
 * GStreamer 1.22's mpegtsmux gives its aggregator no "next time", so even when live it waits
 * until every input holds a buffer: each picture stays in the muxer until the AAC frame that
 * starts after it has been encoded, ≈ 80 ms after its time (a 1024-sample frame, the encoder's
 * frame of look-ahead, the −1024-sample priming offset; bench/README.md, latency.sh). This
 * muxer is mpegtsmux with a next time: the earliest buffer it holds. Once the clock passes that
 * time plus the latency the pipeline reported to it, it writes what it has and the late sound
 * follows in its own PES. That is valid MPEG-TS: mpegtsmux writes its PCR 125 ms behind the
 * timestamps, so sound ≈ 50 ms behind its picture in the stream still arrives before it is due.
 * Everything else (properties, pads, PCR) is mpegtsmux's own.
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

/* Returns (transfer floating) the muxer, or NULL with `error` when mpegtsmux is missing. */
GstElement *plenum_live_ts_mux_new (const char *name, GError **error);

G_END_DECLS

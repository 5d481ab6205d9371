/* ts_chunker.h — groups MPEG-TS packets into SRT-sized messages without waiting for more.
 *
 * SRT carries up to 1316 bytes a message (7 TS packets). mpegtsmux can make such groups itself
 * (alignment=7), but then it holds the last packets of each frame back until later packets
 * fill the group: with a still picture and silence that took 170 ms at the muxer
 * (bench/README.md, latency.sh). So the muxer hands out what it has at once (alignment=0:
 * a list of single packets) and this element groups each list into messages of at most 1316
 * bytes, pushed together as one buffer list: as few SRT packets as before, none held back. A
 * single larger buffer is cut at 1316 bytes. No copy: messages share the packets' memory.
 * Every message leaves with the HEADER flag cleared (see ts_chunker.c).
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

#define PLENUM_TS_CHUNK_BYTES (7 * 188)

#define PLENUM_TYPE_TS_CHUNKER (plenum_ts_chunker_get_type ())
G_DECLARE_FINAL_TYPE (PlenumTsChunker, plenum_ts_chunker, PLENUM, TS_CHUNKER, GstElement)

/* (transfer floating) */
GstElement *plenum_ts_chunker_new (const char *name);

G_END_DECLS

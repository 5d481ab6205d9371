/* sync_pattern.h — the "sync" test pattern: a flash and a beep at every whole second.
 *
 * Black and silent, except the first frame that starts at or after each whole second, which is
 * white, and a 50 ms 1 kHz beep from that second on. When the source is live the seconds are
 * the wall clock's (the frame's and the sound's time on the pipeline clock, read as real
 * time), so whoever sees the flash on a screen knows when it was sent: bench/latency.sh
 * measures glass-to-glass latency from it, and a technician can check that picture and sound
 * stay together at the far end. When not live, the seconds are the stream's own.
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

/* Makes a videotestsrc and an audiotestsrc (transfer floating, each followed by the capsfilter
 * the pattern needs: I420, interleaved S16LE) and marks their frames and samples. Returns the
 * capsfilters' elements to link on in `video_out` and `audio_out`, all four added to `bin`;
 * FALSE with `error` when an element is missing. */
gboolean plenum_sync_pattern_add (GstBin *bin, gboolean live, GstElement **video_out,
                                  GstElement **audio_out, GError **error);

G_END_DECLS

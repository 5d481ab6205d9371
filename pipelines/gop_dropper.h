/* gop_dropper.h — a slow destination loses whole GOPs, never single frames.
 *
 * Watches the queue in front of a destination's sink. Past 2 s queued it drops everything
 * up to the next entry point (a keyframe) and goes on dropping whole GOPs until the queue is
 * back under 1 s at an entry point: the peer sees a jump from one keyframe to another, never
 * a picture decoded from missing references. A new destination starts in the dropping state,
 * so its first buffer is an entry point too. The queue's own limit (4 s) is never reached in
 * practice, so the tee in front never waits.
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

/* TRUE if a destination may start (again) with `buffer`. */
typedef gboolean (*PlenumEntryPointFunc) (GstBuffer *buffer, gpointer user_data);

/* Sets up `queue` (transfer none; inside `bin`, which keeps the dropper's state). */
void plenum_gop_dropper_attach (GstElement *bin, GstElement *queue, PlenumEntryPointFunc is_entry,
                                gpointer user_data);

/* How many times the destination fell behind and started dropping; 0 for a bin without. */
guint plenum_gop_dropper_count (GstElement *bin);

G_END_DECLS

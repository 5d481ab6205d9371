/* picture_tap.h — small pictures of the program and of each source, for the operator's window.
 *
 * Scaled down and converted to BGRx (what a desktop's window surface holds, so the window
 * only copies it) in GStreamer, in one videoconvertscale pass; handed over by an appsink that keeps only
 * the newest frame and never blocks: a window that draws late costs the show nothing. The
 * program is tapped with a tee; a live source is read once more from its inter channel
 * (intervideosrc may have many readers) at a lower frame rate, so a multiview of many cameras
 * stays cheap.
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

typedef struct _PlenumPictureTap PlenumPictureTap;

/* Tees `upstream`'s src pad into a tap of width x height that keeps one frame in `keep_every`
 * (frames are dropped before they are scaled, so a slower preview costs less). Link what
 * follows from plenum_picture_tap_passthrough(). All (transfer none). */
PlenumPictureTap *plenum_picture_tap_new_on (GstBin *pipeline, GstElement *upstream,
                                             int width, int height, guint keep_every,
                                             GError **error);
/* Reads the inter video channel `channel` at `fps` frames a second. */
PlenumPictureTap *plenum_picture_tap_new_channel (GstBin *pipeline, const char *channel,
                                                  int width, int height, int fps, GError **error);
/* Frees the tap's bookkeeping; its elements belong to the pipeline, which must be stopped
 * first (a thinning probe uses the tap). */
void plenum_picture_tap_free (PlenumPictureTap *tap);

/* The tee the program continues from (taps made with _new_on only; transfer none). */
GstElement *plenum_picture_tap_passthrough (PlenumPictureTap *tap);
/* The newest frame since the last call, or NULL (transfer full). */
GstSample *plenum_picture_tap_pull (PlenumPictureTap *tap);

G_END_DECLS

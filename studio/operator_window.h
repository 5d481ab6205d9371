/* operator_window.h — the press office's studio: one SDL2 window to run the whole show.
 *
 * Program preview, a multiview of every source with tally borders, outputs, audio meters with
 * the program's loudness, agenda, captions and the question queue, and a button for every key.
 * Pictures come from appsinks (pipelines/picture_tap.h), already scaled down by GStreamer;
 * the GLib main loop draws them with SDL on the main thread, as SDL requires. Every key and
 * click runs a window command, which acts only through studio.h (the control API's path too).
 */
#pragma once

#include <gst/gst.h>
#include "studio/studio.h"

G_BEGIN_DECLS

typedef struct _PlenumOperatorWindow PlenumOperatorWindow;

#define PLENUM_WINDOW_WIDTH 1280
#define PLENUM_WINDOW_HEIGHT 720

/* Opens the window and taps the program at `upstream` (transfer none). `source_channels`
 * (element-type utf8, may be NULL or shorter than the show's sources) names each source's
 * inter channel, in show order, for the multiview. NULL with `error` when there is no display
 * or SDL cannot start; the caller then runs headless. */
PlenumOperatorWindow *plenum_operator_window_new (GstBin *pipeline, GstElement *upstream,
                                                  const PlenumShow *show,
                                                  const GPtrArray *source_channels,
                                                  GError **error);
void plenum_operator_window_free (PlenumOperatorWindow *window);

/* Where the program continues after the tap (transfer none). */
GstElement *plenum_operator_window_passthrough (PlenumOperatorWindow *window);

/* Starts drawing and taking input; `studio` (transfer none) must outlive the window. */
void plenum_operator_window_attach (PlenumOperatorWindow *window, PlenumStudio *studio);

/* Draws a frame and writes it to `path` as a BMP; for POST /screenshot. */
gboolean plenum_operator_window_screenshot (PlenumOperatorWindow *window, const char *path,
                                            GError **error);

G_END_DECLS

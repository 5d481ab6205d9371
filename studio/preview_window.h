/* preview_window.h — the operator's SDL2 window (first, simple version: the program preview).
 *
 * The program is tapped after the mixer with a tee; its branch scales the picture down in
 * GStreamer and hands the newest frame to an appsink that never blocks (one buffer, drop). The
 * GLib main loop draws it with SDL at the program's frame rate: texture updates stay on the
 * main thread, as SDL requires.
 */
#pragma once

#include <gst/gst.h>
#include "studio/show.h"

G_BEGIN_DECLS

typedef struct _PlenumPreviewWindow PlenumPreviewWindow;

/* Called when the operator confirmed closing the window. */
typedef void (*PlenumPreviewCloseFunc) (gpointer user_data);

/* Opens the window and taps `upstream` (transfer none). NULL with `error` set when there is
 * no display or SDL cannot start; the caller then runs headless. */
PlenumPreviewWindow *plenum_preview_window_new (GstBin *pipeline, GstElement *upstream,
                                                const PlenumShow *show,
                                                PlenumPreviewCloseFunc on_close,
                                                gpointer user_data, GError **error);
void plenum_preview_window_free (PlenumPreviewWindow *window);

/* Where the program continues after the tap (transfer none). */
GstElement *plenum_preview_window_passthrough (PlenumPreviewWindow *window);

G_END_DECLS

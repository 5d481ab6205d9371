/* slate.h — the picture shown in place of a source that has no signal.
 *
 * "Signal folgt" and the source's name on a dark background, drawn once and repeated by
 * imagefreeze: a slate costs almost nothing while it waits beneath its source.
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

/* Returns (transfer floating) a live bin with one always pad "src" giving I420 frames of the
 * given size and rate, or NULL with `error` set when an element is missing. */
GstElement *plenum_slate_new (const char *name, const char *label, int width, int height, int fps,
                              GError **error);

G_END_DECLS

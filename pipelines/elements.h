/* elements.h — making GStreamer elements, and reading a buffer's place on the clock.
 *
 * A missing element is a user's problem (a plugin package not installed), so it is an error
 * that names the element, never a crash.
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

/* Returns (transfer floating) the element, or NULL with `error` naming the missing factory. */
GstElement *plenum_element_make (const char *factory, const char *name, GError **error);

/* Makes several elements at once, all or none. Arguments come in pairs: a factory name
 * ("queue", or "matroskamux:mux" to also name it) and a GstElement ** that receives the
 * (floating) element; NULL ends the list. On failure nothing is left made. */
gboolean plenum_elements_make (GError **error, const char *factory, GstElement **element, ...)
    G_GNUC_NULL_TERMINATED;

/* Links a new request pad of `tee` to `sink` (transfer none); returns the tee's pad (transfer
 * full), to give back with gst_element_release_request_pad(), or NULL (nothing left behind). */
GstPad *plenum_link_from_tee (GstElement *tee, GstPad *sink);
/* The running time at which `buffer` starts on `pad`, from the pad's current segment, or
 * GST_CLOCK_TIME_NONE. */
GstClockTime plenum_buffer_running_time (GstPad *pad, GstBuffer *buffer);

G_END_DECLS

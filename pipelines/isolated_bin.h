/* isolated_bin.h — a bin whose failure stays inside it.
 *
 * A destination that refuses or drops must not stop the encoder or the other outputs. tee
 * hands a branch's flow error upstream, and a child's ERROR would fail the whole pipeline,
 * so this bin (1) turns every non-OK flow return on its ghost sink pads into OK (FLUSHING
 * too, unless the pad itself is flushing), remembering that it failed, and (2) turns a child's ERROR into an element message named
 * "plenum-isolated-error" (fields: "message", the error text, and "error", the GError, so
 * the application can tell a full disk from a refused connection) for the application, which
 * then replaces the bin. See ../shared/GSTREAMER-NOTES.md, "One failed output".
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

#define PLENUM_TYPE_ISOLATED_BIN (plenum_isolated_bin_get_type ())
G_DECLARE_FINAL_TYPE (PlenumIsolatedBin, plenum_isolated_bin, PLENUM, ISOLATED_BIN, GstBin)

#define PLENUM_ISOLATED_ERROR_MESSAGE "plenum-isolated-error"

/* (transfer floating) */
GstElement *plenum_isolated_bin_new (const char *name);

/* Ghosts `target` (transfer none) as sink pad `name`, with the flow error guard. */
void plenum_isolated_bin_add_sink (PlenumIsolatedBin *bin, const char *name, GstPad *target);

/* TRUE once any downstream flow error was swallowed. */
gboolean plenum_isolated_bin_has_failed (PlenumIsolatedBin *bin);
/* Bytes that entered through the sink pads since creation. */
guint64 plenum_isolated_bin_bytes_in (PlenumIsolatedBin *bin);

G_END_DECLS

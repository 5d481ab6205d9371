/* output_record.h — the crash-safe local recording.
 *
 * Matroska, written as it goes: after `kill -9` everything written before plays (measured in
 * ../shared/GSTREAMER-NOTES.md; plain MP4 would leave nothing). The file is
 * RUN_DIR/recording.mkv; when the output is rebuilt after an error (a full disk), each new
 * part gets its own file (recording-2.mkv, ...) so nothing already recorded is overwritten.
 */
#pragma once

#include <gst/gst.h>
#include "studio/show.h"

G_BEGIN_DECLS

/* Returns (transfer floating) a PlenumIsolatedBin with sink pads "video" and "audio". */
GstElement *plenum_output_record_build (const PlenumOutputConfig *output, const char *run_dir,
                                        guint part, GError **error);

/* The file a part is written to; (transfer full). */
char *plenum_output_record_path (const char *run_dir, guint part);

G_END_DECLS

/* metrics_file.h — metrics.jsonl: the show's status, one JSON line a second, in the run folder.
 *
 * The same object as GET /status, for the archive's report (bitrate per output, reconnects,
 * dropped frames over time). Each line is written whole with one write(2), so a crash leaves
 * every finished line readable; a reader skips a torn last line. Not fsynced: losing the last
 * seconds of statistics to a power cut is acceptable, stalling the main loop every second is
 * not. A full disk is reported once: the torn line is cut off and writing goes on when there
 * is space again (the report shows the gap). Any other failed write is reported once, then
 * the file is given up (the show goes on).
 */
#pragma once

#include <glib.h>
#include <cjson/cJSON.h>

G_BEGIN_DECLS

typedef struct _PlenumMetricsFile PlenumMetricsFile;

PlenumMetricsFile *plenum_metrics_file_open (const char *run_dir, GError **error);
/* FALSE with an error the first time a line cannot be written (again); TRUE after. */
gboolean plenum_metrics_file_append (PlenumMetricsFile *file, const cJSON *status,
                                     GError **error);
void plenum_metrics_file_close (PlenumMetricsFile *file);

G_END_DECLS

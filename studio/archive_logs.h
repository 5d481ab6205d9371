/* archive_logs.h — what the run's own logs add to the archive's facts.
 *
 * metrics.jsonl (one GET /status object a second, see metrics_file.h) gives bitrate,
 * reconnects and state per output and the dropped frames over time; questions.json gives the
 * question statistics. Both are read leniently: a torn last line (a crash) or a line that is
 * not what we wrote is skipped and counted in `problems`, never fatal.
 */
#pragma once

#include <glib.h>
#include "studio/archive_facts.h"

G_BEGIN_DECLS

/* `outputs` (element-type utf8 pairs "id", "kind", flattened; may be NULL) lists the show's
 * outputs in order, so one that never reported still has its row. */
void plenum_archive_read_metrics (const char *path, const GPtrArray *outputs,
                                  PlenumArchiveFacts *facts, GPtrArray *problems);
void plenum_archive_read_questions (const char *path, PlenumArchiveFacts *facts,
                                    GPtrArray *problems);

/* The same on the files' text (NUL-terminated), for tests and tests/fuzz; the metrics'
 * outputs must be in `facts` already when wanted. */
void plenum_archive_read_metrics_text (const char *text, PlenumArchiveFacts *facts,
                                       GPtrArray *problems);
void plenum_archive_read_questions_text (const char *text, PlenumArchiveFacts *facts,
                                         GPtrArray *problems);

G_END_DECLS

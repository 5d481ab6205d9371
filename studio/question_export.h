/* question_export.h — the Q&A log as a spreadsheet (CSV) for the archive and the press office.
 *
 * One row per message in arrival order: id, received (UTC), show time, source, credit as shown
 * on air (never a name the viewer did not agree to show), state, is_question, text. RFC 4180
 * quoting, UTF-8 with a BOM so spreadsheet programs read umlauts; a cell that a spreadsheet
 * would run as a formula (starting with = + - @) gets a leading apostrophe.
 */
#pragma once

#include <glib.h>

#include "studio/question_queue.h"

G_BEGIN_DECLS

/* (transfer full) */
char *plenum_question_queue_to_csv (const PlenumQuestionQueue *queue, gboolean show_names);
/* Writes the CSV to `path` atomically (temporary file, then rename). */
gboolean plenum_question_queue_save_csv (const PlenumQuestionQueue *queue, gboolean show_names,
                                         const char *path, GError **error);

G_END_DECLS

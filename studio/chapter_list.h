/* chapter_list.h — chapters.txt read back, and fitted to the recording that was kept.
 *
 * The show writes YouTube's chapter format ("0:00 TOP 1 Eröffnung", "1:02:03 …", see
 * agenda.h). For the archive the list must still hold for the recording as it is: a crash
 * may have cut it before the last marks, and YouTube shows chapters only when the first is at
 * 0:00 and each lasts at least 10 s.
 */
#pragma once

#include <glib.h>
#include "studio/archive_facts.h"

G_BEGIN_DECLS

/* Reads chapters.txt text into `facts->chapters` (start, end = the next start or
 * `duration_s`, title). A line that is not "[H:]M:SS title" is skipped and named in
 * `problems` (element-type utf8) with its line number; bytes of a title that are not UTF-8
 * become U+FFFD. Then fits them: chapters starting at
 * or after the end are dropped, the first starts at 0, a chapter shorter than 10 s is folded
 * into the one before (the last one too), and a first one that short gives way to the next,
 * which then starts at 0. */
void plenum_chapter_list_read (const char *text, double duration_s, PlenumArchiveFacts *facts,
                               GPtrArray *problems);

/* A chapter's start as YouTube writes it: "M:SS", or "H:MM:SS" when `with_hours` (every line
 * of a list that reaches an hour); (transfer full). The show's agenda writes it so too. */
char *plenum_chapter_time (guint64 seconds, gboolean with_hours);

/* The chapters in YouTube's format, one "\n"-terminated line each; (transfer full). */
char *plenum_chapter_list_text (const PlenumArchiveFacts *facts);

G_END_DECLS

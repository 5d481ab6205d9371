/* agenda.h — the session's agenda items and the chapter marks the operator sets.
 *
 * The show starts on the first item (a mark at 0). Each "next" moves on and marks a chapter
 * at that moment of the program. chapters.txt follows YouTube's format: one "M:SS title" line
 * per mark, the first at 0:00. Once the last mark is at an hour or later, every line uses
 * "H:MM:SS title" ("0:00:00", "0:12:05", "1:02:03"): YouTube accepts mixed forms, but one form
 * reads better. YouTube wants chapters at least 10 s apart: a mark less than 10 s after the
 * one before gives that chapter to the new item and keeps its start (the operator skipped an
 * item that had no content). Pure data, main context only.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PlenumAgenda PlenumAgenda;

#define PLENUM_AGENDA_MIN_CHAPTER_MS 10000

typedef enum {
  PLENUM_AGENDA_ERROR_EMPTY,    /* the show has no agenda */
  PLENUM_AGENDA_ERROR_AT_END,   /* already on the last item */
} PlenumAgendaError;
#define PLENUM_AGENDA_ERROR (plenum_agenda_error_quark ())
GQuark plenum_agenda_error_quark (void);

/* `items` (element-type utf8, transfer none) must outlive the agenda. When not empty, the
 * agenda is on item 0 with a mark at 0 ms. */
PlenumAgenda *plenum_agenda_new (const GPtrArray *items);
void plenum_agenda_free (PlenumAgenda *agenda);

guint plenum_agenda_length (const PlenumAgenda *agenda);
/* Index of the current item, or -1 for an empty agenda. */
int plenum_agenda_current (const PlenumAgenda *agenda);
/* Item `index` (transfer none), or NULL when out of range. */
const char *plenum_agenda_item (const PlenumAgenda *agenda, int index);

/* Moves to the next item and marks a chapter at `at_ms` (program time; an earlier time than
 * the last mark counts as the last mark's). FALSE with an error when the agenda is empty or
 * already at its last item. */
gboolean plenum_agenda_next (PlenumAgenda *agenda, gint64 at_ms, GError **error);

/* The chapters, one line each, "\n"-terminated; "" for an empty agenda; (transfer full). */
char *plenum_agenda_chapters_text (const PlenumAgenda *agenda);
/* Writes plenum_agenda_chapters_text() to `path` atomically. */
gboolean plenum_agenda_save_chapters (const PlenumAgenda *agenda, const char *path,
                                      GError **error);

G_END_DECLS

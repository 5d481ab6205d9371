#include "studio/agenda.h"

#include "studio/chapter_list.h"

G_DEFINE_QUARK (plenum-agenda-error-quark, plenum_agenda_error)

#define HOUR_MS (60 * 60 * 1000)

typedef struct {
  gint64 start_ms;
  guint item;
} Chapter;

struct _PlenumAgenda {
  const GPtrArray *items;   /* borrowed */
  int current;              /* -1 when there are no items */
  GArray *chapters;         /* Chapter, in program order; empty when there are no items */
};

PlenumAgenda *
plenum_agenda_new (const GPtrArray *items)
{
  PlenumAgenda *agenda;

  g_return_val_if_fail (items != NULL, NULL);

  agenda = g_new0 (PlenumAgenda, 1);
  agenda->items = items;
  agenda->chapters = g_array_new (FALSE, FALSE, sizeof (Chapter));
  agenda->current = items->len > 0 ? 0 : -1;
  if (items->len > 0) {
    Chapter first = { .start_ms = 0, .item = 0 };
    g_array_append_val (agenda->chapters, first);
  }
  return agenda;
}

void
plenum_agenda_free (PlenumAgenda *agenda)
{
  if (agenda == NULL)
    return;
  g_array_unref (agenda->chapters);
  g_free (agenda);
}

guint
plenum_agenda_length (const PlenumAgenda *agenda)
{
  g_return_val_if_fail (agenda != NULL, 0);
  return agenda->items->len;
}

int
plenum_agenda_current (const PlenumAgenda *agenda)
{
  g_return_val_if_fail (agenda != NULL, -1);
  return agenda->current;
}

const char *
plenum_agenda_item (const PlenumAgenda *agenda, int index)
{
  g_return_val_if_fail (agenda != NULL, NULL);
  if (index < 0 || (guint) index >= agenda->items->len)
    return NULL;
  return g_ptr_array_index ((GPtrArray *) agenda->items, index);
}

gboolean
plenum_agenda_next (PlenumAgenda *agenda, gint64 at_ms, GError **error)
{
  Chapter *last;

  g_return_val_if_fail (agenda != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (agenda->current < 0) {
    g_set_error_literal (error, PLENUM_AGENDA_ERROR, PLENUM_AGENDA_ERROR_EMPTY,
                         "the show has no agenda");
    return FALSE;
  }
  if ((guint) agenda->current + 1 >= agenda->items->len) {
    g_set_error (error, PLENUM_AGENDA_ERROR, PLENUM_AGENDA_ERROR_AT_END,
                 "already at the last agenda item (%u of %u)", agenda->items->len,
                 agenda->items->len);
    return FALSE;
  }

  agenda->current++;
  last = &g_array_index (agenda->chapters, Chapter, agenda->chapters->len - 1);
  /* A time before the last mark (a clock hiccup) counts as that mark's; this also keeps the
   * subtraction below from overflowing. */
  at_ms = MAX (at_ms, last->start_ms);
  /* The item being left was skipped, so it had no content of its own: the new item takes
   * over its start rather than moving it, which keeps the first chapter at 0:00. */
  if (at_ms - last->start_ms < PLENUM_AGENDA_MIN_CHAPTER_MS) {
    last->item = agenda->current;
  } else {
    Chapter chapter = { .start_ms = at_ms, .item = agenda->current };
    g_array_append_val (agenda->chapters, chapter);
  }
  return TRUE;
}

static void
append_time (GString *text, gint64 ms, gboolean with_hours)
{
  g_autofree char *time = plenum_chapter_time ((guint64) MAX (ms, 0) / 1000, with_hours);
  g_string_append (text, time);
}

char *
plenum_agenda_chapters_text (const PlenumAgenda *agenda)
{
  GString *text;
  gboolean with_hours;

  g_return_val_if_fail (agenda != NULL, NULL);

  text = g_string_new ("");
  if (agenda->chapters->len == 0)
    return g_string_free (text, FALSE);
  with_hours = g_array_index (agenda->chapters, Chapter,
                              agenda->chapters->len - 1).start_ms >= HOUR_MS;
  for (guint i = 0; i < agenda->chapters->len; i++) {
    const Chapter *chapter = &g_array_index (agenda->chapters, Chapter, i);
    gsize title_start;

    append_time (text, chapter->start_ms, with_hours);
    g_string_append_c (text, ' ');
    title_start = text->len;
    g_string_append (text, plenum_agenda_item (agenda, chapter->item));
    /* One chapter per line: a line break inside a title would start a bogus chapter. */
    g_strdelimit (text->str + title_start, "\r\n", ' ');
    g_string_append_c (text, '\n');
  }
  return g_string_free (text, FALSE);
}

gboolean
plenum_agenda_save_chapters (const PlenumAgenda *agenda, const char *path, GError **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (agenda != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = plenum_agenda_chapters_text (agenda);
  /* g_file_set_contents() writes a temporary file and renames it over `path`. */
  return g_file_set_contents (path, text, -1, error);
}

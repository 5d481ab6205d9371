#include "studio/chapter_list.h"

#include <stdlib.h>
#include <string.h>
#include "studio/agenda.h"

#define MIN_CHAPTER_S (PLENUM_AGENDA_MIN_CHAPTER_MS / 1000.0)

/* "[H:]M:SS title" → seconds and title; FALSE when the line is not one. */
static gboolean
parse_line (const char *line, double *seconds, const char **title)
{
  guint64 parts[3];
  int count = 0;
  const char *p = line;

  while (count < 3) {
    char *end;
    if (!g_ascii_isdigit (*p))
      return FALSE;
    parts[count++] = g_ascii_strtoull (p, &end, 10);
    if (end - p > 2 && count > 1)
      return FALSE;
    p = end;
    if (*p != ':')
      break;
    p++;
  }
  if (count < 2 || *p != ' ' || parts[count - 1] > 59 || (count == 3 && parts[1] > 59))
    return FALSE;
  while (*p == ' ')
    p++;
  if (*p == '\0')
    return FALSE;
  *seconds = count == 3 ? (double) (parts[0] * 3600 + parts[1] * 60 + parts[2])
      : (double) (parts[0] * 60 + parts[1]);
  *title = p;
  return TRUE;
}

static void
fit (PlenumArchiveFacts *facts, double duration_s, GPtrArray *problems)
{
  GPtrArray *chapters = facts->chapters;

  while (chapters->len > 0 &&
         ((PlenumChapterFacts *) g_ptr_array_index (chapters, chapters->len - 1))->start_s >= duration_s)
    g_ptr_array_remove_index (chapters, chapters->len - 1);
  if (chapters->len == 0)
    return;
  ((PlenumChapterFacts *) g_ptr_array_index (chapters, 0))->start_s = 0;
  for (guint i = 0; i < chapters->len; i++) {
    PlenumChapterFacts *chapter = g_ptr_array_index (chapters, i);
    chapter->end_s = i + 1 < chapters->len
        ? ((PlenumChapterFacts *) g_ptr_array_index (chapters, i + 1))->start_s : duration_s;
  }
  /* Too short: its time goes to the chapter before (for the first one, see below). */
  for (guint i = chapters->len; i-- > 1;) {
    PlenumChapterFacts *chapter = g_ptr_array_index (chapters, i);
    if (chapter->end_s - chapter->start_s < MIN_CHAPTER_S) {
      g_ptr_array_add (problems, g_strdup_printf ("chapters.txt: \"%s\" lasts %.0f s in the "
                                                  "recording, under YouTube's %.0f s: joined to "
                                                  "the chapter before", chapter->title,
                                                  chapter->end_s - chapter->start_s, MIN_CHAPTER_S));
      ((PlenumChapterFacts *) g_ptr_array_index (chapters, i - 1))->end_s = chapter->end_s;
      g_ptr_array_remove_index (chapters, i);
    }
  }
  /* A first chapter that short (two at 0:00, say) gives its start to the next, as the agenda
   * does when an item is skipped: the list must still begin at 0:00. */
  if (chapters->len > 1) {
    PlenumChapterFacts *first = g_ptr_array_index (chapters, 0);
    if (first->end_s - first->start_s < MIN_CHAPTER_S) {
      g_ptr_array_add (problems, g_strdup_printf ("chapters.txt: \"%s\" lasts %.0f s in the "
                                                  "recording, under YouTube's %.0f s: the next "
                                                  "chapter starts at 0:00 instead", first->title,
                                                  first->end_s - first->start_s, MIN_CHAPTER_S));
      ((PlenumChapterFacts *) g_ptr_array_index (chapters, 1))->start_s = 0;
      g_ptr_array_remove_index (chapters, 0);
    }
  }
}

void
plenum_chapter_list_read (const char *text, double duration_s, PlenumArchiveFacts *facts,
                          GPtrArray *problems)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  double last = -1;

  for (guint i = 0; lines[i] != NULL; i++) {
    char *line = g_strstrip (lines[i]);
    double start;
    const char *title;
    g_autofree char *valid_title = NULL;

    if (*line == '\0')
      continue;
    if (!parse_line (line, &start, &title) || start < last) {
      g_ptr_array_add (problems, g_strdup_printf ("chapters.txt: line %u is not \"M:SS title\" "
                                                  "after the line before; left out", i + 1));
      continue;
    }
    last = start;
    /* An editor may have saved it in another encoding: the title goes into the report, the
     * MKV and YouTube, which all need UTF-8. */
    valid_title = g_utf8_make_valid (title, -1);
    plenum_archive_facts_add_chapter (facts, start, start, valid_title);
  }
  fit (facts, duration_s, problems);
}

char *
plenum_chapter_time (guint64 s, gboolean hours)
{
  if (hours)
    return g_strdup_printf ("%" G_GUINT64_FORMAT ":%02u:%02u", s / 3600, (guint) (s / 60 % 60),
                            (guint) (s % 60));
  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%02u", s / 60, (guint) (s % 60));
}

char *
plenum_chapter_list_text (const PlenumArchiveFacts *facts)
{
  GString *text = g_string_new (NULL);
  const GPtrArray *chapters = facts->chapters;
  gboolean hours = chapters->len > 0 &&
      ((PlenumChapterFacts *) g_ptr_array_index (chapters, chapters->len - 1))->start_s >= 3600;

  for (guint i = 0; i < chapters->len; i++) {
    const PlenumChapterFacts *chapter = g_ptr_array_index (chapters, i);
    g_autofree char *time = plenum_chapter_time ((guint64) chapter->start_s, hours);
    g_string_append_printf (text, "%s %s\n", time, chapter->title);
  }
  return g_string_free (text, FALSE);
}

#include "studio/question_export.h"

#include <string.h>

#include "studio/question_credit.h"

static void
append_cell (GString *row, const char *text, gboolean last)
{
  const char *cell = text ? text : "";

  g_string_append_c (row, '"');
  if (strchr ("=+-@", cell[0]) != NULL && cell[0] != '\0')
    g_string_append_c (row, '\'');
  for (const char *c = cell; *c != '\0'; c++) {
    if (*c == '"')
      g_string_append_c (row, '"');
    g_string_append_c (row, *c);
  }
  g_string_append (row, last ? "\"\r\n" : "\",");
}

static char *
format_utc (gint64 unix_ms)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_unix_utc (unix_ms / 1000);
  return time ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
}

/* "1:02:03" on the show's timeline, "" when unknown. */
static char *
format_show_time (gint64 show_time_ms)
{
  gint64 s = show_time_ms / 1000;

  if (show_time_ms < 0)
    return g_strdup ("");
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", s / 3600, (int) (s / 60 % 60),
                          (int) (s % 60));
}

char *
plenum_question_queue_to_csv (const PlenumQuestionQueue *queue, gboolean show_names)
{
  GString *csv = g_string_new ("\xEF\xBB\xBF");

  g_return_val_if_fail (queue != NULL, NULL);
  g_string_append (csv, "id,received_utc,show_time,source,credit,state,is_question,text\r\n");
  for (guint i = 0; i < plenum_question_queue_length (queue); i++) {
    const PlenumQuestion *q = plenum_question_queue_get (queue, i);
    g_autofree char *received = format_utc (q->received_unix_ms);
    g_autofree char *show_time = format_show_time (q->show_time_ms);
    g_autofree char *credit = plenum_question_credit (q, show_names);

    append_cell (csv, q->id, FALSE);
    append_cell (csv, received, FALSE);
    append_cell (csv, show_time, FALSE);
    append_cell (csv, q->source, FALSE);
    append_cell (csv, credit, FALSE);
    append_cell (csv, plenum_question_state_to_string (q->state), FALSE);
    append_cell (csv, q->is_question ? "yes" : "no", FALSE);
    append_cell (csv, q->text, TRUE);
  }
  return g_string_free (csv, FALSE);
}

gboolean
plenum_question_queue_save_csv (const PlenumQuestionQueue *queue, gboolean show_names,
                                const char *path, GError **error)
{
  g_autofree char *csv = plenum_question_queue_to_csv (queue, show_names);
  return g_file_set_contents_full (path, csv, -1,
                                  G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                  0644, error);
}

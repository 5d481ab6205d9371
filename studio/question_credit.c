#include "studio/question_credit.h"

#include <string.h>

#define SHORT_NAME_MAX_CHARS 24

const char *
plenum_question_channel_label (const char *source)
{
  static const struct { const char *source, *label; } labels[] = {
    { "youtube", "YouTube" }, { "facebook", "Facebook" }, { "form", "Webformular" },
  };

  for (guint i = 0; source != NULL && i < G_N_ELEMENTS (labels); i++)
    if (strcmp (source, labels[i].source) == 0)
      return labels[i].label;
  return NULL;
}

char *
plenum_question_short_name (const char *author)
{
  g_auto (GStrv) words = NULL;
  g_autofree char *name = NULL;
  guint count;

  if (author == NULL || !g_utf8_validate (author, -1, NULL))
    return NULL;
  words = g_strsplit_set (author, " \t\n", -1);
  /* Drop the empty pieces that runs of spaces leave. */
  count = 0;
  for (guint i = 0; words[i] != NULL; i++) {
    if (*words[i] != '\0')
      words[count++] = words[i];
    else
      g_free (words[i]);
  }
  words[count] = NULL;
  if (count == 0)
    return NULL;
  if (count == 1) {
    name = g_strdup (words[0]);
  } else {
    const char *last = words[count - 1];
    g_autofree char *initial = g_utf8_substring (last, 0, 1);
    name = g_strdup_printf ("%s %s.", words[0], initial);
  }
  if (g_utf8_strlen (name, -1) > SHORT_NAME_MAX_CHARS) {
    g_autofree char *cut = g_utf8_substring (name, 0, SHORT_NAME_MAX_CHARS - 1);
    return g_strconcat (cut, "…", NULL);
  }
  return g_steal_pointer (&name);
}

char *
plenum_question_credit (const PlenumQuestion *question, gboolean show_names)
{
  const char *channel;
  g_autofree char *name = NULL;

  g_return_val_if_fail (question != NULL, NULL);
  channel = plenum_question_channel_label (question->source);
  if (question->show_name || show_names)
    name = plenum_question_short_name (question->author);
  if (name && channel)
    return g_strdup_printf ("Frage von %s via %s", name, channel);
  if (name)
    return g_strdup_printf ("Frage von %s", name);
  if (channel)
    return g_strdup_printf ("Frage via %s", channel);
  return g_strdup ("Frage");
}

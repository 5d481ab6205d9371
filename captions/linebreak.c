#include "captions/linebreak.h"

static void
finish_line (GPtrArray *lines, GString *line)
{
  if (line->len > 0)
    g_ptr_array_add (lines, g_strdup (line->str));
  g_string_truncate (line, 0);
}

char *
plenum_caption_break_lines (const char *text, guint max_chars, guint max_lines)
{
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) words = g_strsplit_set (text ? text : "", " \t\r\n", -1);
  g_autoptr (GString) line = g_string_new (NULL);
  guint line_chars = 0;

  g_return_val_if_fail (max_chars > 0 && max_lines > 0, NULL);
  for (guint i = 0; words[i]; i++) {
    const char *word = words[i];
    glong word_chars = g_utf8_strlen (word, -1);

    if (word_chars == 0)
      continue;
    if (line_chars > 0 && line_chars + 1 + word_chars <= max_chars) {
      g_string_append_c (line, ' ');
      g_string_append (line, word);
      line_chars += 1 + word_chars;
      continue;
    }
    finish_line (lines, line);
    line_chars = 0;
    /* Only a word longer than a whole line is split, in line-sized pieces. */
    while ((guint) word_chars > max_chars) {
      const char *cut = g_utf8_offset_to_pointer (word, max_chars);
      g_ptr_array_add (lines, g_strndup (word, cut - word));
      word = cut;
      word_chars -= max_chars;
    }
    g_string_append (line, word);
    line_chars = word_chars;
  }
  finish_line (lines, line);

  {
    guint first = lines->len > max_lines ? lines->len - max_lines : 0;
    GString *out = g_string_new (NULL);
    for (guint i = first; i < lines->len; i++) {
      if (out->len)
        g_string_append_c (out, '\n');
      g_string_append (out, g_ptr_array_index (lines, i));
    }
    return g_string_free (out, FALSE);
  }
}

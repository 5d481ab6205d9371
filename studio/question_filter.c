#include "studio/question_filter.h"

#include <string.h>

struct _PlenumQuestionFilter {
  GPtrArray *words;   /* casefolded, NFKC-normalised, owned */
  GRegex *link;       /* NULL when links are let through */
};

/* A scheme ("https://", "rtmp://"), "www.", or a host name ending in a top-level domain that
 * link spammers use; the list keeps "z.B." and a missing space after a full stop ("Haushalt.
 * Frage") from counting as links. */
static const char link_pattern[] =
    "(?i)(\\b[a-z][a-z0-9+.-]*://|\\bwww\\.|"
    "\\b[a-z0-9-]+(\\.[a-z0-9-]+)*\\.(com|net|org|de|eu|info|io|ly|me|tv|gl|co|be|at|ch|uk|us|"
    "biz|xyz|app|link|site|online|shop|gg|to|cc|ru|cn|top|click|live)\\b)";

static char *
fold (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  return g_utf8_casefold (normal ? normal : "", -1);
}

PlenumQuestionFilter *
plenum_question_filter_new (const char *const *block_words, gboolean hold_links)
{
  PlenumQuestionFilter *filter = g_new0 (PlenumQuestionFilter, 1);

  filter->words = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; block_words != NULL && block_words[i] != NULL; i++) {
    g_autofree char *word = g_strstrip (g_strdup (block_words[i]));
    if (*word != '\0' && g_utf8_validate (word, -1, NULL))
      g_ptr_array_add (filter->words, fold (word));
  }
  if (hold_links)
    filter->link = g_regex_new (link_pattern, G_REGEX_OPTIMIZE, 0, NULL);
  return filter;
}

void
plenum_question_filter_free (PlenumQuestionFilter *filter)
{
  if (filter == NULL)
    return;
  g_ptr_array_unref (filter->words);
  if (filter->link)
    g_regex_unref (filter->link);
  g_free (filter);
}

/* A letter or digit on either side would make the match part of a longer word ("Arsch" in
 * "Marschplan" is not the block word). */
static gboolean
is_word_edge (const char *text, const char *at, gboolean before)
{
  const char *neighbour;

  if (before) {
    if (at == text)
      return TRUE;
    neighbour = g_utf8_prev_char (at);
  } else {
    if (*at == '\0')
      return TRUE;
    neighbour = at;
  }
  return !g_unichar_isalnum (g_utf8_get_char (neighbour));
}

static gboolean
contains_word (const char *folded, const char *word)
{
  gsize length = strlen (word);

  for (const char *at = strstr (folded, word); at != NULL; at = strstr (at + 1, word))
    if (is_word_edge (folded, at, TRUE) && is_word_edge (folded, at + length, FALSE))
      return TRUE;
  return FALSE;
}

const char *
plenum_question_filter_check (const PlenumQuestionFilter *filter, const char *text)
{
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (filter->link && g_regex_match (filter->link, text, 0, NULL))
    return "link";
  if (filter->words->len > 0) {
    g_autofree char *folded = fold (text);
    for (guint i = 0; i < filter->words->len; i++)
      if (contains_word (folded, g_ptr_array_index (filter->words, i)))
        return "block word";
  }
  return NULL;
}

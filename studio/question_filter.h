/* question_filter.h — which viewer messages wait for the operator before anything else.
 *
 * A message is held when it contains a word from the show's block list (whole words,
 * case-insensitive, umlauts and ß folded as Unicode casefolding does) or, when links are
 * held, anything that looks like a link (a scheme, "www.", or a domain such as
 * "example.com/…"). Held messages are never shown by accident; the operator approves or
 * rejects them. Pure: no I/O.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PlenumQuestionFilter PlenumQuestionFilter;

/* `block_words` may be NULL (no words); each entry is one word or phrase (copied). */
PlenumQuestionFilter *plenum_question_filter_new (const char *const *block_words,
                                                  gboolean hold_links);
void plenum_question_filter_free (PlenumQuestionFilter *filter);

/* Why `text` (valid UTF-8) must be held — "link" or "block word" — or NULL to let it in.
 * The word that matched is never part of the answer: logs stay free of it. */
const char *plenum_question_filter_check (const PlenumQuestionFilter *filter, const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlenumQuestionFilter, plenum_question_filter_free)

G_END_DECLS

/* question_credit.h — who asked, as the program shows it under a question on air.
 *
 * By default only the channel: "Frage via YouTube". A name appears only when the viewer agreed
 * (the web form's consent box) or the show file says names may be shown, and then only the
 * first name and the initial of the last ("Frage von Ada L. via YouTube"). Pure.
 */
#pragma once

#include <glib.h>

#include "studio/question_queue.h"

G_BEGIN_DECLS

/* "YouTube", "Facebook", "Webformular", or NULL for the operator's own entries. */
const char *plenum_question_channel_label (const char *source);

/* First name and initial of `author` ("Ada Lovelace" → "Ada L.", "Joe" → "Joe"), at most 24
 * characters; NULL when nothing is left (transfer full). */
char *plenum_question_short_name (const char *author);

/* The attribution line (transfer full). `show_names`: the show file allows names for all. */
char *plenum_question_credit (const PlenumQuestion *question, gboolean show_names);

G_END_DECLS

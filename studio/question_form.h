/* question_form.h — the web form where citizens without a platform account ask a question.
 *
 * A libsoup-3 server on the GLib main context that serves one plain HTML form (German, or
 * English by ?lang=en or Accept-Language), works without JavaScript and loads nothing from
 * elsewhere. It promises: every echoed value is HTML-escaped; a body over
 * PLENUM_QUESTION_FORM_MAX_BODY bytes is refused (413) before it is read; the text is valid
 * UTF-8, without control characters except '\n', trimmed, 1 to PLENUM_QUESTION_FORM_MAX_CHARS
 * characters; the name at most PLENUM_QUESTION_FORM_MAX_NAME_CHARS; each client address gets
 * at most one accepted question per PLENUM_QUESTION_FORM_MIN_INTERVAL_S seconds and
 * PLENUM_QUESTION_FORM_MAX_PER_HOUR an hour (429 with Retry-After beyond), with at most
 * PLENUM_QUESTION_FORM_MAX_CLIENTS addresses remembered. The log names the client address,
 * never the question or the name.
 *
 * Routes: GET / (and /ask) the form, POST / (and /ask) a submission, GET /thanks the
 * thank-you page after a 303; anything else 404, other methods 405 with Allow.
 */
#pragma once

#include <glib.h>
#include "studio/question_form_page.h"

G_BEGIN_DECLS

#define PLENUM_QUESTION_FORM_MAX_BODY 8192
#define PLENUM_QUESTION_FORM_MAX_CHARS 500
#define PLENUM_QUESTION_FORM_MAX_NAME_CHARS 60
#define PLENUM_QUESTION_FORM_MIN_INTERVAL_S 15
#define PLENUM_QUESTION_FORM_MAX_PER_HOUR 10
#define PLENUM_QUESTION_FORM_MAX_CLIENTS 4096

typedef struct _PlenumQuestionForm PlenumQuestionForm;

/* Called on the main context for each accepted submission. Returns TRUE when the question was
 * taken (or was a duplicate: say thanks anyway), FALSE with `error` when the queue refused it;
 * the page then shows error->message. `author` is NULL when none was given. */
typedef gboolean (*PlenumQuestionFormSubmit) (const char *author, gboolean show_name,
                                              const char *text, gpointer user_data,
                                              GError **error);

/* Listens on `listen` ("host:port": an IPv4 address, "localhost" or "[IPv6]"; port 0 picks a
 * free one). `title` is the show's name, shown above the heading (may be NULL). NULL with
 * `error` naming the address when it is malformed or cannot be bound. */
PlenumQuestionForm *plenum_question_form_new (const char *listen, const char *title,
                                              PlenumQuestionFormSubmit submit,
                                              gpointer user_data, GError **error);
void plenum_question_form_free (PlenumQuestionForm *form);

/* The port actually listened on. */
guint plenum_question_form_port (PlenumQuestionForm *form);

/* Replaces the per-address limits (defaults PLENUM_QUESTION_FORM_MIN_INTERVAL_S and
 * PLENUM_QUESTION_FORM_MAX_PER_HOUR); 0 turns that limit off. */
void plenum_question_form_set_rate_limit (PlenumQuestionForm *form, guint min_interval_s,
                                          guint max_per_hour);

/* A POST body (application/x-www-form-urlencoded) as the form reads it, before any limit is
 * checked: `text` from "question" (CR LF and lone CR made '\n') and `name` from "name" (one
 * line), other control characters made spaces, trimmed, "" when absent (transfer full);
 * `show_name` when "show_name" is "on", "1" or "yes"; `language` changed when "lang" is "de"
 * or "en". FALSE, with `text` and `name` NULL, when the body is no form body or a field is not
 * UTF-8 once decoded (and `show_name` FALSE). Pure, for tests and tests/fuzz. */
gboolean plenum_question_form_read_body (const char *body, gsize length,
                                         PlenumFormLanguage *language, char **text,
                                         char **name, gboolean *show_name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlenumQuestionForm, plenum_question_form_free)

G_END_DECLS

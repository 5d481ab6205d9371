/* question_desk.h — every way viewers' questions come in: the platforms' chats and the form.
 *
 * Starts a chat poller for each platform in the show file (YouTube live chat, Facebook live
 * comments) and the web form, and puts what they bring into the studio's question queue
 * (source, author, text, the moment on the show's timeline). Messages a platform withdraws
 * are rejected in the queue. What the collectors report (rate limits, chat ended, a bad
 * token) goes to the log. Main context only.
 */
#pragma once

#include <glib.h>

#include "studio/log.h"
#include "studio/show.h"
#include "studio/studio.h"

G_BEGIN_DECLS

typedef struct _PlenumQuestionDesk PlenumQuestionDesk;

/* Fails only when the web form cannot listen on its address (the operator asked for it);
 * `studio` and `log` are borrowed and must outlive the desk. */
PlenumQuestionDesk *plenum_question_desk_new (const PlenumQuestionsConfig *config,
                                              PlenumStudio *studio, PlenumLog *log,
                                              GError **error);
void plenum_question_desk_free (PlenumQuestionDesk *desk);

G_END_DECLS

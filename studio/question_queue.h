/* question_queue.h — viewers' questions, one moderated list across every channel.
 *
 * Questions arrive from the platforms' collectors, the web form or the operator; the operator
 * moves each through  new (or held) → approved | rejected → on_air → answered.  At most one
 * question is on air: putting another on air marks the previous one answered. Pure data, no
 * GStreamer and no I/O except plenum_question_queue_save(). Not thread-safe: use it from the
 * main context only.
 */
#pragma once

#include <cjson/cJSON.h>
#include <glib.h>

#include "studio/question_filter.h"

G_BEGIN_DECLS

typedef enum {
  PLENUM_QUESTION_NEW,
  PLENUM_QUESTION_HELD,        /* a filter matched (block word, link); the operator decides */
  PLENUM_QUESTION_APPROVED,
  PLENUM_QUESTION_REJECTED,
  PLENUM_QUESTION_ON_AIR,
  PLENUM_QUESTION_ANSWERED,
} PlenumQuestionState;

typedef struct {
  char *id;                 /* "q1", "q2", … in arrival order; never reused */
  char *source;             /* "youtube", "facebook", "form", "operator" */
  char *author;             /* as received; may be NULL. Never shown on screen unless show_name */
  gboolean show_name;       /* the author agreed to be named on screen */
  char *text;               /* plain text, as received (valid UTF-8) */
  gint64 received_unix_ms;  /* wall clock */
  gint64 show_time_ms;      /* since the show started; -1 if unknown */
  gboolean is_question;     /* classified as a likely question ("?", "Frage", "Q:", …) */
  PlenumQuestionState state;
  const char *held_reason;  /* why it arrived held ("link", "block word"), or NULL; static */
  char *external_id;        /* the platform's message id, or NULL */
} PlenumQuestion;

typedef enum {
  PLENUM_QUESTION_ERROR_UNKNOWN_ID,   /* no question has that id */
  PLENUM_QUESTION_ERROR_TRANSITION,   /* that state cannot follow the current one */
  PLENUM_QUESTION_ERROR_INVALID,      /* empty or too long text, unknown state name */
  PLENUM_QUESTION_ERROR_FULL,         /* the cap is reached by questions the queue must keep */
} PlenumQuestionError;
#define PLENUM_QUESTION_ERROR (plenum_question_error_quark ())
GQuark plenum_question_error_quark (void);

#define PLENUM_QUESTION_MAX_CHARS 500

typedef struct _PlenumQuestionQueue PlenumQuestionQueue;

#define PLENUM_QUESTION_QUEUE_DEFAULT_CAP 5000

PlenumQuestionQueue *plenum_question_queue_new (void);
void plenum_question_queue_free (PlenumQuestionQueue *queue);

/* Messages the filter matches arrive HELD instead of NEW (transfer full; NULL: none). */
void plenum_question_queue_set_filter (PlenumQuestionQueue *queue, PlenumQuestionFilter *filter);
/* The queue keeps at most `cap` messages (default PLENUM_QUESTION_QUEUE_DEFAULT_CAP), so a
 * flooded chat cannot grow it without end. When full, the oldest messages still waiting or
 * rejected (new, held, rejected) make room, chat that is no question first; approved, on air
 * and answered questions are never dropped. When nothing can make room, the newcomer is. */
void plenum_question_queue_set_cap (PlenumQuestionQueue *queue, guint cap);
/* How many messages were dropped to keep within the cap. */
guint64 plenum_question_queue_dropped (const PlenumQuestionQueue *queue);

/* Adds a question (all strings copied). Returns it (transfer none, valid until the queue is
 * freed or the question is dropped for the cap: hold ids, not pointers), or NULL when the same author already sent the same text (a duplicate; no error), or NULL
 * with PLENUM_QUESTION_ERROR_FULL when the queue is full of questions it must keep (the
 * newcomer is dropped and counted in _dropped), or
 * NULL with `error` for empty text or text over PLENUM_QUESTION_MAX_CHARS characters. */
const PlenumQuestion *plenum_question_queue_add (PlenumQuestionQueue *queue, const char *source,
                                                 const char *author, gboolean show_name,
                                                 const char *text, gint64 show_time_ms,
                                                 GError **error);

/* Moves question `id` to `state`. Allowed: new|held → approved|rejected; approved → on_air|
 * rejected; rejected → approved; on_air → answered|approved (taken off air unanswered);
 * answered → on_air (again). Anything else is PLENUM_QUESTION_ERROR_TRANSITION. */
gboolean plenum_question_queue_set_state (PlenumQuestionQueue *queue, const char *id,
                                          PlenumQuestionState state, GError **error);

/* Remembers the platform's id of question `id`, so the platform can withdraw it later. */
void plenum_question_queue_set_external_id (PlenumQuestionQueue *queue, const char *id,
                                            const char *external_id);
/* The platform deleted its message `external_id` (a chat moderator removed it): a question
 * still waiting or approved becomes rejected. Returns it (transfer none), or NULL when unknown
 * or already further along (on air, answered: the operator decides). */
const PlenumQuestion *plenum_question_queue_withdraw (PlenumQuestionQueue *queue,
                                                      const char *source,
                                                      const char *external_id);

guint plenum_question_queue_length (const PlenumQuestionQueue *queue);
/* In arrival order (transfer none). */
const PlenumQuestion *plenum_question_queue_get (const PlenumQuestionQueue *queue, guint index);
const PlenumQuestion *plenum_question_queue_find (const PlenumQuestionQueue *queue, const char *id);
/* The question on air, or NULL. */
const PlenumQuestion *plenum_question_queue_on_air (const PlenumQuestionQueue *queue);
/* How many questions are in `state`. */
guint plenum_question_queue_count (const PlenumQuestionQueue *queue, PlenumQuestionState state);

/* "new", "held", "approved", "rejected", "on_air", "answered". */
const char *plenum_question_state_to_string (PlenumQuestionState state);
/* FALSE for an unknown name. */
gboolean plenum_question_state_from_string (const char *name, PlenumQuestionState *state);

/* TRUE for text that looks like a question (ends with "?", starts with "Frage", "Q:", …). */
gboolean plenum_question_looks_like_question (const char *text);

/* The name to show on screen: the author when show_name and an author exist, else a stable
 * pseudonym derived from the source and author ("Zuschauer·in 4F2A" style, the same for the
 * same author all show long, never revealing the name); (transfer full). */
char *plenum_question_display_name (const PlenumQuestion *question);

/* Every question as a JSON array of objects: id, source, author, show_name, text,
 * received (ISO 8601 UTC), show_time_ms, is_question, state; (transfer full). */
cJSON *plenum_question_queue_to_json (const PlenumQuestionQueue *queue);
/* Writes the JSON array to `path` atomically (temporary file, then rename). */
gboolean plenum_question_queue_save (const PlenumQuestionQueue *queue, const char *path,
                                     GError **error);

G_END_DECLS

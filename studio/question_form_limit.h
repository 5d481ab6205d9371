/* question_form_limit.h — how often one client of the question form may ask (private to
 * question_form.c; the clock is a parameter, so tests need not wait).
 *
 * Counts accepted questions per key (a client address): at most one per `min_interval_s`
 * seconds and `max_per_hour` within any hour. Remembers at most `max_clients` keys,
 * forgetting the one whose last question is oldest, so memory stays bounded whoever asks.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PlenumQuestionFormLimit PlenumQuestionFormLimit;

/* 0 turns a limit off. */
PlenumQuestionFormLimit *plenum_question_form_limit_new (guint min_interval_s,
                                                         guint max_per_hour, guint max_clients);
void plenum_question_form_limit_free (PlenumQuestionFormLimit *limit);
void plenum_question_form_limit_set (PlenumQuestionFormLimit *limit, guint min_interval_s,
                                     guint max_per_hour);

/* The seconds (rounded up) `key` must wait at `now_us` (monotonic microseconds) before
 * another question is accepted, 0 when it need not; `*hourly` is TRUE when the hourly limit
 * (rather than the interval) is why. */
guint plenum_question_form_limit_wait (PlenumQuestionFormLimit *limit, const char *key,
                                       gint64 now_us, gboolean *hourly);
/* Counts an accepted question from `key` at `now_us`. */
void plenum_question_form_limit_record (PlenumQuestionFormLimit *limit, const char *key,
                                        gint64 now_us);
/* How many keys are remembered. */
guint plenum_question_form_limit_size (const PlenumQuestionFormLimit *limit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlenumQuestionFormLimit, plenum_question_form_limit_free)

G_END_DECLS

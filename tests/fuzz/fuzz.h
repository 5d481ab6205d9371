/* fuzz.h — what every libFuzzer target in tests/fuzz shares (README.md here).
 *
 * A target hands libFuzzer's bytes to one parser of outside input and frees all it got back:
 * a crash, a leak (AddressSanitizer's), undefined behaviour, a hang or a GLib critical or
 * warning (made fatal here) is a bug in the parser.
 */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "studio/question_export.h"
#include "studio/question_filter.h"
#include "studio/question_queue.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Criticals and warnings abort, so libFuzzer reports them as crashes. */
static inline void
plenum_fuzz_init (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

/* The input as a NUL-terminated string (it may hold NULs: the text then ends at the first);
 * (transfer full). */
static inline char *
plenum_fuzz_text (const uint8_t *data, size_t size)
{
  char *text = g_malloc (size + 1);

  if (size > 0)
    memcpy (text, data, size);
  text[size] = '\0';
  return text;
}

/* What the studio does with a question from outside (a platform's chat, the form, the API):
 * into a queue with the show's default filter, and out again as questions.json and .csv. */
static inline void
plenum_fuzz_take_question (const char *source, const char *author, gboolean show_name,
                           const char *text)
{
  static const char *const block_words[] = { "Spam", "Idiot", NULL };
  PlenumQuestionQueue *queue = plenum_question_queue_new ();
  cJSON *json;
  char *csv;

  plenum_question_queue_set_filter (queue, plenum_question_filter_new (block_words, TRUE));
  plenum_question_queue_add (queue, source, author, show_name, text, 1000, NULL);
  json = plenum_question_queue_to_json (queue);
  csv = plenum_question_queue_to_csv (queue, show_name);
  cJSON_Delete (json);
  g_free (csv);
  plenum_question_queue_free (queue);
}

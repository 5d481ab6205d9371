/* chat_page_check.h — what both chat parsers' targets check on every page (chat_page.h's
 * promises) and do with it (every message goes into a question queue, as the collectors do). */
#pragma once

#include "tests/fuzz/fuzz.h"
#include "studio/chat_page.h"

/* The statuses each body is read with: success, the errors each parser reads, rate limits,
 * server errors and no HTTP at all. */
static const long plenum_fuzz_statuses[] = { 200, 400, 403, 404, 429, 503, 0 };

static inline void
plenum_fuzz_check_page (const PlenumChatPage *page, const char *source)
{
  g_assert (page->verdict >= PLENUM_CHAT_CONTINUE && page->verdict <= PLENUM_CHAT_STOP);
  g_assert (page->verdict == PLENUM_CHAT_CONTINUE || page->reason != NULL);
  g_assert (page->reason == NULL || g_utf8_validate (page->reason, -1, NULL));
  g_assert (page->wait_ms == -1 || (page->wait_ms >= 0 && page->wait_ms <= 600000));
  g_assert (page->next_page == NULL || g_utf8_validate (page->next_page, -1, NULL));
  for (guint i = 0; page->messages != NULL && i < page->messages->len; i++) {
    const PlenumChatMessage *message = g_ptr_array_index (page->messages, i);
    g_assert (message->id != NULL && message->id[0] != '\0');
    g_assert (message->text != NULL && message->text[0] != '\0');
    g_assert (g_utf8_validate (message->text, -1, NULL));
    g_assert (message->author == NULL || g_utf8_validate (message->author, -1, NULL));
    plenum_fuzz_take_question (source, message->author, FALSE, message->text);
  }
}

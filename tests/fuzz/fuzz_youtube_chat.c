/* YouTube's answers (studio/youtube_chat_page.h): liveChatMessages.list pages and videos.list
 * answers, each read as if it came with every status the poller sees. */
#include "tests/fuzz/chat_page_check.h"
#include "studio/youtube_chat_page.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc, (void) argv;
  plenum_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  for (gsize i = 0; i < G_N_ELEMENTS (plenum_fuzz_statuses); i++) {
    PlenumChatPage page;
    g_autofree char *reason = NULL;
    g_autofree char *chat_id = NULL;

    plenum_chat_page_init (&page);
    plenum_youtube_chat_parse ((const char *) data, size, plenum_fuzz_statuses[i], &page);
    plenum_fuzz_check_page (&page, "youtube");
    plenum_chat_page_clear (&page);

    chat_id = plenum_youtube_active_chat_id_parse ((const char *) data, size,
                                                   plenum_fuzz_statuses[i], &reason);
    g_assert (chat_id == NULL || g_utf8_validate (chat_id, -1, NULL));
    g_assert (reason == NULL || g_utf8_validate (reason, -1, NULL));
  }
  return 0;
}

/* Facebook's answers (studio/facebook_comments_page.h): Graph API comment pages and errors,
 * each read as if it came with every status the poller sees. */
#include "tests/fuzz/chat_page_check.h"
#include "studio/facebook_comments_page.h"

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

    plenum_chat_page_init (&page);
    plenum_facebook_comments_parse ((const char *) data, size, plenum_fuzz_statuses[i], &page);
    plenum_fuzz_check_page (&page, "facebook");
    plenum_chat_page_clear (&page);
  }
  return 0;
}

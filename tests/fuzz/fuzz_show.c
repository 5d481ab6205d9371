/* The show file (studio/show.h): JSON from the operator, or from whoever could write it. */
#include "tests/fuzz/fuzz.h"
#include "studio/show.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  /* The secrets the seeds name, with fixed fake values: the parser reads them as it would. */
  static const char *const secrets[][2] = {
    { "YT_KEY", "yt-fake-key-0001" }, { "FB_KEY", "fb-fake-key-0002" },
    { "SITE_KEY", "site-fake-key-0003" }, { "YT_TOKEN", "yt-fake-token-0004" },
    { "FB_TOKEN", "fb-fake-token-0005" }, { "PLENUM_CONTROL_TOKEN", "control-fake-token-0006" },
    { "YT_CAPTION_URL", "http://upload.example.org/closedcaption?cid=fake-0007" },
    { "SRT_PASS", "srt-fake-passphrase-0008" }, { "EMPTY", "" },
  };

  (void) argc, (void) argv;
  plenum_fuzz_init ();
  for (gsize i = 0; i < G_N_ELEMENTS (secrets); i++)
    g_setenv (secrets[i][0], secrets[i][1], TRUE);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *json = plenum_fuzz_text (data, size);
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  /* Relative paths resolve here; it does not exist, so no file is ever found or opened. */
  g_autoptr (PlenumShow) show = plenum_show_parse (json, "/nonexistent/plenum-fuzz", problems);

  g_assert ((show == NULL) == (problems->len > 0));
  return 0;
}

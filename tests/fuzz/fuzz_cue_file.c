/* A prepared caption file (captions/cue_file.h): one caption a line, with optional times; its
 * lines then shown at reading speed, as the caption desk shows them. */
#include "tests/fuzz/caption_check.h"
#include "captions/cue_file.h"

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
  g_autofree char *contents = plenum_fuzz_text (data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) cues = plenum_cue_file_parse (contents, "captions.txt", &error);
  g_autoptr (GPtrArray) texts = g_ptr_array_new ();

  g_assert ((cues == NULL) == (error != NULL));
  for (guint i = 0; cues != NULL && i < cues->len; i++) {
    const PlenumCueLine *cue = g_ptr_array_index (cues, i);
    g_assert (cue->text[0] != '\0' && g_utf8_validate (cue->text, -1, NULL));
    g_ptr_array_add (texts, cue->text);
  }
  plenum_fuzz_show_captions (texts, PLENUM_CAPTION_PACED);
  return 0;
}

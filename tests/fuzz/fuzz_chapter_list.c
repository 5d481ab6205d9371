/* chapters.txt read back and fitted to the recording (studio/chapter_list.h). */
#include "tests/fuzz/fuzz.h"
#include "studio/chapter_list.h"

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
  g_autofree char *text = plenum_fuzz_text (data, size);
  g_autoptr (PlenumArchiveFacts) facts = plenum_archive_facts_new ();
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *chapters = NULL;

  plenum_chapter_list_read (text, 2 * 3600.0, facts, problems);
  chapters = plenum_chapter_list_text (facts);
  for (guint i = 0; i < facts->chapters->len; i++) {
    const PlenumChapterFacts *chapter = g_ptr_array_index (facts->chapters, i);
    g_assert (chapter->start_s >= 0 && chapter->start_s < chapter->end_s);
    g_assert (i > 0 || chapter->start_s == 0);
  }
  g_assert (g_utf8_validate (chapters, -1, NULL));
  return 0;
}

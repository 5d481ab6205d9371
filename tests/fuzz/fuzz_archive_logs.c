/* The run's own logs read back for the archive (studio/archive_logs.h): the input read as
 * metrics.jsonl and as questions.json. */
#include "tests/fuzz/fuzz.h"
#include "studio/archive_logs.h"

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

  plenum_archive_facts_add_output (facts, "archive", "record");
  plenum_archive_read_metrics_text (text, facts, problems);
  plenum_archive_read_questions_text (text, facts, problems);
  return 0;
}

/* captions.vtt and captions.srt read back for the archive (captions/subtitle_read.h): the
 * input read as each format, held to a recording and written out again cue by cue. */
#include "tests/fuzz/fuzz.h"
#include "captions/caption_track.h"
#include "captions/subtitle_read.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc, (void) argv;
  plenum_fuzz_init ();
  return 0;
}

static void
read_as (const uint8_t *data, size_t size, PlenumSubtitleFormat format, gint64 duration_ms)
{
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) cues = plenum_subtitle_read ((const char *) data, size, format,
                                                     "captions", problems, &error);

  g_assert ((cues == NULL) == (error != NULL));
  if (cues == NULL)
    return;
  for (guint i = 0; i < cues->len; i++) {
    const PlenumCue *cue = g_ptr_array_index (cues, i);
    g_assert (cue->end_ms >= cue->start_ms && cue->start_ms >= 0);
    g_assert (g_utf8_validate (cue->text, -1, NULL));
  }
  plenum_subtitle_fit (cues, duration_ms, problems, "captions");
  for (guint i = 0; i < cues->len; i++) {
    const PlenumCue *cue = g_ptr_array_index (cues, i);
    g_autofree char *block = plenum_subtitle_cue_block (cue, i + 1, format);

    g_assert (cue->end_ms > cue->start_ms && cue->start_ms >= 0);
    g_assert (duration_ms < 0 || cue->end_ms <= duration_ms);
    g_assert (i == 0 || cue->start_ms >= ((const PlenumCue *) g_ptr_array_index (cues, i - 1))->end_ms);
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  read_as (data, size, PLENUM_SUBTITLE_VTT, 2 * 3600 * 1000);
  read_as (data, size, PLENUM_SUBTITLE_SRT, -1);
  return 0;
}

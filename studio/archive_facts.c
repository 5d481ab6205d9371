#include "studio/archive_facts.h"

#include <math.h>

static void
output_facts_free (gpointer data)
{
  PlenumOutputFacts *output = data;

  g_free (output->id);
  g_free (output->kind);
  g_array_unref (output->bitrate_kbps);
  g_array_unref (output->reconnects);
  g_free (output->last_state);
  g_free (output);
}

static void
chapter_facts_free (gpointer data)
{
  PlenumChapterFacts *chapter = data;

  g_free (chapter->title);
  g_free (chapter);
}

static void
count_free (gpointer data)
{
  PlenumCount *count = data;

  g_free (count->label);
  g_free (count);
}

static GArray *
points_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (PlenumPoint));
}

PlenumArchiveFacts *
plenum_archive_facts_new (void)
{
  PlenumArchiveFacts *facts = g_new0 (PlenumArchiveFacts, 1);

  facts->duration_s = NAN;
  facts->dropped_frames = points_new ();
  facts->outputs = g_ptr_array_new_with_free_func (output_facts_free);
  facts->loudness_lufs = points_new ();
  facts->integrated_lufs = NAN;
  facts->speech_s = 0;
  facts->caption_coverage = NAN;
  facts->min_caption_coverage = NAN;
  facts->speech = points_new ();
  facts->captioned = points_new ();
  facts->chapters = g_ptr_array_new_with_free_func (chapter_facts_free);
  facts->questions_by_source = g_ptr_array_new_with_free_func (count_free);
  facts->questions_by_state = g_ptr_array_new_with_free_func (count_free);
  facts->problems = g_ptr_array_new_with_free_func (g_free);
  facts->complete = TRUE;
  return facts;
}

void
plenum_archive_facts_free (PlenumArchiveFacts *facts)
{
  if (facts == NULL)
    return;
  g_free (facts->name);
  g_free (facts->run);
  g_free (facts->repair_note);
  g_array_unref (facts->dropped_frames);
  g_ptr_array_unref (facts->outputs);
  g_array_unref (facts->loudness_lufs);
  g_array_unref (facts->speech);
  g_array_unref (facts->captioned);
  g_ptr_array_unref (facts->chapters);
  g_ptr_array_unref (facts->questions_by_source);
  g_ptr_array_unref (facts->questions_by_state);
  g_ptr_array_unref (facts->problems);
  g_free (facts->incomplete_reason);
  g_free (facts);
}

PlenumOutputFacts *
plenum_archive_facts_add_output (PlenumArchiveFacts *facts, const char *id, const char *kind)
{
  PlenumOutputFacts *output = g_new0 (PlenumOutputFacts, 1);

  output->id = g_strdup (id);
  output->kind = g_strdup (kind);
  output->bitrate_kbps = points_new ();
  output->reconnects = points_new ();
  g_ptr_array_add (facts->outputs, output);
  return output;
}

void
plenum_archive_facts_add_count (GPtrArray *counts, const char *label, guint count)
{
  PlenumCount *entry = g_new0 (PlenumCount, 1);

  entry->label = g_strdup (label);
  entry->count = count;
  g_ptr_array_add (counts, entry);
}

void
plenum_archive_facts_add_chapter (PlenumArchiveFacts *facts, double start_s, double end_s,
                                  const char *title)
{
  PlenumChapterFacts *chapter = g_new0 (PlenumChapterFacts, 1);

  chapter->start_s = start_s;
  chapter->end_s = end_s;
  chapter->title = g_strdup (title);
  g_ptr_array_add (facts->chapters, chapter);
}

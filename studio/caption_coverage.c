#include "studio/caption_coverage.h"

#include <math.h>
#include "captions/caption_track.h"

#define FLOOR_DB (-50.0)
#define BELOW_LOUD_DB 25.0
#define WORD_GAP_MS 500

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
speech_gate (const GArray *level_db)
{
  g_autoptr (GArray) sorted = g_array_sized_new (FALSE, FALSE, sizeof (double), level_db->len);
  double loud;

  g_array_append_vals (sorted, level_db->data, level_db->len);
  g_array_sort (sorted, compare_doubles);
  loud = g_array_index (sorted, double, (guint) ((sorted->len - 1) * 0.95));
  return MAX (FLOOR_DB, loud - BELOW_LOUD_DB);
}

/* One flag per window: speech, with the short pauses between words filled. */
static gboolean *
find_speech (const GArray *level_db, guint window_ms)
{
  gboolean *speech = g_new0 (gboolean, level_db->len);
  double gate = speech_gate (level_db);
  guint max_gap = WORD_GAP_MS / window_ms;
  gint64 last_loud = -1;

  for (guint i = 0; i < level_db->len; i++) {
    if (g_array_index (level_db, double, i) < gate)
      continue;
    speech[i] = TRUE;
    if (last_loud >= 0 && i - (guint) last_loud - 1 <= max_gap)
      for (guint j = (guint) last_loud + 1; j < i; j++)
        speech[j] = TRUE;
    last_loud = i;
  }
  return speech;
}

static void
add_second (GArray *series, double t_s, guint count, guint windows)
{
  PlenumPoint point = { t_s, count * 2 >= windows ? 1 : 0 };
  g_array_append_val (series, point);
}

void
plenum_caption_coverage_measure (const GArray *level_db, guint window_ms, const GPtrArray *cues,
                                 PlenumArchiveFacts *facts)
{
  g_autofree gboolean *speech = NULL;
  guint windows_per_second = 1000 / window_ms, speech_in_second = 0, captioned_in_second = 0;
  guint64 speech_windows = 0, captioned_windows = 0;
  guint next_cue = 0;

  facts->cue_count = cues->len;
  facts->speech_s = facts->captioned_speech_s = 0;
  facts->caption_coverage = NAN;
  if (level_db->len == 0)
    return;
  speech = find_speech (level_db, window_ms);
  for (guint i = 0; i < level_db->len; i++) {
    gint64 start = (gint64) i * window_ms, end = start + window_ms;
    gboolean captioned = FALSE;

    /* Cues are sorted by start: skip those that ended before this window. */
    while (next_cue < cues->len &&
           ((const PlenumCue *) g_ptr_array_index (cues, next_cue))->end_ms <= start)
      next_cue++;
    for (guint c = next_cue; c < cues->len; c++) {
      const PlenumCue *cue = g_ptr_array_index (cues, c);
      if (cue->start_ms >= end + PLENUM_COVERAGE_LAG_MS)
        break;
      if (cue->end_ms > start) {
        captioned = TRUE;
        break;
      }
    }
    if (speech[i]) {
      speech_windows++;
      speech_in_second++;
      if (captioned) {
        captioned_windows++;
        captioned_in_second++;
      }
    }
    if ((i + 1) % windows_per_second == 0 || i + 1 == level_db->len) {
      double t_s = (double) (i / windows_per_second);
      add_second (facts->speech, t_s, speech_in_second, windows_per_second);
      add_second (facts->captioned, t_s, captioned_in_second, windows_per_second);
      speech_in_second = captioned_in_second = 0;
    }
  }
  facts->speech_s = speech_windows * window_ms / 1000.0;
  facts->captioned_speech_s = captioned_windows * window_ms / 1000.0;
  if (speech_windows > 0)
    facts->caption_coverage = (double) captioned_windows / (double) speech_windows;
}

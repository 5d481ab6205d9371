#include "captions/caption_track.h"

#include "captions/linebreak.h"

#include <string.h>

struct _PlenumCaptionTrack {
  guint max_chars, max_lines;
  GPtrArray *cues;          /* PlenumCue not yet taken, in start order; only the last is open */
  gboolean closed;
  /* About the newest cue, which outlives its taking: */
  gint64 next_start_ms;     /* the earliest a following text may start */
  gint64 deadline_ms;       /* when the open cue ends by itself */
  gboolean open_is_partial;
  guint dropped;            /* screens never shown because live text fell too far behind */
};

void
plenum_cue_free (PlenumCue *cue)
{
  if (cue == NULL)
    return;
  g_free (cue->text);
  g_free (cue);
}

PlenumCaptionTrack *
plenum_caption_track_new (guint max_chars, guint max_lines)
{
  PlenumCaptionTrack *track;

  g_return_val_if_fail (max_chars > 0 && max_lines > 0, NULL);

  track = g_new0 (PlenumCaptionTrack, 1);
  track->max_chars = max_chars;
  track->max_lines = max_lines;
  track->cues = g_ptr_array_new_with_free_func ((GDestroyNotify) plenum_cue_free);
  track->next_start_ms = G_MININT64;
  return track;
}

void
plenum_caption_track_free (PlenumCaptionTrack *track)
{
  if (track == NULL)
    return;
  g_ptr_array_unref (track->cues);
  g_free (track);
}

/* chars / 15 cps, rounded up, never under the 1 s minimum; the line break counts as the
 * space it replaced. */
static gint64
reading_ms (const char *screen)
{
  gint64 chars = g_utf8_strlen (screen, -1);
  gint64 ms = (chars * 1000 + PLENUM_CAPTION_CHARS_PER_S - 1) / PLENUM_CAPTION_CHARS_PER_S;

  return MAX (ms, PLENUM_CAPTION_MIN_MS);
}

static PlenumCue *
open_cue (PlenumCaptionTrack *track)
{
  PlenumCue *last;

  if (track->cues->len == 0)
    return NULL;
  last = g_ptr_array_index (track->cues, track->cues->len - 1);
  return last->end_ms < 0 ? last : NULL;
}

/* The open cue's lingering is evaluated lazily, whenever the track learns the time. */
static void
expire (PlenumCaptionTrack *track, gint64 now_ms)
{
  PlenumCue *open = open_cue (track);

  if (open && track->deadline_ms <= now_ms) {
    open->end_ms = track->deadline_ms;
    track->open_is_partial = FALSE;
  }
}

static void
end_open_cue (PlenumCaptionTrack *track, gint64 at_ms)
{
  PlenumCue *open = open_cue (track);

  if (open) {
    open->end_ms = at_ms;
    track->open_is_partial = FALSE;
  }
}

static PlenumCue *
append_cue (PlenumCaptionTrack *track, gint64 start_ms, gint64 end_ms,
            char *text /* transfer full */)
{
  PlenumCue *cue = g_new0 (PlenumCue, 1);

  cue->start_ms = start_ms;
  cue->end_ms = end_ms;
  cue->text = text;
  g_ptr_array_add (track->cues, cue);
  return cue;
}

/* Returns (transfer full) the text's screens: groups of max_lines lines joined by '\n'. */
static GPtrArray *
break_into_screens (PlenumCaptionTrack *track, const char *text)
{
  g_autofree char *broken = plenum_caption_break_lines (text, track->max_chars, G_MAXUINT);
  g_auto (GStrv) lines = g_strsplit (broken, "\n", -1);
  GPtrArray *screens = g_ptr_array_new_with_free_func (g_free);
  guint n_lines = g_strv_length (lines);

  for (guint first = 0; first < n_lines; first += track->max_lines) {
    guint n = MIN (track->max_lines, n_lines - first);
    g_autofree char **group = g_new0 (char *, n + 1);

    memcpy (group, lines + first, n * sizeof (char *));
    g_ptr_array_add (screens, g_strjoinv ("\n", group));
  }
  return screens;
}

/* Lays the screens out from `start_ms`, each after the reading time of the one before; the
 * last stays open. `at_ms` is when the text arrived: the last screen lingers from then at the
 * earliest, so a final result replacing an old partial is still seen. */
static void
add_screens (PlenumCaptionTrack *track, GPtrArray *screens, gint64 start_ms, gint64 at_ms,
             PlenumCaptionKind kind)
{
  while (screens->len > 0) {
    char *screen = g_ptr_array_steal_index (screens, 0);
    gint64 reading = reading_ms (screen);

    if (screens->len > 0) {
      append_cue (track, start_ms, start_ms + reading, screen);
      start_ms += reading;
      continue;
    }
    append_cue (track, start_ms, -1, screen);
    track->deadline_ms = MAX (start_ms, at_ms) + reading + PLENUM_CAPTION_LINGER_MS;
    track->next_start_ms = start_ms + (kind == PLENUM_CAPTION_PACED ? reading
                                                                     : PLENUM_CAPTION_MIN_MS);
  }
}

/* A recogniser's guess: shows the newest lines, replacing the previous guess in place. */
static void
add_partial (PlenumCaptionTrack *track, const char *text, gint64 at_ms)
{
  char *screen = plenum_caption_break_lines (text, track->max_chars, track->max_lines);
  PlenumCue *open = open_cue (track);

  if (open && track->open_is_partial) {
    g_free (open->text);
    open->text = screen;
  } else {
    gint64 start_ms = MAX (at_ms, track->next_start_ms);
    end_open_cue (track, start_ms);
    open = append_cue (track, start_ms, -1, screen);
    open->partial = TRUE;
    track->next_start_ms = start_ms + PLENUM_CAPTION_MIN_MS;
    track->open_is_partial = TRUE;
  }
  track->deadline_ms = MAX (open->start_ms, at_ms) + reading_ms (screen) +
                       PLENUM_CAPTION_LINGER_MS;
}

/* Live captions must keep up with the speech: when the screens waiting to be shown would
 * hold new live text back by more than PLENUM_CAPTION_MAX_LAG_MS, they are dropped and the
 * new text follows the screen on show now (after its 1 s minimum). Returns the new start. */
static gint64
catch_up (PlenumCaptionTrack *track, gint64 at_ms)
{
  gint64 start_ms = at_ms;

  while (track->cues->len > 0) {
    PlenumCue *last = g_ptr_array_index (track->cues, track->cues->len - 1);
    if (last->start_ms <= at_ms) {
      start_ms = MAX (at_ms, last->start_ms + PLENUM_CAPTION_MIN_MS);
      last->end_ms = start_ms;
      break;
    }
    g_ptr_array_remove_index (track->cues, track->cues->len - 1);
    track->dropped++;
  }
  track->open_is_partial = FALSE;
  return start_ms;
}

guint
plenum_caption_track_dropped (const PlenumCaptionTrack *track)
{
  return track->dropped;
}

void
plenum_caption_track_add (PlenumCaptionTrack *track, const char *text, gint64 at_ms,
                          PlenumCaptionKind kind)
{
  g_autoptr (GPtrArray) screens = NULL;
  gint64 start_ms;

  g_return_if_fail (track != NULL);
  g_return_if_fail (!track->closed);

  expire (track, at_ms);
  text = text ? text : "";
  screens = break_into_screens (track, text);
  if (screens->len == 0) {
    end_open_cue (track, MAX (at_ms, track->next_start_ms));
    return;
  }
  if (kind == PLENUM_CAPTION_PARTIAL) {
    add_partial (track, text, at_ms);
    return;
  }
  if (track->open_is_partial && kind == PLENUM_CAPTION_LIVE) {
    /* The final result takes the guess's place, from when the guess appeared. */
    PlenumCue *partial = open_cue (track);
    start_ms = partial->start_ms;
    g_ptr_array_remove_index (track->cues, track->cues->len - 1);
    track->open_is_partial = FALSE;
  } else if (kind == PLENUM_CAPTION_LIVE && track->next_start_ms > at_ms + PLENUM_CAPTION_MAX_LAG_MS) {
    start_ms = catch_up (track, at_ms);
  } else {
    start_ms = MAX (at_ms, track->next_start_ms);
    end_open_cue (track, start_ms);
  }
  add_screens (track, screens, start_ms, at_ms, kind);
}

const PlenumCue *
plenum_caption_track_current (PlenumCaptionTrack *track, gint64 now_ms)
{
  g_return_val_if_fail (track != NULL, NULL);

  expire (track, now_ms);
  for (guint i = 0; i < track->cues->len; i++) {
    PlenumCue *cue = g_ptr_array_index (track->cues, i);
    if (cue->start_ms <= now_ms && (cue->end_ms < 0 || now_ms < cue->end_ms))
      return cue;
  }
  return NULL;
}

GPtrArray *
plenum_caption_track_take_finished (PlenumCaptionTrack *track, gint64 now_ms)
{
  GPtrArray *finished;
  guint n = 0;

  g_return_val_if_fail (track != NULL, NULL);

  expire (track, now_ms);
  finished = g_ptr_array_new_with_free_func ((GDestroyNotify) plenum_cue_free);
  /* Cues follow each other without overlap, so the ended ones are a prefix. After close
   * every cue has ended, even one kept past `now_ms` by the 1 s minimum. */
  while (n < track->cues->len) {
    PlenumCue *cue = g_ptr_array_index (track->cues, n);
    if (cue->end_ms < 0 || (cue->end_ms > now_ms && !track->closed))
      break;
    n++;
  }
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (finished, g_ptr_array_steal_index (track->cues, 0));
  return finished;
}

void
plenum_caption_track_close (PlenumCaptionTrack *track, gint64 now_ms)
{
  g_return_if_fail (track != NULL);

  expire (track, now_ms);
  end_open_cue (track, MAX (now_ms, track->next_start_ms));
  track->closed = TRUE;
}

/* caption_track.h — caption text becomes cues on the program's timeline.
 *
 * Broadcast norms (ARD/ZDF): at most 2 lines of at most 37 characters (32 where CEA-608 is
 * fed), broken at word boundaries; a cue stays at least 1 s on screen. Text from a file is
 * paced at no more than 15 characters a second; live text (a captioner, the API, speech
 * recognition) is shown at once and ends when the next arrives or after its reading time plus
 * a pause (PLENUM_CAPTION_LINGER_MS). A text longer than one screen becomes several cues in a
 * row. Live text is never held back more than PLENUM_CAPTION_MAX_LAG_MS behind screens still
 * waiting: those are dropped (and counted) so the captions keep up with the speech. Speech
 * recognition's partial results replace each other in place until the final one.
 * Times are milliseconds of program time. Pure data, main context only.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PLENUM_CAPTION_MIN_MS 1000
#define PLENUM_CAPTION_CHARS_PER_S 15
#define PLENUM_CAPTION_LINGER_MS 3000
#define PLENUM_CAPTION_MAX_LAG_MS 3000   /* live text is never held back longer than this */

typedef struct {
  gint64 start_ms, end_ms;   /* end_ms is -1 while still open */
  char *text;                /* the screen's lines joined by "\n" */
  gboolean partial;          /* a recogniser's guess that a later result may still replace */
} PlenumCue;

typedef enum {
  PLENUM_CAPTION_LIVE,       /* shown at once */
  PLENUM_CAPTION_PACED,      /* from a file: at reading speed */
  PLENUM_CAPTION_PARTIAL,    /* a recogniser's guess: replaces the previous partial */
} PlenumCaptionKind;

typedef struct _PlenumCaptionTrack PlenumCaptionTrack;

/* `max_chars` a line (37, or 32 with CEA-608), `max_lines` (2). */
PlenumCaptionTrack *plenum_caption_track_new (guint max_chars, guint max_lines);
void plenum_caption_track_free (PlenumCaptionTrack *track);

/* Text arriving at `at_ms`. Empty text ends what is shown. */
void plenum_caption_track_add (PlenumCaptionTrack *track, const char *text, gint64 at_ms,
                               PlenumCaptionKind kind);

/* The cue on screen at `now_ms` (transfer none, valid until the next call), or NULL. */
const PlenumCue *plenum_caption_track_current (PlenumCaptionTrack *track, gint64 now_ms);

/* Cues that have ended by `now_ms` and were not taken before, in order (transfer full,
 * element-type PlenumCue); partials that were replaced are never returned. */
GPtrArray *plenum_caption_track_take_finished (PlenumCaptionTrack *track, gint64 now_ms);

/* Everything still open ends at `now_ms` (the show stops), though not before its 1 s minimum;
 * then take_finished, which from now on returns every remaining cue whatever its end. */
void plenum_caption_track_close (PlenumCaptionTrack *track, gint64 now_ms);

/* Screens dropped so far to keep live captions from lagging. */
guint plenum_caption_track_dropped (const PlenumCaptionTrack *track);

void plenum_cue_free (PlenumCue *cue);

G_END_DECLS

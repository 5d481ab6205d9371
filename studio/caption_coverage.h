/* caption_coverage.h — how much of a session's speech had captions.
 *
 * Speech is approximated from the sound's level in 100 ms windows (no recogniser): a window is
 * speech when it is louder than a gate — 25 dB below the session's loud level (its 95th
 * percentile), and never below −50 dBFS, so room noise is not speech — and pauses shorter than
 * 0.5 s between loud windows count as speech too (the gaps between words). A speech window
 * is captioned when a cue is on screen during it or up to 3 s after it: live captions follow
 * the speaker by a moment. Music or applause above the gate counts as speech; a council
 * session has little of either.
 */
#pragma once

#include <glib.h>
#include "studio/archive_facts.h"

G_BEGIN_DECLS

#define PLENUM_COVERAGE_LAG_MS 3000

/* Fills facts->speech_s, captioned_speech_s, caption_coverage (NAN without speech), the
 * per-second series facts->speech and facts->captioned, and cue_count. `level_db`
 * (element-type double) has one RMS level per `window_ms`; `cues` (element-type PlenumCue,
 * sorted by start) are on the same timeline. */
void plenum_caption_coverage_measure (const GArray *level_db, guint window_ms,
                                      const GPtrArray *cues, PlenumArchiveFacts *facts);

G_END_DECLS

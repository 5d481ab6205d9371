/* caption_desk.h — every caption of the show, from where it comes to where it goes.
 *
 * In: the show's cue files (timed or at reading speed), human captioners over TCP, and lines
 * from the operator or the control API. All of it goes through one caption track
 * (captions/caption_track.h: broadcast line lengths, 1 s minimum, reading speed), and each cue
 * goes out to the burned-in overlay, the CEA-608 inserter (inside the H.264 stream) and the
 * WebVTT/SRT files in the run folder, on the recording's timeline. Main context only; the
 * owner calls plenum_caption_desk_tick() ten times a second with the program time.
 */
#pragma once

#include <gst/gst.h>
#include "pipelines/caption_inserter.h"
#include "pipelines/mixer.h"
#include "studio/log.h"
#include "studio/show.h"

G_BEGIN_DECLS

typedef struct _PlenumCaptionDesk PlenumCaptionDesk;

/* All (transfer none) and outliving the desk; `burnin`, `inserter` and `run_dir` may be NULL;
 * `mixer` is where speech recognisers listen to their source (NULL: none run, as in a
 * render). Call before the pipeline plays. Opens the show's inputs and the subtitle files;
 * NULL with `error` (naming the JSON path or file) when a cue file is bad, a captioner's port
 * cannot be opened or a recogniser cannot start. */
PlenumCaptionDesk *plenum_caption_desk_new (const PlenumShow *show, PlenumMixer *mixer,
                                            GstElement *burnin,
                                            PlenumCaptionInserter *inserter,
                                            const char *run_dir, PlenumLog *log,
                                            GError **error);
void plenum_caption_desk_free (PlenumCaptionDesk *desk);

/* A caption line from the operator or the API, shown at once; "" clears. FALSE with `error`
 * for text that is not UTF-8 or too long. */
gboolean plenum_caption_desk_add (PlenumCaptionDesk *desk, const char *text, GError **error);

/* Moves captions on to `now_ms` of program time: starts and ends cues, feeds every output. */
void plenum_caption_desk_tick (PlenumCaptionDesk *desk, gint64 now_ms);
/* Ends every cue at `now_ms` and writes it: the show is stopping. */
void plenum_caption_desk_finish (PlenumCaptionDesk *desk, gint64 now_ms);

void plenum_caption_desk_set_burn_in (PlenumCaptionDesk *desk, gboolean on);
gboolean plenum_caption_desk_burn_in (const PlenumCaptionDesk *desk);
void plenum_caption_desk_set_cea608 (PlenumCaptionDesk *desk, gboolean on);
gboolean plenum_caption_desk_cea608 (const PlenumCaptionDesk *desk);

/* captions.vtt/.srt and YouTube's caption ingestion on or off (each cue while off is not
 * written or sent). */
void plenum_caption_desk_set_archive (PlenumCaptionDesk *desk, gboolean on);
gboolean plenum_caption_desk_archive (const PlenumCaptionDesk *desk);
void plenum_caption_desk_set_youtube (PlenumCaptionDesk *desk, gboolean on);
/* FALSE also when the show sends no captions to YouTube. */
gboolean plenum_caption_desk_youtube (const PlenumCaptionDesk *desk);

/* The last captions shown, oldest first (element-type utf8, transfer none). */
const GPtrArray *plenum_caption_desk_history (const PlenumCaptionDesk *desk);

G_END_DECLS

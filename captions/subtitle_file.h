/* subtitle_file.h — WebVTT and SRT files written cue by cue during the show.
 *
 * Each cue is appended and flushed as soon as it has ended, so a crash loses at most the cue
 * on screen. Times are the recording's: milliseconds of program time. The files are valid for
 * ffprobe/ffmpeg and for YouTube's caption upload (WebVTT header, "HH:MM:SS.mmm --> …";
 * SRT numbered from 1 with "HH:MM:SS,mmm"). Text is written as plain text: in WebVTT "&", "<"
 * and ">" are escaped; SRT cannot escape them, so there "<" and the ">" that closes it become
 * "‹" and "›" (else players would take "<GmbH>" for markup and drop it).
 */
#pragma once

#include <glib.h>
#include "captions/caption_track.h"

G_BEGIN_DECLS

typedef enum { PLENUM_SUBTITLE_VTT, PLENUM_SUBTITLE_SRT } PlenumSubtitleFormat;

typedef struct _PlenumSubtitleFile PlenumSubtitleFile;

/* Creates (truncates) `path` and writes the header. */
PlenumSubtitleFile *plenum_subtitle_file_open (const char *path, PlenumSubtitleFormat format,
                                               GError **error);
/* Appends one finished cue (end_ms ≥ start_ms) and flushes it to disk. FALSE with an error
 * when the disk did not take it (a full disk): the cue is kept, and written with the next one
 * or at close, so the file never misses a cue or holds half of one. */
gboolean plenum_subtitle_file_add (PlenumSubtitleFile *file, const PlenumCue *cue,
                                   GError **error);
void plenum_subtitle_file_close (PlenumSubtitleFile *file);

/* One cue as the file holds it, blank line included: SRT's `number`, the times and the text's
 * lines, blank ones left out and escaped for WebVTT. (transfer full), or NULL when the text has
 * nothing to show. The live writer and the archive's clean copies (subtitle_read.h) both write
 * through it, so the two never differ. */
char *plenum_subtitle_cue_block (const PlenumCue *cue, guint number, PlenumSubtitleFormat format);

/* "00:01:02.345" (VTT) or "00:01:02,345" (SRT); (transfer full). */
char *plenum_subtitle_time (gint64 ms, PlenumSubtitleFormat format);

G_END_DECLS

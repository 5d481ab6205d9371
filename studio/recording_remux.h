/* recording_remux.h — the archive's copies of a recording, without encoding anything again.
 *
 * One pass reads the Matroska recording and writes two files beside each other:
 * an MP4 with `faststart` (the index first, so it plays while it downloads; what YouTube and
 * most media libraries ("Mediatheken") want) with the captions as a text track (tx3g), and a
 * Matroska copy with the same captions (S_TEXT/UTF8), the agenda's chapters and a proper index,
 * which also repairs a recording cut by a crash: what plays is kept, the damaged end is left
 * out. The files appear under their names only when complete.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *recording;    /* the run's recording.mkv */
  const char *mp4_path;
  const char *mkv_path;
  const GPtrArray *cues;    /* element-type PlenumCue, sorted, on the recording's timeline */
  const GPtrArray *chapters;/* element-type PlenumChapterFacts */
  const char *title;        /* the show's name, written as the files' title */
  const char *language;     /* ISO 639 / BCP-47 of sound and captions, e.g. "de" */
} PlenumRemuxRequest;

gboolean plenum_recording_remux (const PlenumRemuxRequest *request, GError **error);

G_END_DECLS

/* archive_command.h — `plenum archive DIR`: a run folder becomes the finished package.
 *
 * DIR/archive/ gets recording.mp4 (faststart, captions as a text track), recording.mkv
 * (chapters, captions, a proper index), captions.vtt/.srt checked against the recording,
 * chapters.txt, questions.json/.csv, report.html and archive.json (what was done, whether the
 * package is complete). The run's own files are never changed. Running it again makes the
 * package again.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `min_coverage`: the share of speech that must be captioned, or NAN for the show file's
 * archive.min_caption_coverage (kept in run.json). Returns the exit code: 0 complete, 1 not
 * complete (the reason is printed) or failed. */
int plenum_archive_command (const char *run_dir, double min_coverage);

G_END_DECLS

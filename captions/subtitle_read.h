/* subtitle_read.h — captions.vtt and captions.srt read back, held to the recording and written
 * clean, for the archive.
 *
 * The files may come from a run killed in the middle of a cue or from the press office's
 * editor, so reading is lenient: a BOM, CRLF or CR line ends, WebVTT's header text, NOTE, STYLE
 * and REGION blocks, cue identifiers and cue settings ("align:start"), times without hours
 * ("MM:SS.mmm") or with the other format's decimal mark, SRT numbered wrongly or not at all, and
 * cues with no blank line between them are all read. Text comes out plain: markup removed
 * (every WebVTT tag; SRT's <i>, <b>, <u>, <s>, <font …> and {\an8}), WebVTT's character
 * references decoded (SRT has none: "&amp;" there is text), lines trimmed and joined by "\n".
 *
 * A cue that cannot be read is skipped with a problem, never the whole file. So is the last cue
 * when the file ends inside one of its lines, as when the studio was killed while writing it: a
 * caption cut short can say the opposite of what was said ("Wir stimmen nicht zu" → "Wir
 * stimmen"). A file with a BOM or CR line ends was saved by an editor, not by the studio, and
 * keeps that cue: editors often leave out the final line end.
 *
 * Problems go to the caller's `problems` (element-type utf8; NULL to ignore them) as
 * "captions.vtt: line 17: …" or "captions.vtt: cue at 0:12:03.200 …"; one kind of problem is
 * listed five times at most and then counted, so a file broken throughout stays readable in the
 * report. Times are milliseconds, as in caption_track.h.
 */
#pragma once

#include <glib.h>
#include "captions/caption_track.h"
#include "captions/subtitle_file.h"

G_BEGIN_DECLS

/* ".vtt" or ".srt" (any case) at the end of `path`; FALSE for anything else. */
gboolean plenum_subtitle_format_from_path (const char *path, PlenumSubtitleFormat *format);

/* Reads `length` bytes of `data` (need not end in NUL). `name` (e.g. "captions.vtt") begins
 * every problem and error message. Returns (transfer full) (element-type PlenumCue) cues sorted
 * by start (the file's order among equal starts), each with end_ms ≥ start_ms ≥ 0 and partial
 * FALSE; a cue ending before it starts is given its reading time, with a problem. The text may
 * be empty: plenum_subtitle_fit drops such cues. Returns NULL with `error`
 * (G_IO_ERROR_INVALID_DATA) only when a WebVTT file lacks its "WEBVTT" header or the data is
 * not UTF-8 (the message names the byte offset and line); bytes of a character cut off at the
 * very end are a crash's, not an encoding's, and are ignored. */
GPtrArray *plenum_subtitle_read (const char *data, gsize length, PlenumSubtitleFormat format,
                                 const char *name, GPtrArray *problems, GError **error);

/* plenum_subtitle_read on the file at `path`, named in problems by its base name
 * ("captions.vtt"); an error reading it names the whole path. */
GPtrArray *plenum_subtitle_read_file (const char *path, PlenumSubtitleFormat format,
                                      GPtrArray *problems, GError **error);

/* Holds `cues` to a recording of `duration_ms` (< 0: unknown, the end is not checked), in place:
 * sorts them by start; gives a cue that ends before it starts its reading time; drops cues
 * without text, cues that last no time and cues that start at or after the recording's end; cuts
 * cues at the end (silently: the studio's last cue routinely outlasts the recording by its 1 s
 * minimum); keeps one of two equal cues, joins the texts of different cues that start together
 * and ends each cue where the next one starts. Each change is a problem beginning with `name`.
 * `cues` must own its elements (free func plenum_cue_free, as from plenum_subtitle_read); the
 * dropped ones are freed. Returns `cues` itself (transfer none), for chaining. */
GPtrArray *plenum_subtitle_fit (GPtrArray *cues, gint64 duration_ms, GPtrArray *problems,
                                const char *name);

/* Writes `cues` (element-type PlenumCue, end_ms ≥ start_ms ≥ 0, in order) to `path` as a whole
 * file, byte for byte as subtitle_file.h's writer would have written them, and atomically: the
 * old file stays until the new one is complete and on disk. Cues without text are left out. */
gboolean plenum_subtitle_write (GPtrArray *cues, const char *path, PlenumSubtitleFormat format,
                                GError **error);

G_END_DECLS

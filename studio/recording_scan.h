/* recording_scan.h — what a recording holds, read once without decoding its pictures.
 *
 * The scan demuxes the file (frames are counted, not decoded) and decodes only the sound:
 * EBU R128 loudness with libebur128 and the level of each 100 ms, from which the archive
 * finds speech. A recording cut by a crash is read up to its last whole frame: the scan
 * reports where it ended and that the file was not finalised.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PLENUM_SCAN_WINDOW_MS 100

typedef struct {
  double duration_s;        /* end of the last frame or sound read */
  guint64 video_frames;
  gboolean finalised;       /* the muxer finished it (a clean stop); FALSE after a crash */
  gboolean damaged_end;     /* reading stopped at a damaged end, not at the file's end */
  GArray *loudness_lufs;    /* element-type PlenumPoint: short-term loudness, one a second */
  double integrated_lufs;   /* NAN when not measurable */
  GArray *level_db;         /* element-type double: RMS of each 100 ms window, dBFS */
} PlenumRecordingScan;

/* Fills `scan` (clear it with plenum_recording_scan_clear). FALSE with an error naming the
 * file when it holds no playable picture at all. */
gboolean plenum_recording_scan (const char *path, PlenumRecordingScan *scan, GError **error);
void plenum_recording_scan_clear (PlenumRecordingScan *scan);

/* TRUE when the Matroska file's segment has a known size that fits the file, as matroskamux
 * writes it at the end; a killed recording keeps the "unknown size" it started with. */
gboolean plenum_matroska_is_finalised (const char *path);

G_END_DECLS

/* cue_file.h — a prepared caption file (CONTRACT.md: captions.inputs[].kind = "file").
 *
 * One caption per line, optionally prefixed by a start time "HH:MM:SS.mmm " relative to the
 * show's start; lines without a time follow the one before at reading speed. Blank lines and
 * lines starting with "#" are skipped. UTF-8 (a BOM is allowed); a bad time or bad UTF-8 is an
 * error naming the file and line.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  gint64 start_ms;    /* from the line's time stamp, or -1: follows the one before */
  char *text;         /* the caption, trimmed, never empty */
  guint line;         /* 1-based line in the file, for messages */
} PlenumCueLine;

void plenum_cue_line_free (PlenumCueLine *cue);

/* Parses `contents`; `name` (the file's path) is only used in error messages. Returns
 * (transfer full) (element-type PlenumCueLine) or NULL with `error`. Time stamps must not go
 * backwards. */
GPtrArray *plenum_cue_file_parse (const char *contents, const char *name, GError **error);
GPtrArray *plenum_cue_file_load (const char *path, GError **error);

G_END_DECLS

/* linebreak.h — caption text broken into lines the way broadcast captions are.
 *
 * At most `max_chars` characters (not bytes) a line, breaking at spaces; a word longer than a
 * line is the only thing ever split. Lines beyond `max_lines` are dropped from the front, so
 * the newest words stay visible.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns (transfer full) the lines joined with '\n'. */
char *plenum_caption_break_lines (const char *text, guint max_chars, guint max_lines);

G_END_DECLS

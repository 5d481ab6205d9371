/* window_text.h — text for the operator's window, drawn with SDL2_ttf and kept as textures.
 *
 * The window redraws its panels several times a second with mostly the same words; rendering
 * a string once and reusing its surface keeps that cheap. The cache forgets everything when it
 * grows past a few hundred entries (a running clock makes new strings every second).
 */
#pragma once

#include <SDL.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct _PlenumWindowText PlenumWindowText;

typedef enum { PLENUM_TEXT_SMALL, PLENUM_TEXT_NORMAL, PLENUM_TEXT_LARGE } PlenumTextSize;

/* NULL with `error` when no usable font is installed (fonts-dejavu-core). */
PlenumWindowText *plenum_window_text_new (GError **error);
void plenum_window_text_free (PlenumWindowText *text);

/* Draws UTF-8 `string` onto `target` with its top-left corner at (x, y), cut to `max_width`
 * pixels (0: no limit). Returns the width drawn. */
int plenum_window_text_draw (PlenumWindowText *text, SDL_Surface *target, const char *string,
                             PlenumTextSize size, SDL_Color colour, int x, int y, int max_width);
/* The width `string` would take. */
int plenum_window_text_width (PlenumWindowText *text, const char *string, PlenumTextSize size);
/* The line height of a size, in pixels. */
int plenum_window_text_height (PlenumWindowText *text, PlenumTextSize size);

G_END_DECLS

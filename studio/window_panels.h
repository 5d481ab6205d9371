/* window_panels.h — the operator window's panels, drawn from the studio's state.
 *
 * Each function draws one panel into its rectangle of the window's 1280x720 logical canvas.
 * They only read the studio; what the operator can press is returned as buttons, so the window
 * hit-tests clicks against exactly what was drawn.
 */
#pragma once

#include <SDL.h>
#include "studio/studio.h"
#include "studio/window_commands.h"
#include "studio/window_text.h"

G_BEGIN_DECLS

/* The window's palette (initialisers for SDL_Color), one look for every part of it. */
#define PLENUM_WHITE { 240, 240, 240, 255 }
#define PLENUM_GREY { 160, 160, 160, 255 }
#define PLENUM_RED { 230, 40, 40, 255 }
#define PLENUM_GREEN { 40, 200, 60, 255 }
#define PLENUM_YELLOW { 240, 200, 40, 255 }

typedef struct {
  SDL_Rect rect;
  PlenumCommand command;
} PlenumButton;

typedef struct {
  SDL_Surface *surface;      /* (transfer none) the window's */
  PlenumWindowText *text;    /* (transfer none) */
  PlenumStudio *studio;      /* (transfer none) */
  GArray *buttons;           /* of PlenumButton: filled while drawing, for clicks */
} PlenumCanvas;

/* Tally colours: on program (red), in the next scene (green), neither. */
typedef enum { PLENUM_TALLY_NONE, PLENUM_TALLY_PROGRAM, PLENUM_TALLY_NEXT } PlenumTally;
PlenumTally plenum_panel_tally (PlenumStudio *studio, const char *source_id);

void plenum_panel_frame (PlenumCanvas *canvas, const SDL_Rect *rect, const char *title);
/* A thick border in the tally's colour around `rect` (nothing for NONE). */
void plenum_panel_tally_border (PlenumCanvas *canvas, const SDL_Rect *rect, PlenumTally tally);
/* A button with its key shown first ("1 plenum"); adds it to canvas->buttons. Returns its
 * width. `active`: drawn highlighted (an on/off that is on). */
int plenum_panel_button (PlenumCanvas *canvas, int x, int y, const char *label,
                         PlenumCommand command, gboolean active);

void plenum_panel_outputs (PlenumCanvas *canvas, const SDL_Rect *rect);
void plenum_panel_meters (PlenumCanvas *canvas, const SDL_Rect *rect);
void plenum_panel_agenda (PlenumCanvas *canvas, const SDL_Rect *rect);
void plenum_panel_captions (PlenumCanvas *canvas, const SDL_Rect *rect);
void plenum_panel_questions (PlenumCanvas *canvas, const SDL_Rect *rect,
                             const PlenumCommandState *commands);
void plenum_panel_controls (PlenumCanvas *canvas, const SDL_Rect *rect);
/* Fills `rect` with the window's background colour. */
void plenum_panel_clear (PlenumCanvas *canvas, const SDL_Rect *rect);
/* The "end the show?" question over the whole window. */
void plenum_panel_confirm_quit (PlenumCanvas *canvas, int width, int height);

G_END_DECLS

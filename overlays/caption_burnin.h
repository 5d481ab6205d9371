/* caption_burnin.h — captions drawn into the program picture.
 *
 * White text on a dark box in the caption area that overlays/layout.h gives, which never
 * overlaps the interpreter. Caption text is drawn as plain text (no markup of any kind): it is
 * rendered once per change with SDL_ttf into an alpha mask, and each frame gets one tight
 * pass over the box.
 */
#pragma once

#include <gst/gst.h>
#include "overlays/layout.h"

G_BEGIN_DECLS

/* Returns (transfer floating) the element (an identity whose frames get the caption drawn in,
 * I420) for pictures of the given size. */
GstElement *plenum_caption_burnin_new (int out_width, int out_height, GError **error);

/* Sets what is shown (NULL or "" clears it). From the main context; the drawing itself is
 * handed to the streaming thread under a lock. */
void plenum_caption_burnin_set_text (GstElement *burnin, const char *text);
/* Moves the captions into `area` (from plenum_layout_caption_area). */
void plenum_caption_burnin_set_area (GstElement *burnin, int out_width, int out_height,
                                     const PlenumRect *area);

/* The pixel height of one caption line at this output height. */
int plenum_caption_burnin_line_height (int out_height);

G_END_DECLS

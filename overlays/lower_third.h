/* lower_third.h — a name or agenda item in a bar at the bottom of the program.
 *
 * A textoverlay on the program picture: one or two lines, white on a dark box, left-aligned
 * in the lower third's area from overlays/layout.h, which never covers the interpreter. Text
 * is plain, never Pango markup. It shows until cleared; the studio clears it after 8 s.
 */
#pragma once

#include <gst/gst.h>
#include "overlays/layout.h"

G_BEGIN_DECLS

#define PLENUM_LOWER_THIRD_SECONDS 8

/* (transfer floating) */
GstElement *plenum_lower_third_new (int out_width, int out_height, GError **error);
/* Shows `text` ("" or NULL hides it). Safe from any thread. */
void plenum_lower_third_set_text (GstElement *lower_third, const char *text);
void plenum_lower_third_set_area (GstElement *lower_third, int out_width, int out_height,
                                  const PlenumRect *area);

G_END_DECLS

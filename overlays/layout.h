/* layout.h — where things go on the program picture.
 *
 * The one place that turns the show's corners and percentages into pixel rectangles. The rule
 * "nothing covers the interpreter" lives here: every overlay asks for its area through these
 * functions rather than computing its own. Pure arithmetic, no GStreamer.
 */
#pragma once

#include <glib.h>
#include "studio/show.h"

G_BEGIN_DECLS

typedef struct {
  int x, y, width, height;
} PlenumRect;

/* The interpreter's picture: `height_pct` of the output height, width from the source's
 * aspect ratio (source_width:source_height; pass 16:9 while it is unknown), `margin_pct` of
 * the output height from both nearest edges. Sizes are even (I420). */
PlenumRect plenum_layout_interpreter_rect (int out_width, int out_height,
                                           const PlenumInterpreterConfig *interpreter,
                                           int source_width, int source_height);

/* The height in pixels the interpreter's source is scaled to (even). */
int plenum_layout_interpreter_height (int out_height, const PlenumInterpreterConfig *interpreter);

/* A scene's inset, in the scene's inset corner, with a 16:9 shape and the same margin rule. */
PlenumRect plenum_layout_inset_rect (int out_width, int out_height, const PlenumSceneConfig *scene,
                                     double margin_pct);

/* The band at the bottom where burned-in captions may go: `lines` lines of `line_height`
 * pixels plus padding, above the bottom margin, narrowed so it never overlaps `avoid` (the
 * interpreter, when visible; pass NULL otherwise). */
PlenumRect plenum_layout_caption_area (int out_width, int out_height, int line_height, int lines,
                                       const PlenumRect *avoid);

/* The lower third (agenda item, question on air): `line_height` plus padding, standing just
 * above `caption_area`, from the left margin over up to 60 % of the width; it gives way to
 * `avoid` (the interpreter, when visible; NULL otherwise) by narrowing, moving to the other
 * side, or, when neither leaves a third of the width, rising above it. */
PlenumRect plenum_layout_lower_third_area (int out_width, int out_height, int line_height,
                                           const PlenumRect *caption_area, const PlenumRect *avoid);

gboolean plenum_rect_intersects (const PlenumRect *a, const PlenumRect *b);

G_END_DECLS

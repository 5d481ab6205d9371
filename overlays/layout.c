#include "overlays/layout.h"

#include <math.h>

static int
even_floor (double v)
{
  int i = (int) floor (v);
  return i - (i & 1);
}

static PlenumRect
place_in_corner (int out_width, int out_height, PlenumCorner corner, int width, int height,
                 int margin)
{
  PlenumRect r = { 0, 0, width, height };
  gboolean right = corner == PLENUM_CORNER_BOTTOM_RIGHT || corner == PLENUM_CORNER_TOP_RIGHT;
  gboolean bottom = corner == PLENUM_CORNER_BOTTOM_RIGHT || corner == PLENUM_CORNER_BOTTOM_LEFT;

  r.x = right ? out_width - margin - width : margin;
  r.y = bottom ? out_height - margin - height : margin;
  r.x = CLAMP (r.x, 0, MAX (0, out_width - width));
  r.y = CLAMP (r.y, 0, MAX (0, out_height - height));
  return r;
}

int
plenum_layout_interpreter_height (int out_height, const PlenumInterpreterConfig *interpreter)
{
  return MAX (2, even_floor (out_height * interpreter->height_pct / 100.0));
}

PlenumRect
plenum_layout_interpreter_rect (int out_width, int out_height,
                                const PlenumInterpreterConfig *interpreter, int source_width,
                                int source_height)
{
  int height = plenum_layout_interpreter_height (out_height, interpreter);
  int margin = even_floor (out_height * interpreter->margin_pct / 100.0);
  int width;

  if (source_width <= 0 || source_height <= 0) {
    source_width = 16;
    source_height = 9;
  }
  width = MIN (out_width, MAX (2, even_floor ((double) height * source_width / source_height)));
  return place_in_corner (out_width, out_height, interpreter->corner, width, height, margin);
}

PlenumRect
plenum_layout_inset_rect (int out_width, int out_height, const PlenumSceneConfig *scene,
                          double margin_pct)
{
  int height = MAX (2, even_floor (out_height * scene->inset_height_pct / 100.0));
  int width = MIN (out_width, MAX (2, even_floor (height * 16.0 / 9.0)));
  int margin = even_floor (out_height * margin_pct / 100.0);

  return place_in_corner (out_width, out_height, scene->inset_corner, width, height, margin);
}

gboolean
plenum_rect_intersects (const PlenumRect *a, const PlenumRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
      a->y < b->y + b->height && b->y < a->y + a->height;
}

PlenumRect
plenum_layout_caption_area (int out_width, int out_height, int line_height, int lines,
                            const PlenumRect *avoid)
{
  int margin = even_floor (out_height * 0.04);
  int height = line_height * lines + line_height / 2;
  PlenumRect area = { margin, out_height - margin - height, out_width - 2 * margin, height };

  if (avoid == NULL || !plenum_rect_intersects (&area, avoid))
    return area;

  /* Narrow the band to the wider side of the interpreter; if that leaves too little room
   * (an interpreter in the middle of a narrow picture), lift the band above it instead. */
  {
    int left_width = avoid->x - margin - area.x;
    int right_x = avoid->x + avoid->width + margin;
    int right_width = area.x + area.width - right_x;

    if (MAX (left_width, right_width) >= out_width / 2) {
      if (left_width >= right_width) {
        area.width = left_width;
      } else {
        area.x = right_x;
        area.width = right_width;
      }
      return area;
    }
    area.y = MAX (0, avoid->y - margin - height);
    return area;
  }
}

PlenumRect
plenum_layout_lower_third_area (int out_width, int out_height, int line_height,
                                const PlenumRect *caption_area, const PlenumRect *avoid)
{
  int margin = even_floor (out_height * 0.04);
  int height = line_height + line_height / 2;
  int wanted = even_floor (out_width * 0.6);
  PlenumRect area = { margin, MAX (0, caption_area->y - margin / 2 - height), wanted, height };

  if (avoid == NULL || !plenum_rect_intersects (&area, avoid))
    return area;
  if (avoid->x + avoid->width / 2 >= out_width / 2) {
    area.width = MIN (wanted, avoid->x - margin - area.x);
  } else {
    area.x = avoid->x + avoid->width + margin;
    area.width = MIN (wanted, out_width - margin - area.x);
  }
  if (area.width >= out_width / 3)
    return area;
  area.x = margin;
  area.width = wanted;
  area.y = MAX (0, avoid->y - margin / 2 - height);
  return area;
}

#include "overlays/caption_burnin.h"

#include "captions/linebreak.h"
#include "pipelines/elements.h"

int
plenum_caption_burnin_line_height (int out_height)
{
  return MAX (12, out_height / 18);
}

GstElement *
plenum_caption_burnin_new (int out_width, int out_height, GError **error)
{
  GstElement *overlay = plenum_element_make ("textoverlay", "caption-burnin", error);
  g_autofree char *font = NULL;
  (void) out_width;

  if (overlay == NULL)
    return NULL;
  /* Sizes are ours, in pixels of the program picture: no automatic rescaling. */
  font = g_strdup_printf ("Sans %dpx", MAX (8, plenum_caption_burnin_line_height (out_height) * 3 / 4));
  g_object_set (overlay, "font-desc", font, "auto-resize", FALSE, "shaded-background", TRUE, "shading-value", 200,
                "valignment", 1 /* bottom */, "halignment", 1 /* center */,
                "line-alignment", 1 /* center */, "wrap-mode", 2 /* word-char */,
                "text", "", NULL);
  return overlay;
}

void
plenum_caption_burnin_set_text (GstElement *burnin, const char *text)
{
  /* Broadcast norm: at most two lines of 37 characters. */
  g_autofree char *lines = plenum_caption_break_lines (text, 37, 2);
  g_autofree char *escaped = g_markup_escape_text (lines, -1);
  g_object_set (burnin, "text", escaped, NULL);
}

void
plenum_caption_burnin_set_area (GstElement *burnin, int out_width, int out_height,
                                const PlenumRect *area)
{
  /* Centred text, shifted to the area's centre, standing on the area's bottom edge. */
  g_object_set (burnin, "deltax", area->x + area->width / 2 - out_width / 2,
                "ypad", out_height - (area->y + area->height), NULL);
}

#include "overlays/slate.h"

#include "pipelines/program_format.h"
#include "pipelines/elements.h"

GstElement *
plenum_slate_new (const char *name, const char *label, int width, int height, int fps,
                  GError **error)
{
  g_autoptr (GstElement) bin = gst_object_ref_sink (gst_bin_new (name));
  GstElement *background, *shape, *text, *freeze, *rate;
  g_autoptr (GstCaps) still_caps = NULL;
  g_autoptr (GstCaps) rate_caps = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *font = NULL;
  g_autoptr (GstPad) src = NULL;

  if (!plenum_elements_make (error, "videotestsrc", &background, "capsfilter", &shape,
                             "textoverlay", &text, "imagefreeze", &freeze, "capsfilter", &rate,
                             NULL))
    return NULL;
  g_object_set (background, "pattern", 17 /* solid-color */, "foreground-color", 0xff1c2430,
                "num-buffers", 1, NULL);
  still_caps = plenum_program_video_caps (width, height, fps);
  g_object_set (shape, "caps", still_caps, NULL);

  /* The label is user text: escape it so it is never read as Pango markup. */
  escaped = g_markup_escape_text (label, -1);
  markup = g_strdup_printf ("Signal folgt\n<span size=\"smaller\">%s</span>", escaped);
  font = g_strdup_printf ("Sans Bold %dpx", MAX (8, height / 14));
  g_object_set (text, "text", markup, "font-desc", font, "valignment", 4 /* center */,
                "halignment", 1 /* center */, "line-alignment", 1 /* center */,
                "shaded-background", FALSE, "auto-resize", FALSE, NULL);
  g_object_set (freeze, "is-live", TRUE, NULL);
  rate_caps = gst_caps_new_simple ("video/x-raw", "framerate", GST_TYPE_FRACTION, fps, 1, NULL);
  g_object_set (rate, "caps", rate_caps, NULL);

  gst_bin_add_many (GST_BIN (bin), background, shape, text, freeze, rate, NULL);
  gst_element_link_many (background, shape, text, freeze, rate, NULL);
  src = gst_element_get_static_pad (rate, "src");
  gst_element_add_pad (bin, gst_ghost_pad_new ("src", src));
  g_object_force_floating (G_OBJECT (bin));
  return g_steal_pointer (&bin);
}

#include "pipelines/program_format.h"

GstCaps *
plenum_program_video_caps (int width, int height, int fps)
{
  GstCaps *caps = gst_caps_new_simple ("video/x-raw", "format", G_TYPE_STRING, "I420",
                                       "pixel-aspect-ratio", GST_TYPE_FRACTION, 1, 1,
                                       "colorimetry", G_TYPE_STRING, "bt709",
                                       "chroma-site", G_TYPE_STRING, "mpeg2", NULL);
  if (width > 0)
    gst_caps_set_simple (caps, "width", G_TYPE_INT, width, NULL);
  if (height > 0)
    gst_caps_set_simple (caps, "height", G_TYPE_INT, height, NULL);
  if (fps > 0)
    gst_caps_set_simple (caps, "framerate", GST_TYPE_FRACTION, fps, 1, NULL);
  return caps;
}

#include "pipelines/output_record.h"

#include "pipelines/isolated_bin.h"
#include "pipelines/source_bin.h"

char *
plenum_output_record_path (const char *run_dir, guint part)
{
  g_autofree char *name = part <= 1 ? g_strdup ("recording.mkv")
      : g_strdup_printf ("recording-%u.mkv", part);
  return g_build_filename (run_dir, name, NULL);
}

GstElement *
plenum_output_record_build (const PlenumOutputConfig *output, const char *run_dir, guint part,
                            GError **error)
{
  g_autoptr (GstElement) bin = gst_object_ref_sink (plenum_isolated_bin_new (output->id));
  GstElement *vqueue = plenum_element_make ("queue", NULL, error);
  GstElement *aqueue = vqueue ? plenum_element_make ("queue", NULL, error) : NULL;
  /* Each muxer wants its own H.264 stream format (avc for Matroska, byte-stream for TS):
   * the tee cannot offer both, so each output converts for itself. */
  GstElement *parse = aqueue ? plenum_element_make ("h264parse", NULL, error) : NULL;
  GstElement *mux = parse ? plenum_element_make ("matroskamux", "mux", error) : NULL;
  GstElement *sink = mux ? plenum_element_make ("filesink", "sink", error) : NULL;
  g_autofree char *path = plenum_output_record_path (run_dir, part);
  g_autoptr (GstPad) vsink = NULL;
  g_autoptr (GstPad) asink = NULL;

  if (sink == NULL) {
    g_clear_object (&vqueue);
    g_clear_object (&aqueue);
    g_clear_object (&parse);
    g_clear_object (&mux);
    return NULL;
  }
  g_object_set (sink, "location", path, "async", FALSE, NULL);
  /* SPS/PPS before every keyframe: a peer joining mid-stream can start at the next one. */
  g_object_set (parse, "config-interval", -1, NULL);
  gst_bin_add_many (GST_BIN (bin), vqueue, parse, aqueue, mux, sink, NULL);
  if (!gst_element_link (vqueue, parse) ||
      !gst_element_link_pads (parse, "src", mux, "video_%u") ||
      !gst_element_link_pads (aqueue, "src", mux, "audio_%u") || !gst_element_link (mux, sink)) {
    g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_NEGOTIATION,
                 "output %s: cannot build the recording", output->id);
    return NULL;
  }
  vsink = gst_element_get_static_pad (vqueue, "sink");
  asink = gst_element_get_static_pad (aqueue, "sink");
  plenum_isolated_bin_add_sink (PLENUM_ISOLATED_BIN (bin), "video", vsink);
  plenum_isolated_bin_add_sink (PLENUM_ISOLATED_BIN (bin), "audio", asink);
  g_object_force_floating (G_OBJECT (bin));
  return g_steal_pointer (&bin);
}

#include "pipelines/output_mux_bin.h"

#include "pipelines/elements.h"
#include "pipelines/isolated_bin.h"

GstElement *
plenum_output_mux_bin_new (const PlenumOutputMuxSpec *spec, GstElement *sink, GError **error)
{
  g_autoptr (GstElement) bin = gst_object_ref_sink (plenum_isolated_bin_new (spec->id));
  g_autofree char *mux_factory = g_strdup_printf ("%s:mux", spec->mux_factory);
  GstElement *vqueue, *parse, *aqueue, *mux;
  g_autoptr (GstPad) vsink = NULL;
  g_autoptr (GstPad) asink = NULL;

  gst_object_set_name (GST_OBJECT (sink), "sink");
  gst_bin_add (GST_BIN (bin), sink);
  if (!plenum_elements_make (error, "queue", &vqueue, "h264parse:parse", &parse, "queue", &aqueue,
                             mux_factory, &mux, NULL))
    return NULL;
  g_object_set (parse, "config-interval", -1, NULL);
  gst_bin_add_many (GST_BIN (bin), vqueue, parse, aqueue, mux, NULL);
  if (!gst_element_link (vqueue, parse) ||
      !gst_element_link_pads (parse, "src", mux, spec->video_pad) ||
      !gst_element_link_pads (aqueue, "src", mux, spec->audio_pad) || !gst_element_link (mux, sink)) {
    g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_NEGOTIATION,
                 "output %s: cannot link %s to its sink", spec->id, spec->mux_factory);
    return NULL;
  }
  vsink = gst_element_get_static_pad (vqueue, "sink");
  asink = gst_element_get_static_pad (aqueue, "sink");
  plenum_isolated_bin_add_sink (PLENUM_ISOLATED_BIN (bin), "video", vsink);
  plenum_isolated_bin_add_sink (PLENUM_ISOLATED_BIN (bin), "audio", asink);
  g_object_force_floating (G_OBJECT (bin));
  return g_steal_pointer (&bin);
}

#include "pipelines/output_mux_bin.h"

#include "pipelines/elements.h"
#include "pipelines/isolated_bin.h"

/* When a destination falls behind, its queue of encoded video grows. Past BEHIND the rest of
 * the current GOP is dropped, and whole GOPs after it, until the queue is back under CAUGHT_UP
 * at a keyframe: the peer sees a jump from one keyframe to another, never a picture decoded
 * from missing references. The queue's own limit is never reached, so the tee never waits. */
#define BEHIND (2 * GST_SECOND)
#define CAUGHT_UP (GST_SECOND)
#define QUEUE_LIMIT (4 * GST_SECOND)

typedef struct {
  GstElement *queue;   /* (transfer none) the bin owns it */
  gboolean dropping;
  gint gops_dropped;   /* atomic: how many times it started dropping */
} GopDropper;

#define DROPPER_KEY "plenum-gop-dropper"

static GstPadProbeReturn
drop_whole_gops (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  GopDropper *dropper = user_data;
  gboolean keyframe = !GST_BUFFER_FLAG_IS_SET (GST_PAD_PROBE_INFO_BUFFER (info),
                                               GST_BUFFER_FLAG_DELTA_UNIT);
  guint64 level = 0;
  (void) pad;

  g_object_get (dropper->queue, "current-level-time", &level, NULL);
  if (dropper->dropping && keyframe && level < CAUGHT_UP) {
    GST_INFO_OBJECT (dropper->queue, "caught up: sending again from a keyframe");
    dropper->dropping = FALSE;
  } else if (!dropper->dropping && level >= BEHIND) {
    GST_INFO_OBJECT (dropper->queue, "destination behind by %" GST_TIME_FORMAT
                     ": dropping whole GOPs", GST_TIME_ARGS (level));
    dropper->dropping = TRUE;
    g_atomic_int_inc (&dropper->gops_dropped);
  }
  return dropper->dropping ? GST_PAD_PROBE_DROP : GST_PAD_PROBE_OK;
}

static void
drop_when_behind (GstElement *bin, GstElement *video_queue, GstElement *audio_queue)
{
  GopDropper *dropper = g_new0 (GopDropper, 1);
  g_autoptr (GstPad) pad = gst_element_get_static_pad (video_queue, "sink");

  dropper->queue = video_queue;
  g_object_set (video_queue, "max-size-time", (guint64) QUEUE_LIMIT, "max-size-buffers", 0,
                "max-size-bytes", 0, NULL);
  /* The bin owns the dropper: the probe lives exactly as long as the bin's queue. */
  g_object_set_data_full (G_OBJECT (bin), DROPPER_KEY, dropper, g_free);
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, drop_whole_gops, dropper, NULL);
  /* Sound frames stand alone: dropping the oldest is fine. */
  g_object_set (audio_queue, "leaky", 2 /* downstream */, "max-size-time", (guint64) QUEUE_LIMIT,
                "max-size-buffers", 0, "max-size-bytes", 0, NULL);
}

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
  if (spec->drop_when_behind)
    drop_when_behind (bin, vqueue, aqueue);
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

guint
plenum_output_mux_bin_gops_dropped (GstElement *bin)
{
  GopDropper *dropper = g_object_get_data (G_OBJECT (bin), DROPPER_KEY);
  return dropper ? (guint) g_atomic_int_get (&dropper->gops_dropped) : 0;
}

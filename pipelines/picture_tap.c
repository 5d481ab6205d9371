#include "pipelines/picture_tap.h"

#include <gst/app/gstappsink.h>
#include "pipelines/elements.h"

struct _PlenumPictureTap {
  GstElement *tee;       /* (transfer none) owned by the pipeline, or NULL */
  GstElement *appsink;   /* (transfer none) owned by the pipeline */
  guint keep_every;
  guint counter;         /* frames seen by the thinning probe (its streaming thread only) */
};

static GstPadProbeReturn
thin_out (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  PlenumPictureTap *tap = user_data;
  (void) pad;
  (void) info;
  return tap->counter++ % tap->keep_every == 0 ? GST_PAD_PROBE_OK : GST_PAD_PROBE_DROP;
}

/* queue (leaky, one frame) → videoconvertscale → BGRx width x height → appsink (newest). The
 * elements are added to `pipeline`; returns the queue to link into, or NULL. */
static GstElement *
add_scaler (PlenumPictureTap *tap, GstBin *pipeline, int width, int height, int fps,
            GError **error)
{
  GstElement *queue, *scale, *filter, *sink;
  g_autoptr (GstCaps) caps = NULL;

  if (!plenum_elements_make (error, "queue", &queue, "videoconvertscale", &scale, "capsfilter", &filter,
                             "appsink", &sink, NULL))
    return NULL;
  /* Nearest neighbour, chroma taken as it is, no dithering: for a monitor picture this looks
   * nearly the same as bilinear and costs less than half (bench/README.md, window.sh). */
  gst_util_set_object_arg (G_OBJECT (scale), "method", "nearest-neighbour");
  gst_util_set_object_arg (G_OBJECT (scale), "chroma-mode", "none");
  gst_util_set_object_arg (G_OBJECT (scale), "dither", "none");
  g_object_set (queue, "leaky", 2 /* downstream: drop the old */, "max-size-buffers", 1,
                "max-size-bytes", 0, "max-size-time", (guint64) 0, NULL);
  caps = gst_caps_new_simple ("video/x-raw", "format", G_TYPE_STRING, "BGRx",
                              "width", G_TYPE_INT, width, "height", G_TYPE_INT, height,
                              "pixel-aspect-ratio", GST_TYPE_FRACTION, 1, 1, NULL);
  if (fps > 0)
    gst_caps_set_simple (caps, "framerate", GST_TYPE_FRACTION, fps, 1, NULL);
  g_object_set (filter, "caps", caps, NULL);
  /* The window is not part of the show: it must never hold up the pipeline's preroll or
   * clock, nor queue frames it will not draw. */
  g_object_set (sink, "max-buffers", 1, "drop", TRUE, "sync", FALSE, "async", FALSE,
                "enable-last-sample", FALSE, NULL);
  gst_bin_add_many (pipeline, queue, scale, filter, sink, NULL);
  if (!gst_element_link_many (queue, scale, filter, sink, NULL)) {
    g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_NEGOTIATION,
                 "cannot scale a picture for the window");
    return NULL;
  }
  tap->appsink = sink;
  return queue;
}

PlenumPictureTap *
plenum_picture_tap_new_on (GstBin *pipeline, GstElement *upstream, int width, int height,
                           guint keep_every, GError **error)
{
  g_autofree PlenumPictureTap *tap = g_new0 (PlenumPictureTap, 1);
  GstElement *queue, *tee = plenum_element_make ("tee", NULL, error);

  if (tee == NULL)
    return NULL;
  gst_bin_add (pipeline, tee);
  queue = add_scaler (tap, pipeline, width, height, 0, error);
  if (queue == NULL)
    return NULL;
  if (!gst_element_link (upstream, tee) || !gst_element_link (tee, queue)) {
    g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_NEGOTIATION,
                 "cannot tap the program for the window");
    return NULL;
  }
  tap->tee = tee;
  tap->keep_every = MAX (1, keep_every);
  if (tap->keep_every > 1) {
    g_autoptr (GstPad) pad = gst_element_get_static_pad (queue, "sink");
    gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, thin_out, tap, NULL);
  }
  return g_steal_pointer (&tap);
}

PlenumPictureTap *
plenum_picture_tap_new_channel (GstBin *pipeline, const char *channel, int width, int height,
                                int fps, GError **error)
{
  g_autofree PlenumPictureTap *tap = g_new0 (PlenumPictureTap, 1);
  GstElement *queue, *source = plenum_element_make ("intervideosrc", NULL, error);

  if (source == NULL)
    return NULL;
  /* Black soon after the source stops: the multiview must not freeze on a stale picture. */
  g_object_set (source, "channel", channel, "timeout", (guint64) GST_SECOND, NULL);
  gst_bin_add (pipeline, source);
  queue = add_scaler (tap, pipeline, width, height, fps, error);
  if (queue == NULL)
    return NULL;
  if (!gst_element_link (source, queue)) {
    g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_NEGOTIATION,
                 "cannot read source channel %s for the window", channel);
    return NULL;
  }
  return g_steal_pointer (&tap);
}

void
plenum_picture_tap_free (PlenumPictureTap *tap)
{
  g_free (tap);
}

GstElement *
plenum_picture_tap_passthrough (PlenumPictureTap *tap)
{
  return tap->tee;
}

GstSample *
plenum_picture_tap_pull (PlenumPictureTap *tap)
{
  return gst_app_sink_try_pull_sample (GST_APP_SINK (tap->appsink), 0);
}

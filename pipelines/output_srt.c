#include "pipelines/output_srt.h"

#include <gio/gio.h>

#include <gst/video/video.h>
#include "pipelines/isolated_bin.h"
#include "pipelines/source_bin.h"

#define PEERS_KEY "plenum-srt-peers"
#define PARSER_KEY "plenum-srt-parser"

/* A new peer can only start decoding at a keyframe: ask the encoder for one now rather than
 * make the peer wait up to a whole GOP. */
static void
request_keyframe (GstElement *bin)
{
  GstElement *parser = g_object_get_data (G_OBJECT (bin), PARSER_KEY);
  g_autoptr (GstPad) pad = gst_element_get_static_pad (parser, "sink");

  gst_pad_push_event (pad, gst_video_event_new_upstream_force_key_unit (GST_CLOCK_TIME_NONE,
                                                                        TRUE, 0));
}

static void
on_caller_added (GstElement *sink, gint unused, GSocketAddress *address, gpointer bin)
{
  gint *peers = g_object_get_data (G_OBJECT (bin), PEERS_KEY);
  (void) sink;
  (void) unused;
  (void) address;
  g_atomic_int_inc (peers);
  request_keyframe (bin);
}

static void
on_caller_removed (GstElement *sink, gint unused, GSocketAddress *address, gpointer bin)
{
  gint *peers = g_object_get_data (G_OBJECT (bin), PEERS_KEY);
  (void) sink;
  (void) unused;
  (void) address;
  if (g_atomic_int_get (peers) > 0)
    g_atomic_int_add (peers, -1);
}

GstElement *
plenum_output_srt_build (const PlenumOutputConfig *output, GError **error)
{
  g_autoptr (GstElement) bin = gst_object_ref_sink (plenum_isolated_bin_new (output->id));
  GstElement *vqueue = plenum_element_make ("queue", NULL, error);
  GstElement *aqueue = vqueue ? plenum_element_make ("queue", NULL, error) : NULL;
  /* Each muxer wants its own H.264 stream format (avc for Matroska, byte-stream for TS):
   * the tee cannot offer both, so each output converts for itself. */
  GstElement *parse = aqueue ? plenum_element_make ("h264parse", NULL, error) : NULL;
  GstElement *mux = parse ? plenum_element_make ("mpegtsmux", "mux", error) : NULL;
  GstElement *sink = mux ? plenum_element_make ("srtsink", "sink", error) : NULL;
  g_autoptr (GstPad) vsink = NULL;
  g_autoptr (GstPad) asink = NULL;

  if (sink == NULL) {
    g_clear_object (&vqueue);
    g_clear_object (&aqueue);
    g_clear_object (&parse);
    g_clear_object (&mux);
    return NULL;
  }
  /* A slow peer must not hold the others back: these queues drop, the tee never waits. */
  g_object_set (vqueue, "leaky", 2, "max-size-time", (guint64) 2 * GST_SECOND,
                "max-size-buffers", 0, "max-size-bytes", 0, NULL);
  g_object_set (aqueue, "leaky", 2, "max-size-time", (guint64) 2 * GST_SECOND,
                "max-size-buffers", 0, "max-size-bytes", 0, NULL);
  g_object_set (mux, "alignment", 7, NULL);
  g_object_set (sink, "uri", output->uri, "wait-for-connection", FALSE, "sync", FALSE,
                "async", FALSE, NULL);
  if (output->secret)
    g_object_set (sink, "passphrase", output->secret, NULL);
  g_object_set_data_full (G_OBJECT (bin), PEERS_KEY, g_new0 (gint, 1), g_free);
  g_object_set_data (G_OBJECT (bin), PARSER_KEY, parse);   /* owned by the bin */
  g_signal_connect_object (sink, "caller-added", G_CALLBACK (on_caller_added), bin, 0);
  g_signal_connect_object (sink, "caller-removed", G_CALLBACK (on_caller_removed), bin, 0);

  /* SPS/PPS before every keyframe: a peer joining mid-stream can start at the next one. */
  g_object_set (parse, "config-interval", -1, NULL);
  gst_bin_add_many (GST_BIN (bin), vqueue, parse, aqueue, mux, sink, NULL);
  if (!gst_element_link (vqueue, parse) ||
      !gst_element_link_pads (parse, "src", mux, "sink_%d") ||
      !gst_element_link_pads (aqueue, "src", mux, "sink_%d") || !gst_element_link (mux, sink)) {
    g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_NEGOTIATION,
                 "output %s: cannot build the SRT output", output->id);
    return NULL;
  }
  vsink = gst_element_get_static_pad (vqueue, "sink");
  asink = gst_element_get_static_pad (aqueue, "sink");
  plenum_isolated_bin_add_sink (PLENUM_ISOLATED_BIN (bin), "video", vsink);
  plenum_isolated_bin_add_sink (PLENUM_ISOLATED_BIN (bin), "audio", asink);
  g_object_force_floating (G_OBJECT (bin));
  return g_steal_pointer (&bin);
}

int
plenum_output_srt_peers (GstElement *bin)
{
  gint *peers = g_object_get_data (G_OBJECT (bin), PEERS_KEY);
  return peers ? g_atomic_int_get (peers) : 0;
}

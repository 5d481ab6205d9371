#include "pipelines/output_srt.h"

#include <string.h>
#include <gio/gio.h>
#include <gst/video/video.h>
#include "pipelines/elements.h"
#include "pipelines/output_stream_bin.h"

#define PEERS_KEY "plenum-srt-peers"

/* A new peer can only start decoding at a keyframe: ask the encoder for one now rather than
 * make the peer wait up to a whole GOP. */
static void
request_keyframe (GstElement *bin)
{
  g_autoptr (GstElement) queue = gst_bin_get_by_name (GST_BIN (bin), "queue");
  g_autoptr (GstPad) pad = gst_element_get_static_pad (queue, "sink");

  /* Upstream through the shared muxer and its parser to x264enc. */
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
  GstElement *sink = plenum_element_make ("srtsink", NULL, error);
  GstElement *bin;

  if (sink == NULL)
    return NULL;
  g_object_set (sink, "uri", output->uri, "wait-for-connection", FALSE, "sync", FALSE,
                "async", FALSE, NULL);
  if (output->secret)
    g_object_set (sink, "passphrase", output->secret, NULL);
  bin = plenum_output_stream_bin_new (output->id, PLENUM_MUX_TS, sink, error);
  if (bin == NULL)
    return NULL;
  g_object_set_data_full (G_OBJECT (bin), PEERS_KEY, g_new0 (gint, 1), g_free);
  g_signal_connect_object (sink, "caller-added", G_CALLBACK (on_caller_added), bin, 0);
  g_signal_connect_object (sink, "caller-removed", G_CALLBACK (on_caller_removed), bin, 0);
  return bin;
}

/* Adds one link's figures (a caller's stats, or one of a listener's callers) to `link`. */
static void
add_link_stats (const GstStructure *s, PlenumSrtLinkStats *link)
{
  guint64 bytes = 0;
  gint64 packets = 0;
  int lost = 0, retransmitted = 0;
  double rtt = 0;

  if (gst_structure_get_uint64 (s, "bytes-sent", &bytes))
    link->bytes_sent += bytes;
  if (gst_structure_get_int64 (s, "packets-sent", &packets))
    link->packets_sent += packets;
  if (gst_structure_get_int (s, "packets-sent-lost", &lost))
    link->packets_lost += lost;
  if (gst_structure_get_int (s, "packets-retransmitted", &retransmitted))
    link->packets_retransmitted += retransmitted;
  if (gst_structure_get_double (s, "rtt-ms", &rtt))
    link->rtt_ms = MAX (link->rtt_ms, rtt);
}

void
plenum_output_srt_link_stats (GstElement *bin, PlenumSrtLinkStats *link)
{
  g_autoptr (GstElement) sink = gst_bin_get_by_name (GST_BIN (bin), "sink");
  GstStructure *stats = NULL;
  const GValue *callers;

  memset (link, 0, sizeof *link);
  g_object_get (sink, "stats", &stats, NULL);
  if (stats == NULL)
    return;
  callers = gst_structure_get_value (stats, "callers");
  /* srtsink lists a listener's callers in a GValueArray (deprecated, but what it gives). */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (callers && G_VALUE_HOLDS (callers, g_value_array_get_type ())) {
    GValueArray *array = g_value_get_boxed (callers);
    for (guint i = 0; array && i < array->n_values; i++) {
      const GValue *v = g_value_array_get_nth (array, i);
      if (GST_VALUE_HOLDS_STRUCTURE (v))
        add_link_stats (gst_value_get_structure (v), link);
    }
  } else {
    add_link_stats (stats, link);
  }
  G_GNUC_END_IGNORE_DEPRECATIONS
  gst_structure_free (stats);
}

int
plenum_output_srt_peers (GstElement *bin)
{
  gint *peers = g_object_get_data (G_OBJECT (bin), PEERS_KEY);
  g_autoptr (GstElement) sink = gst_bin_get_by_name (GST_BIN (bin), "sink");
  GstStructure *stats = NULL;
  gboolean connected;

  if (g_atomic_int_get (peers) > 0)
    return g_atomic_int_get (peers);
  /* A caller emits no caller-added: it is connected when its socket has link statistics
   * (an unconnected srtsink only counts what it dropped, "bytes-sent-total"). */
  g_object_get (sink, "stats", &stats, NULL);
  connected = stats && gst_structure_has_field (stats, "packets-sent");
  if (stats)
    gst_structure_free (stats);
  return connected ? 1 : 0;
}

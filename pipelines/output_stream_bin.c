#include "pipelines/output_stream_bin.h"

#include "pipelines/elements.h"
#include "pipelines/gop_dropper.h"
#include "pipelines/isolated_bin.h"

#define FLV_TAG_HEADER 11
#define REBASE_KEY "plenum-flv-rebase"
#define FORMAT_KEY "plenum-stream-format"

static gboolean
is_entry (GstBuffer *buffer, gpointer format)
{
  return plenum_mux_feed_is_entry_point (GPOINTER_TO_INT (format), buffer);
}

/* An FLV tag's time: 24 bits of milliseconds, then 8 more above them. */
static guint32
flv_time (const guint8 *tag)
{
  return (guint32) tag[4] << 16 | (guint32) tag[5] << 8 | tag[6] | (guint32) tag[7] << 24;
}

static void
flv_set_time (guint8 *tag, guint32 ms)
{
  tag[4] = ms >> 16 & 0xff;
  tag[5] = ms >> 8 & 0xff;
  tag[6] = ms & 0xff;
  tag[7] = ms >> 24 & 0xff;
}

/* The shared muxer counts from the show's start; this destination's RTMP publish counts from
 * its own first tag (always a keyframe). Only the 11-byte tag header is copied. */
static GstPadProbeReturn
rebase_flv_time (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  gint64 *first_ms = user_data;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
  guint8 header[FLV_TAG_HEADER];
  guint32 ms;
  GstBuffer *rebased;
  (void) pad;

  if (gst_buffer_extract (buffer, 0, header, sizeof header) != sizeof header)
    return GST_PAD_PROBE_OK;
  ms = flv_time (header);
  if (*first_ms < 0) {
    /* Counting starts at the first keyframe; nothing before it is a tag to move (the dropper
     * lets none through, and rtmp2sink skips the FLV file header). */
    if (!plenum_mux_feed_is_entry_point (PLENUM_MUX_FLV, buffer))
      return GST_PAD_PROBE_OK;
    *first_ms = ms;
  }
  if (*first_ms == 0)
    return GST_PAD_PROBE_OK;
  flv_set_time (header, ms >= *first_ms ? ms - (guint32) *first_ms : 0);
  rebased = gst_buffer_new_memdup (header, sizeof header);
  gst_buffer_copy_into (rebased, buffer, GST_BUFFER_COPY_FLAGS | GST_BUFFER_COPY_TIMESTAMPS, 0, -1);
  rebased = gst_buffer_append (rebased, gst_buffer_copy_region (buffer, GST_BUFFER_COPY_MEMORY,
                                                                sizeof header, -1));
  gst_buffer_unref (buffer);
  GST_PAD_PROBE_INFO_DATA (info) = rebased;
  return GST_PAD_PROBE_OK;
}

GstElement *
plenum_output_stream_bin_new (const char *id, PlenumMuxFormat format, GstElement *sink,
                              GError **error)
{
  g_autoptr (GstElement) bin = gst_object_ref_sink (plenum_isolated_bin_new (id));
  g_autoptr (GstPad) queue_sink = NULL;
  GstElement *queue;

  gst_object_set_name (GST_OBJECT (sink), "sink");
  gst_bin_add (GST_BIN (bin), sink);
  queue = plenum_element_make ("queue", "queue", error);
  if (queue == NULL)
    return NULL;
  gst_bin_add (GST_BIN (bin), queue);
  if (!gst_element_link (queue, sink)) {
    g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_NEGOTIATION,
                 "output %s: cannot link its queue to its sink", id);
    return NULL;
  }
  plenum_gop_dropper_attach (bin, queue, is_entry, GINT_TO_POINTER (format));
  /* + 1: a bin without the key reads back as NULL. */
  g_object_set_data (G_OBJECT (bin), FORMAT_KEY, GINT_TO_POINTER (format + 1));
  if (format == PLENUM_MUX_FLV) {
    gint64 *first_ms = g_new (gint64, 1);
    g_autoptr (GstPad) queue_src = gst_element_get_static_pad (queue, "src");

    *first_ms = -1;
    g_object_set_data_full (G_OBJECT (bin), REBASE_KEY, first_ms, g_free);
    gst_pad_add_probe (queue_src, GST_PAD_PROBE_TYPE_BUFFER, rebase_flv_time, first_ms, NULL);
  }
  queue_sink = gst_element_get_static_pad (queue, "sink");
  plenum_isolated_bin_add_sink (PLENUM_ISOLATED_BIN (bin), "stream", queue_sink);
  g_object_force_floating (G_OBJECT (bin));
  return g_steal_pointer (&bin);
}

gboolean
plenum_output_stream_bin_format (GstElement *bin, PlenumMuxFormat *format)
{
  gint stored = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (bin), FORMAT_KEY));

  if (stored == 0)
    return FALSE;
  *format = stored - 1;
  return TRUE;
}

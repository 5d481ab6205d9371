/* Tests for pipelines/ts_chunker.c: MPEG-TS cut into SRT messages, nothing held back or lost. */
#include <gst/gst.h>
#include <string.h>
#include "pipelines/ts_chunker.h"

typedef struct {
  GByteArray *muxed;     /* what mpegtsmux gave out */
  GByteArray *sent;      /* what left the chunker, message after message */
  guint messages;
  guint too_big;         /* messages over 1316 bytes */
  guint not_whole;       /* messages not made of whole 188-byte packets */
  guint headers;         /* messages still flagged HEADER */
} Seen;

static void
append_buffer (GByteArray *bytes, GstBuffer *buffer)
{
  GstMapInfo map;

  g_assert_true (gst_buffer_map (buffer, &map, GST_MAP_READ));
  g_byte_array_append (bytes, map.data, (guint) map.size);
  gst_buffer_unmap (buffer, &map);
}

static void
add_muxed (Seen *seen, GstBuffer *buffer)
{
  append_buffer (seen->muxed, buffer);
}

static void
check_message (Seen *seen, GstBuffer *buffer)
{
  gsize size = gst_buffer_get_size (buffer);
  guint before = seen->sent->len;

  seen->messages++;
  seen->too_big += size > PLENUM_TS_CHUNK_BYTES;
  seen->headers += GST_BUFFER_FLAG_IS_SET (buffer, GST_BUFFER_FLAG_HEADER);
  append_buffer (seen->sent, buffer);
  if (size % 188 != 0 || seen->sent->data[before] != 0x47)
    seen->not_whole++;
}

/* A pad probe that hands every buffer, alone or in a list, to `func`. */
typedef struct {
  void (*func) (Seen *seen, GstBuffer *buffer);
  Seen *seen;
} Watch;

static gboolean
watch_buffer (GstBuffer **buffer, guint index, gpointer user_data)
{
  Watch *watch = user_data;
  (void) index;
  watch->func (watch->seen, *buffer);
  return TRUE;
}

static GstPadProbeReturn
on_data (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  Watch *watch = user_data;
  (void) pad;
  if (info->type & GST_PAD_PROBE_TYPE_BUFFER_LIST)
    gst_buffer_list_foreach (GST_PAD_PROBE_INFO_BUFFER_LIST (info), watch_buffer, watch);
  else
    watch->func (watch->seen, GST_PAD_PROBE_INFO_BUFFER (info));
  return GST_PAD_PROBE_OK;
}

#define DATA_PROBE (GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_BUFFER_LIST)

/* H.264 and AAC into mpegtsmux (alignment=0, as the SRT output has it) and the chunker. */
static void
test_cuts_a_real_stream_into_whole_messages (void)
{
  g_autoptr (GstElement) pipeline = gst_parse_launch (
      "videotestsrc num-buffers=90 pattern=ball ! video/x-raw,width=320,height=240,framerate=30/1 "
      "! x264enc tune=zerolatency key-int-max=30 ! h264parse config-interval=-1 "
      "! mpegtsmux name=mux alignment=0 "
      "audiotestsrc num-buffers=140 ! audio/x-raw,rate=48000 ! avenc_aac ! aacparse ! mux.",
      NULL);
  GstElement *chunker = plenum_ts_chunker_new ("chunker");
  GstElement *sink = gst_element_factory_make ("fakesink", NULL);
  g_autoptr (GstElement) mux = gst_bin_get_by_name (GST_BIN (pipeline), "mux");
  g_autoptr (GstPad) mux_src = gst_element_get_static_pad (mux, "src");
  g_autoptr (GstPad) sink_pad = gst_element_get_static_pad (sink, "sink");
  g_autoptr (GstBus) bus = gst_element_get_bus (pipeline);
  g_autoptr (GstMessage) end = NULL;
  Seen seen = { g_byte_array_new (), g_byte_array_new (), 0, 0, 0, 0 };
  Watch muxed = { add_muxed, &seen }, sent = { check_message, &seen };
  gboolean video_seen = FALSE;

  gst_bin_add_many (GST_BIN (pipeline), chunker, sink, NULL);
  g_assert_true (gst_element_link_many (mux, chunker, sink, NULL));
  gst_pad_add_probe (mux_src, DATA_PROBE, on_data, &muxed, NULL);
  gst_pad_add_probe (sink_pad, DATA_PROBE, on_data, &sent, NULL);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  end = gst_bus_timed_pop_filtered (bus, 30 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  g_assert_nonnull (end);
  g_assert_cmpint (GST_MESSAGE_TYPE (end), ==, GST_MESSAGE_EOS);

  g_assert_cmpuint (seen.muxed->len, >, 50 * 188);
  g_assert_cmpuint (seen.sent->len, ==, seen.muxed->len);
  g_assert_true (memcmp (seen.sent->data, seen.muxed->data, seen.muxed->len) == 0);
  g_assert_cmpuint (seen.too_big, ==, 0);
  g_assert_cmpuint (seen.not_whole, ==, 0);
  /* mpegtsmux flags the packets it hands out HEADER, which srtsink would drop. */
  g_assert_cmpuint (seen.headers, ==, 0);
  /* Grouped, not one packet a message. */
  g_assert_cmpuint (seen.messages, <, seen.sent->len / 188 / 3);
  for (guint i = 0; i + 188 <= seen.sent->len; i += 188) {
    guint pid = ((seen.sent->data[i + 1] & 0x1f) << 8) | seen.sent->data[i + 2];
    video_seen |= pid == 0x41;
  }
  g_assert_true (video_seen);
  g_byte_array_unref (seen.muxed);
  g_byte_array_unref (seen.sent);
}

/* A buffer larger than one message is cut at 1316 bytes; one that fits passes whole. */
static void
test_cuts_a_large_buffer (void)
{
  g_autoptr (GstElement) pipeline = gst_pipeline_new (NULL);
  GstElement *src = gst_element_factory_make ("appsrc", NULL);
  GstElement *chunker = plenum_ts_chunker_new ("chunker");
  GstElement *sink = gst_element_factory_make ("fakesink", NULL);
  g_autoptr (GstPad) sink_pad = gst_element_get_static_pad (sink, "sink");
  g_autoptr (GstBus) bus = gst_element_get_bus (pipeline);
  g_autoptr (GstMessage) end = NULL;
  Seen seen = { g_byte_array_new (), g_byte_array_new (), 0, 0, 0, 0 };
  Watch sent = { check_message, &seen };
  guint8 *data = g_malloc (20 * 188);
  GstBuffer *buffer;
  GstFlowReturn pushed = GST_FLOW_ERROR;

  for (guint i = 0; i < 20 * 188; i++)
    data[i] = i % 188 == 0 ? 0x47 : (guint8) i;
  gst_bin_add_many (GST_BIN (pipeline), src, chunker, sink, NULL);
  g_assert_true (gst_element_link_many (src, chunker, sink, NULL));
  gst_pad_add_probe (sink_pad, DATA_PROBE, on_data, &sent, NULL);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  buffer = gst_buffer_new_wrapped (data, 20 * 188);
  GST_BUFFER_FLAG_SET (buffer, GST_BUFFER_FLAG_HEADER);
  g_signal_emit_by_name (src, "push-buffer", buffer, &pushed);
  gst_buffer_unref (buffer);
  g_assert_cmpint (pushed, ==, GST_FLOW_OK);
  g_signal_emit_by_name (src, "end-of-stream", &pushed);
  end = gst_bus_timed_pop_filtered (bus, 10 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  g_assert_nonnull (end);
  g_assert_cmpint (GST_MESSAGE_TYPE (end), ==, GST_MESSAGE_EOS);
  g_assert_cmpuint (seen.messages, ==, 3);   /* 7 + 7 + 6 packets */
  g_assert_cmpuint (seen.sent->len, ==, 20 * 188);
  g_assert_cmpuint (seen.too_big + seen.not_whole + seen.headers, ==, 0);
  g_byte_array_unref (seen.muxed);
  g_byte_array_unref (seen.sent);
}

int
main (int argc, char **argv)
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pipelines/ts-chunker/cuts-a-real-stream-into-whole-messages",
                   test_cuts_a_real_stream_into_whole_messages);
  g_test_add_func ("/pipelines/ts-chunker/cuts-a-large-buffer", test_cuts_a_large_buffer);
  return g_test_run ();
}

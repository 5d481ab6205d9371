/* test_handover.c — a source's sound stays with its picture when the picture comes later. */
#include <gst/gst.h>
#include <gst/app/app.h>
#include "pipelines/handover.h"

/* The source pipeline holds its picture back this long, as a slow decoder would. */
#define PICTURE_HELD (200 * GST_MSECOND)

typedef struct {
  GMutex lock;
  GCond changed;
  GArray *offsets[2];   /* of GstClockTimeDiff: program time minus source time; video, audio */
  GstClockTime last_time;
} Received;

static GstCaps *
reference_caps (void)
{
  return gst_caps_new_empty_simple ("timestamp/x-plenum-source");
}

/* Notes on each buffer the running time it has in the source pipeline. */
static GstPadProbeReturn
note_source_time (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  g_autoptr (GstCaps) caps = reference_caps ();
  GstBuffer *buffer = gst_buffer_make_writable (GST_PAD_PROBE_INFO_BUFFER (info));
  GstEvent *event = gst_pad_get_sticky_event (pad, GST_EVENT_SEGMENT, 0);
  const GstSegment *segment;
  (void) user_data;

  gst_event_parse_segment (event, &segment);
  gst_buffer_add_reference_timestamp_meta (
      buffer, caps, gst_segment_to_running_time (segment, GST_FORMAT_TIME, GST_BUFFER_PTS (buffer)),
      GST_CLOCK_TIME_NONE);
  gst_event_unref (event);
  GST_PAD_PROBE_INFO_DATA (info) = buffer;
  return GST_PAD_PROBE_OK;
}

static GstFlowReturn
on_program_sample (GstAppSink *sink, gpointer user_data)
{
  Received *received = user_data;
  g_autoptr (GstSample) sample = gst_app_sink_pull_sample (sink);
  g_autoptr (GstCaps) caps = reference_caps ();
  GstBuffer *buffer = gst_sample_get_buffer (sample);
  GstReferenceTimestampMeta *meta = gst_buffer_get_reference_timestamp_meta (buffer, caps);
  int kind = g_str_equal (gst_element_get_name (GST_ELEMENT (sink)), "video") ? 0 : 1;
  GstClockTimeDiff offset;

  g_assert_nonnull (meta);
  offset = GST_CLOCK_DIFF (meta->timestamp, GST_BUFFER_PTS (buffer));
  g_mutex_lock (&received->lock);
  g_array_append_val (received->offsets[kind], offset);
  received->last_time = GST_BUFFER_PTS (buffer);
  g_cond_signal (&received->changed);
  g_mutex_unlock (&received->lock);
  return GST_FLOW_OK;
}

static GstElement *
program_branch (GstBin *program, GstElement *appsrc, const char *name, Received *received)
{
  GstAppSinkCallbacks callbacks = { .new_sample = on_program_sample };
  GstElement *sink = gst_element_factory_make ("appsink", name);

  g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
  gst_app_sink_set_callbacks (GST_APP_SINK (sink), &callbacks, received, NULL);
  gst_bin_add_many (program, appsrc, sink, NULL);
  g_assert_true (gst_element_link (appsrc, sink));
  return sink;
}

static gint
compare_diffs (gconstpointer a, gconstpointer b)
{
  GstClockTimeDiff x = *(const GstClockTimeDiff *) a, y = *(const GstClockTimeDiff *) b;
  return x < y ? -1 : x > y;
}

static GstClockTimeDiff
median_of_last (GArray *values, guint count)
{
  g_autoptr (GArray) last = g_array_new (FALSE, FALSE, sizeof (GstClockTimeDiff));

  g_assert_cmpuint (values->len, >=, count);
  g_array_append_vals (last, &g_array_index (values, GstClockTimeDiff, values->len - count), count);
  g_array_sort (last, compare_diffs);
  return g_array_index (last, GstClockTimeDiff, count / 2);
}

static void
test_sound_stays_with_a_later_picture (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PlenumHandover) handover = plenum_handover_new ("cam", &error);
  g_autoptr (GstElement) program = gst_pipeline_new ("program");
  g_autoptr (GstElement) source = NULL;
  GstElement *video_sink, *audio_sink, *video_tail, *audio_tail;
  Received received = { 0 };
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  GstClockTimeDiff video_offset, audio_offset, delay;

  g_assert_no_error (error);
  g_mutex_init (&received.lock);
  g_cond_init (&received.changed);
  received.offsets[0] = g_array_new (FALSE, FALSE, sizeof (GstClockTimeDiff));
  received.offsets[1] = g_array_new (FALSE, FALSE, sizeof (GstClockTimeDiff));
  program_branch (GST_BIN (program), plenum_handover_video_source (handover), "video", &received);
  program_branch (GST_BIN (program), plenum_handover_audio_source (handover), "audio", &received);
  g_assert_cmpint (gst_element_set_state (program, GST_STATE_PLAYING), !=, GST_STATE_CHANGE_FAILURE);

  source = gst_object_ref_sink (gst_parse_launch (
      "videotestsrc is-live=true name=v ! video/x-raw,width=64,height=36,framerate=30/1 "
      "! queue min-threshold-time=200000000 max-size-time=1000000000 "
      "max-size-buffers=0 max-size-bytes=0 name=vtail "
      "audiotestsrc is-live=true samplesperbuffer=480 name=a ! audio/x-raw,rate=48000 "
      "! identity name=atail", &error));
  g_assert_no_error (error);
  {
    g_autoptr (GstElement) v = gst_bin_get_by_name (GST_BIN (source), "v");
    g_autoptr (GstElement) a = gst_bin_get_by_name (GST_BIN (source), "a");
    g_autoptr (GstPad) vpad = gst_element_get_static_pad (v, "src");
    g_autoptr (GstPad) apad = gst_element_get_static_pad (a, "src");
    gst_pad_add_probe (vpad, GST_PAD_PROBE_TYPE_BUFFER, note_source_time, NULL, NULL);
    gst_pad_add_probe (apad, GST_PAD_PROBE_TYPE_BUFFER, note_source_time, NULL, NULL);
  }
  g_assert_true (plenum_handover_new_sinks (handover, FALSE, &video_sink, &audio_sink, &error));
  gst_bin_add_many (GST_BIN (source), video_sink, audio_sink, NULL);
  video_tail = gst_bin_get_by_name (GST_BIN (source), "vtail");
  audio_tail = gst_bin_get_by_name (GST_BIN (source), "atail");
  g_assert_true (gst_element_link (video_tail, video_sink));
  g_assert_true (gst_element_link (audio_tail, audio_sink));
  gst_object_unref (video_tail);
  gst_object_unref (audio_tail);
  g_assert_cmpint (gst_element_set_state (source, GST_STATE_PLAYING), !=, GST_STATE_CHANGE_FAILURE);

  /* Two seconds of picture after the first second, in which the delay is learnt. */
  g_mutex_lock (&received.lock);
  while (received.offsets[0]->len < 90 || received.offsets[1]->len < 300)
    g_assert_true (g_cond_wait_until (&received.changed, &received.lock, deadline));
  video_offset = median_of_last (received.offsets[0], 30);
  audio_offset = median_of_last (received.offsets[1], 100);
  g_assert_cmpuint (received.last_time, <, 60 * GST_SECOND);   /* running times, not clock times */
  g_mutex_unlock (&received.lock);
  gst_element_set_state (source, GST_STATE_NULL);
  gst_element_set_state (program, GST_STATE_NULL);

  /* Both moved by the same amount: sound and picture of one moment stay together. */
  g_assert_cmpint (ABS (video_offset - audio_offset), <, GST_MSECOND);
  /* And by what the picture needed: it arrived up to 200 ms after its time (the queue lets a
   * frame go once 200 ms of frames are behind it, its own duration included). */
  delay = plenum_handover_delay (handover);
  g_assert_cmpint (delay, >=, (GstClockTimeDiff) (PICTURE_HELD * 3 / 4));
  g_assert_cmpint (delay, <, (GstClockTimeDiff) (PICTURE_HELD + 300 * GST_MSECOND));

  g_array_unref (received.offsets[0]);
  g_array_unref (received.offsets[1]);
  g_cond_clear (&received.changed);
  g_mutex_clear (&received.lock);
}

int
main (int argc, char **argv)
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/handover/sound-stays-with-a-picture-that-arrives-later",
                   test_sound_stays_with_a_later_picture);
  return g_test_run ();
}

/* test_live_ts_mux.c — the live MPEG-TS muxer gives out a picture once the latency has passed,
 * without waiting for the sound, but not before it knows every input's format. */
#include <gst/gst.h>
#include <gst/check/gstharness.h>
#include <gst/check/gsttestclock.h>
#include "pipelines/live_ts_mux.h"

#define LATENCY (33 * GST_MSECOND)
#define NO_WAIT_MS 200

typedef struct {
  GstElement *mux;           /* (owned ref) */
  GstHarness *video;         /* feeds the picture pad and takes the stream out */
  GstHarness *sound;         /* feeds the sound pad */
  GstTestClock *clock;       /* (owned ref) the muxer's clock */
} Mux;

/* A live muxer with a picture and a sound input, both reporting LATENCY upstream. */
static void
mux_init (Mux *mux)
{
  g_autoptr (GError) error = NULL;

  mux->mux = plenum_live_ts_mux_new ("ts-mux", &error);
  g_assert_no_error (error);
  gst_object_ref_sink (mux->mux);
  g_object_set (mux->mux, "alignment", 0, NULL);
  mux->video = gst_harness_new_with_element (mux->mux, "sink_%d", "src");
  mux->sound = gst_harness_new_with_element (mux->mux, "sink_%d", NULL);
  gst_harness_use_testclock (mux->video);
  mux->clock = gst_harness_get_testclock (mux->video);
  gst_harness_set_upstream_latency (mux->video, LATENCY);
  gst_harness_set_upstream_latency (mux->sound, LATENCY);
  /* As a pipeline's sink would: the aggregator learns that it is live, and its latency. */
  g_assert_cmpuint (gst_harness_query_latency (mux->video), ==, LATENCY);
  gst_harness_set_src_caps_str (mux->video, "video/x-h264, stream-format=byte-stream, "
                                            "alignment=au, width=640, height=360, "
                                            "framerate=30/1");
}

static void
mux_clear (Mux *mux)
{
  gst_object_unref (mux->clock);
  gst_harness_teardown (mux->sound);
  gst_harness_teardown (mux->video);
  gst_object_unref (mux->mux);
}

static void
set_sound_caps (Mux *mux)
{
  gst_harness_set_src_caps_str (mux->sound, "audio/mpeg, mpegversion=4, framed=true, stream-format=adts, "
                                            "rate=48000, channels=2");
}

/* One H.264 access unit (an access unit delimiter and a slice) at `time`. */
static void
push_picture (Mux *mux, GstClockTime time)
{
  static const guint8 unit[] = { 0, 0, 0, 1, 0x09, 0xf0, 0, 0, 0, 1, 0x65, 0x88, 0x84, 0x00 };
  GstBuffer *buffer = gst_buffer_new_memdup (unit, sizeof unit);

  GST_BUFFER_PTS (buffer) = GST_BUFFER_DTS (buffer) = time;
  GST_BUFFER_DURATION (buffer) = GST_SECOND / 30;
  g_assert_cmpint (gst_harness_push (mux->video, buffer), ==, GST_FLOW_OK);
}

/* Waits (up to NO_WAIT_MS) for the muxer to wait on its clock; if it does, checks that it waits
 * for `deadline`, lets the clock reach it and returns TRUE. */
static gboolean
release_clock_wait (Mux *mux, GstClockTime deadline)
{
  GstClockID id = NULL;

  if (!gst_test_clock_timed_wait_for_multiple_pending_ids (mux->clock, 1, NO_WAIT_MS, NULL))
    return FALSE;
  gst_test_clock_wait_for_next_pending_id (mux->clock, &id);
  g_assert_cmpuint (gst_clock_id_get_time (id), ==, deadline);
  gst_clock_id_unref (id);
  gst_test_clock_set_time (mux->clock, deadline);
  gst_test_clock_crank (mux->clock);
  return TRUE;
}

/* The sound is late: the picture leaves at its time plus the latency, not when the sound comes. */
static void
test_picture_leaves_after_the_latency (void)
{
  Mux mux;
  GstBuffer *packet;

  mux_init (&mux);
  set_sound_caps (&mux);
  push_picture (&mux, 0);
  g_assert_true (release_clock_wait (&mux, LATENCY));
  packet = gst_harness_pull (mux.video);
  g_assert_nonnull (packet);
  g_assert_cmpuint (gst_buffer_get_size (packet), ==, 188);
  gst_buffer_unref (packet);
  mux_clear (&mux);
}

/* mpegtsmux makes all its streams with its first buffer and fails on a pad without a format:
 * until the sound pad has caps there is no deadline, only waiting for data. */
static void
test_waits_for_every_format_first (void)
{
  Mux mux;

  mux_init (&mux);
  push_picture (&mux, 0);
  g_assert_false (release_clock_wait (&mux, LATENCY));
  g_assert_cmpuint (gst_harness_buffers_received (mux.video), ==, 0);
  set_sound_caps (&mux);
  push_picture (&mux, GST_SECOND / 30);
  g_assert_true (release_clock_wait (&mux, LATENCY));
  gst_buffer_unref (gst_harness_pull (mux.video));
  mux_clear (&mux);
}

int
main (int argc, char **argv)
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/live-ts-mux/picture-leaves-after-the-latency-without-the-sound",
                   test_picture_leaves_after_the_latency);
  g_test_add_func ("/live-ts-mux/waits-for-every-input-format-first",
                   test_waits_for_every_format_first);
  return g_test_run ();
}

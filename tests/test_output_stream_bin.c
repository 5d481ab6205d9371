/* Tests for pipelines/mux_feed.c, output_stream_bin.c and gop_dropper.c: destinations that
 * share one muxed stream join at a keyframe, start their FLV time at 0, lose whole GOPs when
 * they fall behind, and never hold the muxer or the encoder. */
#include <string.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include "pipelines/gop_dropper.h"
#include "pipelines/mux_feed.h"
#include "pipelines/output_stream_bin.h"

#define FPS 30
#define GOP 15   /* frames: a keyframe every half second */

typedef struct {
  GstElement *pipeline;
  GstElement *feed_tee;
  gint frames_in;   /* atomic: frames into the shared muxer's parser */
} Show;

static GstPadProbeReturn
count_frame (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  (void) pad;
  (void) info;
  g_atomic_int_inc ((gint *) user_data);
  return GST_PAD_PROBE_OK;
}

/* A live 160×120 H.264 + AAC program, as the encoder makes it, and the shared muxer. */
static void
show_start (Show *show, PlenumMuxFormat format)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GstElement) video_tee = NULL;
  g_autoptr (GstElement) audio_tee = NULL;
  g_autoptr (GstElement) parse = NULL;
  g_autoptr (GstPad) parse_sink = NULL;
  g_autofree char *description = g_strdup_printf (
      "videotestsrc is-live=true pattern=ball ! video/x-raw,width=160,height=120,framerate=%d/1 "
      "! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=%d ! h264parse "
      "! tee name=vt allow-not-linked=true "
      "audiotestsrc is-live=true ! audio/x-raw,rate=48000,channels=2 ! avenc_aac ! aacparse "
      "! tee name=at allow-not-linked=true", FPS, GOP);

  memset (show, 0, sizeof *show);
  show->pipeline = gst_parse_launch (description, &error);
  g_assert_no_error (error);
  video_tee = gst_bin_get_by_name (GST_BIN (show->pipeline), "vt");
  audio_tee = gst_bin_get_by_name (GST_BIN (show->pipeline), "at");
  show->feed_tee = plenum_mux_feed_new (GST_BIN (show->pipeline), format, video_tee, audio_tee,
                                        &error);
  g_assert_no_error (error);
  g_assert_nonnull (show->feed_tee);
  parse = gst_bin_get_by_name (GST_BIN (show->pipeline),
                               format == PLENUM_MUX_FLV ? "flv-parse" : "ts-parse");
  parse_sink = gst_element_get_static_pad (parse, "sink");
  gst_pad_add_probe (parse_sink, GST_PAD_PROBE_TYPE_BUFFER, count_frame, &show->frames_in, NULL);
  g_assert_cmpint (gst_element_set_state (show->pipeline, GST_STATE_PLAYING), !=,
                   GST_STATE_CHANGE_FAILURE);
}

static void
show_stop (Show *show)
{
  gst_element_set_state (show->pipeline, GST_STATE_NULL);
  gst_object_unref (show->pipeline);
}

static void
wait_ms (int ms)
{
  g_usleep ((gulong) ms * 1000);
}

/* Adds a destination while the show plays, as pipelines/output.c does. */
static GstElement *
join (Show *show, const char *id, PlenumMuxFormat format, GstElement *sink)
{
  g_autoptr (GError) error = NULL;
  GstElement *bin = plenum_output_stream_bin_new (id, format, sink, &error);
  GstPad *tee_pad;
  g_autoptr (GstPad) stream = NULL;

  g_assert_no_error (error);
  {
    PlenumMuxFormat taken = format == PLENUM_MUX_FLV ? PLENUM_MUX_TS : PLENUM_MUX_FLV;
    g_assert_true (plenum_output_stream_bin_format (bin, &taken));   /* what output.c links */
    g_assert_cmpint (taken, ==, format);
  }
  gst_bin_add (GST_BIN (show->pipeline), bin);
  gst_element_sync_state_with_parent (bin);
  stream = gst_element_get_static_pad (bin, "stream");
  tee_pad = gst_element_request_pad_simple (show->feed_tee, "src_%u");
  g_assert_cmpint (gst_pad_link (tee_pad, stream), ==, GST_PAD_LINK_OK);
  gst_object_unref (tee_pad);
  return bin;
}

static GstElement *
app_sink (guint max_buffers)
{
  GstElement *sink = gst_element_factory_make ("appsink", NULL);
  g_object_set (sink, "sync", FALSE, "max-buffers", max_buffers, "drop", FALSE, NULL);
  return sink;
}

typedef struct {
  guint8 type;
  guint32 ms;
  gboolean keyframe;
} Tag;

static Tag
tag_of (GstBuffer *buffer)
{
  guint8 header[11] = { 0 };
  Tag tag;

  g_assert_cmpuint (gst_buffer_extract (buffer, 0, header, sizeof header), ==, sizeof header);
  tag.type = header[0] & 0x1f;
  tag.ms = (guint32) header[4] << 16 | (guint32) header[5] << 8 | header[6] |
           (guint32) header[7] << 24;
  tag.keyframe = plenum_mux_feed_is_entry_point (PLENUM_MUX_FLV, buffer);
  return tag;
}

/* A destination joining 1.2 s in starts at a keyframe, at FLV time 0, and gets the same tags
 * as the shared muxer makes, only earlier in time by the join. */
static void
test_flv_join (void)
{
  Show show;
  GstElement *sink = app_sink (0);
  g_autoptr (GstSample) first = NULL;
  Tag tag, previous;
  guint keyframes = 0, tags = 1;

  show_start (&show, PLENUM_MUX_FLV);
  wait_ms (1200);
  join (&show, "late", PLENUM_MUX_FLV, sink);
  first = gst_app_sink_try_pull_sample (GST_APP_SINK (sink), 5 * GST_SECOND);
  g_assert_nonnull (first);
  tag = tag_of (gst_sample_get_buffer (first));
  g_assert_cmpuint (tag.type, ==, 9);
  g_assert_true (tag.keyframe);
  g_assert_cmpuint (tag.ms, ==, 0);
  /* The muxer itself was a second in: the join, not the muxer, restarted the clock. */
  g_assert_cmpuint (GST_BUFFER_PTS (gst_sample_get_buffer (first)), >=, GST_SECOND);
  previous = tag;
  while (tags < 60) {
    g_autoptr (GstSample) sample = gst_app_sink_try_pull_sample (GST_APP_SINK (sink),
                                                                 2 * GST_SECOND);
    g_assert_nonnull (sample);
    tag = tag_of (gst_sample_get_buffer (sample));
    tags++;
    if (tag.type == 9) {
      g_assert_cmpuint (tag.ms, >=, previous.ms);
      g_assert_cmpuint (tag.ms, <, 3000);
      previous = tag;
      keyframes += tag.keyframe;
    }
  }
  g_assert_cmpuint (keyframes, >=, 1);
  show_stop (&show);
}

/* MPEG-TS: a destination's first message opens a keyframe (srtsink sends PAT/PMT from the
 * caps to each new peer first). */
static void
test_ts_join (void)
{
  Show show;
  GstElement *sink = app_sink (0);
  g_autoptr (GstSample) first = NULL;
  guint8 packet[6];
  guint pid;
  GstBuffer *buffer;

  show_start (&show, PLENUM_MUX_TS);
  wait_ms (1100);
  join (&show, "late", PLENUM_MUX_TS, sink);
  first = gst_app_sink_try_pull_sample (GST_APP_SINK (sink), 5 * GST_SECOND);
  g_assert_nonnull (first);
  buffer = gst_sample_get_buffer (first);
  if (buffer == NULL)
    buffer = gst_buffer_list_get (gst_sample_get_buffer_list (first), 0);
  g_assert_nonnull (buffer);
  g_assert_true (plenum_mux_feed_is_entry_point (PLENUM_MUX_TS, buffer));
  g_assert_cmpuint (gst_buffer_extract (buffer, 0, packet, sizeof packet), ==, sizeof packet);
  g_assert_cmpuint (packet[0], ==, 0x47);
  pid = (packet[1] & 0x1fu) << 8 | packet[2];
  if (pid != 0) {
    /* Not a PAT: the keyframe's own first packet, starting its PES, random access marked. */
    g_assert_true (packet[1] & 0x40);                   /* payload_unit_start_indicator */
    g_assert_true ((packet[3] & 0x20) && packet[4] > 0);   /* an adaptation field */
    g_assert_true (packet[5] & 0x40);                   /* random_access_indicator */
  }
  g_assert_cmpuint (gst_buffer_get_size (buffer), <=, 1316);
  g_assert_false (GST_BUFFER_FLAG_IS_SET (buffer, GST_BUFFER_FLAG_HEADER));
  show_stop (&show);
}

/* Starts a show in `format` with two destinations and stalls one (nobody pulls from
 * `slow_sink`) for 3.75 s: the encoder and muxer must not wait for it, and it must have
 * dropped at least one GOP. Returns the slow destination's bin. */
static GstElement *
stall_one_destination (Show *show, PlenumMuxFormat format, GstElement *slow_sink)
{
  GstElement *fast_sink = gst_element_factory_make ("fakesink", NULL);
  GstElement *slow;
  gint frames_before, frames_after;

  show_start (show, format);
  g_object_set (fast_sink, "sync", FALSE, NULL);
  slow = join (show, "slow", format, slow_sink);
  join (show, "fast", format, fast_sink);
  wait_ms (500);
  frames_before = g_atomic_int_get (&show->frames_in);
  wait_ms (3750);   /* it resumes mid-GOP */
  frames_after = g_atomic_int_get (&show->frames_in);
  /* 3.75 s at 30 fps: the encoder and muxer never waited for the slow destination. */
  g_assert_cmpint (frames_after - frames_before, >=, 3 * FPS);
  g_assert_cmpuint (plenum_gop_dropper_count (slow), >=, 1);
  return slow;
}

/* A destination that stops taking data for 3.75 s: the muxer and a second destination go on
 * at full rate, the slow one drops whole GOPs and, when it takes data again, every jump in
 * its stream lands on a keyframe. */
static void
test_slow_destination_drops_whole_gops (void)
{
  Show show;
  GstElement *slow_sink = app_sink (1);
  guint jumps = 0, video = 0;
  guint32 last_ms = 0;

  stall_one_destination (&show, PLENUM_MUX_FLV, slow_sink);
  for (;;) {
    g_autoptr (GstSample) sample = gst_app_sink_try_pull_sample (GST_APP_SINK (slow_sink),
                                                                 GST_SECOND / 2);
    Tag tag;

    if (sample == NULL)
      break;
    tag = tag_of (gst_sample_get_buffer (sample));
    if (tag.type != 9)
      continue;
    if (video > 0 && tag.ms > last_ms + 200) {
      jumps++;
      g_assert_true (tag.keyframe);   /* never a picture without its references */
    }
    last_ms = tag.ms;
    if (++video > 6 * FPS)
      break;
  }
  g_assert_cmpuint (jumps, >=, 1);
  show_stop (&show);
}

/* The PTS (90 kHz) of the video PES that `packet` starts, or -1; *random_access says whether
 * the packet is marked as a keyframe's. */
static gint64
video_pes_start (const guint8 *packet, gboolean *random_access)
{
  guint adaptation = (packet[3] >> 4) & 3;
  guint payload = 4 + ((adaptation & 2) ? 1u + packet[4] : 0u);
  const guint8 *pes = packet + payload;

  *random_access = (adaptation & 2) && packet[4] > 0 && (packet[5] & 0x40);
  if (!(packet[1] & 0x40) || !(adaptation & 1) || payload + 14 > 188 ||
      pes[0] != 0 || pes[1] != 0 || pes[2] != 1 || (pes[3] & 0xf0) != 0xe0 || !(pes[7] & 0x80))
    return -1;
  return (gint64) ((pes[9] >> 1) & 7) << 30 | (gint64) pes[10] << 22 |
         (gint64) (pes[11] >> 1) << 15 | (gint64) pes[12] << 7 | pes[13] >> 1;
}

/* The same for an SRT destination: MPEG-TS messages in buffer lists, the dropper measuring
 * the queue by the chunker's times. Every jump in the video's PTS lands on a packet that
 * starts a keyframe. */
static void
test_slow_ts_destination_drops_whole_gops (void)
{
  Show show;
  GstElement *slow_sink = app_sink (1);
  guint jumps = 0, pictures = 0;
  gint64 last_pts = -1;

  stall_one_destination (&show, PLENUM_MUX_TS, slow_sink);
  while (pictures <= 6 * FPS) {
    g_autoptr (GstSample) sample = gst_app_sink_try_pull_sample (GST_APP_SINK (slow_sink),
                                                                 GST_SECOND / 2);
    GstMapInfo map;
    GstBuffer *buffer;

    if (sample == NULL)
      break;
    buffer = gst_sample_get_buffer (sample);
    g_assert_nonnull (buffer);
    g_assert_true (gst_buffer_map (buffer, &map, GST_MAP_READ));
    for (gsize at = 0; at + 188 <= map.size; at += 188) {
      gboolean random_access;
      gint64 pts;

      g_assert_cmpuint (map.data[at], ==, 0x47);
      pts = video_pes_start (map.data + at, &random_access);
      if (pts < 0)
        continue;
      if (last_pts >= 0 && pts > last_pts + 200 * 90) {
        jumps++;
        g_assert_true (random_access);   /* never a picture without its references */
      }
      last_pts = pts;
      pictures++;
    }
    gst_buffer_unmap (buffer, &map);
  }
  g_assert_cmpuint (jumps, >=, 1);
  show_stop (&show);
}

/* A destination whose sink fails on MPEG-TS lists: the failure stays in its bin (the guard
 * covers lists as well as buffers) and the other destination goes on. */
static void
test_failing_list_destination_is_contained (void)
{
  Show show;
  GstElement *failing = gst_bin_new (NULL);
  GstElement *identity = gst_element_factory_make ("identity", NULL);
  GstElement *fakesink = gst_element_factory_make ("fakesink", NULL);
  GstElement *good = app_sink (0);
  g_autoptr (GstPad) target = gst_element_get_static_pad (identity, "sink");
  g_autoptr (GstBus) bus = NULL;
  g_autoptr (GstMessage) error = NULL;
  guint got = 0;

  g_assert_false (plenum_output_stream_bin_format (failing, &(PlenumMuxFormat) { 0 }));
  g_object_set (identity, "error-after", 3, NULL);
  g_object_set (fakesink, "sync", FALSE, NULL);
  gst_bin_add_many (GST_BIN (failing), identity, fakesink, NULL);
  gst_element_link (identity, fakesink);
  gst_element_add_pad (failing, gst_ghost_pad_new ("sink", target));
  show_start (&show, PLENUM_MUX_TS);
  join (&show, "failing", PLENUM_MUX_TS, failing);
  join (&show, "good", PLENUM_MUX_TS, good);
  wait_ms (1500);
  bus = gst_element_get_bus (show.pipeline);
  error = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
  g_assert_null (error);
  while (got < 20) {
    g_autoptr (GstSample) sample = gst_app_sink_try_pull_sample (GST_APP_SINK (good),
                                                                 GST_SECOND);
    g_assert_nonnull (sample);
    got++;
  }
  show_stop (&show);
}

int
main (int argc, char **argv)
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/output_stream_bin/flv_join", test_flv_join);
  g_test_add_func ("/output_stream_bin/ts_join", test_ts_join);
  g_test_add_func ("/output_stream_bin/slow_destination_drops_whole_gops",
                   test_slow_destination_drops_whole_gops);
  g_test_add_func ("/output_stream_bin/slow_ts_destination_drops_whole_gops",
                   test_slow_ts_destination_drops_whole_gops);
  g_test_add_func ("/output_stream_bin/failing_list_destination_is_contained",
                   test_failing_list_destination_is_contained);
  return g_test_run ();
}

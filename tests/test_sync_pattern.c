/* test_sync_pattern.c — the sync pattern flashes the first frame from each second, and beeps from
 * that frame's start for 50 ms, silent and black otherwise. */
#include <gst/gst.h>
#include <gst/app/app.h>
#include "pipelines/sync_pattern.h"

#define RATE 48000
#define SECONDS 3

typedef struct {
  GstElement *pipeline;      /* (owned) */
  GstElement *video_sink;    /* (transfer none) appsinks in the pipeline */
  GstElement *audio_sink;
} Pattern;

/* The pattern, not live (its seconds are the stream's), at 23.976 fps so that a second does
 * not fall on a frame's start: the flash frames start at 0, 1.001 and 2.002 s. Both appsinks
 * hold one buffer, so the sound cannot run ahead of what the test has taken. */
static void
pattern_init (Pattern *pattern)
{
  g_autoptr (GError) error = NULL;
  GstElement *video_out, *audio_out, *video_caps, *audio_caps;
  g_autoptr (GstElement) video = NULL;
  g_autoptr (GstElement) audio = NULL;

  pattern->pipeline = gst_pipeline_new ("sync");
  g_assert_true (plenum_sync_pattern_add (GST_BIN (pattern->pipeline), FALSE, &video_out,
                                          &audio_out, &error));
  g_assert_no_error (error);
  video = gst_bin_get_by_name (GST_BIN (pattern->pipeline), "input");
  audio = gst_bin_get_by_name (GST_BIN (pattern->pipeline), "tone");
  g_object_set (video, "num-buffers", 24 * SECONDS, NULL);
  g_object_set (audio, "num-buffers", RATE * SECONDS / 480, "samplesperbuffer", 480, NULL);
  video_caps = gst_element_factory_make ("capsfilter", NULL);
  audio_caps = gst_element_factory_make ("capsfilter", NULL);
  gst_util_set_object_arg (G_OBJECT (video_caps), "caps",
                           "video/x-raw, width=64, height=36, framerate=24000/1001");
  gst_util_set_object_arg (G_OBJECT (audio_caps), "caps", "audio/x-raw, rate=48000, channels=1");
  pattern->video_sink = gst_element_factory_make ("appsink", NULL);
  pattern->audio_sink = gst_element_factory_make ("appsink", NULL);
  g_object_set (pattern->video_sink, "sync", FALSE, "max-buffers", 1, NULL);
  g_object_set (pattern->audio_sink, "sync", FALSE, "max-buffers", 1, NULL);
  gst_bin_add_many (GST_BIN (pattern->pipeline), video_caps, audio_caps, pattern->video_sink,
                    pattern->audio_sink, NULL);
  g_assert_true (gst_element_link_many (video_out, video_caps, pattern->video_sink, NULL));
  g_assert_true (gst_element_link_many (audio_out, audio_caps, pattern->audio_sink, NULL));
  g_assert_cmpint (gst_element_set_state (pattern->pipeline, GST_STATE_PLAYING), !=,
                   GST_STATE_CHANGE_FAILURE);
}

static void
pattern_clear (Pattern *pattern)
{
  gst_element_set_state (pattern->pipeline, GST_STATE_NULL);
  gst_object_unref (pattern->pipeline);
}

/* Whether the frame's picture is white (mean of its luma plane above half). */
static gboolean
frame_is_white (GstSample *sample)
{
  GstMapInfo map;
  guint64 sum = 0;
  gboolean white;

  g_assert_true (gst_buffer_map (gst_sample_get_buffer (sample), &map, GST_MAP_READ));
  for (gsize i = 0; i < 64 * 36; i++)
    sum += map.data[i];
  white = sum / (64 * 36) > 128;
  gst_buffer_unmap (gst_sample_get_buffer (sample), &map);
  return white;
}

static gboolean
is_flash_frame (guint n)
{
  return n == 0 || n == 24 || n == 48;
}

static void
test_flash_and_beep_start_together (void)
{
  Pattern pattern;
  GstSample *sample;
  guint frames = 0, samples = 0, heard[SECONDS] = { 0 };

  pattern_init (&pattern);
  /* The first frame tells the sound where the frames start. */
  sample = gst_app_sink_pull_sample (GST_APP_SINK (pattern.video_sink));
  g_assert_true (frame_is_white (sample));
  gst_sample_unref (sample);
  frames = 1;
  while ((sample = gst_app_sink_pull_sample (GST_APP_SINK (pattern.audio_sink))) != NULL) {
    GstMapInfo map;

    g_assert_true (gst_buffer_map (gst_sample_get_buffer (sample), &map, GST_MAP_READ));
    for (gsize i = 0; i < map.size / 2; i++, samples++) {
      gint16 value = ((const gint16 *) map.data)[i];
      guint second = samples / RATE;
      /* The beep of second S starts with its flash frame: S × 24 frames of 1001/24000 s. */
      guint64 flash = (guint64) second * 24 * 1001 * RATE / 24000;
      gboolean in_beep = samples >= flash && samples < flash + RATE / 20;
      /* The frame grid is known to the nanosecond: a sample either side of a beep's ends may
       * go either way. */
      gboolean at_edge = (samples + 1 >= flash && samples <= flash + 1) ||
                         (samples + 1 >= flash + RATE / 20 && samples <= flash + RATE / 20 + 1);

      if (!in_beep && !at_edge && value != 0)
        g_error ("sound at sample %u (%.4f s) outside the beeps", samples, (double) samples / RATE);
      heard[second] += in_beep && value != 0;
    }
    gst_buffer_unmap (gst_sample_get_buffer (sample), &map);
    gst_sample_unref (sample);
  }
  for (guint s = 0; s < SECONDS; s++)
    g_assert_cmpuint (heard[s], >, RATE / 20 * 9 / 10);
  while ((sample = gst_app_sink_pull_sample (GST_APP_SINK (pattern.video_sink))) != NULL) {
    if (frame_is_white (sample) != is_flash_frame (frames))
      g_error ("frame %u is %s", frames, is_flash_frame (frames) ? "black" : "white");
    gst_sample_unref (sample);
    frames++;
  }
  g_assert_cmpuint (frames, ==, 24 * SECONDS);
  pattern_clear (&pattern);
}

int
main (int argc, char **argv)
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync-pattern/flash-and-beep-start-together-on-each-second",
                   test_flash_and_beep_start_together);
  return g_test_run ();
}

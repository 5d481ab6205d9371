/* test_sound_fader.c — a cut changes the sound on the sample it names, and leaves no hole. */
#include <gst/gst.h>
#include <gst/check/gstharness.h>
#include "pipelines/sound_fader.h"

#define RATE 48000
#define FADE (30 * GST_MSECOND)
#define OVERLAP (40 * GST_MSECOND)

/* One fader fed by the test's own thread: every buffer pushed has gone through it when the
 * push returns, so what has "entered" is exactly what the test pushed. */
typedef struct {
  PlenumSoundFader *fader;
  GstElement *element;       /* (owned ref) */
  GstHarness *harness;
  guint samples_per_buffer;
  guint64 pushed;            /* samples so far */
  GArray *levels;            /* of float: what came out, one per sample from time 0 */
} Feed;

static void
feed_init (Feed *feed, const char *name, gboolean audible, guint samples_per_buffer)
{
  g_autoptr (GError) error = NULL;

  feed->fader = plenum_sound_fader_new (name, audible, &error);
  g_assert_no_error (error);
  feed->element = gst_object_ref_sink (plenum_sound_fader_element (feed->fader));
  feed->harness = gst_harness_new_with_element (feed->element, "sink", "src");
  gst_harness_set_src_caps_str (feed->harness, "audio/x-raw, format=F32LE, rate=48000, "
                                               "channels=1, layout=interleaved");
  feed->samples_per_buffer = samples_per_buffer;
  feed->pushed = 0;
  feed->levels = g_array_new (FALSE, FALSE, sizeof (float));
}

static void
feed_clear (Feed *feed)
{
  gst_harness_teardown (feed->harness);
  gst_object_unref (feed->element);
  plenum_sound_fader_free (feed->fader);
  g_array_unref (feed->levels);
}

static GstClockTime
sample_time (guint64 sample)
{
  return gst_util_uint64_scale (sample, GST_SECOND, RATE);
}

/* Pushes whole buffers of full-level sound (1.0) until `until` is covered; keeps what the
 * fader made of them. */
static void
feed_push_until (Feed *feed, GstClockTime until)
{
  while (sample_time (feed->pushed) < until) {
    GstBuffer *buffer = gst_buffer_new_allocate (NULL, feed->samples_per_buffer * sizeof (float),
                                                 NULL);
    GstMapInfo map;

    gst_buffer_map (buffer, &map, GST_MAP_WRITE);
    for (guint i = 0; i < feed->samples_per_buffer; i++)
      ((float *) map.data)[i] = 1.0f;
    gst_buffer_unmap (buffer, &map);
    GST_BUFFER_PTS (buffer) = sample_time (feed->pushed);
    GST_BUFFER_DURATION (buffer) =
        sample_time (feed->pushed + feed->samples_per_buffer) - GST_BUFFER_PTS (buffer);
    feed->pushed += feed->samples_per_buffer;
    g_assert_cmpint (gst_harness_push (feed->harness, buffer), ==, GST_FLOW_OK);

    buffer = gst_harness_pull (feed->harness);
    gst_buffer_map (buffer, &map, GST_MAP_READ);
    g_array_append_vals (feed->levels, map.data, map.size / sizeof (float));
    gst_buffer_unmap (buffer, &map);
    gst_buffer_unref (buffer);
  }
}

static float
level_at (const Feed *feed, GstClockTime time)
{
  guint64 sample = gst_util_uint64_scale (time, RATE, GST_SECOND);
  g_assert_cmpuint (sample, <, feed->levels->len);
  return g_array_index (feed->levels, float, sample);
}

/* The level a linear fade from `from` to `to` starting at `start` has at `time`. */
static double
expected_level (GstClockTime time, GstClockTime start, double from, double to)
{
  if (time < start)
    return from;
  if (time >= start + FADE)
    return to;
  return from + (to - from) * (double) (time - start) / FADE;
}

static void
assert_fade (const Feed *feed, GstClockTime start, double from, double to, GstClockTime until)
{
  for (guint64 sample = 0; sample_time (sample) < until; sample++) {
    GstClockTime time = sample_time (sample);
    double want = expected_level (time, start, from, to);
    double got = g_array_index (feed->levels, float, sample);
    if (G_APPROX_VALUE (got, want, 1e-3))
      continue;
    g_error ("%s: sample %" G_GUINT64_FORMAT " (%" GST_TIME_FORMAT ") is %.4f, not %.4f",
             gst_element_get_name (feed->element), sample, GST_TIME_ARGS (time), got, want);
  }
}

/* 10 ms buffers, a cut at 55 ms: in the middle of one. A fader that switched per buffer
 * would change at 50 or 60 ms. */
static void
test_changes_on_the_sample_it_is_told (void)
{
  Feed feed;
  GstClockTime started;

  feed_init (&feed, "fader-a", TRUE, RATE / 100);
  feed_push_until (&feed, 40 * GST_MSECOND);
  g_assert_cmpuint (plenum_sound_fader_reached (feed.fader), ==, 40 * GST_MSECOND);
  started = plenum_sound_fader_set (feed.fader, FALSE, 55 * GST_MSECOND, FADE);
  g_assert_cmpuint (started, ==, 55 * GST_MSECOND);
  feed_push_until (&feed, 200 * GST_MSECOND);
  assert_fade (&feed, 55 * GST_MSECOND, 1.0, 0.0, 200 * GST_MSECOND);
  feed_clear (&feed);
}

/* Asked for a time whose sound has already gone through, the fader starts where it is. */
static void
test_never_changes_sound_already_through (void)
{
  Feed feed;
  GstClockTime started;

  feed_init (&feed, "fader-b", FALSE, 1024);
  feed_push_until (&feed, 60 * GST_MSECOND);   /* three buffers: 64 ms */
  started = plenum_sound_fader_set (feed.fader, TRUE, 30 * GST_MSECOND, FADE);
  g_assert_cmpuint (started, ==, sample_time (3 * 1024));
  feed_push_until (&feed, 200 * GST_MSECOND);
  assert_fade (&feed, sample_time (3 * 1024), 0.0, 1.0, 200 * GST_MSECOND);
  feed_clear (&feed);
}

/* The old source in 10 ms buffers, the new one in AAC's 1024-sample ones and further along:
 * the cut waits for the new one, the old one fades out OVERLAP later, and at no sample are
 * both down — also when the mixer places the new source's sound 30 ms late (audiomixer keeps
 * samples back to back up to 40 ms off their timestamps: without the overlap, a hole). */
static void
test_a_cut_leaves_no_hole (void)
{
  Feed old_source, new_source;
  PlenumSoundFader *faders[2];
  gboolean audible[2] = { FALSE, TRUE };
  GstClockTime start = sample_time (5 * 1024);   /* where the new source has got to */

  feed_init (&old_source, "fader-old", TRUE, RATE / 100);
  feed_init (&new_source, "fader-new", FALSE, 1024);
  faders[0] = old_source.fader;
  faders[1] = new_source.fader;
  feed_push_until (&old_source, 95 * GST_MSECOND);
  feed_push_until (&new_source, 95 * GST_MSECOND);
  g_assert_cmpuint (plenum_sound_fader_reached (new_source.fader), ==, start);

  plenum_sound_faders_cut (faders, audible, 2, 90 * GST_MSECOND, FADE, OVERLAP);
  feed_push_until (&old_source, 300 * GST_MSECOND);
  feed_push_until (&new_source, 300 * GST_MSECOND);

  assert_fade (&old_source, start + OVERLAP, 1.0, 0.0, 300 * GST_MSECOND);
  assert_fade (&new_source, start, 0.0, 1.0, 300 * GST_MSECOND);
  for (GstClockTime late = 0; late <= 30 * GST_MSECOND; late += 30 * GST_MSECOND) {
    for (GstClockTime time = late; time < 300 * GST_MSECOND; time += GST_MSECOND / 2)
      g_assert_cmpfloat (level_at (&old_source, time) + level_at (&new_source, time - late), >=,
                         0.999);
  }
  feed_clear (&old_source);
  feed_clear (&new_source);
}

/* Before any sound, and when told "at once": the whole stream has the new level. */
static void
test_at_once_before_any_sound (void)
{
  Feed feed;

  feed_init (&feed, "fader-c", FALSE, RATE / 100);
  g_assert_cmpuint (plenum_sound_fader_reached (feed.fader), ==, GST_CLOCK_TIME_NONE);
  g_assert_cmpuint (plenum_sound_fader_set (feed.fader, TRUE, 50 * GST_MSECOND, FADE), ==,
                    GST_CLOCK_TIME_NONE);
  feed_push_until (&feed, 100 * GST_MSECOND);
  assert_fade (&feed, 0, 1.0, 1.0, 100 * GST_MSECOND);
  feed_clear (&feed);
}

int
main (int argc, char **argv)
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sound-fader/changes-on-the-sample-it-is-told",
                   test_changes_on_the_sample_it_is_told);
  g_test_add_func ("/sound-fader/never-changes-sound-already-through",
                   test_never_changes_sound_already_through);
  g_test_add_func ("/sound-fader/a-cut-leaves-no-hole", test_a_cut_leaves_no_hole);
  g_test_add_func ("/sound-fader/at-once-before-any-sound", test_at_once_before_any_sound);
  return g_test_run ();
}

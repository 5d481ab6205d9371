/* Unit tests for studio/platform_limits.c: the platforms' limits as warnings with reasons. */
#include <string.h>
#include "studio/platform_limits.h"

/* A show with one output of `kind` (key from a variable set here) and the given video. */
static PlenumShow *
show_with (const char *kind, int width, int height, int fps, int kbps, int keyframe_s)
{
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *json = g_strdup_printf (
      "{ \"name\": \"t\", \"video\": { \"width\": %d, \"height\": %d, \"fps\": %d, "
      "\"bitrate_kbps\": %d, \"keyframe_s\": %d }, "
      "\"sources\": [ { \"id\": \"cam\", \"kind\": \"test\" } ], "
      "\"outputs\": [ { \"id\": \"o\", \"kind\": \"%s\", \"key_env\": \"PLENUM_TEST_KEY\" } ] }",
      width, height, fps, kbps, keyframe_s, kind);
  PlenumShow *show;

  g_setenv ("PLENUM_TEST_KEY", "k", TRUE);
  show = plenum_show_parse (json, "/tmp", problems);
  g_assert_cmpuint (problems->len, ==, 0);
  return show;
}

static GPtrArray *
warnings_for (const PlenumShow *show)
{
  GPtrArray *warnings = g_ptr_array_new_with_free_func (g_free);
  plenum_platform_limits_check (show, warnings);
  return warnings;
}

static void
test_recommended_settings_give_no_warning (void)
{
  g_autoptr (PlenumShow) fb = show_with ("facebook", 1280, 720, 30, 3500, 2);
  g_autoptr (PlenumShow) yt = show_with ("youtube", 1920, 1080, 30, 4500, 2);
  g_autoptr (GPtrArray) w1 = warnings_for (fb);
  g_autoptr (GPtrArray) w2 = warnings_for (yt);

  g_assert_cmpuint (w1->len, ==, 0);
  g_assert_cmpuint (w2->len, ==, 0);
}

static void
test_facebook_720p30_above_4_mbit_is_flagged (void)
{
  g_autoptr (PlenumShow) show = show_with ("facebook", 1280, 720, 30, 4500, 2);
  g_autoptr (GPtrArray) w = warnings_for (show);

  g_assert_cmpuint (w->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (w, 0), ==,
                   "outputs[0]: video.bitrate_kbps 4500 is outside Facebook's range for 720p30, 1500–4000 kbit/s");
}

static void
test_facebook_1080p30_below_3_mbit_is_flagged (void)
{
  g_autoptr (PlenumShow) show = show_with ("facebook", 1920, 1080, 30, 2500, 2);
  g_autoptr (GPtrArray) w = warnings_for (show);

  g_assert_cmpuint (w->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (w, 0), "1080p30, 3000–6000 kbit/s"));
}

static void
test_long_gop_is_flagged_for_streaming_only (void)
{
  g_autoptr (PlenumShow) show = show_with ("youtube", 1280, 720, 30, 3000, 6);
  g_autoptr (GPtrArray) w = warnings_for (show);
  g_autoptr (PlenumShow) three = show_with ("youtube", 1280, 720, 30, 3000, 3);
  g_autoptr (GPtrArray) w3 = warnings_for (three);

  g_assert_cmpuint (w->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (w, 0), ==,
                   "video.keyframe_s: 6 s is longer than the 4 s that streaming platforms accept; use 2");
  g_assert_cmpuint (w3->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (w3, 0), "recommend 2 s"));
}

static void
test_levels_follow_table_a1 (void)
{
  g_assert_cmpint (plenum_h264_level_for (1280, 720, 30), ==, 31);
  g_assert_cmpint (plenum_h264_level_for (1280, 720, 60), ==, 32);
  g_assert_cmpint (plenum_h264_level_for (1920, 1080, 30), ==, 40);
  g_assert_cmpint (plenum_h264_level_for (1920, 1080, 60), ==, 42);
  g_assert_cmpint (plenum_h264_level_for (3840, 2160, 30), ==, 51);
}

static void
test_facebook_refuses_4k (void)
{
  g_autoptr (PlenumShow) show = show_with ("facebook", 3840, 2160, 30, 20000, 2);
  g_autoptr (GPtrArray) w = warnings_for (show);

  g_assert_cmpuint (w->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (w, 0), ==,
                   "outputs[0]: Facebook does not take 3840x2160 at 30 fps; use at most 1080p");
  g_assert_nonnull (strstr (g_ptr_array_index (w, 1), "needs H.264 level 5.1; Facebook takes up to 4.2"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/platform-limits/recommended-settings-give-no-warning",
                   test_recommended_settings_give_no_warning);
  g_test_add_func ("/platform-limits/facebook-720p30-above-4-mbit-is-flagged",
                   test_facebook_720p30_above_4_mbit_is_flagged);
  g_test_add_func ("/platform-limits/facebook-1080p30-below-3-mbit-is-flagged",
                   test_facebook_1080p30_below_3_mbit_is_flagged);
  g_test_add_func ("/platform-limits/long-gop-is-flagged-for-streaming-only",
                   test_long_gop_is_flagged_for_streaming_only);
  g_test_add_func ("/platform-limits/levels-follow-table-a1", test_levels_follow_table_a1);
  g_test_add_func ("/platform-limits/facebook-refuses-4k", test_facebook_refuses_4k);
  return g_test_run ();
}

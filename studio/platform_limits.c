#include "studio/platform_limits.h"

/* H.264 Table A-1: max macroblocks per second and per frame, by level. */
static const struct { int level; long mbps; long frame_mbs; } h264_levels[] = {
  { 30, 40500, 1620 }, { 31, 108000, 3600 }, { 32, 216000, 5120 }, { 40, 245760, 8192 },
  { 41, 245760, 8192 }, { 42, 522240, 8704 }, { 50, 589824, 22080 }, { 51, 983040, 36864 },
  { 52, 2073600, 36864 },
};

int
plenum_h264_level_for (int width, int height, int fps)
{
  long frame_mbs = (long) ((width + 15) / 16) * ((height + 15) / 16);

  for (guint i = 0; i < G_N_ELEMENTS (h264_levels); i++)
    if (frame_mbs <= h264_levels[i].frame_mbs && frame_mbs * fps <= h264_levels[i].mbps)
      return h264_levels[i].level;
  return 60;
}

/* The platforms' recommended video bitrate for a resolution and frame rate class, kbit/s. */
typedef struct { int height; gboolean high_fps; int min_kbps, max_kbps; } BitrateRange;

static const BitrateRange youtube_ranges[] = {
  { 720, FALSE, 1500, 4000 }, { 720, TRUE, 2250, 6000 },
  { 1080, FALSE, 3000, 6000 }, { 1080, TRUE, 4500, 9000 },
  { 1440, FALSE, 6000, 13000 }, { 1440, TRUE, 9000, 18000 },
  { 2160, FALSE, 13000, 34000 }, { 2160, TRUE, 20000, 51000 },
};

static const BitrateRange facebook_ranges[] = {
  { 720, FALSE, 1500, 4000 }, { 720, TRUE, 2250, 6000 },
  { 1080, FALSE, 3000, 6000 }, { 1080, TRUE, 4500, 9000 },
};

static const BitrateRange *
find_range (const BitrateRange *ranges, gsize n, int height, int fps)
{
  for (gsize i = 0; i < n; i++)
    if (height <= ranges[i].height && (fps > 30) == ranges[i].high_fps)
      return &ranges[i];
  return NULL;
}

static void
check_platform (const PlenumShow *show, guint index, const char *platform,
                const BitrateRange *ranges, gsize n_ranges, int max_level, GPtrArray *warnings)
{
  const BitrateRange *range = find_range (ranges, n_ranges, show->height, show->fps);
  int level = plenum_h264_level_for (show->width, show->height, show->fps);

  if (range == NULL) {
    g_ptr_array_add (warnings, g_strdup_printf (
        "outputs[%u]: %s does not take %dx%d at %d fps; use at most %dp", index, platform,
        show->width, show->height, show->fps, ranges[n_ranges - 1].height));
  } else if (show->video_bitrate_kbps < range->min_kbps || show->video_bitrate_kbps > range->max_kbps) {
    g_ptr_array_add (warnings, g_strdup_printf (
        "outputs[%u]: video.bitrate_kbps %d is outside %s's range for %dp%d, %d–%d kbit/s",
        index, show->video_bitrate_kbps, platform, range->height, show->fps, range->min_kbps,
        range->max_kbps));
  }
  if (level > max_level)
    g_ptr_array_add (warnings, g_strdup_printf (
        "outputs[%u]: %dx%d at %d fps needs H.264 level %d.%d; %s takes up to %d.%d", index,
        show->width, show->height, show->fps, level / 10, level % 10, platform, max_level / 10,
        max_level % 10));
}

void
plenum_platform_limits_check (const PlenumShow *show, GPtrArray *warnings)
{
  gboolean streams = FALSE;

  for (guint i = 0; i < show->outputs->len; i++) {
    const PlenumOutputConfig *output = g_ptr_array_index (show->outputs, i);

    if (output->kind == PLENUM_OUTPUT_YOUTUBE)
      check_platform (show, i, "YouTube", youtube_ranges, G_N_ELEMENTS (youtube_ranges), 52,
                      warnings);
    else if (output->kind == PLENUM_OUTPUT_FACEBOOK)
      check_platform (show, i, "Facebook", facebook_ranges, G_N_ELEMENTS (facebook_ranges), 42,
                      warnings);
    streams |= output->kind != PLENUM_OUTPUT_RECORD;
  }
  if (!streams)
    return;
  if (show->keyframe_s > 4)
    g_ptr_array_add (warnings, g_strdup_printf (
        "video.keyframe_s: %d s is longer than the 4 s that streaming platforms accept; use 2",
        show->keyframe_s));
  else if (show->keyframe_s != 2)
    g_ptr_array_add (warnings, g_strdup_printf (
        "video.keyframe_s: %d s works, but the platforms recommend 2 s", show->keyframe_s));
  if (show->audio_rate != 48000 && show->audio_rate != 44100)
    g_ptr_array_add (warnings, g_strdup_printf (
        "audio.rate: %d Hz; the platforms take AAC at 48000 or 44100 Hz", show->audio_rate));
}

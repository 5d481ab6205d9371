#include "pipelines/sync_pattern.h"

#include <gst/audio/audio.h>
#include <gst/video/video.h>
#include <string.h>
#include "pipelines/elements.h"

#define BEEP (50 * GST_MSECOND)
#define BEEP_HZ 1000
/* Frame starts are rounded to the nanosecond, so a frame may start a little before the second
 * that it starts on; this much before still counts as on it. */
#define ROUNDING GST_MSECOND

/* The picture's frame grid: the moment one frame started (NONE until one has) and its
 * duration. */
typedef struct {
  GstClockTime start, duration;
} FrameGrid;

/* What the two probes share: whether the seconds are the wall clock's, and the picture's
 * frame grid, so that each beep starts with its flash frame. */
typedef struct {
  gboolean live;
  GMutex lock;
  FrameGrid grid;                /* guarded by lock */
} SyncPattern;

/* When (in ns of real time, or of running time when not live) the buffer at running time
 * `running` starts. The pipeline clock is read against real time at this moment. */
static GstClockTime
moment_of (GstElement *element, GstClockTime running, gboolean live)
{
  g_autoptr (GstClock) clock = live ? gst_element_get_clock (element) : NULL;
  GstClockTime now;

  if (clock == NULL)
    return running;
  now = gst_clock_get_time (clock);
  return gst_element_get_base_time (element) + running + (GstClockTime) g_get_real_time () * 1000
         - now;
}

/* The moment (see moment_of) at which `buffer` starts on the pattern's `pad`, or NONE. */
static GstClockTime
buffer_moment (GstPad *pad, GstBuffer *buffer, const SyncPattern *pattern)
{
  GstClockTime running = plenum_buffer_running_time (pad, buffer);

  if (!GST_CLOCK_TIME_IS_VALID (running))
    return GST_CLOCK_TIME_NONE;
  return moment_of (GST_ELEMENT (GST_PAD_PARENT (pad)), running, pattern->live);
}

/* Whether a whole second S lies in (from, to]. */
static gboolean
second_within (GstClockTime from, GstClockTime to)
{
  return to / GST_SECOND > from / GST_SECOND;
}

static GstPadProbeReturn
mark_frame (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
  SyncPattern *pattern = user_data;
  GstClockTime start = buffer_moment (pad, buffer, pattern);
  g_autoptr (GstCaps) caps = gst_pad_get_current_caps (pad);
  GstVideoInfo video;
  GstVideoFrame frame;

  if (!GST_CLOCK_TIME_IS_VALID (start) || !GST_BUFFER_DURATION_IS_VALID (buffer) ||
      caps == NULL || !gst_video_info_from_caps (&video, caps))
    return GST_PAD_PROBE_OK;
  g_mutex_lock (&pattern->lock);
  pattern->grid = (FrameGrid) { start, GST_BUFFER_DURATION (buffer) };
  g_mutex_unlock (&pattern->lock);
  /* The first frame that starts at or after a second S: S lies within one frame's duration
   * before its start (the stream's very first frame, before any such span, is one too). */
  if (start + ROUNDING >= GST_BUFFER_DURATION (buffer) &&
      !second_within (start + ROUNDING - GST_BUFFER_DURATION (buffer), start + ROUNDING))
    return GST_PAD_PROBE_OK;
  buffer = gst_buffer_make_writable (buffer);
  if (gst_video_frame_map (&frame, &video, buffer, GST_MAP_WRITE)) {
    for (gint row = 0; row < GST_VIDEO_FRAME_HEIGHT (&frame); row++)
      memset ((guint8 *) GST_VIDEO_FRAME_PLANE_DATA (&frame, 0) +
                  row * GST_VIDEO_FRAME_PLANE_STRIDE (&frame, 0),
              235, GST_VIDEO_FRAME_WIDTH (&frame));
    gst_video_frame_unmap (&frame);
  }
  GST_PAD_PROBE_INFO_DATA (info) = buffer;
  return GST_PAD_PROBE_OK;
}

/* Where the flash frame of the second that `at` is in starts: the first frame start at or after
 * that second on the picture's grid, or the second itself while no frame has been seen. */
static GstClockTime
flash_of_second (const FrameGrid *grid, GstClockTime at)
{
  GstClockTime second = at - at % GST_SECOND;
  gint64 offset;

  if (!GST_CLOCK_TIME_IS_VALID (grid->start) || grid->duration == 0)
    return second;
  offset = ((gint64) grid->start - (gint64) second) % (gint64) grid->duration;
  if (offset < 0)
    offset += grid->duration;
  if (offset + (gint64) ROUNDING >= (gint64) grid->duration)   /* it starts on the second */
    offset = 0;
  return second + offset;
}

/* The audiotestsrc makes a continuous 1 kHz tone; all of it but the beeps is silenced. */
static GstPadProbeReturn
mark_sound (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
  SyncPattern *pattern = user_data;
  GstClockTime start = buffer_moment (pad, buffer, pattern);
  g_autoptr (GstCaps) caps = gst_pad_get_current_caps (pad);
  GstAudioInfo audio;
  FrameGrid grid;
  GstMapInfo map;

  if (!GST_CLOCK_TIME_IS_VALID (start) || caps == NULL || !gst_audio_info_from_caps (&audio, caps))
    return GST_PAD_PROBE_OK;
  g_mutex_lock (&pattern->lock);
  grid = pattern->grid;
  g_mutex_unlock (&pattern->lock);
  buffer = gst_buffer_make_writable (buffer);
  if (gst_buffer_map (buffer, &map, GST_MAP_WRITE)) {
    guint frames = map.size / GST_AUDIO_INFO_BPF (&audio);

    for (guint i = 0; i < frames; i++) {
      GstClockTime at = start + gst_util_uint64_scale (i, GST_SECOND, GST_AUDIO_INFO_RATE (&audio));
      GstClockTime flash = flash_of_second (&grid, at);

      if (at < flash || at >= flash + BEEP)
        memset (map.data + i * GST_AUDIO_INFO_BPF (&audio), 0, GST_AUDIO_INFO_BPF (&audio));
    }
    gst_buffer_unmap (buffer, &map);
  }
  GST_PAD_PROBE_INFO_DATA (info) = buffer;
  return GST_PAD_PROBE_OK;
}

static void
sync_pattern_clear (gpointer data)
{
  g_mutex_clear (&((SyncPattern *) data)->lock);
}

static void
sync_pattern_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, sync_pattern_clear);
}

static void
probe_source_pad (GstElement *element, GstPadProbeCallback mark, SyncPattern *pattern)
{
  g_autoptr (GstPad) pad = gst_element_get_static_pad (element, "src");

  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, mark, g_atomic_rc_box_acquire (pattern),
                     sync_pattern_release);
}

gboolean
plenum_sync_pattern_add (GstBin *bin, gboolean live, GstElement **video_out,
                         GstElement **audio_out, GError **error)
{
  GstElement *video, *audio, *video_format, *audio_format;
  SyncPattern *pattern;

  if (!plenum_elements_make (error, "videotestsrc:input", &video, "capsfilter", &video_format,
                             "audiotestsrc:tone", &audio, "capsfilter", &audio_format, NULL))
    return FALSE;
  gst_util_set_object_arg (G_OBJECT (video), "pattern", "black");
  g_object_set (video, "is-live", live, NULL);
  g_object_set (audio, "is-live", live, "freq", (double) BEEP_HZ, "volume", 0.5, NULL);
  gst_util_set_object_arg (G_OBJECT (video_format), "caps", "video/x-raw, format=I420");
  gst_util_set_object_arg (G_OBJECT (audio_format), "caps",
                           "audio/x-raw, format=S16LE, layout=interleaved");
  gst_bin_add_many (bin, video, video_format, audio, audio_format, NULL);
  if (!gst_element_link (video, video_format) || !gst_element_link (audio, audio_format)) {
    g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_NEGOTIATION,
                 "cannot link the sync pattern's test sources");
    return FALSE;
  }
  pattern = g_atomic_rc_box_new0 (SyncPattern);
  pattern->live = live;
  g_mutex_init (&pattern->lock);
  pattern->grid.start = GST_CLOCK_TIME_NONE;
  probe_source_pad (video_format, mark_frame, pattern);
  probe_source_pad (audio_format, mark_sound, pattern);
  sync_pattern_release (pattern);
  *video_out = video_format;
  *audio_out = audio_format;
  return TRUE;
}

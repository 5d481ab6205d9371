#include "studio/recording_scan.h"

#include <ebur128.h>
#include <gst/audio/audio.h>
#include <gst/gst.h>
#include <math.h>
#include <stdio.h>
#include "studio/archive_facts.h"

GST_DEBUG_CATEGORY_STATIC (plenum_scan_debug);
#define GST_CAT_DEFAULT plenum_scan_debug

#define MATROSKA_SEGMENT_ID 0x18538067u

typedef struct {
  GstElement *pipeline;
  PlenumRecordingScan *scan;
  GMutex lock;               /* video and audio are counted on two streaming threads */
  GstClockTime end;          /* the latest end of a frame or of sound */
  gboolean audio_linked;     /* demuxer's thread: the first sound track is measured */

  /* audio, on its streaming thread only */
  ebur128_state *loudness;
  int channels, rate;
  guint64 frames;            /* audio frames so far */
  guint64 next_second;       /* frame count at which the next loudness point is due */
  double window_sum;         /* sum of squares in the current 100 ms window */
  guint64 window_count;
  guint64 window_frames;     /* frames per window */
} Scan;

static void
note_end (Scan *scan, GstBuffer *buffer)
{
  GstClockTime pts = GST_BUFFER_PTS (buffer);
  GstClockTime end;

  if (!GST_CLOCK_TIME_IS_VALID (pts))
    return;
  end = pts + (GST_BUFFER_DURATION_IS_VALID (buffer) ? GST_BUFFER_DURATION (buffer) : 0);
  g_mutex_lock (&scan->lock);
  scan->end = GST_CLOCK_TIME_IS_VALID (scan->end) ? MAX (scan->end, end) : end;
  g_mutex_unlock (&scan->lock);
}

static GstPadProbeReturn
on_video_frame (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  Scan *scan = user_data;
  (void) pad;

  g_mutex_lock (&scan->lock);
  scan->scan->video_frames++;
  g_mutex_unlock (&scan->lock);
  note_end (scan, GST_PAD_PROBE_INFO_BUFFER (info));
  return GST_PAD_PROBE_OK;
}

static void
close_window (Scan *scan)
{
  double mean = scan->window_sum / (double) MAX (scan->window_count, 1);
  double db = mean > 0 ? 10 * log10 (mean) : -120.0;

  db = MAX (db, -120.0);
  g_array_append_val (scan->scan->level_db, db);
  scan->window_sum = 0;
  scan->window_count = 0;
}

static void
measure (Scan *scan, const float *samples, guint64 frames)
{
  for (guint64 i = 0; i < frames; i++) {
    for (int c = 0; c < scan->channels; c++) {
      double s = samples[i * scan->channels + c];
      scan->window_sum += s * s;
    }
    scan->window_count += scan->channels;
    if (++scan->frames % scan->window_frames == 0)
      close_window (scan);
    if (scan->frames == scan->next_second) {
      /* The short-term loudness of the 3 s up to this second's end. */
      PlenumPoint point = { (double) scan->frames / scan->rate, NAN };
      double lufs;
      if (ebur128_loudness_shortterm (scan->loudness, &lufs) == EBUR128_SUCCESS && isfinite (lufs))
        point.value = lufs;
      g_array_append_val (scan->scan->loudness_lufs, point);
      scan->next_second += scan->rate;
    }
  }
}

static GstPadProbeReturn
on_audio (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  Scan *scan = user_data;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
  GstMapInfo map;

  if (scan->loudness == NULL) {
    g_autoptr (GstCaps) caps = gst_pad_get_current_caps (pad);
    GstAudioInfo audio;
    if (caps == NULL || !gst_audio_info_from_caps (&audio, caps))
      return GST_PAD_PROBE_OK;
    scan->channels = GST_AUDIO_INFO_CHANNELS (&audio);
    scan->rate = GST_AUDIO_INFO_RATE (&audio);
    scan->loudness = ebur128_init ((unsigned) scan->channels, (unsigned long) scan->rate,
                                   EBUR128_MODE_S | EBUR128_MODE_I);
    scan->window_frames = MAX ((guint64) scan->rate * PLENUM_SCAN_WINDOW_MS / 1000, 1);
    scan->next_second = (guint64) scan->rate;
    if (scan->loudness == NULL)
      return GST_PAD_PROBE_REMOVE;
  }
  if (gst_buffer_map (buffer, &map, GST_MAP_READ)) {
    guint64 frames = map.size / (sizeof (float) * (gsize) scan->channels);
    ebur128_add_frames_float (scan->loudness, (const float *) map.data, (size_t) frames);
    measure (scan, (const float *) map.data, frames);
    gst_buffer_unmap (buffer, &map);
  }
  note_end (scan, buffer);
  return GST_PAD_PROBE_OK;
}

static GstElement *
add (Scan *scan, const char *factory)
{
  GstElement *element = gst_element_factory_make (factory, NULL);

  if (element != NULL)
    gst_bin_add (GST_BIN (scan->pipeline), element);
  return element;
}

static void
on_decoded_pad (GstElement *decodebin, GstPad *pad, gpointer user_data)
{
  GstElement *convert = user_data;
  g_autoptr (GstPad) sink = gst_element_get_static_pad (convert, "sink");
  (void) decodebin;

  if (!gst_pad_is_linked (sink))
    gst_pad_link (pad, sink);
}

/* Sound: decoded, as interleaved float, measured in a probe before a fakesink. */
static GstPad *
audio_branch (Scan *scan)
{
  GstElement *queue = add (scan, "queue"), *decode = add (scan, "decodebin");
  GstElement *convert = add (scan, "audioconvert"), *filter = add (scan, "capsfilter");
  GstElement *sink = add (scan, "fakesink");
  g_autoptr (GstCaps) caps = gst_caps_new_simple ("audio/x-raw", "format", G_TYPE_STRING,
                                                  "F32LE", "layout", G_TYPE_STRING,
                                                  "interleaved", NULL);
  g_autoptr (GstPad) probe_pad = NULL;

  g_object_set (filter, "caps", caps, NULL);
  g_object_set (sink, "sync", FALSE, NULL);
  gst_element_link (queue, decode);
  gst_element_link_many (convert, filter, sink, NULL);
  g_signal_connect (decode, "pad-added", G_CALLBACK (on_decoded_pad), convert);
  probe_pad = gst_element_get_static_pad (sink, "sink");
  gst_pad_add_probe (probe_pad, GST_PAD_PROBE_TYPE_BUFFER, on_audio, scan, NULL);
  gst_element_sync_state_with_parent (queue);
  gst_element_sync_state_with_parent (decode);
  gst_element_sync_state_with_parent (convert);
  gst_element_sync_state_with_parent (filter);
  gst_element_sync_state_with_parent (sink);
  return gst_element_get_static_pad (queue, "sink");
}

/* Pictures and anything else: counted and dropped, never decoded. */
static GstPad *
counting_branch (Scan *scan, gboolean video)
{
  GstElement *queue = add (scan, "queue"), *sink = add (scan, "fakesink");
  g_autoptr (GstPad) pad = gst_element_get_static_pad (sink, "sink");

  g_object_set (sink, "sync", FALSE, NULL);
  gst_element_link (queue, sink);
  if (video)
    gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, on_video_frame, scan, NULL);
  gst_element_sync_state_with_parent (queue);
  gst_element_sync_state_with_parent (sink);
  return gst_element_get_static_pad (queue, "sink");
}

static void
on_demuxed_pad (GstElement *demux, GstPad *pad, gpointer user_data)
{
  Scan *scan = user_data;
  g_autoptr (GstCaps) caps = gst_pad_query_caps (pad, NULL);
  const char *media = gst_structure_get_name (gst_caps_get_structure (caps, 0));
  g_autoptr (GstPad) sink = NULL;
  (void) demux;

  if (g_str_has_prefix (media, "audio/") && !scan->audio_linked) {
    scan->audio_linked = TRUE;
    sink = audio_branch (scan);
  } else
    sink = counting_branch (scan, g_str_has_prefix (media, "video/"));
  if (gst_pad_link (pad, sink) != GST_PAD_LINK_OK)
    GST_WARNING ("cannot link %s", media);
}

gboolean
plenum_matroska_is_finalised (const char *path)
{
  FILE *file = fopen (path, "rb");
  guint8 head[64];
  size_t length, at = 0;
  guint64 segment_size = 0, header_size = 0;
  long file_size;
  int width;

  if (file == NULL)
    return FALSE;
  length = fread (head, 1, sizeof head, file);
  fseek (file, 0, SEEK_END);
  file_size = ftell (file);
  fclose (file);
  /* EBML header: 4-byte id, then its size as a variable-length integer. */
  if (length < 12 || head[0] != 0x1a || head[1] != 0x45 || head[2] != 0xdf || head[3] != 0xa3)
    return FALSE;
  at = 4;
  for (width = 1; width <= 8 && !(head[at] & (0x80 >> (width - 1))); width++)
    ;
  if (width > 8 || at + (size_t) width > length)
    return FALSE;
  header_size = head[at] & (0xff >> width);
  for (int i = 1; i < width; i++)
    header_size = header_size << 8 | head[at + i];
  at += (size_t) width + header_size;
  if (at + 12 > length ||
      ((guint32) head[at] << 24 | (guint32) head[at + 1] << 16 | (guint32) head[at + 2] << 8 |
       head[at + 3]) != MATROSKA_SEGMENT_ID)
    return FALSE;
  at += 4;
  for (width = 1; width <= 8 && !(head[at] & (0x80 >> (width - 1))); width++)
    ;
  if (width > 8)
    return FALSE;
  segment_size = head[at] & (0xff >> width);
  gboolean unknown = segment_size == (guint64) (0xff >> width);
  for (int i = 1; i < width; i++) {
    segment_size = segment_size << 8 | head[at + i];
    unknown &= head[at + i] == 0xff;
  }
  return !unknown && at + (size_t) width + segment_size <= (guint64) file_size;
}

gboolean
plenum_recording_scan (const char *path, PlenumRecordingScan *result, GError **error)
{
  Scan scan = { 0 };
  GstElement *source, *demux;
  g_autoptr (GstBus) bus = NULL;
  g_autoptr (GstMessage) message = NULL;
  gboolean ok = TRUE;

  GST_DEBUG_CATEGORY_INIT (plenum_scan_debug, "plenum-scan", 0, "Plenum recording scan");
  memset (result, 0, sizeof *result);
  result->loudness_lufs = g_array_new (FALSE, FALSE, sizeof (PlenumPoint));
  result->level_db = g_array_new (FALSE, FALSE, sizeof (double));
  result->integrated_lufs = NAN;
  result->finalised = plenum_matroska_is_finalised (path);
  scan.scan = result;
  scan.end = GST_CLOCK_TIME_NONE;
  g_mutex_init (&scan.lock);

  scan.pipeline = gst_pipeline_new ("scan");
  source = add (&scan, "filesrc");
  demux = add (&scan, "matroskademux");
  g_object_set (source, "location", path, NULL);
  gst_element_link (source, demux);
  g_signal_connect (demux, "pad-added", G_CALLBACK (on_demuxed_pad), &scan);
  bus = gst_element_get_bus (scan.pipeline);
  gst_element_set_state (scan.pipeline, GST_STATE_PLAYING);
  message = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE,
                                        GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR) {
    g_autoptr (GError) gst_error = NULL;
    gst_message_parse_error (message, &gst_error, NULL);
    /* A crash cuts the file anywhere: what was read before the damage is the recording. */
    if (result->video_frames > 0)
      result->damaged_end = TRUE;
    else {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: no playable picture (%s)",
                   path, gst_error->message);
      ok = FALSE;
    }
  }
  gst_element_set_state (scan.pipeline, GST_STATE_NULL);
  gst_object_unref (scan.pipeline);

  if (scan.loudness != NULL) {
    double lufs;
    if (scan.window_count > 0)
      close_window (&scan);
    if (ebur128_loudness_global (scan.loudness, &lufs) == EBUR128_SUCCESS && isfinite (lufs))
      result->integrated_lufs = lufs;
    ebur128_destroy (&scan.loudness);
  }
  if (ok && result->video_frames == 0) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: no picture in the recording", path);
    ok = FALSE;
  }
  result->duration_s = GST_CLOCK_TIME_IS_VALID (scan.end) ? (double) scan.end / GST_SECOND : 0;
  g_mutex_clear (&scan.lock);
  return ok;
}

void
plenum_recording_scan_clear (PlenumRecordingScan *scan)
{
  g_clear_pointer (&scan->loudness_lufs, g_array_unref);
  g_clear_pointer (&scan->level_db, g_array_unref);
}

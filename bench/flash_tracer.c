/* bench/flash_tracer.c — a GStreamer tracer for bench/latency.sh's stage breakdown.
 *
 * Built by latency.sh (LATENCY_STAGES=1) into a temporary plugin and loaded with
 * GST_TRACERS=flash. For every pad that pushes raw video it notes the wall clock when a frame
 * turns bright (mean luma of sampled pixels over 128: the probe's flash) and remembers the
 * PTS of the flash as it leaves the encoder's queue ("video-encode-queue"); for every pad
 * that pushes H.264 or MPEG-TS it notes when the first buffer with that PTS or later passes.
 * One line on stderr per event:  FLASH <unix time> <element>:<pad>
 * Encoded pads before the program (a source's tsdemux, h264parse, …) are compared against
 * the program's PTS although they carry the source's own: their rows mean nothing.
 * Not part of Plenum: a measuring tool, costs a map of each raw frame it sees.
 */
#include <gst/gst.h>
#include <gst/video/video.h>
#include <stdio.h>

#define ENCODER_QUEUE "video-encode-queue"

typedef struct {
  GstTracer parent;
  GMutex lock;
  GHashTable *bright;        /* pad → TRUE while its frames are bright */
  GHashTable *reported;      /* pad → the flash PTS it was last reported for, + 1 */
  GstClockTime flash_pts;    /* the last flash's PTS at the encoder's queue */
  gboolean lateness;         /* LATENESS=1: also print how late sound leaves each pad */
} FlashTracer;

typedef struct {
  GstTracerClass parent_class;
} FlashTracerClass;

G_DEFINE_TYPE (FlashTracer, flash_tracer, GST_TYPE_TRACER)

static void
report (GstPad *pad)
{
  GstObject *parent = GST_OBJECT_PARENT (pad);

  fprintf (stderr, "FLASH %.6f %s:%s\n", (double) g_get_real_time () / G_USEC_PER_SEC,
           parent ? GST_OBJECT_NAME (parent) : "?", GST_OBJECT_NAME (pad));
}

/* Mean luma of every 97th byte of the first plane; -1 when the format is not planar YUV. */
static int
mean_luma (GstBuffer *buffer, const GstVideoInfo *info)
{
  GstMapInfo map;
  guint64 sum = 0, count = 0;
  gsize luma = (gsize) GST_VIDEO_INFO_WIDTH (info) * GST_VIDEO_INFO_HEIGHT (info);

  if (!GST_VIDEO_INFO_IS_YUV (info) || GST_VIDEO_INFO_N_PLANES (info) < 2 ||
      !gst_buffer_map (buffer, &map, GST_MAP_READ))
    return -1;
  for (gsize i = 0; i < luma && i < map.size; i += 97, count++)
    sum += map.data[i];
  gst_buffer_unmap (buffer, &map);
  return count ? (int) (sum / count) : -1;
}

static void
on_raw (FlashTracer *self, GstPad *pad, GstBuffer *buffer, GstCaps *caps)
{
  GstVideoInfo info;
  int luma;
  gboolean bright, was;
  GstObject *parent = GST_OBJECT_PARENT (pad);

  if (!gst_video_info_from_caps (&info, caps) || (luma = mean_luma (buffer, &info)) < 0)
    return;
  bright = luma > 128;
  g_mutex_lock (&self->lock);
  was = GPOINTER_TO_INT (g_hash_table_lookup (self->bright, pad));
  g_hash_table_insert (self->bright, pad, GINT_TO_POINTER (bright));
  if (bright && !was && parent && g_str_equal (GST_OBJECT_NAME (parent), ENCODER_QUEUE))
    self->flash_pts = GST_BUFFER_PTS (buffer);
  g_mutex_unlock (&self->lock);
  if (bright && !was)
    report (pad);
}

static void
on_encoded (FlashTracer *self, GstPad *pad, GstBuffer *buffer)
{
  GstClockTime pts = GST_BUFFER_PTS (buffer);
  gboolean first = FALSE;

  g_mutex_lock (&self->lock);
  if (GST_CLOCK_TIME_IS_VALID (self->flash_pts) && GST_CLOCK_TIME_IS_VALID (pts) &&
      pts >= self->flash_pts &&
      GPOINTER_TO_SIZE (g_hash_table_lookup (self->reported, pad)) != self->flash_pts + 1) {
    g_hash_table_insert (self->reported, pad, GSIZE_TO_POINTER (self->flash_pts + 1));
    first = TRUE;
  }
  g_mutex_unlock (&self->lock);
  if (first)
    report (pad);
}

/* How late a buffer leaves a pad of the program pipeline: the clock's running time now minus
 * the buffer's running time. Printed for sound and H.264 pads (LATENESS=1): when the muxer
 * gets the picture, and the sound it waits for. */
static void
report_lateness (GstPad *pad, GstBuffer *buffer, const GstStructure *s)
{
  GstObject *parent = GST_OBJECT_PARENT (pad);
  GstElement *element = GST_IS_ELEMENT (parent) ? GST_ELEMENT (parent) : NULL;
  GstEvent *event;
  const GstSegment *segment;
  GstClock *clock;
  GstClockTime now, running;

  if (element == NULL || !(g_str_has_prefix (gst_structure_get_name (s), "audio/") ||
                          gst_structure_has_name (s, "video/x-h264")) ||
      !GST_BUFFER_PTS_IS_VALID (buffer) || (clock = gst_element_get_clock (element)) == NULL)
    return;
  now = gst_clock_get_time (clock) - gst_element_get_base_time (element);
  gst_object_unref (clock);
  event = gst_pad_get_sticky_event (pad, GST_EVENT_SEGMENT, 0);
  if (event == NULL)
    return;
  gst_event_parse_segment (event, &segment);
  running = gst_segment_to_running_time (segment, GST_FORMAT_TIME, GST_BUFFER_PTS (buffer));
  if (GST_CLOCK_TIME_IS_VALID (running))
    fprintf (stderr, "LATE %.1f %s:%s\n", ((double) now - (double) running) / GST_MSECOND,
             GST_OBJECT_NAME (parent), GST_OBJECT_NAME (pad));
  gst_event_unref (event);
}

static void
on_buffer (FlashTracer *self, GstPad *pad, GstBuffer *buffer)
{
  GstCaps *caps = gst_pad_get_current_caps (pad);
  const GstStructure *s;

  if (caps == NULL)
    return;
  s = gst_caps_get_structure (caps, 0);
  if (self->lateness)
    report_lateness (pad, buffer, s);
  if (gst_structure_has_name (s, "video/x-raw"))
    on_raw (self, pad, buffer, caps);
  else if (gst_structure_has_name (s, "video/x-h264") || gst_structure_has_name (s, "video/mpegts"))
    on_encoded (self, pad, buffer);
  gst_caps_unref (caps);
}

static void
on_push (GObject *self, GstClockTime ts, GstPad *pad, GstBuffer *buffer)
{
  (void) ts;
  on_buffer ((FlashTracer *) self, pad, buffer);
}

static void
on_push_list (GObject *self, GstClockTime ts, GstPad *pad, GstBufferList *list)
{
  (void) ts;
  if (gst_buffer_list_length (list) > 0)
    on_buffer ((FlashTracer *) self, pad, gst_buffer_list_get (list, 0));
}

static void
flash_tracer_finalize (GObject *object)
{
  FlashTracer *self = (FlashTracer *) object;

  g_hash_table_unref (self->bright);
  g_hash_table_unref (self->reported);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (flash_tracer_parent_class)->finalize (object);
}

static void
flash_tracer_class_init (FlashTracerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = flash_tracer_finalize;
}

static void
flash_tracer_init (FlashTracer *self)
{
  g_mutex_init (&self->lock);
  self->bright = g_hash_table_new (NULL, NULL);
  self->reported = g_hash_table_new (NULL, NULL);
  self->flash_pts = GST_CLOCK_TIME_NONE;
  self->lateness = g_strcmp0 (g_getenv ("LATENESS"), "1") == 0;
  gst_tracing_register_hook (GST_TRACER (self), "pad-push-pre", G_CALLBACK (on_push));
  gst_tracing_register_hook (GST_TRACER (self), "pad-push-list-pre", G_CALLBACK (on_push_list));
}

static gboolean
plugin_init (GstPlugin *plugin)
{
  return gst_tracer_register (plugin, "flash", flash_tracer_get_type ());
}

#define PACKAGE "plenum-bench"
GST_PLUGIN_DEFINE (GST_VERSION_MAJOR, GST_VERSION_MINOR, flashtracer,
                   "Flash-frame stage times for bench/latency.sh", plugin_init, "1",
                   "LGPL", PACKAGE, "https://example.invalid/plenum")

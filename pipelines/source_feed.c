#include "pipelines/source_feed.h"

#include "pipelines/elements.h"

#include <gst/video/video.h>
#include <string.h>

GST_DEBUG_CATEGORY_STATIC (plenum_feed_debug);
#define GST_CAT_DEFAULT plenum_feed_debug

#define STALL_US (G_USEC_PER_SEC)          /* no frame for this long: the source is down */
#define WATCH_INTERVAL_MS 200
/* A returning source goes on air only after this long of steady pictures: the mixer may still
 * hold black frames from the gap, a decoder joining mid-GOP shows grey ones, and a flapping
 * link should not flicker between camera and slate. */
#define STEADY_US (G_USEC_PER_SEC / 2)
#define RESTART_STALLED_US (2 * G_USEC_PER_SEC)
#define MISSING_US (3 * G_USEC_PER_SEC)  /* then say that a source still shows nothing */
#define RETRY_FIRST_MS 1000
#define RETRY_MAX_MS 8000

struct _PlenumSourceFeed {
  const PlenumSourceConfig *source;   /* (transfer none) the show outlives its feeds */
  PlenumSourceFormat format;
  char *channel;
  PlenumHandover *handover;    /* (owned) into the program */
  PlenumSourceFeedStateFunc on_state;
  PlenumSourceFeedLogFunc on_log;
  gpointer user_data;

  GstElement *pipeline;        /* (owned) or NULL between attempts */
  guint bus_watch;
  guint watchdog;
  guint retry;
  guint retry_ms;
  gboolean running;
  gboolean up;
  gboolean ended;              /* a file that ended and does not loop */
  gint64 started_us;
  gboolean told_missing;       /* "no picture yet" was said */
  gboolean ever_up;
  gboolean looping;            /* the first segment seek of a looping file was done */

  GMutex lock;                 /* guards what the streaming thread writes */
  gint64 last_frame_us;
  gint64 steady_since_us;      /* the first frame after the last gap */
};

static void feed_build_and_play (PlenumSourceFeed *feed);

static void
feed_log (PlenumSourceFeed *feed, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
feed_log (PlenumSourceFeed *feed, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  GST_INFO ("%s", message);
  if (feed->on_log)
    feed->on_log (feed, message, feed->user_data);
}

static GstPadProbeReturn
on_frame (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  PlenumSourceFeed *feed = user_data;
  gint64 now = g_get_monotonic_time ();
  (void) pad;
  (void) info;

  g_mutex_lock (&feed->lock);
  if (feed->last_frame_us == 0 || now - feed->last_frame_us >= STALL_US)
    feed->steady_since_us = now;
  feed->last_frame_us = now;
  g_mutex_unlock (&feed->lock);
  return GST_PAD_PROBE_OK;
}

static void
feed_teardown (PlenumSourceFeed *feed)
{
  if (feed->bus_watch) {
    g_source_remove (feed->bus_watch);
    feed->bus_watch = 0;
  }
  if (feed->pipeline) {
    gst_element_set_state (feed->pipeline, GST_STATE_NULL);
    gst_clear_object (&feed->pipeline);
  }
  g_mutex_lock (&feed->lock);
  feed->last_frame_us = 0;
  g_mutex_unlock (&feed->lock);
  /* Its channel goes black now: show the slate at once instead of after the watchdog's second. */
  if (feed->running && feed->up) {
    feed->up = FALSE;
    if (feed->on_state)
      feed->on_state (feed, FALSE, feed->user_data);
  }
}

static gboolean
on_retry (gpointer user_data)
{
  PlenumSourceFeed *feed = user_data;

  feed->retry = 0;
  feed_build_and_play (feed);
  return G_SOURCE_REMOVE;
}

static void
feed_schedule_restart (PlenumSourceFeed *feed, guint delay_ms)
{
  feed_teardown (feed);
  if (!feed->running || feed->retry)
    return;
  feed->retry = g_timeout_add (delay_ms, on_retry, feed);
}

static gboolean
on_bus_message (GstBus *bus, GstMessage *message, gpointer user_data)
{
  PlenumSourceFeed *feed = user_data;
  (void) bus;

  /* A looping file plays in segments: at the end of each, seek back to the start without
   * flushing, so the next loop follows without a gap and with running time going on. */
  if (feed->source->kind == PLENUM_SOURCE_URI && feed->source->loop &&
      GST_MESSAGE_SRC (message) == GST_OBJECT (feed->pipeline)) {
    if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ASYNC_DONE && !feed->looping) {
      feed->looping = gst_element_seek_simple (feed->pipeline, GST_FORMAT_TIME,
                                               GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_SEGMENT, 0);
      return G_SOURCE_CONTINUE;
    }
    if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_SEGMENT_DONE) {
      GST_DEBUG ("source %s: looping", feed->source->id);
      gst_element_seek_simple (feed->pipeline, GST_FORMAT_TIME, GST_SEEK_FLAG_SEGMENT, 0);
      return G_SOURCE_CONTINUE;
    }
  }

  /* Both cases below end this pipeline, and with it this watch. */
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR || GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS)
    feed->bus_watch = 0;

  switch (GST_MESSAGE_TYPE (message)) {
  case GST_MESSAGE_ERROR: {
    g_autoptr (GError) error = NULL;
    g_autofree char *debug = NULL;

    gst_message_parse_error (message, &error, &debug);
    GST_DEBUG ("source %s: %s", feed->source->id, debug ? debug : "");
    {
      g_autofree char *reason = g_strstrip (g_strdup (error->message));
      gsize len = strlen (reason);
      if (len > 0 && reason[len - 1] == '.')
        reason[len - 1] = '\0';
      feed_log (feed, "source %s: %s; retrying in %u s", feed->source->id, reason,
                feed->retry_ms / 1000);
    }
    feed_schedule_restart (feed, feed->retry_ms);
    feed->retry_ms = MIN (feed->retry_ms * 2, RETRY_MAX_MS);
    return G_SOURCE_REMOVE;
  }
  case GST_MESSAGE_EOS:
    if (feed->source->kind == PLENUM_SOURCE_URI && feed->source->loop) {
      /* Only if segment seeks failed (a stream that cannot seek): start it afresh. */
      GST_DEBUG ("source %s ended; looping by restarting", feed->source->id);
      feed_schedule_restart (feed, 0);
    } else if (feed->source->kind == PLENUM_SOURCE_URI) {
      feed_log (feed, "source %s ended", feed->source->id);
      feed->ended = TRUE;
      feed_teardown (feed);
    } else {
      feed_log (feed, "source %s ended its stream; waiting for it to return", feed->source->id);
      feed_schedule_restart (feed, RETRY_FIRST_MS);
    }
    return G_SOURCE_REMOVE;
  default:
    return G_SOURCE_CONTINUE;
  }
}

/* What to tell the operator about a source that never showed a picture; (transfer full). */
static char *
describe_missing (const PlenumSourceConfig *source)
{
  switch (source->kind) {
  case PLENUM_SOURCE_SRT:
    if (g_strrstr (source->uri, "mode=listener"))
      return g_strdup_printf ("no SRT caller has connected to %s yet", source->uri);
    return g_strdup_printf ("no answer from %s yet (is the peer listening there?)", source->uri);
  case PLENUM_SOURCE_RTMP:
    return g_strdup_printf ("no stream from %s yet (is it being published?)", source->uri);
  case PLENUM_SOURCE_V4L2:
    return g_strdup_printf ("no picture from %s yet (is the camera connected and free?)",
                            source->device);
  case PLENUM_SOURCE_URI:
    return g_strdup_printf ("no picture from %s yet", source->uri);
  case PLENUM_SOURCE_TEST:
    break;
  }
  return g_strdup ("no picture from its test pattern yet");
}

static gboolean
on_watchdog (gpointer user_data)
{
  PlenumSourceFeed *feed = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 last, steady_since;
  gboolean up;

  g_mutex_lock (&feed->lock);
  last = feed->last_frame_us;
  steady_since = feed->steady_since_us;
  g_mutex_unlock (&feed->lock);
  up = last != 0 && now - last < STALL_US &&
      (feed->up || !feed->ever_up || now - steady_since >= STEADY_US);

  if (up && feed->retry_ms != RETRY_FIRST_MS)
    feed->retry_ms = RETRY_FIRST_MS;
  feed->ever_up |= up;
  /* A caller whose peer never answers or a listener nobody calls raises no error: say so,
   * and say what to check. */
  if (!feed->ever_up && !feed->told_missing && !feed->ended && now - feed->started_us > MISSING_US) {
    g_autofree char *hint = describe_missing (feed->source);
    feed->told_missing = TRUE;
    feed_log (feed, "source %s: %s; showing the slate", feed->source->id, hint);
  }
  if (up != feed->up) {
    feed->up = up;
    if (!up)
      feed_log (feed, "source %s: no picture for 1 s, showing the slate", feed->source->id);
    else
      feed_log (feed, "source %s: picture is back", feed->source->id);
    if (feed->on_state)
      feed->on_state (feed, up, feed->user_data);
  }
  /* A stalled stream that never errors (a frozen camera, an SRT peer that vanished without a
   * word) is rebuilt too: a fresh listener accepts the peer when it calls again. */
  if (!up && feed->pipeline && last != 0 && !feed->ended && now - last > RESTART_STALLED_US &&
      feed->source->kind != PLENUM_SOURCE_TEST) {
    feed_log (feed, "source %s stalled; restarting it", feed->source->id);
    feed_schedule_restart (feed, 0);
  }
  return G_SOURCE_CONTINUE;
}

/* One of the source bin's pads, through a queue, to `sink` (in the pipeline); the picture also goes to the
 * source's inter channel, where the operator's multiview reads it. */
static gboolean
feed_link_sink (PlenumSourceFeed *feed, GstElement *bin, const char *pad_name, GstElement *sink,
                gboolean paced, GError **error)
{
  gboolean video = g_str_equal (pad_name, "video");
  GstElement *queue, *tee = NULL, *preview = NULL;

  if (!plenum_elements_make (error, "queue", &queue, NULL))
    return FALSE;
  if (video && !plenum_elements_make (error, "tee", &tee, "intervideosink", &preview, NULL)) {
    gst_object_unref (gst_object_ref_sink (queue));
    return FALSE;
  }
  gst_bin_add (GST_BIN (feed->pipeline), queue);
  if (tee) {
    gst_bin_add_many (GST_BIN (feed->pipeline), tee, preview, NULL);
    /* Never holds the handover up, nor the state change. */
    g_object_set (preview, "channel", feed->channel, "sync", paced, "async", FALSE, NULL);
  }
  if (!gst_element_link_pads (bin, pad_name, queue, "sink") ||
      (tee ? !gst_element_link_many (queue, tee, sink, NULL) || !gst_element_link (tee, preview)
           : !gst_element_link (queue, sink))) {
    g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_NEGOTIATION,
                 "source %s: cannot link its %s", feed->source->id, pad_name);
    return FALSE;
  }
  if (video) {
    g_autoptr (GstPad) pad = gst_element_get_static_pad (sink, "sink");
    gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, on_frame, feed, NULL);
  }
  return TRUE;
}

static void
feed_build_and_play (PlenumSourceFeed *feed)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GstBus) bus = NULL;
  GstElement *bin, *video = NULL, *audio = NULL;
  gboolean paced;

  if (!feed->running)
    return;
  feed->ended = FALSE;
  feed->looping = FALSE;
  feed->pipeline = gst_object_ref_sink (gst_pipeline_new (feed->channel));
  bin = plenum_source_bin_new (feed->source, &feed->format, &error);
  if (bin == NULL) {
    feed_log (feed, "source %s: %s", feed->source->id, error->message);
    feed_schedule_restart (feed, RETRY_MAX_MS);
    return;
  }
  gst_bin_add (GST_BIN (feed->pipeline), bin);
  /* Live sources arrive in real time already: waiting on the clock would only add latency.
   * Files must be paced. */
  paced = feed->source->kind == PLENUM_SOURCE_URI;
  if (plenum_handover_new_sinks (feed->handover, paced, &video, &audio, &error))
    gst_bin_add_many (GST_BIN (feed->pipeline), video, audio, NULL);
  if (video == NULL || !feed_link_sink (feed, bin, "video", video, paced, &error) ||
      !feed_link_sink (feed, bin, "audio", audio, paced, &error)) {
    feed_log (feed, "source %s: %s", feed->source->id, error->message);
    feed_schedule_restart (feed, RETRY_MAX_MS);
    return;
  }
  bus = gst_element_get_bus (feed->pipeline);
  feed->bus_watch = gst_bus_add_watch (bus, on_bus_message, feed);
  if (gst_element_set_state (feed->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    GST_DEBUG ("source %s failed to start; its bus has the reason", feed->source->id);
}

PlenumSourceFeed *
plenum_source_feed_new (const PlenumSourceConfig *source, const PlenumSourceFormat *format,
                        PlenumSourceFeedStateFunc on_state, PlenumSourceFeedLogFunc on_log,
                        gpointer user_data, GError **error)
{
  PlenumHandover *handover = plenum_handover_new (source->id, error);
  PlenumSourceFeed *feed;

  if (handover == NULL)
    return NULL;
  if (plenum_feed_debug == NULL)
    GST_DEBUG_CATEGORY_INIT (plenum_feed_debug, "plenum-feed", 0, "Plenum live source feeds");
  feed = g_new0 (PlenumSourceFeed, 1);
  feed->handover = handover;
  feed->source = source;
  feed->format = *format;
  feed->format.live = TRUE;
  feed->channel = g_strdup_printf ("plenum.%s", source->id);
  feed->on_state = on_state;
  feed->on_log = on_log;
  feed->user_data = user_data;
  feed->retry_ms = RETRY_FIRST_MS;
  g_mutex_init (&feed->lock);
  return feed;
}

void
plenum_source_feed_start (PlenumSourceFeed *feed)
{
  g_return_if_fail (feed != NULL && !feed->running);
  feed->running = TRUE;
  feed->started_us = g_get_monotonic_time ();
  feed_build_and_play (feed);
  feed->watchdog = g_timeout_add (WATCH_INTERVAL_MS, on_watchdog, feed);
}

void
plenum_source_feed_stop (PlenumSourceFeed *feed)
{
  g_return_if_fail (feed != NULL);
  feed->running = FALSE;
  if (feed->retry) {
    g_source_remove (feed->retry);
    feed->retry = 0;
  }
  if (feed->watchdog) {
    g_source_remove (feed->watchdog);
    feed->watchdog = 0;
  }
  feed_teardown (feed);
}

void
plenum_source_feed_free (PlenumSourceFeed *feed)
{
  if (feed == NULL)
    return;
  plenum_source_feed_stop (feed);
  plenum_handover_unref (feed->handover);
  g_free (feed->channel);
  g_mutex_clear (&feed->lock);
  g_free (feed);
}

const char *
plenum_source_feed_id (const PlenumSourceFeed *feed)
{
  return feed->source->id;
}

PlenumHandover *
plenum_source_feed_handover (PlenumSourceFeed *feed)
{
  return feed->handover;
}

const char *
plenum_source_feed_channel (const PlenumSourceFeed *feed)
{
  return feed->channel;
}

gboolean
plenum_source_feed_is_up (const PlenumSourceFeed *feed)
{
  return feed->up;
}

#include "pipelines/handover.h"

#include <gst/app/app.h>
#include "pipelines/elements.h"

GST_DEBUG_CATEGORY_STATIC (plenum_handover_debug);
#define GST_CAT_DEFAULT plenum_handover_debug

/* Buffers reach the program at least half of this before their time: scheduling jitter. */
#define MARGIN (20 * GST_MSECOND)
/* The delay moves in steps of this, so small variations do not shift the source each time. */
#define STEP (10 * GST_MSECOND)
/* A build's delay is learnt from its latest arrivals in windows of this, for this long. */
#define WINDOW (GST_SECOND / 4)
#define LEARNING GST_SECOND
/* A buffer this much earlier or later than the delay says is a jump in the source's
 * timestamps (a restarted stream, a wrap), not a change of its timing: learn again. */
#define JUMP GST_SECOND
/* How much an appsrc holds if the program stops taking (it should not): the oldest goes. */
#define QUEUE_TIME GST_SECOND

struct _PlenumHandover {
  gatomicrefcount ref;
  char *id;
  GstElement *video;              /* (owned ref) appsrc */
  GstElement *audio;              /* (owned ref) appsrc */
  GMutex lock;
  GstClockTimeDiff delay;         /* guarded by lock: the newest build's, or STIME_NONE */
};

/* One build of the source pipeline: the timing its two sinks share. */
typedef struct {
  gatomicrefcount ref;
  PlenumHandover *handover;       /* (owned ref) */
  GMutex lock;
  GstClockTime first_arrival;     /* program running time, or NONE: learn (again) */
  GstClockTime window_start;
  GstClockTimeDiff window_late[2];  /* latest arrival in the previous and the current window */
  GstClockTimeDiff delay;
  GstClockTimeDiff published;     /* the delay last given to the handover */
} Build;

/* One appsink of a build; used on its streaming thread only. */
typedef struct {
  Build *build;                   /* (owned ref) */
  GstElement *appsrc;             /* (owned ref) */
  GstCaps *caps;                  /* (owned ref) the caps last given to the appsrc */
  gboolean started;
} SinkState;

static Build *
build_ref (Build *build)
{
  g_atomic_ref_count_inc (&build->ref);
  return build;
}

static void
build_unref (Build *build)
{
  if (!g_atomic_ref_count_dec (&build->ref))
    return;
  plenum_handover_unref (build->handover);
  g_mutex_clear (&build->lock);
  g_free (build);
}

static void
sink_state_free (gpointer data)
{
  SinkState *state = data;

  gst_clear_caps (&state->caps);
  gst_object_unref (state->appsrc);
  build_unref (state->build);
  g_free (state);
}

static GstClockTimeDiff
round_up (GstClockTimeDiff value)
{
  if (value >= 0)
    return (value + STEP - 1) / STEP * STEP;
  return -(-value / STEP * STEP);
}

/* Takes in that a buffer arrived `late` after its time (negative: early) at program running
 * time `now`; returns the build's delay. */
static GstClockTimeDiff
build_note_arrival (Build *build, GstClockTime now, GstClockTimeDiff late)
{
  GstClockTimeDiff delay;
  gboolean changed;

  g_mutex_lock (&build->lock);
  if (GST_CLOCK_TIME_IS_VALID (build->first_arrival) &&
      (late - build->delay > (GstClockTimeDiff) JUMP || build->delay - late > (GstClockTimeDiff) JUMP)) {
    GST_INFO ("source %s: its timestamps jumped by %" GST_STIME_FORMAT "; learning its timing again",
              build->handover->id, GST_STIME_ARGS (late - build->delay));
    build->first_arrival = GST_CLOCK_TIME_NONE;
  }
  if (!GST_CLOCK_TIME_IS_VALID (build->first_arrival)) {
    build->first_arrival = build->window_start = now;
    build->window_late[0] = build->window_late[1] = late;
  }
  if (now - build->first_arrival < LEARNING) {
    /* The latest arrival over the last one or two windows: the first slow frames drop out. */
    if (now - build->window_start >= WINDOW) {
      build->window_late[0] = build->window_late[1];
      build->window_late[1] = late;
      build->window_start = now;
    } else {
      build->window_late[1] = MAX (build->window_late[1], late);
    }
    build->delay = round_up (MAX (build->window_late[0], build->window_late[1]) + MARGIN);
  } else if (late + MARGIN / 2 > build->delay) {
    build->delay = round_up (late + MARGIN);
    GST_INFO ("source %s arrives later now: delayed %" GST_STIME_FORMAT, build->handover->id,
              GST_STIME_ARGS (build->delay));
  }
  changed = build->delay != build->published;
  delay = build->published = build->delay;
  g_mutex_unlock (&build->lock);
  if (changed) {   /* for plenum_handover_delay(); not a second lock for every buffer */
    g_mutex_lock (&build->handover->lock);
    build->handover->delay = delay;
    g_mutex_unlock (&build->handover->lock);
  }
  return delay;
}

static gboolean
is_playing (GstElement *element)
{
  gboolean playing;

  GST_OBJECT_LOCK (element);
  playing = GST_STATE (element) == GST_STATE_PLAYING;
  GST_OBJECT_UNLOCK (element);
  return playing;
}

/* The program's running time now and how long after its time (negative: before) a buffer at
 * running time `running` of `sink`'s pipeline arrived. FALSE while either is not playing. */
static gboolean
read_arrival (GstElement *sink, GstElement *appsrc, GstClockTime running, GstClockTime *now,
              GstClockTimeDiff *late)
{
  g_autoptr (GstClock) sink_clock = gst_element_get_clock (sink);
  g_autoptr (GstClock) program_clock = gst_element_get_clock (appsrc);
  GstClockTime sink_base, program_base, sink_now, program_now;

  /* An element gets its clock before its base time: both are right only once it plays. */
  if (sink_clock == NULL || program_clock == NULL || !is_playing (sink) || !is_playing (appsrc))
    return FALSE;
  sink_base = gst_element_get_base_time (sink);
  program_base = gst_element_get_base_time (appsrc);
  sink_now = gst_clock_get_time (sink_clock);
  program_now = program_clock == sink_clock ? sink_now : gst_clock_get_time (program_clock);
  if (sink_now < sink_base || program_now < program_base)
    return FALSE;
  *now = program_now - program_base;
  *late = GST_CLOCK_DIFF (running, sink_now - sink_base);
  return TRUE;
}

static GstFlowReturn
on_new_sample (GstAppSink *sink, gpointer user_data)
{
  SinkState *state = user_data;
  g_autoptr (GstSample) sample = gst_app_sink_pull_sample (sink);
  GstBuffer *buffer, *restamped;
  GstCaps *caps;
  GstClockTime running, now;
  GstClockTimeDiff late, delay, time;

  if (sample == NULL)
    return GST_FLOW_EOS;
  buffer = gst_sample_get_buffer (sample);
  running = gst_segment_to_running_time (gst_sample_get_segment (sample), GST_FORMAT_TIME,
                                         GST_BUFFER_PTS (buffer));
  if (!GST_CLOCK_TIME_IS_VALID (running) ||
      !read_arrival (GST_ELEMENT (sink), state->appsrc, running, &now, &late))
    return GST_FLOW_OK;
  delay = build_note_arrival (state->build, now, late);
  time = (GstClockTimeDiff) now - late + delay;
  GST_LOG_OBJECT (state->appsrc, "arrived %" GST_STIME_FORMAT " after its time; delay %"
                  GST_STIME_FORMAT, GST_STIME_ARGS (late), GST_STIME_ARGS (delay));
  if (time < 0)
    return GST_FLOW_OK;   /* before the program began */

  caps = gst_sample_get_caps (sample);
  if (caps && caps != state->caps) {
    gst_caps_replace (&state->caps, caps);
    gst_app_src_set_caps (GST_APP_SRC (state->appsrc), caps);
  }
  /* A new buffer around the same memory: the source pipeline may still hold this one. */
  restamped = gst_buffer_copy (buffer);
  GST_BUFFER_PTS (restamped) = (GstClockTime) time;
  GST_BUFFER_DTS (restamped) = GST_CLOCK_TIME_NONE;
  if (!state->started)
    GST_BUFFER_FLAG_SET (restamped, GST_BUFFER_FLAG_DISCONT);
  state->started = TRUE;
  gst_app_src_push_buffer (GST_APP_SRC (state->appsrc), restamped);
  return GST_FLOW_OK;
}

static GstElement *
make_appsrc (const char *id, const char *kind, GError **error)
{
  g_autofree char *name = g_strdup_printf ("%s-%s", id, kind);
  GstElement *appsrc = plenum_element_make ("appsrc", name, error);

  if (appsrc == NULL)
    return NULL;
  /* Live and in time, so the mixers go on without it when nothing comes. A live appsrc
   * answers the latency query with its min- and max-latency: left at their defaults it says
   * it can hold nothing (max 0) and the mixers cannot be live at all. It never blocks the
   * source. */
  g_object_set (appsrc, "is-live", TRUE, "format", GST_FORMAT_TIME, "block", FALSE,
                "min-latency", (gint64) 0, "max-latency", (gint64) QUEUE_TIME,
                "max-bytes", (guint64) 0, "max-buffers", (guint64) 0,
                "max-time", (guint64) QUEUE_TIME, NULL);
  gst_util_set_object_arg (G_OBJECT (appsrc), "leaky-type", "downstream");
  return gst_object_ref_sink (appsrc);
}

PlenumHandover *
plenum_handover_new (const char *id, GError **error)
{
  PlenumHandover *handover;
  GstElement *video = make_appsrc (id, "video", error);
  GstElement *audio = video ? make_appsrc (id, "audio", error) : NULL;

  if (audio == NULL) {
    gst_clear_object (&video);
    return NULL;
  }
  if (plenum_handover_debug == NULL)
    GST_DEBUG_CATEGORY_INIT (plenum_handover_debug, "plenum-handover", 0,
                             "Plenum: live sources handed over to the program");
  handover = g_new0 (PlenumHandover, 1);
  g_atomic_ref_count_init (&handover->ref);
  handover->id = g_strdup (id);
  handover->video = video;
  handover->audio = audio;
  handover->delay = GST_CLOCK_STIME_NONE;
  g_mutex_init (&handover->lock);
  return handover;
}

PlenumHandover *
plenum_handover_ref (PlenumHandover *handover)
{
  g_atomic_ref_count_inc (&handover->ref);
  return handover;
}

void
plenum_handover_unref (PlenumHandover *handover)
{
  if (handover == NULL || !g_atomic_ref_count_dec (&handover->ref))
    return;
  gst_object_unref (handover->video);
  gst_object_unref (handover->audio);
  g_free (handover->id);
  g_mutex_clear (&handover->lock);
  g_free (handover);
}

GstElement *
plenum_handover_video_source (PlenumHandover *handover)
{
  return handover->video;
}

GstElement *
plenum_handover_audio_source (PlenumHandover *handover)
{
  return handover->audio;
}

static GstElement *
make_sink (Build *build, GstElement *appsrc, gboolean sync, GError **error)
{
  GstAppSinkCallbacks callbacks = { .new_sample = on_new_sample };
  GstElement *sink = plenum_element_make ("appsink", NULL, error);
  SinkState *state;

  if (sink == NULL)
    return NULL;
  g_object_set (sink, "sync", sync, "enable-last-sample", FALSE, NULL);
  state = g_new0 (SinkState, 1);
  state->build = build_ref (build);
  state->appsrc = gst_object_ref (appsrc);
  gst_app_sink_set_callbacks (GST_APP_SINK (sink), &callbacks, state, sink_state_free);
  return sink;
}

gboolean
plenum_handover_new_sinks (PlenumHandover *handover, gboolean sync, GstElement **video,
                           GstElement **audio, GError **error)
{
  Build *build = g_new0 (Build, 1);

  g_atomic_ref_count_init (&build->ref);
  build->handover = plenum_handover_ref (handover);
  g_mutex_init (&build->lock);
  build->first_arrival = GST_CLOCK_TIME_NONE;
  build->published = GST_CLOCK_STIME_NONE;
  *video = make_sink (build, handover->video, sync, error);
  *audio = *video ? make_sink (build, handover->audio, sync, error) : NULL;
  if (*audio == NULL && *video) {
    gst_object_unref (gst_object_ref_sink (*video));
    *video = NULL;
  }
  build_unref (build);
  return *video != NULL;
}

GstClockTimeDiff
plenum_handover_delay (PlenumHandover *handover)
{
  GstClockTimeDiff delay;

  g_mutex_lock (&handover->lock);
  delay = handover->delay;
  g_mutex_unlock (&handover->lock);
  return delay;
}

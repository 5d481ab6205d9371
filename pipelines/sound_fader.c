#include "pipelines/sound_fader.h"

#include <gst/controller/controller.h>
#include "pipelines/elements.h"

GST_DEBUG_CATEGORY_STATIC (plenum_sound_fader_debug);
#define GST_CAT_DEFAULT plenum_sound_fader_debug

struct _PlenumSoundFader {
  GstElement *volume;        /* (owned ref) */
  GMutex lock;               /* guards everything below; held while a new curve goes in */
  GstSegment segment;        /* the sink pad's latest (time) segment */
  gboolean have_segment;
  GstClockTime reached;      /* running time where the latest buffer in ends */
  GstControlSource *curve;   /* (owned) the level curve in force */
  gboolean audible;          /* where the curve ends */
};

static GstPadProbeReturn
on_sink_data (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  PlenumSoundFader *fader = user_data;
  (void) pad;

  g_mutex_lock (&fader->lock);
  if (info->type & GST_PAD_PROBE_TYPE_BUFFER) {
    GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
    GstClockTime end = GST_BUFFER_PTS (buffer);

    if (GST_CLOCK_TIME_IS_VALID (end) && GST_BUFFER_DURATION_IS_VALID (buffer))
      end += GST_BUFFER_DURATION (buffer);
    if (fader->have_segment && GST_CLOCK_TIME_IS_VALID (end)) {
      end = gst_segment_to_running_time (&fader->segment, GST_FORMAT_TIME, end);
      if (GST_CLOCK_TIME_IS_VALID (end) &&
          (!GST_CLOCK_TIME_IS_VALID (fader->reached) || end > fader->reached))
        fader->reached = end;
    }
  } else {
    GstEvent *event = GST_PAD_PROBE_INFO_EVENT (info);
    if (GST_EVENT_TYPE (event) == GST_EVENT_SEGMENT) {
      const GstSegment *segment;
      gst_event_parse_segment (event, &segment);
      fader->have_segment = segment->format == GST_FORMAT_TIME;
      if (fader->have_segment)
        gst_segment_copy_into (segment, &fader->segment);
    }
  }
  g_mutex_unlock (&fader->lock);
  return GST_PAD_PROBE_OK;
}

/* Puts a new curve in force (the binding for the property is replaced whole, so the
 * streaming thread sees either the old curve or the new one, never one half made). */
static void
install_curve (PlenumSoundFader *fader, GstControlSource *curve)
{
  gst_object_add_control_binding (GST_OBJECT (fader->volume),
      gst_direct_control_binding_new_absolute (GST_OBJECT (fader->volume), "volume", curve));
  gst_clear_object (&fader->curve);
  fader->curve = curve;   /* (transfer full) */
}

static GstControlSource *
new_curve (void)
{
  GstControlSource *curve = gst_interpolation_control_source_new ();
  g_object_set (curve, "mode", GST_INTERPOLATION_MODE_LINEAR, NULL);
  return curve;
}

PlenumSoundFader *
plenum_sound_fader_new (const char *name, gboolean audible, GError **error)
{
  PlenumSoundFader *fader;
  GstControlSource *curve;
  GstElement *volume = plenum_element_make ("volume", name, error);
  g_autoptr (GstPad) sink = NULL;

  if (volume == NULL)
    return NULL;
  GST_DEBUG_CATEGORY_INIT (plenum_sound_fader_debug, "plenum-sound-fader", 0,
                           "Plenum: sources' sound on and off the program");
  fader = g_new0 (PlenumSoundFader, 1);
  fader->volume = gst_object_ref (volume);   /* stays floating for the caller's bin */
  g_mutex_init (&fader->lock);
  gst_segment_init (&fader->segment, GST_FORMAT_TIME);
  fader->reached = GST_CLOCK_TIME_NONE;
  fader->audible = audible;
  curve = new_curve ();
  gst_timed_value_control_source_set (GST_TIMED_VALUE_CONTROL_SOURCE (curve), 0,
                                      audible ? 1.0 : 0.0);
  install_curve (fader, curve);
  sink = gst_element_get_static_pad (volume, "sink");
  gst_pad_add_probe (sink, GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM,
                     on_sink_data, fader, NULL);
  return fader;
}

void
plenum_sound_fader_free (PlenumSoundFader *fader)
{
  if (fader == NULL)
    return;
  gst_object_unref (fader->curve);
  gst_object_unref (fader->volume);
  g_mutex_clear (&fader->lock);
  g_free (fader);
}

GstElement *
plenum_sound_fader_element (PlenumSoundFader *fader)
{
  return fader->volume;
}

GstClockTime
plenum_sound_fader_reached (PlenumSoundFader *fader)
{
  GstClockTime reached;

  g_mutex_lock (&fader->lock);
  reached = fader->reached;
  g_mutex_unlock (&fader->lock);
  return reached;
}

GstClockTime
plenum_sound_fader_set (PlenumSoundFader *fader, gboolean audible, GstClockTime at,
                        GstClockTime fade)
{
  GstControlSource *curve;
  GstTimedValueControlSource *points;
  double target = audible ? 1.0 : 0.0, from = target;
  GstClockTime start = GST_CLOCK_TIME_NONE;

  if (audible == fader->audible)
    return at;
  curve = new_curve ();
  points = GST_TIMED_VALUE_CONTROL_SOURCE (curve);

  /* Under the lock the streaming thread cannot let a buffer in between reading `reached`
   * and putting the curve in force: sound that entered before keeps the old curve, all
   * that comes after meets the new one. */
  g_mutex_lock (&fader->lock);
  if (GST_CLOCK_TIME_IS_VALID (at) && fader->have_segment &&
      GST_CLOCK_TIME_IS_VALID (fader->reached)) {
    guint64 position;

    if (at < fader->reached)
      at = fader->reached;
    position = gst_segment_position_from_running_time (&fader->segment, GST_FORMAT_TIME, at);
    if (GST_CLOCK_TIME_IS_VALID (position))
      start = gst_segment_to_stream_time (&fader->segment, GST_FORMAT_TIME, position);
  }
  if (GST_CLOCK_TIME_IS_VALID (start) &&
      gst_control_source_get_value (fader->curve, start, &from)) {
    gst_timed_value_control_source_set (points, 0, from);
    gst_timed_value_control_source_set (points, start, from);
    gst_timed_value_control_source_set (points, start + fade, target);
  } else {
    gst_timed_value_control_source_set (points, 0, target);
    at = GST_CLOCK_TIME_NONE;
  }
  install_curve (fader, curve);
  fader->audible = audible;
  g_mutex_unlock (&fader->lock);
  GST_DEBUG_OBJECT (fader->volume, "%s from %" GST_TIME_FORMAT " (stream time %" GST_TIME_FORMAT
                    ") over %" GST_TIME_FORMAT, audible ? "on" : "off", GST_TIME_ARGS (at),
                    GST_TIME_ARGS (start), GST_TIME_ARGS (fade));
  return at;
}

void
plenum_sound_faders_cut (PlenumSoundFader *const *faders, const gboolean *audible,
                         guint n_faders, GstClockTime not_before, GstClockTime fade,
                         GstClockTime overlap)
{
  GstClockTime at = not_before;

  for (guint i = 0; i < n_faders && GST_CLOCK_TIME_IS_VALID (at); i++) {
    GstClockTime reached = plenum_sound_fader_reached (faders[i]);
    if (GST_CLOCK_TIME_IS_VALID (reached) && reached > at)
      at = reached;
  }
  for (int pass = 0; pass < 2; pass++) {
    if (pass == 1 && GST_CLOCK_TIME_IS_VALID (at))
      at += overlap;
    for (guint i = 0; i < n_faders; i++) {
      GstClockTime started;

      if (audible[i] != (pass == 0))
        continue;
      started = plenum_sound_fader_set (faders[i], audible[i], at, fade);
      if (GST_CLOCK_TIME_IS_VALID (started) && GST_CLOCK_TIME_IS_VALID (at) && started > at)
        at = started;
    }
  }
}

#include "pipelines/sound_fader.h"

#include <gst/controller/controller.h>
#include "pipelines/elements.h"

GST_DEBUG_CATEGORY_STATIC (plenum_sound_fader_debug);
#define GST_CAT_DEFAULT plenum_sound_fader_debug

struct _PlenumSoundFader {
  GstElement *volume;        /* (owned ref) */
  GstPad *sink;              /* (owned ref) the volume's */
  GMutex lock;               /* guards everything below; held while a new curve goes in */
  GstClockTime reached;      /* running time where the latest buffer in ends */
  GstControlSource *curve;   /* (owned) the level curve in force */
  gboolean audible;          /* where the curve ends */
};

static GstPadProbeReturn
on_sink_buffer (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  PlenumSoundFader *fader = user_data;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
  GstClockTime end = plenum_buffer_running_time (pad, buffer);

  if (!GST_CLOCK_TIME_IS_VALID (end))
    return GST_PAD_PROBE_OK;
  if (GST_BUFFER_DURATION_IS_VALID (buffer))
    end += GST_BUFFER_DURATION (buffer);   /* a raw sound stream plays at rate 1 */
  g_mutex_lock (&fader->lock);
  if (!GST_CLOCK_TIME_IS_VALID (fader->reached) || end > fader->reached)
    fader->reached = end;
  g_mutex_unlock (&fader->lock);
  return GST_PAD_PROBE_OK;
}

/* The stream time of running time `at` on the fader's sink pad, or GST_CLOCK_TIME_NONE. */
static GstClockTime
stream_time_of (PlenumSoundFader *fader, GstClockTime at)
{
  g_autoptr (GstEvent) sticky = gst_pad_get_sticky_event (fader->sink, GST_EVENT_SEGMENT, 0);
  const GstSegment *segment;
  guint64 position;

  if (sticky == NULL)
    return GST_CLOCK_TIME_NONE;
  gst_event_parse_segment (sticky, &segment);
  position = gst_segment_position_from_running_time (segment, GST_FORMAT_TIME, at);
  return GST_CLOCK_TIME_IS_VALID (position)
      ? gst_segment_to_stream_time (segment, GST_FORMAT_TIME, position) : GST_CLOCK_TIME_NONE;
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

  if (volume == NULL)
    return NULL;
  GST_DEBUG_CATEGORY_INIT (plenum_sound_fader_debug, "plenum-sound-fader", 0,
                           "Plenum: sources' sound on and off the program");
  fader = g_new0 (PlenumSoundFader, 1);
  fader->volume = gst_object_ref (volume);   /* stays floating for the caller's bin */
  fader->sink = gst_element_get_static_pad (volume, "sink");
  g_mutex_init (&fader->lock);
  fader->reached = GST_CLOCK_TIME_NONE;
  fader->audible = audible;
  curve = new_curve ();
  gst_timed_value_control_source_set (GST_TIMED_VALUE_CONTROL_SOURCE (curve), 0,
                                      audible ? 1.0 : 0.0);
  install_curve (fader, curve);
  gst_pad_add_probe (fader->sink, GST_PAD_PROBE_TYPE_BUFFER, on_sink_buffer, fader, NULL);
  return fader;
}

void
plenum_sound_fader_free (PlenumSoundFader *fader)
{
  if (fader == NULL)
    return;
  gst_object_unref (fader->curve);
  gst_object_unref (fader->sink);
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
  if (GST_CLOCK_TIME_IS_VALID (at) && GST_CLOCK_TIME_IS_VALID (fader->reached)) {
    if (at < fader->reached)
      at = fader->reached;
    start = stream_time_of (fader, at);
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

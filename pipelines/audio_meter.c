#include "pipelines/audio_meter.h"

#include <ebur128.h>
#include <gst/audio/audio.h>
#include <math.h>

#include "pipelines/elements.h"

GST_DEBUG_CATEGORY_STATIC (plenum_meter_debug);
#define GST_CAT_DEFAULT plenum_meter_debug

#define REPORT_INTERVAL (100 * GST_MSECOND)
/* The decaying peak holds for a second, then falls like a broadcast PPM (20 dB in 1.7 s). */
#define PEAK_HOLD (GST_SECOND)
#define PEAK_FALLOFF_DB_PER_SECOND 12.0

/* Shared by the meter and its probe: each holds a reference, so the probe never outlives the
 * state it feeds even if the meter is freed while audio still flows. */
typedef struct {
  GMutex lock;
  GstCaps *caps;           /* what `state` was made for; NULL before the first buffer */
  GstAudioFormat format;
  int bytes_per_frame;
  ebur128_state *state;    /* NULL while the format is not one libebur128 reads */
} Loudness;

struct _PlenumAudioMeter {
  GstElement *level;       /* (transfer full) floating until the caller adds it to a bin */
  Loudness *loudness;      /* NULL unless asked for */
  gulong probe_id;
  PlenumAudioReading latest;   /* only touched on the main context */
};

static void
loudness_clear (gpointer data)
{
  Loudness *loudness = data;

  if (loudness->state)
    ebur128_destroy (&loudness->state);
  gst_clear_caps (&loudness->caps);
  g_mutex_clear (&loudness->lock);
}

static void
loudness_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, loudness_clear);
}

static gboolean
format_is_measurable (const GstAudioInfo *info)
{
  /* The native-endian formats are the LE ones on every machine Plenum runs on; on a big-endian
   * host the LE formats are correctly refused. */
  switch (GST_AUDIO_INFO_FORMAT (info)) {
    case GST_AUDIO_FORMAT_S16:
    case GST_AUDIO_FORMAT_S32:
    case GST_AUDIO_FORMAT_F32:
    case GST_AUDIO_FORMAT_F64:
      return GST_AUDIO_INFO_LAYOUT (info) == GST_AUDIO_LAYOUT_INTERLEAVED;
    default:
      return FALSE;
  }
}

/* Called with the lock held. A new format starts the measurement over: integrated loudness
 * across a format change would mix two different streams. */
static void
loudness_configure (Loudness *loudness, GstCaps *caps /* transfer full */, GstPad *pad)
{
  GstAudioInfo info;

  gst_caps_replace (&loudness->caps, caps);
  gst_caps_unref (caps);
  if (loudness->state)
    ebur128_destroy (&loudness->state);
  if (!gst_audio_info_from_caps (&info, loudness->caps) || !format_is_measurable (&info)) {
    GST_WARNING_OBJECT (pad, "no loudness for %" GST_PTR_FORMAT ": libebur128 reads only "
                        "interleaved S16LE, S32LE, F32LE and F64LE", loudness->caps);
    return;
  }
  loudness->format = GST_AUDIO_INFO_FORMAT (&info);
  loudness->bytes_per_frame = GST_AUDIO_INFO_BPF (&info);
  /* The histogram keeps the integrated measurement's memory constant over a long session. */
  loudness->state = ebur128_init ((unsigned) GST_AUDIO_INFO_CHANNELS (&info),
                                  (unsigned long) GST_AUDIO_INFO_RATE (&info),
                                  EBUR128_MODE_M | EBUR128_MODE_S | EBUR128_MODE_I |
                                  EBUR128_MODE_HISTOGRAM);
  if (loudness->state == NULL)
    GST_WARNING_OBJECT (pad, "libebur128 cannot measure %" GST_PTR_FORMAT, loudness->caps);
  else
    GST_DEBUG_OBJECT (pad, "measuring loudness of %" GST_PTR_FORMAT, loudness->caps);
}

/* Called with the lock held. */
static void
loudness_add (Loudness *loudness, const GstMapInfo *map)
{
  size_t frames = map->size / (size_t) loudness->bytes_per_frame;

  switch (loudness->format) {
    case GST_AUDIO_FORMAT_S16:
      ebur128_add_frames_short (loudness->state, (const short *) map->data, frames);
      break;
    case GST_AUDIO_FORMAT_S32:
      ebur128_add_frames_int (loudness->state, (const int *) map->data, frames);
      break;
    case GST_AUDIO_FORMAT_F32:
      ebur128_add_frames_float (loudness->state, (const float *) map->data, frames);
      break;
    case GST_AUDIO_FORMAT_F64:
      ebur128_add_frames_double (loudness->state, (const double *) map->data, frames);
      break;
    default:
      g_assert_not_reached ();
  }
}

/* Runs on the streaming thread. The pad's current caps are those of this buffer: sticky
 * events are pushed before the buffer reaches the probe. */
static GstPadProbeReturn
measure_loudness (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  Loudness *loudness = user_data;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
  GstCaps *caps = gst_pad_get_current_caps (pad);
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&loudness->lock);
  GstMapInfo map;

  if (caps == NULL)
    return GST_PAD_PROBE_OK;
  if (loudness->caps == NULL || !gst_caps_is_equal (caps, loudness->caps))
    loudness_configure (loudness, caps, pad);
  else
    gst_caps_unref (caps);
  if (loudness->state == NULL || !gst_buffer_map (buffer, &map, GST_MAP_READ))
    return GST_PAD_PROBE_OK;
  loudness_add (loudness, &map);
  gst_buffer_unmap (buffer, &map);
  return GST_PAD_PROBE_OK;
}

static double
finite_or_floor (double value)
{
  return isfinite (value) ? value : -HUGE_VAL;
}

static void
loudness_read (Loudness *loudness, PlenumAudioReading *reading)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&loudness->lock);
  double momentary = -HUGE_VAL, short_term = -HUGE_VAL, integrated = -HUGE_VAL;

  if (loudness->state == NULL)
    return;
  if (ebur128_loudness_momentary (loudness->state, &momentary) != EBUR128_SUCCESS ||
      ebur128_loudness_shortterm (loudness->state, &short_term) != EBUR128_SUCCESS ||
      ebur128_loudness_global (loudness->state, &integrated) != EBUR128_SUCCESS)
    return;
  reading->momentary_lufs = finite_or_floor (momentary);
  reading->short_term_lufs = finite_or_floor (short_term);
  reading->integrated_lufs = finite_or_floor (integrated);
  reading->has_loudness = isfinite (momentary) && isfinite (short_term) && isfinite (integrated);
}

static void
reading_reset (PlenumAudioReading *reading)
{
  *reading = (PlenumAudioReading) {
    .momentary_lufs = -HUGE_VAL, .short_term_lufs = -HUGE_VAL, .integrated_lufs = -HUGE_VAL,
  };
  for (int i = 0; i < PLENUM_METER_MAX_CHANNELS; i++)
    reading->peak_db[i] = reading->rms_db[i] = PLENUM_METER_SILENCE_DB;
}

PlenumAudioMeter *
plenum_audio_meter_new (const char *name, gboolean loudness, GError **error)
{
  PlenumAudioMeter *meter;
  GstElement *level;

  g_return_val_if_fail (name != NULL, NULL);
  if (plenum_meter_debug == NULL)
    GST_DEBUG_CATEGORY_INIT (plenum_meter_debug, "plenum-meter", 0, "Plenum audio meters");
  level = plenum_element_make ("level", name, error);
  if (level == NULL)
    return NULL;
  g_object_set (level, "post-messages", TRUE, "interval", (guint64) REPORT_INTERVAL,
                "peak-ttl", (guint64) PEAK_HOLD, "peak-falloff", PEAK_FALLOFF_DB_PER_SECOND, NULL);

  meter = g_new0 (PlenumAudioMeter, 1);
  /* A plain reference: the floating one stays for the bin the caller adds the element to. */
  meter->level = gst_object_ref (level);
  reading_reset (&meter->latest);
  if (loudness) {
    g_autoptr (GstPad) src = gst_element_get_static_pad (level, "src");

    meter->loudness = g_atomic_rc_box_new0 (Loudness);
    g_mutex_init (&meter->loudness->lock);
    meter->probe_id = gst_pad_add_probe (src, GST_PAD_PROBE_TYPE_BUFFER, measure_loudness,
                                         g_atomic_rc_box_acquire (meter->loudness),
                                         loudness_unref);
  }
  return meter;
}

void
plenum_audio_meter_free (PlenumAudioMeter *meter)
{
  if (meter == NULL)
    return;
  if (meter->probe_id != 0) {
    g_autoptr (GstPad) src = gst_element_get_static_pad (meter->level, "src");
    gst_pad_remove_probe (src, meter->probe_id);
  }
  g_clear_pointer (&meter->loudness, loudness_unref);
  /* Never added to a bin: the floating reference has no other owner. */
  if (g_object_is_floating (meter->level))
    gst_object_unref (gst_object_ref_sink (meter->level));
  gst_object_unref (meter->level);
  g_free (meter);
}

GstElement *
plenum_audio_meter_element (PlenumAudioMeter *meter)
{
  g_return_val_if_fail (meter != NULL, NULL);
  return meter->level;
}

/* level 1.22 posts its values as a GValueArray, deprecated since GLib 2.32 but still what the
 * element sends. */
static guint
read_value_array (const GValue *list, double *decibels)
{
  guint count;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GValueArray *array = g_value_get_boxed (list);
  count = MIN (array->n_values, PLENUM_METER_MAX_CHANNELS);
  for (guint i = 0; i < count; i++)
    decibels[i] = g_value_get_double (&array->values[i]);
  G_GNUC_END_IGNORE_DEPRECATIONS
  return count;
}

/* Reads up to PLENUM_METER_MAX_CHANNELS values in dB from one field of a level report, floored
 * at silence; returns how many. A GstValueArray is taken too, should a later level send one. */
static int
read_decibels (const GstStructure *report, const char *field, double *decibels)
{
  const GValue *list = gst_structure_get_value (report, field);
  guint count = 0;

  if (list == NULL)
    return 0;
  /* G_TYPE_VALUE_ARRAY's own deprecation note cannot be silenced; its function can. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gboolean is_value_array = G_VALUE_HOLDS (list, g_value_array_get_type ());
  G_GNUC_END_IGNORE_DEPRECATIONS
  if (is_value_array) {
    count = read_value_array (list, decibels);
  } else if (GST_VALUE_HOLDS_ARRAY (list)) {
    count = MIN (gst_value_array_get_size (list), PLENUM_METER_MAX_CHANNELS);
    for (guint i = 0; i < count; i++)
      decibels[i] = g_value_get_double (gst_value_array_get_value (list, i));
  }
  /* Digital silence reads -inf, and a NaN would poison every meter drawn from it. */
  for (guint i = 0; i < count; i++)
    if (isnan (decibels[i]) || decibels[i] < PLENUM_METER_SILENCE_DB)
      decibels[i] = PLENUM_METER_SILENCE_DB;
  return (int) count;
}

gboolean
plenum_audio_meter_handle_message (PlenumAudioMeter *meter, GstMessage *message)
{
  const GstStructure *report;
  double peak[PLENUM_METER_MAX_CHANNELS], rms[PLENUM_METER_MAX_CHANNELS];
  int peaks, channels;
  guint64 duration;

  g_return_val_if_fail (meter != NULL && message != NULL, FALSE);
  if (GST_MESSAGE_TYPE (message) != GST_MESSAGE_ELEMENT ||
      GST_MESSAGE_SRC (message) != GST_OBJECT (meter->level) ||
      !gst_message_has_name (message, "level"))
    return FALSE;
  report = gst_message_get_structure (message);
  /* At EOS level reports the empty rest of its interval (RMS NaN, peak -350 dB): it says
   * nothing about the signal, so the last real reading stays. */
  if (gst_structure_get_uint64 (report, "duration", &duration) && duration == 0)
    return TRUE;
  peaks = read_decibels (report, "peak", peak);
  channels = read_decibels (report, "rms", rms);
  if (peaks != channels || channels == 0) {
    GST_WARNING_OBJECT (meter->level, "level report without peak and RMS: %" GST_PTR_FORMAT,
                        report);
    return TRUE;
  }
  meter->latest.channels = channels;
  for (int i = 0; i < channels; i++) {
    meter->latest.peak_db[i] = peak[i];
    meter->latest.rms_db[i] = rms[i];
  }
  return TRUE;
}

void
plenum_audio_meter_read (PlenumAudioMeter *meter, PlenumAudioReading *reading)
{
  g_return_if_fail (meter != NULL && reading != NULL);
  *reading = meter->latest;
  if (meter->loudness)
    loudness_read (meter->loudness, reading);
}

/* audio_meter.h — what the operator's meters show for one audio stream.
 *
 * A meter is a `level` element placed inline (it passes the audio through untouched) that
 * reports peak and RMS per channel in dBFS ten times a second. A loudness meter also feeds
 * libebur128 from a probe on that element (EBU R128: momentary 400 ms, short-term 3 s and
 * integrated loudness in LUFS). Readings are taken on the main context; the probe's work is
 * guarded by the meter's own lock.
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

#define PLENUM_METER_MAX_CHANNELS 2
#define PLENUM_METER_SILENCE_DB (-120.0)   /* what "no signal" reads as */

typedef struct {
  int channels;                               /* 0 until the first report */
  double peak_db[PLENUM_METER_MAX_CHANNELS];  /* dBFS, PLENUM_METER_SILENCE_DB at the floor */
  double rms_db[PLENUM_METER_MAX_CHANNELS];
  gboolean has_loudness;                      /* a loudness meter with enough audio yet */
  double momentary_lufs, short_term_lufs, integrated_lufs;   /* -HUGE_VAL until measurable */
} PlenumAudioReading;

typedef struct _PlenumAudioMeter PlenumAudioMeter;

/* Makes the meter's element (named `name`, unique in its pipeline). `loudness`: also
 * measure EBU R128. Link the element inline with plenum_audio_meter_element(). */
PlenumAudioMeter *plenum_audio_meter_new (const char *name, gboolean loudness, GError **error);
void plenum_audio_meter_free (PlenumAudioMeter *meter);

/* (transfer none; floating until added to a bin by the caller) */
GstElement *plenum_audio_meter_element (PlenumAudioMeter *meter);

/* Takes the bus message if it is this meter's level report; returns TRUE if it was. */
gboolean plenum_audio_meter_handle_message (PlenumAudioMeter *meter, GstMessage *message);

/* The latest reading. */
void plenum_audio_meter_read (PlenumAudioMeter *meter, PlenumAudioReading *reading);

G_END_DECLS

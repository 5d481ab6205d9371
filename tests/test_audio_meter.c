/* Tests for pipelines/audio_meter.c: peak and RMS from level, EBU R128 loudness from libebur128,
 * checked against signals whose readings are known by arithmetic (and EBU Tech 3341). */
#include <math.h>
#include <gst/gst.h>
#include "pipelines/audio_meter.h"

#define TOLERANCE_DB 0.1
#define RATE 48000
/* One buffer per level report keeps every report a whole 100 ms of signal. */
#define FRAMES_PER_BUFFER (RATE / 10)

typedef struct {
  const char *wave;       /* audiotestsrc's wave, "sine" or "silence" */
  double volume;          /* amplitude as a fraction of full scale */
  const char *format;     /* e.g. "S16LE" */
  double seconds;
} Signal;

/* audiotestsrc ! capsfilter ! queue ! METER [! level name=other] ! fakesink, stereo at RATE.
 * The description leaves the queue unlinked so that the meter goes in after it. */
static GstElement *
build (const Signal *signal, GstElement *meter, gboolean other_level)
{
  g_autofree char *description = g_strdup_printf (
      "audiotestsrc wave=%s freq=1000 volume=%.9f samplesperbuffer=%d num-buffers=%d "
      "! audio/x-raw,format=%s,rate=%d,channels=2,layout=interleaved ! queue name=head "
      "%s fakesink name=tail sync=false",
      signal->wave, signal->volume, FRAMES_PER_BUFFER, (int) (signal->seconds * 10),
      signal->format, RATE, other_level ? "level name=other post-messages=true !" : "");
  g_autoptr (GError) error = NULL;
  GstElement *pipeline = gst_parse_launch (description, &error);
  g_autoptr (GstElement) head = NULL;
  g_autoptr (GstElement) tail = NULL;

  g_assert_no_error (error);
  head = gst_bin_get_by_name (GST_BIN (pipeline), "head");
  tail = gst_bin_get_by_name (GST_BIN (pipeline), other_level ? "other" : "tail");
  gst_bin_add (GST_BIN (pipeline), meter);
  g_assert_true (gst_element_link_many (head, meter, tail, NULL));
  return pipeline;
}

typedef struct {
  int taken;              /* level reports the meter took */
  int other_reports;      /* level reports from the other level element */
  int other_taken;        /* ... of which the meter took (should be none) */
} Counts;

/* Runs to EOS (10 s at most), handing every bus message to the meter as the studio does. */
static void
run (GstElement *pipeline, PlenumAudioMeter *meter, Counts *counts)
{
  g_autoptr (GstBus) bus = gst_element_get_bus (pipeline);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  gboolean done = FALSE;

  g_assert_cmpint (gst_element_set_state (pipeline, GST_STATE_PLAYING), !=,
                   GST_STATE_CHANGE_FAILURE);
  while (!done && g_get_monotonic_time () < deadline) {
    g_autoptr (GstMessage) message = gst_bus_timed_pop (bus, 100 * GST_MSECOND);
    gboolean taken;

    if (message == NULL)
      continue;
    taken = plenum_audio_meter_handle_message (meter, message);
    counts->taken += taken;
    if (gst_message_has_name (message, "level") &&
        g_strcmp0 (GST_MESSAGE_SRC_NAME (message), "other") == 0) {
      counts->other_reports++;
      counts->other_taken += taken;
    }
    if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR) {
      g_autoptr (GError) error = NULL;
      gst_message_parse_error (message, &error, NULL);
      g_error ("pipeline failed: %s", error->message);
    }
    done = GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS;
  }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  g_assert_true (done);
}

/* Meters `signal` to its end and returns the last reading. */
static PlenumAudioReading
measure (const Signal *signal, gboolean loudness)
{
  g_autoptr (GError) error = NULL;
  PlenumAudioMeter *meter = plenum_audio_meter_new ("meter", loudness, &error);
  g_autoptr (GstElement) pipeline = NULL;
  PlenumAudioReading reading;
  Counts counts = { 0 };

  g_assert_no_error (error);
  pipeline = build (signal, plenum_audio_meter_element (meter), FALSE);
  run (pipeline, meter, &counts);
  /* One report per 100 ms, and level's empty one at EOS. */
  g_assert_cmpint (counts.taken, ==, (int) (signal->seconds * 10) + 1);
  plenum_audio_meter_read (meter, &reading);
  plenum_audio_meter_free (meter);
  return reading;
}

static void
test_half_scale_sine_reads_minus_6_dbfs_peak_and_minus_9_dbfs_rms (void)
{
  const Signal signal = { "sine", 0.5, "S16LE", 1.0 };
  PlenumAudioReading reading = measure (&signal, FALSE);

  g_assert_cmpint (reading.channels, ==, 2);
  for (int i = 0; i < 2; i++) {
    g_test_message ("channel %d: peak %.4f dBFS, RMS %.4f dBFS", i, reading.peak_db[i],
                    reading.rms_db[i]);
    /* 20 log10 (0.5) and the sine's RMS 3.01 dB under its peak. */
    g_assert_cmpfloat_with_epsilon (reading.peak_db[i], -6.0206, TOLERANCE_DB);
    g_assert_cmpfloat_with_epsilon (reading.rms_db[i], -9.0309, TOLERANCE_DB);
  }
}

static void
test_silence_reads_the_floor (void)
{
  const Signal signal = { "silence", 1.0, "S16LE", 0.5 };
  PlenumAudioReading reading = measure (&signal, TRUE);

  g_assert_cmpint (reading.channels, ==, 2);
  for (int i = 0; i < 2; i++) {
    g_assert_cmpfloat (reading.peak_db[i], ==, PLENUM_METER_SILENCE_DB);
    g_assert_cmpfloat (reading.rms_db[i], ==, PLENUM_METER_SILENCE_DB);
  }
  /* Silence has no measurable loudness: −∞, never a number a meter would draw. */
  g_assert_false (reading.has_loudness);
  g_assert_cmpfloat (reading.integrated_lufs, ==, -HUGE_VAL);
}

/* EBU Tech 3341, case 1: a stereo 1 kHz sine at −23 dBFS per channel reads −23.0 LUFS. */
static void
check_ebu_3341_case_1 (const char *format)
{
  const Signal signal = { "sine", pow (10.0, -23.0 / 20.0), format, 20.0 };
  PlenumAudioReading reading = measure (&signal, TRUE);

  g_test_message ("%s: momentary %.4f, short-term %.4f, integrated %.4f LUFS", format,
                  reading.momentary_lufs, reading.short_term_lufs, reading.integrated_lufs);
  g_assert_true (reading.has_loudness);
  g_assert_cmpfloat_with_epsilon (reading.integrated_lufs, -23.0, TOLERANCE_DB);
  g_assert_cmpfloat_with_epsilon (reading.momentary_lufs, -23.0, TOLERANCE_DB);
  g_assert_cmpfloat_with_epsilon (reading.short_term_lufs, -23.0, TOLERANCE_DB);
}

static void
test_ebu_3341_case_1_reads_minus_23_lufs_in_s16le (void)
{
  check_ebu_3341_case_1 ("S16LE");
}

static void
test_ebu_3341_case_1_reads_minus_23_lufs_in_f32le (void)
{
  check_ebu_3341_case_1 ("F32LE");
}

static void
test_meter_without_loudness_has_no_loudness (void)
{
  const Signal signal = { "sine", pow (10.0, -23.0 / 20.0), "F32LE", 1.0 };
  PlenumAudioReading reading = measure (&signal, FALSE);

  g_assert_cmpint (reading.channels, ==, 2);
  g_assert_false (reading.has_loudness);
  g_assert_cmpfloat (reading.momentary_lufs, ==, -HUGE_VAL);
  g_assert_cmpfloat (reading.integrated_lufs, ==, -HUGE_VAL);
}

/* S8 is not a format libebur128 reads: the meter still shows peak and RMS, and no loudness. */
static void
test_unmeasurable_format_has_levels_but_no_loudness (void)
{
  const Signal signal = { "sine", 0.5, "S8", 1.0 };
  PlenumAudioReading reading = measure (&signal, TRUE);

  g_assert_cmpint (reading.channels, ==, 2);
  g_assert_cmpfloat_with_epsilon (reading.peak_db[0], -6.0206, 0.2);
  g_assert_false (reading.has_loudness);
}

static void
test_level_report_from_another_element_is_not_taken (void)
{
  const Signal signal = { "sine", 0.5, "S16LE", 1.0 };
  g_autoptr (GError) error = NULL;
  PlenumAudioMeter *meter = plenum_audio_meter_new ("meter", FALSE, &error);
  g_autoptr (GstElement) pipeline = NULL;
  Counts counts = { 0 };

  g_assert_no_error (error);
  pipeline = build (&signal, plenum_audio_meter_element (meter), TRUE);
  run (pipeline, meter, &counts);
  g_assert_cmpint (counts.other_reports, ==, 11);
  g_assert_cmpint (counts.other_taken, ==, 0);
  g_assert_cmpint (counts.taken, ==, 11);
  plenum_audio_meter_free (meter);
}

/* A meter freed before its element was ever added to a bin leaves nothing behind. */
static void
test_meter_never_added_to_a_bin_frees_its_element (void)
{
  PlenumAudioMeter *meter = plenum_audio_meter_new ("meter", TRUE, NULL);
  GWeakRef element;

  g_weak_ref_init (&element, plenum_audio_meter_element (meter));
  plenum_audio_meter_free (meter);
  g_assert_null (g_weak_ref_get (&element));
  g_weak_ref_clear (&element);
}

int
main (int argc, char **argv)
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/audio-meter/half-scale-sine-reads-minus-6-dbfs-peak-and-minus-9-dbfs-rms",
                   test_half_scale_sine_reads_minus_6_dbfs_peak_and_minus_9_dbfs_rms);
  g_test_add_func ("/audio-meter/silence-reads-the-floor", test_silence_reads_the_floor);
  g_test_add_func ("/audio-meter/ebu-3341-case-1-reads-minus-23-lufs-in-s16le",
                   test_ebu_3341_case_1_reads_minus_23_lufs_in_s16le);
  g_test_add_func ("/audio-meter/ebu-3341-case-1-reads-minus-23-lufs-in-f32le",
                   test_ebu_3341_case_1_reads_minus_23_lufs_in_f32le);
  g_test_add_func ("/audio-meter/meter-without-loudness-has-no-loudness",
                   test_meter_without_loudness_has_no_loudness);
  g_test_add_func ("/audio-meter/unmeasurable-format-has-levels-but-no-loudness",
                   test_unmeasurable_format_has_levels_but_no_loudness);
  g_test_add_func ("/audio-meter/level-report-from-another-element-is-not-taken",
                   test_level_report_from_another_element_is_not_taken);
  g_test_add_func ("/audio-meter/meter-never-added-to-a-bin-frees-its-element",
                   test_meter_never_added_to_a_bin_frees_its_element);
  return g_test_run ();
}

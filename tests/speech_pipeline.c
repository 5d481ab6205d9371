/* speech_pipeline [--realtime] [--grace-ms N] FILE ENGINE [URL] — plays a sound file (WAV or
 * anything decodebin reads; a headerless .raw is taken as 16 kHz mono S16LE) into Plenum's
 * speech recogniser, for tests/integration/speech_pocketsphinx.sh and bench/asr.sh.
 *
 * ENGINE is "pocketsphinx", "whisper-server URL", or "none": a fakesink instead of the
 * recogniser, the bench's baseline. Each final result goes to stdout as "FINAL: text", each
 * partial to stderr as "PARTIAL: text" (stdout is flushed per line, so both can share a file
 * in order). At the end, on stdout: "audio-ms: N", "speech-start-ms: N" and "speech-end-ms: N"
 * (speech: 10 ms windows louder than SPEECH_DBFS); with --realtime (the file played at its
 * own pace, as a live source would) also "first-partial-ms: N", the first partial after the
 * start of speech, and "final-after-end-ms: N", the last final after the end of speech.
 *
 * Without --realtime the file plays as fast as the recogniser takes it: the recogniser's leaky
 * queue is made lossless for that, since a file outruns any recogniser. */
#include <math.h>
#include <stdio.h>

#include <gst/audio/audio.h>
#include <gst/gst.h>

#include "pipelines/elements.h"
#include "pipelines/speech_recognizer.h"

#define SPEECH_DBFS (-35.0)
/* A whisper server answers the last chunk only after the end of the file. */
#define WHISPER_GRACE_MS 10000

typedef struct {
  GMainLoop *loop;
  GstElement *pipeline;
  gboolean failed;
  guint grace_ms;
  /* Written by the probe on the streaming thread. */
  GMutex lock;
  GstClockTime speech_start, speech_end, audio_end;
  /* Main thread only: running times at which results arrived. */
  GstClockTime first_partial, last_final;
} Run;

static const char *
engine_usage (void)
{
  return "usage: speech_pipeline [--realtime] [--grace-ms N] FILE "
         "(pocketsphinx | whisper-server URL | none)\n";
}

static void
on_text (const char *text, gboolean final, gpointer user_data)
{
  Run *run = user_data;
  GstClockTime now = gst_element_get_current_running_time (run->pipeline);

  if (final) {
    printf ("FINAL: %s\n", text);   /* the bytes as they are, whatever the locale */
    fflush (stdout);
    run->last_final = now;
  } else {
    fprintf (stderr, "PARTIAL: %s\n", text);
    if (!GST_CLOCK_TIME_IS_VALID (run->first_partial))
      run->first_partial = now;
  }
}

static void
on_log (const char *message, gpointer user_data)
{
  (void) user_data;
  g_printerr ("LOG: %s\n", message);
}

static void
note_loud_window (Run *run, GstClockTime start, GstClockTime end)
{
  g_mutex_lock (&run->lock);
  if (!GST_CLOCK_TIME_IS_VALID (run->speech_start))
    run->speech_start = start;
  run->speech_end = end;
  g_mutex_unlock (&run->lock);
}

static GstClockTime
samples_to_time (const GstAudioInfo *audio, gsize samples)
{
  return gst_util_uint64_scale (samples / audio->channels, GST_SECOND, audio->rate);
}

static double
window_dbfs (const gint16 *samples, gsize count)
{
  double sum = 0;

  for (gsize i = 0; i < count; i++)
    sum += (double) samples[i] * samples[i];
  return 20 * log10 (sqrt (sum / count) / 32768.0 + 1e-9);
}

/* Finds speech by loudness in 10 ms windows, on the audio as it enters the recogniser. */
static GstPadProbeReturn
watch_loudness (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  Run *run = user_data;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
  GstClockTime start = plenum_buffer_running_time (pad, buffer);
  g_autoptr (GstCaps) caps = gst_pad_get_current_caps (pad);
  GstAudioInfo audio;
  GstMapInfo map;

  if (caps == NULL || !gst_audio_info_from_caps (&audio, caps) ||
      !GST_CLOCK_TIME_IS_VALID (start) || !gst_buffer_map (buffer, &map, GST_MAP_READ))
    return GST_PAD_PROBE_OK;
  const gint16 *samples = (const gint16 *) map.data;
  gsize count = map.size / sizeof (gint16), window = audio.rate / 100 * audio.channels;
  for (gsize first = 0; first < count; first += window) {
    gsize n = MIN (window, count - first);
    if (window_dbfs (samples + first, n) > SPEECH_DBFS)
      note_loud_window (run, start + samples_to_time (&audio, first),
                        start + samples_to_time (&audio, first + n));
  }
  g_mutex_lock (&run->lock);
  run->audio_end = start + samples_to_time (&audio, count);
  g_mutex_unlock (&run->lock);
  gst_buffer_unmap (buffer, &map);
  return GST_PAD_PROBE_OK;
}

/* The source up to an element named "pace" with S16 samples, for the probe to read. */
static GstElement *
build_source (const char *file, gboolean realtime, GError **error)
{
  const char *reader = g_str_has_suffix (file, ".raw")
      ? "rawaudioparse use-sink-caps=false format=pcm pcm-format=s16le sample-rate=16000 "
        "num-channels=1"
      : "decodebin";
  g_autofree char *description = g_strdup_printf (
      "filesrc name=file ! %s ! audioconvert ! audio/x-raw,format=S16LE,layout=interleaved "
      "! identity name=pace sync=%s", reader, realtime ? "true" : "false");
  g_autoptr (GstElement) pipeline = gst_parse_launch (description, error);
  g_autoptr (GstElement) source = NULL;

  if (pipeline == NULL)
    return NULL;
  source = gst_bin_get_by_name (GST_BIN (pipeline), "file");
  g_object_set (source, "location", file, NULL);
  return g_steal_pointer (&pipeline);
}

/* The recogniser's first element is its leaky queue (speech_recognizer.h). */
static void
make_lossless (GstElement *recognizer_bin)
{
  g_autoptr (GstPad) sink = gst_element_get_static_pad (recognizer_bin, "sink");
  g_autoptr (GstPad) target = gst_ghost_pad_get_target (GST_GHOST_PAD (sink));
  g_autoptr (GstElement) queue = gst_pad_get_parent_element (target);

  g_object_set (queue, "leaky", 0, NULL);
}

/* Returns (transfer floating) what the audio goes to: the recogniser's bin or a fakesink. */
static GstElement *
make_sink (const char *engine, const char *url, Run *run, PlenumSpeechRecognizer **recognizer,
           GError **error)
{
  PlenumSpeechOptions options = { 0 };

  if (g_str_equal (engine, "none")) {
    GstElement *sink = plenum_element_make ("fakesink", NULL, error);
    if (sink)
      g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
    return sink;
  }
  options.engine = g_str_equal (engine, "pocketsphinx") ? PLENUM_SPEECH_POCKETSPHINX
                                                       : PLENUM_SPEECH_WHISPER_SERVER;
  options.url = url;
  *recognizer = plenum_speech_recognizer_new (&options, on_text, on_log, run, error);
  return *recognizer ? plenum_speech_recognizer_bin (*recognizer) : NULL;
}

static gboolean
quit (gpointer user_data)
{
  g_main_loop_quit (((Run *) user_data)->loop);
  return G_SOURCE_REMOVE;
}

static gboolean
on_message (GstBus *bus, GstMessage *message, gpointer user_data)
{
  Run *run = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *debug = NULL;

  (void) bus;
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS) {
    /* Below the results' priority: those already on their way are printed first. */
    g_timeout_add_full (G_PRIORITY_LOW, run->grace_ms, quit, run, NULL);
  } else if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR) {
    gst_message_parse_error (message, &error, &debug);
    g_printerr ("speech_pipeline: %s (%s)\n", error->message, debug ? debug : "");
    run->failed = TRUE;
    g_main_loop_quit (run->loop);
  }
  return G_SOURCE_CONTINUE;
}

static void
print_ms (const char *label, GstClockTime result, GstClockTime reference)
{
  if (GST_CLOCK_TIME_IS_VALID (result) && GST_CLOCK_TIME_IS_VALID (reference))
    g_print ("%s: %.0f\n", label, ((double) result - (double) reference) / GST_MSECOND);
  else
    g_print ("%s: -\n", label);
}

static void
print_figures (Run *run, gboolean realtime)
{
  print_ms ("audio-ms", run->audio_end, 0);
  print_ms ("speech-start-ms", run->speech_start, 0);
  print_ms ("speech-end-ms", run->speech_end, 0);
  if (!realtime)
    return;
  print_ms ("first-partial-ms", run->first_partial, run->speech_start);
  print_ms ("final-after-end-ms", run->last_final, run->speech_end);
}

/* Links `sink` after "pace", watches the audio and plays to the end. */
static gboolean
play (Run *run, GstElement *sink, gboolean realtime)
{
  g_autoptr (GstElement) pace = gst_bin_get_by_name (GST_BIN (run->pipeline), "pace");
  g_autoptr (GstPad) pace_src = gst_element_get_static_pad (pace, "src");
  g_autoptr (GstBus) bus = gst_element_get_bus (run->pipeline);

  gst_bin_add (GST_BIN (run->pipeline), sink);
  if (!gst_element_link (pace, sink)) {
    g_printerr ("speech_pipeline: cannot link the audio to the recogniser\n");
    return FALSE;
  }
  gst_pad_add_probe (pace_src, GST_PAD_PROBE_TYPE_BUFFER, watch_loudness, run, NULL);
  gst_bus_add_watch (bus, on_message, run);
  if (gst_element_set_state (run->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE) {
    g_printerr ("speech_pipeline: the pipeline would not start\n");
    run->failed = TRUE;
  } else {
    g_main_loop_run (run->loop);
  }
  gst_element_set_state (run->pipeline, GST_STATE_NULL);
  gst_bus_remove_watch (bus);
  print_figures (run, realtime);
  return !run->failed;
}

int
main (int argc, char **argv)
{
  gboolean realtime = FALSE;
  gint grace_ms = -1;
  GOptionEntry entries[] = {
    { "realtime", 0, 0, G_OPTION_ARG_NONE, &realtime, "Play at the file's own pace", NULL },
    { "grace-ms", 0, 0, G_OPTION_ARG_INT, &grace_ms, "Wait this long after the end for results",
      "N" },
    { NULL },
  };

  g_autoptr (GOptionContext) context = g_option_context_new ("FILE ENGINE [URL]");
  g_autoptr (GError) error = NULL;
  PlenumSpeechRecognizer *recognizer = NULL;
  GstElement *sink;
  Run run = { 0 };
  gboolean ok;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_group (context, gst_init_get_option_group ());
  if (!g_option_context_parse (context, &argc, &argv, &error)) {
    g_printerr ("speech_pipeline: %s\n%s", error->message, engine_usage ());
    return 2;
  }
  if (argc < 3 || (g_str_equal (argv[2], "whisper-server") ? argc != 4 : argc != 3) ||
      !(g_str_equal (argv[2], "pocketsphinx") || g_str_equal (argv[2], "whisper-server") ||
        g_str_equal (argv[2], "none"))) {
    g_printerr ("%s", engine_usage ());
    return 2;
  }
  run.grace_ms = grace_ms >= 0 ? (guint) grace_ms
                               : g_str_equal (argv[2], "whisper-server") ? WHISPER_GRACE_MS : 0;
  run.speech_start = run.speech_end = run.audio_end = GST_CLOCK_TIME_NONE;
  run.first_partial = run.last_final = GST_CLOCK_TIME_NONE;
  g_mutex_init (&run.lock);

  run.pipeline = build_source (argv[1], realtime, &error);
  sink = run.pipeline ? make_sink (argv[2], argc > 3 ? argv[3] : NULL, &run, &recognizer, &error)
                      : NULL;
  if (sink == NULL) {
    g_printerr ("speech_pipeline: %s\n", error->message);
    gst_clear_object (&run.pipeline);
    return 1;
  }
  if (recognizer && !realtime)
    make_lossless (sink);
  run.loop = g_main_loop_new (NULL, FALSE);
  ok = play (&run, sink, realtime);

  gst_object_unref (run.pipeline);
  plenum_speech_recognizer_free (recognizer);
  g_main_loop_unref (run.loop);
  g_mutex_clear (&run.lock);
  return ok ? 0 : 1;
}

/* cea608_pipeline MKV [FLV] — 10 s of test video through x264enc with Plenum's caption inserter
 * on the encoder's sink pad, into Matroska (and FLV, as RTMP carries it). Known lines go in at
 * known frames and the captions are turned off near the end, for
 * tests/integration/cea608_roundtrip.sh to read back with ffmpeg. */
#include <gst/gst.h>

#include "pipelines/caption_inserter.h"

#define FRAMES 300
/* Frames from here on carry no caption data at all (two frames of EDM go out first). */
#define TURN_OFF_AT_FRAME 240

static const struct {
  guint frame;
  const char *line;
} cues[] = {
  { 10, "HALLO RATHAUS" },
  { 60, "Frage zur Straße" },
  { 120, "Wir beginnen um 18 Uhr" },
  { 180, "Bürger fragen, Räte antworten" },
};

typedef struct {
  guint frame;
  PlenumCaptionInserter *inserter;
} Script;

/* Runs before the inserter's probe (added first), so a line pushed at frame N goes out from
 * frame N on, in the streaming thread: exact frames, no timers. */
static GstPadProbeReturn
follow_script (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  Script *script = user_data;

  (void) pad;
  (void) info;
  for (gsize i = 0; i < G_N_ELEMENTS (cues); i++) {
    if (cues[i].frame == script->frame)
      plenum_caption_inserter_push_line (script->inserter, cues[i].line);
  }
  if (script->frame == TURN_OFF_AT_FRAME)
    plenum_caption_inserter_set_enabled (script->inserter, FALSE);
  script->frame++;
  return GST_PAD_PROBE_OK;
}

static GstElement *
build_pipeline (const char *mkv, const char *flv, GError **error)
{
  g_autofree char *description = g_strdup_printf (
      "videotestsrc is-live=false num-buffers=%d "
      "! video/x-raw,format=I420,width=640,height=360,framerate=30/1 "
      "! x264enc name=encoder tune=zerolatency key-int-max=60 ! h264parse ! tee name=split "
      "split. ! queue ! matroskamux ! filesink name=mkv "
      "%s", FRAMES, flv ? "split. ! queue ! flvmux ! filesink name=flv" : "");
  g_autoptr (GstElement) pipeline = gst_parse_launch (description, error);
  g_autoptr (GstElement) mkv_sink = NULL;

  if (pipeline == NULL)
    return NULL;
  mkv_sink = gst_bin_get_by_name (GST_BIN (pipeline), "mkv");
  g_object_set (mkv_sink, "location", mkv, NULL);
  if (flv) {
    g_autoptr (GstElement) flv_sink = gst_bin_get_by_name (GST_BIN (pipeline), "flv");
    g_object_set (flv_sink, "location", flv, NULL);
  }
  return g_steal_pointer (&pipeline);
}

/* Plays to the end; FALSE (with the error printed) if the pipeline fails. */
static gboolean
run (GstElement *pipeline)
{
  g_autoptr (GstBus) bus = gst_element_get_bus (pipeline);
  g_autoptr (GstMessage) message = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *debug = NULL;

  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE) {
    g_printerr ("cea608_pipeline: the pipeline would not start\n");
    return FALSE;
  }
  message = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE,
                                        GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS)
    return TRUE;
  gst_message_parse_error (message, &error, &debug);
  g_printerr ("cea608_pipeline: %s (%s)\n", error->message, debug ? debug : "");
  return FALSE;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GstElement) pipeline = NULL;
  g_autoptr (GstElement) encoder = NULL;
  g_autoptr (GstPad) sink = NULL;
  Script script = { 0, NULL };
  gboolean ok;

  gst_init (&argc, &argv);
  if (argc < 2 || argc > 3) {
    g_printerr ("usage: cea608_pipeline OUT.mkv [OUT.flv]\n");
    return 2;
  }
  pipeline = build_pipeline (argv[1], argc > 2 ? argv[2] : NULL, &error);
  if (pipeline == NULL) {
    g_printerr ("cea608_pipeline: %s\n", error->message);
    return 1;
  }
  encoder = gst_bin_get_by_name (GST_BIN (pipeline), "encoder");
  sink = gst_element_get_static_pad (encoder, "sink");
  gst_pad_add_probe (sink, GST_PAD_PROBE_TYPE_BUFFER, follow_script, &script, NULL);
  script.inserter = plenum_caption_inserter_new (sink, 2);

  ok = run (pipeline);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  plenum_caption_inserter_free (script.inserter);
  g_print ("cea608_pipeline: %u frames\n", script.frame);
  return ok ? 0 : 1;
}

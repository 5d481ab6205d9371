#include "studio/show_runner.h"

#include <glib-unix.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include "overlays/caption_burnin.h"
#include "overlays/lower_third.h"
#include "pipelines/caption_inserter.h"
#include "pipelines/elements.h"
#include "pipelines/encoder.h"
#include "pipelines/mixer.h"
#include "pipelines/output.h"
#include "pipelines/source_feed.h"
#include "pipelines/tls_trust.h"
#include "studio/caption_desk.h"
#include "studio/control_server.h"
#include "studio/log.h"
#include "studio/metrics_file.h"
#include "studio/operator_window.h"
#include "studio/port_check.h"
#include "studio/question_desk.h"
#include "studio/run_manifest.h"
#include "studio/studio.h"

#define STOP_GRACE_S 10   /* how long EOS may take to drain every output */
enum { LIMIT_VIDEO = 1, LIMIT_AUDIO = 2 };

typedef struct _Runner Runner;

/* What one --duration probe needs: the runner, and which stream it watches. */
typedef struct {
  Runner *runner;
  guint bit;
} LimitProbe;

struct _Runner {
  const PlenumShow *show;
  const PlenumRunOptions *options;
  GMainLoop *loop;
  PlenumLog *log;
  char *run_dir;
  PlenumMetricsFile *metrics;   /* metrics.jsonl in the run folder, or NULL */
  char *trust_bundle;     /* CA bundle for tls_ca_file outputs, deleted at the end; or NULL */

  GstElement *pipeline;
  PlenumMixer *mixer;
  GstElement *burnin;
  GstElement *lower_third;
  PlenumAudioMeter *program_meter;
  PlenumEncoder *encoder;
  GPtrArray *feeds;       /* element-type PlenumSourceFeed */
  GPtrArray *outputs;     /* element-type PlenumOutput */
  PlenumOperatorWindow *window;
  PlenumCaptionInserter *inserter;   /* CEA-608 into the H.264 stream, or NULL */
  PlenumCaptionDesk *captions;
  PlenumStudio *studio;
  PlenumQuestionDesk *questions;
  PlenumControlServer *control;

  GstClockTime limit;     /* duration limit as running time, or NONE */
  gint limit_reached;     /* atomic: LIMIT_VIDEO | LIMIT_AUDIO once each got there */
  gboolean stopping;
  int exit_code;
  guint status_timer, stop_timer;
  guint first_frame_wait;   /* a stop waiting for the first encoded picture */
  GstClockTime first_running[2];   /* of the program's picture and sound, for --duration */
  LimitProbe limit_probes[2];
};

char *
plenum_run_folder_name (GDateTime *start)
{
  return g_date_time_format (start, "%Y-%m-%dT%H-%M-%S");
}

/* ---- stopping ------------------------------------------------------------------------- */

static gboolean
on_stop_timeout (gpointer user_data)
{
  Runner *runner = user_data;

  runner->stop_timer = 0;
  plenum_log_event (runner->log, "outputs did not finish within %d s; stopping anyway",
                    STOP_GRACE_S);
  runner->exit_code = 1;
  g_main_loop_quit (runner->loop);
  return G_SOURCE_REMOVE;
}

/* A stop asked for while the show was starting waits for the first encoded picture: EOS into
 * a program that never ran would leave the recording a header without a frame. */
static gboolean
on_first_frame_check (gpointer user_data)
{
  Runner *runner = user_data;

  if (plenum_encoder_frames (runner->encoder) == 0)
    return G_SOURCE_CONTINUE;
  runner->first_frame_wait = 0;
  plenum_mixer_send_eos (runner->mixer);
  return G_SOURCE_REMOVE;
}

static void
runner_stop (Runner *runner, const char *why)
{
  if (runner->stopping)
    return;
  runner->stopping = TRUE;
  plenum_log_event (runner->log, "stopping: %s", why);
  for (guint i = 0; i < runner->outputs->len; i++)
    plenum_output_stop_retrying (g_ptr_array_index (runner->outputs, i));
  if (runner->captions)
    plenum_caption_desk_finish (runner->captions, plenum_studio_program_ms (runner->studio));
  /* EOS into the mixers: they end the program, the encoders and muxers finalise behind it.
   * Sending it to the pipeline would not do: a slate's source has long finished. */
  if (plenum_encoder_frames (runner->encoder) > 0)
    plenum_mixer_send_eos (runner->mixer);
  else
    runner->first_frame_wait = g_timeout_add (20, on_first_frame_check, runner);
  runner->stop_timer = g_timeout_add_seconds (STOP_GRACE_S, on_stop_timeout, runner);
}

static gboolean
on_signal (gpointer user_data)
{
  runner_stop (user_data, "signal received");
  return G_SOURCE_CONTINUE;
}

static gboolean
on_signal_after_the_show (gpointer user_data)
{
  (void) user_data;
  return G_SOURCE_CONTINUE;
}

/* Hands SIGINT and SIGTERM from the runner to watches that ignore them, kept until the
 * process exits: the show is over, and a second signal must not turn a clean stop into
 * "killed" while everything is torn down (removing the last watch restores the default). */
static void
release_signals (guint sigint, guint sigterm)
{
  g_unix_signal_add (SIGINT, on_signal_after_the_show, NULL);
  g_unix_signal_add (SIGTERM, on_signal_after_the_show, NULL);
  g_source_remove (sigint);
  g_source_remove (sigterm);
}

/* Drops program media past --duration, and tells the main loop once. */
static GstPadProbeReturn
enforce_limit (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  LimitProbe *probe = user_data;
  Runner *runner = probe->runner;
  guint bit = probe->bit;
  GstClockTime start = plenum_buffer_running_time (pad, GST_PAD_PROBE_INFO_BUFFER (info));
  /* Each stream counts from its own first buffer: picture and sound may start apart. */
  GstClockTime *first = &runner->first_running[bit == LIMIT_VIDEO ? 0 : 1];

  if (!GST_CLOCK_TIME_IS_VALID (start))
    return GST_PAD_PROBE_OK;
  if (!GST_CLOCK_TIME_IS_VALID (*first))
    *first = start;
  if (start - *first < runner->limit)
    return GST_PAD_PROBE_OK;
  /* Stop once both picture and sound got there: in a render one may run far ahead. */
  {
    guint before = (guint) g_atomic_int_or ((guint *) &runner->limit_reached, bit);
    if ((before | bit) != (LIMIT_VIDEO | LIMIT_AUDIO) || before == (LIMIT_VIDEO | LIMIT_AUDIO))
      return GST_PAD_PROBE_DROP;
  }
  {
    GstStructure *s = gst_structure_new_empty ("plenum-duration-reached");
    gst_element_post_message (runner->pipeline,
                              gst_message_new_application (GST_OBJECT (runner->pipeline), s));
  }
  return GST_PAD_PROBE_DROP;
}

/* ---- status --------------------------------------------------------------------------- */

static gboolean
on_status (gpointer user_data)
{
  Runner *runner = user_data;
  g_autofree char *line = plenum_studio_tick (runner->studio);
  g_autoptr (GError) error = NULL;

  plenum_log_status (runner->log, line);
  if (runner->metrics) {
    cJSON *status = plenum_studio_status_json (runner->studio);
    if (!plenum_metrics_file_append (runner->metrics, status, &error))
      plenum_log_event (runner->log, "%s", error->message);
    cJSON_Delete (status);
  }
  return G_SOURCE_CONTINUE;
}

/* ---- events --------------------------------------------------------------------------- */

static void
on_feed_state (PlenumSourceFeed *feed, gboolean up, gpointer user_data)
{
  Runner *runner = user_data;
  plenum_mixer_set_source_up (runner->mixer, plenum_source_feed_id (feed), up);
}

static void
on_feed_log (PlenumSourceFeed *feed, const char *message, gpointer user_data)
{
  Runner *runner = user_data;
  (void) feed;
  plenum_log_event (runner->log, "%s", message);
}

static void
on_output_log (PlenumOutput *output, const char *message, gpointer user_data)
{
  Runner *runner = user_data;
  (void) output;
  plenum_log_event (runner->log, "%s", message);
}

static gboolean
on_bus_message (GstBus *bus, GstMessage *message, gpointer user_data)
{
  Runner *runner = user_data;
  (void) bus;

  for (guint i = 0; i < runner->outputs->len; i++)
    if (plenum_output_handle_message (g_ptr_array_index (runner->outputs, i), message))
      return G_SOURCE_CONTINUE;
  if (plenum_mixer_handle_message (runner->mixer, message) ||
      (runner->program_meter && plenum_audio_meter_handle_message (runner->program_meter, message)))
    return G_SOURCE_CONTINUE;

  switch (GST_MESSAGE_TYPE (message)) {
  case GST_MESSAGE_ERROR: {
    g_autoptr (GError) error = NULL;
    g_autofree char *debug = NULL;

    gst_message_parse_error (message, &error, &debug);
    plenum_log_event (runner->log, "error in %s: %s", GST_MESSAGE_SRC_NAME (message),
                      error->message);
    g_debug ("%s", debug ? debug : "");
    runner->exit_code = 1;
    g_main_loop_quit (runner->loop);
    break;
  }
  case GST_MESSAGE_EOS:
    if (!runner->stopping)
      plenum_log_event (runner->log, "every source ended");
    g_main_loop_quit (runner->loop);
    break;
  case GST_MESSAGE_APPLICATION:
    if (gst_message_has_name (message, "plenum-duration-reached"))
      runner_stop (runner, "duration reached");
    else if (gst_message_has_name (message, PLENUM_MIXER_MAIN_ENDED))
      runner_stop (runner, "the main source ended");
    break;
  default:
    break;
  }
  return G_SOURCE_CONTINUE;
}

static void
on_studio_stop (gpointer user_data, const char *why)
{
  runner_stop (user_data, why);
}

/* ---- building ------------------------------------------------------------------------- */

static PlenumSourceFormat
source_format (const PlenumShow *show, const PlenumSourceConfig *source, gboolean live)
{
  PlenumSourceFormat format = {
    .width = show->width, .height = show->height, .fps = show->fps,
    .audio_rate = show->audio_rate, .audio_channels = show->audio_channels, .live = live,
  };
  gboolean in_scene = FALSE;

  for (guint i = 0; i < show->scenes->len; i++) {
    const PlenumSceneConfig *scene = g_ptr_array_index (show->scenes, i);
    in_scene |= g_str_equal (scene->main, source->id) ||
        (scene->inset && g_str_equal (scene->inset, source->id));
  }
  /* The interpreter is scaled once, at its source, to the size it is shown at. */
  if (show->interpreter.present && !in_scene && g_str_equal (show->interpreter.source, source->id)) {
    format.width = -1;
    format.height = plenum_layout_interpreter_height (show->height, &show->interpreter);
  }
  return format;
}

static gboolean
add_sources (Runner *runner, GError **error)
{
  const PlenumShow *show = runner->show;
  gboolean live = !runner->options->render;

  for (guint i = 0; i < show->sources->len; i++) {
    const PlenumSourceConfig *source = g_ptr_array_index (show->sources, i);
    PlenumSourceFormat format = source_format (show, source, live);

    if (live) {
      PlenumSourceFeed *feed = plenum_source_feed_new (source, &format, on_feed_state,
                                                       on_feed_log, runner, error);
      if (feed == NULL)
        return FALSE;
      g_ptr_array_add (runner->feeds, feed);
      if (!plenum_mixer_add_live_source (runner->mixer, source,
                                         plenum_source_feed_handover (feed), error))
        return FALSE;
    } else {
      GstElement *bin = plenum_source_bin_new (source, &format, error);
      if (bin == NULL)
        return FALSE;
      gst_bin_add (GST_BIN (runner->pipeline), bin);
      if (!plenum_mixer_add_source_bin (runner->mixer, source, bin, error))
        return FALSE;
    }
  }
  return TRUE;
}

static gboolean
has_cue_file (const PlenumShow *show)
{
  for (guint i = 0; i < show->captions.inputs->len; i++)
    if (((PlenumCaptionInputConfig *) g_ptr_array_index (show->captions.inputs, i))->kind ==
        PLENUM_CAPTION_INPUT_FILE)
      return TRUE;
  return FALSE;
}

/* Captions and the lower third, drawn into the program. A render burns in captions only when
 * it has some (a cue file, the demo caption); a live show always has both overlays, so the
 * operator can use them any time (an overlay with no text passes frames through untouched).
 * Their areas are the studio's. */
static GstElement *
add_overlays (Runner *runner, GstElement *upstream, GError **error)
{
  const PlenumShow *show = runner->show;
  gboolean live = !runner->options->render;

  if (live || (show->captions.burn_in && (show->captions.demo_text || has_cue_file (show)))) {
    runner->burnin = plenum_caption_burnin_new (show->width, show->height, error);
    if (runner->burnin == NULL)
      return NULL;
    gst_bin_add (GST_BIN (runner->pipeline), runner->burnin);
    gst_element_link (upstream, runner->burnin);
    upstream = runner->burnin;
  }
  if (live) {
    runner->lower_third = plenum_lower_third_new (show->width, show->height, error);
    if (runner->lower_third == NULL)
      return NULL;
    gst_bin_add (GST_BIN (runner->pipeline), runner->lower_third);
    gst_element_link (upstream, runner->lower_third);
    upstream = runner->lower_third;
  }
  return upstream;
}

/* The program's loudness meter, between the mixer and the encoder. */
static GstElement *
add_program_meter (Runner *runner, GstElement *upstream)
{
  g_autoptr (GError) error = NULL;
  GstElement *element;

  runner->program_meter = plenum_audio_meter_new ("program-meter", TRUE, &error);
  if (runner->program_meter == NULL) {
    plenum_log_event (runner->log, "no program loudness meter: %s", error->message);
    return upstream;
  }
  element = plenum_audio_meter_element (runner->program_meter);
  gst_bin_add (GST_BIN (runner->pipeline), element);
  gst_element_link (upstream, element);
  return element;
}

static gboolean
add_outputs (Runner *runner, GError **error)
{
  g_autoptr (GPtrArray) ca_files = g_ptr_array_new ();

  for (guint i = 0; i < runner->show->outputs->len; i++) {
    const PlenumOutputConfig *config = g_ptr_array_index (runner->show->outputs, i);
    if (config->tls_ca_file)
      g_ptr_array_add (ca_files, config->tls_ca_file);
    if (!config->tls_verify && !runner->options->render)
      plenum_log_event (runner->log, "output %s: TLS certificate checks are OFF (tls_verify: "
                        "false); use tls_ca_file instead", config->id);
  }
  g_ptr_array_add (ca_files, NULL);
  runner->trust_bundle = plenum_tls_trust_add_ca_files ((const char *const *) ca_files->pdata,
                                                        error);
  if (runner->trust_bundle == NULL && error && *error)
    return FALSE;

  for (guint i = 0; i < runner->show->outputs->len; i++) {
    const PlenumOutputConfig *config = g_ptr_array_index (runner->show->outputs, i);
    PlenumOutput *output;

    if (runner->options->render && config->kind != PLENUM_OUTPUT_RECORD)
      continue;
    output = plenum_output_new (config, runner->run_dir, GST_BIN (runner->pipeline),
                                runner->encoder, on_output_log, runner);
    g_ptr_array_add (runner->outputs, output);
    if (!plenum_output_start (output, error))
      return FALSE;
  }
  return TRUE;
}

static gboolean
prepare_run_folder (Runner *runner, GError **error)
{
  const PlenumOutputConfig *record = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = plenum_run_folder_name (now);
  g_autofree char *log_path = NULL;

  for (guint i = 0; i < runner->show->outputs->len && !record; i++) {
    const PlenumOutputConfig *output = g_ptr_array_index (runner->show->outputs, i);
    if (output->kind == PLENUM_OUTPUT_RECORD)
      record = output;
  }
  if (record == NULL)
    return TRUE;
  /* A folder of its own, even for a second show started in the same second into the same
   * dir: sharing one would truncate the other's recording. */
  runner->run_dir = g_build_filename (record->dir, name, NULL);
  /* The run folder holds viewers' questions with their names (personal data, SECURITY.md):
   * no access for other users of the machine. */
  for (guint n = 2; g_mkdir_with_parents (record->dir, 0755) != 0 ||
                    g_mkdir (runner->run_dir, 0750) != 0; n++) {
    int saved = errno;
    if (saved != EEXIST || n > 99) {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "%s: cannot create the run folder: %s", runner->run_dir, g_strerror (saved));
      return FALSE;
    }
    g_free (runner->run_dir);
    runner->run_dir = g_strdup_printf ("%s%c%s-%u", record->dir, G_DIR_SEPARATOR, name, n);
  }
  log_path = g_build_filename (runner->run_dir, "show.log", NULL);
  if (!plenum_log_open_file (runner->log, log_path, error))
    return FALSE;
  plenum_log_event (runner->log, "recording to %s", runner->run_dir);
  if (!plenum_run_manifest_write (runner->show, now, runner->run_dir, error))
    return FALSE;
  runner->metrics = plenum_metrics_file_open (runner->run_dir, error);
  return runner->metrics != NULL;
}

static gboolean
build (Runner *runner, GError **error)
{
  const PlenumShow *show = runner->show;
  gboolean live = !runner->options->render;
  GstElement *video, *audio;
  g_autoptr (GstPad) video_pad = NULL;
  g_autoptr (GstPad) audio_pad = NULL;

  runner->pipeline = gst_pipeline_new ("program");
  runner->mixer = plenum_mixer_new (GST_BIN (runner->pipeline), show, live, error);
  if (runner->mixer == NULL || !add_sources (runner, error))
    return FALSE;
  if (!live)
    plenum_mixer_end_with_main_source (runner->mixer);

  video = add_overlays (runner, plenum_mixer_video_output (runner->mixer), error);
  audio = plenum_mixer_audio_output (runner->mixer);
  if (video == NULL)
    return FALSE;
  /* The limit cuts the program itself, so the preview and every output end together. */
  if (GST_CLOCK_TIME_IS_VALID (runner->limit)) {
    video_pad = gst_element_get_static_pad (video, "src");
    audio_pad = gst_element_get_static_pad (audio, "src");
    runner->limit_probes[0] = (LimitProbe) { runner, LIMIT_VIDEO };
    runner->limit_probes[1] = (LimitProbe) { runner, LIMIT_AUDIO };
    gst_pad_add_probe (video_pad, GST_PAD_PROBE_TYPE_BUFFER, enforce_limit,
                       &runner->limit_probes[0], NULL);
    gst_pad_add_probe (audio_pad, GST_PAD_PROBE_TYPE_BUFFER, enforce_limit,
                       &runner->limit_probes[1], NULL);
  }
  if (!runner->options->render)
    audio = add_program_meter (runner, audio);
  if (runner->options->window) {
    g_autoptr (GError) window_error = NULL;
    g_autoptr (GPtrArray) channels = g_ptr_array_new ();

    for (guint i = 0; i < runner->feeds->len; i++)
      g_ptr_array_add (channels, (gpointer) plenum_source_feed_channel (g_ptr_array_index (runner->feeds, i)));
    runner->window = plenum_operator_window_new (GST_BIN (runner->pipeline), video, show,
                                                 channels, &window_error);
    if (runner->window)
      video = plenum_operator_window_passthrough (runner->window);
    else
      plenum_log_event (runner->log, "running headless: %s", window_error->message);
  }
  runner->encoder = plenum_encoder_new (GST_BIN (runner->pipeline), show, live, video, audio,
                                        error);
  if (runner->encoder == NULL)
    return FALSE;
  /* The inserter is always there, so the API can switch 608 on during the show. */
  {
    g_autoptr (GstPad) raw = plenum_encoder_raw_video_pad (runner->encoder);
    runner->inserter = plenum_caption_inserter_new (raw, 2);
  }
  return add_outputs (runner, error);
}

static gboolean
take_screenshot (const char *path, gpointer user_data, GError **error)
{
  return plenum_operator_window_screenshot (user_data, path, error);
}

/* The operator's side: the studio's actions, and the control API that calls them. */
static gboolean
start_studio (Runner *runner, GError **error)
{
  const PlenumShow *show = runner->show;
  PlenumStudioParts parts = {
    .show = show, .mixer = runner->mixer, .encoder = runner->encoder,
    .outputs = runner->outputs, .feeds = runner->feeds, .caption_burnin = runner->burnin,
    .lower_third = runner->lower_third, .program_meter = runner->program_meter,
    .log = runner->log, .run_dir = runner->run_dir, .rotate_scenes = !runner->options->render,
    .render = runner->options->render,
    .stop = on_studio_stop, .user_data = runner,
  };
  g_autoptr (GError) control_error = NULL;

  runner->captions = plenum_caption_desk_new (show, runner->options->render ? NULL : runner->mixer,
                                              runner->burnin, runner->inserter,
                                              runner->run_dir, runner->log, error);
  if (runner->captions == NULL)
    return FALSE;
  plenum_caption_desk_set_cea608 (runner->captions, show->captions.cea608);
  parts.captions = runner->captions;
  runner->studio = plenum_studio_new (&parts);
  if (runner->window)
    plenum_operator_window_attach (runner->window, runner->studio);
  if (runner->options->render)
    return TRUE;
  runner->questions = plenum_question_desk_new (&show->questions, runner->studio, runner->log,
                                                error);
  if (runner->questions == NULL)
    return FALSE;
  runner->control = plenum_control_server_new (&show->control, runner->studio, &control_error);
  if (runner->control && runner->window)
    plenum_control_server_set_screenshot_func (runner->control, take_screenshot, runner->window);
  if (runner->control) {
    plenum_log_event (runner->log, "control API on http://%s/%s", show->control.listen,
                      show->control.token ? " (bearer token required)" : "");
    return TRUE;
  }
  /* The operator asked for the API: without it they cannot run the show. Without a
   * "control" section it is a convenience, and a busy default port must not stop the show. */
  if (show->control.present) {
    g_propagate_prefixed_error (error, g_steal_pointer (&control_error), "control API: ");
    return FALSE;
  }
  plenum_log_event (runner->log, "control API not available: %s", control_error->message);
  return TRUE;
}

static void
register_secrets (PlenumLog *log, const PlenumShow *show)
{
  for (guint i = 0; i < show->outputs->len; i++)
    plenum_log_add_secret (log, ((PlenumOutputConfig *) g_ptr_array_index (show->outputs, i))->secret);
  for (guint i = 0; i < show->sources->len; i++)
    plenum_log_add_secret (log, ((PlenumSourceConfig *) g_ptr_array_index (show->sources, i))->passphrase);
  plenum_log_add_secret (log, show->questions.youtube.token);
  plenum_log_add_secret (log, show->questions.youtube.key);
  plenum_log_add_secret (log, show->questions.facebook.token);
  plenum_log_add_secret (log, show->control.token);
  plenum_log_add_secret (log, show->captions.youtube_ingest_url);
}

static void
runner_clear (Runner *runner)
{
  if (runner->status_timer)
    g_source_remove (runner->status_timer);
  if (runner->stop_timer)
    g_source_remove (runner->stop_timer);
  if (runner->first_frame_wait)
    g_source_remove (runner->first_frame_wait);
  if (runner->pipeline)
    gst_element_set_state (runner->pipeline, GST_STATE_NULL);
  if (runner->feeds)
    g_ptr_array_unref (runner->feeds);   /* stops every feed pipeline */
  if (runner->outputs)
    g_ptr_array_unref (runner->outputs);
  plenum_control_server_free (runner->control);
  plenum_question_desk_free (runner->questions);
  plenum_studio_free (runner->studio);
  plenum_caption_desk_free (runner->captions);
  plenum_caption_inserter_free (runner->inserter);
  plenum_operator_window_free (runner->window);
  plenum_audio_meter_free (runner->program_meter);
  plenum_encoder_free (runner->encoder);
  plenum_mixer_free (runner->mixer);
  gst_clear_object (&runner->pipeline);
  plenum_log_free (runner->log);
  plenum_metrics_file_close (runner->metrics);
  g_free (runner->run_dir);
  if (runner->trust_bundle)
    g_unlink (runner->trust_bundle);
  g_free (runner->trust_bundle);
  if (runner->loop)
    g_main_loop_unref (runner->loop);
}

int
plenum_show_run (const PlenumShow *show, const PlenumRunOptions *options)
{
  Runner runner = { .show = show, .options = options, .limit = GST_CLOCK_TIME_NONE,
                    .first_running = { GST_CLOCK_TIME_NONE, GST_CLOCK_TIME_NONE } };
  g_autoptr (GError) error = NULL;
  g_autoptr (GstBus) bus = NULL;
  guint bus_watch, sigint, sigterm;

  /* From the start: a stop asked for while the show is being built is taken once it runs,
   * so whatever was started is finalised instead of killed. */
  sigint = g_unix_signal_add (SIGINT, on_signal, &runner);
  sigterm = g_unix_signal_add (SIGTERM, on_signal, &runner);
  runner.log = plenum_log_new (options->quiet);
  register_secrets (runner.log, show);
  runner.loop = g_main_loop_new (NULL, FALSE);
  runner.feeds = g_ptr_array_new_with_free_func ((GDestroyNotify) plenum_source_feed_free);
  runner.outputs = g_ptr_array_new_with_free_func ((GDestroyNotify) plenum_output_free);
  if (options->duration_s > 0)
    runner.limit = (GstClockTime) (options->duration_s * GST_SECOND);

  if ((!options->render && !plenum_port_check_show (show, &error)) ||
      !prepare_run_folder (&runner, &error) || !build (&runner, &error) ||
      !start_studio (&runner, &error)) {
    plenum_log_event (runner.log, "cannot start the show: %s", error->message);
    release_signals (sigint, sigterm);
    runner_clear (&runner);
    return 1;
  }

  bus = gst_element_get_bus (runner.pipeline);
  bus_watch = gst_bus_add_watch (bus, on_bus_message, &runner);

  for (guint i = 0; i < runner.feeds->len; i++)
    plenum_source_feed_start (g_ptr_array_index (runner.feeds, i));
  if (gst_element_set_state (runner.pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE) {
    plenum_log_event (runner.log, "cannot start the show's pipeline (see the error above)");
    runner.exit_code = 1;
  } else {
    plenum_log_event (runner.log, "show \"%s\" %s", show->name,
                      options->render ? "rendering" : "running");
    runner.status_timer = g_timeout_add_seconds (1, on_status, &runner);
    g_main_loop_run (runner.loop);
  }

  if (runner.captions)   /* every cue up to the end, also when the show ended by itself */
    plenum_caption_desk_finish (runner.captions, plenum_studio_program_ms (runner.studio));
  on_status (&runner);
  plenum_log_event (runner.log, "show stopped%s", runner.exit_code ? " after a failure" : "");
  g_source_remove (bus_watch);
  {
    int code = runner.exit_code;
    release_signals (sigint, sigterm);
    runner_clear (&runner);
    return code;
  }
}

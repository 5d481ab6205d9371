#include "pipelines/mixer.h"

#include <gst/video/video.h>
#include "overlays/slate.h"
#include "pipelines/program_format.h"
#include "pipelines/elements.h"
#include "pipelines/sound_fader.h"

GST_DEBUG_CATEGORY_STATIC (plenum_mixer_debug);
#define GST_CAT_DEFAULT plenum_mixer_debug

/* A cut's sound crosses over in about a frame: short enough to be heard as a cut, long
 * enough not to click. The old source fades out only SOUND_OVERLAP after the new one began
 * to fade in: audiomixer may place a source's sound up to its 40 ms alignment threshold off
 * its timestamps, and without the overlap a new source placed 30 ms late left a hole of a
 * few milliseconds at the end of the crossfade (bench/README.md, sound_gaps.sh). */
#define SOUND_CROSSFADE (30 * GST_MSECOND)
#define SOUND_OVERLAP (40 * GST_MSECOND)

/* Stacking order on the program, bottom to top. */
enum { Z_HIDDEN = 0, Z_MAIN = 10, Z_INSET = 20, Z_INTERPRETER = 30 };

typedef struct {
  const PlenumSourceConfig *source;   /* (transfer none) owned by the show */
  GstPad *scene_pad;      /* compositor pad used when the source is in a scene, or NULL */
  GstPad *slate_pad;      /* beneath scene_pad (live only), or NULL */
  GstPad *audio_pad;      /* audiomixer pad */
  PlenumSoundFader *fader;   /* (owned) before audio_pad: the source's sound on or off air */
  PlenumAudioMeter *meter;   /* (owned) on the source's sound before the mix, or NULL */
  GstElement *audio_tee;     /* after the meter: where listeners (speech recognition) join */
  GstPad *audio_entry;       /* (owned ref) where the sound enters the meter (or the tee) */
  gboolean up;
} MixerInput;

struct _PlenumMixer {
  const PlenumShow *show;
  gboolean live;
  GstBin *pipeline;        /* (transfer none) */
  GstElement *compositor;  /* (transfer none) owned by the pipeline */
  GstElement *video_caps;
  GstElement *audiomixer;
  GstElement *audio_caps;
  GArray *inputs;          /* of MixerInput */
  GstPad *interpreter_pad; /* (owned ref) or NULL */
  GstPad *interpreter_slate_pad;
  gboolean interpreter_up;
  gboolean interpreter_visible;
  int scene;
  gint relayout_pending;     /* atomic: an idle relayout is queued (data: the mixer) */
  gint ending;               /* atomic: the program is ending */
  GstClockTime main_end;     /* renders: running time where the main source's data ends */
  GstPad *silence_pad;       /* (owned ref) live: the sound mixer's never-ending input */
};

static MixerInput *
find_input (PlenumMixer *mixer, const char *id)
{
  for (guint i = 0; i < mixer->inputs->len; i++) {
    MixerInput *input = &g_array_index (mixer->inputs, MixerInput, i);
    if (g_str_equal (input->source->id, id))
      return input;
  }
  return NULL;
}

static void
place_pad (GstPad *pad, const PlenumRect *rect, double alpha, int zorder)
{
  if (pad == NULL)
    return;
  if (rect)
    g_object_set (pad, "xpos", rect->x, "ypos", rect->y, "width", rect->width,
                  "height", rect->height, "alpha", alpha, "zorder", (guint) zorder, NULL);
  else
    g_object_set (pad, "alpha", 0.0, "zorder", (guint) Z_HIDDEN, NULL);
}

PlenumRect
plenum_mixer_interpreter_rect (const PlenumMixer *mixer)
{
  int width = 0, height = 0;

  if (mixer->interpreter_pad) {
    g_autoptr (GstCaps) caps = gst_pad_get_current_caps (mixer->interpreter_pad);
    GstVideoInfo info;
    if (caps && gst_video_info_from_caps (&info, caps)) {
      width = GST_VIDEO_INFO_WIDTH (&info);
      height = GST_VIDEO_INFO_HEIGHT (&info);
    }
  }
  return plenum_layout_interpreter_rect (mixer->show->width, mixer->show->height,
                                         &mixer->show->interpreter, width, height);
}

/* Applies the current scene, source states and interpreter visibility to every pad. */
static void
relayout (PlenumMixer *mixer)
{
  const PlenumShow *show = mixer->show;
  const PlenumSceneConfig *scene = g_ptr_array_index (show->scenes, mixer->scene);
  PlenumRect full = { 0, 0, show->width, show->height };
  PlenumRect inset = { 0 };

  if (scene->inset)
    inset = plenum_layout_inset_rect (show->width, show->height, scene,
                                      show->interpreter.present ? show->interpreter.margin_pct : 3);

  for (guint i = 0; i < mixer->inputs->len; i++) {
    MixerInput *input = &g_array_index (mixer->inputs, MixerInput, i);
    const char *id = input->source->id;
    const PlenumRect *rect = NULL;
    int z = Z_HIDDEN;

    if (g_str_equal (id, scene->main)) {
      rect = &full;
      z = Z_MAIN;
    } else if (scene->inset && g_str_equal (id, scene->inset)) {
      rect = &inset;
      z = Z_INSET;
    }
    place_pad (input->scene_pad, input->up ? rect : NULL, 1.0, z + 1);
    place_pad (input->slate_pad, rect, 1.0, z);

  }
  /* Sound: from now (live, playing), or at once. */
  {
    g_autofree PlenumSoundFader **faders = g_new0 (PlenumSoundFader *, mixer->inputs->len);
    g_autofree gboolean *audible = g_new0 (gboolean, mixer->inputs->len);
    guint n = 0;

    for (guint i = 0; i < mixer->inputs->len; i++) {
      MixerInput *input = &g_array_index (mixer->inputs, MixerInput, i);
      const char *id = input->source->id;

      if (input->fader == NULL)
        continue;
      faders[n] = input->fader;
      audible[n++] = g_str_equal (id, scene->main) ||
          (show->interpreter.present && show->interpreter.audio &&
           mixer->interpreter_visible && g_str_equal (id, show->interpreter.source));
    }
    plenum_sound_faders_cut (faders, audible, n,
        mixer->live ? gst_element_get_current_running_time (GST_ELEMENT (mixer->pipeline))
                    : GST_CLOCK_TIME_NONE, SOUND_CROSSFADE, SOUND_OVERLAP);
  }

  if (mixer->interpreter_pad) {
    PlenumRect rect = plenum_mixer_interpreter_rect (mixer);
    gboolean show_picture = mixer->interpreter_visible && mixer->interpreter_up;
    place_pad (mixer->interpreter_pad, show_picture ? &rect : NULL, 1.0, Z_INTERPRETER + 1);
    place_pad (mixer->interpreter_slate_pad, mixer->interpreter_visible ? &rect : NULL, 1.0,
               Z_INTERPRETER);
  }
}

static gboolean
on_relayout_idle (gpointer user_data)
{
  PlenumMixer *mixer = user_data;

  g_atomic_int_set (&mixer->relayout_pending, FALSE);
  relayout (mixer);
  return G_SOURCE_REMOVE;
}

/* The interpreter's width is known only once its caps arrive (streaming thread). */
static void
on_interpreter_caps (GObject *pad, GParamSpec *pspec, gpointer user_data)
{
  PlenumMixer *mixer = user_data;
  (void) pspec;

  /* Place it at once, so the first frame already sits right, then let the main thread
   * re-apply the whole layout. Pad properties are safe to set from any thread. */
  {
    PlenumRect rect = plenum_mixer_interpreter_rect (mixer);
    g_object_set (pad, "xpos", rect.x, "ypos", rect.y, "width", rect.width,
                  "height", rect.height, NULL);
  }
  if (!g_atomic_int_exchange (&mixer->relayout_pending, TRUE))
    g_idle_add (on_relayout_idle, mixer);
}

static GstPad *
link_to_aggregator (GstElement *upstream, const char *pad_name, GstElement *aggregator)
{
  GstPad *sink = gst_element_request_pad_simple (aggregator, "sink_%u");
  /* No pad name: a tee, whose source pads are requested. */
  g_autoptr (GstPad) src = pad_name ? gst_element_get_static_pad (upstream, pad_name)
                                    : gst_element_request_pad_simple (upstream, "src_%u");

  if (src == NULL || gst_pad_link (src, sink) != GST_PAD_LINK_OK) {
    gst_element_release_request_pad (aggregator, sink);
    gst_object_unref (sink);
    return NULL;
  }
  return sink;   /* (transfer full) */
}

static gboolean
source_in_any_scene (const PlenumShow *show, const char *id)
{
  for (guint i = 0; i < show->scenes->len; i++) {
    const PlenumSceneConfig *scene = g_ptr_array_index (show->scenes, i);
    if (g_str_equal (scene->main, id) || (scene->inset && g_str_equal (scene->inset, id)))
      return TRUE;
  }
  return FALSE;
}

static gboolean
is_interpreter (const PlenumMixer *mixer, const char *id)
{
  return mixer->show->interpreter.present && g_str_equal (mixer->show->interpreter.source, id);
}

/* Links one picture (a source's, or its slate) to the compositor: to an interpreter pad, a
 * scene pad, or both through a tee when the interpreter's source also appears in a scene.
 * The pads are (transfer full) into the out arguments. */
static gboolean
link_picture (PlenumMixer *mixer, GstElement *upstream, const char *pad_name,
              gboolean interpreter, gboolean in_scene, GstPad **interpreter_pad,
              GstPad **scene_pad, GError **error)
{
  if (interpreter && in_scene) {
    GstElement *tee, *first, *second;
    if (!plenum_elements_make (error, "tee", &tee, "queue", &first, "queue", &second, NULL))
      return FALSE;
    gst_bin_add_many (mixer->pipeline, tee, first, second, NULL);
    if (!gst_element_link_pads (upstream, pad_name, tee, "sink") ||
        !gst_element_link (tee, first) || !gst_element_link (tee, second))
      return FALSE;
    *interpreter_pad = link_to_aggregator (first, "src", mixer->compositor);
    *scene_pad = link_to_aggregator (second, "src", mixer->compositor);
    return *interpreter_pad && *scene_pad;
  }
  if (interpreter)
    return (*interpreter_pad = link_to_aggregator (upstream, pad_name, mixer->compositor)) != NULL;
  return (*scene_pad = link_to_aggregator (upstream, pad_name, mixer->compositor)) != NULL;
}

/* Puts a meter, a tee (for listeners) and a fader between a source's sound and the mixer;
 * returns the fader to link from (`*audio_pad` becomes its "src"), or NULL. */
static GstElement *
add_sound_path (PlenumMixer *mixer, const PlenumSourceConfig *source, GstElement *audio_src,
                const char **audio_pad, MixerInput *input)
{
  g_autofree char *name = g_strdup_printf ("meter-%s", source->id);
  g_autofree char *fader_name = g_strdup_printf ("fader-%s", source->id);
  g_autoptr (GError) error = NULL;
  GstElement *upstream = audio_src, *tee;
  const char *pad = *audio_pad;

  input->meter = plenum_audio_meter_new (name, FALSE, &error);
  if (input->meter == NULL) {
    GST_WARNING ("source %s: no audio meter: %s", source->id, error->message);
  } else {
    GstElement *element = plenum_audio_meter_element (input->meter);
    gst_bin_add (mixer->pipeline, element);
    if (!gst_element_link_pads (audio_src, pad, element, "sink"))
      return NULL;
    upstream = element;
    pad = "src";
  }
  tee = plenum_element_make ("tee", NULL, NULL);
  if (tee == NULL)
    return NULL;
  gst_bin_add (mixer->pipeline, tee);
  if (!gst_element_link_pads (upstream, pad, tee, "sink"))
    return NULL;
  input->audio_tee = tee;
  {
    g_autoptr (GstPad) src = gst_element_get_static_pad (audio_src, *audio_pad);
    input->audio_entry = gst_pad_get_peer (src);
  }
  input->fader = plenum_sound_fader_new (fader_name, FALSE, NULL);
  if (input->fader == NULL)
    return NULL;
  gst_bin_add (mixer->pipeline, plenum_sound_fader_element (input->fader));
  if (!gst_element_link (tee, plenum_sound_fader_element (input->fader)))
    return NULL;
  *audio_pad = "src";
  return plenum_sound_fader_element (input->fader);
}

/* Connects one source's raw video and audio (and its slate, live) to the mixer. */
static gboolean
add_input (PlenumMixer *mixer, const PlenumSourceConfig *source, GstElement *video_src,
           const char *video_pad, GstElement *audio_src, const char *audio_pad,
           GstElement *slate, GError **error)
{
  MixerInput input = { .source = source, .up = !mixer->live };
  gboolean interpreter = is_interpreter (mixer, source->id);
  gboolean in_scene = source_in_any_scene (mixer->show, source->id);

  if (audio_src && (audio_src = add_sound_path (mixer, source, audio_src, &audio_pad,
                                                &input)) == NULL) {
    g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_NEGOTIATION,
                 "source %s: cannot link its sound to its meter and fader", source->id);
    plenum_audio_meter_free (input.meter);
    plenum_sound_fader_free (input.fader);
    return FALSE;
  }
  if (!link_picture (mixer, video_src, video_pad, interpreter, in_scene,
                     &mixer->interpreter_pad, &input.scene_pad, error) ||
      (slate && !link_picture (mixer, slate, "src", interpreter, in_scene,
                               &mixer->interpreter_slate_pad, &input.slate_pad, error)) ||
      (audio_src && !(input.audio_pad = link_to_aggregator (audio_src, audio_pad,
                                                           mixer->audiomixer)))) {
    if (error && *error == NULL)
      g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_NEGOTIATION,
                   "source %s: cannot link it to the mixer", source->id);
    gst_clear_object (&input.scene_pad);
    gst_clear_object (&input.slate_pad);
    gst_clear_object (&input.audio_pad);
    gst_clear_object (&input.audio_entry);
    plenum_audio_meter_free (input.meter);
    plenum_sound_fader_free (input.fader);
    return FALSE;
  }
  if (interpreter) {
    mixer->interpreter_up = !mixer->live;
    g_signal_connect (mixer->interpreter_pad, "notify::caps", G_CALLBACK (on_interpreter_caps),
                      mixer);
  }
  g_array_append_val (mixer->inputs, input);
  relayout (mixer);
  return TRUE;
}

gboolean
plenum_mixer_add_live_source (PlenumMixer *mixer, const PlenumSourceConfig *source,
                              PlenumHandover *handover, GError **error)
{
  const PlenumShow *show = mixer->show;
  gboolean interpreter = is_interpreter (mixer, source->id);
  GstElement *slate;
  int slate_width = show->width, slate_height = show->height;

  if (interpreter && !source_in_any_scene (show, source->id)) {
    PlenumRect rect = plenum_layout_interpreter_rect (show->width, show->height,
                                                      &show->interpreter, 0, 0);
    slate_width = rect.width;
    slate_height = rect.height;
  }
  slate = plenum_slate_new (NULL, source->label ? source->label : source->id, slate_width,
                            slate_height, show->fps, error);
  if (slate == NULL)
    return FALSE;
  /* While a source is down the compositor shows the slate beneath it: the watchdog in
   * source_feed.c says so after 1 s without a picture, and until then the compositor keeps
   * the source's last frame. */
  gst_bin_add_many (mixer->pipeline, plenum_handover_video_source (handover),
                    plenum_handover_audio_source (handover), slate, NULL);
  return add_input (mixer, source, plenum_handover_video_source (handover), "src",
                    plenum_handover_audio_source (handover), "src", slate, error);
}

gboolean
plenum_mixer_add_source_bin (PlenumMixer *mixer, const PlenumSourceConfig *source,
                             GstElement *source_bin, GError **error)
{
  return add_input (mixer, source, source_bin, "video", source_bin, "audio", NULL, error);
}

/* Live, the sound mixer always has one input that never stops: silence. Without it, a show
 * whose every sound source is down (an SRT listener nobody has called yet) would have no
 * sound to start from, and the recording's muxer would wait for it for ever. */
static GstPad *
add_silence (GstBin *pipeline, GstElement *audiomixer, const PlenumShow *show, GError **error)
{
  GstElement *silence = plenum_element_make ("audiotestsrc", "silence", error);
  GstPad *pad;

  if (silence == NULL)
    return NULL;
  g_object_set (silence, "is-live", TRUE, "samplesperbuffer", show->audio_rate / 100, NULL);
  gst_util_set_object_arg (G_OBJECT (silence), "wave", "silence");
  gst_bin_add (pipeline, silence);
  pad = link_to_aggregator (silence, "src", audiomixer);
  if (pad == NULL) {
    g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_NEGOTIATION,
                 "cannot link silence to the sound mixer");
    return NULL;
  }
  return pad;   /* (transfer full) */
}

PlenumMixer *
plenum_mixer_new (GstBin *pipeline, const PlenumShow *show, gboolean live, GError **error)
{
  PlenumMixer *mixer;
  GstElement *compositor, *video_caps, *audiomixer, *audio_caps;
  GstPad *silence_pad = NULL;
  g_autoptr (GstCaps) vcaps = NULL;
  g_autoptr (GstCaps) acaps = NULL;

  if (plenum_mixer_debug == NULL)
    GST_DEBUG_CATEGORY_INIT (plenum_mixer_debug, "plenum-mixer", 0, "Plenum mixer");
  if (!plenum_elements_make (error, "compositor:program-mixer", &compositor,
                             "capsfilter", &video_caps, "audiomixer:sound-mixer", &audiomixer,
                             "capsfilter", &audio_caps, NULL))
    return NULL;
  gst_util_set_object_arg (G_OBJECT (compositor), "background", "black");
  if (live) {
    /* Start the program at the first frame that arrives rather than at running time zero:
     * the sources start a moment after the program, and catching up on that moment would
     * make the mixers skip frames. */
    gst_util_set_object_arg (G_OBJECT (compositor), "start-time-selection", "first");
    gst_util_set_object_arg (G_OBJECT (audiomixer), "start-time-selection", "first");
  }
  vcaps = plenum_program_video_caps (show->width, show->height, show->fps);
  g_object_set (video_caps, "caps", vcaps, NULL);
  acaps = gst_caps_new_simple ("audio/x-raw", "rate", G_TYPE_INT, show->audio_rate,
                               "channels", G_TYPE_INT, show->audio_channels, NULL);
  g_object_set (audio_caps, "caps", acaps, NULL);
  gst_bin_add_many (pipeline, compositor, video_caps, audiomixer, audio_caps, NULL);
  gst_element_link (compositor, video_caps);
  gst_element_link (audiomixer, audio_caps);
  if (live && (silence_pad = add_silence (pipeline, audiomixer, show, error)) == NULL)
    return NULL;

  mixer = g_new0 (PlenumMixer, 1);
  mixer->show = show;
  mixer->live = live;
  mixer->pipeline = pipeline;
  mixer->compositor = compositor;
  mixer->video_caps = video_caps;
  mixer->audiomixer = audiomixer;
  mixer->audio_caps = audio_caps;
  mixer->silence_pad = silence_pad;
  mixer->inputs = g_array_new (FALSE, TRUE, sizeof (MixerInput));
  mixer->main_end = GST_CLOCK_TIME_NONE;
  mixer->interpreter_visible = show->interpreter.present ? show->interpreter.visible : FALSE;
  mixer->scene = show->start_scene ? MAX (0, plenum_show_scene_index (show, show->start_scene)) : 0;
  return mixer;
}

void
plenum_mixer_free (PlenumMixer *mixer)
{
  if (mixer == NULL)
    return;
  while (g_idle_remove_by_data (mixer))
    ;
  if (mixer->interpreter_pad)
    g_signal_handlers_disconnect_by_data (mixer->interpreter_pad, mixer);
  for (guint i = 0; i < mixer->inputs->len; i++) {
    MixerInput *input = &g_array_index (mixer->inputs, MixerInput, i);
    gst_clear_object (&input->scene_pad);
    gst_clear_object (&input->slate_pad);
    gst_clear_object (&input->audio_pad);
    gst_clear_object (&input->audio_entry);
    plenum_audio_meter_free (input->meter);
    plenum_sound_fader_free (input->fader);
  }
  g_array_unref (mixer->inputs);
  gst_clear_object (&mixer->interpreter_pad);
  gst_clear_object (&mixer->interpreter_slate_pad);
  gst_clear_object (&mixer->silence_pad);
  g_free (mixer);
}

PlenumAudioMeter *
plenum_mixer_source_meter (PlenumMixer *mixer, const char *source_id)
{
  MixerInput *input = find_input (mixer, source_id);
  return input ? input->meter : NULL;
}

gboolean
plenum_mixer_link_source_audio (PlenumMixer *mixer, const char *source_id, GstElement *bin,
                                GError **error)
{
  MixerInput *input = find_input (mixer, source_id);
  g_autoptr (GstPad) src = NULL;
  g_autoptr (GstPad) sink = NULL;

  if (input == NULL || input->audio_tee == NULL) {
    g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_NEGOTIATION,
                 "source %s has no sound to listen to", source_id);
    return FALSE;
  }
  gst_bin_add (mixer->pipeline, bin);
  src = gst_element_request_pad_simple (input->audio_tee, "src_%u");
  sink = gst_element_get_static_pad (bin, "sink");
  if (src == NULL || sink == NULL || gst_pad_link (src, sink) != GST_PAD_LINK_OK) {
    g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_NEGOTIATION,
                 "cannot listen to the sound of source %s", source_id);
    return FALSE;
  }
  return TRUE;
}

gboolean
plenum_mixer_handle_message (PlenumMixer *mixer, GstMessage *message)
{
  for (guint i = 0; i < mixer->inputs->len; i++) {
    MixerInput *input = &g_array_index (mixer->inputs, MixerInput, i);
    if (input->meter && plenum_audio_meter_handle_message (input->meter, message))
      return TRUE;
  }
  return FALSE;
}

GstElement *
plenum_mixer_video_output (PlenumMixer *mixer)
{
  return mixer->video_caps;
}

GstElement *
plenum_mixer_audio_output (PlenumMixer *mixer)
{
  return mixer->audio_caps;
}

void
plenum_mixer_set_scene (PlenumMixer *mixer, int scene_index)
{
  g_return_if_fail (scene_index >= 0 && (guint) scene_index < mixer->show->scenes->len);
  mixer->scene = scene_index;
  relayout (mixer);
}

int
plenum_mixer_get_scene (const PlenumMixer *mixer)
{
  return mixer->scene;
}

void
plenum_mixer_set_interpreter_visible (PlenumMixer *mixer, gboolean visible)
{
  mixer->interpreter_visible = visible;
  relayout (mixer);
}

gboolean
plenum_mixer_get_interpreter_visible (const PlenumMixer *mixer)
{
  return mixer->interpreter_visible;
}

void
plenum_mixer_set_source_up (PlenumMixer *mixer, const char *source_id, gboolean up)
{
  MixerInput *input = find_input (mixer, source_id);

  if (input)
    input->up = up;
  if (is_interpreter (mixer, source_id))
    mixer->interpreter_up = up;
  relayout (mixer);
}

static void
end_pad (GstPad *pad)
{
  if (pad)
    gst_pad_send_event (pad, gst_event_new_eos ());
}

/* Where `buffer` ends, in running time. */
static GstClockTime
running_time_end (GstPad *pad, GstBuffer *buffer)
{
  GstClockTime start = plenum_buffer_running_time (pad, buffer);

  if (GST_CLOCK_TIME_IS_VALID (start) && GST_BUFFER_DURATION_IS_VALID (buffer))
    return start + GST_BUFFER_DURATION (buffer);
  return start;
}

/* Watches the main source: remembers where its last frame ends, and when it ends, tells the
 * application (through the bus) to end the other inputs. Ending them here, on this streaming
 * thread, could deadlock against their threads waiting inside the compositor. */
static GstPadProbeReturn
on_main_data (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  PlenumMixer *mixer = user_data;

  if (info->type & GST_PAD_PROBE_TYPE_BUFFER) {
    GstClockTime end = running_time_end (pad, GST_PAD_PROBE_INFO_BUFFER (info));
    if (GST_CLOCK_TIME_IS_VALID (end))
      mixer->main_end = end;
  } else if (GST_EVENT_TYPE (GST_PAD_PROBE_INFO_EVENT (info)) == GST_EVENT_EOS &&
             !g_atomic_int_exchange (&mixer->ending, TRUE)) {
    GST_INFO ("main source ended at %" GST_TIME_FORMAT, GST_TIME_ARGS (mixer->main_end));
    gst_element_post_message (mixer->compositor,
        gst_message_new_application (GST_OBJECT (mixer->compositor),
                                     gst_structure_new_empty (PLENUM_MIXER_MAIN_ENDED)));
  }
  return GST_PAD_PROBE_OK;
}

/* After the main source ended, nothing past its last frame reaches the program. */
static GstPadProbeReturn
cut_after_main (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  PlenumMixer *mixer = user_data;
  GstClockTime start;

  if (!g_atomic_int_get (&mixer->ending) || !GST_CLOCK_TIME_IS_VALID (mixer->main_end))
    return GST_PAD_PROBE_OK;
  start = plenum_buffer_running_time (pad, GST_PAD_PROBE_INFO_BUFFER (info));
  return GST_CLOCK_TIME_IS_VALID (start) && start >= mixer->main_end ? GST_PAD_PROBE_DROP
      : GST_PAD_PROBE_OK;
}

void
plenum_mixer_end_with_main_source (PlenumMixer *mixer)
{
  const PlenumSceneConfig *scene = g_ptr_array_index (mixer->show->scenes, mixer->scene);
  MixerInput *input = find_input (mixer, scene->main);
  GstPad *pad = input && input->scene_pad ? input->scene_pad : mixer->interpreter_pad;
  g_autoptr (GstPad) video_out = gst_element_get_static_pad (mixer->compositor, "src");
  g_autoptr (GstPad) audio_out = gst_element_get_static_pad (mixer->audiomixer, "src");

  if (pad == NULL)
    return;
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM,
                     on_main_data, mixer, NULL);
  gst_pad_add_probe (video_out, GST_PAD_PROBE_TYPE_BUFFER, cut_after_main, mixer, NULL);
  gst_pad_add_probe (audio_out, GST_PAD_PROBE_TYPE_BUFFER, cut_after_main, mixer, NULL);
}

/* A source's sound ends at its meter, so that the meter, its listeners and the mix all end;
 * but when no sound ever came (an SRT listener nobody called), `level` would compute its last
 * report with no rate and no segment (three GStreamer-CRITICALs): then it ends at the tee. */
static void
end_sound (MixerInput *input)
{
  g_autoptr (GstPad) tee_sink = NULL;

  if (input->audio_entry == NULL) {
    end_pad (input->audio_pad);
    return;
  }
  if (gst_pad_has_current_caps (input->audio_entry)) {
    end_pad (input->audio_entry);
    return;
  }
  tee_sink = gst_element_get_static_pad (input->audio_tee, "sink");
  end_pad (tee_sink);
}

void
plenum_mixer_send_eos (PlenumMixer *mixer)
{
  g_atomic_int_set (&mixer->ending, TRUE);
  for (guint i = 0; i < mixer->inputs->len; i++) {
    MixerInput *input = &g_array_index (mixer->inputs, MixerInput, i);
    end_pad (input->scene_pad);
    end_pad (input->slate_pad);
    /* Before the tee, so that listeners end as well as the mix. */
    end_sound (input);
  }
  end_pad (mixer->interpreter_pad);
  end_pad (mixer->interpreter_slate_pad);
  end_pad (mixer->silence_pad);
}

/* mixer.h — scenes and the interpreter, composited into the program.
 *
 * One compositor (I420, black background) and one audiomixer. Every source has a pad on
 * each; a scene is only a set of pad properties (position, size, alpha, z-order), so a cut
 * is one atomic property update between two frames and costs no renegotiation. A source's
 * sound passes a fader (sound_fader.h) on its way to the audiomixer: at a cut the new
 * source fades in over 30 ms from one moment of the program's time, sample-exact, and the old
 * one fades out 40 ms later, so the sound never drops out. The interpreter's pad sits above every scene. Live sources also have a slate pad beneath them,
 * revealed when the source goes down. Rectangles come from overlays/layout.h.
 */
#pragma once

#include <gst/gst.h>
#include "studio/show.h"
#include "overlays/layout.h"
#include "pipelines/audio_meter.h"
#include "pipelines/handover.h"

G_BEGIN_DECLS

typedef struct _PlenumMixer PlenumMixer;

/* Adds the compositor and audiomixer to `pipeline` (transfer none). */
PlenumMixer *plenum_mixer_new (GstBin *pipeline, const PlenumShow *show, gboolean live,
                               GError **error);
void plenum_mixer_free (PlenumMixer *mixer);

/* Live shows: source `source` arrives through its feed's handover (transfer none), with a
 * slate beneath it. */
gboolean plenum_mixer_add_live_source (PlenumMixer *mixer, const PlenumSourceConfig *source,
                                       PlenumHandover *handover, GError **error);
/* Renders: link a source bin (already in the pipeline) straight in. */
gboolean plenum_mixer_add_source_bin (PlenumMixer *mixer, const PlenumSourceConfig *source,
                                      GstElement *source_bin, GError **error);

/* The raw program: link from these (transfer none). */
GstElement *plenum_mixer_video_output (PlenumMixer *mixer);
GstElement *plenum_mixer_audio_output (PlenumMixer *mixer);

void plenum_mixer_set_scene (PlenumMixer *mixer, int scene_index);
int plenum_mixer_get_scene (const PlenumMixer *mixer);
void plenum_mixer_set_interpreter_visible (PlenumMixer *mixer, gboolean visible);
gboolean plenum_mixer_get_interpreter_visible (const PlenumMixer *mixer);
/* A live source went up or down: show it, or its slate. */
void plenum_mixer_set_source_up (PlenumMixer *mixer, const char *source_id, gboolean up);
/* Where the interpreter is now (width follows its source), for overlays that must avoid it. */
PlenumRect plenum_mixer_interpreter_rect (const PlenumMixer *mixer);

/* The meter on a source's sound, before the mix (transfer none), or NULL for an unknown id. */
PlenumAudioMeter *plenum_mixer_source_meter (PlenumMixer *mixer, const char *source_id);
/* Adds `bin` (transfer floating) to the pipeline and feeds it a copy of the source's sound
 * (from the tee after its meter), into its "sink" pad. Before the pipeline plays. */
gboolean plenum_mixer_link_source_audio (PlenumMixer *mixer, const char *source_id,
                                         GstElement *bin, GError **error);
/* Takes the bus message if it is one of the source meters' reports. */
gboolean plenum_mixer_handle_message (PlenumMixer *mixer, GstMessage *message);

/* Ends the program: EOS into every mixer input, so everything downstream finalises. */
void plenum_mixer_send_eos (PlenumMixer *mixer);

/* Renders: when the current scene's main source ends, post an application message named
 * PLENUM_MIXER_MAIN_ENDED from the compositor; the application then calls
 * plenum_mixer_send_eos(). Nothing after the main source's last frame reaches the program. */
void plenum_mixer_end_with_main_source (PlenumMixer *mixer);
#define PLENUM_MIXER_MAIN_ENDED "plenum-main-source-ended"

G_END_DECLS

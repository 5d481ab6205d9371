/* studio.h — everything the operator can do to a running show, in one place.
 *
 * The window's keys and buttons and the HTTP control API call these same functions: one code
 * path per action. The studio also keeps what the operator looks at: the status sampled once
 * a second (outputs, frames, sources), the captions last shown, the agenda and the question
 * queue. Main context only.
 */
#pragma once

#include <cjson/cJSON.h>
#include <gst/gst.h>
#include "pipelines/audio_meter.h"
#include "pipelines/encoder.h"
#include "pipelines/mixer.h"
#include "pipelines/output.h"
#include "studio/agenda.h"
#include "studio/caption_desk.h"
#include "studio/log.h"
#include "studio/question_queue.h"
#include "studio/show.h"

G_BEGIN_DECLS

typedef enum {
  PLENUM_STUDIO_ERROR_UNKNOWN_ID,   /* no scene / question with that id → HTTP 404 */
  PLENUM_STUDIO_ERROR_INVALID,      /* a value out of range or of the wrong kind → HTTP 400 */
  PLENUM_STUDIO_ERROR_CONFLICT,     /* not possible now (agenda at its end, …) → HTTP 409 */
} PlenumStudioError;
#define PLENUM_STUDIO_ERROR (plenum_studio_error_quark ())
GQuark plenum_studio_error_quark (void);

/* What the studio drives; all borrowed and outliving the studio. */
typedef struct {
  const PlenumShow *show;
  PlenumMixer *mixer;
  PlenumEncoder *encoder;
  GPtrArray *outputs;          /* element-type PlenumOutput */
  GPtrArray *feeds;            /* element-type PlenumSourceFeed (live shows) */
  PlenumCaptionDesk *captions; /* every caption's way in and out */
  GstElement *caption_burnin;  /* the overlay the desk writes to, placed by the studio; or NULL */
  GstElement *lower_third;     /* overlays/lower_third.h, or NULL */
  PlenumAudioMeter *program_meter;   /* or NULL */
  PlenumLog *log;
  const char *run_dir;         /* where chapters.txt and questions.json go, or NULL */
  gboolean rotate_scenes;      /* cut every show->scene_rotation_s until the operator cuts */
  gboolean render;             /* program time runs faster than the clock */
  /* Ends the show (as SIGTERM does); `why` goes into the log. */
  void (*stop) (gpointer user_data, const char *why);
  gpointer user_data;
} PlenumStudioParts;

typedef struct _PlenumStudio PlenumStudio;

PlenumStudio *plenum_studio_new (const PlenumStudioParts *parts);
void plenum_studio_free (PlenumStudio *studio);

/* ---- actions ---- */
gboolean plenum_studio_set_scene (PlenumStudio *studio, const char *scene_id, GError **error);
void plenum_studio_set_interpreter_visible (PlenumStudio *studio, gboolean visible);
/* A caption line from the operator or the API: burned in (when on) and kept for the panel.
 * Empty or whitespace-only text clears the caption. */
gboolean plenum_studio_show_caption (PlenumStudio *studio, const char *text, GError **error);
void plenum_studio_set_burn_in (PlenumStudio *studio, gboolean on);
/* CEA-608 captions in the H.264 stream on or off. */
void plenum_studio_set_cea608 (PlenumStudio *studio, gboolean on);
/* captions.vtt/.srt, and YouTube's caption ingestion, on or off. */
void plenum_studio_set_caption_archive (PlenumStudio *studio, gboolean on);
void plenum_studio_set_caption_youtube (PlenumStudio *studio, gboolean on);
/* Next agenda item: lower third for 8 s and a chapter mark now. */
gboolean plenum_studio_agenda_next (PlenumStudio *studio, GError **error);
/* Program time now, in ms on the recording's timeline. */
gint64 plenum_studio_program_ms (PlenumStudio *studio);
/* The operator types a question in (manual entry); returns it (transfer none). */
const PlenumQuestion *plenum_studio_add_question (PlenumStudio *studio, const char *author,
                                                  const char *text, GError **error);
/* The queue (plenum_studio_questions) was changed from outside the studio's own actions (the
 * collectors, the web form): saves questions.json/.csv and refreshes the screen. */
void plenum_studio_questions_changed (PlenumStudio *studio);
/* Moves a question; putting one on air shows it on screen, taking it off clears it. */
gboolean plenum_studio_set_question_state (PlenumStudio *studio, const char *question_id,
                                           PlenumQuestionState state, GError **error);
void plenum_studio_stop (PlenumStudio *studio, const char *why);

/* ---- what the operator sees ---- */
/* Call once a second: samples every output and returns the status line; (transfer full). */
char *plenum_studio_tick (PlenumStudio *studio);
/* The status as JSON (see README, "Control API"); (transfer full). */
cJSON *plenum_studio_status_json (PlenumStudio *studio);
const PlenumShow *plenum_studio_show (const PlenumStudio *studio);
int plenum_studio_scene (const PlenumStudio *studio);
/* The scene a cut would go to next (tally green): the next in the show's list. */
int plenum_studio_next_scene (const PlenumStudio *studio);
gboolean plenum_studio_interpreter_visible (const PlenumStudio *studio);
gboolean plenum_studio_burn_in (const PlenumStudio *studio);
gboolean plenum_studio_cea608 (const PlenumStudio *studio);
/* The captions shown last, oldest first (element-type utf8, transfer none). */
const GPtrArray *plenum_studio_caption_history (const PlenumStudio *studio);
PlenumAgenda *plenum_studio_agenda (PlenumStudio *studio);
PlenumQuestionQueue *plenum_studio_questions (PlenumStudio *studio);
/* Whether a source's pictures are arriving (files in a render always are). */
gboolean plenum_studio_source_up (const PlenumStudio *studio, const char *source_id);
/* The meters (transfer none), or NULL. */
PlenumAudioMeter *plenum_studio_source_meter (PlenumStudio *studio, const char *source_id);
PlenumAudioMeter *plenum_studio_program_meter (PlenumStudio *studio);
/* The output health sampled by the last tick; `index` in show order (transfer none). */
guint plenum_studio_output_count (const PlenumStudio *studio);
const char *plenum_studio_output_id (const PlenumStudio *studio, guint index);
const PlenumOutputHealth *plenum_studio_output_health (const PlenumStudio *studio, guint index);

G_END_DECLS

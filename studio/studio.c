#include "studio/studio.h"

#include <math.h>
#include "overlays/caption_burnin.h"
#include "overlays/layout.h"
#include "overlays/lower_third.h"
#include "studio/question_credit.h"
#include "studio/question_export.h"
#include "pipelines/source_feed.h"

#define CAPTION_TICK_MS 100
#define RENDER_CAPTION_TICK_MS 10   /* a render runs several times faster than real time */

G_DEFINE_QUARK (plenum-studio-error-quark, plenum_studio_error)

struct _PlenumStudio {
  PlenumStudioParts parts;
  PlenumAgenda *agenda;
  PlenumQuestionQueue *questions;
  guint caption_timer;
  GArray *health;               /* PlenumOutputHealth per output, from the last tick */
  guint lower_third_timer;      /* the agenda item's 8 s on screen */
  guint rotation_timer;
  PlenumRect caption_area, lower_third_area;   /* as last set on the overlays */
  GHashTable *unsaved;          /* names of run-folder files whose last save failed */
};

/* ---- overlays ------------------------------------------------------------------------- */

/* Captions and the lower third give way to the interpreter while it is shown; its width
 * follows its source, so this runs again on every tick and changes only what moved. */
static void
place_overlays (PlenumStudio *studio)
{
  const PlenumShow *show = studio->parts.show;
  PlenumRect pip = plenum_mixer_interpreter_rect (studio->parts.mixer);
  const PlenumRect *avoid = show->interpreter.present &&
      plenum_mixer_get_interpreter_visible (studio->parts.mixer) ? &pip : NULL;
  int line_height = plenum_caption_burnin_line_height (show->height);
  PlenumRect captions = plenum_layout_caption_area (show->width, show->height, line_height, 2,
                                                    avoid);
  PlenumRect lower = plenum_layout_lower_third_area (show->width, show->height, line_height,
                                                     &captions, avoid);

  if (studio->parts.caption_burnin &&
      memcmp (&captions, &studio->caption_area, sizeof captions) != 0)
    plenum_caption_burnin_set_area (studio->parts.caption_burnin, show->width, show->height,
                                    &captions);
  if (studio->parts.lower_third && memcmp (&lower, &studio->lower_third_area, sizeof lower) != 0)
    plenum_lower_third_set_area (studio->parts.lower_third, show->width, show->height, &lower);
  studio->caption_area = captions;
  studio->lower_third_area = lower;
}

/* The lower third shows the agenda item for its 8 s, otherwise the question on air. */
static void
refresh_lower_third (PlenumStudio *studio)
{
  const PlenumQuestion *question = plenum_question_queue_on_air (studio->questions);
  g_autofree char *text = NULL;

  if (studio->parts.lower_third == NULL)
    return;
  if (studio->lower_third_timer) {
    text = g_strdup (plenum_agenda_item (studio->agenda, plenum_agenda_current (studio->agenda)));
  } else if (question) {
    g_autofree char *credit =
        plenum_question_credit (question, studio->parts.show->questions.show_names);
    text = g_strdup_printf ("%s: %s", credit, question->text);
  }
  plenum_lower_third_set_text (studio->parts.lower_third, text);
}

static gboolean
on_lower_third_timeout (gpointer user_data)
{
  PlenumStudio *studio = user_data;

  studio->lower_third_timer = 0;
  refresh_lower_third (studio);
  return G_SOURCE_REMOVE;
}

/* ---- files in the run folder ---------------------------------------------------------- */

static void
save_file (PlenumStudio *studio, const char *name,
           gboolean (*save) (gconstpointer data, const char *path, GError **error),
           gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;

  if (studio->parts.run_dir == NULL)
    return;
  path = g_build_filename (studio->parts.run_dir, name, NULL);
  /* Said once when saving starts to fail and once when it works again, not at every change
   * (each question moderated on a full disk would add two lines). */
  if (!save (data, path, &error)) {
    if (g_hash_table_add (studio->unsaved, g_strdup (name)))
      plenum_log_event (studio->parts.log, "cannot save %s: %s (kept in memory, saved again "
                        "at the next change)", name, error->message);
  } else if (g_hash_table_remove (studio->unsaved, name)) {
    plenum_log_event (studio->parts.log, "%s saved again", name);
  }
}

static void
save_chapters (PlenumStudio *studio)
{
  save_file (studio, "chapters.txt", (gpointer) plenum_agenda_save_chapters, studio->agenda);
}

static gboolean
save_questions_csv (gconstpointer studio_pointer, const char *path, GError **error)
{
  const PlenumStudio *studio = studio_pointer;
  return plenum_question_queue_save_csv (studio->questions,
                                         studio->parts.show->questions.show_names, path, error);
}

static void
save_questions (PlenumStudio *studio)
{
  save_file (studio, "questions.json", (gpointer) plenum_question_queue_save, studio->questions);
  save_file (studio, "questions.csv", save_questions_csv, studio);
}

/* Program time now, on the recording's timeline (the encoder's running time). */
gint64
plenum_studio_program_ms (PlenumStudio *studio)
{
  GstClockTime position = plenum_encoder_position (studio->parts.encoder);
  return GST_CLOCK_TIME_IS_VALID (position) ? (gint64) (position / GST_MSECOND) : 0;
}

/* ---- actions -------------------------------------------------------------------------- */

gboolean
plenum_studio_set_scene (PlenumStudio *studio, const char *scene_id, GError **error)
{
  int index = plenum_show_scene_index (studio->parts.show, scene_id);

  if (index < 0) {
    g_set_error (error, PLENUM_STUDIO_ERROR, PLENUM_STUDIO_ERROR_UNKNOWN_ID,
                 "no scene with id \"%s\"", scene_id);
    return FALSE;
  }
  /* The operator took over: the demo's automatic cuts stop. */
  if (studio->rotation_timer) {
    g_source_remove (studio->rotation_timer);
    studio->rotation_timer = 0;
  }
  plenum_mixer_set_scene (studio->parts.mixer, index);
  return TRUE;
}

void
plenum_studio_set_interpreter_visible (PlenumStudio *studio, gboolean visible)
{
  if (visible == plenum_mixer_get_interpreter_visible (studio->parts.mixer))
    return;
  plenum_mixer_set_interpreter_visible (studio->parts.mixer, visible);
  plenum_log_event (studio->parts.log, "interpreter %s", visible ? "shown" : "hidden");
  place_overlays (studio);
}

gboolean
plenum_studio_show_caption (PlenumStudio *studio, const char *text, GError **error)
{
  g_autoptr (GError) local = NULL;

  if (plenum_caption_desk_add (studio->parts.captions, text, &local))
    return TRUE;
  g_set_error_literal (error, PLENUM_STUDIO_ERROR, PLENUM_STUDIO_ERROR_INVALID, local->message);
  return FALSE;
}

void
plenum_studio_set_burn_in (PlenumStudio *studio, gboolean on)
{
  if (on == plenum_caption_desk_burn_in (studio->parts.captions))
    return;
  plenum_caption_desk_set_burn_in (studio->parts.captions, on);
  plenum_log_event (studio->parts.log, "burned-in captions %s", on ? "on" : "off");
}

void
plenum_studio_set_cea608 (PlenumStudio *studio, gboolean on)
{
  if (on == plenum_caption_desk_cea608 (studio->parts.captions))
    return;
  plenum_caption_desk_set_cea608 (studio->parts.captions, on);
  plenum_log_event (studio->parts.log, "CEA-608 captions in the stream %s", on ? "on" : "off");
}

void
plenum_studio_set_caption_archive (PlenumStudio *studio, gboolean on)
{
  plenum_caption_desk_set_archive (studio->parts.captions, on);
  plenum_log_event (studio->parts.log, "captions.vtt/.srt %s", on ? "written" : "paused");
}

void
plenum_studio_set_caption_youtube (PlenumStudio *studio, gboolean on)
{
  plenum_caption_desk_set_youtube (studio->parts.captions, on);
  plenum_log_event (studio->parts.log, "captions to YouTube %s", on ? "on" : "off");
}

static gboolean
on_caption_tick (gpointer user_data)
{
  PlenumStudio *studio = user_data;

  plenum_caption_desk_tick (studio->parts.captions, plenum_studio_program_ms (studio));
  return G_SOURCE_CONTINUE;
}

gboolean
plenum_studio_agenda_next (PlenumStudio *studio, GError **error)
{
  if (!plenum_agenda_next (studio->agenda, plenum_studio_program_ms (studio), error))
    return FALSE;
  plenum_log_event (studio->parts.log, "agenda: %s",
                    plenum_agenda_item (studio->agenda, plenum_agenda_current (studio->agenda)));
  save_chapters (studio);
  if (studio->lower_third_timer)
    g_source_remove (studio->lower_third_timer);
  studio->lower_third_timer = g_timeout_add_seconds (PLENUM_LOWER_THIRD_SECONDS,
                                                     on_lower_third_timeout, studio);
  refresh_lower_third (studio);
  return TRUE;
}

const PlenumQuestion *
plenum_studio_add_question (PlenumStudio *studio, const char *author, const char *text,
                            GError **error)
{
  g_autoptr (GError) local = NULL;
  const PlenumQuestion *question =
      plenum_question_queue_add (studio->questions, "operator", author, FALSE, text,
                                 plenum_studio_program_ms (studio), &local);

  if (question == NULL && local == NULL)
    g_set_error (&local, PLENUM_STUDIO_ERROR, PLENUM_STUDIO_ERROR_CONFLICT,
                 "the same question is already in the queue");
  if (question == NULL) {
    g_propagate_error (error, g_steal_pointer (&local));
    return NULL;
  }
  save_questions (studio);
  return question;
}

void
plenum_studio_questions_changed (PlenumStudio *studio)
{
  save_questions (studio);
  refresh_lower_third (studio);
}

gboolean
plenum_studio_set_question_state (PlenumStudio *studio, const char *question_id,
                                  PlenumQuestionState state, GError **error)
{
  if (!plenum_question_queue_set_state (studio->questions, question_id, state, error))
    return FALSE;
  save_questions (studio);
  refresh_lower_third (studio);
  return TRUE;
}

void
plenum_studio_stop (PlenumStudio *studio, const char *why)
{
  studio->parts.stop (studio->parts.user_data, why);
}

static gboolean
on_rotate_scene (gpointer user_data)
{
  PlenumStudio *studio = user_data;

  plenum_mixer_set_scene (studio->parts.mixer, plenum_studio_next_scene (studio));
  return G_SOURCE_CONTINUE;
}

/* ---- what the operator sees ----------------------------------------------------------- */

gboolean
plenum_studio_source_up (const PlenumStudio *studio, const char *id)
{
  if (studio->parts.feeds == NULL)
    return TRUE;
  for (guint i = 0; i < studio->parts.feeds->len; i++) {
    PlenumSourceFeed *feed = g_ptr_array_index (studio->parts.feeds, i);
    if (g_str_equal (plenum_source_feed_id (feed), id))
      return plenum_source_feed_is_up (feed);
  }
  return TRUE;   /* not a live feed: a file in a render */
}

static char *
format_clock (GstClockTime t)
{
  guint64 s = GST_CLOCK_TIME_IS_VALID (t) ? t / GST_SECOND : 0;
  return g_strdup_printf ("%02u:%02u:%02u", (guint) (s / 3600), (guint) (s / 60 % 60),
                          (guint) (s % 60));
}

char *
plenum_studio_tick (PlenumStudio *studio)
{
  const PlenumShow *show = studio->parts.show;
  GString *line = g_string_new (NULL);
  g_autofree char *clock = format_clock (plenum_encoder_position (studio->parts.encoder));
  const PlenumSceneConfig *scene = g_ptr_array_index (show->scenes, plenum_studio_scene (studio));

  place_overlays (studio);
  g_string_append_printf (line, "%s frames %" G_GUINT64_FORMAT " dropped %" G_GUINT64_FORMAT
                          " scene %s", clock, plenum_encoder_frames (studio->parts.encoder),
                          plenum_encoder_dropped (studio->parts.encoder), scene->id);
  g_array_set_size (studio->health, studio->parts.outputs->len);
  for (guint i = 0; i < studio->parts.outputs->len; i++) {
    PlenumOutput *output = g_ptr_array_index (studio->parts.outputs, i);
    PlenumOutputHealth *health = &g_array_index (studio->health, PlenumOutputHealth, i);
    g_autofree char *text = NULL;

    plenum_output_sample (output, health);
    text = plenum_output_health_text (health);
    g_string_append_printf (line, " | %s %s", plenum_output_id (output), text);
  }
  for (guint i = 0; i < show->sources->len; i++) {
    const PlenumSourceConfig *source = g_ptr_array_index (show->sources, i);
    if (!plenum_studio_source_up (studio, source->id))
      g_string_append_printf (line, " | source %s no signal", source->id);
  }
  return g_string_free (line, FALSE);
}

static void
add_db (cJSON *object, const char *name, double value)
{
  /* JSON has no -infinity: silence and "not measured yet" are null. */
  if (isfinite (value) && value > PLENUM_METER_SILENCE_DB)
    cJSON_AddNumberToObject (object, name, round (value * 10) / 10);
  else
    cJSON_AddNullToObject (object, name);
}

/* (transfer full) */
static cJSON *
audio_json (const PlenumAudioReading *reading)
{
  cJSON *audio = cJSON_CreateObject ();
  double peak = PLENUM_METER_SILENCE_DB, rms = PLENUM_METER_SILENCE_DB;

  for (int c = 0; c < reading->channels; c++) {
    peak = MAX (peak, reading->peak_db[c]);
    rms = MAX (rms, reading->rms_db[c]);
  }
  add_db (audio, "peak_dbfs", peak);
  add_db (audio, "rms_dbfs", rms);
  if (reading->has_loudness) {
    add_db (audio, "momentary_lufs", reading->momentary_lufs);
    add_db (audio, "short_term_lufs", reading->short_term_lufs);
    add_db (audio, "integrated_lufs", reading->integrated_lufs);
  }
  return audio;
}

static cJSON *
outputs_json (const PlenumStudio *studio)
{
  cJSON *outputs = cJSON_CreateArray ();

  for (guint i = 0; i < studio->health->len; i++) {
    const PlenumOutputHealth *health = &g_array_index (studio->health, PlenumOutputHealth, i);
    const PlenumOutputConfig *config = g_ptr_array_index (studio->parts.show->outputs, i);
    cJSON *output = cJSON_CreateObject ();

    cJSON_AddStringToObject (output, "id", plenum_studio_output_id (studio, i));
    cJSON_AddStringToObject (output, "kind", plenum_output_kind_to_string (config->kind));
    cJSON_AddStringToObject (output, "state", plenum_output_state_to_string (health->state));
    if (health->state == PLENUM_OUTPUT_RETRYING)
      cJSON_AddNumberToObject (output, "retry_in_s", health->retry_in_s);
    cJSON_AddNumberToObject (output, "bitrate_kbps", round (health->bitrate / 1000));
    cJSON_AddNumberToObject (output, "bytes", (double) health->bytes);
    cJSON_AddNumberToObject (output, "reconnects", health->reconnects);
    cJSON_AddNumberToObject (output, "gops_dropped", health->gops_dropped);
    if (health->has_link) {
      cJSON *link = cJSON_AddObjectToObject (output, "srt");
      cJSON_AddNumberToObject (link, "rtt_ms", health->link.rtt_ms);
      cJSON_AddNumberToObject (link, "packets_lost", health->link.packets_lost);
      cJSON_AddNumberToObject (link, "packets_retransmitted", health->link.packets_retransmitted);
    }
    cJSON_AddItemToArray (outputs, output);
  }
  return outputs;
}

static cJSON *
sources_json (const PlenumStudio *studio)
{
  const PlenumShow *show = studio->parts.show;
  cJSON *sources = cJSON_CreateArray ();

  for (guint i = 0; i < show->sources->len; i++) {
    const PlenumSourceConfig *config = g_ptr_array_index (show->sources, i);
    PlenumAudioMeter *meter = plenum_mixer_source_meter (studio->parts.mixer, config->id);
    cJSON *source = cJSON_CreateObject ();

    cJSON_AddStringToObject (source, "id", config->id);
    cJSON_AddStringToObject (source, "label", config->label ? config->label : config->id);
    cJSON_AddStringToObject (source, "kind", plenum_source_kind_to_string (config->kind));
    cJSON_AddBoolToObject (source, "up", plenum_studio_source_up (studio, config->id));
    if (meter) {
      PlenumAudioReading reading;
      plenum_audio_meter_read (meter, &reading);
      cJSON_AddItemToObject (source, "audio", audio_json (&reading));
    }
    cJSON_AddItemToArray (sources, source);
  }
  return sources;
}

static cJSON *
agenda_json (const PlenumStudio *studio)
{
  cJSON *agenda = cJSON_CreateObject ();
  int current = plenum_agenda_current (studio->agenda);
  const char *item = plenum_agenda_item (studio->agenda, current);
  const char *next = plenum_agenda_item (studio->agenda, current + 1);

  cJSON_AddNumberToObject (agenda, "index", current);
  cJSON_AddNumberToObject (agenda, "length", plenum_agenda_length (studio->agenda));
  item ? cJSON_AddStringToObject (agenda, "item", item) : cJSON_AddNullToObject (agenda, "item");
  next ? cJSON_AddStringToObject (agenda, "next", next) : cJSON_AddNullToObject (agenda, "next");
  return agenda;
}

static cJSON *
questions_summary_json (const PlenumStudio *studio)
{
  cJSON *summary = cJSON_CreateObject ();
  const PlenumQuestion *on_air = plenum_question_queue_on_air (studio->questions);

  for (PlenumQuestionState s = PLENUM_QUESTION_NEW; s <= PLENUM_QUESTION_ANSWERED; s++)
    cJSON_AddNumberToObject (summary, plenum_question_state_to_string (s),
                             plenum_question_queue_count (studio->questions, s));
  on_air ? cJSON_AddStringToObject (summary, "on_air_id", on_air->id)
         : cJSON_AddNullToObject (summary, "on_air_id");
  cJSON_AddNumberToObject (summary, "dropped",
                           (double) plenum_question_queue_dropped (studio->questions));
  return summary;
}

static cJSON *
scenes_json (const PlenumShow *show)
{
  cJSON *scenes = cJSON_CreateArray ();
  for (guint i = 0; i < show->scenes->len; i++) {
    const PlenumSceneConfig *scene = g_ptr_array_index (show->scenes, i);
    cJSON_AddItemToArray (scenes, cJSON_CreateString (scene->id));
  }
  return scenes;
}

static cJSON *
captions_json (const PlenumStudio *studio)
{
  cJSON *captions = cJSON_CreateObject ();
  const GPtrArray *history = plenum_caption_desk_history (studio->parts.captions);
  cJSON *last;

  cJSON_AddBoolToObject (captions, "burn_in", plenum_caption_desk_burn_in (studio->parts.captions));
  cJSON_AddBoolToObject (captions, "cea608", plenum_caption_desk_cea608 (studio->parts.captions));
  cJSON_AddBoolToObject (captions, "archive", plenum_caption_desk_archive (studio->parts.captions));
  cJSON_AddBoolToObject (captions, "youtube", plenum_caption_desk_youtube (studio->parts.captions));
  last = cJSON_AddArrayToObject (captions, "last");
  for (guint i = 0; i < history->len; i++)
    cJSON_AddItemToArray (last, cJSON_CreateString (g_ptr_array_index (history, i)));
  return captions;
}

cJSON *
plenum_studio_status_json (PlenumStudio *studio)
{
  const PlenumShow *show = studio->parts.show;
  cJSON *status = cJSON_CreateObject ();
  GstClockTime position = plenum_encoder_position (studio->parts.encoder);
  const PlenumSceneConfig *scene = g_ptr_array_index (show->scenes, plenum_studio_scene (studio));
  const PlenumSceneConfig *next = g_ptr_array_index (show->scenes, plenum_studio_next_scene (studio));
  cJSON *interpreter, *audio;

  cJSON_AddStringToObject (status, "name", show->name);
  cJSON_AddNumberToObject (status, "time_s", GST_CLOCK_TIME_IS_VALID (position)
                           ? round ((double) position / GST_MSECOND) / 1000 : 0);
  cJSON_AddNumberToObject (status, "frames", (double) plenum_encoder_frames (studio->parts.encoder));
  cJSON_AddNumberToObject (status, "dropped", (double) plenum_encoder_dropped (studio->parts.encoder));
  cJSON_AddStringToObject (status, "scene", scene->id);
  cJSON_AddStringToObject (status, "next_scene", next->id);
  cJSON_AddItemToObject (status, "scenes", scenes_json (show));
  interpreter = cJSON_AddObjectToObject (status, "interpreter");
  cJSON_AddBoolToObject (interpreter, "present", show->interpreter.present);
  if (show->interpreter.present)
    cJSON_AddStringToObject (interpreter, "source", show->interpreter.source);
  cJSON_AddBoolToObject (interpreter, "visible", plenum_studio_interpreter_visible (studio));
  cJSON_AddItemToObject (status, "captions", captions_json (studio));
  cJSON_AddItemToObject (status, "agenda", agenda_json (studio));
  cJSON_AddItemToObject (status, "outputs", outputs_json (studio));
  cJSON_AddItemToObject (status, "sources", sources_json (studio));
  audio = cJSON_AddObjectToObject (status, "audio");
  if (studio->parts.program_meter) {
    PlenumAudioReading reading;
    plenum_audio_meter_read (studio->parts.program_meter, &reading);
    cJSON_AddItemToObject (audio, "program", audio_json (&reading));
  }
  cJSON_AddItemToObject (status, "questions", questions_summary_json (studio));
  return status;
}

PlenumAudioMeter *
plenum_studio_source_meter (PlenumStudio *studio, const char *source_id)
{
  return plenum_mixer_source_meter (studio->parts.mixer, source_id);
}

PlenumAudioMeter *
plenum_studio_program_meter (PlenumStudio *studio)
{
  return studio->parts.program_meter;
}

const PlenumShow *
plenum_studio_show (const PlenumStudio *studio)
{
  return studio->parts.show;
}

int
plenum_studio_scene (const PlenumStudio *studio)
{
  return plenum_mixer_get_scene (studio->parts.mixer);
}

int
plenum_studio_next_scene (const PlenumStudio *studio)
{
  return (plenum_studio_scene (studio) + 1) % (int) studio->parts.show->scenes->len;
}

gboolean
plenum_studio_interpreter_visible (const PlenumStudio *studio)
{
  return studio->parts.show->interpreter.present &&
      plenum_mixer_get_interpreter_visible (studio->parts.mixer);
}

gboolean
plenum_studio_burn_in (const PlenumStudio *studio)
{
  return plenum_caption_desk_burn_in (studio->parts.captions);
}

gboolean
plenum_studio_cea608 (const PlenumStudio *studio)
{
  return plenum_caption_desk_cea608 (studio->parts.captions);
}

const GPtrArray *
plenum_studio_caption_history (const PlenumStudio *studio)
{
  return plenum_caption_desk_history (studio->parts.captions);
}

PlenumAgenda *
plenum_studio_agenda (PlenumStudio *studio)
{
  return studio->agenda;
}

PlenumQuestionQueue *
plenum_studio_questions (PlenumStudio *studio)
{
  return studio->questions;
}

guint
plenum_studio_output_count (const PlenumStudio *studio)
{
  return studio->health->len;
}

const char *
plenum_studio_output_id (const PlenumStudio *studio, guint index)
{
  return plenum_output_id (g_ptr_array_index (studio->parts.outputs, index));
}

const PlenumOutputHealth *
plenum_studio_output_health (const PlenumStudio *studio, guint index)
{
  g_return_val_if_fail (index < studio->health->len, NULL);
  return &g_array_index (studio->health, PlenumOutputHealth, index);
}

/* ---- life ----------------------------------------------------------------------------- */

PlenumStudio *
plenum_studio_new (const PlenumStudioParts *parts)
{
  PlenumStudio *studio = g_new0 (PlenumStudio, 1);
  const PlenumShow *show = parts->show;

  studio->parts = *parts;
  studio->agenda = plenum_agenda_new (show->agenda);
  studio->questions = plenum_question_queue_new ();
  plenum_question_queue_set_cap (studio->questions, (guint) show->questions.max_queued);
  plenum_question_queue_set_filter (
      studio->questions,
      plenum_question_filter_new (show->questions.block_words
                                      ? (const char *const *) show->questions.block_words->pdata
                                      : NULL,
                                  show->questions.hold_links));
  studio->health = g_array_new (FALSE, TRUE, sizeof (PlenumOutputHealth));
  studio->unsaved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* Nothing set yet: the first place_overlays() sets every area. */
  studio->caption_area.width = studio->lower_third_area.width = -1;
  place_overlays (studio);
  studio->caption_timer = g_timeout_add (parts->render ? RENDER_CAPTION_TICK_MS : CAPTION_TICK_MS,
                                         on_caption_tick, studio);
  if (plenum_agenda_length (studio->agenda) > 0)
    save_chapters (studio);
  if (parts->rotate_scenes && show->scene_rotation_s > 0)
    studio->rotation_timer = g_timeout_add ((guint) (show->scene_rotation_s * 1000),
                                            on_rotate_scene, studio);
  return studio;
}

void
plenum_studio_free (PlenumStudio *studio)
{
  if (studio == NULL)
    return;
  if (studio->lower_third_timer)
    g_source_remove (studio->lower_third_timer);
  if (studio->rotation_timer)
    g_source_remove (studio->rotation_timer);
  if (studio->caption_timer)
    g_source_remove (studio->caption_timer);
  plenum_agenda_free (studio->agenda);
  plenum_question_queue_free (studio->questions);
  g_array_unref (studio->health);
  g_hash_table_unref (studio->unsaved);
  g_free (studio);
}

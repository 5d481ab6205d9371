#include "studio/window_panels.h"

#include <math.h>
#include "pipelines/audio_meter.h"

#define PAD 8
#define METER_FLOOR_DB (-60.0)

static const SDL_Color WHITE = PLENUM_WHITE;
static const SDL_Color GREY = PLENUM_GREY;
static const SDL_Color RED = PLENUM_RED;
static const SDL_Color GREEN = PLENUM_GREEN;
static const SDL_Color YELLOW = PLENUM_YELLOW;
static const SDL_Color PANEL = { 38, 38, 42, 255 };
static const SDL_Color BUTTON = { 62, 62, 70, 255 };
static const SDL_Color BUTTON_ON = { 30, 110, 180, 255 };

static const SDL_Color BACKGROUND = { 24, 24, 27, 255 };

static void
fill (PlenumCanvas *canvas, const SDL_Rect *rect, SDL_Color colour)
{
  SDL_FillRect (canvas->surface, rect, SDL_MapRGB (canvas->surface->format, colour.r, colour.g,
                                                   colour.b));
}

void
plenum_panel_clear (PlenumCanvas *canvas, const SDL_Rect *rect)
{
  fill (canvas, rect, BACKGROUND);
}

static int
line_height (PlenumCanvas *canvas, PlenumTextSize size)
{
  return plenum_window_text_height (canvas->text, size);
}

static int
text (PlenumCanvas *canvas, const char *string, PlenumTextSize size, SDL_Color colour, int x,
      int y, int max_width)
{
  return plenum_window_text_draw (canvas->text, canvas->surface, string, size, colour, x, y,
                                  max_width);
}

void
plenum_panel_frame (PlenumCanvas *canvas, const SDL_Rect *rect, const char *title)
{
  fill (canvas, rect, PANEL);
  if (title)
    text (canvas, title, PLENUM_TEXT_SMALL, GREY, rect->x + PAD, rect->y + 4, rect->w - 2 * PAD);
}

/* ---- tally ---------------------------------------------------------------------------- */

static gboolean
scene_shows (const PlenumShow *show, int scene_index, const char *source_id)
{
  const PlenumSceneConfig *scene = g_ptr_array_index (show->scenes, scene_index);
  return g_str_equal (scene->main, source_id) ||
      (scene->inset && g_str_equal (scene->inset, source_id));
}

PlenumTally
plenum_panel_tally (PlenumStudio *studio, const char *source_id)
{
  const PlenumShow *show = plenum_studio_show (studio);
  gboolean interpreter = plenum_studio_interpreter_visible (studio) &&
      g_str_equal (show->interpreter.source, source_id);

  if (interpreter || scene_shows (show, plenum_studio_scene (studio), source_id))
    return PLENUM_TALLY_PROGRAM;
  if (scene_shows (show, plenum_studio_next_scene (studio), source_id))
    return PLENUM_TALLY_NEXT;
  return PLENUM_TALLY_NONE;
}

void
plenum_panel_tally_border (PlenumCanvas *canvas, const SDL_Rect *rect, PlenumTally tally)
{
  SDL_Color colour = tally == PLENUM_TALLY_PROGRAM ? RED : GREEN;

  const int t = 4;   /* thick enough to read from across the desk */

  if (tally == PLENUM_TALLY_NONE)
    return;
  fill (canvas, &(SDL_Rect) { rect->x - t, rect->y - t, rect->w + 2 * t, t }, colour);
  fill (canvas, &(SDL_Rect) { rect->x - t, rect->y + rect->h, rect->w + 2 * t, t }, colour);
  fill (canvas, &(SDL_Rect) { rect->x - t, rect->y, t, rect->h }, colour);
  fill (canvas, &(SDL_Rect) { rect->x + rect->w, rect->y, t, rect->h }, colour);
}

/* ---- buttons -------------------------------------------------------------------------- */

int
plenum_panel_button (PlenumCanvas *canvas, int x, int y, const char *label,
                     PlenumCommand command, gboolean active)
{
  int height = line_height (canvas, PLENUM_TEXT_NORMAL) + 10;
  int width = plenum_window_text_width (canvas->text, label, PLENUM_TEXT_NORMAL);
  PlenumButton button = { { x, y, width + 20, height }, command };

  fill (canvas, &button.rect, active ? BUTTON_ON : BUTTON);
  text (canvas, label, PLENUM_TEXT_NORMAL, WHITE, x + 10, y + 5, 0);
  g_array_append_val (canvas->buttons, button);
  return button.rect.w;
}

/* ---- outputs -------------------------------------------------------------------------- */

static SDL_Color
state_colour (PlenumOutputState state)
{
  switch (state) {
  case PLENUM_OUTPUT_LIVE: return GREEN;
  case PLENUM_OUTPUT_CONNECTING: return YELLOW;
  case PLENUM_OUTPUT_RETRYING: return YELLOW;
  case PLENUM_OUTPUT_FAILED: return RED;
  }
  return GREY;
}

void
plenum_panel_outputs (PlenumCanvas *canvas, const SDL_Rect *rect)
{
  int y = rect->y + line_height (canvas, PLENUM_TEXT_SMALL) + 6;
  int row = line_height (canvas, PLENUM_TEXT_NORMAL) + 2;

  plenum_panel_frame (canvas, rect, "Ausgänge / Outputs");
  for (guint i = 0; i < plenum_studio_output_count (canvas->studio) &&
       y + row <= rect->y + rect->h; i++, y += row) {
    const PlenumOutputHealth *health = plenum_studio_output_health (canvas->studio, i);
    g_autofree char *state = plenum_output_health_text (health);
    SDL_Rect dot = { rect->x + PAD, y + row / 2 - 5, 10, 10 };

    fill (canvas, &dot, state_colour (health->state));
    text (canvas, plenum_studio_output_id (canvas->studio, i), PLENUM_TEXT_NORMAL, WHITE,
          rect->x + PAD + 16, y, 110);
    text (canvas, state, PLENUM_TEXT_SMALL, WHITE, rect->x + PAD + 130, y + 2,
          rect->w - 2 * PAD - 130);
  }
}

/* ---- meters --------------------------------------------------------------------------- */

static int
meter_height (double db, int height)
{
  double share = (CLAMP (db, METER_FLOOR_DB, 0.0) - METER_FLOOR_DB) / -METER_FLOOR_DB;
  return (int) lround (share * height);
}

/* One vertical bar: RMS filled, peak as a line; green, yellow above −18, red above −6 dBFS. */
static void
meter_bar (PlenumCanvas *canvas, int x, int y, int width, int height,
           const PlenumAudioReading *reading)
{
  double peak = PLENUM_METER_SILENCE_DB, rms = PLENUM_METER_SILENCE_DB;
  SDL_Rect back = { x, y, width, height };
  int rms_px, peak_px;

  for (int c = 0; c < reading->channels; c++) {
    peak = MAX (peak, reading->peak_db[c]);
    rms = MAX (rms, reading->rms_db[c]);
  }
  fill (canvas, &back, (SDL_Color) { 20, 20, 22, 255 });
  rms_px = meter_height (rms, height);
  peak_px = meter_height (peak, height);
  fill (canvas, &(SDL_Rect) { x, y + height - rms_px, width, rms_px },
        peak > -6 ? RED : peak > -18 ? YELLOW : GREEN);
  if (peak_px > 0)
    fill (canvas, &(SDL_Rect) { x, y + height - peak_px, width, 2 }, WHITE);
}

static void
loudness_text (PlenumCanvas *canvas, int x, int y, int width, const PlenumAudioReading *program)
{
  g_autofree char *line = NULL;

  if (!program->has_loudness) {
    text (canvas, "Lautheit: misst … / Loudness: measuring …", PLENUM_TEXT_SMALL, GREY, x, y, width);
    return;
  }
  line = g_strdup_printf ("M %.1f  S %.1f  I %.1f LUFS  (Ziel/target −23)",
                          program->momentary_lufs, program->short_term_lufs,
                          program->integrated_lufs);
  text (canvas, line, PLENUM_TEXT_SMALL,
        fabs (program->integrated_lufs + 23) <= 2 ? GREEN : YELLOW, x, y, width);
}

void
plenum_panel_meters (PlenumCanvas *canvas, const SDL_Rect *rect)
{
  const PlenumShow *show = plenum_studio_show (canvas->studio);
  int top = rect->y + line_height (canvas, PLENUM_TEXT_SMALL) + 6;
  int label = line_height (canvas, PLENUM_TEXT_SMALL);
  int bar_height = rect->h - (top - rect->y) - 2 * label - 8;
  int x = rect->x + PAD;
  PlenumAudioMeter *program_meter = plenum_studio_program_meter (canvas->studio);
  PlenumAudioReading reading;

  plenum_panel_frame (canvas, rect, "Pegel dBFS / Levels dBFS");
  for (guint i = 0; i < show->sources->len; i++, x += 56) {
    const PlenumSourceConfig *source = g_ptr_array_index (show->sources, i);
    PlenumAudioMeter *meter = plenum_studio_source_meter (canvas->studio, source->id);

    if (meter == NULL)
      continue;
    plenum_audio_meter_read (meter, &reading);
    meter_bar (canvas, x + 12, top, 24, bar_height, &reading);
    text (canvas, source->id, PLENUM_TEXT_SMALL, WHITE, x, top + bar_height + 2, 52);
  }
  if (program_meter == NULL)
    return;
  plenum_audio_meter_read (program_meter, &reading);
  x = MAX (x, rect->x + rect->w - 80);
  meter_bar (canvas, x + 12, top, 36, bar_height, &reading);
  text (canvas, "Programm", PLENUM_TEXT_SMALL, WHITE, x, top + bar_height + 2, 76);
  loudness_text (canvas, rect->x + PAD, top + bar_height + label + 4, rect->w - 2 * PAD, &reading);
}

/* ---- agenda, captions ----------------------------------------------------------------- */

void
plenum_panel_agenda (PlenumCanvas *canvas, const SDL_Rect *rect)
{
  PlenumAgenda *agenda = plenum_studio_agenda (canvas->studio);
  int current = plenum_agenda_current (agenda);
  int y = rect->y + line_height (canvas, PLENUM_TEXT_SMALL) + 6;
  g_autofree char *next = NULL;
  const char *interpreter = !plenum_studio_show (canvas->studio)->interpreter.present
      ? "Dolmetsch: keiner / Interpreter: none"
      : plenum_studio_interpreter_visible (canvas->studio) ? "Dolmetsch: sichtbar / Interpreter: shown"
      : "Dolmetsch: AUSGEBLENDET / Interpreter: HIDDEN";

  plenum_panel_frame (canvas, rect, "Tagesordnung / Agenda");
  if (current < 0) {
    text (canvas, "keine / none", PLENUM_TEXT_NORMAL, GREY, rect->x + PAD, y, rect->w - 2 * PAD);
  } else {
    text (canvas, plenum_agenda_item (agenda, current), PLENUM_TEXT_NORMAL, WHITE, rect->x + PAD,
          y, rect->w - 2 * PAD);
    next = g_strdup_printf ("Nächster / next: %s",
                            plenum_agenda_item (agenda, current + 1) ? plenum_agenda_item (agenda, current + 1) : "—");
    text (canvas, next, PLENUM_TEXT_SMALL, GREY, rect->x + PAD,
          y + line_height (canvas, PLENUM_TEXT_NORMAL), rect->w - 2 * PAD);
  }
  text (canvas, interpreter, PLENUM_TEXT_SMALL,
        plenum_studio_interpreter_visible (canvas->studio) ? GREY : YELLOW, rect->x + PAD,
        rect->y + rect->h - line_height (canvas, PLENUM_TEXT_SMALL) - 4, rect->w - 2 * PAD);
}

void
plenum_panel_captions (PlenumCanvas *canvas, const SDL_Rect *rect)
{
  const GPtrArray *history = plenum_studio_caption_history (canvas->studio);
  gboolean on = plenum_studio_burn_in (canvas->studio);
  int row = line_height (canvas, PLENUM_TEXT_NORMAL);
  int y = rect->y + rect->h - 4 - row;

  plenum_panel_frame (canvas, rect, on ? "Untertitel eingeblendet / Captions burned in: AN/ON"
                                       : "Untertitel / Captions burned in: AUS/OFF");
  /* Newest at the bottom, as many as fit. */
  for (int i = (int) history->len - 1; i >= 0 && y > rect->y + line_height (canvas, PLENUM_TEXT_SMALL); i--, y -= row)
    text (canvas, g_ptr_array_index (history, i), PLENUM_TEXT_NORMAL,
          i == (int) history->len - 1 ? WHITE : GREY, rect->x + PAD, y, rect->w - 2 * PAD);
}

/* ---- questions ------------------------------------------------------------------------ */

static SDL_Color
question_colour (PlenumQuestionState state)
{
  switch (state) {
  case PLENUM_QUESTION_ON_AIR: return RED;
  case PLENUM_QUESTION_APPROVED: return GREEN;
  case PLENUM_QUESTION_HELD: return YELLOW;
  default: return WHITE;
  }
}

void
plenum_panel_questions (PlenumCanvas *canvas, const SDL_Rect *rect,
                        const PlenumCommandState *commands)
{
  const char *selected_id = commands->selected_id;
  g_autoptr (GPtrArray) listed = plenum_command_listed_questions (canvas->studio, commands);
  PlenumQuestionQueue *queue = plenum_studio_questions (canvas->studio);
  int row = line_height (canvas, PLENUM_TEXT_SMALL) * 2 + 4;
  int buttons_y = rect->y + rect->h - line_height (canvas, PLENUM_TEXT_NORMAL) - 14;
  int y = rect->y + line_height (canvas, PLENUM_TEXT_SMALL) + 6;
  g_autofree char *title = g_strdup_printf ("Fragen / Questions — neu %u · gehalten %u · freigegeben %u%s",
                                            plenum_question_queue_count (queue, PLENUM_QUESTION_NEW),
                                            plenum_question_queue_count (queue, PLENUM_QUESTION_HELD),
                                            plenum_question_queue_count (queue, PLENUM_QUESTION_APPROVED),
                                            commands->questions_only ? " · F: nur Fragen" : "");
  int x = rect->x + PAD;

  plenum_panel_frame (canvas, rect, title);
  for (guint i = 0; i < listed->len && y + row <= buttons_y; i++, y += row) {
    const PlenumQuestion *question = g_ptr_array_index (listed, i);
    g_autofree char *name = plenum_question_display_name (question);
    g_autofree char *head = g_strdup_printf ("%s · %s · %s", plenum_question_state_to_string (question->state),
                                             question->source, name);
    SDL_Rect line = { rect->x + 2, y, rect->w - 4, row - 2 };
    PlenumButton click = { line, { PLENUM_COMMAND_SELECT, 0, (int) i } };

    if (selected_id && g_str_equal (selected_id, question->id))
      fill (canvas, &line, BUTTON_ON);
    g_array_append_val (canvas->buttons, click);
    text (canvas, head, PLENUM_TEXT_SMALL, question_colour (question->state), rect->x + PAD, y,
          rect->w - 2 * PAD);
    text (canvas, question->text, PLENUM_TEXT_SMALL, WHITE, rect->x + PAD,
          y + line_height (canvas, PLENUM_TEXT_SMALL), rect->w - 2 * PAD);
  }
  x += plenum_panel_button (canvas, x, buttons_y, "A ✓", (PlenumCommand) { PLENUM_COMMAND_APPROVE, 0, 0 }, FALSE) + 6;
  x += plenum_panel_button (canvas, x, buttons_y, "R ✗", (PlenumCommand) { PLENUM_COMMAND_REJECT, 0, 0 }, FALSE) + 6;
  x += plenum_panel_button (canvas, x, buttons_y, "O On Air", (PlenumCommand) { PLENUM_COMMAND_TOGGLE_ON_AIR, 0, 0 },
                            plenum_question_queue_on_air (queue) != NULL) + 6;
  x += plenum_panel_button (canvas, x, buttons_y, "␣ Beantwortet", (PlenumCommand) { PLENUM_COMMAND_ANSWERED, 0, 0 }, FALSE) + 6;
  plenum_panel_button (canvas, x, buttons_y, "F ?", (PlenumCommand) { PLENUM_COMMAND_TOGGLE_QUESTIONS_ONLY, 0, 0 },
                       commands->questions_only);
}

/* ---- controls, confirmation ----------------------------------------------------------- */

void
plenum_panel_controls (PlenumCanvas *canvas, const SDL_Rect *rect)
{
  const PlenumShow *show = plenum_studio_show (canvas->studio);
  int x = rect->x;

  for (guint i = 0; i < show->scenes->len && i < 9; i++) {
    const PlenumSceneConfig *scene = g_ptr_array_index (show->scenes, i);
    g_autofree char *label = g_strdup_printf ("%u %s", i + 1, scene->id);
    x += plenum_panel_button (canvas, x, rect->y, label,
                              (PlenumCommand) { PLENUM_COMMAND_SCENE, (int) i, 0 },
                              plenum_studio_scene (canvas->studio) == (int) i) + 6;
  }
  x += 12;
  x += plenum_panel_button (canvas, x, rect->y, "I Dolmetsch",
                            (PlenumCommand) { PLENUM_COMMAND_TOGGLE_INTERPRETER, 0, 0 },
                            plenum_studio_interpreter_visible (canvas->studio)) + 6;
  x += plenum_panel_button (canvas, x, rect->y, "C Untertitel",
                            (PlenumCommand) { PLENUM_COMMAND_TOGGLE_BURN_IN, 0, 0 },
                            plenum_studio_burn_in (canvas->studio)) + 6;
  x += plenum_panel_button (canvas, x, rect->y, "N Nächster TOP",
                            (PlenumCommand) { PLENUM_COMMAND_AGENDA_NEXT, 0, 0 }, FALSE) + 6;
  plenum_panel_button (canvas, x, rect->y, "Q Ende", (PlenumCommand) { PLENUM_COMMAND_QUIT, 0, 0 },
                       FALSE);
}

void
plenum_panel_confirm_quit (PlenumCanvas *canvas, int width, int height)
{
  SDL_Rect box = { width / 2 - 300, height / 2 - 80, 600, 160 };
  int x = box.x + 40;

  (void) height;
  (void) width;
  fill (canvas, &box, PANEL);
  plenum_panel_tally_border (canvas, &box, PLENUM_TALLY_PROGRAM);
  text (canvas, "Sendung wirklich beenden?", PLENUM_TEXT_LARGE, WHITE, box.x + 40, box.y + 20, 0);
  text (canvas, "Really end the show? Every output stops.", PLENUM_TEXT_NORMAL, GREY, box.x + 40,
        box.y + 56, 0);
  x += plenum_panel_button (canvas, x, box.y + 100, "N Weiter senden / Keep streaming",
                            (PlenumCommand) { PLENUM_COMMAND_CANCEL, 0, 0 }, TRUE) + 20;
  plenum_panel_button (canvas, x, box.y + 100, "J Beenden / End",
                       (PlenumCommand) { PLENUM_COMMAND_CONFIRM, 0, 0 }, FALSE);
}

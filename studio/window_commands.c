#include "studio/window_commands.h"

PlenumCommand
plenum_command_for_key (SDL_Keycode key, gboolean confirming)
{
  PlenumCommand command = { PLENUM_COMMAND_NONE, 0, 0 };

  if (confirming) {
    if (key == SDLK_y || key == SDLK_j || key == SDLK_RETURN || key == SDLK_KP_ENTER)
      command.kind = PLENUM_COMMAND_CONFIRM;
    else if (key == SDLK_n || key == SDLK_ESCAPE)
      command.kind = PLENUM_COMMAND_CANCEL;
    return command;
  }
  if (key >= SDLK_1 && key <= SDLK_9) {
    command.kind = PLENUM_COMMAND_SCENE;
    command.scene = key - SDLK_1;
    return command;
  }
  switch (key) {
  case SDLK_i: command.kind = PLENUM_COMMAND_TOGGLE_INTERPRETER; break;
  case SDLK_c: command.kind = PLENUM_COMMAND_TOGGLE_BURN_IN; break;
  case SDLK_n: command.kind = PLENUM_COMMAND_AGENDA_NEXT; break;
  case SDLK_UP: command.kind = PLENUM_COMMAND_SELECT_PREVIOUS; break;
  case SDLK_DOWN: command.kind = PLENUM_COMMAND_SELECT_NEXT; break;
  case SDLK_a: command.kind = PLENUM_COMMAND_APPROVE; break;
  case SDLK_r: command.kind = PLENUM_COMMAND_REJECT; break;
  case SDLK_o: command.kind = PLENUM_COMMAND_TOGGLE_ON_AIR; break;
  case SDLK_SPACE: command.kind = PLENUM_COMMAND_ANSWERED; break;
  case SDLK_f: command.kind = PLENUM_COMMAND_TOGGLE_QUESTIONS_ONLY; break;
  case SDLK_q: command.kind = PLENUM_COMMAND_QUIT; break;
  default: break;
  }
  return command;
}

GPtrArray *
plenum_command_listed_questions (PlenumStudio *studio, const PlenumCommandState *state)
{
  PlenumQuestionQueue *queue = plenum_studio_questions (studio);
  GPtrArray *listed = g_ptr_array_new ();

  for (guint i = 0; i < plenum_question_queue_length (queue); i++) {
    const PlenumQuestion *question = plenum_question_queue_get (queue, i);
    gboolean waiting = question->state == PLENUM_QUESTION_NEW ||
                       question->state == PLENUM_QUESTION_HELD;
    if (question->state == PLENUM_QUESTION_REJECTED || question->state == PLENUM_QUESTION_ANSWERED)
      continue;
    if (state->questions_only && waiting && !question->is_question)
      continue;
    g_ptr_array_add (listed, (gpointer) question);
  }
  return listed;
}

/* Moves the selection by `step` among the listed questions (staying put at either end). */
static void
select_step (PlenumStudio *studio, PlenumCommandState *state, int step)
{
  g_autoptr (GPtrArray) listed = plenum_command_listed_questions (studio, state);
  int index = -1;

  if (listed->len == 0)
    return;
  for (guint i = 0; i < listed->len && state->selected_id; i++)
    if (g_str_equal (((PlenumQuestion *) g_ptr_array_index (listed, i))->id, state->selected_id))
      index = (int) i;
  index = index < 0 ? 0 : CLAMP (index + step, 0, (int) listed->len - 1);
  g_free (state->selected_id);
  state->selected_id = g_strdup (((PlenumQuestion *) g_ptr_array_index (listed, index))->id);
}

static gboolean
select_index (PlenumStudio *studio, PlenumCommandState *state, int index)
{
  g_autoptr (GPtrArray) listed = plenum_command_listed_questions (studio, state);

  if (index < 0 || index >= (int) listed->len)
    return TRUE;
  g_free (state->selected_id);
  state->selected_id = g_strdup (((PlenumQuestion *) g_ptr_array_index (listed, index))->id);
  return TRUE;
}

static gboolean
move_selected (PlenumStudio *studio, PlenumCommandState *state, PlenumQuestionState to,
               GError **error)
{
  if (state->selected_id == NULL) {
    g_set_error (error, PLENUM_STUDIO_ERROR, PLENUM_STUDIO_ERROR_CONFLICT,
                 "select a question first (↑/↓)");
    return FALSE;
  }
  return plenum_studio_set_question_state (studio, state->selected_id, to, error);
}

static gboolean
toggle_on_air (PlenumStudio *studio, PlenumCommandState *state, GError **error)
{
  const PlenumQuestion *selected = state->selected_id
      ? plenum_question_queue_find (plenum_studio_questions (studio), state->selected_id) : NULL;

  if (selected && selected->state == PLENUM_QUESTION_ON_AIR)
    return move_selected (studio, state, PLENUM_QUESTION_APPROVED, error);
  return move_selected (studio, state, PLENUM_QUESTION_ON_AIR, error);
}

static gboolean
answered (PlenumStudio *studio, GError **error)
{
  const PlenumQuestion *on_air = plenum_question_queue_on_air (plenum_studio_questions (studio));

  if (on_air == NULL) {
    g_set_error (error, PLENUM_STUDIO_ERROR, PLENUM_STUDIO_ERROR_CONFLICT,
                 "no question is on air");
    return FALSE;
  }
  return plenum_studio_set_question_state (studio, on_air->id, PLENUM_QUESTION_ANSWERED, error);
}

static gboolean
cut_to (PlenumStudio *studio, int scene, GError **error)
{
  const PlenumShow *show = plenum_studio_show (studio);

  if (scene < 0 || scene >= (int) show->scenes->len) {
    g_set_error (error, PLENUM_STUDIO_ERROR, PLENUM_STUDIO_ERROR_UNKNOWN_ID,
                 "the show has %u scenes", show->scenes->len);
    return FALSE;
  }
  return plenum_studio_set_scene (studio, ((PlenumSceneConfig *) g_ptr_array_index (show->scenes, scene))->id,
                                  error);
}

gboolean
plenum_command_run (PlenumStudio *studio, PlenumCommandState *state, const PlenumCommand *command,
                    GError **error)
{
  switch (command->kind) {
  case PLENUM_COMMAND_NONE:
    return TRUE;
  case PLENUM_COMMAND_SCENE:
    return cut_to (studio, command->scene, error);
  case PLENUM_COMMAND_TOGGLE_INTERPRETER:
    plenum_studio_set_interpreter_visible (studio, !plenum_studio_interpreter_visible (studio));
    return TRUE;
  case PLENUM_COMMAND_TOGGLE_BURN_IN:
    plenum_studio_set_burn_in (studio, !plenum_studio_burn_in (studio));
    return TRUE;
  case PLENUM_COMMAND_AGENDA_NEXT:
    return plenum_studio_agenda_next (studio, error);
  case PLENUM_COMMAND_SELECT_PREVIOUS:
    select_step (studio, state, -1);
    return TRUE;
  case PLENUM_COMMAND_SELECT_NEXT:
    select_step (studio, state, +1);
    return TRUE;
  case PLENUM_COMMAND_SELECT:
    return select_index (studio, state, command->question);
  case PLENUM_COMMAND_APPROVE:
    return move_selected (studio, state, PLENUM_QUESTION_APPROVED, error);
  case PLENUM_COMMAND_REJECT:
    return move_selected (studio, state, PLENUM_QUESTION_REJECTED, error);
  case PLENUM_COMMAND_TOGGLE_ON_AIR:
    return toggle_on_air (studio, state, error);
  case PLENUM_COMMAND_ANSWERED:
    return answered (studio, error);
  case PLENUM_COMMAND_TOGGLE_QUESTIONS_ONLY:
    state->questions_only = !state->questions_only;
    return TRUE;
  case PLENUM_COMMAND_QUIT:
    state->confirming = TRUE;
    return TRUE;
  case PLENUM_COMMAND_CANCEL:
    state->confirming = FALSE;
    return TRUE;
  case PLENUM_COMMAND_CONFIRM:
    state->confirming = FALSE;
    plenum_studio_stop (studio, "the operator ended the show");
    return TRUE;
  }
  return TRUE;
}

/* window_commands.h — what the operator's keys and buttons do.
 *
 * Keyboard first: every key maps to a command, and every button carries one, so a click and
 * a key press run the same code. Commands act only through studio.h — the same functions the
 * control API calls.
 */
#pragma once

#include <SDL.h>
#include "studio/studio.h"

G_BEGIN_DECLS

typedef enum {
  PLENUM_COMMAND_NONE,
  PLENUM_COMMAND_SCENE,               /* `scene`: index into the show's scenes */
  PLENUM_COMMAND_TOGGLE_INTERPRETER,  /* I */
  PLENUM_COMMAND_TOGGLE_BURN_IN,      /* C */
  PLENUM_COMMAND_AGENDA_NEXT,         /* N */
  PLENUM_COMMAND_SELECT_PREVIOUS,     /* ↑ */
  PLENUM_COMMAND_SELECT_NEXT,         /* ↓ */
  PLENUM_COMMAND_SELECT,              /* `question`: a click on a row */
  PLENUM_COMMAND_APPROVE,             /* A */
  PLENUM_COMMAND_REJECT,              /* R */
  PLENUM_COMMAND_TOGGLE_ON_AIR,       /* O: the selected question on air, or off again */
  PLENUM_COMMAND_ANSWERED,            /* Space: the question on air is done */
  PLENUM_COMMAND_TOGGLE_QUESTIONS_ONLY, /* F: list only what looks like a question */
  PLENUM_COMMAND_QUIT,                /* Q or closing the window: asks first */
  PLENUM_COMMAND_CONFIRM,             /* Y/J/Enter while asking */
  PLENUM_COMMAND_CANCEL,              /* N/Esc while asking */
} PlenumCommandKind;

typedef struct {
  PlenumCommandKind kind;
  int scene;
  int question;                       /* index among the listed questions */
} PlenumCommand;

/* The command for a key; `confirming`: the "end the show?" question is open, and only its
 * answers count. */
PlenumCommand plenum_command_for_key (SDL_Keycode key, gboolean confirming);

typedef struct {
  char *selected_id;          /* the selected question's id, or NULL */
  gboolean confirming;        /* "end the show?" is open */
  gboolean questions_only;    /* F: chat that is no question is not listed */
} PlenumCommandState;

/* The questions the window lists, in the queue's order: everything not rejected or answered;
 * with `questions_only`, of the waiting ones only those that look like a question (approved
 * and on-air ones stay listed). (transfer container: the array, not the questions) */
GPtrArray *plenum_command_listed_questions (PlenumStudio *studio,
                                            const PlenumCommandState *state);

/* Runs `command`. FALSE with `error` when the studio refused (shown to the operator). */
gboolean plenum_command_run (PlenumStudio *studio, PlenumCommandState *state,
                             const PlenumCommand *command, GError **error);

G_END_DECLS

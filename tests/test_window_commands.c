/* Unit tests for studio/window_commands.c: which key does what in the operator window. */
#include "studio/window_commands.h"

static void
assert_key (SDL_Keycode key, gboolean confirming, PlenumCommandKind kind)
{
  PlenumCommand command = plenum_command_for_key (key, confirming);
  g_assert_cmpint (command.kind, ==, kind);
}

static void
test_digits_pick_scenes_one_to_nine (void)
{
  for (SDL_Keycode key = SDLK_1; key <= SDLK_9; key++) {
    PlenumCommand command = plenum_command_for_key (key, FALSE);
    g_assert_cmpint (command.kind, ==, PLENUM_COMMAND_SCENE);
    g_assert_cmpint (command.scene, ==, key - SDLK_1);
  }
  assert_key (SDLK_0, FALSE, PLENUM_COMMAND_NONE);
}

static void
test_letters_and_arrows_do_what_the_window_says (void)
{
  assert_key (SDLK_i, FALSE, PLENUM_COMMAND_TOGGLE_INTERPRETER);
  assert_key (SDLK_c, FALSE, PLENUM_COMMAND_TOGGLE_BURN_IN);
  assert_key (SDLK_n, FALSE, PLENUM_COMMAND_AGENDA_NEXT);
  assert_key (SDLK_UP, FALSE, PLENUM_COMMAND_SELECT_PREVIOUS);
  assert_key (SDLK_DOWN, FALSE, PLENUM_COMMAND_SELECT_NEXT);
  assert_key (SDLK_a, FALSE, PLENUM_COMMAND_APPROVE);
  assert_key (SDLK_r, FALSE, PLENUM_COMMAND_REJECT);
  assert_key (SDLK_o, FALSE, PLENUM_COMMAND_TOGGLE_ON_AIR);
  assert_key (SDLK_SPACE, FALSE, PLENUM_COMMAND_ANSWERED);
  assert_key (SDLK_f, FALSE, PLENUM_COMMAND_TOGGLE_QUESTIONS_ONLY);
  assert_key (SDLK_q, FALSE, PLENUM_COMMAND_QUIT);
  assert_key (SDLK_x, FALSE, PLENUM_COMMAND_NONE);
}

static void
test_nothing_ends_the_show_without_asking (void)
{
  /* Outside the question, "yes" keys mean nothing; Escape does not quit. */
  assert_key (SDLK_y, FALSE, PLENUM_COMMAND_NONE);
  assert_key (SDLK_j, FALSE, PLENUM_COMMAND_NONE);
  assert_key (SDLK_RETURN, FALSE, PLENUM_COMMAND_NONE);
  assert_key (SDLK_ESCAPE, FALSE, PLENUM_COMMAND_NONE);
}

static void
test_while_asking_only_the_answers_count (void)
{
  assert_key (SDLK_y, TRUE, PLENUM_COMMAND_CONFIRM);
  assert_key (SDLK_j, TRUE, PLENUM_COMMAND_CONFIRM);
  assert_key (SDLK_RETURN, TRUE, PLENUM_COMMAND_CONFIRM);
  assert_key (SDLK_n, TRUE, PLENUM_COMMAND_CANCEL);
  assert_key (SDLK_ESCAPE, TRUE, PLENUM_COMMAND_CANCEL);
  /* A scene key or a second Q while asking does nothing: one decision at a time. */
  assert_key (SDLK_1, TRUE, PLENUM_COMMAND_NONE);
  assert_key (SDLK_q, TRUE, PLENUM_COMMAND_NONE);
  assert_key (SDLK_i, TRUE, PLENUM_COMMAND_NONE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/window/keys/digits-pick-scenes-one-to-nine", test_digits_pick_scenes_one_to_nine);
  g_test_add_func ("/window/keys/letters-and-arrows-do-what-the-window-says",
                   test_letters_and_arrows_do_what_the_window_says);
  g_test_add_func ("/window/keys/nothing-ends-the-show-without-asking",
                   test_nothing_ends_the_show_without_asking);
  g_test_add_func ("/window/keys/while-asking-only-the-answers-count",
                   test_while_asking_only_the_answers_count);
  return g_test_run ();
}

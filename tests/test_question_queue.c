/* Unit tests for studio/question_queue.c: the moderated list of viewers' questions — states,
 * duplicates, limits, classification, pseudonyms and the JSON the operator's tools read. */
#include "studio/question_queue.h"

#include <glib/gstdio.h>
#include <string.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlenumQuestionQueue, plenum_question_queue_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

#define NEW PLENUM_QUESTION_NEW
#define HELD PLENUM_QUESTION_HELD
#define APPROVED PLENUM_QUESTION_APPROVED
#define REJECTED PLENUM_QUESTION_REJECTED
#define ON_AIR PLENUM_QUESTION_ON_AIR
#define ANSWERED PLENUM_QUESTION_ANSWERED

/* Adds `text` from a fresh author and asserts it was accepted. */
static const PlenumQuestion *
add (PlenumQuestionQueue *queue, const char *author, const char *text)
{
  g_autoptr (GError) error = NULL;
  const PlenumQuestion *question =
      plenum_question_queue_add (queue, "youtube", author, FALSE, text, 1000, &error);

  g_assert_no_error (error);
  g_assert_nonnull (question);
  return question;
}

static void
set_state (PlenumQuestionQueue *queue, const char *id, PlenumQuestionState state)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (plenum_question_queue_set_state (queue, id, state, &error));
  g_assert_no_error (error);
}

/* Asserts that adding `text` fails as invalid with `message`. */
static void
assert_refused (const char *text, const char *message)
{
  g_autoptr (PlenumQuestionQueue) queue = plenum_question_queue_new ();
  g_autoptr (GError) error = NULL;

  g_assert_null (plenum_question_queue_add (queue, "form", "Anna", FALSE, text, -1, &error));
  g_assert_error (error, PLENUM_QUESTION_ERROR, PLENUM_QUESTION_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpuint (plenum_question_queue_length (queue), ==, 0);
}

static char *
repeat (const char *unit, guint times)
{
  GString *text = g_string_new ("");

  for (guint i = 0; i < times; i++)
    g_string_append (text, unit);
  return g_string_free (text, FALSE);
}

static void
test_a_new_question_is_stored_as_received_and_starts_new (void)
{
  g_autoptr (PlenumQuestionQueue) queue = plenum_question_queue_new ();
  g_autoptr (GError) error = NULL;
  gint64 before = g_get_real_time () / 1000;
  const PlenumQuestion *q = plenum_question_queue_add (queue, "facebook", "Anna", TRUE,
                                                       "  Wann wird die Brücke fertig?  ",
                                                       65000, &error);
  gint64 after = g_get_real_time () / 1000;

  g_assert_no_error (error);
  g_assert_nonnull (q);
  g_assert_cmpstr (q->id, ==, "q1");
  g_assert_cmpstr (q->source, ==, "facebook");
  g_assert_cmpstr (q->author, ==, "Anna");
  g_assert_true (q->show_name);
  g_assert_cmpstr (q->text, ==, "  Wann wird die Brücke fertig?  ");
  g_assert_cmpint (q->show_time_ms, ==, 65000);
  g_assert_true (q->is_question);
  g_assert_cmpint (q->state, ==, NEW);
  g_assert_cmpint (q->received_unix_ms, >=, before);
  g_assert_cmpint (q->received_unix_ms, <=, after);
  g_assert_cmpuint (plenum_question_queue_length (queue), ==, 1);
  g_assert_true (plenum_question_queue_get (queue, 0) == q);
  g_assert_true (plenum_question_queue_find (queue, "q1") == q);
  g_assert_null (plenum_question_queue_find (queue, "q2"));
}

static void
test_ids_count_up_in_arrival_order_and_duplicates_use_none (void)
{
  g_autoptr (PlenumQuestionQueue) queue = plenum_question_queue_new ();

  g_assert_cmpstr (add (queue, "Anna", "Eins")->id, ==, "q1");
  g_assert_null (plenum_question_queue_add (queue, "youtube", "Anna", FALSE, "Eins", 0, NULL));
  g_assert_cmpstr (add (queue, "Ben", "Zwei")->id, ==, "q2");
  g_assert_cmpstr (add (queue, NULL, "Drei")->id, ==, "q3");
  g_assert_cmpstr (plenum_question_queue_get (queue, 2)->text, ==, "Drei");
  g_assert_cmpuint (plenum_question_queue_length (queue), ==, 3);
}

static void
test_the_same_text_from_the_same_author_is_a_silent_duplicate (void)
{
  g_autoptr (PlenumQuestionQueue) queue = plenum_question_queue_new ();
  g_autoptr (GError) error = NULL;

  add (queue, "Anna", "Wann kommt der Radweg?");
  g_assert_null (plenum_question_queue_add (queue, "youtube", "Anna", FALSE,
                                            "  WANN kommt der RADWEG?\n", 0, &error));
  g_assert_no_error (error);
  /* Case folding, not just ASCII: "STRASSE" folds to "strasse" as "Straße" does. */
  add (queue, "Anna", "Die Straße?");
  g_assert_null (plenum_question_queue_add (queue, "youtube", "Anna", FALSE, "DIE STRASSE?",
                                            0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (plenum_question_queue_length (queue), ==, 2);
}

static void
test_the_same_text_from_another_author_or_platform_is_kept (void)
{
  g_autoptr (PlenumQuestionQueue) queue = plenum_question_queue_new ();
  g_autoptr (GError) error = NULL;

  add (queue, "Anna", "Wann kommt der Radweg?");
  add (queue, "Ben", "Wann kommt der Radweg?");
  add (queue, NULL, "Wann kommt der Radweg?");
  g_assert_nonnull (plenum_question_queue_add (queue, "facebook", "Anna", FALSE,
                                               "Wann kommt der Radweg?", 0, &error));
  g_assert_no_error (error);
  add (queue, "Anna", "Wann kommt der Radweg endlich?");
  g_assert_cmpuint (plenum_question_queue_length (queue), ==, 5);
}

static void
test_exactly_500_characters_are_accepted (void)
{
  g_autoptr (PlenumQuestionQueue) queue = plenum_question_queue_new ();
  g_autofree char *ascii = repeat ("a", 500);
  g_autofree char *umlauts = repeat ("ä", 500);

  g_assert_cmpuint (strlen (umlauts), ==, 1000);
  g_assert_cmpstr (add (queue, "Anna", ascii)->text, ==, ascii);
  g_assert_cmpstr (add (queue, "Anna", umlauts)->text, ==, umlauts);
}

static void
test_501_characters_are_refused_with_the_count (void)
{
  g_autofree char *ascii = repeat ("a", 501);
  g_autofree char *long_one = repeat ("a", 612);

  assert_refused (ascii, "a question has at most 500 characters (got 501)");
  assert_refused (long_one, "a question has at most 500 characters (got 612)");
}

static void
test_multi_byte_characters_count_as_one_each (void)
{
  g_autofree char *umlauts = repeat ("ä", 501);
  g_autofree char *emoji = repeat ("🙂", 501);

  assert_refused (umlauts, "a question has at most 500 characters (got 501)");
  assert_refused (emoji, "a question has at most 500 characters (got 501)");
}

static void
test_empty_or_blank_text_is_refused (void)
{
  assert_refused ("", "a question cannot be empty");
  assert_refused (" \t\n ", "a question cannot be empty");
  assert_refused ("\u00a0\u2003", "a question cannot be empty");
}

static void
test_invalid_utf8_is_refused (void)
{
  assert_refused ("Stra\xdf" "e?", "a question must be valid UTF-8 text");
  assert_refused ("\xff", "a question must be valid UTF-8 text");
}

/* Adds a question and walks it to `state` by allowed steps; returns its id. */
static const char *
question_in (PlenumQuestionQueue *queue, PlenumQuestionState state)
{
  static const PlenumQuestionState to_approved[] = { APPROVED };
  static const PlenumQuestionState to_rejected[] = { REJECTED };
  static const PlenumQuestionState to_on_air[] = { APPROVED, ON_AIR };
  static const PlenumQuestionState to_answered[] = { APPROVED, ON_AIR, ANSWERED };
  const PlenumQuestionState *path = NULL;
  guint steps = 0;
  g_autofree char *text = g_strdup_printf ("Frage %u", plenum_question_queue_length (queue));
  const PlenumQuestion *q = add (queue, "Anna", text);

  switch (state) {
    case NEW: break;
    case APPROVED: path = to_approved; steps = 1; break;
    case REJECTED: path = to_rejected; steps = 1; break;
    case ON_AIR: path = to_on_air; steps = 2; break;
    case ANSWERED: path = to_answered; steps = 3; break;
    case HELD: g_assert_not_reached ();
  }
  for (guint i = 0; i < steps; i++)
    set_state (queue, q->id, path[i]);
  g_assert_cmpint (q->state, ==, state);
  return q->id;
}

/* Written out here, not taken from the code under test: the header's list of moves. HELD
 * cannot be reached through the API, so its row is not tried. */
static const struct { PlenumQuestionState from, to; } allowed_moves[] = {
  { NEW, APPROVED }, { NEW, REJECTED },
  { APPROVED, ON_AIR }, { APPROVED, REJECTED },
  { REJECTED, APPROVED },
  { ON_AIR, ANSWERED }, { ON_AIR, APPROVED },
  { ANSWERED, ON_AIR },
};

static gboolean
is_allowed (PlenumQuestionState from, PlenumQuestionState to)
{
  for (guint i = 0; i < G_N_ELEMENTS (allowed_moves); i++)
    if (allowed_moves[i].from == from && allowed_moves[i].to == to)
      return TRUE;
  return FALSE;
}

static void
test_every_allowed_move_succeeds (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (allowed_moves); i++) {
    g_autoptr (PlenumQuestionQueue) queue = plenum_question_queue_new ();
    g_autoptr (GError) error = NULL;
    const char *id = question_in (queue, allowed_moves[i].from);

    g_test_message ("%s → %s", plenum_question_state_to_string (allowed_moves[i].from),
                    plenum_question_state_to_string (allowed_moves[i].to));
    g_assert_true (plenum_question_queue_set_state (queue, id, allowed_moves[i].to, &error));
    g_assert_no_error (error);
    g_assert_cmpint (plenum_question_queue_find (queue, id)->state, ==, allowed_moves[i].to);
  }
}

static void
test_every_other_move_is_refused_and_changes_nothing (void)
{
  static const PlenumQuestionState reachable[] = { NEW, APPROVED, REJECTED, ON_AIR, ANSWERED };
  guint refused = 0;

  for (guint f = 0; f < G_N_ELEMENTS (reachable); f++) {
    for (PlenumQuestionState to = NEW; to <= ANSWERED; to++) {
      g_autoptr (PlenumQuestionQueue) queue = plenum_question_queue_new ();
      g_autoptr (GError) error = NULL;
      const char *id = question_in (queue, reachable[f]);
      g_autofree char *message = NULL;

      if (is_allowed (reachable[f], to))
        continue;
      message = g_strdup_printf ("a question cannot go from %s to %s",
                                 plenum_question_state_to_string (reachable[f]),
                                 plenum_question_state_to_string (to));
      g_assert_false (plenum_question_queue_set_state (queue, id, to, &error));
      g_assert_error (error, PLENUM_QUESTION_ERROR, PLENUM_QUESTION_ERROR_TRANSITION);
      g_assert_cmpstr (error->message, ==, message);
      g_assert_cmpint (plenum_question_queue_find (queue, id)->state, ==, reachable[f]);
      refused++;
    }
  }
  g_assert_cmpuint (refused, ==, 5 * 6 - G_N_ELEMENTS (allowed_moves));
}

static void
test_a_refused_move_names_both_states (void)
{
  g_autoptr (PlenumQuestionQueue) queue = plenum_question_queue_new ();
  g_autoptr (GError) error = NULL;
  const char *id = question_in (queue, REJECTED);

  g_assert_false (plenum_question_queue_set_state (queue, id, ON_AIR, &error));
  g_assert_cmpstr (error->message, ==, "a question cannot go from rejected to on_air");
}

static void
test_an_unknown_id_is_refused_by_name (void)
{
  g_autoptr (PlenumQuestionQueue) queue = plenum_question_queue_new ();
  g_autoptr (GError) error = NULL;

  add (queue, "Anna", "Eins?");
  g_assert_false (plenum_question_queue_set_state (queue, "q7", APPROVED, &error));
  g_assert_error (error, PLENUM_QUESTION_ERROR, PLENUM_QUESTION_ERROR_UNKNOWN_ID);
  g_assert_cmpstr (error->message, ==, "no question with id q7");
}

static void
test_putting_a_second_question_on_air_answers_the_first (void)
{
  g_autoptr (PlenumQuestionQueue) queue = plenum_question_queue_new ();
  const char *first = question_in (queue, ON_AIR);
  const char *second = question_in (queue, APPROVED);

  g_assert_cmpstr (plenum_question_queue_on_air (queue)->id, ==, first);
  set_state (queue, second, ON_AIR);
  g_assert_cmpstr (plenum_question_queue_on_air (queue)->id, ==, second);
  g_assert_cmpint (plenum_question_queue_find (queue, first)->state, ==, ANSWERED);
  g_assert_cmpuint (plenum_question_queue_count (queue, ON_AIR), ==, 1);
}

static void
test_putting_an_answered_question_back_on_air_answers_the_current_one (void)
{
  g_autoptr (PlenumQuestionQueue) queue = plenum_question_queue_new ();
  const char *first = question_in (queue, ANSWERED);
  const char *second = question_in (queue, ON_AIR);

  set_state (queue, first, ON_AIR);
  g_assert_cmpstr (plenum_question_queue_on_air (queue)->id, ==, first);
  g_assert_cmpint (plenum_question_queue_find (queue, second)->state, ==, ANSWERED);
}

static void
test_taking_a_question_off_air_leaves_nothing_on_air (void)
{
  g_autoptr (PlenumQuestionQueue) queue = plenum_question_queue_new ();
  const char *id = question_in (queue, ON_AIR);

  set_state (queue, id, APPROVED);
  g_assert_null (plenum_question_queue_on_air (queue));
  g_assert_cmpint (plenum_question_queue_find (queue, id)->state, ==, APPROVED);
}

static void
test_counts_follow_the_states (void)
{
  g_autoptr (PlenumQuestionQueue) queue = plenum_question_queue_new ();

  question_in (queue, NEW);
  question_in (queue, NEW);
  question_in (queue, APPROVED);
  question_in (queue, REJECTED);
  question_in (queue, ANSWERED);
  question_in (queue, ON_AIR);
  g_assert_cmpuint (plenum_question_queue_count (queue, NEW), ==, 2);
  g_assert_cmpuint (plenum_question_queue_count (queue, HELD), ==, 0);
  g_assert_cmpuint (plenum_question_queue_count (queue, APPROVED), ==, 1);
  g_assert_cmpuint (plenum_question_queue_count (queue, REJECTED), ==, 1);
  g_assert_cmpuint (plenum_question_queue_count (queue, ON_AIR), ==, 1);
  g_assert_cmpuint (plenum_question_queue_count (queue, ANSWERED), ==, 1);
}

static void
test_state_names_round_trip_and_unknown_names_are_refused (void)
{
  static const char *const names[] = { "new", "held", "approved", "rejected", "on_air",
                                       "answered" };
  PlenumQuestionState state = ANSWERED;

  for (PlenumQuestionState s = NEW; s <= ANSWERED; s++) {
    PlenumQuestionState parsed = (PlenumQuestionState) -1;
    g_assert_cmpstr (plenum_question_state_to_string (s), ==, names[s]);
    g_assert_true (plenum_question_state_from_string (names[s], &parsed));
    g_assert_cmpint (parsed, ==, s);
  }
  g_assert_false (plenum_question_state_from_string ("on-air", &state));
  g_assert_false (plenum_question_state_from_string ("Approved", &state));
  g_assert_false (plenum_question_state_from_string ("", &state));
  g_assert_cmpint (state, ==, ANSWERED);
}

static void
test_questions_are_recognised_by_mark_or_opening_word (void)
{
  static const char *const questions[] = {
    "Ist das live?", "Ist das live?  \n", "Sie fragte: „Wirklich?“", "»Warum nicht?«",
    "\"Really?\"", "'Really?' ", "He said “really?”", "Wirklich??",
    "Frage zum Haushalt", "frage: Haushalt", "FRAGEN über Fragen", "Q: budget", "q: budget",
    "F: Radweg", "Question about the bridge", "QUESTION", "Wie geht es weiter",
    "Was kostet das", "warum jetzt", "Wann beginnt der Bau", "Wo genau", "Wer zahlt",
    "Why now", "how much", "What happens next", "When does it start", "Who pays",
    "Where is it", "   Wer zahlt", "\u00a0Why now",
  };

  for (guint i = 0; i < G_N_ELEMENTS (questions); i++) {
    g_test_message ("%s", questions[i]);
    g_assert_true (plenum_question_looks_like_question (questions[i]));
  }
}

static void
test_statements_are_not_taken_for_questions (void)
{
  static const char *const statements[] = {
    "", "   ", "Danke für die Übertragung!", "Ist das live? Super.", "Wochenende",
    "Wohin geht das Geld", "Werbung", "Wasser marsch", "Whatever works.", "Whom it concerns",
    "Where's the money", "Howdy", "Wiesbaden grüßt", "Warumbo", "Q. budget", "F- Radweg",
    "Ein Q: steht mitten drin", "Fra ge",
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++) {
    g_test_message ("%s", statements[i]);
    g_assert_false (plenum_question_looks_like_question (statements[i]));
  }
}

static void
test_adding_classifies_the_text (void)
{
  g_autoptr (PlenumQuestionQueue) queue = plenum_question_queue_new ();

  g_assert_true (add (queue, "Anna", "Wer zahlt das")->is_question);
  g_assert_false (add (queue, "Anna", "Danke!")->is_question);
}

static PlenumQuestion
question_from (const char *source, const char *author, gboolean show_name)
{
  return (PlenumQuestion) { .id = (char *) "q1", .source = (char *) source,
                            .author = (char *) author, .show_name = show_name,
                            .text = (char *) "Wer?", .show_time_ms = -1 };
}

static void
test_the_author_is_shown_only_with_consent (void)
{
  PlenumQuestion named = question_from ("youtube", "Anna Beispiel", TRUE);
  PlenumQuestion unnamed = question_from ("youtube", "Anna Beispiel", FALSE);
  g_autofree char *shown = plenum_question_display_name (&named);
  g_autofree char *hidden = plenum_question_display_name (&unnamed);

  g_assert_cmpstr (shown, ==, "Anna Beispiel");
  g_assert_cmpstr (hidden, ==, "Zuschauer·in 1775");
}

static void
test_the_pseudonym_is_stable_and_does_not_reveal_the_name (void)
{
  PlenumQuestion youtube = question_from ("youtube", "Anna Beispiel", FALSE);
  PlenumQuestion facebook = question_from ("facebook", "Anna Beispiel", FALSE);
  g_autofree char *first = plenum_question_display_name (&youtube);
  g_autofree char *again = plenum_question_display_name (&youtube);
  g_autofree char *elsewhere = plenum_question_display_name (&facebook);

  /* SHA-256 of "youtube\nAnna Beispiel" starts 1775f1d6…, of "facebook\n…" 7611cc8d…. */
  g_assert_cmpstr (first, ==, "Zuschauer·in 1775");
  g_assert_cmpstr (again, ==, first);
  g_assert_cmpstr (elsewhere, ==, "Zuschauer·in 7611");
  g_assert_null (strstr (first, "Anna"));
  g_assert_null (strstr (first, "Beispiel"));
}

static void
test_a_question_without_an_author_is_from_zuschauer_in (void)
{
  PlenumQuestion anonymous = question_from ("form", NULL, TRUE);
  PlenumQuestion blank = question_from ("form", "  ", TRUE);
  g_autofree char *name = plenum_question_display_name (&anonymous);
  g_autofree char *blank_name = plenum_question_display_name (&blank);

  g_assert_cmpstr (name, ==, "Zuschauer·in");
  g_assert_cmpstr (blank_name, ==, "Zuschauer·in");
}

static gint64
unix_ms_from_iso8601 (const char *text)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (time);
  return g_date_time_to_unix (time) * 1000 + g_date_time_get_microsecond (time) / 1000;
}

static void
test_the_json_has_every_field (void)
{
  g_autoptr (PlenumQuestionQueue) queue = plenum_question_queue_new ();
  g_autoptr (GError) error = NULL;
  const PlenumQuestion *q = plenum_question_queue_add (queue, "form", NULL, TRUE,
                                                       "Wer zahlt?", 125000, &error);
  g_autoptr (cJSON) array = NULL;
  const cJSON *object;
  const char *received;

  g_assert_no_error (error);
  set_state (queue, q->id, APPROVED);
  array = plenum_question_queue_to_json (queue);
  g_assert_true (cJSON_IsArray (array));
  g_assert_cmpint (cJSON_GetArraySize (array), ==, 1);
  object = cJSON_GetArrayItem (array, 0);
  g_assert_cmpint (cJSON_GetArraySize (object), ==, 9);
  g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (object, "id")), ==, "q1");
  g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (object, "source")), ==, "form");
  g_assert_true (cJSON_IsNull (cJSON_GetObjectItem (object, "author")));
  g_assert_true (cJSON_IsTrue (cJSON_GetObjectItem (object, "show_name")));
  g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (object, "text")), ==,
                   "Wer zahlt?");
  g_assert_cmpfloat (cJSON_GetNumberValue (cJSON_GetObjectItem (object, "show_time_ms")), ==,
                     125000);
  g_assert_true (cJSON_IsTrue (cJSON_GetObjectItem (object, "is_question")));
  g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (object, "state")), ==,
                   "approved");
  received = cJSON_GetStringValue (cJSON_GetObjectItem (object, "received"));
  g_assert_nonnull (received);
  g_assert_cmpint (unix_ms_from_iso8601 (received), ==, q->received_unix_ms);
}

static void
test_the_received_time_is_utc_with_three_digit_milliseconds (void)
{
  g_autoptr (PlenumQuestionQueue) queue = plenum_question_queue_new ();
  PlenumQuestion *q = (PlenumQuestion *) add (queue, "Anna", "Wer zahlt?");
  g_autoptr (cJSON) array = NULL;

  /* The queue stamps the wall clock; pin it so that the exact text can be checked. */
  q->received_unix_ms = G_GINT64_CONSTANT (1795716000007);
  array = plenum_question_queue_to_json (queue);
  g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (cJSON_GetArrayItem (array, 0),
                                                              "received")),
                   ==, "2026-11-26T18:00:00.007Z");
}

static void
test_a_saved_queue_reloads_as_the_same_json (void)
{
  g_autoptr (PlenumQuestionQueue) queue = plenum_question_queue_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("plenum-questions-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (cJSON) expected = NULL;
  g_autoptr (cJSON) reloaded = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "questions.json", NULL);
  add (queue, "Anna \"A\" Beispiel", "Wie teuer wird „das“?\nZeile 2");
  question_in (queue, ON_AIR);
  g_assert_true (plenum_question_queue_save (queue, path, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  reloaded = cJSON_Parse (contents);
  expected = plenum_question_queue_to_json (queue);
  g_assert_nonnull (reloaded);
  g_assert_true (cJSON_Compare (reloaded, expected, TRUE));
  g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (cJSON_GetArrayItem (reloaded, 0),
                                                              "text")),
                   ==, "Wie teuer wird „das“?\nZeile 2");
  g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (cJSON_GetArrayItem (reloaded, 1),
                                                              "state")),
                   ==, "on_air");

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_saving_into_a_missing_folder_fails_with_an_error (void)
{
  g_autoptr (PlenumQuestionQueue) queue = plenum_question_queue_new ();
  g_autoptr (GError) error = NULL;

  g_assert_false (plenum_question_queue_save (queue, "/nonexistent-plenum/q.json", &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "/nonexistent-plenum/q.json"));
}

int
main (int argc, char **argv)
{
  /* Away from UTC, so that a local time in the JSON would show. */
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/studio/question-queue/a-new-question-is-stored-as-received-and-starts-new",
                   test_a_new_question_is_stored_as_received_and_starts_new);
  g_test_add_func ("/studio/question-queue/ids-count-up-in-arrival-order-and-duplicates-use-none",
                   test_ids_count_up_in_arrival_order_and_duplicates_use_none);
  g_test_add_func ("/studio/question-queue/the-same-text-from-the-same-author-is-a-silent-duplicate",
                   test_the_same_text_from_the_same_author_is_a_silent_duplicate);
  g_test_add_func ("/studio/question-queue/the-same-text-from-another-author-or-platform-is-kept",
                   test_the_same_text_from_another_author_or_platform_is_kept);
  g_test_add_func ("/studio/question-queue/exactly-500-characters-are-accepted",
                   test_exactly_500_characters_are_accepted);
  g_test_add_func ("/studio/question-queue/501-characters-are-refused-with-the-count",
                   test_501_characters_are_refused_with_the_count);
  g_test_add_func ("/studio/question-queue/multi-byte-characters-count-as-one-each",
                   test_multi_byte_characters_count_as_one_each);
  g_test_add_func ("/studio/question-queue/empty-or-blank-text-is-refused",
                   test_empty_or_blank_text_is_refused);
  g_test_add_func ("/studio/question-queue/invalid-utf8-is-refused",
                   test_invalid_utf8_is_refused);
  g_test_add_func ("/studio/question-queue/every-allowed-move-succeeds",
                   test_every_allowed_move_succeeds);
  g_test_add_func ("/studio/question-queue/every-other-move-is-refused-and-changes-nothing",
                   test_every_other_move_is_refused_and_changes_nothing);
  g_test_add_func ("/studio/question-queue/a-refused-move-names-both-states",
                   test_a_refused_move_names_both_states);
  g_test_add_func ("/studio/question-queue/an-unknown-id-is-refused-by-name",
                   test_an_unknown_id_is_refused_by_name);
  g_test_add_func ("/studio/question-queue/putting-a-second-question-on-air-answers-the-first",
                   test_putting_a_second_question_on_air_answers_the_first);
  g_test_add_func ("/studio/question-queue/putting-an-answered-question-back-on-air-answers-the-current-one",
                   test_putting_an_answered_question_back_on_air_answers_the_current_one);
  g_test_add_func ("/studio/question-queue/taking-a-question-off-air-leaves-nothing-on-air",
                   test_taking_a_question_off_air_leaves_nothing_on_air);
  g_test_add_func ("/studio/question-queue/counts-follow-the-states",
                   test_counts_follow_the_states);
  g_test_add_func ("/studio/question-queue/state-names-round-trip-and-unknown-names-are-refused",
                   test_state_names_round_trip_and_unknown_names_are_refused);
  g_test_add_func ("/studio/question-queue/questions-are-recognised-by-mark-or-opening-word",
                   test_questions_are_recognised_by_mark_or_opening_word);
  g_test_add_func ("/studio/question-queue/statements-are-not-taken-for-questions",
                   test_statements_are_not_taken_for_questions);
  g_test_add_func ("/studio/question-queue/adding-classifies-the-text",
                   test_adding_classifies_the_text);
  g_test_add_func ("/studio/question-queue/the-author-is-shown-only-with-consent",
                   test_the_author_is_shown_only_with_consent);
  g_test_add_func ("/studio/question-queue/the-pseudonym-is-stable-and-does-not-reveal-the-name",
                   test_the_pseudonym_is_stable_and_does_not_reveal_the_name);
  g_test_add_func ("/studio/question-queue/a-question-without-an-author-is-from-zuschauer-in",
                   test_a_question_without_an_author_is_from_zuschauer_in);
  g_test_add_func ("/studio/question-queue/the-json-has-every-field",
                   test_the_json_has_every_field);
  g_test_add_func ("/studio/question-queue/the-received-time-is-utc-with-three-digit-milliseconds",
                   test_the_received_time_is_utc_with_three_digit_milliseconds);
  g_test_add_func ("/studio/question-queue/a-saved-queue-reloads-as-the-same-json",
                   test_a_saved_queue_reloads_as_the_same_json);
  g_test_add_func ("/studio/question-queue/saving-into-a-missing-folder-fails-with-an-error",
                   test_saving_into_a_missing_folder_fails_with_an_error);
  return g_test_run ();
}

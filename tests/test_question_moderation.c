/* Unit tests for what moderation adds to the question queue: the hold filter (block words,
 * links), the queue's cap under a flood, platform withdrawals, the on-air credit line and the
 * CSV export. */
#include "studio/question_credit.h"
#include "studio/question_export.h"
#include "studio/question_filter.h"
#include "studio/question_queue.h"

#include <string.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlenumQuestionQueue, plenum_question_queue_free)

static const PlenumQuestion *
add_from (PlenumQuestionQueue *queue, const char *source, const char *author, const char *text)
{
  g_autoptr (GError) error = NULL;
  const PlenumQuestion *question =
      plenum_question_queue_add (queue, source, author, FALSE, text, 61000, &error);

  g_assert_no_error (error);
  return question;
}

static void
test_block_words_match_whole_words_in_any_case (void)
{
  const char *const words[] = { "Idiot", "Lügenpresse", "zieh leine", NULL };
  g_autoptr (PlenumQuestionFilter) filter = plenum_question_filter_new (words, FALSE);

  g_assert_cmpstr (plenum_question_filter_check (filter, "Sie IDIOT!"), ==, "block word");
  g_assert_cmpstr (plenum_question_filter_check (filter, "lügenpresse"), ==, "block word");
  g_assert_cmpstr (plenum_question_filter_check (filter, "LÜGENPRESSE?"), ==, "block word");
  g_assert_cmpstr (plenum_question_filter_check (filter, "Zieh   Leine"), ==, NULL);
  g_assert_cmpstr (plenum_question_filter_check (filter, "Bitte zieh leine."), ==, "block word");
  /* Part of a longer word is not the word. */
  g_assert_null (plenum_question_filter_check (filter, "Idiotensicher geplant?"));
  g_assert_null (plenum_question_filter_check (filter, "Wann kommt die Ampel?"));
}

static void
test_links_are_held_but_abbreviations_are_not (void)
{
  g_autoptr (PlenumQuestionFilter) filter = plenum_question_filter_new (NULL, TRUE);
  g_autoptr (PlenumQuestionFilter) open = plenum_question_filter_new (NULL, FALSE);
  const char *links[] = {
    "see https://example.org/x", "HTTP://EVIL.TEST", "www.spam-shop.test", "buy at cheap.shop now",
    "win-prizes.com", "t.me/channel? no: bit.ly/abc",
  };
  const char *plain[] = {
    "z.B. die Kita in der Nordstraße?", "Wie geht es weiter mit TOP 3.2?", "Haushalt.Frage dazu",
    "Um 18.30 Uhr?", "Dr. Müller fragt: warum?",
  };

  for (guint i = 0; i < G_N_ELEMENTS (links); i++) {
    g_test_message ("%s", links[i]);
    g_assert_cmpstr (plenum_question_filter_check (filter, links[i]), ==, "link");
    g_assert_null (plenum_question_filter_check (open, links[i]));
  }
  for (guint i = 0; i < G_N_ELEMENTS (plain); i++) {
    g_test_message ("%s", plain[i]);
    g_assert_null (plenum_question_filter_check (filter, plain[i]));
  }
}

static void
test_the_queue_holds_what_the_filter_matches (void)
{
  const char *const words[] = { "spam", NULL };
  g_autoptr (PlenumQuestionQueue) queue = plenum_question_queue_new ();
  g_autoptr (GError) error = NULL;

  plenum_question_queue_set_filter (queue, plenum_question_filter_new (words, TRUE));
  const PlenumQuestion *held = add_from (queue, "youtube", "A", "Is this spam?");
  const PlenumQuestion *link = add_from (queue, "youtube", "B", "Look: https://x.test");
  const PlenumQuestion *fine = add_from (queue, "youtube", "C", "Wann beginnt der Bau?");

  g_assert_cmpint (held->state, ==, PLENUM_QUESTION_HELD);
  g_assert_cmpstr (held->held_reason, ==, "block word");
  g_assert_cmpint (link->state, ==, PLENUM_QUESTION_HELD);
  g_assert_cmpstr (link->held_reason, ==, "link");
  g_assert_cmpint (fine->state, ==, PLENUM_QUESTION_NEW);
  g_assert_null (fine->held_reason);
  /* A held message goes on air only through approval. */
  g_assert_false (plenum_question_queue_set_state (queue, held->id, PLENUM_QUESTION_ON_AIR,
                                                   &error));
  g_assert_error (error, PLENUM_QUESTION_ERROR, PLENUM_QUESTION_ERROR_TRANSITION);
}

static void
test_a_flood_drops_old_chat_first_and_never_kept_questions (void)
{
  g_autoptr (PlenumQuestionQueue) queue = plenum_question_queue_new ();
  g_autofree char *approved_id = NULL;
  g_autofree char *answered_id = NULL;

  plenum_question_queue_set_cap (queue, 100);
  approved_id = g_strdup (add_from (queue, "youtube", "A", "Wird die Schule saniert?")->id);
  answered_id = g_strdup (add_from (queue, "youtube", "B", "Wann kommt der Bus?")->id);
  g_assert_true (plenum_question_queue_set_state (queue, approved_id, PLENUM_QUESTION_APPROVED,
                                                  NULL));
  g_assert_true (plenum_question_queue_set_state (queue, answered_id, PLENUM_QUESTION_APPROVED,
                                                  NULL));
  g_assert_true (plenum_question_queue_set_state (queue, answered_id, PLENUM_QUESTION_ON_AIR,
                                                  NULL));
  add_from (queue, "youtube", "C", "Gibt es einen Livestream-Mitschnitt?");   /* a question */
  for (int i = 0; i < 100000; i++) {
    g_autofree char *author = g_strdup_printf ("viewer%d", i);
    g_autofree char *text = g_strdup_printf ("hallo %d", i);
    add_from (queue, "youtube", author, text);
    g_assert_cmpuint (plenum_question_queue_length (queue), <=, 100);
  }
  g_assert_nonnull (plenum_question_queue_find (queue, approved_id));
  g_assert_nonnull (plenum_question_queue_find (queue, answered_id));
  /* Chat went first: the waiting question outlived 100,000 chat lines. */
  g_assert_nonnull (plenum_question_queue_find (queue, "q3"));
  g_assert_cmpstr (plenum_question_queue_get (queue, plenum_question_queue_length (queue) - 1)
                       ->text, ==, "hallo 99999");
  g_assert_cmpuint (plenum_question_queue_dropped (queue), ==,
                    100003 - plenum_question_queue_length (queue));
  /* A dropped message's text may come again and is taken as new (its key was forgotten). */
  g_assert_nonnull (add_from (queue, "youtube", "viewer5", "hallo 5"));
}

static void
test_a_full_queue_of_kept_questions_drops_the_newcomer (void)
{
  g_autoptr (PlenumQuestionQueue) queue = plenum_question_queue_new ();

  plenum_question_queue_set_cap (queue, 10);
  for (int i = 0; i < 10; i++) {
    g_autofree char *text = g_strdup_printf ("Frage %d?", i);
    const PlenumQuestion *q = add_from (queue, "form", NULL, text);
    g_assert_true (plenum_question_queue_set_state (queue, q->id, PLENUM_QUESTION_APPROVED, NULL));
  }
  g_autoptr (GError) error = NULL;
  g_assert_null (plenum_question_queue_add (queue, "form", NULL, FALSE, "Noch eine?", 0, &error));
  g_assert_error (error, PLENUM_QUESTION_ERROR, PLENUM_QUESTION_ERROR_FULL);
  g_assert_cmpuint (plenum_question_queue_length (queue), ==, 10);
  g_assert_cmpuint (plenum_question_queue_dropped (queue), ==, 1);
}

static void
test_a_platform_withdrawal_rejects_a_waiting_question_only (void)
{
  g_autoptr (PlenumQuestionQueue) queue = plenum_question_queue_new ();
  const PlenumQuestion *waiting = add_from (queue, "youtube", "A", "Eins?");
  const PlenumQuestion *on_air = add_from (queue, "youtube", "B", "Zwei?");

  plenum_question_queue_set_external_id (queue, waiting->id, "LCC.1");
  plenum_question_queue_set_external_id (queue, on_air->id, "LCC.2");
  g_assert_true (plenum_question_queue_set_state (queue, on_air->id, PLENUM_QUESTION_APPROVED, NULL));
  g_assert_true (plenum_question_queue_set_state (queue, on_air->id, PLENUM_QUESTION_ON_AIR, NULL));

  g_assert_null (plenum_question_queue_withdraw (queue, "facebook", "LCC.1"));
  g_assert_true (plenum_question_queue_withdraw (queue, "youtube", "LCC.1") == waiting);
  g_assert_cmpint (waiting->state, ==, PLENUM_QUESTION_REJECTED);
  g_assert_null (plenum_question_queue_withdraw (queue, "youtube", "LCC.1"));
  /* On air, the operator decides: the withdrawal does not pull it off screen. */
  g_assert_null (plenum_question_queue_withdraw (queue, "youtube", "LCC.2"));
  g_assert_cmpint (on_air->state, ==, PLENUM_QUESTION_ON_AIR);
  g_assert_null (plenum_question_queue_withdraw (queue, "youtube", "unknown"));
}

static void
test_the_credit_names_the_channel_unless_a_name_may_be_shown (void)
{
  PlenumQuestion youtube = { .source = "youtube", .author = "Ada Lovelace", .text = "?" };
  PlenumQuestion consented = { .source = "form", .author = "  Grace  Brewster Hopper ",
                               .show_name = TRUE, .text = "?" };
  PlenumQuestion nameless = { .source = "facebook", .author = NULL, .show_name = TRUE };
  PlenumQuestion operator = { .source = "operator", .author = "Saal" };
  g_autofree char *a = plenum_question_credit (&youtube, FALSE);
  g_autofree char *b = plenum_question_credit (&youtube, TRUE);
  g_autofree char *c = plenum_question_credit (&consented, FALSE);
  g_autofree char *d = plenum_question_credit (&nameless, FALSE);
  g_autofree char *e = plenum_question_credit (&operator, FALSE);
  g_autofree char *one = plenum_question_short_name ("Joe");
  g_autofree char *umlaut = plenum_question_short_name ("Jürgen Özdemir");
  g_autofree char *long_name = plenum_question_short_name (
      "Maximiliane-Konstantinopolitanische Bergmann");

  g_assert_cmpstr (a, ==, "Frage via YouTube");
  g_assert_cmpstr (b, ==, "Frage von Ada L. via YouTube");
  g_assert_cmpstr (c, ==, "Frage von Grace H. via Webformular");
  g_assert_cmpstr (d, ==, "Frage via Facebook");
  g_assert_cmpstr (e, ==, "Frage");
  g_assert_cmpstr (one, ==, "Joe");
  g_assert_cmpstr (umlaut, ==, "Jürgen Ö.");
  g_assert_cmpint (g_utf8_strlen (long_name, -1), ==, 24);
  g_assert_true (g_str_has_suffix (long_name, "…"));
  g_assert_null (plenum_question_short_name ("   "));
}

static void
test_the_csv_quotes_every_cell_and_defuses_formulas (void)
{
  g_autoptr (PlenumQuestionQueue) queue = plenum_question_queue_new ();
  g_autofree char *csv = NULL;
  g_auto (GStrv) lines = NULL;

  add_from (queue, "youtube", "Ada Lovelace", "Sagt er \"nein\", oder?");
  add_from (queue, "form", "Mallory", "=HYPERLINK(\"http://x\")");
  csv = plenum_question_queue_to_csv (queue, FALSE);
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF" "id,received_utc,show_time,source,credit,"
                                        "state,is_question,text\r\n"));
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);   /* header, two rows, "" after the last */
  g_assert_true (g_str_has_prefix (lines[1], "\"q1\",\""));
  g_assert_true (g_str_has_suffix (lines[1], "\"0:01:01\",\"youtube\",\"Frage via YouTube\","
                                             "\"new\",\"yes\",\"Sagt er \"\"nein\"\", oder?\""));
  /* The name the viewer did not agree to show is not in the export. */
  g_assert_null (strstr (csv, "Ada"));
  g_assert_null (strstr (csv, "Mallory"));
  g_assert_true (g_str_has_suffix (lines[2], "\"'=HYPERLINK(\"\"http://x\"\")\""));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/studio/question-filter/block-words-match-whole-words-in-any-case",
                   test_block_words_match_whole_words_in_any_case);
  g_test_add_func ("/studio/question-filter/links-are-held-but-abbreviations-are-not",
                   test_links_are_held_but_abbreviations_are_not);
  g_test_add_func ("/studio/question-queue/holds-what-the-filter-matches",
                   test_the_queue_holds_what_the_filter_matches);
  g_test_add_func ("/studio/question-queue/a-flood-drops-old-chat-first-and-never-kept-questions",
                   test_a_flood_drops_old_chat_first_and_never_kept_questions);
  g_test_add_func ("/studio/question-queue/a-full-queue-of-kept-questions-drops-the-newcomer",
                   test_a_full_queue_of_kept_questions_drops_the_newcomer);
  g_test_add_func ("/studio/question-queue/a-platform-withdrawal-rejects-a-waiting-question-only",
                   test_a_platform_withdrawal_rejects_a_waiting_question_only);
  g_test_add_func ("/studio/question-credit/names-the-channel-unless-a-name-may-be-shown",
                   test_the_credit_names_the_channel_unless_a_name_may_be_shown);
  g_test_add_func ("/studio/question-export/the-csv-quotes-every-cell-and-defuses-formulas",
                   test_the_csv_quotes_every_cell_and_defuses_formulas);
  return g_test_run ();
}

/* Unit tests for the live chat parsers: studio/chat_page.c (clean text, times, quotes),
 * studio/youtube_chat_page.c and studio/facebook_comments_page.c. The platforms' answers come
 * from tests/fixtures/platforms/ (shaped as the APIs document them) and from bodies built here
 * to be hostile: cut short, wrongly typed, huge, or full of control characters and bad UTF-8.
 * JSON written inline uses ' for " (see `json`) to stay readable. */
#include "studio/facebook_comments_page.h"
#include "studio/youtube_chat_page.h"

#include <string.h>

#define YT_BASE "https://www.googleapis.com"
#define FB_BASE "https://graph.facebook.com"
#define BIG_BODY_BYTES (5 * 1024 * 1024)

typedef void (*ParseFunc) (const char *body, gsize length, long http_status, PlenumChatPage *page);

/* ---- Helpers --------------------------------------------------------------------------------- */

static char *
read_fixture (const char *name, gsize *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "platforms", name,
                                                 NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

/* `text` with every ' turned into ", so JSON reads well in C; (transfer full). */
static char *
json (const char *text)
{
  return g_strdelimit (g_strdup (text), "'", '"');
}

/* Parses `body` (all of it, NUL excluded) into a fresh `page`. */
static void
parse (ParseFunc parse_func, const char *body, long http_status, PlenumChatPage *page)
{
  plenum_chat_page_init (page);
  parse_func (body, strlen (body), http_status, page);
}

static void
parse_json (ParseFunc parse_func, const char *quoted, long http_status, PlenumChatPage *page)
{
  g_autofree char *body = json (quoted);

  parse (parse_func, body, http_status, page);
}

static void
parse_fixture (ParseFunc parse_func, const char *name, long http_status, PlenumChatPage *page)
{
  gsize length;
  g_autofree char *body = read_fixture (name, &length);

  plenum_chat_page_init (page);
  parse_func (body, length, http_status, page);
}

static void
assert_message (const PlenumChatPage *page, guint index, const char *id, const char *author,
                const char *author_id, const char *text, gint64 published_unix_ms)
{
  const PlenumChatMessage *message;

  g_assert_cmpuint (index, <, page->messages->len);
  message = g_ptr_array_index (page->messages, index);
  g_assert_cmpstr (message->id, ==, id);
  g_assert_cmpstr (message->author, ==, author);
  g_assert_cmpstr (message->author_id, ==, author_id);
  g_assert_cmpstr (message->text, ==, text);
  g_assert_cmpint (message->published_unix_ms, ==, published_unix_ms);
}

static const char *
message_text (const PlenumChatPage *page, guint index)
{
  g_assert_cmpuint (index, <, page->messages->len);
  return ((const PlenumChatMessage *) g_ptr_array_index (page->messages, index))->text;
}

static void
assert_verdict (const PlenumChatPage *page, PlenumChatVerdict verdict, const char *reason)
{
  g_assert_cmpint (page->verdict, ==, verdict);
  g_assert_cmpstr (page->reason, ==, reason);
}

static void
assert_empty_page (const PlenumChatPage *page)
{
  g_assert_cmpuint (page->messages->len, ==, 0);
  g_assert_cmpuint (page->deleted_ids->len, ==, 0);
  g_assert_null (page->next_page);
  g_assert_cmpint (page->wait_ms, ==, -1);
  g_assert_false (page->ended);
}

/* What every clean text promises, whatever went in. */
static void
assert_clean (const char *text)
{
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p)) {
    gunichar c = g_utf8_get_char (p);

    g_assert_true (c == '\n' || !(c < 0x20 || (c >= 0x7F && c <= 0x9F)));
    g_assert_false (g_unichar_isspace (c) && p == text);
    g_assert_false (g_unichar_isspace (c) && p[1] == '\0');
    g_assert_false (g_unichar_isspace (c) &&
                    g_unichar_isspace (g_utf8_get_char (g_utf8_next_char (p))));
  }
}

/* ---- Clean text, times and quotes ------------------------------------------------------------ */

static void
test_clean_text_keeps_ordinary_text (void)
{
  g_autofree char *plain = plenum_chat_clean_text ("Grüße aus Köln 👋", -1);

  g_assert_cmpstr (plain, ==, "Grüße aus Köln 👋");
}

static void
test_clean_text_replaces_each_invalid_byte_with_u_fffd (void)
{
  g_autofree char *stray = plenum_chat_clean_text ("a\xff" "b", -1);
  g_autofree char *cut = plenum_chat_clean_text ("ab\xe2\x82", -1);
  g_autofree char *overlong = plenum_chat_clean_text ("\xc0\xaf" "x", -1);
  g_autofree char *surrogate = plenum_chat_clean_text ("\xed\xa0\x80", -1);

  g_assert_cmpstr (stray, ==, "a\xef\xbf\xbd" "b");
  g_assert_cmpstr (cut, ==, "ab\xef\xbf\xbd\xef\xbf\xbd");
  g_assert_cmpstr (overlong, ==, "\xef\xbf\xbd\xef\xbf\xbd" "x");
  g_assert_cmpstr (surrogate, ==, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
}

static void
test_clean_text_turns_control_characters_into_one_space (void)
{
  g_autofree char *c0 = plenum_chat_clean_text ("a\x01\x02" "b\x7f" "c\xc2\x85" "d\x1b[31m", -1);
  g_autofree char *tabs = plenum_chat_clean_text ("a\t\t b\xc2\xa0\xc2\xa0" "c", -1);

  g_assert_cmpstr (c0, ==, "a b c d [31m");
  g_assert_cmpstr (tabs, ==, "a b c");
}

static void
test_clean_text_keeps_a_line_break_as_one_newline (void)
{
  g_autofree char *lines = plenum_chat_clean_text ("line one \r\n\n  line two", -1);

  g_assert_cmpstr (lines, ==, "line one\nline two");
}

static void
test_clean_text_trims_and_leaves_nothing_of_blank_text (void)
{
  g_autofree char *trimmed = plenum_chat_clean_text ("  \n hello \t\x07 ", -1);
  g_autofree char *blank = plenum_chat_clean_text (" \t\n\x01\x7f ", -1);
  g_autofree char *null = plenum_chat_clean_text (NULL, -1);
  g_autofree char *empty = plenum_chat_clean_text ("", -1);

  g_assert_cmpstr (trimmed, ==, "hello");
  g_assert_cmpstr (blank, ==, "");
  g_assert_cmpstr (null, ==, "");
  g_assert_cmpstr (empty, ==, "");
}

static void
test_clean_text_with_a_length_reads_embedded_nuls_as_spaces (void)
{
  g_autofree char *text = plenum_chat_clean_text ("a\0\0b\0", 5);
  g_autofree char *prefix = plenum_chat_clean_text ("abcdef", 3);

  g_assert_cmpstr (text, ==, "a b");
  g_assert_cmpstr (prefix, ==, "abc");
}

static void
test_clean_text_of_random_bytes_is_always_clean (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20240518);

  for (guint round = 0; round < 2000; round++) {
    guint8 bytes[64];
    guint length = g_rand_int_range (rand, 0, sizeof bytes);
    g_autofree char *text = NULL;

    for (guint i = 0; i < length; i++)
      bytes[i] = g_rand_int_range (rand, 0, 256);
    text = plenum_chat_clean_text ((const char *) bytes, length);
    assert_clean (text);
  }
}

static void
test_clean_text_keeps_a_10k_character_text_whole (void)
{
  g_autoptr (GString) long_text = g_string_new (NULL);
  g_autofree char *clean = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append (long_text, i % 100 == 50 ? "\x01" : "é");
  clean = plenum_chat_clean_text (long_text->str, -1);
  assert_clean (clean);
  g_assert_cmpint (g_utf8_strlen (clean, -1), ==, 10000);
  g_assert_true (g_str_has_prefix (clean, "éé"));
  g_assert_cmpint (g_utf8_get_char (g_utf8_offset_to_pointer (clean, 50)), ==, ' ');
}

static void
test_times_read_fractions_offsets_and_facebook_form (void)
{
  g_assert_cmpint (plenum_chat_time_parse ("2024-05-18T14:02:11.512883+00:00"), ==,
                   1716040931512);
  g_assert_cmpint (plenum_chat_time_parse ("2024-05-18T14:02:11Z"), ==, 1716040931000);
  g_assert_cmpint (plenum_chat_time_parse ("2018-08-30T18:47:02+0000"), ==, 1535654822000);
  g_assert_cmpint (plenum_chat_time_parse ("2018-08-30T20:47:02+0200"), ==, 1535654822000);
  g_assert_cmpint (plenum_chat_time_parse ("2018-08-30T13:47:02.250-05:00"), ==,
                   1535654822250);
}

static void
test_times_without_offset_or_unreadable_are_minus_one (void)
{
  g_assert_cmpint (plenum_chat_time_parse ("2018-08-30T18:47:02"), ==, -1);
  g_assert_cmpint (plenum_chat_time_parse ("yesterday"), ==, -1);
  g_assert_cmpint (plenum_chat_time_parse ("2018-13-45T99:47:02Z"), ==, -1);
  g_assert_cmpint (plenum_chat_time_parse (""), ==, -1);
  g_assert_cmpint (plenum_chat_time_parse (NULL), ==, -1);
}

static void
test_quotes_are_one_line_and_at_most_200_characters (void)
{
  g_autofree char *short_quote = plenum_chat_quote ("two\nlines\x07");
  g_autofree char *long_text = g_strnfill (300, 'x');
  g_autofree char *long_quote = plenum_chat_quote (long_text);
  g_autofree char *exact_text = g_strnfill (200, 'y');
  g_autofree char *exact_quote = plenum_chat_quote (exact_text);
  g_autofree char *none = plenum_chat_quote (NULL);

  g_assert_cmpstr (short_quote, ==, "two lines");
  g_assert_cmpint (g_utf8_strlen (long_quote, -1), ==, 200);
  g_assert_true (g_str_has_suffix (long_quote, "x…"));
  g_assert_true (strncmp (long_quote, long_text, 199) == 0);
  g_assert_cmpstr (exact_quote, ==, exact_text);
  g_assert_cmpstr (none, ==, "");
}

static void
test_status_codes_without_a_known_error (void)
{
  g_assert_cmpint (plenum_chat_verdict_for_status (429), ==, PLENUM_CHAT_BACKOFF);
  g_assert_cmpint (plenum_chat_verdict_for_status (408), ==, PLENUM_CHAT_RETRY);
  g_assert_cmpint (plenum_chat_verdict_for_status (500), ==, PLENUM_CHAT_RETRY);
  g_assert_cmpint (plenum_chat_verdict_for_status (503), ==, PLENUM_CHAT_RETRY);
  g_assert_cmpint (plenum_chat_verdict_for_status (400), ==, PLENUM_CHAT_STOP);
  g_assert_cmpint (plenum_chat_verdict_for_status (404), ==, PLENUM_CHAT_STOP);
  g_assert_cmpint (plenum_chat_verdict_for_status (0), ==, PLENUM_CHAT_RETRY);
  g_assert_cmpint (plenum_chat_verdict_for_status (302), ==, PLENUM_CHAT_RETRY);
}

static void
test_a_cleared_page_holds_nothing_and_can_be_cleared_again (void)
{
  PlenumChatPage page;

  plenum_chat_page_init (&page);
  g_assert_true (plenum_chat_page_add_message (&page, "id", "a", "b", "text", 1));
  g_assert_false (plenum_chat_page_add_message (&page, "", "a", "b", "text", 1));
  g_assert_false (plenum_chat_page_add_message (&page, "id\xff", "a", "b", "text", 1));
  g_assert_false (plenum_chat_page_add_message (&page, "id", "a", "b", " \x01 ", 1));
  g_assert_cmpuint (page.messages->len, ==, 1);
  plenum_chat_page_set_verdict (&page, PLENUM_CHAT_STOP, "first %d", 1);
  plenum_chat_page_set_verdict (&page, PLENUM_CHAT_RETRY, "second %s", "reason");
  assert_verdict (&page, PLENUM_CHAT_RETRY, "second reason");
  page.next_page = g_strdup ("token");
  plenum_chat_page_clear (&page);
  g_assert_null (page.messages);
  g_assert_null (page.deleted_ids);
  g_assert_null (page.next_page);
  g_assert_null (page.reason);
  g_assert_cmpint (page.verdict, ==, PLENUM_CHAT_CONTINUE);
  plenum_chat_page_clear (&page);
}

/* ---- YouTube: pages -------------------------------------------------------------------------- */

static void
test_youtube_page_gives_text_messages_and_super_chats (void)
{
  PlenumChatPage page;

  parse_fixture (plenum_youtube_chat_parse, "yt_chat_list.json", 200, &page);
  assert_verdict (&page, PLENUM_CHAT_CONTINUE, NULL);
  g_assert_false (page.ended);
  g_assert_cmpstr (page.next_page, ==, "GO3Rv6iPkYcDILu_lNuRkYcD");
  g_assert_cmpint (page.wait_ms, ==, 4868);
  g_assert_cmpuint (page.messages->len, ==, 2);
  g_assert_cmpuint (page.deleted_ids->len, ==, 0);
  assert_message (&page, 0,
                  "LCC.CjgKDQoLblpWbmdyYnMyeXcqJwoYVUN4a0FsZW5xTmN0dFZUckc1dnh1ZzFREgtuWlZuZ3JiczJ5dxI",
                  "Ada Lovelace", "UCa1b2c3d4e5f6g7h8i9j0kL",
                  "Q: will the slides be shared after the talk?", 1716040931512);
  assert_message (&page, 1, "LCC.CjkKGkNKLVp2b2lQa1ljREZSRUZ3Z1FkSkRzQXRn", "Grace Hopper",
                  "UCz9y8x7w6v5u4t3s2r1q0pO", "How do you handle retries?", 1716040935004);
  plenum_chat_page_clear (&page);
}

static void
test_youtube_chat_ended_event_stops_as_ended (void)
{
  PlenumChatPage page;

  parse_fixture (plenum_youtube_chat_parse, "yt_chat_offline.json", 200, &page);
  assert_verdict (&page, PLENUM_CHAT_STOP, "YouTube: the live chat has ended (chatEndedEvent)");
  g_assert_true (page.ended);
  g_assert_cmpuint (page.messages->len, ==, 0);
  g_assert_cmpstr (page.next_page, ==, "GNDf9tqQkYcDIPjm6NuRkYcD");
  g_assert_cmpint (page.wait_ms, ==, 5000);
  plenum_chat_page_clear (&page);
}

static void
test_youtube_messages_before_the_end_are_kept_and_after_it_dropped (void)
{
  PlenumChatPage page;

  parse_json (plenum_youtube_chat_parse,
              "{'items': ["
              "{'id': 'm1', 'snippet': {'type': 'textMessageEvent', 'displayMessage': 'bye'}},"
              "{'id': 'end', 'snippet': {'type': 'chatEndedEvent'}},"
              "{'id': 'm2', 'snippet': {'type': 'textMessageEvent', 'displayMessage': 'late'}}]}",
              200, &page);
  assert_verdict (&page, PLENUM_CHAT_STOP, "YouTube: the live chat has ended (chatEndedEvent)");
  g_assert_true (page.ended);
  g_assert_cmpuint (page.messages->len, ==, 1);
  assert_message (&page, 0, "m1", NULL, NULL, "bye", -1);
  plenum_chat_page_clear (&page);
}

static void
test_youtube_offline_at_stops_as_ended_after_the_page (void)
{
  PlenumChatPage page;

  parse_json (plenum_youtube_chat_parse,
              "{'offlineAt': '2024-05-18T15:30:02.000Z', 'nextPageToken': 'T',"
              " 'items': [{'id': 'm1', 'snippet': {'type': 'textMessageEvent',"
              " 'textMessageDetails': {'messageText': 'last words'}}}]}",
              200, &page);
  assert_verdict (&page, PLENUM_CHAT_STOP,
                  "YouTube: the live chat has ended (the broadcast went offline)");
  g_assert_true (page.ended);
  assert_message (&page, 0, "m1", NULL, NULL, "last words", -1);
  g_assert_cmpstr (page.next_page, ==, "T");
  plenum_chat_page_clear (&page);
}

static void
test_youtube_deleted_messages_are_listed (void)
{
  PlenumChatPage page;

  parse_json (plenum_youtube_chat_parse,
              "{'items': ["
              "{'id': 'd1', 'snippet': {'type': 'messageDeletedEvent',"
              " 'messageDeletedDetails': {'deletedMessageId': 'LCC.gone1'}}},"
              "{'id': 'd2', 'snippet': {'type': 'messageDeletedEvent'}},"
              "{'id': 'd3', 'snippet': {'type': 'messageDeletedEvent',"
              " 'messageDeletedDetails': {'deletedMessageId': 7}}},"
              "{'id': 'd4', 'snippet': {'type': 'messageDeletedEvent',"
              " 'messageDeletedDetails': {'deletedMessageId': 'LCC.gone2'}}}]}",
              200, &page);
  assert_verdict (&page, PLENUM_CHAT_CONTINUE, NULL);
  g_assert_cmpuint (page.messages->len, ==, 0);
  g_assert_cmpuint (page.deleted_ids->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (page.deleted_ids, 0), ==, "LCC.gone1");
  g_assert_cmpstr (g_ptr_array_index (page.deleted_ids, 1), ==, "LCC.gone2");
  plenum_chat_page_clear (&page);
}

static void
test_youtube_other_events_and_super_chats_without_comment_are_skipped (void)
{
  PlenumChatPage page;

  parse_json (plenum_youtube_chat_parse,
              "{'items': ["
              "{'id': 's1', 'snippet': {'type': 'superChatEvent', 'displayMessage': '$5 from X',"
              " 'superChatDetails': {'amountMicros': '5000000'}}},"
              "{'id': 's2', 'snippet': {'type': 'superChatEvent',"
              " 'superChatDetails': {'userComment': '   '}}},"
              "{'id': 'b1', 'snippet': {'type': 'userBannedEvent', 'displayMessage': 'X banned'}},"
              "{'id': 'n1', 'snippet': {'type': 'newSponsorEvent', 'displayMessage': 'Welcome'}},"
              "{'id': 't1', 'snippet': {'type': 'superStickerEvent', 'displayMessage': 'sticker'}},"
              "{'id': 'ok', 'snippet': {'type': 'textMessageEvent', 'displayMessage': 'kept'}}]}",
              200, &page);
  assert_verdict (&page, PLENUM_CHAT_CONTINUE, NULL);
  g_assert_cmpuint (page.messages->len, ==, 1);
  assert_message (&page, 0, "ok", NULL, NULL, "kept", -1);
  plenum_chat_page_clear (&page);
}

static void
test_youtube_text_falls_back_to_display_message_and_author_id_to_snippet (void)
{
  PlenumChatPage page;

  parse_json (plenum_youtube_chat_parse,
              "{'items': ["
              "{'id': 'a', 'snippet': {'type': 'textMessageEvent', 'authorChannelId': 'UCsnip',"
              " 'displayMessage': 'from display', 'textMessageDetails': {'messageText': ''}},"
              " 'authorDetails': {'displayName': 'Bob'}},"
              "{'id': 'b', 'snippet': {'type': 'textMessageEvent', 'authorChannelId': 'UCsnip',"
              " 'displayMessage': 'not this', 'textMessageDetails': {'messageText': 'this'}},"
              " 'authorDetails': {'channelId': 'UCauthor', 'displayName': ' \\u0007 '}},"
              "{'id': 'c', 'snippet': {'type': 'textMessageEvent', 'displayMessage': '  '}}]}",
              200, &page);
  g_assert_cmpuint (page.messages->len, ==, 2);
  assert_message (&page, 0, "a", "Bob", "UCsnip", "from display", -1);
  assert_message (&page, 1, "b", NULL, "UCauthor", "this", -1);
  plenum_chat_page_clear (&page);
}

static void
test_youtube_hostile_text_is_cleaned (void)
{
  g_autoptr (GString) body = g_string_new (NULL);
  g_autofree char *ten_k = g_strnfill (10000, 'z');
  PlenumChatPage page;

  g_string_append (body, "{\"items\": ["
                         "{\"id\": \"c\", \"snippet\": {\"type\": \"textMessageEvent\","
                         " \"displayMessage\": \"a\\u0000b\"}},"
                         "{\"id\": \"ctl\", \"snippet\": {\"type\": \"textMessageEvent\","
                         " \"displayMessage\": \"\\u001b[2J\\tbell\\u0007\\u0085 \\r\\nnext\"}},"
                         "{\"id\": \"bad\", \"snippet\": {\"type\": \"textMessageEvent\","
                         " \"displayMessage\": \"ok\xff\xfe\xc3\"}},"
                         "{\"id\": \"long\", \"snippet\": {\"type\": \"textMessageEvent\","
                         " \"displayMessage\": \"");
  g_string_append (body, ten_k);
  g_string_append (body, "\"}}]}");
  parse (plenum_youtube_chat_parse, body->str, 200, &page);
  assert_verdict (&page, PLENUM_CHAT_CONTINUE, NULL);
  g_assert_cmpuint (page.messages->len, ==, 4);
  /* cJSON ends a string at an escaped NUL: what comes after it is lost, never misread. */
  g_assert_cmpstr (message_text (&page, 0), ==, "a");
  g_assert_cmpstr (message_text (&page, 1), ==, "[2J bell\nnext");
  g_assert_cmpstr (message_text (&page, 2), ==, "ok\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
  g_assert_cmpstr (message_text (&page, 3), ==, ten_k);
  for (guint i = 0; i < page.messages->len; i++)
    assert_clean (message_text (&page, i));
  plenum_chat_page_clear (&page);
}

static void
test_youtube_polling_interval_is_read_tolerantly_and_clamped (void)
{
  static const struct {
    const char *value;
    gint64 wait_ms;
  } cases[] = {
    { "4868", 4868 },          { "'4868'", 4868 },      { "' 5000 '", 5000 },
    { "2500.7", 2500 },        { "'1e3'", 1000 },       { "-5", 0 },
    { "'-100'", 0 },           { "1e12", 600000 },      { "'99999999999999999999'", 600000 },
    { "600000", 600000 },      { "0", 0 },              { "'abc'", -1 },
    { "'12abc'", -1 },         { "''", -1 },            { "null", -1 },
    { "{}", -1 },              { "[5000]", -1 },        { "true", -1 },
    { "'1e400'", -1 },         { "'nan'", -1 },         { "'inf'", -1 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *quoted = g_strdup_printf ("{'items': [], 'pollingIntervalMillis': %s}",
                                               cases[i].value);
    PlenumChatPage page;

    parse_json (plenum_youtube_chat_parse, quoted, 200, &page);
    g_test_message ("pollingIntervalMillis %s", cases[i].value);
    assert_verdict (&page, PLENUM_CHAT_CONTINUE, NULL);
    g_assert_cmpint (page.wait_ms, ==, cases[i].wait_ms);
    plenum_chat_page_clear (&page);
  }
}

/* A body that is not a JSON object, whatever else it is, is unreadable: retry. */
static void
test_youtube_body_that_is_no_object_is_retried (void)
{
  static const char *const bodies[] = {
    "", "[]", "\"items\"", "42", "null", "true", "<html>502 Bad Gateway</html>", "{", "{'items':",
    "\xff\xfe{}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bodies); i++) {
    g_autofree char *body = json (bodies[i]);
    g_autofree char *reason = g_strdup_printf ("YouTube: the answer is not a JSON object "
                                               "(HTTP 200, %" G_GSIZE_FORMAT " bytes)", strlen (body));
    PlenumChatPage page;

    parse (plenum_youtube_chat_parse, body, 200, &page);
    assert_verdict (&page, PLENUM_CHAT_RETRY, reason);
    assert_empty_page (&page);
    plenum_chat_page_clear (&page);
  }
}

static void
test_youtube_items_of_the_wrong_type_are_retried_or_empty (void)
{
  static const struct {
    const char *body;
    PlenumChatVerdict verdict;
  } cases[] = {
    { "{'items': 'abc'}", PLENUM_CHAT_RETRY },
    { "{'items': {'id': 'x'}}", PLENUM_CHAT_RETRY },
    { "{'items': 5}", PLENUM_CHAT_RETRY },
    { "{'items': null}", PLENUM_CHAT_CONTINUE },
    { "{}", PLENUM_CHAT_CONTINUE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    PlenumChatPage page;

    parse_json (plenum_youtube_chat_parse, cases[i].body, 200, &page);
    assert_verdict (&page, cases[i].verdict,
                    cases[i].verdict == PLENUM_CHAT_RETRY
                      ? "YouTube: the chat page's \"items\" is not a list" : NULL);
    assert_empty_page (&page);
    plenum_chat_page_clear (&page);
  }
}

static void
test_youtube_wrongly_typed_items_are_skipped_and_the_rest_kept (void)
{
  PlenumChatPage page;

  parse_json (plenum_youtube_chat_parse,
              "{'nextPageToken': 123, 'offlineAt': 5, 'items': ["
              "1, 'text', null, [], true, {}, {'snippet': 'textMessageEvent'},"
              "{'id': 'n', 'snippet': {'type': 5, 'displayMessage': 'no type'}},"
              "{'id': 5, 'snippet': {'type': 'textMessageEvent', 'displayMessage': 'numeric id'}},"
              "{'id': {}, 'snippet': {'type': 'textMessageEvent', 'displayMessage': 'object id'}},"
              "{'id': 'x', 'snippet': {'type': 'textMessageEvent', 'displayMessage': ['a']}},"
              "{'id': 'y', 'snippet': {'type': 'textMessageEvent', 'displayMessage': 7,"
              " 'textMessageDetails': 'hello'}},"
              "{'id': 'good', 'snippet': {'type': 'textMessageEvent', 'publishedAt': 12345,"
              " 'authorChannelId': 9, 'textMessageDetails': {'messageText': 12},"
              " 'displayMessage': 'fallback'}, 'authorDetails': 'Ada'},"
              "{'id': 'good2', 'snippet': {'type': 'textMessageEvent', 'publishedAt': 'soon',"
              " 'displayMessage': 'second'}, 'authorDetails': {'displayName': ['Ada'],"
              " 'channelId': {'id': 'x'}}}]}",
              200, &page);
  assert_verdict (&page, PLENUM_CHAT_CONTINUE, NULL);
  g_assert_null (page.next_page);
  g_assert_false (page.ended);
  g_assert_cmpuint (page.messages->len, ==, 2);
  assert_message (&page, 0, "good", NULL, NULL, "fallback", -1);
  assert_message (&page, 1, "good2", NULL, NULL, "second", -1);
  plenum_chat_page_clear (&page);
}

static void
test_youtube_null_everywhere_is_an_empty_page (void)
{
  PlenumChatPage page;

  parse_json (plenum_youtube_chat_parse,
              "{'error': null, 'kind': null, 'nextPageToken': null, 'pollingIntervalMillis': null,"
              " 'offlineAt': null, 'pageInfo': null, 'items': [null, {'id': null, 'snippet': null,"
              " 'authorDetails': null}, {'id': 'i', 'snippet': {'type': null}},"
              " {'id': 'j', 'snippet': {'type': 'textMessageEvent', 'displayMessage': null,"
              " 'textMessageDetails': null, 'publishedAt': null}}]}",
              200, &page);
  assert_verdict (&page, PLENUM_CHAT_CONTINUE, NULL);
  assert_empty_page (&page);
  plenum_chat_page_clear (&page);
}

/* Every cut of a good page is either the whole object or no object at all. */
static void
check_every_truncation (ParseFunc parse_func, const char *fixture, const char *platform,
                        guint full_messages)
{
  gsize length;
  g_autofree char *body = read_fixture (fixture, &length);
  gsize object_end = strrchr (body, '}') - body + 1;

  for (gsize cut = 0; cut <= length; cut++) {
    /* A copy of exactly `cut` bytes, so that AddressSanitizer sees any read past the end. */
    g_autofree char *prefix = g_memdup2 (body, cut);
    PlenumChatPage page;

    plenum_chat_page_init (&page);
    parse_func (prefix, cut, 200, &page);
    if (cut >= object_end) {
      assert_verdict (&page, PLENUM_CHAT_CONTINUE, NULL);
      g_assert_cmpuint (page.messages->len, ==, full_messages);
    } else {
      g_autofree char *reason = g_strdup_printf ("%s: the answer is not a JSON object "
                                                 "(HTTP 200, %" G_GSIZE_FORMAT " bytes)", platform, cut);
      assert_verdict (&page, PLENUM_CHAT_RETRY, reason);
      assert_empty_page (&page);
    }
    plenum_chat_page_clear (&page);
  }
}

static void
test_youtube_page_cut_at_every_byte_is_retried (void)
{
  check_every_truncation (plenum_youtube_chat_parse, "yt_chat_list.json", "YouTube", 2);
}

/* A page of messages, *count of them, whose JSON is at least BIG_BODY_BYTES long. */
static GString *
big_youtube_page (guint *count)
{
  GString *body = g_string_new ("{\"pollingIntervalMillis\": 1000, \"items\": [");

  for (*count = 0; body->len < BIG_BODY_BYTES; (*count)++)
    g_string_append_printf (body, "%s{\"id\": \"m%u\", \"snippet\": {\"type\": "
                            "\"textMessageEvent\", \"publishedAt\": \"2024-05-18T14:02:11Z\", "
                            "\"textMessageDetails\": {\"messageText\": \"message number %u, "
                            "padded to be a realistic length for a chat line of a viewer\"}}, "
                            "\"authorDetails\": {\"displayName\": \"Viewer %u\"}}",
                            *count == 0 ? "" : ",", *count, *count, *count % 97);
  g_string_append (body, "]}");
  return body;
}

static void
test_youtube_5_mb_page_is_read_whole (void)
{
  guint count = 0;
  g_autoptr (GString) body = big_youtube_page (&count);
  g_autofree char *last_id = g_strdup_printf ("m%u", count - 1);
  g_autofree char *last_text = g_strdup_printf ("message number %u, padded to be a realistic "
                                                "length for a chat line of a viewer", count - 1);
  g_autofree char *last_author = g_strdup_printf ("Viewer %u", (count - 1) % 97);
  PlenumChatPage page;

  g_assert_cmpuint (body->len, >=, BIG_BODY_BYTES);
  plenum_chat_page_init (&page);
  plenum_youtube_chat_parse (body->str, body->len, 200, &page);
  assert_verdict (&page, PLENUM_CHAT_CONTINUE, NULL);
  g_assert_cmpuint (page.messages->len, ==, count);
  assert_message (&page, 0, "m0", "Viewer 0", NULL,
                  "message number 0, padded to be a realistic length for a chat line of a viewer",
                  1716040931000);
  assert_message (&page, count - 1, last_id, last_author, NULL, last_text, 1716040931000);
  plenum_chat_page_clear (&page);
}

static void
test_youtube_5_mb_of_garbage_is_retried (void)
{
  g_autoptr (GString) string = g_string_new ("\"");
  g_autofree char *unclosed = g_strnfill (BIG_BODY_BYTES, '{');
  PlenumChatPage page;

  while (string->len < BIG_BODY_BYTES)
    g_string_append (string, "garbage \\u00e9 ");
  g_string_append_c (string, '"');
  plenum_chat_page_init (&page);
  plenum_youtube_chat_parse (string->str, string->len, 200, &page);
  g_assert_cmpint (page.verdict, ==, PLENUM_CHAT_RETRY);
  assert_empty_page (&page);
  plenum_chat_page_clear (&page);

  /* Nested past cJSON's limit: refused, not a stack overflow. */
  plenum_chat_page_init (&page);
  plenum_youtube_chat_parse (unclosed, BIG_BODY_BYTES, 200, &page);
  g_assert_cmpint (page.verdict, ==, PLENUM_CHAT_RETRY);
  plenum_chat_page_clear (&page);
}

/* ---- YouTube: errors ------------------------------------------------------------------------- */

static void
test_youtube_error_fixtures_have_their_verdicts (void)
{
  static const struct {
    const char *fixture;
    long status;
    PlenumChatVerdict verdict;
    gboolean ended;
    const char *reason;
  } cases[] = {
    { "yt_err_ended.json", 403, PLENUM_CHAT_STOP, TRUE,
      "YouTube: the live chat has ended (liveChatEnded)" },
    { "yt_err_notfound.json", 404, PLENUM_CHAT_STOP, FALSE,
      "YouTube: the live chat was not found; check the live chat id (liveChatNotFound)" },
    { "yt_err_quota.json", 403, PLENUM_CHAT_STOP, FALSE,
      "YouTube: the daily API quota is used up; it resets at midnight Pacific time "
      "(quotaExceeded)" },
    { "yt_err_rate.json", 403, PLENUM_CHAT_BACKOFF, FALSE,
      "YouTube: asked for the chat too soon after the previous request (rateLimitExceeded)" },
    /* The same bodies behind a 200: the error still counts. */
    { "yt_err_ended.json", 200, PLENUM_CHAT_STOP, TRUE,
      "YouTube: the live chat has ended (liveChatEnded)" },
    { "yt_err_rate.json", 200, PLENUM_CHAT_BACKOFF, FALSE,
      "YouTube: asked for the chat too soon after the previous request (rateLimitExceeded)" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    PlenumChatPage page;

    parse_fixture (plenum_youtube_chat_parse, cases[i].fixture, cases[i].status, &page);
    assert_verdict (&page, cases[i].verdict, cases[i].reason);
    g_assert_cmpint (page.ended, ==, cases[i].ended);
    g_assert_cmpuint (page.messages->len, ==, 0);
    plenum_chat_page_clear (&page);
  }
}

static void
test_youtube_errors_by_reason (void)
{
  static const struct {
    const char *reason;
    long status;
    PlenumChatVerdict verdict;
    const char *sentence;
  } cases[] = {
    { "liveChatDisabled", 403, PLENUM_CHAT_STOP,
      "YouTube: the live chat is disabled for this broadcast (liveChatDisabled)" },
    { "forbidden", 403, PLENUM_CHAT_STOP,
      "YouTube: this account may not read the live chat (forbidden)" },
    { "insufficientPermissions", 403, PLENUM_CHAT_STOP,
      "YouTube: the OAuth token lacks the scope to read the live chat "
      "(insufficientPermissions)" },
    { "authError", 401, PLENUM_CHAT_STOP,
      "YouTube: the credentials were refused: the OAuth token is invalid or expired "
      "(authError)" },
    { "userRateLimitExceeded", 403, PLENUM_CHAT_BACKOFF,
      "YouTube: too many requests for this user (userRateLimitExceeded)" },
    { "dailyLimitExceeded", 403, PLENUM_CHAT_STOP,
      "YouTube: the daily API quota is used up; it resets at midnight Pacific time "
      "(dailyLimitExceeded)" },
    { "keyInvalid", 400, PLENUM_CHAT_STOP, "YouTube: the API key is not valid (keyInvalid)" },
    { "backendError", 500, PLENUM_CHAT_RETRY,
      "YouTube: YouTube had an internal error (backendError)" },
    /* An unknown reason: the HTTP status decides and YouTube's words are quoted. */
    { "invalidPageToken", 400, PLENUM_CHAT_STOP,
      "YouTube: the request failed with HTTP 400 (invalidPageToken): Details here" },
    { "somethingNew", 503, PLENUM_CHAT_RETRY,
      "YouTube: the request failed with HTTP 503 (somethingNew): Details here" },
    { "somethingNew", 429, PLENUM_CHAT_BACKOFF,
      "YouTube: the request failed with HTTP 429 (somethingNew): Details here" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *quoted = g_strdup_printf (
        "{'error': {'code': %ld, 'message': 'Details\\nhere', 'errors': [{'reason': 'other'},"
        " {'reason': '%s', 'domain': 'youtube.liveChat'}]}}",
        cases[i].status, cases[i].reason);
    PlenumChatPage page;

    parse_json (plenum_youtube_chat_parse, quoted, cases[i].status, &page);
    if (g_str_has_prefix (cases[i].sentence, "YouTube: the request failed")) {
      /* The first reason given is quoted when none is known. */
      g_autofree char *expected = NULL;
      g_auto (GStrv) parts = g_strsplit (cases[i].sentence, cases[i].reason, 2);

      expected = g_strjoinv ("other", parts);
      assert_verdict (&page, cases[i].verdict, expected);
    } else {
      assert_verdict (&page, cases[i].verdict, cases[i].sentence);
    }
    g_assert_false (page.ended);
    plenum_chat_page_clear (&page);
  }
}

static void
test_youtube_http_status_alone_decides_without_an_error_body (void)
{
  static const struct {
    long status;
    const char *body;
    PlenumChatVerdict verdict;
    const char *reason;
  } cases[] = {
    { 500, "", PLENUM_CHAT_RETRY, "YouTube: the request failed with HTTP 500" },
    { 502, "<html>Bad Gateway</html>", PLENUM_CHAT_RETRY,
      "YouTube: the request failed with HTTP 502" },
    { 503, "{'items': []}", PLENUM_CHAT_RETRY, "YouTube: the request failed with HTTP 503" },
    { 429, "", PLENUM_CHAT_BACKOFF, "YouTube: the request failed with HTTP 429" },
    { 408, "", PLENUM_CHAT_RETRY, "YouTube: the request failed with HTTP 408" },
    { 404, "Not Found", PLENUM_CHAT_STOP, "YouTube: the request failed with HTTP 404" },
    { 401, "", PLENUM_CHAT_STOP,
      "YouTube: the credentials were refused: the OAuth token is invalid or expired "
      "(HTTP 401)" },
    { 401, "{'error': {'code': 401, 'message': 'Request had invalid authentication "
           "credentials.', 'status': 'UNAUTHENTICATED'}}", PLENUM_CHAT_STOP,
      "YouTube: the credentials were refused: the OAuth token is invalid or expired "
      "(HTTP 401)" },
    { 400, "{'error': 'invalid_grant', 'error_description': 'Bad Request'}", PLENUM_CHAT_STOP,
      "YouTube: the request failed with HTTP 400 (invalid_grant)" },
    { 200, "{'error': 5}", PLENUM_CHAT_RETRY, "YouTube: the request failed with HTTP 200" },
    { 200, "{'error': {'code': '503', 'message': 'later'}}", PLENUM_CHAT_RETRY,
      "YouTube: the request failed with HTTP 503: later" },
    { 0, "", PLENUM_CHAT_RETRY, "YouTube: the request failed with HTTP 0" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    PlenumChatPage page;

    parse_json (plenum_youtube_chat_parse, cases[i].body, cases[i].status, &page);
    assert_verdict (&page, cases[i].verdict, cases[i].reason);
    assert_empty_page (&page);
    plenum_chat_page_clear (&page);
  }
}

static void
test_youtube_long_error_messages_are_cut_to_200_characters (void)
{
  g_autofree char *words = g_strnfill (1000, 'w');
  g_autofree char *quoted = g_strdup_printf ("{'error': {'code': 400, 'message': '%s',"
                                             " 'errors': [{'reason': 'badRequest'}]}}", words);
  const char *prefix = "YouTube: the request failed with HTTP 400 (badRequest): ";
  PlenumChatPage page;

  parse_json (plenum_youtube_chat_parse, quoted, 400, &page);
  g_assert_cmpint (page.verdict, ==, PLENUM_CHAT_STOP);
  g_assert_true (g_str_has_prefix (page.reason, prefix));
  g_assert_cmpint (g_utf8_strlen (page.reason + strlen (prefix), -1), ==, 200);
  g_assert_true (g_str_has_suffix (page.reason, "w…"));
  plenum_chat_page_clear (&page);
}

/* ---- YouTube: the live chat of a video ------------------------------------------------------- */

static void
test_youtube_active_chat_id_is_read_from_a_live_video (void)
{
  gsize length;
  g_autofree char *body = read_fixture ("yt_videos_list_live.json", &length);
  static char untouched[] = "untouched";
  char *reason = untouched; /* must be set to NULL: an out-parameter, not freed */
  g_autofree char *chat_id = plenum_youtube_active_chat_id_parse (body, length, 200, &reason);
  g_autofree char *again = plenum_youtube_active_chat_id_parse (body, length, 200, NULL);

  g_assert_cmpstr (chat_id, ==,
                   "Cg0KC25aVm5ncmJzMnl3KicKGFVDeGtBbGVucU5jdHRWVHJHNXZ4dWcxURILblpWbmdyYnMyeXc");
  g_assert_null (reason);
  g_assert_cmpstr (again, ==, chat_id);
}

static void
test_youtube_video_without_chat_gives_a_reason (void)
{
  static const struct {
    const char *body;
    long status;
    const char *reason;
  } cases[] = {
    { "{'items': [{'id': 'nZVngrbs2yw', 'liveStreamingDetails': {'actualEndTime': "
      "'2020-04-10T12:00:00Z'}}]}", 200,
      "YouTube: video nZVngrbs2yw has no active live chat (not live, or chat disabled)" },
    { "{'items': [{'id': 'abc', 'liveStreamingDetails': {'activeLiveChatId': 5}}]}", 200,
      "YouTube: video abc has no active live chat (not live, or chat disabled)" },
    { "{'items': [{'kind': 'youtube#video'}]}", 200,
      "YouTube: video (without id) has no active live chat (not live, or chat disabled)" },
    { "{'items': []}", 200,
      "YouTube: the video was not found (videos.list returned no such video)" },
    { "{'items': {'activeLiveChatId': 'x'}}", 200,
      "YouTube: the video was not found (videos.list returned no such video)" },
    { "{'items': ['x']}", 200,
      "YouTube: the video was not found (videos.list returned no such video)" },
    { "[]", 200, "YouTube: the answer is not a JSON object (HTTP 200, 2 bytes)" },
    { "", 500, "YouTube: the request failed with HTTP 500" },
    { "{'error': {'code': 403, 'errors': [{'reason': 'quotaExceeded'}]}}", 403,
      "YouTube: the daily API quota is used up; it resets at midnight Pacific time "
      "(quotaExceeded)" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *body = json (cases[i].body);
    g_autofree char *reason = NULL;
    g_autofree char *chat_id = plenum_youtube_active_chat_id_parse (body, strlen (body),
                                                                    cases[i].status, &reason);

    g_assert_null (chat_id);
    g_assert_cmpstr (reason, ==, cases[i].reason);
  }
}

static void
test_youtube_videos_answer_cut_at_every_byte_gives_no_chat (void)
{
  gsize length;
  g_autofree char *body = read_fixture ("yt_videos_list_live.json", &length);
  gsize object_end = strrchr (body, '}') - body + 1;

  for (gsize cut = 0; cut < object_end; cut++) {
    g_autofree char *prefix = g_memdup2 (body, cut);
    g_autofree char *reason = NULL;
    g_autofree char *chat_id = plenum_youtube_active_chat_id_parse (prefix, cut, 200, &reason);

    g_assert_null (chat_id);
    g_assert_true (g_str_has_prefix (reason, "YouTube: the answer is not a JSON object"));
  }
}

/* ---- YouTube: URLs --------------------------------------------------------------------------- */

static void
test_youtube_chat_url_has_every_parameter_escaped (void)
{
  g_autofree char *first = plenum_youtube_chat_url (YT_BASE, "Cg0KC25a", NULL, NULL, 200);
  g_autofree char *next = plenum_youtube_chat_url (YT_BASE "//", "chat/id+1", "a b&c=d/é?#",
                                                   "k&y=1", 2000);
  g_autofree char *empty = plenum_youtube_chat_url (YT_BASE "/", "x", "", "", 500);

  g_assert_cmpstr (first, ==, YT_BASE "/youtube/v3/liveChat/messages?liveChatId=Cg0KC25a"
                              "&part=snippet,authorDetails&maxResults=200");
  g_assert_cmpstr (next, ==, YT_BASE "/youtube/v3/liveChat/messages?liveChatId=chat%2Fid%2B1"
                             "&part=snippet,authorDetails&maxResults=2000"
                             "&pageToken=a%20b%26c%3Dd%2F%C3%A9%3F%23&key=k%26y%3D1");
  g_assert_cmpstr (empty, ==, YT_BASE "/youtube/v3/liveChat/messages?liveChatId=x"
                              "&part=snippet,authorDetails&maxResults=500");
}

static void
test_youtube_videos_url_has_the_id_escaped (void)
{
  g_autofree char *plain = plenum_youtube_videos_url (YT_BASE, "nZVngrbs2yw", NULL);
  g_autofree char *keyed = plenum_youtube_videos_url ("http://127.0.0.1:8080/", "a&b c",
                                                      "AIza/key");

  g_assert_cmpstr (plain, ==, YT_BASE "/youtube/v3/videos?part=liveStreamingDetails"
                              "&id=nZVngrbs2yw");
  g_assert_cmpstr (keyed, ==, "http://127.0.0.1:8080/youtube/v3/videos?part=liveStreamingDetails"
                              "&id=a%26b%20c&key=AIza%2Fkey");
}

/* ---- Facebook: pages ------------------------------------------------------------------------- */

static void
test_facebook_page_gives_comments_and_the_after_cursor (void)
{
  PlenumChatPage page;

  parse_fixture (plenum_facebook_comments_parse, "fb_comments.json", 200, &page);
  assert_verdict (&page, PLENUM_CHAT_CONTINUE, NULL);
  g_assert_cmpstr (page.next_page, ==,
                   "QVFIUkJ0eWdqX3FNSUZA3WXJVZAHc2aUc3bW9JUHRHV1pFZAlhVOFNYMFkwb3dtZAm1sZAnFHQ2FUWjd5bnRJdUFvZAFZAv");
  g_assert_cmpint (page.wait_ms, ==, -1);
  g_assert_false (page.ended);
  g_assert_cmpuint (page.messages->len, ==, 2);
  g_assert_cmpuint (page.deleted_ids->len, ==, 0);
  assert_message (&page, 0, "912390185605127_912392082271604", "Steph C.", "552524095105158",
                  "This is such a great live stream.", 1535654822000);
  assert_message (&page, 1, "912390185605127_912392118938267", "Joe Commenter",
                  "126577551217199", "Question: is there a replay?", 1535654829000);
  plenum_chat_page_clear (&page);
}

static void
test_facebook_empty_page_keeps_the_previous_cursor (void)
{
  PlenumChatPage page;

  parse_fixture (plenum_facebook_comments_parse, "fb_comments_empty.json", 200, &page);
  assert_verdict (&page, PLENUM_CHAT_CONTINUE, NULL);
  assert_empty_page (&page);
  plenum_chat_page_clear (&page);
}

static void
test_facebook_comments_without_from_id_or_message (void)
{
  PlenumChatPage page;

  parse_json (plenum_facebook_comments_parse,
              "{'data': ["
              "{'id': 'c1', 'message': 'anonymous', 'created_time': '2018-08-30T18:47:02+0000'},"
              "{'id': 'c2', 'message': 'named only', 'from': {'name': 'Kim'}},"
              "{'id': 'c3', 'message': 'odd from', 'from': 'Kim', 'created_time': 'now'},"
              "{'id': 'c4', 'message': '', 'from': {'name': 'Kim', 'id': '1'}},"
              "{'id': 'c5', 'message': ' \\u0007\\n ', 'from': {'name': 'Kim', 'id': '1'}},"
              "{'id': 'c6', 'from': {'name': 'Kim', 'id': '1'}},"
              "{'message': 'no id', 'from': {'name': 'Kim', 'id': '1'}},"
              "{'id': '', 'message': 'empty id'},"
              "{'id': 'c7', 'message': 7},"
              "{'id': 'c8', 'message': 'number from', 'from': {'name': 5, 'id': 6},"
              " 'created_time': '2018-08-30T18:47:02'}]}",
              200, &page);
  assert_verdict (&page, PLENUM_CHAT_CONTINUE, NULL);
  g_assert_cmpuint (page.messages->len, ==, 4);
  assert_message (&page, 0, "c1", NULL, NULL, "anonymous", 1535654822000);
  assert_message (&page, 1, "c2", "Kim", NULL, "named only", -1);
  assert_message (&page, 2, "c3", NULL, NULL, "odd from", -1);
  assert_message (&page, 3, "c8", NULL, NULL, "number from", -1);
  plenum_chat_page_clear (&page);
}

static void
test_facebook_hostile_text_is_cleaned (void)
{
  g_autoptr (GString) body = g_string_new (NULL);
  g_autofree char *ten_k = g_strnfill (10000, 'q');
  PlenumChatPage page;

  g_string_append (body, "{\"data\": ["
                         "{\"id\": \"a\", \"message\": \"\\u0001hi\\u0002  there\\u009b\","
                         " \"from\": {\"name\": \"\\u202eEve\\u0000hidden\", \"id\": \"1\"}},"
                         "{\"id\": \"b\", \"message\": \"caf\xe9 \xf0\x9f\x98\"},"
                         "{\"id\": \"c\", \"message\": \"");
  g_string_append (body, ten_k);
  g_string_append (body, "\"}]}");
  parse (plenum_facebook_comments_parse, body->str, 200, &page);
  g_assert_cmpuint (page.messages->len, ==, 3);
  assert_message (&page, 0, "a", "\xe2\x80\xae" "Eve", "1", "hi there", -1);
  g_assert_cmpstr (message_text (&page, 1), ==, "caf\xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd"
                                                "\xef\xbf\xbd");
  g_assert_cmpstr (message_text (&page, 2), ==, ten_k);
  for (guint i = 0; i < page.messages->len; i++)
    assert_clean (message_text (&page, i));
  plenum_chat_page_clear (&page);
}

static void
test_facebook_wrong_types_are_retried_or_skipped (void)
{
  static const struct {
    const char *body;
    PlenumChatVerdict verdict;
    const char *reason;
    const char *next_page;
    guint messages;
  } cases[] = {
    { "{'data': 'comments'}", PLENUM_CHAT_RETRY,
      "Facebook: the comments page's \"data\" is not a list", NULL, 0 },
    { "{'data': {'id': 'x', 'message': 'y'}}", PLENUM_CHAT_RETRY,
      "Facebook: the comments page's \"data\" is not a list", NULL, 0 },
    { "{'data': null, 'paging': null}", PLENUM_CHAT_CONTINUE, NULL, NULL, 0 },
    { "{'paging': {'cursors': {'after': 'A'}}}", PLENUM_CHAT_CONTINUE, NULL, "A", 0 },
    { "{'data': [1, null, 'x', [], {}], 'paging': 'cursors'}", PLENUM_CHAT_CONTINUE, NULL, NULL,
      0 },
    { "{'data': [{'id': 'k', 'message': 'm'}], 'paging': {'cursors': {'after': 5}}}",
      PLENUM_CHAT_CONTINUE, NULL, NULL, 1 },
    { "{'data': [], 'paging': {'cursors': ['after']}}", PLENUM_CHAT_CONTINUE, NULL, NULL, 0 },
    { "{'data': [], 'paging': {'cursors': {'before': 'B', 'after': ''}}}", PLENUM_CHAT_CONTINUE,
      NULL, NULL, 0 },
    { "[{'id': 'k', 'message': 'm'}]", PLENUM_CHAT_RETRY,
      "Facebook: the answer is not a JSON object (HTTP 200, 29 bytes)", NULL, 0 },
    { "'data'", PLENUM_CHAT_RETRY,
      "Facebook: the answer is not a JSON object (HTTP 200, 6 bytes)", NULL, 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    PlenumChatPage page;

    parse_json (plenum_facebook_comments_parse, cases[i].body, 200, &page);
    assert_verdict (&page, cases[i].verdict, cases[i].reason);
    g_assert_cmpstr (page.next_page, ==, cases[i].next_page);
    g_assert_cmpuint (page.messages->len, ==, cases[i].messages);
    g_assert_cmpint (page.wait_ms, ==, -1);
    plenum_chat_page_clear (&page);
  }
}

static void
test_facebook_page_cut_at_every_byte_is_retried (void)
{
  check_every_truncation (plenum_facebook_comments_parse, "fb_comments.json", "Facebook", 2);
}

static void
test_facebook_5_mb_page_is_read_whole (void)
{
  g_autoptr (GString) body = g_string_new ("{\"data\": [");
  g_autofree char *last_id = NULL;
  PlenumChatPage page;
  guint count;

  for (count = 0; body->len < BIG_BODY_BYTES; count++)
    g_string_append_printf (body, "%s{\"created_time\": \"2018-08-30T18:47:02+0000\", "
                            "\"from\": {\"name\": \"Viewer\", \"id\": \"%u\"}, "
                            "\"message\": \"Comment %u with some text to make it longer\", "
                            "\"id\": \"912390185605127_%u\"}", count == 0 ? "" : ",", count,
                            count, count);
  g_string_append (body, "], \"paging\": {\"cursors\": {\"after\": \"END\"}}}");
  plenum_chat_page_init (&page);
  plenum_facebook_comments_parse (body->str, body->len, 200, &page);
  assert_verdict (&page, PLENUM_CHAT_CONTINUE, NULL);
  g_assert_cmpuint (page.messages->len, ==, count);
  g_assert_cmpstr (page.next_page, ==, "END");
  last_id = g_strdup_printf ("912390185605127_%u", count - 1);
  g_assert_cmpstr (((PlenumChatMessage *) g_ptr_array_index (page.messages, count - 1))->id, ==,
                   last_id);
  plenum_chat_page_clear (&page);
}

/* ---- Facebook: errors ------------------------------------------------------------------------ */

static void
test_facebook_error_fixtures_have_their_verdicts (void)
{
  g_autofree char *object_message = NULL;
  g_autofree char *object_reason = NULL;
  PlenumChatPage page;

  parse_fixture (plenum_facebook_comments_parse, "fb_err_token.json", 400, &page);
  assert_verdict (&page, PLENUM_CHAT_STOP,
                  "Facebook: the access token is invalid or expired (code 190, subcode 463): "
                  "Error validating access token: Session has expired on Saturday, "
                  "18-May-24 14:00:00 PDT. The current time is Saturday, 18-May-24 15:12:31 PDT.");
  g_assert_false (page.ended);
  plenum_chat_page_clear (&page);

  parse_fixture (plenum_facebook_comments_parse, "fb_err_ratelimit.json", 400, &page);
  assert_verdict (&page, PLENUM_CHAT_BACKOFF,
                  "Facebook: rate limited (code 32): (#32) Page request limit reached");
  plenum_chat_page_clear (&page);

  /* Facebook's 246 characters, cut to 199 and "…". */
  object_message = g_strndup ("Unsupported get request. Object with ID '10215840463339953' does "
                              "not exist, cannot be loaded due to missing permissions, or does "
                              "not support this operation. Please read the Graph API "
                              "documentation at https://developers.facebook.com/docs/graph-api",
                              199);
  object_reason = g_strconcat ("Facebook: the live video does not exist, or this token may not "
                               "read it (code 100, subcode 33): ", g_strchomp (object_message),
                               "…", NULL);
  parse_fixture (plenum_facebook_comments_parse, "fb_err_object.json", 400, &page);
  assert_verdict (&page, PLENUM_CHAT_STOP, object_reason);
  plenum_chat_page_clear (&page);
}

static void
test_facebook_errors_by_code (void)
{
  static const struct {
    const char *error;
    long status;
    PlenumChatVerdict verdict;
    const char *reason;
  } cases[] = {
    { "'code': 102", 400, PLENUM_CHAT_STOP,
      "Facebook: the access token is invalid or expired (code 102): msg" },
    { "'code': '190'", 400, PLENUM_CHAT_STOP,
      "Facebook: the access token is invalid or expired (code 190): msg" },
    { "'code': 10", 403, PLENUM_CHAT_STOP,
      "Facebook: the access token lacks a permission needed to read the comments (code 10): msg" },
    { "'code': 200", 403, PLENUM_CHAT_STOP,
      "Facebook: the access token lacks a permission needed to read the comments (code 200): msg" },
    { "'code': 299", 403, PLENUM_CHAT_STOP,
      "Facebook: the access token lacks a permission needed to read the comments (code 299): msg" },
    { "'code': 4", 400, PLENUM_CHAT_BACKOFF, "Facebook: rate limited (code 4): msg" },
    { "'code': 17", 400, PLENUM_CHAT_BACKOFF, "Facebook: rate limited (code 17): msg" },
    { "'code': 613", 400, PLENUM_CHAT_BACKOFF, "Facebook: rate limited (code 613): msg" },
    { "'code': 80001, 'error_subcode': 2446079", 400, PLENUM_CHAT_BACKOFF,
      "Facebook: rate limited (code 80001, subcode 2446079): msg" },
    { "'code': 1", 500, PLENUM_CHAT_RETRY, "Facebook: Facebook had a temporary problem (code 1): msg" },
    { "'code': 2", 503, PLENUM_CHAT_RETRY, "Facebook: Facebook had a temporary problem (code 2): msg" },
    { "'code': 100", 400, PLENUM_CHAT_STOP,
      "Facebook: the request was refused as invalid (code 100): msg" },
    { "'code': 100, 'error_subcode': 33", 400, PLENUM_CHAT_STOP,
      "Facebook: the live video does not exist, or this token may not read it "
      "(code 100, subcode 33): msg" },
    { "'code': 12345", 400, PLENUM_CHAT_STOP, "Facebook: the request failed (code 12345): msg" },
    { "'code': 12345, 'is_transient': true", 400, PLENUM_CHAT_RETRY,
      "Facebook: the request failed (code 12345): msg" },
    { "'code': 12345", 500, PLENUM_CHAT_RETRY, "Facebook: the request failed (code 12345): msg" },
    { "'code': 12345", 200, PLENUM_CHAT_RETRY, "Facebook: the request failed (code 12345): msg" },
    { "'code': 'abc'", 400, PLENUM_CHAT_STOP, "Facebook: the request failed (HTTP 400): msg" },
    { "'code': null, 'error_subcode': {}", 429, PLENUM_CHAT_BACKOFF,
      "Facebook: the request failed (HTTP 429): msg" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *quoted = g_strdup_printf ("{'error': {'message': 'msg', 'type': "
                                               "'OAuthException', %s, 'fbtrace_id': 'A1'}}",
                                               cases[i].error);
    PlenumChatPage page;

    parse_json (plenum_facebook_comments_parse, quoted, cases[i].status, &page);
    g_test_message ("error %s, HTTP %ld", cases[i].error, cases[i].status);
    assert_verdict (&page, cases[i].verdict, cases[i].reason);
    assert_empty_page (&page);
    plenum_chat_page_clear (&page);
  }
}

static void
test_facebook_http_status_alone_decides_without_an_error_body (void)
{
  static const struct {
    long status;
    const char *body;
    PlenumChatVerdict verdict;
    const char *reason;
  } cases[] = {
    { 500, "", PLENUM_CHAT_RETRY, "Facebook: the request failed (HTTP 500)" },
    { 502, "<html>", PLENUM_CHAT_RETRY, "Facebook: the request failed (HTTP 502)" },
    { 503, "{'data': []}", PLENUM_CHAT_RETRY, "Facebook: the request failed (HTTP 503)" },
    { 429, "", PLENUM_CHAT_BACKOFF, "Facebook: the request failed (HTTP 429)" },
    { 404, "", PLENUM_CHAT_STOP, "Facebook: the request failed (HTTP 404)" },
    { 400, "{'error': 'bad'}", PLENUM_CHAT_STOP, "Facebook: the request failed (HTTP 400)" },
    { 200, "", PLENUM_CHAT_RETRY, "Facebook: the answer is not a JSON object (HTTP 200, 0 bytes)" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    PlenumChatPage page;

    parse_json (plenum_facebook_comments_parse, cases[i].body, cases[i].status, &page);
    assert_verdict (&page, cases[i].verdict, cases[i].reason);
    assert_empty_page (&page);
    plenum_chat_page_clear (&page);
  }
}

static void
test_facebook_long_error_messages_are_cut_to_200_characters (void)
{
  g_autofree char *words = g_strnfill (5000, 'e');
  g_autofree char *quoted = g_strdup_printf ("{'error': {'code': 190, 'message': '%s'}}", words);
  const char *prefix = "Facebook: the access token is invalid or expired (code 190): ";
  PlenumChatPage page;

  parse_json (plenum_facebook_comments_parse, quoted, 400, &page);
  g_assert_cmpint (page.verdict, ==, PLENUM_CHAT_STOP);
  g_assert_true (g_str_has_prefix (page.reason, prefix));
  g_assert_cmpint (g_utf8_strlen (page.reason + strlen (prefix), -1), ==, 200);
  plenum_chat_page_clear (&page);
}

/* ---- Facebook: URLs -------------------------------------------------------------------------- */

static void
test_facebook_comments_url_has_the_id_and_cursor_escaped (void)
{
  g_autofree char *first = plenum_facebook_comments_url (FB_BASE, "912390185605127", NULL, 25);
  g_autofree char *next = plenum_facebook_comments_url (FB_BASE "/", "1/2?x", "QVF+/=", 100);
  g_autofree char *empty = plenum_facebook_comments_url (FB_BASE, "9", "", 5);

  g_assert_cmpstr (first, ==, FB_BASE "/v21.0/912390185605127/comments"
                              "?fields=id%2Cfrom%7Bname%2Cid%7D%2Cmessage%2Ccreated_time"
                              "&filter=stream&live_filter=no_filter&order=chronological"
                              "&limit=25");
  g_assert_cmpstr (next, ==, FB_BASE "/v21.0/1%2F2%3Fx/comments"
                             "?fields=id%2Cfrom%7Bname%2Cid%7D%2Cmessage%2Ccreated_time"
                             "&filter=stream&live_filter=no_filter&order=chronological"
                             "&limit=100&after=QVF%2B%2F%3D");
  g_assert_cmpstr (empty, ==, FB_BASE "/v21.0/9/comments"
                              "?fields=id%2Cfrom%7Bname%2Cid%7D%2Cmessage%2Ccreated_time"
                              "&filter=stream&live_filter=no_filter&order=chronological"
                              "&limit=5");
}

int
main (int argc, char **argv)
{
  /* Away from UTC, so that a time read in the local zone would show. */
  g_setenv ("TZ", "America/Los_Angeles", TRUE);
  /* meson test sets G_TEST_SRCDIR; a test run by hand still finds its fixtures. */
  g_setenv ("G_TEST_SRCDIR", PLENUM_TESTS_SRCDIR, FALSE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chat-page/clean-text/keeps-ordinary-text",
                   test_clean_text_keeps_ordinary_text);
  g_test_add_func ("/chat-page/clean-text/replaces-each-invalid-byte-with-u-fffd",
                   test_clean_text_replaces_each_invalid_byte_with_u_fffd);
  g_test_add_func ("/chat-page/clean-text/turns-control-characters-into-one-space",
                   test_clean_text_turns_control_characters_into_one_space);
  g_test_add_func ("/chat-page/clean-text/keeps-a-line-break-as-one-newline",
                   test_clean_text_keeps_a_line_break_as_one_newline);
  g_test_add_func ("/chat-page/clean-text/trims-and-leaves-nothing-of-blank-text",
                   test_clean_text_trims_and_leaves_nothing_of_blank_text);
  g_test_add_func ("/chat-page/clean-text/with-a-length-reads-embedded-nuls-as-spaces",
                   test_clean_text_with_a_length_reads_embedded_nuls_as_spaces);
  g_test_add_func ("/chat-page/clean-text/of-random-bytes-is-always-clean",
                   test_clean_text_of_random_bytes_is_always_clean);
  g_test_add_func ("/chat-page/clean-text/keeps-a-10k-character-text-whole",
                   test_clean_text_keeps_a_10k_character_text_whole);
  g_test_add_func ("/chat-page/time/reads-fractions-offsets-and-facebook-form",
                   test_times_read_fractions_offsets_and_facebook_form);
  g_test_add_func ("/chat-page/time/without-offset-or-unreadable-is-minus-one",
                   test_times_without_offset_or_unreadable_are_minus_one);
  g_test_add_func ("/chat-page/quote/is-one-line-and-at-most-200-characters",
                   test_quotes_are_one_line_and_at_most_200_characters);
  g_test_add_func ("/chat-page/status/decides-when-no-known-error-does",
                   test_status_codes_without_a_known_error);
  g_test_add_func ("/chat-page/page/a-cleared-page-holds-nothing-and-can-be-cleared-again",
                   test_a_cleared_page_holds_nothing_and_can_be_cleared_again);

  g_test_add_func ("/youtube-chat/page/gives-text-messages-and-super-chats",
                   test_youtube_page_gives_text_messages_and_super_chats);
  g_test_add_func ("/youtube-chat/page/chat-ended-event-stops-as-ended",
                   test_youtube_chat_ended_event_stops_as_ended);
  g_test_add_func ("/youtube-chat/page/messages-before-the-end-are-kept-and-after-it-dropped",
                   test_youtube_messages_before_the_end_are_kept_and_after_it_dropped);
  g_test_add_func ("/youtube-chat/page/offline-at-stops-as-ended-after-the-page",
                   test_youtube_offline_at_stops_as_ended_after_the_page);
  g_test_add_func ("/youtube-chat/page/deleted-messages-are-listed",
                   test_youtube_deleted_messages_are_listed);
  g_test_add_func ("/youtube-chat/page/other-events-and-super-chats-without-comment-are-skipped",
                   test_youtube_other_events_and_super_chats_without_comment_are_skipped);
  g_test_add_func ("/youtube-chat/page/text-falls-back-to-display-message-and-author-id-to-snippet",
                   test_youtube_text_falls_back_to_display_message_and_author_id_to_snippet);
  g_test_add_func ("/youtube-chat/page/hostile-text-is-cleaned",
                   test_youtube_hostile_text_is_cleaned);
  g_test_add_func ("/youtube-chat/page/polling-interval-is-read-tolerantly-and-clamped",
                   test_youtube_polling_interval_is_read_tolerantly_and_clamped);
  g_test_add_func ("/youtube-chat/page/body-that-is-no-object-is-retried",
                   test_youtube_body_that_is_no_object_is_retried);
  g_test_add_func ("/youtube-chat/page/items-of-the-wrong-type-are-retried-or-empty",
                   test_youtube_items_of_the_wrong_type_are_retried_or_empty);
  g_test_add_func ("/youtube-chat/page/wrongly-typed-items-are-skipped-and-the-rest-kept",
                   test_youtube_wrongly_typed_items_are_skipped_and_the_rest_kept);
  g_test_add_func ("/youtube-chat/page/null-everywhere-is-an-empty-page",
                   test_youtube_null_everywhere_is_an_empty_page);
  g_test_add_func ("/youtube-chat/page/cut-at-every-byte-is-retried",
                   test_youtube_page_cut_at_every_byte_is_retried);
  g_test_add_func ("/youtube-chat/page/5-mb-page-is-read-whole",
                   test_youtube_5_mb_page_is_read_whole);
  g_test_add_func ("/youtube-chat/page/5-mb-of-garbage-is-retried",
                   test_youtube_5_mb_of_garbage_is_retried);
  g_test_add_func ("/youtube-chat/error/fixtures-have-their-verdicts",
                   test_youtube_error_fixtures_have_their_verdicts);
  g_test_add_func ("/youtube-chat/error/by-reason", test_youtube_errors_by_reason);
  g_test_add_func ("/youtube-chat/error/http-status-alone-decides-without-an-error-body",
                   test_youtube_http_status_alone_decides_without_an_error_body);
  g_test_add_func ("/youtube-chat/error/long-messages-are-cut-to-200-characters",
                   test_youtube_long_error_messages_are_cut_to_200_characters);
  g_test_add_func ("/youtube-chat/video/active-chat-id-is-read-from-a-live-video",
                   test_youtube_active_chat_id_is_read_from_a_live_video);
  g_test_add_func ("/youtube-chat/video/without-chat-gives-a-reason",
                   test_youtube_video_without_chat_gives_a_reason);
  g_test_add_func ("/youtube-chat/video/answer-cut-at-every-byte-gives-no-chat",
                   test_youtube_videos_answer_cut_at_every_byte_gives_no_chat);
  g_test_add_func ("/youtube-chat/url/chat-url-has-every-parameter-escaped",
                   test_youtube_chat_url_has_every_parameter_escaped);
  g_test_add_func ("/youtube-chat/url/videos-url-has-the-id-escaped",
                   test_youtube_videos_url_has_the_id_escaped);

  g_test_add_func ("/facebook-comments/page/gives-comments-and-the-after-cursor",
                   test_facebook_page_gives_comments_and_the_after_cursor);
  g_test_add_func ("/facebook-comments/page/empty-page-keeps-the-previous-cursor",
                   test_facebook_empty_page_keeps_the_previous_cursor);
  g_test_add_func ("/facebook-comments/page/comments-without-from-id-or-message",
                   test_facebook_comments_without_from_id_or_message);
  g_test_add_func ("/facebook-comments/page/hostile-text-is-cleaned",
                   test_facebook_hostile_text_is_cleaned);
  g_test_add_func ("/facebook-comments/page/wrong-types-are-retried-or-skipped",
                   test_facebook_wrong_types_are_retried_or_skipped);
  g_test_add_func ("/facebook-comments/page/cut-at-every-byte-is-retried",
                   test_facebook_page_cut_at_every_byte_is_retried);
  g_test_add_func ("/facebook-comments/page/5-mb-page-is-read-whole",
                   test_facebook_5_mb_page_is_read_whole);
  g_test_add_func ("/facebook-comments/error/fixtures-have-their-verdicts",
                   test_facebook_error_fixtures_have_their_verdicts);
  g_test_add_func ("/facebook-comments/error/by-code", test_facebook_errors_by_code);
  g_test_add_func ("/facebook-comments/error/http-status-alone-decides-without-an-error-body",
                   test_facebook_http_status_alone_decides_without_an_error_body);
  g_test_add_func ("/facebook-comments/error/long-messages-are-cut-to-200-characters",
                   test_facebook_long_error_messages_are_cut_to_200_characters);
  g_test_add_func ("/facebook-comments/url/has-the-id-and-cursor-escaped",
                   test_facebook_comments_url_has_the_id_and_cursor_escaped);
  return g_test_run ();
}

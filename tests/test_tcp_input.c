/* Unit tests for captions/tcp_input.c: real loopback sockets, the main loop run until the
 * expected lines or log messages arrive (or a deadline passes, so a broken input fails). */
#include "captions/tcp_input.h"

#include <gio/gio.h>
#include <string.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlenumTcpCaptionInput, plenum_tcp_caption_input_free)

#define DEADLINE_MS 5000

typedef struct {
  char *line;
  char *peer;
} Received;

typedef struct {
  PlenumTcpCaptionInput *input;
  GPtrArray *lines; /* element-type Received */
  GPtrArray *logs;  /* element-type utf8 */
  gsize max_buffered;
  gboolean free_on_stop; /* the line "stop" frees the input from inside the callback */
} Fixture;

static void
received_free (Received *received)
{
  g_free (received->line);
  g_free (received->peer);
  g_free (received);
}

static void
on_line (const char *line, const char *peer, gpointer data)
{
  Fixture *f = data;
  Received *received = g_new0 (Received, 1);

  received->line = g_strdup (line);
  received->peer = g_strdup (peer);
  g_ptr_array_add (f->lines, received);
  if (f->free_on_stop && strcmp (line, "stop") == 0)
    g_clear_pointer (&f->input, plenum_tcp_caption_input_free);
}

static void
on_log (const char *message, gpointer data)
{
  Fixture *f = data;

  g_test_message ("log: %s", message);
  g_ptr_array_add (f->logs, g_strdup (message));
}

static void
fixture_set_up (Fixture *f, gconstpointer unused)
{
  g_autoptr (GError) error = NULL;

  (void) unused;
  f->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) received_free);
  f->logs = g_ptr_array_new_with_free_func (g_free);
  f->input = plenum_tcp_caption_input_new ("127.0.0.1:0", on_line, on_log, f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plenum_tcp_caption_input_port (f->input), >, 0);
}

static void
fixture_tear_down (Fixture *f, gconstpointer unused)
{
  (void) unused;
  g_clear_pointer (&f->input, plenum_tcp_caption_input_free);
  g_ptr_array_unref (f->lines);
  g_ptr_array_unref (f->logs);
}

static const char *
line_at (Fixture *f, guint index)
{
  return ((Received *) g_ptr_array_index (f->lines, index))->line;
}

static const char *
peer_at (Fixture *f, guint index)
{
  return ((Received *) g_ptr_array_index (f->lines, index))->peer;
}

static guint
lines_from (Fixture *f, const char *peer)
{
  guint count = 0;

  for (guint i = 0; i < f->lines->len; i++)
    count += strcmp (peer_at (f, i), peer) == 0;
  return count;
}

static gboolean
logged (Fixture *f, const char *first, const char *second)
{
  for (guint i = 0; i < f->logs->len; i++) {
    const char *message = g_ptr_array_index (f->logs, i);
    if (strstr (message, first) && (second == NULL || strstr (message, second)))
      return TRUE;
  }
  return FALSE;
}

static guint
count_logs (Fixture *f, const char *text)
{
  guint count = 0;

  for (guint i = 0; i < f->logs->len; i++)
    count += strstr (g_ptr_array_index (f->logs, i), text) != NULL;
  return count;
}

/* Sums N over the "<text>: N lines dropped" messages. */
static guint64
reported_drops (Fixture *f, const char *text)
{
  guint64 total = 0;

  for (guint i = 0; i < f->logs->len; i++) {
    const char *message = g_ptr_array_index (f->logs, i);
    if (g_str_has_prefix (message, text) && g_str_has_prefix (message + strlen (text), ": "))
      total += g_ascii_strtoull (message + strlen (text) + 2, NULL, 10);
  }
  return total;
}

static gboolean
deadline_passed (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

typedef gboolean (*Condition) (Fixture *f, gconstpointer data);

/* Runs the main loop until `done` holds; FALSE if it did not within `deadline_ms`. */
static gboolean
run_until (Fixture *f, Condition done, gconstpointer data, guint deadline_ms)
{
  gboolean passed = FALSE;
  guint deadline = g_timeout_add (deadline_ms, deadline_passed, &passed);

  while (!done (f, data) && !passed) {
    g_main_context_iteration (NULL, TRUE);
    if (f->input != NULL)
      f->max_buffered = MAX (f->max_buffered, plenum_tcp_caption_input_buffered (f->input));
  }
  if (!passed)
    g_source_remove (deadline);
  return done (f, data);
}

static gboolean
has_lines (Fixture *f, gconstpointer count)
{
  return f->lines->len >= GPOINTER_TO_UINT (count);
}

static gboolean
has_log (Fixture *f, gconstpointer text)
{
  return logged (f, text, NULL);
}

static gboolean
line_from (Fixture *f, gconstpointer peer)
{
  return lines_from (f, peer) > 0;
}

static gboolean
last_line_is (Fixture *f, gconstpointer text)
{
  return f->lines->len > 0 && strcmp (line_at (f, f->lines->len - 1), text) == 0;
}

static GSocketConnection *
connect_to (Fixture *f)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GError) error = NULL;
  GSocketConnection *connection = g_socket_client_connect_to_host (
      client, "127.0.0.1", (guint16) plenum_tcp_caption_input_port (f->input), NULL, &error);

  g_assert_no_error (error);
  return connection; /* transfer full */
}

static char *
name_of (GSocketConnection *connection)
{
  g_autoptr (GSocketAddress) address = g_socket_connection_get_local_address (connection, NULL);

  g_assert_nonnull (address);
  return g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (address));
}

/* A connection's writes in order, one at a time, as GOutputStream requires. */
typedef struct {
  GSocketConnection *connection; /* unowned: the sender is data on it */
  GQueue chunks;                 /* element-type GBytes, or NULL to close after the others */
  gboolean writing;
} Sender;

static void sender_write_next (Sender *sender);

static void
sender_free (Sender *sender)
{
  g_queue_clear_full (&sender->chunks, (GDestroyNotify) g_bytes_unref);
  g_free (sender);
}

static void
sent (GObject *stream, GAsyncResult *result, gpointer data)
{
  Sender *sender = data;
  g_autoptr (GError) error = NULL;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (stream), result, NULL, &error);
  g_assert_no_error (error);
  g_bytes_unref (g_queue_pop_head (&sender->chunks));
  sender->writing = FALSE;
  sender_write_next (sender);
  g_object_unref (sender->connection); /* the write's reference */
}

static void
sender_write_next (Sender *sender)
{
  GBytes *chunk;

  if (sender->writing || g_queue_is_empty (&sender->chunks))
    return;
  chunk = g_queue_peek_head (&sender->chunks);
  if (chunk == NULL) {
    g_queue_pop_head (&sender->chunks);
    g_io_stream_close (G_IO_STREAM (sender->connection), NULL, NULL);
    return;
  }
  sender->writing = TRUE;
  g_output_stream_write_all_async (
      g_io_stream_get_output_stream (G_IO_STREAM (sender->connection)),
      g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk), G_PRIORITY_DEFAULT, NULL, sent,
      sender);
  g_object_ref (sender->connection);
}

/* Sends asynchronously, so even megabytes go out while the main loop lets the input read. */
static void
send_bytes (GSocketConnection *connection, const void *data, gsize size, gboolean close_after)
{
  Sender *sender = g_object_get_data (G_OBJECT (connection), "sender");

  if (sender == NULL) {
    sender = g_new0 (Sender, 1);
    sender->connection = connection;
    g_object_set_data_full (G_OBJECT (connection), "sender", sender, (GDestroyNotify) sender_free);
  }
  g_queue_push_tail (&sender->chunks, g_bytes_new (data, size));
  if (close_after)
    g_queue_push_tail (&sender->chunks, NULL);
  sender_write_next (sender);
}

static void
send_text (GSocketConnection *connection, const char *text)
{
  send_bytes (connection, text, strlen (text), FALSE);
}

static void
assert_is_clean_caption (const char *line)
{
  g_assert_true (g_utf8_validate (line, -1, NULL));
  g_assert_cmpuint (strlen (line), <=, PLENUM_TCP_CAPTION_MAX_BYTES);
  g_assert_cmpuint (strlen (line), >, 0);
  for (const char *p = line; *p; p = g_utf8_next_char (p))
    g_assert_false (g_unichar_iscntrl (g_utf8_get_char (p)));
}

static void
test_lines_from_two_captioners_arrive_with_their_peer (Fixture *f, gconstpointer unused)
{
  g_autoptr (GSocketConnection) a = connect_to (f);
  g_autoptr (GSocketConnection) b = connect_to (f);
  g_autofree char *a_name = name_of (a);
  g_autofree char *b_name = name_of (b);

  (void) unused;
  send_text (a, "Guten Abend, Herr Bürgermeister.\n");
  send_text (b, "Frau Meier hat das Wort.\n");
  g_assert_true (run_until (f, has_lines, GUINT_TO_POINTER (2), DEADLINE_MS));
  send_text (a, "Danke.\n");
  g_assert_true (run_until (f, has_lines, GUINT_TO_POINTER (3), DEADLINE_MS));

  g_assert_cmpuint (f->lines->len, ==, 3);
  for (guint i = 0; i < f->lines->len; i++) {
    gboolean from_a = strcmp (line_at (f, i), "Frau Meier hat das Wort.") != 0;
    g_assert_cmpstr (peer_at (f, i), ==, from_a ? a_name : b_name);
  }
  g_assert_cmpstr (line_at (f, 2), ==, "Danke.");
  g_assert_true (logged (f, a_name, "connected"));
  g_assert_true (logged (f, b_name, "connected"));
}

static void
test_crlf_ends_a_line_like_lf_and_empty_lines_are_ignored (Fixture *f, gconstpointer unused)
{
  g_autoptr (GSocketConnection) a = connect_to (f);

  (void) unused;
  send_text (a, "eins\r\n\r\n\n   \r\nzwei\n");
  g_assert_true (run_until (f, has_lines, GUINT_TO_POINTER (2), DEADLINE_MS));
  send_text (a, "drei\r\n");
  g_assert_true (run_until (f, has_lines, GUINT_TO_POINTER (3), DEADLINE_MS));

  g_assert_cmpuint (f->lines->len, ==, 3);
  g_assert_cmpstr (line_at (f, 0), ==, "eins");
  g_assert_cmpstr (line_at (f, 1), ==, "zwei");
  g_assert_cmpstr (line_at (f, 2), ==, "drei");
}

static char *
repeat (char c, gsize count)
{
  char *text = g_malloc (count + 1);

  memset (text, c, count);
  text[count] = '\0';
  return text;
}

static void
test_an_overlong_line_is_cut_at_a_character_boundary (Fixture *f, gconstpointer unused)
{
  g_autoptr (GSocketConnection) a = connect_to (f);
  g_autofree char *a496 = repeat ('a', 496);
  g_autofree char *a498 = repeat ('a', 498);
  g_autofree char *b99 = repeat ('b', 99);
  g_autofree char *c100 = repeat ('c', 100);
  /* "€" is 3 bytes at 498..500: it straddles the cut and must go whole, not as U+FFFD. The
   * two control characters in front, dropped, would pull a stray U+FFFD below the limit. */
  g_autofree char *straddling = g_strconcat ("\x01\x02", a496, "€", b99, "\n", NULL);
  /* "é" is 2 bytes at 498..499: it ends exactly at the cut and must stay. */
  g_autofree char *fitting = g_strconcat (a498, "é", c100, "\n", NULL);
  g_autofree char *fitting_cut = g_strconcat (a498, "é", NULL);

  (void) unused;
  g_assert_cmpuint (strlen (straddling), ==, 601);
  g_assert_cmpuint (strlen (fitting), ==, 601);
  send_text (a, straddling);
  send_text (a, fitting);
  send_text (a, "kurz\n");
  g_assert_true (run_until (f, has_lines, GUINT_TO_POINTER (3), DEADLINE_MS));

  g_assert_cmpstr (line_at (f, 0), ==, a496);
  g_assert_cmpstr (line_at (f, 1), ==, fitting_cut);
  g_assert_cmpuint (strlen (line_at (f, 1)), ==, PLENUM_TCP_CAPTION_MAX_BYTES);
  g_assert_cmpstr (line_at (f, 2), ==, "kurz");
  g_assert_cmpuint (f->max_buffered, <=, PLENUM_TCP_CAPTION_MAX_BYTES);
}

static void
test_a_cut_line_without_newline_arrives_after_two_seconds (Fixture *f, gconstpointer unused)
{
  g_autoptr (GSocketConnection) a = connect_to (f);
  g_autofree char *long_line = repeat ('x', 600);
  g_autofree char *expected = repeat ('x', PLENUM_TCP_CAPTION_MAX_BYTES);
  gint64 sent_us = g_get_monotonic_time ();

  (void) unused;
  send_text (a, long_line);
  g_assert_true (run_until (f, has_lines, GUINT_TO_POINTER (1), DEADLINE_MS));
  g_assert_cmpint (g_get_monotonic_time () - sent_us, >=, 1900 * 1000);
  g_assert_cmpstr (line_at (f, 0), ==, expected);

  /* The rest of the cut line is discarded, the next line is not. */
  send_text (a, "Rest der langen Zeile\nnächste Zeile\n");
  g_assert_true (run_until (f, has_lines, GUINT_TO_POINTER (2), DEADLINE_MS));
  g_assert_cmpuint (f->lines->len, ==, 2);
  g_assert_cmpstr (line_at (f, 1), ==, "nächste Zeile");
}

static void
test_invalid_utf8_becomes_replacement_characters (Fixture *f, gconstpointer unused)
{
  g_autoptr (GSocketConnection) a = connect_to (f);

  (void) unused;
  send_text (a, "caf\xC3(\xFF\n"
                "Ende\xE2\x82\n"
                "\xC0\xAF ok\n");
  g_assert_true (run_until (f, has_lines, GUINT_TO_POINTER (3), DEADLINE_MS));

  g_assert_cmpstr (line_at (f, 0), ==, "caf\uFFFD(\uFFFD");
  g_assert_cmpstr (line_at (f, 1), ==, "Ende\uFFFD\uFFFD");
  g_assert_cmpstr (line_at (f, 2), ==, "\uFFFD\uFFFD ok");
}

static void
test_control_characters_are_removed_and_white_space_trimmed (Fixture *f, gconstpointer unused)
{
  g_autoptr (GSocketConnection) a = connect_to (f);
  /* C0 (NUL, SOH, ESC, TAB, CR), DEL and C1 (U+0085, U+009B). */
  const char text[] = " \x01 a\x01" "b\x7F" "c\xC2\x85" "d\x1B[31me\tf\r\x00g\xC2\x9B  \r\n"
                      "\x07\x08\x1B\r\n"
                      "übrig\n";

  (void) unused;
  send_bytes (a, text, sizeof text - 1, FALSE);
  g_assert_true (run_until (f, has_lines, GUINT_TO_POINTER (2), DEADLINE_MS));

  g_assert_cmpuint (f->lines->len, ==, 2);
  g_assert_cmpstr (line_at (f, 0), ==, "abcd[31mefg");
  g_assert_cmpstr (line_at (f, 1), ==, "übrig");
}

typedef struct {
  const char *peer;
  guint sent;
} Flood;

static gboolean
flood_accounted (Fixture *f, gconstpointer data)
{
  const Flood *flood = data;

  return lines_from (f, flood->peer) + plenum_tcp_caption_input_dropped (f->input) >= flood->sent;
}

static void
test_a_flood_is_throttled_not_queued (Fixture *f, gconstpointer unused)
{
  g_autoptr (GSocketConnection) a = connect_to (f);
  g_autoptr (GSocketConnection) b = connect_to (f);
  g_autofree char *a_name = name_of (a);
  g_autofree char *b_name = name_of (b);
  g_autoptr (GString) flood_text = g_string_new (NULL);
  g_autofree char *too_fast = g_strdup_printf ("captioner %s sends too fast", a_name);
  Flood flood = { a_name, 1000 };
  gint64 start_us = g_get_monotonic_time ();
  double elapsed_s;
  guint delivered;

  (void) unused;
  for (guint i = 0; i < flood.sent; i++)
    g_string_append_printf (flood_text, "Zeile %u\n", i);
  send_bytes (a, flood_text->str, flood_text->len, FALSE);
  /* Queued lines would trickle out for 100 s; throttled ones are all accounted for at once. */
  g_assert_true (run_until (f, flood_accounted, &flood, DEADLINE_MS));
  elapsed_s = (double) (g_get_monotonic_time () - start_us) / G_USEC_PER_SEC;

  delivered = lines_from (f, a_name);
  g_test_message ("%u delivered, %" G_GUINT64_FORMAT " dropped in %.3f s", delivered,
                  plenum_tcp_caption_input_dropped (f->input), elapsed_s);
  g_assert_cmpuint (delivered, >=, PLENUM_TCP_CAPTION_BURST);
  g_assert_cmpfloat (delivered, <=,
                     PLENUM_TCP_CAPTION_BURST + PLENUM_TCP_CAPTION_LINES_PER_S * elapsed_s + 1);
  g_assert_cmpuint (plenum_tcp_caption_input_dropped (f->input), ==, flood.sent - delivered);
  g_assert_cmpstr (line_at (f, 0), ==, "Zeile 0");
  g_assert_true (logged (f, too_fast, "dropped"));
  g_assert_cmpuint (count_logs (f, too_fast), ==, 1);

  {
    gint64 b_sent_us = g_get_monotonic_time ();
    send_text (b, "Ich bin auch noch da.\n");
    g_assert_true (run_until (f, line_from, b_name, DEADLINE_MS));
    g_assert_cmpint (g_get_monotonic_time () - b_sent_us, <, G_USEC_PER_SEC);
  }
}

static gboolean
has_two_logs (Fixture *f, gconstpointer text)
{
  return count_logs (f, text) >= 2;
}

static void
test_drops_are_reported_at_most_every_five_seconds_and_in_full (Fixture *f, gconstpointer unused)
{
  g_autoptr (GSocketConnection) a = connect_to (f);
  g_autofree char *a_name = name_of (a);
  g_autofree char *too_fast = g_strdup_printf ("captioner %s sends too fast", a_name);
  g_autofree char *left = g_strdup_printf ("captioner %s left", a_name);
  g_autoptr (GString) flood_text = g_string_new (NULL);
  g_autofree char *dropped_text = NULL;
  Flood flood = { a_name, 300 };
  gint64 flood_us;

  (void) unused;
  for (guint i = 0; i < flood.sent; i++)
    g_string_append_printf (flood_text, "Zeile %u\n", i);
  send_bytes (a, flood_text->str, flood_text->len, FALSE);
  g_assert_true (run_until (f, flood_accounted, &flood, DEADLINE_MS));
  flood_us = g_get_monotonic_time ();
  g_assert_cmpuint (count_logs (f, too_fast), ==, 1);

  /* The drops after the first report are reported once, five seconds later. */
  g_assert_true (run_until (f, has_two_logs, too_fast, 2 * DEADLINE_MS));
  g_assert_cmpint (g_get_monotonic_time () - flood_us, >=, 4500 * 1000);
  g_assert_cmpuint (count_logs (f, too_fast), ==, 2);
  g_assert_cmpuint (reported_drops (f, too_fast), ==, plenum_tcp_caption_input_dropped (f->input));
  g_assert_cmpuint (reported_drops (f, too_fast), >, 0);

  dropped_text = g_strdup_printf ("%" G_GUINT64_FORMAT " lines were dropped",
                                  plenum_tcp_caption_input_dropped (f->input));
  g_io_stream_close (G_IO_STREAM (a), NULL, NULL);
  g_assert_true (run_until (f, has_log, left, DEADLINE_MS));
  g_assert_true (logged (f, left, dropped_text));
}

static void
test_an_endless_line_holds_no_more_than_the_limit (Fixture *f, gconstpointer unused)
{
  g_autoptr (GSocketConnection) a = connect_to (f);
  gsize endless_size = 5 * 1024 * 1024;
  g_autofree char *endless = repeat ('x', endless_size);
  g_autofree char *expected = repeat ('x', PLENUM_TCP_CAPTION_MAX_BYTES);

  (void) unused;
  send_bytes (a, endless, endless_size, FALSE);
  send_text (a, "\nnach dem Ende\n");
  g_assert_true (run_until (f, has_lines, GUINT_TO_POINTER (2), 4 * DEADLINE_MS));

  g_assert_cmpuint (f->lines->len, ==, 2);
  g_assert_cmpstr (line_at (f, 0), ==, expected);
  g_assert_cmpstr (line_at (f, 1), ==, "nach dem Ende");
  g_assert_cmpuint (f->max_buffered, >, 0);
  g_assert_cmpuint (f->max_buffered, <=, PLENUM_TCP_CAPTION_MAX_BYTES);
  g_assert_cmpuint (plenum_tcp_caption_input_buffered (f->input), ==, 0);
}

static void
test_binary_garbage_yields_at_most_replaced_text (Fixture *f, gconstpointer unused)
{
  g_autoptr (GSocketConnection) a = connect_to (f);
  g_autoptr (GRand) rand = g_rand_new_with_seed (20240607);
  g_autoptr (GByteArray) garbage = g_byte_array_new ();
  /* 15 short lines and one overlong: below the burst, so the rate limit hides nothing. */
  const guint line_sizes[] = { 300, 300, 300, 300, 300, 300, 300, 300,
                               300, 300, 300, 300, 300, 300, 300, 2000 };

  (void) unused;
  for (guint i = 0; i < G_N_ELEMENTS (line_sizes); i++) {
    for (guint j = 0; j < line_sizes[i]; j++) {
      guint8 byte = (guint8) g_rand_int_range (rand, 0, 256);
      if (byte == '\n' || j % 17 == 0)
        byte = 0;
      g_byte_array_append (garbage, &byte, 1);
    }
    g_byte_array_append (garbage, (const guint8 *) "\n", 1);
  }
  send_bytes (a, garbage->data, garbage->len, FALSE);
  send_text (a, "noch da\n");
  g_assert_true (run_until (f, last_line_is, "noch da", DEADLINE_MS));

  g_assert_cmpuint (f->lines->len, <=, G_N_ELEMENTS (line_sizes) + 1);
  for (guint i = 0; i < f->lines->len; i++)
    assert_is_clean_caption (line_at (f, i));
  g_assert_cmpuint (f->max_buffered, <=, PLENUM_TCP_CAPTION_MAX_BYTES);
  g_assert_cmpuint (plenum_tcp_caption_input_dropped (f->input), ==, 0);
}

static void
test_a_captioner_leaving_mid_line_is_logged (Fixture *f, gconstpointer unused)
{
  g_autoptr (GSocketConnection) a = connect_to (f);
  g_autofree char *a_name = name_of (a);
  g_autofree char *left = g_strdup_printf ("captioner %s left", a_name);

  (void) unused;
  send_bytes (a, "Der Antrag ist ang", 18, TRUE);
  g_assert_true (run_until (f, has_log, left, DEADLINE_MS));
  g_assert_true (logged (f, left, "mid-line"));
  g_assert_cmpuint (f->lines->len, ==, 0);
  g_assert_cmpuint (plenum_tcp_caption_input_buffered (f->input), ==, 0);
}

static void
test_a_silent_captioner_blocks_no_one (Fixture *f, gconstpointer unused)
{
  g_autoptr (GSocketConnection) silent = connect_to (f);
  g_autoptr (GSocketConnection) loris = connect_to (f);
  g_autoptr (GSocketConnection) a = connect_to (f);
  g_autofree char *a_name = name_of (a);

  (void) unused;
  send_text (loris, "D");
  send_text (a, "Zur Tagesordnung.\n");
  g_assert_true (run_until (f, line_from, a_name, DEADLINE_MS));
  g_assert_cmpuint (f->lines->len, ==, 1);
  g_assert_cmpstr (line_at (f, 0), ==, "Zur Tagesordnung.");
}

static void
test_a_busy_port_fails_naming_the_address (Fixture *f, gconstpointer unused)
{
  g_autofree char *busy = g_strdup_printf ("127.0.0.1:%u", plenum_tcp_caption_input_port (f->input));
  g_autofree char *prefix = g_strdup_printf ("cannot listen on %s: ", busy);
  g_autoptr (GError) error = NULL;
  g_autoptr (PlenumTcpCaptionInput) second =
      plenum_tcp_caption_input_new (busy, on_line, on_log, f, &error);

  (void) unused;
  g_assert_null (second);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  /* The address is named once, not again in GLib's own wording. */
  g_assert_null (strstr (error->message + strlen (prefix), busy));
}

static void
test_a_malformed_address_fails_naming_it (void)
{
  const char *const malformed[] = { "9720", "127.0.0.1", "127.0.0.1:", "127.0.0.1:70000",
                                    "127.0.0.1:x", "rathaus:9720", "::1:9720", "[127.0.0.1]:9720",
                                    "[::1]9720", ":9720", "", NULL };

  for (guint i = 0; malformed[i]; i++) {
    g_autoptr (GError) error = NULL;
    g_autofree char *prefix = g_strdup_printf ("cannot listen on %s: ", malformed[i]);
    g_autoptr (PlenumTcpCaptionInput) input =
        plenum_tcp_caption_input_new (malformed[i], on_line, on_log, NULL, &error);

    g_test_message ("%s", error ? error->message : "(accepted)");
    g_assert_null (input);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_assert_true (g_str_has_prefix (error->message, prefix));
  }
}

static gboolean
ipv6_loopback_works (void)
{
  g_autoptr (GSocket) socket =
      g_socket_new (G_SOCKET_FAMILY_IPV6, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV6);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);

  return socket != NULL && g_socket_bind (socket, address, TRUE, NULL);
}

static void
test_localhost_and_bracketed_ipv6_are_understood (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PlenumTcpCaptionInput) localhost =
      plenum_tcp_caption_input_new ("localhost:0", on_line, on_log, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (plenum_tcp_caption_input_port (localhost), >, 0);
  if (ipv6_loopback_works ()) {
    g_autoptr (PlenumTcpCaptionInput) v6 =
        plenum_tcp_caption_input_new ("[::1]:0", on_line, on_log, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (plenum_tcp_caption_input_port (v6), >, 0);
  } else {
    g_test_message ("no IPv6 loopback here; [::1] not tried");
  }
}

/* Reads on the client's side until the input closes the connection, or a timeout passes. */
static void
assert_closed_by_input (GSocketConnection *connection)
{
  GInputStream *stream = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  g_autoptr (GError) error = NULL;
  char buffer[64];
  gssize got;

  g_socket_set_timeout (g_socket_connection_get_socket (connection), 2);
  got = g_input_stream_read (stream, buffer, sizeof buffer, NULL, &error);
  if (got < 0)
    g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT));
  else
    g_assert_cmpint (got, ==, 0);
}

static void
test_captioners_beyond_sixteen_are_refused (Fixture *f, gconstpointer unused)
{
  g_autoptr (GPtrArray) admitted = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GSocketConnection) extra = NULL;
  g_autofree char *extra_name = NULL;
  g_autofree char *refused = NULL;

  (void) unused;
  /* One by one: the listen backlog would not hold them all while the loop waits. */
  for (guint i = 0; i < 16; i++) {
    g_autofree char *name = NULL;
    g_autofree char *connected = NULL;
    g_ptr_array_add (admitted, connect_to (f));
    name = name_of (g_ptr_array_index (admitted, i));
    connected = g_strdup_printf ("captioner %s connected", name);
    g_assert_true (run_until (f, has_log, connected, DEADLINE_MS));
  }

  extra = connect_to (f);
  extra_name = name_of (extra);
  refused = g_strdup_printf ("refused captioner %s", extra_name);
  g_assert_true (run_until (f, has_log, refused, DEADLINE_MS));
  assert_closed_by_input (extra);

  /* The admitted ones still work. */
  send_text (g_ptr_array_index (admitted, 0), "weiterhin da\n");
  g_assert_true (run_until (f, has_lines, GUINT_TO_POINTER (1), DEADLINE_MS));
}

static void
test_only_allowed_addresses_may_connect (Fixture *f, gconstpointer unused)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocketConnection) outsider = NULL;
  g_autoptr (GSocketConnection) insider = NULL;
  g_autofree char *outsider_name = NULL;
  g_autofree char *refused = NULL;

  (void) unused;
  g_assert_false (plenum_tcp_caption_input_allow (f->input, "10.8.0.0/33", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "10.8.0.0/33"));
  /* 127.0.0.1 is not 127.0.0.2: the list, once there, is the only way in. */
  g_assert_true (plenum_tcp_caption_input_allow (f->input, "127.0.0.2", NULL));
  outsider = connect_to (f);
  outsider_name = name_of (outsider);
  refused = g_strdup_printf ("refused captioner %s: not an allowed address", outsider_name);
  g_assert_true (run_until (f, has_log, refused, DEADLINE_MS));
  assert_closed_by_input (outsider);

  g_assert_true (plenum_tcp_caption_input_allow (f->input, "127.0.0.0/8", NULL));
  insider = connect_to (f);
  send_text (insider, "darf rein\n");
  g_assert_true (run_until (f, has_lines, GUINT_TO_POINTER (1), DEADLINE_MS));
  g_assert_cmpstr (line_at (f, 0), ==, "darf rein");
}

static void
test_freeing_closes_every_captioner (Fixture *f, gconstpointer unused)
{
  g_autoptr (GSocketConnection) a = connect_to (f);
  g_autoptr (GSocketConnection) b = connect_to (f);
  g_autofree char *b_name = name_of (b);
  g_autofree char *b_connected = g_strdup_printf ("captioner %s connected", b_name);

  (void) unused;
  send_text (a, "halbe Zei");
  g_assert_true (run_until (f, has_log, b_connected, DEADLINE_MS));
  g_clear_pointer (&f->input, plenum_tcp_caption_input_free);
  assert_closed_by_input (a);
  assert_closed_by_input (b);
}

static void
test_a_callback_may_free_the_input (Fixture *f, gconstpointer unused)
{
  g_autoptr (GSocketConnection) a = connect_to (f);
  g_autoptr (GSocketConnection) b = connect_to (f);
  g_autofree char *b_name = name_of (b);
  g_autofree char *b_connected = g_strdup_printf ("captioner %s connected", b_name);

  (void) unused;
  f->free_on_stop = TRUE;
  g_assert_true (run_until (f, has_log, b_connected, DEADLINE_MS));
  send_text (a, "eins\nstop\nzwei\ndrei\n");
  g_assert_true (run_until (f, last_line_is, "stop", DEADLINE_MS));
  g_assert_null (f->input);
  assert_closed_by_input (a);
  assert_closed_by_input (b);
  g_assert_cmpuint (f->lines->len, ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) g_test_add ("/captions/tcp/" name, Fixture, NULL, fixture_set_up, func, \
                                    fixture_tear_down)
  ADD ("lines-from-two-captioners-arrive-with-their-peer",
       test_lines_from_two_captioners_arrive_with_their_peer);
  ADD ("crlf-ends-a-line-like-lf-and-empty-lines-are-ignored",
       test_crlf_ends_a_line_like_lf_and_empty_lines_are_ignored);
  ADD ("an-overlong-line-is-cut-at-a-character-boundary",
       test_an_overlong_line_is_cut_at_a_character_boundary);
  ADD ("a-cut-line-without-newline-arrives-after-two-seconds",
       test_a_cut_line_without_newline_arrives_after_two_seconds);
  ADD ("invalid-utf8-becomes-replacement-characters",
       test_invalid_utf8_becomes_replacement_characters);
  ADD ("control-characters-are-removed-and-white-space-trimmed",
       test_control_characters_are_removed_and_white_space_trimmed);
  ADD ("a-flood-is-throttled-not-queued", test_a_flood_is_throttled_not_queued);
  ADD ("drops-are-reported-at-most-every-five-seconds-and-in-full",
       test_drops_are_reported_at_most_every_five_seconds_and_in_full);
  ADD ("an-endless-line-holds-no-more-than-the-limit",
       test_an_endless_line_holds_no_more_than_the_limit);
  ADD ("binary-garbage-yields-at-most-replaced-text",
       test_binary_garbage_yields_at_most_replaced_text);
  ADD ("a-captioner-leaving-mid-line-is-logged", test_a_captioner_leaving_mid_line_is_logged);
  ADD ("a-silent-captioner-blocks-no-one", test_a_silent_captioner_blocks_no_one);
  ADD ("a-busy-port-fails-naming-the-address", test_a_busy_port_fails_naming_the_address);
  ADD ("captioners-beyond-sixteen-are-refused", test_captioners_beyond_sixteen_are_refused);
  ADD ("only-allowed-addresses-may-connect", test_only_allowed_addresses_may_connect);
  ADD ("freeing-closes-every-captioner", test_freeing_closes_every_captioner);
  ADD ("a-callback-may-free-the-input", test_a_callback_may_free_the_input);
#undef ADD
  g_test_add_func ("/captions/tcp/a-malformed-address-fails-naming-it",
                   test_a_malformed_address_fails_naming_it);
  g_test_add_func ("/captions/tcp/localhost-and-bracketed-ipv6-are-understood",
                   test_localhost_and_bracketed_ipv6_are_understood);
  return g_test_run ();
}

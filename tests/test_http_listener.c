/* Unit tests for studio/http_listener.c: the HTTP servers' connection limits. Clients are plain
 * blocking sockets on a thread of their own; the server runs on the main loop. */
#include <string.h>
#include <gio/gio.h>
#include <libsoup/soup.h>
#include "studio/http_listener.h"

typedef struct {
  SoupServer *soup;
  PlenumHttpListener *listener;
  GMainLoop *loop;
} Fixture;

static void
on_request (SoupServer *soup, SoupServerMessage *msg, const char *path, GHashTable *query,
            gpointer user_data)
{
  (void) soup, (void) path, (void) query, (void) user_data;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "hello", 5);
}

static void
fixture_start (Fixture *f, guint max_connections, guint max_per_client, guint idle_timeout_s)
{
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GError) error = NULL;
  PlenumHttpLimits limits = { max_connections, max_per_client, idle_timeout_s };

  f->soup = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->soup, NULL, on_request, NULL, NULL);
  f->listener = plenum_http_listener_new (f->soup, G_INET_SOCKET_ADDRESS (address), &limits,
                                          &error);
  g_assert_no_error (error);
  f->loop = g_main_loop_new (NULL, FALSE);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  (void) data;
  plenum_http_listener_free (f->listener);
  soup_server_disconnect (f->soup);
  g_object_unref (f->soup);
  g_main_loop_unref (f->loop);
}

static GSocket *
client_connect (Fixture *f)
{
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address =
      g_inet_socket_address_new (loopback, (guint16) plenum_http_listener_port (f->listener));
  g_autoptr (GError) error = NULL;
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                  G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  g_socket_set_timeout (socket, 10);
  g_socket_connect (socket, address, NULL, &error);
  g_assert_no_error (error);
  return socket;
}

static void
client_send (GSocket *socket, const char *text)
{
  g_autoptr (GError) error = NULL;

  g_socket_send (socket, text, strlen (text), NULL, &error);
  g_assert_no_error (error);
}

/* What the server answers before it closes or 10 s pass; "" when it just closes. */
static char *
client_read_all (GSocket *socket)
{
  GString *text = g_string_new (NULL);
  char buffer[4096];
  gssize got;

  while ((got = g_socket_receive (socket, buffer, sizeof buffer, NULL, NULL)) > 0) {
    g_string_append_len (text, buffer, got);
    if (strstr (text->str, "\r\n\r\nhello") != NULL)
      break;
  }
  return g_string_free (text, FALSE);
}

/* A complete GET, answered: TRUE when the answer is 200 "hello". */
static gboolean
client_get (Fixture *f)
{
  g_autoptr (GSocket) socket = client_connect (f);
  g_autofree char *answer = NULL;

  client_send (socket, "GET / HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
  answer = client_read_all (socket);
  return g_str_has_prefix (answer, "HTTP/1.1 200") && g_str_has_suffix (answer, "hello");
}

typedef struct {
  Fixture *f;
  GThreadFunc body;
  gpointer result;
} ClientThread;

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static gpointer
client_thread (gpointer data)
{
  ClientThread *client = data;

  client->result = client->body (client->f);
  g_idle_add (quit_loop, client->f->loop);
  return NULL;
}

/* Runs `body` (a client) on a thread while the server runs here; returns what it returned. */
static gpointer
run_client (Fixture *f, GThreadFunc body)
{
  ClientThread client = { f, body, NULL };
  GThread *thread = g_thread_new ("client", client_thread, &client);

  g_main_loop_run (f->loop);
  g_thread_join (thread);
  return client.result;
}

/* Lets the main loop run for `ms`: what libsoup does after a client left. */
static void
run_for (Fixture *f, guint ms)
{
  g_timeout_add (ms, quit_loop, f->loop);
  g_main_loop_run (f->loop);
}

/* ---- beyond the limits ---------------------------------------------------------------- */

static gpointer
three_from_one_client (gpointer data)
{
  Fixture *f = data;
  g_autoptr (GSocket) first = client_connect (f);
  g_autoptr (GSocket) second = client_connect (f);
  g_autoptr (GSocket) third = client_connect (f);
  g_autofree char *third_answer = NULL;
  g_autofree char *first_answer = NULL;
  gint64 start = g_get_monotonic_time ();

  client_send (first, "GET / HTTP/1.1\r\nHost: test\r\n");   /* not finished (yet) */
  client_send (second, "GET / HTTP/1.1\r\nHost: test\r\n");
  third_answer = client_read_all (third);
  g_assert_cmpstr (third_answer, ==, "");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  /* The two within the limit are served as usual. */
  client_send (first, "Connection: close\r\n\r\n");
  first_answer = client_read_all (first);
  g_assert_true (g_str_has_prefix (first_answer, "HTTP/1.1 200"));
  return GINT_TO_POINTER (TRUE);
}

static void
test_connections_beyond_the_client_limit_are_closed_at_once (Fixture *f, gconstpointer data)
{
  (void) data;
  fixture_start (f, 8, 2, 30);
  g_assert_true (GPOINTER_TO_INT (run_client (f, three_from_one_client)));
}

static gpointer
two_then_one_more (gpointer data)
{
  Fixture *f = data;
  g_autoptr (GSocket) first = client_connect (f);
  g_autoptr (GSocket) second = client_connect (f);
  g_autoptr (GSocket) third = client_connect (f);
  gint64 start = g_get_monotonic_time ();
  g_autofree char *answer = client_read_all (third);

  /* Closed, not left waiting until the client's own 10 s timeout. */
  g_assert_cmpstr (answer, ==, "");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  (void) first, (void) second;
  return GINT_TO_POINTER (TRUE);
}

static void
test_connections_beyond_the_total_limit_are_closed_at_once (Fixture *f, gconstpointer data)
{
  (void) data;
  fixture_start (f, 2, 8, 30);
  g_assert_true (GPOINTER_TO_INT (run_client (f, two_then_one_more)));
}

/* ---- idle and slow clients ------------------------------------------------------------ */

static gpointer
never_finishes_then_waits (gpointer data)
{
  Fixture *f = data;
  g_autoptr (GSocket) socket = client_connect (f);
  g_autofree char *answer = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 waited;

  client_send (socket, "GET / HTTP/1.1\r\nHost: test\r\n");
  answer = client_read_all (socket);   /* until the server closes */
  waited = g_get_monotonic_time () - start;
  g_assert_false (g_str_has_suffix (answer, "hello"));
  g_assert_cmpint (waited, >=, 900 * 1000);
  g_assert_cmpint (waited, <, 5 * G_USEC_PER_SEC);
  return GINT_TO_POINTER (TRUE);
}

static void
test_an_idle_connection_is_closed_after_the_timeout (Fixture *f, gconstpointer data)
{
  (void) data;
  fixture_start (f, 8, 8, 1);
  g_assert_true (GPOINTER_TO_INT (run_client (f, never_finishes_then_waits)));
  run_for (f, 100);
  g_assert_cmpuint (plenum_http_listener_connections (f->listener), ==, 0);
}

static gpointer
slow_one_and_a_quick_one (gpointer data)
{
  Fixture *f = data;
  g_autoptr (GSocket) slow = client_connect (f);
  gint64 start;

  client_send (slow, "GET / HTTP/1.1\r\nHo");
  start = g_get_monotonic_time ();
  g_assert_true (client_get (f));
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  return GINT_TO_POINTER (TRUE);
}

static void
test_a_client_that_never_finishes_delays_no_one (Fixture *f, gconstpointer data)
{
  (void) data;
  fixture_start (f, 8, 8, 30);
  g_assert_true (GPOINTER_TO_INT (run_client (f, slow_one_and_a_quick_one)));
}

static gpointer
one_get (gpointer data)
{
  return GINT_TO_POINTER (client_get (data));
}

static void
test_closed_connections_free_their_place (Fixture *f, gconstpointer data)
{
  (void) data;
  fixture_start (f, 1, 1, 30);
  /* Each GET closes its connection; with room for one, the next gets in only if the place
   * of the one before was given back (libsoup lets go of it a moment after the answer). */
  for (int i = 0; i < 4; i++) {
    g_assert_true (GPOINTER_TO_INT (run_client (f, one_get)));
    run_for (f, 50);
  }
  g_assert_cmpuint (plenum_http_listener_connections (f->listener), ==, 0);
}

/* ---- who a client is ------------------------------------------------------------------ */

static void
test_a_client_is_its_address_or_its_ipv6_64 (void)
{
  static const struct { const char *address, *key; } cases[] = {
    { "192.0.2.7", "192.0.2.7" },
    { "::ffff:192.0.2.7", "192.0.2.7" },
    { "2001:db8:1:2:a:b:c:d", "2001:0db8:0001:0002::/64" },
    { "2001:db8:1:2::ffff", "2001:0db8:0001:0002::/64" },
    { "::1", "0000:0000:0000:0000::/64" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GInetAddress) address = g_inet_address_new_from_string (cases[i].address);
    g_autofree char *key = plenum_http_client_key (address);
    g_assert_cmpstr (key, ==, cases[i].key);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) g_test_add ("/http/listener/" name, Fixture, NULL, NULL, func, \
                                    fixture_tear_down)
  ADD ("connections-beyond-the-client-limit-are-closed-at-once",
       test_connections_beyond_the_client_limit_are_closed_at_once);
  ADD ("connections-beyond-the-total-limit-are-closed-at-once",
       test_connections_beyond_the_total_limit_are_closed_at_once);
  ADD ("an-idle-connection-is-closed-after-the-timeout",
       test_an_idle_connection_is_closed_after_the_timeout);
  ADD ("a-client-that-never-finishes-delays-no-one",
       test_a_client_that_never_finishes_delays_no_one);
  ADD ("closed-connections-free-their-place", test_closed_connections_free_their_place);
#undef ADD
  g_test_add_func ("/http/listener/a-client-is-its-address-or-its-ipv6-64",
                   test_a_client_is_its_address_or_its_ipv6_64);
  return g_test_run ();
}

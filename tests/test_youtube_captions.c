/* Unit tests for captions/youtube_captions.c against a fake of YouTube's caption ingestion: a
 * tiny HTTP/1.1 server on a thread of its own that records every request as it arrived and
 * answers each in turn with a scripted status (200 with a timestamp unless told otherwise).
 * The requests are then checked exactly here, on the test's thread; the main loop runs until
 * the expected requests, captions and log messages are there or a deadline passes. */
#include "captions/youtube_captions.h"

#include <gio/gio.h>
#include <string.h>

#define DEADLINE_MS 5000
#define RETRY_BASE_MS 20
#define SECRET "SECRETKEY123"
#define MAX_REQUEST_BYTES 65536

/* ---- The fake ingestion endpoint ------------------------------------------------------------ */

typedef struct {
  char *method;
  char *path;
  char *query;
  char *content_type; /* NULL if the header is missing */
  char *body;
} Request;

typedef struct {
  GSocket *listener;
  GCancellable *cancellable;
  GThread *thread;
  guint16 port;

  GMutex lock; /* guards the two arrays */
  GPtrArray *requests; /* element-type Request */
  GArray *statuses;    /* guint by request index; requests past the end get 200 */
} FakeIngestion;

static void
request_free (Request *request)
{
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_free (request->content_type);
  g_free (request->body);
  g_free (request);
}

static gssize
find_header_end (const GString *data)
{
  const char *end = g_strstr_len (data->str, data->len, "\r\n\r\n");

  return end == NULL ? -1 : end - data->str + 4;
}

/* Reads the head and, by Content-Length, the body; NULL if the client broke off. */
static GString *
read_request_bytes (GSocket *socket, gsize *head_len)
{
  g_autoptr (GString) data = g_string_new (NULL);
  gssize end = -1;
  gsize want = G_MAXSIZE;

  while (data->len < want && data->len < MAX_REQUEST_BYTES) {
    char chunk[4096];
    gssize got = g_socket_receive (socket, chunk, sizeof chunk, NULL, NULL);

    if (got <= 0)
      return NULL;
    g_string_append_len (data, chunk, got);
    if (end < 0 && (end = find_header_end (data)) >= 0) {
      const char *length = strstr (data->str, "\r\nContent-Length: ");

      if (length == NULL || length > data->str + end)
        return NULL; /* a chunked or bodyless POST is not what YouTube expects */
      want = (gsize) end + g_ascii_strtoull (length + strlen ("\r\nContent-Length: "), NULL, 10);
    }
  }
  *head_len = (gsize) end;
  return g_steal_pointer (&data);
}

static Request *
parse_request (const GString *data, gsize head_len)
{
  g_autofree char *head = g_strndup (data->str, head_len - 4);
  g_auto (GStrv) lines = g_strsplit (head, "\r\n", -1);
  g_auto (GStrv) request_line = g_strsplit (lines[0], " ", 3);
  Request *request = g_new0 (Request, 1);
  char *question;

  request->method = g_strdup (request_line[0]);
  request->path = g_strdup (request_line[1] != NULL ? request_line[1] : "");
  question = strchr (request->path, '?');
  if (question != NULL) {
    request->query = g_strdup (question + 1);
    *question = '\0';
  }
  for (guint i = 1; lines[i] != NULL; i++)
    if (g_ascii_strncasecmp (lines[i], "Content-Type:", strlen ("Content-Type:")) == 0)
      request->content_type = g_strstrip (g_strdup (lines[i] + strlen ("Content-Type:")));
  request->body = g_strndup (data->str + head_len, data->len - head_len);
  return request;
}

static void
answer (GSocket *socket, guint status)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.000\n");
  g_autofree char *response =
      g_strdup_printf ("HTTP/1.1 %u Scripted\r\nContent-Type: text/plain\r\n"
                       "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                       status, strlen (stamp), stamp);

  gsize length = strlen (response);

  for (gsize done = 0; done < length;) {
    gssize wrote = g_socket_send (socket, response + done, length - done, NULL, NULL);

    if (wrote <= 0)
      return;
    done += (gsize) wrote;
  }
}

static void
serve_one (FakeIngestion *fake, GSocket *client)
{
  gsize head_len = 0;
  g_autoptr (GString) data = NULL;
  Request *request;
  guint status = 200;

  g_socket_set_timeout (client, 5);
  data = read_request_bytes (client, &head_len);
  if (data == NULL)
    return;
  request = parse_request (data, head_len);
  g_mutex_lock (&fake->lock);
  if (fake->requests->len < fake->statuses->len)
    status = g_array_index (fake->statuses, guint, fake->requests->len);
  g_ptr_array_add (fake->requests, request);
  g_mutex_unlock (&fake->lock);
  answer (client, status);
  g_socket_shutdown (client, FALSE, TRUE, NULL);
  g_main_context_wakeup (NULL);
}

static gpointer
fake_main (gpointer data)
{
  FakeIngestion *fake = data;

  for (;;) {
    g_autoptr (GSocket) client = g_socket_accept (fake->listener, fake->cancellable, NULL);

    if (client == NULL)
      return NULL;
    serve_one (fake, client);
  }
}

static GSocket *
listen_on_loopback (guint16 *port)
{
  g_autoptr (GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                             G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (socket);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (socket, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  return g_steal_pointer (&socket);
}

static FakeIngestion *
fake_ingestion_start (void)
{
  FakeIngestion *fake = g_new0 (FakeIngestion, 1);

  fake->listener = listen_on_loopback (&fake->port);
  fake->cancellable = g_cancellable_new ();
  g_mutex_init (&fake->lock);
  fake->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) request_free);
  fake->statuses = g_array_new (FALSE, TRUE, sizeof (guint));
  fake->thread = g_thread_new ("fake-ingestion", fake_main, fake);
  return fake;
}

static void
fake_ingestion_stop (FakeIngestion *fake)
{
  g_cancellable_cancel (fake->cancellable);
  g_thread_join (fake->thread);
  g_object_unref (fake->listener);
  g_object_unref (fake->cancellable);
  g_ptr_array_unref (fake->requests);
  g_array_unref (fake->statuses);
  g_mutex_clear (&fake->lock);
  g_free (fake);
}

/* The answers to the first requests, in order; every later request gets 200. */
static void
fake_ingestion_script (FakeIngestion *fake, const guint *statuses, guint count)
{
  g_mutex_lock (&fake->lock);
  g_array_append_vals (fake->statuses, statuses, count);
  g_mutex_unlock (&fake->lock);
}

static guint
fake_ingestion_count (FakeIngestion *fake)
{
  guint count;

  g_mutex_lock (&fake->lock);
  count = fake->requests->len;
  g_mutex_unlock (&fake->lock);
  return count;
}

/* Only read once the sender is done with the request, so no lock is needed for its fields. */
static const Request *
fake_ingestion_request (FakeIngestion *fake, guint index)
{
  const Request *request;

  g_mutex_lock (&fake->lock);
  g_assert_cmpuint (index, <, fake->requests->len);
  request = g_ptr_array_index (fake->requests, index);
  g_mutex_unlock (&fake->lock);
  return request;
}

/* ---- Fixture -------------------------------------------------------------------------------- */

typedef struct {
  FakeIngestion *fake;
  PlenumYoutubeCaptions *captions;
  GPtrArray *logs; /* element-type utf8 */
} Fixture;

static void
on_log (const char *message, gpointer data)
{
  Fixture *f = data;

  g_test_message ("log: %s", message);
  g_ptr_array_add (f->logs, g_strdup (message));
}

static PlenumYoutubeCaptions *
captions_new_for (Fixture *f, const char *url)
{
  g_autoptr (GError) error = NULL;
  PlenumYoutubeCaptions *captions = plenum_youtube_captions_new (url, on_log, f, &error);

  g_assert_no_error (error);
  g_assert_nonnull (captions);
  plenum_youtube_captions_set_retry_base_ms (captions, RETRY_BASE_MS);
  return captions;
}

static void
fixture_set_up (Fixture *f, gconstpointer unused)
{
  g_autofree char *url = NULL;

  (void) unused;
  f->logs = g_ptr_array_new_with_free_func (g_free);
  f->fake = fake_ingestion_start ();
  url = g_strdup_printf ("http://127.0.0.1:%u/closedcaption?cid=" SECRET, f->fake->port);
  f->captions = captions_new_for (f, url);
}

/* Whatever a test did, no log message may show the caption key. */
static void
assert_no_log_shows_the_key (Fixture *f)
{
  for (guint i = 0; i < f->logs->len; i++) {
    const char *message = g_ptr_array_index (f->logs, i);

    g_assert_null (strstr (message, SECRET));
    g_assert_null (strstr (message, "cid="));
    g_assert_null (strstr (message, "seq="));
  }
}

static void
fixture_tear_down (Fixture *f, gconstpointer unused)
{
  (void) unused;
  g_clear_pointer (&f->captions, plenum_youtube_captions_free);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  assert_no_log_shows_the_key (f);
  fake_ingestion_stop (f->fake);
  g_ptr_array_unref (f->logs);
}

static gboolean
tick (gpointer unused)
{
  (void) unused;
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until the fake has `requests` requests, the sender counts `sent`
 * captions and `logs` messages arrived; FALSE if that did not happen in time. The tick wakes
 * the loop for the sent counter, which changes on the sender's thread without telling it. */
static gboolean
wait_for (Fixture *f, guint requests, guint64 sent, guint logs)
{
  gint64 deadline = g_get_monotonic_time () + DEADLINE_MS * 1000;
  g_autoptr (GSource) ticker = g_timeout_source_new (5);
  gboolean done;

  g_source_set_callback (ticker, tick, NULL, NULL);
  g_source_attach (ticker, NULL);
  while (!(done = fake_ingestion_count (f->fake) >= requests
                  && plenum_youtube_captions_sent (f->captions) >= sent
                  && f->logs->len >= logs)
         && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_destroy (ticker);
  return done;
}

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs `context` until `*done` or for `ms` milliseconds; for what must NOT happen, only a
 * window of time can tell. */
static void
run_context (GMainContext *context, const guint *done, guint ms)
{
  gboolean over = FALSE;
  g_autoptr (GSource) timer = g_timeout_source_new (ms);

  g_source_set_callback (timer, set_flag, &over, NULL);
  g_source_attach (timer, context);
  while (!over && (done == NULL || *done == 0))
    g_main_context_iteration (context, TRUE);
  g_source_destroy (timer);
}

static GDateTime *
utc_time (gint64 unix_seconds, gint milliseconds)
{
  g_autoptr (GDateTime) whole = g_date_time_new_from_unix_utc (unix_seconds);

  return g_date_time_add (whole, milliseconds * G_TIME_SPAN_MILLISECOND);
}

#define T_2024_05_18_16_01_02 G_GINT64_CONSTANT (1716048062)

/* Everything YouTube's documentation asks of one POST, checked exactly. */
static void
assert_request (FakeIngestion *fake, guint index, guint64 seq, const char *body)
{
  const Request *request = fake_ingestion_request (fake, index);
  g_autofree char *query = g_strdup_printf ("cid=" SECRET "&seq=%" G_GUINT64_FORMAT, seq);

  g_assert_cmpstr (request->method, ==, "POST");
  g_assert_cmpstr (request->path, ==, "/closedcaption");
  g_assert_cmpstr (request->query, ==, query);
  g_assert_cmpstr (request->content_type, ==, "text/plain");
  g_assert_true (g_regex_match_simple ("^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\n"
                                       "[^\\n]*\\n)+$", request->body, 0, 0));
  g_assert_cmpstr (request->body, ==, body);
}

/* ---- Tests ---------------------------------------------------------------------------------- */

static void
test_three_captions_arrive_in_order (Fixture *f, gconstpointer unused)
{
  g_autoptr (GDateTime) first = utc_time (T_2024_05_18_16_01_02, 310);
  g_autoptr (GDateTime) second = utc_time (T_2024_05_18_16_01_02 + 1, 5);
  g_autoptr (GDateTime) third = utc_time (T_2024_05_18_16_01_02 + 62, 999);

  (void) unused;
  plenum_youtube_captions_send (f->captions, "Good evening, everyone.", first);
  plenum_youtube_captions_send (f->captions, "The meeting is open.", second);
  plenum_youtube_captions_send (f->captions, "Élu·es présent·es : 12", third);
  g_assert_true (wait_for (f, 3, 3, 0));

  g_assert_cmpuint (fake_ingestion_count (f->fake), ==, 3);
  assert_request (f->fake, 0, 1, "2024-05-18T16:01:02.310\nGood evening, everyone.\n");
  assert_request (f->fake, 1, 2, "2024-05-18T16:01:03.005\nThe meeting is open.\n");
  assert_request (f->fake, 2, 3, "2024-05-18T16:02:04.999\nÉlu·es présent·es : 12\n");
  g_assert_cmpuint (plenum_youtube_captions_sent (f->captions), ==, 3);
  g_assert_cmpuint (f->logs->len, ==, 0);
}

static void
test_a_retry_keeps_its_seq (Fixture *f, gconstpointer unused)
{
  static const guint statuses[] = { 200, 500 };
  g_autoptr (GDateTime) when = utc_time (T_2024_05_18_16_01_02, 0);

  (void) unused;
  fake_ingestion_script (f->fake, statuses, G_N_ELEMENTS (statuses));
  plenum_youtube_captions_send (f->captions, "one", when);
  plenum_youtube_captions_send (f->captions, "two", when);
  plenum_youtube_captions_send (f->captions, "three", when);
  g_assert_true (wait_for (f, 4, 3, 0));

  g_assert_cmpuint (fake_ingestion_count (f->fake), ==, 4);
  assert_request (f->fake, 0, 1, "2024-05-18T16:01:02.000\none\n");
  assert_request (f->fake, 1, 2, "2024-05-18T16:01:02.000\ntwo\n");
  assert_request (f->fake, 2, 2, "2024-05-18T16:01:02.000\ntwo\n");
  assert_request (f->fake, 3, 3, "2024-05-18T16:01:02.000\nthree\n");
  g_assert_cmpuint (f->logs->len, ==, 0);
}

static void
test_a_400_is_logged_and_dropped (Fixture *f, gconstpointer unused)
{
  static const guint statuses[] = { 400 };
  g_autoptr (GDateTime) when = utc_time (T_2024_05_18_16_01_02, 0);
  const char *message;

  (void) unused;
  fake_ingestion_script (f->fake, statuses, G_N_ELEMENTS (statuses));
  plenum_youtube_captions_send (f->captions, "refused", when);
  plenum_youtube_captions_send (f->captions, "accepted", when);
  g_assert_true (wait_for (f, 2, 1, 1));

  g_assert_cmpuint (fake_ingestion_count (f->fake), ==, 2);
  assert_request (f->fake, 0, 1, "2024-05-18T16:01:02.000\nrefused\n");
  assert_request (f->fake, 1, 2, "2024-05-18T16:01:02.000\naccepted\n");
  g_assert_cmpuint (plenum_youtube_captions_sent (f->captions), ==, 1);
  g_assert_cmpuint (f->logs->len, ==, 1);
  message = g_ptr_array_index (f->logs, 0);
  g_assert_nonnull (strstr (message, "400"));
  g_assert_nonnull (strstr (message, "http://127.0.0.1"));
}

static void
test_a_lasting_5xx_is_retried_three_times_then_dropped (Fixture *f, gconstpointer unused)
{
  static const guint statuses[] = { 503, 503, 503, 503 };
  g_autoptr (GDateTime) when = utc_time (T_2024_05_18_16_01_02, 0);

  (void) unused;
  fake_ingestion_script (f->fake, statuses, G_N_ELEMENTS (statuses));
  plenum_youtube_captions_send (f->captions, "lost", when);
  plenum_youtube_captions_send (f->captions, "kept", when);
  g_assert_true (wait_for (f, 5, 1, 1));

  g_assert_cmpuint (fake_ingestion_count (f->fake), ==, 5);
  for (guint i = 0; i < 4; i++)
    assert_request (f->fake, i, 1, "2024-05-18T16:01:02.000\nlost\n");
  assert_request (f->fake, 4, 2, "2024-05-18T16:01:02.000\nkept\n");
  g_assert_cmpuint (f->logs->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (f->logs, 0), "503"));
}

/* A port nobody listens on: bound once, then closed. */
static char *
unreachable_url (void)
{
  guint16 port;
  g_autoptr (GSocket) socket = listen_on_loopback (&port);

  g_socket_close (socket, NULL);
  return g_strdup_printf ("http://127.0.0.1:%u/closedcaption?cid=" SECRET, port);
}

static void
test_an_unreachable_server_is_logged_by_host (Fixture *f, gconstpointer unused)
{
  g_autofree char *url = unreachable_url ();
  const char *message;

  (void) unused;
  plenum_youtube_captions_free (f->captions);
  f->captions = captions_new_for (f, url);
  plenum_youtube_captions_send (f->captions, "into the void", NULL);
  g_assert_true (wait_for (f, 0, 0, 1));

  g_assert_cmpuint (f->logs->len, ==, 1);
  message = g_ptr_array_index (f->logs, 0);
  g_assert_nonnull (strstr (message, "http://127.0.0.1"));
  g_assert_null (strstr (message, "/closedcaption"));
  g_assert_cmpuint (plenum_youtube_captions_sent (f->captions), ==, 0);
}

/* Every kind of trouble the sender reports, with the key checked in each message. */
static void
test_the_key_never_appears_in_a_log (Fixture *f, gconstpointer unused)
{
  static const guint statuses[] = { 401, 403, 404, 500, 500, 500, 500 };
  g_autofree char *url = unreachable_url ();

  (void) unused;
  fake_ingestion_script (f->fake, statuses, G_N_ELEMENTS (statuses));
  for (guint i = 0; i < 4; i++)
    plenum_youtube_captions_send (f->captions, "cid=" SECRET " said aloud stays in the body",
                                  NULL);
  g_assert_true (wait_for (f, G_N_ELEMENTS (statuses), 0, 4));
  plenum_youtube_captions_free (f->captions);
  f->captions = captions_new_for (f, url);
  plenum_youtube_captions_send (f->captions, "unreachable", NULL);
  g_assert_true (wait_for (f, 0, 0, 5));

  g_assert_cmpuint (f->logs->len, ==, 5);
  assert_no_log_shows_the_key (f);
}

static void
test_line_breaks_become_br_and_times_become_utc (Fixture *f, gconstpointer unused)
{
  g_autoptr (GTimeZone) paris_summer = g_time_zone_new_identifier ("+02:00");
  g_autoptr (GDateTime) utc = utc_time (T_2024_05_18_16_01_02, 310);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, paris_summer);

  (void) unused;
  g_assert_cmpint (g_date_time_get_hour (local), ==, 18);
  plenum_youtube_captions_send (f->captions, "first line\nsecond\r\nthird\tend", local);
  g_assert_true (wait_for (f, 1, 1, 0));

  assert_request (f->fake, 0, 1, "2024-05-18T16:01:02.310\nfirst line<br>second<br>third end\n");
}

static void
test_a_url_without_query_gets_seq_as_its_query (Fixture *f, gconstpointer unused)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/cc", f->fake->port);
  const Request *request;

  (void) unused;
  plenum_youtube_captions_free (f->captions);
  f->captions = captions_new_for (f, url);
  plenum_youtube_captions_send (f->captions, "hello", NULL);
  g_assert_true (wait_for (f, 1, 1, 0));

  request = fake_ingestion_request (f->fake, 0);
  g_assert_cmpstr (request->path, ==, "/cc");
  g_assert_cmpstr (request->query, ==, "seq=1");
}

static void
test_no_log_arrives_after_free (Fixture *f, gconstpointer unused)
{
  g_autofree char *url = unreachable_url ();

  (void) unused;
  plenum_youtube_captions_free (f->captions);
  f->captions = captions_new_for (f, url);
  /* Long enough that free() finds the worker waiting to retry, which reports the drop. */
  plenum_youtube_captions_set_retry_base_ms (f->captions, 60000);
  plenum_youtube_captions_send (f->captions, "too late", NULL);
  g_clear_pointer (&f->captions, plenum_youtube_captions_free);

  run_context (NULL, NULL, 200);
  g_assert_cmpuint (f->logs->len, ==, 0);
}

/* A server that takes the connection and never answers must not hold up the studio's exit. */
static void
test_free_gives_a_silent_server_only_a_short_grace (Fixture *f, gconstpointer unused)
{
  guint16 port;
  g_autoptr (GSocket) silent = listen_on_loopback (&port);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/cc?cid=" SECRET, port);
  gint64 start;

  (void) unused;
  plenum_youtube_captions_free (f->captions);
  f->captions = captions_new_for (f, url);
  for (guint i = 0; i < 10; i++)
    plenum_youtube_captions_send (f->captions, "unanswered", NULL);
  start = g_get_monotonic_time ();
  g_clear_pointer (&f->captions, plenum_youtube_captions_free);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
}

/* YouTube stops answering in the middle of a speech: the backlog stays bounded, and the operator
 * hears of it once rather than for every caption. */
static void
test_a_full_queue_drops_the_oldest_and_says_so_once (Fixture *f, gconstpointer unused)
{
  guint16 port;
  g_autoptr (GSocket) silent = listen_on_loopback (&port);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/cc?cid=" SECRET, port);

  (void) unused;
  plenum_youtube_captions_free (f->captions);
  f->captions = captions_new_for (f, url);
  for (guint i = 0; i < PLENUM_YOUTUBE_CAPTIONS_MAX_PENDING + 10; i++)
    plenum_youtube_captions_send (f->captions, "piling up", NULL);
  g_assert_true (wait_for (f, 0, 0, 1));
  run_context (NULL, NULL, 100);

  g_assert_cmpuint (f->logs->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (f->logs, 0), "dropping the oldest"));
  g_assert_nonnull (strstr (g_ptr_array_index (f->logs, 0), "http://127.0.0.1"));
}

typedef struct {
  GMainContext *context;
  guint count;
  gboolean on_its_context;
} ContextCheck;

static void
on_log_checking_context (const char *message, gpointer data)
{
  ContextCheck *check = data;

  (void) message;
  check->count++;
  check->on_its_context = g_main_context_is_owner (check->context)
                          && g_main_context_get_thread_default () == check->context;
}

static void
test_logs_arrive_on_the_creators_context (void)
{
  g_autofree char *url = unreachable_url ();
  g_autoptr (GMainContext) context = g_main_context_new ();
  ContextCheck check = { context, 0, FALSE };
  g_autoptr (GError) error = NULL;
  g_autoptr (PlenumYoutubeCaptions) captions = NULL;

  g_main_context_push_thread_default (context);
  captions = plenum_youtube_captions_new (url, on_log_checking_context, &check, &error);
  g_assert_no_error (error);
  plenum_youtube_captions_set_retry_base_ms (captions, 1);
  plenum_youtube_captions_send (captions, "where does the news go?", NULL);
  g_main_context_pop_thread_default (context);

  /* The default context must not see it, however long it runs. */
  run_context (NULL, NULL, 300);
  g_assert_cmpuint (check.count, ==, 0);

  g_main_context_push_thread_default (context);
  run_context (context, &check.count, DEADLINE_MS);
  g_main_context_pop_thread_default (context);
  g_assert_cmpuint (check.count, ==, 1);
  g_assert_true (check.on_its_context);
}

static void
assert_url_refused_without_key (const char *url, const char *shown)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PlenumYoutubeCaptions) captions = plenum_youtube_captions_new (url, NULL, NULL,
                                                                          &error);

  g_assert_null (captions);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_test_message ("%s -> %s", shown != NULL ? shown : "-", error->message);
  g_assert_null (strstr (error->message, SECRET));
  g_assert_null (strstr (error->message, "cid"));
  g_assert_null (strstr (error->message, "/cc"));
  if (shown != NULL)
    g_assert_nonnull (strstr (error->message, shown));
}

static void
test_a_bad_url_fails_without_showing_its_key (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PlenumYoutubeCaptions) fine = NULL;

  assert_url_refused_without_key ("rtmp://a.rtmp.youtube.com/cc?cid=" SECRET,
                                  "rtmp://a.rtmp.youtube.com");
  assert_url_refused_without_key ("upload.youtube.com/cc?cid=" SECRET, NULL);
  assert_url_refused_without_key ("http:///cc?cid=" SECRET, NULL);
  assert_url_refused_without_key ("http://up load/cc?cid=" SECRET, NULL);
  assert_url_refused_without_key ("http://upload.youtube.com/cc?cid=" SECRET "\nmore", NULL);
  assert_url_refused_without_key ("", NULL);

  /* As pasted from a web page, with a newline. */
  fine = plenum_youtube_captions_new (" https://upload.youtube.com/closedcaption?cid=" SECRET "\n",
                                      NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fine);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add ("/captions/youtube/" name, Fixture, NULL, fixture_set_up, \
                                    func, fixture_tear_down)
  ADD ("three-captions-arrive-in-order-with-seq-1-2-3", test_three_captions_arrive_in_order);
  ADD ("a-retry-keeps-its-seq-and-its-body", test_a_retry_keeps_its_seq);
  ADD ("a-400-is-logged-and-dropped-and-the-next-caption-still-goes",
       test_a_400_is_logged_and_dropped);
  ADD ("a-lasting-5xx-is-retried-three-times-then-dropped",
       test_a_lasting_5xx_is_retried_three_times_then_dropped);
  ADD ("an-unreachable-server-is-logged-by-its-host-only",
       test_an_unreachable_server_is_logged_by_host);
  ADD ("the-key-never-appears-in-a-log", test_the_key_never_appears_in_a_log);
  ADD ("line-breaks-become-br-and-times-become-utc",
       test_line_breaks_become_br_and_times_become_utc);
  ADD ("a-url-without-query-gets-seq-as-its-query",
       test_a_url_without_query_gets_seq_as_its_query);
  ADD ("no-log-arrives-after-free", test_no_log_arrives_after_free);
  ADD ("free-gives-a-silent-server-only-a-short-grace",
       test_free_gives_a_silent_server_only_a_short_grace);
  ADD ("a-full-queue-drops-the-oldest-and-says-so-once",
       test_a_full_queue_drops_the_oldest_and_says_so_once);
#undef ADD
  g_test_add_func ("/captions/youtube/logs-arrive-on-the-context-that-created-the-sender",
                   test_logs_arrive_on_the_creators_context);
  g_test_add_func ("/captions/youtube/a-bad-url-fails-without-showing-its-key",
                   test_a_bad_url_fails_without_showing_its_key);
  return g_test_run ();
}

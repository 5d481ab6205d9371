/* tcp_input.c — lines from human captioners over TCP, on the main context.
 *
 * Each client has exactly one asynchronous read of READ_CHUNK bytes pending; lines are split
 * here rather than by GDataInputStream, whose read_line keeps a line of any length. Only the
 * first PLENUM_TCP_CAPTION_MAX_BYTES received bytes of a line are kept (in a fixed buffer), so
 * an endless line, a slow-loris client or binary garbage holds at most that much per client.
 *
 * A line that outgrows the buffer is cut. It is delivered when its newline comes, or
 * CUT_LINE_DELAY_MS after the cut if the newline is still missing: a captioner's software
 * that never ends a line must not make the text vanish, while the usual overlong line that
 * ends soon after is delivered once, at its end. The rest, up to the next newline, is dropped.
 *
 * Callbacks may free the input, so every user callback is the last thing a code path does
 * with the input, and clients are reference-counted: a pending read keeps its client alive.
 */
#include "captions/tcp_input.h"

#include <gio/gio.h>
#include <string.h>

#define READ_CHUNK 8192
#define CUT_LINE_DELAY_MS 2000
#define LOG_INTERVAL_US (5 * G_USEC_PER_SEC)
/* Loopback captioners are one or two; the cap keeps a connection flood from taking fds. */
#define MAX_CLIENTS 16

typedef struct {
  PlenumTcpCaptionInput *input; /* NULL once the client is closed */
  GSocketConnection *connection;
  GCancellable *cancellable;
  char *peer;

  guint8 line[PLENUM_TCP_CAPTION_MAX_BYTES];
  gsize line_len;
  gboolean line_cut;       /* the line outgrew `line`; the rest until the newline is dropped */
  gboolean line_delivered; /* the cut line went out on the timer; its newline ends nothing */
  GSource *cut_timer;

  double tokens;
  gint64 tokens_updated_us;

  guint64 dropped;
  guint64 dropped_unreported;
  gint64 drops_reported_us;
  GSource *report_timer;
} Client;

struct _PlenumTcpCaptionInput {
  GSocketService *service;
  GMainContext *context;
  GPtrArray *clients; /* element-type Client, one reference each */
  GPtrArray *allowed; /* element-type GInetAddressMask; empty: every peer may connect */
  PlenumTcpCaptionFunc on_line;
  PlenumTcpCaptionLogFunc on_log;
  gpointer user_data;
  guint port;
  guint64 dropped;
  gint64 refusal_logged_us;
};

static void client_read_next (Client *client);

/* ---- Cleaning a line ---------------------------------------------------------------------- */

/* A character the cut split in two is dropped whole rather than turned into U+FFFD. */
static void
drop_incomplete_tail (GString *bytes)
{
  for (gsize back = 1; back <= 4 && back <= bytes->len; back++) {
    const char *start = bytes->str + bytes->len - back;
    if (((guchar) *start & 0xC0) != 0x80) {
      if (g_utf8_get_char_validated (start, back) == (gunichar) -2)
        g_string_truncate (bytes, bytes->len - back);
      return;
    }
  }
}

static void
truncate_at_character (GString *text, gsize max_bytes)
{
  gsize cut = max_bytes;

  if (text->len <= max_bytes)
    return;
  while (cut > 0 && ((guchar) text->str[cut] & 0xC0) == 0x80)
    cut--;
  g_string_truncate (text, cut);
}

char *
plenum_tcp_caption_from_bytes (const guint8 *raw, gsize len, gboolean was_cut)
{
  g_autoptr (GString) bytes = g_string_sized_new (len);
  g_autofree char *valid = NULL;
  GString *text;
  char *caption;

  /* NUL is a control character to drop; g_utf8_make_valid would call it invalid UTF-8. */
  for (gsize i = 0; i < len; i++)
    if (raw[i] != 0)
      g_string_append_c (bytes, (char) raw[i]);
  if (was_cut)
    drop_incomplete_tail (bytes);
  valid = g_utf8_make_valid (bytes->str, bytes->len);

  text = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p; p = g_utf8_next_char (p)) {
    if (!g_unichar_iscntrl (g_utf8_get_char (p)))
      g_string_append_len (text, p, g_utf8_next_char (p) - p);
  }
  /* Replacement characters may have made the line longer than the bytes received. */
  truncate_at_character (text, PLENUM_TCP_CAPTION_MAX_BYTES);
  caption = g_strstrip (g_string_free (text, FALSE));
  if (*caption == '\0') {
    g_free (caption);
    return NULL;
  }
  return caption;
}

/* ---- Clients ------------------------------------------------------------------------------ */

static Client *
client_ref (Client *client)
{
  return g_rc_box_acquire (client);
}

static void
client_clear (Client *client)
{
  g_object_unref (client->connection);
  g_object_unref (client->cancellable);
  g_free (client->peer);
}

static void
client_unref (Client *client)
{
  g_rc_box_release_full (client, (GDestroyNotify) client_clear);
}

static void
stop_timer (GSource **timer)
{
  if (*timer == NULL)
    return;
  g_source_destroy (*timer);
  g_clear_pointer (timer, g_source_unref);
}

static GSource *
client_start_timer (Client *client, guint ms, GSourceFunc func)
{
  GSource *timer = g_timeout_source_new (ms);

  g_source_set_callback (timer, func, client, NULL);
  g_source_attach (timer, client->input->context);
  return timer; /* transfer full */
}

static char *
peer_name (GSocketConnection *connection)
{
  g_autoptr (GSocketAddress) address = g_socket_connection_get_remote_address (connection, NULL);

  if (address == NULL)
    return g_strdup ("an unknown peer");
  return g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (address));
}

static Client *
client_new (PlenumTcpCaptionInput *input, GSocketConnection *connection)
{
  Client *client = g_rc_box_new0 (Client);
  gint64 now = g_get_monotonic_time ();

  client->input = input;
  client->connection = g_object_ref (connection);
  client->cancellable = g_cancellable_new ();
  client->peer = peer_name (connection);
  client->tokens = PLENUM_TCP_CAPTION_BURST;
  client->tokens_updated_us = now;
  client->drops_reported_us = now - LOG_INTERVAL_US;
  /* A captioner whose network vanished is noticed eventually instead of never. */
  g_socket_set_keepalive (g_socket_connection_get_socket (connection), TRUE);
  return client;
}

/* Closes the connection at once; a cancelled read still pending drops its reference later. */
static void
client_close (Client *client)
{
  g_cancellable_cancel (client->cancellable);
  stop_timer (&client->cut_timer);
  stop_timer (&client->report_timer);
  g_io_stream_close (G_IO_STREAM (client->connection), NULL, NULL);
  client->input = NULL;
}

static void
client_close_and_unref (Client *client)
{
  client_close (client);
  client_unref (client);
}

static void
client_log (Client *client, const char *message)
{
  client->input->on_log (message, client->input->user_data);
}

static void
client_report_drops (Client *client)
{
  g_autofree char *message =
      g_strdup_printf ("captioner %s sends too fast: %" G_GUINT64_FORMAT " line%s dropped",
                       client->peer, client->dropped_unreported,
                       client->dropped_unreported == 1 ? "" : "s");

  client->dropped_unreported = 0;
  client->drops_reported_us = g_get_monotonic_time ();
  client_log (client, message);
}

static gboolean
client_report_timer_fired (gpointer data)
{
  Client *client = client_ref (data);

  g_clear_pointer (&client->report_timer, g_source_unref);
  if (client->dropped_unreported > 0)
    client_report_drops (client);
  client_unref (client);
  return G_SOURCE_REMOVE;
}

/* Reports at once if the last report is old enough, otherwise when it is: a flood is one
 * message every LOG_INTERVAL_US, and its last drops are reported too. */
static void
client_count_drop (Client *client)
{
  gint64 since_report = g_get_monotonic_time () - client->drops_reported_us;

  client->input->dropped++;
  client->dropped++;
  client->dropped_unreported++;
  if (client->report_timer != NULL)
    return;
  if (since_report >= LOG_INTERVAL_US) {
    client_report_drops (client);
    return;
  }
  client->report_timer = client_start_timer (
      client, (guint) ((LOG_INTERVAL_US - since_report + 999) / 1000), client_report_timer_fired);
}

/* Token bucket: PLENUM_TCP_CAPTION_BURST lines at once, then PLENUM_TCP_CAPTION_LINES_PER_S. */
static gboolean
client_take_token (Client *client)
{
  gint64 now = g_get_monotonic_time ();
  double refill = (double) (now - client->tokens_updated_us) * PLENUM_TCP_CAPTION_LINES_PER_S /
                  G_USEC_PER_SEC;

  client->tokens = MIN ((double) PLENUM_TCP_CAPTION_BURST, client->tokens + refill);
  client->tokens_updated_us = now;
  if (client->tokens < 1.0)
    return FALSE;
  client->tokens -= 1.0;
  return TRUE;
}

static void
client_deliver (Client *client, const guint8 *raw, gsize len, gboolean was_cut)
{
  g_autofree char *caption = plenum_tcp_caption_from_bytes (raw, len, was_cut);

  if (caption == NULL)
    return;
  if (!client_take_token (client)) {
    client_count_drop (client);
    return;
  }
  client->input->on_line (caption, client->peer, client->input->user_data);
}

static gboolean
client_cut_timer_fired (gpointer data)
{
  Client *client = client_ref (data);
  guint8 raw[PLENUM_TCP_CAPTION_MAX_BYTES];
  gsize len = client->line_len;

  g_clear_pointer (&client->cut_timer, g_source_unref);
  memcpy (raw, client->line, len);
  client->line_len = 0;
  client->line_delivered = TRUE;
  client_deliver (client, raw, len, TRUE);
  client_unref (client);
  return G_SOURCE_REMOVE;
}

static void
client_append (Client *client, const guint8 *data, gsize len)
{
  gsize room = sizeof client->line - client->line_len;

  if (client->line_cut)
    return;
  memcpy (client->line + client->line_len, data, MIN (len, room));
  client->line_len += MIN (len, room);
  if (len > room) {
    client->line_cut = TRUE;
    client->cut_timer = client_start_timer (client, CUT_LINE_DELAY_MS, client_cut_timer_fired);
  }
}

static void
client_end_line (Client *client)
{
  guint8 raw[PLENUM_TCP_CAPTION_MAX_BYTES];
  gsize len = client->line_len;
  gboolean was_cut = client->line_cut;
  gboolean delivered = client->line_delivered;

  stop_timer (&client->cut_timer);
  memcpy (raw, client->line, len);
  client->line_len = 0;
  client->line_cut = FALSE;
  client->line_delivered = FALSE;
  if (!delivered)
    client_deliver (client, raw, len, was_cut);
}

/* Returns FALSE if a callback closed the client (by freeing the input). */
static gboolean
client_take (Client *client, const guint8 *data, gsize size)
{
  const guint8 *end = data + size;

  while (data < end) {
    const guint8 *newline = memchr (data, '\n', (gsize) (end - data));

    client_append (client, data, (gsize) ((newline ? newline : end) - data));
    if (newline == NULL)
      break;
    client_end_line (client);
    if (client->input == NULL)
      return FALSE;
    data = newline + 1;
  }
  return TRUE;
}

static void
client_leave (Client *client, const GError *error)
{
  PlenumTcpCaptionInput *input = client->input;
  g_autoptr (GString) message = g_string_new (NULL);

  g_string_printf (message, "captioner %s left", client->peer);
  if (error != NULL)
    g_string_append_printf (message, " (%s)", error->message);
  if (client->line_len > 0 || client->line_cut)
    g_string_append (message, " mid-line; the unfinished line is dropped");
  if (client->dropped > 0)
    g_string_append_printf (message, "; %" G_GUINT64_FORMAT " lines were dropped for coming too fast",
                            client->dropped);
  /* Removing closes the client; the caller's reference keeps it readable. */
  g_ptr_array_remove (input->clients, client);
  input->on_log (message->str, input->user_data);
}

static void
client_read_done (GObject *stream, GAsyncResult *result, gpointer data)
{
  Client *client = data; /* transfer full: the reference of the read */
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes =
      g_input_stream_read_bytes_finish (G_INPUT_STREAM (stream), result, &error);

  if (client->input == NULL) {
    client_unref (client);
    return;
  }
  if (bytes == NULL || g_bytes_get_size (bytes) == 0) {
    client_leave (client, error);
  } else {
    gsize size;
    const guint8 *chunk = g_bytes_get_data (bytes, &size);
    if (client_take (client, chunk, size))
      client_read_next (client);
  }
  client_unref (client);
}

static void
client_read_next (Client *client)
{
  GInputStream *stream = g_io_stream_get_input_stream (G_IO_STREAM (client->connection));

  g_input_stream_read_bytes_async (stream, READ_CHUNK, G_PRIORITY_DEFAULT, client->cancellable,
                                   client_read_done, client_ref (client));
}

/* ---- The listening service ---------------------------------------------------------------- */

/* Closes `connection`; the log says why, at most every LOG_INTERVAL_US (a flood of
 * connections is one line). */
static void
refuse (PlenumTcpCaptionInput *input, GSocketConnection *connection, const char *reason)
{
  g_autofree char *peer = peer_name (connection);
  g_autofree char *message = NULL;
  gint64 now = g_get_monotonic_time ();

  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  if (now - input->refusal_logged_us < LOG_INTERVAL_US) {
    g_debug ("refused captioner %s: %s", peer, reason);
    return;
  }
  input->refusal_logged_us = now;
  message = g_strdup_printf ("refused captioner %s: %s", peer, reason);
  input->on_log (message, input->user_data);
}

/* Whether the peer of `connection` is one of the allowed addresses (any, without a list). */
static gboolean
peer_allowed (PlenumTcpCaptionInput *input, GSocketConnection *connection)
{
  g_autoptr (GSocketAddress) remote = NULL;
  g_autoptr (GInetAddress) ipv4 = NULL;
  GInetAddress *address;

  if (input->allowed->len == 0)
    return TRUE;
  remote = g_socket_connection_get_remote_address (connection, NULL);
  if (!G_IS_INET_SOCKET_ADDRESS (remote))
    return FALSE;
  address = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote));
  /* On a dual-stack socket an IPv4 peer comes as ::ffff:a.b.c.d; the list says a.b.c.d. */
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6 &&
      memcmp (g_inet_address_to_bytes (address), "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0) {
    ipv4 = g_inet_address_new_from_bytes (g_inet_address_to_bytes (address) + 12,
                                          G_SOCKET_FAMILY_IPV4);
    address = ipv4;
  }
  for (guint i = 0; i < input->allowed->len; i++)
    if (g_inet_address_mask_matches (g_ptr_array_index (input->allowed, i), address))
      return TRUE;
  return FALSE;
}

static gboolean
on_incoming (GSocketService *service, GSocketConnection *connection, GObject *source_object,
             gpointer data)
{
  PlenumTcpCaptionInput *input = data;
  g_autofree char *message = NULL;
  Client *client;

  (void) service;
  (void) source_object;
  if (!peer_allowed (input, connection)) {
    refuse (input, connection, "not an allowed address");
    return TRUE;
  }
  if (input->clients->len >= MAX_CLIENTS) {
    g_autofree char *reason = g_strdup_printf ("%u captioners are connected already",
                                               MAX_CLIENTS);
    refuse (input, connection, reason);
    return TRUE;
  }
  client = client_new (input, connection);
  g_ptr_array_add (input->clients, client);
  client_read_next (client);
  message = g_strdup_printf ("captioner %s connected", client->peer);
  input->on_log (message, input->user_data);
  return TRUE;
}

static GInetAddress *
host_address (const char *host, gboolean bracketed)
{
  GInetAddress *address;

  if (!bracketed && g_ascii_strcasecmp (host, "localhost") == 0)
    return g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_address_new_from_string (host);
  /* Brackets mark IPv6 and only IPv6, so "1.2.3.4:5" and "[::1]:5" cannot be confused. */
  if (address != NULL &&
      (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6) != bracketed)
    g_clear_object (&address);
  return address; /* transfer full */
}

/* Parses "host:port": an IPv4 address, "localhost" (127.0.0.1) or "[IPv6]"; port 0 is any. */
static GSocketAddress *
listen_address_parse (const char *listen, GError **error)
{
  g_autofree char *host = NULL;
  g_autoptr (GInetAddress) address = NULL;
  const char *port_text = NULL;
  gboolean bracketed = listen[0] == '[';
  guint64 port;

  if (bracketed) {
    const char *close = strchr (listen, ']');
    if (close != NULL && close[1] == ':') {
      host = g_strndup (listen + 1, (gsize) (close - listen - 1));
      port_text = close + 2;
    }
  } else {
    const char *colon = strchr (listen, ':');
    if (colon != NULL && strchr (colon + 1, ':') == NULL) {
      host = g_strndup (listen, (gsize) (colon - listen));
      port_text = colon + 1;
    }
  }
  if (port_text == NULL) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 "cannot listen on %s: expected host:port, e.g. 127.0.0.1:9720 or [::1]:9720",
                 listen);
    return NULL;
  }
  if (!g_ascii_string_to_unsigned (port_text, 10, 0, 65535, &port, NULL)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 "cannot listen on %s: the port must be a number from 0 (any) to 65535", listen);
    return NULL;
  }
  address = host_address (host, bracketed);
  if (address == NULL) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 "cannot listen on %s: \"%s\" is not an IPv4 address, [IPv6 address] or "
                 "localhost", listen, host);
    return NULL;
  }
  return g_inet_socket_address_new (address, (guint16) port); /* transfer full */
}

/* GLib's bind error names the address too ("Error binding to address 127.0.0.1:9720: Address
 * already in use"); ours names it once, so only the reason is kept. */
static const char *
error_reason (const GError *error)
{
  const char *last = g_strrstr (error->message, ": ");

  return last != NULL ? last + 2 : error->message;
}

static gboolean
input_listen (PlenumTcpCaptionInput *input, const char *listen, GError **error)
{
  g_autoptr (GSocketAddress) address = listen_address_parse (listen, error);
  g_autoptr (GSocketAddress) effective = NULL;
  g_autoptr (GError) bind_error = NULL;

  if (address == NULL)
    return FALSE;
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (input->service), address,
                                      G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                      &effective, &bind_error)) {
    g_set_error (error, G_IO_ERROR, bind_error->code, "cannot listen on %s: %s", listen,
                 error_reason (bind_error));
    return FALSE;
  }
  input->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  return TRUE;
}

PlenumTcpCaptionInput *
plenum_tcp_caption_input_new (const char *listen, PlenumTcpCaptionFunc on_line,
                              PlenumTcpCaptionLogFunc on_log, gpointer user_data, GError **error)
{
  PlenumTcpCaptionInput *input;

  g_return_val_if_fail (listen != NULL && on_line != NULL && on_log != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  input = g_new0 (PlenumTcpCaptionInput, 1);
  input->service = g_socket_service_new ();
  input->context = g_main_context_ref_thread_default ();
  input->clients = g_ptr_array_new_with_free_func ((GDestroyNotify) client_close_and_unref);
  input->allowed = g_ptr_array_new_with_free_func (g_object_unref);
  input->on_line = on_line;
  input->on_log = on_log;
  input->user_data = user_data;
  input->refusal_logged_us = g_get_monotonic_time () - LOG_INTERVAL_US;
  if (!input_listen (input, listen, error)) {
    plenum_tcp_caption_input_free (input);
    return NULL;
  }
  g_signal_connect (input->service, "incoming", G_CALLBACK (on_incoming), input);
  g_socket_service_start (input->service);
  g_debug ("captioners can connect to %s (port %u)", listen, input->port);
  return input;
}

void
plenum_tcp_caption_input_free (PlenumTcpCaptionInput *input)
{
  if (input == NULL)
    return;
  g_signal_handlers_disconnect_by_data (input->service, input);
  g_socket_service_stop (input->service);
  g_socket_listener_close (G_SOCKET_LISTENER (input->service));
  g_object_unref (input->service);
  g_ptr_array_unref (input->clients);
  g_ptr_array_unref (input->allowed);
  g_main_context_unref (input->context);
  g_free (input);
}

gboolean
plenum_tcp_caption_input_allow (PlenumTcpCaptionInput *input, const char *address,
                                GError **error)
{
  g_autoptr (GError) parse_error = NULL;
  GInetAddressMask *mask;

  g_return_val_if_fail (input != NULL && address != NULL, FALSE);
  mask = g_inet_address_mask_new_from_string (address, &parse_error);
  if (mask == NULL) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 "\"%s\" is not an address or a network such as 10.8.0.0/24", address);
    return FALSE;
  }
  g_ptr_array_add (input->allowed, mask);
  return TRUE;
}

guint
plenum_tcp_caption_input_port (const PlenumTcpCaptionInput *input)
{
  g_return_val_if_fail (input != NULL, 0);
  return input->port;
}

guint64
plenum_tcp_caption_input_dropped (const PlenumTcpCaptionInput *input)
{
  g_return_val_if_fail (input != NULL, 0);
  return input->dropped;
}

gsize
plenum_tcp_caption_input_buffered (const PlenumTcpCaptionInput *input)
{
  gsize total = 0;

  g_return_val_if_fail (input != NULL, 0);
  for (guint i = 0; i < input->clients->len; i++)
    total += ((const Client *) g_ptr_array_index (input->clients, i))->line_len;
  return total;
}

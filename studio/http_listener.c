#include "studio/http_listener.h"

#include <gst/gst.h>
#include <string.h>

GST_DEBUG_CATEGORY_STATIC (plenum_http_debug);
#define GST_CAT_DEFAULT plenum_http_debug

struct _PlenumHttpListener {
  SoupServer *soup;
  GSocketService *service;
  PlenumHttpLimits limits;
  guint port;
  GHashTable *clients;      /* client key → open connections (GUINT_TO_POINTER) */
  GHashTable *open;         /* GSocketConnection (weak) → Tracked, owned */
};

/* One accepted connection, until libsoup lets go of it. */
typedef struct {
  PlenumHttpListener *listener;
  char *key;
} Tracked;

char *
plenum_http_client_key (GInetAddress *address)
{
  const guint8 *bytes;

  g_return_val_if_fail (G_IS_INET_ADDRESS (address), NULL);
  if (g_inet_address_get_family (address) != G_SOCKET_FAMILY_IPV6)
    return g_inet_address_to_string (address);
  bytes = g_inet_address_to_bytes (address);
  if (memcmp (bytes, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0)
    return g_strdup_printf ("%u.%u.%u.%u", bytes[12], bytes[13], bytes[14], bytes[15]);
  return g_strdup_printf ("%02x%02x:%02x%02x:%02x%02x:%02x%02x::/64", bytes[0], bytes[1],
                          bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7]);
}

static guint
client_count (PlenumHttpListener *listener, const char *key)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (listener->clients, key));
}

static void
client_count_add (PlenumHttpListener *listener, const char *key, int delta)
{
  guint count = client_count (listener, key) + delta;

  if (count == 0)
    g_hash_table_remove (listener->clients, key);
  else
    g_hash_table_insert (listener->clients, g_strdup (key), GUINT_TO_POINTER (count));
}

static void
tracked_free (gpointer data)
{
  Tracked *tracked = data;

  g_free (tracked->key);
  g_free (tracked);
}

/* libsoup dropped its last reference: the connection is closed. */
static void
on_connection_gone (gpointer data, GObject *where_the_connection_was)
{
  Tracked *tracked = data;
  PlenumHttpListener *listener = tracked->listener;

  client_count_add (listener, tracked->key, -1);
  g_hash_table_remove (listener->open, where_the_connection_was);   /* frees `tracked` */
}

static gboolean
on_incoming (GSocketService *service, GSocketConnection *connection, GObject *source_object,
             gpointer user_data)
{
  PlenumHttpListener *listener = user_data;
  g_autoptr (GSocketAddress) remote = g_socket_connection_get_remote_address (connection, NULL);
  g_autoptr (GSocketAddress) local = g_socket_connection_get_local_address (connection, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *key = NULL;
  Tracked *tracked;

  (void) service, (void) source_object;
  if (!G_IS_INET_SOCKET_ADDRESS (remote) || local == NULL) {
    g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
    return TRUE;
  }
  key = plenum_http_client_key (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));
  if (g_hash_table_size (listener->open) >= listener->limits.max_connections ||
      client_count (listener, key) >= listener->limits.max_per_client) {
    GST_INFO ("port %u: connection from %s refused: %u open, %u from it", listener->port, key,
              g_hash_table_size (listener->open), client_count (listener, key));
    g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
    return TRUE;
  }
  /* Every read and write of libsoup on this socket now fails after this long without
   * progress, and libsoup closes the connection. */
  g_socket_set_timeout (g_socket_connection_get_socket (connection),
                        listener->limits.idle_timeout_s);
  if (!soup_server_accept_iostream (listener->soup, G_IO_STREAM (connection), local, remote,
                                    &error)) {
    GST_WARNING ("port %u: libsoup refused a connection: %s", listener->port, error->message);
    g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
    return TRUE;
  }
  tracked = g_new0 (Tracked, 1);
  tracked->listener = listener;
  tracked->key = g_steal_pointer (&key);
  client_count_add (listener, tracked->key, +1);
  g_hash_table_insert (listener->open, connection, tracked);
  g_object_weak_ref (G_OBJECT (connection), on_connection_gone, tracked);
  return TRUE;
}

PlenumHttpListener *
plenum_http_listener_new (SoupServer *soup, GInetSocketAddress *address,
                          const PlenumHttpLimits *limits, GError **error)
{
  g_autoptr (PlenumHttpListener) listener = NULL;
  g_autoptr (GSocketAddress) effective = NULL;

  g_return_val_if_fail (SOUP_IS_SERVER (soup), NULL);
  g_return_val_if_fail (G_IS_INET_SOCKET_ADDRESS (address), NULL);
  g_return_val_if_fail (limits != NULL && limits->max_connections > 0 &&
                        limits->max_per_client > 0 && limits->idle_timeout_s > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (plenum_http_debug == NULL)
    GST_DEBUG_CATEGORY_INIT (plenum_http_debug, "plenum-http", 0,
                             "Plenum HTTP servers' connections");
  listener = g_new0 (PlenumHttpListener, 1);
  listener->soup = g_object_ref (soup);
  listener->limits = *limits;
  listener->clients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  listener->open = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, tracked_free);
  listener->service = g_socket_service_new ();
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (listener->service),
                                      G_SOCKET_ADDRESS (address), G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_TCP, NULL, &effective, error))
    return NULL;
  listener->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (listener->service, "incoming", G_CALLBACK (on_incoming), listener);
  g_socket_service_start (listener->service);
  return g_steal_pointer (&listener);
}

void
plenum_http_listener_free (PlenumHttpListener *listener)
{
  GHashTableIter iter;
  gpointer connection, tracked;

  if (listener == NULL)
    return;
  g_signal_handlers_disconnect_by_data (listener->service, listener);
  g_socket_service_stop (listener->service);
  g_socket_listener_close (G_SOCKET_LISTENER (listener->service));
  g_object_unref (listener->service);
  g_hash_table_iter_init (&iter, listener->open);
  while (g_hash_table_iter_next (&iter, &connection, &tracked))
    g_object_weak_unref (connection, on_connection_gone, tracked);
  g_hash_table_unref (listener->open);
  g_hash_table_unref (listener->clients);
  g_object_unref (listener->soup);
  g_free (listener);
}

guint
plenum_http_listener_port (const PlenumHttpListener *listener)
{
  g_return_val_if_fail (listener != NULL, 0);
  return listener->port;
}

guint
plenum_http_listener_connections (const PlenumHttpListener *listener)
{
  g_return_val_if_fail (listener != NULL, 0);
  return g_hash_table_size (listener->open);
}

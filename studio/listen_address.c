#include "studio/listen_address.h"

#include <string.h>

static GInetAddress *
parse_host (char *host)
{
  gsize length = strlen (host);
  GInetAddress *address;

  if (length >= 2 && host[0] == '[' && host[length - 1] == ']') {
    host[length - 1] = '\0';
    address = g_inet_address_new_from_string (host + 1);
    if (address != NULL && g_inet_address_get_family (address) != G_SOCKET_FAMILY_IPV6)
      g_clear_object (&address);
    return address;
  }
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_address_new_from_string (host);
  if (address != NULL && g_inet_address_get_family (address) != G_SOCKET_FAMILY_IPV4)
    g_clear_object (&address);   /* a bare IPv6 address needs brackets */
  return address;
}

GInetSocketAddress *
plenum_listen_address_parse (const char *listen, const char *what, GError **error)
{
  const char *colon;
  g_autofree char *host = NULL;
  g_autoptr (GInetAddress) address = NULL;
  guint64 port;

  g_return_val_if_fail (listen != NULL && what != NULL, NULL);
  colon = strrchr (listen, ':');
  if (colon == NULL || colon == listen ||
      !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &port, NULL)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s: \"%s\" is not host:port",
                 what, listen);
    return NULL;
  }
  host = g_strndup (listen, (gsize) (colon - listen));
  address = parse_host (host);
  if (address == NULL) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 "%s: \"%s\" is not host:port (the host must be an IPv4 address, "
                 "\"localhost\" or an IPv6 address in brackets)", what, listen);
    return NULL;
  }
  return G_INET_SOCKET_ADDRESS (g_inet_socket_address_new (address, (guint16) port));
}

gboolean
plenum_listen_address_is_loopback (const char *listen)
{
  g_autoptr (GInetSocketAddress) address = plenum_listen_address_parse (listen, "listen", NULL);
  return address != NULL &&
         g_inet_address_get_is_loopback (g_inet_socket_address_get_address (address));
}

guint
plenum_listen_address_port (SoupServer *soup)
{
  GSList *uris = soup_server_get_uris (soup);
  guint port = uris != NULL ? (guint) g_uri_get_port (uris->data) : 0;

  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return port;
}

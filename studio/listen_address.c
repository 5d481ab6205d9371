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

gboolean
plenum_srt_listener (const char *uri, char **host, int *port)
{
  g_autoptr (GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr (GHashTable) params = NULL;

  if (parsed == NULL || g_uri_get_query (parsed) == NULL)
    return FALSE;
  params = g_uri_parse_params (g_uri_get_query (parsed), -1, "&", G_URI_PARAMS_NONE, NULL);
  if (params == NULL || g_strcmp0 (g_hash_table_lookup (params, "mode"), "listener") != 0)
    return FALSE;
  *host = g_strdup (g_uri_get_host (parsed) ? g_uri_get_host (parsed) : "");
  *port = g_uri_get_port (parsed);
  return TRUE;
}

/* Whether `uri` is an SRT listener that can be reached from beyond this machine. */
static gboolean
srt_listens_beyond_loopback (const char *uri)
{
  g_autofree char *host = NULL;
  g_autoptr (GInetAddress) address = NULL;
  int port;

  if (!plenum_srt_listener (uri, &host, &port))
    return FALSE;
  if (host[0] == '\0')
    return TRUE;                                  /* every interface */
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return FALSE;
  address = g_inet_address_new_from_string (host);
  return address == NULL || !g_inet_address_get_is_loopback (address);
}

void
plenum_listen_address_warnings (const PlenumShow *show, GPtrArray *warnings)
{
  for (guint i = 0; i < show->sources->len; i++) {
    const PlenumSourceConfig *source = g_ptr_array_index (show->sources, i);
    if (source->kind == PLENUM_SOURCE_SRT && source->passphrase == NULL &&
        srt_listens_beyond_loopback (source->uri))
      g_ptr_array_add (warnings, g_strdup_printf (
          "sources[%u].uri: an SRT listener beyond loopback without passphrase_env: whoever "
          "reaches the port first can send their picture into the show", i));
  }
  for (guint i = 0; i < show->outputs->len; i++) {
    const PlenumOutputConfig *output = g_ptr_array_index (show->outputs, i);
    if (output->kind == PLENUM_OUTPUT_SRT && output->secret == NULL &&
        srt_listens_beyond_loopback (output->uri))
      g_ptr_array_add (warnings, g_strdup_printf (
          "outputs[%u].uri: an SRT listener beyond loopback without passphrase_env: whoever "
          "reaches the port can take the program, also before it is public", i));
  }
}

#include "studio/port_check.h"

#include <gio/gio.h>
#include <string.h>
#include "studio/listen_address.h"

/* Binds `listen` ("host:port") once with a socket of `type`, and closes it. */
static gboolean
try_bind (const char *setting, const char *listen, GSocketType type, GError **error)
{
  g_autoptr (GInetSocketAddress) address = plenum_listen_address_parse (listen, setting, NULL);
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GError) bind_error = NULL;
  gboolean tcp = type == G_SOCKET_TYPE_STREAM;

  if (address == NULL)
    return TRUE;   /* not an address to try here: the server reports it */
  socket = g_socket_new (g_socket_address_get_family (G_SOCKET_ADDRESS (address)), type,
                         tcp ? G_SOCKET_PROTOCOL_TCP : G_SOCKET_PROTOCOL_UDP, &bind_error);
  /* TCP servers set SO_REUSEADDR (an old connection in TIME_WAIT is no conflict, a listener
   * is); for UDP it would let two sockets share the port, so it stays off. */
  if (socket != NULL && g_socket_bind (socket, G_SOCKET_ADDRESS (address), tcp, &bind_error))
    return TRUE;
  if (g_error_matches (bind_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE,
                 "%s: cannot listen on %s (%s): the address is already in use; is another "
                 "Plenum running with these ports?", setting, listen, tcp ? "TCP" : "UDP, SRT");
  else
    g_set_error (error, G_IO_ERROR, bind_error ? bind_error->code : G_IO_ERROR_FAILED,
                 "%s: cannot listen on %s: %s", setting, listen,
                 bind_error ? bind_error->message : "no socket");
  return FALSE;
}

/* An SRT URI in listener mode as "host:port", or NULL. */
static gboolean
check_srt (const char *setting, const char *uri, GError **error)
{
  g_autofree char *host = NULL;
  g_autofree char *listen = NULL;
  int port;

  if (!plenum_srt_listener (uri, &host, &port) || host[0] == '\0' || port <= 0)
    return TRUE;   /* not a listener, or on every interface: srtsink/srtsrc report it */
  listen = g_strdup_printf (strchr (host, ':') ? "[%s]:%d" : "%s:%d", host, port);
  return try_bind (setting, listen, G_SOCKET_TYPE_DATAGRAM, error);
}

gboolean
plenum_port_check_show (const PlenumShow *show, GError **error)
{
  g_return_val_if_fail (show != NULL, FALSE);

  /* Without a "control" section a busy default port only costs the API (a warning). */
  if (show->control.present && !try_bind ("control.listen", show->control.listen,
                                          G_SOCKET_TYPE_STREAM, error))
    return FALSE;
  if (show->questions.form_listen != NULL &&
      !try_bind ("questions.form.listen", show->questions.form_listen, G_SOCKET_TYPE_STREAM,
                 error))
    return FALSE;
  for (guint i = 0; i < show->captions.inputs->len; i++) {
    const PlenumCaptionInputConfig *input = g_ptr_array_index (show->captions.inputs, i);
    g_autofree char *setting = g_strdup_printf ("captions.inputs[%u].listen", i);
    if (input->kind == PLENUM_CAPTION_INPUT_TCP &&
        !try_bind (setting, input->listen, G_SOCKET_TYPE_STREAM, error))
      return FALSE;
  }
  for (guint i = 0; i < show->sources->len; i++) {
    const PlenumSourceConfig *source = g_ptr_array_index (show->sources, i);
    g_autofree char *setting = g_strdup_printf ("sources[%u] (%s).uri", i, source->id);
    if (source->kind == PLENUM_SOURCE_SRT && !check_srt (setting, source->uri, error))
      return FALSE;
  }
  for (guint i = 0; i < show->outputs->len; i++) {
    const PlenumOutputConfig *output = g_ptr_array_index (show->outputs, i);
    g_autofree char *setting = g_strdup_printf ("outputs[%u] (%s).uri", i, output->id);
    if (output->kind == PLENUM_OUTPUT_SRT && !check_srt (setting, output->uri, error))
      return FALSE;
  }
  return TRUE;
}

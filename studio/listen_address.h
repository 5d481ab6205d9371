/* listen_address.h — where a Plenum HTTP server listens (control API, web form): the
 * "host:port" setting (http_listener.h listens there).
 *
 * The host is an IPv4 address, "localhost" (127.0.0.1) or an IPv6 address in brackets
 * ("[::1]:9740"); names are not looked up, so what is checked is what gets bound. Port 0
 * lets the system pick one.
 */
#pragma once

#include <gio/gio.h>

#include "studio/show.h"

G_BEGIN_DECLS

/* `what` names the setting in errors ("control.listen"). (transfer full) */
GInetSocketAddress *plenum_listen_address_parse (const char *listen, const char *what,
                                                 GError **error);
/* TRUE when `listen` parses and is a loopback address. */
gboolean plenum_listen_address_is_loopback (const char *listen);

/* TRUE when `uri` is an srt:// URI in listener mode (mode=listener); then `host` (transfer
 * full; "" for every interface) and `port` (-1 when it has none) say where it listens. */
gboolean plenum_srt_listener (const char *uri, char **host, int *port);

/* Appends one "path: warning" (element-type utf8) for each SRT listener, source or output,
 * open beyond loopback without passphrase_env. Not an error: a hall's cameras on their own
 * network may need none, and CONTRACT.md's example listens so; but the operator should know.
 * For `plenum check` and the start of a show. */
void plenum_listen_address_warnings (const PlenumShow *show, GPtrArray *warnings);

G_END_DECLS

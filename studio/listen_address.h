/* listen_address.h — the "host:port" a Plenum server listens on (control API, web form).
 *
 * The host is an IPv4 address, "localhost" (127.0.0.1) or an IPv6 address in brackets
 * ("[::1]:9740"); names are not looked up, so what is checked is what gets bound. Port 0
 * lets the system pick one.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* `what` names the setting in errors ("control.listen"). (transfer full) */
GInetSocketAddress *plenum_listen_address_parse (const char *listen, const char *what,
                                                 GError **error);
/* TRUE when `listen` parses and is a loopback address. */
gboolean plenum_listen_address_is_loopback (const char *listen);

G_END_DECLS

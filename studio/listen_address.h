/* listen_address.h — where a Plenum HTTP server listens (control API, web form): the
 * "host:port" setting, and the port it got.
 *
 * The host is an IPv4 address, "localhost" (127.0.0.1) or an IPv6 address in brackets
 * ("[::1]:9740"); names are not looked up, so what is checked is what gets bound. Port 0
 * lets the system pick one.
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* `what` names the setting in errors ("control.listen"). (transfer full) */
GInetSocketAddress *plenum_listen_address_parse (const char *listen, const char *what,
                                                 GError **error);
/* TRUE when `listen` parses and is a loopback address. */
gboolean plenum_listen_address_is_loopback (const char *listen);
/* The port `soup` listens on (the one the system picked for port 0), or 0. */
guint plenum_listen_address_port (SoupServer *soup);

G_END_DECLS

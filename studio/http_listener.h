/* http_listener.h — accepts the connections of a Plenum HTTP server (control API, web form)
 * and hands them to libsoup, within limits libsoup does not have.
 *
 * libsoup keeps a connection open for as long as its peer does: a neighbour opening
 * connections and never finishing a request (slowloris) would take every file descriptor of
 * the show, and the recording and the outputs need them. The listener promises: at most
 * `max_connections` at a time and at most `max_per_client` from one client (an address; an
 * IPv6 client's whole /64), further ones closed at once; a connection on which nothing has
 * moved for `idle_timeout_s` is closed. One idle or slow client never delays another: libsoup
 * serves every connection on the main context without blocking.
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct {
  guint max_connections;
  guint max_per_client;
  guint idle_timeout_s;
} PlenumHttpLimits;

typedef struct _PlenumHttpListener PlenumHttpListener;

/* Listens on `address` for `soup` (which must not listen itself). NULL with `error` when the
 * address cannot be bound. */
PlenumHttpListener *plenum_http_listener_new (SoupServer *soup, GInetSocketAddress *address,
                                              const PlenumHttpLimits *limits, GError **error);
/* Stops listening; connections still open stay libsoup's (soup_server_disconnect ends them). */
void plenum_http_listener_free (PlenumHttpListener *listener);

/* The port listened on (the one the system picked for port 0). */
guint plenum_http_listener_port (const PlenumHttpListener *listener);
/* Connections open now (for tests). */
guint plenum_http_listener_connections (const PlenumHttpListener *listener);

/* Who a client is for limits: the address as text, but an IPv6 client's /64 ("2001:db8:1:2::/64"),
 * which one household or phone usually gets; an IPv4-mapped address counts as the IPv4 one.
 * (transfer full) */
char *plenum_http_client_key (GInetAddress *address);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlenumHttpListener, plenum_http_listener_free)

G_END_DECLS

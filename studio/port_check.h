/* port_check.h — before a show starts, every address it is to listen on is tried.
 *
 * A second Plenum started with the same show (or the same ports) must fail at once, naming
 * the address in use, before it creates a run folder or touches a device, and must leave the
 * first alone. The servers themselves report a busy address too, but later, after the run
 * folder exists, and an SRT listener only as "Could not open resource" on every retry. So
 * each address is bound once here (TCP: the control API, the web form, the captioners' port;
 * UDP: SRT sources and outputs in listener mode) and released at once.
 */
#pragma once

#include <glib.h>
#include "studio/show.h"

G_BEGIN_DECLS

/* FALSE with an error naming the setting and the address when one cannot be bound. An
 * address given by name (other than "localhost") is left to the server that uses it. */
gboolean plenum_port_check_show (const PlenumShow *show, GError **error);

G_END_DECLS

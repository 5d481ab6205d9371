/* tls_trust.h — trusting a self-hosted RTMPS server's certificate authority.
 *
 * GIO checks TLS peers against one process-wide default database, and rtmp2sink offers no
 * per-element one. So an output's tls_ca_file is added to that default: the system's anchors
 * plus the show's CA files, loaded once before any output connects. YouTube and Facebook stay
 * verified against the system's anchors as before.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `ca_files`: NULL-terminated PEM paths. Returns (transfer full) the path of the combined
 * bundle, which GIO reads whenever a connection is made: the caller deletes it when the show
 * is over. NULL when there was nothing to add, or with `error` naming the file that cannot
 * be read or parsed. */
char *plenum_tls_trust_add_ca_files (const char *const *ca_files, GError **error);

G_END_DECLS

/* log.h — what the operator reads: status lines and events, on stderr and in show.log.
 *
 * Every line passes through here and is scrubbed of every registered secret (stream keys,
 * tokens, passphrases), so no code path can print one by accident.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PlenumLog PlenumLog;

/* `quiet`: no status lines on stderr (events still go there). */
PlenumLog *plenum_log_new (gboolean quiet);
void plenum_log_free (PlenumLog *log);

/* Registers a secret to scrub (copied), and its percent-encoded form; empty or NULL is
 * ignored. */
void plenum_log_add_secret (PlenumLog *log, const char *secret);
/* Also writes every line to `path` (appending). Lines the file cannot take (a full disk) are
 * kept, up to 256 KiB, and written as soon as it takes them again; the show never stops for
 * its log. */
gboolean plenum_log_open_file (PlenumLog *log, const char *path, GError **error);

/* One status line a second. */
void plenum_log_status (PlenumLog *log, const char *line);
/* Something happened: a source went down, an output reconnects, the show stopped. */
void plenum_log_event (PlenumLog *log, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* `text` with each secret replaced by "****"; (transfer full). */
char *plenum_log_redact (const PlenumLog *log, const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlenumLog, plenum_log_free)

G_END_DECLS

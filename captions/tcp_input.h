/* tcp_input.h — a human captioner (CART writer) sends lines over TCP.
 *
 * Listens on "host:port"; several clients may be connected. The port has no password: once
 * addresses are allowed (plenum_tcp_caption_input_allow), only those peers may connect (a show
 * file listens beyond loopback only with such a list).
 * Each UTF-8 line (LF or CRLF) is a caption. Lines over PLENUM_TCP_CAPTION_MAX_BYTES are cut
 * there (at a character boundary); invalid UTF-8 is replaced with U+FFFD; control characters
 * are dropped. A client sending faster than PLENUM_TCP_CAPTION_LINES_PER_S lines a second
 * (a burst of PLENUM_TCP_CAPTION_BURST allowed) has the excess dropped and counted, never
 * queued: a flood costs the show nothing. Lines arrive on the main context.
 *
 * A cut line is delivered when its newline arrives, or 2 s after the cut if none has come by
 * then; the rest of it, up to the next newline, is discarded. An unfinished line of a client
 * that leaves is dropped. The callbacks may free the input.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PLENUM_TCP_CAPTION_MAX_BYTES 500
#define PLENUM_TCP_CAPTION_LINES_PER_S 10
#define PLENUM_TCP_CAPTION_BURST 20

typedef struct _PlenumTcpCaptionInput PlenumTcpCaptionInput;

/* A line from a client (valid UTF-8, at most 500 bytes); `peer` is "ip:port". */
typedef void (*PlenumTcpCaptionFunc) (const char *line, const char *peer, gpointer user_data);
/* Something the operator should know (a client connected, left, was throttled). */
typedef void (*PlenumTcpCaptionLogFunc) (const char *message, gpointer user_data);

PlenumTcpCaptionInput *plenum_tcp_caption_input_new (const char *listen,
                                                     PlenumTcpCaptionFunc on_line,
                                                     PlenumTcpCaptionLogFunc on_log,
                                                     gpointer user_data, GError **error);
void plenum_tcp_caption_input_free (PlenumTcpCaptionInput *input);

/* The caption for the raw bytes of one line, without its newline (at most
 * PLENUM_TCP_CAPTION_MAX_BYTES, as the input keeps them; `was_cut` when the line was longer):
 * cleaned as above, trimmed; (transfer full), or NULL when nothing printable is left. Pure,
 * for tests and tests/fuzz. */
char *plenum_tcp_caption_from_bytes (const guint8 *raw, gsize len, gboolean was_cut);

/* Lets the peers at `address` ("10.8.0.5", "10.8.0.0/24", "fd00::/64") connect. Once one is
 * allowed, every other peer is refused at once (and the log says so): the port has no
 * password, so beyond loopback only the captioners' own addresses may reach it. FALSE with
 * `error` when `address` is neither an address nor a network. */
gboolean plenum_tcp_caption_input_allow (PlenumTcpCaptionInput *input, const char *address,
                                         GError **error);

guint plenum_tcp_caption_input_port (const PlenumTcpCaptionInput *input);
guint64 plenum_tcp_caption_input_dropped (const PlenumTcpCaptionInput *input);
/* Bytes held for unfinished lines over all clients: at most PLENUM_TCP_CAPTION_MAX_BYTES per
 * client, whatever a client sends (for tests and status). */
gsize plenum_tcp_caption_input_buffered (const PlenumTcpCaptionInput *input);

G_END_DECLS

/* control_server.h — the HTTP control API (CONTRACT.md, "Control API").
 *
 * A libsoup-3 server on the GLib main context. Every route is a thin JSON wrapper around a
 * studio.h action, so the API and the window share one code path. Loopback by default; a
 * non-loopback address without a token is refused at start. With a token, every request needs
 * "Authorization: Bearer <token>" (compared in constant time), else 401. Bodies over
 * PLENUM_CONTROL_MAX_BODY bytes get 413; bad JSON 400; unknown ids 404; wrong method 405.
 * Errors are {"error": "…"} and never contain the token.
 */
#pragma once

#include "studio/show.h"
#include "studio/studio.h"

G_BEGIN_DECLS

#define PLENUM_CONTROL_MAX_BODY (64 * 1024)

typedef struct _PlenumControlServer PlenumControlServer;

/* Called for POST /screenshot with a temporary path to write a BMP to; the server replies
 * with its bytes (image/bmp) and deletes it. Unset, the route answers 409. */
typedef gboolean (*PlenumScreenshotFunc) (const char *path, gpointer user_data, GError **error);

/* Listens on config->listen ("host:port"; port 0 picks a free one). `studio` (transfer none)
 * must outlive the server. NULL with `error` when the address is bad, busy, or not loopback
 * while no token is set. */
PlenumControlServer *plenum_control_server_new (const PlenumControlConfig *config,
                                                PlenumStudio *studio, GError **error);
void plenum_control_server_free (PlenumControlServer *server);

void plenum_control_server_set_screenshot_func (PlenumControlServer *server,
                                                PlenumScreenshotFunc func, gpointer user_data);

/* The port actually listened on. */
guint plenum_control_server_port (const PlenumControlServer *server);

/* What the API makes of a request before it acts, apart from libsoup and the studio (for
 * tests and tests/fuzz): the route for `method` and `path` and, when that route takes one,
 * `body` read as a JSON object (at most PLENUM_CONTROL_MAX_BODY bytes of UTF-8). */
typedef struct {
  guint status;       /* 200: the request goes to its route; else 400, 404, 405 or 413 */
  char *error;        /* the refusal's message (its reply's "error"), or NULL */
  char *allow;        /* the methods `path` takes (405, the Allow header), or NULL */
  int route;          /* the server's index of the route, or -1 */
  const char *arg;    /* the question id in `path` (points into it), or NULL */
  cJSON *body;        /* the body of a route that takes one (transfer full), or NULL */
} PlenumControlRequest;

void plenum_control_request_read (const char *method, const char *path, const char *body,
                                  gsize length, PlenumControlRequest *request);
void plenum_control_request_clear (PlenumControlRequest *request);

G_END_DECLS

/* upload_http.h — one HTTP request of `plenum upload`, over libcurl.
 *
 * Every request carries the OAuth token in its Authorization header, and the token goes
 * nowhere else. Nothing here prints; a failure is described by curl's error and never by the
 * URL (a resumable session URI is as good as the token), and headers are never logged.
 * Connecting may take 15 s; a transfer that moves less than 1 byte a second for 30 s has
 * failed; an answer's body is read up to 1 MiB; redirects are not followed (YouTube's 308 means
 * "resume incomplete"). PLENUM_CA_FILE, when set, names the CA certificates to trust.
 */
#pragma once

#include <glib.h>
#include <stdio.h>

G_BEGIN_DECLS

#define PLENUM_UPLOAD_MAX_ANSWER_BYTES (1024 * 1024)

typedef struct _PlenumUploadHttp PlenumUploadHttp;

/* Called as the body goes out, with the bytes of this request's body sent so far. */
typedef void (*PlenumUploadSent) (guint64 bytes, gpointer user_data);

typedef struct {
  const char *method;           /* "GET" (no body), "POST" or "PUT" */
  const char *url;
  const char *const *headers;   /* "Name: value", NULL-terminated; Authorization is added */
  /* The body: `body_length` bytes at `body`, or else `length` bytes of `file` from `offset`
   * (read as they are sent, never all at once). */
  const char *body;
  gsize body_length;
  FILE *file;
  guint64 offset, length;
  PlenumUploadSent sent;
  gpointer user_data;
} PlenumUploadRequest;

typedef enum {
  PLENUM_UPLOAD_ANSWERED,          /* `status` holds the HTTP status */
  PLENUM_UPLOAD_CONNECTION_LOST,   /* refused, reset, timed out, no answer: worth another try */
  PLENUM_UPLOAD_CANNOT_SEND,       /* a bad URL, an unreadable file, a TLS setup that fails */
} PlenumUploadOutcome;

typedef struct {
  PlenumUploadOutcome outcome;
  long status;
  char *failure;       /* for the two failures: what went wrong (no URL in it) */
  char *location;      /* the Location header, or NULL */
  char *range;         /* the Range header, or NULL */
  GString *body;
} PlenumUploadAnswer;

PlenumUploadHttp *plenum_upload_http_new (const char *token);
void plenum_upload_http_free (PlenumUploadHttp *http);

/* Sends `request`; `answer` is filled (clear it with plenum_upload_answer_clear). */
void plenum_upload_http_send (PlenumUploadHttp *http, const PlenumUploadRequest *request,
                              PlenumUploadAnswer *answer);
void plenum_upload_answer_clear (PlenumUploadAnswer *answer);

/* TRUE for the statuses Google asks clients to retry after a backoff (500, 502, 503, 504). */
gboolean plenum_upload_status_is_transient (long status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlenumUploadHttp, plenum_upload_http_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PlenumUploadAnswer, plenum_upload_answer_clear)

G_END_DECLS

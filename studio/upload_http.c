#include "studio/upload_http.h"

#include <curl/curl.h>
#include <errno.h>
#include <string.h>

struct _PlenumUploadHttp {
  CURL *curl;
  char *authorization;   /* "Authorization: Bearer …" */
};

/* One request in flight. */
typedef struct {
  const PlenumUploadRequest *request;
  PlenumUploadAnswer *answer;
  guint64 position;      /* of the body, from its start */
  gboolean too_large;
  int file_errno;        /* reading the file failed; 0: it did not */
} Transfer;

PlenumUploadHttp *
plenum_upload_http_new (const char *token)
{
  static gsize initialized = 0;
  PlenumUploadHttp *http;

  if (g_once_init_enter (&initialized)) {
    curl_global_init (CURL_GLOBAL_DEFAULT);
    g_once_init_leave (&initialized, 1);
  }
  http = g_new0 (PlenumUploadHttp, 1);
  http->curl = curl_easy_init ();
  http->authorization = g_strconcat ("Authorization: Bearer ", token, NULL);
  return http;
}

void
plenum_upload_http_free (PlenumUploadHttp *http)
{
  if (http == NULL)
    return;
  if (http->curl)
    curl_easy_cleanup (http->curl);
  memset (http->authorization, 0, strlen (http->authorization));
  g_free (http->authorization);
  g_free (http);
}

void
plenum_upload_answer_clear (PlenumUploadAnswer *answer)
{
  g_free (answer->failure);
  g_free (answer->location);
  g_free (answer->range);
  if (answer->body)
    g_string_free (answer->body, TRUE);
  memset (answer, 0, sizeof *answer);
}

gboolean
plenum_upload_status_is_transient (long status)
{
  return status == 500 || status == 502 || status == 503 || status == 504;
}

/* ---- curl's callbacks ----------------------------------------------------------------------- */

static size_t
on_read (char *buffer, size_t size, size_t count, void *user_data)
{
  Transfer *transfer = user_data;
  const PlenumUploadRequest *request = transfer->request;
  guint64 total = request->file ? request->length : request->body_length;
  size_t want = (size_t) MIN ((guint64) (size * count), total - transfer->position);
  size_t got;

  if (want == 0)
    return 0;
  if (request->file == NULL) {
    memcpy (buffer, request->body + transfer->position, want);
    got = want;
  } else {
    got = fread (buffer, 1, want, request->file);
    if (got == 0) {
      transfer->file_errno = ferror (request->file) ? errno : EIO;
      return CURL_READFUNC_ABORT;
    }
  }
  transfer->position += got;
  return got;
}

/* curl would rewind to send the body again by itself when a reused connection died under it.
 * The server may have kept part of what arrived, so the upload must ask it first: refusing
 * the rewind turns that into a failed request (CURLE_SEND_FAIL_REWIND). */
static int
on_seek (void *user_data, curl_off_t offset, int origin)
{
  (void) user_data, (void) offset, (void) origin;
  return CURL_SEEKFUNC_CANTSEEK;
}

static size_t
on_body (char *data, size_t size, size_t count, void *user_data)
{
  Transfer *transfer = user_data;
  GString *body = transfer->answer->body;

  if (body->len + size * count > PLENUM_UPLOAD_MAX_ANSWER_BYTES) {
    transfer->too_large = TRUE;
    return 0;    /* curl ends the transfer with CURLE_WRITE_ERROR */
  }
  g_string_append_len (body, data, (gssize) (size * count));
  return size * count;
}

/* The value of header `name` in `line` ("Name: value\r\n"), or NULL. (transfer full) */
static char *
header_value (const char *line, size_t length, const char *name)
{
  size_t name_length = strlen (name);

  if (length <= name_length || line[name_length] != ':' ||
      g_ascii_strncasecmp (line, name, name_length) != 0)
    return NULL;
  return g_strstrip (g_strndup (line + name_length + 1, length - name_length - 1));
}

static size_t
on_header (char *line, size_t size, size_t count, void *user_data)
{
  Transfer *transfer = user_data;
  PlenumUploadAnswer *answer = transfer->answer;
  size_t length = size * count;
  char *value;

  if (length >= 5 && strncmp (line, "HTTP/", 5) == 0) {
    /* A new response (after a "100 Continue", say): only its own headers count. */
    g_clear_pointer (&answer->location, g_free);
    g_clear_pointer (&answer->range, g_free);
  } else if ((value = header_value (line, length, "Location")) != NULL) {
    g_free (answer->location);
    answer->location = value;
  } else if ((value = header_value (line, length, "Range")) != NULL) {
    g_free (answer->range);
    answer->range = value;
  }
  return length;
}

static int
on_progress (void *user_data, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
             curl_off_t ulnow)
{
  Transfer *transfer = user_data;

  (void) dltotal, (void) dlnow, (void) ultotal;
  if (transfer->request->sent)
    transfer->request->sent ((guint64) ulnow, transfer->request->user_data);
  return 0;
}

/* ---- A request ------------------------------------------------------------------------------ */

static void
set_up (CURL *curl, Transfer *transfer)
{
  const char *ca_file = g_getenv ("PLENUM_CA_FILE");

  curl_easy_reset (curl);   /* keeps open connections, forgets the last request's options */
  curl_easy_setopt (curl, CURLOPT_USERAGENT, "Plenum/" PLENUM_VERSION);
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_FAILONERROR, 0L);      /* error bodies carry the reason */
  curl_easy_setopt (curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, 15L);
  curl_easy_setopt (curl, CURLOPT_LOW_SPEED_LIMIT, 1L);  /* a hung server is a lost connection */
  curl_easy_setopt (curl, CURLOPT_LOW_SPEED_TIME, 30L);
  curl_easy_setopt (curl, CURLOPT_TCP_KEEPALIVE, 1L);
  if (ca_file != NULL && *ca_file != '\0')
    curl_easy_setopt (curl, CURLOPT_CAINFO, ca_file);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, transfer);
  curl_easy_setopt (curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt (curl, CURLOPT_HEADERDATA, transfer);
  curl_easy_setopt (curl, CURLOPT_READFUNCTION, on_read);
  curl_easy_setopt (curl, CURLOPT_READDATA, transfer);
  curl_easy_setopt (curl, CURLOPT_SEEKFUNCTION, on_seek);
  curl_easy_setopt (curl, CURLOPT_SEEKDATA, transfer);
  curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt (curl, CURLOPT_XFERINFODATA, transfer);
}

/* What a failed transfer means for the upload. */
static PlenumUploadOutcome
failure_kind (CURLcode code, const Transfer *transfer)
{
  if (transfer->file_errno != 0)
    return PLENUM_UPLOAD_CANNOT_SEND;
  switch (code) {
  case CURLE_UNSUPPORTED_PROTOCOL:
  case CURLE_URL_MALFORMAT:
  case CURLE_PEER_FAILED_VERIFICATION:
  case CURLE_SSL_CACERT_BADFILE:
  case CURLE_SSL_CERTPROBLEM:
  case CURLE_SSL_ENGINE_NOTFOUND:
  case CURLE_OUT_OF_MEMORY:
  case CURLE_READ_ERROR:
    return PLENUM_UPLOAD_CANNOT_SEND;
  default:
    return PLENUM_UPLOAD_CONNECTION_LOST;
  }
}

void
plenum_upload_http_send (PlenumUploadHttp *http, const PlenumUploadRequest *request,
                         PlenumUploadAnswer *answer)
{
  Transfer transfer = { .request = request, .answer = answer };
  struct curl_slist *headers = NULL;
  guint64 length = request->file ? request->length : request->body_length;
  CURLcode code;

  memset (answer, 0, sizeof *answer);
  answer->body = g_string_new (NULL);
  if (http->curl == NULL) {
    answer->outcome = PLENUM_UPLOAD_CANNOT_SEND;
    answer->failure = g_strdup ("libcurl could not start");
    return;
  }
  if (request->file &&
      fseeko (request->file, (off_t) request->offset, SEEK_SET) != 0) {
    answer->outcome = PLENUM_UPLOAD_CANNOT_SEND;
    answer->failure = g_strdup_printf ("cannot read the file: %s", g_strerror (errno));
    return;
  }

  set_up (http->curl, &transfer);
  headers = curl_slist_append (headers, http->authorization);
  headers = curl_slist_append (headers, "Expect:");   /* no 100-continue round trip */
  for (guint i = 0; request->headers && request->headers[i]; i++)
    headers = curl_slist_append (headers, request->headers[i]);
  curl_easy_setopt (http->curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt (http->curl, CURLOPT_URL, request->url);
  if (g_str_equal (request->method, "GET")) {
    curl_easy_setopt (http->curl, CURLOPT_HTTPGET, 1L);
  } else if (g_str_equal (request->method, "PUT")) {
    curl_easy_setopt (http->curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt (http->curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t) length);
  } else {
    curl_easy_setopt (http->curl, CURLOPT_POST, 1L);
    curl_easy_setopt (http->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) length);
  }

  code = curl_easy_perform (http->curl);
  curl_slist_free_all (headers);
  if (code == CURLE_OK) {
    answer->outcome = PLENUM_UPLOAD_ANSWERED;
    curl_easy_getinfo (http->curl, CURLINFO_RESPONSE_CODE, &answer->status);
    return;
  }
  answer->outcome = failure_kind (code, &transfer);
  if (transfer.file_errno != 0)
    answer->failure = g_strdup_printf ("cannot read the file: %s",
                                       g_strerror (transfer.file_errno));
  else if (transfer.too_large)
    answer->failure = g_strdup_printf ("an answer was larger than %d MiB",
                                       PLENUM_UPLOAD_MAX_ANSWER_BYTES / (1024 * 1024));
  else if (code == CURLE_SEND_FAIL_REWIND)
    answer->failure = g_strdup ("the connection broke while sending");
  else
    answer->failure = g_strdup (curl_easy_strerror (code));
}

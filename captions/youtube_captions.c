/* youtube_captions.c — captions to YouTube's HTTP POST caption ingestion, from a worker thread.
 *
 * The protocol is Google's "Closed Captions over HTTP for YouTube Live Streams" (support
 * answer 6077032): POSTs to the ingestion URL plus "seq", which must grow by one per new
 * caption and must not grow for a retry; a body of "<UTC time>\n<text>\n" pairs with the time
 * as YYYY-MM-DDTHH:MM:SS.mmm; "<br>" for a line break inside a caption.
 *
 * One worker thread owns the curl handle and sends the queue in order, one POST at a time:
 * YouTube orders by seq, so a later caption must not overtake an earlier one being retried.
 * `seq` and the body are fixed when a caption is queued, so a retry is byte-for-byte the same
 * POST. The worker never waits for the main context; log messages travel there in idle
 * sources through a reference-counted sink that free() marks dead, so none arrives later.
 *
 * The ingestion URL is kept only in `url_prefix` and given only to curl; everything shown to
 * people uses `origin` (scheme and host). curl's own error buffer is never shown, only
 * curl_easy_strerror()'s fixed texts, which hold no URL.
 */
#include "captions/youtube_captions.h"

#include <curl/curl.h>
#include <gio/gio.h>
#include <gst/gst.h>
#include <string.h>

GST_DEBUG_CATEGORY_STATIC (plenum_youtube_captions_debug);
#define GST_CAT_DEFAULT plenum_youtube_captions_debug

#define MAX_RETRIES 3
#define RETRY_BASE_MS 1000
#define RETRY_MAX_MS 8000
/* free() lets queued captions go out for this long: enough for the last words of a meeting,
 * short enough that quitting the studio never hangs on a dead network. */
#define GRACE_MS 1000
#define CONNECT_TIMEOUT_MS 5000
/* A caption more than this late is of little use live; the next one should get its turn. */
#define REQUEST_TIMEOUT_MS 10000
#define MAX_ANSWER_BYTES 256

typedef struct {
  guint64 seq;
  char *body;
} Post;

typedef struct {
  GMainContext *context;
  PlenumYoutubeCaptionsLogFunc on_log;
  gpointer user_data;
  gint alive; /* atomic; FALSE once the sender is freed */
} LogSink;

typedef struct {
  LogSink *sink; /* one reference */
  char *message;
} LogMessage;

typedef struct {
  CURLcode code;
  long status; /* 0 when no answer came */
} Attempt;

struct _PlenumYoutubeCaptions {
  char *url_prefix; /* secret: the ingestion URL ending in "seq=" */
  char *origin;     /* "scheme://host", safe to show */
  LogSink *sink;
  CURL *curl;       /* used by the worker only */
  struct curl_slist *headers;
  GThread *worker;

  GMutex lock; /* guards everything below */
  GCond wake;
  GQueue pending; /* element-type Post */
  guint64 next_seq;
  guint64 sent;
  guint retry_base_ms;
  gint64 stop_deadline_us; /* 0 until free() asks the worker to stop */
  gboolean overflowing;    /* captions are being dropped for want of room; logged once */
};

static void
post_free (Post *post)
{
  g_free (post->body);
  g_free (post);
}

/* ---- Logging, on the creator's main context ---------------------------------------------- */

static void
log_sink_clear (LogSink *sink)
{
  g_main_context_unref (sink->context);
}

static void
log_sink_unref (LogSink *sink)
{
  g_atomic_rc_box_release_full (sink, (GDestroyNotify) log_sink_clear);
}

static gboolean
log_dispatch (gpointer data)
{
  LogMessage *message = data;
  LogSink *sink = message->sink;

  if (g_atomic_int_get (&sink->alive) && sink->on_log != NULL)
    sink->on_log (message->message, sink->user_data);
  return G_SOURCE_REMOVE;
}

static void
log_message_free (gpointer data)
{
  LogMessage *message = data;

  log_sink_unref (message->sink);
  g_free (message->message);
  g_free (message);
}

static void captions_log (PlenumYoutubeCaptions *captions, const char *format, ...)
    G_GNUC_PRINTF (2, 3);

static void
captions_log (PlenumYoutubeCaptions *captions, const char *format, ...)
{
  g_autoptr (GSource) source = g_idle_source_new ();
  LogMessage *message = g_new0 (LogMessage, 1);
  va_list args;

  va_start (args, format);
  message->message = g_strdup_vprintf (format, args);
  va_end (args);
  GST_INFO ("%s", message->message);
  message->sink = g_atomic_rc_box_acquire (captions->sink);
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, log_dispatch, message, log_message_free);
  g_source_set_static_name (source, "plenum-youtube-captions-log");
  g_source_attach (source, captions->sink->context);
}

/* ---- The ingestion URL --------------------------------------------------------------------- */

/* GUri accepts "up load" as a host; curl would refuse it at every POST instead of once here. */
static gboolean
host_is_plausible (const char *host)
{
  static const char allowed[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-";

  return host != NULL && host[0] != '\0'
         && (g_hostname_is_ip_address (host) || host[strspn (host, allowed)] == '\0');
}

/* A URL pasted with a line break or a space in it. */
static gboolean
has_blank_or_control (const char *url)
{
  for (const char *p = url; *p != '\0'; p++)
    if ((guchar) *p <= 0x20 || *p == 0x7f)
      return TRUE;
  return FALSE;
}

/* GUri's own messages may quote the URL, so they are never passed on. Blanks around it (a
 * pasted line's newline) are forgiven. */
static gboolean
parse_ingestion_url (const char *url, char **prefix, char **origin, GError **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (url));
  g_autoptr (GUri) uri = has_blank_or_control (trimmed) ? NULL
                         : g_uri_parse (trimmed, G_URI_FLAGS_ENCODED, NULL);
  const char *scheme, *host, *query;
  g_autofree char *base = NULL;

  if (uri == NULL) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 "The YouTube caption ingestion URL is not a valid absolute URL "
                 "(copy the stream's closedCaptionsIngestionUrl whole)");
    return FALSE;
  }
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (!host_is_plausible (host)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 "The YouTube caption ingestion URL (%s://...) has no usable host", scheme);
    return FALSE;
  }
  *origin = g_uri_join (G_URI_FLAGS_ENCODED, scheme, NULL, host, -1, "", NULL, NULL);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 "The YouTube caption ingestion URL must be http:// or https://, not %s",
                 *origin);
    g_clear_pointer (origin, g_free);
    return FALSE;
  }
  query = g_uri_get_query (uri);
  base = g_uri_join (G_URI_FLAGS_ENCODED, scheme, g_uri_get_userinfo (uri), host,
                     g_uri_get_port (uri), g_uri_get_path (uri), query, NULL);
  *prefix = g_strconcat (base, query == NULL ? "?" : query[0] == '\0' ? "" : "&", "seq=", NULL);
  return TRUE;
}

/* ---- The body ------------------------------------------------------------------------------ */

static char *
format_time (GDateTime *when)
{
  g_autoptr (GDateTime) now = when == NULL ? g_date_time_new_now_utc () : NULL;
  g_autoptr (GDateTime) utc = g_date_time_to_utc (when != NULL ? when : now);
  g_autofree char *seconds = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03d", seconds, g_date_time_get_microsecond (utc) / 1000);
}

/* The body alternates time lines and text lines, so a caption must stay on one line: its
 * line breaks become the "<br>" YouTube documents, and other control characters go. */
static char *
format_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *line = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p++) {
    if (*p == '\r' && p[1] == '\n')
      continue;
    if (*p == '\n' || *p == '\r')
      g_string_append (line, "<br>");
    else if (*p == '\t')
      g_string_append_c (line, ' ');
    else if ((guchar) *p >= 0x20 && *p != 0x7f)
      g_string_append_c (line, *p);
  }
  return g_string_free (line, FALSE);
}

static char *
format_body (const char *text, GDateTime *when)
{
  g_autofree char *time = format_time (when);
  g_autofree char *line = format_text (text);

  return g_strdup_printf ("%s\n%s\n", time, line);
}

/* ---- One POST ------------------------------------------------------------------------------ */

static size_t
on_answer (char *data, size_t size, size_t count, void *user_data)
{
  GString *answer = user_data;
  gsize room = MAX_ANSWER_BYTES - MIN (answer->len, MAX_ANSWER_BYTES);

  g_string_append_len (answer, data, MIN (size * count, room));
  return size * count;
}

/* Lets free() cut a transfer short once the grace is over. */
static int
on_progress (void *user_data, curl_off_t down_total, curl_off_t down_now, curl_off_t up_total,
             curl_off_t up_now)
{
  PlenumYoutubeCaptions *captions = user_data;
  gint64 deadline;

  (void) down_total, (void) down_now, (void) up_total, (void) up_now;
  g_mutex_lock (&captions->lock);
  deadline = captions->stop_deadline_us;
  g_mutex_unlock (&captions->lock);
  return deadline != 0 && g_get_monotonic_time () >= deadline;
}

static Attempt
post_once (PlenumYoutubeCaptions *captions, const Post *post)
{
  g_autofree char *url = g_strdup_printf ("%s%" G_GUINT64_FORMAT, captions->url_prefix,
                                          post->seq);
  g_autoptr (GString) answer = g_string_new (NULL);
  Attempt attempt = { 0 };

  curl_easy_setopt (captions->curl, CURLOPT_URL, url);
  curl_easy_setopt (captions->curl, CURLOPT_POSTFIELDS, post->body);
  curl_easy_setopt (captions->curl, CURLOPT_POSTFIELDSIZE_LARGE,
                    (curl_off_t) strlen (post->body));
  curl_easy_setopt (captions->curl, CURLOPT_WRITEDATA, answer);
  attempt.code = curl_easy_perform (captions->curl);
  if (attempt.code == CURLE_OK)
    curl_easy_getinfo (captions->curl, CURLINFO_RESPONSE_CODE, &attempt.status);
  /* YouTube answers with its clock; worth seeing when captions seem to drift. */
  GST_DEBUG ("caption %" G_GUINT64_FORMAT ": %s, HTTP %ld, answer \"%s\"", post->seq,
             curl_easy_strerror (attempt.code), attempt.status, g_strchomp (answer->str));
  return attempt;
}

static gboolean
attempt_succeeded (const Attempt *attempt)
{
  return attempt->code == CURLE_OK && attempt->status >= 200 && attempt->status < 300;
}

static gboolean
attempt_worth_retrying (const Attempt *attempt)
{
  return attempt->code != CURLE_OK || attempt->status >= 500;
}

/* ---- The worker ---------------------------------------------------------------------------- */

/* FALSE when free() interrupted the wait: the caption is then given up. */
static gboolean
wait_before_retry (PlenumYoutubeCaptions *captions, guint retry)
{
  gint64 until;
  gboolean stopping;

  g_mutex_lock (&captions->lock);
  until = g_get_monotonic_time ()
          + (gint64) MIN ((guint64) captions->retry_base_ms << retry,
                          (guint64) captions->retry_base_ms * (RETRY_MAX_MS / RETRY_BASE_MS))
            * 1000;
  while (captions->stop_deadline_us == 0
         && g_cond_wait_until (&captions->wake, &captions->lock, until))
    ;
  stopping = captions->stop_deadline_us != 0;
  g_mutex_unlock (&captions->lock);
  return !stopping;
}

static void
note_sent (PlenumYoutubeCaptions *captions)
{
  g_mutex_lock (&captions->lock);
  captions->sent++;
  captions->overflowing = FALSE;
  g_mutex_unlock (&captions->lock);
}

static void
log_dropped (PlenumYoutubeCaptions *captions, const Post *post, const Attempt *attempt,
             guint attempts)
{
  if (attempt->code != CURLE_OK)
    captions_log (captions, "YouTube captions: caption %" G_GUINT64_FORMAT " dropped after %u "
                  "attempt(s): could not reach %s (%s)", post->seq, attempts, captions->origin,
                  curl_easy_strerror (attempt->code));
  else if (attempt_worth_retrying (attempt))
    captions_log (captions, "YouTube captions: caption %" G_GUINT64_FORMAT " dropped after %u "
                  "attempt(s): %s answered HTTP %ld", post->seq, attempts, captions->origin,
                  attempt->status);
  else
    captions_log (captions, "YouTube captions: %s refused caption %" G_GUINT64_FORMAT
                  " (HTTP %ld), dropped it; is the stream live and its caption URL current?",
                  captions->origin, post->seq, attempt->status);
}

static void
deliver (PlenumYoutubeCaptions *captions, const Post *post)
{
  Attempt attempt;
  guint retry = 0;

  for (;;) {
    attempt = post_once (captions, post);
    if (attempt_succeeded (&attempt)) {
      note_sent (captions);
      return;
    }
    if (!attempt_worth_retrying (&attempt) || retry == MAX_RETRIES
        || !wait_before_retry (captions, retry))
      break;
    retry++;
  }
  log_dropped (captions, post, &attempt, retry + 1);
}

/* NULL when the worker should end: stopping, and the queue is empty or the grace is over. */
static Post *
next_post (PlenumYoutubeCaptions *captions)
{
  Post *post = NULL;

  g_mutex_lock (&captions->lock);
  while (g_queue_is_empty (&captions->pending) && captions->stop_deadline_us == 0)
    g_cond_wait (&captions->wake, &captions->lock);
  if (captions->stop_deadline_us == 0 || g_get_monotonic_time () < captions->stop_deadline_us)
    post = g_queue_pop_head (&captions->pending);
  g_mutex_unlock (&captions->lock);
  return post;
}

static gpointer
worker_main (gpointer data)
{
  PlenumYoutubeCaptions *captions = data;
  Post *post;

  while ((post = next_post (captions)) != NULL) {
    deliver (captions, post);
    post_free (post);
  }
  return NULL;
}

/* ---- Life cycle ---------------------------------------------------------------------------- */

static void
init_once (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized)) {
    GST_DEBUG_CATEGORY_INIT (plenum_youtube_captions_debug, "plenum-youtube-captions", 0,
                             "Plenum captions to YouTube over HTTP");
    curl_global_init (CURL_GLOBAL_DEFAULT);
    g_once_init_leave (&initialized, 1);
  }
}

static gboolean
set_up_curl (PlenumYoutubeCaptions *captions)
{
  CURL *curl = curl_easy_init ();

  if (curl == NULL)
    return FALSE;
  captions->curl = curl;
  /* An empty "Expect:" keeps curl from waiting for a 100-continue YouTube never sends. */
  captions->headers = curl_slist_append (NULL, "Content-Type: text/plain");
  captions->headers = curl_slist_append (captions->headers, "Expect:");
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, captions->headers);
  curl_easy_setopt (curl, CURLOPT_USERAGENT, "Plenum/" PLENUM_VERSION);
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L); /* signals would hit any thread of the studio */
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT_MS, (long) CONNECT_TIMEOUT_MS);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT_MS, (long) REQUEST_TIMEOUT_MS);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, on_answer);
  curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt (curl, CURLOPT_XFERINFODATA, captions);
  curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
  return TRUE;
}

PlenumYoutubeCaptions *
plenum_youtube_captions_new (const char *ingestion_url, PlenumYoutubeCaptionsLogFunc on_log,
                             gpointer user_data, GError **error)
{
  PlenumYoutubeCaptions *captions;
  g_autofree char *prefix = NULL;
  g_autofree char *origin = NULL;

  g_return_val_if_fail (ingestion_url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  init_once ();
  if (!parse_ingestion_url (ingestion_url, &prefix, &origin, error))
    return NULL;
  captions = g_new0 (PlenumYoutubeCaptions, 1);
  if (!set_up_curl (captions)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 "Could not set up HTTP for YouTube captions to %s", origin);
    g_free (captions);
    return NULL;
  }
  captions->url_prefix = g_steal_pointer (&prefix);
  captions->origin = g_steal_pointer (&origin);
  captions->sink = g_atomic_rc_box_new0 (LogSink);
  captions->sink->context = g_main_context_ref_thread_default ();
  captions->sink->on_log = on_log;
  captions->sink->user_data = user_data;
  captions->sink->alive = TRUE;
  g_mutex_init (&captions->lock);
  g_cond_init (&captions->wake);
  g_queue_init (&captions->pending);
  captions->next_seq = 1;
  captions->retry_base_ms = RETRY_BASE_MS;
  captions->worker = g_thread_new ("plenum-ytcc", worker_main, captions);
  return captions;
}

void
plenum_youtube_captions_free (PlenumYoutubeCaptions *captions)
{
  guint dropped;

  if (captions == NULL)
    return;
  g_mutex_lock (&captions->lock);
  captions->stop_deadline_us = g_get_monotonic_time () + GRACE_MS * 1000;
  g_cond_signal (&captions->wake);
  g_mutex_unlock (&captions->lock);
  g_thread_join (captions->worker);

  g_atomic_int_set (&captions->sink->alive, FALSE);
  log_sink_unref (captions->sink);
  dropped = captions->pending.length;
  if (dropped > 0)
    GST_INFO ("%u caption(s) for %s not sent at shutdown", dropped, captions->origin);
  g_queue_clear_full (&captions->pending, (GDestroyNotify) post_free);
  curl_easy_cleanup (captions->curl);
  curl_slist_free_all (captions->headers);
  g_mutex_clear (&captions->lock);
  g_cond_clear (&captions->wake);
  g_free (captions->url_prefix);
  g_free (captions->origin);
  g_free (captions);
}

void
plenum_youtube_captions_send (PlenumYoutubeCaptions *captions, const char *text,
                              GDateTime *when_utc)
{
  Post *post;
  guint64 dropped_seq = 0;
  gboolean report = FALSE;

  g_return_if_fail (captions != NULL);
  g_return_if_fail (text != NULL);

  post = g_new0 (Post, 1);
  post->body = format_body (text, when_utc);
  g_mutex_lock (&captions->lock);
  post->seq = captions->next_seq++;
  g_queue_push_tail (&captions->pending, post);
  if (captions->pending.length > PLENUM_YOUTUBE_CAPTIONS_MAX_PENDING) {
    Post *oldest = g_queue_pop_head (&captions->pending);

    dropped_seq = oldest->seq;
    post_free (oldest);
    report = !captions->overflowing;
    captions->overflowing = TRUE;
  }
  g_cond_signal (&captions->wake);
  g_mutex_unlock (&captions->lock);
  if (report)
    captions_log (captions, "YouTube captions: %d captions wait for %s; dropping the oldest "
                  "(from caption %" G_GUINT64_FORMAT ") until it accepts again",
                  PLENUM_YOUTUBE_CAPTIONS_MAX_PENDING, captions->origin, dropped_seq);
}

guint64
plenum_youtube_captions_sent (const PlenumYoutubeCaptions *captions)
{
  PlenumYoutubeCaptions *mutable_captions = (PlenumYoutubeCaptions *) captions;
  guint64 sent;

  g_return_val_if_fail (captions != NULL, 0);
  g_mutex_lock (&mutable_captions->lock);
  sent = mutable_captions->sent;
  g_mutex_unlock (&mutable_captions->lock);
  return sent;
}

void
plenum_youtube_captions_set_retry_base_ms (PlenumYoutubeCaptions *captions, guint base_ms)
{
  g_return_if_fail (captions != NULL);
  g_mutex_lock (&captions->lock);
  captions->retry_base_ms = base_ms;
  g_mutex_unlock (&captions->lock);
}

#include "studio/chat_poller.h"

#include <curl/curl.h>
#include <string.h>

#include "studio/facebook_comments_page.h"
#include "studio/youtube_chat_page.h"

#define MAX_BODY_BYTES (8 * 1024 * 1024)   /* a full YouTube page is ~2 MB; 8 leaves room */
#define FIRST_BACKOFF_MS 1000
#define MAX_BACKOFF_MS 60000

/* Shared by the worker thread, the main context's pending callbacks and the owner: each holds
 * a reference. The owner's free() sets `cancelled` (main context), so a callback already
 * queued does nothing once the owner has let go. */
struct _PlenumChatPoller {
  gint refs;
  char *source, *label, *api_base, *chat_id, *video_id, *api_key, *ca_file;
  guint default_wait_ms, page_size;
  PlenumChatPollerDeliver deliver;
  PlenumChatPollerNotice notice;
  gpointer user_data;
  GMainContext *context;
  GThread *thread;

  GMutex lock;
  GCond cond;
  gboolean stopping;        /* lock */
  gboolean batch_waiting;   /* a batch was handed to the main context, not yet taken; lock */
  gboolean cancelled;       /* main context only */

  /* Worker only. */
  CURL *curl;
  char curl_error[CURL_ERROR_SIZE];
  struct curl_slist *headers;
  char *cursor;
  GHashTable *seen;         /* message ids, owned by seen_order */
  GQueue seen_order;
};

typedef struct {
  PlenumChatPoller *poller;   /* a reference */
  GPtrArray *messages, *deleted_ids;
  char *text;
  PlenumChatPollerState state;
} Handover;

static PlenumChatPoller *
poller_ref (PlenumChatPoller *poller)
{
  g_atomic_int_inc (&poller->refs);
  return poller;
}

static void
poller_unref (PlenumChatPoller *poller)
{
  if (!g_atomic_int_dec_and_test (&poller->refs))
    return;
  if (poller->curl)
    curl_easy_cleanup (poller->curl);
  curl_slist_free_all (poller->headers);
  g_hash_table_unref (poller->seen);
  g_queue_clear_full (&poller->seen_order, g_free);
  g_main_context_unref (poller->context);
  g_mutex_clear (&poller->lock);
  g_cond_clear (&poller->cond);
  g_free (poller->source);
  g_free (poller->label);
  g_free (poller->api_base);
  g_free (poller->chat_id);
  g_free (poller->video_id);
  g_free (poller->api_key);
  g_free (poller->ca_file);
  g_free (poller->cursor);
  g_free (poller);
}

static gboolean
stopping (PlenumChatPoller *poller)
{
  g_mutex_lock (&poller->lock);
  gboolean stop = poller->stopping;
  g_mutex_unlock (&poller->lock);
  return stop;
}

/* Sleeps `ms` unless asked to stop; TRUE when asked. */
static gboolean
wait_or_stop (PlenumChatPoller *poller, guint ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * G_TIME_SPAN_MILLISECOND;
  gboolean stop;

  g_mutex_lock (&poller->lock);
  while (!poller->stopping && g_cond_wait_until (&poller->cond, &poller->lock, until))
    ;
  stop = poller->stopping;
  g_mutex_unlock (&poller->lock);
  return stop;
}

/* ---- Handing over to the main context ----------------------------------------------------- */

static gboolean
on_handover (gpointer user_data)
{
  Handover *handover = user_data;
  PlenumChatPoller *poller = handover->poller;

  if (!poller->cancelled) {
    if (handover->messages)
      poller->deliver (poller->source, handover->messages, handover->deleted_ids,
                       poller->user_data);
    if (handover->text)
      poller->notice (poller->source, handover->text, handover->state, poller->user_data);
  }
  if (handover->messages) {
    g_mutex_lock (&poller->lock);
    poller->batch_waiting = FALSE;
    g_cond_broadcast (&poller->cond);
    g_mutex_unlock (&poller->lock);
  }
  return G_SOURCE_REMOVE;
}

static void
handover_free (gpointer user_data)
{
  Handover *handover = user_data;

  if (handover->messages)
    g_ptr_array_unref (handover->messages);
  if (handover->deleted_ids)
    g_ptr_array_unref (handover->deleted_ids);
  g_free (handover->text);
  poller_unref (handover->poller);
  g_free (handover);
}

static void
post (PlenumChatPoller *poller, Handover *handover)
{
  handover->poller = poller_ref (poller);
  g_main_context_invoke_full (poller->context, G_PRIORITY_DEFAULT, on_handover, handover,
                              handover_free);
}

static void
tell (PlenumChatPoller *poller, PlenumChatPollerState state, const char *format, ...)
    G_GNUC_PRINTF (3, 4);

static void
tell (PlenumChatPoller *poller, PlenumChatPollerState state, const char *format, ...)
{
  Handover *handover = g_new0 (Handover, 1);
  va_list args;

  va_start (args, format);
  handover->text = g_strdup_vprintf (format, args);
  va_end (args);
  handover->state = state;
  post (poller, handover);
}

/* Hands the page's new messages over and waits until the main context took them. */
static void
hand_over_page (PlenumChatPoller *poller, PlenumChatPage *page)
{
  Handover *handover;

  if (page->messages->len == 0 && page->deleted_ids->len == 0)
    return;
  handover = g_new0 (Handover, 1);
  handover->messages = g_steal_pointer (&page->messages);
  handover->deleted_ids = g_steal_pointer (&page->deleted_ids);
  page->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) plenum_chat_message_free);
  page->deleted_ids = g_ptr_array_new_with_free_func (g_free);

  g_mutex_lock (&poller->lock);
  poller->batch_waiting = TRUE;
  g_mutex_unlock (&poller->lock);
  post (poller, handover);

  g_mutex_lock (&poller->lock);
  while (poller->batch_waiting && !poller->stopping)
    g_cond_wait (&poller->cond, &poller->lock);
  g_mutex_unlock (&poller->lock);
}

/* ---- Repeats ------------------------------------------------------------------------------- */

static gboolean
seen_before (PlenumChatPoller *poller, const char *id)
{
  char *copy;

  if (g_hash_table_contains (poller->seen, id))
    return TRUE;
  copy = g_strdup (id);
  g_hash_table_add (poller->seen, copy);
  g_queue_push_tail (&poller->seen_order, copy);
  if (poller->seen_order.length > PLENUM_CHAT_POLLER_SEEN_IDS) {
    char *oldest = g_queue_pop_head (&poller->seen_order);
    g_hash_table_remove (poller->seen, oldest);
    g_free (oldest);
  }
  return FALSE;
}

static void
drop_repeats (PlenumChatPoller *poller, GPtrArray *messages)
{
  guint kept = 0;

  for (guint i = 0; i < messages->len; i++) {
    PlenumChatMessage *message = g_ptr_array_index (messages, i);
    if (seen_before (poller, message->id))
      plenum_chat_message_free (message);
    else
      messages->pdata[kept++] = message;
  }
  messages->len = kept;
}

/* ---- HTTP ---------------------------------------------------------------------------------- */

static size_t
on_body (char *data, size_t size, size_t count, void *user_data)
{
  GString *body = user_data;

  if (body->len + size * count > MAX_BODY_BYTES)
    return 0;   /* curl ends the transfer with CURLE_WRITE_ERROR */
  g_string_append_len (body, data, (gssize) (size * count));
  return size * count;
}

static int
on_progress (void *user_data, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
             curl_off_t ulnow)
{
  (void) dltotal, (void) dlnow, (void) ultotal, (void) ulnow;
  return stopping (user_data) ? 1 : 0;
}

/* GETs `url` into `body` and `*status`. A transfer that fails makes `page` a RETRY naming the
 * host only (the URL may carry an API key; curl's own error buffer may quote it): FALSE. */
static gboolean
perform (PlenumChatPoller *poller, const char *url, GString *body, long *status,
         PlenumChatPage *page)
{
  CURLcode code;

  curl_easy_setopt (poller->curl, CURLOPT_URL, url);
  curl_easy_setopt (poller->curl, CURLOPT_WRITEDATA, body);
  poller->curl_error[0] = '\0';
  code = curl_easy_perform (poller->curl);
  if (code == CURLE_OK) {
    curl_easy_getinfo (poller->curl, CURLINFO_RESPONSE_CODE, status);
    return TRUE;
  }
  if (code == CURLE_WRITE_ERROR)
    plenum_chat_page_set_verdict (page, PLENUM_CHAT_RETRY, "%s: an answer was larger than %d MiB",
                                  poller->label, MAX_BODY_BYTES / (1024 * 1024));
  else if (code == CURLE_PEER_FAILED_VERIFICATION)   /* curl's text names no URL here */
    plenum_chat_page_set_verdict (page, PLENUM_CHAT_RETRY,
                                  "%s: %s refused: its TLS certificate is not trusted (%s)%s",
                                  poller->label, poller->api_base, poller->curl_error,
                                  poller->ca_file ? "" : "; ca_file names a CA to trust");
  else if (code == CURLE_SSL_CACERT_BADFILE)
    plenum_chat_page_set_verdict (page, PLENUM_CHAT_RETRY, "%s: cannot read the CA file %s",
                                  poller->label, poller->ca_file);
  else
    plenum_chat_page_set_verdict (page, PLENUM_CHAT_RETRY, "%s: cannot reach %s (%s)",
                                  poller->label, poller->api_base, curl_easy_strerror (code));
  return FALSE;
}

static gboolean
set_up_curl (PlenumChatPoller *poller, const char *token)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized)) {
    curl_global_init (CURL_GLOBAL_DEFAULT);
    g_once_init_leave (&initialized, 1);
  }
  poller->curl = curl_easy_init ();
  if (poller->curl == NULL)
    return FALSE;
  poller->headers = curl_slist_append (NULL, "Accept: application/json");
  if (token != NULL && *token != '\0') {
    g_autofree char *auth = g_strconcat ("Authorization: Bearer ", token, NULL);
    poller->headers = curl_slist_append (poller->headers, auth);
  }
  curl_easy_setopt (poller->curl, CURLOPT_HTTPHEADER, poller->headers);
  curl_easy_setopt (poller->curl, CURLOPT_ERRORBUFFER, poller->curl_error);
  curl_easy_setopt (poller->curl, CURLOPT_USERAGENT, "Plenum/" PLENUM_VERSION);
  curl_easy_setopt (poller->curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (poller->curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (poller->curl, CURLOPT_ACCEPT_ENCODING, "");
  if (poller->ca_file != NULL)
    curl_easy_setopt (poller->curl, CURLOPT_CAINFO, poller->ca_file);
  curl_easy_setopt (poller->curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt (poller->curl, CURLOPT_TIMEOUT, 60L);
  /* A server that trickles (1 byte a second) is given up after 15 s below 100 bytes/s. */
  curl_easy_setopt (poller->curl, CURLOPT_LOW_SPEED_LIMIT, 100L);
  curl_easy_setopt (poller->curl, CURLOPT_LOW_SPEED_TIME, 15L);
  curl_easy_setopt (poller->curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt (poller->curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (poller->curl, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt (poller->curl, CURLOPT_XFERINFODATA, poller);
  return TRUE;
}

/* ---- The loop ------------------------------------------------------------------------------ */

/* YouTube given a video id: its active chat id first. */
static void
resolve_chat_id (PlenumChatPoller *poller, PlenumChatPage *page)
{
  g_autofree char *url = plenum_youtube_videos_url (poller->api_base, poller->video_id,
                                                    poller->api_key);
  g_autoptr (GString) body = g_string_new (NULL);
  g_autofree char *reason = NULL;
  long status = 0;

  if (!perform (poller, url, body, &status, page))
    return;
  poller->chat_id = plenum_youtube_active_chat_id_parse (body->str, body->len, status, &reason);
  if (poller->chat_id != NULL) {
    tell (poller, PLENUM_CHAT_POLLER_READING, "%s: video %s has a live chat, reading it",
          poller->label, poller->video_id);
    return;
  }
  /* A video that is not live (200 without a chat) stays so: only server trouble is retried. */
  plenum_chat_page_set_verdict (page, status >= 500 || status == 429 ? PLENUM_CHAT_RETRY
                                                                     : PLENUM_CHAT_STOP,
                                "%s", reason);
}

static void
read_one_page (PlenumChatPoller *poller, PlenumChatPage *page)
{
  gboolean youtube = strcmp (poller->source, "youtube") == 0;
  g_autofree char *url = NULL;
  g_autoptr (GString) body = g_string_new (NULL);
  long status = 0;

  if (poller->chat_id == NULL) {
    resolve_chat_id (poller, page);
    return;
  }
  url = youtube ? plenum_youtube_chat_url (poller->api_base, poller->chat_id, poller->cursor,
                                           poller->api_key, poller->page_size)
                : plenum_facebook_comments_url (poller->api_base, poller->chat_id,
                                                poller->cursor, poller->page_size);
  if (!perform (poller, url, body, &status, page))
    return;
  if (youtube)
    plenum_youtube_chat_parse (body->str, body->len, status, page);
  else
    plenum_facebook_comments_parse (body->str, body->len, status, page);
  drop_repeats (poller, page->messages);
  hand_over_page (poller, page);
}

static gpointer
run (gpointer user_data)
{
  PlenumChatPoller *poller = user_data;
  guint backoff_ms = 0;
  gboolean waiting = FALSE;

  while (!stopping (poller)) {
    PlenumChatPage page;
    guint wait_ms;
    gboolean stop = FALSE;

    plenum_chat_page_init (&page);
    read_one_page (poller, &page);
    switch (page.verdict) {
    case PLENUM_CHAT_CONTINUE:
      if (waiting)
        tell (poller, PLENUM_CHAT_POLLER_READING, "%s: reading again", poller->label);
      waiting = FALSE;
      backoff_ms = 0;
      if (page.next_page != NULL) {
        g_free (poller->cursor);
        poller->cursor = g_steal_pointer (&page.next_page);
      }
      wait_ms = page.wait_ms >= 0 ? (guint) page.wait_ms : poller->default_wait_ms;
      break;
    case PLENUM_CHAT_BACKOFF:
    case PLENUM_CHAT_RETRY:
      backoff_ms = backoff_ms == 0 ? FIRST_BACKOFF_MS : MIN (backoff_ms * 2, MAX_BACKOFF_MS);
      wait_ms = backoff_ms;
      tell (poller, PLENUM_CHAT_POLLER_WAITING, "%s; next try in %u s",
            page.reason ? page.reason : poller->label, wait_ms / 1000);
      waiting = TRUE;
      break;
    case PLENUM_CHAT_STOP:
    default:
      tell (poller, page.ended ? PLENUM_CHAT_POLLER_ENDED : PLENUM_CHAT_POLLER_FAILED, "%s",
            page.reason ? page.reason : poller->label);
      stop = TRUE;
      wait_ms = 0;
      break;
    }
    plenum_chat_page_clear (&page);
    if (stop || wait_or_stop (poller, wait_ms))
      break;
  }
  poller_unref (poller);
  return NULL;
}

PlenumChatPoller *
plenum_chat_poller_new (const PlenumChatPollerConfig *config, PlenumChatPollerDeliver deliver,
                        PlenumChatPollerNotice notice, gpointer user_data)
{
  PlenumChatPoller *poller = g_new0 (PlenumChatPoller, 1);
  gboolean youtube;

  g_return_val_if_fail (config != NULL && config->source != NULL, NULL);
  youtube = strcmp (config->source, "youtube") == 0;
  poller->refs = 1;
  poller->source = g_strdup (config->source);
  poller->label = g_strdup (youtube ? "YouTube" : "Facebook");
  poller->api_base = g_strdup (config->api_base);
  poller->chat_id = g_strdup (config->chat_id);
  poller->video_id = g_strdup (config->video_id);
  poller->api_key = g_strdup (config->api_key);
  poller->ca_file = g_strdup (config->ca_file);
  poller->default_wait_ms = config->default_wait_ms;
  poller->page_size = config->page_size;
  poller->deliver = deliver;
  poller->notice = notice;
  poller->user_data = user_data;
  poller->context = g_main_context_ref_thread_default ();
  poller->seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_queue_init (&poller->seen_order);
  g_mutex_init (&poller->lock);
  g_cond_init (&poller->cond);
  if (!set_up_curl (poller, config->token)) {
    tell (poller, PLENUM_CHAT_POLLER_FAILED, "%s: cannot start an HTTP client", poller->label);
    return poller;
  }
  poller->thread = g_thread_new ("chat-poller", run, poller_ref (poller));
  return poller;
}

void
plenum_chat_poller_free (PlenumChatPoller *poller)
{
  if (poller == NULL)
    return;
  poller->cancelled = TRUE;
  g_mutex_lock (&poller->lock);
  poller->stopping = TRUE;
  g_cond_broadcast (&poller->cond);
  g_mutex_unlock (&poller->lock);
  if (poller->thread)
    g_thread_join (poller->thread);
  poller_unref (poller);
}

const char *
plenum_chat_poller_state_to_string (PlenumChatPollerState state)
{
  static const char *const names[] = { "reading", "waiting", "ended", "failed" };
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (names), NULL);
  return names[state];
}

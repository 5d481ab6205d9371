#include "studio/youtube_chat_page.h"

#include <cjson/cJSON.h>
#include <string.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

#define WAIT_MAX_MS 600000.0

/* An error YouTube names by `reason` and what it means for the poller. */
typedef struct {
  const char *reason;
  PlenumChatVerdict verdict;
  gboolean ended;
  const char *sentence;
} KnownError;

static const KnownError known_errors[] = {
  { "liveChatEnded", PLENUM_CHAT_STOP, TRUE, "the live chat has ended" },
  { "liveChatNotFound", PLENUM_CHAT_STOP, FALSE,
    "the live chat was not found; check the live chat id" },
  { "liveChatDisabled", PLENUM_CHAT_STOP, FALSE, "the live chat is disabled for this broadcast" },
  { "forbidden", PLENUM_CHAT_STOP, FALSE, "this account may not read the live chat" },
  { "insufficientPermissions", PLENUM_CHAT_STOP, FALSE,
    "the OAuth token lacks the scope to read the live chat" },
  { "authError", PLENUM_CHAT_STOP, FALSE,
    "the credentials were refused: the OAuth token is invalid or expired" },
  { "keyInvalid", PLENUM_CHAT_STOP, FALSE, "the API key is not valid" },
  { "keyExpired", PLENUM_CHAT_STOP, FALSE, "the API key has expired" },
  { "accessNotConfigured", PLENUM_CHAT_STOP, FALSE,
    "the YouTube Data API is not enabled for this Google Cloud project" },
  { "rateLimitExceeded", PLENUM_CHAT_BACKOFF, FALSE,
    "asked for the chat too soon after the previous request" },
  { "userRateLimitExceeded", PLENUM_CHAT_BACKOFF, FALSE, "too many requests for this user" },
  { "quotaExceeded", PLENUM_CHAT_STOP, FALSE,
    "the daily API quota is used up; it resets at midnight Pacific time" },
  { "dailyLimitExceeded", PLENUM_CHAT_STOP, FALSE,
    "the daily API quota is used up; it resets at midnight Pacific time" },
  { "backendError", PLENUM_CHAT_RETRY, FALSE, "YouTube had an internal error" },
};

/* ---- Errors ---------------------------------------------------------------------------------- */

static const KnownError *
known_error_named (const char *reason)
{
  for (gsize i = 0; i < G_N_ELEMENTS (known_errors); i++)
    if (strcmp (reason, known_errors[i].reason) == 0)
      return &known_errors[i];
  return NULL;
}

/* The first of error.errors[] whose reason is known, else NULL with *first_reason set to the
 * first reason given (NULL if none). */
static const KnownError *
find_known_error (const cJSON *error, const char **first_reason)
{
  const cJSON *errors = plenum_chat_json_member (error, "errors");
  const cJSON *entry;

  *first_reason = cJSON_GetStringValue (error); /* OAuth's {"error": "invalid_grant"} */
  if (!cJSON_IsArray (errors))
    return NULL;
  cJSON_ArrayForEach (entry, errors) {
    const char *reason = plenum_chat_json_text (entry, "reason");
    const KnownError *known = reason != NULL ? known_error_named (reason) : NULL;

    if (known != NULL)
      return known;
    if (*first_reason == NULL)
      *first_reason = reason;
  }
  return NULL;
}

/* An answer with an "error" member (or a bare 401): the verdict by its reason, else by its
 * HTTP status. */
static void
read_error (const cJSON *error, long http_status, PlenumChatPage *page)
{
  const char *reason = NULL;
  const KnownError *known = find_known_error (error, &reason);
  g_autofree char *quoted_reason = plenum_chat_quote (reason);
  g_autofree char *message = plenum_chat_quote (plenum_chat_json_text (error, "message"));
  const cJSON *code_item = plenum_chat_json_member (error, "code");
  double code;

  /* A 200 that carries an error: its own code says more than the status line. */
  if (!plenum_chat_status_is_success (http_status) || !plenum_chat_json_number (code_item, &code) || code < 100 ||
      code > 599)
    code = http_status;
  if (known != NULL) {
    plenum_chat_page_set_verdict (page, known->verdict, "YouTube: %s (%s)", known->sentence,
                                  known->reason);
    page->ended = known->ended;
  } else if ((long) code == 401) {
    plenum_chat_page_set_verdict (page, PLENUM_CHAT_STOP, "YouTube: %s (HTTP 401)",
                                  known_error_named ("authError")->sentence);
  } else {
    plenum_chat_page_set_verdict (page, plenum_chat_verdict_for_status ((long) code),
                                  "YouTube: the request failed with HTTP %ld%s%s%s%s%s",
                                  (long) code, *quoted_reason ? " (" : "", quoted_reason,
                                  *quoted_reason ? ")" : "", *message ? ": " : "", message);
  }
}

/* ---- Chat pages ------------------------------------------------------------------------------ */

static void
add_message (const cJSON *item, const cJSON *snippet, const char *text, PlenumChatPage *page)
{
  const cJSON *author = plenum_chat_json_member (item, "authorDetails");
  const char *author_id = plenum_chat_json_text (author, "channelId");
  const char *published = plenum_chat_json_text (snippet, "publishedAt");

  if (author_id == NULL)
    author_id = plenum_chat_json_text (snippet, "authorChannelId");
  plenum_chat_page_add_message (page, plenum_chat_json_text (item, "id"),
                                plenum_chat_json_text (author, "displayName"), author_id, text,
                                plenum_chat_time_parse (published));
}

static void
add_deleted_id (const cJSON *snippet, PlenumChatPage *page)
{
  const cJSON *details = plenum_chat_json_member (snippet, "messageDeletedDetails");
  const char *id = plenum_chat_json_text (details, "deletedMessageId");

  if (id != NULL && g_utf8_validate (id, -1, NULL))
    g_ptr_array_add (page->deleted_ids, g_strdup (id));
}

/* Takes what one item holds into the page; returns whether it ends the chat. Items of a shape
 * or type we do not know are passed over: one odd item must not cost the rest of the page. */
static gboolean
read_item (const cJSON *item, PlenumChatPage *page)
{
  const cJSON *snippet = plenum_chat_json_member (item, "snippet");
  const char *type = plenum_chat_json_text (snippet, "type");

  if (type == NULL)
    return FALSE;
  if (strcmp (type, "textMessageEvent") == 0) {
    const cJSON *details = plenum_chat_json_member (snippet, "textMessageDetails");
    const char *text = plenum_chat_json_text (details, "messageText");

    if (text == NULL)
      text = plenum_chat_json_text (snippet, "displayMessage");
    add_message (item, snippet, text, page);
  } else if (strcmp (type, "superChatEvent") == 0) {
    const cJSON *details = plenum_chat_json_member (snippet, "superChatDetails");

    /* displayMessage would be "$5.00 from Name: …": only the viewer's own words count. */
    add_message (item, snippet, plenum_chat_json_text (details, "userComment"), page);
  } else if (strcmp (type, "messageDeletedEvent") == 0) {
    add_deleted_id (snippet, page);
  } else if (strcmp (type, "chatEndedEvent") == 0) {
    return TRUE;
  }
  return FALSE;
}

static void
read_paging (const cJSON *root, PlenumChatPage *page)
{
  const char *token = plenum_chat_json_text (root, "nextPageToken");
  double wait;

  if (token != NULL && g_utf8_validate (token, -1, NULL))
    page->next_page = g_strdup (token);
  if (plenum_chat_json_number (plenum_chat_json_member (root, "pollingIntervalMillis"), &wait))
    page->wait_ms = (gint64) CLAMP (wait, 0.0, WAIT_MAX_MS);
}

void
plenum_youtube_chat_parse (const char *body, gsize length, long http_status,
                           PlenumChatPage *page)
{
  g_autoptr (cJSON) root = NULL;
  const cJSON *items;
  const cJSON *item;

  g_return_if_fail (page != NULL && page->messages != NULL && page->deleted_ids != NULL);

  root = plenum_chat_json_parse (body, length);
  if (plenum_chat_read_failure (root, length, http_status, "YouTube", read_error, page))
    return;
  items = plenum_chat_json_member (root, "items");
  if (items != NULL && !cJSON_IsNull (items) && !cJSON_IsArray (items)) {
    plenum_chat_page_set_verdict (page, PLENUM_CHAT_RETRY,
                                  "YouTube: the chat page's \"items\" is not a list");
    return;
  }
  read_paging (root, page);
  cJSON_ArrayForEach (item, items) {
    if (read_item (item, page)) {
      plenum_chat_page_set_verdict (page, PLENUM_CHAT_STOP,
                                    "YouTube: the live chat has ended (chatEndedEvent)");
      page->ended = TRUE;
      return;
    }
  }
  if (plenum_chat_json_text (root, "offlineAt") != NULL) {
    plenum_chat_page_set_verdict (page, PLENUM_CHAT_STOP,
                                  "YouTube: the live chat has ended (the broadcast went offline)");
    page->ended = TRUE;
  }
}

/* ---- The live chat of a video ---------------------------------------------------------------- */

/* Why `video` (an item of videos.list, or NULL) has no chat to read. */
static char *
no_chat_reason (const cJSON *video)
{
  g_autofree char *video_id = NULL;

  if (!cJSON_IsObject (video))
    return g_strdup ("YouTube: the video was not found (videos.list returned no such video)");
  video_id = plenum_chat_quote (plenum_chat_json_text (video, "id"));
  return g_strdup_printf ("YouTube: video %s has no active live chat (not live, or chat "
                          "disabled)", *video_id ? video_id : "(without id)");
}

char *
plenum_youtube_active_chat_id_parse (const char *body, gsize length, long http_status,
                                     char **reason)
{
  g_autoptr (cJSON) root = plenum_chat_json_parse (body, length);
  const cJSON *items = plenum_chat_json_member (root, "items");
  const cJSON *video = cJSON_IsArray (items) ? cJSON_GetArrayItem (items, 0) : NULL;
  const cJSON *details = plenum_chat_json_member (video, "liveStreamingDetails");
  const char *chat_id = plenum_chat_json_text (details, "activeLiveChatId");
  PlenumChatPage page;
  char *why = NULL;

  plenum_chat_page_init (&page);
  if (plenum_chat_read_failure (root, length, http_status, "YouTube", read_error, &page))
    why = g_steal_pointer (&page.reason);
  else if (chat_id == NULL || !g_utf8_validate (chat_id, -1, NULL))
    why = no_chat_reason (video);
  plenum_chat_page_clear (&page);
  if (reason != NULL)
    *reason = why;
  else
    g_free (why);
  return why == NULL ? g_strdup (chat_id) : NULL;
}

/* ---- URLs ------------------------------------------------------------------------------------ */

char *
plenum_youtube_chat_url (const char *api_base, const char *live_chat_id, const char *page_token,
                         const char *api_key, guint max_results)
{
  GString *url;

  g_return_val_if_fail (api_base != NULL && live_chat_id != NULL, NULL);

  url = plenum_chat_url_start (api_base, "/youtube/v3/liveChat/messages?liveChatId=");
  g_string_append_uri_escaped (url, live_chat_id, NULL, FALSE);
  g_string_append_printf (url, "&part=snippet,authorDetails&maxResults=%u", max_results);
  plenum_chat_url_append (url, "pageToken", page_token);
  plenum_chat_url_append (url, "key", api_key);
  return g_string_free (url, FALSE);
}

char *
plenum_youtube_videos_url (const char *api_base, const char *video_id, const char *api_key)
{
  GString *url;

  g_return_val_if_fail (api_base != NULL && video_id != NULL, NULL);

  url = plenum_chat_url_start (api_base, "/youtube/v3/videos?part=liveStreamingDetails&id=");
  g_string_append_uri_escaped (url, video_id, NULL, FALSE);
  plenum_chat_url_append (url, "key", api_key);
  return g_string_free (url, FALSE);
}

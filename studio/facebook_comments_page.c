#include "studio/facebook_comments_page.h"

#include <cjson/cJSON.h>
#include <string.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

/* ---- Errors ---------------------------------------------------------------------------------- */

/* A Graph API error code as a number, or -1 when it is missing or no number. */
static long
error_code (const cJSON *error, const char *name)
{
  double value;

  if (!plenum_chat_json_number (plenum_chat_json_member (error, name), &value) || value < 0 ||
      value > G_MAXINT32)
    return -1;
  return (long) value;
}

static gboolean
is_rate_limit (long code)
{
  /* 4 app, 17 user, 32 page, 341 app limit, 613 per-hour calls; 80000–80014 are the
   * Business Use Case limits (80001 for Pages). */
  return code == 4 || code == 17 || code == 32 || code == 341 || code == 613 ||
         (code >= 80000 && code <= 80014);
}

/* Code 100 is any invalid parameter; the live video being gone (subcode 33, "does not exist")
 * is the one the operator must hear about as such. */
static gboolean
is_missing_object (long code, long subcode, const char *message)
{
  return code == 803 || (code == 100 && (subcode == 33 || (message != NULL &&
                                                           strstr (message, "does not exist"))));
}

/* The verdict for a Graph API error and the sentence that explains it. */
static PlenumChatVerdict
classify_error (const cJSON *error, long http_status, const char **sentence)
{
  long code = error_code (error, "code");
  long subcode = error_code (error, "error_subcode");

  if (code == 190 || code == 102) {
    *sentence = "the access token is invalid or expired";
    return PLENUM_CHAT_STOP;
  }
  if (code == 10 || (code >= 200 && code <= 299)) {
    *sentence = "the access token lacks a permission needed to read the comments";
    return PLENUM_CHAT_STOP;
  }
  if (is_rate_limit (code)) {
    *sentence = "rate limited";
    return PLENUM_CHAT_BACKOFF;
  }
  if (code == 1 || code == 2) {
    *sentence = "Facebook had a temporary problem";
    return PLENUM_CHAT_RETRY;
  }
  if (is_missing_object (code, subcode, plenum_chat_json_text (error, "message"))) {
    *sentence = "the live video does not exist, or this token may not read it";
    return PLENUM_CHAT_STOP;
  }
  if (code == 100) {
    *sentence = "the request was refused as invalid";
    return PLENUM_CHAT_STOP;
  }
  *sentence = "the request failed";
  if (cJSON_IsTrue (plenum_chat_json_member (error, "is_transient")))
    return PLENUM_CHAT_RETRY;
  return plenum_chat_verdict_for_status (plenum_chat_status_is_success (http_status) ? 0 : http_status);
}

/* "Facebook: <sentence> (code C, subcode S): <Facebook's message>"; the HTTP status only when
 * there is no code. */
static void
read_error (const cJSON *error, long http_status, PlenumChatPage *page)
{
  const char *sentence = NULL;
  PlenumChatVerdict verdict = classify_error (error, http_status, &sentence);
  long code = error_code (error, "code");
  long subcode = error_code (error, "error_subcode");
  g_autofree char *message = plenum_chat_quote (plenum_chat_json_text (error, "message"));
  g_autoptr (GString) codes = g_string_new (NULL);

  if (code >= 0)
    g_string_append_printf (codes, "code %ld", code);
  if (subcode >= 0)
    g_string_append_printf (codes, "%ssubcode %ld", codes->len > 0 ? ", " : "", subcode);
  if (code < 0 && !plenum_chat_status_is_success (http_status))
    g_string_append_printf (codes, "%sHTTP %ld", codes->len > 0 ? ", " : "", http_status);
  plenum_chat_page_set_verdict (page, verdict, "Facebook: %s%s%s%s%s%s", sentence,
                                codes->len > 0 ? " (" : "", codes->str, codes->len > 0 ? ")" : "",
                                *message ? ": " : "", message);
}

/* ---- Comment pages --------------------------------------------------------------------------- */

static void
add_comment (const cJSON *comment, PlenumChatPage *page)
{
  const cJSON *from = plenum_chat_json_member (comment, "from");
  const char *created = plenum_chat_json_text (comment, "created_time");

  plenum_chat_page_add_message (page, plenum_chat_json_text (comment, "id"),
                                plenum_chat_json_text (from, "name"),
                                plenum_chat_json_text (from, "id"),
                                plenum_chat_json_text (comment, "message"),
                                plenum_chat_time_parse (created));
}

void
plenum_facebook_comments_parse (const char *body, gsize length, long http_status,
                                PlenumChatPage *page)
{
  g_autoptr (cJSON) root = NULL;
  const cJSON *data;
  const cJSON *comment;
  const cJSON *cursors;
  const char *after;

  g_return_if_fail (page != NULL && page->messages != NULL);

  root = plenum_chat_json_parse (body, length);
  if (plenum_chat_read_failure (root, length, http_status, "Facebook", read_error, page))
    return;
  data = plenum_chat_json_member (root, "data");
  if (data != NULL && !cJSON_IsNull (data) && !cJSON_IsArray (data)) {
    plenum_chat_page_set_verdict (page, PLENUM_CHAT_RETRY,
                                  "Facebook: the comments page's \"data\" is not a list");
    return;
  }
  cJSON_ArrayForEach (comment, data)
    add_comment (comment, page);
  /* With no new comments Facebook sends no cursors: NULL asks again from the last one. */
  cursors = plenum_chat_json_member (plenum_chat_json_member (root, "paging"), "cursors");
  after = plenum_chat_json_text (cursors, "after");
  if (after != NULL && g_utf8_validate (after, -1, NULL))
    page->next_page = g_strdup (after);
  page->wait_ms = -1;
}

/* ---- URLs ------------------------------------------------------------------------------------ */

char *
plenum_facebook_comments_url (const char *api_base, const char *live_video_id, const char *after,
                              guint limit)
{
  GString *url;

  g_return_val_if_fail (api_base != NULL && live_video_id != NULL, NULL);

  url = plenum_chat_url_start (api_base, "/v21.0/");
  g_string_append_uri_escaped (url, live_video_id, NULL, FALSE);
  g_string_append_printf (url, "/comments?fields=id%%2Cfrom%%7Bname%%2Cid%%7D%%2Cmessage"
                          "%%2Ccreated_time&filter=stream&live_filter=no_filter"
                          "&order=chronological&limit=%u", limit);
  plenum_chat_url_append (url, "after", after);
  return g_string_free (url, FALSE);
}

/* chat_page.h — one page of a platform's live chat, as the collectors' parsers read it.
 *
 * A parser (youtube_chat_page.h, facebook_comments_page.h) turns one HTTP answer — status code
 * and body, whatever they hold — into a PlenumChatPage: the messages it carries and what the
 * poller does next. Parsers are pure (no I/O, no clock, no globals) and never trust the body:
 * wrong types, missing fields, truncated or huge JSON give a page with a verdict, never a crash.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *id;                 /* the platform's message id (never NULL; used to drop repeats) */
  char *author;             /* display name, or NULL when the platform sent none */
  char *author_id;          /* channel / user id, or NULL */
  char *text;               /* valid UTF-8 without control characters, never empty */
  gint64 published_unix_ms; /* -1 when missing or unreadable */
} PlenumChatMessage;

typedef enum {
  PLENUM_CHAT_CONTINUE,     /* poll again after wait_ms (or the poller's default) */
  PLENUM_CHAT_BACKOFF,      /* rate limited: wait longer each time (1 s doubling to 60 s) */
  PLENUM_CHAT_RETRY,        /* transient: server error, unreadable body; retry with backoff */
  PLENUM_CHAT_STOP,         /* the chat ended, or an error that retrying cannot mend */
} PlenumChatVerdict;

typedef struct {
  PlenumChatVerdict verdict;
  GPtrArray *messages;      /* element-type PlenumChatMessage*, owned; in the page's order.
                               A STOP page may still carry the messages sent before the end. */
  GPtrArray *deleted_ids;   /* element-type utf8, owned: messages the platform withdrew */
  char *next_page;          /* page token / cursor to ask for next, or NULL to ask again
                               with the previous one */
  gint64 wait_ms;           /* the platform's polling interval (0..600000), or -1 when it
                               gave none */
  char *reason;             /* for every verdict but CONTINUE: one sentence for the log, e.g.
                               "YouTube: the live chat has ended (liveChatEnded)"; it may quote
                               the platform's own error message (cleaned, at most 200
                               characters) but never a key or token the parser was not given */
  gboolean ended;           /* STOP because the chat is over (not because of an error) */
} PlenumChatPage;

/* An empty CONTINUE page with wait_ms -1; clear() frees what it holds and leaves it that way
 * again, arrays NULL (init it again to reuse it). */
void plenum_chat_page_init (PlenumChatPage *page);
void plenum_chat_page_clear (PlenumChatPage *page);
void plenum_chat_message_free (PlenumChatMessage *message);

/* Text as a viewer sent it, made safe to keep and show: invalid UTF-8 replaced by U+FFFD,
 * control characters (C0, DEL, C1) except '\n' and '\t' turned into spaces, each run of white
 * space squeezed to one character ('\n' if the run held a line break, else ' '), trimmed;
 * `length` -1 for NUL-terminated text, else embedded NULs count as control characters;
 * (transfer full), "" when nothing is left. */
char *plenum_chat_clean_text (const char *text, gssize length);

/* ---- For the parsers: what YouTube's and Facebook's share ---------------------------------- */

/* Appends a message if `id` is valid UTF-8 and not empty and `text` (cleaned here) is not
 * empty; `author` and `author_id` are cleaned too and become NULL when empty. Returns whether
 * the message was kept. */
gboolean plenum_chat_page_add_message (PlenumChatPage *page, const char *id, const char *author,
                                       const char *author_id, const char *text,
                                       gint64 published_unix_ms);

/* Sets the verdict and its reason sentence (replacing an earlier one). */
void plenum_chat_page_set_verdict (PlenumChatPage *page, PlenumChatVerdict verdict,
                                   const char *format, ...) G_GNUC_PRINTF (3, 4);

/* What an HTTP status says when the body names no known error: 429 BACKOFF; 408 and 5xx (and
 * anything that is no HTTP status at all) RETRY; other 4xx STOP; 1xx–3xx RETRY. */
PlenumChatVerdict plenum_chat_verdict_for_status (long http_status);

/* Whether an HTTP status is a success (2xx). */
gboolean plenum_chat_status_is_success (long http_status);

/* A platform's error message fit to quote in a reason: cleaned, one line, at most 200
 * characters ("…" marks a cut); (transfer full), "" for NULL. */
char *plenum_chat_quote (const char *message);

/* An RFC 3339 time with an offset ("2024-05-18T14:02:11.512883+00:00", "Z", or Facebook's
 * "+0000") as Unix milliseconds; -1 for NULL, no offset, or anything unreadable. */
gint64 plenum_chat_time_parse (const char *text);

/* Reading untrusted JSON (cJSON's, declared here so the header needs no <cjson/cJSON.h>). */
struct cJSON;

/* The body as JSON, or NULL when it is empty or unreadable; (transfer full: cJSON_Delete). */
struct cJSON *plenum_chat_json_parse (const char *body, gsize length);
/* `name` in `object`, or NULL when `object` is NULL, no object, or lacks it. */
const struct cJSON *plenum_chat_json_member (const struct cJSON *object, const char *name);
/* The member's string value, or NULL when it is missing, empty or not a string. */
const char *plenum_chat_json_text (const struct cJSON *object, const char *name);
/* Whether `item` is a finite number or a string holding one ("4868", " 12.5 "); sets *value. */
gboolean plenum_chat_json_number (const struct cJSON *item, double *value);

/* Reads an error answer into `page`: `error` is the body's "error" member, or NULL when only
 * the HTTP status tells. */
typedef void (*PlenumChatErrorReader) (const struct cJSON *error, long http_status,
                                       PlenumChatPage *page);

/* Whether the answer failed — an "error" member, a status other than 2xx, or no JSON object —
 * and then fills `page` (through `read_error` for the first two). `label` ("YouTube") starts
 * the reason of a body that is no JSON object. */
gboolean plenum_chat_read_failure (const struct cJSON *root, gsize length, long http_status,
                                   const char *label, PlenumChatErrorReader read_error,
                                   PlenumChatPage *page);

/* {api_base without trailing '/'}{path}; then "&name=value" with the value escaped, or nothing
 * for a NULL or empty value. */
GString *plenum_chat_url_start (const char *api_base, const char *path);
void plenum_chat_url_append (GString *url, const char *name, const char *value);

G_END_DECLS

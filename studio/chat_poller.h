/* chat_poller.h — fetches a platform's live chat, page after page, on a thread of its own.
 *
 * One poller per platform (YouTube liveChatMessages.list, Facebook live comments). Its worker
 * thread asks for a page (libcurl), reads it with the platform's parser (chat_page.h), drops
 * messages it has already seen (by id, the last PLENUM_CHAT_POLLER_SEEN_IDS), and hands the
 * new ones to the main context; it asks for the next page only after the main context took
 * the previous one, so a slow queue slows the poller down instead of piling up pages. It waits
 * as long as the platform says between calls, backs off 1 s doubling to 60 s on rate limits
 * and transient errors, and stops by itself when the chat ends or retrying cannot help.
 * Tokens go only into an Authorization header (or, for a YouTube API key, the URL) given to
 * curl; nothing the poller reports contains them. A server whose TLS certificate is not
 * trusted gets no request: the poller says so and retries (the certificate may be mended).
 */
#pragma once

#include <glib.h>

#include "studio/chat_page.h"

G_BEGIN_DECLS

#define PLENUM_CHAT_POLLER_SEEN_IDS 20000

typedef struct {
  const char *source;       /* "youtube" or "facebook" (copied) */
  const char *api_base;     /* e.g. "https://www.googleapis.com" */
  const char *chat_id;      /* YouTube liveChatId / Facebook live video id; for YouTube may be
                               NULL when video_id is given */
  const char *video_id;     /* YouTube: resolve the chat id from this video first */
  const char *token;        /* OAuth token for "Authorization: Bearer", or NULL */
  const char *api_key;      /* YouTube API key (URL parameter), or NULL */
  const char *ca_file;      /* PEM file: the only CAs trusted for an https api_base, or NULL
                               for the system's */
  guint default_wait_ms;    /* between calls when the platform names no interval */
  guint page_size;          /* maxResults / limit */
} PlenumChatPollerConfig;

/* On the main context. `messages` (PlenumChatMessage*) and `deleted_ids` (utf8) are borrowed
 * for the call. */
typedef void (*PlenumChatPollerDeliver) (const char *source, GPtrArray *messages,
                                         GPtrArray *deleted_ids, gpointer user_data);
typedef enum {
  PLENUM_CHAT_POLLER_READING,
  PLENUM_CHAT_POLLER_WAITING,   /* backing off after a rate limit or a transient error */
  PLENUM_CHAT_POLLER_ENDED,     /* the chat is over: stopped for good */
  PLENUM_CHAT_POLLER_FAILED,    /* an error retrying cannot mend: stopped for good */
} PlenumChatPollerState;

/* On the main context: something the operator should read ("YouTube: rate limited; next try
 * in 2 s") and the state the poller is now in. */
typedef void (*PlenumChatPollerNotice) (const char *source, const char *text,
                                        PlenumChatPollerState state, gpointer user_data);

/* "reading", "waiting", "ended", "failed". */
const char *plenum_chat_poller_state_to_string (PlenumChatPollerState state);

typedef struct _PlenumChatPoller PlenumChatPoller;

/* Starts polling at once (all strings copied). Callbacks run on the thread-default main
 * context of the caller. */
PlenumChatPoller *plenum_chat_poller_new (const PlenumChatPollerConfig *config,
                                          PlenumChatPollerDeliver deliver,
                                          PlenumChatPollerNotice notice, gpointer user_data);
/* Stops the thread (an HTTP transfer in flight is aborted) and frees the poller; no callback
 * runs after this returns. */
void plenum_chat_poller_free (PlenumChatPoller *poller);

G_END_DECLS

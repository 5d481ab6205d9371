/* youtube_chat_page.h — YouTube's live chat as the Data API v3 serves it.
 *
 * Parses liveChatMessages.list pages (part=snippet,authorDetails) into PlenumChatPages and
 * videos.list answers into a video's live chat id, and builds the URLs of both requests. Pure:
 * the poller does the HTTP. An API key, when given, travels in the URL as YouTube wants it, so
 * these URLs are logged only through the redacting log (log.h), never printed raw.
 */
#pragma once

#include "studio/chat_page.h"

G_BEGIN_DECLS

/* Fills `page` (initialised, empty) from one liveChatMessages.list answer. Text messages and
 * super chats with a comment become messages; deletions become deleted_ids; the end of the
 * chat (a chatEndedEvent or `offlineAt`) is STOP with `ended`, after the messages before it. */
void plenum_youtube_chat_parse (const char *body, gsize length, long http_status,
                                PlenumChatPage *page);

/* items[0].liveStreamingDetails.activeLiveChatId of a videos.list?part=liveStreamingDetails
 * answer; (transfer full). NULL when the video has no live chat, is unknown, or the request
 * failed; then *reason (nullable, transfer full) says why in one sentence. */
char *plenum_youtube_active_chat_id_parse (const char *body, gsize length, long http_status,
                                           char **reason);

/* {api_base}/youtube/v3/liveChat/messages?liveChatId=…&part=snippet,authorDetails
 * &maxResults=N[&pageToken=…][&key=…], every value escaped; (transfer full). A NULL or empty
 * page token or key leaves its parameter out; a trailing '/' on api_base is dropped. */
char *plenum_youtube_chat_url (const char *api_base, const char *live_chat_id,
                               const char *page_token, const char *api_key, guint max_results);

/* {api_base}/youtube/v3/videos?part=liveStreamingDetails&id=…[&key=…]; (transfer full). */
char *plenum_youtube_videos_url (const char *api_base, const char *video_id,
                                 const char *api_key);

G_END_DECLS

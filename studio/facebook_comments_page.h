/* facebook_comments_page.h — the comments on a Facebook live video, as the Graph API serves them.
 *
 * Parses GET /v21.0/{live-video-id}/comments pages (filter=stream, order=chronological) into
 * PlenumChatPages and builds their URL. Pure: the poller does the HTTP, and sends the access
 * token in an Authorization header, so it never appears in a URL or a page.
 */
#pragma once

#include "studio/chat_page.h"

G_BEGIN_DECLS

/* Fills `page` (initialised, empty) from one comments answer. Comments with an id and a
 * non-empty message become messages (a comment without `from` has a NULL author); next_page is
 * paging.cursors.after when given; wait_ms stays -1, as Facebook suggests no interval. Errors
 * are judged by their Graph API code. */
void plenum_facebook_comments_parse (const char *body, gsize length, long http_status,
                                     PlenumChatPage *page);

/* {api_base}/v21.0/{id}/comments?fields=id%2Cfrom%7Bname%2Cid%7D%2Cmessage%2Ccreated_time
 * &filter=stream&live_filter=no_filter&order=chronological&limit=N[&after=…], the id and the
 * cursor escaped; (transfer full). A NULL or empty cursor leaves `after` out. */
char *plenum_facebook_comments_url (const char *api_base, const char *live_video_id,
                                    const char *after, guint limit);

G_END_DECLS

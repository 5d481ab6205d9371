/* youtube_captions.h — captions to a YouTube live stream over HTTP POST.
 *
 * YouTube's "closedCaptionsHttpPost" ingestion: each caption is one POST to the stream's
 * closedCaptionsIngestionUrl with "&seq=N" added (N counts 1, 2, 3… over the captions and
 * stays the same when a POST is retried), Content-Type text/plain, and the body
 *
 *     2024-05-18T16:01:02.310\n
 *     text of the caption<br>second line\n
 *
 * (the time in UTC with milliseconds and no zone suffix; line breaks inside the caption become
 * "<br>"). YouTube answers 200 with its own timestamp.
 *
 * Sending never blocks the caller: posts are queued to a worker thread and go out one at a
 * time, in order. Network errors and 5xx answers are retried up to three times (after 1 s,
 * 2 s, 4 s); after that, or on any other answer, the caption is dropped and logged. At most
 * PLENUM_YOUTUBE_CAPTIONS_MAX_PENDING captions wait; beyond that the oldest are dropped.
 *
 * The ingestion URL is a secret (its query holds the stream's caption key): no error and no
 * log message ever contains more of it than its scheme and host. Log messages are delivered
 * to the main context that was thread-default when the sender was created, and never after
 * plenum_youtube_captions_free() (called from the thread that runs that context). The log
 * callback may free the sender.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PLENUM_YOUTUBE_CAPTIONS_MAX_PENDING 64

typedef struct _PlenumYoutubeCaptions PlenumYoutubeCaptions;

/* Something the operator should know (a caption dropped and why); free of secrets. */
typedef void (*PlenumYoutubeCaptionsLogFunc) (const char *message, gpointer user_data);

/* `ingestion_url` must be http:// or https:// with a host. */
PlenumYoutubeCaptions *plenum_youtube_captions_new (const char *ingestion_url,
                                                    PlenumYoutubeCaptionsLogFunc on_log,
                                                    gpointer user_data, GError **error);
/* Captions still queued get a short grace (about a second) to go out, then are dropped. */
void plenum_youtube_captions_free (PlenumYoutubeCaptions *captions);

/* `when_utc` is when the caption was spoken (NULL: now); any time zone is converted to UTC.
 * `text` is UTF-8 (invalid bytes are replaced); it may hold "\n" line breaks. */
void plenum_youtube_captions_send (PlenumYoutubeCaptions *captions, const char *text,
                                   GDateTime *when_utc);

/* Captions YouTube accepted (answered 2xx). */
guint64 plenum_youtube_captions_sent (const PlenumYoutubeCaptions *captions);

/* For tests only: the first retry waits `base_ms` instead of 1000 ms (later ones double it). */
void plenum_youtube_captions_set_retry_base_ms (PlenumYoutubeCaptions *captions, guint base_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlenumYoutubeCaptions, plenum_youtube_captions_free)

G_END_DECLS

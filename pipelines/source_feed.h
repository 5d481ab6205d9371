/* source_feed.h — a live source running in a pipeline of its own.
 *
 * Each live source plays in its own GstPipeline that ends in intervideosink/interaudiosink;
 * the program pipeline reads it back with intervideosrc/interaudiosrc on the feed's channel.
 * So a source that errors, stalls or ends never stops the program: its pipeline is rebuilt
 * with a backoff (at once, for a looping file) while the program shows a slate. The feed says
 * whether pictures are arriving: "up" while a frame came within the last second.
 */
#pragma once

#include <gst/gst.h>
#include "pipelines/source_bin.h"

G_BEGIN_DECLS

typedef struct _PlenumSourceFeed PlenumSourceFeed;

/* Called on the main context when the feed goes up or down. */
typedef void (*PlenumSourceFeedStateFunc) (PlenumSourceFeed *feed, gboolean up, gpointer user_data);
/* Called on the main context with a one-line, secret-free description of a problem. */
typedef void (*PlenumSourceFeedLogFunc) (PlenumSourceFeed *feed, const char *message,
                                         gpointer user_data);

/* `source` (transfer none) must outlive the feed; `format` is copied. Nothing starts until
 * plenum_source_feed_start(). */
PlenumSourceFeed *plenum_source_feed_new (const PlenumSourceConfig *source,
                                          const PlenumSourceFormat *format,
                                          PlenumSourceFeedStateFunc on_state,
                                          PlenumSourceFeedLogFunc on_log, gpointer user_data);
void plenum_source_feed_start (PlenumSourceFeed *feed);
void plenum_source_feed_stop (PlenumSourceFeed *feed);
void plenum_source_feed_free (PlenumSourceFeed *feed);

const char *plenum_source_feed_id (const PlenumSourceFeed *feed);
/* The inter channel name, "plenum.<id>"; video and audio use it alike. */
const char *plenum_source_feed_channel (const PlenumSourceFeed *feed);
gboolean plenum_source_feed_is_up (const PlenumSourceFeed *feed);

G_END_DECLS

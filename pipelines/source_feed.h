/* source_feed.h — a live source running in a pipeline of its own.
 *
 * Each live source plays in its own GstPipeline whose picture and sound go into the program
 * through a handover (handover.h), timestamps kept, so the source's sound stays in sync
 * with its picture. A source that errors, stalls or ends never stops the program: its
 * pipeline is rebuilt with a backoff (at once, for a looping file) while the program shows a
 * slate. The feed says whether pictures are arriving: "up" while a frame came within the last
 * second. Its pictures are also on an inter video channel, for the operator's multiview.
 */
#pragma once

#include <gst/gst.h>
#include "pipelines/source_bin.h"
#include "pipelines/handover.h"

G_BEGIN_DECLS

typedef struct _PlenumSourceFeed PlenumSourceFeed;

/* Called on the main context when the feed goes up or down. */
typedef void (*PlenumSourceFeedStateFunc) (PlenumSourceFeed *feed, gboolean up, gpointer user_data);
/* Called on the main context with a one-line, secret-free description of a problem. */
typedef void (*PlenumSourceFeedLogFunc) (PlenumSourceFeed *feed, const char *message,
                                         gpointer user_data);

/* `source` (transfer none) must outlive the feed; `format` is copied. Nothing starts until
 * plenum_source_feed_start(). NULL with `error` if GStreamer's app elements are missing. */
PlenumSourceFeed *plenum_source_feed_new (const PlenumSourceConfig *source,
                                          const PlenumSourceFormat *format,
                                          PlenumSourceFeedStateFunc on_state,
                                          PlenumSourceFeedLogFunc on_log, gpointer user_data,
                                          GError **error);
void plenum_source_feed_start (PlenumSourceFeed *feed);
void plenum_source_feed_stop (PlenumSourceFeed *feed);
void plenum_source_feed_free (PlenumSourceFeed *feed);

const char *plenum_source_feed_id (const PlenumSourceFeed *feed);
/* Where the source's picture and sound enter the program (transfer none). */
PlenumHandover *plenum_source_feed_handover (PlenumSourceFeed *feed);
/* The multiview's inter video channel, "plenum.<id>". */
const char *plenum_source_feed_channel (const PlenumSourceFeed *feed);
gboolean plenum_source_feed_is_up (const PlenumSourceFeed *feed);

G_END_DECLS

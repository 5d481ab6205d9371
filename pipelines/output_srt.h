/* output_srt.h — MPEG-TS over SRT, as caller or listener (the URI's `mode`).
 *
 * A listener serves callers coming and going without errors (wait-for-connection=false); a
 * caller whose peer is absent errors, and the output layer retries it.
 */
#pragma once

#include <gst/gst.h>
#include "studio/show.h"

G_BEGIN_DECLS

/* Returns (transfer floating) a destination bin (output_stream_bin.h) for the shared
 * MPEG-TS stream. */
GstElement *plenum_output_srt_build (const PlenumOutputConfig *output, GError **error);

typedef struct {
  guint64 bytes_sent;
  gint64 packets_sent;
  int packets_lost;
  int packets_retransmitted;
  double rtt_ms;            /* the largest round trip among the peers */
} PlenumSrtLinkStats;

/* Sums what srtsink reports over its peers (all zero while none is connected). */
void plenum_output_srt_link_stats (GstElement *bin, PlenumSrtLinkStats *link);

/* How many peers are connected now (callers for a listener; 1 or 0 for a caller). */
int plenum_output_srt_peers (GstElement *bin);

G_END_DECLS

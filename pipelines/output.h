/* output.h — one destination of the encoded program, isolated and self-healing.
 *
 * An output is a bin of its kind (record, srt, ...): a recording hangs on the encoder's tees
 * with a muxer of its own, a network destination on the muxed stream all destinations of its
 * format share (mux_feed.h), with only a queue and its sink (output_stream_bin.h). When its bin
 * reports an error (see isolated_bin.h) the output unlinks and drops it, waits (1 s doubling
 * to 30 s, with jitter), builds a fresh one and joins again at the next keyframe. A recording
 * stopped by a full disk waits for free space instead and then goes on in a new part. Nothing
 * it does can stop the encoder or another output.
 */
#pragma once

#include <gst/gst.h>
#include "pipelines/encoder.h"
#include "pipelines/output_srt.h"
#include "studio/show.h"

G_BEGIN_DECLS

typedef enum {
  PLENUM_OUTPUT_CONNECTING,
  PLENUM_OUTPUT_LIVE,
  PLENUM_OUTPUT_RETRYING,
  PLENUM_OUTPUT_FAILED,
} PlenumOutputState;

typedef struct {
  PlenumOutputState state;
  int retry_in_s;             /* RETRYING: seconds until the next attempt */
  gboolean disk_full;         /* RETRYING: a recording waiting for free space */
  double bitrate;             /* bits per second sent since the last sample */
  guint64 bytes;              /* sent (or written) since the show started, all attempts */
  guint reconnects;
  guint gops_dropped;         /* times the destination was too slow and whole GOPs went */
  gboolean has_link;          /* SRT: `link` is filled */
  PlenumSrtLinkStats link;
} PlenumOutputHealth;

typedef struct _PlenumOutput PlenumOutput;

/* Called on the main context with a secret-free line about this output. */
typedef void (*PlenumOutputLogFunc) (PlenumOutput *output, const char *message, gpointer user_data);

/* All arguments (transfer none) must outlive the output. `run_dir` is where records go. */
PlenumOutput *plenum_output_new (const PlenumOutputConfig *config, const char *run_dir,
                                 GstBin *pipeline, PlenumEncoder *encoder,
                                 PlenumOutputLogFunc on_log, gpointer user_data);
void plenum_output_free (PlenumOutput *output);

/* Builds and links the first bin. FALSE with `error` only for what no retry can fix (a
 * missing element); a refused connection is a retry, not an error. */
gboolean plenum_output_start (PlenumOutput *output, GError **error);
/* Stops retrying; the bin stays linked so that EOS finalises it. */
void plenum_output_stop_retrying (PlenumOutput *output);

/* Takes the bus message if it came from this output's bin; returns TRUE if it did. */
gboolean plenum_output_handle_message (PlenumOutput *output, GstMessage *message);

const char *plenum_output_id (const PlenumOutput *output);
/* Call about once a second: what the output did since the last call. */
void plenum_output_sample (PlenumOutput *output, PlenumOutputHealth *health);
/* "live", "connecting", "retrying", "failed". */
const char *plenum_output_state_to_string (PlenumOutputState state);
/* "live 4.61 Mbit/s", "connecting", "retrying in 4s", "failed", with SRT link figures and
 * the reconnect count when there are any; (transfer full). */
char *plenum_output_health_text (const PlenumOutputHealth *health);

G_END_DECLS

/* output.h — one destination of the encoded program, isolated and self-healing.
 *
 * An output is a bin of its kind (record, srt, ...) hung on the encoder's tees. When its bin
 * reports an error (see isolated_bin.h) the output unlinks and drops it, waits (1 s doubling
 * to 30 s, with jitter), builds a fresh one and joins again at the next keyframe. Nothing it
 * does can stop the encoder or another output.
 */
#pragma once

#include <gst/gst.h>
#include "pipelines/encoder.h"
#include "studio/show.h"

G_BEGIN_DECLS

typedef enum {
  PLENUM_OUTPUT_CONNECTING,
  PLENUM_OUTPUT_LIVE,
  PLENUM_OUTPUT_RETRYING,
  PLENUM_OUTPUT_FAILED,
} PlenumOutputState;

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
PlenumOutputState plenum_output_state (PlenumOutput *output);
/* "live", "connecting", "retrying in 4s", "failed". (transfer full) */
char *plenum_output_state_text (PlenumOutput *output);
/* Bits per second over the last call's interval; call about once a second. */
double plenum_output_sample_bitrate (PlenumOutput *output);
guint64 plenum_output_bytes (PlenumOutput *output);
guint plenum_output_reconnects (const PlenumOutput *output);

G_END_DECLS

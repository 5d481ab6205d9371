#include "pipelines/output.h"

#include <string.h>
#include <sys/statvfs.h>
#include "pipelines/elements.h"
#include "pipelines/gop_dropper.h"
#include "pipelines/isolated_bin.h"
#include "pipelines/output_record.h"
#include "pipelines/output_rtmp.h"
#include "pipelines/output_srt.h"
#include "pipelines/output_stream_bin.h"

GST_DEBUG_CATEGORY_STATIC (plenum_output_debug);
#define GST_CAT_DEFAULT plenum_output_debug

#define BACKOFF_FIRST_MS 1000
#define BACKOFF_MAX_MS 30000
/* A recording stopped by a full disk resumes once there is room for this long at the rate it
 * was written (and at least SPACE_MIN_BYTES): resuming into a few kilobytes would only fill
 * the disk again at once, with a new part and two more log lines each time. */
#define SPACE_FOR_S 30
#define SPACE_MIN_BYTES (1024 * 1024)

struct _PlenumOutput {
  const PlenumOutputConfig *config;   /* (transfer none) */
  char *run_dir;
  GstBin *pipeline;                   /* (transfer none) */
  PlenumEncoder *encoder;             /* (transfer none) */
  PlenumOutputLogFunc on_log;
  gpointer user_data;

  GstElement *bin;                    /* (owned ref) current bin, or NULL */
  GstPad *tee_pads[2];                /* (owned) request pads on the tees the bin hangs on */
  guint part;                         /* record: file part, counts from 1 */
  guint retry;                        /* GSource id of the pending rebuild */
  gint64 retry_at_us;
  guint backoff_ms;
  guint reconnects;
  gboolean stopping;
  gboolean gave_up;
  guint space_check;                  /* record: GSource id while waiting for disk space */
  guint64 space_needed;               /* record: free bytes to wait for */
  double last_bitrate;                /* bits per second in the last live sample */

  guint64 bytes_before;               /* bytes of earlier bins */
  guint gops_dropped_before;          /* GOP drops of earlier bins */
  guint64 last_bytes;
  gint64 last_sample_us;
};

static void output_log (PlenumOutput *output, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
output_log (PlenumOutput *output, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  GST_INFO ("%s", message);
  if (output->on_log)
    output->on_log (output, message, output->user_data);
}

/* A joining muxer must start on a keyframe: drop video until one comes. */
static GstPadProbeReturn
wait_for_keyframe (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
  (void) pad;
  (void) user_data;

  if (GST_BUFFER_FLAG_IS_SET (buffer, GST_BUFFER_FLAG_DELTA_UNIT))
    return GST_PAD_PROBE_DROP;
  return GST_PAD_PROBE_REMOVE;
}

static GstElement *
build_bin (PlenumOutput *output, GError **error)
{
  switch (output->config->kind) {
  case PLENUM_OUTPUT_RECORD:
    return plenum_output_record_build (output->config, output->run_dir, ++output->part, error);
  case PLENUM_OUTPUT_SRT:
    return plenum_output_srt_build (output->config, error);
  case PLENUM_OUTPUT_RTMP:
  case PLENUM_OUTPUT_YOUTUBE:
  case PLENUM_OUTPUT_FACEBOOK:
    return plenum_output_rtmp_build (output->config, error);
  }
  g_return_val_if_reached (NULL);
}

static GstPad *
link_tee (GstElement *tee, GstElement *bin, const char *pad_name)
{
  g_autoptr (GstPad) sink = gst_element_get_static_pad (bin, pad_name);
  return plenum_link_from_tee (tee, sink);
}

static gboolean
attach (PlenumOutput *output, GError **error)
{
  GstElement *bin = build_bin (output, error);
  PlenumMuxFormat format;
  gboolean linked;

  if (bin == NULL)
    return FALSE;
  output->bin = gst_object_ref (bin);
  gst_bin_add (output->pipeline, bin);
  if (plenum_output_stream_bin_format (bin, &format)) {
    /* Destinations share one muxed stream per format; the bin starts at its keyframe. */
    GstElement *tee = plenum_encoder_muxed_tee (output->encoder, format, error);

    if (tee == NULL)
      return FALSE;
    gst_element_sync_state_with_parent (bin);
    linked = (output->tee_pads[0] = link_tee (tee, bin, "stream")) != NULL;
  } else {
    g_autoptr (GstPad) video_sink = gst_element_get_static_pad (bin, "video");

    gst_pad_add_probe (video_sink, GST_PAD_PROBE_TYPE_BUFFER, wait_for_keyframe, NULL, NULL);
    gst_element_sync_state_with_parent (bin);
    output->tee_pads[0] = link_tee (plenum_encoder_video_tee (output->encoder), bin, "video");
    output->tee_pads[1] = link_tee (plenum_encoder_audio_tee (output->encoder), bin, "audio");
    linked = output->tee_pads[0] && output->tee_pads[1];
  }
  if (!linked) {
    g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_NEGOTIATION,
                 "output %s: cannot link it to the encoder", output->config->id);
    return FALSE;
  }
  /* A bin that joins a running stream would wait up to a GOP for its first keyframe. At the
   * start the encoder's first frame is one anyway, and forcing another would shift the GOP. */
  if (output->reconnects > 0)
    plenum_encoder_force_keyframe (output->encoder);
  return TRUE;
}

/* Bytes the current bin has actually sent (or, for a recording, written). */
static guint64
bin_bytes_sent (PlenumOutput *output)
{
  if (output->bin == NULL)
    return 0;
  switch (output->config->kind) {
  case PLENUM_OUTPUT_RECORD:
    return plenum_isolated_bin_bytes_in (PLENUM_ISOLATED_BIN (output->bin));
  case PLENUM_OUTPUT_SRT: {
    PlenumSrtLinkStats link;
    plenum_output_srt_link_stats (output->bin, &link);
    return link.bytes_sent;
  }
  case PLENUM_OUTPUT_RTMP:
  case PLENUM_OUTPUT_YOUTUBE:
  case PLENUM_OUTPUT_FACEBOOK:
    break;
  }
  return plenum_output_rtmp_bytes_sent (output->bin);
}

static void
detach (PlenumOutput *output)
{
  for (guint i = 0; i < G_N_ELEMENTS (output->tee_pads); i++) {
    if (output->tee_pads[i])
      gst_element_release_request_pad (GST_ELEMENT (GST_PAD_PARENT (output->tee_pads[i])),
                                       output->tee_pads[i]);
    gst_clear_object (&output->tee_pads[i]);
  }
  if (output->bin) {
    output->bytes_before += bin_bytes_sent (output);
    output->gops_dropped_before += plenum_gop_dropper_count (output->bin);
    gst_element_set_state (output->bin, GST_STATE_NULL);
    gst_bin_remove (output->pipeline, output->bin);
    gst_clear_object (&output->bin);
  }
}

static gboolean
on_retry (gpointer user_data)
{
  PlenumOutput *output = user_data;
  g_autoptr (GError) error = NULL;

  output->retry = 0;
  output->reconnects++;
  if (!attach (output, &error)) {
    output_log (output, "%s", error->message);
    detach (output);
    output->gave_up = TRUE;
  }
  return G_SOURCE_REMOVE;
}

static guint64
free_bytes (const char *dir)
{
  struct statvfs fs;

  if (statvfs (dir, &fs) != 0)
    return 0;
  return (guint64) fs.f_bavail * fs.f_frsize;
}

static gboolean
on_space_check (gpointer user_data)
{
  PlenumOutput *output = user_data;
  guint64 free_now = free_bytes (output->run_dir);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  if (free_now < output->space_needed)
    return G_SOURCE_CONTINUE;
  output->space_check = 0;
  output->reconnects++;
  path = plenum_output_record_path (output->run_dir, output->part + 1);
  output_log (output, "output %s: %.1f MB free on the disk again: recording resumes in %s",
              output->config->id, free_now / 1e6, path);
  if (!attach (output, &error)) {
    output_log (output, "%s", error->message);
    detach (output);
    output->gave_up = TRUE;
  }
  return G_SOURCE_REMOVE;
}

/* The disk is full: no retry can write, so check the free space once a second instead, and
 * say so once when recording stops and once when it resumes. */
static void
wait_for_space (PlenumOutput *output)
{
  g_autofree char *path = plenum_output_record_path (output->run_dir, output->part);

  output->space_needed = MAX ((guint64) SPACE_MIN_BYTES,
                              (guint64) (output->last_bitrate / 8 * SPACE_FOR_S));
  output_log (output, "output %s: recording stopped: the disk is full (no space left for %s); "
              "the show goes on, and recording resumes in a new file once %.1f MB are free",
              output->config->id, path, output->space_needed / 1e6);
  output->space_check = g_timeout_add_seconds (1, on_space_check, output);
}

static void
schedule_retry (PlenumOutput *output)
{
  /* Jitter (up to 25 % earlier) keeps several outputs from hammering a recovering server
   * together, and never waits longer than the doubling promises. */
  guint delay = output->backoff_ms * g_random_double_range (0.75, 1.0);

  output->retry_at_us = g_get_monotonic_time () + (gint64) delay * 1000;
  output->retry = g_timeout_add (delay, on_retry, output);
  output->backoff_ms = MIN (output->backoff_ms * 2, BACKOFF_MAX_MS);
}

gboolean
plenum_output_handle_message (PlenumOutput *output, GstMessage *message)
{
  const GstStructure *details;
  g_autoptr (GError) error = NULL;

  if (output->bin == NULL || GST_MESSAGE_SRC (message) != GST_OBJECT (output->bin) ||
      GST_MESSAGE_TYPE (message) != GST_MESSAGE_ELEMENT)
    return FALSE;
  details = gst_message_get_structure (message);
  if (!gst_structure_has_name (details, PLENUM_ISOLATED_ERROR_MESSAGE))
    return FALSE;

  gst_structure_get (details, "error", G_TYPE_ERROR, &error, NULL);
  detach (output);
  if (output->stopping) {
    output_log (output, "output %s: %s", output->config->id,
                gst_structure_get_string (details, "message"));
    return TRUE;
  }
  if (output->config->kind == PLENUM_OUTPUT_RECORD &&
      g_error_matches (error, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_NO_SPACE_LEFT)) {
    wait_for_space (output);
    return TRUE;
  }
  schedule_retry (output);
  output_log (output, "output %s: %s; retrying in %.0f s", output->config->id,
              gst_structure_get_string (details, "message"),
              (output->retry_at_us - g_get_monotonic_time ()) / 1e6);
  return TRUE;
}

PlenumOutput *
plenum_output_new (const PlenumOutputConfig *config, const char *run_dir, GstBin *pipeline,
                   PlenumEncoder *encoder, PlenumOutputLogFunc on_log, gpointer user_data)
{
  PlenumOutput *output = g_new0 (PlenumOutput, 1);

  if (plenum_output_debug == NULL)
    GST_DEBUG_CATEGORY_INIT (plenum_output_debug, "plenum-output", 0, "Plenum outputs");
  output->config = config;
  output->run_dir = g_strdup (run_dir);
  output->pipeline = pipeline;
  output->encoder = encoder;
  output->on_log = on_log;
  output->user_data = user_data;
  output->backoff_ms = BACKOFF_FIRST_MS;
  output->last_sample_us = g_get_monotonic_time ();
  return output;
}

gboolean
plenum_output_start (PlenumOutput *output, GError **error)
{
  switch (output->config->kind) {
  case PLENUM_OUTPUT_RTMP:
  case PLENUM_OUTPUT_YOUTUBE:
  case PLENUM_OUTPUT_FACEBOOK: {
    g_autofree char *where = plenum_output_rtmp_display_url (output->config);
    output_log (output, "output %s: sending to %s", output->config->id, where);
    break;
  }
  case PLENUM_OUTPUT_SRT:
    output_log (output, "output %s: %s", output->config->id, output->config->uri);
    break;
  case PLENUM_OUTPUT_RECORD:
    break;
  }
  if (!attach (output, error)) {
    detach (output);
    return FALSE;
  }
  return TRUE;
}

void
plenum_output_stop_retrying (PlenumOutput *output)
{
  output->stopping = TRUE;
  if (output->retry) {
    g_source_remove (output->retry);
    output->retry = 0;
  }
  if (output->space_check) {
    g_source_remove (output->space_check);
    output->space_check = 0;
  }
}

void
plenum_output_free (PlenumOutput *output)
{
  if (output == NULL)
    return;
  plenum_output_stop_retrying (output);
  gst_clear_object (&output->tee_pads[0]);
  gst_clear_object (&output->tee_pads[1]);
  gst_clear_object (&output->bin);
  g_free (output->run_dir);
  g_free (output);
}

const char *
plenum_output_id (const PlenumOutput *output)
{
  return output->config->id;
}

void
plenum_output_sample (PlenumOutput *output, PlenumOutputHealth *health)
{
  gint64 now = g_get_monotonic_time ();
  double seconds = (now - output->last_sample_us) / 1e6;
  guint64 bytes = output->bytes_before + bin_bytes_sent (output);
  gboolean flowing = bytes > output->last_bytes;

  memset (health, 0, sizeof *health);
  health->bytes = bytes;
  health->reconnects = output->reconnects;
  health->gops_dropped = output->gops_dropped_before +
      (output->bin ? plenum_gop_dropper_count (output->bin) : 0);
  if (output->space_check) {
    health->state = PLENUM_OUTPUT_RETRYING;   /* it checks the disk again in a second */
    health->retry_in_s = 1;
    health->disk_full = TRUE;
  } else if (output->gave_up || (output->bin == NULL && output->retry == 0)) {
    health->state = PLENUM_OUTPUT_FAILED;
  } else if (output->retry) {
    health->state = PLENUM_OUTPUT_RETRYING;
    health->retry_in_s = (int) ((MAX (0, output->retry_at_us - now) + G_USEC_PER_SEC - 1) /
                                G_USEC_PER_SEC);
  } else if (output->config->kind == PLENUM_OUTPUT_SRT) {
    /* A listener is live while a peer is there, even in a second without traffic. */
    health->state = plenum_output_srt_peers (output->bin) > 0 ? PLENUM_OUTPUT_LIVE
        : PLENUM_OUTPUT_CONNECTING;
    plenum_output_srt_link_stats (output->bin, &health->link);
    health->has_link = TRUE;
  } else {
    health->state = flowing ? PLENUM_OUTPUT_LIVE : PLENUM_OUTPUT_CONNECTING;
  }
  if (health->state == PLENUM_OUTPUT_LIVE) {
    health->bitrate = seconds > 0 && flowing ? (bytes - output->last_bytes) * 8.0 / seconds : 0;
    output->last_bitrate = health->bitrate;
    output->backoff_ms = BACKOFF_FIRST_MS;   /* it works again: the next failure starts afresh */
  }
  output->last_bytes = bytes;
  output->last_sample_us = now;
}

const char *
plenum_output_state_to_string (PlenumOutputState state)
{
  switch (state) {
  case PLENUM_OUTPUT_LIVE:
    return "live";
  case PLENUM_OUTPUT_CONNECTING:
    return "connecting";
  case PLENUM_OUTPUT_RETRYING:
    return "retrying";
  case PLENUM_OUTPUT_FAILED:
    return "failed";
  }
  return "unknown";
}

char *
plenum_output_health_text (const PlenumOutputHealth *health)
{
  GString *text = g_string_new (NULL);

  switch (health->state) {
  case PLENUM_OUTPUT_LIVE:
    g_string_append_printf (text, "live %.2f Mbit/s", health->bitrate / 1e6);
    break;
  case PLENUM_OUTPUT_RETRYING:
    if (health->disk_full)
      g_string_append (text, "stopped: disk full");
    else
      g_string_append_printf (text, "retrying in %ds", health->retry_in_s);
    break;
  case PLENUM_OUTPUT_CONNECTING:
  case PLENUM_OUTPUT_FAILED:
    g_string_append (text, plenum_output_state_to_string (health->state));
    break;
  }
  if (health->has_link && health->state == PLENUM_OUTPUT_LIVE)
    g_string_append_printf (text, " rtt %.1f ms lost %d retransmitted %d", health->link.rtt_ms,
                            health->link.packets_lost, health->link.packets_retransmitted);
  if (health->reconnects > 0)
    g_string_append_printf (text, " reconnects %u", health->reconnects);
  if (health->gops_dropped > 0)
    g_string_append_printf (text, " too slow, dropped GOPs %u times", health->gops_dropped);
  return g_string_free (text, FALSE);
}

#include "pipelines/encoder.h"

#include <gst/video/video.h>
#include "pipelines/elements.h"

struct _PlenumEncoder {
  GstBin *pipeline;          /* (transfer none) */
  GstElement *muxed_tees[PLENUM_MUX_TS + 1];
  GstElement *video_queue;   /* (transfer none) all owned by the pipeline */
  GstElement *x264;
  GstElement *video_tee;
  GstElement *audio_tee;
  gint64 frames_in;          /* into the queue before the encoder (atomic) */
  gint64 frames_out;         /* out of it, into x264enc */
  GstClockTime position;
  GMutex lock;
};

static GstPadProbeReturn
count_in (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  PlenumEncoder *encoder = user_data;
  (void) pad;
  (void) info;
  g_mutex_lock (&encoder->lock);
  encoder->frames_in++;
  g_mutex_unlock (&encoder->lock);
  return GST_PAD_PROBE_OK;
}

static GstPadProbeReturn
count_out (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  PlenumEncoder *encoder = user_data;
  GstClockTime position = plenum_buffer_running_time (pad, GST_PAD_PROBE_INFO_BUFFER (info));

  g_mutex_lock (&encoder->lock);
  encoder->frames_out++;
  if (GST_CLOCK_TIME_IS_VALID (position))
    encoder->position = position;
  g_mutex_unlock (&encoder->lock);
  return GST_PAD_PROBE_OK;
}

static gboolean
build_video (PlenumEncoder *encoder, GstBin *pipeline, const PlenumShow *show, gboolean live,
             GstElement *raw_video, GError **error)
{
  GstElement *queue, *x264, *profile, *parse, *tee;
  g_autoptr (GstCaps) caps = NULL;
  g_autoptr (GstPad) queue_sink = NULL;
  g_autoptr (GstPad) queue_src = NULL;

  if (!plenum_elements_make (error, "queue:video-encode-queue", &queue,
                             "x264enc:video-encoder", &x264, "capsfilter", &profile,
                             "h264parse", &parse, "tee:video-tee", &tee, NULL))
    return FALSE;
  if (live) {
    /* Live: if the encoder falls behind, drop the oldest frames here rather than let latency
     * grow without bound. A render waits instead: no frame may be lost there. */
    g_object_set (queue, "leaky", 2 /* downstream */, "max-size-buffers", (guint) show->fps,
                  "max-size-bytes", 0, "max-size-time", (guint64) 0, NULL);
  }
  gst_util_set_object_arg (G_OBJECT (x264), "tune", "zerolatency");
  gst_util_set_object_arg (G_OBJECT (x264), "speed-preset", show->speed_preset);
  /* A fixed GOP: the platforms want a keyframe exactly every keyframe_s. */
  g_object_set (x264, "bitrate", (guint) show->video_bitrate_kbps,
                "key-int-max", (guint) (show->fps * show->keyframe_s),
                "option-string", "scenecut=0", NULL);
  caps = gst_caps_new_simple ("video/x-h264", "profile", G_TYPE_STRING, "high", NULL);
  g_object_set (profile, "caps", caps, NULL);
  g_object_set (tee, "allow-not-linked", TRUE, NULL);
  gst_bin_add_many (pipeline, queue, x264, profile, parse, tee, NULL);
  if (!gst_element_link_many (raw_video, queue, x264, profile, parse, tee, NULL)) {
    g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_NEGOTIATION,
                 "cannot link the program picture to the H.264 encoder");
    return FALSE;
  }
  queue_sink = gst_element_get_static_pad (queue, "sink");
  queue_src = gst_element_get_static_pad (queue, "src");
  gst_pad_add_probe (queue_sink, GST_PAD_PROBE_TYPE_BUFFER, count_in, encoder, NULL);
  gst_pad_add_probe (queue_src, GST_PAD_PROBE_TYPE_BUFFER, count_out, encoder, NULL);
  encoder->video_queue = queue;
  encoder->x264 = x264;
  encoder->video_tee = tee;
  return TRUE;
}

#define AAC_PRIMING_SAMPLES 1024

static gboolean
build_audio (PlenumEncoder *encoder, GstBin *pipeline, const PlenumShow *show,
             GstElement *raw_audio, GError **error)
{
  GstElement *queue, *convert, *aac, *parse, *tee;

  if (!plenum_elements_make (error, "queue:audio-encode-queue", &queue, "audioconvert", &convert,
                             "avenc_aac:audio-encoder", &aac, "aacparse", &parse,
                             "tee:audio-tee", &tee, NULL))
    return FALSE;
  g_object_set (aac, "bitrate", (gint64) show->audio_bitrate_kbps * 1000, NULL);
  g_object_set (tee, "allow-not-linked", TRUE, NULL);
  gst_bin_add_many (pipeline, queue, convert, aac, parse, tee, NULL);
  if (!gst_element_link_many (raw_audio, queue, convert, aac, parse, tee, NULL)) {
    g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_NEGOTIATION,
                 "cannot link the program sound to the AAC encoder");
    return FALSE;
  }
  encoder->audio_tee = tee;
  /* FFmpeg's AAC encoder starts with one frame of priming (its initial_padding: 1024 samples)
   * and avenc_aac stamps that first frame with the first input's time. Nothing we send says
   * so (ADTS in MPEG-TS, FLV, Matroska as matroskamux writes it), so decoders play the
   * priming first and the sound would come 21 ms after its picture. Stamp each frame with the
   * time of what it holds. (The muxers then wait those 21 ms longer for the sound of a
   * picture: bench/README.md, avsync.sh.) */
  {
    g_autoptr (GstPad) src = gst_element_get_static_pad (aac, "src");
    gst_pad_set_offset (src, -(gint64) gst_util_uint64_scale (AAC_PRIMING_SAMPLES, GST_SECOND,
                                                              (guint64) show->audio_rate));
  }
  return TRUE;
}

PlenumEncoder *
plenum_encoder_new (GstBin *pipeline, const PlenumShow *show, gboolean live,
                    GstElement *raw_video, GstElement *raw_audio, GError **error)
{
  PlenumEncoder *encoder = g_new0 (PlenumEncoder, 1);

  g_mutex_init (&encoder->lock);
  encoder->pipeline = pipeline;
  encoder->position = GST_CLOCK_TIME_NONE;
  if (!build_video (encoder, pipeline, show, live, raw_video, error) ||
      !build_audio (encoder, pipeline, show, raw_audio, error)) {
    plenum_encoder_free (encoder);
    return NULL;
  }
  return encoder;
}

void
plenum_encoder_free (PlenumEncoder *encoder)
{
  if (encoder == NULL)
    return;
  g_mutex_clear (&encoder->lock);
  g_free (encoder);
}

GstPad *
plenum_encoder_raw_video_pad (PlenumEncoder *encoder)
{
  return gst_element_get_static_pad (encoder->x264, "sink");
}

GstElement *
plenum_encoder_video_tee (PlenumEncoder *encoder)
{
  return encoder->video_tee;
}

GstElement *
plenum_encoder_audio_tee (PlenumEncoder *encoder)
{
  return encoder->audio_tee;
}

GstElement *
plenum_encoder_muxed_tee (PlenumEncoder *encoder, PlenumMuxFormat format, GError **error)
{
  if (encoder->muxed_tees[format] == NULL)
    encoder->muxed_tees[format] = plenum_mux_feed_new (encoder->pipeline, format,
                                                       encoder->video_tee, encoder->audio_tee,
                                                       error);
  return encoder->muxed_tees[format];
}

guint64
plenum_encoder_frames (PlenumEncoder *encoder)
{
  guint64 frames;
  g_mutex_lock (&encoder->lock);
  frames = encoder->frames_out;
  g_mutex_unlock (&encoder->lock);
  return frames;
}

guint64
plenum_encoder_dropped (PlenumEncoder *encoder)
{
  guint level = 0;
  gint64 dropped;

  g_object_get (encoder->video_queue, "current-level-buffers", &level, NULL);
  g_mutex_lock (&encoder->lock);
  dropped = encoder->frames_in - encoder->frames_out - level;
  g_mutex_unlock (&encoder->lock);
  return dropped > 0 ? (guint64) dropped : 0;
}

GstClockTime
plenum_encoder_position (PlenumEncoder *encoder)
{
  GstClockTime position;
  g_mutex_lock (&encoder->lock);
  position = encoder->position;
  g_mutex_unlock (&encoder->lock);
  return position;
}

void
plenum_encoder_force_keyframe (PlenumEncoder *encoder)
{
  GstEvent *event = gst_video_event_new_upstream_force_key_unit (GST_CLOCK_TIME_NONE, TRUE, 0);
  g_autoptr (GstPad) pad = gst_element_get_static_pad (encoder->video_tee, "sink");

  /* Pushed upstream from the tee: h264parse passes it on to x264enc. */
  gst_pad_push_event (pad, event);
}

#include "pipelines/mux_feed.h"

#include "pipelines/elements.h"
#include "pipelines/live_ts_mux.h"
#include "pipelines/ts_chunker.h"

#define FLV_TAG_VIDEO 9

GstElement *
plenum_mux_feed_new (GstBin *pipeline, PlenumMuxFormat format, GstElement *video_tee,
                     GstElement *audio_tee, GError **error)
{
  gboolean flv = format == PLENUM_MUX_FLV;
  GstElement *parse, *mux, *tee, *chunker = NULL, *last;
  g_autoptr (GstPad) parse_sink = NULL;
  g_autoptr (GstPad) mux_audio = NULL;
  g_autoptr (GstPad) video_pad = NULL;
  g_autoptr (GstPad) audio_pad = NULL;

  mux = flv ? plenum_element_make ("flvmux", "flv-mux", error)
            : plenum_live_ts_mux_new ("ts-mux", error);
  if (mux == NULL)
    return NULL;
  if (!plenum_elements_make (error, flv ? "h264parse:flv-parse" : "h264parse:ts-parse", &parse,
                             flv ? "tee:flv-tee" : "tee:ts-tee", &tee, NULL)) {
    gst_object_unref (gst_object_ref_sink (mux));
    return NULL;
  }
  g_object_set (parse, "config-interval", -1, NULL);
  g_object_set (tee, "allow-not-linked", TRUE, NULL);
  if (flv) {
    g_object_set (mux, "streamable", TRUE, NULL);
  } else {
    /* Every packet at once; the chunker makes the SRT messages (ts_chunker.h). */
    g_object_set (mux, "alignment", 0, NULL);
    chunker = plenum_ts_chunker_new ("ts-chunker");
  }
  gst_bin_add_many (pipeline, parse, mux, tee, NULL);
  if (chunker)
    gst_bin_add (pipeline, chunker);
  last = chunker ? chunker : mux;
  if (!gst_element_link_pads (parse, "src", mux, flv ? "video" : "sink_%d") ||
      (chunker && !gst_element_link (mux, chunker)) || !gst_element_link (last, tee)) {
    g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_NEGOTIATION,
                 "cannot link the shared %s muxer", flv ? "FLV" : "MPEG-TS");
    return NULL;
  }
  parse_sink = gst_element_get_static_pad (parse, "sink");
  mux_audio = gst_element_request_pad_simple (mux, flv ? "audio" : "sink_%d");
  video_pad = plenum_link_from_tee (video_tee, parse_sink);
  audio_pad = mux_audio ? plenum_link_from_tee (audio_tee, mux_audio) : NULL;
  if (video_pad == NULL || audio_pad == NULL) {
    g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_NEGOTIATION,
                 "cannot link the shared %s muxer to the encoder", flv ? "FLV" : "MPEG-TS");
    return NULL;
  }
  /* Built while the show may already play (the first destination of its kind): downstream
   * first, so nothing pushes into an element that is not running yet. */
  gst_element_sync_state_with_parent (tee);
  if (chunker)
    gst_element_sync_state_with_parent (chunker);
  gst_element_sync_state_with_parent (mux);
  gst_element_sync_state_with_parent (parse);
  return tee;
}

gboolean
plenum_mux_feed_is_entry_point (PlenumMuxFormat format, GstBuffer *buffer)
{
  guint8 type = 0;

  if (GST_BUFFER_FLAG_IS_SET (buffer, GST_BUFFER_FLAG_DELTA_UNIT))
    return FALSE;
  if (format == PLENUM_MUX_TS)
    return TRUE;   /* mpegtsmux flags every packet a delta unit but a keyframe's first */
  /* flvmux flags only video tags: sound and script tags are no keyframes either. */
  return gst_buffer_extract (buffer, 0, &type, 1) == 1 && (type & 0x1f) == FLV_TAG_VIDEO;
}

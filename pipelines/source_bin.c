#include "pipelines/source_bin.h"

#include "pipelines/sync_pattern.h"

#include <gst/video/video.h>
#include "pipelines/elements.h"
#include "pipelines/program_format.h"

GST_DEBUG_CATEGORY_STATIC (plenum_source_debug);
#define GST_CAT_DEFAULT plenum_source_debug

/* The tail that every source shares: convert, scale, (rate), capsfilter, ghosted as "video". */
static GstElement *
add_video_normaliser (GstBin *bin, const PlenumSourceFormat *format, GError **error)
{
  GstElement *queue, *convert, *scale, *filter, *rate;
  g_autoptr (GstCaps) caps = NULL;
  g_autoptr (GstPad) src = NULL;

  if (!plenum_elements_make (error, "queue:video-queue", &queue, "videoconvert", &convert,
                             "videoscale", &scale, "capsfilter", &filter, "videorate", &rate,
                             NULL))
    return NULL;
  if (format->live) {
    /* Live, the compositor takes each frame at its time: no rate to convert to. */
    gst_object_unref (gst_object_ref_sink (rate));
    rate = NULL;
  }
  g_object_set (queue, "max-size-buffers", 3, "max-size-bytes", 0, "max-size-time", (guint64) 0,
                NULL);
  /* Letterbox rather than distort when the source's shape differs from the show's. */
  g_object_set (scale, "add-borders", TRUE, NULL);
  caps = plenum_program_video_caps (format->width, format->height,
                                    format->live ? 0 : format->fps);
  g_object_set (filter, "caps", caps, NULL);

  gst_bin_add_many (bin, queue, convert, scale, filter, NULL);
  if (rate) {
    gst_bin_add (bin, rate);
    gst_element_link_many (queue, convert, rate, scale, filter, NULL);
  } else {
    gst_element_link_many (queue, convert, scale, filter, NULL);
  }
  src = gst_element_get_static_pad (filter, "src");
  gst_element_add_pad (GST_ELEMENT (bin), gst_ghost_pad_new ("video", src));
  return queue;
}

static GstElement *
add_audio_normaliser (GstBin *bin, const PlenumSourceFormat *format, GError **error)
{
  GstElement *queue, *convert, *resample, *filter;
  g_autoptr (GstCaps) caps = NULL;
  g_autoptr (GstPad) src = NULL;

  if (!plenum_elements_make (error, "queue:audio-queue", &queue, "audioconvert", &convert,
                             "audioresample", &resample, "capsfilter", &filter, NULL))
    return NULL;
  caps = gst_caps_new_simple ("audio/x-raw", "format", G_TYPE_STRING, "S16LE",
                              "layout", G_TYPE_STRING, "interleaved",
                              "rate", G_TYPE_INT, format->audio_rate,
                              "channels", G_TYPE_INT, format->audio_channels, NULL);
  g_object_set (filter, "caps", caps, NULL);
  gst_bin_add_many (bin, queue, convert, resample, filter, NULL);
  gst_element_link_many (queue, convert, resample, filter, NULL);
  src = gst_element_get_static_pad (filter, "src");
  gst_element_add_pad (GST_ELEMENT (bin), gst_ghost_pad_new ("audio", src));
  return queue;
}

/* Decoded pads appear at run time: link the first video and the first audio pad to the
 * normalisers, and end the audio branch when the source turns out to have no sound. */
typedef struct {
  GstElement *video_in;   /* (transfer none): owned by the bin */
  GstElement *audio_in;
  gboolean has_video, has_audio;
  char *id;
} DecodeLinks;

static void
decode_links_free (gpointer data, GClosure *closure)
{
  DecodeLinks *links = data;
  (void) closure;
  g_free (links->id);
  g_free (links);
}

static void
on_decoded_pad (GstElement *decoder, GstPad *pad, DecodeLinks *links)
{
  g_autoptr (GstCaps) caps = gst_pad_get_current_caps (pad);
  const char *media;
  GstElement *target = NULL;
  gboolean *taken = NULL;
  (void) decoder;

  if (caps == NULL)
    caps = gst_pad_query_caps (pad, NULL);
  media = gst_structure_get_name (gst_caps_get_structure (caps, 0));
  if (g_str_has_prefix (media, "video/x-raw")) {
    target = links->video_in;
    taken = &links->has_video;
  } else if (g_str_has_prefix (media, "audio/x-raw")) {
    target = links->audio_in;
    taken = &links->has_audio;
  }
  if (target == NULL || *taken) {
    GST_DEBUG ("source %s: leaving pad with %s unlinked", links->id, media);
    return;
  }
  {
    g_autoptr (GstPad) sink = gst_element_get_static_pad (target, "sink");
    if (gst_pad_link (pad, sink) == GST_PAD_LINK_OK)
      *taken = TRUE;
    else
      GST_WARNING ("source %s: could not link its %s pad", links->id, media);
  }
}

/* Ends a branch that will never get data, so the rest of the source plays: a file without
 * sound, or without picture (a microphone recording), must still preroll. */
static void
end_branch (GstElement *branch_in, const char *id)
{
  g_autoptr (GstPad) sink = gst_element_get_static_pad (branch_in, "sink");
  GstSegment segment;

  gst_pad_send_event (sink, gst_event_new_stream_start (id));
  gst_segment_init (&segment, GST_FORMAT_TIME);
  gst_pad_send_event (sink, gst_event_new_segment (&segment));
  gst_pad_send_event (sink, gst_event_new_eos ());
}

static void
on_no_more_pads (GstElement *decoder, DecodeLinks *links)
{
  (void) decoder;
  if (!links->has_audio) {
    GST_INFO ("source %s has no sound; ending its audio branch", links->id);
    end_branch (links->audio_in, links->id);
  }
  if (!links->has_video) {
    GST_INFO ("source %s has no picture; ending its video branch", links->id);
    end_branch (links->video_in, links->id);
  }
}

static GstElement *
make_decoder (GstBin *bin, const PlenumSourceConfig *source, GstElement *video_in,
              GstElement *audio_in, GError **error)
{
  GstElement *decoder = NULL;
  GstElement *input = NULL;
  DecodeLinks *links;

  switch (source->kind) {
  case PLENUM_SOURCE_URI:
    decoder = plenum_element_make ("uridecodebin", "decoder", error);
    if (decoder)
      g_object_set (decoder, "uri", source->uri, NULL);
    break;
  case PLENUM_SOURCE_SRT:
    input = plenum_element_make ("srtsrc", "input", error);
    if (input) {
      g_object_set (input, "uri", source->uri, NULL);
      if (source->passphrase)
        g_object_set (input, "passphrase", source->passphrase, NULL);
    }
    break;
  case PLENUM_SOURCE_RTMP:
    input = plenum_element_make ("rtmp2src", "input", error);
    if (input)
      g_object_set (input, "location", source->uri, NULL);
    break;
  case PLENUM_SOURCE_V4L2:
    input = plenum_element_make ("v4l2src", "input", error);
    if (input)
      g_object_set (input, "device", source->device, NULL);
    break;
  case PLENUM_SOURCE_TEST:
    g_assert_not_reached ();
  }
  if (input) {
    decoder = plenum_element_make ("decodebin", "decoder", error);
    if (decoder == NULL) {
      gst_object_unref (gst_object_ref_sink (input));
      return NULL;
    }
    gst_bin_add (bin, input);
  }
  if (decoder == NULL)
    return NULL;
  gst_bin_add (bin, decoder);
  if (input)
    gst_element_link (input, decoder);

  links = g_new0 (DecodeLinks, 1);
  links->video_in = video_in;
  links->audio_in = audio_in;
  links->id = g_strdup (source->id);
  g_signal_connect_data (decoder, "pad-added", G_CALLBACK (on_decoded_pad), links,
                         decode_links_free, 0);
  g_signal_connect (decoder, "no-more-pads", G_CALLBACK (on_no_more_pads), links);
  return decoder;
}

static gboolean
add_test_source (GstBin *bin, const PlenumSourceConfig *source, const PlenumSourceFormat *format,
                 GstElement *video_in, GstElement *audio_in, GError **error)
{
  GstElement *video, *audio, *video_tail;

  if (g_strcmp0 (source->pattern, PLENUM_SYNC_PATTERN) == 0) {
    if (!plenum_sync_pattern_add (bin, format->live, &video, &audio, error))
      return FALSE;
  } else {
    if (!plenum_elements_make (error, "videotestsrc:input", &video, "audiotestsrc:tone", &audio,
                               NULL))
      return FALSE;
    gst_util_set_object_arg (G_OBJECT (video), "pattern",
                             source->pattern ? source->pattern : "smpte");
    g_object_set (video, "is-live", format->live, NULL);
    g_object_set (audio, "is-live", format->live, "freq", (double) MAX (source->tone_hz, 1),
                  "volume", source->tone_hz > 0 ? 0.2 : 0.0, NULL);
    gst_bin_add_many (bin, video, audio, NULL);
  }
  video_tail = video;

  if (source->text && *source->text) {
    GstElement *filter, *overlay;
    g_autoptr (GstCaps) caps = NULL;

    if (!plenum_elements_make (error, "capsfilter", &filter, "textoverlay", &overlay, NULL))
      return FALSE;
    /* Render the pattern at the size it is shown, so the label keeps its size. */
    caps = gst_caps_new_simple ("video/x-raw", "format", G_TYPE_STRING, "I420",
                                "height", G_TYPE_INT, format->height,
                                "width", G_TYPE_INT, format->width > 0 ? format->width
                                : format->height * 4 / 3,
                                "framerate", GST_TYPE_FRACTION, format->fps, 1, NULL);
    g_object_set (filter, "caps", caps, NULL);
    g_object_set (overlay, "text", source->text, "valignment", 1 /* bottom */,
                  "halignment", 1 /* center */, "font-desc", "Sans Bold 18px", "auto-resize", FALSE,
                  "shaded-background", TRUE, NULL);
    gst_bin_add_many (bin, filter, overlay, NULL);
    gst_element_link_many (video, filter, overlay, NULL);
    video_tail = overlay;
  }
  return gst_element_link (video_tail, video_in) && gst_element_link (audio, audio_in);
}

GstElement *
plenum_source_bin_new (const PlenumSourceConfig *source, const PlenumSourceFormat *format,
                       GError **error)
{
  g_autoptr (GstElement) bin = NULL;
  GstElement *video_in, *audio_in;

  g_return_val_if_fail (source != NULL && format != NULL, NULL);
  if (plenum_source_debug == NULL)
    GST_DEBUG_CATEGORY_INIT (plenum_source_debug, "plenum-source", 0, "Plenum sources");

  bin = gst_object_ref_sink (gst_bin_new (source->id));
  video_in = add_video_normaliser (GST_BIN (bin), format, error);
  if (video_in == NULL)
    return NULL;
  audio_in = add_audio_normaliser (GST_BIN (bin), format, error);
  if (audio_in == NULL)
    return NULL;

  if (source->kind == PLENUM_SOURCE_TEST) {
    if (!add_test_source (GST_BIN (bin), source, format, video_in, audio_in, error))
      return NULL;
  } else if (make_decoder (GST_BIN (bin), source, video_in, audio_in, error) == NULL) {
    return NULL;
  }
  /* Hand back a floating reference, as element factories do. */
  g_object_force_floating (G_OBJECT (bin));
  return g_steal_pointer (&bin);
}

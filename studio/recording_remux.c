#include "studio/recording_remux.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <gst/app/gstappsrc.h>
#include <gst/gst.h>
#include <string.h>
#include "captions/caption_track.h"
#include "studio/archive_facts.h"

GST_DEBUG_CATEGORY_STATIC (plenum_remux_debug);
#define GST_CAT_DEFAULT plenum_remux_debug

typedef struct {
  const PlenumRemuxRequest *request;
  GstElement *pipeline;
  GstElement *mp4mux, *mkvmux;
  GstElement *captions;     /* appsrc */
  GPtrArray *parser_pads;   /* (element-type GstPad, owned): where the demuxer's streams enter */
  guint64 buffers;          /* atomic: media buffers read */
} Remux;

static GstElement *
add (Remux *remux, const char *factory)
{
  GstElement *element = gst_element_factory_make (factory, NULL);

  g_assert (element != NULL);   /* every factory here is checked by plenum_recording_remux */
  gst_bin_add (GST_BIN (remux->pipeline), element);
  return element;
}

static GstElement *
unlimited_queue (Remux *remux)
{
  GstElement *queue = add (remux, "queue");

  /* The demuxer interleaves sound and picture within a second or so; the captions come all
   * at once from memory. No limit then: small either way, and no tee can starve a muxer. */
  g_object_set (queue, "max-size-buffers", 0, "max-size-bytes", 0, "max-size-time",
                (guint64) 0, NULL);
  return queue;
}

/* Links `from` through a tee to a new `pad_template` request pad of each muxer. */
static gboolean
fan_out (Remux *remux, GstElement *from, const char *pad_template)
{
  GstElement *tee = add (remux, "tee");
  GstElement *muxers[] = { remux->mp4mux, remux->mkvmux };

  if (!gst_element_link (from, tee))
    return FALSE;
  gst_element_sync_state_with_parent (tee);
  for (guint i = 0; i < G_N_ELEMENTS (muxers); i++) {
    GstElement *queue = unlimited_queue (remux);
    g_autoptr (GstPad) src = gst_element_get_static_pad (queue, "src");
    GstPad *sink = gst_element_request_pad_simple (muxers[i], pad_template);
    gboolean linked = sink != NULL && gst_element_link (tee, queue) &&
        gst_pad_link (src, sink) == GST_PAD_LINK_OK;
    if (sink)
      gst_object_unref (sink);   /* the muxer keeps its request pad until it is disposed */
    if (!linked)
      return FALSE;
    gst_element_sync_state_with_parent (queue);
  }
  return TRUE;
}

static GstPadProbeReturn
on_media_buffer (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  Remux *remux = user_data;
  (void) pad;
  (void) info;

  g_atomic_pointer_add (&remux->buffers, 1);
  return GST_PAD_PROBE_OK;
}

/* The demuxer adds every track's pad before it pushes any data, so each muxer has all its
 * pads before it starts writing. */
static void
on_demuxed_pad (GstElement *demux, GstPad *pad, gpointer user_data)
{
  Remux *remux = user_data;
  g_autoptr (GstCaps) caps = gst_pad_query_caps (pad, NULL);
  const char *media = gst_structure_get_name (gst_caps_get_structure (caps, 0));
  GstElement *parse, *tags = NULL;
  const char *pad_template;
  g_autoptr (GstPad) sink = NULL;
  (void) demux;

  if (g_str_equal (media, "video/x-h264")) {
    parse = add (remux, "h264parse");
    pad_template = "video_%u";
  } else if (g_str_equal (media, "audio/mpeg")) {
    parse = add (remux, "aacparse");
    pad_template = "audio_%u";
    tags = add (remux, "taginject");
  } else {
    GST_WARNING ("leaving out a track of %s", media);
    return;
  }
  if (tags) {
    g_autofree char *language = g_strdup_printf ("language-code=%s", remux->request->language);
    g_object_set (tags, "tags", language, NULL);
    gst_element_link (parse, tags);
    gst_element_sync_state_with_parent (tags);
  }
  sink = gst_element_get_static_pad (parse, "sink");
  gst_pad_add_probe (sink, GST_PAD_PROBE_TYPE_BUFFER, on_media_buffer, remux, NULL);
  if (gst_pad_link (pad, sink) != GST_PAD_LINK_OK || !fan_out (remux, tags ? tags : parse, pad_template))
    GST_WARNING ("cannot link the %s track", media);
  gst_element_sync_state_with_parent (parse);
  g_ptr_array_add (remux->parser_pads, g_steal_pointer (&sink));
}

/* The captions as a text stream, all pushed at once once the demuxer has added its pads: a
 * muxer whose only pad had all its data would finish before the picture arrived. The muxers
 * place the captions by time. */
static void
on_no_more_pads (GstElement *demux, gpointer user_data)
{
  Remux *remux = user_data;
  const GPtrArray *cues = remux->request->cues;
  (void) demux;

  if (remux->captions == NULL)
    return;
  for (guint i = 0; i < cues->len; i++) {
    const PlenumCue *cue = g_ptr_array_index (cues, i);
    gsize length = strlen (cue->text);
    GstBuffer *buffer = gst_buffer_new_memdup (cue->text, length);
    GST_BUFFER_PTS (buffer) = (GstClockTime) cue->start_ms * GST_MSECOND;
    GST_BUFFER_DURATION (buffer) = (GstClockTime) (cue->end_ms - cue->start_ms) * GST_MSECOND;
    gst_app_src_push_buffer (GST_APP_SRC (remux->captions), buffer);   /* takes the buffer */
  }
  gst_app_src_end_of_stream (GST_APP_SRC (remux->captions));
}

static gboolean
add_captions (Remux *remux)
{
  GstElement *source = add (remux, "appsrc"), *tags = add (remux, "taginject");
  g_autoptr (GstCaps) caps = gst_caps_new_simple ("text/x-raw", "format", G_TYPE_STRING, "utf8",
                                                  NULL);
  g_autofree char *language = g_strdup_printf ("language-code=%s", remux->request->language);

  remux->captions = source;
  g_object_set (source, "caps", caps, "format", GST_FORMAT_TIME, "max-bytes", (guint64) 0, NULL);
  g_object_set (tags, "tags", language, NULL);
  return gst_element_link (source, tags) && fan_out (remux, tags, "subtitle_%u");
}

static void
set_chapters (Remux *remux)
{
  const GPtrArray *chapters = remux->request->chapters;
  g_autoptr (GstToc) toc = NULL;
  GstTocEntry *edition;

  if (chapters == NULL || chapters->len == 0)
    return;
  toc = gst_toc_new (GST_TOC_SCOPE_GLOBAL);
  edition = gst_toc_entry_new (GST_TOC_ENTRY_TYPE_EDITION, "agenda");
  for (guint i = 0; i < chapters->len; i++) {
    const PlenumChapterFacts *chapter = g_ptr_array_index (chapters, i);
    g_autofree char *uid = g_strdup_printf ("chapter-%u", i + 1);
    GstTocEntry *entry = gst_toc_entry_new (GST_TOC_ENTRY_TYPE_CHAPTER, uid);
    GstTagList *tags = gst_tag_list_new (GST_TAG_TITLE, chapter->title, NULL);
    gst_toc_entry_set_start_stop_times (entry, (gint64) (chapter->start_s * GST_SECOND),
                                        (gint64) (chapter->end_s * GST_SECOND));
    gst_toc_entry_set_tags (entry, tags);                /* takes the tags */
    gst_toc_entry_append_sub_entry (edition, entry);     /* takes the entry */
  }
  gst_toc_append_entry (toc, edition);                   /* takes the edition */
  gst_toc_setter_set_toc (GST_TOC_SETTER (remux->mkvmux), toc);
}

static void
set_title (GstElement *muxer, const char *title)
{
  if (title != NULL && *title != '\0')
    gst_tag_setter_add_tags (GST_TAG_SETTER (muxer), GST_TAG_MERGE_REPLACE, GST_TAG_TITLE,
                             title, NULL);
}

static GstElement *
add_file_sink (Remux *remux, GstElement *muxer, const char *path)
{
  GstElement *sink = add (remux, "filesink");

  g_object_set (sink, "location", path, "sync", FALSE, NULL);
  gst_element_link (muxer, sink);
  return sink;
}

/* Runs the pipeline to its end. A recording cut by a crash makes the demuxer fail at the
 * damaged end: everything read before it is ended properly, so both copies are whole. */
static gboolean
run (Remux *remux, GError **error)
{
  g_autoptr (GstBus) bus = gst_element_get_bus (remux->pipeline);
  gboolean ended_early = FALSE;

  if (gst_element_set_state (remux->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "%s: cannot start reading it",
                 remux->request->recording);
    return FALSE;
  }
  for (;;) {
    g_autoptr (GstMessage) message =
        gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
    g_autoptr (GError) gst_error = NULL;
    g_autofree char *debug = NULL;

    if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS)
      return TRUE;
    gst_message_parse_error (message, &gst_error, &debug);
    GST_INFO ("error from %s: %s (%s)", GST_MESSAGE_SRC_NAME (message), gst_error->message, debug);
    if (!ended_early && g_atomic_pointer_get (&remux->buffers) > 0 &&
        GST_IS_ELEMENT (GST_MESSAGE_SRC (message)) &&
        (g_str_has_prefix (GST_MESSAGE_SRC_NAME (message), "matroskademux") ||
         g_str_has_prefix (GST_MESSAGE_SRC_NAME (message), "filesrc"))) {
      ended_early = TRUE;
      for (guint i = 0; i < remux->parser_pads->len; i++)
        gst_pad_send_event (g_ptr_array_index (remux->parser_pads, i), gst_event_new_eos ());
      continue;
    }
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "%s: %s", remux->request->recording,
                 gst_error->message);
    return FALSE;
  }
}

gboolean
plenum_recording_remux (const PlenumRemuxRequest *request, GError **error)
{
  static const char *const factories[] = {
    "filesrc", "matroskademux", "h264parse", "aacparse", "tee", "queue", "mp4mux",
    "matroskamux", "filesink", "appsrc", "taginject", NULL
  };
  Remux remux = { .request = request };
  g_autofree char *mp4_partial = g_strconcat (request->mp4_path, ".partial", NULL);
  g_autofree char *mkv_partial = g_strconcat (request->mkv_path, ".partial", NULL);
  g_autofree char *faststart = g_strconcat (request->mp4_path, ".moov", NULL);
  GstElement *source, *demux;
  gboolean ok;

  GST_DEBUG_CATEGORY_INIT (plenum_remux_debug, "plenum-remux", 0, "Plenum archive remux");
  for (guint i = 0; factories[i]; i++) {
    g_autoptr (GstElementFactory) factory = gst_element_factory_find (factories[i]);
    if (factory == NULL) {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   "GStreamer element %s is missing (install gstreamer1.0-plugins-good/bad)",
                   factories[i]);
      return FALSE;
    }
  }
  remux.pipeline = gst_pipeline_new ("archive");
  remux.parser_pads = g_ptr_array_new_with_free_func (gst_object_unref);
  source = add (&remux, "filesrc");
  demux = add (&remux, "matroskademux");
  remux.mp4mux = add (&remux, "mp4mux");
  remux.mkvmux = add (&remux, "matroskamux");
  g_object_set (source, "location", request->recording, NULL);
  /* The index goes first; the media data waits in a file beside the result meanwhile (the
   * default would put hours of video in /tmp). */
  g_object_set (remux.mp4mux, "faststart", TRUE, "faststart-file", faststart, NULL);
  set_title (remux.mp4mux, request->title);
  set_title (remux.mkvmux, request->title);
  set_chapters (&remux);
  add_file_sink (&remux, remux.mp4mux, mp4_partial);
  add_file_sink (&remux, remux.mkvmux, mkv_partial);
  gst_element_link (source, demux);
  g_signal_connect (demux, "pad-added", G_CALLBACK (on_demuxed_pad), &remux);
  g_signal_connect (demux, "no-more-pads", G_CALLBACK (on_no_more_pads), &remux);

  /* No captions, no text track: an empty one only confuses players. */
  ok = request->cues->len == 0 || add_captions (&remux);
  if (!ok)
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot add the captions track");
  ok = ok && run (&remux, error);
  gst_element_set_state (remux.pipeline, GST_STATE_NULL);
  g_ptr_array_unref (remux.parser_pads);
  gst_object_unref (remux.pipeline);
  g_unlink (faststart);
  if (ok && (g_rename (mp4_partial, request->mp4_path) != 0 ||
             g_rename (mkv_partial, request->mkv_path) != 0)) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot move the archive copies "
                 "into place: %s", g_strerror (errno));
    ok = FALSE;
  }
  if (!ok) {
    g_unlink (mp4_partial);
    g_unlink (mkv_partial);
  }
  return ok;
}

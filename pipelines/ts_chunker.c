#include "pipelines/ts_chunker.h"

struct _PlenumTsChunker {
  GstElement parent;
  GstPad *sink;   /* (transfer none) owned by the element */
  GstPad *src;
};

G_DEFINE_TYPE (PlenumTsChunker, plenum_ts_chunker, GST_TYPE_ELEMENT)

static GstStaticPadTemplate sink_template =
    GST_STATIC_PAD_TEMPLATE ("sink", GST_PAD_SINK, GST_PAD_ALWAYS, GST_STATIC_CAPS_ANY);
static GstStaticPadTemplate src_template =
    GST_STATIC_PAD_TEMPLATE ("src", GST_PAD_SRC, GST_PAD_ALWAYS, GST_STATIC_CAPS_ANY);

/* Adds `buffer` (transfer full) to `list` in messages of at most PLENUM_TS_CHUNK_BYTES:
 * appended to the open message `*group` while it fits, cut when larger than one message.
 * gst_buffer_append and gst_buffer_copy_region share memory rather than copy it. */
static void
add_to_messages (GstBufferList *list, GstBuffer **group, GstBuffer *buffer)
{
  gsize size = gst_buffer_get_size (buffer);

  if (*group && gst_buffer_get_size (*group) + size > PLENUM_TS_CHUNK_BYTES) {
    gst_buffer_list_add (list, *group);
    *group = NULL;
  }
  if (size <= PLENUM_TS_CHUNK_BYTES) {
    *group = *group ? gst_buffer_append (*group, buffer) : buffer;
    return;
  }
  for (gsize offset = 0; offset < size; offset += PLENUM_TS_CHUNK_BYTES)
    gst_buffer_list_add (list, gst_buffer_copy_region (buffer, GST_BUFFER_COPY_ALL, offset,
                                                       MIN (PLENUM_TS_CHUNK_BYTES,
                                                            size - offset)));
  gst_buffer_unref (buffer);
}

/* mpegtsmux 1.22 with alignment=0 hands out its packets flagged HEADER (seen on the packets of
 * key and delta frames alike), and srtsink drops buffers flagged HEADER (it sends the caps'
 * stream headers to each new caller itself): the video would never leave. So no message is a header; a repeated PAT/PMT goes out inline, as
 * it does in mpegtsmux's own groups of 7. */
static gboolean
clear_header_flag (GstBuffer **buffer, guint index, gpointer user_data)
{
  (void) index;
  (void) user_data;
  if (GST_BUFFER_FLAG_IS_SET (*buffer, GST_BUFFER_FLAG_HEADER)) {
    *buffer = gst_buffer_make_writable (*buffer);
    GST_BUFFER_FLAG_UNSET (*buffer, GST_BUFFER_FLAG_HEADER);
  }
  return TRUE;
}

static GstFlowReturn
push_messages (PlenumTsChunker *self, GstBufferList *list, GstBuffer *group)
{
  if (group)
    gst_buffer_list_add (list, group);
  if (gst_buffer_list_length (list) == 0) {
    gst_buffer_list_unref (list);
    return GST_FLOW_OK;
  }
  gst_buffer_list_foreach (list, clear_header_flag, NULL);
  return gst_pad_push_list (self->src, list);
}

static GstFlowReturn
chunk_chain (GstPad *pad, GstObject *parent, GstBuffer *buffer)
{
  PlenumTsChunker *self = PLENUM_TS_CHUNKER (parent);
  GstBufferList *list;
  GstBuffer *group = NULL;
  (void) pad;

  list = gst_buffer_list_new ();
  add_to_messages (list, &group, buffer);
  return push_messages (self, list, group);
}

/* mpegtsmux with alignment=0 pushes a list of single 188-byte packets. */
static GstFlowReturn
chunk_chain_list (GstPad *pad, GstObject *parent, GstBufferList *packets)
{
  PlenumTsChunker *self = PLENUM_TS_CHUNKER (parent);
  guint count = gst_buffer_list_length (packets);
  GstBufferList *list = gst_buffer_list_new_sized (count / 7 + 1);
  GstBuffer *group = NULL;
  (void) pad;

  for (guint i = 0; i < count; i++)
    add_to_messages (list, &group, gst_buffer_ref (gst_buffer_list_get (packets, i)));
  gst_buffer_list_unref (packets);
  return push_messages (self, list, group);
}

static void
plenum_ts_chunker_init (PlenumTsChunker *self)
{
  self->sink = gst_pad_new_from_static_template (&sink_template, "sink");
  gst_pad_set_chain_function (self->sink, chunk_chain);
  gst_pad_set_chain_list_function (self->sink, chunk_chain_list);
  GST_PAD_SET_PROXY_CAPS (self->sink);
  GST_PAD_SET_PROXY_ALLOCATION (self->sink);
  gst_element_add_pad (GST_ELEMENT (self), self->sink);
  self->src = gst_pad_new_from_static_template (&src_template, "src");
  GST_PAD_SET_PROXY_CAPS (self->src);
  gst_element_add_pad (GST_ELEMENT (self), self->src);
}

static void
plenum_ts_chunker_class_init (PlenumTsChunkerClass *klass)
{
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);

  gst_element_class_add_static_pad_template (element_class, &sink_template);
  gst_element_class_add_static_pad_template (element_class, &src_template);
  gst_element_class_set_static_metadata (element_class, "MPEG-TS chunker", "Generic",
                                         "Cuts MPEG-TS into SRT messages of 7 packets",
                                         "Plenum");
}

GstElement *
plenum_ts_chunker_new (const char *name)
{
  return g_object_new (PLENUM_TYPE_TS_CHUNKER, "name", name, NULL);
}

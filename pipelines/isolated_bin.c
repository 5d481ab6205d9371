#include "pipelines/isolated_bin.h"

GST_DEBUG_CATEGORY_STATIC (plenum_isolated_debug);
#define GST_CAT_DEFAULT plenum_isolated_debug

struct _PlenumIsolatedBin {
  GstBin parent;
  gint failed;        /* atomic */
  GMutex lock;
  guint64 bytes_in;
};

G_DEFINE_TYPE (PlenumIsolatedBin, plenum_isolated_bin, GST_TYPE_BIN)

static void
plenum_isolated_bin_handle_message (GstBin *bin, GstMessage *message)
{
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR) {
    g_autoptr (GError) error = NULL;
    g_autofree char *debug = NULL;
    GstStructure *details;

    gst_message_parse_error (message, &error, &debug);
    GST_INFO_OBJECT (bin, "contained error from %s: %s", GST_MESSAGE_SRC_NAME (message),
                     error->message);
    g_atomic_int_set (&PLENUM_ISOLATED_BIN (bin)->failed, TRUE);
    details = gst_structure_new (PLENUM_ISOLATED_ERROR_MESSAGE, "message", G_TYPE_STRING,
                                 error->message, "error", G_TYPE_ERROR, error, NULL);
    gst_message_unref (message);
    message = gst_message_new_element (GST_OBJECT (bin), details);
  }
  GST_BIN_CLASS (plenum_isolated_bin_parent_class)->handle_message (bin, message);
}

/* Counts what came in and keeps a failure inside: upstream (a tee) always hears OK. */
static GstFlowReturn
guard (PlenumIsolatedBin *self, GstPad *pad, gsize size, GstFlowReturn ret)
{
  g_mutex_lock (&self->lock);
  self->bytes_in += size;
  g_mutex_unlock (&self->lock);
  /* FLUSHING too: a child that stopped by itself (rtmp2sink once its connection failed)
   * answers it while the rest of the pipeline plays, and a tee hands it up, which stops the
   * encoder and every other output for good. Only this pad's own flushing (a flush or a
   * state change that came from upstream) goes up. */
  if (ret != GST_FLOW_OK && !(ret == GST_FLOW_FLUSHING && GST_PAD_IS_FLUSHING (pad))) {
    if (!g_atomic_int_exchange (&self->failed, TRUE))
      GST_INFO_OBJECT (self, "swallowing flow %s from %s", gst_flow_get_name (ret),
                       GST_PAD_NAME (pad));
    return GST_FLOW_OK;
  }
  return ret;
}

static GstFlowReturn
guarded_chain (GstPad *pad, GstObject *parent, GstBuffer *buffer)
{
  gsize size = gst_buffer_get_size (buffer);
  return guard (PLENUM_ISOLATED_BIN (parent), pad, size,
                gst_proxy_pad_chain_default (pad, parent, buffer));
}

static GstFlowReturn
guarded_chain_list (GstPad *pad, GstObject *parent, GstBufferList *list)
{
  gsize size = gst_buffer_list_calculate_size (list);
  return guard (PLENUM_ISOLATED_BIN (parent), pad, size,
                gst_proxy_pad_chain_list_default (pad, parent, list));
}

static void
plenum_isolated_bin_finalize (GObject *object)
{
  g_mutex_clear (&PLENUM_ISOLATED_BIN (object)->lock);
  G_OBJECT_CLASS (plenum_isolated_bin_parent_class)->finalize (object);
}

static void
plenum_isolated_bin_class_init (PlenumIsolatedBinClass *klass)
{
  GST_BIN_CLASS (klass)->handle_message = plenum_isolated_bin_handle_message;
  G_OBJECT_CLASS (klass)->finalize = plenum_isolated_bin_finalize;
  GST_DEBUG_CATEGORY_INIT (plenum_isolated_debug, "plenum-isolated", 0,
                           "Plenum isolated output bins");
}

static void
plenum_isolated_bin_init (PlenumIsolatedBin *self)
{
  g_mutex_init (&self->lock);
}

GstElement *
plenum_isolated_bin_new (const char *name)
{
  return g_object_new (PLENUM_TYPE_ISOLATED_BIN, "name", name, NULL);
}

void
plenum_isolated_bin_add_sink (PlenumIsolatedBin *bin, const char *name, GstPad *target)
{
  GstPad *ghost = gst_ghost_pad_new (name, target);

  gst_pad_set_chain_function (ghost, guarded_chain);
  gst_pad_set_chain_list_function (ghost, guarded_chain_list);
  gst_element_add_pad (GST_ELEMENT (bin), ghost);
}

gboolean
plenum_isolated_bin_has_failed (PlenumIsolatedBin *bin)
{
  return g_atomic_int_get (&bin->failed);
}

guint64
plenum_isolated_bin_bytes_in (PlenumIsolatedBin *bin)
{
  guint64 bytes;
  g_mutex_lock (&bin->lock);
  bytes = bin->bytes_in;
  g_mutex_unlock (&bin->lock);
  return bytes;
}

#include "pipelines/gop_dropper.h"

GST_DEBUG_CATEGORY_STATIC (plenum_gop_debug);
#define GST_CAT_DEFAULT plenum_gop_debug

#define BEHIND (2 * GST_SECOND)
#define CAUGHT_UP (GST_SECOND)
#define QUEUE_LIMIT (4 * GST_SECOND)
#define DROPPER_KEY "plenum-gop-dropper"

typedef struct {
  GstElement *queue;          /* (transfer none) the bin owns it */
  PlenumEntryPointFunc is_entry;
  gpointer user_data;
  gboolean dropping;          /* only the probe's streaming thread touches it */
  gint times_behind;          /* atomic */
} GopDropper;

static GstBuffer *
first_buffer (GstPadProbeInfo *info)
{
  if (info->type & GST_PAD_PROBE_TYPE_BUFFER_LIST) {
    GstBufferList *list = GST_PAD_PROBE_INFO_BUFFER_LIST (info);
    return gst_buffer_list_length (list) ? gst_buffer_list_get (list, 0) : NULL;
  }
  return GST_PAD_PROBE_INFO_BUFFER (info);
}

static GstPadProbeReturn
drop_whole_gops (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  GopDropper *dropper = user_data;
  GstBuffer *buffer = first_buffer (info);
  guint64 level = 0;
  (void) pad;

  if (buffer == NULL)
    return GST_PAD_PROBE_DROP;
  g_object_get (dropper->queue, "current-level-time", &level, NULL);
  if (dropper->dropping && level < CAUGHT_UP && dropper->is_entry (buffer, dropper->user_data)) {
    GST_INFO_OBJECT (dropper->queue, "sending from a keyframe");
    dropper->dropping = FALSE;
  } else if (!dropper->dropping && level >= BEHIND) {
    GST_INFO_OBJECT (dropper->queue, "destination behind by %" GST_TIME_FORMAT
                     ": dropping whole GOPs", GST_TIME_ARGS (level));
    dropper->dropping = TRUE;
    g_atomic_int_inc (&dropper->times_behind);
  }
  return dropper->dropping ? GST_PAD_PROBE_DROP : GST_PAD_PROBE_OK;
}

void
plenum_gop_dropper_attach (GstElement *bin, GstElement *queue, PlenumEntryPointFunc is_entry,
                           gpointer user_data)
{
  GopDropper *dropper = g_new0 (GopDropper, 1);
  g_autoptr (GstPad) pad = gst_element_get_static_pad (queue, "sink");

  GST_DEBUG_CATEGORY_INIT (plenum_gop_debug, "plenum-gop", 0, "Plenum GOP dropping");
  dropper->queue = queue;
  dropper->is_entry = is_entry;
  dropper->user_data = user_data;
  dropper->dropping = TRUE;   /* a new destination starts at an entry point */
  /* Leaky only as a last resort (no timestamps to measure by): never hold the tee. */
  g_object_set (queue, "max-size-time", (guint64) QUEUE_LIMIT, "max-size-buffers", 0,
                "max-size-bytes", 0, "leaky", 2 /* downstream */, NULL);
  /* The bin owns the dropper: the probe lives exactly as long as the bin's queue. */
  g_object_set_data_full (G_OBJECT (bin), DROPPER_KEY, dropper, g_free);
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_BUFFER_LIST,
                     drop_whole_gops, dropper, NULL);
}

guint
plenum_gop_dropper_count (GstElement *bin)
{
  GopDropper *dropper = g_object_get_data (G_OBJECT (bin), DROPPER_KEY);
  return dropper ? (guint) g_atomic_int_get (&dropper->times_behind) : 0;
}

#include "pipelines/live_ts_mux.h"

#include <gst/base/gstaggregator.h>

#include "pipelines/elements.h"

/* The earliest running time among the buffers waiting on the muxer's pads, or NONE (then the
 * aggregator waits for data, not for the clock) when no pad holds one or some pad has no caps
 * yet: mpegtsmux makes the streams of all its pads with its first buffer, and fails on a pad
 * whose format it does not know. mpegtsmux's clip function has already turned the waiting
 * buffers' timestamps into running time. Called by the aggregator with its source lock held;
 * the object lock and then each pad's lock follow, the order the aggregator takes them in. */
static GstClockTime
earliest_waiting (GstAggregator *aggregator)
{
  GstClockTime earliest = GST_CLOCK_TIME_NONE;

  GST_OBJECT_LOCK (aggregator);
  for (GList *l = GST_ELEMENT (aggregator)->sinkpads; l != NULL; l = l->next) {
    GstBuffer *head;
    GstClockTime time;

    if (!gst_pad_has_current_caps (l->data)) {
      earliest = GST_CLOCK_TIME_NONE;
      break;
    }
    head = gst_aggregator_pad_peek_buffer (GST_AGGREGATOR_PAD (l->data));
    if (head == NULL)
      continue;
    time = GST_BUFFER_DTS_OR_PTS (head);
    if (GST_CLOCK_TIME_IS_VALID (time) && (!GST_CLOCK_TIME_IS_VALID (earliest) || time < earliest))
      earliest = time;
    gst_buffer_unref (head);
  }
  GST_OBJECT_UNLOCK (aggregator);
  return earliest;
}

static void
live_ts_mux_class_init (gpointer klass, gpointer class_data)
{
  (void) class_data;
  GST_AGGREGATOR_CLASS (klass)->get_next_time = earliest_waiting;
}

/* mpegtsmux's type is registered by its plugin, so the subclass is registered once a plain
 * mpegtsmux has been made; it inherits the pad templates, properties and metadata. */
static GType
register_subclass (GType parent)
{
  GTypeQuery query;

  g_type_query (parent, &query);
  GTypeInfo info = {
    .class_size = query.class_size,
    .class_init = live_ts_mux_class_init,
    .instance_size = query.instance_size,
  };
  return g_type_register_static (parent, "PlenumLiveTsMux", &info, 0);
}

GstElement *
plenum_live_ts_mux_new (const char *name, GError **error)
{
  static gsize type = 0;
  GstElement *plain = plenum_element_make ("mpegtsmux", NULL, error);

  if (plain == NULL)
    return NULL;
  if (g_once_init_enter (&type))
    g_once_init_leave (&type, register_subclass (G_OBJECT_TYPE (plain)));
  gst_object_unref (gst_object_ref_sink (plain));
  return g_object_new (type, "name", name, NULL);
}

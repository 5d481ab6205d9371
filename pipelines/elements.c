#include "pipelines/elements.h"

#include <stdarg.h>
#include <string.h>

GstElement *
plenum_element_make (const char *factory, const char *name, GError **error)
{
  GstElement *element = gst_element_factory_make (factory, name);

  if (element == NULL)
    g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_MISSING_PLUGIN,
                 "GStreamer element \"%s\" is missing: install the GStreamer plugin packages "
                 "(scripts/install-deps.sh)", factory);
  return element;
}

gboolean
plenum_elements_make (GError **error, const char *factory, GstElement **element, ...)
{
  g_autoptr (GPtrArray) made = g_ptr_array_new ();   /* of GstElement ** */
  va_list args;
  gboolean ok = TRUE;

  va_start (args, element);
  while (factory != NULL) {
    const char *colon = strchr (factory, ':');
    g_autofree char *type = colon ? g_strndup (factory, colon - factory) : g_strdup (factory);

    *element = plenum_element_make (type, colon ? colon + 1 : NULL, error);
    if (*element == NULL) {
      ok = FALSE;
      break;
    }
    g_ptr_array_add (made, element);
    factory = va_arg (args, const char *);
    if (factory)
      element = va_arg (args, GstElement **);
  }
  va_end (args);

  if (!ok)
    for (guint i = 0; i < made->len; i++)
    {
      GstElement **slot = g_ptr_array_index (made, i);
      gst_object_unref (gst_object_ref_sink (*slot));
      *slot = NULL;
    }
  return ok;
}

GstClockTime
plenum_buffer_running_time (GstPad *pad, GstBuffer *buffer)
{
  GstEvent *sticky = gst_pad_get_sticky_event (pad, GST_EVENT_SEGMENT, 0);
  GstClockTime time = GST_CLOCK_TIME_NONE;

  if (sticky == NULL)
    return time;
  if (GST_BUFFER_PTS_IS_VALID (buffer)) {
    const GstSegment *segment;
    gst_event_parse_segment (sticky, &segment);
    time = gst_segment_to_running_time (segment, GST_FORMAT_TIME, GST_BUFFER_PTS (buffer));
  }
  gst_event_unref (sticky);
  return time;
}

GstPad *
plenum_link_from_tee (GstElement *tee, GstPad *sink)
{
  GstPad *tee_pad = gst_element_request_pad_simple (tee, "src_%u");

  if (tee_pad == NULL)
    return NULL;
  if (gst_pad_link (tee_pad, sink) != GST_PAD_LINK_OK) {
    gst_element_release_request_pad (tee, tee_pad);
    gst_object_unref (tee_pad);
    return NULL;
  }
  return tee_pad;
}

#include "pipelines/output_rtmp.h"

#include <string.h>
#include <gio/gio.h>
#include "pipelines/elements.h"
#include "pipelines/output_stream_bin.h"

static const char *
base_url (const PlenumOutputConfig *output)
{
  switch (output->kind) {
  case PLENUM_OUTPUT_YOUTUBE:
    return output->backup ? PLENUM_YOUTUBE_BACKUP_INGEST : PLENUM_YOUTUBE_INGEST;
  case PLENUM_OUTPUT_FACEBOOK:
    return PLENUM_FACEBOOK_INGEST;
  default:
    return output->url;
  }
}

gboolean
plenum_output_rtmp_target (const PlenumOutputConfig *output, PlenumRtmpTarget *target,
                           GError **error)
{
  const char *url = base_url (output);
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri ? g_uri_get_scheme (uri) : NULL;
  const char *path;
  const char *query;

  memset (target, 0, sizeof *target);
  if (uri == NULL || scheme == NULL || g_uri_get_host (uri) == NULL ||
      (g_ascii_strcasecmp (scheme, "rtmp") != 0 && g_ascii_strcasecmp (scheme, "rtmps") != 0)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 "output %s: \"%s\" is not an rtmp:// or rtmps:// URL with a host", output->id, url);
    return FALSE;
  }
  target->scheme = g_ascii_strdown (scheme, -1);
  target->host = g_strdup (g_uri_get_host (uri));
  target->port = g_uri_get_port (uri) > 0 ? g_uri_get_port (uri)
      : g_str_equal (target->scheme, "rtmps") ? 443 : 1935;
  path = g_uri_get_path (uri);
  while (*path == '/')
    path++;
  query = g_uri_get_query (uri);
  target->application = query ? g_strdup_printf ("%s?%s", path, query) : g_strdup (path);
  /* "rtmp/" and "live/" name the same application as "rtmp" and "live". */
  if (!query && g_str_has_suffix (target->application, "/"))
    target->application[strlen (target->application) - 1] = '\0';
  return TRUE;
}

void
plenum_rtmp_target_clear (PlenumRtmpTarget *target)
{
  g_clear_pointer (&target->scheme, g_free);
  g_clear_pointer (&target->host, g_free);
  g_clear_pointer (&target->application, g_free);
}

char *
plenum_output_rtmp_display_url (const PlenumOutputConfig *output)
{
  const char *url = base_url (output);
  return g_strdup_printf ("%s%s****", url, g_str_has_suffix (url, "/") ? "" : "/");
}

guint64
plenum_output_rtmp_bytes_sent (GstElement *bin)
{
  g_autoptr (GstElement) sink = gst_bin_get_by_name (GST_BIN (bin), "sink");
  GstStructure *stats = NULL;
  guint64 sent = 0;

  g_object_get (sink, "stats", &stats, NULL);
  if (stats) {
    gst_structure_get_uint64 (stats, "out-bytes-total", &sent);
    gst_structure_free (stats);
  }
  return sent;
}

GstElement *
plenum_output_rtmp_build (const PlenumOutputConfig *output, GError **error)
{
  PlenumRtmpTarget target;
  GstElement *sink;

  if (!plenum_output_rtmp_target (output, &target, error))
    return NULL;
  sink = plenum_element_make ("rtmp2sink", NULL, error);
  if (sink == NULL) {
    plenum_rtmp_target_clear (&target);
    return NULL;
  }
  gst_util_set_object_arg (G_OBJECT (sink), "scheme", target.scheme);
  g_object_set (sink, "host", target.host, "port", target.port,
                "application", target.application, "stream", output->secret ? output->secret : "",
                "sync", FALSE, "async", FALSE, NULL);
  /* RTMP's default chunk of 128 bytes cuts every frame into dozens of writes; OBS and ffmpeg
   * send 4096-byte chunks, which every ingest accepts. */
  g_object_set (sink, "chunk-size", 4096, NULL);
  /* Only an explicit "tls_verify": false in the show turns certificate checks off. */
  if (!output->tls_verify)
    g_object_set (sink, "tls-validation-flags", 0, NULL);
  plenum_rtmp_target_clear (&target);

  return plenum_output_stream_bin_new (output->id, PLENUM_MUX_FLV, sink, error);
}

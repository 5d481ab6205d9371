#include "pipelines/output_record.h"

#include "pipelines/elements.h"
#include "pipelines/output_mux_bin.h"

char *
plenum_output_record_path (const char *run_dir, guint part)
{
  g_autofree char *name = part <= 1 ? g_strdup ("recording.mkv")
      : g_strdup_printf ("recording-%u.mkv", part);
  return g_build_filename (run_dir, name, NULL);
}

GstElement *
plenum_output_record_build (const PlenumOutputConfig *output, const char *run_dir, guint part,
                            GError **error)
{
  const PlenumOutputMuxSpec spec = { output->id, "matroskamux", "video_%u", "audio_%u" };
  GstElement *sink = plenum_element_make ("filesink", NULL, error);
  g_autofree char *path = plenum_output_record_path (run_dir, part);

  if (sink == NULL)
    return NULL;
  g_object_set (sink, "location", path, "async", FALSE, NULL);
  return plenum_output_mux_bin_new (&spec, sink, error);
}

#include "studio/run_manifest.h"

#include <cjson/cJSON.h>

static cJSON *
archive_json (const PlenumArchiveConfig *archive)
{
  cJSON *object = cJSON_CreateObject ();
  cJSON *youtube;

  cJSON_AddNumberToObject (object, "min_caption_coverage", archive->min_caption_coverage);
  cJSON_AddStringToObject (object, "title", archive->title);
  cJSON_AddStringToObject (object, "description", archive->description);
  youtube = cJSON_AddObjectToObject (object, "youtube");
  cJSON_AddStringToObject (youtube, "token_env", archive->youtube_token_env);
  cJSON_AddStringToObject (youtube, "api_base", archive->youtube_api_base);
  cJSON_AddStringToObject (youtube, "privacy", archive->youtube_privacy);
  cJSON_AddStringToObject (youtube, "category_id", archive->youtube_category_id);
  cJSON_AddStringToObject (youtube, "language", archive->language);
  cJSON_AddStringToObject (youtube, "caption_name", archive->caption_name);
  return object;
}

gboolean
plenum_run_manifest_write (const PlenumShow *show, GDateTime *started, const char *run_dir,
                           GError **error)
{
  g_autoptr (GDateTime) utc = g_date_time_to_utc (started);
  g_autofree char *started_text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *path = g_build_filename (run_dir, "run.json", NULL);
  g_autofree char *text = NULL;
  cJSON *root = cJSON_CreateObject ();
  cJSON *outputs, *agenda;
  gboolean saved;

  cJSON_AddStringToObject (root, "name", show->name);
  cJSON_AddStringToObject (root, "started", started_text);
  cJSON_AddNumberToObject (root, "fps", show->fps);
  cJSON_AddNumberToObject (root, "width", show->width);
  cJSON_AddNumberToObject (root, "height", show->height);
  outputs = cJSON_AddArrayToObject (root, "outputs");
  for (guint i = 0; i < show->outputs->len; i++) {
    const PlenumOutputConfig *output = g_ptr_array_index (show->outputs, i);
    cJSON *item = cJSON_CreateObject ();
    cJSON_AddStringToObject (item, "id", output->id);
    cJSON_AddStringToObject (item, "kind", plenum_output_kind_to_string (output->kind));
    cJSON_AddItemToArray (outputs, item);
  }
  agenda = cJSON_AddArrayToObject (root, "agenda");
  for (guint i = 0; i < show->agenda->len; i++)
    cJSON_AddItemToArray (agenda, cJSON_CreateString (g_ptr_array_index (show->agenda, i)));
  cJSON_AddItemToObject (root, "archive", archive_json (&show->archive));
  text = cJSON_Print (root);
  cJSON_Delete (root);
  saved = g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
  if (!saved)
    g_prefix_error (error, "cannot write run.json: ");
  return saved;
}

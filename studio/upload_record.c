#include "studio/upload_record.h"

#include <cjson/cJSON.h>
#include <gio/gio.h>
#include <string.h>

void
plenum_upload_record_free (PlenumUploadRecord *record)
{
  if (record == NULL)
    return;
  if (record->session_uri)
    memset (record->session_uri, 0, strlen (record->session_uri));
  g_free (record->session_uri);
  g_free (record->api_base);
  g_free (record->video_id);
  g_free (record);
}

static char *
string_or_null (const cJSON *root, const char *key)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (root, key);

  return cJSON_IsString (item) && *item->valuestring ? g_strdup (item->valuestring) : NULL;
}

static double
number_or_zero (const cJSON *root, const char *key)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (root, key);

  return cJSON_IsNumber (item) && item->valuedouble > 0 ? item->valuedouble : 0;
}

PlenumUploadRecord *
plenum_upload_record_load (const char *path, GError **error)
{
  g_autoptr (PlenumUploadRecord) record = g_new0 (PlenumUploadRecord, 1);
  g_autoptr (GError) read_error = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  cJSON *root;

  if (!g_file_get_contents (path, &text, &length, &read_error)) {
    if (g_error_matches (read_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
      return g_steal_pointer (&record);
    g_propagate_error (error, g_steal_pointer (&read_error));
    return NULL;
  }
  root = cJSON_ParseWithLength (text, length);
  if (!cJSON_IsObject (root)) {
    cJSON_Delete (root);
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 "%s: not a JSON object (delete it to start the upload afresh)", path);
    return NULL;
  }
  record->session_uri = string_or_null (root, "session_uri");
  record->api_base = string_or_null (root, "api_base");
  record->size = (guint64) number_or_zero (root, "size");
  record->mtime_s = (gint64) number_or_zero (root, "mtime");
  record->video_id = string_or_null (root, "video_id");
  record->captions_done = cJSON_IsTrue (cJSON_GetObjectItemCaseSensitive (root,
                                                                          "captions_done"));
  cJSON_Delete (root);
  return g_steal_pointer (&record);
}

gboolean
plenum_upload_record_save (const PlenumUploadRecord *record, const char *path, GError **error)
{
  cJSON *root = cJSON_CreateObject ();
  char *text;
  gboolean saved;

  if (record->session_uri)
    cJSON_AddStringToObject (root, "session_uri", record->session_uri);
  if (record->api_base)
    cJSON_AddStringToObject (root, "api_base", record->api_base);
  cJSON_AddNumberToObject (root, "size", (double) record->size);
  cJSON_AddNumberToObject (root, "mtime", (double) record->mtime_s);
  if (record->video_id)
    cJSON_AddStringToObject (root, "video_id", record->video_id);
  cJSON_AddBoolToObject (root, "captions_done", record->captions_done);
  text = cJSON_Print (root);
  cJSON_Delete (root);
  /* 0600 from the first byte: the temporary file is made with this mode, then renamed. */
  saved = g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
  if (text)
    memset (text, 0, strlen (text));
  cJSON_free (text);
  if (!saved)
    g_prefix_error (error, "cannot save the upload's state: ");
  return saved;
}

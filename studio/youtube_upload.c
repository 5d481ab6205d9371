#include "studio/youtube_upload.h"

#include <cjson/cJSON.h>
#include <gio/gio.h>
#include <string.h>

#define MAX_CHUNK_KIB (1024 * 1024)      /* 1 GiB: more is a typo, not a plan */
#define MAX_BACKOFF_FACTOR 32

/* ---- run.json ------------------------------------------------------------------------------- */

void
plenum_youtube_settings_free (PlenumYoutubeSettings *settings)
{
  if (settings == NULL)
    return;
  g_free (settings->title);
  g_free (settings->description);
  g_free (settings->token_env);
  g_free (settings->api_base);
  g_free (settings->privacy);
  g_free (settings->category_id);
  g_free (settings->language);
  g_free (settings->caption_name);
  g_free (settings);
}

/* `object[key]` as a string into `*value`; a missing key or null leaves the default. */
static gboolean
take_string (const cJSON *object, const char *key, const char *where, const char *path,
             char **value, GError **error)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, key);

  if (item == NULL || cJSON_IsNull (item))
    return TRUE;
  if (!cJSON_IsString (item)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s%s must be a string", path,
                 where, key);
    return FALSE;
  }
  g_free (*value);
  *value = g_strdup (item->valuestring);
  return TRUE;
}

/* An object member that may be missing (NULL, no error) but must be an object when present. */
static gboolean
take_object (const cJSON *parent, const char *key, const char *where, const char *path,
             const cJSON **object, GError **error)
{
  const cJSON *item = parent ? cJSON_GetObjectItemCaseSensitive (parent, key) : NULL;

  *object = NULL;
  if (item == NULL || cJSON_IsNull (item))
    return TRUE;
  if (!cJSON_IsObject (item)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s%s must be an object", path,
                 where, key);
    return FALSE;
  }
  *object = item;
  return TRUE;
}

static gboolean
check_settings (const PlenumYoutubeSettings *settings, const char *path, GError **error)
{
  const char *problem = NULL;

  if (settings->title == NULL || *settings->title == '\0')
    problem = "the video needs a title: archive.title and name are both missing or empty";
  else if (!g_str_has_prefix (settings->api_base, "http://") &&
           !g_str_has_prefix (settings->api_base, "https://"))
    problem = "archive.youtube.api_base must start with https:// (or http:// for a test)";
  else if (!g_strv_contains ((const char *[]) { "private", "unlisted", "public", NULL },
                             settings->privacy))
    problem = "archive.youtube.privacy must be \"private\", \"unlisted\" or \"public\"";
  else if (*settings->token_env == '\0')
    problem = "archive.youtube.token_env must name an environment variable";
  else if (*settings->language == '\0' || *settings->category_id == '\0' ||
           *settings->caption_name == '\0')
    problem = "archive.youtube.language, category_id and caption_name must not be empty";
  if (problem != NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s", path, problem);
  return problem == NULL;
}

PlenumYoutubeSettings *
plenum_youtube_settings_parse (const char *json, gsize length, const char *path, GError **error)
{
  g_autoptr (PlenumYoutubeSettings) settings = g_new0 (PlenumYoutubeSettings, 1);
  cJSON *root = cJSON_ParseWithLength (json, length);
  const cJSON *archive = NULL, *youtube = NULL;
  gboolean ok;

  if (!cJSON_IsObject (root)) {
    cJSON_Delete (root);
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: not a JSON object", path);
    return NULL;
  }
  settings->description = g_strdup ("");
  settings->token_env = g_strdup ("PLENUM_YOUTUBE_TOKEN");
  settings->api_base = g_strdup ("https://www.googleapis.com");
  settings->privacy = g_strdup ("private");
  settings->category_id = g_strdup ("25");    /* News & Politics */
  settings->language = g_strdup ("de");
  settings->caption_name = g_strdup ("Deutsch");

  ok = take_string (root, "name", "", path, &settings->title, error) &&
      take_object (root, "archive", "", path, &archive, error) &&
      take_string (archive, "title", "archive.", path, &settings->title, error) &&
      take_string (archive, "description", "archive.", path, &settings->description, error) &&
      take_object (archive, "youtube", "archive.", path, &youtube, error) &&
      take_string (youtube, "token_env", "archive.youtube.", path, &settings->token_env, error) &&
      take_string (youtube, "api_base", "archive.youtube.", path, &settings->api_base, error) &&
      take_string (youtube, "privacy", "archive.youtube.", path, &settings->privacy, error) &&
      take_string (youtube, "category_id", "archive.youtube.", path, &settings->category_id,
                   error) &&
      take_string (youtube, "language", "archive.youtube.", path, &settings->language, error) &&
      take_string (youtube, "caption_name", "archive.youtube.", path, &settings->caption_name,
                   error);
  cJSON_Delete (root);
  if (ok && settings->title != NULL)
    g_strstrip (settings->title);
  if (!ok || !check_settings (settings, path, error))
    return NULL;
  while (g_str_has_suffix (settings->api_base, "/"))
    settings->api_base[strlen (settings->api_base) - 1] = '\0';
  return g_steal_pointer (&settings);
}

PlenumYoutubeSettings *
plenum_youtube_settings_load (const char *path, GError **error)
{
  g_autofree char *text = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &text, &length, error))
    return NULL;
  return plenum_youtube_settings_parse (text, length, path, error);
}

/* ---- Title and description ------------------------------------------------------------------ */

char *
plenum_youtube_clean_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);
  GString *clean = g_string_new (valid);

  g_string_replace (clean, "<", "‹", 0);
  g_string_replace (clean, ">", "›", 0);
  return g_string_free (clean, FALSE);
}

char *
plenum_youtube_title (const char *title)
{
  g_autofree char *clean = plenum_youtube_clean_text (title);

  return g_utf8_substring (clean, 0, MIN (g_utf8_strlen (clean, -1),
                                          PLENUM_YOUTUBE_TITLE_MAX_CHARS));
}

/* The length of the longest start of `text` (valid UTF-8) that fits in `max` bytes and ends on
 * a character boundary. */
static gsize
fitting_length (const char *text, gsize max)
{
  gsize length = strlen (text);

  if (length <= max)
    return length;
  length = max;
  while (length > 0 && ((guchar) text[length] & 0xC0) == 0x80)
    length--;
  return length;
}

char *
plenum_youtube_description (const char *description, const char *chapters)
{
  g_autofree char *clean = plenum_youtube_clean_text (description);
  g_autofree char *chapter_text = plenum_youtube_clean_text (chapters);
  GString *text = g_string_new (g_strchomp (clean));
  gsize chapters_start, fit;

  g_strstrip (chapter_text);
  if (text->len > 0 && *chapter_text != '\0')
    g_string_append (text, "\n\n");
  chapters_start = text->len;
  g_string_append (text, chapter_text);

  fit = fitting_length (text->str, PLENUM_YOUTUBE_DESCRIPTION_MAX_BYTES);
  if (fit < text->len && fit > chapters_start) {
    /* A chapter line cut in half would name a wrong chapter: keep whole lines only. */
    const char *newline = g_strrstr_len (text->str + chapters_start, fit - chapters_start, "\n");
    fit = newline ? (gsize) (newline - text->str) : chapters_start;
  }
  g_string_truncate (text, fit);
  while (text->len > 0 && g_ascii_isspace (text->str[text->len - 1]))
    g_string_truncate (text, text->len - 1);
  return g_string_free (text, FALSE);
}

char *
plenum_youtube_video_resource (const PlenumYoutubeSettings *settings, const char *title,
                               const char *description)
{
  cJSON *root = cJSON_CreateObject ();
  cJSON *snippet = cJSON_AddObjectToObject (root, "snippet");
  cJSON *status = cJSON_AddObjectToObject (root, "status");
  char *text, *copy;

  cJSON_AddStringToObject (snippet, "title", title);
  cJSON_AddStringToObject (snippet, "description", description);
  cJSON_AddStringToObject (snippet, "categoryId", settings->category_id);
  cJSON_AddStringToObject (snippet, "defaultLanguage", settings->language);
  cJSON_AddStringToObject (snippet, "defaultAudioLanguage", settings->language);
  cJSON_AddStringToObject (status, "privacyStatus", settings->privacy);
  cJSON_AddFalseToObject (status, "selfDeclaredMadeForKids");
  text = cJSON_PrintUnformatted (root);
  cJSON_Delete (root);
  copy = g_strdup (text);    /* cJSON's allocator is not necessarily g_malloc */
  cJSON_free (text);
  return copy;
}

/* ---- Protocol pieces ------------------------------------------------------------------------ */

static gboolean
parse_decimal (const char *text, const char **end, guint64 *value)
{
  guint64 result = 0;
  const char *p = text;

  if (!g_ascii_isdigit (*p))
    return FALSE;
  for (; g_ascii_isdigit (*p); p++) {
    if (result > (G_MAXUINT64 - 9) / 10)
      return FALSE;
    result = result * 10 + (guint64) (*p - '0');
  }
  *end = p;
  *value = result;
  return TRUE;
}

gboolean
plenum_youtube_parse_range (const char *value, guint64 *next_offset)
{
  const char *p;
  guint64 first, last;

  if (value == NULL) {
    *next_offset = 0;
    return TRUE;
  }
  p = value;
  while (*p == ' ' || *p == '\t')
    p++;
  if (g_ascii_strncasecmp (p, "bytes=", 6) != 0)
    return FALSE;
  p += 6;
  if (!parse_decimal (p, &p, &first) || first != 0 || *p++ != '-' ||
      !parse_decimal (p, &p, &last) || last == G_MAXUINT64)
    return FALSE;
  while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
    p++;
  if (*p != '\0')
    return FALSE;
  *next_offset = last + 1;
  return TRUE;
}

gsize
plenum_youtube_chunk_size (const char *kib)
{
  guint64 value;
  const char *end;

  if (kib == NULL || !parse_decimal (kib, &end, &value) || *end != '\0')
    return PLENUM_YOUTUBE_DEFAULT_CHUNK;
  value = MIN (value, MAX_CHUNK_KIB);
  value -= value % 256;
  return (gsize) MAX (value, 256) * 1024;
}

guint
plenum_youtube_first_backoff_ms (const char *ms)
{
  guint64 value;
  const char *end;

  if (ms == NULL || !parse_decimal (ms, &end, &value) || *end != '\0')
    return PLENUM_YOUTUBE_DEFAULT_BACKOFF_MS;
  return (guint) MIN (value, 60000);
}

guint
plenum_youtube_backoff_ms (guint first_ms, guint attempt, double jitter)
{
  guint64 delay = first_ms;

  for (guint i = 1; i < attempt && delay < (guint64) first_ms * MAX_BACKOFF_FACTOR; i++)
    delay *= 2;
  delay = MIN (delay, (guint64) first_ms * MAX_BACKOFF_FACTOR);
  return (guint) (delay + (guint64) (CLAMP (jitter, 0.0, 1.0) * (double) delay / 4));
}

char *
plenum_youtube_error_reason (const char *body, gsize length)
{
  cJSON *root = body ? cJSON_ParseWithLength (body, length) : NULL;
  const cJSON *error = cJSON_GetObjectItemCaseSensitive (root, "error");
  const cJSON *message = cJSON_GetObjectItemCaseSensitive (error, "message");
  const cJSON *errors = cJSON_GetObjectItemCaseSensitive (error, "errors");
  const cJSON *reason = cJSON_GetObjectItemCaseSensitive (cJSON_GetArrayItem (errors, 0),
                                                          "reason");
  char *text = NULL;

  if (cJSON_IsString (reason) && cJSON_IsString (message))
    text = g_strdup_printf ("%s: %s", reason->valuestring, message->valuestring);
  else if (cJSON_IsString (reason))
    text = g_strdup (reason->valuestring);
  else if (cJSON_IsString (message))
    text = g_strdup (message->valuestring);
  else if (cJSON_IsString (error))     /* OAuth's {"error": "invalid_token", …} */
    text = g_strdup (error->valuestring);
  cJSON_Delete (root);
  if (text != NULL && !g_utf8_validate (text, -1, NULL)) {
    char *valid = g_utf8_make_valid (text, -1);
    g_free (text);
    text = valid;
  }
  return text;
}

char *
plenum_youtube_answer_text (const PlenumUploadAnswer *answer)
{
  g_autofree char *reason = NULL;

  if (answer->outcome != PLENUM_UPLOAD_ANSWERED)
    return g_strdup (answer->failure);
  reason = plenum_youtube_error_reason (answer->body->str, answer->body->len);
  return reason ? g_strdup_printf ("HTTP %ld, %s", answer->status, reason)
                : g_strdup_printf ("HTTP %ld", answer->status);
}

void
plenum_youtube_set_refused (const PlenumUploadAnswer *answer, const char *what, GError **error)
{
  g_autofree char *text = plenum_youtube_answer_text (answer);

  g_set_error (error, G_IO_ERROR,
               answer->status == 401 || answer->status == 403 ? G_IO_ERROR_PERMISSION_DENIED
                                                              : G_IO_ERROR_FAILED,
               "YouTube refused %s (%s)", what, text);
}

char *
plenum_youtube_video_id (const char *body, gsize length)
{
  cJSON *root = body ? cJSON_ParseWithLength (body, length) : NULL;
  const cJSON *id = cJSON_GetObjectItemCaseSensitive (root, "id");
  char *result = NULL;

  if (cJSON_IsString (id) && *id->valuestring != '\0' && strlen (id->valuestring) <= 64 &&
      strspn (id->valuestring, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                               "0123456789_-") == strlen (id->valuestring))
    result = g_strdup (id->valuestring);
  cJSON_Delete (root);
  return result;
}

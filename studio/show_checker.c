/* show_checker.c — the PlenumChecker of show_private.h: JSON paths, problems and getters
 * that check a value's type and range, resolve paths and read secrets from the environment.
 */
#include "show_private.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

static gboolean
is_plain_key (const char *key)
{
  for (const char *p = key; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;
  return key[0] != '\0';
}

char *
plenum_checker_quote (const char *text)
{
  GString *quoted = g_string_new ("\"");
  for (const char *p = text; *p != '\0'; p++) {
    if (*p == '"' || *p == '\\')
      g_string_append_printf (quoted, "\\%c", *p);
    else if ((guchar) *p < 0x20)
      g_string_append_printf (quoted, "\\x%02x", (guchar) *p);
    else
      g_string_append_c (quoted, *p);
  }
  g_string_append_c (quoted, '"');
  return g_string_free (quoted, FALSE);
}

gsize
plenum_checker_enter (PlenumChecker *c, const char *key)
{
  gsize mark = c->path->len;

  /* A key typed with a space or a quote must not make the path ambiguous. */
  if (!is_plain_key (key)) {
    g_autofree char *quoted = plenum_checker_quote (key);
    g_string_append_printf (c->path, "[%s]", quoted);
  } else {
    if (mark > 0)
      g_string_append_c (c->path, '.');
    g_string_append (c->path, key);
  }
  return mark;
}

gsize
plenum_checker_enter_index (PlenumChecker *c, guint index)
{
  gsize mark = c->path->len;

  g_string_append_printf (c->path, "[%u]", index);
  return mark;
}

void
plenum_checker_leave (PlenumChecker *c, gsize mark)
{
  g_string_truncate (c->path, mark);
}

void
plenum_checker_problem (PlenumChecker *c, const char *key, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);

  gsize mark = c->path->len;
  if (key != NULL)
    plenum_checker_enter (c, key);
  const char *path = c->path->len > 0 ? c->path->str : c->root_name;
  g_ptr_array_add (c->problems, g_strdup_printf ("%s: %s", path, message));
  plenum_checker_leave (c, mark);
}

static char *
join_keys (const char *const *keys)
{
  return g_strjoinv (", ", (char **) keys);
}

/* Reports a key that appears a second time in the same object; cJSON keeps both. */
static gboolean
is_repeated_key (PlenumChecker *c, const cJSON *object, const cJSON *child)
{
  for (const cJSON *earlier = object->child; earlier != child; earlier = earlier->next) {
    if (g_strcmp0 (earlier->string, child->string) == 0) {
      plenum_checker_problem (c, child->string, "is given more than once");
      return TRUE;
    }
  }
  return FALSE;
}

void
plenum_checker_check_keys (PlenumChecker *c, const cJSON *object, const char *const *keys)
{
  const cJSON *child;

  cJSON_ArrayForEach (child, object) {
    if (is_repeated_key (c, object, child) || g_strv_contains (keys, child->string))
      continue;
    g_autofree char *known = join_keys (keys);
    plenum_checker_problem (c, child->string, "unknown key (known keys: %s)", known);
  }
}

gboolean
plenum_checker_is_object (PlenumChecker *c, const cJSON *value)
{
  if (cJSON_IsObject (value))
    return TRUE;
  plenum_checker_problem (c, NULL, "must be an object");
  return FALSE;
}

const cJSON *
plenum_checker_enter_object (PlenumChecker *c, const cJSON *parent, const char *key,
                             const char *const *keys, gsize *mark)
{
  const cJSON *object = cJSON_GetObjectItemCaseSensitive (parent, key);

  *mark = plenum_checker_enter (c, key);
  if (object == NULL || !plenum_checker_is_object (c, object))
    return NULL;
  plenum_checker_check_keys (c, object, keys);
  return object;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Every key of every kind, sorted: what an object of unknown kind may have. */
static GPtrArray *
all_kind_keys (const PlenumKindSpec *specs)
{
  GPtrArray *keys = g_ptr_array_new ();  /* element-type utf8, transfer none */

  for (const PlenumKindSpec *spec = specs; spec->name != NULL; spec++)
    for (const char *const *key = spec->keys; *key != NULL; key++)
      if (!g_ptr_array_find_with_equal_func (keys, *key, g_str_equal, NULL))
        g_ptr_array_add (keys, (gpointer) *key);
  g_ptr_array_sort (keys, compare_strings);
  g_ptr_array_add (keys, NULL);
  return keys;
}

/* `every_key` is what all_kind_keys() returns for the specs; `spec` is NULL when the kind
 * itself is wrong, and then only keys no kind knows are reported, not to pile up problems. */
static void
check_kind_key (PlenumChecker *c, const char *key, const PlenumKindSpec *spec,
                const char *const *every_key, const char *noun)
{
  const char *const *known = spec != NULL ? spec->keys : every_key;

  if (g_strv_contains (known, key))
    return;
  if (spec != NULL && g_strcmp0 (key, spec->refused_key) == 0) {
    plenum_checker_problem (c, key, "%s", spec->refused_why);
    return;
  }
  g_autofree char *list = join_keys (known);
  if (spec != NULL && g_strv_contains (every_key, key))
    plenum_checker_problem (c, key, "not used by %s %s (known keys: %s)", spec->name, noun, list);
  else
    plenum_checker_problem (c, key, "unknown key (known keys: %s)", list);
}

const PlenumKindSpec *
plenum_checker_kind (PlenumChecker *c, const cJSON *object, const PlenumKindSpec *specs,
                     const char *noun)
{
  const PlenumKindSpec *spec = NULL;
  const char *name = plenum_checker_string (c, object, "kind", TRUE);

  for (const PlenumKindSpec *s = specs; name != NULL && s->name != NULL; s++)
    if (g_str_equal (s->name, name))
      spec = s;
  if (name != NULL && spec == NULL) {
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
    for (const PlenumKindSpec *s = specs; s->name != NULL; s++)
      g_strv_builder_add (builder, s->name);
    g_auto(GStrv) names = g_strv_builder_end (builder);
    g_autofree char *list = join_keys ((const char *const *) names);
    plenum_checker_problem (c, "kind", "must be one of: %s", list);
  }

  g_autoptr(GPtrArray) every_key = all_kind_keys (specs);
  const cJSON *child;
  cJSON_ArrayForEach (child, object)
    if (!is_repeated_key (c, object, child))
      check_kind_key (c, child->string, spec, (const char *const *) every_key->pdata, noun);
  return spec;
}

const cJSON *
plenum_checker_array (PlenumChecker *c, const cJSON *object, const char *key, gboolean required)
{
  const cJSON *array = cJSON_GetObjectItemCaseSensitive (object, key);

  if (array == NULL) {
    if (required)
      plenum_checker_problem (c, key, "is required");
    return NULL;
  }
  if (!cJSON_IsArray (array)) {
    plenum_checker_problem (c, key, "must be an array");
    return NULL;
  }
  if (required && cJSON_GetArraySize (array) == 0)
    plenum_checker_problem (c, key, "must not be empty");
  return array;
}

const char *
plenum_checker_string (PlenumChecker *c, const cJSON *object, const char *key, gboolean required)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, key);

  if (item == NULL) {
    if (required)
      plenum_checker_problem (c, key, "is required");
    return NULL;
  }
  if (!cJSON_IsString (item)) {
    plenum_checker_problem (c, key, "must be a string");
    return NULL;
  }
  if (item->valuestring[0] == '\0') {
    plenum_checker_problem (c, key, "must not be empty");
    return NULL;
  }
  return item->valuestring;
}

gboolean
plenum_checker_bool (PlenumChecker *c, const cJSON *object, const char *key, gboolean fallback)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, key);

  if (item == NULL)
    return fallback;
  if (!cJSON_IsBool (item)) {
    plenum_checker_problem (c, key, "must be true or false");
    return fallback;
  }
  return cJSON_IsTrue (item);
}

int
plenum_checker_int (PlenumChecker *c, const cJSON *object, const char *key, int fallback,
                    int min, int max)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, key);

  if (item == NULL)
    return fallback;
  /* The range test comes first so that the cast below cannot overflow. */
  if (!cJSON_IsNumber (item) || !(item->valuedouble >= min && item->valuedouble <= max) ||
      item->valuedouble != (int) item->valuedouble) {
    plenum_checker_problem (c, key, "must be an integer from %d to %d", min, max);
    return fallback;
  }
  return (int) item->valuedouble;
}

double
plenum_checker_number (PlenumChecker *c, const cJSON *object, const char *key, double fallback,
                       gboolean (*valid) (double value), const char *expected)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, key);

  if (item == NULL)
    return fallback;
  if (!cJSON_IsNumber (item) || !isfinite (item->valuedouble) || !valid (item->valuedouble)) {
    plenum_checker_problem (c, key, "%s", expected);
    return fallback;
  }
  return item->valuedouble;
}

int
plenum_checker_choice (PlenumChecker *c, const cJSON *object, const char *key, int fallback,
                       const char *const *choices)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, key);

  if (item == NULL) {
    if (fallback < 0)
      plenum_checker_problem (c, key, "is required");
    return fallback;
  }
  for (int i = 0; cJSON_IsString (item) && choices[i] != NULL; i++)
    if (g_str_equal (choices[i], item->valuestring))
      return i;
  g_autofree char *list = join_keys (choices);
  plenum_checker_problem (c, key, "must be one of: %s", list);
  return -1;
}

const char *
plenum_checker_id (PlenumChecker *c, const cJSON *object, GHashTable *seen,
                   const char *array_name, guint index)
{
  const char *id = plenum_checker_string (c, object, "id", TRUE);

  if (id == NULL)
    return NULL;
  if (!is_plain_key (id)) {
    plenum_checker_problem (c, "id", "must contain only letters, digits, '_' and '-'");
    return NULL;
  }
  guint first = GPOINTER_TO_UINT (g_hash_table_lookup (seen, id));
  if (first > 0) {
    plenum_checker_problem (c, "id", "\"%s\" is already the id of %s[%u]", id, array_name,
                            first - 1);
    return NULL;
  }
  g_hash_table_insert (seen, (gpointer) id, GUINT_TO_POINTER (index + 1));
  return id;
}

static gboolean
has_scheme (const char *url, const char *scheme)
{
  gsize length = strlen (scheme);

  return g_ascii_strncasecmp (url, scheme, length) == 0 && g_str_has_prefix (url + length, "://");
}

char *
plenum_checker_url (PlenumChecker *c, const cJSON *object, const char *key, gboolean required,
                    const char *const *schemes)
{
  const char *url = plenum_checker_string (c, object, key, required);
  gboolean known_scheme = FALSE;

  if (url == NULL)
    return NULL;
  for (const char *const *scheme = schemes; *scheme != NULL; scheme++)
    known_scheme = known_scheme || has_scheme (url, *scheme);
  if (!known_scheme) {
    g_autofree char *list = g_strjoinv (":// or ", (char **) schemes);
    plenum_checker_problem (c, key, "must start with %s://", list);
    return NULL;
  }
  /* GLib's own message would quote the URL, and a URL may carry a stream key. */
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL) {
    plenum_checker_problem (c, key, "is not a valid URL");
    return NULL;
  }
  if (g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0') {
    plenum_checker_problem (c, key, "must name a host after the ://");
    return NULL;
  }
  return g_strdup (url);
}

char *
plenum_checker_srt_uri (PlenumChecker *c, const cJSON *object, const char *key,
                        const char *const *modes)
{
  static const char *const srt_scheme[] = { "srt", NULL };
  g_autofree char *text = plenum_checker_url (c, object, key, TRUE, srt_scheme);

  if (text == NULL)
    return NULL;
  g_autoptr(GUri) uri = g_uri_parse (text, G_URI_FLAGS_ENCODED, NULL);
  if (g_uri_get_port (uri) <= 0) {
    plenum_checker_problem (c, key, "must have a port, as in srt://127.0.0.1:9710");
    return NULL;
  }
  const char *query = g_uri_get_query (uri);
  g_autoptr(GHashTable) params = NULL;
  if (query != NULL) {
    params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
    if (params == NULL) {
      plenum_checker_problem (c, key, "has an invalid query after the ?");
      return NULL;
    }
    if (g_hash_table_contains (params, "passphrase")) {
      plenum_checker_problem (c, key, "must not hold the passphrase: use passphrase_env");
      return NULL;
    }
  }
  const char *mode = params != NULL ? g_hash_table_lookup (params, "mode") : NULL;
  if (mode != NULL && !g_strv_contains (modes, mode)) {
    g_autofree char *list = join_keys (modes);
    plenum_checker_problem (c, key, "mode must be one of: %s", list);
    return NULL;
  }
  if (mode != NULL)
    return g_steal_pointer (&text);
  return g_strdup_printf ("%s%smode=%s", text, query != NULL ? "&" : "?", modes[0]);
}

char *
plenum_checker_listen (PlenumChecker *c, const cJSON *object, const char *key,
                       const char *fallback)
{
  const char *listen = plenum_checker_string (c, object, key, fallback == NULL);
  guint64 port = 0;

  if (listen == NULL)
    return cJSON_GetObjectItemCaseSensitive (object, key) ? NULL : g_strdup (fallback);
  const char *colon = strrchr (listen, ':');
  if (colon == NULL || colon == listen ||
      !g_ascii_string_to_unsigned (colon + 1, 10, 1, 65535, &port, NULL)) {
    plenum_checker_problem (c, key, "must be \"host:port\" with a port from 1 to 65535");
    return NULL;
  }
  return g_strdup (listen);
}

char *
plenum_checker_path (PlenumChecker *c, const cJSON *object, const char *key, gboolean required,
                     PlenumPathKind kind)
{
  const char *given = plenum_checker_string (c, object, key, required);

  if (given == NULL)
    return NULL;
  g_autofree char *path = g_canonicalize_filename (given, c->base_dir);
  g_autofree char *quoted = plenum_checker_quote (path);
  gboolean exists = g_file_test (path, G_FILE_TEST_EXISTS);
  gboolean is_dir = g_file_test (path, G_FILE_TEST_IS_DIR);

  if (kind == PLENUM_PATH_EXISTING_FILE && !exists) {
    plenum_checker_problem (c, key, "file %s does not exist", quoted);
    return NULL;
  }
  if (kind == PLENUM_PATH_EXISTING_FILE && is_dir) {
    plenum_checker_problem (c, key, "%s is a directory, not a file", quoted);
    return NULL;
  }
  if (kind == PLENUM_PATH_DIRECTORY && exists && !is_dir) {
    plenum_checker_problem (c, key, "%s exists and is not a directory", quoted);
    return NULL;
  }
  return g_steal_pointer (&path);
}

static gboolean
is_env_name (const char *name)
{
  if (!g_ascii_isalpha (name[0]) && name[0] != '_')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

char *
plenum_checker_secret (PlenumChecker *c, const cJSON *object, const char *key, gboolean required,
                       const char **env_name)
{
  const char *name = plenum_checker_string (c, object, key, required);

  if (env_name != NULL)
    *env_name = NULL;
  if (name == NULL)
    return NULL;
  /* Someone may paste the key itself here: never echo something that is not a name. */
  if (!is_env_name (name)) {
    plenum_checker_problem (c, key, "must name an environment variable (letters, digits and '_'),"
                                    " not hold the secret itself");
    return NULL;
  }
  if (env_name != NULL)
    *env_name = name;
  const char *value = g_getenv (name);
  if (value == NULL || value[0] == '\0') {
    plenum_checker_problem (c, key, "environment variable %s is %s", name,
                            value == NULL ? "not set" : "empty");
    return NULL;
  }
  return g_strdup (value);
}

char *
plenum_checker_srt_passphrase (PlenumChecker *c, const cJSON *object)
{
  const char *env_name = NULL;
  g_autofree char *passphrase = plenum_checker_secret (c, object, "passphrase_env", FALSE,
                                                       &env_name);
  gsize length = passphrase != NULL ? strlen (passphrase) : 0;

  /* libsrt refuses other lengths only when the connection starts; say it now. */
  if (passphrase != NULL && (length < 10 || length > 79)) {
    plenum_checker_problem (c, "passphrase_env", "environment variable %s must hold 10 to 79 "
                            "characters (an SRT passphrase)", env_name);
    return NULL;
  }
  return g_steal_pointer (&passphrase);
}

void
plenum_checker_string_list (PlenumChecker *c, const cJSON *object, const char *key,
                            GPtrArray *into)
{
  const cJSON *array = plenum_checker_array (c, object, key, FALSE);
  gsize mark = plenum_checker_enter (c, key);
  const cJSON *item;
  guint index = 0;

  cJSON_ArrayForEach (item, array) {
    const char *text = cJSON_GetStringValue (item);
    if (text != NULL && text[0] != '\0') {
      g_ptr_array_add (into, g_strdup (text));
    } else {
      gsize element_mark = plenum_checker_enter_index (c, index);
      plenum_checker_problem (c, NULL, "must be a non-empty string");
      plenum_checker_leave (c, element_mark);
    }
    index++;
  }
  plenum_checker_leave (c, mark);
}

/* show_sources.c — the "sources" section of a show file: cameras, files, feeds.
 *
 * Local files are resolved and checked here, so that a typo in a path is reported by
 * `plenum check` and not as a slate in the middle of a show.
 */
#include "show_private.h"

#include <string.h>

static const char *const test_source_keys[] = {
  "id", "kind", "label", "pattern", "text", "tone_hz", NULL
};
static const char *const uri_source_keys[] = { "id", "kind", "label", "loop", "uri", NULL };
static const char *const srt_source_keys[] = {
  "id", "kind", "label", "passphrase_env", "uri", NULL
};
static const char *const rtmp_source_keys[] = { "id", "kind", "label", "uri", NULL };
static const char *const v4l2_source_keys[] = { "device", "id", "kind", "label", NULL };

static const PlenumKindSpec source_kinds[] = {
  { "test", PLENUM_SOURCE_TEST, test_source_keys, NULL, NULL },
  { "uri", PLENUM_SOURCE_URI, uri_source_keys, NULL, NULL },
  { "srt", PLENUM_SOURCE_SRT, srt_source_keys, NULL, NULL },
  { "rtmp", PLENUM_SOURCE_RTMP, rtmp_source_keys, NULL, NULL },
  { "v4l2", PLENUM_SOURCE_V4L2, v4l2_source_keys, NULL, NULL },
  { NULL, 0, NULL, NULL, NULL }
};

/* The nicks of videotestsrc's "pattern" property, as GStreamer 1.22 lists them, and Plenum's
 * flash-and-beep pattern (pipelines/sync_pattern.h). */
static const char *const test_patterns[] = {
  "smpte", "snow", "black", "white", "red", "green", "blue", "checkers-1", "checkers-2",
  "checkers-4", "checkers-8", "circular", "blink", "smpte75", "zone-plate", "gamut",
  "chroma-zone-plate", "solid-color", "ball", "smpte100", "bar", "pinwheel", "spokes",
  "gradient", "colors", "smpte-rp-219", PLENUM_SYNC_PATTERN, NULL
};

static const char *const srt_source_modes[] = { "caller", "listener", "rendezvous", NULL };
static const char *const rtmp_schemes[] = { "rtmp", "rtmps", NULL };

void
plenum_source_config_free (gpointer data)
{
  PlenumSourceConfig *source = data;

  g_free (source->id);
  g_free (source->label);
  g_free (source->pattern);
  g_free (source->text);
  g_free (source->uri);
  g_free (source->device);
  g_free (source->passphrase);
  g_free (source);
}

/* A file: URI, or a path, becomes an absolute file:// URI of a file that exists. */
static char *
resolve_file_uri (PlenumChecker *c, const char *key, const char *path)
{
  g_autofree char *absolute = g_canonicalize_filename (path, c->base_dir);

  if (!g_file_test (absolute, G_FILE_TEST_EXISTS)) {
    g_autofree char *quoted = plenum_checker_quote (absolute);
    plenum_checker_problem (c, key, "file %s does not exist", quoted);
    return NULL;
  }
  if (g_file_test (absolute, G_FILE_TEST_IS_DIR)) {
    g_autofree char *quoted = plenum_checker_quote (absolute);
    plenum_checker_problem (c, key, "%s is a directory, not a file", quoted);
    return NULL;
  }
  return g_filename_to_uri (absolute, NULL, NULL);
}

/* Anything uridecodebin plays is fine; only local files are checked here. */
static char *
check_media_uri (PlenumChecker *c, const cJSON *object, const char *key)
{
  const char *text = plenum_checker_string (c, object, key, TRUE);

  if (text == NULL)
    return NULL;
  if (!g_uri_is_valid (text, G_URI_FLAGS_NONE, NULL))
    return resolve_file_uri (c, key, text);  /* not a URI: a path */
  if (g_ascii_strcasecmp (g_uri_peek_scheme (text), "file") != 0)
    return g_strdup (text);

  g_autofree char *host = NULL;
  g_autofree char *path = g_filename_from_uri (text, &host, NULL);
  if (path == NULL) {
    /* "file:slides.mp4": a relative path, which g_filename_from_uri refuses. */
    g_autofree char *relative = g_uri_unescape_string (text + strlen ("file:"), NULL);
    if (relative == NULL || relative[0] == '\0') {
      plenum_checker_problem (c, key, "is not a valid file URI");
      return NULL;
    }
    return resolve_file_uri (c, key, relative);
  }
  if (host != NULL && g_ascii_strcasecmp (host, "localhost") != 0) {
    plenum_checker_problem (c, key, "must be a local file (a file URI without a host)");
    return NULL;
  }
  return resolve_file_uri (c, key, path);
}

static void
check_source_of_kind (PlenumChecker *c, const cJSON *object, PlenumSourceConfig *source)
{
  switch (source->kind) {
  case PLENUM_SOURCE_TEST: {
    int pattern = plenum_checker_choice (c, object, "pattern", 0, test_patterns);
    source->pattern = g_strdup (test_patterns[MAX (pattern, 0)]);
    source->text = g_strdup (plenum_checker_string (c, object, "text", FALSE));
    source->tone_hz = plenum_checker_int (c, object, "tone_hz", 440, 0, 20000);
    break;
  }
  case PLENUM_SOURCE_URI:
    source->uri = check_media_uri (c, object, "uri");
    source->loop = plenum_checker_bool (c, object, "loop", FALSE);
    break;
  case PLENUM_SOURCE_SRT:
    source->uri = plenum_checker_srt_uri (c, object, "uri", srt_source_modes);
    source->passphrase = plenum_checker_srt_passphrase (c, object);
    break;
  case PLENUM_SOURCE_RTMP:
    source->uri = plenum_checker_url (c, object, "uri", TRUE, rtmp_schemes);
    break;
  case PLENUM_SOURCE_V4L2:
    source->device = g_strdup (plenum_checker_string (c, object, "device", TRUE));
    if (source->device != NULL && !g_str_has_prefix (source->device, "/dev/")) {
      plenum_checker_problem (c, "device", "must start with /dev/");
      g_clear_pointer (&source->device, g_free);
    }
    break;
  }
}

void
plenum_show_check_sources (PlenumChecker *c, const cJSON *root, PlenumShow *show)
{
  const cJSON *sources = plenum_checker_array (c, root, "sources", TRUE);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gsize mark = plenum_checker_enter (c, "sources");
  const cJSON *object;
  guint index = 0;

  cJSON_ArrayForEach (object, sources) {
    gsize element_mark = plenum_checker_enter_index (c, index);
    if (plenum_checker_is_object (c, object)) {
      PlenumSourceConfig *source = g_new0 (PlenumSourceConfig, 1);
      source->id = g_strdup (plenum_checker_id (c, object, seen, "sources", index));
      const PlenumKindSpec *kind = plenum_checker_kind (c, object, source_kinds, "sources");
      const char *label = plenum_checker_string (c, object, "label", FALSE);
      source->label = g_strdup (label != NULL ? label : source->id);
      if (kind != NULL) {
        source->kind = kind->kind;
        check_source_of_kind (c, object, source);
      }
      g_ptr_array_add (show->sources, source);
    }
    plenum_checker_leave (c, element_mark);
    index++;
  }
  plenum_checker_leave (c, mark);
}

const char *
plenum_checker_source_id (PlenumChecker *c, const cJSON *object, const char *key,
                          gboolean required, const PlenumShow *show)
{
  const char *id = plenum_checker_string (c, object, key, required);

  if (id != NULL && plenum_show_find_source (show, id) == NULL) {
    g_autofree char *quoted = plenum_checker_quote (id);
    plenum_checker_problem (c, key, "no source has the id %s", quoted);
    return NULL;
  }
  return id;
}

const char *
plenum_source_kind_to_string (PlenumSourceKind kind)
{
  for (const PlenumKindSpec *spec = source_kinds; spec->name != NULL; spec++)
    if (spec->kind == (int) kind)
      return spec->name;
  g_return_val_if_reached (NULL);
}

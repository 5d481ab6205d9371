/* show_outputs.c — the "outputs" section of a show file: where the program goes.
 *
 * Stream keys and SRT passphrases are read from the environment here; they end up only in
 * PlenumOutputConfig.secret, never in a problem message.
 */
#include "show_private.h"

static const char *const rtmp_output_keys[] = {
  "id", "key_env", "kind", "tls_ca_file", "tls_verify", "url", NULL
};
static const char *const youtube_output_keys[] = { "backup", "id", "key_env", "kind", NULL };
static const char *const facebook_output_keys[] = { "id", "key_env", "kind", NULL };
static const char *const srt_output_keys[] = { "id", "kind", "passphrase_env", "uri", NULL };
static const char *const record_output_keys[] = { "dir", "id", "kind", NULL };

static const PlenumKindSpec output_kinds[] = {
  { "rtmp", PLENUM_OUTPUT_RTMP, rtmp_output_keys, NULL, NULL },
  { "youtube", PLENUM_OUTPUT_YOUTUBE, youtube_output_keys,
    "url", "YouTube accepts only its RTMPS preset; use an output of kind rtmp for another "
           "server" },
  { "facebook", PLENUM_OUTPUT_FACEBOOK, facebook_output_keys,
    "url", "Facebook accepts only its RTMPS preset; use an output of kind rtmp for another "
           "server" },
  { "srt", PLENUM_OUTPUT_SRT, srt_output_keys, NULL, NULL },
  { "record", PLENUM_OUTPUT_RECORD, record_output_keys, NULL, NULL },
  { NULL, 0, NULL, NULL, NULL }
};

static const char *const rtmp_schemes[] = { "rtmp", "rtmps", NULL };
static const char *const srt_output_modes[] = { "caller", "listener", NULL };

void
plenum_output_config_free (gpointer data)
{
  PlenumOutputConfig *output = data;

  g_free (output->id);
  g_free (output->url);
  g_free (output->key_env);
  g_free (output->secret);
  g_free (output->uri);
  g_free (output->dir);
  g_free (output->tls_ca_file);
  g_free (output);
}

const char *
plenum_output_kind_to_string (PlenumOutputKind kind)
{
  for (const PlenumKindSpec *spec = output_kinds; spec->name != NULL; spec++)
    if (spec->kind == (int) kind)
      return spec->name;
  g_return_val_if_reached (NULL);
}

static void
check_stream_key (PlenumChecker *c, const cJSON *object, PlenumOutputConfig *output)
{
  const char *key_env = NULL;

  output->secret = plenum_checker_secret (c, object, "key_env", TRUE, &key_env);
  output->key_env = g_strdup (key_env);
}

static void
check_output_of_kind (PlenumChecker *c, const cJSON *object, PlenumOutputConfig *output)
{
  switch (output->kind) {
  case PLENUM_OUTPUT_RTMP:
    output->url = plenum_checker_url (c, object, "url", TRUE, rtmp_schemes);
    check_stream_key (c, object, output);
    output->tls_ca_file = plenum_checker_path (c, object, "tls_ca_file", FALSE,
                                               PLENUM_PATH_EXISTING_FILE);
    output->tls_verify = plenum_checker_bool (c, object, "tls_verify", TRUE);
    break;
  case PLENUM_OUTPUT_YOUTUBE:
    check_stream_key (c, object, output);
    output->backup = plenum_checker_bool (c, object, "backup", FALSE);
    break;
  case PLENUM_OUTPUT_FACEBOOK:
    check_stream_key (c, object, output);
    break;
  case PLENUM_OUTPUT_SRT:
    output->uri = plenum_checker_srt_uri (c, object, "uri", srt_output_modes);
    output->secret = plenum_checker_srt_passphrase (c, object);
    break;
  case PLENUM_OUTPUT_RECORD:
    output->dir = plenum_checker_path (c, object, "dir", TRUE, PLENUM_PATH_DIRECTORY);
    break;
  }
}

void
plenum_show_check_outputs (PlenumChecker *c, const cJSON *root, PlenumShow *show)
{
  const cJSON *outputs = plenum_checker_array (c, root, "outputs", FALSE);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gsize mark = plenum_checker_enter (c, "outputs");
  int first_record = -1;
  const cJSON *object;
  guint index = 0;

  cJSON_ArrayForEach (object, outputs) {
    gsize element_mark = plenum_checker_enter_index (c, index);
    if (plenum_checker_is_object (c, object)) {
      PlenumOutputConfig *output = g_new0 (PlenumOutputConfig, 1);
      output->id = g_strdup (plenum_checker_id (c, object, seen, "outputs", index));
      output->tls_verify = TRUE;
      const PlenumKindSpec *kind = plenum_checker_kind (c, object, output_kinds, "outputs");
      if (kind != NULL) {
        output->kind = kind->kind;
        check_output_of_kind (c, object, output);
      }
      /* Two recorders would write two copies of every run into the same folders. */
      if (kind != NULL && output->kind == PLENUM_OUTPUT_RECORD && first_record >= 0)
        plenum_checker_problem (c, "kind", "only one record output is allowed (outputs[%d] is "
                                           "one already)", first_record);
      else if (kind != NULL && output->kind == PLENUM_OUTPUT_RECORD)
        first_record = (int) index;
      g_ptr_array_add (show->outputs, output);
    }
    plenum_checker_leave (c, element_mark);
    index++;
  }
  plenum_checker_leave (c, mark);
}

/* show.c — reads a show file into a PlenumShow and checks every section of it.
 *
 * One function per section, in the order of the CONTRACT example; sources and outputs have
 * files of their own, and the getters they all use are in show_checker.c.
 */
#include "show_private.h"

#include "captions/cue_file.h"
#include "studio/listen_address.h"

#include <errno.h>
#include <gio/gio.h>
#include <stdio.h>
#include <string.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

/* A show file is a few kilobytes; the cap keeps `plenum check /dev/zero` from eating memory. */
#define MAX_SHOW_FILE_BYTES (16 * 1024 * 1024)

/* ---- video and audio ------------------------------------------------------------------ */

static const char *const speed_presets[] = {
  "ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow",
  "placebo", NULL
};

static int
even_int (PlenumChecker *c, const cJSON *object, const char *key, int fallback, int min, int max)
{
  int value = plenum_checker_int (c, object, key, fallback, min, max);

  if (value % 2 != 0) {
    plenum_checker_problem (c, key, "must be even (the encoder works on 2x2 blocks)");
    return fallback;
  }
  return value;
}

static void
check_video (PlenumChecker *c, const cJSON *root, PlenumShow *show)
{
  static const char *const keys[] = {
    "bitrate_kbps", "fps", "height", "keyframe_s", "speed_preset", "width", NULL
  };
  gsize mark;
  const cJSON *video = plenum_checker_enter_object (c, root, "video", keys, &mark);

  show->width = even_int (c, video, "width", 1280, 160, 3840);
  show->height = even_int (c, video, "height", 720, 120, 2160);
  show->fps = plenum_checker_int (c, video, "fps", 30, 1, 60);
  show->video_bitrate_kbps = plenum_checker_int (c, video, "bitrate_kbps", 4500, 300, 50000);
  show->keyframe_s = plenum_checker_int (c, video, "keyframe_s", 2, 1, 10);
  int preset = plenum_checker_choice (c, video, "speed_preset", 2, speed_presets);
  show->speed_preset = g_strdup (speed_presets[preset >= 0 ? preset : 2]);
  plenum_checker_leave (c, mark);
}

static void
check_audio (PlenumChecker *c, const cJSON *root, PlenumShow *show)
{
  static const char *const keys[] = { "bitrate_kbps", "channels", "rate", NULL };
  gsize mark;
  const cJSON *audio = plenum_checker_enter_object (c, root, "audio", keys, &mark);
  const cJSON *rate = cJSON_GetObjectItemCaseSensitive (audio, "rate");

  /* Two values only, so the message names them rather than a range. */
  show->audio_rate = 48000;
  if (rate != NULL && cJSON_IsNumber (rate) &&
      (rate->valuedouble == 44100 || rate->valuedouble == 48000))
    show->audio_rate = (int) rate->valuedouble;
  else if (rate != NULL)
    plenum_checker_problem (c, "rate", "must be 44100 or 48000");
  show->audio_channels = plenum_checker_int (c, audio, "channels", 2, 1, 2);
  show->audio_bitrate_kbps = plenum_checker_int (c, audio, "bitrate_kbps", 128, 32, 512);
  plenum_checker_leave (c, mark);
}

/* ---- interpreter and scenes ----------------------------------------------------------- */

static const char *const corners[] = {  /* in the order of PlenumCorner */
  "bottom-right", "bottom-left", "top-right", "top-left", NULL
};

static gboolean
is_height_pct (double value)
{
  return value > 0 && value <= 100;
}

static gboolean
is_margin_pct (double value)
{
  return value >= 0 && value < 50;
}

static const char height_pct_expected[] = "must be a number greater than 0 and at most 100";

static void
check_interpreter (PlenumChecker *c, const cJSON *root, PlenumShow *show)
{
  static const char *const keys[] = {
    "audio", "corner", "height_pct", "margin_pct", "source", "visible", NULL
  };
  PlenumInterpreterConfig *interpreter = &show->interpreter;
  gsize mark;
  const cJSON *object = plenum_checker_enter_object (c, root, "interpreter", keys, &mark);

  interpreter->present = object != NULL;
  if (object != NULL)
    interpreter->source = g_strdup (plenum_checker_source_id (c, object, "source", TRUE, show));
  interpreter->corner = MAX (plenum_checker_choice (c, object, "corner", 0, corners), 0);
  interpreter->height_pct = plenum_checker_number (c, object, "height_pct", 40, is_height_pct,
                                                   height_pct_expected);
  interpreter->margin_pct = plenum_checker_number (c, object, "margin_pct", 3, is_margin_pct,
                                                   "must be a number at least 0 and below 50");
  interpreter->audio = plenum_checker_bool (c, object, "audio", FALSE);
  interpreter->visible = plenum_checker_bool (c, object, "visible", TRUE);
  plenum_checker_leave (c, mark);
}

static void
scene_config_free (gpointer data)
{
  PlenumSceneConfig *scene = data;

  g_free (scene->id);
  g_free (scene->main);
  g_free (scene->inset);
  g_free (scene);
}

static PlenumSceneConfig *
scene_config_new (const char *id, const char *main, const PlenumShow *show)
{
  PlenumSceneConfig *scene = g_new0 (PlenumSceneConfig, 1);
  gboolean interpreter_top_left =
    show->interpreter.present && show->interpreter.corner == PLENUM_CORNER_TOP_LEFT;

  scene->id = g_strdup (id);
  scene->main = g_strdup (main);
  /* The inset goes where the interpreter is not. */
  scene->inset_corner = interpreter_top_left ? PLENUM_CORNER_TOP_RIGHT : PLENUM_CORNER_TOP_LEFT;
  scene->inset_height_pct = 30;
  return scene;
}

static void
check_scene (PlenumChecker *c, const cJSON *object, GHashTable *seen, guint index,
             PlenumShow *show)
{
  static const char *const keys[] = {
    "id", "inset", "inset_corner", "inset_height_pct", "main", NULL
  };
  static const char *const inset_keys[] = { "inset_corner", "inset_height_pct", NULL };
  plenum_checker_check_keys (c, object, keys);
  const char *id = plenum_checker_id (c, object, seen, "scenes", index);
  const char *main = plenum_checker_source_id (c, object, "main", TRUE, show);
  PlenumSceneConfig *scene = scene_config_new (id, main, show);
  const char *inset = plenum_checker_source_id (c, object, "inset", FALSE, show);

  if (inset != NULL && g_strcmp0 (inset, main) == 0) {
    plenum_checker_problem (c, "inset", "must be another source than main");
    inset = NULL;
  }
  scene->inset = g_strdup (inset);
  if (!cJSON_HasObjectItem (object, "inset")) {
    for (const char *const *key = inset_keys; *key != NULL; key++)
      if (cJSON_HasObjectItem (object, *key))
        plenum_checker_problem (c, *key, "is only used with an inset");
  }
  scene->inset_corner = MAX (plenum_checker_choice (c, object, "inset_corner",
                                                    (int) scene->inset_corner, corners), 0);
  scene->inset_height_pct = plenum_checker_number (c, object, "inset_height_pct", 30,
                                                   is_height_pct, height_pct_expected);
  g_ptr_array_add (show->scenes, scene);
}

static void
check_scenes (PlenumChecker *c, const cJSON *root, PlenumShow *show)
{
  const cJSON *scenes = plenum_checker_array (c, root, "scenes", FALSE);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const cJSON *object;
  guint index = 0;

  if (!cJSON_HasObjectItem (root, "scenes")) {
    for (guint i = 0; i < show->sources->len; i++) {
      const PlenumSourceConfig *source = g_ptr_array_index (show->sources, i);
      g_ptr_array_add (show->scenes, scene_config_new (source->id, source->id, show));
    }
  } else if (scenes != NULL && cJSON_GetArraySize (scenes) == 0) {
    plenum_checker_problem (c, "scenes", "must not be empty (leave it out to get one scene per "
                                         "source)");
  }

  gsize mark = plenum_checker_enter (c, "scenes");
  cJSON_ArrayForEach (object, scenes) {
    gsize element_mark = plenum_checker_enter_index (c, index);
    if (plenum_checker_is_object (c, object))
      check_scene (c, object, seen, index, show);
    plenum_checker_leave (c, element_mark);
    index++;
  }
  plenum_checker_leave (c, mark);

  const char *start = plenum_checker_string (c, root, "start_scene", FALSE);
  if (start != NULL && plenum_show_find_scene (show, start) == NULL) {
    g_autofree char *quoted = plenum_checker_quote (start);
    plenum_checker_problem (c, "start_scene", "no scene has the id %s", quoted);
  } else if (start == NULL && show->scenes->len > 0) {
    start = ((PlenumSceneConfig *) g_ptr_array_index (show->scenes, 0))->id;
  }
  show->start_scene = g_strdup (start);
}

static gboolean
is_not_negative (double value)
{
  return value >= 0;
}

/* ---- captions ------------------------------------------------------------------------- */

static const char *const file_input_keys[] = { "kind", "path", NULL };
static const char *const tcp_input_keys[] = { "allow", "kind", "listen", NULL };
static const char *const asr_input_keys[] = {
  "dictionary", "engine", "kind", "language", "language_model", "source", "url", NULL
};

static const PlenumKindSpec caption_input_kinds[] = {
  { "file", PLENUM_CAPTION_INPUT_FILE, file_input_keys, NULL, NULL },
  { "tcp", PLENUM_CAPTION_INPUT_TCP, tcp_input_keys, NULL, NULL },
  { "asr", PLENUM_CAPTION_INPUT_ASR, asr_input_keys, NULL, NULL },
  { NULL, 0, NULL, NULL, NULL }
};

static const char *const asr_engines[] = { "pocketsphinx", "whisper-server", NULL };
static const char *const http_schemes[] = { "http", "https", NULL };

static void
caption_input_free (gpointer data)
{
  PlenumCaptionInputConfig *input = data;

  g_free (input->path);
  g_free (input->listen);
  g_strfreev (input->allow);
  g_free (input->engine);
  g_free (input->source);
  g_free (input->url);
  g_free (input->language);
  g_free (input->language_model);
  g_free (input->dictionary);
  g_free (input);
}

/* A tcp input's "allow": addresses or networks. The captioner's port has no password, so
 * beyond loopback it must say who may connect. (transfer full), NULL without a list. */
static GStrv
check_captioner_allow (PlenumChecker *c, const cJSON *object, const char *listen)
{
  g_autoptr (GPtrArray) allow = g_ptr_array_new_with_free_func (g_free);
  gsize mark;

  plenum_checker_string_list (c, object, "allow", allow);
  mark = plenum_checker_enter (c, "allow");
  for (guint i = 0; i < allow->len; i++) {
    g_autoptr (GInetAddressMask) mask =
        g_inet_address_mask_new_from_string (g_ptr_array_index (allow, i), NULL);
    if (mask == NULL) {
      gsize element_mark = plenum_checker_enter_index (c, i);
      plenum_checker_problem (c, NULL, "\"%s\" is not an address or a network such as "
                              "10.8.0.0/24", (char *) g_ptr_array_index (allow, i));
      plenum_checker_leave (c, element_mark);
    }
  }
  plenum_checker_leave (c, mark);
  if (listen != NULL && allow->len == 0 && !plenum_listen_address_is_loopback (listen))
    plenum_checker_problem (c, "listen", "%s is not a loopback address, and the captioner's "
                            "port has no password: list the captioners' addresses in allow "
                            "(e.g. the VPN's, \"10.8.0.0/24\"), or keep it on 127.0.0.1 and "
                            "tunnel (ssh -L 9720:127.0.0.1:9720)", listen);
  if (allow->len == 0)
    return NULL;
  g_ptr_array_add (allow, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&allow), FALSE);
}

static void
check_caption_input (PlenumChecker *c, const cJSON *object, PlenumShow *show)
{
  const PlenumKindSpec *kind =
    plenum_checker_kind (c, object, caption_input_kinds, "caption inputs");
  PlenumCaptionInputConfig *input;

  if (kind == NULL)
    return;
  input = g_new0 (PlenumCaptionInputConfig, 1);
  input->kind = kind->kind;
  switch (input->kind) {
  case PLENUM_CAPTION_INPUT_FILE:
    input->path = plenum_checker_path (c, object, "path", TRUE, PLENUM_PATH_EXISTING_FILE);
    /* A bad time stamp on line 700 must show up in `plenum check`, not mid-session. */
    if (input->path) {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) cues = plenum_cue_file_load (input->path, &error);
      if (cues == NULL)
        plenum_checker_problem (c, "path", "%s", error->message);
    }
    break;
  case PLENUM_CAPTION_INPUT_TCP:
    input->listen = plenum_checker_listen (c, object, "listen", NULL);
    input->allow = check_captioner_allow (c, object, input->listen);
    break;
  case PLENUM_CAPTION_INPUT_ASR: {
    int engine = plenum_checker_choice (c, object, "engine", -1, asr_engines);
    input->engine = engine >= 0 ? g_strdup (asr_engines[engine]) : NULL;
    input->source = g_strdup (plenum_checker_source_id (c, object, "source", TRUE, show));
    if (g_strcmp0 (input->engine, "whisper-server") == 0) {
      input->url = plenum_checker_url (c, object, "url", TRUE, http_schemes);
      input->language = g_strdup (plenum_checker_string (c, object, "language", FALSE));
    } else if (input->engine != NULL) {
      if (cJSON_HasObjectItem (object, "url"))
        plenum_checker_problem (c, "url", "is only used with the whisper-server engine");
      input->language_model = plenum_checker_path (c, object, "language_model", FALSE,
                                                   PLENUM_PATH_EXISTING_FILE);
      input->dictionary = plenum_checker_path (c, object, "dictionary", FALSE,
                                               PLENUM_PATH_EXISTING_FILE);
    }
    break;
  }
  }
  g_ptr_array_add (show->captions.inputs, input);
}

static void
check_caption_archive (PlenumChecker *c, const cJSON *captions, PlenumCaptionsConfig *config)
{
  const cJSON *archive = plenum_checker_array (c, captions, "archive", FALSE);
  gsize mark = plenum_checker_enter (c, "archive");
  const cJSON *format;
  guint index = 0;

  if (archive != NULL)
    config->archive_vtt = config->archive_srt = FALSE;
  cJSON_ArrayForEach (format, archive) {
    const char *name = cJSON_GetStringValue (format);
    if (g_strcmp0 (name, "vtt") == 0)
      config->archive_vtt = TRUE;
    else if (g_strcmp0 (name, "srt") == 0)
      config->archive_srt = TRUE;
    else {
      gsize element_mark = plenum_checker_enter_index (c, index);
      plenum_checker_problem (c, NULL, "must be \"vtt\" or \"srt\"");
      plenum_checker_leave (c, element_mark);
    }
    index++;
  }
  plenum_checker_leave (c, mark);
}

static void
check_captions (PlenumChecker *c, const cJSON *root, PlenumShow *show)
{
  static const char *const keys[] = {
    "archive", "burn_in", "cea608", "demo_text", "inputs", "youtube_ingest_env", NULL
  };
  PlenumCaptionsConfig *config = &show->captions;
  gsize mark;
  const cJSON *captions = plenum_checker_enter_object (c, root, "captions", keys, &mark);
  const cJSON *inputs = plenum_checker_array (c, captions, "inputs", FALSE);
  const cJSON *object;
  guint index = 0;

  gsize inputs_mark = plenum_checker_enter (c, "inputs");
  cJSON_ArrayForEach (object, inputs) {
    gsize element_mark = plenum_checker_enter_index (c, index);
    if (plenum_checker_is_object (c, object))
      check_caption_input (c, object, show);
    plenum_checker_leave (c, element_mark);
    index++;
  }
  plenum_checker_leave (c, inputs_mark);

  config->burn_in = plenum_checker_bool (c, captions, "burn_in", TRUE);
  config->cea608 = plenum_checker_bool (c, captions, "cea608", TRUE);
  config->archive_vtt = config->archive_srt = TRUE;
  check_caption_archive (c, captions, config);
  config->demo_text = g_strdup (plenum_checker_string (c, captions, "demo_text", FALSE));
  {
    const char *env = NULL;
    config->youtube_ingest_url = plenum_checker_secret (c, captions, "youtube_ingest_env", FALSE,
                                                        &env);
    config->youtube_ingest_env = g_strdup (env);
  }
  plenum_checker_leave (c, mark);
}

/* ---- agenda, control ----------------------------------------------------------------- */

static void
check_agenda (PlenumChecker *c, const cJSON *root, PlenumShow *show)
{
  plenum_checker_string_list (c, root, "agenda", show->agenda);
}

static void
check_control (PlenumChecker *c, const cJSON *root, PlenumShow *show)
{
  static const char *const keys[] = { "listen", "token_env", NULL };
  gsize mark;
  const cJSON *control = plenum_checker_enter_object (c, root, "control", keys, &mark);
  const char *token_env = NULL;

  show->control.listen = plenum_checker_listen (c, control, "listen", "127.0.0.1:9740");
  show->control.token = plenum_checker_secret (c, control, "token_env", FALSE, &token_env);
  show->control.token_env = g_strdup (token_env);
  show->control.present = control != NULL;
  /* Anyone who can reach the port could cut the program: only loopback goes without a token. */
  if (show->control.listen && token_env == NULL && !plenum_listen_address_is_loopback (show->control.listen))
    plenum_checker_problem (c, "listen", "%s is not a loopback address; set control.token_env "
                            "to listen there", show->control.listen);
  plenum_checker_leave (c, mark);
}

/* ---- the whole show ------------------------------------------------------------------- */

static PlenumShow *
show_new (const char *base_dir)
{
  PlenumShow *show = g_new0 (PlenumShow, 1);

  show->base_dir = g_strdup (base_dir);
  show->sources = g_ptr_array_new_with_free_func (plenum_source_config_free);
  show->scenes = g_ptr_array_new_with_free_func (scene_config_free);
  show->captions.inputs = g_ptr_array_new_with_free_func (caption_input_free);
  show->outputs = g_ptr_array_new_with_free_func (plenum_output_config_free);
  show->agenda = g_ptr_array_new_with_free_func (g_free);
  return show;
}

static void
check_show (PlenumChecker *c, const cJSON *root, PlenumShow *show)
{
  static const char *const keys[] = {
    "agenda", "archive", "audio", "captions", "control", "interpreter", "name", "outputs", "questions",
    "scene_rotation_s", "scenes", "sources", "start_scene", "video", NULL
  };

  plenum_checker_check_keys (c, root, keys);
  show->name = g_strdup (plenum_checker_string (c, root, "name", TRUE));
  check_video (c, root, show);
  check_audio (c, root, show);
  plenum_show_check_sources (c, root, show);
  check_interpreter (c, root, show);
  check_scenes (c, root, show);
  show->scene_rotation_s = plenum_checker_number (c, root, "scene_rotation_s", 0,
                                                  is_not_negative, "must be a number, 0 or more");
  check_captions (c, root, show);
  plenum_show_check_outputs (c, root, show);
  plenum_show_check_questions (c, root, show);
  check_agenda (c, root, show);
  check_control (c, root, show);
  plenum_show_check_archive (c, root, show);
}

/* Line and column (in characters, from 1) of `offset` in valid UTF-8 `text`. */
static void
text_position (const char *text, gsize offset, int *line, int *column)
{
  const char *line_start = text;

  *line = 1;
  for (const char *p = text; p < text + offset; p++) {
    if (*p == '\n') {
      (*line)++;
      line_start = p + 1;
    }
  }
  *column = (int) g_utf8_strlen (line_start, text + offset - line_start) + 1;
}

/* `text` must have a NUL at text[length]. `name` names it in problems about the whole text. */
static PlenumShow *
parse_document (const char *text, gsize length, const char *base_dir, const char *name,
                GPtrArray *problems)
{
  const char *end = NULL;
  int line, column;

  if (g_str_has_prefix (text, "\xEF\xBB\xBF")) {  /* a byte order mark some editors add */
    text += 3;
    length -= 3;
  }
  /* This also catches a NUL inside a file, where cJSON would silently stop. */
  if (!g_utf8_validate (text, (gssize) length, &end)) {
    text_position (text, (gsize) (end - text), &line, &column);
    g_ptr_array_add (problems, g_strdup_printf ("%s: not valid UTF-8 at line %d, column %d",
                                                name, line, column));
    return NULL;
  }
  /* The length counts the NUL: cJSON wants to see it to know nothing follows the value.
   * `end` gets the position cJSON_GetErrorPtr() would give, without reading its global. */
  g_autoptr(cJSON) root = cJSON_ParseWithLengthOpts (text, length + 1, &end, TRUE);
  if (root == NULL) {
    gsize offset = end != NULL ? (gsize) MIN (end - text, (gssize) length) : 0;
    text_position (text, offset, &line, &column);
    g_ptr_array_add (problems, g_strdup_printf ("%s: invalid JSON at line %d, column %d%s", name,
                                                line, column,
                                                offset >= length ? " (unexpected end)" : ""));
    return NULL;
  }
  if (!cJSON_IsObject (root)) {
    g_ptr_array_add (problems, g_strdup_printf ("%s: must be a JSON object", name));
    return NULL;
  }

  guint problems_before = problems->len;
  g_autofree char *absolute_base = g_canonicalize_filename (base_dir != NULL ? base_dir : ".",
                                                            NULL);
  g_autoptr(GString) path = g_string_new (NULL);
  PlenumChecker checker = { problems, path, name, absolute_base };
  g_autoptr(PlenumShow) show = show_new (absolute_base);

  check_show (&checker, root, show);
  if (problems->len > problems_before)
    return NULL;
  return g_steal_pointer (&show);
}

PlenumShow *
plenum_show_parse (const char *json, const char *base_dir, GPtrArray *problems)
{
  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (problems != NULL, NULL);

  /* base_dir may be NULL: the current directory, convenient for tests and stdin. */
  return parse_document (json, strlen (json), base_dir, "show", problems);
}

/* Returns the contents (transfer full, NUL-terminated) or NULL with *reason set. */
static char *
read_show_file (const char *path, gsize *length, char **reason)
{
  FILE *file = fopen (path, "rb");
  char buffer[8192];
  size_t got;

  if (file == NULL) {
    *reason = g_strdup (g_strerror (errno));
    return NULL;
  }
  g_autoptr(GString) contents = g_string_new (NULL);
  while ((got = fread (buffer, 1, sizeof buffer, file)) > 0 &&
         contents->len <= MAX_SHOW_FILE_BYTES)
    g_string_append_len (contents, buffer, (gssize) got);
  int error = ferror (file) ? errno : 0;
  fclose (file);

  if (error != 0) {
    *reason = g_strdup (g_strerror (error));
    return NULL;
  }
  if (contents->len > MAX_SHOW_FILE_BYTES) {
    *reason = g_strdup_printf ("larger than %d MiB, too large for a show file",
                               MAX_SHOW_FILE_BYTES / (1024 * 1024));
    return NULL;
  }
  *length = contents->len;
  return g_string_free (g_steal_pointer (&contents), FALSE);
}

PlenumShow *
plenum_show_load_file (const char *path, GPtrArray *problems)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (problems != NULL, NULL);

  g_autofree char *reason = NULL;
  gsize length = 0;
  g_autofree char *contents = read_show_file (path, &length, &reason);
  if (contents == NULL) {
    g_ptr_array_add (problems, g_strdup_printf ("%s: cannot read: %s", path, reason));
    return NULL;
  }
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *base_dir = g_path_get_dirname (absolute);
  return parse_document (contents, length, base_dir, path, problems);
}

void
plenum_show_free (PlenumShow *show)
{
  if (show == NULL)
    return;
  g_free (show->name);
  g_free (show->base_dir);
  g_free (show->speed_preset);
  g_clear_pointer (&show->sources, g_ptr_array_unref);
  g_free (show->interpreter.source);
  g_clear_pointer (&show->scenes, g_ptr_array_unref);
  g_free (show->start_scene);
  g_clear_pointer (&show->captions.inputs, g_ptr_array_unref);
  g_free (show->captions.demo_text);
  g_free (show->captions.youtube_ingest_env);
  g_free (show->captions.youtube_ingest_url);
  g_clear_pointer (&show->outputs, g_ptr_array_unref);

  plenum_show_clear_questions (&show->questions);

  g_clear_pointer (&show->agenda, g_ptr_array_unref);
  plenum_show_clear_archive (&show->archive);
  g_free (show->control.listen);
  g_free (show->control.token_env);
  g_free (show->control.token);
  g_free (show);
}

const PlenumSourceConfig *
plenum_show_find_source (const PlenumShow *show, const char *id)
{
  g_return_val_if_fail (show != NULL, NULL);

  for (guint i = 0; id != NULL && i < show->sources->len; i++) {
    const PlenumSourceConfig *source = g_ptr_array_index (show->sources, i);
    if (g_strcmp0 (source->id, id) == 0)
      return source;
  }
  return NULL;
}

int
plenum_show_scene_index (const PlenumShow *show, const char *id)
{
  g_return_val_if_fail (show != NULL, -1);

  for (guint i = 0; id != NULL && i < show->scenes->len; i++) {
    const PlenumSceneConfig *scene = g_ptr_array_index (show->scenes, i);
    if (g_strcmp0 (scene->id, id) == 0)
      return (int) i;
  }
  return -1;
}

const PlenumSceneConfig *
plenum_show_find_scene (const PlenumShow *show, const char *id)
{
  int index = plenum_show_scene_index (show, id);

  return index >= 0 ? g_ptr_array_index (show->scenes, (guint) index) : NULL;
}

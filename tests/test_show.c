/* test_show.c — the show file: what is accepted, what the defaults are, and the exact words
 * of every problem `plenum check` prints.
 *
 * JSON in this file is written with ' for " (see json_from()), so that the tables stay
 * readable; no test show needs an apostrophe.
 */
#include "studio/show.h"
#include "studio/listen_address.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

/* Bad cases resolve paths against a directory that does not exist, so the expected messages
 * do not depend on where the test runs. */
#define BASE_DIR "/plenum-test-base"

/* Most bad cases only need a valid show plus the one broken part. */
#define SHOW(...) \
  "{'name': 'Test', 'sources': [{'id': 'cam1', 'kind': 'test'}], " __VA_ARGS__ "}"
#define SOURCE(...) \
  "{'name': 'Test', 'sources': [{'id': 'cam1', 'kind': 'test'}, " __VA_ARGS__ "]}"

static char *
json_from (const char *text)
{
  return g_strdelimit (g_strdup (text), "'", '"');
}

static char *
join_problems (GPtrArray *problems)
{
  g_ptr_array_add (problems, NULL);
  char *joined = g_strjoinv ("\n", (char **) problems->pdata);
  g_ptr_array_remove_index (problems, problems->len - 1);
  return joined;
}

/* Parses `text` (with ' for ") and asserts the exact list of problems, "\n"-separated. */
static void
assert_problems (const char *text, const char *expected)
{
  g_autofree char *json = json_from (text);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PlenumShow) show = plenum_show_parse (json, BASE_DIR, problems);
  g_autofree char *got = join_problems (problems);

  g_assert_cmpstr (got, ==, expected);
  g_assert_null (show);
}

static PlenumShow *
parse_valid (const char *text, const char *base_dir)
{
  g_autofree char *json = json_from (text);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  PlenumShow *show = plenum_show_parse (json, base_dir, problems);
  g_autofree char *got = join_problems (problems);

  g_assert_cmpstr (got, ==, "");
  g_assert_nonnull (show);
  return show;
}

/* ---- temporary files ------------------------------------------------------------------ */

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("plenum-test-show-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static char *
write_file (const char *dir, const char *name, const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK)) {
    g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
    const char *name;
    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL) {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  }
  g_assert_cmpint (g_remove (path), ==, 0);
}

/* ---- the CONTRACT example ------------------------------------------------------------- */

/* As in CONTRACT.md, except that cam2 plays a file next to the show, so it exists. */
static const char contract_example[] =
  "{\n"
  "  'name': 'Ratssitzung 26.11.2026',\n"
  "  'video':  { 'width': 1280, 'height': 720, 'fps': 30, 'bitrate_kbps': 4500, 'keyframe_s': 2 },\n"
  "  'audio':  { 'rate': 48000, 'channels': 2, 'bitrate_kbps': 128 },\n"
  "  'sources': [\n"
  "    { 'id': 'cam1',  'kind': 'test', 'pattern': 'smpte' },\n"
  "    { 'id': 'cam2',  'kind': 'uri',  'uri': 'slides.mp4', 'loop': true },\n"
  "    { 'id': 'dgs',   'kind': 'srt',  'uri': 'srt://0.0.0.0:9711?mode=listener' },\n"
  "    { 'id': 'desk',  'kind': 'v4l2', 'device': '/dev/video0' }\n"
  "  ],\n"
  "  'interpreter': { 'source': 'dgs', 'corner': 'bottom-right', 'height_pct': 40, 'margin_pct': 3 },\n"
  "  'scenes': [\n"
  "    { 'id': 'plenary', 'main': 'cam1' },\n"
  "    { 'id': 'slides',  'main': 'cam2', 'inset': 'cam1' }\n"
  "  ],\n"
  "  'start_scene': 'plenary',\n"
  "  'captions': {\n"
  "    'inputs':  [ { 'kind': 'file', 'path': 'captions.txt' },\n"
  "                 { 'kind': 'tcp',  'listen': '127.0.0.1:9720' },\n"
  "                 { 'kind': 'asr',  'engine': 'pocketsphinx', 'source': 'cam1' } ],\n"
  "    'burn_in': true, 'cea608': true, 'archive': ['vtt', 'srt']\n"
  "  },\n"
  "  'outputs': [\n"
  "    { 'id': 'youtube',  'kind': 'youtube',  'key_env': 'YT_KEY' },\n"
  "    { 'id': 'facebook', 'kind': 'facebook', 'key_env': 'FB_KEY' },\n"
  "    { 'id': 'website',  'kind': 'rtmp',   'url': 'rtmps://stream.example.org/live', 'key_env': 'SITE_KEY' },\n"
  "    { 'id': 'relay',    'kind': 'srt',    'uri': 'srt://127.0.0.1:9710?mode=listener' },\n"
  "    { 'id': 'archive',  'kind': 'record', 'dir': 'recordings' }\n"
  "  ],\n"
  "  'questions': {\n"
  "    'youtube':  { 'live_chat_id': 'Cg0KC...', 'token_env': 'YT_TOKEN', 'api_base': 'https://www.googleapis.com' },\n"
  "    'facebook': { 'live_video_id': '1234567890', 'token_env': 'FB_TOKEN', 'api_base': 'https://graph.facebook.com' },\n"
  "    'form':     { 'listen': '127.0.0.1:9730' }\n"
  "  },\n"
  "  'agenda': [ 'TOP 1 Eröffnung', 'TOP 2 Haushalt 2027', 'TOP 3 Fragen der Bürgerinnen und Bürger' ],\n"
  "  'control': { 'listen': '127.0.0.1:9740', 'token_env': 'PLENUM_CONTROL_TOKEN' }\n"
  "}\n";

static const char *const contract_secrets[][2] = {
  { "YT_KEY", "yt-secret-0001" },
  { "FB_KEY", "fb-secret-0002" },
  { "SITE_KEY", "site-secret-0003" },
  { "YT_TOKEN", "yt-token-0004" },
  { "FB_TOKEN", "fb-token-0005" },
  { "PLENUM_CONTROL_TOKEN", "control-token-0006" },
};

static void
set_contract_secrets (gboolean set)
{
  for (gsize i = 0; i < G_N_ELEMENTS (contract_secrets); i++) {
    if (set)
      g_setenv (contract_secrets[i][0], contract_secrets[i][1], TRUE);
    else
      g_unsetenv (contract_secrets[i][0]);
  }
}

static const PlenumOutputConfig *
output_at (const PlenumShow *show, guint index)
{
  g_assert_cmpuint (index, <, show->outputs->len);
  return g_ptr_array_index (show->outputs, index);
}

static void
test_accepts_the_contract_example (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *json = json_from (contract_example);
  g_autofree char *path = write_file (dir, "show.json", json);
  g_autofree char *slides = write_file (dir, "slides.mp4", "");
  g_autofree char *captions = write_file (dir, "captions.txt", "Guten Abend.\n");
  g_autofree char *recordings = g_build_filename (dir, "recordings", NULL);
  g_autofree char *slides_uri = g_filename_to_uri (slides, NULL, NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  set_contract_secrets (TRUE);
  g_autoptr(PlenumShow) show = plenum_show_load_file (path, problems);
  set_contract_secrets (FALSE);
  g_autofree char *got = join_problems (problems);
  g_assert_cmpstr (got, ==, "");
  g_assert_nonnull (show);

  g_assert_cmpstr (show->name, ==, "Ratssitzung 26.11.2026");
  g_assert_cmpstr (show->base_dir, ==, dir);
  g_assert_cmpuint (show->sources->len, ==, 4);
  const PlenumSourceConfig *cam2 = plenum_show_find_source (show, "cam2");
  g_assert_cmpint (cam2->kind, ==, PLENUM_SOURCE_URI);
  g_assert_cmpstr (cam2->uri, ==, slides_uri);
  g_assert_true (cam2->loop);
  g_assert_cmpstr (plenum_show_find_source (show, "dgs")->uri, ==,
                   "srt://0.0.0.0:9711?mode=listener");
  g_assert_cmpstr (plenum_show_find_source (show, "desk")->device, ==, "/dev/video0");

  g_assert_true (show->interpreter.present);
  g_assert_cmpstr (show->interpreter.source, ==, "dgs");
  g_assert_cmpint (show->interpreter.corner, ==, PLENUM_CORNER_BOTTOM_RIGHT);
  g_assert_cmpuint (show->scenes->len, ==, 2);
  g_assert_cmpstr (plenum_show_find_scene (show, "slides")->inset, ==, "cam1");
  g_assert_cmpstr (show->start_scene, ==, "plenary");

  g_assert_cmpuint (show->captions.inputs->len, ==, 3);
  const PlenumCaptionInputConfig *file_input = g_ptr_array_index (show->captions.inputs, 0);
  g_assert_cmpstr (file_input->path, ==, captions);
  const PlenumCaptionInputConfig *asr = g_ptr_array_index (show->captions.inputs, 2);
  g_assert_cmpstr (asr->engine, ==, "pocketsphinx");
  g_assert_cmpstr (asr->source, ==, "cam1");

  g_assert_cmpuint (show->outputs->len, ==, 5);
  g_assert_cmpstr (output_at (show, 0)->secret, ==, "yt-secret-0001");
  g_assert_cmpstr (output_at (show, 0)->key_env, ==, "YT_KEY");
  g_assert_cmpstr (output_at (show, 1)->secret, ==, "fb-secret-0002");
  g_assert_cmpstr (output_at (show, 2)->url, ==, "rtmps://stream.example.org/live");
  g_assert_cmpstr (output_at (show, 2)->secret, ==, "site-secret-0003");
  g_assert_cmpstr (output_at (show, 3)->uri, ==, "srt://127.0.0.1:9710?mode=listener");
  g_assert_null (output_at (show, 3)->secret);
  g_assert_cmpint (output_at (show, 4)->kind, ==, PLENUM_OUTPUT_RECORD);
  g_assert_cmpstr (output_at (show, 4)->dir, ==, recordings);

  g_assert_cmpstr (show->questions.youtube.token, ==, "yt-token-0004");
  g_assert_cmpstr (show->questions.youtube.live_chat_id, ==, "Cg0KC...");
  g_assert_cmpstr (show->questions.facebook.token, ==, "fb-token-0005");
  g_assert_cmpstr (show->questions.form_listen, ==, "127.0.0.1:9730");
  g_assert_cmpuint (show->agenda->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (show->agenda, 0), ==, "TOP 1 Eröffnung");
  g_assert_cmpstr (show->control.token, ==, "control-token-0006");

  remove_tree (dir);
}

/* ---- defaults ------------------------------------------------------------------------- */

static void
test_applies_the_defaults (void)
{
  g_autoptr(PlenumShow) show = parse_valid (SHOW ("'interpreter': {'source': 'cam1'}"), NULL);
  const PlenumSourceConfig *cam1 = g_ptr_array_index (show->sources, 0);
  const PlenumSceneConfig *scene = g_ptr_array_index (show->scenes, 0);
  g_autofree char *cwd = g_get_current_dir ();

  g_assert_cmpstr (show->base_dir, ==, cwd);
  g_assert_cmpint (show->width, ==, 1280);
  g_assert_cmpint (show->height, ==, 720);
  g_assert_cmpint (show->fps, ==, 30);
  g_assert_cmpint (show->video_bitrate_kbps, ==, 4500);
  g_assert_cmpint (show->keyframe_s, ==, 2);
  g_assert_cmpstr (show->speed_preset, ==, "veryfast");
  g_assert_cmpint (show->audio_rate, ==, 48000);
  g_assert_cmpint (show->audio_channels, ==, 2);
  g_assert_cmpint (show->audio_bitrate_kbps, ==, 128);

  g_assert_cmpstr (cam1->label, ==, "cam1");
  g_assert_cmpstr (cam1->pattern, ==, "smpte");
  g_assert_null (cam1->text);
  g_assert_cmpint (cam1->tone_hz, ==, 440);

  g_assert_true (show->interpreter.present);
  g_assert_cmpint (show->interpreter.corner, ==, PLENUM_CORNER_BOTTOM_RIGHT);
  g_assert_cmpfloat (show->interpreter.height_pct, ==, 40);
  g_assert_cmpfloat (show->interpreter.margin_pct, ==, 3);
  g_assert_false (show->interpreter.audio);
  g_assert_true (show->interpreter.visible);

  g_assert_cmpuint (show->scenes->len, ==, 1);
  g_assert_cmpint (scene->inset_corner, ==, PLENUM_CORNER_TOP_LEFT);
  g_assert_cmpfloat (scene->inset_height_pct, ==, 30);
  g_assert_cmpstr (show->start_scene, ==, "cam1");
  g_assert_cmpfloat (show->scene_rotation_s, ==, 0);

  g_assert_cmpuint (show->captions.inputs->len, ==, 0);
  g_assert_true (show->captions.burn_in);
  g_assert_true (show->captions.cea608);
  g_assert_true (show->captions.archive_vtt);
  g_assert_true (show->captions.archive_srt);
  g_assert_null (show->captions.demo_text);

  g_assert_cmpuint (show->outputs->len, ==, 0);
  g_assert_false (show->questions.youtube.present);
  g_assert_false (show->questions.facebook.present);
  g_assert_null (show->questions.form_listen);
  g_assert_cmpuint (show->agenda->len, ==, 0);
  g_assert_cmpstr (show->control.listen, ==, "127.0.0.1:9740");
  g_assert_null (show->control.token_env);
  g_assert_null (show->control.token);
}

static void
test_lets_listed_captioners_reach_a_port_beyond_loopback (void)
{
  g_autoptr(PlenumShow) show = parse_valid (
    "{'name': 'Test', 'sources': [{'id': 'a', 'kind': 'test'}],"
    " 'captions': {'inputs': [{'kind': 'tcp', 'listen': '10.8.0.1:9720',"
    "                          'allow': ['10.8.0.0/24', 'fd00::7']}]}}", NULL);
  const PlenumCaptionInputConfig *input = g_ptr_array_index (show->captions.inputs, 0);

  g_assert_cmpstr (input->listen, ==, "10.8.0.1:9720");
  g_assert_cmpuint (g_strv_length (input->allow), ==, 2);
  g_assert_cmpstr (input->allow[0], ==, "10.8.0.0/24");
  g_assert_cmpstr (input->allow[1], ==, "fd00::7");
}

static void
test_warns_of_srt_listeners_open_beyond_loopback_without_passphrase (void)
{
  g_autoptr(PlenumShow) show = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);

  g_setenv ("PLENUM_TEST_SRT_PASS", "pass-phrase-0123", TRUE);
  show = parse_valid (
    "{'name': 'Test', 'sources': ["
    "  {'id': 'hall', 'kind': 'srt', 'uri': 'srt://0.0.0.0:9711?mode=listener'},"
    "  {'id': 'local', 'kind': 'srt', 'uri': 'srt://127.0.0.1:9712?mode=listener'},"
    "  {'id': 'closed', 'kind': 'srt', 'uri': 'srt://0.0.0.0:9713?mode=listener',"
    "   'passphrase_env': 'PLENUM_TEST_SRT_PASS'},"
    "  {'id': 'remote', 'kind': 'srt', 'uri': 'srt://192.0.2.1:9714?mode=caller'}],"
    " 'outputs': ["
    "  {'id': 'relay', 'kind': 'srt', 'uri': 'srt://[::]:9710?mode=listener'},"
    "  {'id': 'lan', 'kind': 'srt', 'uri': 'srt://192.0.2.9:9715?mode=listener',"
    "   'passphrase_env': 'PLENUM_TEST_SRT_PASS'},"
    "  {'id': 'here', 'kind': 'srt', 'uri': 'srt://localhost:9716?mode=listener'}]}", NULL);
  plenum_listen_address_warnings (show, warnings);
  g_assert_cmpuint (warnings->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (warnings, 0), ==,
                   "sources[0].uri: an SRT listener beyond loopback without passphrase_env: "
                   "whoever reaches the port first can send their picture into the show");
  g_assert_cmpstr (g_ptr_array_index (warnings, 1), ==,
                   "outputs[0].uri: an SRT listener beyond loopback without passphrase_env: "
                   "whoever reaches the port can take the program, also before it is public");
  g_unsetenv ("PLENUM_TEST_SRT_PASS");
}

static void
test_applies_the_defaults_of_optional_parts (void)
{
  g_autoptr(PlenumShow) show = parse_valid (
    "{'name': 'Test', 'sources': [{'id': 'a', 'kind': 'test'}, {'id': 'b', 'kind': 'test'}],"
    " 'interpreter': {'source': 'b', 'corner': 'top-left'},"
    " 'scenes': [{'id': 'pip', 'main': 'a', 'inset': 'b'}],"
    " 'captions': {'archive': ['srt']},"
    " 'outputs': [{'id': 'relay', 'kind': 'srt', 'uri': 'srt://example.org:9000?latency=200'}],"
    " 'questions': {'youtube': {'video_id': 'abc', 'key_env': 'PLENUM_TEST_KEY'},"
    "               'facebook': {'live_video_id': '1', 'token_env': 'PLENUM_TEST_KEY'}}}",
    BASE_DIR);
  const PlenumSceneConfig *pip = g_ptr_array_index (show->scenes, 0);
  const PlenumOutputConfig *relay = g_ptr_array_index (show->outputs, 0);

  /* The inset keeps out of the interpreter's corner. */
  g_assert_cmpint (pip->inset_corner, ==, PLENUM_CORNER_TOP_RIGHT);
  g_assert_false (show->captions.archive_vtt);
  g_assert_true (show->captions.archive_srt);
  g_assert_cmpstr (relay->uri, ==, "srt://example.org:9000?latency=200&mode=caller");
  g_assert_true (relay->tls_verify);
  g_assert_cmpstr (show->questions.youtube.api_base, ==, "https://www.googleapis.com");
  g_assert_null (show->questions.youtube.token);
  g_assert_cmpstr (show->questions.youtube.key, ==, "test-key-value");
  g_assert_cmpstr (show->questions.facebook.api_base, ==, "https://graph.facebook.com");
  g_assert_cmpint (show->questions.facebook.poll_ms, ==, 5000);
  g_assert_true (show->questions.hold_links);
  g_assert_false (show->questions.show_names);
  g_assert_cmpint (show->questions.max_queued, ==, 5000);
  g_assert_cmpuint (show->questions.block_words->len, ==, 0);
  /* The archive: nine tenths captioned, published privately, titled by the show's name. */
  g_assert_cmpfloat (show->archive.min_caption_coverage, ==, 0.9);
  g_assert_cmpstr (show->archive.title, ==, "Test");
  g_assert_cmpstr (show->archive.description, ==, "");
  g_assert_cmpstr (show->archive.youtube_token_env, ==, "PLENUM_YOUTUBE_TOKEN");
  g_assert_cmpstr (show->archive.youtube_privacy, ==, "private");
  g_assert_cmpstr (show->archive.youtube_category_id, ==, "25");
  g_assert_cmpstr (show->archive.language, ==, "de");
}

static void
test_gives_one_scene_per_source_without_scenes (void)
{
  g_autoptr(PlenumShow) show = parse_valid (
    "{'name': 'Demo', 'scene_rotation_s': 8,"
    " 'sources': [{'id': 'cam1', 'kind': 'test', 'pattern': 'ball', 'label': 'Kamera 1'},"
    "             {'id': 'cam2', 'kind': 'test', 'pattern': 'smpte', 'text': 'Podium'},"
    "             {'id': 'dgs', 'kind': 'test', 'pattern': 'pinwheel', 'tone_hz': 0}],"
    " 'interpreter': {'source': 'dgs'},"
    " 'captions': {'demo_text': 'Willkommen'}}",
    NULL);

  g_assert_cmpuint (show->scenes->len, ==, 3);
  for (guint i = 0; i < show->sources->len; i++) {
    const PlenumSourceConfig *source = g_ptr_array_index (show->sources, i);
    const PlenumSceneConfig *scene = g_ptr_array_index (show->scenes, i);
    g_assert_cmpstr (scene->id, ==, source->id);
    g_assert_cmpstr (scene->main, ==, source->id);
    g_assert_null (scene->inset);
  }
  g_assert_cmpstr (show->start_scene, ==, "cam1");
  g_assert_cmpint (plenum_show_scene_index (show, "dgs"), ==, 2);
  g_assert_cmpfloat (show->scene_rotation_s, ==, 8);
  g_assert_cmpstr (plenum_show_find_source (show, "cam1")->label, ==, "Kamera 1");
  g_assert_cmpint (plenum_show_find_source (show, "dgs")->tone_hz, ==, 0);
  g_assert_cmpstr (show->captions.demo_text, ==, "Willkommen");
}

static void
test_resolves_file_uris_against_the_show_directory (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *clip = write_file (dir, "clip one.mp4", "");
  g_autofree char *clip_uri = g_filename_to_uri (clip, NULL, NULL);
  g_autofree char *json = g_strdup_printf (
    "{'name': 'Test', 'sources': ["
    " {'id': 'path', 'kind': 'uri', 'uri': 'clip one.mp4'},"
    " {'id': 'dotted', 'kind': 'uri', 'uri': './sub/../clip one.mp4'},"
    " {'id': 'relative', 'kind': 'uri', 'uri': 'file:clip%%20one.mp4'},"
    " {'id': 'absolute', 'kind': 'uri', 'uri': '%s'},"
    " {'id': 'web', 'kind': 'uri', 'uri': 'https://example.org/live.m3u8'}]}", clip_uri);
  g_autoptr(PlenumShow) show = parse_valid (json, dir);

  for (guint i = 0; i < 4; i++) {
    const PlenumSourceConfig *source = g_ptr_array_index (show->sources, i);
    g_assert_cmpstr (source->uri, ==, clip_uri);
  }
  g_assert_cmpstr (plenum_show_find_source (show, "web")->uri, ==,
                   "https://example.org/live.m3u8");
  remove_tree (dir);
}

static void
test_finds_sources_scenes_and_kind_names (void)
{
  g_autoptr(PlenumShow) show = parse_valid (
    SHOW ("'scenes': [{'id': 'a', 'main': 'cam1'}, {'id': 'b', 'main': 'cam1'}]"), NULL);

  g_assert_nonnull (plenum_show_find_source (show, "cam1"));
  g_assert_null (plenum_show_find_source (show, "cam2"));
  g_assert_cmpstr (plenum_show_find_scene (show, "b")->id, ==, "b");
  g_assert_null (plenum_show_find_scene (show, "cam1"));
  g_assert_cmpint (plenum_show_scene_index (show, "b"), ==, 1);
  g_assert_cmpint (plenum_show_scene_index (show, "c"), ==, -1);
  g_assert_cmpstr (plenum_source_kind_to_string (PLENUM_SOURCE_V4L2), ==, "v4l2");
  g_assert_cmpstr (plenum_output_kind_to_string (PLENUM_OUTPUT_FACEBOOK), ==, "facebook");
}

/* ---- bad shows ------------------------------------------------------------------------ */

typedef struct {
  const char *name;     /* the test path reads as a sentence: /show/check/<name> */
  const char *json;     /* with ' for " */
  const char *problem;  /* exactly what plenum check prints */
} BadShow;

static const BadShow bad_shows[] = {
  /* the document and its top level */
  { "rejects-a-document-that-is-not-an-object", "['cam1']", "show: must be a JSON object" },
  { "reports-invalid-json-with-line-and-column", "{'name': 'x',\n 'sources': [}",
    "show: invalid JSON at line 2, column 14" },
  { "reports-a-missing-name", "{'sources': [{'id': 'cam1', 'kind': 'test'}]}",
    "name: is required" },
  { "reports-an-empty-name", "{'name': '', 'sources': [{'id': 'cam1', 'kind': 'test'}]}",
    "name: must not be empty" },
  { "reports-a-name-that-is-not-a-string",
    "{'name': 7, 'sources': [{'id': 'cam1', 'kind': 'test'}]}", "name: must be a string" },
  { "reports-an-unknown-top-level-key", SHOW ("'titel': 'x'"),
    "titel: unknown key (known keys: agenda, archive, audio, captions, control, interpreter, name, "
    "outputs, questions, scene_rotation_s, scenes, sources, start_scene, video)" },
  { "quotes-an-unknown-key-that-is-not-a-plain-word", SHOW ("'video': {'frame rate': 25}"),
    "video[\"frame rate\"]: unknown key (known keys: bitrate_kbps, fps, height, keyframe_s, "
    "speed_preset, width)" },
  { "reports-a-key-given-twice", SHOW ("'video': {'fps': 25, 'fps': 30}"),
    "video.fps: is given more than once" },
  { "reports-a-section-of-the-wrong-type", SHOW ("'video': [1280, 720]"),
    "video: must be an object" },

  /* video and audio */
  { "rejects-a-frame-rate-that-is-not-an-integer", SHOW ("'video': {'fps': 29.97}"),
    "video.fps: must be an integer from 1 to 60" },
  { "rejects-a-frame-rate-given-as-a-string", SHOW ("'video': {'fps': '30'}"),
    "video.fps: must be an integer from 1 to 60" },
  { "rejects-an-odd-width", SHOW ("'video': {'width': 1281}"),
    "video.width: must be even (the encoder works on 2x2 blocks)" },
  { "rejects-a-height-out-of-range", SHOW ("'video': {'height': 4320}"),
    "video.height: must be an integer from 120 to 2160" },
  { "rejects-an-unknown-speed-preset", SHOW ("'video': {'speed_preset': 'turbo'}"),
    "video.speed_preset: must be one of: ultrafast, superfast, veryfast, faster, fast, medium, "
    "slow, slower, veryslow, placebo" },
  { "rejects-an-audio-rate-other-than-44100-or-48000", SHOW ("'audio': {'rate': 32000}"),
    "audio.rate: must be 44100 or 48000" },
  { "rejects-three-audio-channels", SHOW ("'audio': {'channels': 3}"),
    "audio.channels: must be an integer from 1 to 2" },

  /* sources */
  { "reports-missing-sources", "{'name': 'Test'}", "sources: is required" },
  { "reports-empty-sources", "{'name': 'Test', 'sources': []}", "sources: must not be empty" },
  { "reports-a-source-that-is-not-an-object", "{'name': 'Test', 'sources': ['cam1']}",
    "sources[0]: must be an object" },
  { "reports-an-unknown-source-key",
    "{'name': 'Test', 'sources': [{'id': 'cam1', 'kind': 'test', 'colour': 'red'}]}",
    "sources[0].colour: unknown key (known keys: id, kind, label, pattern, text, tone_hz)" },
  { "reports-a-key-meant-for-another-kind-of-source",
    "{'name': 'Test', 'sources': [{'id': 'cam1', 'kind': 'test', 'loop': true}]}",
    "sources[0].loop: not used by test sources (known keys: id, kind, label, pattern, text, "
    "tone_hz)" },
  { "reports-a-source-without-id", "{'name': 'Test', 'sources': [{'kind': 'test'}]}",
    "sources[0].id: is required" },
  { "rejects-an-id-with-a-space", "{'name': 'Test', 'sources': [{'id': 'cam 1', 'kind': 'test'}]}",
    "sources[0].id: must contain only letters, digits, '_' and '-'" },
  { "names-the-first-of-two-sources-with-the-same-id", SOURCE ("{'id': 'cam1', 'kind': 'test'}"),
    "sources[1].id: \"cam1\" is already the id of sources[0]" },
  { "reports-a-source-without-kind", "{'name': 'Test', 'sources': [{'id': 'cam1'}]}",
    "sources[0].kind: is required" },
  { "reports-an-unknown-source-kind", SOURCE ("{'id': 'ndi1', 'kind': 'ndi'}"),
    "sources[1].kind: must be one of: test, uri, srt, rtmp, v4l2" },
  { "rejects-a-pattern-videotestsrc-does-not-know", SOURCE ("{'id': 'c', 'kind': 'test', "
                                                            "'pattern': 'stripes'}"),
    "sources[1].pattern: must be one of: smpte, snow, black, white, red, green, blue, "
    "checkers-1, checkers-2, checkers-4, checkers-8, circular, blink, smpte75, zone-plate, "
    "gamut, chroma-zone-plate, solid-color, ball, smpte100, bar, pinwheel, spokes, gradient, "
    "colors, smpte-rp-219, sync" },
  { "rejects-a-tone-above-hearing", SOURCE ("{'id': 'c', 'kind': 'test', 'tone_hz': 30000}"),
    "sources[1].tone_hz: must be an integer from 0 to 20000" },
  { "reports-a-local-file-that-does-not-exist",
    SOURCE ("{'id': 'clip', 'kind': 'uri', 'uri': 'clips/missing.mp4'}"),
    "sources[1].uri: file \"/plenum-test-base/clips/missing.mp4\" does not exist" },
  { "resolves-a-relative-file-uri-before-saying-it-does-not-exist",
    SOURCE ("{'id': 'clip', 'kind': 'uri', 'uri': 'file:../intro.mp4'}"),
    "sources[1].uri: file \"/intro.mp4\" does not exist" },
  { "rejects-a-directory-as-a-media-file", SOURCE ("{'id': 'clip', 'kind': 'uri', 'uri': '/'}"),
    "sources[1].uri: \"/\" is a directory, not a file" },
  { "lists-the-keys-of-every-kind-when-the-kind-is-unknown",
    SOURCE ("{'id': 'ndi1', 'kind': 'ndi', 'name': 'Cam'}"),
    "sources[1].kind: must be one of: test, uri, srt, rtmp, v4l2\n"
    "sources[1].name: unknown key (known keys: device, id, kind, label, loop, passphrase_env, "
    "pattern, text, tone_hz, uri)" },
  { "rejects-a-file-uri-on-another-host",
    SOURCE ("{'id': 'clip', 'kind': 'uri', 'uri': 'file://nas/intro.mp4'}"),
    "sources[1].uri: must be a local file (a file URI without a host)" },
  { "rejects-an-srt-source-with-another-scheme",
    SOURCE ("{'id': 'dgs', 'kind': 'srt', 'uri': 'udp://0.0.0.0:9711'}"),
    "sources[1].uri: must start with srt://" },
  { "rejects-an-srt-source-without-port",
    SOURCE ("{'id': 'dgs', 'kind': 'srt', 'uri': 'srt://0.0.0.0?mode=listener'}"),
    "sources[1].uri: must have a port, as in srt://127.0.0.1:9710" },
  { "rejects-an-srt-source-without-host",
    SOURCE ("{'id': 'dgs', 'kind': 'srt', 'uri': 'srt://:9711'}"),
    "sources[1].uri: must name a host after the ://" },
  { "rejects-an-unknown-srt-mode",
    SOURCE ("{'id': 'dgs', 'kind': 'srt', 'uri': 'srt://0.0.0.0:9711?mode=server'}"),
    "sources[1].uri: mode must be one of: caller, listener, rendezvous" },
  { "rejects-a-passphrase-written-into-an-srt-uri",
    SOURCE ("{'id': 'dgs', 'kind': 'srt', 'uri': 'srt://h:9711?passphrase=0123456789'}"),
    "sources[1].uri: must not hold the passphrase: use passphrase_env" },
  { "rejects-an-rtmp-source-with-another-scheme",
    SOURCE ("{'id': 'pull', 'kind': 'rtmp', 'uri': 'http://example.org/live'}"),
    "sources[1].uri: must start with rtmp:// or rtmps://" },
  { "rejects-a-v4l2-device-outside-dev", SOURCE ("{'id': 'desk', 'kind': 'v4l2', "
                                                 "'device': 'video0'}"),
    "sources[1].device: must start with /dev/" },
  { "reports-a-v4l2-source-without-device", SOURCE ("{'id': 'desk', 'kind': 'v4l2'}"),
    "sources[1].device: is required" },

  /* interpreter */
  { "reports-an-interpreter-naming-no-source", SHOW ("'interpreter': {'source': 'dgs'}"),
    "interpreter.source: no source has the id \"dgs\"" },
  { "reports-an-interpreter-without-source", SHOW ("'interpreter': {'corner': 'top-left'}"),
    "interpreter.source: is required" },
  { "rejects-an-unknown-corner",
    SHOW ("'interpreter': {'source': 'cam1', 'corner': 'center'}"),
    "interpreter.corner: must be one of: bottom-right, bottom-left, top-right, top-left" },
  { "rejects-an-interpreter-of-height-zero",
    SHOW ("'interpreter': {'source': 'cam1', 'height_pct': 0}"),
    "interpreter.height_pct: must be a number greater than 0 and at most 100" },
  { "rejects-a-margin-of-half-the-picture",
    SHOW ("'interpreter': {'source': 'cam1', 'margin_pct': 50}"),
    "interpreter.margin_pct: must be a number at least 0 and below 50" },
  { "rejects-a-visible-flag-that-is-not-a-boolean",
    SHOW ("'interpreter': {'source': 'cam1', 'visible': 'yes'}"),
    "interpreter.visible: must be true or false" },

  /* scenes */
  { "reports-a-scene-naming-no-source",
    SHOW ("'scenes': [{'id': 'a', 'main': 'cam1'}, {'id': 'b', 'main': 'cam9'}]"),
    "scenes[1].main: no source has the id \"cam9\"" },
  { "reports-a-scene-without-main", SHOW ("'scenes': [{'id': 'a'}]"),
    "scenes[0].main: is required" },
  { "rejects-an-inset-showing-the-main-source",
    SHOW ("'scenes': [{'id': 'a', 'main': 'cam1', 'inset': 'cam1'}]"),
    "scenes[0].inset: must be another source than main" },
  { "rejects-an-inset-corner-without-inset",
    SHOW ("'scenes': [{'id': 'a', 'main': 'cam1', 'inset_corner': 'top-left'}]"),
    "scenes[0].inset_corner: is only used with an inset" },
  { "names-the-first-of-two-scenes-with-the-same-id",
    SHOW ("'scenes': [{'id': 'a', 'main': 'cam1'}, {'id': 'a', 'main': 'cam1'}]"),
    "scenes[1].id: \"a\" is already the id of scenes[0]" },
  { "rejects-an-empty-scene-list", SHOW ("'scenes': []"),
    "scenes: must not be empty (leave it out to get one scene per source)" },
  { "reports-a-start-scene-naming-no-scene", SHOW ("'start_scene': 'intro'"),
    "start_scene: no scene has the id \"intro\"" },
  { "rejects-a-negative-scene-rotation", SHOW ("'scene_rotation_s': -5"),
    "scene_rotation_s: must be a number, 0 or more" },

  /* captions */
  { "reports-a-caption-file-that-does-not-exist",
    SHOW ("'captions': {'inputs': [{'kind': 'file', 'path': 'captions.txt'}]}"),
    "captions.inputs[0].path: file \"/plenum-test-base/captions.txt\" does not exist" },
  { "rejects-a-caption-listen-address-without-port",
    SHOW ("'captions': {'inputs': [{'kind': 'tcp', 'listen': 'localhost'}]}"),
    "captions.inputs[0].listen: must be \"host:port\" with a port from 1 to 65535" },
  { "refuses-a-captioner-port-beyond-loopback-without-allow",
    SHOW ("'captions': {'inputs': [{'kind': 'tcp', 'listen': '0.0.0.0:9720'}]}"),
    "captions.inputs[0].listen: 0.0.0.0:9720 is not a loopback address, and the captioner's "
    "port has no password: list the captioners' addresses in allow (e.g. the VPN's, "
    "\"10.8.0.0/24\"), or keep it on 127.0.0.1 and tunnel (ssh -L 9720:127.0.0.1:9720)" },
  { "rejects-a-captioner-allow-entry-that-is-no-network",
    SHOW ("'captions': {'inputs': [{'kind': 'tcp', 'listen': '0.0.0.0:9720', "
          "'allow': ['10.8.0.0/24', '10.8.0.0/40']}]}"),
    "captions.inputs[0].allow[1]: \"10.8.0.0/40\" is not an address or a network such as "
    "10.8.0.0/24" },
  { "reports-an-unknown-caption-input-kind",
    SHOW ("'captions': {'inputs': [{'kind': 'udp', 'listen': 'localhost:1'}]}"),
    "captions.inputs[0].kind: must be one of: file, tcp, asr" },
  { "rejects-an-unknown-asr-engine",
    SHOW ("'captions': {'inputs': [{'kind': 'asr', 'engine': 'vosk', 'source': 'cam1'}]}"),
    "captions.inputs[0].engine: must be one of: pocketsphinx, whisper-server" },
  { "reports-an-asr-input-naming-no-source",
    SHOW ("'captions': {'inputs': [{'kind': 'asr', 'engine': 'pocketsphinx', "
          "'source': 'mic'}]}"),
    "captions.inputs[0].source: no source has the id \"mic\"" },
  { "requires-a-url-for-whisper-server",
    SHOW ("'captions': {'inputs': [{'kind': 'asr', 'engine': 'whisper-server', "
          "'source': 'cam1'}]}"),
    "captions.inputs[0].url: is required" },
  { "rejects-a-url-for-pocketsphinx",
    SHOW ("'captions': {'inputs': [{'kind': 'asr', 'engine': 'pocketsphinx', "
          "'source': 'cam1', 'url': 'http://127.0.0.1:8080'}]}"),
    "captions.inputs[0].url: is only used with the whisper-server engine" },
  { "rejects-an-unknown-archive-format", SHOW ("'captions': {'archive': ['vtt', 'txt']}"),
    "captions.archive[1]: must be \"vtt\" or \"srt\"" },
  { "rejects-a-burn-in-flag-that-is-not-a-boolean", SHOW ("'captions': {'burn_in': 1}"),
    "captions.burn_in: must be true or false" },

  /* outputs */
  { "rejects-an-rtmp-output-with-another-scheme",
    SHOW ("'outputs': [{'id': 'a', 'kind': 'record', 'dir': 'rec'},"
          " {'id': 'b', 'kind': 'record', 'dir': 'rec2'},"
          " {'id': 'web', 'kind': 'rtmp', 'url': 'https://example.org/live', "
          "'key_env': 'PLENUM_TEST_KEY'}]"),
    "outputs[1].kind: only one record output is allowed (outputs[0] is one already)\n"
    "outputs[2].url: must start with rtmp:// or rtmps://" },
  { "reports-a-stream-key-variable-that-is-not-set",
    SHOW ("'outputs': [{'id': 'yt', 'kind': 'youtube', 'key_env': 'PLENUM_TEST_UNSET'}]"),
    "outputs[0].key_env: environment variable PLENUM_TEST_UNSET is not set" },
  { "reports-a-stream-key-variable-that-is-empty",
    SHOW ("'outputs': [{'id': 'yt', 'kind': 'youtube', 'key_env': 'PLENUM_TEST_EMPTY'}]"),
    "outputs[0].key_env: environment variable PLENUM_TEST_EMPTY is empty" },
  { "requires-a-stream-key-for-youtube", SHOW ("'outputs': [{'id': 'yt', 'kind': 'youtube'}]"),
    "outputs[0].key_env: is required" },
  { "rejects-a-url-on-a-facebook-output",
    SHOW ("'outputs': [{'id': 'fb', 'kind': 'facebook', 'key_env': 'PLENUM_TEST_KEY', "
          "'url': 'rtmps://live-api-s.facebook.com:443/rtmp/'}]"),
    "outputs[0].url: Facebook accepts only its RTMPS preset; use an output of kind rtmp for "
    "another server" },
  { "reports-a-key-meant-for-another-kind-of-output",
    SHOW ("'outputs': [{'id': 'fb', 'kind': 'facebook', 'key_env': 'PLENUM_TEST_KEY', "
          "'backup': true}]"),
    "outputs[0].backup: not used by facebook outputs (known keys: id, key_env, kind)" },
  { "rejects-an-srt-output-in-rendezvous-mode",
    SHOW ("'outputs': [{'id': 'relay', 'kind': 'srt', 'uri': 'srt://h:9710?mode=rendezvous'}]"),
    "outputs[0].uri: mode must be one of: caller, listener" },
  { "rejects-an-srt-passphrase-libsrt-would-refuse",
    SHOW ("'outputs': [{'id': 'relay', 'kind': 'srt', 'uri': 'srt://h:9710', "
          "'passphrase_env': 'PLENUM_TEST_SHORT'}]"),
    "outputs[0].passphrase_env: environment variable PLENUM_TEST_SHORT must hold 10 to 79 "
    "characters (an SRT passphrase)" },
  { "names-the-first-of-two-outputs-with-the-same-id",
    SHOW ("'outputs': [{'id': 'rec', 'kind': 'record', 'dir': 'a'},"
          " {'id': 'rec', 'kind': 'youtube', 'key_env': 'PLENUM_TEST_KEY'}]"),
    "outputs[1].id: \"rec\" is already the id of outputs[0]" },
  { "reports-a-record-output-without-dir", SHOW ("'outputs': [{'id': 'rec', 'kind': 'record'}]"),
    "outputs[0].dir: is required" },
  { "reports-a-tls-ca-file-that-does-not-exist",
    SHOW ("'outputs': [{'id': 'web', 'kind': 'rtmp', 'url': 'rtmps://example.org/live', "
          "'key_env': 'PLENUM_TEST_KEY', 'tls_ca_file': '/plenum-test-ca.pem'}]"),
    "outputs[0].tls_ca_file: file \"/plenum-test-ca.pem\" does not exist" },

  /* questions, agenda, control */
  { "requires-a-chat-or-video-id-for-youtube-questions",
    SHOW ("'questions': {'youtube': {'token_env': 'PLENUM_TEST_KEY'}}"),
    "questions.youtube: needs live_chat_id or video_id" },
  { "requires-a-live-video-id-for-facebook-questions",
    SHOW ("'questions': {'facebook': {'token_env': 'PLENUM_TEST_KEY'}}"),
    "questions.facebook.live_video_id: is required" },
  { "rejects-an-api-base-that-is-not-http",
    SHOW ("'questions': {'facebook': {'live_video_id': '1', 'token_env': 'PLENUM_TEST_KEY', "
          "'api_base': 'ftp://127.0.0.1'}}"),
    "questions.facebook.api_base: must start with http:// or https://" },
  { "requires-a-token-or-key-for-youtube-questions",
    SHOW ("'questions': {'youtube': {'live_chat_id': 'abc'}}"),
    "questions.youtube: needs token_env (OAuth token) or key_env (API key): YouTube answers no "
    "request without one" },
  { "requires-a-token-for-facebook-questions",
    SHOW ("'questions': {'facebook': {'live_video_id': '1'}}"),
    "questions.facebook.token_env: is required" },
  { "rejects-a-facebook-poll-interval-below-100-ms",
    SHOW ("'questions': {'facebook': {'live_video_id': '1', 'token_env': 'PLENUM_TEST_KEY', "
          "'poll_ms': 50}}"),
    "questions.facebook.poll_ms: must be an integer from 100 to 600000" },
  { "rejects-a-block-word-that-is-not-a-string",
    SHOW ("'questions': {'block_words': ['spam', 3]}"),
    "questions.block_words[1]: must be a non-empty string" },
  { "rejects-a-queue-cap-below-10", SHOW ("'questions': {'max_queued': 5}"),
    "questions.max_queued: must be an integer from 10 to 1000000" },
  { "rejects-a-form-listen-address-with-port-zero",
    SHOW ("'questions': {'form': {'listen': '127.0.0.1:0'}}"),
    "questions.form.listen: must be \"host:port\" with a port from 1 to 65535" },
  { "rejects-an-empty-agenda-item", SHOW ("'agenda': ['TOP 1', '', 'TOP 3']"),
    "agenda[1]: must be a non-empty string" },
  { "rejects-a-control-port-above-65535", SHOW ("'control': {'listen': '127.0.0.1:70000'}"),
    "control.listen: must be \"host:port\" with a port from 1 to 65535" },
  { "refuses-a-control-port-beyond-loopback-without-a-token",
    SHOW ("'control': {'listen': '0.0.0.0:9740'}"),
    "control.listen: 0.0.0.0:9740 is not a loopback address; set control.token_env to listen "
    "there" },
  { "reports-a-control-token-variable-that-is-not-set",
    SHOW ("'control': {'token_env': 'PLENUM_TEST_UNSET'}"),
    "control.token_env: environment variable PLENUM_TEST_UNSET is not set" },

  /* archive */
  { "rejects-a-caption-coverage-above-one", SHOW ("'archive': {'min_caption_coverage': 90}"),
    "archive.min_caption_coverage: must be a share from 0 to 1 (0.9: nine tenths of speech "
    "captioned)" },
  { "rejects-angle-brackets-in-the-youtube-title", SHOW ("'archive': {'title': 'Rat <live>'}"),
    "archive.title: must not contain \"<\" or \">\" (YouTube refuses them)" },
  { "rejects-an-unknown-youtube-privacy", SHOW ("'archive': {'youtube': {'privacy': 'secret'}}"),
    "archive.youtube.privacy: must be one of: private, unlisted, public" },
  { "rejects-a-category-that-is-not-a-number", SHOW ("'archive': {'youtube': {'category_id': 'news'}}"),
    "archive.youtube.category_id: must be a YouTube category number, e.g. \"25\"" },
};

static void
test_bad_show (gconstpointer data)
{
  const BadShow *bad = data;

  assert_problems (bad->json, bad->problem);
}

/* ---- all problems, and no secrets in them --------------------------------------------- */

static void
test_reports_every_problem_not_just_the_first (void)
{
  assert_problems ("{'name': 'Test', 'video': {'fps': 0},"
                   " 'sources': [{'id': 'cam1', 'kind': 'test'}],"
                   " 'scenes': [{'id': 'a', 'main': 'cam9'}],"
                   " 'outputs': [{'id': 'web', 'kind': 'rtmp', 'url': 'http://example.org',"
                   "              'key_env': 'PLENUM_TEST_KEY'}]}",
                   "video.fps: must be an integer from 1 to 60\n"
                   "scenes[0].main: no source has the id \"cam9\"\n"
                   "outputs[0].url: must start with rtmp:// or rtmps://");
}

static void
test_never_puts_a_secret_into_a_problem (void)
{
  static const char *const secrets[] = {
    "stream-key-secret-1", "passphrase-secret-2", "short-3", "control-secret-4",
    "abcd-efgh-ijkl-mnop", NULL
  };
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  g_setenv ("PLENUM_TEST_SECRET_KEY", secrets[0], TRUE);
  g_setenv ("PLENUM_TEST_SECRET_PASS", secrets[1], TRUE);
  g_setenv ("PLENUM_TEST_SECRET_SHORT", secrets[2], TRUE);
  g_setenv ("PLENUM_TEST_SECRET_TOKEN", secrets[3], TRUE);
  /* Everything around the secrets is wrong, and one key was pasted where its name belongs. */
  g_autofree char *json = json_from (
    "{'name': 'Test', 'sources': [{'id': 'cam1', 'kind': 'test', 'text': 5}],"
    " 'outputs': [{'id': 'yt', 'kind': 'youtube', 'key_env': 'PLENUM_TEST_SECRET_KEY',"
    "              'url': 'rtmp://a.rtmp.youtube.com/live2'},"
    "             {'id': 'relay', 'kind': 'srt', 'uri': 'srt://h:1?mode=x',"
    "              'passphrase_env': 'PLENUM_TEST_SECRET_SHORT'},"
    "             {'id': 'relay2', 'kind': 'srt', 'uri': 'srt://h:2',"
    "              'passphrase_env': 'PLENUM_TEST_SECRET_PASS', 'mode': 'caller'},"
    "             {'id': 'web', 'kind': 'rtmp', 'url': 'rtmp://x',"
    "              'key_env': 'abcd-efgh-ijkl-mnop'},"
    "             {'id': 'web', 'kind': 'rtmp', 'url': 'rtmp://host/app/stream-key-secret-1',"
    "              'key_env': 'PLENUM_TEST_SECRET_KEY', 'tls_verify': 'no'}],"
    " 'control': {'token_env': 'PLENUM_TEST_SECRET_TOKEN', 'listen': 'x'}}");
  g_autoptr(PlenumShow) show = plenum_show_parse (json, BASE_DIR, problems);
  g_unsetenv ("PLENUM_TEST_SECRET_KEY");
  g_unsetenv ("PLENUM_TEST_SECRET_PASS");
  g_unsetenv ("PLENUM_TEST_SECRET_SHORT");
  g_unsetenv ("PLENUM_TEST_SECRET_TOKEN");

  g_assert_null (show);
  g_assert_cmpuint (problems->len, ==, 9);
  for (guint i = 0; i < problems->len; i++) {
    const char *problem = g_ptr_array_index (problems, i);
    g_test_message ("%s", problem);
    for (const char *const *secret = secrets; *secret != NULL; secret++)
      g_assert_null (strstr (problem, *secret));
  }
}

/* ---- files ---------------------------------------------------------------------------- */

static void
test_reports_a_syntax_error_with_the_file_line_and_column (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = write_file (dir, "show.json",
                                      "{\n  \"name\": \"Test\",\n  \"sources\": [,]\n}\n");
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PlenumShow) show = plenum_show_load_file (path, problems);
  g_autofree char *expected = g_strdup_printf ("%s: invalid JSON at line 3, column 15", path);
  g_autofree char *got = join_problems (problems);

  g_assert_null (show);
  g_assert_cmpstr (got, ==, expected);
  remove_tree (dir);
}

static void
test_reports_a_file_that_ends_too_early (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = write_file (dir, "show.json", "{\"name\": \"Test\",\n");
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PlenumShow) show = plenum_show_load_file (path, problems);
  g_autofree char *expected = g_strdup_printf ("%s: invalid JSON at line 2, column 1 "
                                               "(unexpected end)", path);
  g_autofree char *got = join_problems (problems);

  g_assert_null (show);
  g_assert_cmpstr (got, ==, expected);
  remove_tree (dir);
}

static void
test_reports_a_file_that_is_not_utf8 (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = write_file (dir, "show.json", "{\"name\": \"Sitzung \xe4\"}");
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PlenumShow) show = plenum_show_load_file (path, problems);
  g_autofree char *expected = g_strdup_printf ("%s: not valid UTF-8 at line 1, column 19",
                                               path);
  g_autofree char *got = join_problems (problems);

  g_assert_null (show);
  g_assert_cmpstr (got, ==, expected);
  remove_tree (dir);
}

static void
test_reports_an_unreadable_file (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "missing.json", NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PlenumShow) show = plenum_show_load_file (path, problems);
  g_autofree char *expected = g_strdup_printf ("%s: cannot read: %s", path, g_strerror (ENOENT));
  g_autofree char *got = join_problems (problems);

  g_assert_null (show);
  g_assert_cmpstr (got, ==, expected);

  /* A directory opens, but does not read. */
  g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PlenumShow) none = plenum_show_load_file (dir, more);
  g_autofree char *expected_dir = g_strdup_printf ("%s: cannot read: %s", dir,
                                                   g_strerror (EISDIR));
  g_autofree char *got_dir = join_problems (more);
  g_assert_null (none);
  g_assert_cmpstr (got_dir, ==, expected_dir);
  remove_tree (dir);
}

static void
test_rejects_a_record_dir_that_is_a_file (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *file = write_file (dir, "recordings", "");
  g_autofree char *json = json_from (SHOW ("'outputs': [{'id': 'rec', 'kind': 'record', "
                                           "'dir': 'recordings'}]"));
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PlenumShow) show = plenum_show_parse (json, dir, problems);
  g_autofree char *expected = g_strdup_printf ("outputs[0].dir: \"%s\" exists and is not a "
                                               "directory", file);
  g_autofree char *got = join_problems (problems);

  g_assert_null (show);
  g_assert_cmpstr (got, ==, expected);
  remove_tree (dir);
}

static void
test_keeps_problems_already_in_the_array (void)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PlenumShow) bad = NULL;
  g_autoptr(PlenumShow) good = NULL;

  g_ptr_array_add (problems, g_strdup ("earlier: problem"));
  good = plenum_show_parse ("{\"name\": \"x\", \"sources\": [{\"id\": \"a\", \"kind\": \"test\"}]}",
                            NULL, problems);
  g_assert_nonnull (good);
  bad = plenum_show_parse ("{\"name\": \"x\"}", NULL, problems);
  g_assert_null (bad);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==, "earlier: problem");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  /* The bad cases rely on these; nothing else in the test sets them. */
  g_unsetenv ("PLENUM_TEST_UNSET");
  g_setenv ("PLENUM_TEST_EMPTY", "", TRUE);
  g_setenv ("PLENUM_TEST_KEY", "test-key-value", TRUE);
  g_setenv ("PLENUM_TEST_SHORT", "too-short", TRUE);

  g_test_add_func ("/show/parse/accepts-the-contract-example", test_accepts_the_contract_example);
  g_test_add_func ("/show/parse/applies-the-defaults", test_applies_the_defaults);
  g_test_add_func ("/show/parse/applies-the-defaults-of-optional-parts",
                   test_applies_the_defaults_of_optional_parts);
  g_test_add_func ("/show/parse/lets-listed-captioners-reach-a-port-beyond-loopback",
                   test_lets_listed_captioners_reach_a_port_beyond_loopback);
  g_test_add_func ("/show/warn/of-srt-listeners-open-beyond-loopback-without-passphrase",
                   test_warns_of_srt_listeners_open_beyond_loopback_without_passphrase);
  g_test_add_func ("/show/parse/gives-one-scene-per-source-without-scenes",
                   test_gives_one_scene_per_source_without_scenes);
  g_test_add_func ("/show/parse/resolves-file-uris-against-the-show-directory",
                   test_resolves_file_uris_against_the_show_directory);
  g_test_add_func ("/show/parse/keeps-problems-already-in-the-array",
                   test_keeps_problems_already_in_the_array);
  g_test_add_func ("/show/lookup/finds-sources-scenes-and-kind-names",
                   test_finds_sources_scenes_and_kind_names);
  g_test_add_func ("/show/check/reports-every-problem-not-just-the-first",
                   test_reports_every_problem_not_just_the_first);
  g_test_add_func ("/show/check/never-puts-a-secret-into-a-problem",
                   test_never_puts_a_secret_into_a_problem);
  g_test_add_func ("/show/check/rejects-a-record-dir-that-is-a-file",
                   test_rejects_a_record_dir_that_is_a_file);
  for (gsize i = 0; i < G_N_ELEMENTS (bad_shows); i++) {
    g_autofree char *path = g_strconcat ("/show/check/", bad_shows[i].name, NULL);
    g_test_add_data_func (path, &bad_shows[i], test_bad_show);
  }
  g_test_add_func ("/show/load/reports-a-syntax-error-with-the-file-line-and-column",
                   test_reports_a_syntax_error_with_the_file_line_and_column);
  g_test_add_func ("/show/load/reports-a-file-that-ends-too-early",
                   test_reports_a_file_that_ends_too_early);
  g_test_add_func ("/show/load/reports-a-file-that-is-not-utf8",
                   test_reports_a_file_that_is_not_utf8);
  g_test_add_func ("/show/load/reports-an-unreadable-file", test_reports_an_unreadable_file);

  return g_test_run ();
}

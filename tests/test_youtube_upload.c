/* Unit tests for the parts of `plenum upload --youtube` that need no network:
 * studio/youtube_upload.c (run.json, title, description, the resumable protocol's pieces),
 * studio/youtube_caption_upload.c (the multipart body), studio/upload_record.c and
 * studio/progress_bar.c. The protocol itself is tested end to end by
 * tests/integration/upload.sh against tests/fake_youtube_upload.py. */
#include <cjson/cJSON.h>
#include <glib/gstdio.h>
#include <string.h>

#include "studio/progress_bar.h"
#include "studio/upload_record.h"
#include "studio/youtube_caption_upload.h"
#include "studio/youtube_upload.h"

/* ---- Range and chunks ------------------------------------------------------------------------ */

static void
test_range_resumes_after_the_last_byte (void)
{
  guint64 next = 0;

  g_assert_true (plenum_youtube_parse_range ("bytes=0-262143", &next));
  g_assert_cmpuint (next, ==, 262144);
  g_assert_true (plenum_youtube_parse_range ("bytes=0-0", &next));
  g_assert_cmpuint (next, ==, 1);
  g_assert_true (plenum_youtube_parse_range ("bytes=0-5000000000", &next));
  g_assert_cmpuint (next, ==, G_GUINT64_CONSTANT (5000000001));
}

static void
test_range_missing_means_nothing_arrived (void)
{
  guint64 next = 99;

  g_assert_true (plenum_youtube_parse_range (NULL, &next));
  g_assert_cmpuint (next, ==, 0);
}

static void
test_range_that_is_not_from_zero_is_refused (void)
{
  const char *bad[] = { "", "bytes=", "bytes=0-", "bytes=5-10", "0-10", "bytes=0-10x",
                        "bytes=0-10,20-30", "bytes=0--1", "bytes=0-99999999999999999999999",
                        "items=0-10", NULL };
  guint64 next = 7;

  for (guint i = 0; bad[i]; i++) {
    g_test_message ("Range: %s", bad[i]);
    g_assert_false (plenum_youtube_parse_range (bad[i], &next));
  }
  g_assert_cmpuint (next, ==, 7);
}

static void
test_chunk_is_a_multiple_of_256_kib (void)
{
  g_assert_cmpuint (plenum_youtube_chunk_size (NULL), ==, 8 * 1024 * 1024);
  g_assert_cmpuint (plenum_youtube_chunk_size ("256"), ==, 262144);
  g_assert_cmpuint (plenum_youtube_chunk_size ("511"), ==, 262144);
  g_assert_cmpuint (plenum_youtube_chunk_size ("512"), ==, 524288);
  g_assert_cmpuint (plenum_youtube_chunk_size ("1000"), ==, 768 * 1024);
  for (guint kib = 0; kib < 5000; kib += 37) {
    g_autofree char *text = g_strdup_printf ("%u", kib);
    g_assert_cmpuint (plenum_youtube_chunk_size (text) % 262144, ==, 0);
  }
}

static void
test_chunk_is_at_least_256_kib (void)
{
  g_assert_cmpuint (plenum_youtube_chunk_size ("0"), ==, 262144);
  g_assert_cmpuint (plenum_youtube_chunk_size ("100"), ==, 262144);
  g_assert_cmpuint (plenum_youtube_chunk_size ("255"), ==, 262144);
}

static void
test_chunk_setting_that_is_not_a_number_keeps_the_default (void)
{
  g_assert_cmpuint (plenum_youtube_chunk_size ("abc"), ==, 8 * 1024 * 1024);
  g_assert_cmpuint (plenum_youtube_chunk_size ("-256"), ==, 8 * 1024 * 1024);
  g_assert_cmpuint (plenum_youtube_chunk_size ("256k"), ==, 8 * 1024 * 1024);
}

static void
test_backoff_doubles_up_to_32_times_the_first_delay (void)
{
  guint expected[] = { 1000, 2000, 4000, 8000, 16000, 32000, 32000, 32000 };

  for (guint attempt = 1; attempt <= G_N_ELEMENTS (expected); attempt++) {
    g_assert_cmpuint (plenum_youtube_backoff_ms (1000, attempt, 0.0), ==, expected[attempt - 1]);
    g_assert_cmpuint (plenum_youtube_backoff_ms (1000, attempt, 1.0), ==,
                      expected[attempt - 1] * 5 / 4);
  }
  g_assert_cmpuint (plenum_youtube_backoff_ms (20, 3, 0.0), ==, 80);
  g_assert_cmpuint (plenum_youtube_backoff_ms (20, 50, 0.0), ==, 640);
  g_assert_cmpuint (plenum_youtube_first_backoff_ms (NULL), ==, 1000);
  g_assert_cmpuint (plenum_youtube_first_backoff_ms ("20"), ==, 20);
}

/* ---- Title, description, resource ------------------------------------------------------------ */

static void
test_title_is_cut_at_100_characters_not_bytes (void)
{
  g_autoptr (GString) long_title = g_string_new (NULL);
  g_autofree char *title = NULL;

  for (guint i = 0; i < 120; i++)
    g_string_append (long_title, "ä");
  title = plenum_youtube_title (long_title->str);
  g_assert_cmpint (g_utf8_strlen (title, -1), ==, 100);
  g_assert_cmpuint (strlen (title), ==, 200);
  g_assert_true (g_utf8_validate (title, -1, NULL));
}

static void
test_title_angle_brackets_become_guillemets (void)
{
  g_autofree char *title = plenum_youtube_title ("Rat <Sondersitzung> a>b");

  g_assert_cmpstr (title, ==, "Rat ‹Sondersitzung› a›b");
}

static void
test_description_chapters_follow_a_blank_line (void)
{
  g_autofree char *both = plenum_youtube_description ("Öffentliche Sitzung.",
                                                      "0:00 TOP 1 Eröffnung\n12:30 TOP 2\n");
  g_autofree char *only_chapters = plenum_youtube_description ("", "0:00 TOP 1\n");
  g_autofree char *no_chapters = plenum_youtube_description ("Text <b>", "\n  \n");

  g_assert_cmpstr (both, ==, "Öffentliche Sitzung.\n\n0:00 TOP 1 Eröffnung\n12:30 TOP 2");
  g_assert_cmpstr (only_chapters, ==, "0:00 TOP 1");
  g_assert_cmpstr (no_chapters, ==, "Text ‹b›");
}

static void
test_description_is_cut_at_5000_bytes_on_a_whole_chapter_line (void)
{
  g_autoptr (GString) chapters = g_string_new (NULL);
  g_autofree char *description = NULL;
  const char *last_line;

  for (guint i = 0; i < 400; i++)
    g_string_append_printf (chapters, "%u:%02u TOP %u Bürgeranfrage\n", i / 60, i % 60, i);
  description = plenum_youtube_description ("Sitzung", chapters->str);
  g_assert_cmpuint (strlen (description), <=, 5000);
  g_assert_cmpuint (strlen (description), >, 4900);
  last_line = strrchr (description, '\n') + 1;
  g_assert_true (g_str_has_suffix (last_line, "Bürgeranfrage"));
  g_assert_true (g_str_has_prefix (description, "Sitzung\n\n0:00 TOP 0 Bürgeranfrage\n"));
}

static void
test_description_is_cut_on_a_character_boundary (void)
{
  g_autoptr (GString) text = g_string_new ("x");
  g_autofree char *description = NULL;

  for (guint i = 0; i < 3000; i++)
    g_string_append (text, "€");   /* 3 bytes: 1 + 3 × 1666 = 4999 */
  description = plenum_youtube_description (text->str, NULL);
  g_assert_cmpuint (strlen (description), ==, 4999);
  g_assert_true (g_utf8_validate (description, -1, NULL));
}

static PlenumYoutubeSettings *
parse_settings (const char *json, GError **error)
{
  return plenum_youtube_settings_parse (json, strlen (json), "DIR/run.json", error);
}

static void
test_resource_has_snippet_and_status_as_youtube_documents (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PlenumYoutubeSettings) settings = parse_settings ("{\"name\": \"Rat\"}", &error);
  g_autofree char *text = plenum_youtube_video_resource (settings, "Rat", "Beschreibung");
  cJSON *root = cJSON_Parse (text);
  const cJSON *snippet = cJSON_GetObjectItem (root, "snippet");
  const cJSON *status = cJSON_GetObjectItem (root, "status");

  g_assert_no_error (error);
  g_assert_cmpstr (cJSON_GetObjectItem (snippet, "title")->valuestring, ==, "Rat");
  g_assert_cmpstr (cJSON_GetObjectItem (snippet, "description")->valuestring, ==, "Beschreibung");
  g_assert_cmpstr (cJSON_GetObjectItem (snippet, "categoryId")->valuestring, ==, "25");
  g_assert_cmpstr (cJSON_GetObjectItem (snippet, "defaultLanguage")->valuestring, ==, "de");
  g_assert_cmpstr (cJSON_GetObjectItem (snippet, "defaultAudioLanguage")->valuestring, ==, "de");
  g_assert_cmpstr (cJSON_GetObjectItem (status, "privacyStatus")->valuestring, ==, "private");
  g_assert_true (cJSON_IsFalse (cJSON_GetObjectItem (status, "selfDeclaredMadeForKids")));
  g_assert_cmpint (cJSON_GetArraySize (root), ==, 2);
  cJSON_Delete (root);
}

/* ---- run.json -------------------------------------------------------------------------------- */

static void
test_run_json_without_archive_gets_every_default (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PlenumYoutubeSettings) s = parse_settings ("{\"name\": \" Ratssitzung \"}", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (s->title, ==, "Ratssitzung");
  g_assert_cmpstr (s->description, ==, "");
  g_assert_cmpstr (s->token_env, ==, "PLENUM_YOUTUBE_TOKEN");
  g_assert_cmpstr (s->api_base, ==, "https://www.googleapis.com");
  g_assert_cmpstr (s->privacy, ==, "private");
  g_assert_cmpstr (s->category_id, ==, "25");
  g_assert_cmpstr (s->language, ==, "de");
  g_assert_cmpstr (s->caption_name, ==, "Deutsch");
}

static void
test_run_json_archive_settings_are_taken (void)
{
  const char *json =
      "{ \"name\": \"Ratssitzung 26.11.2026\", \"started\": \"2026-11-26T18:00:00Z\",\n"
      "  \"archive\": { \"title\": \"Rat am 26.11.\", \"description\": \"Öffentlich.\",\n"
      "    \"min_caption_coverage\": 0.9,\n"
      "    \"youtube\": { \"token_env\": \"YT_UPLOAD_TOKEN\",\n"
      "      \"api_base\": \"http://127.0.0.1:9/\",\n"
      "      \"privacy\": \"unlisted\", \"category_id\": \"29\", \"language\": \"en\",\n"
      "      \"caption_name\": \"English\" } } }";
  g_autoptr (GError) error = NULL;
  g_autoptr (PlenumYoutubeSettings) s = parse_settings (json, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (s->title, ==, "Rat am 26.11.");
  g_assert_cmpstr (s->description, ==, "Öffentlich.");
  g_assert_cmpstr (s->token_env, ==, "YT_UPLOAD_TOKEN");
  g_assert_cmpstr (s->api_base, ==, "http://127.0.0.1:9");
  g_assert_cmpstr (s->privacy, ==, "unlisted");
  g_assert_cmpstr (s->category_id, ==, "29");
  g_assert_cmpstr (s->language, ==, "en");
  g_assert_cmpstr (s->caption_name, ==, "English");
}

static void
test_run_json_nulls_are_defaults (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PlenumYoutubeSettings) s = parse_settings (
      "{\"name\": \"Rat\", \"archive\": {\"title\": null, \"youtube\": {\"privacy\": null}}}",
      &error);

  g_assert_no_error (error);
  g_assert_cmpstr (s->title, ==, "Rat");
  g_assert_cmpstr (s->privacy, ==, "private");
}

static void
test_run_json_mistake_names_the_file_and_field (void)
{
  const struct {
    const char *json, *field;
  } cases[] = {
    { "{\"name\": \"R\", \"archive\": {\"youtube\": {\"privacy\": \"secret\"}}}",
      "archive.youtube.privacy" },
    { "{\"name\": \"R\", \"archive\": {\"youtube\": {\"api_base\": \"ftp://x\"}}}",
      "archive.youtube.api_base" },
    { "{\"name\": \"R\", \"archive\": {\"youtube\": {\"language\": 7}}}",
      "archive.youtube.language" },
    { "{\"name\": \"R\", \"archive\": {\"youtube\": []}}", "archive.youtube" },
    { "{\"name\": \"R\", \"archive\": {\"title\": \"  \"}}", "archive.title" },
    { "{}", "name" },
    { "[1]", "not a JSON object" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (PlenumYoutubeSettings) s = parse_settings (cases[i].json, &error);
    g_assert_null (s);
    g_assert_nonnull (error);
    g_test_message ("%s", error->message);
    g_assert_true (g_str_has_prefix (error->message, "DIR/run.json: "));
    g_assert_nonnull (strstr (error->message, cases[i].field));
  }
}

/* ---- Answers --------------------------------------------------------------------------------- */

static void
test_error_reason_and_message_come_from_a_google_error (void)
{
  const char *quota = "{\"error\": {\"code\": 403, \"message\": \"The request cannot be "
                      "completed because you have exceeded your quota.\", \"errors\": "
                      "[{\"message\": \"…\", \"domain\": \"youtube.quota\", "
                      "\"reason\": \"quotaExceeded\"}]}}";
  g_autofree char *reason = plenum_youtube_error_reason (quota, strlen (quota));
  const char *oauth_json = "{\"error\": \"invalid_token\"}";
  g_autofree char *oauth = plenum_youtube_error_reason (oauth_json, strlen (oauth_json));
  g_autofree char *html = plenum_youtube_error_reason ("<html>502</html>", 16);

  g_assert_cmpstr (reason, ==, "quotaExceeded: The request cannot be completed because you "
                   "have exceeded your quota.");
  g_assert_cmpstr (oauth, ==, "invalid_token");
  g_assert_null (html);
}

static void
test_video_id_only_safe_ids_are_taken (void)
{
  const char *good_json = "{\"kind\":\"youtube#video\",\"id\":\"dQw4w9WgX-_\"}";
  const char *evil_json = "{\"id\":\"a/../b\\u001b[2J\"}";
  const char *none_json = "{\"kind\":\"youtube#video\"}";
  g_autofree char *good = plenum_youtube_video_id (good_json, strlen (good_json));
  g_autofree char *evil = plenum_youtube_video_id (evil_json, strlen (evil_json));
  g_autofree char *none = plenum_youtube_video_id (none_json, strlen (none_json));

  g_assert_cmpstr (good, ==, "dQw4w9WgX-_");
  g_assert_null (evil);
  g_assert_null (none);
}

/* ---- Captions -------------------------------------------------------------------------------- */

static const char vtt[] = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nGrüße an alle Bürger\n\n"
                          "00:00:03.500 --> 00:00:05.000\nTOP 1: Eröffnung\n";

static void
test_captions_multipart_body_is_byte_exact (void)
{
  g_autofree char *snippet = plenum_youtube_caption_snippet ("vid_123", "de", "Deutsch");
  g_autoptr (GBytes) body = plenum_youtube_caption_body ("BOUND", snippet, vtt, strlen (vtt));
  g_autofree char *expected = g_strconcat (
      "--BOUND\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n"
      "{\"snippet\":{\"videoId\":\"vid_123\",\"language\":\"de\",\"name\":\"Deutsch\","
      "\"isDraft\":false}}\r\n--BOUND\r\nContent-Type: text/vtt\r\n\r\n",
      vtt, "\r\n--BOUND--\r\n", NULL);
  gsize length = 0;
  const char *data = g_bytes_get_data (body, &length);

  g_assert_cmpuint (length, ==, strlen (expected));
  g_assert_cmpmem (data, length, expected, strlen (expected));
}

static void
test_captions_boundary_occurs_in_neither_part (void)
{
  const char *data = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n--plenum-0000\n";
  g_autofree char *first = plenum_youtube_caption_boundary ("{}", data, strlen (data));
  g_autofree char *second = plenum_youtube_caption_boundary ("{}", data, strlen (data));

  g_assert_true (plenum_multipart_boundary_fits (first, data, strlen (data)));
  g_assert_false (plenum_multipart_boundary_fits ("plenum-0000", data, strlen (data)));
  g_assert_false (plenum_multipart_boundary_fits ("-->", data, strlen (data)));
  g_assert_cmpstr (first, !=, second);
  g_assert_cmpuint (strlen (first), <=, 70);   /* RFC 2046 */
}

static void
test_captions_need_a_timing_line (void)
{
  const char *empty = "WEBVTT\n\nNOTE nothing was said\n";

  g_assert_true (plenum_youtube_vtt_has_cues (vtt, strlen (vtt)));
  g_assert_false (plenum_youtube_vtt_has_cues (empty, strlen (empty)));
  g_assert_false (plenum_youtube_vtt_has_cues ("", 0));
}

/* captions.list as YouTube documents its answer: a track counts only with both the language
 * and the name (a German auto-generated track is not ours). */
static void
test_captions_list_finds_the_track_by_language_and_name (void)
{
  const char *answer =
      "{\"kind\": \"youtube#captionListResponse\", \"etag\": \"x\", \"items\": ["
      "{\"kind\": \"youtube#caption\", \"id\": \"a\", \"snippet\": {\"videoId\": \"v\","
      " \"trackKind\": \"asr\", \"language\": \"de\", \"name\": \"\"}},"
      "{\"kind\": \"youtube#caption\", \"id\": \"b\", \"snippet\": {\"videoId\": \"v\","
      " \"trackKind\": \"standard\", \"language\": \"en\", \"name\": \"Deutsch\"}}]}";
  const char *ours =
      "{\"items\": [{\"snippet\": {\"language\": \"de\", \"name\": \"Deutsch\"}}]}";

  g_assert_false (plenum_youtube_caption_list_has (answer, strlen (answer), "de", "Deutsch"));
  g_assert_true (plenum_youtube_caption_list_has (ours, strlen (ours), "de", "Deutsch"));
  g_assert_false (plenum_youtube_caption_list_has ("{\"items\": []}", 13, "de", "Deutsch"));
  g_assert_false (plenum_youtube_caption_list_has ("not json", 8, "de", "Deutsch"));
}

/* ---- upload.json and the progress line ------------------------------------------------------- */

static void
test_record_round_trips_and_only_its_owner_may_read_it (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("plenum-upload-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "upload.json", NULL);
  g_autoptr (PlenumUploadRecord) empty = plenum_upload_record_load (path, &error);
  PlenumUploadRecord record = { .session_uri = "https://example.org/upload?upload_id=S",
                                .api_base = "https://example.org", .size = 3000000,
                                .mtime_s = 1790000000, .video_id = "abc", .captions_done = TRUE };
  g_autoptr (PlenumUploadRecord) loaded = NULL;
  GStatBuf info;

  g_assert_no_error (error);
  g_assert_null (empty->session_uri);
  g_assert_null (empty->video_id);
  g_assert_true (plenum_upload_record_save (&record, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  loaded = plenum_upload_record_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->session_uri, ==, record.session_uri);
  g_assert_cmpstr (loaded->api_base, ==, record.api_base);
  g_assert_cmpuint (loaded->size, ==, record.size);
  g_assert_cmpint (loaded->mtime_s, ==, record.mtime_s);
  g_assert_cmpstr (loaded->video_id, ==, "abc");
  g_assert_true (loaded->captions_done);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_progress_line_shows_bytes_percent_rate_and_time_left (void)
{
  g_autofree char *middle = plenum_progress_bar_format ("upload", 1500000, 3000000, 500000);
  g_autofree char *start = plenum_progress_bar_format ("upload", 0, 3000000, -1);
  g_autofree char *end = plenum_progress_bar_format ("upload", 3000000, 3000000, 2e6);
  g_autofree char *long_wait = plenum_progress_bar_format ("upload", 0, 4000000000, 1e6);

  g_assert_cmpstr (middle, ==, "upload: 1.5 of 3.0 MB (50 %), 0.5 MB/s, 3 s left");
  g_assert_cmpstr (start, ==, "upload: 0.0 of 3.0 MB (0 %)");
  g_assert_cmpstr (end, ==, "upload: 3.0 of 3.0 MB (100 %), 2.0 MB/s");
  g_assert_cmpstr (long_wait, ==, "upload: 0.0 of 4000.0 MB (0 %), 1.0 MB/s, 1:06:40 left");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/upload/youtube/range/resumes-after-the-last-byte-the-server-has",
                   test_range_resumes_after_the_last_byte);
  g_test_add_func ("/upload/youtube/range/missing-means-nothing-arrived",
                   test_range_missing_means_nothing_arrived);
  g_test_add_func ("/upload/youtube/range/that-is-not-from-zero-is-refused",
                   test_range_that_is_not_from_zero_is_refused);
  g_test_add_func ("/upload/youtube/chunk/is-a-multiple-of-256-kib",
                   test_chunk_is_a_multiple_of_256_kib);
  g_test_add_func ("/upload/youtube/chunk/is-at-least-256-kib", test_chunk_is_at_least_256_kib);
  g_test_add_func ("/upload/youtube/chunk/setting-that-is-not-a-number-keeps-the-default",
                   test_chunk_setting_that_is_not_a_number_keeps_the_default);
  g_test_add_func ("/upload/youtube/backoff/doubles-up-to-32-times-the-first-delay",
                   test_backoff_doubles_up_to_32_times_the_first_delay);
  g_test_add_func ("/upload/youtube/title/is-cut-at-100-characters-not-bytes",
                   test_title_is_cut_at_100_characters_not_bytes);
  g_test_add_func ("/upload/youtube/title/angle-brackets-become-guillemets",
                   test_title_angle_brackets_become_guillemets);
  g_test_add_func ("/upload/youtube/description/chapters-follow-a-blank-line",
                   test_description_chapters_follow_a_blank_line);
  g_test_add_func ("/upload/youtube/description/is-cut-at-5000-bytes-on-a-whole-chapter-line",
                   test_description_is_cut_at_5000_bytes_on_a_whole_chapter_line);
  g_test_add_func ("/upload/youtube/description/is-cut-on-a-character-boundary",
                   test_description_is_cut_on_a_character_boundary);
  g_test_add_func ("/upload/youtube/resource/has-snippet-and-status-as-youtube-documents",
                   test_resource_has_snippet_and_status_as_youtube_documents);
  g_test_add_func ("/upload/youtube/run-json/without-archive-gets-every-default",
                   test_run_json_without_archive_gets_every_default);
  g_test_add_func ("/upload/youtube/run-json/archive-settings-are-taken",
                   test_run_json_archive_settings_are_taken);
  g_test_add_func ("/upload/youtube/run-json/nulls-are-defaults", test_run_json_nulls_are_defaults);
  g_test_add_func ("/upload/youtube/run-json/a-mistake-names-the-file-and-field",
                   test_run_json_mistake_names_the_file_and_field);
  g_test_add_func ("/upload/youtube/error/reason-and-message-come-from-a-google-error",
                   test_error_reason_and_message_come_from_a_google_error);
  g_test_add_func ("/upload/youtube/video-id/only-safe-ids-are-taken",
                   test_video_id_only_safe_ids_are_taken);
  g_test_add_func ("/upload/youtube/captions/multipart-body-is-byte-exact",
                   test_captions_multipart_body_is_byte_exact);
  g_test_add_func ("/upload/youtube/captions/boundary-occurs-in-neither-part",
                   test_captions_boundary_occurs_in_neither_part);
  g_test_add_func ("/upload/youtube/captions/need-a-timing-line", test_captions_need_a_timing_line);
  g_test_add_func ("/upload/youtube/captions/list-finds-the-track-by-language-and-name",
                   test_captions_list_finds_the_track_by_language_and_name);
  g_test_add_func ("/upload/record/round-trips-and-only-its-owner-may-read-it",
                   test_record_round_trips_and_only_its_owner_may_read_it);
  g_test_add_func ("/upload/progress/line-shows-bytes-percent-rate-and-time-left",
                   test_progress_line_shows_bytes_percent_rate_and_time_left);
  return g_test_run ();
}

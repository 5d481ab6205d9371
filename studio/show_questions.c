/* show_questions.c — the show file's "questions" section: collectors, form, moderation. */
#include "studio/show_private.h"

#include "studio/question_queue.h"

static const char *const http_schemes[] = { "http", "https", NULL };

static char *
check_api_base (PlenumChecker *c, const cJSON *object, const char *fallback)
{
  if (!cJSON_HasObjectItem (object, "api_base"))
    return g_strdup (fallback);
  return plenum_checker_url (c, object, "api_base", TRUE, http_schemes);
}

static void
check_youtube (PlenumChecker *c, const cJSON *questions, PlenumYoutubeQuestionsConfig *config)
{
  static const char *const keys[] = {
    "api_base", "ca_file", "key_env", "live_chat_id", "token_env", "video_id", NULL
  };
  gsize mark;
  const cJSON *object = plenum_checker_enter_object (c, questions, "youtube", keys, &mark);

  config->present = object != NULL;
  if (object != NULL) {
    const char *token_env = NULL, *key_env = NULL;
    config->live_chat_id = g_strdup (plenum_checker_string (c, object, "live_chat_id", FALSE));
    config->video_id = g_strdup (plenum_checker_string (c, object, "video_id", FALSE));
    if (!cJSON_HasObjectItem (object, "live_chat_id") && !cJSON_HasObjectItem (object, "video_id"))
      plenum_checker_problem (c, NULL, "needs live_chat_id or video_id");
    config->token = plenum_checker_secret (c, object, "token_env", FALSE, &token_env);
    config->token_env = g_strdup (token_env);
    config->key = plenum_checker_secret (c, object, "key_env", FALSE, &key_env);
    config->key_env = g_strdup (key_env);
    if (!cJSON_HasObjectItem (object, "token_env") && !cJSON_HasObjectItem (object, "key_env"))
      plenum_checker_problem (c, NULL, "needs token_env (OAuth token) or key_env (API key): "
                              "YouTube answers no request without one");
    config->api_base = check_api_base (c, object, "https://www.googleapis.com");
    config->ca_file = plenum_checker_path (c, object, "ca_file", FALSE, PLENUM_PATH_EXISTING_FILE);
  }
  plenum_checker_leave (c, mark);
}

static void
check_facebook (PlenumChecker *c, const cJSON *questions, PlenumFacebookQuestionsConfig *config)
{
  static const char *const keys[] = {
    "api_base", "ca_file", "live_video_id", "poll_ms", "token_env", NULL
  };
  gsize mark;
  const cJSON *object = plenum_checker_enter_object (c, questions, "facebook", keys, &mark);

  config->present = object != NULL;
  if (object != NULL) {
    const char *token_env = NULL;
    config->live_video_id = g_strdup (plenum_checker_string (c, object, "live_video_id", TRUE));
    config->token = plenum_checker_secret (c, object, "token_env", TRUE, &token_env);
    config->token_env = g_strdup (token_env);
    config->api_base = check_api_base (c, object, "https://graph.facebook.com");
    config->ca_file = plenum_checker_path (c, object, "ca_file", FALSE, PLENUM_PATH_EXISTING_FILE);
    config->poll_ms = plenum_checker_int (c, object, "poll_ms", 5000, 100, 600000);
  }
  plenum_checker_leave (c, mark);
}

void
plenum_show_check_questions (PlenumChecker *c, const cJSON *root, PlenumShow *show)
{
  static const char *const keys[] = {
    "block_words", "facebook", "form", "hold_links", "max_queued", "show_names", "youtube", NULL
  };
  static const char *const form_keys[] = { "listen", NULL };
  PlenumQuestionsConfig *config = &show->questions;
  gsize mark, form_mark;
  const cJSON *questions = plenum_checker_enter_object (c, root, "questions", keys, &mark);

  config->block_words = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  config->hold_links = TRUE;
  config->max_queued = PLENUM_QUESTION_QUEUE_DEFAULT_CAP;
  if (questions != NULL) {
    plenum_checker_string_list (c, questions, "block_words", config->block_words);
    config->hold_links = plenum_checker_bool (c, questions, "hold_links", TRUE);
    config->max_queued = plenum_checker_int (c, questions, "max_queued", PLENUM_QUESTION_QUEUE_DEFAULT_CAP, 10, 1000000);
    config->show_names = plenum_checker_bool (c, questions, "show_names", FALSE);
  }
  check_youtube (c, questions, &config->youtube);
  check_facebook (c, questions, &config->facebook);
  const cJSON *form = plenum_checker_enter_object (c, questions, "form", form_keys, &form_mark);
  if (form != NULL)
    config->form_listen = plenum_checker_listen (c, form, "listen", NULL);
  plenum_checker_leave (c, form_mark);
  plenum_checker_leave (c, mark);
}

void
plenum_show_clear_questions (PlenumQuestionsConfig *questions)
{
  PlenumYoutubeQuestionsConfig *youtube = &questions->youtube;
  PlenumFacebookQuestionsConfig *facebook = &questions->facebook;

  g_free (youtube->live_chat_id);
  g_free (youtube->video_id);
  g_free (youtube->token_env);
  g_free (youtube->token);
  g_free (youtube->key_env);
  g_free (youtube->key);
  g_free (youtube->api_base);
  g_free (youtube->ca_file);
  g_free (facebook->live_video_id);
  g_free (facebook->token_env);
  g_free (facebook->token);
  g_free (facebook->api_base);
  g_free (facebook->ca_file);
  g_free (questions->form_listen);
  g_clear_pointer (&questions->block_words, g_ptr_array_unref);
}

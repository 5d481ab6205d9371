#include "studio/question_desk.h"

#include "studio/chat_poller.h"
#include "studio/question_form.h"

#define YOUTUBE_PAGE_SIZE 2000   /* liveChatMessages.list's largest maxResults */
#define YOUTUBE_DEFAULT_WAIT_MS 5000
#define FACEBOOK_PAGE_SIZE 100

struct _PlenumQuestionDesk {
  PlenumStudio *studio;
  PlenumLog *log;
  PlenumChatPoller *youtube, *facebook;
  PlenumQuestionForm *form;
};

static void
on_messages (const char *source, GPtrArray *messages, GPtrArray *deleted_ids, gpointer user_data)
{
  PlenumQuestionDesk *desk = user_data;
  PlenumQuestionQueue *queue = plenum_studio_questions (desk->studio);
  gint64 now_ms = plenum_studio_program_ms (desk->studio);
  gboolean changed = FALSE;

  for (guint i = 0; i < messages->len; i++) {
    const PlenumChatMessage *message = g_ptr_array_index (messages, i);
    /* Repeats, messages over 500 characters and a queue full of kept questions are left
     * out; the queue counts what it drops for the cap. */
    const PlenumQuestion *question = plenum_question_queue_add (
        queue, source, message->author, FALSE, message->text, now_ms, NULL);
    if (question != NULL) {
      plenum_question_queue_set_external_id (queue, question->id, message->id);
      changed = TRUE;
    }
  }
  for (guint i = 0; i < deleted_ids->len; i++) {
    const PlenumQuestion *withdrawn =
        plenum_question_queue_withdraw (queue, source, g_ptr_array_index (deleted_ids, i));
    if (withdrawn != NULL) {
      plenum_log_event (desk->log, "questions: %s withdrew %s (deleted on the platform)", source,
                        withdrawn->id);
      changed = TRUE;
    }
  }
  if (changed)
    plenum_studio_questions_changed (desk->studio);
}

static void
on_notice (const char *source, const char *text, PlenumChatPollerState state,
           gpointer user_data)
{
  PlenumQuestionDesk *desk = user_data;

  (void) source, (void) state;
  plenum_log_event (desk->log, "questions: %s", text);
}

static gboolean
on_form_question (const char *author, gboolean show_name, const char *text, gpointer user_data,
                  GError **error)
{
  PlenumQuestionDesk *desk = user_data;
  PlenumQuestionQueue *queue = plenum_studio_questions (desk->studio);
  GError *local = NULL;
  const PlenumQuestion *question = plenum_question_queue_add (
      queue, "form", author, show_name, text, plenum_studio_program_ms (desk->studio), &local);

  if (local != NULL) {
    g_propagate_error (error, local);
    return FALSE;
  }
  if (question == NULL) {
    g_set_error_literal (error, PLENUM_QUESTION_ERROR, PLENUM_QUESTION_ERROR_INVALID,
                         "the same question is already in the queue");
    return FALSE;
  }
  plenum_log_event (desk->log, "questions: %s from the web form%s", question->id,
                    question->state == PLENUM_QUESTION_HELD ? " (held)" : "");
  plenum_studio_questions_changed (desk->studio);
  return TRUE;
}

static void
start_youtube (PlenumQuestionDesk *desk, const PlenumYoutubeQuestionsConfig *youtube)
{
  PlenumChatPollerConfig config = {
    .source = "youtube", .api_base = youtube->api_base, .chat_id = youtube->live_chat_id,
    .video_id = youtube->video_id, .token = youtube->token, .api_key = youtube->key,
    .ca_file = youtube->ca_file,
    .default_wait_ms = YOUTUBE_DEFAULT_WAIT_MS, .page_size = YOUTUBE_PAGE_SIZE,
  };

  desk->youtube = plenum_chat_poller_new (&config, on_messages, on_notice, desk);
  plenum_log_event (desk->log, "questions: reading YouTube live chat %s",
                    youtube->live_chat_id ? youtube->live_chat_id : youtube->video_id);
}

static void
start_facebook (PlenumQuestionDesk *desk, const PlenumFacebookQuestionsConfig *facebook)
{
  PlenumChatPollerConfig config = {
    .source = "facebook", .api_base = facebook->api_base, .chat_id = facebook->live_video_id,
    .token = facebook->token, .ca_file = facebook->ca_file,
    .default_wait_ms = (guint) facebook->poll_ms,
    .page_size = FACEBOOK_PAGE_SIZE,
  };

  desk->facebook = plenum_chat_poller_new (&config, on_messages, on_notice, desk);
  plenum_log_event (desk->log, "questions: reading Facebook live comments of video %s",
                    facebook->live_video_id);
}

PlenumQuestionDesk *
plenum_question_desk_new (const PlenumQuestionsConfig *config, PlenumStudio *studio,
                          PlenumLog *log, GError **error)
{
  PlenumQuestionDesk *desk = g_new0 (PlenumQuestionDesk, 1);

  desk->studio = studio;
  desk->log = log;
  if (config->form_listen != NULL) {
    desk->form = plenum_question_form_new (config->form_listen, plenum_studio_show (studio)->name,
                                           on_form_question, desk, error);
    if (desk->form == NULL) {
      g_prefix_error (error, "questions.form: ");
      plenum_question_desk_free (desk);
      return NULL;
    }
    plenum_log_event (log, "questions: web form on http://%s/", config->form_listen);
  }
  if (config->youtube.present)
    start_youtube (desk, &config->youtube);
  if (config->facebook.present)
    start_facebook (desk, &config->facebook);
  return desk;
}

void
plenum_question_desk_free (PlenumQuestionDesk *desk)
{
  if (desk == NULL)
    return;
  plenum_chat_poller_free (desk->youtube);
  plenum_chat_poller_free (desk->facebook);
  plenum_question_form_free (desk->form);
  g_free (desk);
}

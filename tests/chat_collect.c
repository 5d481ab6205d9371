/* chat_collect — runs one chat poller (studio/chat_poller.h) on its own, for the collector
 * tests and bench/questions.sh.
 *
 *   chat_collect youtube|facebook API_BASE CHAT_ID [--video ID] [--token T] [--key K]
 *                [--wait-ms N] [--page-size N] [--queue CAP --save DIR] [--quiet]
 *
 * Prints one JSON line per message ({"id","author","text"}) and per notice ({"notice",
 * "state"}); with --queue, puts the messages into a question queue of that cap and saves
 * questions.json into DIR after each page, as the show does. Exits 0 when the chat ended,
 * 1 when the poller failed, and prints {"messages":N,"queued":N,"dropped":N,"seconds":S}.
 */
#include <cjson/cJSON.h>
#include <stdio.h>

#include "studio/chat_poller.h"
#include "studio/question_queue.h"

typedef struct {
  GMainLoop *loop;
  PlenumQuestionQueue *queue;
  char *save_path;
  gboolean quiet;
  guint64 messages;
  int exit_code;
} Collect;

static void
print_json (cJSON *object)
{
  char *line = cJSON_PrintUnformatted (object);
  puts (line);
  fflush (stdout);
  cJSON_free (line);
  cJSON_Delete (object);
}

static void
on_messages (const char *source, GPtrArray *messages, GPtrArray *deleted_ids, gpointer user_data)
{
  Collect *collect = user_data;

  collect->messages += messages->len;
  for (guint i = 0; i < messages->len; i++) {
    const PlenumChatMessage *message = g_ptr_array_index (messages, i);
    if (collect->queue) {
      const PlenumQuestion *question = plenum_question_queue_add (
          collect->queue, source, message->author, FALSE, message->text, -1, NULL);
      if (question)
        plenum_question_queue_set_external_id (collect->queue, question->id, message->id);
    }
    if (!collect->quiet) {
      cJSON *line = cJSON_CreateObject ();
      cJSON_AddStringToObject (line, "id", message->id);
      if (message->author)
        cJSON_AddStringToObject (line, "author", message->author);
      else
        cJSON_AddNullToObject (line, "author");
      cJSON_AddStringToObject (line, "text", message->text);
      print_json (line);
    }
  }
  for (guint i = 0; i < deleted_ids->len; i++) {
    if (collect->queue)
      plenum_question_queue_withdraw (collect->queue, source, g_ptr_array_index (deleted_ids, i));
    if (!collect->quiet) {
      cJSON *line = cJSON_CreateObject ();
      cJSON_AddStringToObject (line, "deleted", g_ptr_array_index (deleted_ids, i));
      print_json (line);
    }
  }
  if (collect->queue && collect->save_path) {
    g_autoptr (GError) error = NULL;
    if (!plenum_question_queue_save (collect->queue, collect->save_path, &error))
      g_printerr ("chat_collect: %s\n", error->message);
  }
}

static void
on_notice (const char *source, const char *text, PlenumChatPollerState state, gpointer user_data)
{
  Collect *collect = user_data;
  cJSON *line = cJSON_CreateObject ();

  (void) source;
  cJSON_AddStringToObject (line, "notice", text);
  cJSON_AddStringToObject (line, "state", plenum_chat_poller_state_to_string (state));
  print_json (line);
  if (state == PLENUM_CHAT_POLLER_ENDED || state == PLENUM_CHAT_POLLER_FAILED) {
    collect->exit_code = state == PLENUM_CHAT_POLLER_ENDED ? 0 : 1;
    g_main_loop_quit (collect->loop);
  }
}

int
main (int argc, char **argv)
{
  g_autofree char *video = NULL, *token = NULL, *key = NULL, *save_dir = NULL;
  int wait_ms = 5000, page_size = 2000, cap = 0;
  gboolean quiet = FALSE;
  GOptionEntry entries[] = {
    { "video", 0, 0, G_OPTION_ARG_STRING, &video, "YouTube video id", "ID" },
    { "token", 0, 0, G_OPTION_ARG_STRING, &token, "bearer token", "T" },
    { "key", 0, 0, G_OPTION_ARG_STRING, &key, "YouTube API key", "K" },
    { "wait-ms", 0, 0, G_OPTION_ARG_INT, &wait_ms, "default wait", "N" },
    { "page-size", 0, 0, G_OPTION_ARG_INT, &page_size, "page size", "N" },
    { "queue", 0, 0, G_OPTION_ARG_INT, &cap, "queue cap", "N" },
    { "save", 0, 0, G_OPTION_ARG_FILENAME, &save_dir, "save questions.json here", "DIR" },
    { "quiet", 0, 0, G_OPTION_ARG_NONE, &quiet, "no line per message", NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) options = g_option_context_new ("SOURCE API_BASE CHAT_ID");
  g_autoptr (GError) error = NULL;
  Collect collect = { .exit_code = 1 };

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error) || argc != 4) {
    g_printerr ("chat_collect: %s\n", error ? error->message : "SOURCE API_BASE CHAT_ID");
    return 2;
  }
  collect.loop = g_main_loop_new (NULL, FALSE);
  collect.quiet = quiet;
  if (cap > 0) {
    collect.queue = plenum_question_queue_new ();
    plenum_question_queue_set_cap (collect.queue, (guint) cap);
  }
  if (save_dir)
    collect.save_path = g_build_filename (save_dir, "questions.json", NULL);

  PlenumChatPollerConfig config = {
    .source = argv[1], .api_base = argv[2], .chat_id = *argv[3] ? argv[3] : NULL,
    .video_id = video, .token = token, .api_key = key,
    .default_wait_ms = (guint) wait_ms, .page_size = (guint) page_size,
  };
  gint64 start = g_get_monotonic_time ();
  PlenumChatPoller *poller = plenum_chat_poller_new (&config, on_messages, on_notice, &collect);
  g_main_loop_run (collect.loop);
  plenum_chat_poller_free (poller);

  cJSON *summary = cJSON_CreateObject ();
  cJSON_AddNumberToObject (summary, "messages", (double) collect.messages);
  cJSON_AddNumberToObject (summary, "queued",
                           collect.queue ? plenum_question_queue_length (collect.queue) : 0);
  cJSON_AddNumberToObject (summary, "dropped",
                           collect.queue ? (double) plenum_question_queue_dropped (collect.queue) : 0);
  cJSON_AddNumberToObject (summary, "seconds", (g_get_monotonic_time () - start) / 1e6);
  print_json (summary);
  plenum_question_queue_free (collect.queue);
  g_free (collect.save_path);
  g_main_loop_unref (collect.loop);
  return collect.exit_code;
}

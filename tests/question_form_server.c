/* question_form_server HOST:PORT [MIN_INTERVAL_S MAX_PER_HOUR] — only the citizens' question
 * form, for tests/integration/question_form.sh: prints "listening PORT" once bound, then one
 * JSON line per submission ({"author": …, "show_name": …, "text": …}) and exits on SIGTERM or
 * SIGINT. Like the real queue it refuses a text it already took, with the queue's message, so
 * the refusal page can be tested. The optional limits replace the form's defaults (0: off). */
#include <cjson/cJSON.h>
#include <gio/gio.h>
#include <glib-unix.h>
#include <gst/gst.h>
#include <signal.h>
#include <stdio.h>

#include "studio/question_form.h"

typedef struct {
  GMainLoop *loop;
  GHashTable *taken;        /* texts already taken (owned) */
} Server;

static gboolean
on_submit (const char *author, gboolean show_name, const char *text, gpointer user_data,
           GError **error)
{
  Server *server = user_data;
  cJSON *json;
  char *line;

  if (g_hash_table_contains (server->taken, text)) {
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                         "the same question is already in the queue");
    return FALSE;
  }
  g_hash_table_add (server->taken, g_strdup (text));
  json = cJSON_CreateObject ();
  if (author != NULL)
    cJSON_AddStringToObject (json, "author", author);
  else
    cJSON_AddNullToObject (json, "author");
  cJSON_AddBoolToObject (json, "show_name", show_name);
  cJSON_AddStringToObject (json, "text", text);
  line = cJSON_PrintUnformatted (json);
  printf ("%s\n", line);
  fflush (stdout);
  cJSON_free (line);
  cJSON_Delete (json);
  return TRUE;
}

static gboolean
on_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
parse_limit (const char *text, guint *value)
{
  guint64 parsed;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &parsed, NULL))
    return FALSE;
  *value = (guint) parsed;
  return TRUE;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PlenumQuestionForm) form = NULL;
  Server server = { 0 };
  guint min_interval_s = 0, max_per_hour = 0;

  gst_init (&argc, &argv);
  if ((argc != 2 && argc != 4) ||
      (argc == 4 && (!parse_limit (argv[2], &min_interval_s) ||
                     !parse_limit (argv[3], &max_per_hour)))) {
    fprintf (stderr, "usage: %s HOST:PORT [MIN_INTERVAL_S MAX_PER_HOUR]\n", argv[0]);
    return 2;
  }
  server.loop = g_main_loop_new (NULL, FALSE);
  server.taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  form = plenum_question_form_new (argv[1], "Bürgerversammlung <Test>", on_submit, &server,
                                   &error);
  if (form == NULL) {
    fprintf (stderr, "question_form_server: %s\n", error->message);
    return 1;
  }
  if (argc == 4)
    plenum_question_form_set_rate_limit (form, min_interval_s, max_per_hour);
  g_unix_signal_add (SIGTERM, on_signal, server.loop);
  g_unix_signal_add (SIGINT, on_signal, server.loop);
  printf ("listening %u\n", plenum_question_form_port (form));
  fflush (stdout);
  g_main_loop_run (server.loop);
  g_clear_pointer (&form, plenum_question_form_free);
  g_hash_table_unref (server.taken);
  g_main_loop_unref (server.loop);
  return 0;
}

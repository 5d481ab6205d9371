#include "studio/control_server.h"

#include "studio/http_listener.h"
#include "studio/listen_address.h"
#include "studio/question_export.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>
#include <unistd.h>

GST_DEBUG_CATEGORY_STATIC (plenum_control_debug);
#define GST_CAT_DEFAULT plenum_control_debug

#define JSON_CONTENT_TYPE "application/json; charset=utf-8"

/* The operator's window, a script or two: far more than they need, few enough that idle
 * connections cannot take the show's file descriptors (http_listener.h). */
static const PlenumHttpLimits control_limits = {
  .max_connections = 32, .max_per_client = 16, .idle_timeout_s = 30,
};

struct _PlenumControlServer {
  SoupServer *soup;
  PlenumHttpListener *listener;
  PlenumStudio *studio;         /* borrowed */
  char *token;                  /* secret, or NULL when the API is open (loopback only) */
  guint port;
  PlenumScreenshotFunc screenshot;
  gpointer screenshot_data;
  guint stop_idle;
};

/* ---- replies -------------------------------------------------------------------------- */

/* Sends `json` (transfer full) with `status`. */
static void
reply_json (SoupServerMessage *msg, guint status, cJSON *json)
{
  char *text = cJSON_PrintUnformatted (json);
  gsize length = strlen (text);

  cJSON_Delete (json);
  soup_server_message_set_status (msg, status, NULL);
  /* cJSON allocates with malloc: copy into GLib memory so libsoup may g_free it. */
  soup_server_message_set_response (msg, JSON_CONTENT_TYPE, SOUP_MEMORY_COPY, text, length);
  cJSON_free (text);
}

static void
reply_error (SoupServerMessage *msg, guint status, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
reply_error (SoupServerMessage *msg, guint status, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;
  cJSON *json = cJSON_CreateObject ();

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  cJSON_AddStringToObject (json, "error", message);
  reply_json (msg, status, json);
}

/* {"ok": true} to which a route adds what it changed. */
static cJSON *
ok_object (void)
{
  cJSON *json = cJSON_CreateObject ();
  cJSON_AddBoolToObject (json, "ok", TRUE);
  return json;
}

static guint
status_for_error (const GError *error)
{
  if (error->domain == PLENUM_STUDIO_ERROR) {
    switch ((PlenumStudioError) error->code) {
    case PLENUM_STUDIO_ERROR_UNKNOWN_ID: return SOUP_STATUS_NOT_FOUND;
    case PLENUM_STUDIO_ERROR_INVALID:    return SOUP_STATUS_BAD_REQUEST;
    case PLENUM_STUDIO_ERROR_CONFLICT:   return SOUP_STATUS_CONFLICT;
    }
  } else if (error->domain == PLENUM_QUESTION_ERROR) {
    switch ((PlenumQuestionError) error->code) {
    case PLENUM_QUESTION_ERROR_UNKNOWN_ID: return SOUP_STATUS_NOT_FOUND;
    case PLENUM_QUESTION_ERROR_TRANSITION: return SOUP_STATUS_CONFLICT;
    case PLENUM_QUESTION_ERROR_INVALID:    return SOUP_STATUS_BAD_REQUEST;
    case PLENUM_QUESTION_ERROR_FULL:       return SOUP_STATUS_SERVICE_UNAVAILABLE;
    }
  } else if (error->domain == PLENUM_AGENDA_ERROR) {
    return SOUP_STATUS_CONFLICT;
  }
  return SOUP_STATUS_INTERNAL_SERVER_ERROR;
}

static void
reply_gerror (SoupServerMessage *msg, const GError *error)
{
  reply_error (msg, status_for_error (error), "%s", error->message);
}

/* ---- request bodies ------------------------------------------------------------------- */

/* Sets `request` to a refusal with `status` and its message. */
static void
refuse (PlenumControlRequest *request, guint status, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
refuse (PlenumControlRequest *request, guint status, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_free (request->error);
  request->error = g_strdup_vprintf (format, args);
  va_end (args);
  request->status = status;
}

/* The body as a JSON object, or NULL after refusing with 400 (413 is a last guard: the early
 * checks refuse big bodies as they arrive); (transfer full). */
static cJSON *
parse_body (const char *data, gsize length, PlenumControlRequest *request)
{
  cJSON *json;

  if (length > PLENUM_CONTROL_MAX_BODY) {
    refuse (request, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
            "request body is larger than %d bytes", PLENUM_CONTROL_MAX_BODY);
    return NULL;
  }
  if (length == 0) {
    refuse (request, SOUP_STATUS_BAD_REQUEST, "request body must be a JSON object, got nothing");
    return NULL;
  }
  if (!g_utf8_validate_len (data, length, NULL)) {
    refuse (request, SOUP_STATUS_BAD_REQUEST, "request body is not valid UTF-8");
    return NULL;
  }
  json = cJSON_ParseWithLength (data, length);
  if (json == NULL) {
    refuse (request, SOUP_STATUS_BAD_REQUEST, "request body is not valid JSON");
    return NULL;
  }
  if (!cJSON_IsObject (json)) {
    cJSON_Delete (json);
    refuse (request, SOUP_STATUS_BAD_REQUEST, "request body must be a JSON object");
    return NULL;
  }
  return json;
}

/* A string field; FALSE after replying 400 when it is missing (and `required`) or no string.
 * An optional field that is absent or null leaves `*value` NULL. */
static gboolean
body_string (SoupServerMessage *msg, const cJSON *body, const char *field, gboolean required,
             const char **value)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (body, field);

  *value = NULL;
  if (!required && (item == NULL || cJSON_IsNull (item)))
    return TRUE;
  if (!cJSON_IsString (item)) {
    reply_error (msg, SOUP_STATUS_BAD_REQUEST, "field \"%s\" must be a string", field);
    return FALSE;
  }
  *value = item->valuestring;
  return TRUE;
}

/* A required boolean field; FALSE after replying 400 when it is missing or no boolean. */
static gboolean
body_bool (SoupServerMessage *msg, const cJSON *body, const char *field, gboolean *value)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (body, field);

  if (!cJSON_IsBool (item)) {
    reply_error (msg, SOUP_STATUS_BAD_REQUEST, "field \"%s\" must be true or false", field);
    return FALSE;
  }
  *value = cJSON_IsTrue (item);
  return TRUE;
}

/* ---- routes --------------------------------------------------------------------------- */

/* `arg` is the path's variable part (the question id) or NULL; `body` is NULL for routes
 * that take none. */
typedef void (*RouteFunc) (PlenumControlServer *server, SoupServerMessage *msg,
                           const cJSON *body, const char *arg);

static void
get_status (PlenumControlServer *server, SoupServerMessage *msg, const cJSON *body,
            const char *arg)
{
  (void) body, (void) arg;
  reply_json (msg, SOUP_STATUS_OK, plenum_studio_status_json (server->studio));
}

static void
post_scene (PlenumControlServer *server, SoupServerMessage *msg, const cJSON *body,
            const char *arg)
{
  g_autoptr (GError) error = NULL;
  const char *id;
  cJSON *reply;

  (void) arg;
  if (!body_string (msg, body, "id", TRUE, &id))
    return;
  if (!plenum_studio_set_scene (server->studio, id, &error)) {
    reply_gerror (msg, error);
    return;
  }
  GST_DEBUG ("scene set to %s", id);
  reply = ok_object ();
  cJSON_AddStringToObject (reply, "scene", id);
  reply_json (msg, SOUP_STATUS_OK, reply);
}

static void
post_interpreter (PlenumControlServer *server, SoupServerMessage *msg, const cJSON *body,
                  const char *arg)
{
  gboolean visible;
  cJSON *reply;

  (void) arg;
  if (!body_bool (msg, body, "visible", &visible))
    return;
  plenum_studio_set_interpreter_visible (server->studio, visible);
  GST_DEBUG ("interpreter %s", visible ? "shown" : "hidden");
  reply = ok_object ();
  cJSON_AddBoolToObject (reply, "visible", visible);
  reply_json (msg, SOUP_STATUS_OK, reply);
}

static void
post_captions (PlenumControlServer *server, SoupServerMessage *msg, const cJSON *body,
               const char *arg)
{
  g_autoptr (GError) error = NULL;
  const char *text;

  (void) arg;
  if (!body_string (msg, body, "text", TRUE, &text))
    return;
  if (!plenum_studio_show_caption (server->studio, text, &error)) {
    reply_gerror (msg, error);
    return;
  }
  /* What is said in the room may be personal: the text itself stays at debug level. */
  GST_DEBUG ("caption set: %s", text);
  reply_json (msg, SOUP_STATUS_OK, ok_object ());
}

/* POST /captions/burn_in, /cea608, /archive, /youtube: {"on": bool}. */
static void
post_caption_switch (PlenumControlServer *server, SoupServerMessage *msg, const cJSON *body,
                     void (*set) (PlenumStudio *studio, gboolean on))
{
  gboolean on;
  cJSON *reply;

  if (!body_bool (msg, body, "on", &on))
    return;
  set (server->studio, on);
  reply = ok_object ();
  cJSON_AddBoolToObject (reply, "on", on);
  reply_json (msg, SOUP_STATUS_OK, reply);
}

static void
post_burn_in (PlenumControlServer *server, SoupServerMessage *msg, const cJSON *body,
              const char *arg)
{
  (void) arg;
  post_caption_switch (server, msg, body, plenum_studio_set_burn_in);
}

static void
post_cea608 (PlenumControlServer *server, SoupServerMessage *msg, const cJSON *body,
             const char *arg)
{
  (void) arg;
  post_caption_switch (server, msg, body, plenum_studio_set_cea608);
}

static void
post_caption_archive (PlenumControlServer *server, SoupServerMessage *msg, const cJSON *body,
                      const char *arg)
{
  (void) arg;
  post_caption_switch (server, msg, body, plenum_studio_set_caption_archive);
}

static void
post_caption_youtube (PlenumControlServer *server, SoupServerMessage *msg, const cJSON *body,
                      const char *arg)
{
  (void) arg;
  post_caption_switch (server, msg, body, plenum_studio_set_caption_youtube);
}

static void
post_agenda_next (PlenumControlServer *server, SoupServerMessage *msg, const cJSON *body,
                  const char *arg)
{
  g_autoptr (GError) error = NULL;
  PlenumAgenda *agenda;
  int current;
  cJSON *reply;

  (void) body, (void) arg;
  if (!plenum_studio_agenda_next (server->studio, &error)) {
    reply_gerror (msg, error);
    return;
  }
  agenda = plenum_studio_agenda (server->studio);
  current = plenum_agenda_current (agenda);
  GST_DEBUG ("agenda moved to item %d", current);
  reply = ok_object ();
  cJSON_AddNumberToObject (reply, "item", current);
  cJSON_AddStringToObject (reply, "title", plenum_agenda_item (agenda, current));
  reply_json (msg, SOUP_STATUS_OK, reply);
}

/* Query `name` of the request, or NULL (transfer full). */
static char *
query_value (SoupServerMessage *msg, const char *name)
{
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));
  g_autoptr (GHashTable) params = NULL;

  if (query == NULL)
    return NULL;
  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
  return params ? g_strdup (g_hash_table_lookup (params, name)) : NULL;
}

/* GET /questions[?state=new,held][&only=questions]: the operator's views of the queue. */
static void
get_questions (PlenumControlServer *server, SoupServerMessage *msg, const cJSON *body,
               const char *arg)
{
  g_autofree char *states = query_value (msg, "state");
  g_autofree char *only = query_value (msg, "only");
  g_auto (GStrv) wanted = states ? g_strsplit (states, ",", -1) : NULL;
  cJSON *all = plenum_question_queue_to_json (plenum_studio_questions (server->studio));
  cJSON *item, *next;
  PlenumQuestionState state;

  (void) body, (void) arg;
  for (guint i = 0; wanted && wanted[i]; i++) {
    if (!plenum_question_state_from_string (wanted[i], &state)) {
      cJSON_Delete (all);
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "state: unknown state \"%s\" (new, held, "
                   "approved, rejected, on_air, answered)", wanted[i]);
      return;
    }
  }
  if (only && strcmp (only, "questions") != 0) {
    cJSON_Delete (all);
    reply_error (msg, SOUP_STATUS_BAD_REQUEST, "only: must be \"questions\"");
    return;
  }
  for (item = all->child; item != NULL; item = next) {
    const char *item_state = cJSON_GetStringValue (cJSON_GetObjectItem (item, "state"));
    next = item->next;
    if ((wanted && !g_strv_contains ((const char *const *) wanted, item_state)) ||
        (only && !cJSON_IsTrue (cJSON_GetObjectItem (item, "is_question"))))
      cJSON_Delete (cJSON_DetachItemViaPointer (all, item));
  }
  reply_json (msg, SOUP_STATUS_OK, all);
}

/* GET /questions.csv: the Q&A log for a spreadsheet. */
static void
get_questions_csv (PlenumControlServer *server, SoupServerMessage *msg, const cJSON *body,
                   const char *arg)
{
  char *csv = plenum_question_queue_to_csv (plenum_studio_questions (server->studio),
                                            plenum_studio_show (server->studio)->questions.show_names);

  (void) body, (void) arg;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Content-Disposition", "attachment; filename=questions.csv");
  soup_server_message_set_response (msg, "text/csv; charset=utf-8", SOUP_MEMORY_TAKE, csv,
                                    strlen (csv));
}

/* One question as the queue's JSON has it, so the API has one shape for a question;
 * (transfer full). */
static cJSON *
question_json (PlenumControlServer *server, const char *id)
{
  cJSON *all = plenum_question_queue_to_json (plenum_studio_questions (server->studio));
  cJSON *item, *found = NULL;
  int index = 0;

  cJSON_ArrayForEach (item, all) {
    if (g_strcmp0 (cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (item, "id")), id) == 0) {
      found = cJSON_DetachItemFromArray (all, index);
      break;
    }
    index++;
  }
  cJSON_Delete (all);
  return found != NULL ? found : cJSON_CreateObject ();
}

static void
post_question (PlenumControlServer *server, SoupServerMessage *msg, const cJSON *body,
               const char *arg)
{
  g_autoptr (GError) error = NULL;
  const char *text, *author;
  const PlenumQuestion *question;

  (void) arg;
  if (!body_string (msg, body, "text", TRUE, &text) ||
      !body_string (msg, body, "author", FALSE, &author))
    return;
  question = plenum_studio_add_question (server->studio, author, text, &error);
  if (error != NULL) {
    reply_gerror (msg, error);
    return;
  }
  if (question == NULL) {
    reply_error (msg, SOUP_STATUS_CONFLICT, "the same question is already in the queue");
    return;
  }
  GST_DEBUG ("question %s entered by the operator", question->id);
  reply_json (msg, SOUP_STATUS_CREATED, question_json (server, question->id));
}

static void
post_question_state (PlenumControlServer *server, SoupServerMessage *msg, const cJSON *body,
                     const char *id)
{
  g_autoptr (GError) error = NULL;
  const char *name;
  PlenumQuestionState state;
  cJSON *reply;

  if (!body_string (msg, body, "state", TRUE, &name))
    return;
  if (!plenum_question_state_from_string (name, &state)) {
    reply_error (msg, SOUP_STATUS_BAD_REQUEST,
                 "field \"state\" must be \"approved\", \"rejected\", \"on_air\" or \"answered\"");
    return;
  }
  if (!plenum_studio_set_question_state (server->studio, id, state, &error)) {
    reply_gerror (msg, error);
    return;
  }
  GST_DEBUG ("question %s is now %s", id, name);
  reply = ok_object ();
  cJSON_AddStringToObject (reply, "id", id);
  cJSON_AddStringToObject (reply, "state", plenum_question_state_to_string (state));
  reply_json (msg, SOUP_STATUS_OK, reply);
}

static gboolean
on_stop_idle (gpointer user_data)
{
  PlenumControlServer *server = user_data;

  server->stop_idle = 0;
  plenum_studio_stop (server->studio, "stop requested over the control API");
  return G_SOURCE_REMOVE;
}

static void
post_stop (PlenumControlServer *server, SoupServerMessage *msg, const cJSON *body,
           const char *arg)
{
  (void) body, (void) arg;
  GST_DEBUG ("stop requested");
  reply_json (msg, SOUP_STATUS_OK, ok_object ());
  /* Stopping may end the main loop and free this server: answer first, stop afterwards. */
  if (server->stop_idle == 0)
    server->stop_idle = g_idle_add (on_stop_idle, server);
}

/* The window's picture as the reply (image/bmp): the API writes no file where a caller says,
 * so no request can reach a path of its choosing. */
static void
post_screenshot (PlenumControlServer *server, SoupServerMessage *msg, const cJSON *body,
                 const char *arg)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  int fd;

  (void) body, (void) arg;
  if (server->screenshot == NULL) {
    reply_error (msg, SOUP_STATUS_CONFLICT, "no operator window to take a screenshot of");
    return;
  }
  fd = g_file_open_tmp ("plenum-screenshot-XXXXXX.bmp", &path, &error);
  if (fd < 0) {
    reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "%s", error->message);
    return;
  }
  close (fd);
  if (!server->screenshot (path, server->screenshot_data, &error) ||
      !g_file_get_contents (path, &data, &length, &error)) {
    g_unlink (path);
    reply_error (msg, SOUP_STATUS_CONFLICT, "%s", error->message);
    return;
  }
  g_unlink (path);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "image/bmp", SOUP_MEMORY_TAKE, g_steal_pointer (&data),
                                    length);
}

/* ---- dispatch ------------------------------------------------------------------------- */

typedef struct {
  const char *path;       /* exact, or a prefix ending in "/" when `with_id` */
  gboolean with_id;       /* the rest of the path is one segment handed to `func` */
  const char *method;
  gboolean takes_body;
  RouteFunc func;
} Route;

static const Route routes[] = {
  { "/status",           FALSE, "GET",  FALSE, get_status },
  { "/scene",            FALSE, "POST", TRUE,  post_scene },
  { "/interpreter",      FALSE, "POST", TRUE,  post_interpreter },
  { "/captions",         FALSE, "POST", TRUE,  post_captions },
  { "/captions/burn_in", FALSE, "POST", TRUE,  post_burn_in },
  { "/captions/cea608",  FALSE, "POST", TRUE,  post_cea608 },
  { "/captions/archive", FALSE, "POST", TRUE,  post_caption_archive },
  { "/captions/youtube", FALSE, "POST", TRUE,  post_caption_youtube },
  { "/agenda/next",      FALSE, "POST", FALSE, post_agenda_next },
  { "/questions",        FALSE, "GET",  FALSE, get_questions },
  { "/questions.csv",    FALSE, "GET",  FALSE, get_questions_csv },
  { "/questions",        FALSE, "POST", TRUE,  post_question },
  { "/questions/",       TRUE,  "POST", TRUE,  post_question_state },
  { "/screenshot",       FALSE, "POST", FALSE, post_screenshot },
  { "/stop",             FALSE, "POST", FALSE, post_stop },
};

/* Whether `path` is `route`'s; sets `*arg` (pointing into `path`) for routes with an id. */
static gboolean
route_matches (const Route *route, const char *path, const char **arg)
{
  *arg = NULL;
  if (!route->with_id)
    return strcmp (path, route->path) == 0;
  if (!g_str_has_prefix (path, route->path))
    return FALSE;
  *arg = path + strlen (route->path);
  return **arg != '\0' && strchr (*arg, '/') == NULL;
}

void
plenum_control_request_read (const char *method, const char *path, const char *body,
                             gsize length, PlenumControlRequest *request)
{
  g_autoptr (GString) allowed = g_string_new (NULL);

  *request = (PlenumControlRequest) { .status = SOUP_STATUS_OK, .route = -1 };
  for (gsize i = 0; i < G_N_ELEMENTS (routes); i++) {
    const Route *route = &routes[i];
    const char *arg;

    if (!route_matches (route, path, &arg))
      continue;
    if (strcmp (method, route->method) == 0) {
      if (route->takes_body && (request->body = parse_body (body, length, request)) == NULL)
        return;
      request->route = (int) i;
      request->arg = arg;
      return;
    }
    g_string_append_printf (allowed, "%s%s", allowed->len ? ", " : "", route->method);
  }
  if (allowed->len == 0) {
    refuse (request, SOUP_STATUS_NOT_FOUND, "no such endpoint: %s", path);
    return;
  }
  request->allow = g_string_free (g_steal_pointer (&allowed), FALSE);
  refuse (request, SOUP_STATUS_METHOD_NOT_ALLOWED, "%s takes %s", path, request->allow);
}

void
plenum_control_request_clear (PlenumControlRequest *request)
{
  g_clear_pointer (&request->error, g_free);
  g_clear_pointer (&request->allow, g_free);
  g_clear_pointer (&request->body, cJSON_Delete);
}

static void
dispatch (PlenumControlServer *server, SoupServerMessage *msg, const char *path)
{
  g_autoptr (GBytes) bytes =
      soup_message_body_flatten (soup_server_message_get_request_body (msg));
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  PlenumControlRequest request;

  plenum_control_request_read (soup_server_message_get_method (msg), path, data, length,
                               &request);
  if (request.allow != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                  request.allow);
  if (request.status == SOUP_STATUS_OK)
    routes[request.route].func (server, msg, request.body, request.arg);
  else
    reply_error (msg, request.status, "%s", request.error);
  plenum_control_request_clear (&request);
}

static void
on_request (SoupServer *soup, SoupServerMessage *msg, const char *path, GHashTable *query,
            gpointer user_data)
{
  (void) soup, (void) query;
  dispatch (user_data, msg, path);
}

/* ---- early checks: the token and the body size, before the body is read ---------------- */

/* Compares in time that depends only on the lengths, so the token cannot be guessed byte by
 * byte from response times. */
static gboolean
secret_equal (const char *given, gsize given_length, const char *expected, gsize expected_length)
{
  gsize longest = MAX (given_length, expected_length);
  guint difference = given_length != expected_length;

  for (gsize i = 0; i < longest; i++) {
    guchar a = i < given_length ? (guchar) given[i] : 0;
    guchar b = i < expected_length ? (guchar) expected[i] : 0;
    difference |= a ^ b;
  }
  return difference == 0;
}

static gboolean
is_authorized (const PlenumControlServer *server, SoupServerMessage *msg)
{
  const char *header;

  if (server->token == NULL)
    return TRUE;
  header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                         "Authorization");
  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    return FALSE;
  header += 7;
  while (*header == ' ')
    header++;
  return secret_equal (header, strlen (header), server->token, strlen (server->token));
}

/* libsoup reads a refused request's body all the same (unless the client sent "Expect:
 * 100-continue"): drop it as it arrives, so a huge one costs no memory. */
static void
refuse_early (SoupServerMessage *msg)
{
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  soup_message_body_truncate (soup_server_message_get_request_body (msg));
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Connection", "close");
}

static void
reply_too_large (SoupServerMessage *msg)
{
  reply_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "request body is larger than %d bytes",
               PLENUM_CONTROL_MAX_BODY);
  refuse_early (msg);
}

/* A chunked body has no length up front: count it as it comes. */
static void
on_request_chunk (SoupServerMessage *msg, GBytes *chunk, gpointer user_data)
{
  (void) chunk, (void) user_data;
  if (soup_server_message_get_request_body (msg)->length <= PLENUM_CONTROL_MAX_BODY)
    return;
  g_signal_handlers_disconnect_by_func (msg, on_request_chunk, NULL);
  reply_too_large (msg);
}

static void
on_early_request (SoupServer *soup, SoupServerMessage *msg, const char *path,
                  GHashTable *query, gpointer user_data)
{
  PlenumControlServer *server = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  (void) soup, (void) path, (void) query;
  if (!is_authorized (server, msg)) {
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "WWW-Authenticate", "Bearer");
    reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "missing or wrong bearer token");
    refuse_early (msg);
  } else if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CHUNKED) {
    g_signal_connect (msg, "got-chunk", G_CALLBACK (on_request_chunk), NULL);
  } else if (soup_message_headers_get_content_length (headers) > PLENUM_CONTROL_MAX_BODY) {
    reply_too_large (msg);
  }
}

/* ---- listening ------------------------------------------------------------------------ */

static gboolean
server_listen (PlenumControlServer *server, const char *listen, GError **error)
{
  g_autoptr (GInetSocketAddress) address =
      plenum_listen_address_parse (listen, "control.listen", error);
  g_autoptr (GError) listen_error = NULL;

  if (address == NULL)
    return FALSE;
  if (server->token == NULL &&
      !g_inet_address_get_is_loopback (g_inet_socket_address_get_address (address))) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                 "control.listen: %s is not a loopback address; set control.token_env to "
                 "listen there", listen);
    return FALSE;
  }
  server->listener = plenum_http_listener_new (server->soup, address, &control_limits,
                                               &listen_error);
  if (server->listener == NULL) {
    g_set_error (error, listen_error->domain, listen_error->code,
                 "control.listen: cannot listen on %s: %s", listen, listen_error->message);
    return FALSE;
  }
  server->port = plenum_http_listener_port (server->listener);
  return TRUE;
}

/* ---- the server ----------------------------------------------------------------------- */

PlenumControlServer *
plenum_control_server_new (const PlenumControlConfig *config, PlenumStudio *studio,
                           GError **error)
{
  PlenumControlServer *server;

  g_return_val_if_fail (config != NULL && config->listen != NULL, NULL);
  g_return_val_if_fail (studio != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (plenum_control_debug == NULL)
    GST_DEBUG_CATEGORY_INIT (plenum_control_debug, "plenum-control", 0,
                             "Plenum HTTP control API");
  server = g_new0 (PlenumControlServer, 1);
  server->studio = studio;
  server->token = config->token != NULL && config->token[0] != '\0'
                  ? g_strdup (config->token) : NULL;
  server->soup = soup_server_new (NULL, NULL);
  soup_server_add_early_handler (server->soup, NULL, on_early_request, server, NULL);
  soup_server_add_handler (server->soup, NULL, on_request, server, NULL);
  if (!server_listen (server, config->listen, error)) {
    plenum_control_server_free (server);
    return NULL;
  }
  GST_DEBUG ("control API on %s (port %u)%s", config->listen, server->port,
             server->token != NULL ? " with a bearer token" : "");
  return server;
}

void
plenum_control_server_free (PlenumControlServer *server)
{
  if (server == NULL)
    return;
  if (server->stop_idle)
    g_source_remove (server->stop_idle);
  plenum_http_listener_free (server->listener);
  soup_server_disconnect (server->soup);
  g_object_unref (server->soup);
  if (server->token != NULL)
    memset (server->token, 0, strlen (server->token));
  g_free (server->token);
  g_free (server);
}

void
plenum_control_server_set_screenshot_func (PlenumControlServer *server,
                                           PlenumScreenshotFunc func, gpointer user_data)
{
  g_return_if_fail (server != NULL);
  server->screenshot = func;
  server->screenshot_data = user_data;
}

guint
plenum_control_server_port (const PlenumControlServer *server)
{
  g_return_val_if_fail (server != NULL, 0);
  return server->port;
}

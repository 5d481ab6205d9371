/* The control API's requests (studio/control_server.h): the input is "METHOD PATH", a newline
 * and the body. plenum_control_request_read() finds the route and reads the body as libsoup
 * hands them over; the string fields a route passes on then go where the studio sends them
 * (the question queue, the caption desk's track, the state names). The studio's own actions drive the live pipeline and
 * are left to tests/integration/control_api.sh. */
#include "tests/fuzz/caption_check.h"
#include "studio/control_server.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc, (void) argv;
  plenum_fuzz_init ();
  return 0;
}

static const char *
string_field (const cJSON *body, const char *name)
{
  return cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (body, name));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const uint8_t *newline = memchr (data, '\n', size);
  size_t line_length = newline != NULL ? (size_t) (newline - data) : size;
  g_autofree char *line = plenum_fuzz_text (data, line_length);
  const char *body = newline != NULL ? (const char *) newline + 1 : "";
  size_t body_length = newline != NULL ? size - line_length - 1 : 0;
  char *space = strchr (line, ' ');
  const char *method = line, *path = space != NULL ? space + 1 : "/";
  PlenumControlRequest request;
  PlenumQuestionState state;

  if (space != NULL)
    *space = '\0';
  plenum_control_request_read (method, path, body, body_length, &request);
  g_assert ((request.status == 200) == (request.route >= 0));
  g_assert ((request.status == 200) == (request.error == NULL));
  g_assert (request.error == NULL || request.status >= 400);
  g_assert ((request.allow != NULL) == (request.status == 405));
  if (request.body != NULL) {
    const char *text = string_field (request.body, "text");
    const char *state_name = string_field (request.body, "state");

    g_assert (cJSON_IsObject (request.body));
    if (text != NULL && g_utf8_strlen (text, -1) <= 500) {
      g_autoptr (GPtrArray) captions = g_ptr_array_new ();
      g_autofree char *caption = g_strstrip (g_strdup (text));

      plenum_fuzz_take_question ("operator", string_field (request.body, "author"), FALSE, text);
      g_ptr_array_add (captions, caption);
      plenum_fuzz_show_captions (captions, PLENUM_CAPTION_LIVE);
    }
    if (state_name != NULL)
      plenum_question_state_from_string (state_name, &state);
  }
  plenum_control_request_clear (&request);
  return 0;
}

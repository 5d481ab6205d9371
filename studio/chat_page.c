#include "studio/chat_page.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <string.h>

#define QUOTE_MAX_CHARS 200

void
plenum_chat_page_init (PlenumChatPage *page)
{
  g_return_if_fail (page != NULL);

  *page = (PlenumChatPage) {
    .verdict = PLENUM_CHAT_CONTINUE,
    .messages = g_ptr_array_new_with_free_func ((GDestroyNotify) plenum_chat_message_free),
    .deleted_ids = g_ptr_array_new_with_free_func (g_free),
    .wait_ms = -1,
  };
}

void
plenum_chat_page_clear (PlenumChatPage *page)
{
  g_return_if_fail (page != NULL);

  g_clear_pointer (&page->messages, g_ptr_array_unref);
  g_clear_pointer (&page->deleted_ids, g_ptr_array_unref);
  g_clear_pointer (&page->next_page, g_free);
  g_clear_pointer (&page->reason, g_free);
  page->verdict = PLENUM_CHAT_CONTINUE;
  page->wait_ms = -1;
  page->ended = FALSE;
}

void
plenum_chat_message_free (PlenumChatMessage *message)
{
  if (message == NULL)
    return;
  g_free (message->id);
  g_free (message->author);
  g_free (message->author_id);
  g_free (message->text);
  g_free (message);
}

static gboolean
is_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

/* The character at *p, moving *p past it; each byte that does not start a valid sequence
 * becomes U+FFFD on its own, so a bad byte never swallows the good text after it. */
static gunichar
next_char (const char **p, const char *end)
{
  gunichar c;

  if (**p == '\0') { /* GLib's validator refuses NUL; here it is just a control character */
    *p += 1;
    return 0;
  }
  c = g_utf8_get_char_validated (*p, end - *p);
  if (c == (gunichar) -1 || c == (gunichar) -2) {
    *p += 1;
    return 0xFFFD;
  }
  *p = g_utf8_next_char (*p);
  return c;
}

char *
plenum_chat_clean_text (const char *text, gssize length)
{
  const char *p = text;
  const char *end;
  GString *out;
  gboolean in_space = FALSE;
  gboolean space_has_newline = FALSE;

  if (text == NULL)
    return g_strdup ("");
  end = text + (length < 0 ? strlen (text) : (gsize) length);
  out = g_string_sized_new (end - text);
  while (p < end) {
    gunichar c = next_char (&p, end);

    if (is_control (c) && c != '\n' && c != '\t')
      c = ' ';
    if (g_unichar_isspace (c)) {
      in_space = TRUE;
      space_has_newline |= c == '\n';
      continue;
    }
    /* A run of white space is written only once text follows it: that trims both ends. */
    if (in_space && out->len > 0)
      g_string_append_c (out, space_has_newline ? '\n' : ' ');
    in_space = space_has_newline = FALSE;
    g_string_append_unichar (out, c);
  }
  return g_string_free (out, FALSE);
}

/* Cleaned `text`, or NULL when nothing is left of it. */
static char *
clean_or_null (const char *text)
{
  char *clean = plenum_chat_clean_text (text, -1);

  if (*clean == '\0')
    g_clear_pointer (&clean, g_free);
  return clean;
}

gboolean
plenum_chat_page_add_message (PlenumChatPage *page, const char *id, const char *author,
                              const char *author_id, const char *text,
                              gint64 published_unix_ms)
{
  g_autofree char *clean_text = NULL;
  PlenumChatMessage *message;

  g_return_val_if_fail (page != NULL && page->messages != NULL, FALSE);

  /* The id is a key, not something shown: it is kept byte for byte, or not at all. */
  if (id == NULL || *id == '\0' || !g_utf8_validate (id, -1, NULL))
    return FALSE;
  clean_text = clean_or_null (text);
  if (clean_text == NULL)
    return FALSE;
  message = g_new0 (PlenumChatMessage, 1);
  message->id = g_strdup (id);
  message->author = clean_or_null (author);
  message->author_id = clean_or_null (author_id);
  message->text = g_steal_pointer (&clean_text);
  message->published_unix_ms = published_unix_ms;
  g_ptr_array_add (page->messages, message);
  return TRUE;
}

void
plenum_chat_page_set_verdict (PlenumChatPage *page, PlenumChatVerdict verdict,
                              const char *format, ...)
{
  va_list args;

  g_return_if_fail (page != NULL && format != NULL);

  page->verdict = verdict;
  g_free (page->reason);
  va_start (args, format);
  page->reason = g_strdup_vprintf (format, args);
  va_end (args);
}

PlenumChatVerdict
plenum_chat_verdict_for_status (long http_status)
{
  if (http_status == 429)
    return PLENUM_CHAT_BACKOFF;
  if (http_status == 408)
    return PLENUM_CHAT_RETRY;
  /* The request itself was refused: sending it again gets the same answer. */
  if (http_status >= 400 && http_status < 500)
    return PLENUM_CHAT_STOP;
  return PLENUM_CHAT_RETRY;
}

char *
plenum_chat_quote (const char *message)
{
  g_autofree char *clean = plenum_chat_clean_text (message, -1);
  g_autofree char *cut = NULL;

  g_strdelimit (clean, "\n", ' ');
  if (g_utf8_strlen (clean, -1) <= QUOTE_MAX_CHARS)
    return g_steal_pointer (&clean);
  cut = g_utf8_substring (clean, 0, QUOTE_MAX_CHARS - 1);
  return g_strconcat (g_strchomp (cut), "…", NULL);
}

gint64
plenum_chat_time_parse (const char *text)
{
  g_autoptr (GDateTime) time = NULL;

  if (text == NULL)
    return -1;
  /* No default zone: a time without an offset is unreadable rather than read in whatever zone
   * this machine is in. GLib (2.74, our oldest) takes "+hhmm" as well as "+hh:mm" offsets. */
  time = g_date_time_new_from_iso8601 (text, NULL);
  if (time == NULL)
    return -1;
  return g_date_time_to_unix (time) * 1000 + g_date_time_get_microsecond (time) / 1000;
}

/* The body need not end in NUL: cJSON_ParseWithLength keeps within `length` (the tests feed it
 * exact-size buffers under AddressSanitizer to hold it to that). */
cJSON *
plenum_chat_json_parse (const char *body, gsize length)
{
  if (body == NULL || length == 0)
    return NULL;
  return cJSON_ParseWithLength (body, length);
}

const cJSON *
plenum_chat_json_member (const cJSON *object, const char *name)
{
  /* Only objects have members: checked here, so that a chain of lookups through an untrusted
   * body needs no type check between its steps. */
  return cJSON_IsObject (object) ? cJSON_GetObjectItemCaseSensitive (object, name) : NULL;
}

const char *
plenum_chat_json_text (const cJSON *object, const char *name)
{
  const char *text = cJSON_GetStringValue (plenum_chat_json_member (object, name));

  return text != NULL && *text != '\0' ? text : NULL;
}

gboolean
plenum_chat_json_number (const cJSON *item, double *value)
{
  const char *text = cJSON_GetStringValue (item);
  char *end = NULL;

  if (cJSON_IsNumber (item)) {
    *value = item->valuedouble;
    return isfinite (*value);
  }
  /* The platforms' documented types are not always the ones that arrive: "4868" for 4868. */
  if (text == NULL)
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  if (end == text)
    return FALSE;
  while (g_ascii_isspace (*end))
    end++;
  return *end == '\0' && isfinite (*value);
}

GString *
plenum_chat_url_start (const char *api_base, const char *path)
{
  gsize length = strlen (api_base);
  GString *url;

  while (length > 0 && api_base[length - 1] == '/')
    length--;
  url = g_string_new_len (api_base, length);
  g_string_append (url, path);
  return url;
}

void
plenum_chat_url_append (GString *url, const char *name, const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  g_string_append_printf (url, "&%s=", name);
  g_string_append_uri_escaped (url, value, NULL, FALSE);
}

gboolean
plenum_chat_status_is_success (long http_status)
{
  return http_status >= 200 && http_status <= 299;
}

gboolean
plenum_chat_read_failure (const cJSON *root, gsize length, long http_status, const char *label,
                          PlenumChatErrorReader read_error, PlenumChatPage *page)
{
  const cJSON *error = plenum_chat_json_member (root, "error");

  if (error != NULL && !cJSON_IsNull (error)) {
    read_error (error, http_status, page);
    return TRUE;
  }
  if (!plenum_chat_status_is_success (http_status)) {
    read_error (NULL, http_status, page);
    return TRUE;
  }
  if (!cJSON_IsObject (root)) {
    plenum_chat_page_set_verdict (page, PLENUM_CHAT_RETRY,
                                  "%s: the answer is not a JSON object (HTTP %ld, %" G_GSIZE_FORMAT
                                  " bytes)", label, http_status, length);
    return TRUE;
  }
  return FALSE;
}

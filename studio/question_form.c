#include "studio/question_form.h"

#include "studio/http_listener.h"
#include "studio/listen_address.h"

#include "studio/question_form_limit.h"
#include "studio/question_form_page.h"
#include "studio/question_queue.h"

#include <gio/gio.h>
#include <gst/gst.h>
#include <libsoup/soup.h>
#include <string.h>

GST_DEBUG_CATEGORY_STATIC (plenum_form_debug);
#define GST_CAT_DEFAULT plenum_form_debug

G_STATIC_ASSERT (PLENUM_QUESTION_FORM_MAX_CHARS == PLENUM_QUESTION_MAX_CHARS);

#define HTML_CONTENT_TYPE "text/html; charset=utf-8"
#define STATUS_TOO_MANY_REQUESTS 429   /* libsoup has no name for it */

/* Open to every citizen, so the connection limits matter most here (http_listener.h): a
 * browser opens up to six; households behind one address share the per-client limit. */
static const PlenumHttpLimits form_limits = {
  .max_connections = 256, .max_per_client = 32, .idle_timeout_s = 15,
};

struct _PlenumQuestionForm {
  SoupServer *soup;
  PlenumHttpListener *listener;
  char *title;              /* the show's name, or NULL */
  PlenumQuestionFormSubmit submit;
  gpointer user_data;
  guint port;
  PlenumQuestionFormLimit *limit;
  guint max_per_hour;       /* as the limit has it, for the page that names it */
};

/* ---- rate limit ----------------------------------------------------------------------- */

/* Who the limits count: the address, but an IPv6 client's whole /64, which one household or
 * phone usually gets; an IPv4-mapped address counts as the IPv4 one. (transfer full) */
static char *
client_key (SoupServerMessage *msg)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);

  if (!G_IS_INET_SOCKET_ADDRESS (remote))
    return g_strdup (soup_server_message_get_remote_host (msg));
  return plenum_http_client_key (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));
}

/* ---- language ------------------------------------------------------------------------- */

static gboolean
language_from_code (const char *code, PlenumFormLanguage *language)
{
  if (g_strcmp0 (code, "de") == 0)
    *language = PLENUM_FORM_GERMAN;
  else if (g_strcmp0 (code, "en") == 0)
    *language = PLENUM_FORM_ENGLISH;
  else
    return FALSE;
  return TRUE;
}

/* ?lang=, else the first of German and English in Accept-Language's order of preference,
 * else German. */
static PlenumFormLanguage
request_language (SoupServerMessage *msg, GHashTable *query)
{
  PlenumFormLanguage language = PLENUM_FORM_GERMAN;
  const char *header;
  GSList *ranges;

  if (query != NULL && language_from_code (g_hash_table_lookup (query, "lang"), &language))
    return language;
  header = soup_message_headers_get_list (soup_server_message_get_request_headers (msg),
                                          "Accept-Language");
  if (header == NULL)
    return PLENUM_FORM_GERMAN;
  ranges = soup_header_parse_quality_list (header, NULL);
  for (GSList *l = ranges; l != NULL; l = l->next) {
    g_autofree char *primary = g_ascii_strdown (l->data, strcspn (l->data, "-_"));
    if (language_from_code (primary, &language))
      break;
  }
  soup_header_free_list (ranges);
  return language;
}

/* ---- replies -------------------------------------------------------------------------- */

static void
set_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "Content-Security-Policy",
                                "default-src 'none'; style-src 'unsafe-inline'; "
                                "form-action 'self'");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
}

/* Sends `html` (transfer full) with `status`. */
static void
reply_html (SoupServerMessage *msg, guint status, char *html)
{
  const char *reason = status == STATUS_TOO_MANY_REQUESTS ? "Too Many Requests" : NULL;

  set_headers (msg);
  soup_server_message_set_status (msg, status, reason);
  soup_server_message_set_response (msg, HTML_CONTENT_TYPE, SOUP_MEMORY_TAKE, html,
                                    strlen (html));
}

static void
reply_message (PlenumQuestionForm *form, SoupServerMessage *msg, guint status,
               PlenumFormLanguage language, const char *heading, const char *message)
{
  reply_html (msg, status,
              plenum_question_form_page_message (language, form->title, heading, message));
}

static void
reply_too_large (PlenumQuestionForm *form, SoupServerMessage *msg, PlenumFormLanguage language)
{
  const PlenumFormWords *words = plenum_question_form_words (language);
  g_autofree char *message = g_strdup_printf (words->too_large, PLENUM_QUESTION_FORM_MAX_BODY);

  reply_message (form, msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, language,
                 words->too_large_heading, message);
}

/* The form again, with the error and whatever the citizen entered. */
static void
reply_form_error (SoupServerMessage *msg, guint status, PlenumFormPage *page, const char *error,
                  PlenumFormField field)
{
  page->error = error;
  page->error_field = field;
  reply_html (msg, status, plenum_question_form_page_form (page));
}

/* ---- submissions ---------------------------------------------------------------------- */

/* `raw` as it may be kept: CR LF and lone CR become '\n' (browsers send CR LF), other control
 * characters (C0, DEL, C1; and '\n' too unless `multiline`) become spaces, then trimmed.
 * NULL when `raw` is not valid UTF-8. (transfer full) */
static char *
clean_field (const char *raw, gboolean multiline)
{
  GString *text;

  if (!g_utf8_validate (raw, -1, NULL))
    return NULL;
  text = g_string_sized_new (strlen (raw));
  for (const char *p = raw; *p != '\0'; p = g_utf8_next_char (p)) {
    gunichar c = g_utf8_get_char (p);

    if (c == '\r') {
      if (p[1] == '\n')
        continue;
      c = '\n';
    }
    if (c == '\n' && multiline)
      g_string_append_c (text, '\n');
    else if (g_unichar_iscntrl (c))
      g_string_append_c (text, ' ');
    else
      g_string_append_unichar (text, c);
  }
  return g_strstrip (g_string_free (text, FALSE));
}

/* A form field's value, "" when it is missing. */
static const char *
field_value (GHashTable *fields, const char *name)
{
  const char *value = g_hash_table_lookup (fields, name);

  return value != NULL ? value : "";
}

static gboolean
consent_given (const char *value)
{
  return g_ascii_strcasecmp (value, "on") == 0 || strcmp (value, "1") == 0 ||
         g_ascii_strcasecmp (value, "yes") == 0;
}

/* Passes a valid, allowed submission to the callback; every refusal replies the form. */
static void
take_submission (PlenumQuestionForm *form, SoupServerMessage *msg, PlenumFormPage *page,
                 const char *text, const char *name)
{
  const PlenumFormWords *words = plenum_question_form_words (page->language);
  const char *host = soup_server_message_get_remote_host (msg);
  g_autofree char *key = client_key (msg);
  g_autofree char *message = NULL;
  g_autofree char *location = NULL;
  g_autoptr (GError) error = NULL;
  gint64 now = g_get_monotonic_time ();
  gboolean hourly;
  guint wait = plenum_question_form_limit_wait (form->limit, key, now, &hourly);

  if (wait > 0) {
    g_autofree char *retry_after = g_strdup_printf ("%u", wait);
    guint minutes = (wait + 59) / 60;

    GST_INFO ("question from %s refused: %s limit, %u s to wait", host,
              hourly ? "hourly" : "interval", wait);
    if (hourly)
      message = g_strdup_printf (minutes == 1 ? words->hourly_minute : words->hourly_minutes,
                                 form->max_per_hour, minutes);
    else
      message = wait == 1 ? g_strdup (words->wait_second)
                          : g_strdup_printf (words->wait_seconds, wait);
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "Retry-After", retry_after);
    reply_form_error (msg, STATUS_TOO_MANY_REQUESTS, page, message,
                      PLENUM_FORM_FIELD_NONE);
    return;
  }
  if (!form->submit (name, page->show_name, text, form->user_data, &error)) {
    const char *reason = error != NULL ? error->message : "refused";

    GST_INFO ("question from %s refused by the queue: %s", host, reason);
    message = g_strdup_printf (words->refused, reason);
    reply_form_error (msg, SOUP_STATUS_CONFLICT, page, message, PLENUM_FORM_FIELD_QUESTION);
    return;
  }
  plenum_question_form_limit_record (form->limit, key, now);
  GST_INFO ("question from %s taken", host);
  /* After a redirect, reloading the thank-you page cannot send the question again. */
  location = g_strdup_printf ("/thanks?lang=%s", words->code);
  set_headers (msg);
  soup_server_message_set_status (msg, SOUP_STATUS_SEE_OTHER, NULL);
  /* Relative, so no Host header the client sent ends up in it. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location",
                                location);
}

gboolean
plenum_question_form_read_body (const char *body, gsize length, PlenumFormLanguage *language,
                                char **text, char **name, gboolean *show_name)
{
  g_autoptr (GHashTable) fields = NULL;

  *text = *name = NULL;
  *show_name = FALSE;
  /* Refuses bodies that are not valid UTF-8 once decoded (and NUL bytes) as a whole. */
  fields = g_uri_parse_params (body != NULL ? body : "", (gssize) length, "&",
                               G_URI_PARAMS_WWW_FORM, NULL);
  if (fields == NULL)
    return FALSE;
  language_from_code (g_hash_table_lookup (fields, "lang"), language);
  *text = clean_field (field_value (fields, "question"), TRUE);
  *name = clean_field (field_value (fields, "name"), FALSE);
  if (*text != NULL && *name != NULL) {
    *show_name = consent_given (field_value (fields, "show_name"));
    return TRUE;
  }
  g_clear_pointer (text, g_free);
  g_clear_pointer (name, g_free);
  return FALSE;
}

static void
post_question (PlenumQuestionForm *form, SoupServerMessage *msg, GHashTable *query)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr (GBytes) bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  const char *host = soup_server_message_get_remote_host (msg);
  PlenumFormPage page = { .language = request_language (msg, query), .show_title = form->title };
  const PlenumFormWords *words;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *shown_name = NULL;
  g_autofree char *message = NULL;
  glong text_chars, name_chars;

  /* A last guard: the early handler already refuses bodies over the limit as they arrive. */
  if (length > PLENUM_QUESTION_FORM_MAX_BODY) {
    GST_INFO ("question from %s refused: body of %" G_GSIZE_FORMAT " bytes", host, length);
    reply_too_large (form, msg, page.language);
    return;
  }
  if (content_type != NULL &&
      g_ascii_strcasecmp (content_type, "application/x-www-form-urlencoded") != 0) {
    GST_INFO ("question from %s refused: content type %s", host, content_type);
    reply_form_error (msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, &page,
                      plenum_question_form_words (page.language)->unreadable,
                      PLENUM_FORM_FIELD_NONE);
    return;
  }
  if (!plenum_question_form_read_body (data, length, &page.language, &text, &name,
                                       &page.show_name)) {
    GST_INFO ("question from %s refused: not a form body in UTF-8", host);
    reply_form_error (msg, SOUP_STATUS_BAD_REQUEST, &page,
                      plenum_question_form_words (page.language)->unreadable,
                      PLENUM_FORM_FIELD_QUESTION);
    return;
  }
  words = plenum_question_form_words (page.language);
  page.text = text;
  /* A name over the limit is echoed cut to it: nobody gets a page longer than they need. */
  name_chars = g_utf8_strlen (name, -1);
  shown_name = g_utf8_substring (name, 0, MIN (name_chars, PLENUM_QUESTION_FORM_MAX_NAME_CHARS));
  page.name = shown_name;
  text_chars = g_utf8_strlen (text, -1);
  if (text_chars == 0) {
    GST_INFO ("question from %s refused: empty", host);
    reply_form_error (msg, SOUP_STATUS_BAD_REQUEST, &page, words->empty,
                      PLENUM_FORM_FIELD_QUESTION);
  } else if (text_chars > PLENUM_QUESTION_FORM_MAX_CHARS) {
    GST_INFO ("question from %s refused: %ld characters", host, text_chars);
    message = g_strdup_printf (words->too_long, (guint) text_chars, PLENUM_QUESTION_FORM_MAX_CHARS);
    reply_form_error (msg, SOUP_STATUS_BAD_REQUEST, &page, message,
                      PLENUM_FORM_FIELD_QUESTION);
  } else if (name_chars > PLENUM_QUESTION_FORM_MAX_NAME_CHARS) {
    GST_INFO ("question from %s refused: name of %ld characters", host, name_chars);
    message = g_strdup_printf (words->name_too_long, PLENUM_QUESTION_FORM_MAX_NAME_CHARS);
    reply_form_error (msg, SOUP_STATUS_BAD_REQUEST, &page, message, PLENUM_FORM_FIELD_NAME);
  } else {
    take_submission (form, msg, &page, text, name[0] != '\0' ? name : NULL);
  }
}

/* ---- dispatch ------------------------------------------------------------------------- */

static void
on_request (SoupServer *soup, SoupServerMessage *msg, const char *path, GHashTable *query,
            gpointer user_data)
{
  PlenumQuestionForm *form = user_data;
  const char *method = soup_server_message_get_method (msg);
  gboolean is_form = strcmp (path, "/") == 0 || strcmp (path, "/ask") == 0;
  gboolean is_thanks = strcmp (path, "/thanks") == 0;
  gboolean is_get = strcmp (method, "GET") == 0 || strcmp (method, "HEAD") == 0;
  PlenumFormLanguage language = request_language (msg, query);
  const PlenumFormWords *words = plenum_question_form_words (language);
  const char *allowed = is_form ? "GET, HEAD, POST" : "GET, HEAD";

  (void) soup;
  if (!is_form && !is_thanks) {
    reply_message (form, msg, SOUP_STATUS_NOT_FOUND, language, words->not_found_heading,
                   words->not_found);
  } else if (is_form && strcmp (method, "POST") == 0) {
    post_question (form, msg, query);
  } else if (is_form && is_get) {
    PlenumFormPage page = { .language = language, .show_title = form->title };
    reply_html (msg, SOUP_STATUS_OK, plenum_question_form_page_form (&page));
  } else if (is_thanks && is_get) {
    reply_html (msg, SOUP_STATUS_OK, plenum_question_form_page_thanks (language, form->title));
  } else {
    g_autofree char *message = g_strdup_printf (words->not_allowed, allowed);

    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                  allowed);
    reply_message (form, msg, SOUP_STATUS_METHOD_NOT_ALLOWED, language,
                   words->not_allowed_heading, message);
  }
}

/* ---- early checks: the body size, before the body is read ----------------------------- */

/* libsoup reads a refused request's body all the same (unless the client sent "Expect:
 * 100-continue"): drop it as it arrives, so a huge one costs no memory. */
static void
refuse_too_large (PlenumQuestionForm *form, SoupServerMessage *msg, GHashTable *query)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  GST_INFO ("question from %s refused: body over %d bytes",
            soup_server_message_get_remote_host (msg), PLENUM_QUESTION_FORM_MAX_BODY);
  reply_too_large (form, msg, request_language (msg, query));
  soup_message_body_set_accumulate (body, FALSE);
  soup_message_body_truncate (body);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Connection", "close");
}

/* A chunked body has no length up front: count it as it comes. */
static void
on_request_chunk (SoupServerMessage *msg, GBytes *chunk, gpointer user_data)
{
  (void) chunk;
  if (soup_server_message_get_request_body (msg)->length <= PLENUM_QUESTION_FORM_MAX_BODY)
    return;
  g_signal_handlers_disconnect_by_func (msg, on_request_chunk, user_data);
  refuse_too_large (user_data, msg, NULL);
}

static void
on_early_request (SoupServer *soup, SoupServerMessage *msg, const char *path,
                  GHashTable *query, gpointer user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  (void) soup, (void) path;
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CHUNKED)
    g_signal_connect (msg, "got-chunk", G_CALLBACK (on_request_chunk), user_data);
  else if (soup_message_headers_get_content_length (headers) > PLENUM_QUESTION_FORM_MAX_BODY)
    refuse_too_large (user_data, msg, query);
}

/* ---- listening ------------------------------------------------------------------------ */

/* ---- the form ------------------------------------------------------------------------- */

PlenumQuestionForm *
plenum_question_form_new (const char *listen, const char *title,
                          PlenumQuestionFormSubmit submit, gpointer user_data, GError **error)
{
  g_autoptr (PlenumQuestionForm) form = NULL;
  g_autoptr (GInetSocketAddress) address = NULL;
  g_autoptr (GError) listen_error = NULL;

  g_return_val_if_fail (listen != NULL, NULL);
  g_return_val_if_fail (submit != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (plenum_form_debug == NULL)
    GST_DEBUG_CATEGORY_INIT (plenum_form_debug, "plenum-form", 0,
                             "Plenum web form for citizens' questions");
  address = plenum_listen_address_parse (listen, "questions.form.listen", error);
  if (address == NULL)
    return NULL;
  form = g_new0 (PlenumQuestionForm, 1);
  form->title = title != NULL && title[0] != '\0' ? g_strdup (title) : NULL;
  form->submit = submit;
  form->user_data = user_data;
  form->max_per_hour = PLENUM_QUESTION_FORM_MAX_PER_HOUR;
  form->limit = plenum_question_form_limit_new (PLENUM_QUESTION_FORM_MIN_INTERVAL_S,
                                                PLENUM_QUESTION_FORM_MAX_PER_HOUR,
                                                PLENUM_QUESTION_FORM_MAX_CLIENTS);
  form->soup = soup_server_new (NULL, NULL);
  soup_server_add_early_handler (form->soup, NULL, on_early_request, form, NULL);
  soup_server_add_handler (form->soup, NULL, on_request, form, NULL);
  form->listener = plenum_http_listener_new (form->soup, address, &form_limits, &listen_error);
  if (form->listener == NULL) {
    g_set_error (error, listen_error->domain, listen_error->code,
                 "question form: cannot listen on %s: %s", listen, listen_error->message);
    return NULL;
  }
  form->port = plenum_http_listener_port (form->listener);
  GST_INFO ("question form on %s (port %u)", listen, form->port);
  return g_steal_pointer (&form);
}

void
plenum_question_form_free (PlenumQuestionForm *form)
{
  if (form == NULL)
    return;
  plenum_http_listener_free (form->listener);
  if (form->soup != NULL) {
    soup_server_disconnect (form->soup);
    g_object_unref (form->soup);
  }
  plenum_question_form_limit_free (form->limit);
  g_free (form->title);
  g_free (form);
}

guint
plenum_question_form_port (PlenumQuestionForm *form)
{
  g_return_val_if_fail (form != NULL, 0);
  return form->port;
}

void
plenum_question_form_set_rate_limit (PlenumQuestionForm *form, guint min_interval_s,
                                     guint max_per_hour)
{
  g_return_if_fail (form != NULL);
  form->max_per_hour = max_per_hour;
  plenum_question_form_limit_set (form->limit, min_interval_s, max_per_hour);
}

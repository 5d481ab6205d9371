/* Unit tests for studio/question_form.c: the citizens' question form served on 127.0.0.1 and
 * talked to with libsoup's client — languages, fields, limits, escaping, refusals, rate limits
 * and status codes — and its rate limiter with a clock the test sets. */
#include "studio/question_form.h"
#include "studio/question_form_limit.h"

#include <gst/gst.h>
#include <libsoup/soup.h>
#include <string.h>

#define CSP "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"
#define SECOND G_GINT64_CONSTANT (1000000)

typedef struct {
  char *author;
  gboolean show_name;
  char *text;
} Submission;

typedef struct {
  PlenumQuestionForm *form;
  SoupSession *session;
  char *base;                 /* "http://127.0.0.1:PORT" */
  GPtrArray *submissions;     /* Submission, as the callback got them */
  const char *refuse_with;    /* when set, the callback refuses with this message */
} Fixture;

typedef struct {
  guint status;
  char *body;                 /* NUL-terminated */
  SoupMessageHeaders *headers;
} Reply;

static void
submission_free (Submission *submission)
{
  g_free (submission->author);
  g_free (submission->text);
  g_free (submission);
}

static void
reply_free (Reply *reply)
{
  g_free (reply->body);
  soup_message_headers_unref (reply->headers);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

static gboolean
on_submit (const char *author, gboolean show_name, const char *text, gpointer user_data,
           GError **error)
{
  Fixture *f = user_data;
  Submission *submission;

  if (f->refuse_with != NULL) {
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS, f->refuse_with);
    return FALSE;
  }
  submission = g_new0 (Submission, 1);
  submission->author = g_strdup (author);
  submission->show_name = show_name;
  submission->text = g_strdup (text);
  g_ptr_array_add (f->submissions, submission);
  return TRUE;
}

static void
start_form (Fixture *f, const char *title)
{
  g_autoptr (GError) error = NULL;

  f->submissions = g_ptr_array_new_with_free_func ((GDestroyNotify) submission_free);
  f->form = plenum_question_form_new ("127.0.0.1:0", title, on_submit, f, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->form);
  g_assert_cmpuint (plenum_question_form_port (f->form), >, 0);
  f->base = g_strdup_printf ("http://127.0.0.1:%u", plenum_question_form_port (f->form));
  f->session = soup_session_new ();
}

/* Most tests send several questions in a row: without limits. */
static void
setup (Fixture *f, gconstpointer data)
{
  start_form (f, data);
  plenum_question_form_set_rate_limit (f->form, 0, 0);
}

/* The defaults: one question per 15 s, 10 an hour. */
static void
setup_limited (Fixture *f, gconstpointer data)
{
  start_form (f, data);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  (void) data;
  g_object_unref (f->session);
  plenum_question_form_free (f->form);
  /* Let the closed connections' last callbacks run, so nothing is left for the next test. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_ptr_array_unref (f->submissions);
  g_free (f->base);
}

/* ---- talking to the form -------------------------------------------------------------- */

typedef struct {
  GBytes *bytes;
  GError *error;
  gboolean done;
} Pending;

static void
on_sent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Pending *pending = user_data;

  pending->bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                      &pending->error);
  pending->done = TRUE;
}

/* Sends `msg` with `session` (the form answers on this same main context) and returns what
 * came back; redirects are not followed. */
static Reply *
send_with (SoupSession *session, SoupMessage *msg)
{
  Pending pending = { 0 };
  Reply *reply = g_new0 (Reply, 1);
  gsize length = 0;
  const char *data;

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, on_sent, &pending);
  while (!pending.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (pending.error);
  data = g_bytes_get_data (pending.bytes, &length);
  reply->status = soup_message_get_status (msg);
  reply->body = g_strndup (data != NULL ? data : "", length);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  g_bytes_unref (pending.bytes);
  return reply;
}

static SoupMessage *
new_message (Fixture *f, const char *method, const char *path)
{
  g_autofree char *uri = g_strconcat (f->base, path, NULL);

  return soup_message_new (method, uri);
}

static Reply *
request (Fixture *f, const char *method, const char *path, const char *accept_language)
{
  g_autoptr (SoupMessage) msg = new_message (f, method, path);

  if (accept_language != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept-Language",
                                  accept_language);
  return send_with (f->session, msg);
}

static Reply *
post_raw_with (Fixture *f, SoupSession *session, const char *path, const char *content_type,
               const char *body, gsize length, const char *accept_language)
{
  g_autoptr (SoupMessage) msg = new_message (f, "POST", path);
  g_autoptr (GBytes) bytes = g_bytes_new (body, length);

  soup_message_set_request_body_from_bytes (msg, content_type, bytes);
  if (accept_language != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept-Language",
                                  accept_language);
  return send_with (session, msg);
}

static Reply *
post_raw (Fixture *f, const char *body)
{
  return post_raw_with (f, f->session, "/", "application/x-www-form-urlencoded", body,
                        strlen (body), NULL);
}

/* A form body as a browser sends it; NULL fields are left out. */
static char *
form_body (const char *question, const char *name, const char *show_name, const char *lang)
{
  const char *keys[] = { "question", "name", "show_name", "lang" };
  const char *values[] = { question, name, show_name, lang };
  GString *body = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++) {
    g_autofree char *escaped = NULL;

    if (values[i] == NULL)
      continue;
    escaped = g_uri_escape_string (values[i], NULL, FALSE);
    g_string_append_printf (body, "%s%s=%s", body->len ? "&" : "", keys[i], escaped);
  }
  return g_string_free (body, FALSE);
}

static Reply *
post_form (Fixture *f, const char *question, const char *name, const char *show_name)
{
  g_autofree char *body = form_body (question, name, show_name, NULL);

  return post_raw (f, body);
}

static char *
repeat (const char *unit, guint times)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (text, unit);
  return g_string_free (text, FALSE);
}

static const char *
header (const Reply *reply, const char *name)
{
  return soup_message_headers_get_one (reply->headers, name);
}

#define assert_contains(haystack, needle) \
  G_STMT_START { \
    if (strstr ((haystack), (needle)) == NULL) \
      g_error ("%s:%d: expected \"%s\" in:\n%s", __FILE__, __LINE__, (needle), (haystack)); \
  } G_STMT_END

#define assert_lacks(haystack, needle) \
  G_STMT_START { \
    if (strstr ((haystack), (needle)) != NULL) \
      g_error ("%s:%d: did not expect \"%s\" in:\n%s", __FILE__, __LINE__, (needle), \
               (haystack)); \
  } G_STMT_END

static void
assert_html_with_security_headers (const Reply *reply)
{
  g_assert_cmpstr (header (reply, "Content-Type"), ==, "text/html; charset=utf-8");
  g_assert_cmpstr (header (reply, "Content-Security-Policy"), ==, CSP);
  g_assert_cmpstr (header (reply, "X-Content-Type-Options"), ==, "nosniff");
  g_assert_cmpstr (header (reply, "Referrer-Policy"), ==, "no-referrer");
  g_assert_cmpstr (header (reply, "Cache-Control"), ==, "no-store");
}

/* A refused submission: the form again, with an alert that says `message`. */
static void
assert_form_with_error (const Reply *reply, guint status, const char *message)
{
  g_assert_cmpuint (reply->status, ==, status);
  assert_html_with_security_headers (reply);
  assert_contains (reply->body, "<form method=\"post\"");
  assert_contains (reply->body, "role=\"alert\"");
  assert_contains (reply->body, message);
}

static const Submission *
only_submission (Fixture *f)
{
  g_assert_cmpuint (f->submissions->len, ==, 1);
  return g_ptr_array_index (f->submissions, 0);
}

/* ---- the page ------------------------------------------------------------------------- */

static void
test_the_form_is_german_by_default (Fixture *f, gconstpointer data)
{
  g_autoptr (Reply) reply = request (f, "GET", "/", NULL);

  (void) data;
  g_assert_cmpuint (reply->status, ==, 200);
  assert_html_with_security_headers (reply);
  assert_contains (reply->body, "<!DOCTYPE html>");
  assert_contains (reply->body, "<html lang=\"de\">");
  assert_contains (reply->body, "<meta charset=\"utf-8\">");
  assert_contains (reply->body, "<meta name=\"viewport\"");
  assert_contains (reply->body, "<label for=\"question\">Ihre Frage</label>");
  assert_contains (reply->body, "<textarea id=\"question\" name=\"question\"");
  assert_contains (reply->body, "maxlength=\"500\" required");
  assert_contains (reply->body, "<label for=\"name\">Ihr Name (freiwillig)</label>");
  assert_contains (reply->body, "id=\"name\" name=\"name\" maxlength=\"60\"");
  assert_contains (reply->body, "<input type=\"checkbox\" id=\"show_name\" name=\"show_name\" "
                                "value=\"on\">");
  assert_contains (reply->body, "<label for=\"show_name\">Meinen Namen in der Sendung zeigen "
                                "(Vorname und Initial)</label>");
  assert_contains (reply->body, "Pressestelle");
  assert_contains (reply->body, "<form method=\"post\" action=\"/\" accept-charset=\"utf-8\"");
  assert_contains (reply->body, "<button type=\"submit\" id=\"send\">Frage senden</button>");
  assert_contains (reply->body, "<a href=\"/?lang=en\" hreflang=\"en\" lang=\"en\">English</a>");
  assert_contains (reply->body, "<p class=\"show\">Bürgerversammlung Nord</p>");
  assert_contains (reply->body, "outline:3px solid");
  /* Nothing that runs or loads: no script, no external resource, no error before a try. */
  assert_lacks (reply->body, "<script");
  assert_lacks (reply->body, "src=");
  assert_lacks (reply->body, "<link");
  assert_lacks (reply->body, "http");
  assert_lacks (reply->body, "role=\"alert\"");
  assert_lacks (reply->body, " checked");
}

static void
test_lang_en_serves_the_english_form (Fixture *f, gconstpointer data)
{
  g_autoptr (Reply) reply = request (f, "GET", "/?lang=en", "de-DE,de");

  (void) data;
  g_assert_cmpuint (reply->status, ==, 200);
  assert_html_with_security_headers (reply);
  assert_contains (reply->body, "<html lang=\"en\">");
  assert_contains (reply->body, "<label for=\"question\">Your question</label>");
  assert_contains (reply->body, "<label for=\"name\">Your name (optional)</label>");
  assert_contains (reply->body, "<label for=\"show_name\">Show my name on air (first name and "
                                "initial)</label>");
  assert_contains (reply->body, "<input type=\"hidden\" name=\"lang\" value=\"en\">");
  assert_contains (reply->body, "<a href=\"/?lang=de\" hreflang=\"de\" lang=\"de\">Deutsch</a>");
  assert_contains (reply->body, "press office");
}

static void
test_accept_language_chooses_between_german_and_english (Fixture *f, gconstpointer data)
{
  static const struct {
    const char *path;
    const char *accept_language;
    const char *lang;
  } cases[] = {
    { "/", "en-GB,en;q=0.9,de;q=0.5", "en" },
    { "/", "de-DE,de;q=0.9,en;q=0.8", "de" },
    { "/", "en;q=0.3, de;q=0.7", "de" },
    { "/", "fr-FR, en-US;q=0.5", "en" },
    { "/", "fr, it", "de" },
    { "/", "EN", "en" },
    { "/?lang=de", "en", "de" },
    { "/?lang=xx", "en", "en" },
  };

  (void) data;
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (Reply) reply = request (f, "GET", cases[i].path, cases[i].accept_language);
    g_autofree char *expected = g_strdup_printf ("<html lang=\"%s\">", cases[i].lang);

    g_test_message ("%s with Accept-Language: %s", cases[i].path, cases[i].accept_language);
    g_assert_cmpuint (reply->status, ==, 200);
    assert_contains (reply->body, expected);
  }
}

static void
test_head_answers_without_a_body (Fixture *f, gconstpointer data)
{
  g_autoptr (Reply) reply = request (f, "HEAD", "/", NULL);

  (void) data;
  g_assert_cmpuint (reply->status, ==, 200);
  assert_html_with_security_headers (reply);
  g_assert_cmpstr (reply->body, ==, "");
}

static void
test_the_show_title_is_escaped (Fixture *f, gconstpointer data)
{
  g_autoptr (Reply) reply = request (f, "GET", "/", NULL);

  (void) data;
  assert_contains (reply->body,
                   "<title>Ihre Frage – Rat &lt;b&gt;&amp;&lt;/b&gt; &quot;Süd&quot;</title>");
  assert_contains (reply->body,
                   "<p class=\"show\">Rat &lt;b&gt;&amp;&lt;/b&gt; &quot;Süd&quot;</p>");
  assert_lacks (reply->body, "<b>");
}

/* ---- submissions ---------------------------------------------------------------------- */

static void
test_a_valid_question_reaches_the_callback_exactly (Fixture *f, gconstpointer data)
{
  const char *text = "Wann wird die Brücke an der Mühlenstraße saniert?\nUnd was kostet das?";
  g_autoptr (Reply) reply = post_form (f, text, "Erika M.", "on");
  g_autoptr (Reply) thanks = NULL;
  const Submission *submission;

  (void) data;
  g_assert_cmpuint (reply->status, ==, 303);
  g_assert_cmpstr (header (reply, "Location"), ==, "/thanks?lang=de");
  g_assert_cmpstr (header (reply, "Cache-Control"), ==, "no-store");
  submission = only_submission (f);
  g_assert_cmpstr (submission->text, ==, text);
  g_assert_cmpstr (submission->author, ==, "Erika M.");
  g_assert_true (submission->show_name);

  thanks = request (f, "GET", "/thanks?lang=de", NULL);
  g_assert_cmpuint (thanks->status, ==, 200);
  assert_html_with_security_headers (thanks);
  assert_contains (thanks->body, "<html lang=\"de\">");
  assert_contains (thanks->body, "Danke für Ihre Frage!");
  assert_contains (thanks->body, "<a href=\"/?lang=de\">Noch eine Frage stellen</a>");
}

static void
test_the_english_form_thanks_in_english (Fixture *f, gconstpointer data)
{
  g_autofree char *body = form_body ("When does the pool open?", "", NULL, "en");
  g_autoptr (Reply) reply = post_raw_with (f, f->session, "/ask",
                                           "application/x-www-form-urlencoded; charset=UTF-8",
                                           body, strlen (body), NULL);
  g_autoptr (Reply) thanks = NULL;
  const Submission *submission;

  (void) data;
  g_assert_cmpuint (reply->status, ==, 303);
  g_assert_cmpstr (header (reply, "Location"), ==, "/thanks?lang=en");
  submission = only_submission (f);
  g_assert_cmpstr (submission->text, ==, "When does the pool open?");
  g_assert_null (submission->author);
  g_assert_false (submission->show_name);
  thanks = request (f, "GET", "/thanks?lang=en", NULL);
  assert_contains (thanks->body, "<html lang=\"en\">");
  assert_contains (thanks->body, "Thank you for your question!");
  assert_contains (thanks->body, "<a href=\"/?lang=en\">Ask another question</a>");
}

static void
test_only_on_1_and_yes_give_consent (Fixture *f, gconstpointer data)
{
  static const struct {
    const char *value;
    gboolean consent;
  } cases[] = {
    { "on", TRUE }, { "1", TRUE }, { "yes", TRUE }, { "ON", TRUE },
    { "off", FALSE }, { "0", FALSE }, { "no", FALSE }, { "", FALSE }, { "true1", FALSE },
    { NULL, FALSE },
  };

  (void) data;
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *text = g_strdup_printf ("Frage %" G_GSIZE_FORMAT "?", i);
    g_autoptr (Reply) reply = post_form (f, text, "Anna B.", cases[i].value);
    const Submission *submission;

    g_test_message ("show_name=%s", cases[i].value);
    g_assert_cmpuint (reply->status, ==, 303);
    g_assert_cmpuint (f->submissions->len, ==, i + 1);
    submission = g_ptr_array_index (f->submissions, i);
    g_assert_cmpint (submission->show_name, ==, cases[i].consent);
  }
}

static void
test_an_empty_question_is_refused_with_the_form (Fixture *f, gconstpointer data)
{
  const char *empties[] = { "", "   ", " \r\n\t ", NULL };

  (void) data;
  for (gsize i = 0; i < G_N_ELEMENTS (empties); i++) {
    g_autoptr (Reply) reply = post_form (f, empties[i], "Anna B.", "on");

    assert_form_with_error (reply, 400, "Bitte schreiben Sie Ihre Frage in das Textfeld.");
    assert_contains (reply->body, "aria-invalid=\"true\"");
    /* What was entered stays: the name and the consent. */
    assert_contains (reply->body, "value=\"Anna B.\"");
    assert_contains (reply->body, "value=\"on\" checked>");
  }
  g_assert_cmpuint (f->submissions->len, ==, 0);
}

static void
test_500_characters_pass_and_501_are_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *umlauts_500 = repeat ("ä", 500);
  g_autofree char *umlauts_501 = repeat ("ü", 501);
  g_autoptr (Reply) accepted = post_form (f, umlauts_500, NULL, NULL);
  g_autoptr (Reply) refused = post_form (f, umlauts_501, NULL, NULL);
  g_autoptr (Reply) english = NULL;
  g_autofree char *body = form_body (umlauts_501, NULL, NULL, "en");

  (void) data;
  g_assert_cmpuint (accepted->status, ==, 303);
  g_assert_cmpstr (only_submission (f)->text, ==, umlauts_500);
  assert_form_with_error (refused, 400,
                          "Ihre Frage ist 501 Zeichen lang; erlaubt sind höchstens 500 Zeichen.");
  /* Kept in the form, so it can be shortened. */
  assert_contains (refused->body, umlauts_501);
  english = post_raw (f, body);
  assert_form_with_error (english, 400, "Your question is 501 characters long");
  g_assert_cmpuint (f->submissions->len, ==, 1);
}

static void
test_a_name_over_60_characters_is_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *name_60 = repeat ("é", 60);
  g_autofree char *name_61 = repeat ("n", 61);
  g_autoptr (Reply) accepted = post_form (f, "Eine Frage?", name_60, "on");
  g_autoptr (Reply) refused = post_form (f, "Noch eine Frage?", name_61, "on");

  (void) data;
  g_assert_cmpuint (accepted->status, ==, 303);
  g_assert_cmpstr (only_submission (f)->author, ==, name_60);
  assert_form_with_error (refused, 400, "Name zu lang");
  assert_contains (refused->body, "Noch eine Frage?</textarea>");
  assert_contains (refused->body,
                   "aria-describedby=\"name-hint form-error\" aria-invalid=\"true\"");
  g_assert_cmpuint (f->submissions->len, ==, 1);
}

static void
test_a_long_name_is_echoed_only_up_to_60_characters (Fixture *f, gconstpointer data)
{
  g_autofree char *head = repeat ("N", 60);
  g_autofree char *tail = repeat ("<script>alert(1)</script>", 80);
  g_autofree char *name = g_strconcat (head, tail, NULL);
  g_autoptr (Reply) reply = post_form (f, "Frage?", name, NULL);
  g_autofree char *expected = g_strdup_printf ("value=\"%s\"", head);

  (void) data;
  assert_form_with_error (reply, 400, "Name zu lang");
  assert_contains (reply->body, expected);
  assert_lacks (reply->body, "script");
  g_assert_cmpuint (strlen (reply->body), <, 8000);
  g_assert_cmpuint (f->submissions->len, ==, 0);
}

static void
test_a_10k_character_name_is_refused_whole (Fixture *f, gconstpointer data)
{
  g_autofree char *name = repeat ("x", 10000);
  g_autoptr (Reply) reply = post_form (f, "Frage?", name, NULL);

  (void) data;
  g_assert_cmpuint (reply->status, ==, 413);
  assert_html_with_security_headers (reply);
  assert_contains (reply->body, "8192 Bytes");
  assert_lacks (reply->body, "xxxxxxxxxx");
  g_assert_cmpuint (f->submissions->len, ==, 0);
}

static void
test_invalid_utf8_is_refused (Fixture *f, gconstpointer data)
{
  const char *bodies[] = {
    "question=%FF%FEFrage",
    "question=Stra\xdf" "e%3F",           /* Latin-1 ß, raw */
    "question=ok&name=%C3",               /* a cut sequence in the name */
    "question=a%00b",                     /* NUL cannot be kept */
    "question=%ZZ",
  };

  (void) data;
  for (gsize i = 0; i < G_N_ELEMENTS (bodies); i++) {
    g_autoptr (Reply) reply = post_raw (f, bodies[i]);
    g_autofree char *shown = g_strescape (bodies[i], NULL); /* TAP output must stay UTF-8 */

    g_test_message ("%s", shown);
    assert_form_with_error (reply, 400, "Zeichen, die nicht gelesen werden können");
    g_assert_true (g_utf8_validate (reply->body, -1, NULL));
  }
  g_assert_cmpuint (f->submissions->len, ==, 0);
}

static void
test_control_characters_become_spaces_and_the_text_is_trimmed (Fixture *f, gconstpointer data)
{
  const char *text = "  \t a\tb\001c\r\nd\177e\302\205f\rg \n\n";
  const char *name = " Anna\nB.\033[31m ";
  g_autoptr (Reply) reply = post_form (f, text, name, "yes");
  const Submission *submission;

  (void) data;
  g_assert_cmpuint (reply->status, ==, 303);
  submission = only_submission (f);
  g_assert_cmpstr (submission->text, ==, "a b c\nd e f\ng");
  g_assert_cmpstr (submission->author, ==, "Anna B. [31m");
  g_assert_true (submission->show_name);
}

static void
test_a_name_of_spaces_counts_as_no_name (Fixture *f, gconstpointer data)
{
  g_autoptr (Reply) reply = post_form (f, "Frage?", "   ", "on");

  (void) data;
  g_assert_cmpuint (reply->status, ==, 303);
  g_assert_null (only_submission (f)->author);
}

static void
test_markup_reaches_the_callback_as_text_and_is_escaped_on_pages (Fixture *f,
                                                                   gconstpointer data)
{
  const char *text = "<script>alert(1)</script> <b>fett</b> \"Zitat\" 'einfach' & mehr";
  const char *name = "<b>Eve</b>";
  g_autoptr (Reply) taken = post_form (f, text, name, "on");
  g_autoptr (Reply) refused = NULL;
  g_autoptr (Reply) name_too_long = NULL;
  g_autofree char *long_name = g_strconcat (name, "<script>alert(2)</script><b>xxxxxxxxxxxxxxxxx"
                                            "xxxxxxxxxxxxxxxxxxxxx</b>", NULL);
  const Submission *submission;

  (void) data;
  g_assert_cmpuint (taken->status, ==, 303);
  submission = only_submission (f);
  g_assert_cmpstr (submission->text, ==, text);
  g_assert_cmpstr (submission->author, ==, name);

  /* The queue refuses it, with a message that has markup as well. */
  f->refuse_with = "schon <i>da</i>";
  refused = post_form (f, text, name, "on");
  assert_form_with_error (refused, 409,
                          "Ihre Frage wurde nicht angenommen: schon &lt;i&gt;da&lt;/i&gt;");
  assert_contains (refused->body, "&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;fett&lt;/b&gt; "
                                  "&quot;Zitat&quot; &apos;einfach&apos; &amp; mehr</textarea>");
  assert_contains (refused->body, "value=\"&lt;b&gt;Eve&lt;/b&gt;\"");
  f->refuse_with = NULL;

  name_too_long = post_form (f, text, long_name, "on");
  assert_form_with_error (name_too_long, 400, "Name zu lang");
  assert_contains (name_too_long->body, "value=\"&lt;b&gt;Eve&lt;/b&gt;&lt;script&gt;alert(2)");

  for (guint i = 0; i < 2; i++) {
    const char *body = i == 0 ? refused->body : name_too_long->body;

    assert_lacks (body, "<script");
    assert_lacks (body, "<b>");
    assert_lacks (body, "<i>");
  }
  g_assert_cmpuint (f->submissions->len, ==, 1);
}

static void
test_a_refusal_by_the_queue_keeps_the_text (Fixture *f, gconstpointer data)
{
  g_autoptr (Reply) reply = NULL;
  g_autofree char *body = form_body ("Warum?", "Max", "on", "en");

  (void) data;
  f->refuse_with = "the same question is already in the queue";
  reply = post_raw (f, body);
  assert_form_with_error (reply, 409, "Your question was not taken: the same question is "
                                      "already in the queue");
  assert_contains (reply->body, "<html lang=\"en\">");
  assert_contains (reply->body, ">Warum?</textarea>");
  assert_contains (reply->body, "value=\"Max\"");
  assert_contains (reply->body, "value=\"on\" checked>");
}

static void
test_a_body_that_is_no_form_gets_415 (Fixture *f, gconstpointer data)
{
  const char *body = "{\"question\": \"Warum?\"}";
  g_autoptr (Reply) reply = post_raw_with (f, f->session, "/", "application/json", body,
                                           strlen (body), NULL);

  (void) data;
  assert_form_with_error (reply, 415, "nicht gelesen werden");
  g_assert_cmpuint (f->submissions->len, ==, 0);
}

/* ---- sizes ---------------------------------------------------------------------------- */

static void
test_a_body_over_8_kib_gets_413 (Fixture *f, gconstpointer data)
{
  g_autofree char *question = repeat ("a", 9 * 1024);
  g_autofree char *body = g_strconcat ("question=", question, NULL);
  g_autoptr (Reply) reply = post_raw_with (f, f->session, "/", "application/x-www-form-urlencoded",
                                           body, strlen (body), "en");
  g_autofree char *fits = g_strconcat ("name=", question + 9 * 1024 - (8192 - 5 - 20), NULL);
  g_autoptr (Reply) at_the_limit = NULL;

  (void) data;
  g_assert_cmpuint (reply->status, ==, 413);
  assert_html_with_security_headers (reply);
  assert_contains (reply->body, "<html lang=\"en\">");
  assert_contains (reply->body, "larger than 8192 bytes");
  /* 8172 bytes: read, and refused for its content, not its size. */
  at_the_limit = post_raw (f, fits);
  g_assert_cmpuint (at_the_limit->status, ==, 400);
  g_assert_cmpuint (f->submissions->len, ==, 0);
}

static void
test_a_chunked_body_over_8_kib_gets_413 (Fixture *f, gconstpointer data)
{
  g_autofree char *question = repeat ("a", 9 * 1024);
  g_autofree char *body = g_strconcat ("question=", question, NULL);
  g_autoptr (SoupMessage) msg = new_message (f, "POST", "/");
  g_autoptr (GInputStream) stream =
      g_memory_input_stream_new_from_data (body, (gssize) strlen (body), NULL);
  g_autoptr (Reply) reply = NULL;

  (void) data;
  /* Without a length, libsoup sends the body chunked. */
  soup_message_set_request_body (msg, "application/x-www-form-urlencoded", stream, -1);
  reply = send_with (f->session, msg);
  g_assert_cmpuint (reply->status, ==, 413);
  g_assert_cmpuint (f->submissions->len, ==, 0);
}

/* ---- rate limits ---------------------------------------------------------------------- */

static void
test_a_second_question_within_15_s_gets_429 (Fixture *f, gconstpointer data)
{
  g_autoptr (Reply) first = post_form (f, "Erste Frage?", NULL, NULL);
  g_autoptr (Reply) second = post_form (f, "Zweite Frage?", NULL, NULL);
  g_autoptr (Reply) english = NULL;
  g_autofree char *body = form_body ("Third question?", NULL, NULL, NULL);
  guint64 retry_after = 0;

  (void) data;
  g_assert_cmpuint (first->status, ==, 303);
  assert_form_with_error (second, 429, "Bitte warten Sie noch");
  assert_contains (second->body, ">Zweite Frage?</textarea>");
  g_assert_true (g_ascii_string_to_unsigned (header (second, "Retry-After"), 10, 1, 15,
                                             &retry_after, NULL));
  english = post_raw_with (f, f->session, "/", "application/x-www-form-urlencoded", body,
                           strlen (body), "en");
  assert_form_with_error (english, 429, "Please wait");
  g_assert_nonnull (header (english, "Retry-After"));
  g_assert_cmpuint (f->submissions->len, ==, 1);
}

static void
test_another_address_is_limited_separately (Fixture *f, gconstpointer data)
{
  g_autoptr (GInetAddress) address = g_inet_address_new_from_string ("127.0.0.2");
  g_autoptr (GSocketAddress) local = g_inet_socket_address_new (address, 0);
  g_autoptr (SoupSession) neighbour = soup_session_new_with_options ("local-address", local,
                                                                     NULL);
  g_autoptr (Reply) first = post_form (f, "Erste Frage?", NULL, NULL);
  g_autoptr (Reply) limited = post_form (f, "Zweite Frage?", NULL, NULL);
  g_autoptr (Reply) other = NULL;
  const char *body = "question=Von+nebenan%3F";

  (void) data;
  other = post_raw_with (f, neighbour, "/", "application/x-www-form-urlencoded", body,
                         strlen (body), NULL);
  g_assert_cmpuint (first->status, ==, 303);
  g_assert_cmpuint (limited->status, ==, 429);
  g_assert_cmpuint (other->status, ==, 303);
  g_assert_cmpuint (f->submissions->len, ==, 2);
  g_assert_cmpstr (((Submission *) g_ptr_array_index (f->submissions, 1))->text, ==,
                   "Von nebenan?");
}

static void
test_more_than_the_hourly_limit_gets_429 (Fixture *f, gconstpointer data)
{
  g_autoptr (Reply) refused = NULL;
  guint64 retry_after = 0;

  (void) data;
  plenum_question_form_set_rate_limit (f->form, 0, 3);
  for (guint i = 0; i < 3; i++) {
    g_autofree char *text = g_strdup_printf ("Frage %u?", i);
    g_autoptr (Reply) reply = post_form (f, text, NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 303);
  }
  refused = post_form (f, "Frage 4?", NULL, NULL);
  assert_form_with_error (refused, 429, "Sie haben in der letzten Stunde schon 3 Fragen "
                                        "gesendet. Bitte versuchen Sie es in 60 Minuten wieder.");
  g_assert_true (g_ascii_string_to_unsigned (header (refused, "Retry-After"), 10, 3590, 3600,
                                             &retry_after, NULL));
  g_assert_cmpuint (f->submissions->len, ==, 3);
}

static void
test_a_refused_question_does_not_count (Fixture *f, gconstpointer data)
{
  g_autoptr (Reply) empty = post_form (f, "", NULL, NULL);
  g_autoptr (Reply) refused = NULL;
  g_autoptr (Reply) taken = NULL;

  (void) data;
  f->refuse_with = "nein";
  refused = post_form (f, "Frage?", NULL, NULL);
  f->refuse_with = NULL;
  taken = post_form (f, "Frage?", NULL, NULL);
  g_assert_cmpuint (empty->status, ==, 400);
  g_assert_cmpuint (refused->status, ==, 409);
  g_assert_cmpuint (taken->status, ==, 303);
}

/* The limiter itself, with the clock in the test's hand. */
static void
test_limit_the_interval_lifts_after_15_s (void)
{
  g_autoptr (PlenumQuestionFormLimit) limit = plenum_question_form_limit_new (15, 10, 4096);
  gint64 t0 = 1000 * SECOND;
  gboolean hourly = TRUE;

  g_assert_cmpuint (plenum_question_form_limit_wait (limit, "198.51.100.7", t0, &hourly), ==, 0);
  plenum_question_form_limit_record (limit, "198.51.100.7", t0);
  g_assert_cmpuint (plenum_question_form_limit_wait (limit, "198.51.100.7", t0, &hourly), ==, 15);
  g_assert_false (hourly);
  g_assert_cmpuint (plenum_question_form_limit_wait (limit, "198.51.100.7",
                                                     t0 + 14 * SECOND + 1, &hourly), ==, 1);
  g_assert_cmpuint (plenum_question_form_limit_wait (limit, "198.51.100.7", t0 + 15 * SECOND,
                                                     &hourly), ==, 0);
  g_assert_cmpuint (plenum_question_form_limit_wait (limit, "198.51.100.8", t0, &hourly), ==, 0);
}

static void
test_limit_ten_an_hour_then_wait_for_the_oldest (void)
{
  g_autoptr (PlenumQuestionFormLimit) limit = plenum_question_form_limit_new (15, 10, 4096);
  gint64 t0 = 1000 * SECOND, t = t0;
  gboolean hourly = FALSE;

  for (guint i = 0; i < 10; i++, t += 20 * SECOND) {
    g_assert_cmpuint (plenum_question_form_limit_wait (limit, "a", t, &hourly), ==, 0);
    plenum_question_form_limit_record (limit, "a", t);
  }
  /* t = t0 + 200 s: the oldest (t0) leaves the hour at t0 + 3600 s. */
  g_assert_cmpuint (plenum_question_form_limit_wait (limit, "a", t, &hourly), ==, 3400);
  g_assert_true (hourly);
  g_assert_cmpuint (plenum_question_form_limit_wait (limit, "a", t0 + 3600 * SECOND, &hourly),
                    ==, 0);
  plenum_question_form_limit_record (limit, "a", t0 + 3600 * SECOND);
  /* The second oldest (t0 + 20 s) is next. */
  g_assert_cmpuint (plenum_question_form_limit_wait (limit, "a", t0 + 3615 * SECOND, &hourly),
                    ==, 5);
  g_assert_true (hourly);
}

static void
test_limit_forgets_the_oldest_address_beyond_the_maximum (void)
{
  g_autoptr (PlenumQuestionFormLimit) limit =
      plenum_question_form_limit_new (15, 10, PLENUM_QUESTION_FORM_MAX_CLIENTS);
  gint64 t0 = 1000 * SECOND;
  gboolean hourly;

  plenum_question_form_limit_record (limit, "first", t0);
  plenum_question_form_limit_record (limit, "second", t0);
  for (guint i = 0; i < PLENUM_QUESTION_FORM_MAX_CLIENTS - 2; i++) {
    g_autofree char *key = g_strdup_printf ("10.0.%u.%u", i / 256, i % 256);
    plenum_question_form_limit_record (limit, key, t0 + 1);
  }
  g_assert_cmpuint (plenum_question_form_limit_size (limit), ==,
                    PLENUM_QUESTION_FORM_MAX_CLIENTS);
  /* "first" asks again and goes to the back; one more address pushes out "second". */
  g_assert_cmpuint (plenum_question_form_limit_wait (limit, "first", t0 + 20 * SECOND, &hourly),
                    ==, 0);
  plenum_question_form_limit_record (limit, "first", t0 + 20 * SECOND);
  plenum_question_form_limit_record (limit, "one too many", t0 + 20 * SECOND);
  g_assert_cmpuint (plenum_question_form_limit_size (limit), ==,
                    PLENUM_QUESTION_FORM_MAX_CLIENTS);
  g_assert_cmpuint (plenum_question_form_limit_wait (limit, "first", t0 + 21 * SECOND, &hourly),
                    ==, 14);
  g_assert_cmpuint (plenum_question_form_limit_wait (limit, "10.0.0.0", t0 + 10 * SECOND,
                                                     &hourly), ==, 6);
  /* A forgotten address starts afresh: its earlier question no longer counts. */
  g_assert_cmpuint (plenum_question_form_limit_wait (limit, "second", t0 + 10 * SECOND, &hourly),
                    ==, 0);
}

static void
test_limit_forgets_addresses_after_an_hour (void)
{
  g_autoptr (PlenumQuestionFormLimit) limit = plenum_question_form_limit_new (15, 10, 4096);
  gboolean hourly;

  plenum_question_form_limit_record (limit, "a", 0);
  plenum_question_form_limit_record (limit, "b", 1800 * SECOND);
  g_assert_cmpuint (plenum_question_form_limit_size (limit), ==, 2);
  plenum_question_form_limit_wait (limit, "c", 3600 * SECOND, &hourly);
  g_assert_cmpuint (plenum_question_form_limit_size (limit), ==, 1);
  plenum_question_form_limit_wait (limit, "c", 5400 * SECOND, &hourly);
  g_assert_cmpuint (plenum_question_form_limit_size (limit), ==, 0);
}

static void
test_limit_off_remembers_nobody (void)
{
  g_autoptr (PlenumQuestionFormLimit) limit = plenum_question_form_limit_new (0, 0, 4096);
  gboolean hourly;

  for (guint i = 0; i < 100; i++) {
    g_assert_cmpuint (plenum_question_form_limit_wait (limit, "a", i, &hourly), ==, 0);
    plenum_question_form_limit_record (limit, "a", i);
  }
  g_assert_cmpuint (plenum_question_form_limit_size (limit), ==, 0);
}

/* ---- other paths and methods ---------------------------------------------------------- */

static void
test_unknown_paths_get_404 (Fixture *f, gconstpointer data)
{
  const char *paths[] = { "/favicon.ico", "/thanks/", "/ask/x", "/studio/question_form.c",
                          "/../../etc/passwd", "/index.html" };

  (void) data;
  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++) {
    g_autoptr (Reply) reply = request (f, "GET", paths[i], NULL);

    g_test_message ("%s", paths[i]);
    g_assert_cmpuint (reply->status, ==, 404);
    assert_html_with_security_headers (reply);
    assert_contains (reply->body, "Seite nicht gefunden");
    assert_contains (reply->body, "<a href=\"/?lang=de\">Zum Fragenformular</a>");
  }
}

static void
test_other_methods_get_405_with_allow (Fixture *f, gconstpointer data)
{
  static const struct {
    const char *method;
    const char *path;
    const char *allow;
  } cases[] = {
    { "PUT", "/", "GET, HEAD, POST" },
    { "DELETE", "/ask", "GET, HEAD, POST" },
    { "OPTIONS", "/", "GET, HEAD, POST" },
    { "POST", "/thanks", "GET, HEAD" },
  };

  (void) data;
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (Reply) reply = request (f, cases[i].method, cases[i].path, NULL);

    g_test_message ("%s %s", cases[i].method, cases[i].path);
    g_assert_cmpuint (reply->status, ==, 405);
    assert_html_with_security_headers (reply);
    g_assert_cmpstr (header (reply, "Allow"), ==, cases[i].allow);
  }
  g_assert_cmpuint (f->submissions->len, ==, 0);
}

/* ---- listening ------------------------------------------------------------------------ */

static gboolean
never_called (const char *author, gboolean show_name, const char *text, gpointer user_data,
              GError **error)
{
  (void) author, (void) show_name, (void) text, (void) user_data, (void) error;
  g_assert_not_reached ();
}

static void
test_a_busy_port_is_refused_naming_the_address (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PlenumQuestionForm) first = plenum_question_form_new ("127.0.0.1:0", NULL,
                                                                   never_called, NULL, &error);
  g_autofree char *listen = NULL;
  g_autoptr (PlenumQuestionForm) second = NULL;

  g_assert_no_error (error);
  listen = g_strdup_printf ("127.0.0.1:%u", plenum_question_form_port (first));
  second = plenum_question_form_new (listen, NULL, never_called, NULL, &error);
  g_assert_null (second);
  g_assert_nonnull (error);
  assert_contains (error->message, listen);
}

static void
test_a_bad_address_is_refused_naming_it (void)
{
  const char *addresses[] = { "nonsense", "127.0.0.1", ":8080", "300.1.2.3:8080",
                              "127.0.0.1:65536", "127.0.0.1:http", "::1:8080", "[::1:8080",
                              "192.0.2.1:0" /* not ours: cannot be bound */ };

  for (gsize i = 0; i < G_N_ELEMENTS (addresses); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (PlenumQuestionForm) form =
        plenum_question_form_new (addresses[i], NULL, never_called, NULL, &error);

    g_test_message ("%s", addresses[i]);
    g_assert_null (form);
    g_assert_nonnull (error);
    assert_contains (error->message, addresses[i]);
  }
}

int
main (int argc, char **argv)
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, setup_func, data, func) \
  g_test_add ("/studio/question-form/" path, Fixture, data, setup_func, func, teardown)

  ADD ("the-form-is-german-by-default", setup, "Bürgerversammlung Nord",
       test_the_form_is_german_by_default);
  ADD ("lang-en-serves-the-english-form", setup, NULL, test_lang_en_serves_the_english_form);
  ADD ("accept-language-chooses-between-german-and-english", setup, NULL,
       test_accept_language_chooses_between_german_and_english);
  ADD ("head-answers-without-a-body", setup, NULL, test_head_answers_without_a_body);
  ADD ("the-show-title-is-escaped", setup, "Rat <b>&</b> \"Süd\"",
       test_the_show_title_is_escaped);
  ADD ("a-valid-question-reaches-the-callback-exactly", setup, NULL,
       test_a_valid_question_reaches_the_callback_exactly);
  ADD ("the-english-form-thanks-in-english", setup, NULL,
       test_the_english_form_thanks_in_english);
  ADD ("only-on-1-and-yes-give-consent", setup, NULL, test_only_on_1_and_yes_give_consent);
  ADD ("an-empty-question-is-refused-with-the-form", setup, NULL,
       test_an_empty_question_is_refused_with_the_form);
  ADD ("500-characters-pass-and-501-are-refused", setup, NULL,
       test_500_characters_pass_and_501_are_refused);
  ADD ("a-name-over-60-characters-is-refused", setup, NULL,
       test_a_name_over_60_characters_is_refused);
  ADD ("a-long-name-is-echoed-only-up-to-60-characters", setup, NULL,
       test_a_long_name_is_echoed_only_up_to_60_characters);
  ADD ("a-10k-character-name-is-refused-whole", setup, NULL,
       test_a_10k_character_name_is_refused_whole);
  ADD ("invalid-utf8-is-refused", setup, NULL, test_invalid_utf8_is_refused);
  ADD ("control-characters-become-spaces-and-the-text-is-trimmed", setup, NULL,
       test_control_characters_become_spaces_and_the_text_is_trimmed);
  ADD ("a-name-of-spaces-counts-as-no-name", setup, NULL,
       test_a_name_of_spaces_counts_as_no_name);
  ADD ("markup-reaches-the-callback-as-text-and-is-escaped-on-pages", setup, NULL,
       test_markup_reaches_the_callback_as_text_and_is_escaped_on_pages);
  ADD ("a-refusal-by-the-queue-keeps-the-text", setup, NULL,
       test_a_refusal_by_the_queue_keeps_the_text);
  ADD ("a-body-that-is-no-form-gets-415", setup, NULL, test_a_body_that_is_no_form_gets_415);
  ADD ("a-body-over-8-kib-gets-413", setup, NULL, test_a_body_over_8_kib_gets_413);
  ADD ("a-chunked-body-over-8-kib-gets-413", setup, NULL,
       test_a_chunked_body_over_8_kib_gets_413);
  ADD ("a-second-question-within-15-s-gets-429", setup_limited, NULL,
       test_a_second_question_within_15_s_gets_429);
  ADD ("another-address-is-limited-separately", setup_limited, NULL,
       test_another_address_is_limited_separately);
  ADD ("more-than-the-hourly-limit-gets-429", setup_limited, NULL,
       test_more_than_the_hourly_limit_gets_429);
  ADD ("a-refused-question-does-not-count", setup_limited, NULL,
       test_a_refused_question_does_not_count);
  ADD ("unknown-paths-get-404", setup, NULL, test_unknown_paths_get_404);
  ADD ("other-methods-get-405-with-allow", setup, NULL, test_other_methods_get_405_with_allow);
#undef ADD
  g_test_add_func ("/studio/question-form/limit/the-interval-lifts-after-15-s",
                   test_limit_the_interval_lifts_after_15_s);
  g_test_add_func ("/studio/question-form/limit/ten-an-hour-then-wait-for-the-oldest",
                   test_limit_ten_an_hour_then_wait_for_the_oldest);
  g_test_add_func ("/studio/question-form/limit/forgets-the-oldest-address-beyond-the-maximum",
                   test_limit_forgets_the_oldest_address_beyond_the_maximum);
  g_test_add_func ("/studio/question-form/limit/forgets-addresses-after-an-hour",
                   test_limit_forgets_addresses_after_an_hour);
  g_test_add_func ("/studio/question-form/limit/off-remembers-nobody",
                   test_limit_off_remembers_nobody);
  g_test_add_func ("/studio/question-form/a-busy-port-is-refused-naming-the-address",
                   test_a_busy_port_is_refused_naming_the_address);
  g_test_add_func ("/studio/question-form/a-bad-address-is-refused-naming-it",
                   test_a_bad_address_is_refused_naming_it);
  return g_test_run ();
}

#include "studio/question_form_page.h"

#include "studio/question_form.h"

/* Colours chosen for contrast of at least 7:1 (WCAG AAA) on white: text #1a1a1a 17.4:1,
 * secondary text #333 12.6:1, links, button and focus ring #00449e 9.0:1 (white on the button
 * likewise), errors #8b0000 10.0:1. No font is smaller than 1.1rem. */
static const char style[] =
  "html{background:#fff;color:#1a1a1a}"
  "body{margin:0;font:1.15rem/1.5 system-ui,\"Segoe UI\",Roboto,\"DejaVu Sans\",sans-serif}"
  "main{max-width:40rem;margin:0 auto;padding:.75rem 1.25rem 3rem}"
  "nav{text-align:right}"
  "a{color:#00449e}"
  ".show{margin:1rem 0 0;font-weight:bold}"
  "h1{font-size:1.6rem;line-height:1.25;margin:.25rem 0 1rem}"
  "label{display:block;font-weight:bold;margin:1.25rem 0 .25rem}"
  ".hint{margin:0 0 .35rem;color:#333}"
  "textarea,input[type=text]{box-sizing:border-box;width:100%;font:inherit;color:#1a1a1a;"
  "background:#fff;border:2px solid #1a1a1a;border-radius:4px;padding:.5rem}"
  "textarea{min-height:9rem;resize:vertical}"
  ".consent{display:flex;gap:.6rem;align-items:flex-start;margin:1.25rem 0}"
  ".consent input{width:1.5rem;height:1.5rem;margin:.15rem 0 0;flex:none;accent-color:#00449e}"
  ".consent label{margin:0;font-weight:normal}"
  ".privacy{color:#333;font-size:1.1rem}"
  "button{font:inherit;font-weight:bold;color:#fff;background:#00449e;border:2px solid #00449e;"
  "border-radius:4px;padding:.6rem 1.5rem;margin-top:.5rem;cursor:pointer}"
  "a:focus,textarea:focus,input:focus,button:focus{outline:3px solid #00449e;outline-offset:3px}"
  ".error{color:#8b0000;font-weight:bold;border-left:.4rem solid #8b0000;padding:.25rem .75rem;"
  "margin:1rem 0}"
  "@media (max-width:30rem){main{padding:.5rem .75rem 2rem}h1{font-size:1.4rem}}";

/* Words that only this file needs, next to the shared ones. */
typedef struct {
  PlenumFormWords shared;
  const char *other_code;
  const char *other_name;         /* the link to the other language, in that language */
  const char *page_title;
  const char *heading;
  const char *question_label;
  const char *question_hint;      /* %u characters */
  const char *name_label;
  const char *name_hint;          /* %u characters */
  const char *consent_label;
  const char *privacy;
  const char *submit;
  const char *thanks_title;
  const char *thanks_heading;
  const char *thanks;
  const char *back;
  const char *to_form;
} Words;

static const Words german = {
  .shared = {
    .code = "de",
    .empty = "Bitte schreiben Sie Ihre Frage in das Textfeld.",
    .too_long = "Ihre Frage ist %u Zeichen lang; erlaubt sind höchstens %u Zeichen.",
    .name_too_long = "Name zu lang: erlaubt sind höchstens %u Zeichen.",
    .unreadable = "Ihre Eingabe enthält Zeichen, die nicht gelesen werden können. "
                  "Bitte schreiben Sie sie noch einmal.",
    .refused = "Ihre Frage wurde nicht angenommen: %s",
    .wait_second = "Sie haben gerade eben eine Frage gesendet. Bitte warten Sie noch "
                   "1 Sekunde, bevor Sie die nächste senden.",
    .wait_seconds = "Sie haben gerade eben eine Frage gesendet. Bitte warten Sie noch "
                    "%u Sekunden, bevor Sie die nächste senden.",
    .hourly_minute = "Sie haben in der letzten Stunde schon %u Fragen gesendet. Bitte "
                     "versuchen Sie es in 1 Minute wieder.",
    .hourly_minutes = "Sie haben in der letzten Stunde schon %u Fragen gesendet. Bitte "
                      "versuchen Sie es in %u Minuten wieder.",
    .not_found_heading = "Seite nicht gefunden",
    .not_found = "Diese Adresse gibt es hier nicht.",
    .not_allowed_heading = "Nicht möglich",
    .not_allowed = "Diese Adresse nimmt nur %s an.",
    .too_large_heading = "Zu viel Text",
    .too_large = "Ihre Eingabe ist größer als %u Bytes. Bitte fassen Sie Ihre Frage kürzer.",
  },
  .other_code = "en",
  .other_name = "English",
  .page_title = "Ihre Frage",
  .heading = "Ihre Frage an das Rathaus",
  .question_label = "Ihre Frage",
  .question_hint = "Höchstens %u Zeichen.",
  .name_label = "Ihr Name (freiwillig)",
  .name_hint = "Höchstens %u Zeichen. Sie können auch ohne Namen fragen.",
  .consent_label = "Meinen Namen in der Sendung zeigen (Vorname und Initial)",
  .privacy = "Datenschutz: Wir speichern Ihre Frage, Ihren Namen, falls Sie ihn angeben, und "
             "die Uhrzeit des Eingangs; Ihre IP-Adresse wird nicht mit der Frage gespeichert. "
             "Ihr Name erscheint in der Sendung nur, wenn Sie oben zustimmen. Die Pressestelle "
             "der Stadt liest alle Fragen vorab und entscheidet, welche gestellt werden.",
  .submit = "Frage senden",
  .thanks_title = "Danke",
  .thanks_heading = "Danke für Ihre Frage!",
  .thanks = "Ihre Frage ist angekommen. Die Pressestelle der Stadt liest sie und entscheidet, "
            "ob sie in der Sendung gestellt wird.",
  .back = "Noch eine Frage stellen",
  .to_form = "Zum Fragenformular",
};

static const Words english = {
  .shared = {
    .code = "en",
    .empty = "Please write your question in the text box.",
    .too_long = "Your question is %u characters long; at most %u characters are allowed.",
    .name_too_long = "Name too long: at most %u characters are allowed.",
    .unreadable = "Your entry contains characters that cannot be read. Please type it again.",
    .refused = "Your question was not taken: %s",
    .wait_second = "You have just sent a question. Please wait 1 more second before sending "
                   "the next one.",
    .wait_seconds = "You have just sent a question. Please wait %u more seconds before "
                    "sending the next one.",
    .hourly_minute = "You have sent %u questions in the last hour. Please try again in "
                     "1 minute.",
    .hourly_minutes = "You have sent %u questions in the last hour. Please try again in "
                      "%u minutes.",
    .not_found_heading = "Page not found",
    .not_found = "There is no such address here.",
    .not_allowed_heading = "Not possible",
    .not_allowed = "This address only takes %s.",
    .too_large_heading = "Too much text",
    .too_large = "Your entry is larger than %u bytes. Please make your question shorter.",
  },
  .other_code = "de",
  .other_name = "Deutsch",
  .page_title = "Your question",
  .heading = "Your question to the town hall",
  .question_label = "Your question",
  .question_hint = "At most %u characters.",
  .name_label = "Your name (optional)",
  .name_hint = "At most %u characters. You may also ask without a name.",
  .consent_label = "Show my name on air (first name and initial)",
  .privacy = "Data protection: we store your question, your name if you give one, and the "
             "time it arrived; your IP address is not stored with the question. Your name is "
             "shown on air only if you agree above. The town's press office reads every "
             "question first and decides which are asked.",
  .submit = "Send question",
  .thanks_title = "Thank you",
  .thanks_heading = "Thank you for your question!",
  .thanks = "Your question has arrived. The town's press office reads it and decides whether "
            "it is asked on air.",
  .back = "Ask another question",
  .to_form = "To the question form",
};

static const Words *
words_for (PlenumFormLanguage language)
{
  return language == PLENUM_FORM_ENGLISH ? &english : &german;
}

const PlenumFormWords *
plenum_question_form_words (PlenumFormLanguage language)
{
  return &words_for (language)->shared;
}

/* Appends `text` (plain text, valid UTF-8) escaped for element content and quoted
 * attributes. */
static void
append_escaped (GString *html, const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (html, escaped);
}

/* Everything up to and including the heading; `title` is the page's own, before the show's
 * name. */
static GString *
open_page (const Words *words, const char *show_title, const char *title, const char *heading)
{
  GString *html = g_string_sized_new (6144);

  g_string_append_printf (html, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
                          "<meta charset=\"utf-8\">\n"
                          "<meta name=\"viewport\" content=\"width=device-width, "
                          "initial-scale=1\">\n<title>", words->shared.code);
  append_escaped (html, title);
  if (show_title != NULL && show_title[0] != '\0') {
    g_string_append (html, " – ");
    append_escaped (html, show_title);
  }
  g_string_append_printf (html, "</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n"
                          "<nav><a href=\"/?lang=%s\" hreflang=\"%s\" lang=\"%s\">%s</a></nav>\n",
                          style, words->other_code, words->other_code, words->other_code,
                          words->other_name);
  if (show_title != NULL && show_title[0] != '\0') {
    g_string_append (html, "<p class=\"show\">");
    append_escaped (html, show_title);
    g_string_append (html, "</p>\n");
  }
  g_string_append (html, "<h1>");
  append_escaped (html, heading);
  g_string_append (html, "</h1>\n");
  return html;
}

static char *
close_page (GString *html)
{
  g_string_append (html, "</main>\n</body>\n</html>\n");
  return g_string_free (html, FALSE);
}

char *
plenum_question_form_page_form (const PlenumFormPage *page)
{
  const Words *words = words_for (page->language);
  GString *html = open_page (words, page->show_title, words->page_title, words->heading);
  gboolean question_invalid =
      page->error != NULL && page->error_field == PLENUM_FORM_FIELD_QUESTION;
  gboolean name_invalid = page->error != NULL && page->error_field == PLENUM_FORM_FIELD_NAME;

  if (page->error != NULL) {
    g_string_append (html, "<p id=\"form-error\" class=\"error\" role=\"alert\">");
    append_escaped (html, page->error);
    g_string_append (html, "</p>\n");
  }
  g_string_append_printf (html,
                          "<form method=\"post\" action=\"/\" accept-charset=\"utf-8\" "
                          "enctype=\"application/x-www-form-urlencoded\">\n"
                          "<input type=\"hidden\" name=\"lang\" value=\"%s\">\n"
                          "<label for=\"question\">", words->shared.code);
  append_escaped (html, words->question_label);
  g_string_append (html, "</label>\n<p id=\"question-hint\" class=\"hint\">");
  g_string_append_printf (html, words->question_hint, PLENUM_QUESTION_FORM_MAX_CHARS);
  g_string_append_printf (html,
                          "</p>\n<textarea id=\"question\" name=\"question\" rows=\"6\" "
                          "maxlength=\"%u\" required aria-describedby=\"question-hint%s\"%s>",
                          PLENUM_QUESTION_FORM_MAX_CHARS,
                          question_invalid ? " form-error" : "",
                          question_invalid ? " aria-invalid=\"true\"" : "");
  /* A newline right after <textarea> is swallowed by the parser: protect a leading one. */
  if (page->text != NULL && page->text[0] == '\n')
    g_string_append_c (html, '\n');
  if (page->text != NULL)
    append_escaped (html, page->text);
  g_string_append (html, "</textarea>\n<label for=\"name\">");
  append_escaped (html, words->name_label);
  g_string_append (html, "</label>\n<p id=\"name-hint\" class=\"hint\">");
  g_string_append_printf (html, words->name_hint, PLENUM_QUESTION_FORM_MAX_NAME_CHARS);
  g_string_append_printf (html,
                          "</p>\n<input type=\"text\" id=\"name\" name=\"name\" maxlength=\"%u\" "
                          "autocomplete=\"name\" aria-describedby=\"name-hint%s\"%s value=\"",
                          PLENUM_QUESTION_FORM_MAX_NAME_CHARS,
                          name_invalid ? " form-error" : "",
                          name_invalid ? " aria-invalid=\"true\"" : "");
  if (page->name != NULL)
    append_escaped (html, page->name);
  g_string_append_printf (html,
                          "\">\n<div class=\"consent\"><input type=\"checkbox\" id=\"show_name\" "
                          "name=\"show_name\" value=\"on\"%s> <label for=\"show_name\">",
                          page->show_name ? " checked" : "");
  append_escaped (html, words->consent_label);
  g_string_append (html, "</label></div>\n<p class=\"privacy\">");
  append_escaped (html, words->privacy);
  g_string_append (html, "</p>\n<button type=\"submit\" id=\"send\">");
  append_escaped (html, words->submit);
  g_string_append (html, "</button>\n</form>\n");
  return close_page (html);
}

char *
plenum_question_form_page_thanks (PlenumFormLanguage language, const char *show_title)
{
  const Words *words = words_for (language);
  GString *html = open_page (words, show_title, words->thanks_title, words->thanks_heading);

  g_string_append (html, "<p>");
  append_escaped (html, words->thanks);
  g_string_append_printf (html, "</p>\n<p><a href=\"/?lang=%s\">", words->shared.code);
  append_escaped (html, words->back);
  g_string_append (html, "</a></p>\n");
  return close_page (html);
}

char *
plenum_question_form_page_message (PlenumFormLanguage language, const char *show_title,
                                   const char *heading, const char *message)
{
  const Words *words = words_for (language);
  GString *html = open_page (words, show_title, heading, heading);

  g_string_append (html, "<p>");
  append_escaped (html, message);
  g_string_append_printf (html, "</p>\n<p><a href=\"/?lang=%s\">", words->shared.code);
  append_escaped (html, words->to_form);
  g_string_append (html, "</a></p>\n");
  return close_page (html);
}

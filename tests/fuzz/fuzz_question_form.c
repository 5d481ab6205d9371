/* The citizens' question form (studio/question_form.h): a POST body read as the form reads it,
 * the form page that echoes it back, and the question queue it goes to. */
#include "tests/fuzz/fuzz.h"
#include "studio/question_form.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc, (void) argv;
  plenum_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  PlenumFormLanguage language = PLENUM_FORM_GERMAN;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *shown_name = NULL;
  g_autofree char *html = NULL;
  gboolean show_name;
  PlenumFormPage page = { .show_title = "Ratssitzung <26.11.> & \"Fragen\"" };

  if (size > PLENUM_QUESTION_FORM_MAX_BODY)
    return 0;   /* refused before it is read */
  if (!plenum_question_form_read_body ((const char *) data, size, &language, &text, &name,
                                       &show_name)) {
    g_assert (text == NULL && name == NULL);
    return 0;
  }
  g_assert (g_utf8_validate (text, -1, NULL) && g_utf8_validate (name, -1, NULL));
  g_assert (strchr (name, '\n') == NULL && strchr (text, '\r') == NULL);
  /* As the form answers a refused submission: the text and the name (cut) echoed. */
  shown_name = g_utf8_substring (name, 0, MIN (g_utf8_strlen (name, -1),
                                               PLENUM_QUESTION_FORM_MAX_NAME_CHARS));
  page.language = language;
  page.text = text;
  page.name = shown_name;
  page.show_name = show_name;
  page.error = "refused";
  page.error_field = PLENUM_FORM_FIELD_QUESTION;
  html = plenum_question_form_page_form (&page);
  g_assert (strstr (html, "<script") == NULL);
  if (g_utf8_strlen (text, -1) <= PLENUM_QUESTION_FORM_MAX_CHARS &&
      g_utf8_strlen (name, -1) <= PLENUM_QUESTION_FORM_MAX_NAME_CHARS)
    plenum_fuzz_take_question ("form", name[0] != '\0' ? name : NULL, show_name, text);
  return 0;
}

/* question_form_page.h — the question form's HTML pages and words (private to
 * question_form.c).
 *
 * Every page is complete, self-contained HTML (inline CSS, no script, no external resource) in
 * German or English. Every value passed in is plain text and is escaped here; the strings
 * below are plain text too.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  PLENUM_FORM_GERMAN,
  PLENUM_FORM_ENGLISH,
} PlenumFormLanguage;

/* The messages question_form.c puts on pages; the ones with a `%u` are printf formats. */
typedef struct {
  const char *code;               /* "de", "en": <html lang>, ?lang= */
  const char *empty;
  const char *too_long;           /* %u characters given, %u allowed */
  const char *name_too_long;      /* %u allowed */
  const char *unreadable;         /* invalid UTF-8 or not a form body */
  const char *refused;            /* %s: the queue's reason */
  const char *wait_second;        /* the interval limit, 1 second left */
  const char *wait_seconds;       /* %u seconds left */
  const char *hourly_minute;      /* %u questions an hour, 1 minute left */
  const char *hourly_minutes;     /* %u questions an hour, %u minutes left */
  const char *not_found_heading;
  const char *not_found;
  const char *not_allowed_heading;
  const char *not_allowed;        /* %s: the allowed methods */
  const char *too_large_heading;
  const char *too_large;          /* %u bytes */
} PlenumFormWords;

const PlenumFormWords *plenum_question_form_words (PlenumFormLanguage language);

typedef enum {
  PLENUM_FORM_FIELD_NONE,
  PLENUM_FORM_FIELD_QUESTION,
  PLENUM_FORM_FIELD_NAME,
} PlenumFormField;

typedef struct {
  PlenumFormLanguage language;
  const char *show_title;         /* or NULL */
  const char *text;               /* kept from a refused submission, or NULL */
  const char *name;               /* likewise */
  gboolean show_name;
  const char *error;              /* shown with role="alert", or NULL */
  PlenumFormField error_field;    /* marked aria-invalid */
} PlenumFormPage;

/* (transfer full) */
char *plenum_question_form_page_form (const PlenumFormPage *page);
char *plenum_question_form_page_thanks (PlenumFormLanguage language, const char *show_title);
/* A small page with a heading, one paragraph and a link to the form. */
char *plenum_question_form_page_message (PlenumFormLanguage language, const char *show_title,
                                         const char *heading, const char *message);

G_END_DECLS

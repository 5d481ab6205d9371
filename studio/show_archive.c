/* show_archive.c — the show file's "archive" section: what the finished package must meet
 * and how it is published. Nothing here is secret: the upload token is read from its
 * variable by `plenum upload`, which runs later, maybe on another machine. */
#include "studio/show_private.h"

#include <string.h>

static const char *const http_schemes[] = { "http", "https", NULL };
static const char *const privacy_choices[] = { "private", "unlisted", "public", NULL };

#define YOUTUBE_TITLE_MAX 100   /* characters, as YouTube counts them */
#define YOUTUBE_DESCRIPTION_MAX 5000
#define LANGUAGE_TAG_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-"

static gboolean
is_share (double value)
{
  return value >= 0 && value <= 1;
}

static char *
checked_text (PlenumChecker *c, const cJSON *object, const char *key, const char *fallback,
              glong max_chars)
{
  const char *text = plenum_checker_string (c, object, key, FALSE);

  if (text == NULL)
    return g_strdup (fallback);
  if (g_utf8_strlen (text, -1) > max_chars)
    plenum_checker_problem (c, key, "is longer than YouTube allows (%ld characters)", max_chars);
  if (strpbrk (text, "<>") != NULL)
    plenum_checker_problem (c, key, "must not contain \"<\" or \">\" (YouTube refuses them)");
  return g_strdup (text);
}

static void
check_youtube (PlenumChecker *c, const cJSON *archive, PlenumArchiveConfig *config)
{
  static const char *const keys[] = {
    "api_base", "caption_name", "category_id", "language", "privacy", "token_env", NULL
  };
  gsize mark;
  const cJSON *object = plenum_checker_enter_object (c, archive, "youtube", keys, &mark);
  const char *token_env = plenum_checker_string (c, object, "token_env", FALSE);
  const char *category = plenum_checker_string (c, object, "category_id", FALSE);
  const char *caption_name = plenum_checker_string (c, object, "caption_name", FALSE);
  const char *language = plenum_checker_string (c, object, "language", FALSE);
  int privacy = plenum_checker_choice (c, object, "privacy", 0, privacy_choices);

  config->youtube_token_env = g_strdup (token_env ? token_env : "PLENUM_YOUTUBE_TOKEN");
  config->youtube_api_base = cJSON_HasObjectItem (object, "api_base")
      ? plenum_checker_url (c, object, "api_base", TRUE, http_schemes)
      : g_strdup ("https://www.googleapis.com");
  config->youtube_privacy = g_strdup (privacy_choices[MAX (privacy, 0)]);
  if (category != NULL && (category[0] == '\0' || strspn (category, "0123456789") != strlen (category)))
    plenum_checker_problem (c, "category_id", "must be a YouTube category number, e.g. \"25\"");
  config->youtube_category_id = g_strdup (category ? category : "25");
  config->caption_name = g_strdup (caption_name ? caption_name : "Deutsch");
  if (language != NULL && (strlen (language) < 2 || strlen (language) > 35 ||
                           strspn (language, LANGUAGE_TAG_CHARS) != strlen (language)))
    plenum_checker_problem (c, "language", "must be a language tag such as \"de\" or \"de-DE\"");
  config->language = g_strdup (language ? language : "de");
  plenum_checker_leave (c, mark);
}

void
plenum_show_check_archive (PlenumChecker *c, const cJSON *root, PlenumShow *show)
{
  static const char *const keys[] = {
    "description", "min_caption_coverage", "title", "youtube", NULL
  };
  PlenumArchiveConfig *config = &show->archive;
  gsize mark;
  const cJSON *object = plenum_checker_enter_object (c, root, "archive", keys, &mark);

  config->min_caption_coverage =
      plenum_checker_number (c, object, "min_caption_coverage", 0.9, is_share,
                             "must be a share from 0 to 1 (0.9: nine tenths of speech captioned)");
  config->title = checked_text (c, object, "title", show->name ? show->name : "",
                                YOUTUBE_TITLE_MAX);
  config->description = checked_text (c, object, "description", "", YOUTUBE_DESCRIPTION_MAX);
  check_youtube (c, object, config);
  plenum_checker_leave (c, mark);
}

void
plenum_show_clear_archive (PlenumArchiveConfig *archive)
{
  g_free (archive->title);
  g_free (archive->description);
  g_free (archive->youtube_token_env);
  g_free (archive->youtube_api_base);
  g_free (archive->youtube_privacy);
  g_free (archive->youtube_category_id);
  g_free (archive->language);
  g_free (archive->caption_name);
  memset (archive, 0, sizeof *archive);
}

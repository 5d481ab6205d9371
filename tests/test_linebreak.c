/* Unit tests for captions/linebreak.c. */
#include "captions/linebreak.h"

static void
check (const char *text, guint max_chars, guint max_lines, const char *expected)
{
  g_autofree char *got = plenum_caption_break_lines (text, max_chars, max_lines);
  g_assert_cmpstr (got, ==, expected);
}

static void
test_never_splits_a_word_that_fits (void)
{
  check ("Willkommen zur Ratssitzung", 15, 2, "Willkommen zur\nRatssitzung");
}

static void
test_splits_only_words_longer_than_a_line (void)
{
  check ("Donaudampfschifffahrt", 8, 3, "Donaudam\npfschiff\nfahrt");
}

static void
test_keeps_the_newest_lines (void)
{
  check ("eins zwei drei vier", 4, 2, "drei\nvier");
}

static void
test_counts_characters_not_bytes (void)
{
  /* "Größe über" is 10 characters but 13 bytes: it fits a 10-character line. */
  check ("Größe über", 10, 2, "Größe über");
}

static void
test_folds_white_space (void)
{
  check ("  a \t b\n\nc  ", 37, 2, "a b c");
  check ("", 37, 2, "");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/captions/linebreak/never-splits-a-word-that-fits", test_never_splits_a_word_that_fits);
  g_test_add_func ("/captions/linebreak/splits-only-words-longer-than-a-line",
                   test_splits_only_words_longer_than_a_line);
  g_test_add_func ("/captions/linebreak/keeps-the-newest-lines", test_keeps_the_newest_lines);
  g_test_add_func ("/captions/linebreak/counts-characters-not-bytes", test_counts_characters_not_bytes);
  g_test_add_func ("/captions/linebreak/folds-white-space", test_folds_white_space);
  return g_test_run ();
}

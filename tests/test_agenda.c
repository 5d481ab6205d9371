/* Unit tests for studio/agenda.c: moving through the agenda and the chapters.txt it yields. */
#include "studio/agenda.h"

#include <glib/gstdio.h>
#include <string.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlenumAgenda, plenum_agenda_free)

#define SECONDS(s) ((gint64) (s) * 1000)
#define MINUTES(m) SECONDS ((m) * 60)
#define HOURS(h) MINUTES ((h) * 60)

/* A NULL-terminated list of titles as the GPtrArray the agenda borrows. */
static GPtrArray *
items_from (const char *const *titles)
{
  GPtrArray *items = g_ptr_array_new ();

  for (guint i = 0; titles[i] != NULL; i++)
    g_ptr_array_add (items, (gpointer) titles[i]);
  return items;
}

static const char *const three_items[] = { "TOP 1", "TOP 2", "TOP 3", NULL };
static const char *const five_items[] = { "TOP 1", "TOP 2", "TOP 3", "TOP 4", "TOP 5", NULL };

static void
next (PlenumAgenda *agenda, gint64 at_ms)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (plenum_agenda_next (agenda, at_ms, &error));
  g_assert_no_error (error);
}

static void
assert_chapters (const PlenumAgenda *agenda, const char *expected)
{
  g_autofree char *text = plenum_agenda_chapters_text (agenda);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_a_new_agenda_starts_on_the_first_item_at_zero (void)
{
  g_autoptr (GPtrArray) items = items_from (three_items);
  g_autoptr (PlenumAgenda) agenda = plenum_agenda_new (items);

  g_assert_cmpuint (plenum_agenda_length (agenda), ==, 3);
  g_assert_cmpint (plenum_agenda_current (agenda), ==, 0);
  g_assert_cmpstr (plenum_agenda_item (agenda, 0), ==, "TOP 1");
  g_assert_cmpstr (plenum_agenda_item (agenda, 2), ==, "TOP 3");
  assert_chapters (agenda, "0:00 TOP 1\n");
}

static void
test_an_item_out_of_range_is_null (void)
{
  g_autoptr (GPtrArray) items = items_from (three_items);
  g_autoptr (PlenumAgenda) agenda = plenum_agenda_new (items);

  g_assert_null (plenum_agenda_item (agenda, 3));
  g_assert_null (plenum_agenda_item (agenda, -1));
}

static void
test_next_moves_on_and_marks_a_chapter (void)
{
  g_autoptr (GPtrArray) items = items_from (three_items);
  g_autoptr (PlenumAgenda) agenda = plenum_agenda_new (items);

  next (agenda, MINUTES (12) + SECONDS (5) + 999);
  g_assert_cmpint (plenum_agenda_current (agenda), ==, 1);
  assert_chapters (agenda, "0:00 TOP 1\n12:05 TOP 2\n");
}

static void
test_next_on_the_last_item_says_where_it_is (void)
{
  g_autoptr (GPtrArray) items = items_from (three_items);
  g_autoptr (PlenumAgenda) agenda = plenum_agenda_new (items);
  g_autoptr (GError) error = NULL;

  next (agenda, MINUTES (1));
  next (agenda, MINUTES (2));
  g_assert_false (plenum_agenda_next (agenda, MINUTES (3), &error));
  g_assert_error (error, PLENUM_AGENDA_ERROR, PLENUM_AGENDA_ERROR_AT_END);
  g_assert_cmpstr (error->message, ==, "already at the last agenda item (3 of 3)");
  g_assert_cmpint (plenum_agenda_current (agenda), ==, 2);
  assert_chapters (agenda, "0:00 TOP 1\n1:00 TOP 2\n2:00 TOP 3\n");
}

static void
test_an_empty_agenda_has_no_chapters_and_no_next (void)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new ();
  g_autoptr (PlenumAgenda) agenda = plenum_agenda_new (items);
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (plenum_agenda_length (agenda), ==, 0);
  g_assert_cmpint (plenum_agenda_current (agenda), ==, -1);
  g_assert_null (plenum_agenda_item (agenda, 0));
  g_assert_false (plenum_agenda_next (agenda, MINUTES (1), &error));
  g_assert_error (error, PLENUM_AGENDA_ERROR, PLENUM_AGENDA_ERROR_EMPTY);
  g_assert_cmpstr (error->message, ==, "the show has no agenda");
  assert_chapters (agenda, "");
}

static void
test_chapters_under_an_hour_use_minutes_and_seconds (void)
{
  g_autoptr (GPtrArray) items = items_from (three_items);
  g_autoptr (PlenumAgenda) agenda = plenum_agenda_new (items);

  next (agenda, SECONDS (65));
  next (agenda, HOURS (1) - 1);
  assert_chapters (agenda, "0:00 TOP 1\n1:05 TOP 2\n59:59 TOP 3\n");
}

static void
test_chapters_past_an_hour_use_hours_on_every_line (void)
{
  g_autoptr (GPtrArray) items = items_from (five_items);
  g_autoptr (PlenumAgenda) agenda = plenum_agenda_new (items);

  next (agenda, MINUTES (12) + SECONDS (5));
  next (agenda, HOURS (1));
  assert_chapters (agenda, "0:00:00 TOP 1\n0:12:05 TOP 2\n1:00:00 TOP 3\n");
  next (agenda, HOURS (10) + MINUTES (2) + SECONDS (3));
  assert_chapters (agenda,
                   "0:00:00 TOP 1\n0:12:05 TOP 2\n1:00:00 TOP 3\n10:02:03 TOP 4\n");
}

static void
test_a_mark_within_10_seconds_takes_over_the_previous_start (void)
{
  g_autoptr (GPtrArray) items = items_from (five_items);
  g_autoptr (PlenumAgenda) agenda = plenum_agenda_new (items);

  next (agenda, MINUTES (5));
  next (agenda, MINUTES (5) + SECONDS (10) - 1);
  assert_chapters (agenda, "0:00 TOP 1\n5:00 TOP 3\n");
  g_assert_cmpint (plenum_agenda_current (agenda), ==, 2);
  /* Measured from the start the chapter kept, not from the skipped mark. */
  next (agenda, MINUTES (5) + SECONDS (10));
  assert_chapters (agenda, "0:00 TOP 1\n5:00 TOP 3\n5:10 TOP 4\n");
}

static void
test_skipping_the_first_item_keeps_the_first_chapter_at_zero (void)
{
  g_autoptr (GPtrArray) items = items_from (three_items);
  g_autoptr (PlenumAgenda) agenda = plenum_agenda_new (items);

  next (agenda, SECONDS (3));
  assert_chapters (agenda, "0:00 TOP 2\n");
  next (agenda, SECONDS (20));
  assert_chapters (agenda, "0:00 TOP 2\n0:20 TOP 3\n");
}

static void
test_a_mark_before_the_last_one_is_clamped_to_it (void)
{
  g_autoptr (GPtrArray) items = items_from (five_items);
  g_autoptr (PlenumAgenda) agenda = plenum_agenda_new (items);

  next (agenda, MINUTES (2));
  next (agenda, MINUTES (1));
  assert_chapters (agenda, "0:00 TOP 1\n2:00 TOP 3\n");
  next (agenda, G_MININT64);
  assert_chapters (agenda, "0:00 TOP 1\n2:00 TOP 4\n");
  next (agenda, MINUTES (2) + SECONDS (10));
  assert_chapters (agenda, "0:00 TOP 1\n2:00 TOP 4\n2:10 TOP 5\n");
}

static void
test_a_line_break_in_a_title_stays_on_one_line (void)
{
  static const char *const titles[] = { "TOP 1\nBegrüßung", "TOP 2\r\nHaushalt", NULL };
  g_autoptr (GPtrArray) items = items_from (titles);
  g_autoptr (PlenumAgenda) agenda = plenum_agenda_new (items);

  next (agenda, MINUTES (1));
  assert_chapters (agenda, "0:00 TOP 1 Begrüßung\n1:00 TOP 2  Haushalt\n");
  g_assert_cmpstr (plenum_agenda_item (agenda, 0), ==, "TOP 1\nBegrüßung");
}

static void
test_saved_chapters_match_the_text (void)
{
  g_autoptr (GPtrArray) items = items_from (three_items);
  g_autoptr (PlenumAgenda) agenda = plenum_agenda_new (items);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("plenum-agenda-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "chapters.txt", NULL);
  next (agenda, MINUTES (3));
  g_assert_true (plenum_agenda_save_chapters (agenda, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, "0:00 TOP 1\n3:00 TOP 2\n");

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_saving_into_a_missing_folder_fails_with_an_error (void)
{
  g_autoptr (GPtrArray) items = items_from (three_items);
  g_autoptr (PlenumAgenda) agenda = plenum_agenda_new (items);
  g_autoptr (GError) error = NULL;

  g_assert_false (plenum_agenda_save_chapters (agenda, "/nonexistent-plenum/chapters.txt",
                                               &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/studio/agenda/a-new-agenda-starts-on-the-first-item-at-zero",
                   test_a_new_agenda_starts_on_the_first_item_at_zero);
  g_test_add_func ("/studio/agenda/an-item-out-of-range-is-null",
                   test_an_item_out_of_range_is_null);
  g_test_add_func ("/studio/agenda/next-moves-on-and-marks-a-chapter",
                   test_next_moves_on_and_marks_a_chapter);
  g_test_add_func ("/studio/agenda/next-on-the-last-item-says-where-it-is",
                   test_next_on_the_last_item_says_where_it_is);
  g_test_add_func ("/studio/agenda/an-empty-agenda-has-no-chapters-and-no-next",
                   test_an_empty_agenda_has_no_chapters_and_no_next);
  g_test_add_func ("/studio/agenda/chapters-under-an-hour-use-minutes-and-seconds",
                   test_chapters_under_an_hour_use_minutes_and_seconds);
  g_test_add_func ("/studio/agenda/chapters-past-an-hour-use-hours-on-every-line",
                   test_chapters_past_an_hour_use_hours_on_every_line);
  g_test_add_func ("/studio/agenda/a-mark-within-10-seconds-takes-over-the-previous-start",
                   test_a_mark_within_10_seconds_takes_over_the_previous_start);
  g_test_add_func ("/studio/agenda/skipping-the-first-item-keeps-the-first-chapter-at-zero",
                   test_skipping_the_first_item_keeps_the_first_chapter_at_zero);
  g_test_add_func ("/studio/agenda/a-mark-before-the-last-one-is-clamped-to-it",
                   test_a_mark_before_the_last_one_is_clamped_to_it);
  g_test_add_func ("/studio/agenda/a-line-break-in-a-title-stays-on-one-line",
                   test_a_line_break_in_a_title_stays_on_one_line);
  g_test_add_func ("/studio/agenda/saved-chapters-match-the-text",
                   test_saved_chapters_match_the_text);
  g_test_add_func ("/studio/agenda/saving-into-a-missing-folder-fails-with-an-error",
                   test_saving_into_a_missing_folder_fails_with_an_error);
  return g_test_run ();
}

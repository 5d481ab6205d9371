#include "studio/progress_bar.h"

#include <unistd.h>

#define REDRAW_INTERVAL_US (G_USEC_PER_SEC / 4)
#define RATE_AFTER_US (G_USEC_PER_SEC / 2)   /* a rate from the first instants is noise */

struct _PlenumProgressBar {
  FILE *to;
  char *label;
  gboolean terminal;
  guint64 total, done;
  guint64 first_done;       /* where this run started */
  gint64 started_us, drawn_us;
  gboolean line_open;       /* a redrawn line is on screen, not yet ended */
  int tenths_printed;       /* without a terminal: the last tenth printed, -1 none */
};

PlenumProgressBar *
plenum_progress_bar_new (FILE *to, const char *label, guint64 total)
{
  PlenumProgressBar *bar = g_new0 (PlenumProgressBar, 1);

  bar->to = to;
  bar->label = g_strdup (label);
  bar->terminal = isatty (fileno (to));
  bar->total = total;
  bar->first_done = G_MAXUINT64;
  bar->started_us = g_get_monotonic_time ();
  bar->tenths_printed = -1;
  return bar;
}

void
plenum_progress_bar_free (PlenumProgressBar *bar)
{
  if (bar == NULL)
    return;
  plenum_progress_bar_break_line (bar);
  g_free (bar->label);
  g_free (bar);
}

static void
append_duration (GString *text, guint64 seconds)
{
  if (seconds >= 3600)
    g_string_append_printf (text, "%" G_GUINT64_FORMAT ":%02u:%02u", seconds / 3600,
                            (guint) (seconds / 60 % 60), (guint) (seconds % 60));
  else if (seconds >= 60)
    g_string_append_printf (text, "%u min %02u s", (guint) (seconds / 60), (guint) (seconds % 60));
  else
    g_string_append_printf (text, "%u s", (guint) seconds);
}

char *
plenum_progress_bar_format (const char *label, guint64 done, guint64 total,
                            double bytes_per_second)
{
  GString *text = g_string_new (NULL);
  guint percent = total > 0 ? (guint) (MIN (done, total) * 100 / total) : 100;

  g_string_append_printf (text, "%s: %.1f of %.1f MB (%u %%)", label, (double) done / 1e6,
                          (double) total / 1e6, percent);
  if (bytes_per_second > 0) {
    g_string_append_printf (text, ", %.1f MB/s", bytes_per_second / 1e6);
    if (done < total) {
      g_string_append (text, ", ");
      append_duration (text, (guint64) ((double) (total - done) / bytes_per_second + 0.999));
      g_string_append (text, " left");
    }
  }
  return g_string_free (text, FALSE);
}

static double
rate (const PlenumProgressBar *bar, gint64 now_us)
{
  gint64 elapsed = now_us - bar->started_us;

  if (elapsed < RATE_AFTER_US || bar->first_done == G_MAXUINT64 || bar->done <= bar->first_done)
    return -1;
  return (double) (bar->done - bar->first_done) * G_USEC_PER_SEC / (double) elapsed;
}

static void
draw (PlenumProgressBar *bar, gint64 now_us)
{
  g_autofree char *line = plenum_progress_bar_format (bar->label, bar->done, bar->total,
                                                      rate (bar, now_us));

  if (bar->terminal) {
    fprintf (bar->to, "\r%s\033[K", line);   /* \033[K: clear what a longer line left */
    bar->line_open = TRUE;
  } else {
    fprintf (bar->to, "%s\n", line);
  }
  fflush (bar->to);
  bar->drawn_us = now_us;
}

static int
tenths (const PlenumProgressBar *bar)
{
  return bar->total > 0 ? (int) (MIN (bar->done, bar->total) * 10 / bar->total) : 10;
}

void
plenum_progress_bar_set (PlenumProgressBar *bar, guint64 done)
{
  gint64 now = g_get_monotonic_time ();

  if (bar->first_done == G_MAXUINT64)
    bar->first_done = done;
  bar->done = done;
  if (bar->terminal) {
    if (now - bar->drawn_us >= REDRAW_INTERVAL_US)
      draw (bar, now);
  } else if (tenths (bar) > bar->tenths_printed) {
    bar->tenths_printed = tenths (bar);
    draw (bar, now);
  }
}

void
plenum_progress_bar_break_line (PlenumProgressBar *bar)
{
  if (!bar->line_open)
    return;
  fputc ('\n', bar->to);
  fflush (bar->to);
  bar->line_open = FALSE;
}

void
plenum_progress_bar_finish (PlenumProgressBar *bar)
{
  if (bar->terminal || tenths (bar) > bar->tenths_printed) {
    bar->tenths_printed = tenths (bar);
    draw (bar, g_get_monotonic_time ());
  }
  plenum_progress_bar_break_line (bar);
}

/* progress_bar.h — how far a long transfer has come, on one line of a terminal.
 *
 * "upload: 1.3 of 3.0 MB (42 %), 2.1 MB/s, 1 s left". On a terminal the line is redrawn in
 * place ("\r") at most four times a second; anywhere else (a log file, a test reading stderr)
 * a plain line is printed each time another tenth is done, so the output stays short. The rate
 * counts what this run sent; MB are 10^6 bytes.
 */
#pragma once

#include <glib.h>
#include <stdio.h>

G_BEGIN_DECLS

typedef struct _PlenumProgressBar PlenumProgressBar;

/* `label` starts the line ("upload"); `to` is usually stderr, and decides whether redrawing
 * is possible (isatty). */
PlenumProgressBar *plenum_progress_bar_new (FILE *to, const char *label, guint64 total);
void plenum_progress_bar_free (PlenumProgressBar *bar);

/* `done` bytes of `total` are safely sent (it may go back when a server kept less). */
void plenum_progress_bar_set (PlenumProgressBar *bar, guint64 done);
/* Ends the line being redrawn, so another message can be printed below it. */
void plenum_progress_bar_break_line (PlenumProgressBar *bar);
/* Shows the final state (100 % when all is done) and ends the line. */
void plenum_progress_bar_finish (PlenumProgressBar *bar);

/* The text of the line; `bytes_per_second` < 0 when not yet known. (transfer full) */
char *plenum_progress_bar_format (const char *label, guint64 done, guint64 total,
                                  double bytes_per_second);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlenumProgressBar, plenum_progress_bar_free)

G_END_DECLS

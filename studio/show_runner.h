/* show_runner.h — runs a validated show until it is stopped.
 *
 * Builds the program pipeline from the show (sources, mixer, caption burn-in, encoder,
 * outputs), runs the GLib main loop, prints one status line a second, and stops cleanly on
 * SIGINT/SIGTERM, on --duration or when a render's main source ends: EOS through every
 * branch, so every file is finalised. A signal while the show is being built is taken once
 * its first picture is encoded; one after the stop is ignored until the process exits.
 * Before anything is built, every address the show listens on is tried (port_check.h).
 */
#pragma once

#include "studio/show.h"

G_BEGIN_DECLS

typedef struct {
  double duration_s;      /* > 0: stop after this much program time */
  gboolean quiet;         /* no status lines on stderr */
  gboolean render;        /* file sources, no clock, record outputs only */
  gboolean window;        /* open the preview window */
} PlenumRunOptions;

/* Returns the process exit code: 0 after a clean stop, 1 on a runtime failure. */
int plenum_show_run (const PlenumShow *show, const PlenumRunOptions *options);

/* The run folder name for a start time: "2026-11-26T18-00-00"; (transfer full). */
char *plenum_run_folder_name (GDateTime *start);

G_END_DECLS

#include <glib.h>

/* cli.h — the `plenum` command line (see ../shared/CONTRACT.md). */
#pragma once

G_BEGIN_DECLS

/* Runs one command; returns the exit code (0 ok, 1 runtime failure, 2 usage or bad show). */
int plenum_cli_main (int argc, char **argv);

G_END_DECLS

/* archive_report.h — report.html: what happened in one recorded run, for the town's archive.
 *
 * One self-contained page (inline CSS and SVG, no JavaScript, no external resources, a strict
 * Content-Security-Policy), German first with English in a second line, readable from 390 px
 * to desktop widths: completeness, caption coverage, loudness, each output's bitrate and
 * reconnects, dropped frames, chapters and questions. Every text from the facts is escaped;
 * every chart has a text alternative (see svg_plot.h).
 */
#pragma once

#include <glib.h>

#include "studio/archive_facts.h"

G_BEGIN_DECLS

/* The page; transfer full. */
char *plenum_archive_report_html (const PlenumArchiveFacts *facts);

/* Writes the page to `path` (replacing it atomically). */
gboolean plenum_archive_report_write (const PlenumArchiveFacts *facts, const char *path,
                                      GError **error);

G_END_DECLS

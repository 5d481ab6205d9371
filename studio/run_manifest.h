/* run_manifest.h — run.json: what a run folder says about the show that made it.
 *
 * Written when the run starts, so that `plenum archive` and `plenum upload` (later, maybe on
 * another machine, without the show file) know the show's name, its outputs and how the
 * archive is to be finished and published. No secrets: variables are named, never read.
 *
 * {"name": …, "started": "2026-11-26T18:00:00Z", "fps": 30, "width": 1280, "height": 720,
 *  "outputs": [{"id": …, "kind": …}], "agenda": […],
 *  "archive": {"min_caption_coverage": 0.9, "title": …, "description": …,
 *              "youtube": {"token_env", "api_base", "privacy", "category_id", "language",
 *                          "caption_name"}}}
 */
#pragma once

#include <glib.h>
#include "studio/show.h"

G_BEGIN_DECLS

gboolean plenum_run_manifest_write (const PlenumShow *show, GDateTime *started,
                                    const char *run_dir, GError **error);

G_END_DECLS

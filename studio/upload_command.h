/* upload_command.h — `plenum upload DIR --youtube`: publishes an archived run on YouTube.
 *
 * Uploads DIR/archive/recording.mp4 (resumably, with a progress line on stderr) with the
 * title, description, chapters, language and privacy from DIR/run.json, then
 * DIR/archive/captions.vtt as the video's caption track. It refuses a run whose archive is
 * missing or not complete (archive.json), and one without the OAuth token (the variable named
 * by archive.youtube.token_env). DIR/archive/upload.json remembers the session and what is
 * done: run again after a crash, it resumes; after success, it does not upload twice (and
 * still sends captions that failed). Results go to stdout ("uploaded: https://youtu.be/ID",
 * "captions uploaded (de)"), problems to stderr as "plenum upload: …"; neither the token nor
 * the session URI is ever printed.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns the process's exit code: 0 done, 1 not done (the reason is on stderr). */
int plenum_upload_command (const char *run_dir);

G_END_DECLS

/* demo_show.h — the built-in demo: no camera, no account, no file needed.
 *
 * Two test cameras cutting every 10 s, an interpreter feed (its own pattern, labelled), a demo
 * caption line, a recording under ./recordings/ and an SRT listener on srt://127.0.0.1:9710.
 */
#pragma once

#include "studio/show.h"

G_BEGIN_DECLS

/* The demo as show-file JSON, so it goes through the same validation as any show. A
 * captioner may connect to 127.0.0.1:9720; with `whisper_url` (a whisper.cpp server, from
 * PLENUM_WHISPER_URL), camera 1's sound is also captioned by it, in German. (transfer full) */
char *plenum_demo_show_json (const char *whisper_url);

G_END_DECLS

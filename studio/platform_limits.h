/* platform_limits.h — what YouTube and Facebook accept, checked before the show.
 *
 * A show can be valid and still be refused or degraded by a platform: a GOP longer than 4 s,
 * a bitrate outside the platform's range for the resolution, an H.264 level it does not take.
 * These are warnings with the reason, for `plenum check` and the start of a show.
 */
#pragma once

#include "studio/show.h"

G_BEGIN_DECLS

/* Appends one "path: warning" string per finding to `warnings` (element-type utf8). */
void plenum_platform_limits_check (const PlenumShow *show, GPtrArray *warnings);

/* The lowest H.264 level (times 10: 31 for 3.1) whose limits fit the picture and rate. */
int plenum_h264_level_for (int width, int height, int fps);

G_END_DECLS

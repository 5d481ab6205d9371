/* program_format.h — the one raw video format every picture in the program shares.
 *
 * I420, square pixels, BT.709 with MPEG-2 chroma siting. Pinning colorimetry and chroma site
 * everywhere matters: when the compositor's inputs and output differ in either, it converts
 * every frame of every input (measured in bench/README.md: about 15 % of a render's CPU).
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

/* Returns (transfer full) caps in the program format; a size or rate <= 0 is left open. */
GstCaps *plenum_program_video_caps (int width, int height, int fps);

G_END_DECLS

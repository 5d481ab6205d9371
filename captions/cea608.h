/* cea608.h — CEA-608 roll-up captions (CC1, field 1) as byte pairs, one pair per video frame.
 *
 * Turns caption lines into what a 608 decoder expects: RU2 (or RU3) and a PAC for the base
 * row, text with odd parity, a carriage return before each new line, EDM to erase; every
 * control code is sent twice, in consecutive frames. At most 32 characters a line (longer
 * lines are cut). Characters outside 608's basic set use its special and extended Western
 * European sets where they have them (ä ö ü ß é …, each preceded by a basic fallback character
 * as the standard asks); characters it lacks are dropped. Pure bytes, no GStreamer.
 *
 * The queue holds at most PLENUM_CEA608_MAX_QUEUE_FRAMES frames of data: when a new line would
 * overflow it, the oldest whole lines waiting are dropped, so captions never lag far behind.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PLENUM_CEA608_MAX_CHARS 32
#define PLENUM_CEA608_MAX_QUEUE_FRAMES 90   /* 3 s at 30 fps */

typedef struct _PlenumCea608Encoder PlenumCea608Encoder;

/* `rollup_rows`: 2 (RU2) or 3 (RU3). */
PlenumCea608Encoder *plenum_cea608_encoder_new (guint rollup_rows);
void plenum_cea608_encoder_free (PlenumCea608Encoder *encoder);

/* Queues one caption line (UTF-8) to roll up onto the base row. */
void plenum_cea608_encoder_push_line (PlenumCea608Encoder *encoder, const char *line);
/* Queues an erase of what is shown (EDM). */
void plenum_cea608_encoder_clear (PlenumCea608Encoder *encoder);

/* The pair for the next frame: the next queued pair (TRUE), or padding 0x80 0x80 (FALSE). */
gboolean plenum_cea608_encoder_next_pair (PlenumCea608Encoder *encoder, guint8 pair[2]);
/* Frames of data waiting. */
guint plenum_cea608_encoder_queued (const PlenumCea608Encoder *encoder);

/* `byte` (7 bits) with bit 7 set so that it has odd parity. */
guint8 plenum_cea608_parity (guint8 byte);

/* One frame's cc_data for GstVideoCaptionMeta of type CEA708_RAW (what x264enc writes as A/53
 * SEI): the pair as CC1 (field 1, marker 0xFC), then field-2 padding. Returns the bytes
 * written to `out` (a multiple of 3), at most `size`. */
gsize plenum_cea608_cc_data (const guint8 pair[2], guint8 *out, gsize size);

G_END_DECLS

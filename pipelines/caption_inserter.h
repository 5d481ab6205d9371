/* caption_inserter.h — CEA-608 captions into every raw frame on its way to the encoder.
 *
 * A buffer probe on the raw program video (just before x264enc) takes the 608 encoder's next
 * byte pair and attaches it as GstVideoCaptionMeta (CEA708_RAW cc_data), which x264enc writes
 * as A/53 caption SEI: so the captions travel inside the H.264 stream to every output. Frames
 * without caption data carry padding, as decoders expect a steady stream. Lines may be pushed
 * from any thread.
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

typedef struct _PlenumCaptionInserter PlenumCaptionInserter;

/* Probes `pad` (raw video; transfer none, must outlive the inserter's use). */
PlenumCaptionInserter *plenum_caption_inserter_new (GstPad *pad, guint rollup_rows);
/* Removes the probe. */
void plenum_caption_inserter_free (PlenumCaptionInserter *inserter);

/* Roll up one line (≤ 32 characters; break longer text before). */
void plenum_caption_inserter_push_line (PlenumCaptionInserter *inserter, const char *line);
/* Erase what decoders show. */
void plenum_caption_inserter_clear (PlenumCaptionInserter *inserter);
/* Turn the captions off and on (live, from the control API); off sends an erase first. */
void plenum_caption_inserter_set_enabled (PlenumCaptionInserter *inserter, gboolean enabled);

G_END_DECLS

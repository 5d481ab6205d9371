/* encoder.h — the one encode every output shares.
 *
 * H.264 (x264enc, zerolatency, High profile, fixed GOP of fps × keyframe_s) and AAC-LC. Each
 * ends in a tee; outputs take a request pad from plenum_encoder_video_tee/audio_tee, or from
 * the tee of a muxed stream shared by all destinations of one format. The
 * encoder counts frames in and frames it had to drop because it could not keep up.
 */
#pragma once

#include <gst/gst.h>
#include "pipelines/mux_feed.h"
#include "studio/show.h"

G_BEGIN_DECLS

typedef struct _PlenumEncoder PlenumEncoder;

/* Adds the encoders to `pipeline` and links them from `raw_video` and `raw_audio` (all
 * transfer none). */
PlenumEncoder *plenum_encoder_new (GstBin *pipeline, const PlenumShow *show, gboolean live,
                                   GstElement *raw_video, GstElement *raw_audio, GError **error);
void plenum_encoder_free (PlenumEncoder *encoder);

GstElement *plenum_encoder_video_tee (PlenumEncoder *encoder);
GstElement *plenum_encoder_audio_tee (PlenumEncoder *encoder);
/* The tee of the program muxed as `format` (mux_feed.h), built the first time it is asked
 * for; (transfer none), or NULL with `error`. */
GstElement *plenum_encoder_muxed_tee (PlenumEncoder *encoder, PlenumMuxFormat format,
                                      GError **error);

/* Frames that reached the encoder, and frames dropped before it because it was behind. */
guint64 plenum_encoder_frames (PlenumEncoder *encoder);
guint64 plenum_encoder_dropped (PlenumEncoder *encoder);
/* Running time of the newest frame that reached the encoder. */
GstClockTime plenum_encoder_position (PlenumEncoder *encoder);

/* x264enc's sink pad: the last place raw frames pass, where caption data is attached
 * (transfer full). */
GstPad *plenum_encoder_raw_video_pad (PlenumEncoder *encoder);

/* Asks for a keyframe as soon as possible (an output joined). */
void plenum_encoder_force_keyframe (PlenumEncoder *encoder);

G_END_DECLS

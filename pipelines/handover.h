/* handover.h — a live source's picture and sound carried into the program, in sync.
 *
 * A live source runs in a pipeline of its own (source_feed.c), so that it can fail and be
 * rebuilt without touching the program. Its picture and sound cross into the program through
 * a handover: two appsinks end each build of the source pipeline, two appsrcs in the program
 * go on for the whole show.
 *
 * Every buffer keeps its place relative to the others of its source: its running time in the
 * source pipeline is read against the clock (so the pipelines' clocks and base times need
 * not agree), and all of a build's buffers are shifted by one delay, so the source's sound
 * and picture stay as much in sync as the source made them, whatever each spends on its way.
 *
 * The delay is the latest a buffer of this build has arrived after its time, plus a margin:
 * each buffer then reaches the mixer before its moment is mixed, and the program waits no
 * longer than the source needs — also for senders that timestamp ahead of sending (an MPEG-TS
 * mux delay) or send sound in bursts. It is learnt in the build's first second (decoders
 * start slowly once), then only grows: a source that got later shows a frame twice and
 * leaves a moment of silence, once. A jump of the source's timestamps by more than a second
 * (a wrap, a restarted sender) starts the learning again.
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

typedef struct _PlenumHandover PlenumHandover;

/* A handover whose appsrcs are named "<id>-video" and "<id>-audio"; NULL with `error` if
 * GStreamer's app elements are missing. */
PlenumHandover *plenum_handover_new (const char *id, GError **error);
PlenumHandover *plenum_handover_ref (PlenumHandover *handover);
void plenum_handover_unref (PlenumHandover *handover);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlenumHandover, plenum_handover_unref)

/* The program's ends (transfer none; floating until added to the program pipeline). */
GstElement *plenum_handover_video_source (PlenumHandover *handover);
GstElement *plenum_handover_audio_source (PlenumHandover *handover);

/* Two new appsinks (transfer floating) that end one build of the source pipeline: its
 * picture and its sound. `sync` for sources that the clock must pace (files). */
gboolean plenum_handover_new_sinks (PlenumHandover *handover, gboolean sync, GstElement **video,
                                    GstElement **audio, GError **error);

/* The delay of the newest build (how long after its time a buffer reaches the program), or
 * GST_CLOCK_STIME_NONE before its first buffer. */
GstClockTimeDiff plenum_handover_delay (PlenumHandover *handover);

G_END_DECLS

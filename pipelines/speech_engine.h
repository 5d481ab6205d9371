/* speech_engine.h — what the speech engines share (private to pipelines/speech_*.c).
 *
 * speech_recognizer.c makes the common part and hands it to one engine's init function, which
 * builds `bin` and keeps its own state in `engine`. Engines report through
 * plenum_speech_emit() and plenum_speech_log() from any thread.
 */
#pragma once

#include "pipelines/speech_recognizer.h"

G_BEGIN_DECLS

struct _PlenumSpeechRecognizer {
  GstElement *bin;              /* (owned; sunk) the engine's bin, sink pad "sink" */
  PlenumSpeechFunc on_text;
  PlenumSpeechLogFunc on_log;
  gpointer user_data;
  GMainContext *context;        /* (owned) where results are delivered */
  gpointer engine;              /* the engine's state */
  void (*engine_free) (gpointer engine);
  gatomicrefcount refs;         /* the owner's, plus one per result on its way */
  gint freed;                   /* atomic: the owner let go; results are dropped */
};

/* Each fills recognizer->bin (a GstBin whose first element is a leaky queue, ghost sink pad
 * "sink"), engine and engine_free. */
gboolean plenum_speech_pocketsphinx_init (PlenumSpeechRecognizer *recognizer,
                                          const PlenumSpeechOptions *options, GError **error);
gboolean plenum_speech_whisper_init (PlenumSpeechRecognizer *recognizer,
                                     const PlenumSpeechOptions *options, GError **error);

/* Delivers a result on the recogniser's main context (copies `text`); any thread. A result
 * still on its way when the owner frees the recogniser is dropped, safely. */
void plenum_speech_emit (PlenumSpeechRecognizer *recognizer, const char *text, gboolean final);
void plenum_speech_log (PlenumSpeechRecognizer *recognizer, const char *format, ...)
    G_GNUC_PRINTF (2, 3);

G_END_DECLS

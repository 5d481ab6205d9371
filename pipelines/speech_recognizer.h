/* speech_recognizer.h — live captions from a source's speech.
 *
 * A recogniser is a bin with one audio sink pad ("sink", any raw audio): the application
 * links a branch of a source's sound to it. Its first element is a leaky queue, so a slow
 * recogniser drops audio and never holds up the program. Two engines:
 *  - pocketsphinx: GStreamer's `pocketsphinx` element with Debian's US-English model (or the
 *    language model named in the show file); partial hypotheses as they come, a final result
 *    at the end of each utterance;
 *  - whisper-server: the audio cut into chunks (at pauses, at most a few seconds long) posted
 *    with libcurl to a whisper.cpp server's /inference endpoint; each answer is a final result.
 * Results reach `on_text` on the main context that was the thread-default when the
 * recogniser was made.
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

typedef enum {
  PLENUM_SPEECH_POCKETSPHINX,
  PLENUM_SPEECH_WHISPER_SERVER,
} PlenumSpeechEngine;

typedef struct {
  PlenumSpeechEngine engine;
  const char *language_model;   /* pocketsphinx: path of an LM, or NULL for the default */
  const char *dictionary;       /* pocketsphinx: path of a dictionary, or NULL */
  const char *url;              /* whisper-server: base URL ("http://127.0.0.1:8080") */
  const char *language;         /* whisper-server: "de", "en", … or NULL for auto */
} PlenumSpeechOptions;

/* `final`: FALSE for a partial guess that the next result replaces. */
typedef void (*PlenumSpeechFunc) (const char *text, gboolean final, gpointer user_data);
/* A problem the operator should know (the server cannot be reached, …), at most every few
 * seconds; secret-free. */
typedef void (*PlenumSpeechLogFunc) (const char *message, gpointer user_data);

typedef struct _PlenumSpeechRecognizer PlenumSpeechRecognizer;

/* NULL with `error` when the engine's element or model is missing. */
PlenumSpeechRecognizer *plenum_speech_recognizer_new (const PlenumSpeechOptions *options,
                                                      PlenumSpeechFunc on_text,
                                                      PlenumSpeechLogFunc on_log,
                                                      gpointer user_data, GError **error);
/* The bin to add to a pipeline and link to (transfer none; floating until added). */
GstElement *plenum_speech_recognizer_bin (PlenumSpeechRecognizer *recognizer);
/* Frees the recogniser; its bin must be out of any running pipeline (state NULL) first. */
void plenum_speech_recognizer_free (PlenumSpeechRecognizer *recognizer);

G_END_DECLS

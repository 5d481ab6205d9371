/* speech_pocketsphinx.c — the pocketsphinx engine: GStreamer's `pocketsphinx` element in a
 * bin of its own that keeps the element's result messages from the application's bus and
 * hands them to the recogniser instead.
 *
 * The element posts an element message "pocketsphinx" with "hypothesis" (string) and "final"
 * (boolean): partial guesses while someone speaks (at most every 100 ms of audio), and a
 * final result when its voice activity detector hears the utterance end, or at EOS. It
 * swallows the audio, so the fakesink behind it only exists to give it a peer.
 */
#include "pipelines/speech_engine.h"

#include <gio/gio.h>

#include "pipelines/elements.h"

GST_DEBUG_CATEGORY_STATIC (plenum_speech_debug);
#define GST_CAT_DEFAULT plenum_speech_debug

/* What Debian's pocketsphinx-en-us installs. */
#define DEBIAN_LANGUAGE_MODEL "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin"
#define DEBIAN_DICTIONARY "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict"
#define MISSING_HINT "apt-get install gstreamer1.0-pocketsphinx pocketsphinx-en-us"

/* Enough to ride out a hiccup of the decoder; beyond that, audio is dropped rather than the
 * program held up. */
#define QUEUE_TIME (2 * GST_SECOND)

#define PLENUM_TYPE_POCKETSPHINX_BIN (plenum_pocketsphinx_bin_get_type ())
G_DECLARE_FINAL_TYPE (PlenumPocketsphinxBin, plenum_pocketsphinx_bin, PLENUM, POCKETSPHINX_BIN,
                      GstBin)

struct _PlenumPocketsphinxBin {
  GstBin parent;
  /* Results come on the streaming thread, the owner lets go on its own thread. */
  GMutex lock;
  PlenumSpeechRecognizer *recognizer;   /* NULL once the owner freed the recogniser */
  char *last_partial;                   /* (owned) to drop repeats; NULL after a final */
  GstElement *decoder;                  /* the pocketsphinx element, a child (transfer none) */
};

G_DEFINE_TYPE_WITH_CODE (PlenumPocketsphinxBin, plenum_pocketsphinx_bin, GST_TYPE_BIN,
                         GST_DEBUG_CATEGORY_INIT (plenum_speech_debug, "plenum-speech", 0,
                                                  "Plenum speech recognition"))

static void
take_result (PlenumPocketsphinxBin *self, const GstStructure *result)
{
  const char *text = gst_structure_get_string (result, "hypothesis");
  gboolean final = FALSE;
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  gst_structure_get_boolean (result, "final", &final);
  GST_DEBUG_OBJECT (self, "%s: \"%s\"", final ? "final" : "partial", text ? text : "");
  if (self->recognizer == NULL)
    return;
  if (final) {
    g_clear_pointer (&self->last_partial, g_free);
    if (text && *text)
      plenum_speech_emit (self->recognizer, text, TRUE);
  } else if (text && *text && g_strcmp0 (text, self->last_partial) != 0) {
    g_free (self->last_partial);
    self->last_partial = g_strdup (text);
    plenum_speech_emit (self->recognizer, text, FALSE);
  }
}

static void
plenum_pocketsphinx_bin_handle_message (GstBin *bin, GstMessage *message)
{
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ELEMENT &&
      gst_message_has_name (message, "pocketsphinx")) {
    take_result (PLENUM_POCKETSPHINX_BIN (bin), gst_message_get_structure (message));
    gst_message_unref (message);
    return;
  }
  GST_BIN_CLASS (plenum_pocketsphinx_bin_parent_class)->handle_message (bin, message);
}

static void
plenum_pocketsphinx_bin_finalize (GObject *object)
{
  PlenumPocketsphinxBin *self = PLENUM_POCKETSPHINX_BIN (object);

  g_free (self->last_partial);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (plenum_pocketsphinx_bin_parent_class)->finalize (object);
}

static void
plenum_pocketsphinx_bin_class_init (PlenumPocketsphinxBinClass *klass)
{
  GST_BIN_CLASS (klass)->handle_message = plenum_pocketsphinx_bin_handle_message;
  G_OBJECT_CLASS (klass)->finalize = plenum_pocketsphinx_bin_finalize;
}

static void
plenum_pocketsphinx_bin_init (PlenumPocketsphinxBin *self)
{
  g_mutex_init (&self->lock);
}

/* The application may still hold the bin, so it forgets the recogniser here and any later
 * result goes nowhere. The decoder may still be in READY from load_models() (a bin in NULL
 * leaves its children alone), so it is let go of explicitly. */
static void
pocketsphinx_engine_free (gpointer engine)
{
  PlenumPocketsphinxBin *self = engine;

  g_mutex_lock (&self->lock);
  self->recognizer = NULL;
  g_mutex_unlock (&self->lock);
  gst_element_set_state (self->decoder, GST_STATE_NULL);
  gst_object_unref (self);
}

/* A missing model is better said naming the file than by the element's failure to load. */
static gboolean
check_model_file (const char *what, const char *path, gboolean is_default, GError **error)
{
  if (path != NULL && g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               "speech recognition: the pocketsphinx %s \"%s\" does not exist%s", what,
               path ? path : "(none)", is_default ? " (" MISSING_HINT ")" : "");
  return FALSE;
}

/* A model the decoder cannot read would otherwise fail the whole pipeline when it starts, and
 * the show with it. So the decoder loads its models now, in READY, which it keeps until the
 * pipeline takes it further: they are read once. */
static gboolean
load_models (GstElement *decoder, const char *language_model, const char *dictionary,
             GError **error)
{
  if (gst_element_set_state (decoder, GST_STATE_READY) != GST_STATE_CHANGE_FAILURE)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "speech recognition: pocketsphinx cannot load the language model \"%s\" with "
               "the dictionary \"%s\"", language_model, dictionary);
  return FALSE;
}

static gboolean
configure_decoder (GstElement *decoder, const PlenumSpeechOptions *options, GError **error)
{
  const char *language_model = options->language_model ? options->language_model
                                                        : DEBIAN_LANGUAGE_MODEL;
  const char *dictionary = options->dictionary ? options->dictionary : DEBIAN_DICTIONARY;
  g_autofree char *acoustic_model = NULL;

  g_object_get (decoder, "hmm", &acoustic_model, NULL);
  if (!check_model_file ("acoustic model", acoustic_model, TRUE, error) ||
      !check_model_file ("language model", language_model, options->language_model == NULL,
                         error) ||
      !check_model_file ("dictionary", dictionary, options->dictionary == NULL, error))
    return FALSE;
  g_object_set (decoder, "lm", language_model, "dict", dictionary, NULL);
  GST_INFO_OBJECT (decoder, "pocketsphinx with %s, %s and %s", acoustic_model, language_model,
                   dictionary);
  return load_models (decoder, language_model, dictionary, error);
}

/* Fills the bin: leaky queue → convert → resample → 16 kHz mono S16LE → decoder → fakesink. */
static gboolean
build_bin (PlenumPocketsphinxBin *self, const PlenumSpeechOptions *options, GError **error)
{
  GstElement *queue, *convert, *resample, *filter, *sink;
  g_autoptr (GstCaps) caps = NULL;
  g_autoptr (GstPad) queue_sink = NULL;

  if (!plenum_elements_make (error, "queue", &queue, "audioconvert", &convert,
                             "audioresample", &resample, "capsfilter", &filter,
                             "pocketsphinx:decoder", &self->decoder, "fakesink", &sink, NULL))
    return FALSE;
  gst_bin_add_many (GST_BIN (self), queue, convert, resample, filter, self->decoder, sink, NULL);
  g_object_set (queue, "leaky", 2 /* downstream: drop the oldest */, "max-size-time",
                (guint64) QUEUE_TIME, "max-size-buffers", 0, "max-size-bytes", 0, NULL);
  /* The acoustic model was trained on 16 kHz mono. */
  caps = gst_caps_new_simple ("audio/x-raw", "format", G_TYPE_STRING, "S16LE",
                              "rate", G_TYPE_INT, 16000, "channels", G_TYPE_INT, 1, NULL);
  g_object_set (filter, "caps", caps, NULL);
  /* Nothing reaches it: the decoder keeps the audio. async=false, so the bin never waits for
   * a preroll that cannot come. */
  g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);

  if (!gst_element_link_many (queue, convert, resample, filter, self->decoder, sink, NULL)) {
    g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_NEGOTIATION,
                 "speech recognition: the pocketsphinx element does not take 16 kHz mono audio");
    return FALSE;
  }
  queue_sink = gst_element_get_static_pad (queue, "sink");
  gst_element_add_pad (GST_ELEMENT (self), gst_ghost_pad_new ("sink", queue_sink));
  return configure_decoder (self->decoder, options, error);
}

gboolean
plenum_speech_pocketsphinx_init (PlenumSpeechRecognizer *recognizer,
                                 const PlenumSpeechOptions *options, GError **error)
{
  g_autoptr (GstElementFactory) factory = gst_element_factory_find ("pocketsphinx");
  g_autoptr (PlenumPocketsphinxBin) bin = NULL;

  if (factory == NULL) {
    g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_MISSING_PLUGIN,
                 "speech recognition needs GStreamer's pocketsphinx element (" MISSING_HINT ")");
    return FALSE;
  }
  bin = gst_object_ref_sink (g_object_new (PLENUM_TYPE_POCKETSPHINX_BIN, NULL));
  if (!build_bin (bin, options, error))
    return FALSE;
  bin->recognizer = recognizer;
  recognizer->bin = gst_object_ref (GST_ELEMENT (bin));
  recognizer->engine = g_steal_pointer (&bin);
  recognizer->engine_free = pocketsphinx_engine_free;
  return TRUE;
}

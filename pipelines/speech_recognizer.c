#include "pipelines/speech_engine.h"

/* The recogniser is reference counted by its pending deliveries, so a result still on its
 * way to the main context never outlives it. */
typedef struct {
  PlenumSpeechRecognizer *recognizer;
  char *text;
  gboolean final;
  gboolean is_log;
} Delivery;

static void
recognizer_unref (PlenumSpeechRecognizer *recognizer)
{
  if (!g_atomic_ref_count_dec (&recognizer->refs))
    return;
  g_main_context_unref (recognizer->context);
  g_free (recognizer);
}

static void
delivery_free (Delivery *delivery)
{
  recognizer_unref (delivery->recognizer);
  g_free (delivery->text);
  g_free (delivery);
}

static gboolean
deliver (gpointer user_data)
{
  Delivery *delivery = user_data;
  PlenumSpeechRecognizer *recognizer = delivery->recognizer;

  if (g_atomic_int_get (&recognizer->freed))   /* nobody listens any more */
    return G_SOURCE_REMOVE;
  if (delivery->is_log && recognizer->on_log)
    recognizer->on_log (delivery->text, recognizer->user_data);
  else if (!delivery->is_log && recognizer->on_text)
    recognizer->on_text (delivery->text, delivery->final, recognizer->user_data);
  return G_SOURCE_REMOVE;
}

static void
send (PlenumSpeechRecognizer *recognizer, char *text /* transfer full */, gboolean final,
      gboolean is_log)
{
  Delivery *delivery = g_new0 (Delivery, 1);
  GSource *source = g_idle_source_new ();

  g_atomic_ref_count_inc (&recognizer->refs);
  delivery->recognizer = recognizer;
  delivery->text = text;
  delivery->final = final;
  delivery->is_log = is_log;
  g_source_set_callback (source, deliver, delivery, (GDestroyNotify) delivery_free);
  g_source_attach (source, recognizer->context);
  g_source_unref (source);
}

void
plenum_speech_emit (PlenumSpeechRecognizer *recognizer, const char *text, gboolean final)
{
  send (recognizer, g_strdup (text), final, FALSE);
}

void
plenum_speech_log (PlenumSpeechRecognizer *recognizer, const char *format, ...)
{
  va_list args;
  char *message;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  send (recognizer, message, FALSE, TRUE);
}

PlenumSpeechRecognizer *
plenum_speech_recognizer_new (const PlenumSpeechOptions *options, PlenumSpeechFunc on_text,
                              PlenumSpeechLogFunc on_log, gpointer user_data, GError **error)
{
  PlenumSpeechRecognizer *recognizer = g_new0 (PlenumSpeechRecognizer, 1);
  gboolean ok;

  recognizer->on_text = on_text;
  recognizer->on_log = on_log;
  recognizer->user_data = user_data;
  recognizer->context = g_main_context_ref_thread_default ();
  g_atomic_ref_count_init (&recognizer->refs);
  ok = options->engine == PLENUM_SPEECH_POCKETSPHINX
      ? plenum_speech_pocketsphinx_init (recognizer, options, error)
      : plenum_speech_whisper_init (recognizer, options, error);
  if (!ok) {
    plenum_speech_recognizer_free (recognizer);
    return NULL;
  }
  return recognizer;
}

GstElement *
plenum_speech_recognizer_bin (PlenumSpeechRecognizer *recognizer)
{
  return recognizer->bin;
}

void
plenum_speech_recognizer_free (PlenumSpeechRecognizer *recognizer)
{
  if (recognizer == NULL)
    return;
  g_atomic_int_set (&recognizer->freed, TRUE);
  if (recognizer->engine_free)
    recognizer->engine_free (recognizer->engine);
  gst_clear_object (&recognizer->bin);
  recognizer_unref (recognizer);
}

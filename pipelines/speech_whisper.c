/* speech_whisper.c — the whisper-server engine: the sound cut into chunks at pauses, each posted
 * by a worker thread to a whisper.cpp server's /inference endpoint (examples/server).
 *
 * The streaming thread only measures loudness and copies samples; everything that can wait on
 * the network happens on the worker, and a worker that falls behind loses the oldest chunks,
 * never the program's audio.
 */
#include "pipelines/speech_engine.h"

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <gio/gio.h>
#include <gst/app/gstappsink.h>
#include <string.h>

#include "pipelines/elements.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

GST_DEBUG_CATEGORY_STATIC (plenum_whisper_debug);
#define GST_CAT_DEFAULT plenum_whisper_debug

/* What whisper.cpp's server reads without converting: 16 kHz mono 16-bit WAV. */
#define SAMPLE_RATE 16000
#define BYTES_PER_SAMPLE 2
#define WAV_HEADER_BYTES 44
/* Loudness is judged per 10 ms. */
#define FRAME_SAMPLES (SAMPLE_RATE / 100)
/* A chunk ends at the first pause after MIN_CHUNK, or at MAX_CHUNK: enough context for whisper,
 * yet captions that follow the speaker within a few seconds. */
#define MIN_CHUNK_SAMPLES (SAMPLE_RATE * 3 / 2)
#define MAX_CHUNK_SAMPLES (SAMPLE_RATE * 5)
#define PAUSE_SAMPLES (SAMPLE_RATE * 3 / 10)
/* Quiet before speech is trimmed to this, so that a chunk starts where someone speaks and the
 * 5 s limit is not spent on silence. */
#define LEAD_SAMPLES (SAMPLE_RATE / 5)
/* Less sound than this (a click, a cough) is not worth a request: on near-silence whisper
 * invents text. */
#define MIN_SOUND_SAMPLES (SAMPLE_RATE / 10)
/* -40 dBFS RMS: well below speech into a desk microphone, above a quiet hall's hiss. */
#define QUIET_RMS 328
/* Captions must keep up: beyond this many chunks waiting, the oldest is dropped. */
#define MAX_WAITING_CHUNKS 3
#define CONNECT_TIMEOUT_MS 2000
#define TOTAL_TIMEOUT_MS 15000
#define LOG_INTERVAL (10 * G_USEC_PER_SEC)
/* An answer for a few seconds of speech is a few hundred bytes; more is not whisper. */
#define MAX_ANSWER_BYTES (256 * 1024)

/* Whisper marks sound that is not speech in brackets ("[BLANK_AUDIO]", "(Musik)", "[Music]",
 * "*Applaus*", "♪"), and segment_is_speech() drops those by their shape. On quiet German audio
 * it also writes the credits of the subtitles it was trained on: these (casefolded); a segment
 * containing one is dropped. */
static const char *const hallucinated_credits[] = {
  "untertitel im auftrag des zdf",
  "untertitelung im auftrag des zdf",
  "untertitelung des zdf",
  "untertitel von stephanie geiges",
  "amara.org",
};

/* Rate limit for one kind of message to the operator. */
typedef struct {
  gint64 last;               /* monotonic time of the last message */
  guint suppressed;          /* problems since then that were not told */
} LogLimit;

/* Cuts the stream into chunks; only touched on the streaming thread. */
typedef struct {
  GByteArray *pcm;           /* (owned) the chunk so far, S16LE 16 kHz mono */
  guint judged;              /* samples of `pcm` already judged loud or quiet */
  guint quiet_run;           /* quiet samples at the end of the judged part */
  guint sound;               /* loud samples in the judged part */
} Chunker;

typedef struct {
  PlenumSpeechRecognizer *recognizer;   /* (not owned) outlives the engine */
  char *url;                 /* (owned) {base}/inference as given: may hold credentials */
  char *display_url;         /* (owned) the same without userinfo or query, for the operator */
  char *language;            /* (owned) whisper's language code, or "auto" */
  Chunker chunker;
  /* GBytes of PCM from the streaming thread to the worker; an empty one tells it to stop. */
  GAsyncQueue *chunks;       /* (owned) */
  GThread *worker;
  gint stopping;             /* atomic: ends a request in flight */
  gint dropped;              /* atomic: chunks dropped since the worker last told */
  gboolean curl_initialised;
  /* Only the worker touches these once it runs. */
  CURL *curl;                /* (owned) reused, so requests share a connection */
  struct curl_slist *headers;   /* (owned) */
  LogLimit server_log;
  LogLimit drop_log;
} WhisperEngine;

/* ---- Chunking, on the streaming thread ---- */

static guint
chunker_samples (const Chunker *chunker)
{
  return chunker->pcm->len / BYTES_PER_SAMPLE;
}

static gboolean
frame_is_loud (const guint8 *frame)
{
  gint64 sum_of_squares = 0;

  for (guint i = 0; i < FRAME_SAMPLES; i++) {
    gint16 sample = (gint16) (frame[2 * i] | (frame[2 * i + 1] << 8));

    sum_of_squares += (gint64) sample * sample;
  }
  return sum_of_squares > (gint64) QUIET_RMS * QUIET_RMS * FRAME_SAMPLES;
}

static void
chunker_judge_frame (Chunker *chunker)
{
  if (frame_is_loud (chunker->pcm->data + chunker->judged * BYTES_PER_SAMPLE)) {
    chunker->sound += FRAME_SAMPLES;
    chunker->quiet_run = 0;
  } else {
    chunker->quiet_run += FRAME_SAMPLES;
  }
  chunker->judged += FRAME_SAMPLES;

  if (chunker->sound == 0 && chunker->judged > LEAD_SAMPLES) {
    guint excess = chunker->judged - LEAD_SAMPLES;

    g_byte_array_remove_range (chunker->pcm, 0, excess * BYTES_PER_SAMPLE);
    chunker->judged = LEAD_SAMPLES;
  }
}

static gboolean
chunker_at_end_of_chunk (const Chunker *chunker)
{
  return chunker->judged >= MAX_CHUNK_SAMPLES
      || (chunker->judged >= MIN_CHUNK_SAMPLES && chunker->quiet_run >= PAUSE_SAMPLES);
}

static void
engine_queue_chunk (WhisperEngine *engine, GBytes *pcm /* transfer full */)
{
  g_async_queue_lock (engine->chunks);
  while (g_async_queue_length_unlocked (engine->chunks) >= MAX_WAITING_CHUNKS) {
    g_bytes_unref (g_async_queue_try_pop_unlocked (engine->chunks));
    g_atomic_int_inc (&engine->dropped);
  }
  g_async_queue_push_unlocked (engine->chunks, pcm);
  g_async_queue_unlock (engine->chunks);
}

/* Ends the chunk at what has been judged; a partial frame stays for the next chunk. */
static void
engine_cut_chunk (WhisperEngine *engine)
{
  Chunker *chunker = &engine->chunker;
  guint bytes = chunker->judged * BYTES_PER_SAMPLE;

  if (chunker->sound >= MIN_SOUND_SAMPLES) {
    GST_DEBUG ("chunk of %.2f s with %.2f s of sound", (double) chunker->judged / SAMPLE_RATE,
               (double) chunker->sound / SAMPLE_RATE);
    engine_queue_chunk (engine, g_bytes_new (chunker->pcm->data, bytes));
  }
  g_byte_array_remove_range (chunker->pcm, 0, bytes);
  chunker->judged = chunker->quiet_run = chunker->sound = 0;
}

static void
engine_add_samples (WhisperEngine *engine, const guint8 *data, gsize size)
{
  Chunker *chunker = &engine->chunker;

  g_byte_array_append (chunker->pcm, data, size);
  while (chunker_samples (chunker) - chunker->judged >= FRAME_SAMPLES) {
    chunker_judge_frame (chunker);
    if (chunker_at_end_of_chunk (chunker))
      engine_cut_chunk (engine);
  }
}

static GstFlowReturn
on_new_sample (GstAppSink *appsink, gpointer user_data)
{
  g_autoptr (GstSample) sample = gst_app_sink_pull_sample (appsink);
  GstBuffer *buffer = sample ? gst_sample_get_buffer (sample) : NULL;
  GstMapInfo map;

  if (buffer == NULL || !gst_buffer_map (buffer, &map, GST_MAP_READ))
    return GST_FLOW_OK;
  engine_add_samples (user_data, map.data, map.size);
  gst_buffer_unmap (buffer, &map);
  return GST_FLOW_OK;
}

static void
on_eos (GstAppSink *appsink, gpointer user_data)
{
  (void) appsink;
  engine_cut_chunk (user_data);
}

/* ---- Talking to the server, on the worker ---- */

static void
append_le (GByteArray *array, guint32 value, guint bytes)
{
  for (guint i = 0; i < bytes; i++) {
    guint8 byte = (value >> (8 * i)) & 0xff;

    g_byte_array_append (array, &byte, 1);
  }
}

static GBytes *
wav_from_pcm (GBytes *pcm)
{
  gsize size;
  const guint8 *samples = g_bytes_get_data (pcm, &size);
  GByteArray *wav = g_byte_array_sized_new (WAV_HEADER_BYTES + size);

  g_byte_array_append (wav, (const guint8 *) "RIFF", 4);
  append_le (wav, 36 + size, 4);
  g_byte_array_append (wav, (const guint8 *) "WAVEfmt ", 8);
  append_le (wav, 16, 4);                                 /* size of the fmt chunk */
  append_le (wav, 1, 2);                                  /* PCM */
  append_le (wav, 1, 2);                                  /* channels */
  append_le (wav, SAMPLE_RATE, 4);
  append_le (wav, SAMPLE_RATE * BYTES_PER_SAMPLE, 4);     /* bytes per second */
  append_le (wav, BYTES_PER_SAMPLE, 2);                   /* bytes per frame */
  append_le (wav, 8 * BYTES_PER_SAMPLE, 2);               /* bits per sample */
  g_byte_array_append (wav, (const guint8 *) "data", 4);
  append_le (wav, size, 4);
  g_byte_array_append (wav, samples, size);
  return g_byte_array_free_to_bytes (wav);
}

static void
form_add_field (curl_mime *form, const char *name, const char *value)
{
  curl_mimepart *part = curl_mime_addpart (form);

  curl_mime_name (part, name);
  curl_mime_data (part, value, CURL_ZERO_TERMINATED);
}

/* The form whisper.cpp's server reads (examples/server/server.cpp: get_req_parameters). */
static curl_mime *
inference_form (CURL *curl, GBytes *wav, const char *language)
{
  curl_mime *form = curl_mime_init (curl);
  curl_mimepart *file = curl_mime_addpart (form);
  gsize size;
  const char *data = g_bytes_get_data (wav, &size);

  curl_mime_name (file, "file");
  curl_mime_filename (file, "speech.wav");
  curl_mime_type (file, "audio/wav");
  curl_mime_data (file, data, size);
  form_add_field (form, "response_format", "json");
  /* Greedy decoding first: the fastest, and whisper retries hotter on its own when unsure. */
  form_add_field (form, "temperature", "0.0");
  form_add_field (form, "language", language);
  return form;
}

static size_t
collect_answer (char *data, size_t size, size_t count, void *user_data)
{
  GByteArray *answer = user_data;

  if (answer->len + size * count > MAX_ANSWER_BYTES)
    return 0;   /* curl fails the transfer */
  g_byte_array_append (answer, (const guint8 *) data, size * count);
  return size * count;
}

static int
abort_when_stopping (void *user_data, curl_off_t download_total, curl_off_t downloaded,
                     curl_off_t upload_total, curl_off_t uploaded)
{
  WhisperEngine *engine = user_data;

  (void) download_total, (void) downloaded, (void) upload_total, (void) uploaded;
  return g_atomic_int_get (&engine->stopping);
}

/* whisper.cpp answers most failures with 200 and {"error": "…"}; a proxy in front may not. */
static char *
answer_error (const cJSON *json)
{
  const cJSON *message = cJSON_GetObjectItemCaseSensitive (json, "error");

  if (!cJSON_IsString (message))
    return NULL;
  return g_utf8_make_valid (message->valuestring, MIN (strlen (message->valuestring), 120));
}

/* Returns (transfer full) the "text" of the server's answer, or NULL with `error`. */
static char *
answer_text (GByteArray *answer, long status, GError **error)
{
  g_autoptr (cJSON) json = cJSON_ParseWithLength ((const char *) answer->data, answer->len);
  g_autofree char *server_error = json ? answer_error (json) : NULL;
  const cJSON *text = cJSON_GetObjectItemCaseSensitive (json, "text");

  if (status >= 400) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "answered HTTP %ld%s%s", status,
                 server_error ? ": " : "", server_error ? server_error : "");
    return NULL;
  }
  if (server_error) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "answered with an error: %s", server_error);
    return NULL;
  }
  if (!cJSON_IsString (text)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 "answered something that is not whisper's JSON (HTTP %ld)", status);
    return NULL;
  }
  return g_utf8_make_valid (text->valuestring, -1);
}

/* Posts one chunk; returns (transfer full) whisper's text, or NULL with `error`
 * (G_IO_ERROR_CANCELLED when the engine stops). */
static char *
engine_post_chunk (WhisperEngine *engine, GBytes *pcm, GError **error)
{
  g_autoptr (GBytes) wav = wav_from_pcm (pcm);
  g_autoptr (GByteArray) answer = g_byte_array_new ();
  curl_mime *form = inference_form (engine->curl, wav, engine->language);
  char curl_error[CURL_ERROR_SIZE] = "";
  long status = 0;
  CURLcode code;

  curl_easy_setopt (engine->curl, CURLOPT_MIMEPOST, form);
  curl_easy_setopt (engine->curl, CURLOPT_WRITEDATA, answer);
  curl_easy_setopt (engine->curl, CURLOPT_ERRORBUFFER, curl_error);
  code = curl_easy_perform (engine->curl);
  curl_easy_getinfo (engine->curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_setopt (engine->curl, CURLOPT_MIMEPOST, NULL);
  curl_easy_setopt (engine->curl, CURLOPT_ERRORBUFFER, NULL);
  curl_mime_free (form);

  if (code == CURLE_ABORTED_BY_CALLBACK) {
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "stopped");
    return NULL;
  }
  if (code != CURLE_OK) {
    g_set_error_literal (error, G_IO_ERROR,
                         code == CURLE_OPERATION_TIMEDOUT ? G_IO_ERROR_TIMED_OUT : G_IO_ERROR_FAILED,
                         curl_error[0] ? curl_error : curl_easy_strerror (code));
    return NULL;
  }
  return answer_text (answer, status, error);
}

/* Whether one of whisper's segments holds words: text outside its annotations ("[…]",
 * "(…)", "*…*", "♪…♪") that is not a hallucinated credit. */
static gboolean
segment_is_speech (const char *segment)
{
  g_autofree char *folded = NULL;
  gunichar closing = 0;
  gboolean has_words = FALSE;

  for (const char *p = segment; *p && !has_words; p = g_utf8_next_char (p)) {
    gunichar c = g_utf8_get_char (p);

    if (closing != 0)
      closing = c == closing ? 0 : closing;
    else if (c == '[' || c == '(' || c == '*' || c == 0x266A /* ♪ */)
      closing = c == '[' ? ']' : c == '(' ? ')' : c;
    else
      has_words = g_unichar_isalnum (c);
  }
  if (!has_words)
    return FALSE;

  folded = g_utf8_casefold (segment, -1);
  for (guint i = 0; i < G_N_ELEMENTS (hallucinated_credits); i++)
    if (strstr (folded, hallucinated_credits[i]))
      return FALSE;
  return TRUE;
}

/* Returns (transfer full) the speech in whisper's `text` (one segment a line) on one line, or
 * NULL when there is none. */
static char *
speech_from_text (const char *text)
{
  g_auto (GStrv) segments = g_strsplit_set (text, "\r\n", -1);
  g_autoptr (GString) speech = g_string_new (NULL);

  for (guint i = 0; segments[i]; i++) {
    g_autofree char *segment = g_strdup (segments[i]);

    g_strstrip (g_strdelimit (segment, "\t\v\f", ' '));
    if (!segment_is_speech (segment))
      continue;
    if (speech->len > 0)
      g_string_append_c (speech, ' ');
    g_string_append (speech, segment);
  }
  return speech->len > 0 ? g_string_free (g_steal_pointer (&speech), FALSE) : NULL;
}

/* Tells the operator about a problem, at most once per LOG_INTERVAL per kind. */
static void
engine_tell (WhisperEngine *engine, LogLimit *limit, const char *problem)
{
  gint64 now = g_get_monotonic_time ();

  GST_WARNING ("%s", problem);
  if (now - limit->last < LOG_INTERVAL) {
    limit->suppressed++;
    return;
  }
  if (limit->suppressed > 0)
    plenum_speech_log (engine->recognizer, "%s (and %u more since the last report)", problem,
                       limit->suppressed);
  else
    plenum_speech_log (engine->recognizer, "%s", problem);
  limit->last = now;
  limit->suppressed = 0;
}

static void
engine_tell_drops (WhisperEngine *engine)
{
  g_autofree char *problem = NULL;
  int dropped = g_atomic_int_exchange (&engine->dropped, 0);

  if (dropped == 0)
    return;
  problem = g_strdup_printf ("speech recognition: the whisper server %s is slower than the "
                             "speech; %d chunk%s of speech dropped", engine->display_url,
                             dropped, dropped == 1 ? "" : "s");
  engine_tell (engine, &engine->drop_log, problem);
}

static void
engine_transcribe (WhisperEngine *engine, GBytes *pcm)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = engine_post_chunk (engine, pcm, &error);
  g_autofree char *speech = NULL;

  if (text == NULL) {
    if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
      g_autofree char *problem = g_strdup_printf ("speech recognition: the whisper server %s: "
                                                  "%s; a chunk of speech went uncaptioned",
                                                  engine->display_url, error->message);
      engine_tell (engine, &engine->server_log, problem);
    }
    return;
  }
  speech = speech_from_text (text);
  GST_DEBUG ("whisper heard \"%s\", of which speech: \"%s\"", text, speech ? speech : "");
  if (speech)
    plenum_speech_emit (engine->recognizer, speech, TRUE);
}

static gpointer
engine_work (gpointer user_data)
{
  WhisperEngine *engine = user_data;

  for (;;) {
    g_autoptr (GBytes) pcm = g_async_queue_pop (engine->chunks);

    if (g_bytes_get_size (pcm) == 0)
      break;
    engine_tell_drops (engine);
    engine_transcribe (engine, pcm);
  }
  return NULL;
}

/* ---- Making and freeing ---- */

/* Sets the engine's URLs from the base URL in the show file. The URL is never repeated in an
 * error: it may hold a password. */
static gboolean
engine_set_url (WhisperEngine *engine, const char *base, GError **error)
{
  g_autoptr (GUri) uri = base ? g_uri_parse (base, G_URI_FLAGS_ENCODED, NULL) : NULL;
  g_autoptr (GUri) inference = NULL;
  g_autofree char *base_path = NULL;
  g_autofree char *path = NULL;
  const char *scheme = uri ? g_uri_get_scheme (uri) : "";
  const char *host = uri ? g_uri_get_host (uri) : NULL;

  if ((g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
      || host == NULL || *host == '\0') {
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                         "speech recognition: the whisper server's URL is not an http:// or "
                         "https:// URL such as http://192.168.1.20:8080");
    return FALSE;
  }
  base_path = g_strdup (g_uri_get_path (uri));
  while (g_str_has_suffix (base_path, "/"))
    base_path[strlen (base_path) - 1] = '\0';
  path = g_strconcat (base_path, "/inference", NULL);
  inference = g_uri_build (g_uri_get_flags (uri), scheme, g_uri_get_userinfo (uri), host,
                           g_uri_get_port (uri), path, g_uri_get_query (uri), NULL);
  engine->url = g_uri_to_string (inference);
  engine->display_url = g_uri_to_string_partial (inference,
                                                 G_URI_HIDE_USERINFO | G_URI_HIDE_QUERY);
  return TRUE;
}

static gboolean
engine_set_language (WhisperEngine *engine, const char *language, GError **error)
{
  gsize length = language ? strlen (language) : 0;

  if (length == 0) {
    engine->language = g_strdup ("auto");
    return TRUE;
  }
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalpha (language[i]))
      length = 0;
  if (length < 2 || (length > 3 && g_strcmp0 (language, "auto") != 0)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 "speech recognition: \"%s\" is not a language code such as \"de\"", language);
    return FALSE;
  }
  engine->language = g_ascii_strdown (language, -1);
  return TRUE;
}

static gboolean
engine_set_up_curl (WhisperEngine *engine, GError **error)
{
  engine->curl_initialised = curl_global_init (CURL_GLOBAL_DEFAULT) == CURLE_OK;
  engine->curl = engine->curl_initialised ? curl_easy_init () : NULL;
  if (engine->curl == NULL) {
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                         "speech recognition: libcurl could not be initialised");
    return FALSE;
  }
  /* libcurl would wait a second for "100 Continue" before sending the WAV. */
  engine->headers = curl_slist_append (NULL, "Expect:");
  curl_easy_setopt (engine->curl, CURLOPT_URL, engine->url);
  curl_easy_setopt (engine->curl, CURLOPT_HTTPHEADER, engine->headers);
  curl_easy_setopt (engine->curl, CURLOPT_USERAGENT, "Plenum/" PLENUM_VERSION);
  curl_easy_setopt (engine->curl, CURLOPT_NOSIGNAL, 1L);   /* signals and threads do not mix */
  curl_easy_setopt (engine->curl, CURLOPT_CONNECTTIMEOUT_MS, (long) CONNECT_TIMEOUT_MS);
  curl_easy_setopt (engine->curl, CURLOPT_TIMEOUT_MS, (long) TOTAL_TIMEOUT_MS);
  curl_easy_setopt (engine->curl, CURLOPT_WRITEFUNCTION, collect_answer);
  curl_easy_setopt (engine->curl, CURLOPT_XFERINFOFUNCTION, abort_when_stopping);
  curl_easy_setopt (engine->curl, CURLOPT_XFERINFODATA, engine);
  curl_easy_setopt (engine->curl, CURLOPT_NOPROGRESS, 0L);
  return TRUE;
}

/* Returns (transfer floating) the engine's bin. */
static GstElement *
engine_make_bin (WhisperEngine *engine, GError **error)
{
  GstElement *queue, *convert, *resample, *filter, *sink, *bin;
  g_autoptr (GstCaps) caps = NULL;
  g_autoptr (GstPad) pad = NULL;
  GstAppSinkCallbacks callbacks = { .eos = on_eos, .new_sample = on_new_sample };

  if (!plenum_elements_make (error, "queue", &queue, "audioconvert", &convert, "audioresample",
                             &resample, "capsfilter", &filter, "appsink", &sink, NULL))
    return NULL;
  g_object_set (queue, "leaky", 2 /* downstream */, "max-size-time", 2 * GST_SECOND,
                "max-size-buffers", 0, "max-size-bytes", 0, NULL);
  caps = gst_caps_new_simple ("audio/x-raw", "format", G_TYPE_STRING, "S16LE",
                              "rate", G_TYPE_INT, SAMPLE_RATE, "channels", G_TYPE_INT, 1,
                              "layout", G_TYPE_STRING, "interleaved", NULL);
  g_object_set (filter, "caps", caps, NULL);
  /* A side branch: it must neither pace the pipeline nor hold up its preroll. */
  g_object_set (sink, "sync", FALSE, "async", FALSE, "enable-last-sample", FALSE, NULL);
  gst_app_sink_set_callbacks (GST_APP_SINK (sink), &callbacks, engine, NULL);

  bin = gst_bin_new (NULL);
  gst_bin_add_many (GST_BIN (bin), queue, convert, resample, filter, sink, NULL);
  if (!gst_element_link_many (queue, convert, resample, filter, sink, NULL))
    g_warn_if_reached ();
  pad = gst_element_get_static_pad (queue, "sink");
  gst_element_add_pad (bin, gst_ghost_pad_new ("sink", pad));
  return bin;
}

static void
engine_free (gpointer data)
{
  WhisperEngine *engine = data;

  if (engine->worker) {
    g_atomic_int_set (&engine->stopping, TRUE);
    g_async_queue_push_front (engine->chunks, g_bytes_new (NULL, 0));
    g_thread_join (engine->worker);
  }
  g_clear_pointer (&engine->chunks, g_async_queue_unref);   /* frees chunks never sent */
  g_clear_pointer (&engine->curl, curl_easy_cleanup);
  g_clear_pointer (&engine->headers, curl_slist_free_all);
  if (engine->curl_initialised)
    curl_global_cleanup ();
  g_byte_array_unref (engine->chunker.pcm);
  g_free (engine->url);
  g_free (engine->display_url);
  g_free (engine->language);
  g_free (engine);
}

gboolean
plenum_speech_whisper_init (PlenumSpeechRecognizer *recognizer,
                            const PlenumSpeechOptions *options, GError **error)
{
  WhisperEngine *engine = g_new0 (WhisperEngine, 1);
  GstElement *bin;

  if (plenum_whisper_debug == NULL)
    GST_DEBUG_CATEGORY_INIT (plenum_whisper_debug, "plenum-whisper", 0,
                             "Plenum speech recognition by a whisper.cpp server");
  engine->recognizer = recognizer;
  engine->chunker.pcm = g_byte_array_new ();
  engine->chunks = g_async_queue_new_full ((GDestroyNotify) g_bytes_unref);
  engine->server_log.last = engine->drop_log.last = g_get_monotonic_time () - LOG_INTERVAL;

  bin = (engine_set_url (engine, options->url, error)
         && engine_set_language (engine, options->language, error)
         && engine_set_up_curl (engine, error)) ? engine_make_bin (engine, error) : NULL;
  if (bin == NULL) {
    engine_free (engine);
    return FALSE;
  }
  recognizer->bin = gst_object_ref_sink (bin);
  recognizer->engine = engine;
  recognizer->engine_free = engine_free;
  engine->worker = g_thread_new ("plenum-whisper", engine_work, engine);
  GST_INFO ("posting speech to %s (language %s)", engine->display_url, engine->language);
  return TRUE;
}

#include "studio/caption_desk.h"

#include "captions/caption_track.h"
#include "captions/cea608.h"
#include "captions/cue_file.h"
#include "captions/linebreak.h"
#include "captions/subtitle_file.h"
#include "captions/tcp_input.h"
#include "captions/youtube_captions.h"
#include "overlays/caption_burnin.h"
#include "pipelines/speech_recognizer.h"

#define HISTORY 5
#define MAX_CHARS 500
#define LINE_CHARS 37            /* ARD/ZDF: 37 characters a line, 2 lines */
#define LINES 2
#define DEMO_REPEAT_MS 6000      /* the demo's caption comes again, so it is nearly always there */

/* One cue file, fed to the track as the show reaches each cue. */
typedef struct {
  GPtrArray *cues;               /* element-type PlenumCueLine */
  guint next;
} CueFeed;

struct _PlenumCaptionDesk {
  const PlenumShow *show;
  PlenumLog *log;
  GstElement *burnin;            /* or NULL */
  PlenumCaptionInserter *inserter;   /* or NULL */
  PlenumCaptionTrack *track;
  GPtrArray *feeds;              /* element-type CueFeed */
  GPtrArray *tcp_inputs;         /* element-type PlenumTcpCaptionInput */
  GPtrArray *recognizers;        /* element-type PlenumSpeechRecognizer */
  PlenumMixer *mixer;            /* or NULL */
  PlenumSubtitleFile *vtt, *srt; /* or NULL */
  gboolean vtt_failing, srt_failing;   /* the disk did not take the last cue */
  PlenumYoutubeCaptions *youtube;    /* captions.youtube_ingest_env, or NULL */
  gboolean burn_in, cea608, archive, youtube_on;
  char *shown;                   /* the cue on screen (its text), or NULL */
  gint64 shown_start;
  gint64 sent_start;             /* start of the last cue sent to 608 and YouTube */
  gint64 history_start;          /* start of the cue last put into the history */
  gint64 now_ms;                 /* program time at the last tick… */
  gint64 now_at_us;              /* …and when it was, on the monotonic clock */
  gint64 demo_next_ms;           /* when the demo caption comes again, or -1 */
  guint dropped_said;            /* screens dropped to keep up, as last logged */
  gint64 dropped_said_at_us;
  GPtrArray *history;            /* utf8, the last cues, oldest first */
  gboolean finished;             /* the show is stopping: captions still arriving are dropped */
};

/* ---- inputs --------------------------------------------------------------------------- */

static void
cue_feed_free (CueFeed *feed)
{
  g_ptr_array_unref (feed->cues);
  g_free (feed);
}

/* Program time now: the last tick's, moved on by the wall clock since (lines from a
 * captioner arrive between ticks). */
static gint64
desk_now (const PlenumCaptionDesk *desk)
{
  return desk->now_ms + (g_get_monotonic_time () - desk->now_at_us) / 1000;
}

/* Every caption enters the track here; once the show stops, nothing more does (the track is
 * closed, and its cues are written). */
static void
take (PlenumCaptionDesk *desk, const char *text, gint64 at_ms, PlenumCaptionKind kind)
{
  if (!desk->finished)
    plenum_caption_track_add (desk->track, text, at_ms, kind);
}

static void
on_captioner_line (const char *line, const char *peer, gpointer user_data)
{
  PlenumCaptionDesk *desk = user_data;
  (void) peer;
  take (desk, line, desk_now (desk), PLENUM_CAPTION_LIVE);
}

static void
on_captioner_log (const char *message, gpointer user_data)
{
  PlenumCaptionDesk *desk = user_data;
  plenum_log_event (desk->log, "captions: %s", message);
}

static void
on_speech (const char *text, gboolean final, gpointer user_data)
{
  PlenumCaptionDesk *desk = user_data;
  take (desk, text, desk_now (desk),
                            final ? PLENUM_CAPTION_LIVE : PLENUM_CAPTION_PARTIAL);
}

/* Speech recognition listens to its source's sound beside the mix; its guesses are shown at
 * once and replaced by the final result. */
static gboolean
open_recognizer (PlenumCaptionDesk *desk, guint index, const PlenumCaptionInputConfig *input,
                 GError **error)
{
  PlenumSpeechOptions options = {
    .engine = g_str_equal (input->engine, "whisper-server") ? PLENUM_SPEECH_WHISPER_SERVER
                                                            : PLENUM_SPEECH_POCKETSPHINX,
    .language_model = input->language_model, .dictionary = input->dictionary,
    .url = input->url, .language = input->language,
  };
  PlenumSpeechRecognizer *recognizer;

  if (desk->mixer == NULL) {
    plenum_log_event (desk->log, "captions.inputs[%u]: speech recognition runs only live", index);
    return TRUE;
  }
  recognizer = plenum_speech_recognizer_new (&options, on_speech, on_captioner_log, desk, error);
  if (recognizer == NULL)
    return FALSE;
  g_ptr_array_add (desk->recognizers, recognizer);
  if (!plenum_mixer_link_source_audio (desk->mixer, input->source,
                                       plenum_speech_recognizer_bin (recognizer), error))
    return FALSE;
  plenum_log_event (desk->log, "captions: speech recognition (%s) listens to %s", input->engine,
                    input->source);
  return TRUE;
}

static gboolean
open_input (PlenumCaptionDesk *desk, guint index, const PlenumCaptionInputConfig *input,
            GError **error)
{
  switch (input->kind) {
  case PLENUM_CAPTION_INPUT_FILE: {
    CueFeed *feed = g_new0 (CueFeed, 1);
    feed->cues = plenum_cue_file_load (input->path, error);
    if (feed->cues == NULL) {
      g_free (feed);
      return FALSE;
    }
    g_ptr_array_add (desk->feeds, feed);
    return TRUE;
  }
  case PLENUM_CAPTION_INPUT_TCP: {
    PlenumTcpCaptionInput *tcp = plenum_tcp_caption_input_new (input->listen, on_captioner_line,
                                                               on_captioner_log, desk, error);
    if (tcp == NULL)
      return FALSE;
    g_ptr_array_add (desk->tcp_inputs, tcp);
    for (char **allow = input->allow; allow != NULL && *allow != NULL; allow++)
      if (!plenum_tcp_caption_input_allow (tcp, *allow, error))
        return FALSE;
    plenum_log_event (desk->log, "captions: a captioner can connect to %s", input->listen);
    return TRUE;
  }
  case PLENUM_CAPTION_INPUT_ASR:
    return open_recognizer (desk, index, input, error);
  }
  return TRUE;
}

/* Hands the track every cue whose time has come; untimed cues follow at reading speed. */
static void
feed_cue_files (PlenumCaptionDesk *desk, gint64 now_ms)
{
  for (guint i = 0; i < desk->feeds->len; i++) {
    CueFeed *feed = g_ptr_array_index (desk->feeds, i);

    while (feed->next < feed->cues->len) {
      const PlenumCueLine *cue = g_ptr_array_index (feed->cues, feed->next);
      if (cue->start_ms > now_ms)
        break;
      take (desk, cue->text, cue->start_ms >= 0 ? cue->start_ms : now_ms,
                                PLENUM_CAPTION_PACED);
      feed->next++;
    }
  }
}

/* ---- outputs -------------------------------------------------------------------------- */

static char *
one_line (const char *text)
{
  return g_strdelimit (g_strdup (text), "\n", ' ');
}

static void
show_burned_in (PlenumCaptionDesk *desk)
{
  g_autofree char *text = desk->shown && desk->burn_in ? one_line (desk->shown) : NULL;

  if (desk->burnin)
    plenum_caption_burnin_set_text (desk->burnin, text);
}

/* A new cue: its words roll up in the 608 captions, broken again for 608's 32 characters. */
static void
send_cea608 (PlenumCaptionDesk *desk, const char *text)
{
  g_autofree char *flat = one_line (text);
  g_autofree char *broken = plenum_caption_break_lines (flat, PLENUM_CEA608_MAX_CHARS, G_MAXUINT);
  g_auto (GStrv) lines = g_strsplit (broken, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    if (*lines[i])
      plenum_caption_inserter_push_line (desk->inserter, lines[i]);
}

/* The history shows each cue once; a recogniser's guesses replace their own line. */
static void
remember (PlenumCaptionDesk *desk, const PlenumCue *cue)
{
  if (cue->start_ms == desk->history_start && desk->history->len > 0)
    g_ptr_array_remove_index (desk->history, desk->history->len - 1);
  g_ptr_array_add (desk->history, one_line (cue->text));
  if (desk->history->len > HISTORY)
    g_ptr_array_remove_index (desk->history, 0);
  desk->history_start = cue->start_ms;
}

/* 608 and YouTube get each cue once it is final: a guess is only burned in. */
static void
send_final (PlenumCaptionDesk *desk, const PlenumCue *cue)
{
  if (cue->partial || cue->start_ms == desk->sent_start)
    return;
  desk->sent_start = cue->start_ms;
  if (desk->youtube && desk->youtube_on)
    plenum_youtube_captions_send (desk->youtube, cue->text, NULL);
  if (desk->inserter && desk->cea608)
    send_cea608 (desk, cue->text);
}

/* Puts the cue of this moment on screen and into the stream, if it changed. */
static void
follow_current (PlenumCaptionDesk *desk, gint64 now_ms)
{
  const PlenumCue *cue = plenum_caption_track_current (desk->track, now_ms);

  if (cue == NULL && desk->shown == NULL)
    return;
  if (cue && desk->shown && cue->start_ms == desk->shown_start &&
      g_str_equal (cue->text, desk->shown)) {
    send_final (desk, cue);   /* a guess confirmed word for word becomes final */
    return;
  }
  g_clear_pointer (&desk->shown, g_free);
  if (cue) {
    desk->shown = g_strdup (cue->text);
    desk->shown_start = cue->start_ms;
    remember (desk, cue);
    send_final (desk, cue);
  } else if (desk->inserter && desk->cea608) {
    plenum_caption_inserter_clear (desk->inserter);
  }
  show_burned_in (desk);
}

/* A full disk must not stop the captions on screen, nor lose them from the file: the file
 * keeps what the disk refused and writes it once there is space. Said once each way. */
static void
write_file (PlenumCaptionDesk *desk, PlenumSubtitleFile *file, gboolean *failing,
            const char *name, const PlenumCue *cue)
{
  g_autoptr (GError) error = NULL;

  if (file == NULL)
    return;
  if (plenum_subtitle_file_add (file, cue, &error)) {
    if (*failing)
      plenum_log_event (desk->log, "captions: %s is written again, with the cues kept back",
                        name);
    *failing = FALSE;
  } else if (!*failing) {
    plenum_log_event (desk->log, "captions: %s; the cues are kept and written when it can",
                      error->message);
    *failing = TRUE;
  }
}

static void
write_finished (PlenumCaptionDesk *desk, gint64 now_ms)
{
  g_autoptr (GPtrArray) finished = plenum_caption_track_take_finished (desk->track, now_ms);

  for (guint i = 0; i < finished->len && desk->archive; i++) {
    const PlenumCue *cue = g_ptr_array_index (finished, i);
    write_file (desk, desk->vtt, &desk->vtt_failing, "captions.vtt", cue);
    write_file (desk, desk->srt, &desk->srt_failing, "captions.srt", cue);
  }
}

static PlenumSubtitleFile *
open_subtitles (PlenumCaptionDesk *desk, const char *run_dir, const char *name,
                PlenumSubtitleFormat format)
{
  g_autofree char *path = g_build_filename (run_dir, name, NULL);
  g_autoptr (GError) error = NULL;
  PlenumSubtitleFile *file = plenum_subtitle_file_open (path, format, &error);

  if (file == NULL)
    plenum_log_event (desk->log, "captions: %s", error->message);
  return file;
}

/* ---- the desk ------------------------------------------------------------------------- */

PlenumCaptionDesk *
plenum_caption_desk_new (const PlenumShow *show, PlenumMixer *mixer, GstElement *burnin,
                         PlenumCaptionInserter *inserter, const char *run_dir, PlenumLog *log,
                         GError **error)
{
  PlenumCaptionDesk *desk = g_new0 (PlenumCaptionDesk, 1);

  desk->show = show;
  desk->mixer = mixer;
  desk->log = log;
  desk->sent_start = desk->history_start = G_MININT64;
  desk->recognizers = g_ptr_array_new_with_free_func ((GDestroyNotify) plenum_speech_recognizer_free);
  desk->burnin = burnin;
  desk->inserter = inserter;
  desk->burn_in = show->captions.burn_in;
  desk->cea608 = show->captions.cea608;
  desk->archive = desk->youtube_on = TRUE;
  desk->track = plenum_caption_track_new (LINE_CHARS, LINES);
  desk->feeds = g_ptr_array_new_with_free_func ((GDestroyNotify) cue_feed_free);
  desk->tcp_inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) plenum_tcp_caption_input_free);
  desk->history = g_ptr_array_new_with_free_func (g_free);
  desk->now_at_us = g_get_monotonic_time ();
  desk->demo_next_ms = show->captions.demo_text ? 0 : -1;
  desk->dropped_said_at_us = G_MININT64 / 2;
  for (guint i = 0; i < show->captions.inputs->len; i++) {
    if (!open_input (desk, i, g_ptr_array_index (show->captions.inputs, i), error)) {
      g_prefix_error (error, "captions.inputs[%u]: ", i);
      plenum_caption_desk_free (desk);
      return NULL;
    }
  }
  if (show->captions.youtube_ingest_url) {
    desk->youtube = plenum_youtube_captions_new (show->captions.youtube_ingest_url,
                                                 on_captioner_log, desk, error);
    if (desk->youtube == NULL) {
      g_prefix_error (error, "captions.youtube_ingest_env: ");
      plenum_caption_desk_free (desk);
      return NULL;
    }
  }
  if (run_dir && show->captions.archive_vtt)
    desk->vtt = open_subtitles (desk, run_dir, "captions.vtt", PLENUM_SUBTITLE_VTT);
  if (run_dir && show->captions.archive_srt)
    desk->srt = open_subtitles (desk, run_dir, "captions.srt", PLENUM_SUBTITLE_SRT);
  return desk;
}

void
plenum_caption_desk_free (PlenumCaptionDesk *desk)
{
  if (desk == NULL)
    return;
  g_ptr_array_unref (desk->tcp_inputs);
  g_ptr_array_unref (desk->recognizers);   /* the pipeline has stopped by now */
  g_ptr_array_unref (desk->feeds);
  g_clear_pointer (&desk->youtube, plenum_youtube_captions_free);
  g_clear_pointer (&desk->vtt, plenum_subtitle_file_close);
  g_clear_pointer (&desk->srt, plenum_subtitle_file_close);
  plenum_caption_track_free (desk->track);
  g_ptr_array_unref (desk->history);
  g_free (desk->shown);
  g_free (desk);
}

gboolean
plenum_caption_desk_add (PlenumCaptionDesk *desk, const char *text, GError **error)
{
  g_autofree char *line = NULL;
  glong length;

  if (!g_utf8_validate (text, -1, NULL)) {
    g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                 "caption text is not valid UTF-8");
    return FALSE;
  }
  line = g_strstrip (g_strdup (text));
  length = g_utf8_strlen (line, -1);
  if (length > MAX_CHARS) {
    g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_FAILED,
                 "a caption has at most %d characters (got %ld)", MAX_CHARS, length);
    return FALSE;
  }
  take (desk, line, desk_now (desk), PLENUM_CAPTION_LIVE);
  follow_current (desk, desk_now (desk));
  return TRUE;
}

/* Says (at most every 5 s) that live captions came faster than anyone can read them. */
static void
report_dropped (PlenumCaptionDesk *desk)
{
  guint dropped = plenum_caption_track_dropped (desk->track);
  gint64 now_us = g_get_monotonic_time ();

  if (dropped == desk->dropped_said || now_us - desk->dropped_said_at_us < 5 * G_USEC_PER_SEC)
    return;
  plenum_log_event (desk->log, "captions: live text came faster than it can be read; %u "
                    "screens were skipped so the captions keep up with the speech", dropped);
  desk->dropped_said = dropped;
  desk->dropped_said_at_us = now_us;
}

void
plenum_caption_desk_tick (PlenumCaptionDesk *desk, gint64 now_ms)
{
  if (desk->finished)
    return;
  desk->now_ms = now_ms;
  desk->now_at_us = g_get_monotonic_time ();
  if (desk->demo_next_ms >= 0 && now_ms >= desk->demo_next_ms) {
    take (desk, desk->show->captions.demo_text, now_ms,
                              PLENUM_CAPTION_LIVE);
    desk->demo_next_ms = now_ms + DEMO_REPEAT_MS;
  }
  feed_cue_files (desk, now_ms);
  follow_current (desk, now_ms);
  write_finished (desk, now_ms);
  report_dropped (desk);
}

void
plenum_caption_desk_finish (PlenumCaptionDesk *desk, gint64 now_ms)
{
  if (desk->finished)
    return;
  desk->finished = TRUE;
  plenum_caption_track_close (desk->track, now_ms);
  write_finished (desk, G_MAXINT64);
  /* Decoders keep the last roll-up lines until told: erase them with the show's last frames. */
  if (desk->inserter && desk->cea608)
    plenum_caption_inserter_clear (desk->inserter);
}

void
plenum_caption_desk_set_burn_in (PlenumCaptionDesk *desk, gboolean on)
{
  desk->burn_in = on;
  show_burned_in (desk);
}

gboolean
plenum_caption_desk_burn_in (const PlenumCaptionDesk *desk)
{
  return desk->burn_in;
}

void
plenum_caption_desk_set_cea608 (PlenumCaptionDesk *desk, gboolean on)
{
  desk->cea608 = on;
  if (desk->inserter)
    plenum_caption_inserter_set_enabled (desk->inserter, on);
}

gboolean
plenum_caption_desk_cea608 (const PlenumCaptionDesk *desk)
{
  return desk->cea608;
}

void
plenum_caption_desk_set_archive (PlenumCaptionDesk *desk, gboolean on)
{
  desk->archive = on;
}

gboolean
plenum_caption_desk_archive (const PlenumCaptionDesk *desk)
{
  return desk->archive && (desk->vtt || desk->srt);
}

void
plenum_caption_desk_set_youtube (PlenumCaptionDesk *desk, gboolean on)
{
  desk->youtube_on = on;
}

gboolean
plenum_caption_desk_youtube (const PlenumCaptionDesk *desk)
{
  return desk->youtube && desk->youtube_on;
}

const GPtrArray *
plenum_caption_desk_history (const PlenumCaptionDesk *desk)
{
  return desk->history;
}

/* show.h — a show file, read and validated.
 *
 * The show file (JSON, see ../shared/CONTRACT.md) becomes a PlenumShow: plain structs, no
 * GStreamer. Validation is strict and exhaustive: every problem is reported with its JSON path
 * ("outputs[2].url: ..."), so `plenum check` can list them all at once. Secrets are resolved
 * from the environment here and nowhere else; they are kept only in fields named `secret`.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  PLENUM_SOURCE_TEST,
  PLENUM_SOURCE_URI,
  PLENUM_SOURCE_SRT,
  PLENUM_SOURCE_RTMP,
  PLENUM_SOURCE_V4L2,
} PlenumSourceKind;

/* A test source's pattern that flashes and beeps at every whole second (sync_pattern.h). */
#define PLENUM_SYNC_PATTERN "sync"

typedef struct {
  char *id;
  char *label;            /* shown on slates and in the multiview; defaults to id */
  PlenumSourceKind kind;
  char *pattern;          /* test: a videotestsrc pattern nick, or PLENUM_SYNC_PATTERN; default
                           * "smpte" */
  char *text;             /* test: optional text drawn on the picture; may be NULL */
  int tone_hz;            /* test: frequency of the tone; default 440, 0 = silence */
  char *uri;              /* uri, srt, rtmp: absolute URI (relative file paths resolved) */
  gboolean loop;          /* uri: start again at the end */
  char *device;           /* v4l2 */
  char *passphrase;       /* srt: secret from passphrase_env, or NULL */
} PlenumSourceConfig;

typedef enum {
  PLENUM_CORNER_BOTTOM_RIGHT,
  PLENUM_CORNER_BOTTOM_LEFT,
  PLENUM_CORNER_TOP_RIGHT,
  PLENUM_CORNER_TOP_LEFT,
} PlenumCorner;

typedef struct {
  gboolean present;       /* FALSE when the show has no "interpreter" object */
  char *source;           /* id of a source */
  PlenumCorner corner;    /* default bottom-right */
  double height_pct;      /* default 40, range (0, 100] */
  double margin_pct;      /* default 3, range [0, 50) */
  gboolean audio;         /* mix the interpreter's sound into the program; default FALSE */
  gboolean visible;       /* shown at start; default TRUE */
} PlenumInterpreterConfig;

typedef struct {
  char *id;
  char *main;             /* id of a source */
  char *inset;            /* id of a source, or NULL */
  PlenumCorner inset_corner;  /* default top-left (top-right when the interpreter is top-left) */
  double inset_height_pct;    /* default 30 */
} PlenumSceneConfig;

typedef enum {
  PLENUM_CAPTION_INPUT_FILE,
  PLENUM_CAPTION_INPUT_TCP,
  PLENUM_CAPTION_INPUT_ASR,
} PlenumCaptionInputKind;

typedef struct {
  PlenumCaptionInputKind kind;
  char *path;             /* file: absolute path */
  char *listen;           /* tcp: "host:port" */
  GStrv allow;            /* tcp: the only peers that may connect (addresses, networks), or NULL */
  char *engine;           /* asr: "pocketsphinx" or "whisper-server" */
  char *source;           /* asr: id of a source */
  char *url;              /* asr whisper-server: base URL */
  char *language;         /* asr whisper-server: "de", "en", … or NULL (the server decides) */
  char *language_model;   /* asr pocketsphinx: an installed LM file (absolute), or NULL */
  char *dictionary;       /* asr pocketsphinx: its dictionary (absolute), or NULL */
} PlenumCaptionInputConfig;

typedef struct {
  GPtrArray *inputs;      /* element-type PlenumCaptionInputConfig, owned */
  gboolean burn_in;       /* default TRUE (accessibility first) */
  gboolean cea608;        /* default TRUE */
  gboolean archive_vtt;   /* "archive" contains "vtt"; default TRUE */
  gboolean archive_srt;   /* "archive" contains "srt"; default TRUE */
  char *demo_text;        /* optional fixed caption shown from the start; may be NULL */
  char *youtube_ingest_env;   /* variable holding YouTube's caption ingestion URL, or NULL */
  char *youtube_ingest_url;   /* secret: that URL (its query holds the caption key), or NULL */
} PlenumCaptionsConfig;

typedef enum {
  PLENUM_OUTPUT_RTMP,
  PLENUM_OUTPUT_YOUTUBE,
  PLENUM_OUTPUT_FACEBOOK,
  PLENUM_OUTPUT_SRT,
  PLENUM_OUTPUT_RECORD,
} PlenumOutputKind;

typedef struct {
  char *id;
  PlenumOutputKind kind;
  char *url;              /* rtmp: rtmp:// or rtmps:// base URL, without the key */
  char *key_env;          /* rtmp, youtube, facebook: name of the variable (not secret) */
  char *secret;           /* the stream key or SRT passphrase read from the environment */
  char *uri;              /* srt: srt:// URI with mode=caller|listener */
  char *dir;              /* record: absolute directory for run folders */
  char *tls_ca_file;      /* rtmp over TLS: optional CA file (absolute) */
  gboolean tls_verify;    /* default TRUE */
  gboolean backup;        /* youtube: use the backup ingest */
} PlenumOutputConfig;

typedef struct {
  gboolean present;
  char *live_chat_id, *video_id;   /* one of them; video_id: its active chat is looked up */
  char *token_env, *token;         /* OAuth bearer token (secret), or NULL */
  char *key_env, *key;             /* API key (secret), or NULL */
  char *api_base;
  char *ca_file;                   /* https api_base: the only CA trusted (absolute), or NULL */
} PlenumYoutubeQuestionsConfig;

typedef struct {
  gboolean present;
  char *live_video_id, *token_env, *token, *api_base;
  char *ca_file;          /* https api_base: the only CA trusted (absolute), or NULL */
  int poll_ms;            /* between calls; default 5000 (Graph API rate limits) */
} PlenumFacebookQuestionsConfig;

typedef struct {
  PlenumYoutubeQuestionsConfig youtube;
  PlenumFacebookQuestionsConfig facebook;
  char *form_listen;      /* "host:port" or NULL */
  GPtrArray *block_words; /* element-type utf8, owned: messages with one arrive held */
  gboolean hold_links;    /* default TRUE: messages with a link arrive held */
  int max_queued;         /* default 5000 */
  gboolean show_names;    /* default FALSE: names on air only with the viewer's consent */
} PlenumQuestionsConfig;

typedef struct {
  gboolean present;       /* the show file has a "control" object */
  char *listen;           /* default "127.0.0.1:9740" */
  char *token_env;        /* or NULL */
  char *token;            /* secret, or NULL */
} PlenumControlConfig;

/* What `plenum archive` and `plenum upload` need; written to the run folder's run.json. */
typedef struct {
  double min_caption_coverage;  /* 0..1, default 0.9: share of speech time with captions */
  char *title;            /* default: the show's name */
  char *description;      /* default "" */
  char *youtube_token_env;/* default "PLENUM_YOUTUBE_TOKEN"; read by `plenum upload`, not here */
  char *youtube_api_base; /* default "https://www.googleapis.com" */
  char *youtube_privacy;  /* "private" (default), "unlisted" or "public" */
  char *youtube_category_id; /* default "25" (News & Politics) */
  char *language;         /* youtube.language: of speech and captions, default "de" */
  char *caption_name;     /* the caption track's name on YouTube, default "Deutsch" */
} PlenumArchiveConfig;

typedef struct {
  char *name;
  char *base_dir;         /* directory of the show file; relative paths were resolved against it */

  int width, height;      /* default 1280x720; even, 160..3840 x 120..2160 */
  int fps;                /* default 30; 1..60 */
  int video_bitrate_kbps; /* default 4500; 300..50000 */
  int keyframe_s;         /* default 2; 1..10 */
  char *speed_preset;     /* x264 speed-preset nick; default "veryfast" */

  int audio_rate;         /* default 48000; 44100 or 48000 */
  int audio_channels;     /* default 2; 1 or 2 */
  int audio_bitrate_kbps; /* default 128; 32..512 */

  GPtrArray *sources;     /* element-type PlenumSourceConfig, owned, at least one */
  PlenumInterpreterConfig interpreter;
  GPtrArray *scenes;      /* element-type PlenumSceneConfig, owned; when the file has none,
                             one scene per source ("main" = that source) */
  char *start_scene;      /* default: the first scene */
  double scene_rotation_s;/* > 0: cut to the next scene every so many seconds (demo); default 0 */
  PlenumCaptionsConfig captions;
  GPtrArray *outputs;     /* element-type PlenumOutputConfig, owned */
  PlenumQuestionsConfig questions;
  GPtrArray *agenda;      /* element-type utf8, owned */
  PlenumControlConfig control;
  PlenumArchiveConfig archive;
} PlenumShow;

/* Parses and validates `json`. Relative paths resolve against `base_dir` (transfer none).
 * Every problem found is appended to `problems` (element-type utf8, "path: message") and
 * NULL is returned when there was at least one. Returns (transfer full). */
PlenumShow *plenum_show_parse (const char *json, const char *base_dir, GPtrArray *problems);

/* Reads the file, then as plenum_show_parse(); an unreadable file or invalid JSON is one
 * problem naming the file (and the line and column, for JSON syntax). */
PlenumShow *plenum_show_load_file (const char *path, GPtrArray *problems);

void plenum_show_free (PlenumShow *show);

const PlenumSourceConfig *plenum_show_find_source (const PlenumShow *show, const char *id);
const PlenumSceneConfig *plenum_show_find_scene (const PlenumShow *show, const char *id);
/* Index of the scene in show->scenes, or -1. */
int plenum_show_scene_index (const PlenumShow *show, const char *id);

const char *plenum_source_kind_to_string (PlenumSourceKind kind);
const char *plenum_output_kind_to_string (PlenumOutputKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlenumShow, plenum_show_free)

G_END_DECLS

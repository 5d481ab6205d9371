/* archive_facts.h — what `plenum archive` learned about one run, for report.html.
 *
 * Filled by the archive (from the recording, metrics.jsonl, the captions and questions.json)
 * and read by the report. Times are seconds on the recording's timeline. A value that could
 * not be measured is NAN (a number) or an empty series; the report says "not recorded".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double t_s;
  double value;            /* NAN: a gap in the line */
} PlenumPoint;

typedef struct {
  char *label;
  guint count;
} PlenumCount;

typedef struct {
  char *id;
  char *kind;              /* "rtmp", "youtube", "facebook", "srt", "record" */
  GArray *bitrate_kbps;    /* element-type PlenumPoint, one a second */
  GArray *reconnects;      /* element-type PlenumPoint: the count so far, one a second */
  guint reconnect_count;   /* at the end */
  guint64 bytes;           /* sent, at the end */
  char *last_state;        /* "live", "connecting", "retrying", "failed" or NULL */
} PlenumOutputFacts;

typedef struct {
  double start_s, end_s;
  char *title;
} PlenumChapterFacts;

typedef struct {
  char *name;              /* the show's name */
  char *run;               /* the run folder's name, e.g. "2026-11-26T18-00-00" */
  double duration_s;       /* of the archived recording */
  guint64 video_frames;
  gboolean repaired;       /* the recording had not been finalised (a crash) and was repaired */
  char *repair_note;       /* what the repair did, or NULL */

  GArray *dropped_frames;  /* element-type PlenumPoint: dropped so far, one a second */
  guint64 dropped_total;
  GPtrArray *outputs;      /* element-type PlenumOutputFacts*, owned */

  GArray *loudness_lufs;   /* element-type PlenumPoint: short-term (3 s) loudness a second */
  double integrated_lufs;  /* NAN when too quiet or too short */

  double speech_s;         /* time with speech in the recording */
  double captioned_speech_s;
  double caption_coverage; /* captioned_speech_s / speech_s, 0..1; NAN without speech */
  double min_caption_coverage;
  GArray *speech;          /* element-type PlenumPoint: 1 speech / 0 silence, t = window start,
                              windows of 1 s */
  GArray *captioned;       /* element-type PlenumPoint: 1 a caption on screen / 0, as speech */
  guint cue_count;

  GPtrArray *chapters;     /* element-type PlenumChapterFacts*, owned */

  guint question_total;
  GPtrArray *questions_by_source;  /* element-type PlenumCount*, owned ("youtube", "form", …) */
  GPtrArray *questions_by_state;   /* element-type PlenumCount*, owned ("answered", …) */

  GPtrArray *problems;     /* element-type utf8, owned: what the operator should know */
  gboolean complete;       /* FALSE: the package is not ready (see incomplete_reason) */
  char *incomplete_reason;
} PlenumArchiveFacts;

/* Empty facts: every number NAN or 0, every list empty. */
PlenumArchiveFacts *plenum_archive_facts_new (void);
void plenum_archive_facts_free (PlenumArchiveFacts *facts);

PlenumOutputFacts *plenum_archive_facts_add_output (PlenumArchiveFacts *facts, const char *id,
                                                    const char *kind);
void plenum_archive_facts_add_count (GPtrArray *counts, const char *label, guint count);
void plenum_archive_facts_add_chapter (PlenumArchiveFacts *facts, double start_s, double end_s,
                                       const char *title);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlenumArchiveFacts, plenum_archive_facts_free)

G_END_DECLS

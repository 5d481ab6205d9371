/* caption_check.h — what the caption desk (studio/caption_desk.h) does with a line from
 * outside, for the targets whose input becomes captions: the caption track breaks it into
 * cues, each is written as WebVTT and SRT and rolls up, broken again, in CEA-608. */
#pragma once

#include "tests/fuzz/fuzz.h"
#include "captions/caption_track.h"
#include "captions/cea608.h"
#include "captions/linebreak.h"
#include "captions/subtitle_file.h"

static inline void
plenum_fuzz_send_cue (PlenumCea608Encoder *encoder, const PlenumCue *cue)
{
  g_autofree char *vtt = plenum_subtitle_cue_block (cue, 1, PLENUM_SUBTITLE_VTT);
  g_autofree char *srt = plenum_subtitle_cue_block (cue, 1, PLENUM_SUBTITLE_SRT);
  g_autofree char *flat = g_strdelimit (g_strdup (cue->text), "\n", ' ');
  g_autofree char *broken = plenum_caption_break_lines (flat, PLENUM_CEA608_MAX_CHARS,
                                                        G_MAXUINT);
  g_auto (GStrv) lines = g_strsplit (broken, "\n", -1);
  guint8 pair[2];

  /* NULL: nothing to show (control characters only), so the files leave the cue out. */
  g_assert ((vtt == NULL) == (srt == NULL));
  g_assert (vtt == NULL || (g_utf8_validate (vtt, -1, NULL) && g_utf8_validate (srt, -1, NULL)));
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      plenum_cea608_encoder_push_line (encoder, lines[i]);
  while (plenum_cea608_encoder_next_pair (encoder, pair))
    ;
}

/* `texts` (element-type utf8) arrive one a second. */
static inline void
plenum_fuzz_show_captions (const GPtrArray *texts, PlenumCaptionKind kind)
{
  PlenumCaptionTrack *track = plenum_caption_track_new (37, 2);
  PlenumCea608Encoder *encoder = plenum_cea608_encoder_new (2);
  GPtrArray *finished;
  gint64 now = 0;

  for (guint i = 0; i < texts->len; i++, now += 1000) {
    plenum_caption_track_add (track, g_ptr_array_index (texts, i), now, kind);
    plenum_caption_track_current (track, now);
  }
  plenum_caption_track_close (track, now);
  finished = plenum_caption_track_take_finished (track, G_MAXINT64);
  for (guint i = 0; i < finished->len; i++)
    plenum_fuzz_send_cue (encoder, g_ptr_array_index (finished, i));
  g_ptr_array_unref (finished);
  plenum_cea608_encoder_free (encoder);
  plenum_caption_track_free (track);
}

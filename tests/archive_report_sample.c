/* archive_report_sample — writes report.html for a made-up 2-hour council session, to look at
 * the report in a browser (tests/browser/report_check.mjs) without recording a show.
 *
 *   archive_report_sample REPORT.html [incomplete|empty]
 *
 * Three outputs (one with a reconnect dip, one with two), loudness around −23 LUFS with pauses,
 * about 85 % of the speech captioned, four chapters, questions from every source and a show
 * name with markup in it. The same numbers every time. "incomplete" marks the package as not
 * ready; "empty" writes the report of a run where nothing was measured.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "studio/archive_report.h"

#define DURATION_S 7200

static void
add_point (GArray *points, double t_s, double value)
{
  PlenumPoint point = { t_s, value };

  g_array_append_val (points, point);
}

/* An output at `kbps`, with a dip to nothing for `length_s` after each of `drops`, and the
 * reconnect count rising at each. */
static void
add_output (PlenumArchiveFacts *facts, GRand *rand, const char *id, const char *kind, double kbps,
            const guint *drops, guint n_drops, guint length_s)
{
  PlenumOutputFacts *output = plenum_archive_facts_add_output (facts, id, kind);
  guint reconnects = 0;
  double bytes = 0;

  for (guint t = 0; t < DURATION_S; t++) {
    double value = kbps * (0.92 + 0.12 * g_rand_double (rand));

    for (guint d = 0; d < n_drops; d++) {
      if (t == drops[d])
        reconnects++;
      if (t >= drops[d] && t < drops[d] + length_s)
        value = t < drops[d] + length_s / 2 ? NAN : 0;
      else if (t >= drops[d] + length_s && t < drops[d] + length_s + 10)
        value *= 1.3;   /* catching up */
    }
    add_point (output->bitrate_kbps, t, value);
    add_point (output->reconnects, t, reconnects);
    if (isfinite (value))
      bytes += value * 1000 / 8;
  }
  output->reconnect_count = reconnects;
  output->bytes = (guint64) bytes;
  output->last_state = g_strdup ("live");
}

int
main (int argc, char **argv)
{
  static const guint youtube_drops[] = { 3010 };
  static const guint facebook_drops[] = { 5100, 5400 };
  static const struct { double start_s; const char *title; } chapters[] = {
    { 0, "Begrüßung und Tagesordnung" },
    { 540, "Haushalt 2027 & Investitionen in Schulen, Straßen und den \"Mühlenpark\"" },
    { 4200, "Bürgerfragen" },
    { 6600, "Verschiedenes" },
  };
  g_autoptr (PlenumArchiveFacts) facts = plenum_archive_facts_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (2026);
  g_autoptr (GError) error = NULL;
  double speech_s = 0, captioned_s = 0;
  guint dropped = 0;

  if (argc < 2 || argc > 3 ||
      (argc == 3 && strcmp (argv[2], "incomplete") != 0 && strcmp (argv[2], "empty") != 0)) {
    fprintf (stderr, "usage: archive_report_sample REPORT.html [incomplete|empty]\n");
    return 2;
  }
  if (argc == 3 && strcmp (argv[2], "empty") == 0) {
    facts->complete = FALSE;
    facts->incomplete_reason = g_strdup ("keine Aufnahme gefunden");
    if (!plenum_archive_report_write (facts, argv[1], &error)) {
      fprintf (stderr, "archive_report_sample: %s\n", error->message);
      return 1;
    }
    return 0;
  }
  facts->name = g_strdup ("Ratssitzung <script>alert(1)</script> & \"Haushalt\" – 26. November");
  facts->run = g_strdup ("2026-11-26T18-00-00");
  facts->duration_s = DURATION_S;
  facts->video_frames = (guint64) DURATION_S * 30 - 212;
  facts->repaired = TRUE;
  facts->repair_note = g_strdup ("Die Aufnahme war nicht abgeschlossen (Absturz um 1:59:40); "
                                 "der Index wurde neu geschrieben, 3 s am Ende fehlen.");

  add_output (facts, rand, "youtube-haupt", "youtube", 4500, youtube_drops, 1, 40);
  add_output (facts, rand, "facebook", "facebook", 3500, facebook_drops, 2, 24);
  add_output (facts, rand, "archiv-aufnahme", "record", 8000, NULL, 0, 0);

  for (guint t = 0; t < DURATION_S; t++) {
    /* A break between items every 15 minutes (the meter reads nothing), breaths between
     * sentences, a quieter speaker in the second hour, 20 minutes of badly captioned debate. */
    gboolean pause = t % 900 < 25;
    gboolean speaking = !pause && (t % 47) > 4;
    gboolean captioned = speaking && ((t / 60) % 20 != 7) && (t % 29) > 2;
    double loudness = pause ? NAN
                            : -23 + 2.5 * sin (t / 90.0) + 1.5 * g_rand_double (rand) -
                                  (speaking ? 0 : 4) - (t > 3600 && t < 4200 ? 5 : 0);

    if (t > 4300 && t < 4320)
      loudness = -9.5;    /* a microphone too close */
    add_point (facts->loudness_lufs, t, loudness);
    add_point (facts->speech, t, speaking);
    add_point (facts->captioned, t, captioned);
    speech_s += speaking;
    captioned_s += captioned;
    if (t == 2000 || t == 2001 || t == 6100)
      dropped += 70;
    add_point (facts->dropped_frames, t, dropped);
  }
  facts->dropped_total = dropped;
  facts->integrated_lufs = -23.4;
  facts->speech_s = speech_s;
  facts->captioned_speech_s = captioned_s;
  facts->caption_coverage = captioned_s / speech_s;
  facts->min_caption_coverage = 0.8;
  facts->cue_count = 1873;

  for (guint i = 0; i < G_N_ELEMENTS (chapters); i++)
    plenum_archive_facts_add_chapter (facts, chapters[i].start_s,
                                      i + 1 < G_N_ELEMENTS (chapters) ? chapters[i + 1].start_s
                                                                      : DURATION_S,
                                      chapters[i].title);

  plenum_archive_facts_add_count (facts->questions_by_source, "youtube", 14);
  plenum_archive_facts_add_count (facts->questions_by_source, "facebook", 6);
  plenum_archive_facts_add_count (facts->questions_by_source, "form", 9);
  plenum_archive_facts_add_count (facts->questions_by_source, "operator", 2);
  plenum_archive_facts_add_count (facts->questions_by_state, "answered", 11);
  plenum_archive_facts_add_count (facts->questions_by_state, "rejected", 5);
  plenum_archive_facts_add_count (facts->questions_by_state, "approved", 3);
  plenum_archive_facts_add_count (facts->questions_by_state, "held", 2);
  plenum_archive_facts_add_count (facts->questions_by_state, "new", 10);
  facts->question_total = 31;

  g_ptr_array_add (facts->problems, g_strdup ("facebook: 2 Neuverbindungen (1:25:00, 1:30:00)"));
  g_ptr_array_add (facts->problems, g_strdup ("210 Bilder verworfen, davon 140 um 0:33:20"));
  g_ptr_array_add (facts->problems,
                   g_strdup ("Ein sehr langer Hinweis ohne Leerzeichen: "
                             "https://example.org/ratsinformationssystem/sitzung/2026-11-26/"
                             "tagesordnungspunkt/haushalt-2027-investitionen-schulen"));
  if (argc == 3) {
    facts->complete = FALSE;
    facts->incomplete_reason = g_strdup ("die Untertitel-Datei fehlt <captions.vtt>");
  }

  if (!plenum_archive_report_write (facts, argv[1], &error)) {
    fprintf (stderr, "archive_report_sample: %s\n", error->message);
    return 1;
  }
  return 0;
}

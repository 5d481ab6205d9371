/* sound_fader.h — whether a source's sound is in the program, changed on a sample, not a buffer.
 *
 * A `volume` element between a source's sound and the sound mixer, its level driven by a
 * control curve in the stream's own time. A cut asks each fader to change from a running
 * time that none of them has passed yet, so the old source fades out and the new one in over
 * the very same samples, whatever the sizes and alignment of the two sources' buffers and
 * whenever the mixer's thread happens to mix them. (Setting a mixer pad's `mute` instead
 * takes effect at whichever buffer the mixer is in the middle of: one source could be off
 * for a few milliseconds before the other was on — a hole in the program's sound.)
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

typedef struct _PlenumSoundFader PlenumSoundFader;

/* A fader named `name` (unique in its pipeline), on at once when `audible`. */
PlenumSoundFader *plenum_sound_fader_new (const char *name, gboolean audible, GError **error);
void plenum_sound_fader_free (PlenumSoundFader *fader);

/* (transfer none; floating until the caller adds it to a bin) sink and src pads "sink", "src". */
GstElement *plenum_sound_fader_element (PlenumSoundFader *fader);

/* The running time up to which sound has entered the fader, or GST_CLOCK_TIME_NONE before
 * its first buffer. Any thread. */
GstClockTime plenum_sound_fader_reached (PlenumSoundFader *fader);

/* From running time `at`, fade linearly to full level (`audible`) or to silence over `fade`;
 * sound before `at` keeps what it had. Sound that has already entered cannot change, so an
 * `at` before plenum_sound_fader_reached() becomes that. GST_CLOCK_TIME_NONE, or no sound yet:
 * at once, for all sound to come. Returns the running time the change starts at (NONE: at
 * once); `at` itself when the fader is already where it was asked to go. Main thread. */
GstClockTime plenum_sound_fader_set (PlenumSoundFader *fader, gboolean audible,
                                     GstClockTime at, GstClockTime fade);

/* A cut: fader i goes to `audible[i]`, from a running time no earlier than `not_before` nor
 * than sound that has entered any of them (GST_CLOCK_TIME_NONE: at once). Those coming on air
 * fade in first; the others fade out `overlap` after the latest of them began, so the levels
 * add up to at least one at every sample whatever the sizes and alignment of the sources'
 * buffers — and still leave no hole when the mixer places the new source's sound up to
 * `overlap` + `fade` late (audiomixer keeps a source's samples back to back until they are
 * 40 ms, its alignment threshold, off their timestamps). Main thread. */
void plenum_sound_faders_cut (PlenumSoundFader *const *faders, const gboolean *audible,
                              guint n_faders, GstClockTime not_before, GstClockTime fade,
                              GstClockTime overlap);

G_END_DECLS

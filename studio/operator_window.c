#include "studio/operator_window.h"

#include <SDL.h>
#include <gio/gio.h>
#include <gst/video/video.h>
#include "pipelines/picture_tap.h"
#include "studio/window_commands.h"
#include "studio/window_panels.h"
#include "studio/window_text.h"

#define MULTIVIEW_FPS 10
#define MULTIVIEW_MAX 8            /* cells in the one multiview row */
#define MESSAGE_SECONDS 4
#define PANEL_INTERVAL_US (G_USEC_PER_SEC / 4)   /* meters and states: four times a second */

/* The canvas: program top left, multiview, captions and buttons beneath it; outputs, meters,
 * agenda and questions in the right-hand column. */
static const SDL_Rect PROGRAM = { 8, 8, 832, 468 };
static const SDL_Rect MULTIVIEW = { 8, 486, 832, 128 };
static const SDL_Rect CAPTIONS = { 8, 620, 832, 46 };
static const SDL_Rect CONTROLS = { 8, 674, 832, 40 };
static const SDL_Rect OUTPUTS = { 848, 8, 424, 146 };
static const SDL_Rect METERS = { 848, 162, 424, 170 };
static const SDL_Rect AGENDA = { 848, 340, 424, 82 };
static const SDL_Rect QUESTIONS = { 848, 430, 424, 282 };

typedef struct {
  PlenumPictureTap *tap;         /* or NULL: nothing to show (a render has no feeds) */
  SDL_Rect rect;                 /* where it goes in the window */
  GstSample *last;               /* (owned) the frame shown, drawn again on a full redraw */
} Picture;

struct _PlenumOperatorWindow {
  const PlenumShow *show;
  PlenumStudio *studio;          /* (transfer none), once attached */
  SDL_Window *window;
  PlenumWindowText *text;
  Picture program;
  Picture *sources;              /* one per show source */
  guint n_sources;
  GstElement *multiview;         /* (owned) the sources' pictures: a pipeline of its own, so
                                    that the program's EOS never waits for the window */
  GArray *buttons;               /* of PlenumButton, as drawn last */
  PlenumCommandState commands;
  char *message;                 /* a refusal shown to the operator, or NULL */
  gint64 message_until;          /* monotonic µs */
  gint64 panels_drawn;           /* monotonic µs of the last full redraw */
  gboolean panels_dirty;         /* something changed: redraw everything on the next frame */
  guint draw_timer;
};

/* ---- pictures ------------------------------------------------------------------------- */

/* Copies the newest frame into the window if a new one came, or (`again`) the last one;
 * TRUE if it drew. */
static gboolean
picture_update (Picture *picture, SDL_Surface *target, gboolean again)
{
  GstSample *newest = picture->tap ? plenum_picture_tap_pull (picture->tap) : NULL;
  GstSample *sample;
  GstVideoInfo info;
  GstVideoFrame frame;
  SDL_Surface *surface;

  if (newest) {
    g_clear_pointer (&picture->last, gst_sample_unref);
    picture->last = newest;
  } else if (!again) {
    return FALSE;
  }
  sample = picture->last;
  if (sample == NULL || !gst_video_info_from_caps (&info, gst_sample_get_caps (sample)) ||
      !gst_video_frame_map (&frame, &info, gst_sample_get_buffer (sample), GST_MAP_READ))
    return FALSE;
  /* BGRx in memory is SDL's RGB888 (XRGB8888, little-endian): a plain copy to the window. */
  surface = SDL_CreateRGBSurfaceWithFormatFrom (GST_VIDEO_FRAME_PLANE_DATA (&frame, 0),
                                                GST_VIDEO_FRAME_WIDTH (&frame),
                                                GST_VIDEO_FRAME_HEIGHT (&frame), 32,
                                                GST_VIDEO_FRAME_PLANE_STRIDE (&frame, 0),
                                                SDL_PIXELFORMAT_RGB888);
  if (surface) {
    SDL_Rect place = picture->rect;
    SDL_BlitSurface (surface, NULL, target, &place);
    SDL_FreeSurface (surface);
  }
  gst_video_frame_unmap (&frame);
  return surface != NULL;
}

/* ---- drawing -------------------------------------------------------------------------- */

static SDL_Rect
multiview_cell (guint index, guint count, int label_height)
{
  int gap = 12;
  int width = MIN (200, (MULTIVIEW.w - gap * ((int) count - 1)) / (int) count);
  int height = MIN (width * 9 / 16, MULTIVIEW.h - label_height - 14);

  return (SDL_Rect) { MULTIVIEW.x + 4 + (int) index * (width + gap), MULTIVIEW.y + 4,
                      width & ~1, height & ~1 };
}

static void
draw_multiview_frames (PlenumOperatorWindow *window, PlenumCanvas *canvas)
{
  static const SDL_Color WHITE = PLENUM_WHITE, YELLOW = PLENUM_YELLOW;

  plenum_panel_clear (canvas, &MULTIVIEW);
  for (guint i = 0; i < window->n_sources; i++) {
    const PlenumSourceConfig *source = g_ptr_array_index (window->show->sources, i);
    const SDL_Rect *cell = &window->sources[i].rect;
    gboolean up = plenum_studio_source_up (window->studio, source->id);
    g_autofree char *label = g_strdup_printf ("%s%s", source->label ? source->label : source->id,
                                              up ? "" : " — kein Signal");

    SDL_FillRect (canvas->surface, cell, 0);
    plenum_panel_tally_border (canvas, cell, plenum_panel_tally (window->studio, source->id));
    plenum_window_text_draw (window->text, canvas->surface, label, PLENUM_TEXT_SMALL,
                             up ? WHITE : YELLOW, cell->x, cell->y + cell->h + 6, cell->w);
    picture_update (&window->sources[i], canvas->surface, TRUE);
  }
}

static void
draw_program_title (PlenumOperatorWindow *window, SDL_Surface *surface)
{
  static const SDL_Color WHITE = PLENUM_WHITE, YELLOW = PLENUM_YELLOW;
  const PlenumSceneConfig *scene = g_ptr_array_index (window->show->scenes,
                                                      plenum_studio_scene (window->studio));
  g_autofree char *title = g_strdup_printf ("PROGRAMM · %s", scene->id);
  int height = plenum_window_text_height (window->text, PLENUM_TEXT_SMALL) + 6;
  /* On a dark strip: the title must be readable over any picture. */
  SDL_Rect strip = { PROGRAM.x, PROGRAM.y,
                     plenum_window_text_width (window->text, title, PLENUM_TEXT_SMALL) + 12, height };

  SDL_FillRect (surface, &strip, 0);
  plenum_window_text_draw (window->text, surface, title, PLENUM_TEXT_SMALL, WHITE, PROGRAM.x + 6,
                           PROGRAM.y + 3, 0);
  if (window->message && g_get_monotonic_time () < window->message_until) {
    SDL_Rect band = { PROGRAM.x, PROGRAM.y + PROGRAM.h - 34, PROGRAM.w, 34 };
    SDL_FillRect (surface, &band, 0);
    plenum_window_text_draw (window->text, surface, window->message, PLENUM_TEXT_NORMAL, YELLOW,
                             PROGRAM.x + 8, band.y + 6, PROGRAM.w - 16);
  }
}

/* Everything but the pictures: panels, labels, tally borders, buttons. */
static void
draw_panels (PlenumOperatorWindow *window, SDL_Surface *surface)
{
  PlenumCanvas canvas = { surface, window->text, window->studio, window->buttons };

  g_array_set_size (window->buttons, 0);
  plenum_panel_clear (&canvas, &(SDL_Rect) { 0, 0, PLENUM_WINDOW_WIDTH, PROGRAM.y });
  plenum_panel_clear (&canvas, &(SDL_Rect) { 0, PROGRAM.y, PROGRAM.x, PLENUM_WINDOW_HEIGHT });
  plenum_panel_clear (&canvas, &(SDL_Rect) { PROGRAM.x, CONTROLS.y, CONTROLS.w, CONTROLS.h + 6 });
  plenum_panel_tally_border (&canvas, &PROGRAM, PLENUM_TALLY_PROGRAM);
  draw_multiview_frames (window, &canvas);
  plenum_panel_captions (&canvas, &CAPTIONS);
  plenum_panel_controls (&canvas, &CONTROLS);
  plenum_panel_outputs (&canvas, &OUTPUTS);
  plenum_panel_meters (&canvas, &METERS);
  plenum_panel_agenda (&canvas, &AGENDA);
  plenum_panel_questions (&canvas, &QUESTIONS, &window->commands);
  if (window->commands.confirming) {
    /* While asking, only the question's own buttons can be clicked. */
    g_array_set_size (window->buttons, 0);
    plenum_panel_confirm_quit (&canvas, PLENUM_WINDOW_WIDTH, PLENUM_WINDOW_HEIGHT);
  }
  window->panels_drawn = g_get_monotonic_time ();
  window->panels_dirty = FALSE;
}

/* Draws what changed; `everything` forces a full redraw. Returns the number of rectangles
 * in `changed` (at most 1 + MULTIVIEW_MAX), or -1 when the whole window changed. */
static int
draw (PlenumOperatorWindow *window, SDL_Surface *surface, gboolean everything, SDL_Rect *changed)
{
  int n = 0;

  everything |= window->panels_dirty ||
      g_get_monotonic_time () - window->panels_drawn >= PANEL_INTERVAL_US;
  /* The confirmation box sits over the program: the picture stands still while it is open. */
  if (!window->commands.confirming) {
    if (picture_update (&window->program, surface, everything) || everything) {
      draw_program_title (window, surface);
      changed[n++] = PROGRAM;
    }
    for (guint i = 0; i < window->n_sources; i++)
      if (picture_update (&window->sources[i], surface, FALSE))
        changed[n++] = window->sources[i].rect;
  }
  if (!everything)
    return n;
  draw_panels (window, surface);
  return -1;
}

static void
present (PlenumOperatorWindow *window, int changed_count, const SDL_Rect *changed)
{
  if (changed_count < 0)
    SDL_UpdateWindowSurface (window->window);
  else if (changed_count > 0)
    SDL_UpdateWindowSurfaceRects (window->window, changed, changed_count);
}

/* ---- input ---------------------------------------------------------------------------- */

static void
run (PlenumOperatorWindow *window, const PlenumCommand *command)
{
  g_autoptr (GError) error = NULL;

  if (command->kind == PLENUM_COMMAND_NONE)
    return;
  window->panels_dirty = TRUE;   /* show the result at once, not on the next panel tick */
  if (plenum_command_run (window->studio, &window->commands, command, &error))
    return;
  g_free (window->message);
  window->message = g_strdup (error->message);
  window->message_until = g_get_monotonic_time () + MESSAGE_SECONDS * G_USEC_PER_SEC;
}

static void
click (PlenumOperatorWindow *window, int x, int y)
{
  SDL_Point point = { x, y };

  /* Topmost first: the last drawn button wins. */
  for (guint i = window->buttons->len; i-- > 0;) {
    PlenumButton button = g_array_index (window->buttons, PlenumButton, i);
    if (SDL_PointInRect (&point, &button.rect)) {
      run (window, &button.command);
      return;
    }
  }
}

static void
handle_events (PlenumOperatorWindow *window)
{
  SDL_Event event;

  while (SDL_PollEvent (&event)) {
    PlenumCommand command = { PLENUM_COMMAND_NONE, 0, 0 };

    if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_EXPOSED) {
      window->panels_dirty = TRUE;
      continue;
    }
    if (event.type == SDL_QUIT) {
      /* The show must never end by accident: closing the window asks first. */
      command.kind = PLENUM_COMMAND_QUIT;
    } else if (event.type == SDL_KEYDOWN && !event.key.repeat) {
      command = plenum_command_for_key (event.key.keysym.sym, window->commands.confirming);
    } else if (event.type == SDL_MOUSEBUTTONDOWN && event.button.button == SDL_BUTTON_LEFT) {
      click (window, event.button.x, event.button.y);
      continue;
    }
    run (window, &command);
  }
}

static gboolean
on_frame (gpointer user_data)
{
  PlenumOperatorWindow *window = user_data;
  SDL_Surface *surface = SDL_GetWindowSurface (window->window);
  SDL_Rect changed[1 + MULTIVIEW_MAX];
  int count;

  handle_events (window);
  if (surface == NULL)
    return G_SOURCE_CONTINUE;
  count = draw (window, surface, FALSE, changed);
  present (window, count, changed);
  return G_SOURCE_CONTINUE;
}

/* ---- life ----------------------------------------------------------------------------- */

static gboolean
add_taps (PlenumOperatorWindow *window, GstBin *pipeline, GstElement *upstream,
          const GPtrArray *channels, GError **error)
{
  int label_height = plenum_window_text_height (window->text, PLENUM_TEXT_SMALL);
  /* The preview at half the program's rate: smooth enough to judge a picture, half the cost. */
  window->program.tap = plenum_picture_tap_new_on (pipeline, upstream, PROGRAM.w, PROGRAM.h, 2,
                                                   error);
  window->program.rect = PROGRAM;
  if (window->program.tap == NULL)
    return FALSE;
  window->n_sources = MIN (window->show->sources->len, MULTIVIEW_MAX);
  window->sources = g_new0 (Picture, window->n_sources);
  window->multiview = gst_pipeline_new ("multiview");
  for (guint i = 0; i < window->n_sources; i++) {
    Picture *picture = &window->sources[i];
    const char *channel = channels && i < channels->len ? g_ptr_array_index (channels, i) : NULL;

    picture->rect = multiview_cell (i, window->n_sources, label_height);
    if (channel == NULL)
      continue;
    picture->tap = plenum_picture_tap_new_channel (GST_BIN (window->multiview), channel,
                                                   picture->rect.w, picture->rect.h,
                                                   MULTIVIEW_FPS, error);
    if (picture->tap == NULL)
      return FALSE;
  }
  return TRUE;
}

PlenumOperatorWindow *
plenum_operator_window_new (GstBin *pipeline, GstElement *upstream, const PlenumShow *show,
                            const GPtrArray *source_channels, GError **error)
{
  PlenumOperatorWindow *window;
  g_autofree char *title = NULL;

  /* The window's surface in plain memory (X11: shared memory), not a GPU texture: under a
   * software GL (Xvfb, many laptops' fallbacks) the texture path costs more than it saves. */
  SDL_SetHint (SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  if (SDL_Init (SDL_INIT_VIDEO) != 0) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "no display for the window (%s)",
                 SDL_GetError ());
    return NULL;
  }
  window = g_new0 (PlenumOperatorWindow, 1);
  window->show = show;
  window->buttons = g_array_new (FALSE, FALSE, sizeof (PlenumButton));
  title = g_strdup_printf ("Plenum — %s", show->name);
  /* A fixed canvas drawn straight into the window's surface, and only what changed is sent
   * to the display: no GPU needed, and cheap where there is none (a laptop, Xvfb). */
  window->window = SDL_CreateWindow (title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                     PLENUM_WINDOW_WIDTH, PLENUM_WINDOW_HEIGHT, 0);
  if (window->window == NULL || SDL_GetWindowSurface (window->window) == NULL) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "cannot open the window (%s)",
                 SDL_GetError ());
    plenum_operator_window_free (window);
    return NULL;
  }
  window->text = plenum_window_text_new (error);
  if (window->text == NULL || !add_taps (window, pipeline, upstream, source_channels, error)) {
    plenum_operator_window_free (window);
    return NULL;
  }
  return window;
}

void
plenum_operator_window_attach (PlenumOperatorWindow *window, PlenumStudio *studio)
{
  window->studio = studio;
  window->panels_dirty = TRUE;
  gst_element_set_state (window->multiview, GST_STATE_PLAYING);
  /* Each tick takes the newest pictures: the program's come at half its rate. */
  window->draw_timer = g_timeout_add (2000 / MAX (1, window->show->fps), on_frame, window);
}

void
plenum_operator_window_free (PlenumOperatorWindow *window)
{
  if (window == NULL)
    return;
  if (window->draw_timer)
    g_source_remove (window->draw_timer);
  if (window->multiview) {
    gst_element_set_state (window->multiview, GST_STATE_NULL);
    gst_object_unref (window->multiview);
  }
  for (guint i = 0; i < window->n_sources; i++) {
    plenum_picture_tap_free (window->sources[i].tap);
    g_clear_pointer (&window->sources[i].last, gst_sample_unref);
  }
  g_free (window->sources);
  plenum_picture_tap_free (window->program.tap);
  g_clear_pointer (&window->program.last, gst_sample_unref);
  plenum_window_text_free (window->text);
  if (window->window)
    SDL_DestroyWindow (window->window);
  SDL_QuitSubSystem (SDL_INIT_VIDEO);
  g_array_unref (window->buttons);
  g_free (window->commands.selected_id);
  g_free (window->message);
  g_free (window);
}

GstElement *
plenum_operator_window_passthrough (PlenumOperatorWindow *window)
{
  return plenum_picture_tap_passthrough (window->program.tap);
}

gboolean
plenum_operator_window_screenshot (PlenumOperatorWindow *window, const char *path, GError **error)
{
  SDL_Surface *surface = SDL_GetWindowSurface (window->window);
  SDL_Rect changed[1 + MULTIVIEW_MAX];

  if (window->studio == NULL || surface == NULL) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, "the window is not drawing yet");
    return FALSE;
  }
  draw (window, surface, TRUE, changed);
  present (window, -1, changed);
  if (SDL_SaveBMP (surface, path) != 0) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: cannot write the screenshot (%s)",
                 path, SDL_GetError ());
    return FALSE;
  }
  return TRUE;
}

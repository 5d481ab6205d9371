#include "studio/preview_window.h"

#include <SDL.h>
#include <gio/gio.h>
#include <gst/app/gstappsink.h>
#include <gst/video/video.h>
#include "pipelines/elements.h"

#define PREVIEW_WIDTH 960

struct _PlenumPreviewWindow {
  SDL_Window *window;
  SDL_Renderer *renderer;
  SDL_Texture *texture;
  int width, height;
  GstElement *tee;       /* (transfer none) owned by the pipeline */
  GstElement *appsink;
  guint draw_timer;
  PlenumPreviewCloseFunc on_close;
  gpointer user_data;
};

static void
handle_events (PlenumPreviewWindow *window)
{
  SDL_Event event;

  while (SDL_PollEvent (&event)) {
    if (event.type != SDL_QUIT)
      continue;
    /* The show must never end by accident: ask first. */
    {
      const SDL_MessageBoxButtonData buttons[] = {
        { SDL_MESSAGEBOX_BUTTON_ESCAPEKEY_DEFAULT, 0, "Weiter senden / Keep streaming" },
        { SDL_MESSAGEBOX_BUTTON_RETURNKEY_DEFAULT, 1, "Sendung beenden / End the show" },
      };
      const SDL_MessageBoxData box = {
        SDL_MESSAGEBOX_WARNING, window->window, "Plenum",
        "Sendung wirklich beenden? / Really end the show?", 2, buttons, NULL,
      };
      int choice = 0;
      if (SDL_ShowMessageBox (&box, &choice) == 0 && choice == 1 && window->on_close)
        window->on_close (window->user_data);
    }
  }
}

static gboolean
on_draw (gpointer user_data)
{
  PlenumPreviewWindow *window = user_data;
  g_autoptr (GstSample) sample = gst_app_sink_try_pull_sample (GST_APP_SINK (window->appsink), 0);

  handle_events (window);
  if (sample) {
    GstBuffer *buffer = gst_sample_get_buffer (sample);
    GstCaps *caps = gst_sample_get_caps (sample);
    GstVideoInfo info;
    GstVideoFrame frame;

    if (caps && gst_video_info_from_caps (&info, caps) &&
        gst_video_frame_map (&frame, &info, buffer, GST_MAP_READ)) {
      SDL_UpdateYUVTexture (window->texture, NULL,
                            GST_VIDEO_FRAME_PLANE_DATA (&frame, 0), GST_VIDEO_FRAME_PLANE_STRIDE (&frame, 0),
                            GST_VIDEO_FRAME_PLANE_DATA (&frame, 1), GST_VIDEO_FRAME_PLANE_STRIDE (&frame, 1),
                            GST_VIDEO_FRAME_PLANE_DATA (&frame, 2), GST_VIDEO_FRAME_PLANE_STRIDE (&frame, 2));
      gst_video_frame_unmap (&frame);
    }
  }
  SDL_RenderClear (window->renderer);
  SDL_RenderCopy (window->renderer, window->texture, NULL, NULL);
  SDL_RenderPresent (window->renderer);
  return G_SOURCE_CONTINUE;
}

static gboolean
add_tap (PlenumPreviewWindow *window, GstBin *pipeline, GstElement *upstream, const PlenumShow *show,
         GError **error)
{
  GstElement *tee, *queue, *scale, *filter, *sink;
  g_autoptr (GstCaps) caps = NULL;

  if (!plenum_elements_make (error, "tee:preview-tee", &tee, "queue", &queue, "videoscale", &scale,
                             "capsfilter", &filter, "appsink:preview-sink", &sink, NULL))
    return FALSE;
  g_object_set (queue, "leaky", 2, "max-size-buffers", 1, "max-size-bytes", 0,
                "max-size-time", (guint64) 0, NULL);
  caps = gst_caps_new_simple ("video/x-raw", "format", G_TYPE_STRING, "I420",
                              "width", G_TYPE_INT, window->width,
                              "height", G_TYPE_INT, window->height, NULL);
  g_object_set (filter, "caps", caps, NULL);
  g_object_set (sink, "max-buffers", 1, "drop", TRUE, "sync", FALSE, "async", FALSE, NULL);
  gst_bin_add_many (pipeline, tee, queue, scale, filter, sink, NULL);
  if (!gst_element_link (upstream, tee) || !gst_element_link_many (tee, queue, scale, filter, sink, NULL)) {
    g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_NEGOTIATION, "cannot tap the program for the preview");
    return FALSE;
  }
  (void) show;
  window->tee = tee;
  window->appsink = sink;
  return TRUE;
}

PlenumPreviewWindow *
plenum_preview_window_new (GstBin *pipeline, GstElement *upstream, const PlenumShow *show,
                           PlenumPreviewCloseFunc on_close, gpointer user_data, GError **error)
{
  PlenumPreviewWindow *window;
  g_autofree char *title = NULL;

  if (SDL_Init (SDL_INIT_VIDEO) != 0) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "no display for the window (%s)",
                 SDL_GetError ());
    return NULL;
  }
  window = g_new0 (PlenumPreviewWindow, 1);
  window->on_close = on_close;
  window->user_data = user_data;
  window->width = PREVIEW_WIDTH;
  window->height = (PREVIEW_WIDTH * show->height / show->width) & ~1;
  title = g_strdup_printf ("Plenum — %s", show->name);
  window->window = SDL_CreateWindow (title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                     window->width, window->height, SDL_WINDOW_RESIZABLE);
  if (window->window)
    window->renderer = SDL_CreateRenderer (window->window, -1, 0);
  if (window->renderer)
    window->texture = SDL_CreateTexture (window->renderer, SDL_PIXELFORMAT_IYUV,
                                         SDL_TEXTUREACCESS_STREAMING, window->width,
                                         window->height);
  if (window->texture == NULL) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "cannot open the window (%s)",
                 SDL_GetError ());
    plenum_preview_window_free (window);
    return NULL;
  }
  if (!add_tap (window, pipeline, upstream, show, error)) {
    plenum_preview_window_free (window);
    return NULL;
  }
  window->draw_timer = g_timeout_add (1000 / MAX (1, show->fps), on_draw, window);
  return window;
}

void
plenum_preview_window_free (PlenumPreviewWindow *window)
{
  if (window == NULL)
    return;
  if (window->draw_timer)
    g_source_remove (window->draw_timer);
  if (window->texture)
    SDL_DestroyTexture (window->texture);
  if (window->renderer)
    SDL_DestroyRenderer (window->renderer);
  if (window->window)
    SDL_DestroyWindow (window->window);
  SDL_QuitSubSystem (SDL_INIT_VIDEO);
  g_free (window);
}

GstElement *
plenum_preview_window_passthrough (PlenumPreviewWindow *window)
{
  return window->tee;
}

#include "overlays/caption_burnin.h"

#include <SDL_ttf.h>
#include <gio/gio.h>
#include <gst/video/video.h>
#include "captions/linebreak.h"
#include "pipelines/elements.h"

#define FONT_PATH "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#define BOX_KEEP 90          /* of 256: what is left of the picture's brightness in the box */
#define CHROMA_KEEP 32       /* of 256: what is left of its colour (the box is nearly grey) */
#define TEXT_Y 235           /* video-range white */
#define STATE_KEY "plenum-caption-burnin"

/* What is drawn: a box and a text mask, in picture coordinates (even, for I420). */
typedef struct {
  int x, y, width, height;
  guint8 *mask;              /* width × height alpha of the text, or NULL: nothing shown */
} Drawing;

/* textoverlay blended the whole text rectangle through generic unpack/blend/pack code on
 * every frame (1.2–1.6 ms a frame at 720p); the captions change every few seconds, so the text
 * is rendered once per change into an alpha mask and each frame needs one tight pass. */
typedef struct {
  GMutex lock;
  TTF_Font *font;
  int out_width, out_height;
  PlenumRect area;
  Drawing drawing;           /* guarded by lock */
  GstVideoInfo video;        /* the negotiated format (streaming thread only) */
  gboolean has_video;
  char *text;                /* as last set, for re-placing after an area change */
} Burnin;

int
plenum_caption_burnin_line_height (int out_height)
{
  return MAX (12, out_height / 18);
}

static void
burnin_free (Burnin *burnin)
{
  g_free (burnin->drawing.mask);
  g_free (burnin->text);
  if (burnin->font)
    TTF_CloseFont (burnin->font);
  TTF_Quit ();
  g_mutex_clear (&burnin->lock);
  g_free (burnin);
}

static void
blend (const Drawing *drawing, GstVideoFrame *frame)
{
  int width = GST_VIDEO_FRAME_WIDTH (frame), height = GST_VIDEO_FRAME_HEIGHT (frame);
  int x0 = CLAMP (drawing->x, 0, width) & ~1, y0 = CLAMP (drawing->y, 0, height) & ~1;
  int x1 = MIN (drawing->x + drawing->width, width) & ~1;
  int y1 = MIN (drawing->y + drawing->height, height) & ~1;
  guint8 *y_plane = GST_VIDEO_FRAME_PLANE_DATA (frame, 0);
  int y_stride = GST_VIDEO_FRAME_PLANE_STRIDE (frame, 0);

  for (int row = y0; row < y1; row++) {
    guint8 *luma = y_plane + row * y_stride;
    const guint8 *alpha = drawing->mask + (gsize) (row - drawing->y) * drawing->width;
    for (int col = x0; col < x1; col++) {
      int dark = luma[col] * BOX_KEEP >> 8;
      luma[col] = (guint8) (dark + ((TEXT_Y - dark) * alpha[col - drawing->x] >> 8));
    }
  }
  /* The box is grey, not tinted: chroma towards neutral by the same share. */
  for (int plane = 1; plane <= 2; plane++) {
    guint8 *data = GST_VIDEO_FRAME_PLANE_DATA (frame, plane);
    int stride = GST_VIDEO_FRAME_PLANE_STRIDE (frame, plane);
    for (int row = y0 / 2; row < y1 / 2; row++)
      for (int col = x0 / 2; col < x1 / 2; col++) {
        guint8 *c = data + row * stride + col;
        *c = (guint8) (128 + ((*c - 128) * CHROMA_KEEP / 256));
      }
  }
}

static GstPadProbeReturn
on_frame (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  Burnin *burnin = user_data;
  GstBuffer *buffer;
  GstVideoFrame frame;

  (void) pad;
  /* The format is read once per caps, not per frame. */
  if (GST_PAD_PROBE_INFO_TYPE (info) & GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM) {
    GstEvent *event = GST_PAD_PROBE_INFO_EVENT (info);
    if (GST_EVENT_TYPE (event) == GST_EVENT_CAPS) {
      GstCaps *caps;
      gst_event_parse_caps (event, &caps);
      burnin->has_video = gst_video_info_from_caps (&burnin->video, caps) &&
          GST_VIDEO_INFO_FORMAT (&burnin->video) == GST_VIDEO_FORMAT_I420;
    }
    return GST_PAD_PROBE_OK;
  }
  if (!burnin->has_video)
    return GST_PAD_PROBE_OK;
  g_mutex_lock (&burnin->lock);
  if (burnin->drawing.mask == NULL) {
    g_mutex_unlock (&burnin->lock);
    return GST_PAD_PROBE_OK;
  }
  buffer = gst_buffer_make_writable (GST_PAD_PROBE_INFO_BUFFER (info));
  GST_PAD_PROBE_INFO_DATA (info) = buffer;
  if (gst_video_frame_map (&frame, &burnin->video, buffer, GST_MAP_READWRITE)) {
    blend (&burnin->drawing, &frame);
    gst_video_frame_unmap (&frame);
  }
  g_mutex_unlock (&burnin->lock);
  return GST_PAD_PROBE_OK;
}

GstElement *
plenum_caption_burnin_new (int out_width, int out_height, GError **error)
{
  GstElement *element = plenum_element_make ("identity", "caption-burnin", error);
  Burnin *burnin;
  g_autoptr (GstPad) src = NULL;

  if (element == NULL)
    return NULL;
  if (TTF_Init () != 0) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "captions: SDL_ttf: %s", TTF_GetError ());
    gst_object_unref (gst_object_ref_sink (element));
    return NULL;
  }
  burnin = g_new0 (Burnin, 1);
  g_mutex_init (&burnin->lock);
  burnin->out_width = out_width;
  burnin->out_height = out_height;
  burnin->area = (PlenumRect) { 0, 0, out_width, out_height };
  burnin->font = TTF_OpenFont (FONT_PATH,
                               MAX (8, plenum_caption_burnin_line_height (out_height) * 3 / 4));
  if (burnin->font == NULL) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 "captions: cannot open the font %s (apt-get install fonts-dejavu-core)", FONT_PATH);
    burnin_free (burnin);
    gst_object_unref (gst_object_ref_sink (element));
    return NULL;
  }
  g_object_set_data_full (G_OBJECT (element), STATE_KEY, burnin, (GDestroyNotify) burnin_free);
  src = gst_element_get_static_pad (element, "src");
  gst_pad_add_probe (src, GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM,
                     on_frame, burnin, NULL);
  return element;
}

/* Renders `lines` ("\n"-separated) centred into a box standing on the area's bottom edge,
 * centred in it; returns the drawing (mask NULL for no text). */
static Drawing
render (Burnin *burnin, const char *lines)
{
  g_auto (GStrv) parts = g_strsplit (lines, "\n", -1);
  int line_height = TTF_FontLineSkip (burnin->font);
  int pad = line_height / 4, width = 0, count = 0;
  Drawing drawing = { 0 };
  SDL_Surface *surfaces[4] = { NULL };

  for (int i = 0; parts[i] && count < 4; i++) {
    if (*parts[i] == '\0')
      continue;
    surfaces[count] = TTF_RenderUTF8_Blended (burnin->font, parts[i], (SDL_Color) { 255, 255, 255, 255 });
    if (surfaces[count]) {
      width = MAX (width, surfaces[count]->w);
      count++;
    }
  }
  if (count == 0)
    return drawing;
  drawing.width = (width + 2 * pad + 1) & ~1;
  drawing.height = (count * line_height + 2 * pad + 1) & ~1;
  drawing.x = (burnin->area.x + (burnin->area.width - drawing.width) / 2) & ~1;
  drawing.y = (burnin->area.y + burnin->area.height - drawing.height) & ~1;
  drawing.mask = g_malloc0 ((gsize) drawing.width * drawing.height);
  for (int i = 0; i < count; i++) {
    SDL_Surface *s = SDL_ConvertSurfaceFormat (surfaces[i], SDL_PIXELFORMAT_ARGB8888, 0);
    int left = pad + (drawing.width - 2 * pad - s->w) / 2, top = pad + i * line_height;
    for (int row = 0; row < s->h && top + row < drawing.height; row++)
      for (int col = 0; col < s->w && left + col < drawing.width; col++) {
        guint32 pixel = ((guint32 *) ((guint8 *) s->pixels + row * s->pitch))[col];
        drawing.mask[(top + row) * drawing.width + left + col] = (guint8) (pixel >> 24);
      }
    SDL_FreeSurface (s);
    SDL_FreeSurface (surfaces[i]);
  }
  return drawing;
}

static void
redraw (Burnin *burnin)
{
  /* Broadcast norm: at most two lines of 37 characters. */
  g_autofree char *lines = burnin->text ? plenum_caption_break_lines (burnin->text, 37, 2) : NULL;
  Drawing drawing = lines ? render (burnin, lines) : (Drawing) { 0 };

  g_mutex_lock (&burnin->lock);
  g_free (burnin->drawing.mask);
  burnin->drawing = drawing;
  g_mutex_unlock (&burnin->lock);
}

void
plenum_caption_burnin_set_text (GstElement *element, const char *text)
{
  Burnin *burnin = g_object_get_data (G_OBJECT (element), STATE_KEY);

  g_free (burnin->text);
  burnin->text = text && *text ? g_strdup (text) : NULL;
  redraw (burnin);
}

void
plenum_caption_burnin_set_area (GstElement *element, int out_width, int out_height,
                                const PlenumRect *area)
{
  Burnin *burnin = g_object_get_data (G_OBJECT (element), STATE_KEY);

  (void) out_width, (void) out_height;
  burnin->area = *area;
  redraw (burnin);
}

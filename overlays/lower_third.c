#include "overlays/lower_third.h"

#include "captions/linebreak.h"
#include "overlays/caption_burnin.h"
#include "pipelines/elements.h"

GstElement *
plenum_lower_third_new (int out_width, int out_height, GError **error)
{
  GstElement *overlay = plenum_element_make ("textoverlay", "lower-third", error);
  g_autofree char *font = NULL;
  (void) out_width;

  if (overlay == NULL)
    return NULL;
  /* The same type size as the captions: one visual language on screen. */
  font = g_strdup_printf ("Sans Bold %dpx",
                          MAX (8, plenum_caption_burnin_line_height (out_height) * 3 / 4));
  g_object_set (overlay, "font-desc", font, "auto-resize", FALSE, "shaded-background", TRUE,
                "shading-value", 220, "valignment", 1 /* bottom */, "halignment", 0 /* left */,
                "line-alignment", 0 /* left */, "wrap-mode", -1 /* none: we cut it */,
                "text", "", NULL);
  return overlay;
}

#define MAX_LINES 3
#define CHARS_KEY "plenum-lower-third-chars"

/* At most MAX_LINES lines that fit the area; a longer text keeps its beginning and ends in
 * an ellipsis (a question read out on air must start where its author started). */
static char *
fit_lines (const char *text, guint max_chars)
{
  g_autofree char *broken = plenum_caption_break_lines (text, max_chars, G_MAXUINT);
  g_auto (GStrv) lines = g_strsplit (broken, "\n", -1);
  guint count = g_strv_length (lines);

  if (count <= MAX_LINES)
    return g_strjoinv ("\n", lines);
  g_free (lines[MAX_LINES]);
  lines[MAX_LINES] = NULL;
  {
    g_autofree char *kept = g_strjoinv ("\n", lines);
    return g_strconcat (kept, " …", NULL);
  }
}

void
plenum_lower_third_set_text (GstElement *lower_third, const char *text)
{
  guint max_chars = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (lower_third), CHARS_KEY));
  g_autofree char *lines = fit_lines (text ? text : "", MAX (10, max_chars));
  g_autofree char *escaped = g_markup_escape_text (lines, -1);
  g_autofree char *shown = NULL;

  /* textoverlay lays the text out again on every set, even the same text; the studio refreshes
   * on every change of the queue (a page of chat), mostly with the question on air unchanged. */
  g_object_get (lower_third, "text", &shown, NULL);
  if (g_strcmp0 (shown, escaped) != 0)
    g_object_set (lower_third, "text", escaped, NULL);
}

void
plenum_lower_third_set_area (GstElement *lower_third, int out_width, int out_height,
                             const PlenumRect *area)
{
  /* DejaVu Sans Bold averages about 0.63 em a character. */
  int font_px = MAX (8, plenum_caption_burnin_line_height (out_height) * 3 / 4);
  guint max_chars = (guint) MAX (10, area->width / (font_px * 0.63));
  (void) out_width;

  g_object_set_data (G_OBJECT (lower_third), CHARS_KEY, GUINT_TO_POINTER (max_chars));
  g_object_set (lower_third, "xpad", area->x, "deltax", 0,
                "ypad", out_height - (area->y + area->height), NULL);
}

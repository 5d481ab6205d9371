#include "studio/window_text.h"

#include <SDL_ttf.h>
#include <gio/gio.h>

#define CACHE_LIMIT 400

static const char *const font_paths[] = {
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf",
};
static const int point_sizes[] = { 13, 16, 22 };

struct _PlenumWindowText {
  TTF_Font *fonts[G_N_ELEMENTS (point_sizes)];
  GHashTable *cache;        /* "size|rgba|text" → SDL_Surface */
};

PlenumWindowText *
plenum_window_text_new (GError **error)
{
  PlenumWindowText *text;
  const char *path = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (font_paths) && path == NULL; i++)
    if (g_file_test (font_paths[i], G_FILE_TEST_EXISTS))
      path = font_paths[i];
  if (path == NULL) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 "no font for the window: %s is missing (apt-get install fonts-dejavu-core)",
                 font_paths[0]);
    return NULL;
  }
  if (TTF_Init () != 0) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "SDL_ttf: %s", TTF_GetError ());
    return NULL;
  }
  text = g_new0 (PlenumWindowText, 1);
  text->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) SDL_FreeSurface);
  for (guint i = 0; i < G_N_ELEMENTS (point_sizes); i++) {
    text->fonts[i] = TTF_OpenFont (path, point_sizes[i]);
    if (text->fonts[i] == NULL) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", path, TTF_GetError ());
      plenum_window_text_free (text);
      return NULL;
    }
  }
  return text;
}

void
plenum_window_text_free (PlenumWindowText *text)
{
  if (text == NULL)
    return;
  g_hash_table_unref (text->cache);
  for (guint i = 0; i < G_N_ELEMENTS (point_sizes); i++)
    if (text->fonts[i])
      TTF_CloseFont (text->fonts[i]);
  TTF_Quit ();
  g_free (text);
}

int
plenum_window_text_height (PlenumWindowText *text, PlenumTextSize size)
{
  return TTF_FontLineSkip (text->fonts[size]);
}

static SDL_Surface *
lookup (PlenumWindowText *text, const char *string, PlenumTextSize size, SDL_Color colour)
{
  g_autofree char *key = g_strdup_printf ("%d|%02x%02x%02x%02x|%s", size, colour.r, colour.g,
                                          colour.b, colour.a, string);
  SDL_Surface *surface = g_hash_table_lookup (text->cache, key);

  if (surface)
    return surface;
  surface = TTF_RenderUTF8_Blended (text->fonts[size], string, colour);
  if (surface == NULL)
    return NULL;
  if (g_hash_table_size (text->cache) >= CACHE_LIMIT)
    g_hash_table_remove_all (text->cache);
  g_hash_table_insert (text->cache, g_steal_pointer (&key), surface);
  return surface;
}

int
plenum_window_text_width (PlenumWindowText *text, const char *string, PlenumTextSize size)
{
  int width = 0;

  if (string && *string)
    TTF_SizeUTF8 (text->fonts[size], string, &width, NULL);
  return width;
}

int
plenum_window_text_draw (PlenumWindowText *text, SDL_Surface *target, const char *string,
                         PlenumTextSize size, SDL_Color colour, int x, int y, int max_width)
{
  SDL_Surface *surface;
  SDL_Rect source, place;

  if (string == NULL || *string == '\0' || (surface = lookup (text, string, size, colour)) == NULL)
    return 0;
  source = (SDL_Rect) { 0, 0, max_width > 0 ? MIN (surface->w, max_width) : surface->w, surface->h };
  place = (SDL_Rect) { x, y, source.w, source.h };
  SDL_BlitSurface (surface, &source, target, &place);
  return source.w;
}

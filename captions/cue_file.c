#include "captions/cue_file.h"

#include <gio/gio.h>
#include <string.h>

#define UTF8_BOM "\xEF\xBB\xBF"
#define TIME_STAMP_LEN 12   /* "HH:MM:SS.mmm" */
#define TIME_STAMP_CHARS "0123456789:.,"

void
plenum_cue_line_free (PlenumCueLine *cue)
{
  if (cue == NULL)
    return;
  g_free (cue->text);
  g_free (cue);
}

static char *
format_time_stamp (gint64 ms)
{
  return g_strdup_printf ("%02" G_GINT64_FORMAT ":%02d:%02d.%03d", ms / 3600000,
                          (int) (ms / 60000 % 60), (int) (ms / 1000 % 60), (int) (ms % 1000));
}

static gboolean
is_digits (const char *s, guint n)
{
  for (guint i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* Strict on purpose: a stamp that is almost right is more likely a typo than a caption. */
static gboolean
parse_time_stamp (const char *stamp, gsize len, gint64 *ms)
{
  int hours, minutes, seconds, millis;

  if (len != TIME_STAMP_LEN || stamp[2] != ':' || stamp[5] != ':' || stamp[8] != '.' ||
      !is_digits (stamp, 2) || !is_digits (stamp + 3, 2) || !is_digits (stamp + 6, 2) ||
      !is_digits (stamp + 9, 3))
    return FALSE;
  hours = g_ascii_digit_value (stamp[0]) * 10 + g_ascii_digit_value (stamp[1]);
  minutes = g_ascii_digit_value (stamp[3]) * 10 + g_ascii_digit_value (stamp[4]);
  seconds = g_ascii_digit_value (stamp[6]) * 10 + g_ascii_digit_value (stamp[7]);
  millis = g_ascii_digit_value (stamp[9]) * 100 + g_ascii_digit_value (stamp[10]) * 10 +
           g_ascii_digit_value (stamp[11]);
  if (minutes >= 60 || seconds >= 60)
    return FALSE;
  *ms = ((gint64) hours * 3600 + minutes * 60 + seconds) * 1000 + millis;
  return TRUE;
}

/* A first word made only of digits, ":", "." and "," with a ":" in it is meant as a time stamp,
 * so a malformed one is reported instead of being shown as a caption. */
static gboolean
looks_like_time_stamp (const char *word, gsize len)
{
  return strspn (word, TIME_STAMP_CHARS) >= len && memchr (word, ':', len) != NULL;
}

/* `line` is trimmed and not empty. Returns (transfer full) or NULL with `error`. */
static PlenumCueLine *
parse_line (const char *line, guint number, const char *name, GError **error)
{
  gsize word_len = strcspn (line, " \t");
  const char *text = line;
  gint64 start_ms = -1;
  PlenumCueLine *cue;

  if (looks_like_time_stamp (line, word_len)) {
    if (!parse_time_stamp (line, word_len, &start_ms)) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s:%u: bad time stamp \"%.*s\"",
                   name, number, (int) word_len, line);
      return NULL;
    }
    text = line + word_len + strspn (line + word_len, " \t");
    if (*text == '\0') {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s:%u: time stamp without a caption", name, number);
      return NULL;
    }
  }
  cue = g_new0 (PlenumCueLine, 1);
  cue->start_ms = start_ms;
  cue->text = g_strdup (text);
  cue->line = number;
  return cue;
}

static gboolean
check_order (const PlenumCueLine *cue, gint64 *last_ms, const char *name, GError **error)
{
  if (cue->start_ms < 0)
    return TRUE;
  if (cue->start_ms < *last_ms) {
    g_autofree char *now = format_time_stamp (cue->start_ms);
    g_autofree char *before = format_time_stamp (*last_ms);
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 "%s:%u: time stamp goes backwards (%s after %s)", name, cue->line, now, before);
    return FALSE;
  }
  *last_ms = cue->start_ms;
  return TRUE;
}

GPtrArray *
plenum_cue_file_parse (const char *contents, const char *name, GError **error)
{
  g_autoptr (GPtrArray) cues = NULL;
  g_auto (GStrv) lines = NULL;
  gint64 last_ms = -1;

  g_return_val_if_fail (contents != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_str_has_prefix (contents, UTF8_BOM))
    contents += strlen (UTF8_BOM);
  cues = g_ptr_array_new_with_free_func ((GDestroyNotify) plenum_cue_line_free);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i]; i++) {
    char *line = lines[i];
    PlenumCueLine *cue;

    if (!g_utf8_validate (line, -1, NULL)) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s:%u: not valid UTF-8", name,
                   i + 1);
      return NULL;
    }
    g_strstrip (line);   /* also drops the '\r' of CRLF files */
    if (*line == '\0' || *line == '#')
      continue;
    cue = parse_line (line, i + 1, name, error);
    if (cue == NULL)
      return NULL;
    g_ptr_array_add (cues, cue);
    if (!check_order (cue, &last_ms, name, error))
      return NULL;
  }
  return g_steal_pointer (&cues);
}

GPtrArray *
plenum_cue_file_load (const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;   /* GLib's message names the path */
  if (strlen (contents) != length) {
    /* A NUL would silently end the text early; report its line instead. */
    guint line = 1;
    for (const char *p = contents; *p; p++)
      line += *p == '\n';
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s:%u: not valid UTF-8", path,
                 line);
    return NULL;
  }
  return plenum_cue_file_parse (contents, path, error);
}

#include "captions/subtitle_file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

struct _PlenumSubtitleFile {
  int fd;
  char *path;
  PlenumSubtitleFormat format;
  guint count;          /* cues added, for SRT's numbering */
  GString *unwritten;   /* what the disk did not take yet (it was full) */
};

static void
set_errno_error (GError **error, int saved, const char *path, const char *what)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: cannot %s: %s", path,
               what, g_strerror (saved));
}

/* write(2) survives a killed process; fsync also a power cut, and a cue every few seconds
 * makes it cheap. What a full disk does not take stays in `unwritten`, exactly from the first
 * byte missing, so the file is always a whole prefix of what it should hold. */
static gboolean
flush_to_disk (PlenumSubtitleFile *file, GError **error)
{
  while (file->unwritten->len > 0) {
    gssize written = write (file->fd, file->unwritten->str, file->unwritten->len);
    if (written < 0 && errno == EINTR)
      continue;
    if (written <= 0) {
      set_errno_error (error, written < 0 ? errno : ENOSPC, file->path, "write");
      return FALSE;
    }
    g_string_erase (file->unwritten, 0, written);
  }
  if (fsync (file->fd) != 0) {
    set_errno_error (error, errno, file->path, "write");
    return FALSE;
  }
  return TRUE;
}

PlenumSubtitleFile *
plenum_subtitle_file_open (const char *path, PlenumSubtitleFormat format, GError **error)
{
  PlenumSubtitleFile *file;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    set_errno_error (error, errno, path, "create");
    return NULL;
  }
  file = g_new0 (PlenumSubtitleFile, 1);
  file->fd = fd;
  file->path = g_strdup (path);
  file->format = format;
  file->unwritten = g_string_new (format == PLENUM_SUBTITLE_VTT ? "WEBVTT\n\n" : "");
  if (!flush_to_disk (file, error)) {
    plenum_subtitle_file_close (file);
    return NULL;
  }
  return file;
}

static void
append_vtt_escaped (GString *out, const char *line)
{
  for (const char *p = line; *p; p++) {
    switch (*p) {
    case '&': g_string_append (out, "&amp;"); break;
    case '<': g_string_append (out, "&lt;"); break;
    case '>': g_string_append (out, "&gt;"); break;
    default: g_string_append_c (out, *p);
    }
  }
}

/* SRT has no escape: players (ffmpeg, VLC, YouTube) take "<…>" for markup and drop it, so
 * "<" becomes a guillemet there, as in the upload's title, and so does the ">" that closes
 * it. Any other ">" ("--> Antrag 3", "a > b") stays. */
static void
append_srt_text (GString *out, const char *line)
{
  gboolean open = FALSE;

  for (const char *p = line; *p; p++) {
    if (*p == '<') {
      g_string_append (out, "‹");
      open = TRUE;
    } else if (*p == '>' && open) {
      g_string_append (out, "›");
      open = FALSE;
    } else {
      g_string_append_c (out, *p);
    }
  }
}

/* The cue's lines without blank ones, which would end the cue block early in both formats. */
static char *
format_payload (const char *text, PlenumSubtitleFormat format)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i]; i++) {
    char *line = g_strstrip (lines[i]);
    if (*line == '\0')
      continue;
    if (out->len > 0)
      g_string_append_c (out, '\n');
    if (format == PLENUM_SUBTITLE_VTT)
      append_vtt_escaped (out, line);
    else
      append_srt_text (out, line);
  }
  return g_string_free (out, FALSE);
}

char *
plenum_subtitle_cue_block (const PlenumCue *cue, guint number, PlenumSubtitleFormat format)
{
  g_autofree char *payload = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  g_return_val_if_fail (cue != NULL && cue->text != NULL, NULL);
  g_return_val_if_fail (cue->start_ms >= 0 && cue->end_ms >= cue->start_ms, NULL);

  payload = format_payload (cue->text, format);
  if (*payload == '\0')
    return NULL;   /* nothing to show; an empty block is not valid in either format */
  start = plenum_subtitle_time (cue->start_ms, format);
  end = plenum_subtitle_time (cue->end_ms, format);
  if (format == PLENUM_SUBTITLE_SRT)
    return g_strdup_printf ("%u\n%s --> %s\n%s\n\n", number, start, end, payload);
  return g_strdup_printf ("%s --> %s\n%s\n\n", start, end, payload);
}

gboolean
plenum_subtitle_file_add (PlenumSubtitleFile *file, const PlenumCue *cue, GError **error)
{
  g_autofree char *block = NULL;

  g_return_val_if_fail (file != NULL && cue != NULL && cue->text != NULL, FALSE);
  g_return_val_if_fail (cue->start_ms >= 0 && cue->end_ms >= cue->start_ms, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  block = plenum_subtitle_cue_block (cue, file->count + 1, file->format);
  if (block == NULL)
    return TRUE;
  g_string_append (file->unwritten, block);
  file->count++;
  return flush_to_disk (file, error);
}

void
plenum_subtitle_file_close (PlenumSubtitleFile *file)
{
  if (file == NULL)
    return;
  flush_to_disk (file, NULL);   /* a last chance for what a full disk refused */
  g_close (file->fd, NULL);
  g_string_free (file->unwritten, TRUE);
  g_free (file->path);
  g_free (file);
}

char *
plenum_subtitle_time (gint64 ms, PlenumSubtitleFormat format)
{
  ms = MAX (ms, 0);
  return g_strdup_printf ("%02" G_GINT64_FORMAT ":%02d:%02d%c%03d", ms / 3600000,
                          (int) (ms / 60000 % 60), (int) (ms / 1000 % 60),
                          format == PLENUM_SUBTITLE_SRT ? ',' : '.', (int) (ms % 1000));
}

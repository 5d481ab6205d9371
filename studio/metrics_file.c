#include "studio/metrics_file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

struct _PlenumMetricsFile {
  int fd;                 /* -1 once given up */
  gboolean failing;       /* the last line could not be written (a full disk) */
};

PlenumMetricsFile *
plenum_metrics_file_open (const char *run_dir, GError **error)
{
  g_autofree char *path = g_build_filename (run_dir, "metrics.jsonl", NULL);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  PlenumMetricsFile *file;

  if (fd < 0) {
    int saved = errno;
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "cannot open %s: %s",
                 path, g_strerror (saved));
    return NULL;
  }
  file = g_new0 (PlenumMetricsFile, 1);
  file->fd = fd;
  return file;
}

gboolean
plenum_metrics_file_append (PlenumMetricsFile *file, const cJSON *status, GError **error)
{
  g_autofree char *line = NULL;
  gsize length;
  gssize written;
  off_t end;
  int saved;

  if (file->fd < 0)
    return TRUE;
  {
    char *printed = cJSON_PrintUnformatted (status);
    line = g_strconcat (printed, "\n", NULL);
    cJSON_free (printed);
  }
  length = strlen (line);
  end = lseek (file->fd, 0, SEEK_END);
  do
    written = write (file->fd, line, length);
  while (written < 0 && errno == EINTR);
  if (written == (gssize) length) {
    file->failing = FALSE;
    return TRUE;
  }
  saved = written < 0 ? errno : ENOSPC;
  /* A full disk: cut the torn line off, so the lines after it still read, and try the next
   * second's line. Anything else: give up. */
  if (saved == ENOSPC && end >= 0 && (written <= 0 || ftruncate (file->fd, end) == 0)) {
    if (file->failing)
      return TRUE;
    file->failing = TRUE;
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC,
                 "metrics.jsonl: %s; statistics for the report resume when there is space",
                 g_strerror (saved));
    return FALSE;
  }
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
               "metrics.jsonl: %s; no more statistics for the report", g_strerror (saved));
  g_close (file->fd, NULL);
  file->fd = -1;
  return FALSE;
}

void
plenum_metrics_file_close (PlenumMetricsFile *file)
{
  if (file == NULL)
    return;
  if (file->fd >= 0)
    g_close (file->fd, NULL);
  g_free (file);
}

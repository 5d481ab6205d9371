#include "studio/metrics_file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

struct _PlenumMetricsFile {
  int fd;                 /* -1 once given up */
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

  if (file->fd < 0)
    return TRUE;
  {
    char *printed = cJSON_PrintUnformatted (status);
    line = g_strconcat (printed, "\n", NULL);
    cJSON_free (printed);
  }
  length = strlen (line);
  do
    written = write (file->fd, line, length);
  while (written < 0 && errno == EINTR);
  if (written == (gssize) length)
    return TRUE;
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (written < 0 ? errno : ENOSPC),
               "metrics.jsonl: %s; no more statistics for the report",
               written < 0 ? g_strerror (errno) : "short write");
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

#include "studio/log.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

struct _PlenumLog {
  gboolean quiet;
  GPtrArray *secrets;   /* element-type utf8, owned */
  FILE *file;
};

PlenumLog *
plenum_log_new (gboolean quiet)
{
  PlenumLog *log = g_new0 (PlenumLog, 1);

  log->quiet = quiet;
  log->secrets = g_ptr_array_new_with_free_func (g_free);
  return log;
}

void
plenum_log_free (PlenumLog *log)
{
  if (log == NULL)
    return;
  if (log->file)
    fclose (log->file);
  for (guint i = 0; i < log->secrets->len; i++) {
    char *secret = g_ptr_array_index (log->secrets, i);
    memset (secret, 0, strlen (secret));
  }
  g_ptr_array_unref (log->secrets);
  g_free (log);
}

void
plenum_log_add_secret (PlenumLog *log, const char *secret)
{
  if (secret && *secret)
    g_ptr_array_add (log->secrets, g_strdup (secret));
}

gboolean
plenum_log_open_file (PlenumLog *log, const char *path, GError **error)
{
  FILE *file = fopen (path, "a");

  if (file == NULL) {
    int saved = errno;
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: cannot write: %s",
                 path, g_strerror (saved));
    return FALSE;
  }
  setvbuf (file, NULL, _IOLBF, 0);   /* line by line: a crash keeps every line written */
  if (log->file)
    fclose (log->file);
  log->file = file;
  return TRUE;
}

char *
plenum_log_redact (const PlenumLog *log, const char *text)
{
  GString *out = g_string_new (text);

  for (guint i = 0; i < log->secrets->len; i++)
    g_string_replace (out, g_ptr_array_index (log->secrets, i), "****", 0);
  return g_string_free (out, FALSE);
}

static void
write_line (PlenumLog *log, const char *line, gboolean to_stderr)
{
  g_autofree char *clean = plenum_log_redact (log, line);

  if (to_stderr)
    fprintf (stderr, "%s\n", clean);
  if (log->file) {
    g_autoptr (GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *stamp = g_date_time_format (now, "%H:%M:%S");
    fprintf (log->file, "%s %s\n", stamp, clean);
  }
}

void
plenum_log_status (PlenumLog *log, const char *line)
{
  write_line (log, line, !log->quiet);
}

void
plenum_log_event (PlenumLog *log, const char *format, ...)
{
  va_list args;
  g_autofree char *line = NULL;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  write_line (log, line, TRUE);
}

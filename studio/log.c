#include "studio/log.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Lines show.log could not take yet (a full disk) wait here, up to this much; beyond it they
 * are counted and the count is written once the file takes lines again. About 30 minutes of
 * status lines. */
#define BACKLOG_MAX_BYTES (256 * 1024)

struct _PlenumLog {
  gboolean quiet;
  GPtrArray *secrets;   /* element-type utf8, owned */
  GMutex lock;          /* the file's fields: events may come from any thread */
  int fd;               /* show.log, or -1 */
  GString *backlog;     /* stamped lines not yet written */
  guint lost_lines;     /* dropped because the backlog was full */
  int lost_errno;
};

PlenumLog *
plenum_log_new (gboolean quiet)
{
  PlenumLog *log = g_new0 (PlenumLog, 1);

  log->quiet = quiet;
  log->secrets = g_ptr_array_new_with_free_func (g_free);
  g_mutex_init (&log->lock);
  log->fd = -1;
  log->backlog = g_string_new (NULL);
  return log;
}

void
plenum_log_free (PlenumLog *log)
{
  if (log == NULL)
    return;
  if (log->fd >= 0)
    g_close (log->fd, NULL);
  g_string_free (log->backlog, TRUE);
  g_mutex_clear (&log->lock);
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
  g_autofree char *escaped = NULL;

  if (secret == NULL || *secret == '\0')
    return;
  g_ptr_array_add (log->secrets, g_strdup (secret));
  /* A key or token put into a URL's query or path is percent-encoded there (a message
   * quoting that URL holds the encoded form). */
  escaped = g_uri_escape_string (secret, NULL, FALSE);
  if (strcmp (escaped, secret) != 0)
    g_ptr_array_add (log->secrets, g_steal_pointer (&escaped));
}

gboolean
plenum_log_open_file (PlenumLog *log, const char *path, GError **error)
{
  /* Each line goes out with one write(2): a crash keeps every line written. */
  int fd = g_open (path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);

  if (fd < 0) {
    int saved = errno;
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: cannot write: %s",
                 path, g_strerror (saved));
    return FALSE;
  }
  g_mutex_lock (&log->lock);
  if (log->fd >= 0)
    g_close (log->fd, NULL);
  log->fd = fd;
  g_mutex_unlock (&log->lock);
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

/* Writes what the backlog holds; what the file does not take (a full disk) stays for the next
 * line. Never fails: the show must not stop because its log cannot be written. */
static void
flush_backlog (PlenumLog *log)
{
  while (log->backlog->len > 0) {
    gssize written = write (log->fd, log->backlog->str, log->backlog->len);
    if (written < 0 && errno == EINTR)
      continue;
    if (written <= 0) {
      log->lost_errno = written < 0 ? errno : ENOSPC;
      return;
    }
    g_string_erase (log->backlog, 0, written);
  }
  if (log->lost_lines > 0) {
    g_autoptr (GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *stamp = g_date_time_format (now, "%H:%M:%S");
    g_string_printf (log->backlog, "%s %u lines could not be written here: %s\n", stamp,
                     log->lost_lines, g_strerror (log->lost_errno));
    log->lost_lines = 0;
    flush_backlog (log);
  }
}

static void
write_line (PlenumLog *log, const char *line, gboolean to_stderr)
{
  g_autofree char *clean = plenum_log_redact (log, line);

  if (to_stderr)
    fprintf (stderr, "%s\n", clean);
  g_mutex_lock (&log->lock);
  if (log->fd >= 0) {
    g_autoptr (GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *stamp = g_date_time_format (now, "%H:%M:%S");
    flush_backlog (log);   /* room for this line, if the file takes lines again */
    if (log->backlog->len < BACKLOG_MAX_BYTES)
      g_string_append_printf (log->backlog, "%s %s\n", stamp, clean);
    else
      log->lost_lines++;
    flush_backlog (log);
  }
  g_mutex_unlock (&log->lock);
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

/* upload_record.h — DIR/archive/upload.json: how far `plenum upload` got with a run.
 *
 * Written (mode 0600, replaced atomically) when a session starts, when the video is done and
 * when its captions are: a run that crashed resumes the same session, and a finished one is
 * not uploaded twice. The session URI lets anyone holding it write to the upload, so it is
 * kept like a password: in this file only, never printed.
 *
 * {"session_uri": …, "api_base": …, "size": N, "mtime": S, "video_id": …, "captions_done": b}
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *session_uri;       /* NULL: no session started */
  char *api_base;          /* the API the session belongs to */
  guint64 size;            /* the recording's size and modification time (s) when it started */
  gint64 mtime_s;
  char *video_id;          /* NULL until the video is uploaded */
  gboolean captions_done;
} PlenumUploadRecord;

/* The record at `path`; an empty one when there is no file. */
PlenumUploadRecord *plenum_upload_record_load (const char *path, GError **error);
gboolean plenum_upload_record_save (const PlenumUploadRecord *record, const char *path,
                                    GError **error);
void plenum_upload_record_free (PlenumUploadRecord *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlenumUploadRecord, plenum_upload_record_free)

G_END_DECLS

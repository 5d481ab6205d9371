#include "pipelines/tls_trust.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <unistd.h>

#define SYSTEM_ANCHORS "/etc/ssl/certs/ca-certificates.crt"

char *
plenum_tls_trust_add_ca_files (const char *const *ca_files, GError **error)
{
  GTlsBackend *backend = g_tls_backend_get_default ();
  g_autoptr (GString) bundle = g_string_new (NULL);
  g_autofree char *system = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GTlsDatabase) database = NULL;
  int fd;

  if (ca_files == NULL || ca_files[0] == NULL)
    return NULL;
  if (!g_tls_backend_supports_tls (backend)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 "no TLS support for rtmps:// (install glib-networking)");
    return NULL;
  }
  if (g_file_get_contents (SYSTEM_ANCHORS, &system, NULL, NULL))
    g_string_append (bundle, system);
  for (guint i = 0; ca_files[i]; i++) {
    g_autofree char *pem = NULL;
    g_autoptr (GTlsCertificate) check = NULL;

    /* Parse each file alone first, so a bad one is named. */
    check = g_tls_certificate_new_from_file (ca_files[i], error);
    if (check == NULL || !g_file_get_contents (ca_files[i], &pem, NULL, error)) {
      g_prefix_error (error, "%s: not a PEM certificate: ", ca_files[i]);
      return NULL;
    }
    g_string_append_c (bundle, '\n');
    g_string_append (bundle, pem);
  }

  fd = g_file_open_tmp ("plenum-anchors-XXXXXX.pem", &path, error);
  if (fd < 0)
    return NULL;
  close (fd);
  if (!g_file_set_contents (path, bundle->str, bundle->len, error)) {
    g_unlink (path);
    return NULL;
  }
  database = g_tls_file_database_new (path, error);
  if (database == NULL) {
    g_unlink (path);
    return NULL;
  }
  g_tls_backend_set_default_database (backend, database);
  return g_steal_pointer (&path);
}

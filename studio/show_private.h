/* show_private.h — what the files of the show module share. Not installed.
 *
 * A PlenumChecker walks the cJSON tree of a show file, knows the JSON path of the value it is
 * looking at and appends "path: message" problems. Its getters never stop at a problem: they
 * record it and return a fallback, so that validation goes on and reports everything at once.
 * Strings they return without a transfer annotation are borrowed from the cJSON tree.
 */
#pragma once

#include <cjson/cJSON.h>

#include "show.h"

typedef struct {
  GPtrArray *problems;    /* transfer none; element-type utf8 */
  GString *path;          /* JSON path of the current object: "" at the root, "outputs[2]" */
  const char *root_name;  /* names the whole document in problems about it (file or "show") */
  const char *base_dir;   /* absolute; relative paths resolve against it */
} PlenumChecker;

/* Describes one value of a "kind" key: the keys such an object may have (sorted,
 * NULL-terminated, "kind" included) and, optionally, a key it refuses with a reason. */
typedef struct {
  const char *name;
  int kind;
  const char *const *keys;
  const char *refused_key;
  const char *refused_why;
} PlenumKindSpec;

/* Path handling: enter a key or an index, then leave with the mark the enter returned. */
gsize plenum_checker_enter (PlenumChecker *c, const char *key);
gsize plenum_checker_enter_index (PlenumChecker *c, guint index);
void plenum_checker_leave (PlenumChecker *c, gsize mark);

/* Adds "path.key: message"; `key` may be NULL for a problem with the current value itself. */
void plenum_checker_problem (PlenumChecker *c, const char *key, const char *format, ...)
  G_GNUC_PRINTF (3, 4);

/* Returns a quoted, escaped copy of `text` for a message (transfer full). */
char *plenum_checker_quote (const char *text);

/* Enters `key` of `parent` (even when it is absent, so that getters on the NULL result
 * return their defaults with the right path) and checks its keys. Returns the object, or
 * NULL when it is absent or not an object. Leave with *mark. */
const cJSON *plenum_checker_enter_object (PlenumChecker *c, const cJSON *parent, const char *key,
                                          const char *const *keys, gsize *mark);
/* For array elements: TRUE when `value` is an object, else adds a problem. */
gboolean plenum_checker_is_object (PlenumChecker *c, const cJSON *value);
void plenum_checker_check_keys (PlenumChecker *c, const cJSON *object, const char *const *keys);
/* Reads the required "kind" of `object` from `specs` (terminated by a NULL name) and checks
 * the object's keys against that kind. `noun` names such objects in messages ("sources").
 * Returns NULL when the kind is missing or unknown. */
const PlenumKindSpec *plenum_checker_kind (PlenumChecker *c, const cJSON *object,
                                           const PlenumKindSpec *specs, const char *noun);

const cJSON *plenum_checker_array (PlenumChecker *c, const cJSON *object, const char *key,
                                   gboolean required);
const char *plenum_checker_string (PlenumChecker *c, const cJSON *object, const char *key,
                                   gboolean required);
/* An optional array of non-empty strings, appended (copied) to `into`. */
void plenum_checker_string_list (PlenumChecker *c, const cJSON *object, const char *key,
                                 GPtrArray *into);
gboolean plenum_checker_bool (PlenumChecker *c, const cJSON *object, const char *key,
                              gboolean fallback);
int plenum_checker_int (PlenumChecker *c, const cJSON *object, const char *key, int fallback,
                        int min, int max);
/* `valid` decides the range; `expected` says it in words ("must be a number from 0 to 10"). */
double plenum_checker_number (PlenumChecker *c, const cJSON *object, const char *key,
                              double fallback, gboolean (*valid) (double value),
                              const char *expected);
/* Index of the value in `choices` (NULL-terminated), `fallback` when absent; -1 when the
 * value is wrong, or when it is absent and `fallback` is -1 (then it is required). */
int plenum_checker_choice (PlenumChecker *c, const cJSON *object, const char *key, int fallback,
                           const char *const *choices);

/* The id of element `index` of the array `array_name`; `seen` maps the ids before it to
 * their index + 1 and gets this one added. */
const char *plenum_checker_id (PlenumChecker *c, const cJSON *object, GHashTable *seen,
                               const char *array_name, guint index);

/* A URL whose scheme is one of `schemes` ("rtmp", "rtmps") and which names a host.
 * Returns (transfer full) or NULL. */
char *plenum_checker_url (PlenumChecker *c, const cJSON *object, const char *key,
                          gboolean required, const char *const *schemes);
/* An srt:// URI with host and port whose optional mode is one of `modes`; the result always
 * carries a mode, modes[0] when the file gave none. Returns (transfer full) or NULL. */
char *plenum_checker_srt_uri (PlenumChecker *c, const cJSON *object, const char *key,
                              const char *const *modes);
/* "host:port" (transfer full); `fallback` when absent, and required when it is NULL. */
char *plenum_checker_listen (PlenumChecker *c, const cJSON *object, const char *key,
                             const char *fallback);

typedef enum {
  PLENUM_PATH_EXISTING_FILE,
  PLENUM_PATH_DIRECTORY,  /* need not exist yet, but must not be something else */
} PlenumPathKind;

/* A path resolved against base_dir, canonical and absolute (transfer full), or NULL. */
char *plenum_checker_path (PlenumChecker *c, const cJSON *object, const char *key,
                           gboolean required, PlenumPathKind kind);

/* Reads the variable that the `key` (ending in "_env") names. Returns the secret (transfer
 * full) or NULL; *env_name (transfer none, may be NULL) gets the variable's name. */
char *plenum_checker_secret (PlenumChecker *c, const cJSON *object, const char *key,
                             gboolean required, const char **env_name);
/* passphrase_env of an SRT source or output (transfer full), or NULL. */
char *plenum_checker_srt_passphrase (PlenumChecker *c, const cJSON *object);

/* show_sources.c */
void plenum_show_check_sources (PlenumChecker *c, const cJSON *root, PlenumShow *show);
/* A key whose value must be the id of one of show->sources. Returns it (transfer none) or NULL. */
const char *plenum_checker_source_id (PlenumChecker *c, const cJSON *object, const char *key,
                                      gboolean required, const PlenumShow *show);
void plenum_source_config_free (gpointer source);

/* show_outputs.c */
void plenum_show_check_outputs (PlenumChecker *c, const cJSON *root, PlenumShow *show);

/* show_questions.c: the "questions" section. */
void plenum_show_check_questions (PlenumChecker *c, const cJSON *root, PlenumShow *show);
void plenum_show_clear_questions (PlenumQuestionsConfig *questions);
void plenum_output_config_free (gpointer output);

/* show_archive.c: the "archive" section. */
void plenum_show_check_archive (PlenumChecker *c, const cJSON *root, PlenumShow *show);
void plenum_show_clear_archive (PlenumArchiveConfig *archive);

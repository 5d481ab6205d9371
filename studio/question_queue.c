#include "studio/question_queue.h"

#include <string.h>

G_DEFINE_QUARK (plenum-question-error-quark, plenum_question_error)

struct _PlenumQuestionQueue {
  GPtrArray *questions;   /* PlenumQuestion *, owned, in arrival order */
  GHashTable *by_id;      /* id → PlenumQuestion * (borrowed from `questions`) */
  GHashTable *sent;       /* dedupe keys (owned) of everything ever added */
  guint64 last_number;    /* of the last id handed out */
};

static const char *const state_names[] = {
  [PLENUM_QUESTION_NEW] = "new",
  [PLENUM_QUESTION_HELD] = "held",
  [PLENUM_QUESTION_APPROVED] = "approved",
  [PLENUM_QUESTION_REJECTED] = "rejected",
  [PLENUM_QUESTION_ON_AIR] = "on_air",
  [PLENUM_QUESTION_ANSWERED] = "answered",
};

#define BIT(state) (1u << (state))

/* For each state, the set of states that may follow it. */
static const guint allowed_next[] = {
  [PLENUM_QUESTION_NEW] = BIT (PLENUM_QUESTION_APPROVED) | BIT (PLENUM_QUESTION_REJECTED),
  [PLENUM_QUESTION_HELD] = BIT (PLENUM_QUESTION_APPROVED) | BIT (PLENUM_QUESTION_REJECTED),
  [PLENUM_QUESTION_APPROVED] = BIT (PLENUM_QUESTION_ON_AIR) | BIT (PLENUM_QUESTION_REJECTED),
  [PLENUM_QUESTION_REJECTED] = BIT (PLENUM_QUESTION_APPROVED),
  [PLENUM_QUESTION_ON_AIR] = BIT (PLENUM_QUESTION_ANSWERED) | BIT (PLENUM_QUESTION_APPROVED),
  [PLENUM_QUESTION_ANSWERED] = BIT (PLENUM_QUESTION_ON_AIR),
};

/* Openings that mark a question even without a "?" (viewers often leave it out). Matched
 * case-insensitively at the start of the trimmed text; the trailing space keeps "Wo " from
 * matching "Wochenende". */
static const char *const question_openings[] = {
  "Frage", "Q:", "F:", "Question",
  "Wie ", "Was ", "Warum ", "Wann ", "Wo ", "Wer ",
  "Why ", "How ", "What ", "When ", "Who ", "Where ",
};

/* Marks that may close a quoted question: ASCII, German „…“ ‚…‘ »…«, English “…” ‘…’. */
static gboolean
is_closing_quote (gunichar c)
{
  return c == '"' || c == '\'' || c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 ||
         c == 0x00AB || c == 0x00BB;
}

static void
question_free (PlenumQuestion *question)
{
  g_free (question->id);
  g_free (question->source);
  g_free (question->author);
  g_free (question->text);
  g_free (question);
}

PlenumQuestionQueue *
plenum_question_queue_new (void)
{
  PlenumQuestionQueue *queue = g_new0 (PlenumQuestionQueue, 1);

  queue->questions = g_ptr_array_new_with_free_func ((GDestroyNotify) question_free);
  queue->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  queue->sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return queue;
}

void
plenum_question_queue_free (PlenumQuestionQueue *queue)
{
  if (queue == NULL)
    return;
  g_hash_table_unref (queue->sent);
  g_hash_table_unref (queue->by_id);
  g_ptr_array_unref (queue->questions);
  g_free (queue);
}

/* The part of valid UTF-8 `text` between leading and trailing Unicode white space, as a new
 * string; g_strstrip() would miss the no-break spaces that pasted text brings along. */
static char *
trimmed_copy (const char *text)
{
  const char *start = text;
  const char *end = text + strlen (text);

  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start) {
    const char *previous = g_utf8_prev_char (end);
    if (!g_unichar_isspace (g_utf8_get_char (previous)))
      break;
    end = previous;
  }
  return g_strndup (start, end - start);
}

static gboolean
check_text (const char *text, GError **error)
{
  g_autofree char *trimmed = NULL;
  glong n_chars;

  if (!g_utf8_validate (text, -1, NULL)) {
    g_set_error_literal (error, PLENUM_QUESTION_ERROR, PLENUM_QUESTION_ERROR_INVALID,
                         "a question must be valid UTF-8 text");
    return FALSE;
  }
  trimmed = trimmed_copy (text);
  if (*trimmed == '\0') {
    g_set_error_literal (error, PLENUM_QUESTION_ERROR, PLENUM_QUESTION_ERROR_INVALID,
                         "a question cannot be empty");
    return FALSE;
  }
  n_chars = g_utf8_strlen (text, -1);
  if (n_chars > PLENUM_QUESTION_MAX_CHARS) {
    g_set_error (error, PLENUM_QUESTION_ERROR, PLENUM_QUESTION_ERROR_INVALID,
                 "a question has at most %d characters (got %ld)", PLENUM_QUESTION_MAX_CHARS,
                 n_chars);
    return FALSE;
  }
  return TRUE;
}

/* Identifies "this author already sent this text". The author is only unique within its
 * source, so the source is part of the key; length prefixes keep the parts from running into
 * each other. */
static char *
dedupe_key (const char *source, const char *author, const char *text)
{
  g_autofree char *trimmed = trimmed_copy (text);
  g_autofree char *folded = g_utf8_casefold (trimmed, -1);
  g_autofree char *author_part =
      author == NULL ? g_strdup ("-") : g_strdup_printf ("%zu:%s", strlen (author), author);

  return g_strdup_printf ("%zu:%s%s%s", strlen (source), source, author_part, folded);
}

const PlenumQuestion *
plenum_question_queue_add (PlenumQuestionQueue *queue, const char *source, const char *author,
                           gboolean show_name, const char *text, gint64 show_time_ms,
                           GError **error)
{
  g_autofree char *key = NULL;
  PlenumQuestion *question;

  g_return_val_if_fail (queue != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_text (text, error))
    return NULL;
  key = dedupe_key (source, author, text);
  if (g_hash_table_contains (queue->sent, key))
    return NULL;
  g_hash_table_add (queue->sent, g_steal_pointer (&key));

  question = g_new0 (PlenumQuestion, 1);
  question->id = g_strdup_printf ("q%" G_GUINT64_FORMAT, ++queue->last_number);
  question->source = g_strdup (source);
  question->author = g_strdup (author);
  question->show_name = show_name;
  question->text = g_strdup (text);
  question->received_unix_ms = g_get_real_time () / 1000;
  question->show_time_ms = show_time_ms;
  question->is_question = plenum_question_looks_like_question (text);
  question->state = PLENUM_QUESTION_NEW;
  g_ptr_array_add (queue->questions, question);
  g_hash_table_insert (queue->by_id, question->id, question);
  return question;
}

static gboolean
state_is_valid (PlenumQuestionState state)
{
  return (guint) state < G_N_ELEMENTS (state_names);
}

gboolean
plenum_question_queue_set_state (PlenumQuestionQueue *queue, const char *id,
                                 PlenumQuestionState state, GError **error)
{
  PlenumQuestion *question;

  g_return_val_if_fail (queue != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (state_is_valid (state), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  question = g_hash_table_lookup (queue->by_id, id);
  if (question == NULL) {
    g_set_error (error, PLENUM_QUESTION_ERROR, PLENUM_QUESTION_ERROR_UNKNOWN_ID,
                 "no question with id %s", id);
    return FALSE;
  }
  if ((allowed_next[question->state] & BIT (state)) == 0) {
    g_set_error (error, PLENUM_QUESTION_ERROR, PLENUM_QUESTION_ERROR_TRANSITION,
                 "a question cannot go from %s to %s", state_names[question->state],
                 state_names[state]);
    return FALSE;
  }
  /* The screen shows one question; the one it replaces counts as answered. */
  if (state == PLENUM_QUESTION_ON_AIR) {
    PlenumQuestion *on_air = (PlenumQuestion *) plenum_question_queue_on_air (queue);
    if (on_air != NULL)
      on_air->state = PLENUM_QUESTION_ANSWERED;
  }
  question->state = state;
  return TRUE;
}

guint
plenum_question_queue_length (const PlenumQuestionQueue *queue)
{
  g_return_val_if_fail (queue != NULL, 0);
  return queue->questions->len;
}

const PlenumQuestion *
plenum_question_queue_get (const PlenumQuestionQueue *queue, guint index)
{
  g_return_val_if_fail (queue != NULL, NULL);
  g_return_val_if_fail (index < queue->questions->len, NULL);
  return g_ptr_array_index (queue->questions, index);
}

const PlenumQuestion *
plenum_question_queue_find (const PlenumQuestionQueue *queue, const char *id)
{
  g_return_val_if_fail (queue != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (queue->by_id, id);
}

const PlenumQuestion *
plenum_question_queue_on_air (const PlenumQuestionQueue *queue)
{
  g_return_val_if_fail (queue != NULL, NULL);
  for (guint i = 0; i < queue->questions->len; i++) {
    const PlenumQuestion *question = g_ptr_array_index (queue->questions, i);
    if (question->state == PLENUM_QUESTION_ON_AIR)
      return question;
  }
  return NULL;
}

guint
plenum_question_queue_count (const PlenumQuestionQueue *queue, PlenumQuestionState state)
{
  guint count = 0;

  g_return_val_if_fail (queue != NULL, 0);
  for (guint i = 0; i < queue->questions->len; i++) {
    const PlenumQuestion *question = g_ptr_array_index (queue->questions, i);
    count += question->state == state;
  }
  return count;
}

const char *
plenum_question_state_to_string (PlenumQuestionState state)
{
  g_return_val_if_fail (state_is_valid (state), NULL);
  return state_names[state];
}

gboolean
plenum_question_state_from_string (const char *name, PlenumQuestionState *state)
{
  g_return_val_if_fail (state != NULL, FALSE);
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (state_names); i++) {
    if (strcmp (name, state_names[i]) == 0) {
      *state = (PlenumQuestionState) i;
      return TRUE;
    }
  }
  return FALSE;
}

static gboolean
ends_with_question_mark (const char *text)
{
  const char *end = text + strlen (text);

  while (end > text) {
    gunichar c;
    end = g_utf8_prev_char (end);
    c = g_utf8_get_char (end);
    if (!g_unichar_isspace (c) && !is_closing_quote (c))
      return c == '?';
  }
  return FALSE;
}

static gboolean
starts_with_question_opening (const char *text)
{
  g_autofree char *trimmed = trimmed_copy (text);

  for (guint i = 0; i < G_N_ELEMENTS (question_openings); i++)
    if (g_ascii_strncasecmp (trimmed, question_openings[i], strlen (question_openings[i])) == 0)
      return TRUE;
  return FALSE;
}

gboolean
plenum_question_looks_like_question (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (g_utf8_validate (text, -1, NULL), FALSE);
  return ends_with_question_mark (text) || starts_with_question_opening (text);
}

char *
plenum_question_display_name (const PlenumQuestion *question)
{
  g_autofree char *author = NULL;
  g_autofree char *hashed = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *tag = NULL;

  g_return_val_if_fail (question != NULL, NULL);

  author = question->author != NULL ? trimmed_copy (question->author) : g_strdup ("");
  if (question->show_name && *author != '\0')
    return g_steal_pointer (&author);
  /* Without a name there is nothing to tell viewers apart by; a hash of "" would pretend
   * that every anonymous viewer of a platform is one person. */
  if (*author == '\0')
    return g_strdup ("Zuschauer·in");
  hashed = g_strconcat (question->source, "\n", question->author, NULL);
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, hashed, -1);
  tag = g_ascii_strup (digest, 4);
  return g_strdup_printf ("Zuschauer·in %s", tag);
}

/* "2026-11-26T18:00:00.123Z" */
static char *
format_utc_ms (gint64 unix_ms)
{
  gint64 seconds = unix_ms / 1000;
  int millis = (int) (unix_ms % 1000);
  g_autoptr (GDateTime) time = NULL;
  g_autofree char *whole = NULL;

  if (millis < 0) {
    millis += 1000;
    seconds--;
  }
  time = g_date_time_new_from_unix_utc (seconds);
  if (time == NULL)
    return g_strdup ("");
  whole = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", whole, millis);
}

static cJSON *
question_to_json (const PlenumQuestion *question)
{
  cJSON *object = cJSON_CreateObject ();
  g_autofree char *received = format_utc_ms (question->received_unix_ms);

  cJSON_AddStringToObject (object, "id", question->id);
  cJSON_AddStringToObject (object, "source", question->source);
  if (question->author != NULL)
    cJSON_AddStringToObject (object, "author", question->author);
  else
    cJSON_AddNullToObject (object, "author");
  cJSON_AddBoolToObject (object, "show_name", question->show_name);
  cJSON_AddStringToObject (object, "text", question->text);
  cJSON_AddStringToObject (object, "received", received);
  cJSON_AddNumberToObject (object, "show_time_ms", (double) question->show_time_ms);
  cJSON_AddBoolToObject (object, "is_question", question->is_question);
  cJSON_AddStringToObject (object, "state", state_names[question->state]);
  return object;
}

cJSON *
plenum_question_queue_to_json (const PlenumQuestionQueue *queue)
{
  cJSON *array;

  g_return_val_if_fail (queue != NULL, NULL);
  array = cJSON_CreateArray ();
  for (guint i = 0; i < queue->questions->len; i++)
    cJSON_AddItemToArray (array, question_to_json (g_ptr_array_index (queue->questions, i)));
  return array;
}

gboolean
plenum_question_queue_save (const PlenumQuestionQueue *queue, const char *path, GError **error)
{
  cJSON *array;
  char *printed;
  g_autofree char *contents = NULL;

  g_return_val_if_fail (queue != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  array = plenum_question_queue_to_json (queue);
  printed = cJSON_Print (array);
  cJSON_Delete (array);
  contents = g_strconcat (printed, "\n", NULL);
  cJSON_free (printed);
  /* g_file_set_contents() writes a temporary file and renames it over `path`. */
  return g_file_set_contents (path, contents, -1, error);
}

#include "studio/question_queue.h"

#include <string.h>

G_DEFINE_QUARK (plenum-question-error-quark, plenum_question_error)

struct _PlenumQuestionQueue {
  GPtrArray *questions;   /* PlenumQuestion *, owned, in arrival order */
  GHashTable *by_id;      /* id → PlenumQuestion * (borrowed from `questions`) */
  GHashTable *sent;       /* dedupe keys (owned) of every question in `questions` */
  GHashTable *external;   /* "source\nexternal id" (owned) → PlenumQuestion * (borrowed) */
  guint64 last_number;    /* of the last id handed out */
  PlenumQuestionFilter *filter;   /* owned, or NULL */
  guint cap;
  guint64 dropped;
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
  g_free (question->external_id);
  g_free (question);
}

PlenumQuestionQueue *
plenum_question_queue_new (void)
{
  PlenumQuestionQueue *queue = g_new0 (PlenumQuestionQueue, 1);

  queue->questions = g_ptr_array_new_with_free_func ((GDestroyNotify) question_free);
  queue->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  queue->sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  queue->external = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  queue->cap = PLENUM_QUESTION_QUEUE_DEFAULT_CAP;
  return queue;
}

void
plenum_question_queue_set_filter (PlenumQuestionQueue *queue, PlenumQuestionFilter *filter)
{
  g_return_if_fail (queue != NULL);
  plenum_question_filter_free (queue->filter);
  queue->filter = filter;
}

void
plenum_question_queue_set_cap (PlenumQuestionQueue *queue, guint cap)
{
  g_return_if_fail (queue != NULL);
  g_return_if_fail (cap > 0);
  queue->cap = cap;
}

guint64
plenum_question_queue_dropped (const PlenumQuestionQueue *queue)
{
  g_return_val_if_fail (queue != NULL, 0);
  return queue->dropped;
}

void
plenum_question_queue_free (PlenumQuestionQueue *queue)
{
  if (queue == NULL)
    return;
  plenum_question_filter_free (queue->filter);
  g_hash_table_unref (queue->external);
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

static gboolean
may_drop (const PlenumQuestion *question, gboolean questions_too)
{
  gboolean waiting = question->state == PLENUM_QUESTION_NEW ||
                     question->state == PLENUM_QUESTION_HELD ||
                     question->state == PLENUM_QUESTION_REJECTED;
  return waiting && (questions_too || !question->is_question);
}

static void
forget (PlenumQuestionQueue *queue, PlenumQuestion *question)
{
  g_autofree char *key = dedupe_key (question->source, question->author, question->text);

  g_hash_table_remove (queue->sent, key);
  g_hash_table_remove (queue->by_id, question->id);
  if (question->external_id != NULL) {
    g_autofree char *external = g_strconcat (question->source, "\n", question->external_id, NULL);
    g_hash_table_remove (queue->external, external);
  }
  question_free (question);
  queue->dropped++;
}

/* Drops the oldest droppable messages until `target` remain, in one pass over the array per
 * kind (chat first, then questions): a flood costs O(1) a message, not O(cap). */
static void
make_room (PlenumQuestionQueue *queue, guint target)
{
  for (int questions_too = 0; questions_too <= 1 && queue->questions->len > target;
       questions_too++) {
    guint excess = queue->questions->len - target;
    guint kept = 0;
    for (guint i = 0; i < queue->questions->len; i++) {
      PlenumQuestion *question = g_ptr_array_index (queue->questions, i);
      if (excess > 0 && may_drop (question, questions_too)) {
        forget (queue, question);
        excess--;
      } else {
        queue->questions->pdata[kept++] = question;
      }
    }
    /* The dropped ones are freed already: shrink without the free function. */
    queue->questions->len = kept;
  }
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
  if (queue->questions->len >= queue->cap) {
    /* A tenth at once, so the next messages of a flood find room without another pass. */
    make_room (queue, queue->cap - MAX (1u, queue->cap / 10));
    if (queue->questions->len >= queue->cap) {
      queue->dropped++;
      g_set_error (error, PLENUM_QUESTION_ERROR, PLENUM_QUESTION_ERROR_FULL,
                   "the question queue is full (%u questions waiting for an answer)",
                   queue->cap);
      return NULL;
    }
  }
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
  question->held_reason = queue->filter ? plenum_question_filter_check (queue->filter, text) : NULL;
  question->state = question->held_reason ? PLENUM_QUESTION_HELD : PLENUM_QUESTION_NEW;
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

void
plenum_question_queue_set_external_id (PlenumQuestionQueue *queue, const char *id,
                                       const char *external_id)
{
  PlenumQuestion *question;

  g_return_if_fail (queue != NULL && id != NULL && external_id != NULL);
  question = g_hash_table_lookup (queue->by_id, id);
  g_return_if_fail (question != NULL && question->external_id == NULL);
  question->external_id = g_strdup (external_id);
  g_hash_table_insert (queue->external,
                       g_strconcat (question->source, "\n", external_id, NULL), question);
}

const PlenumQuestion *
plenum_question_queue_withdraw (PlenumQuestionQueue *queue, const char *source,
                                const char *external_id)
{
  g_autofree char *key = NULL;
  PlenumQuestion *question;

  g_return_val_if_fail (queue != NULL && source != NULL && external_id != NULL, NULL);
  key = g_strconcat (source, "\n", external_id, NULL);
  question = g_hash_table_lookup (queue->external, key);
  if (question == NULL || question->state == PLENUM_QUESTION_ON_AIR ||
      question->state == PLENUM_QUESTION_ANSWERED || question->state == PLENUM_QUESTION_REJECTED)
    return NULL;
  question->state = PLENUM_QUESTION_REJECTED;
  return question;
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
  if (question->held_reason != NULL)
    cJSON_AddStringToObject (object, "held_reason", question->held_reason);
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
  /* A temporary file, fsynced, then renamed over `path`: a crash leaves the old or the new. */
  return g_file_set_contents_full (path, contents, -1,
                                  G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                  0644, error);
}

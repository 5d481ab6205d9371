#include "studio/archive_logs.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <string.h>

static PlenumOutputFacts *
find_output (PlenumArchiveFacts *facts, const char *id, const char *kind)
{
  for (guint i = 0; i < facts->outputs->len; i++) {
    PlenumOutputFacts *output = g_ptr_array_index (facts->outputs, i);
    if (g_str_equal (output->id, id))
      return output;
  }
  return plenum_archive_facts_add_output (facts, id, kind ? kind : "");
}

static double
number (const cJSON *object, const char *key)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, key);
  return cJSON_IsNumber (item) ? item->valuedouble : NAN;
}

/* A count as JSON has it (any double): negative is 0, beyond `max` is `max`, where a plain
 * cast would be undefined. */
static guint64
count_value (double value, guint64 max)
{
  if (!(value > 0))
    return 0;
  return value >= (double) max ? max : (guint64) value;
}

static void
add_point (GArray *series, double t_s, double value)
{
  PlenumPoint point = { t_s, value };
  g_array_append_val (series, point);
}

static gboolean
read_status_line (const char *line, gsize length, PlenumArchiveFacts *facts)
{
  cJSON *status = cJSON_ParseWithLength (line, length);
  const cJSON *outputs, *output;
  double t_s = number (status, "time_s"), dropped = number (status, "dropped");

  if (!cJSON_IsObject (status) || !isfinite (t_s)) {
    cJSON_Delete (status);
    return FALSE;
  }
  if (isfinite (dropped)) {
    add_point (facts->dropped_frames, t_s, dropped);
    facts->dropped_total = count_value (dropped, G_MAXUINT64);
  }
  outputs = cJSON_GetObjectItemCaseSensitive (status, "outputs");
  cJSON_ArrayForEach (output, outputs) {
    const char *id = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (output, "id"));
    const char *kind = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (output, "kind"));
    const char *state = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (output, "state"));
    double reconnects = number (output, "reconnects"), bytes = number (output, "bytes");
    PlenumOutputFacts *facts_output;

    if (id == NULL)
      continue;
    facts_output = find_output (facts, id, kind);
    add_point (facts_output->bitrate_kbps, t_s, number (output, "bitrate_kbps"));
    add_point (facts_output->reconnects, t_s, reconnects);
    if (isfinite (reconnects))
      facts_output->reconnect_count = (guint) count_value (reconnects, G_MAXUINT);
    if (isfinite (bytes))
      facts_output->bytes = count_value (bytes, G_MAXUINT64);
    if (state != NULL) {
      g_free (facts_output->last_state);
      facts_output->last_state = g_strdup (state);
    }
  }
  cJSON_Delete (status);
  return TRUE;
}

void
plenum_archive_read_metrics (const char *path, const GPtrArray *outputs,
                             PlenumArchiveFacts *facts, GPtrArray *problems)
{
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; outputs != NULL && i + 1 < outputs->len; i += 2)
    find_output (facts, g_ptr_array_index (outputs, i), g_ptr_array_index (outputs, i + 1));
  if (!g_file_get_contents (path, &contents, NULL, &error)) {
    g_ptr_array_add (problems, g_strdup_printf ("no statistics of the show: %s", error->message));
    return;
  }
  plenum_archive_read_metrics_text (contents, facts, problems);
}

void
plenum_archive_read_metrics_text (const char *text, PlenumArchiveFacts *facts,
                                  GPtrArray *problems)
{
  guint skipped = 0;

  for (const char *line = text, *next; line != NULL && *line != '\0'; line = next) {
    const char *end = strchr (line, '\n');

    next = end != NULL ? end + 1 : NULL;
    if (end == NULL)
      end = line + strlen (line);
    if (end > line && !read_status_line (line, (gsize) (end - line), facts))
      skipped++;
  }
  if (skipped > 0)
    g_ptr_array_add (problems, g_strdup_printf ("metrics.jsonl: %u unreadable line%s left out",
                                                skipped, skipped == 1 ? "" : "s"));
}

static void
count (GHashTable *counts, GPtrArray *order, const char *label)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, label));

  if (n == 0)
    g_ptr_array_add (order, g_strdup (label));
  g_hash_table_insert (counts, g_strdup (label), GUINT_TO_POINTER (n + 1));
}

static void
add_counts (GHashTable *counts, GPtrArray *order, GPtrArray *into)
{
  for (guint i = 0; i < order->len; i++) {
    const char *label = g_ptr_array_index (order, i);
    plenum_archive_facts_add_count (into, label,
                                    GPOINTER_TO_UINT (g_hash_table_lookup (counts, label)));
  }
}

void
plenum_archive_read_questions (const char *path, PlenumArchiveFacts *facts, GPtrArray *problems)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return;   /* a show without questions */
  plenum_archive_read_questions_text (contents, facts, problems);
}

void
plenum_archive_read_questions_text (const char *text, PlenumArchiveFacts *facts,
                                    GPtrArray *problems)
{
  g_autoptr (GHashTable) by_source = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) by_state = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  cJSON *questions = cJSON_Parse (text);
  const cJSON *question;

  if (!cJSON_IsArray (questions)) {
    g_ptr_array_add (problems, g_strdup ("questions.json is not a list of questions; "
                                         "no question statistics"));
    cJSON_Delete (questions);
    return;
  }
  cJSON_ArrayForEach (question, questions) {
    const char *source = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (question, "source"));
    const char *state = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (question, "state"));
    facts->question_total++;
    count (by_source, sources, source ? source : "?");
    count (by_state, states, state ? state : "?");
  }
  add_counts (by_source, sources, facts->questions_by_source);
  add_counts (by_state, states, facts->questions_by_state);
  cJSON_Delete (questions);
}

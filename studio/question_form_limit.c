#include "studio/question_form_limit.h"

#define HOUR_US (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)

/* One key that had a question accepted recently. */
typedef struct {
  char *key;
  GList link;               /* in PlenumQuestionFormLimit.by_age; data points here */
  GArray *accepted_us;      /* gint64 times of its latest accepted questions, oldest first */
} Client;

struct _PlenumQuestionFormLimit {
  guint min_interval_s;
  guint max_per_hour;
  guint max_clients;
  GHashTable *clients;      /* key (owned by the Client) → Client (owned) */
  GQueue by_age;            /* Client, least recently accepted first */
};

static void
client_free (Client *client)
{
  g_array_unref (client->accepted_us);
  g_free (client->key);
  g_free (client);
}

static gint64
newest_accepted (const Client *client)
{
  return g_array_index (client->accepted_us, gint64, client->accepted_us->len - 1);
}

static void
forget_client (PlenumQuestionFormLimit *limit, Client *client)
{
  g_queue_unlink (&limit->by_age, &client->link);
  g_hash_table_remove (limit->clients, client->key);   /* frees it */
}

/* Drops keys whose last question is older than any limit looks back. */
static void
forget_stale_clients (PlenumQuestionFormLimit *limit, gint64 now)
{
  gint64 horizon = now - MAX (HOUR_US, (gint64) limit->min_interval_s * G_USEC_PER_SEC);
  GList *head;

  while ((head = g_queue_peek_head_link (&limit->by_age)) != NULL &&
         newest_accepted (head->data) <= horizon)
    forget_client (limit, head->data);
}

PlenumQuestionFormLimit *
plenum_question_form_limit_new (guint min_interval_s, guint max_per_hour, guint max_clients)
{
  PlenumQuestionFormLimit *limit;

  g_return_val_if_fail (max_clients > 0, NULL);
  limit = g_new0 (PlenumQuestionFormLimit, 1);
  limit->min_interval_s = min_interval_s;
  limit->max_per_hour = max_per_hour;
  limit->max_clients = max_clients;
  limit->clients = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify) client_free);
  g_queue_init (&limit->by_age);
  return limit;
}

void
plenum_question_form_limit_free (PlenumQuestionFormLimit *limit)
{
  if (limit == NULL)
    return;
  /* The table owns the clients; the queue's links live inside them. */
  g_hash_table_unref (limit->clients);
  g_free (limit);
}

void
plenum_question_form_limit_set (PlenumQuestionFormLimit *limit, guint min_interval_s,
                                guint max_per_hour)
{
  g_return_if_fail (limit != NULL);
  limit->min_interval_s = min_interval_s;
  limit->max_per_hour = max_per_hour;
}

guint
plenum_question_form_limit_wait (PlenumQuestionFormLimit *limit, const char *key,
                                 gint64 now_us, gboolean *hourly)
{
  Client *client;
  GArray *accepted;
  gint64 wait_interval = 0, wait_hour = 0, wait;

  g_return_val_if_fail (limit != NULL && key != NULL && hourly != NULL, 0);
  *hourly = FALSE;
  forget_stale_clients (limit, now_us);
  client = g_hash_table_lookup (limit->clients, key);
  if (client == NULL)
    return 0;
  accepted = client->accepted_us;
  if (limit->min_interval_s > 0)
    wait_interval = newest_accepted (client) + (gint64) limit->min_interval_s * G_USEC_PER_SEC
                    - now_us;
  if (limit->max_per_hour > 0 && accepted->len >= limit->max_per_hour)
    wait_hour = g_array_index (accepted, gint64, accepted->len - limit->max_per_hour) + HOUR_US
                - now_us;
  wait = MAX (wait_interval, wait_hour);
  if (wait <= 0)
    return 0;
  *hourly = wait_hour >= wait_interval;
  return (guint) ((wait + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

void
plenum_question_form_limit_record (PlenumQuestionFormLimit *limit, const char *key,
                                   gint64 now_us)
{
  Client *client;
  guint keep;

  g_return_if_fail (limit != NULL && key != NULL);
  if (limit->min_interval_s == 0 && limit->max_per_hour == 0)
    return;
  keep = MAX (limit->max_per_hour, 1);
  client = g_hash_table_lookup (limit->clients, key);
  if (client != NULL) {
    g_queue_unlink (&limit->by_age, &client->link);
  } else {
    if (g_hash_table_size (limit->clients) >= limit->max_clients)
      forget_client (limit, g_queue_peek_head (&limit->by_age));
    client = g_new0 (Client, 1);
    client->key = g_strdup (key);
    client->link.data = client;
    client->accepted_us = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_hash_table_insert (limit->clients, client->key, client);
  }
  g_queue_push_tail_link (&limit->by_age, &client->link);
  g_array_append_val (client->accepted_us, now_us);
  if (client->accepted_us->len > keep)
    g_array_remove_range (client->accepted_us, 0, client->accepted_us->len - keep);
}

guint
plenum_question_form_limit_size (const PlenumQuestionFormLimit *limit)
{
  g_return_val_if_fail (limit != NULL, 0);
  return g_hash_table_size (limit->clients);
}

/* Tests for pipelines/isolated_bin.c: a failing branch of a tee stays inside its bin. */
#include <gst/gst.h>
#include "pipelines/isolated_bin.h"

typedef struct {
  gint buffers;      /* atomic */
  gint eos;          /* atomic */
} Counter;

static GstPadProbeReturn
count (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  Counter *counter = user_data;
  (void) pad;
  if (info->type & GST_PAD_PROBE_TYPE_BUFFER)
    g_atomic_int_inc (&counter->buffers);
  else if (GST_EVENT_TYPE (GST_PAD_PROBE_INFO_EVENT (info)) == GST_EVENT_EOS)
    g_atomic_int_set (&counter->eos, TRUE);
  return GST_PAD_PROBE_OK;
}

/* After 5 buffers, answers FLUSHING as a sink does that has stopped by itself (rtmp2sink
 * once its connection failed), with no error on the bus. */
static GstPadProbeReturn
stop_flushing (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  gint *seen = user_data;
  (void) pad;
  if (g_atomic_int_add (seen, 1) < 5)
    return GST_PAD_PROBE_OK;
  gst_buffer_unref (GST_PAD_PROBE_INFO_BUFFER (info));
  GST_PAD_PROBE_INFO_DATA (info) = NULL;
  GST_PAD_PROBE_INFO_FLOW_RETURN (info) = GST_FLOW_FLUSHING;
  return GST_PAD_PROBE_HANDLED;
}

/* videotestsrc ! tee ! queue ! fakesink (the good branch, counted)
 *                  tee ! queue ! BRANCH (identity ! fakesink, maybe isolated), which fails
 * after 5 buffers: with an error (identity error-after=5), or `flushing` (stop_flushing). */
static GstElement *
build (gboolean isolate, gboolean flushing, Counter *counter, gint *seen)
{
  GstElement *pipeline = gst_parse_launch (
      "videotestsrc num-buffers=120 ! video/x-raw,width=64,height=48 ! tee name=t "
      "t. ! queue ! fakesink name=good sync=false "
      "t. ! queue name=to_bad", NULL);
  GstElement *branch = isolate ? plenum_isolated_bin_new ("bad") : gst_bin_new ("bad");
  GstElement *identity = gst_element_factory_make ("identity", NULL);
  GstElement *sink = gst_element_factory_make ("fakesink", NULL);
  g_autoptr (GstPad) target = gst_element_get_static_pad (identity, "sink");
  g_autoptr (GstElement) good = gst_bin_get_by_name (GST_BIN (pipeline), "good");
  g_autoptr (GstElement) to_bad = gst_bin_get_by_name (GST_BIN (pipeline), "to_bad");
  g_autoptr (GstPad) good_pad = gst_element_get_static_pad (good, "sink");

  if (flushing) {
    g_autoptr (GstPad) out = gst_element_get_static_pad (identity, "src");
    gst_pad_add_probe (out, GST_PAD_PROBE_TYPE_BUFFER, stop_flushing, seen, NULL);
  } else {
    g_object_set (identity, "error-after", 5, NULL);
  }
  gst_bin_add_many (GST_BIN (branch), identity, sink, NULL);
  gst_element_link (identity, sink);
  if (isolate)
    plenum_isolated_bin_add_sink (PLENUM_ISOLATED_BIN (branch), "sink", target);
  else
    gst_element_add_pad (branch, gst_ghost_pad_new ("sink", target));
  gst_bin_add (GST_BIN (pipeline), branch);
  gst_element_link (to_bad, branch);
  gst_pad_add_probe (good_pad, GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM,
                     count, counter, NULL);
  return pipeline;
}

/* Runs until the good branch saw EOS, an ERROR reached the bus, or 10 s passed. Returns
 * whether an ERROR reached the bus; counts isolation messages. */
static gboolean
run (GstElement *pipeline, Counter *counter, int *isolated_messages)
{
  g_autoptr (GstBus) bus = gst_element_get_bus (pipeline);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  gboolean errored = FALSE;

  *isolated_messages = 0;
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  while (!errored && !g_atomic_int_get (&counter->eos) && g_get_monotonic_time () < deadline) {
    GstMessage *message = gst_bus_timed_pop (bus, 50 * GST_MSECOND);
    if (message == NULL)
      continue;
    if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
      errored = TRUE;
    else if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ELEMENT &&
             gst_message_has_name (message, PLENUM_ISOLATED_ERROR_MESSAGE))
      (*isolated_messages)++;
    gst_message_unref (message);
  }
  /* The good branch may finish before the bad branch's message was read: read what is left. */
  for (GstMessage *message; (message = gst_bus_pop (bus)) != NULL; gst_message_unref (message)) {
    if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
      errored = TRUE;
    else if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ELEMENT &&
             gst_message_has_name (message, PLENUM_ISOLATED_ERROR_MESSAGE))
      (*isolated_messages)++;
  }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return errored;
}

static void
test_failing_branch_does_not_stop_the_others (void)
{
  Counter counter = { 0 };
  g_autoptr (GstElement) pipeline = build (TRUE, FALSE, &counter, NULL);
  int isolated = 0;

  g_assert_false (run (pipeline, &counter, &isolated));
  g_assert_cmpint (g_atomic_int_get (&counter.buffers), ==, 120);
  g_assert_true (g_atomic_int_get (&counter.eos));
  g_assert_cmpint (isolated, ==, 1);
}

/* A child that answers FLUSHING while the pipeline plays is a failure like any other: before,
 * it went up through the tee and stopped the source for good (a whole show stalled once). */
static void
test_a_branch_that_stops_flushing_does_not_stop_the_others (void)
{
  Counter counter = { 0 };
  gint seen = 0;
  g_autoptr (GstElement) pipeline = build (TRUE, TRUE, &counter, &seen);
  g_autoptr (GstElement) bad = gst_bin_get_by_name (GST_BIN (pipeline), "bad");
  int isolated = 0;

  g_assert_false (run (pipeline, &counter, &isolated));
  g_assert_cmpint (g_atomic_int_get (&counter.buffers), ==, 120);
  g_assert_true (g_atomic_int_get (&counter.eos));
  g_assert_cmpint (g_atomic_int_get (&seen), >, 5);
  g_assert_true (plenum_isolated_bin_has_failed (PLENUM_ISOLATED_BIN (bad)));
}

/* The same pipeline without isolation fails: proof that the test above can fail. */
static void
test_without_isolation_the_pipeline_fails (void)
{
  Counter counter = { 0 };
  g_autoptr (GstElement) pipeline = build (FALSE, FALSE, &counter, NULL);
  int isolated = 0;

  g_assert_true (run (pipeline, &counter, &isolated));
  g_assert_cmpint (g_atomic_int_get (&counter.buffers), <, 120);
}

int
main (int argc, char **argv)
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/output/isolated-bin/failing-branch-does-not-stop-the-others",
                   test_failing_branch_does_not_stop_the_others);
  g_test_add_func ("/output/isolated-bin/a-branch-that-stops-flushing-does-not-stop-the-others",
                   test_a_branch_that_stops_flushing_does_not_stop_the_others);
  g_test_add_func ("/output/isolated-bin/without-isolation-the-pipeline-fails",
                   test_without_isolation_the_pipeline_fails);
  return g_test_run ();
}

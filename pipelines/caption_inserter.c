#include "pipelines/caption_inserter.h"

#include <gst/video/video.h>

#include "captions/cea608.h"

GST_DEBUG_CATEGORY_STATIC (plenum_captions_debug);
#define GST_CAT_DEFAULT plenum_captions_debug

/* Two triplets: field 1 (CC1) and field-2 padding, see plenum_cea608_cc_data. */
#define CC_DATA_SIZE 6

/* Shared by the inserter and its probe: each holds a reference, so the probe never touches
 * freed state even if it is still running while the inserter is freed. */
typedef struct {
  GMutex lock;
  PlenumCea608Encoder *encoder;
  guint rollup_rows;
  gboolean enabled;
  /* Turned off, but the erase that clears decoders is still going out. */
  gboolean disabling;
} InserterState;

struct _PlenumCaptionInserter {
  GstPad *pad;             /* (transfer full) */
  gulong probe_id;
  InserterState *state;    /* (transfer full) one reference */
};

static void
state_clear (gpointer data)
{
  InserterState *state = data;

  plenum_cea608_encoder_free (state->encoder);
  g_mutex_clear (&state->lock);
}

static void
state_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, state_clear);
}

/* The pair for this frame; FALSE when captions are off and the frame carries no meta. */
static gboolean
state_next_pair (InserterState *state, guint8 pair[2])
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&state->lock);

  if (!state->enabled)
    return FALSE;
  if (state->disabling && plenum_cea608_encoder_queued (state->encoder) == 0) {
    state->enabled = FALSE;
    state->disabling = FALSE;
    GST_INFO ("captions off; the erase has gone out");
    return FALSE;
  }
  plenum_cea608_encoder_next_pair (state->encoder, pair);
  return TRUE;
}

static GstPadProbeReturn
attach_caption (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  InserterState *state = user_data;
  guint8 pair[2];
  guint8 cc_data[CC_DATA_SIZE];
  gsize size;
  GstBuffer *buffer;

  (void) pad;
  if (!state_next_pair (state, pair))
    return GST_PAD_PROBE_OK;
  size = plenum_cea608_cc_data (pair, cc_data, sizeof cc_data);
  /* Shallow: a new GstBuffer sharing the same memory, so the frame is not copied. */
  buffer = gst_buffer_make_writable (GST_PAD_PROBE_INFO_BUFFER (info));
  gst_buffer_add_video_caption_meta (buffer, GST_VIDEO_CAPTION_TYPE_CEA708_RAW, cc_data, size);
  GST_PAD_PROBE_INFO_DATA (info) = buffer;
  GST_LOG ("cc_data %02x %02x %02x on %" GST_TIME_FORMAT, cc_data[0], cc_data[1], cc_data[2],
           GST_TIME_ARGS (GST_BUFFER_PTS (buffer)));
  return GST_PAD_PROBE_OK;
}

PlenumCaptionInserter *
plenum_caption_inserter_new (GstPad *pad, guint rollup_rows)
{
  PlenumCaptionInserter *inserter;
  InserterState *state;

  g_return_val_if_fail (GST_IS_PAD (pad), NULL);
  g_return_val_if_fail (rollup_rows == 2 || rollup_rows == 3, NULL);
  if (plenum_captions_debug == NULL)
    GST_DEBUG_CATEGORY_INIT (plenum_captions_debug, "plenum-captions", 0,
                             "Plenum CEA-608 captions in the video");

  state = g_atomic_rc_box_new0 (InserterState);
  g_mutex_init (&state->lock);
  state->encoder = plenum_cea608_encoder_new (rollup_rows);
  state->rollup_rows = rollup_rows;
  state->enabled = TRUE;

  inserter = g_new0 (PlenumCaptionInserter, 1);
  inserter->pad = gst_object_ref (pad);
  inserter->state = state;
  inserter->probe_id = gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, attach_caption,
                                          g_atomic_rc_box_acquire (state), state_unref);
  GST_DEBUG_OBJECT (pad, "CEA-608 RU%u captions on this pad", rollup_rows);
  return inserter;
}

void
plenum_caption_inserter_free (PlenumCaptionInserter *inserter)
{
  if (inserter == NULL)
    return;
  gst_pad_remove_probe (inserter->pad, inserter->probe_id);
  state_unref (inserter->state);
  gst_object_unref (inserter->pad);
  g_free (inserter);
}

void
plenum_caption_inserter_push_line (PlenumCaptionInserter *inserter, const char *line)
{
  g_return_if_fail (inserter != NULL);
  g_return_if_fail (line != NULL);

  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&inserter->state->lock);
  /* Off means off: lines said while captions were off would be stale when they come back. */
  if (!inserter->state->enabled || inserter->state->disabling)
    return;
  plenum_cea608_encoder_push_line (inserter->state->encoder, line);
}

void
plenum_caption_inserter_clear (PlenumCaptionInserter *inserter)
{
  g_return_if_fail (inserter != NULL);

  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&inserter->state->lock);
  if (inserter->state->enabled && !inserter->state->disabling)
    plenum_cea608_encoder_clear (inserter->state->encoder);
}

void
plenum_caption_inserter_set_enabled (PlenumCaptionInserter *inserter, gboolean enabled)
{
  InserterState *state;

  g_return_if_fail (inserter != NULL);
  state = inserter->state;

  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&state->lock);
  if (enabled) {
    /* Back on, or still erasing: either way the erase stays queued and goes out first. */
    state->enabled = TRUE;
    state->disabling = FALSE;
    return;
  }
  if (!state->enabled || state->disabling)
    return;
  /* Lines still waiting are dropped with a fresh encoder, whose first line after the erase
   * starts roll-up again; the erase still goes out while the meta is on. */
  plenum_cea608_encoder_free (state->encoder);
  state->encoder = plenum_cea608_encoder_new (state->rollup_rows);
  plenum_cea608_encoder_clear (state->encoder);
  state->disabling = TRUE;
  GST_INFO_OBJECT (inserter->pad, "captions turning off: erasing first");
}

/* The human captioners' line protocol (captions/tcp_input.h): the bytes a client sends, split
 * into lines and cut as the input does, each cleaned by plenum_tcp_caption_from_bytes(), then
 * shown as the caption desk shows a captioner's lines. */
#include "tests/fuzz/caption_check.h"
#include "captions/tcp_input.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc, (void) argv;
  plenum_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const uint8_t *end = data + size;
  g_autoptr (GPtrArray) captions = g_ptr_array_new_with_free_func (g_free);

  /* As the input keeps a line: its first PLENUM_TCP_CAPTION_MAX_BYTES bytes, cut if longer;
   * a last line without its newline is delivered (on the timer) only when it was cut. */
  while (data < end) {
    const uint8_t *newline = memchr (data, '\n', (size_t) (end - data));
    size_t length = (size_t) ((newline ? newline : end) - data);
    gboolean cut = length > PLENUM_TCP_CAPTION_MAX_BYTES;
    g_autofree char *caption = NULL;

    if (newline == NULL && !cut)
      break;   /* the client left mid-line: dropped */
    caption = plenum_tcp_caption_from_bytes (data, MIN (length, PLENUM_TCP_CAPTION_MAX_BYTES),
                                             cut);
    if (caption != NULL) {
      g_assert (caption[0] != '\0' && g_utf8_validate (caption, -1, NULL));
      g_assert (strlen (caption) <= PLENUM_TCP_CAPTION_MAX_BYTES);
      for (const char *p = caption; *p != '\0'; p = g_utf8_next_char (p))
        g_assert (!g_unichar_iscntrl (g_utf8_get_char (p)));
      g_ptr_array_add (captions, g_steal_pointer (&caption));
    }
    if (newline == NULL)
      break;
    data = newline + 1;
  }
  plenum_fuzz_show_captions (captions, PLENUM_CAPTION_LIVE);
  return 0;
}

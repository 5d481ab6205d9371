/* Unit tests for captions/cea608.c. Expected bytes are written out with parity by hand, so a
 * wrong parity function cannot agree with itself. */
#include "captions/cea608.h"

/* With odd parity: RU2, RU3, PAC row 15 column 0, CR, EDM (all on CC1). */
#define RU2 0x94, 0x25
#define RU3 0x94, 0x26
#define PAC 0x94, 0x70
#define CR 0x94, 0xAD
#define EDM 0x94, 0x2C

typedef PlenumCea608Encoder Encoder;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Encoder, plenum_cea608_encoder_free)

/* Every pair the encoder has queued, in order; checks it then pads. */
static GByteArray *
drain (PlenumCea608Encoder *encoder)
{
  GByteArray *pairs = g_byte_array_new ();
  guint8 pair[2];
  guint queued = plenum_cea608_encoder_queued (encoder);

  while (plenum_cea608_encoder_next_pair (encoder, pair)) {
    g_byte_array_append (pairs, pair, 2);
    g_assert_cmpuint (pairs->len / 2, <=, queued);
  }
  g_assert_cmpuint (pairs->len / 2, ==, queued);
  g_assert_cmpuint (plenum_cea608_encoder_queued (encoder), ==, 0);
  g_assert_cmphex (pair[0], ==, 0x80);
  g_assert_cmphex (pair[1], ==, 0x80);
  return pairs;
}

static void
assert_pairs (GByteArray *got, const guint8 *expected, gsize expected_len)
{
  g_assert_cmpmem (got->data, got->len, expected, expected_len);
}

static gboolean
is_control_pair (const guint8 *pair)
{
  guint8 first = pair[0] & 0x7F;

  return first >= 0x10 && first <= 0x1F;
}

/* The basic characters of the pairs (parity stripped), control pairs and padding left out. */
static char *
basic_text (GByteArray *pairs)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i + 1 < pairs->len; i += 2) {
    if (is_control_pair (&pairs->data[i]))
      continue;
    for (guint j = 0; j < 2; j++) {
      if ((pairs->data[i + j] & 0x7F) != 0)
        g_string_append_c (text, (char) (pairs->data[i + j] & 0x7F));
    }
  }
  return g_string_free (text, FALSE);
}

static void
test_hello_is_roll_up_then_pac_then_text (void)
{
  g_autoptr (Encoder) encoder = plenum_cea608_encoder_new (2);
  const guint8 expected[] = { RU2, RU2, PAC, PAC, 0xC8, 0x45, 0x4C, 0x4C, 0x4F, 0x80 };
  g_autoptr (GByteArray) pairs = NULL;

  plenum_cea608_encoder_push_line (encoder, "HELLO");
  g_assert_cmpuint (plenum_cea608_encoder_queued (encoder), ==, 7);
  pairs = drain (encoder);
  assert_pairs (pairs, expected, sizeof expected);
}

static void
test_three_rows_roll_up_with_ru3 (void)
{
  g_autoptr (Encoder) encoder = plenum_cea608_encoder_new (3);
  const guint8 expected[] = { RU3, RU3, PAC, PAC, 0x4F, 0xCB };
  g_autoptr (GByteArray) pairs = NULL;

  plenum_cea608_encoder_push_line (encoder, "OK");
  pairs = drain (encoder);
  assert_pairs (pairs, expected, sizeof expected);
}

static void
test_parity_makes_every_byte_odd (void)
{
  for (guint byte = 0; byte < 128; byte++) {
    guint8 coded = plenum_cea608_parity ((guint8) byte);
    guint ones = 0;

    for (guint8 bits = coded; bits != 0; bits >>= 1)
      ones += bits & 1;
    g_assert_cmpuint (ones % 2, ==, 1);
    g_assert_cmphex (coded & 0x7F, ==, byte);
  }
  g_assert_cmphex (plenum_cea608_parity (0x00), ==, 0x80);
  g_assert_cmphex (plenum_cea608_parity (0x14), ==, 0x94);
  g_assert_cmphex (plenum_cea608_parity (0x2D), ==, 0xAD);
  g_assert_cmphex (plenum_cea608_parity (0x25), ==, 0x25);
}

static void
test_control_codes_are_sent_twice (void)
{
  g_autoptr (Encoder) encoder = plenum_cea608_encoder_new (2);
  g_autoptr (GByteArray) pairs = NULL;
  guint controls = 0;

  plenum_cea608_encoder_push_line (encoder, "Guten Abend");
  plenum_cea608_encoder_push_line (encoder, "Maß ½ und ♪");
  plenum_cea608_encoder_clear (encoder);
  plenum_cea608_encoder_push_line (encoder, "wieder da");
  pairs = drain (encoder);
  for (guint i = 0; i < pairs->len; i += 2) {
    if (!is_control_pair (&pairs->data[i]))
      continue;
    /* Each control pair starts a run of exactly two identical pairs. */
    g_assert_cmpuint (i + 4, <=, pairs->len);
    g_assert_cmpmem (&pairs->data[i], 2, &pairs->data[i + 2], 2);
    if (i + 4 < pairs->len)
      g_assert_false (memcmp (&pairs->data[i], &pairs->data[i + 4], 2) == 0);
    controls++;
    i += 2;
  }
  /* RU2 PAC, CR, ß, ½, ♪, EDM, RU2 PAC */
  g_assert_cmpuint (controls, ==, 9);
}

static void
test_a_second_line_starts_with_carriage_returns (void)
{
  g_autoptr (Encoder) encoder = plenum_cea608_encoder_new (2);
  const guint8 expected[] = { RU2, RU2, PAC, PAC, 0x4F, 0xCB, CR, CR, 0xD0, 0x80 };
  g_autoptr (GByteArray) pairs = NULL;

  plenum_cea608_encoder_push_line (encoder, "OK");
  plenum_cea608_encoder_push_line (encoder, "P");
  pairs = drain (encoder);
  assert_pairs (pairs, expected, sizeof expected);
}

static void
test_clear_sends_edm_twice_and_restarts_roll_up (void)
{
  g_autoptr (Encoder) encoder = plenum_cea608_encoder_new (2);
  const guint8 expected[] = { RU2, RU2, PAC, PAC, 0x4F, 0xCB, EDM, EDM,
                              RU2, RU2, PAC, PAC, 0xD0, 0x80 };
  g_autoptr (GByteArray) pairs = NULL;

  plenum_cea608_encoder_push_line (encoder, "OK");
  plenum_cea608_encoder_clear (encoder);
  plenum_cea608_encoder_push_line (encoder, "P");
  pairs = drain (encoder);
  assert_pairs (pairs, expected, sizeof expected);
}

static void
test_german_letters_are_a_fallback_then_an_extended_pair (void)
{
  g_autoptr (Encoder) encoder = plenum_cea608_encoder_new (2);
  /* "Maß": M a | s (fallback), NUL | 13 34 twice. Then "ä" and "ü" alone: a NUL, 13 31
   * twice; u NUL, 12 25 twice. */
  const guint8 expected[] = { RU2, RU2, PAC, PAC,
                              0xCD, 0x61, 0x73, 0x80, 0x13, 0x34, 0x13, 0x34,
                              CR, CR, 0x61, 0x80, 0x13, 0x31, 0x13, 0x31,
                              CR, CR, 0x75, 0x80, 0x92, 0x25, 0x92, 0x25 };
  g_autoptr (GByteArray) pairs = NULL;

  plenum_cea608_encoder_push_line (encoder, "Maß");
  plenum_cea608_encoder_push_line (encoder, "ä");
  plenum_cea608_encoder_push_line (encoder, "ü");
  pairs = drain (encoder);
  assert_pairs (pairs, expected, sizeof expected);
}

static void
test_decomposed_umlauts_are_found (void)
{
  g_autoptr (Encoder) encoder = plenum_cea608_encoder_new (2);
  const guint8 expected[] = { RU2, RU2, PAC, PAC, 0x61, 0x80, 0x13, 0x31, 0x13, 0x31 };
  g_autoptr (GByteArray) pairs = NULL;

  plenum_cea608_encoder_push_line (encoder, "a\xCC\x88");   /* a + combining diaeresis */
  pairs = drain (encoder);
  assert_pairs (pairs, expected, sizeof expected);
}

static void
test_remapped_ascii_is_not_sent_as_itself (void)
{
  g_autoptr (Encoder) encoder = plenum_cea608_encoder_new (2);
  /* 0x2A would show á and 0x7E ñ: * and ~ come from the extended sets (12 28, 13 2F). */
  const guint8 expected[] = { RU2, RU2, PAC, PAC,
                              0xAB, 0x80, 0x92, 0xA8, 0x92, 0xA8,
                              0xAD, 0x80, 0x13, 0x2F, 0x13, 0x2F };
  g_autoptr (GByteArray) pairs = NULL;

  plenum_cea608_encoder_push_line (encoder, "*~");
  pairs = drain (encoder);
  assert_pairs (pairs, expected, sizeof expected);
  for (guint i = 8; i < pairs->len; i++) {
    g_assert_cmphex (pairs->data[i] & 0x7F, !=, '*');
    g_assert_cmphex (pairs->data[i] & 0x7F, !=, '~');
  }
}

static void
test_characters_without_a_608_form_are_dropped (void)
{
  g_autoptr (Encoder) encoder = plenum_cea608_encoder_new (2);
  const guint8 expected[] = { RU2, RU2, PAC, PAC, 0x61, 0x62 };
  g_autoptr (GByteArray) pairs = NULL;

  plenum_cea608_encoder_push_line (encoder, "a\xE2\x82\xAC\tb");   /* a € tab b */
  pairs = drain (encoder);
  assert_pairs (pairs, expected, sizeof expected);
}

static void
test_a_line_with_nothing_to_show_sends_nothing (void)
{
  g_autoptr (Encoder) encoder = plenum_cea608_encoder_new (2);

  plenum_cea608_encoder_push_line (encoder, "\xE2\x82\xAC");
  plenum_cea608_encoder_push_line (encoder, "");
  g_assert_cmpuint (plenum_cea608_encoder_queued (encoder), ==, 0);
}

static void
test_long_lines_are_cut_at_32_characters (void)
{
  g_autoptr (Encoder) encoder = plenum_cea608_encoder_new (2);
  const char *line = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcd";   /* 40 characters */
  g_autoptr (GByteArray) pairs = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpuint (strlen (line), ==, 40);
  plenum_cea608_encoder_push_line (encoder, line);
  pairs = drain (encoder);
  g_assert_cmpuint (pairs->len / 2, ==, 4 + 16);
  text = basic_text (pairs);
  g_assert_cmpstr (text, ==, "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345");
}

static void
test_the_queue_drops_the_oldest_lines (void)
{
  g_autoptr (Encoder) encoder = plenum_cea608_encoder_new (2);
  g_autoptr (GByteArray) pairs = NULL;
  g_autofree char *text = NULL;

  /* 32 characters each: 16 pairs of text and 2 or 4 of control codes, so 90 frames hold
   * four lines and the first six must go. */
  for (guint i = 1; i <= 10; i++) {
    g_autofree char *line = g_strdup_printf ("LINE %02u ABCDEFGHIJKLMNOPQRSTUVWX", i);

    g_assert_cmpuint (strlen (line), ==, 32);
    plenum_cea608_encoder_push_line (encoder, line);
    g_assert_cmpuint (plenum_cea608_encoder_queued (encoder), <=,
                      PLENUM_CEA608_MAX_QUEUE_FRAMES);
  }
  g_assert_cmpuint (plenum_cea608_encoder_queued (encoder), ==, 4 + 16 + 3 * (2 + 16));
  pairs = drain (encoder);
  text = basic_text (pairs);
  g_assert_null (strstr (text, "LINE 06"));
  g_assert_nonnull (strstr (text, "LINE 07"));
  g_assert_nonnull (strstr (text, "LINE 10"));
  /* The surviving first line still starts roll-up, as the dropped first line would have. */
  g_assert_cmphex (pairs->data[0], ==, 0x94);
  g_assert_cmphex (pairs->data[1], ==, 0x25);
  g_assert_cmphex (pairs->data[4], ==, 0x94);
  g_assert_cmphex (pairs->data[5], ==, 0x70);
}

static void
test_the_line_going_out_is_never_dropped (void)
{
  g_autoptr (Encoder) encoder = plenum_cea608_encoder_new (2);
  g_autoptr (GByteArray) pairs = NULL;
  g_autofree char *text = NULL;
  guint8 pair[2];

  plenum_cea608_encoder_push_line (encoder, "FIRST LINE ABCDEFGHIJKLMNOPQRSTU");
  g_assert_true (plenum_cea608_encoder_next_pair (encoder, pair));
  for (guint i = 0; i < 10; i++)
    plenum_cea608_encoder_push_line (encoder, "LATER LINE ABCDEFGHIJKLMNOPQRSTU");
  g_assert_cmpuint (plenum_cea608_encoder_queued (encoder), <=, PLENUM_CEA608_MAX_QUEUE_FRAMES);
  pairs = drain (encoder);
  text = basic_text (pairs);
  g_assert_true (g_str_has_prefix (text, "FIRST LINE"));
}

static void
test_an_empty_queue_pads (void)
{
  g_autoptr (Encoder) encoder = plenum_cea608_encoder_new (2);
  guint8 pair[2] = { 0, 0 };

  g_assert_false (plenum_cea608_encoder_next_pair (encoder, pair));
  g_assert_cmphex (pair[0], ==, 0x80);
  g_assert_cmphex (pair[1], ==, 0x80);
  g_assert_cmpuint (plenum_cea608_encoder_queued (encoder), ==, 0);
}

static void
test_cc_data_is_field_one_then_field_two_padding (void)
{
  const guint8 pair[2] = { 0x94, 0x25 };
  const guint8 expected[] = { 0xFC, 0x94, 0x25, 0xF9, 0x80, 0x80 };
  guint8 out[8];

  memset (out, 0xAA, sizeof out);
  g_assert_cmpuint (plenum_cea608_cc_data (pair, out, sizeof out), ==, 6);
  g_assert_cmpmem (out, 6, expected, sizeof expected);
  g_assert_cmphex (out[6], ==, 0xAA);
  /* Only whole triplets fit. */
  memset (out, 0xAA, sizeof out);
  g_assert_cmpuint (plenum_cea608_cc_data (pair, out, 5), ==, 3);
  g_assert_cmpmem (out, 3, expected, 3);
  g_assert_cmphex (out[3], ==, 0xAA);
  g_assert_cmpuint (plenum_cea608_cc_data (pair, out, 2), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/captions/cea608/hello-is-roll-up-then-pac-then-text",
                   test_hello_is_roll_up_then_pac_then_text);
  g_test_add_func ("/captions/cea608/three-rows-roll-up-with-ru3", test_three_rows_roll_up_with_ru3);
  g_test_add_func ("/captions/cea608/parity-makes-every-byte-odd", test_parity_makes_every_byte_odd);
  g_test_add_func ("/captions/cea608/control-codes-are-sent-twice", test_control_codes_are_sent_twice);
  g_test_add_func ("/captions/cea608/a-second-line-starts-with-carriage-returns",
                   test_a_second_line_starts_with_carriage_returns);
  g_test_add_func ("/captions/cea608/clear-sends-edm-twice-and-restarts-roll-up",
                   test_clear_sends_edm_twice_and_restarts_roll_up);
  g_test_add_func ("/captions/cea608/german-letters-are-a-fallback-then-an-extended-pair",
                   test_german_letters_are_a_fallback_then_an_extended_pair);
  g_test_add_func ("/captions/cea608/decomposed-umlauts-are-found", test_decomposed_umlauts_are_found);
  g_test_add_func ("/captions/cea608/remapped-ascii-is-not-sent-as-itself",
                   test_remapped_ascii_is_not_sent_as_itself);
  g_test_add_func ("/captions/cea608/characters-without-a-608-form-are-dropped",
                   test_characters_without_a_608_form_are_dropped);
  g_test_add_func ("/captions/cea608/a-line-with-nothing-to-show-sends-nothing",
                   test_a_line_with_nothing_to_show_sends_nothing);
  g_test_add_func ("/captions/cea608/long-lines-are-cut-at-32-characters",
                   test_long_lines_are_cut_at_32_characters);
  g_test_add_func ("/captions/cea608/the-queue-drops-the-oldest-lines",
                   test_the_queue_drops_the_oldest_lines);
  g_test_add_func ("/captions/cea608/the-line-going-out-is-never-dropped",
                   test_the_line_going_out_is_never_dropped);
  g_test_add_func ("/captions/cea608/an-empty-queue-pads", test_an_empty_queue_pads);
  g_test_add_func ("/captions/cea608/cc-data-is-field-one-then-field-two-padding",
                   test_cc_data_is_field_one_then_field_two_padding);
  return g_test_run ();
}

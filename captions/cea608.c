#include "captions/cea608.h"

#include <string.h>

/* CC1 control codes, without parity (CTA-608-E, data channel 1). */
#define CODE_MISC 0x14        /* first byte of the miscellaneous control codes on CC1 */
#define CODE_RU2 0x25
#define CODE_RU3 0x26
#define CODE_EDM 0x2C
#define CODE_CR 0x2D
/* PAC for row 15: first byte 0x14, second byte 0x70 = indent 0, white, no underline. The
 * 0x60-0x6F PACs of the same row also mean column 0, but as "white text" style codes; the
 * indent form says the position outright. */
#define CODE_PAC_ROW15_COL0 0x70
#define CODE_SPECIAL 0x11     /* special North American characters, 0x30-0x3F */
#define CODE_EXTENDED_1 0x12  /* Spanish, French, miscellaneous, 0x20-0x3F */
#define CODE_EXTENDED_2 0x13  /* Portuguese, German, Danish, 0x20-0x3F */
#define CODE_NUL 0x00         /* pads the second byte of an odd character pair */

typedef enum {
  GLYPH_BASIC,
  GLYPH_SPECIAL,
  GLYPH_EXTENDED,
} GlyphKind;

/* How one Unicode character is written in 608. */
typedef struct {
  gunichar unicode;
  GlyphKind kind;
  guint8 first;      /* the basic character, or the special/extended pair's first byte */
  guint8 second;     /* the special/extended pair's second byte */
  guint8 fallback;   /* extended only: the basic character shown by decoders without them */
} Glyph;

/* The basic set is ASCII except where 608 put letters: 0x27 is the apostrophe, but 0x2A, 0x5C,
 * 0x5E-0x60 and 0x7B-0x7F are á é í ó ú ç ÷ Ñ ñ █, so * \ ^ _ ` { | } ~ have to come from the
 * extended sets (or not at all, for `). */
static const Glyph glyphs[] = {
  /* Basic set, the remapped code points. */
  { 0x00E1, GLYPH_BASIC, 0x2A, 0, 0 },      /* á */
  { 0x00E9, GLYPH_BASIC, 0x5C, 0, 0 },      /* é */
  { 0x00ED, GLYPH_BASIC, 0x5E, 0, 0 },      /* í */
  { 0x00F3, GLYPH_BASIC, 0x5F, 0, 0 },      /* ó */
  { 0x00FA, GLYPH_BASIC, 0x60, 0, 0 },      /* ú */
  { 0x00E7, GLYPH_BASIC, 0x7B, 0, 0 },      /* ç */
  { 0x00F7, GLYPH_BASIC, 0x7C, 0, 0 },      /* ÷ */
  { 0x00D1, GLYPH_BASIC, 0x7D, 0, 0 },      /* Ñ */
  { 0x00F1, GLYPH_BASIC, 0x7E, 0, 0 },      /* ñ */
  { 0x2588, GLYPH_BASIC, 0x7F, 0, 0 },      /* █ */
  /* Typographic stand-ins that speech-to-text and editors produce: the shape 608 has. */
  { 0x00A0, GLYPH_BASIC, ' ', 0, 0 },       /* no-break space */
  { 0x2018, GLYPH_BASIC, '\'', 0, 0 },      /* ‘ */
  { 0x2019, GLYPH_BASIC, '\'', 0, 0 },      /* ’ */
  { 0x201A, GLYPH_BASIC, '\'', 0, 0 },      /* ‚ */
  { 0x201E, GLYPH_BASIC, '"', 0, 0 },       /* „ */
  { 0x2013, GLYPH_BASIC, '-', 0, 0 },       /* – */
  /* Special characters (0x11 0x30-0x3F); 0x39 is the transparent space, not used. */
  { 0x00AE, GLYPH_SPECIAL, CODE_SPECIAL, 0x30, 0 },   /* ® */
  { 0x00B0, GLYPH_SPECIAL, CODE_SPECIAL, 0x31, 0 },   /* ° */
  { 0x00BD, GLYPH_SPECIAL, CODE_SPECIAL, 0x32, 0 },   /* ½ */
  { 0x00BF, GLYPH_SPECIAL, CODE_SPECIAL, 0x33, 0 },   /* ¿ */
  { 0x2122, GLYPH_SPECIAL, CODE_SPECIAL, 0x34, 0 },   /* ™ */
  { 0x00A2, GLYPH_SPECIAL, CODE_SPECIAL, 0x35, 0 },   /* ¢ */
  { 0x00A3, GLYPH_SPECIAL, CODE_SPECIAL, 0x36, 0 },   /* £ */
  { 0x266A, GLYPH_SPECIAL, CODE_SPECIAL, 0x37, 0 },   /* ♪ */
  { 0x00E0, GLYPH_SPECIAL, CODE_SPECIAL, 0x38, 0 },   /* à */
  { 0x00E8, GLYPH_SPECIAL, CODE_SPECIAL, 0x3A, 0 },   /* è */
  { 0x00E2, GLYPH_SPECIAL, CODE_SPECIAL, 0x3B, 0 },   /* â */
  { 0x00EA, GLYPH_SPECIAL, CODE_SPECIAL, 0x3C, 0 },   /* ê */
  { 0x00EE, GLYPH_SPECIAL, CODE_SPECIAL, 0x3D, 0 },   /* î */
  { 0x00F4, GLYPH_SPECIAL, CODE_SPECIAL, 0x3E, 0 },   /* ô */
  { 0x00FB, GLYPH_SPECIAL, CODE_SPECIAL, 0x3F, 0 },   /* û */
  /* Extended Spanish/French/miscellaneous (0x12 0x20-0x3F). 0x26 and 0x29 (single quotes) are
   * left out: decoders disagree on which is which, and the apostrophe covers both. */
  { 0x00C1, GLYPH_EXTENDED, CODE_EXTENDED_1, 0x20, 'A' },   /* Á */
  { 0x00C9, GLYPH_EXTENDED, CODE_EXTENDED_1, 0x21, 'E' },   /* É */
  { 0x00D3, GLYPH_EXTENDED, CODE_EXTENDED_1, 0x22, 'O' },   /* Ó */
  { 0x00DA, GLYPH_EXTENDED, CODE_EXTENDED_1, 0x23, 'U' },   /* Ú */
  { 0x00DC, GLYPH_EXTENDED, CODE_EXTENDED_1, 0x24, 'U' },   /* Ü */
  { 0x00FC, GLYPH_EXTENDED, CODE_EXTENDED_1, 0x25, 'u' },   /* ü */
  { 0x00A1, GLYPH_EXTENDED, CODE_EXTENDED_1, 0x27, '!' },   /* ¡ */
  { '*',    GLYPH_EXTENDED, CODE_EXTENDED_1, 0x28, '+' },
  { 0x2014, GLYPH_EXTENDED, CODE_EXTENDED_1, 0x2A, '-' },   /* — */
  { 0x00A9, GLYPH_EXTENDED, CODE_EXTENDED_1, 0x2B, 'c' },   /* © */
  { 0x2120, GLYPH_EXTENDED, CODE_EXTENDED_1, 0x2C, ' ' },   /* ℠ */
  { 0x2022, GLYPH_EXTENDED, CODE_EXTENDED_1, 0x2D, '.' },   /* • */
  { 0x201C, GLYPH_EXTENDED, CODE_EXTENDED_1, 0x2E, '"' },   /* “ */
  { 0x201D, GLYPH_EXTENDED, CODE_EXTENDED_1, 0x2F, '"' },   /* ” */
  { 0x00C0, GLYPH_EXTENDED, CODE_EXTENDED_1, 0x30, 'A' },   /* À */
  { 0x00C2, GLYPH_EXTENDED, CODE_EXTENDED_1, 0x31, 'A' },   /* Â */
  { 0x00C7, GLYPH_EXTENDED, CODE_EXTENDED_1, 0x32, 'C' },   /* Ç */
  { 0x00C8, GLYPH_EXTENDED, CODE_EXTENDED_1, 0x33, 'E' },   /* È */
  { 0x00CA, GLYPH_EXTENDED, CODE_EXTENDED_1, 0x34, 'E' },   /* Ê */
  { 0x00CB, GLYPH_EXTENDED, CODE_EXTENDED_1, 0x35, 'E' },   /* Ë */
  { 0x00EB, GLYPH_EXTENDED, CODE_EXTENDED_1, 0x36, 'e' },   /* ë */
  { 0x00CE, GLYPH_EXTENDED, CODE_EXTENDED_1, 0x37, 'I' },   /* Î */
  { 0x00CF, GLYPH_EXTENDED, CODE_EXTENDED_1, 0x38, 'I' },   /* Ï */
  { 0x00EF, GLYPH_EXTENDED, CODE_EXTENDED_1, 0x39, 'i' },   /* ï */
  { 0x00D4, GLYPH_EXTENDED, CODE_EXTENDED_1, 0x3A, 'O' },   /* Ô */
  { 0x00D9, GLYPH_EXTENDED, CODE_EXTENDED_1, 0x3B, 'U' },   /* Ù */
  { 0x00F9, GLYPH_EXTENDED, CODE_EXTENDED_1, 0x3C, 'u' },   /* ù */
  { 0x00DB, GLYPH_EXTENDED, CODE_EXTENDED_1, 0x3D, 'U' },   /* Û */
  { 0x00AB, GLYPH_EXTENDED, CODE_EXTENDED_1, 0x3E, '"' },   /* « */
  { 0x00BB, GLYPH_EXTENDED, CODE_EXTENDED_1, 0x3F, '"' },   /* » */
  /* Extended Portuguese/German/Danish (0x13 0x20-0x3F). */
  { 0x00C3, GLYPH_EXTENDED, CODE_EXTENDED_2, 0x20, 'A' },   /* Ã */
  { 0x00E3, GLYPH_EXTENDED, CODE_EXTENDED_2, 0x21, 'a' },   /* ã */
  { 0x00CD, GLYPH_EXTENDED, CODE_EXTENDED_2, 0x22, 'I' },   /* Í */
  { 0x00CC, GLYPH_EXTENDED, CODE_EXTENDED_2, 0x23, 'I' },   /* Ì */
  { 0x00EC, GLYPH_EXTENDED, CODE_EXTENDED_2, 0x24, 'i' },   /* ì */
  { 0x00D2, GLYPH_EXTENDED, CODE_EXTENDED_2, 0x25, 'O' },   /* Ò */
  { 0x00F2, GLYPH_EXTENDED, CODE_EXTENDED_2, 0x26, 'o' },   /* ò */
  { 0x00D5, GLYPH_EXTENDED, CODE_EXTENDED_2, 0x27, 'O' },   /* Õ */
  { 0x00F5, GLYPH_EXTENDED, CODE_EXTENDED_2, 0x28, 'o' },   /* õ */
  { '{',    GLYPH_EXTENDED, CODE_EXTENDED_2, 0x29, '(' },
  { '}',    GLYPH_EXTENDED, CODE_EXTENDED_2, 0x2A, ')' },
  { '\\',   GLYPH_EXTENDED, CODE_EXTENDED_2, 0x2B, '/' },
  { '^',    GLYPH_EXTENDED, CODE_EXTENDED_2, 0x2C, ' ' },
  { '_',    GLYPH_EXTENDED, CODE_EXTENDED_2, 0x2D, '-' },
  { '|',    GLYPH_EXTENDED, CODE_EXTENDED_2, 0x2E, '!' },
  { '~',    GLYPH_EXTENDED, CODE_EXTENDED_2, 0x2F, '-' },
  { 0x00C4, GLYPH_EXTENDED, CODE_EXTENDED_2, 0x30, 'A' },   /* Ä */
  { 0x00E4, GLYPH_EXTENDED, CODE_EXTENDED_2, 0x31, 'a' },   /* ä */
  { 0x00D6, GLYPH_EXTENDED, CODE_EXTENDED_2, 0x32, 'O' },   /* Ö */
  { 0x00F6, GLYPH_EXTENDED, CODE_EXTENDED_2, 0x33, 'o' },   /* ö */
  { 0x00DF, GLYPH_EXTENDED, CODE_EXTENDED_2, 0x34, 's' },   /* ß */
  { 0x00A5, GLYPH_EXTENDED, CODE_EXTENDED_2, 0x35, 'Y' },   /* ¥ */
  { 0x00A4, GLYPH_EXTENDED, CODE_EXTENDED_2, 0x36, '$' },   /* ¤ */
  { 0x00A6, GLYPH_EXTENDED, CODE_EXTENDED_2, 0x37, '!' },   /* ¦ */
  { 0x00C5, GLYPH_EXTENDED, CODE_EXTENDED_2, 0x38, 'A' },   /* Å */
  { 0x00E5, GLYPH_EXTENDED, CODE_EXTENDED_2, 0x39, 'a' },   /* å */
  { 0x00D8, GLYPH_EXTENDED, CODE_EXTENDED_2, 0x3A, 'O' },   /* Ø */
  { 0x00F8, GLYPH_EXTENDED, CODE_EXTENDED_2, 0x3B, 'o' },   /* ø */
  { 0x250C, GLYPH_EXTENDED, CODE_EXTENDED_2, 0x3C, '+' },   /* ┌ */
  { 0x2510, GLYPH_EXTENDED, CODE_EXTENDED_2, 0x3D, '+' },   /* ┐ */
  { 0x2514, GLYPH_EXTENDED, CODE_EXTENDED_2, 0x3E, '+' },   /* └ */
  { 0x2518, GLYPH_EXTENDED, CODE_EXTENDED_2, 0x3F, '+' },   /* ┘ */
};

typedef enum {
  UNIT_LINE,
  UNIT_CLEAR,
} UnitKind;

/* One queued line (its text pairs only) or erase. A line's leading control codes are chosen
 * when it goes out, because they depend on what went before it: dropping old lines must not
 * lose the roll-up preamble the first line carries. */
typedef struct {
  UnitKind kind;
  GByteArray *text;   /* pairs, parity applied; NULL for UNIT_CLEAR */
} Unit;

struct _PlenumCea608Encoder {
  guint8 rollup_code;
  GQueue waiting;          /* Unit *, oldest first */
  GByteArray *sending;     /* pairs of the unit going out now, parity applied */
  guint sent;              /* pairs of `sending` already handed out */
  /* The next line must (re)start roll-up with RU and a PAC: true at first and after EDM,
   * since until then a decoder may be in another mode or have no base row. */
  gboolean need_preamble;
};

/* Builds a line's pairs: basic characters two to a pair, other codes in pairs of their own. */
typedef struct {
  GByteArray *pairs;
  int pending;             /* a basic character waiting for a partner, or -1 */
} PairWriter;

guint8
plenum_cea608_parity (guint8 byte)
{
  guint8 seven = byte & 0x7F;
  guint ones = 0;

  for (guint8 bits = seven; bits != 0; bits >>= 1)
    ones += bits & 1;
  return (ones % 2 == 1) ? seven : (guint8) (seven | 0x80);
}

static void
append_pair (GByteArray *pairs, guint8 first, guint8 second)
{
  const guint8 pair[2] = { plenum_cea608_parity (first), plenum_cea608_parity (second) };

  g_byte_array_append (pairs, pair, 2);
}

/* Every code in the 0x10-0x1F space goes out twice in consecutive frames: a decoder acts on
 * the first and drops the identical second (CTA-608-E's redundancy rule; ffmpeg's ccaption_dec
 * keeps the previous code pair for exactly this), so one pair lost to a parity error costs
 * nothing. */
static void
append_control (GByteArray *pairs, guint8 first, guint8 second)
{
  append_pair (pairs, first, second);
  append_pair (pairs, first, second);
}

static void
writer_flush (PairWriter *writer)
{
  if (writer->pending < 0)
    return;
  append_pair (writer->pairs, (guint8) writer->pending, CODE_NUL);
  writer->pending = -1;
}

static void
writer_add_basic (PairWriter *writer, guint8 code)
{
  if (writer->pending < 0) {
    writer->pending = code;
    return;
  }
  append_pair (writer->pairs, (guint8) writer->pending, code);
  writer->pending = -1;
}

/* Special and extended characters are two-byte codes in the control space (0x11-0x13), so
 * they follow the control codes' rule and are sent twice: the repeat is dropped as redundant,
 * and for an extended character a decoder that did not drop it would only backspace over the
 * same character again. An extended character needs its fallback written just before it: it
 * backspaces over that cell, and decoders without the extended sets keep the fallback.
 * A limit: the same special character twice in a row ("♪♪") shows once in decoders that
 * treat every repeat as redundant (ffmpeg does); there is no neutral code to put between. */
static void
writer_add_glyph (PairWriter *writer, const Glyph *glyph)
{
  switch (glyph->kind) {
    case GLYPH_BASIC:
      writer_add_basic (writer, glyph->first);
      break;
    case GLYPH_EXTENDED:
      writer_add_basic (writer, glyph->fallback);
      writer_flush (writer);
      append_control (writer->pairs, glyph->first, glyph->second);
      break;
    case GLYPH_SPECIAL:
      writer_flush (writer);
      append_control (writer->pairs, glyph->first, glyph->second);
      break;
  }
}

/* FALSE for a character 608 cannot show. */
static gboolean
glyph_for (gunichar c, Glyph *glyph)
{
  /* Printable ASCII is the basic set unless the table remaps or moves it. */
  for (gsize i = 0; i < G_N_ELEMENTS (glyphs); i++) {
    if (glyphs[i].unicode == c) {
      *glyph = glyphs[i];
      return TRUE;
    }
  }
  if (c >= 0x20 && c < 0x7F && c != 0x2A && c != 0x5C && (c < 0x5E || c > 0x60) && c < 0x7B) {
    *glyph = (Glyph) { c, GLYPH_BASIC, (guint8) c, 0, 0 };
    return TRUE;
  }
  return FALSE;
}

/* The text pairs of a line: NFC first, so that "a" + combining diaeresis is found as ä. */
static GByteArray *
encode_text (const char *line)
{
  g_autofree char *valid = g_utf8_make_valid (line, -1);
  g_autofree char *composed = g_utf8_normalize (valid, -1, G_NORMALIZE_NFC);
  PairWriter writer = { g_byte_array_new (), -1 };
  guint shown = 0;

  for (const char *p = composed; *p && shown < PLENUM_CEA608_MAX_CHARS; p = g_utf8_next_char (p)) {
    Glyph glyph;

    if (!glyph_for (g_utf8_get_char (p), &glyph))
      continue;
    writer_add_glyph (&writer, &glyph);
    shown++;
  }
  writer_flush (&writer);
  return writer.pairs;
}

static void
unit_free (gpointer data)
{
  Unit *unit = data;

  if (unit->text)
    g_byte_array_unref (unit->text);
  g_free (unit);
}

static guint
pair_count (const GByteArray *pairs)
{
  return pairs->len / 2;
}

/* Pairs a unit costs when it goes out with `*need_preamble` in force; updates it. */
static guint
unit_cost (const Unit *unit, gboolean *need_preamble)
{
  if (unit->kind == UNIT_CLEAR) {
    *need_preamble = TRUE;
    return 2;
  }
  guint prefix = *need_preamble ? 4 : 2;
  *need_preamble = FALSE;
  return prefix + pair_count (unit->text);
}

PlenumCea608Encoder *
plenum_cea608_encoder_new (guint rollup_rows)
{
  PlenumCea608Encoder *encoder;

  g_return_val_if_fail (rollup_rows == 2 || rollup_rows == 3, NULL);
  encoder = g_new0 (PlenumCea608Encoder, 1);
  encoder->rollup_code = rollup_rows == 2 ? CODE_RU2 : CODE_RU3;
  g_queue_init (&encoder->waiting);
  encoder->sending = g_byte_array_new ();
  encoder->need_preamble = TRUE;
  return encoder;
}

void
plenum_cea608_encoder_free (PlenumCea608Encoder *encoder)
{
  if (encoder == NULL)
    return;
  g_queue_clear_full (&encoder->waiting, unit_free);
  g_byte_array_unref (encoder->sending);
  g_free (encoder);
}

guint
plenum_cea608_encoder_queued (const PlenumCea608Encoder *encoder)
{
  gboolean need_preamble;
  guint total;

  g_return_val_if_fail (encoder != NULL, 0);
  need_preamble = encoder->need_preamble;
  total = pair_count (encoder->sending) - encoder->sent;
  for (const GList *l = encoder->waiting.head; l != NULL; l = l->next)
    total += unit_cost (l->data, &need_preamble);
  return total;
}

/* Drops the oldest waiting line, but never the newest unit; FALSE when there is none. The
 * line going out now is not waiting: cutting it short would leave half a line on screen. */
static gboolean
drop_oldest_line (PlenumCea608Encoder *encoder)
{
  for (GList *l = encoder->waiting.head; l != NULL && l != encoder->waiting.tail; l = l->next) {
    Unit *unit = l->data;

    if (unit->kind == UNIT_LINE) {
      g_queue_delete_link (&encoder->waiting, l);
      unit_free (unit);
      return TRUE;
    }
  }
  return FALSE;
}

void
plenum_cea608_encoder_push_line (PlenumCea608Encoder *encoder, const char *line)
{
  Unit *unit;

  g_return_if_fail (encoder != NULL);
  g_return_if_fail (line != NULL);
  unit = g_new0 (Unit, 1);
  unit->kind = UNIT_LINE;
  unit->text = encode_text (line);
  /* Nothing 608 can show: a bare CR would only scroll an empty row up. */
  if (unit->text->len == 0) {
    unit_free (unit);
    return;
  }
  g_queue_push_tail (&encoder->waiting, unit);
  while (plenum_cea608_encoder_queued (encoder) > PLENUM_CEA608_MAX_QUEUE_FRAMES &&
         drop_oldest_line (encoder))
    ;
}

void
plenum_cea608_encoder_clear (PlenumCea608Encoder *encoder)
{
  Unit *unit;

  g_return_if_fail (encoder != NULL);
  unit = g_new0 (Unit, 1);
  unit->kind = UNIT_CLEAR;
  g_queue_push_tail (&encoder->waiting, unit);
}

/* Moves the next waiting unit into `sending`, with its leading control codes. */
static gboolean
start_next_unit (PlenumCea608Encoder *encoder)
{
  Unit *unit = g_queue_pop_head (&encoder->waiting);

  if (unit == NULL)
    return FALSE;
  g_byte_array_set_size (encoder->sending, 0);
  encoder->sent = 0;
  if (unit->kind == UNIT_CLEAR) {
    append_control (encoder->sending, CODE_MISC, CODE_EDM);
    encoder->need_preamble = TRUE;
  } else {
    if (encoder->need_preamble) {
      append_control (encoder->sending, CODE_MISC, encoder->rollup_code);
      append_control (encoder->sending, CODE_MISC, CODE_PAC_ROW15_COL0);
    } else {
      append_control (encoder->sending, CODE_MISC, CODE_CR);
    }
    encoder->need_preamble = FALSE;
    g_byte_array_append (encoder->sending, unit->text->data, unit->text->len);
  }
  unit_free (unit);
  return TRUE;
}

gboolean
plenum_cea608_encoder_next_pair (PlenumCea608Encoder *encoder, guint8 pair[2])
{
  g_return_val_if_fail (encoder != NULL, FALSE);
  g_return_val_if_fail (pair != NULL, FALSE);
  if (encoder->sent >= pair_count (encoder->sending) && !start_next_unit (encoder)) {
    pair[0] = pair[1] = plenum_cea608_parity (CODE_NUL);
    return FALSE;
  }
  pair[0] = encoder->sending->data[encoder->sent * 2];
  pair[1] = encoder->sending->data[encoder->sent * 2 + 1];
  encoder->sent++;
  return TRUE;
}

gsize
plenum_cea608_cc_data (const guint8 pair[2], guint8 *out, gsize size)
{
  /* cc_data triplets (CEA-708 4.4 / A/53): marker bits 11111, cc_valid, cc_type. 0xFC is a
   * valid field-1 (CC1) pair. Field 2 carries nothing here; 0xF9 marks its triplet as not valid
   * so every reader skips it, while keeping one triplet per field per frame as 608-over-708
   * expects at 30 fps. */
  gsize whole = MIN (size / 3, (gsize) 2) * 3;

  g_return_val_if_fail (pair != NULL, 0);
  g_return_val_if_fail (out != NULL || size == 0, 0);
  if (whole > 0) {
    const guint8 triplets[6] = { 0xFC, pair[0], pair[1], 0xF9, 0x80, 0x80 };

    memcpy (out, triplets, whole);
  }
  return whole;
}

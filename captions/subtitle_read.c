#include "captions/subtitle_read.h"

#include <gio/gio.h>
#include <stdarg.h>
#include <string.h>

#define UTF8_BOM "\xEF\xBB\xBF"
#define LISTED_PER_KIND 5   /* problems of one kind listed before the rest are only counted */
#define MAX_HOUR_DIGITS 6

/* Problems ---------------------------------------------------------------------------------- */

typedef enum {
  PROBLEM_NOT_A_CUE,
  PROBLEM_BAD_TIMES,
  PROBLEM_CUT_OFF,
  PROBLEM_OUT_OF_ORDER,
  PROBLEM_ENDS_BEFORE_START,
  PROBLEM_NO_TEXT,
  PROBLEM_NO_TIME,
  PROBLEM_AFTER_END,
  PROBLEM_DUPLICATE,
  PROBLEM_SAME_START,
  PROBLEM_OVERLAP,
  N_PROBLEM_KINDS
} ProblemKind;

/* What the count of the unlisted ones says: "captions.vtt: 12 more <this>". */
static const char *const more_problems[N_PROBLEM_KINDS] = {
  [PROBLEM_NOT_A_CUE] = "blocks without a \"-->\" line; skipped",
  [PROBLEM_BAD_TIMES] = "cues with times that cannot be read; skipped",
  [PROBLEM_CUT_OFF] = "cues cut off; skipped",
  [PROBLEM_OUT_OF_ORDER] = "cues out of order; sorted",
  [PROBLEM_ENDS_BEFORE_START] = "cues that end before they start; given their reading time",
  [PROBLEM_NO_TEXT] = "cues without text; dropped",
  [PROBLEM_NO_TIME] = "cues that last no time; dropped",
  [PROBLEM_AFTER_END] = "cues that start after the recording ends; dropped",
  [PROBLEM_DUPLICATE] = "cues that appear twice; kept once",
  [PROBLEM_SAME_START] = "cues that start together with the one before; shown together",
  [PROBLEM_OVERLAP] = "cues that ran into the next one; now end where it starts",
};

typedef struct {
  GPtrArray *list;   /* transfer none, element-type utf8; NULL: nobody asked */
  const char *name;
  guint counts[N_PROBLEM_KINDS];
} Problems;

static void add_problem (Problems *problems, ProblemKind kind, const char *format, ...)
    G_GNUC_PRINTF (3, 4);

static void
add_problem (Problems *problems, ProblemKind kind, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (problems->list == NULL || problems->counts[kind]++ >= LISTED_PER_KIND)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (problems->list, g_strdup_printf ("%s: %s", problems->name, message));
}

static void
count_unlisted_problems (Problems *problems)
{
  if (problems->list == NULL)
    return;
  for (guint kind = 0; kind < N_PROBLEM_KINDS; kind++)
    if (problems->counts[kind] > LISTED_PER_KIND)
      g_ptr_array_add (problems->list,
                       g_strdup_printf ("%s: %u more %s", problems->name,
                                        problems->counts[kind] - LISTED_PER_KIND,
                                        more_problems[kind]));
}

/* "0:12:03.200", for messages. (transfer full) */
static char *
format_clock (gint64 ms)
{
  ms = MAX (ms, 0);
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d.%03d", ms / 3600000,
                          (int) (ms / 60000 % 60), (int) (ms / 1000 % 60), (int) (ms % 1000));
}

/* How long a cue whose end is unusable stays: as long as the studio would have shown it. */
static gint64
reading_time_ms (const char *text)
{
  return MAX (PLENUM_CAPTION_MIN_MS,
              (gint64) g_utf8_strlen (text, -1) * 1000 / PLENUM_CAPTION_CHARS_PER_S);
}

static int
compare_start (gconstpointer a, gconstpointer b)
{
  const PlenumCue *first = *(const PlenumCue *const *) a;
  const PlenumCue *second = *(const PlenumCue *const *) b;

  return (first->start_ms > second->start_ms) - (first->start_ms < second->start_ms);
}

/* Times -------------------------------------------------------------------------------------- */

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t';
}

/* Reads `min_digits` to `max_digits` digits at `*p`, moving it past them. */
static gboolean
read_digits (const char **p, const char *end, guint min_digits, guint max_digits, gint64 *value)
{
  guint n = 0;

  *value = 0;
  while (*p < end && n < max_digits && g_ascii_isdigit (**p)) {
    *value = *value * 10 + g_ascii_digit_value (**p);
    (*p)++;
    n++;
  }
  return n >= min_digits && (*p == end || !g_ascii_isdigit (**p));
}

/* "H:MM:SS.mmm" with any number of hour digits, or "MM:SS.mmm". WebVTT and SRT want exactly
 * two digits for minutes and seconds and three for the fraction, with "." and "," in that order;
 * hand-written times are taken with either mark, one or two digits and one to three places. */
static gboolean
parse_time (const char *text, gsize length, gint64 *ms)
{
  const char *p = text, *end = text + length;
  gint64 fields[3], fraction;
  guint n_fields = 0, places;
  const char *fraction_start;

  while (TRUE) {
    if (!read_digits (&p, end, 1, n_fields == 0 ? MAX_HOUR_DIGITS : 2, &fields[n_fields]))
      return FALSE;
    n_fields++;
    if (p < end && *p == ':' && n_fields < 3) {
      p++;
      continue;
    }
    break;
  }
  if (n_fields < 2 || p == end || (*p != '.' && *p != ','))
    return FALSE;
  p++;
  fraction_start = p;
  if (!read_digits (&p, end, 1, 3, &fraction) || p != end)
    return FALSE;
  for (places = p - fraction_start; places < 3; places++)
    fraction *= 10;
  if (n_fields == 2) {   /* no hours */
    fields[2] = fields[1];
    fields[1] = fields[0];
    fields[0] = 0;
  }
  if (fields[1] >= 60 || fields[2] >= 60)
    return FALSE;
  *ms = ((fields[0] * 60 + fields[1]) * 60 + fields[2]) * 1000 + fraction;
  return TRUE;
}

/* "START --> END [settings]"; WebVTT's settings and SRT's "X1:… Y2:…" are ignored. */
static gboolean
parse_timing (const char *line, gint64 *start_ms, gint64 *end_ms)
{
  const char *arrow = strstr (line, "-->");
  const char *from, *to;

  if (arrow == NULL)
    return FALSE;
  for (from = line; from < arrow && is_space (*from); from++)
    ;
  for (to = arrow; to > from && is_space (to[-1]); to--)
    ;
  if (!parse_time (from, to - from, start_ms))
    return FALSE;
  for (from = arrow + 3; is_space (*from); from++)
    ;
  for (to = from; *to != '\0' && !is_space (*to); to++)
    ;
  return parse_time (from, to - from, end_ms);
}

/* Text ---------------------------------------------------------------------------------------- */

static const struct {
  const char *name;
  gunichar character;
} vtt_entities[] = {
  { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
  { "nbsp", 0x00A0 }, { "lrm", 0x200E }, { "rlm", 0x200F },
};

/* A character reference at `p` ("&amp;", "&#233;", "&#xE9;"): appends it to `out` and returns
 * its length, or 0 when it is none and "&" is just text. */
static gsize
append_vtt_entity (GString *out, const char *p)
{
  const char *semicolon = memchr (p, ';', strnlen (p, 12));   /* "&#x10FFFF;" is the longest */
  gsize length;

  if (semicolon == NULL)
    return 0;
  length = semicolon - p + 1;
  if (p[1] == '#') {
    gboolean hex = p[2] == 'x' || p[2] == 'X';
    const char *digits = p + (hex ? 3 : 2);
    char *digits_end;
    guint64 code;

    if (!g_ascii_isxdigit (*digits))
      return 0;
    code = g_ascii_strtoull (digits, &digits_end, hex ? 16 : 10);
    if (digits_end != semicolon || code == 0 || code > G_MAXUINT32 ||
        !g_unichar_validate ((gunichar) code))
      return 0;
    g_string_append_unichar (out, (gunichar) code);
    return length;
  }
  for (guint i = 0; i < G_N_ELEMENTS (vtt_entities); i++) {
    if (strlen (vtt_entities[i].name) == length - 2 &&
        strncmp (p + 1, vtt_entities[i].name, length - 2) == 0) {
      g_string_append_unichar (out, vtt_entities[i].character);
      return length;
    }
  }
  return 0;
}

/* Every WebVTT tag (<i>, <c.x>, <v Name>, <00:01.000>, …) goes; a "<" that never closes on the
 * line is the text's, as the writer would have escaped it. */
static void
append_vtt_plain (GString *out, const char *line)
{
  const char *last_close = strrchr (line, '>');   /* past it, no "<" opens a tag */

  for (const char *p = line; *p != '\0';) {
    gsize entity;

    if (*p == '<' && last_close != NULL && p < last_close) {
      p = strchr (p, '>') + 1;
    } else if (*p == '&' && (entity = append_vtt_entity (out, p)) > 0) {
      p += entity;
    } else {
      g_string_append_c (out, *p);
      p++;
    }
  }
}

static const char *const srt_tags[] = { "i", "b", "u", "s", "font" };

/* Whether `p` starts an SRT formatting tag ("<i>", "</font>", "<font color=…>") that a ">"
 * closes; any other "<" is text, as the writer wrote it unescaped. */
static gboolean
is_srt_tag (const char *p, const char *last_close)
{
  const char *name = p + 1 + (p[1] == '/');

  if (last_close == NULL || p > last_close)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (srt_tags); i++) {
    gsize n = strlen (srt_tags[i]);
    if (g_ascii_strncasecmp (name, srt_tags[i], n) == 0 &&
        (name[n] == '>' || (is_space (name[n]) && p[1] != '/')))
      return TRUE;
  }
  return FALSE;
}

/* SRT's <i>, <b>, <u>, <s> and <font> go, and so do ASS overrides such as {\an8}. */
static void
append_srt_plain (GString *out, const char *line)
{
  const char *last_close = strrchr (line, '>');
  const char *last_brace = strrchr (line, '}');

  for (const char *p = line; *p != '\0';) {
    if (*p == '<' && is_srt_tag (p, last_close)) {
      p = strchr (p, '>') + 1;
    } else if (p[0] == '{' && p[1] == '\\' && last_brace != NULL && p < last_brace) {
      p = strchr (p, '}') + 1;
    } else {
      g_string_append_c (out, *p);
      p++;
    }
  }
}

/* The cue's lines as plain text: markup gone, each trimmed, empty ones left out. */
static char *
plain_text (char **lines, guint n_lines, PlenumSubtitleFormat format)
{
  GString *text = g_string_new (NULL);
  g_autoptr (GString) line = g_string_new (NULL);

  for (guint i = 0; i < n_lines; i++) {
    g_string_truncate (line, 0);
    if (format == PLENUM_SUBTITLE_VTT)
      append_vtt_plain (line, lines[i]);
    else
      append_srt_plain (line, lines[i]);
    g_strstrip (line->str);
    if (line->str[0] == '\0')
      continue;
    if (text->len > 0)
      g_string_append_c (text, '\n');
    g_string_append (text, line->str);
  }
  return g_string_free (text, FALSE);
}

/* Reading -------------------------------------------------------------------------------------- */

typedef struct {
  PlenumSubtitleFormat format;
  Problems problems;
  GPtrArray *cues;      /* element-type PlenumCue, owned */
  char **lines;         /* line i is the file's line i + 1 */
  guint n_lines;
  gboolean last_line_cut;  /* the file ends inside its last line, and not by an editor's habit */
  gint64 previous_start_ms;
} Reader;

static gboolean
is_blank (const char *line)
{
  while (is_space (*line))
    line++;
  return *line == '\0';
}

static gboolean
starts_with_word (const char *line, const char *word)
{
  gsize n = strlen (word);

  return strncmp (line, word, n) == 0 && (line[n] == '\0' || is_space (line[n]));
}

static gboolean
is_number (const char *line)
{
  gsize digits;

  while (is_space (*line))
    line++;
  digits = strspn (line, "0123456789");
  return digits > 0 && is_blank (line + digits);
}

static gboolean
is_timing_line (const char *line)
{
  gint64 start_ms, end_ms;

  return parse_timing (line, &start_ms, &end_ms);
}

/* Splits at "\n", "\r\n" and "\r", as WebVTT allows. (transfer full) */
static char **
split_lines (const char *text, guint *n_lines)
{
  GPtrArray *lines = g_ptr_array_new ();
  const char *p = text;

  while (*p != '\0') {
    gsize length = strcspn (p, "\r\n");
    g_ptr_array_add (lines, g_strndup (p, length));
    p += length;
    if (p[0] == '\r' && p[1] == '\n')
      p += 2;
    else if (*p != '\0')
      p++;
  }
  *n_lines = lines->len;
  g_ptr_array_add (lines, NULL);
  return (char **) g_ptr_array_free (lines, FALSE);
}

static void
add_cue (Reader *reader, guint timing_line, gint64 start_ms, gint64 end_ms, guint n_text_lines)
{
  PlenumCue *cue = g_new0 (PlenumCue, 1);
  guint number = timing_line + 1;

  cue->start_ms = start_ms;
  cue->end_ms = end_ms;
  cue->text = plain_text (reader->lines + timing_line + 1, n_text_lines, reader->format);
  if (end_ms < start_ms) {
    g_autofree char *start = format_clock (start_ms);
    g_autofree char *end = format_clock (end_ms);
    cue->end_ms = start_ms + reading_time_ms (cue->text);
    add_problem (&reader->problems, PROBLEM_ENDS_BEFORE_START,
                 "line %u: cue ends (%s) before it starts (%s); given its reading time", number,
                 end, start);
  }
  if (start_ms < reader->previous_start_ms) {
    g_autofree char *start = format_clock (start_ms);
    g_autofree char *previous = format_clock (reader->previous_start_ms);
    add_problem (&reader->problems, PROBLEM_OUT_OF_ORDER,
                 "line %u: cue starts (%s) before the one above it (%s); sorted by time", number,
                 start, previous);
  }
  reader->previous_start_ms = start_ms;
  g_ptr_array_add (reader->cues, cue);
}

static void
report_cut_off (Reader *reader, guint line_index)
{
  add_problem (&reader->problems, PROBLEM_CUT_OFF,
               "line %u: the file ends in the middle of this cue, as when the studio stops while "
               "writing it; skipped",
               line_index + 1);
}

/* The lines [first, end) between blank lines: usually one cue, but several when the blank line
 * between them is missing, and none for WebVTT's comments and style sheets. */
static void
read_block (Reader *reader, guint first, guint end)
{
  char **lines = reader->lines;
  /* The studio ends every cue with a blank line, so a block running to the end of the file is
   * one it was writing when it stopped (or an editor's last). Its last cue is taken only when
   * it is whole: times readable, some text, and the last line not cut off. */
  gboolean at_end = end == reader->n_lines;
  guint timing, cue_first = first;

  if (reader->format == PLENUM_SUBTITLE_VTT && strstr (lines[first], "-->") == NULL &&
      (starts_with_word (lines[first], "NOTE") || starts_with_word (lines[first], "STYLE") ||
       starts_with_word (lines[first], "REGION")))
    return;
  if (strstr (lines[first], "-->") != NULL) {
    timing = first;
  } else if (first + 1 < end && strstr (lines[first + 1], "-->") != NULL) {
    timing = first + 1;   /* after a WebVTT identifier or SRT number, whatever it says */
  } else {
    if (at_end)
      report_cut_off (reader, first);
    else
      add_problem (&reader->problems, PROBLEM_NOT_A_CUE,
                   "line %u: not a cue (no \"-->\" line); skipped", first + 1);
    return;
  }

  while (timing < end) {
    guint next = timing + 1;
    guint text_end;
    gint64 start_ms, end_ms;
    gboolean readable = parse_timing (lines[timing], &start_ms, &end_ms);

    while (next < end && !is_timing_line (lines[next]))
      next++;
    text_end = next;
    if (reader->format == PLENUM_SUBTITLE_SRT && next < end && text_end > timing + 1 &&
        is_number (lines[text_end - 1]))
      text_end--;   /* the next cue's number */
    if (at_end && next == end && (reader->last_line_cut || !readable || text_end == timing + 1))
      report_cut_off (reader, cue_first);
    else if (readable)
      add_cue (reader, timing, start_ms, end_ms, text_end - timing - 1);
    else
      add_problem (&reader->problems, PROBLEM_BAD_TIMES,
                   "line %u: cannot read the cue's times \"%s\"; skipped", timing + 1,
                   lines[timing]);
    cue_first = text_end;
    timing = next;
  }
}

/* Checks the encoding of `data` (after the BOM, which is `skipped` bytes into the file). Returns
 * how many bytes are text: all but a character cut off at the very end. */
static gboolean
check_utf8 (const char *data, gsize length, gsize skipped, const char *name, gsize *text_length,
            GError **error)
{
  const char *valid_end;
  gsize offset, rest;
  guint line = 1;

  if (g_utf8_validate_len (data, length, &valid_end)) {
    *text_length = length;
    return TRUE;
  }
  offset = valid_end - data;
  rest = length - offset;
  if (rest < 4 && memchr (valid_end, '\0', rest) == NULL &&
      g_utf8_get_char_validated (valid_end, rest) == (gunichar) -2) {
    *text_length = offset;
    return TRUE;
  }
  for (const char *p = data; p < valid_end; p++)
    if (*p == '\n' || (*p == '\r' && (p + 1 == valid_end || p[1] != '\n')))
      line++;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "%s: not valid UTF-8 at byte %" G_GSIZE_FORMAT " (line %u)", name, offset + skipped,
               line);
  return FALSE;
}

static gboolean
has_vtt_header (const char *data, gsize length)
{
  return length >= 6 && memcmp (data, "WEBVTT", 6) == 0 &&
         (length == 6 || is_space (data[6]) || data[6] == '\n' || data[6] == '\r');
}

GPtrArray *
plenum_subtitle_read (const char *data, gsize length, PlenumSubtitleFormat format,
                      const char *name, GPtrArray *problems, GError **error)
{
  Reader reader = { .format = format, .problems = { .list = problems, .name = name },
                    .previous_start_ms = G_MININT64 };
  gsize skipped = 0, text_length;
  g_autofree char *text = NULL;
  guint i = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (format == PLENUM_SUBTITLE_VTT || format == PLENUM_SUBTITLE_SRT, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL)
    data = "";
  if (length >= 3 && memcmp (data, UTF8_BOM, 3) == 0)
    skipped = 3;
  if (format == PLENUM_SUBTITLE_VTT && !has_vtt_header (data + skipped, length - skipped)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 "%s: not a WebVTT file (it does not begin with \"WEBVTT\")", name);
    return NULL;
  }
  if (!check_utf8 (data + skipped, length - skipped, skipped, name, &text_length, error))
    return NULL;
  text = g_strndup (data + skipped, text_length);

  /* The studio writes "\n" and no BOM; either of the others means an editor saved the file,
   * and editors often leave out the last line end. */
  reader.last_line_cut = length > skipped && data[length - 1] != '\n' && data[length - 1] != '\r' &&
                         skipped == 0 && strchr (text, '\r') == NULL;
  reader.lines = split_lines (text, &reader.n_lines);
  reader.cues = g_ptr_array_new_with_free_func ((GDestroyNotify) plenum_cue_free);

  if (format == PLENUM_SUBTITLE_VTT) {
    /* The header line and the text below it, up to a blank line or a cue without one. */
    for (i = 1; i < reader.n_lines && !is_blank (reader.lines[i]) &&
                strstr (reader.lines[i], "-->") == NULL;
         i++)
      ;
  }
  while (i < reader.n_lines) {
    guint end;

    if (is_blank (reader.lines[i])) {
      i++;
      continue;
    }
    for (end = i; end < reader.n_lines && !is_blank (reader.lines[end]); end++)
      ;
    read_block (&reader, i, end);
    i = end;
  }

  g_strfreev (reader.lines);
  g_ptr_array_sort (reader.cues, compare_start);   /* stable: the file's order among equals */
  count_unlisted_problems (&reader.problems);
  return reader.cues;
}

GPtrArray *
plenum_subtitle_read_file (const char *path, PlenumSubtitleFormat format, GPtrArray *problems,
                           GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  name = g_path_get_basename (path);
  return plenum_subtitle_read (contents, length, format, name, problems, error);
}

gboolean
plenum_subtitle_format_from_path (const char *path, PlenumSubtitleFormat *format)
{
  const char *dot;

  g_return_val_if_fail (path != NULL && format != NULL, FALSE);

  dot = strrchr (path, '.');
  if (dot != NULL && g_ascii_strcasecmp (dot, ".vtt") == 0) {
    *format = PLENUM_SUBTITLE_VTT;
    return TRUE;
  }
  if (dot != NULL && g_ascii_strcasecmp (dot, ".srt") == 0) {
    *format = PLENUM_SUBTITLE_SRT;
    return TRUE;
  }
  return FALSE;
}

/* Fitting ------------------------------------------------------------------------------------- */

static gboolean
has_text (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return TRUE;
  return FALSE;
}

/* Whether `cue` stays; fixes what can be fixed on it alone. */
static gboolean
fit_cue (PlenumCue *cue, gint64 duration_ms, Problems *problems)
{
  g_autofree char *start = format_clock (cue->start_ms);

  if (!has_text (cue->text)) {
    add_problem (problems, PROBLEM_NO_TEXT, "cue at %s has no text; dropped", start);
    return FALSE;
  }
  if (cue->end_ms < cue->start_ms) {
    g_autofree char *end = format_clock (cue->end_ms);
    add_problem (problems, PROBLEM_ENDS_BEFORE_START,
                 "cue at %s ends before it starts (at %s); given its reading time", start, end);
    cue->end_ms = cue->start_ms + reading_time_ms (cue->text);
  }
  if (cue->end_ms == cue->start_ms) {
    add_problem (problems, PROBLEM_NO_TIME, "cue at %s lasts no time; dropped", start);
    return FALSE;
  }
  if (duration_ms >= 0 && cue->start_ms >= duration_ms) {
    g_autofree char *end = format_clock (duration_ms);
    add_problem (problems, PROBLEM_AFTER_END,
                 "cue at %s starts after the recording ends (%s); dropped", start, end);
    return FALSE;
  }
  if (duration_ms >= 0 && cue->end_ms > duration_ms)
    cue->end_ms = duration_ms;
  return TRUE;
}

/* Whether `cue`, starting with `previous`, went into it. */
static gboolean
merge_same_start (PlenumCue *previous, PlenumCue *cue, Problems *problems)
{
  g_autofree char *start = NULL;

  if (previous->start_ms != cue->start_ms)
    return FALSE;
  start = format_clock (cue->start_ms);
  if (g_strcmp0 (previous->text, cue->text) == 0) {
    add_problem (problems, PROBLEM_DUPLICATE, "cue at %s appears twice; kept once", start);
  } else {
    /* Two speakers at once, or WebVTT cues placed side by side: one screen holds both. */
    char *joined = g_strconcat (previous->text, "\n", cue->text, NULL);
    g_free (previous->text);
    previous->text = joined;
    add_problem (problems, PROBLEM_SAME_START,
                 "cue at %s starts together with the one before; shown together", start);
  }
  previous->end_ms = MAX (previous->end_ms, cue->end_ms);
  return TRUE;
}

GPtrArray *
plenum_subtitle_fit (GPtrArray *cues, gint64 duration_ms, GPtrArray *problems, const char *name)
{
  Problems report = { .list = problems, .name = name };
  PlenumCue **all;
  PlenumCue *previous = NULL;
  gsize n;

  g_return_val_if_fail (cues != NULL, NULL);
  g_return_val_if_fail (name != NULL, cues);

  g_ptr_array_sort (cues, compare_start);
  /* The cues leave the array without being freed and come back one by one if they stay. */
  all = (PlenumCue **) g_ptr_array_steal (cues, &n);
  for (gsize i = 0; i < n; i++) {
    PlenumCue *cue = all[i];

    if (!fit_cue (cue, duration_ms, &report) ||
        (previous != NULL && merge_same_start (previous, cue, &report))) {
      plenum_cue_free (cue);
      continue;
    }
    if (previous != NULL && previous->end_ms > cue->start_ms) {
      g_autofree char *start = format_clock (previous->start_ms);
      g_autofree char *next = format_clock (cue->start_ms);
      add_problem (&report, PROBLEM_OVERLAP,
                   "cue at %s runs into the next one (at %s); now ends there", start, next);
      previous->end_ms = cue->start_ms;
    }
    g_ptr_array_add (cues, cue);
    previous = cue;
  }
  g_free (all);
  count_unlisted_problems (&report);
  return cues;
}

/* Writing ------------------------------------------------------------------------------------- */

gboolean
plenum_subtitle_write (GPtrArray *cues, const char *path, PlenumSubtitleFormat format,
                       GError **error)
{
  g_autoptr (GString) contents = NULL;
  guint written = 0;

  g_return_val_if_fail (cues != NULL && path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  contents = g_string_new (format == PLENUM_SUBTITLE_VTT ? "WEBVTT\n\n" : "");
  for (guint i = 0; i < cues->len; i++) {
    const PlenumCue *cue = g_ptr_array_index (cues, i);
    g_autofree char *block = NULL;

    g_return_val_if_fail (cue->start_ms >= 0 && cue->end_ms >= cue->start_ms, FALSE);
    block = plenum_subtitle_cue_block (cue, written + 1, format);
    if (block == NULL)
      continue;
    g_string_append (contents, block);
    written++;
  }
  return g_file_set_contents_full (path, contents->str, contents->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0666, error);
}

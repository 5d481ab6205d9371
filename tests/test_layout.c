/* Unit tests for overlays/layout.c: where the interpreter, insets and captions go. */
#include "overlays/layout.h"

static PlenumInterpreterConfig
interpreter (PlenumCorner corner, double height_pct, double margin_pct)
{
  return (PlenumInterpreterConfig) { .present = TRUE, .source = "dgs", .corner = corner,
    .height_pct = height_pct, .margin_pct = margin_pct, .visible = TRUE };
}

static void
test_interpreter_default_corner (void)
{
  PlenumInterpreterConfig config = interpreter (PLENUM_CORNER_BOTTOM_RIGHT, 40, 3);
  PlenumRect r = plenum_layout_interpreter_rect (1280, 720, &config, 640, 480);

  /* 40 % of 720 = 288 high, 4:3 = 384 wide, 3 % of 720 = 21.6 -> 20 px (even) margin. */
  g_assert_cmpint (r.height, ==, 288);
  g_assert_cmpint (r.width, ==, 384);
  g_assert_cmpint (r.x, ==, 1280 - 20 - 384);
  g_assert_cmpint (r.y, ==, 720 - 20 - 288);
}

static void
test_interpreter_every_corner (void)
{
  struct { PlenumCorner corner; int x, y; } cases[] = {
    { PLENUM_CORNER_TOP_LEFT, 20, 20 },
    { PLENUM_CORNER_TOP_RIGHT, 1280 - 20 - 512, 20 },
    { PLENUM_CORNER_BOTTOM_LEFT, 20, 720 - 20 - 288 },
    { PLENUM_CORNER_BOTTOM_RIGHT, 1280 - 20 - 512, 720 - 20 - 288 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    PlenumInterpreterConfig config = interpreter (cases[i].corner, 40, 3);
    PlenumRect r = plenum_layout_interpreter_rect (1280, 720, &config, 1920, 1080);
    g_assert_cmpint (r.width, ==, 512);
    g_assert_cmpint (r.x, ==, cases[i].x);
    g_assert_cmpint (r.y, ==, cases[i].y);
  }
}

static void
test_interpreter_sizes_are_even_and_inside (void)
{
  for (int pct = 5; pct <= 100; pct += 7) {
    PlenumInterpreterConfig config = interpreter (PLENUM_CORNER_BOTTOM_RIGHT, pct, 3);
    PlenumRect r = plenum_layout_interpreter_rect (1920, 1080, &config, 720, 576);
    g_assert_cmpint (r.width % 2, ==, 0);
    g_assert_cmpint (r.height % 2, ==, 0);
    g_assert_cmpint (r.x, >=, 0);
    g_assert_cmpint (r.y, >=, 0);
    g_assert_cmpint (r.x + r.width, <=, 1920);
    g_assert_cmpint (r.y + r.height, <=, 1080);
  }
}

static void
test_interpreter_unknown_aspect_assumes_16_9 (void)
{
  PlenumInterpreterConfig config = interpreter (PLENUM_CORNER_BOTTOM_RIGHT, 40, 3);
  PlenumRect r = plenum_layout_interpreter_rect (1280, 720, &config, 0, 0);
  g_assert_cmpint (r.width, ==, 512);
}

static void
test_captions_avoid_a_bottom_interpreter (void)
{
  PlenumInterpreterConfig config = interpreter (PLENUM_CORNER_BOTTOM_RIGHT, 40, 3);
  PlenumRect pip = plenum_layout_interpreter_rect (1280, 720, &config, 640, 480);
  PlenumRect area = plenum_layout_caption_area (1280, 720, 40, 2, &pip);

  g_assert_false (plenum_rect_intersects (&area, &pip));
  g_assert_cmpint (area.width, >=, 640);
  g_assert_cmpint (area.y + area.height, >, 600);   /* still at the bottom */
}

static void
test_captions_span_the_width_when_the_interpreter_is_at_the_top (void)
{
  PlenumInterpreterConfig config = interpreter (PLENUM_CORNER_TOP_RIGHT, 40, 3);
  PlenumRect pip = plenum_layout_interpreter_rect (1280, 720, &config, 640, 480);
  PlenumRect area = plenum_layout_caption_area (1280, 720, 40, 2, &pip);

  g_assert_false (plenum_rect_intersects (&area, &pip));
  g_assert_cmpint (area.width, >, 1100);
}

static void
test_captions_rise_above_a_huge_interpreter (void)
{
  PlenumRect pip = { 300, 400, 700, 300 };   /* in the middle, wide */
  PlenumRect area = plenum_layout_caption_area (1280, 720, 40, 2, &pip);

  g_assert_false (plenum_rect_intersects (&area, &pip));
  g_assert_cmpint (area.y + area.height, <=, pip.y);
}

static void
test_inset_takes_its_corner (void)
{
  PlenumSceneConfig scene = { .id = "s", .main = "a", .inset = "b",
    .inset_corner = PLENUM_CORNER_TOP_LEFT, .inset_height_pct = 30 };
  PlenumRect r = plenum_layout_inset_rect (1280, 720, &scene, 3);

  g_assert_cmpint (r.x, ==, 20);
  g_assert_cmpint (r.y, ==, 20);
  g_assert_cmpint (r.height, ==, 216);
  g_assert_cmpint (r.width, ==, 384);
}

static void
assert_clear_of (const PlenumRect *a, const PlenumRect *b)
{
  g_assert_false (plenum_rect_intersects (a, b));
  g_assert_cmpint (a->x, >=, 0);
  g_assert_cmpint (a->y, >=, 0);
}

static void
test_lower_third_stands_above_the_captions_on_the_left (void)
{
  PlenumRect captions = plenum_layout_caption_area (1280, 720, 40, 2, NULL);
  PlenumRect area = plenum_layout_lower_third_area (1280, 720, 40, &captions, NULL);

  /* margin 4 % of 720 = 28; 60 % of 1280 = 768; 40 px line + 20 padding. */
  g_assert_cmpint (area.x, ==, 28);
  g_assert_cmpint (area.width, ==, 768);
  g_assert_cmpint (area.height, ==, 60);
  g_assert_cmpint (area.y + area.height, ==, captions.y - 14);
}

static void
test_lower_third_narrows_before_a_bottom_right_interpreter (void)
{
  PlenumInterpreterConfig config = interpreter (PLENUM_CORNER_BOTTOM_RIGHT, 40, 3);
  PlenumRect pip = plenum_layout_interpreter_rect (1280, 720, &config, 1920, 1080);
  PlenumRect captions = plenum_layout_caption_area (1280, 720, 40, 2, &pip);
  PlenumRect area = plenum_layout_lower_third_area (1280, 720, 40, &captions, &pip);

  assert_clear_of (&area, &pip);
  g_assert_cmpint (area.x, ==, 28);
  g_assert_cmpint (area.width, ==, pip.x - 28 - 28);
}

static void
test_lower_third_moves_right_of_a_bottom_left_interpreter (void)
{
  PlenumInterpreterConfig config = interpreter (PLENUM_CORNER_BOTTOM_LEFT, 40, 3);
  PlenumRect pip = plenum_layout_interpreter_rect (1280, 720, &config, 1920, 1080);
  PlenumRect captions = plenum_layout_caption_area (1280, 720, 40, 2, &pip);
  PlenumRect area = plenum_layout_lower_third_area (1280, 720, 40, &captions, &pip);

  assert_clear_of (&area, &pip);
  g_assert_cmpint (area.x, ==, pip.x + pip.width + 28);
  g_assert_cmpint (area.x + area.width, <=, 1280 - 28);
}

static void
test_lower_third_rises_above_a_huge_interpreter (void)
{
  PlenumInterpreterConfig config = interpreter (PLENUM_CORNER_BOTTOM_RIGHT, 80, 3);
  PlenumRect pip = plenum_layout_interpreter_rect (1280, 720, &config, 1920, 1080);
  PlenumRect captions = plenum_layout_caption_area (1280, 720, 40, 2, &pip);
  PlenumRect area = plenum_layout_lower_third_area (1280, 720, 40, &captions, &pip);

  assert_clear_of (&area, &pip);
  g_assert_cmpint (area.width, ==, 768);
  g_assert_cmpint (area.y + area.height, <=, pip.y);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/layout/interpreter/default-is-bottom-right-40-percent-3-percent-margin",
                   test_interpreter_default_corner);
  g_test_add_func ("/layout/interpreter/every-corner-keeps-the-margin", test_interpreter_every_corner);
  g_test_add_func ("/layout/interpreter/sizes-are-even-and-inside-the-picture",
                   test_interpreter_sizes_are_even_and_inside);
  g_test_add_func ("/layout/interpreter/unknown-aspect-assumes-16-9",
                   test_interpreter_unknown_aspect_assumes_16_9);
  g_test_add_func ("/layout/captions/avoid-a-bottom-interpreter", test_captions_avoid_a_bottom_interpreter);
  g_test_add_func ("/layout/captions/span-the-width-when-the-interpreter-is-at-the-top",
                   test_captions_span_the_width_when_the_interpreter_is_at_the_top);
  g_test_add_func ("/layout/captions/rise-above-a-huge-interpreter", test_captions_rise_above_a_huge_interpreter);
  g_test_add_func ("/layout/inset/takes-its-corner", test_inset_takes_its_corner);
  g_test_add_func ("/layout/lower-third/stands-above-the-captions-on-the-left",
                   test_lower_third_stands_above_the_captions_on_the_left);
  g_test_add_func ("/layout/lower-third/narrows-before-a-bottom-right-interpreter",
                   test_lower_third_narrows_before_a_bottom_right_interpreter);
  g_test_add_func ("/layout/lower-third/moves-right-of-a-bottom-left-interpreter",
                   test_lower_third_moves_right_of_a_bottom_left_interpreter);
  g_test_add_func ("/layout/lower-third/rises-above-a-huge-interpreter",
                   test_lower_third_rises_above_a_huge_interpreter);
  return g_test_run ();
}

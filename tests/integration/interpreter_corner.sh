#!/usr/bin/env bash
# The interpreter sits at its corner, above every scene, at height_pct with margin_pct.
. "$(dirname "$0")/lib.sh"

# show CORNER HEIGHT_PCT MARGIN_PCT: main camera blue, interpreter red, one scene with a
# green inset in the interpreter's own corner (the interpreter must stay on top of it).
show() {
  cat > "show-$1.json" <<JSON
{ "name": "corner $1",
  "sources": [ { "id": "cam", "kind": "test", "pattern": "blue" },
               { "id": "other", "kind": "test", "pattern": "green" },
               { "id": "dgs", "kind": "test", "pattern": "red", "tone_hz": 0 } ],
  "interpreter": { "source": "dgs", "corner": "$1", "height_pct": $2, "margin_pct": $3 },
  "scenes": [ { "id": "s", "main": "cam", "inset": "other", "inset_corner": "$1", "inset_height_pct": 50 } ],
  "outputs": [ { "id": "rec", "kind": "record", "dir": "out-$1" } ] }
JSON
}

check_corner() {
  local corner=$1 pct=$2 margin_pct=$3
  show "$corner" "$pct" "$margin_pct"
  expect_exit 0 "$PLENUM" run "show-$corner.json" --headless --duration 5 --quiet
  local rec; rec=$(the_recording "out-$corner")
  local h=$((720 * pct / 100)); h=$((h - h % 2))
  local m; m=$(awk -v p="$margin_pct" 'BEGIN { m = int(720 * p / 100); print m - m % 2 }')
  # Points just inside the interpreter's two edges away from its corner, and just outside.
  local in_x in_y out_x out_y
  case $corner in
    bottom-right) in_x=$((1280 - m - 6)); in_y=$((720 - m - h + 6)); out_x=$((1280 - m - 6)); out_y=$((720 - m - h - 6)) ;;
    top-left)     in_x=$((m + 6));        in_y=$((m + h - 6));       out_x=$((m + 6));        out_y=$((m + h + 6)) ;;
  esac
  local inside outside margin
  inside=$(pixel "$rec" 4 "$in_x" "$in_y")
  outside=$(pixel "$rec" 4 "$out_x" "$out_y")
  colour_is "$inside" red || fail "$corner: ($in_x,$in_y) is '$inside', expected the interpreter (red)"
  colour_is "$outside" green || fail "$corner: ($out_x,$out_y) is '$outside', expected the inset (green) around it"
  # The margin stays clear of the interpreter (the inset may fill it).
  case $corner in
    bottom-right) margin=$(pixel "$rec" 4 $((1280 - m / 2)) $((720 - m - 10))) ;;
    top-left)     margin=$(pixel "$rec" 4 $((m / 2)) $((m + 10))) ;;
  esac
  colour_is "$margin" red && fail "$corner: the interpreter reaches into the ${m}px margin"
  ok "$corner interpreter at ${pct}% with ${m}px margin, above the inset"
}

check_corner bottom-right 40 3
check_corner top-left 30 5

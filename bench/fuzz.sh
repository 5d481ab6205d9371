#!/usr/bin/env bash
# bench/fuzz.sh [--keep] [SECONDS] [TARGET...] — runs every libFuzzer target of tests/fuzz (or
# those named, e.g. "show") for SECONDS each (default 60), one after another, on a scratch copy
# of its corpus in tests/fuzz/corpus/, and prints per target: executions a second, coverage
# (libFuzzer's "cov:" at the end), the corpus it ended with and the result. Absolute numbers:
# nothing is compared. Exits 1 when a target crashed, leaked, hung (over 10 s on one input) or
# ran out of memory (2 GB); its inputs go to tests/fuzz/crashers/TARGET/. The repository's
# corpus grows only with --keep, and only by inputs that reach new edges (-merge=1
# -use_counters=0; with hit counts too it would keep hundreds that add nothing to "cov").
# Builds build-fuzz (clang, ASan+UBSan, -Dfuzz=true) when it is missing; BUILD=dir overrides.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
fuzz_dir=$root/tests/fuzz
BUILD=${BUILD:-$root/build-fuzz}
keep=0
[[ ${1:-} == --keep ]] && { keep=1; shift; }
SECONDS_EACH=${1:-60}
[[ $SECONDS_EACH =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [--keep] [SECONDS] [TARGET...]" >&2; exit 2; }
shift || true
die() { echo "fuzz.sh: $*" >&2; exit 2; }

all=$(sed -n "/^fuzz_targets = \[/,/\]/p" "$fuzz_dir/meson.build" | grep -o "'[a-z_0-9]*'" | tr -d "'")
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || read -r -a targets <<< "$(echo $all)"
for t in "${targets[@]}"; do
  grep -qx "$t" <<< "$all" || die "no target \"$t\" (targets: $(echo $all))"
done

if [[ ! -f $BUILD/build.ninja ]]; then
  command -v clang >/dev/null || die "clang is missing (apt-get install clang libclang-rt-14-dev)"
  CC=clang nice -n 19 meson setup "$BUILD" "$root" -Dfuzz=true -Db_sanitize=address,undefined \
    -Db_lundef=false >/dev/null || die "meson setup $BUILD failed"
fi
nice -n 19 ninja -C "$BUILD" "${targets[@]/#/tests/fuzz/fuzz_}" >/dev/null ||
  die "ninja -C $BUILD failed"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/plenum-fuzz.XXXXXX")
trap '[[ ${KEEP_TMP:-0} == 1 ]] && echo "kept $tmp" >&2 || rm -rf "$tmp"' EXIT

# Leaks, undefined behaviour and GLib's slice allocator: all made visible to the sanitizers.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export G_SLICE=always-malloc G_DEBUG=gc-friendly

printf '%-18s %10s %8s %14s  %s\n' target execs/s cov corpus result
failed=0
for t in "${targets[@]}"; do
  corpus=$tmp/corpus/$t
  artifacts=$tmp/artifacts/$t
  mkdir -p "$corpus" "$artifacts" "$fuzz_dir/corpus/$t"
  cp -r "$fuzz_dir/corpus/$t/." "$corpus/"
  dict=()
  [[ -f $fuzz_dir/$t.dict ]] && dict=(-dict="$fuzz_dir/$t.dict")
  status=0
  nice -n 19 "$BUILD/tests/fuzz/fuzz_$t" -max_total_time="$SECONDS_EACH" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/" ${dict[@]+"${dict[@]}"} \
    "$corpus" > "$tmp/$t.log" 2>&1 || status=$?
  execs=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$tmp/$t.log" | tail -n 1)
  cov=$(grep -o 'cov: [0-9]*' "$tmp/$t.log" | tail -n 1 | cut -d' ' -f2)
  size=$(find "$corpus" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f", s / 1024 }')
  result=ok
  found=$(find "$artifacts" -type f ! -name 'slow-unit-*' | sort)
  if [[ $status -ne 0 || -n $found ]]; then
    failed=1
    case "$(basename "$(head -n 1 <<< "$found")")" in
      leak-*) result=LEAK ;; timeout-*) result=TIMEOUT ;; oom-*) result=OOM ;; *) result=CRASH ;;
    esac
    mkdir -p "$fuzz_dir/crashers/$t"
    [[ -z $found ]] || cp $found "$fuzz_dir/crashers/$t/"
    result="$result (exit $status; tests/fuzz/crashers/$t/, log: see below)"
  fi
  printf '%-18s %10s %8s %14s  %s\n' "$t" "${execs:-?}" "${cov:-?}" \
    "$(find "$corpus" -type f | wc -l) files/${size}K" "$result"
  if [[ $result != ok ]]; then
    grep -E '^(==[0-9]+==|SUMMARY|    #[0-9]|.*runtime error|.*CRITICAL|.*WARNING|.*ERROR)' "$tmp/$t.log" |
      head -n 25 | sed 's/^/    /' >&2
  fi
  if [[ $keep == 1 ]]; then
    nice -n 19 "$BUILD/tests/fuzz/fuzz_$t" -merge=1 -use_counters=0 "$fuzz_dir/corpus/$t" "$corpus" \
      > "$tmp/$t.merge.log" 2>&1 || echo "    merge into the corpus failed" >&2
  fi
done
exit $failed

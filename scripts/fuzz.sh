#!/usr/bin/env bash
# Runs jikgu's fuzz targets (fuzz/fuzz_targets/) one after the other, each for a bounded time, and
# prints what each did. Not part of `make test` or CI: run it by hand with `make fuzz`.
#
#   scripts/fuzz.sh [TARGET...]      every target when none is named: number link dataset
#
#   FUZZ_SECONDS   seconds per target (default 60)
#   FUZZ_FLAGS     extra libFuzzer flags, e.g. "-jobs=2" or "-runs=100000"
#
# Each target starts from its seeds (fuzz/corpus/<target>/seed-*, plus the shipped data file for the
# dataset target) and whatever corpus earlier runs left beside them, which only the seeds are
# committed from. The full libFuzzer output goes to fuzz/logs/<target>.log; a crash, hang or
# out-of-memory input is written to fuzz/artifacts/<target>/ and the script exits non-zero after the
# other targets have run. Replay one with `cargo +nightly fuzz run <target> <file>`.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_EACH=${FUZZ_SECONDS:-60}
read -r -a EXTRA <<<"${FUZZ_FLAGS:-}"
if [ $# -gt 0 ]; then TARGETS=("$@"); else TARGETS=(number link dataset); fi

say() { printf '\033[1m[fuzz]\033[0m %s\n' "$*" >&2; }

cd "$ROOT"
mkdir -p fuzz/logs
failed=()
for target in "${TARGETS[@]}"; do
  if [ ! -f "fuzz/fuzz_targets/$target.rs" ]; then
    say "no target $target (fuzz/fuzz_targets/$target.rs)"; exit 2
  fi
  flags=(
    "-max_total_time=$SECONDS_EACH"
    # A single input taking seconds is a finding (a hang), not something to wait twenty minutes for.
    -timeout=10
    -print_final_stats=1
  )
  if [ -f "fuzz/dict/$target.dict" ]; then flags+=("-dict=$ROOT/fuzz/dict/$target.dict"); fi
  case "$target" in
    # A field holds at most 64 characters after trimming; room for spaces and 3-byte characters.
    number) flags+=(-max_len=512) ;;
    # The shipped file is the best seed, read where it lives rather than copied.
    dataset) flags+=("-seed_inputs=$ROOT/static/data/jikgu.toml") ;;
  esac
  log="fuzz/logs/$target.log"
  say "$target: ${SECONDS_EACH}s (building first if needed; output in $log)"
  status=0
  cargo +nightly fuzz run "$target" "$ROOT/fuzz/corpus/$target" -- "${flags[@]}" "${EXTRA[@]}" \
    >"$log" 2>&1 || status=$?

  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\) ft: \([0-9]*\) corp: \([0-9]*\).*/\1 edges, \2 features, corpus \3/p' \
    <<<"$done_line")
  if [ "$status" -eq 0 ]; then
    say "$target: ${runs:-?} executions (${rate:-?}/s), ${cov:-no coverage line}"
  else
    failed+=("$target")
    say "$target: FAILED after ${runs:-?} executions (exit $status); from $log:"
    grep -E "panicked at|^SUMMARY|ERROR: libFuzzer|Test unit written to|Killed|error(\[|:)" "$log" |
      head -n 20 >&2 || tail -n 20 "$log" >&2
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  say "findings in: ${failed[*]} (inputs in fuzz/artifacts/)"
  exit 1
fi
say "no findings"

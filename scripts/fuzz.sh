#!/usr/bin/env bash
# Long fuzzing runs: builds the libFuzzer targets (preset fuzz, Debian's
# clang with -fsanitize=fuzzer,address,undefined) and runs each for RUNS
# executions or SECONDS, whichever comes first, two at a time (the machine
# has two cores), each pinned to its own core (taskset) and not niced:
# libFuzzer's timeout (25 s here) counts wall-clock time, and a niced fuzzer
# beside a build was starved into false timeouts. The growing corpora and any findings go to
# build/fuzz-runs/ (findings: build/fuzz-runs/findings/NAME-crash-..., to be
# fixed and then kept in tests/data/regressions/NAME/). Each run's last lines
# (libFuzzer's stat::number_of_executed_units) are in build/fuzz-runs/NAME.log.
#
#   scripts/fuzz.sh [RUNS [SECONDS [NAME...]]]      defaults: 10000000 3600, all six
#   scripts/fuzz.sh 10000000 3600 nfg efg           two of them
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10000000}
seconds=${2:-3600}
shift $(($# < 2 ? $# : 2))
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(nfg efg stochastic_json lrsnash_output automata_json command)
bash scripts/ensure-deps.sh
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
work=build/fuzz-runs
mkdir -p "$work"
run_one() {
  local name=$1 core=$2 pin=()
  [ "$(nproc)" -gt "$core" ] && command -v taskset >/dev/null && pin=(taskset -c "$core")
  "${pin[@]}" bash fuzz/run.sh "$name" "build/fuzz/fuzz/${name}_fuzzer" "$work" -runs="$runs" -max_total_time="$seconds" -timeout=25 \
    >"$work/$name.log" 2>&1 && status=0 || status=$?
  echo "$name: exit $status, $(grep -h 'stat::number_of_executed_units' "$work/$name.log" | tail -n 1)"
}
# Two at a time.
for ((k = 0; k < ${#names[@]}; k += 2)); do
  run_one "${names[k]}" 0 &
  if [ $((k + 1)) -lt ${#names[@]} ]; then run_one "${names[k + 1]}" 1 & fi
  wait
done
ls "$work/findings" 2>/dev/null | sed 's/^/finding: /' || true

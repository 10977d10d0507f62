#!/usr/bin/env bash
# Runs one libFuzzer target with its seeds and dictionary.
# Usage: fuzz/run.sh NAME FUZZER WORKDIR [libFuzzer options...]
#   NAME     nfg | efg | stochastic_json | lrsnash_output | automata_json | command
#   FUZZER   the built target (build/fuzz/fuzz/NAME_fuzzer)
#   WORKDIR  where the growing corpus (WORKDIR/NAME) and findings
#            (WORKDIR/findings/NAME-*) go
# Seeds: the project's test files, the inputs kept from earlier findings
# (tests/data/regressions/NAME), and the Gambit corpus read in place from
# IMPASSE_CORPUS_DIR (default ../shared/corpus; skipped when absent, never
# copied). Prints libFuzzer's final statistics (stat::number_of_executed_units).
set -euo pipefail
name=$1 fuzzer=$2 work=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
data=$root/tests/data
corpus_dir=${IMPASSE_CORPUS_DIR:-$root/../shared/corpus}
mkdir -p "$work/$name" "$work/findings" "$data/regressions/$name"
seeds=$work/seeds-$name
rm -rf "$seeds"
mkdir -p "$seeds"

# Seeds that need a prefix (the target's first byte or the command's
# arguments) are made here from the project's files.
with_prefix() {  # with_prefix PREFIX FILE...: one seed per file, PREFIX then the file
  local prefix=$1
  shift
  for f in "$@"; do { printf "$prefix"; cat "$f"; } >"$seeds/$(basename "$f")-$(printf '%s' "$prefix" | cksum | cut -c1-6)"; done
}
dirs=()
case $name in
  nfg)
    dirs+=("$data/malformed" "$data/repeated" "$root/examples/games")
    [ -d "$corpus_dir/gambit" ] && dirs+=("$corpus_dir/gambit") ;;
  efg)
    cp "$data/kuhn_poker.efg" "$seeds/"
    dirs+=("$data/malformed-efg")
    [ -d "$corpus_dir/gambit" ] && dirs+=("$corpus_dir/gambit") ;;
  stochastic_json)
    dirs+=("$data/stochastic") ;;
  lrsnash_output)
    dirs+=("$here/seeds/lrsnash_output") ;;
  automata_json)
    with_prefix '\000' "$data"/repeated/*.json
    with_prefix '\001' "$data"/repeated/*.json ;;
  command)
    with_prefix 'solve\000--method\000pure\000--exact\000-\000\000' "$root/examples/games/stalling.nfg" "$data"/repeated/*.nfg
    with_prefix 'solve\000--method\000vertex\000--check\000-\000\000' "$root/examples/games/stalling.nfg"
    with_prefix 'solve\000--method\000lh\000--label\0003\000--format\000json\000\000' "$data/repeated/abreu_sannikov.nfg"
    with_prefix 'solve\000--method\000spe\000--check\000\000' "$data/kuhn_poker.efg"
    with_prefix 'solve\000-m\000lcp\000--exact\000\000' "$data/kuhn_poker.efg"
    with_prefix 'convert\000--to\000lrsnash\000\000' "$data/repeated/prisoners_dilemma.nfg"
    with_prefix 'stochastic\000--method\000pure\000--values\000\000' "$data/stochastic/big_match.json" "$data/stochastic/talks.json"
    with_prefix 'stochastic\000--method\000shapley\000--exact\000\000' "$data/stochastic/big_match.json"
    with_prefix 'stochastic\000-m\000homotopy\000--horizon\0002\000\000' "$data/stochastic/matching_pennies.json"
    with_prefix 'repeated\000--delta\0009/10\000--exact\000\000' "$data/repeated/prisoners_dilemma.nfg"
    with_prefix 'repeated\000--delta\0001/2\000--horizon\0003\000\000' "$data/repeated/two_equilibria.nfg"
    printf 'generate\000random\000--strategies\0003,4\000--seed\0007\000' >"$seeds/generate"
    printf 'generate\000blotto\000--size\0003\000--soldiers\0004\000' >"$seeds/blotto"
    printf 'solve\000--help\000' >"$seeds/help" ;;
  *) echo "unknown fuzzer $name" >&2; exit 2 ;;
esac

options=(-dict="$here/dict/$name.dict" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
         -artifact_prefix="$work/findings/$name-")
case $name in
  command) options+=(-max_len=2048) ;;
  *) options+=(-max_len=16384) ;;
esac
# Leaks are findings; detect_leaks is libFuzzer's default under ASan.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
exec "$fuzzer" "${options[@]}" "$@" "$work/$name" "$seeds" "$data/regressions/$name" "${dirs[@]}"

#!/usr/bin/env bash
# impasse against lrsnash (lrslib, exact vertex enumeration) on the same
# games: uniform random n x n games with integer payoffs in [0, 99], written
# by `impasse generate` and converted with `impasse convert --to lrsnash`.
# Both are timed as whole processes (start-up included), each game run once
# per tool, and the script prints, per size, the median time of each, their
# ratio, the largest peak memory (resident set, by /usr/bin/time, which both
# runs go through) of each, and whether both found the same number of
# extreme equilibria.
#
# Usage: benchmarks/compare_lrsnash.sh [IMPASSE] [GAMES_PER_SIZE] [SIZES...]
#   defaults: build/release/impasse, 10 games, sizes 8 10 12 14
set -euo pipefail
impasse=${1:-build/release/impasse}
games=${2:-10}
shift $(( $# > 2 ? 2 : $# )) || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(8 10 12 14)
command -v lrsnash >/dev/null || { echo "lrsnash not found: apt-get install lrslib" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

printf '%-6s %8s %14s %14s %10s %12s %12s %s\n' size games "impasse (s)" "lrsnash (s)" ratio "impasse MB" "lrsnash MB" \
  "equilibria agree"
for n in "${sizes[@]}"; do
  : >"$work/impasse.times"
  : >"$work/lrs.times"
  : >"$work/impasse.memory"
  : >"$work/lrs.memory"
  agree=yes
  for seed in $(seq 1 "$games"); do
    "$impasse" generate random --strategies "$n,$n" --seed "$seed" >"$work/g.nfg"
    "$impasse" convert --to lrsnash "$work/g.nfg" >"$work/g.lrs"
    t0=$(now)
    /usr/bin/time -f %M -a -o "$work/impasse.memory" "$impasse" solve --method vertex --exact "$work/g.nfg" >"$work/impasse.out"
    t1=$(now)
    /usr/bin/time -f %M -a -o "$work/lrs.memory" lrsnash "$work/g.lrs" >"$work/lrs.out" 2>/dev/null
    t2=$(now)
    awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}' >>"$work/impasse.times"
    awk -v a="$t1" -v b="$t2" 'BEGIN {print b - a}' >>"$work/lrs.times"
    ours=$(grep -c '^NE' "$work/impasse.out" || true)
    theirs=$(sed -n 's/^\*Number of equilibria found: *//p' "$work/lrs.out")
    [ "$ours" = "$theirs" ] || agree="no (seed $seed: $ours vs $theirs)"
  done
  ti=$(median <"$work/impasse.times")
  tl=$(median <"$work/lrs.times")
  mi=$(sort -g "$work/impasse.memory" | tail -1)
  ml=$(sort -g "$work/lrs.memory" | tail -1)
  printf '%-6s %8s %14.4f %14.4f %9.1fx %12.1f %12.1f %s\n' "${n}x${n}" "$games" "$ti" "$tl" \
    "$(awk -v a="$tl" -v b="$ti" 'BEGIN {print a / b}')" "$(awk -v k="$mi" 'BEGIN {print k / 1024}')" \
    "$(awk -v k="$ml" 'BEGIN {print k / 1024}')" "$agree"
done

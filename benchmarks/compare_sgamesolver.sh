#!/usr/bin/env bash
# impasse's logit homotopy (`impasse stochastic --method homotopy`) against
# sgamesolver's QRE homotopy (Eibelshaeuser and Poensgen; its Cython
# implementation) on sgamesolver's own dense random games:
# `SGame.random_game(S, 2, A, delta=0.95, seed)`, payoffs uniform in [0, 1),
# every state reachable from every outcome.
#
# benchmarks/sgamesolver_peer.py makes each game with sgamesolver, writes it
# in impasse's JSON format, and times sgamesolver's solver in-process
# (`solver_setup` and `solve`, leaving out Python's start-up and imports).
# impasse is timed as a whole process (start-up and reading the JSON file,
# whose next-state probabilities are exact fractions, included), which
# favours the peer. Per size it prints each game's times, path steps and
# final lambda, then the medians and their ratio (sgamesolver / impasse: above
# 1, impasse is faster).
#
# This script fetches and installs nothing. sgamesolver must be importable
# with its Cython extensions built, from the folder SGAMESOLVER_DIR (the root
# of its source tree, after `python3 setup.py build_ext --inplace`; Debian's
# python3-numpy, python3-scipy, python3-pandas, cython3, python3-dev and, for
# numpy's linear algebra, libopenblas-dev).
#
# Usage: benchmarks/compare_sgamesolver.sh [IMPASSE] [GAMES_PER_SIZE] [SIZES...]
#   SIZES are STATESxACTIONS (default 16x3 32x4 64x4); IMPASSE defaults to
#   build/release/impasse; 3 games per size (seeds 1..GAMES).
# Environment:
#   SGAMESOLVER_DIR  sgamesolver's source tree, built (required)
#   PYTHON           interpreter with numpy, scipy, pandas (default /usr/bin/python3)
#   THREADS          OpenMP and OpenBLAS threads for sgamesolver (default 1:
#                    impasse's homotopy runs on one thread)
#   IMPASSE_BEFORE   a second impasse binary, timed on the same games (its
#                    column and ratio are printed beside the first's)
set -euo pipefail
impasse=${1:-build/release/impasse}
games=${2:-3}
shift $(( $# > 2 ? 2 : $# )) || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(16x3 32x4 64x4)
python=${PYTHON:-/usr/bin/python3}
threads=${THREADS:-1}
before=${IMPASSE_BEFORE:-}
here=$(cd "$(dirname "$0")" && pwd)

[ -x "$impasse" ] || { echo "impasse not found at $impasse" >&2; exit 1; }
[ -z "$before" ] || [ -x "$before" ] || { echo "IMPASSE_BEFORE=$before is not executable" >&2; exit 1; }
[ -n "${SGAMESOLVER_DIR:-}" ] || { echo "set SGAMESOLVER_DIR to sgamesolver's source tree (built in place)" >&2; exit 1; }
export PYTHONPATH="$SGAMESOLVER_DIR${PYTHONPATH:+:$PYTHONPATH}"
export OMP_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads
"$python" -c 'import sgamesolver.homotopy._qre_ct' 2>/dev/null || {
  echo "sgamesolver's Cython QRE is not importable from $SGAMESOLVER_DIR by $python" >&2
  echo "(build it there: $python setup.py build_ext --inplace)" >&2
  exit 1
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
median() { sort -g | awk 'NF {a[++n]=$1} END {if (!n) print "nan"; else print (n%2 ? a[(n+1)/2] : (a[n/2]+a[n/2+1])/2)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "nan" || b == "nan" || b == 0) print "-"; else printf "%.2fx", a / b}'; }
# Whole-process time of one impasse run; its output to $2.
time_impasse() {
  local t0 t1
  t0=$(now)
  "$1" stochastic --method homotopy "$3" >"$2" 2>"$2.err" || true
  t1=$(now)
  awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f\n", b - a}'
}

echo "sgamesolver: $(git -C "$SGAMESOLVER_DIR" rev-parse --short HEAD 2>/dev/null || echo "$SGAMESOLVER_DIR"), $threads thread(s); load: $(uptime | sed 's/.*load average: //')"
for size in "${sizes[@]}"; do
  S=${size%x*} A=${size#*x}
  echo "== $S states, 2 players, $A actions each (sgamesolver's random_game, delta 0.95), seeds 1..$games"
  printf '%5s %12s %7s %10s %12s %10s' seed sgamesolver steps lambda impasse "MPE found"
  [ -z "$before" ] || printf ' %12s' before
  echo
  : >"$work/peer.times"; : >"$work/ours.times"; : >"$work/before.times"
  for seed in $(seq 1 "$games"); do
    # Into a file, not through a process substitution: `read` would return
    # while Python is still shutting down (numpy, scipy, pandas: tens of
    # milliseconds), and that teardown would be timed with impasse's run.
    "$python" "$here/sgamesolver_peer.py" "$S" "$A" "$seed" "$work/g.json" >"$work/peer.out"
    read -r tp steps lambda ok <"$work/peer.out"
    [ "$ok" = 1 ] && echo "$tp" >>"$work/peer.times"
    ti=$(time_impasse "$impasse" "$work/ours.out" "$work/g.json")
    echo "$ti" >>"$work/ours.times"
    found=$(grep -c '^MPE' "$work/ours.out" || true)
    printf '%5s %12.4f %7s %10s %12s %10s' "$seed" "$tp" "$steps" "$lambda" "$ti" "$found"
    if [ -n "$before" ]; then
      tb=$(time_impasse "$before" "$work/before.out" "$work/g.json")
      echo "$tb" >>"$work/before.times"
      printf ' %12s' "$tb"
      cmp -s "$work/ours.out" "$work/before.out" || printf ' (outputs differ)'
    fi
    [ "$ok" = 1 ] || printf ' (sgamesolver failed)'
    echo
  done
  tp=$(median <"$work/peer.times"); ti=$(median <"$work/ours.times")
  printf 'median: sgamesolver %.4f s, impasse %.4f s, ratio %s' "$tp" "$ti" "$(ratio "$tp" "$ti")"
  if [ -n "$before" ]; then
    tb=$(median <"$work/before.times")
    printf '; before %.4f s, ratio %s' "$tb" "$(ratio "$tp" "$tb")"
  fi
  echo
done
echo "load after: $(uptime | sed 's/.*load average: //')"

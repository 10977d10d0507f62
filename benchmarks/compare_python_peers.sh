#!/usr/bin/env bash
# impasse against the Python peers (QuantEcon's and Nashpy's two-player
# solvers) on the same games: uniform random n x n games with integer payoffs
# in [0, 99], written by `impasse generate` and converted with
# `impasse convert --to lrsnash`, which benchmarks/python_peers.py reads.
#
# impasse is timed as a whole process (start-up included; `solve --method
# support` uses two threads, `--method vertex` one), in double (no --exact).
# A peer is timed in-process by python_peers.py (one process per game, after a
# warm-up call that absorbs Numba's compilation), so its number leaves out
# Python's start-up, which favours the peer. For support and vertex
# enumeration the script then also runs impasse's in-process benchmarks
# (support_enumeration_benchmark with one and two threads, and
# vertex_enumeration_benchmark; seeds 1 to 5, the same games as seeds 1 to 5
# here), so in-process can be compared with in-process; for Lemke-Howson it
# runs impasse's Python bindings in the same harness as the peer (when
# `import impasse` works: PYTHONPATH=build/release/python).
#
# Per size it prints the median time of each, the ratio peer / impasse, and
# whether both returned the same number of equilibria on every game (impasse
# returns every extreme equilibrium; a peer that returns fewer has missed
# some, as on degenerate games; a returned profile that is not an equilibrium
# is flagged "not Nash"). A peer run that exceeds PEER_TIMEOUT seconds
# is killed and counted as a timeout (left out of the median).
#
# Usage: benchmarks/compare_python_peers.sh [IMPASSE] [GAMES_PER_SIZE] [SIZES...]
#   defaults: build/release/impasse, 5 games, sizes 8 10 12
# Environment:
#   PYTHON        interpreter with numpy, scipy, numba (default python3)
#   PYTHONPATH    where the peers are, if not installed
#   SOLVERS       peers to run (default "quantecon-support quantecon-vertex");
#                 any of quantecon-support quantecon-vertex quantecon-lh
#                 nashpy-support nashpy-vertex nashpy-lh
#   PEER_TIMEOUT  seconds per peer run (default 600)
#   LH_LABEL      first dropped label for the Lemke-Howson runs (default 1)
#   LH_REPEAT     in-process Lemke-Howson calls per game, peer and impasse's
#                 bindings alike, the least time counted (default 5: a
#                 sub-millisecond call is at the mercy of the scheduler)
set -euo pipefail
impasse=${1:-build/release/impasse}
games=${2:-5}
shift $(( $# > 2 ? 2 : $# )) || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(8 10 12)
python=${PYTHON:-python3}
read -r -a solvers <<<"${SOLVERS:-quantecon-support quantecon-vertex}"
timeout_s=${PEER_TIMEOUT:-600}
label=${LH_LABEL:-1}
lh_repeat=${LH_REPEAT:-5}
here=$(cd "$(dirname "$0")" && pwd)
peers="$here/python_peers.py"
bench_dir=$(dirname "$impasse")/benchmarks

[ -x "$impasse" ] || { echo "impasse not found at $impasse: build it (cmake --preset release && cmake --build --preset release --target impasse)" >&2; exit 1; }
modules=()
for s in "${solvers[@]}"; do
  case $s in
    quantecon-*) modules+=(quantecon.game_theory) ;;
    nashpy-*) modules+=(nashpy.algorithms.support_enumeration nashpy.algorithms.vertex_enumeration nashpy.algorithms.lemke_howson) ;;
    *) echo "unknown solver $s" >&2; exit 1 ;;
  esac
done
for m in $(printf '%s\n' "${modules[@]}" | sort -u); do
  if ! "$python" -c "import numpy, scipy, numba, $m" 2>/dev/null; then
    echo "the Python peers are not importable by $python ($m, with numpy, scipy and numba)." >&2
    echo "Get them with:  pip install quantecon nashpy" >&2
    echo "(or set PYTHON to an interpreter that has them, and PYTHONPATH to their sources)" >&2
    exit 1
  fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
median() { sort -g | awk 'NF {a[++n]=$1} END {if (!n) print "nan"; else print (n%2 ? a[(n+1)/2] : (a[n/2]+a[n/2+1])/2)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "nan" || b == "nan" || b == 0) print "-"; else printf "%.2fx", a / b}'; }
declare -A peer_median

# impasse's method and CLI flags for each peer solver
impasse_method() {
  case $1 in
    *-support) echo support ;;
    *-vertex) echo vertex ;;
    *-lh) echo lh ;;
  esac
}

for n in "${sizes[@]}"; do
  echo "== ${n}x${n}, $games games (seeds 1..$games), payoffs 0..99"
  for seed in $(seq 1 "$games"); do
    "$impasse" generate random --strategies "$n,$n" --seed "$seed" >"$work/g$seed.nfg"
    "$impasse" convert --to lrsnash "$work/g$seed.nfg" >"$work/g$seed.lrs"
  done
  for method in $(for s in "${solvers[@]}"; do impasse_method "$s"; done | sort -u); do
    : >"$work/impasse-$method.times"
    for seed in $(seq 1 "$games"); do
      extra=()
      [ "$method" = lh ] && extra=(--label "$label")
      t0=$(now)
      "$impasse" solve --method "$method" "${extra[@]}" "$work/g$seed.nfg" >"$work/impasse-$method-$seed.out"
      t1=$(now)
      awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}' >>"$work/impasse-$method.times"
      grep -c '^NE' "$work/impasse-$method-$seed.out" >"$work/impasse-$method-$seed.count" || true
    done
  done
  unset peer_median; declare -A peer_median
  printf '%-18s %14s %14s %9s %8s %s\n' solver "peer (s)" "impasse (s)" ratio timeouts "equilibria agree (count per game)"
  for s in "${solvers[@]}"; do
    method=$(impasse_method "$s")
    : >"$work/peer.times"
    agree=yes timeouts=0 counts=""
    for seed in $(seq 1 "$games"); do
      extra=()
      [ "$method" = lh ] && extra=(--label "$label" --repeat "$lh_repeat")
      if timeout "$timeout_s" "$python" "$peers" "$s" "${extra[@]}" --impasse "$impasse" "$work/g$seed.lrs" >"$work/peer.out" 2>"$work/peer.err"; then
        read -r _ _ t c bad < <(grep '^TIME' "$work/peer.out")
        echo "$t" >>"$work/peer.times"
        [ "$bad" = 0 ] || c="$c($bad not Nash)"
      else
        timeouts=$((timeouts + 1)); c=timeout
      fi
      ours=$(cat "$work/impasse-$method-$seed.count")
      counts="$counts $ours/$c"
      [ "$ours" = "$c" ] || agree=no
    done
    ti=$(median <"$work/impasse-$method.times")
    tp=$(median <"$work/peer.times")
    peer_median[$method]="${peer_median[$method]:-} $s=$tp"
    printf '%-18s %14s %14.4f %9s %8s %s\n' "$s" "$(awk -v t="$tp" 'BEGIN {printf (t == "nan" ? "nan" : "%.6f"), t}')" "$ti" "$(ratio "$tp" "$ti")" "$timeouts" "$agree (impasse/peer:$counts)"
  done
  # In-process impasse numbers (the benchmarks use seeds 1..5).
  for method in $(for s in "${solvers[@]}"; do impasse_method "$s"; done | sort -u); do
    case $method in
      support)
        b="$bench_dir/support_enumeration_benchmark"
        [ -x "$b" ] && "$b" --benchmark_filter="support_enumeration_double/n:$n/" 2>/dev/null \
          | awk -v peers="${peer_median[support]}" '/^support/ {
              ms = ($3 == "ms") ? $2 : ($3 == "us") ? $2 / 1000 : $2 * 1000
              printf "  in-process impasse support, %s: %.3f ms per game (mean of seeds 1..5, wall);", $1, ms
              k = split(peers, p, " "); for (i = 1; i <= k; i++) { split(p[i], q, "="); if (q[2] != "nan") printf " %s/this %.2fx", q[1], q[2] * 1000 / ms }
              print "" }' ;;
      vertex)
        b="$bench_dir/vertex_enumeration_benchmark"
        [ -x "$b" ] && "$b" --benchmark_filter="vertex_enumeration_double(_reverse)?/$n\$" 2>/dev/null \
          | awk -v peers="${peer_median[vertex]}" '/^vertex/ {
              ms = (($3 == "ms") ? $2 : ($3 == "us") ? $2 / 1000 : $2 * 1000) / 5
              printf "  in-process impasse vertex, %s: %.3f ms per game (wall, all 5 games / 5), %s;", $1, ms, $7
              k = split(peers, p, " "); for (i = 1; i <= k; i++) { split(p[i], q, "="); if (q[2] != "nan") printf " %s/this %.2fx", q[1], q[2] * 1000 / ms }
              print "" }' ;;
      lh)
        # impasse's Python bindings in the peers' harness: both sides
        # in-process, one call per game after the same warm-up.
        if "$python" -c "import impasse" 2>/dev/null; then
          : >"$work/bindings-lh.times"
          for seed in $(seq 1 "$games"); do
            "$python" "$peers" impasse-lh --label "$label" --repeat "$lh_repeat" --impasse "$impasse" "$work/g$seed.lrs" \
              | awk '/^TIME/ {print $3}' >>"$work/bindings-lh.times"
          done
          tl=$(median <"$work/bindings-lh.times")
          printf '  in-process impasse lh (its Python bindings, same harness): %.3f ms per game (median);' \
            "$(awk -v t="$tl" 'BEGIN {print t * 1000}')"
          for pair in ${peer_median[lh]}; do
            printf ' %s/this %s' "${pair%%=*}" "$(ratio "${pair#*=}" "$tl")"
          done
          echo
        else
          echo "  (in-process impasse lh: build the bindings, cmake --build --preset release --target _impasse,"
          echo "   and put build/release/python on PYTHONPATH)"
        fi ;;
    esac
  done
done

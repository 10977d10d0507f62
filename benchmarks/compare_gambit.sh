#!/usr/bin/env bash
# impasse's n-player solvers against Gambit's matching command-line tools
# on the same files: the corpus games with three or more players
# (../shared/corpus/gambit, read in place) and seeded random 3-player games
# written by `impasse generate`. Both are timed as whole processes (start-up
# included), each run REPEATS times; the script prints the mean time of each
# per game, less the harness's own cost per run (measured first), and the
# ratio, and the mean number of equilibria each printed per run. A Gambit run that fails or passes the time limit is shown as such. Gambit is not a Debian package and is not part of
# impasse: build its command-line tools yourself and pass their folder.
#
#   method    impasse                          Gambit
#   logit     impasse solve -m logit FILE      gambit-logit -q -e FILE
#   enumpoly  impasse solve -m enumpoly FILE   gambit-enumpoly -q FILE
#   gnm       impasse solve -m gnm --seed R FILE
#                                              gambit-gnm -q -n 1 -R R FILE
#             (run R of the REPEATS: one perturbation, seeded with R, so
#             the mean is over REPEATS perturbations and a rerun repeats it;
#             the two tools draw different perturbations from a seed)
#   ipa       impasse solve -m ipa FILE        gambit-ipa -q FILE
#   simpdiv   impasse solve -m simpdiv --exact FILE
#                                              gambit-simpdiv -q FILE
#             (both in rationals, from every player's first strategy, grid
#             doubled until the regret is under 1e-7 of the payoff range)
#
# Usage: [SIZES="3 4 5 6"] benchmarks/compare_gambit.sh GAMBIT_BIN_DIR [IMPASSE] [REPEATS] [METHODS...]
#   SIZES: the random games, SIZE x SIZE x SIZE (seed 1)
#   defaults: build/release/impasse, 5 repeats, methods logit enumpoly gnm ipa simpdiv
set -euo pipefail
gambit=${1:?"give the folder holding gambit-logit, gambit-enumpoly, gambit-gnm, gambit-ipa, gambit-simpdiv"}
impasse=${2:-build/release/impasse}
repeats=${3:-5}
shift $(( $# > 3 ? 3 : $# )) || true
methods=("$@")
[ ${#methods[@]} -gt 0 ] || methods=(logit enumpoly gnm ipa simpdiv)
corpus=$(dirname "$0")/../../shared/corpus
limit=20
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

games=()
if [ -d "$corpus/gambit-expected" ]; then
  for answer in "$corpus"/gambit-expected/*.nfg.enumpoly; do
    games+=("$corpus/gambit/$(basename "$answer" .enumpoly)")
  done
fi
for size in ${SIZES:-3 4 5 6}; do
  "$impasse" generate random --strategies "$size,$size,$size" --seed 1 >"$work/random-${size}x${size}x${size}.nfg"
  games+=("$work/random-${size}x${size}x${size}.nfg")
done

now() { date +%s.%N; }
# Mean seconds of `repeats` runs of a command, or "fail"/"timeout"; the
# runs' outputs are left in $work/out (its NE lines are counted). A word
# @RUN@ in the command is replaced by the run's number, 1 to `repeats`.
timed() {
  local t0 t1 code=0 run
  : >"$work/out"
  t0=$(now)
  for run in $(seq 1 "$repeats"); do
    timeout "$limit" "${@//@RUN@/$run}" >>"$work/out" 2>/dev/null || { code=$?; break; }
  done
  t1=$(now)
  if [ "$code" = 124 ]; then echo timeout; elif [ "$code" != 0 ]; then echo fail; else
    awk -v a="$t0" -v b="$t1" -v r="$repeats" -v o="${overhead:-0}" 'BEGIN {t = (b - a) / r - o; printf "%.4f", (t > 0.0001 ? t : 0.0001)}'; fi
}
# The mean number of NE lines per run in $work/out (whole when every run
# printed as many).
equilibria_per_run() {
  awk -v r="$repeats" '/^NE/ {n++} END {m = n / r; if (m == int(m)) printf "%d", m; else printf "%.1f", m}' "$work/out"
}
# The harness's own cost per run (the shell's fork, `timeout` and the exec
# of a program that does nothing), measured here and subtracted from every
# mean: on small games it is most of what the loop times (17 ms measured
# here, against impasse's 4-5 ms), and it would pull every ratio towards 1.
overhead=$(repeats=$((repeats * 4)) timed /bin/true)
echo "harness overhead per run: $overhead s (subtracted from each time below)"

# NE: how many equilibrium lines each printed, per run.
printf '%-9s %-42s %12s %4s %12s %4s %8s\n' method game "impasse (s)" NE "Gambit (s)" NE ratio
for method in "${methods[@]}"; do
  ours_options=()
  case $method in
    logit) theirs=("$gambit/gambit-logit" -q -e) ;;
    simpdiv) theirs=("$gambit/gambit-simpdiv" -q); ours_options=(--exact) ;;
    gnm) theirs=("$gambit/gambit-gnm" -q -n 1 -R @RUN@); ours_options=(--seed @RUN@) ;;
    *) theirs=("$gambit/gambit-$method" -q) ;;
  esac
  for game in "${games[@]}"; do
    ours=$(timed "$impasse" solve -m "$method" ${ours_options[@]+"${ours_options[@]}"} "$game")
    ours_count=$(case $ours in fail | timeout) echo - ;; *) equilibria_per_run ;; esac)
    other=$(timed "${theirs[@]}" "$game")
    other_count=$(case $other in fail | timeout) echo - ;; *) equilibria_per_run ;; esac)
    ratio=$(awk -v a="$ours" -v b="$other" 'BEGIN {if (a+0 > 0 && b+0 > 0) printf "%.1fx", b / a; else print "-"}')
    printf '%-9s %-42s %12s %4s %12s %4s %8s\n' "$method" "$(basename "$game")" "$ours" "$ours_count" "$other" \
      "$other_count" "$ratio"
  done
done

#!/usr/bin/env bash
# `mpirun -n 2 impasse-mpi solve --method vertex` prints the lines of one
# `impasse solve --method vertex` process (in any order) on the lrsnash
# oracle's families of games (tests/oracle_test.cpp): random square games
# 2x2..12x12, and random, degenerate (payoffs 0..2), unit-vector and
# zero-sum games of eight rectangular shapes, exactly and in decimals, with
# the components of the degenerate ones. IMPASSE_MPI_SPLIT_AFTER=3 cuts the
# reverse-search tree into subtrees of three bases, so that both ranks
# search parts of every game but the smallest.
# Arguments: impasse, impasse-mpi, mpiexec, and `all` for every seed of the
# oracle's families (340 runs, about 160 s, label heavy); without it the
# first half of the seeds (170 runs: each run pays mpirun's start-up).
set -uo pipefail
impasse="$1"
impasse_mpi="$2"
mpiexec="$3"
all=$([ "${4:-}" = all ] && echo 1 || echo 0)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root=()
[ "$(id -u)" -eq 0 ] && root=(--allow-run-as-root)
export IMPASSE_MPI_SPLIT_AFTER=3 IMPASSE_MPI_STATS=1
failures=0 games=0 shared=0

compare() {  # name, then the solve options
  local name="$1"
  shift
  "$impasse" solve --method vertex "$@" "$work/g.nfg" >"$work/one.out" 2>"$work/one.err"
  local one=$?
  "$mpiexec" "${root[@]}" --oversubscribe -n 2 "$impasse_mpi" solve --method vertex "$@" "$work/g.nfg" \
    >"$work/two.out" 2>"$work/two.err"
  local two=$?
  if [ $one -ne 0 ] || [ $two -ne 0 ] || ! diff -q <(sort "$work/one.out") <(sort "$work/two.out") >/dev/null; then
    echo "FAIL $name $*: exit $one / $two"
    diff <(sort "$work/one.out") <(sort "$work/two.out") | head -5
    cat "$work/two.err" | head -5
    failures=$((failures + 1))
  fi
  # The summary line: how many subtrees each rank searched.
  grep -q 'rank 1 searched [1-9]' "$work/two.err" && shared=$((shared + 1))
  games=$((games + 1))
}

for n in 2 3 4 5 6 7 8 9 10 11 12; do
  last=$([ "$n" -le 8 ] && echo 12 || echo 4)
  [ "$all" -eq 1 ] || last=$((last / 2))
  for seed in $(seq 1 "$last"); do
    "$impasse" generate random --strategies "$n,$n" --seed "$seed" >"$work/g.nfg"
    compare "random ${n}x$n seed $seed" --exact
  done
done
for shape in 2,5 5,2 3,7 7,3 4,9 9,4 6,11 12,5; do
  for seed in $([ "$all" -eq 1 ] && echo 1 2 3 4 5 || echo 1 2 3); do
    "$impasse" generate random --strategies "$shape" --seed "$seed" >"$work/g.nfg"
    compare "random $shape seed $seed" --exact
    "$impasse" generate degenerate --strategies "$shape" --seed "$seed" --high 2 >"$work/g.nfg"
    compare "degenerate $shape seed $seed" --exact --components
    compare "degenerate $shape seed $seed" --decimals 6
    "$impasse" generate unit-vector --strategies "$shape" --seed "$seed" >"$work/g.nfg"
    compare "unit-vector $shape seed $seed" --exact
    "$impasse" generate zero-sum --strategies "$shape" --seed "$seed" >"$work/g.nfg"
    compare "zero-sum $shape seed $seed" --exact
  done
done
echo "$games runs, $failures differing; rank 1 searched subtrees in $shared"
[ "$failures" -eq 0 ] && [ "$shared" -gt $((games / 2)) ]

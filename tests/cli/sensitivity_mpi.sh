#!/usr/bin/env bash
# The sensitivity analysis gives byte-identical output on one process and on
# two MPI ranks (rank 0 gathers in sample order), for the same design.
# Arguments: the program, mpiexec, then the design's options.
set -uo pipefail
program="$1"
mpiexec="$2"
shift 2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root=()
[ "$(id -u)" -eq 0 ] && root=(--allow-run-as-root)

start=$(date +%s%N)
"$program" "$@" --output "$work/one" >"$work/one.out" 2>"$work/one.err" || { cat "$work/one.err"; exit 1; }
middle=$(date +%s%N)
"$mpiexec" "${root[@]}" --oversubscribe -n 2 "$program" "$@" --output "$work/two" >"$work/two.out" 2>"$work/two.err" ||
  { cat "$work/two.err"; exit 1; }
end=$(date +%s%N)
status=0
diff -q "$work/one.out" "$work/two.out" || status=1
for file in sensitivity.txt sensitivity-indices.csv sensitivity-enumerated.csv sensitivity.svg; do
  cmp "$work/one/$file" "$work/two/$file" || status=1
done
grep -q 'evaluations of the closed forms' "$work/one.out" || { echo "no summary printed"; status=1; }
echo "one process: $(( (middle - start) / 1000000 )) ms; mpirun -n 2: $(( (end - middle) / 1000000 )) ms"
tail -1 "$work/one.err"; tail -1 "$work/two.err"
[ $status -eq 0 ] && echo "identical output on one process and two ranks"
exit $status

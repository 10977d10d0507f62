#!/usr/bin/env bash
# The command's answers say no more than the run did (issue 15): --check
# prints the largest regret or one-shot deviation gain and passes on correct
# answers; the logit homotopy answers, or says why not with a non-zero
# status, on dense 16-state games whose payoffs are scaled by 1e-6 and 1e-9,
# and what it prints then passes --check; output lines are those printed
# without --check. Usage: honest.sh IMPASSE TEST_DIR
set -u
impasse=$1 tests=$2
data=$tests/data
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0 checked=0
fail() { echo "FAIL $1"; failed=$((failed + 1)); }

run() {  # run COMMAND...: sets status, out, err
  timeout 120 "$@" >"$work/out" 2>"$work/err" </dev/null
  status=$?
  out=$(cat "$work/out")
  err=$(cat "$work/err")
  checked=$((checked + 1))
}

# --check: the same output, the certificate on standard error, status 0.
for method in pure vertex support lh lcp; do
  run "$impasse" solve --method "$method" --exact "$tests/../examples/games/stalling.nfg"
  plain=$out
  run "$impasse" solve --method "$method" --exact --check "$tests/../examples/games/stalling.nfg"
  [ "$status" -eq 0 ] && [ "$out" = "$plain" ] && grep -q "check: largest regret 0 over" <<<"$err" ||
    fail "solve --method $method --exact --check: status $status, stderr '$err'"
done
run "$impasse" solve --method lh --check "$data/repeated/abreu_sannikov.nfg"
[ "$status" -eq 0 ] && grep -Eq "check: largest regret [0-9.e+-]+ over 1 profile" <<<"$err" ||
  fail "solve --method lh --check (double): status $status, stderr '$err'"
run "$impasse" solve --method spe --exact --check "$data/kuhn_poker.efg"
[ "$status" -eq 0 ] && grep -q "check: largest subgame regret 0 over" <<<"$err" ||
  fail "solve --method spe --check: status $status, stderr '$err'"
for run_on in pure:talks shapley:big_match homotopy:matching_pennies; do
  method=${run_on%%:*} file=$data/stochastic/${run_on#*:}.json
  run "$impasse" stochastic --method "$method" --exact --check "$file"
  [ "$status" -eq 0 ] && [ -n "$out" ] && grep -q "check: largest one-shot deviation gain 0 over" <<<"$err" ||
    fail "stochastic --method $method --exact --check $file: status $status, stderr '$err'"
done
run "$impasse" stochastic --method pure --horizon 3 --exact --check "$data/stochastic/talks.json"
[ "$status" -eq 0 ] && grep -q "check: largest one-shot deviation gain 0 over" <<<"$err" ||
  fail "stochastic --horizon 3 --check: status $status, stderr '$err'"

# The homotopy at small payoff units: an answer that passes --check, or a
# non-zero status with the reason (lambda, steps, gain) on standard error.
for scale in 1 1e-6 1e-9; do
  python3 "$tests/hostile/dense_stochastic.py" "$work/dense.json" 16 2 "$scale" 7
  run "$impasse" stochastic --method homotopy --check "$work/dense.json"
  if [ "$status" -eq 0 ]; then
    grep -q '^MPE,' <<<"$out" || fail "homotopy, payoffs times $scale: status 0 without an MPE line"
    grep -q "check: largest one-shot deviation gain" <<<"$err" || fail "homotopy, payoffs times $scale: no certificate"
  else
    grep -q "lambda .* steps" <<<"$err" || fail "homotopy, payoffs times $scale: status $status, stderr '$err'"
  fi
  [ "$scale" = 1 ] || [ "$scale" = 1e-9 ] || [ "$status" -eq 0 ] ||
    fail "homotopy, payoffs times $scale: no answer (status $status: $err)"
done

echo "$checked runs checked, $failed failed"
[ "$failed" -eq 0 ]

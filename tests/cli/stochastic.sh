#!/usr/bin/env bash
# `impasse stochastic` as a user runs it: each method's output on the example
# files, and one clear line on stderr (status 1) for each kind of bad file.
set -uo pipefail
tool="$1"
data="$2/stochastic"
failures=0

expect_output() {  # expected, then the command's arguments
  local expected="$1"; shift
  local actual
  actual="$("$tool" stochastic "$@" 2>&1)"
  if [ "$actual" != "$expected" ]; then
    echo "FAIL: impasse stochastic $*"; echo "  expected: $expected"; echo "  actual:   $actual"
    failures=$((failures + 1))
  fi
}

expect_error() {  # file, words the one-line message must contain
  local file="$1" words="$2" out err status
  out="$("$tool" stochastic "$data/$file" 2>/tmp/stochastic_err.$$)"; status=$?
  err="$(cat /tmp/stochastic_err.$$)"; rm -f /tmp/stochastic_err.$$
  if [ "$status" -ne 1 ] || [ -n "$out" ] || [ "$(printf '%s\n' "$err" | wc -l)" -ne 1 ] ||
     [[ "$err" != *"$words"* ]] || [[ "$err" != "impasse: "* ]]; then
    echo "FAIL: $file: status $status, stdout '$out', stderr '$err' (wanted '$words')"
    failures=$((failures + 1))
  fi
}

expect_output $'MPE,1/3,2/3,1/2,1/2,1,1,1,1\nV,1,-1,2,-2,0,0' --method shapley --exact --values "$data/big_match.json"
expect_output $'MPE,0.333333,0.666667,0.500000,0.500000,1.000000,1.000000,1.000000,1.000000' -m shapley "$data/big_match.json"
expect_output $'MPE,1/2,1/2,1/2,1/2\nV,0,0' --method homotopy --exact --values "$data/matching_pennies.json"
expect_output $'MPE,0.50,0.50,0.50,0.50' --method homotopy --decimals 2 "$data/matching_pennies.json"
expect_output '' --method pure "$data/matching_pennies.json"
expect_output $'MPE,1,0,1,0,0,1,0,1,1,1\nV,35/3,800/21,28/3,760/21,10,40' --exact --values "$data/talks.json"
expect_output $'MPE,1,0,1,0,0,1,0,1,1,1,1,0,1,0,0,1,0,1,1,1\nV,5,97/40,12/5,19/20,18/5,39/10' \
  --horizon 2 --exact --values "$data/talks.json"
expect_output $'MPE,1/2,1/2,1/2,1/2' --method homotopy --horizon 1 --exact "$data/matching_pennies.json"

expect_error bad_sum.json 'state "talks", outcome 2: next-state probabilities sum to 2/3, not 1'
expect_error bad_state.json 'state "talks", outcome 2: next state "deal" is not a state'
expect_error bad_outcomes.json 'state "talks": 1 outcomes, but the actions make 2 profiles'
expect_error bad_discount.json 'outside [0, 1)'
expect_error bad_syntax.json 'bad_syntax.json:'
expect_error no_such_file.json 'cannot open'
# Shapley on a game it does not handle (two discounts): the file is named.
out="$("$tool" stochastic -m shapley "$data/talks.json" 2>&1 >/dev/null)"; status=$?
if [ "$status" -ne 1 ] || [[ "$out" != *"talks.json: shapley_value_iteration needs"* ]]; then
  echo "FAIL: shapley on talks.json: status $status, '$out'"; failures=$((failures + 1))
fi

[ "$failures" -eq 0 ] && echo "impasse stochastic: all checks passed"
exit $(( failures > 0 ))

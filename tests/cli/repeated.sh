#!/usr/bin/env bash
# `impasse repeated` as a user runs it: the Abreu-Sannikov example and the
# prisoner's dilemma give their published vertices, automata files are
# checked, and bad input exits 1 with one line on standard error and nothing
# on standard output. Usage: repeated.sh IMPASSE DATA_DIR (tests/data/repeated).
set -u
impasse=$1 data=$2
failed=0 checked=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
expect() {  # expect NAME EXPECTED_OUTPUT COMMAND...
  local name=$1 want=$2
  shift 2
  local got
  got=$(timeout 20 "$@" 2>&1)
  checked=$((checked + 1))
  if [ "$got" != "$want" ]; then
    echo "FAIL $name: got"; echo "$got"; echo "want"; echo "$want"
    failed=$((failed + 1))
  fi
}
bad() {  # bad NAME STDERR_PATTERN COMMAND...
  local name=$1 pattern=$2
  shift 2
  timeout 20 "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
  local status=$?
  checked=$((checked + 1))
  if [ "$status" -ne 1 ] || [ -s "$tmp/out" ] || [ "$(wc -l <"$tmp/err")" -ne 1 ] || ! grep -Eq -- "$pattern" "$tmp/err"; then
    echo "FAIL $name: status $status, stdout $(wc -c <"$tmp/out") bytes, stderr: $(cat "$tmp/err")"
    failed=$((failed + 1))
  fi
}
paper="V,7.3377,0.0000
V,7.8631,0.0000
V,19.7918,2.8000
V,15.5631,9.1000
V,7.3377,10.9826
V,1.1257,2.8000"
expect "paper example" "$paper" "$impasse" repeated --delta 0.3 --decimals 4 "$data/abreu_sannikov.nfg"
expect "paper example, fraction delta" "$paper" "$impasse" repeated --delta 3/10 --decimals 4 "$data/abreu_sannikov.nfg"
expect "dilemma exact" "V,3,3
V,39/4,3
V,9,9
V,3,39/4" "$impasse" repeated --delta 9/10 --exact "$data/prisoners_dilemma.nfg"
expect "dilemma double" "V,3.000000,3.000000
V,9.750000,3.000000
V,9.000000,9.000000
V,3.000000,9.750000" "$impasse" repeated --delta 0.9 "$data/prisoners_dilemma.nfg"
expect "dilemma below the threshold" "V,3,3" "$impasse" repeated --delta 1/10 --exact "$data/prisoners_dilemma.nfg"
expect "two rounds, two stage equilibria" "V,1,1
V,13/3,1
V,11/3,11/3
V,1,13/3" "$impasse" repeated --delta 1/2 --horizon 2 --exact "$data/two_equilibria.nfg"
expect "grim trigger" "critical,1/7" "$impasse" repeated --check "$data/grim_trigger.json" --exact "$data/prisoners_dilemma.nfg"
expect "grim trigger at 1/2" "critical,1/7
payoffs,9,9
subgame-perfect,yes" "$impasse" repeated --check "$data/grim_trigger.json" --delta 1/2 --exact "$data/prisoners_dilemma.nfg"
expect "tit for tat" "critical,none
payoffs,9,9
subgame-perfect,no
deviation,player 1,strategy 1,states 2 1,gain 2" "$impasse" repeated --check "$data/tit_for_tat.json" --delta 1/2 --exact "$data/prisoners_dilemma.nfg"

printf '{"automata": [\n  {"states": [ {"action": 1, "next": 1 }, ]}\n]}' >"$tmp/syntax.json"
bad "json syntax" "^impasse: $tmp/syntax.json:2:43: not valid JSON" "$impasse" repeated --check "$tmp/syntax.json" "$data/prisoners_dilemma.nfg"
echo '{"automata": [{"states": [{"action": 3, "next": 1}]}, {"states": [{"action": 1, "next": 1}]}]}' >"$tmp/action.json"
bad "json action" 'automata\[0\]\.states\[0\]\.action: strategy 3 does not exist' "$impasse" repeated --check "$tmp/action.json" "$data/prisoners_dilemma.nfg"
echo '{"automata": [{"states": [{"action": 1, "next": [1, 2, 1, 1]}]}, {"states": [{"action": 1, "next": 1}]}]}' >"$tmp/state.json"
bad "json state" 'automata\[0\]\.states\[0\]\.next\[1\]: state 2 does not exist' "$impasse" repeated --check "$tmp/state.json" "$data/prisoners_dilemma.nfg"
echo '{"automata": [{"states": [{"action": 1, "next": "x"}]}, {"states": [{"action": 1, "next": 1}]}]}' >"$tmp/type.json"
bad "json type" 'states\[0\]\.next: expected a state number' "$impasse" repeated --check "$tmp/type.json" "$data/prisoners_dilemma.nfg"
echo '{"automata": [{"states": []}]}' >"$tmp/count.json"
bad "json count" 'automata: expected a list of 2 automata' "$impasse" repeated --check "$tmp/count.json" "$data/prisoners_dilemma.nfg"
echo '{"builtin": "nice"}' >"$tmp/builtin.json"
bad "json builtin" 'unknown automaton "nice"' "$impasse" repeated --check "$tmp/builtin.json" "$data/prisoners_dilemma.nfg"
bad "missing automata" '^impasse: /nonexistent.json: cannot open file' "$impasse" repeated --check /nonexistent.json "$data/prisoners_dilemma.nfg"
bad "no delta" '--delta is needed' "$impasse" repeated "$data/prisoners_dilemma.nfg"
bad "delta out of range" "discount factor 1.5 is not in \(0, 1\)" "$impasse" repeated --delta 3/2 "$data/prisoners_dilemma.nfg"
bad "delta not a number" "--delta: 'abc' is not a number" "$impasse" repeated --delta abc "$data/prisoners_dilemma.nfg"
bad "horizon 0" 'horizon must be at least 1' "$impasse" repeated --delta 1/2 --horizon 0 "$data/prisoners_dilemma.nfg"
printf 'NFG 1 R "three" { "1" "2" "3" } { 2 2 2 }\n\n1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1\n' >"$tmp/three.nfg"
bad "three players" 'needs a two-player stage game' "$impasse" repeated --delta 1/2 "$tmp/three.nfg"
echo "$checked cases checked, $failed failed"
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# Input written to exhaust impasse: each file must end in exit status 1, one
# line on standard error naming the limit it broke (input_limits::FIELD),
# nothing on standard output, within MAX_SECONDS and under MAX_KB of peak
# memory (GNU time). Then a valid but large game, a chain of 300,000
# decisions, must be answered or refused with a message by every method of
# `impasse solve` within CHAIN_SECONDS (default 2; the test sets 4).
# Usage: limits.sh IMPASSE TEST_DIR [MAX_SECONDS MAX_KB CHAIN_SECONDS]
set -u
impasse=$1 tests=$2
max_seconds=${3:-1} max_kb=${4:-102400} chain_seconds=${5:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0 checked=0

measure() {  # measure OUT ERR STDIN COMMAND...: runs it, sets status, seconds, kb
  local out=$1 err=$2 input=$3
  shift 3
  /usr/bin/time -f '%e %M' -o "$work/time" timeout 60 "$@" >"$out" 2>"$err" <"$input"
  status=$?
  read -r seconds kb <"$work/time" 2>/dev/null || { seconds=99; kb=0; }
  # GNU time writes "Command exited with non-zero status N" first when it fails.
  if [ "$(wc -l <"$work/time")" -gt 1 ]; then read -r seconds kb < <(tail -n 1 "$work/time"); fi
}

refused() {  # refused NAME LIMIT STDIN COMMAND...
  local name=$1 limit=$2 input=$3
  shift 3
  measure "$work/out" "$work/err" "$input" "$@"
  checked=$((checked + 1))
  local why=""
  [ "$status" -eq 1 ] || why="$why status $status (want 1);"
  [ -s "$work/out" ] && why="$why $(wc -c <"$work/out") bytes on stdout;"
  [ "$(wc -l <"$work/err")" -eq 1 ] || why="$why $(wc -l <"$work/err") lines on stderr;"
  grep -q "input_limits::$limit" "$work/err" || why="$why no input_limits::$limit in the message;"
  awk -v s="$seconds" -v m="$max_seconds" 'BEGIN { exit !(s <= m) }' || why="$why ${seconds}s (at most ${max_seconds}s);"
  [ "$kb" -le "$max_kb" ] || why="$why ${kb} kB peak (at most ${max_kb} kB);"
  if [ -n "$why" ]; then
    echo "FAIL $name:$why stderr: $(head -c 300 "$work/err")"
    failed=$((failed + 1))
  else
    echo "ok   $name: ${seconds}s, ${kb} kB: $(head -c 160 "$work/err")"
  fi
}

none=/dev/null
f=$work/billion.nfg
printf 'NFG 1 R "a billion strategies" { "1" "2" } { 1000000000 2 }\n' >"$f"
refused "a billion strategies" max_pure_profiles $none "$impasse" solve --method pure "$f"

f=$work/seventy.nfg
{ printf 'NFG 1 R "70 players" {'; for i in $(seq 70); do printf ' "%d"' "$i"; done; printf ' } {'
  for i in $(seq 70); do printf ' 2'; done; printf ' }\n'; } >"$f"
refused "70 players with two strategies" max_players $none "$impasse" solve --method pure "$f"

f=$work/seventy.json
{ printf '{"players": ['; for i in $(seq 70); do printf '"%d"%s' "$i" "$([ "$i" -lt 70 ] && echo ,)"; done
  printf '], "discount": 0.9, "states": []}\n'; } >"$f"
refused "70 players in a stochastic game" max_players $none "$impasse" stochastic "$f"

f=$work/deep.json
{ head -c 10000 /dev/zero | tr '\0' '['; head -c 10000 /dev/zero | tr '\0' ']'; } >"$f"
refused "JSON nested 10,000 deep (stochastic)" max_nesting_depth $none "$impasse" stochastic "$f"
refused "JSON nested 10,000 deep (automata)" max_nesting_depth $none \
  "$impasse" repeated --check "$f" --delta 9/10 "$tests/data/repeated/prisoners_dilemma.nfg"

f=$work/title.nfg
{ printf 'NFG 1 R "'; head -c 200000000 /dev/zero | tr '\0' a; printf '" { "1" } { 1 }\n1\n'; } >"$f"
refused "a 200 MB title (file)" max_input_bytes $none "$impasse" solve "$f"
refused "a 200 MB title (standard input)" max_input_bytes "$f" "$impasse" solve -
rm -f "$f"

f=$work/token.nfg
{ printf 'NFG 1 R "'; head -c 2000000 /dev/zero | tr '\0' a; printf '" { "1" } { 1 }\n1\n'; } >"$f"
refused "a 2 MB title" max_token_bytes $none "$impasse" solve "$f"
{ printf 'NFG 1 R "" { "1" } { 1 }\n'; head -c 2000000 /dev/zero | tr '\0' 7; printf '\n'; } >"$f"
refused "a 2 MB token" max_token_bytes $none "$impasse" solve "$f"

f=$work/digits.nfg
{ printf 'NFG 1 R "" { "1" } { 1 }\n'; head -c 100000 /dev/zero | tr '\0' 9; printf '\n'; } >"$f"
refused "a payoff of 100,000 digits (.nfg)" max_number_digits $none "$impasse" solve "$f"
f=$work/digits.efg
{ printf 'EFG 2 R "" { "1" }\n""\nt "" 1 "" { 1/'; head -c 100000 /dev/zero | tr '\0' 3; printf ' }\n'; } >"$f"
refused "a payoff of 100,000 digits (.efg)" max_number_digits $none "$impasse" solve "$f"
f=$work/digits.json
{ printf '{"players": ["1"], "discount": 0.5, "states": [{"name": "s", "actions": [["a"]], "outcomes": [{"payoffs": ["'
  head -c 100000 /dev/zero | tr '\0' 9; printf '"], "next": {"s": 1}}]}]}\n'; } >"$f"
refused "a payoff of 100,000 digits (JSON string)" max_number_digits $none "$impasse" stochastic "$f"
{ printf '{"players": ["1"], "discount": 0.5, "states": [{"name": "s", "actions": [["a"]], "outcomes": [{"payoffs": ['
  head -c 100000 /dev/zero | tr '\0' 9; printf '], "next": {"s": 1}}]}]}\n'; } >"$f"
refused "a payoff of 100,000 digits (JSON number)" max_number_digits $none "$impasse" stochastic "$f"
refused "a discount of 100,000 digits (--delta)" max_number_digits $none \
  "$impasse" repeated --delta "0.$(head -c 100000 /dev/zero | tr '\0' 9)" "$tests/data/repeated/prisoners_dilemma.nfg"

f=$work/states.json
{ printf '{"players": ["1", "2"], "discount": 0.5, "states": [{"name": "s", "actions": [['
  for i in $(seq 20000); do printf '"a%d",' "$i"; done; printf '"z"], ['
  for i in $(seq 20000); do printf '"b%d",' "$i"; done; printf '"z"]], "outcomes": []}]}\n'; } >"$f"
refused "a state with 4 x 10^8 action profiles" max_pure_profiles $none "$impasse" stochastic "$f"

refused "the endless /dev/zero" max_input_bytes $none "$impasse" solve /dev/zero

# The valid chain: every method answers or refuses with a message in time.
chain=$work/chain.efg
python3 "$tests/hostile/deep_chain.py" "$chain" 300000
for method in pure vertex support lh lcp lp spe; do
  measure "$work/out" "$work/err" $none "$impasse" solve --method "$method" "$chain"
  checked=$((checked + 1))
  why=""
  awk -v s="$seconds" -v m="$chain_seconds" 'BEGIN { exit !(s <= m) }' || why="$why ${seconds}s (at most ${chain_seconds}s);"
  if [ "$status" -eq 0 ]; then
    [ -s "$work/out" ] || why="$why status 0 but nothing printed;"
  else
    [ -s "$work/err" ] || why="$why status $status and nothing on stderr;"
  fi
  if [ -n "$why" ]; then
    echo "FAIL chain --method $method:$why stderr: $(head -c 300 "$work/err")"
    failed=$((failed + 1))
  else
    echo "ok   chain --method $method: status $status, ${seconds}s, ${kb} kB: $(head -c 160 "$work/err")"
  fi
done

echo "$checked hostile inputs checked, $failed misbehaved"
[ "$failed" -eq 0 ]

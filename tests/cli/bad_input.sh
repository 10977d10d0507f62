#!/usr/bin/env bash
# Every malformed file makes `impasse solve` exit 1 with nothing on standard
# output and one line `impasse: FILE:LINE:COLUMN: message` on standard error,
# within 10 seconds; bad arguments exit 2. Usage: bad_input.sh IMPASSE DATA_DIR.
set -u
impasse=$1 data=$2
failed=0 checked=0
check() {  # check NAME EXPECTED_STATUS STDERR_PATTERN COMMAND...
  local name=$1 want=$2 pattern=$3
  shift 3
  local out err status
  out=$(mktemp) err=$(mktemp)
  timeout 10 "$@" >"$out" 2>"$err" </dev/null
  status=$?
  checked=$((checked + 1))
  local bad=0
  [ "$status" -ne "$want" ] && bad=1
  [ -s "$out" ] && bad=1
  grep -Eq "$pattern" "$err" || bad=1
  if [ "$want" -eq 1 ] && [ "$(wc -l <"$err")" -ne 1 ]; then bad=1; fi
  if [ "$bad" -eq 1 ]; then
    echo "FAIL $name: status $status (want $want), stdout $(wc -c <"$out") bytes, stderr: $(cat "$err")"
    failed=$((failed + 1))
  fi
  rm -f "$out" "$err"
}
for file in "$data"/malformed/*.nfg "$data"/malformed-efg/*.efg; do
  check "$(basename "$file")" 1 "^impasse: $file:[0-9]+:[0-9]+: " "$impasse" solve --method pure --exact "$file"
done
# A payoff beyond the range of a double, in a file read in rationals by a
# method that checks and prints in double: the file and the payoff named.
huge=$(mktemp --suffix=.nfg)
printf 'NFG 1 R "huge" { "A" "B" } { 2 2 }\n1e400 0 0 1 0 1 1 0\n' >"$huge"
for method in enumpoly simpdiv; do
  check "payoff beyond a double, $method" 1 "^impasse: $huge: player 1's payoff at profile 1 lies beyond the range of a double" \
    "$impasse" solve --method "$method" --exact "$huge"
done
rm -f "$huge"
check "stdin" 1 '^impasse: <stdin>:1:1: ' bash -c "printf 'nonsense' | '$impasse' solve"
check "missing file" 1 '^impasse: /nonexistent.nfg: cannot open file' "$impasse" solve /nonexistent.nfg
check "unknown method" 2 'method' "$impasse" solve --method nonsense "$data/../../examples/games/stalling.nfg"
check "exact and decimals" 2 'excludes' "$impasse" solve --exact --decimals 3 -
check "no subcommand" 2 'subcommand' "$impasse"
echo "$checked bad inputs checked, $failed misbehaved"
[ "$failed" -eq 0 ]

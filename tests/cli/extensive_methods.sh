#!/usr/bin/env bash
# `impasse solve --method spe|lcp|lp --exact --check` on every .efg of the
# Gambit corpus: every profile printed must pass the independent regret check
# (subgame perfect for spe, Nash for lcp and lp; exit status 2 otherwise).
# A game a method does not apply to (imperfect recall; lcp and lp need two
# players, lp a zero-sum game) must be refused with a message saying why.
# Then known answers: Kuhn poker's value -1/18 and Myerson's poker.
# Usage: extensive_methods.sh IMPASSE CORPUS_DIR TEST_DATA_DIR
# Exits 77 (skipped) without the corpus.
set -u
impasse=$1 corpus=$2 data=$3
if [ ! -d "$corpus/gambit" ]; then
  echo "skipped: no Gambit corpus at $corpus"
  exit 77
fi
failed=0
declare -A solved refused
for method in spe lcp lp; do
  solved[$method]=0 refused[$method]=0
  for game in "$corpus"/gambit/*.efg; do
    name=$(basename "$game")
    # Left out of spe: large reduced forms (4cards: 81 x 256, 3 s; cs: 4
    # players, 524288 profiles, 9 s), and tic-tac-toe, whose many SPE each
    # take a check of every subgame (O(N^2)): about a minute.
    case "$method:$name" in
      spe:contrib-4cards.efg | spe:contrib-cs.efg | spe:contrib-ttt.efg) continue ;;
    esac
    actual=$("$impasse" solve --method "$method" --exact --check "$game" 2>/tmp/impasse_check_err.$$)
    status=$?
    message=$(cat /tmp/impasse_check_err.$$)
    if [ "$status" -eq 0 ] && [ -n "$actual" ]; then
      solved[$method]=$((solved[$method] + 1))
    elif [ "$status" -eq 0 ] && grep -q "no pure equilibrium" <<<"$message"; then
      refused[$method]=$((refused[$method] + 1))  # three players, no pure equilibrium: said so
    elif [ "$status" -eq 1 ] && grep -qE "perfect recall|two players|two-player|zero-sum|constant-sum|more than" <<<"$message"; then
      refused[$method]=$((refused[$method] + 1))
    else
      echo "FAIL $method $name: exit $status, ${#actual} bytes of output: $message"
      failed=$((failed + 1))
    fi
  done
  echo "$method: ${solved[$method]} games solved and checked, ${refused[$method]} refused"
done
rm -f /tmp/impasse_check_err.$$

expect() {  # expect WHAT ACTUAL EXPECTED
  if [ "$2" != "$3" ]; then
    echo "FAIL $1: got '$2', expected '$3'"
    failed=$((failed + 1))
  fi
}
# Myerson (1991), figure 2.1: the one equilibrium, by both sequence-form methods.
myerson="$corpus/gambit/catalog-books-myerson1991-fig2_1.efg"
expect "lcp on Myerson's poker" "$("$impasse" solve --method lcp --exact "$myerson")" "NE,1,0,1/3,2/3,2/3,1/3"
expect "lp on Myerson's poker" "$("$impasse" solve --method lp --exact "$myerson")" "NE,1,0,1/3,2/3,2/3,1/3"
# Kuhn poker (tests/data/kuhn_poker.efg, written from kuhn_poker() in
# extensive/generators.hpp): worth -1/18 to player 1 (Kuhn 1950), by the LP
# and by Lemke; every method's answers pass the check.
kuhn="$data/kuhn_poker.efg"
value=$("$impasse" solve --method lp --exact --check --format json "$kuhn" | grep -A1 '"payoffs"' | sed -n 2p | tr -d ' ",')
expect "lp value of Kuhn poker" "$value" "-1/18"
value=$("$impasse" solve --method lcp --exact --check --format json "$kuhn" | grep -A1 '"payoffs"' | sed -n 2p | tr -d ' ",')
expect "lcp value of Kuhn poker" "$value" "-1/18"
for method in spe lcp lp; do
  for arithmetic in --exact --decimals=9; do
    if ! "$impasse" solve --method "$method" "$arithmetic" --check "$kuhn" >/dev/null 2>&1; then
      echo "FAIL $method $arithmetic on Kuhn poker"
      failed=$((failed + 1))
    fi
  done
done
[ "${solved[spe]}" -ge 100 ] && [ "${solved[lcp]}" -ge 80 ] && [ "${solved[lp]}" -ge 5 ] && [ "$failed" -eq 0 ]

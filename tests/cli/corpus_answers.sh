#!/usr/bin/env bash
# `impasse solve --method METHOD --exact` on every game of the Gambit corpus
# for which Gambit gave an answer NAME.SUFFIX must print the same set of lines
# (Gambit sometimes prints an equilibrium twice: sets, not lists, are compared).
# Usage: corpus_answers.sh IMPASSE CORPUS_DIR METHOD SUFFIX MIN_GAMES
#   e.g. pure against enumpure (.nfg and .efg), vertex against enummixed.
# Exits 77 (skipped) without the corpus.
set -u
impasse=$1 corpus=$2 method=$3 suffix=$4 min_games=$5
if [ ! -d "$corpus/gambit" ]; then
  echo "skipped: no Gambit corpus at $corpus"
  exit 77
fi
compared=0 failed=0
for game in "$corpus"/gambit/*.nfg "$corpus"/gambit/*.efg; do
  expected="$corpus/gambit-expected/$(basename "$game").$suffix"
  [ -f "$expected" ] || continue
  if ! actual=$("$impasse" solve --method "$method" --exact "$game"); then
    echo "FAIL $(basename "$game"): impasse exited non-zero"
    failed=$((failed + 1))
    continue
  fi
  if ! diff <(sort -u <<<"$actual" | sed '/^$/d') <(sort -u "$expected" | sed '/^$/d') >/dev/null; then
    echo "FAIL $(basename "$game"):"
    diff <(sort -u <<<"$actual" | sed '/^$/d') <(sort -u "$expected" | sed '/^$/d')
    failed=$((failed + 1))
  fi
  compared=$((compared + 1))
done
echo "$compared games compared with gambit's $suffix, $failed differ"
[ "$compared" -ge "$min_games" ] && [ "$failed" -eq 0 ]

#!/usr/bin/env bash
# `impasse solve --method pure --exact` on every game of the Gambit corpus
# (.nfg and .efg) must print the same set of lines as gambit-enumpure
# (NAME.enumpure), wherever Gambit gave an answer.
# Usage: corpus_pure.sh IMPASSE CORPUS_DIR. Exits 77 (skipped) without the corpus.
set -u
impasse=$1 corpus=$2
if [ ! -d "$corpus/gambit" ]; then
  echo "skipped: no Gambit corpus at $corpus"
  exit 77
fi
compared=0 failed=0
for game in "$corpus"/gambit/*.nfg "$corpus"/gambit/*.efg; do
  expected="$corpus/gambit-expected/$(basename "$game").enumpure"
  [ -f "$expected" ] || continue
  if ! actual=$("$impasse" solve --method pure --exact "$game"); then
    echo "FAIL $(basename "$game"): impasse exited non-zero"
    failed=$((failed + 1))
    continue
  fi
  if ! diff <(sort <<<"$actual" | sed '/^$/d') <(sort "$expected" | sed '/^$/d') >/dev/null; then
    echo "FAIL $(basename "$game"):"
    diff <(sort <<<"$actual" | sed '/^$/d') <(sort "$expected" | sed '/^$/d')
    failed=$((failed + 1))
  fi
  compared=$((compared + 1))
done
echo "$compared games compared with gambit-enumpure, $failed differ"
[ "$compared" -ge 150 ] && [ "$failed" -eq 0 ]

#!/usr/bin/env bash
# `impasse solve --method logit|gnm|ipa|simpdiv|enumpoly --check` on every corpus
# game with three or more players: every NE line passes the independent
# check (exit status 0), logit prints exactly one NE line (as gambit-logit
# -e), enumpoly all nine equilibria of the 2x2x2 game; then logit's other
# outputs (--lambda, --branch, --estimate) in gambit-logit's format, an .efg
# through its reduced strategic form, and refused arguments.
# Usage: nplayer_methods.sh IMPASSE CORPUS_DIR
# Exits 77 (skipped) without the corpus.
set -u
impasse=$1 corpus=$2
if [ ! -d "$corpus/gambit" ]; then
  echo "skipped: no Gambit corpus at $corpus"
  exit 77
fi
failed=0
fail() { echo "FAIL: $*"; failed=1; }
work_err=$(mktemp)
trap 'rm -f "$work_err"' EXIT
games=()
for answer in "$corpus"/gambit-expected/*.nfg.enumpoly; do games+=("$corpus/gambit/$(basename "$answer" .enumpoly)"); done
[ ${#games[@]} -eq 14 ] || fail "expected 14 n-player corpus games, found ${#games[@]}"
for game in "${games[@]}"; do
  name=$(basename "$game")
  for method in logit gnm ipa simpdiv; do
    out=$("$impasse" solve --method "$method" --check "$game" 2>/dev/null) || fail "$method $name: exit status $?"
    lines=$(grep -c '^NE,' <<<"$out")
    [ "$lines" -ge 1 ] || fail "$method $name: no NE line"
    if [ "$method" = logit ] && [ "$lines" -ne 1 ]; then fail "logit $name: $lines NE lines"; fi
  done
done
# Enumeration on the quick games only (the others take seconds each).
for name in contrib-2x2x2.nfg contrib-g1.nfg catalog-journals-ijgt-nau2004-sec4.nfg; do
  "$impasse" solve --method enumpoly --check "$corpus/gambit/$name" >/dev/null 2>&1 || fail "enumpoly $name: exit status $?"
done
nine=$("$impasse" solve --method enumpoly "$corpus/gambit/contrib-2x2x2.nfg" 2>/dev/null | grep -c '^NE,')
[ "$nine" -eq 9 ] || fail "enumpoly 2x2x2: $nine equilibria, not 9"
# simpdiv: --exact prints exact grid points (fractions), checked exactly;
# several seeded starts print each equilibrium once; --decimals; -g below 2.
exact=$("$impasse" solve -m simpdiv --exact --check "$corpus/gambit/contrib-2x2x2.nfg") || fail "simpdiv --exact: exit status $?"
grep -qE '^NE(,[0-9]+(/[0-9]+)?){6}$' <<<"$exact" || fail "simpdiv --exact line: $exact"
several=$("$impasse" solve -m simpdiv --starts 8 --seed 3 --check "$corpus/gambit/contrib-2x2x2.nfg") || fail "simpdiv --starts 8: exit status $?"
[ "$(grep -c '^NE,' <<<"$several")" -eq "$(sort -u <<<"$several" | grep -c '^NE,')" ] || fail "simpdiv: an NE line twice"
"$impasse" solve -m simpdiv --decimals 3 "$corpus/gambit/contrib-2x2x2.nfg" | grep -qE '^NE(,[0-9]\.[0-9]{3}){6}$' || fail "simpdiv --decimals 3"
# The same path as gambit-simpdiv: its output (Gambit 17.0.0-alpha.2, -q) on
# two games, byte for byte.
[ "$("$impasse" solve -m simpdiv --exact "$corpus/gambit/contrib-5x4x3.nfg")" = \
  "NE,1,0,0,0,0,0,49423/131072,81649/131072,0,2537/524288,521751/524288,0" ] || fail "simpdiv 5x4x3 differs from gambit-simpdiv"
[ "$("$impasse" solve -m simpdiv --exact "$corpus/gambit/contrib-2x2x2x2x2.nfg")" = \
  "NE,1,0,60303/262144,201841/262144,330869/524288,193419/524288,366691/524288,157597/524288,1,0" ] ||
  fail "simpdiv 2x2x2x2x2 differs from gambit-simpdiv"
"$impasse" solve -m simpdiv --grid-refinement 1 "$corpus/gambit/contrib-2x2x2.nfg" >/dev/null 2>&1 && fail "simpdiv -g 1 accepted"
# gambit-logit's formats: lambda with six decimals, probabilities with six significant digits.
g1="$corpus/gambit/contrib-g1.nfg"
lambda=$("$impasse" solve -m logit --lambda 1 --lambda 0 "$g1")
grep -qx '1\.000000,0\.[0-9]*,0\.[0-9]*,0\.[0-9]*,0\.[0-9]*,0\.[0-9]*,0\.[0-9]*' <<<"$(head -1 <<<"$lambda")" || fail "--lambda 1 line: $lambda"
[ "$(tail -1 <<<"$lambda")" = "0.000000,0.5,0.5,0.5,0.5,0.5,0.5" ] || fail "--lambda 0 line: $(tail -1 <<<"$lambda")"
branch=$("$impasse" solve -m logit --branch "$g1")
[ "$(head -1 <<<"$branch")" = "0.000000,0.5,0.5,0.5,0.5,0.5,0.5" ] || fail "--branch first line"
[ "$(tail -1 <<<"$branch")" = "NE,0.2,0.8,0.428571,0.571429,0.666667,0.333333" ] || fail "--branch last line: $(tail -1 <<<"$branch")"
[ "$(grep -c '^NE,' <<<"$branch")" -eq 1 ] || fail "--branch: not one NE line"
frequencies=$(mktemp)
echo "2,8,4,6,7,3" >"$frequencies"
estimate=$("$impasse" solve -m logit --estimate "$frequencies" "$g1")
[ "$(awk -F, '{print NF}' <<<"$estimate")" -eq 8 ] || fail "--estimate line: $estimate"
echo "1,2" >"$frequencies"
"$impasse" solve -m logit --estimate "$frequencies" "$g1" >/dev/null 2>&1 && fail "--estimate with two frequencies accepted"
rm -f "$frequencies"
# --exact: the methods that compute in double print decimals and say on
# standard error that they are approximate; enumpoly prints fractions where
# nearby fractions are exactly an equilibrium (checked exactly by --check).
for method in gnm ipa logit; do
  "$impasse" solve -m "$method" --exact "$g1" 2>"$work_err" | grep -qE '^NE(,[0-9]+\.[0-9]+)+$' ||
    fail "$method --exact: not decimal NE lines"
  grep -q "approximate" "$work_err" || fail "$method --exact: not said approximate on standard error"
done
exact_enum=$("$impasse" solve -m enumpoly --exact --check "$corpus/gambit/contrib-2x2x2.nfg" 2>"$work_err") ||
  fail "enumpoly --exact --check: exit status $?"
[ "$(grep -c '^NE,' <<<"$exact_enum")" -eq 9 ] || fail "enumpoly --exact: not 9 lines"
grep -q '^NE,2/5,3/5,1/2,1/2,1/3,2/3$' <<<"$exact_enum" || fail "enumpoly --exact: no exact 2/5,3/5,1/2,1/2,1/3,2/3 line"
# Refused: logit options for another method, gnm's for another, and bad values.
"$impasse" solve -m gnm --lambda 1 "$g1" >/dev/null 2>&1 && fail "gnm --lambda accepted"
"$impasse" solve -m ipa --max-steps 10 "$g1" >/dev/null 2>&1 && fail "ipa --max-steps accepted"
"$impasse" solve -m gnm --end-lambda 1 "$g1" >/dev/null 2>&1 && fail "gnm --end-lambda 1 accepted"
for count in "--max-steps 0" "--max-steps -5" "--starts -5" "--starts 0"; do
  # shellcheck disable=SC2086
  "$impasse" solve -m gnm $count "$g1" >/dev/null 2>"$work_err" && fail "gnm $count accepted"
  grep -q "takes a whole number of at least 1" "$work_err" || fail "gnm $count: $(cat "$work_err")"
done
# ... and the n-player options given to a two-player method (they were
# ignored before).
for option in "--seed 3" "--starts 2" "--max-regret 1e-3" "--max-steps 5" "--lambda 1" "--branch"; do
  # shellcheck disable=SC2086
  "$impasse" solve -m vertex $option "$corpus/gambit/contrib-2x2.nfg" >/dev/null 2>"$work_err" &&
    fail "vertex $option accepted"
  grep -q "^impasse: ${option%% *} applies to .* only, not to vertex" "$work_err" || fail "vertex $option: $(cat "$work_err")"
done
# ... and each to the n-player methods that ignored it (enumpoly's --seed,
# logit's --starts, gnm's --grid-refinement were accepted and did nothing).
for pair in "enumpoly --seed 3" "logit --starts 2" "enumpoly --starts 2" "gnm --grid-refinement 3" \
  "ipa --grid-refinement 3" "logit --seed 3" "simpdiv --end-lambda -5" "enumpoly --branch"; do
  read -r method option value <<<"$pair"
  # shellcheck disable=SC2086
  "$impasse" solve -m "$method" "$option" $value "$g1" >/dev/null 2>"$work_err" && fail "$pair accepted"
  grep -q "^impasse: $option applies to .* only, not to $method$" "$work_err" || fail "$pair: $(cat "$work_err")"
done
grep -q "^impasse: --grid-refinement applies to simpdiv only, not to ipa$" <(
  "$impasse" solve -m ipa --grid-refinement 3 "$g1" 2>&1 >/dev/null) || fail "ipa --grid-refinement: the message"
# gnm --max-steps: a branch cut short prints the checked equilibria it
# crossed and says on standard error that the run reached a limit (random
# 6x6x6, seed 1: 35 equilibria on the whole branch, 915 steps).
random6=$(mktemp)
"$impasse" generate random --strategies 6,6,6 --seed 1 >"$random6"
cut=$("$impasse" solve -m gnm --max-steps 300 --check "$random6" 2>"$work_err") || fail "gnm --max-steps 300: exit status $?"
grep -q "limit reached" "$work_err" || fail "gnm --max-steps 300: no 'limit reached' on standard error"
lines=$(grep -c '^NE,' <<<"$cut")
[ "$lines" -ge 1 ] && [ "$lines" -lt 35 ] || fail "gnm --max-steps 300: $lines NE lines"
whole=$("$impasse" solve -m gnm --check "$random6" 2>"$work_err") || fail "gnm on random 6x6x6: exit status $?"
[ "$(grep -c '^NE,' <<<"$whole")" -eq 35 ] || fail "gnm on random 6x6x6: $(grep -c '^NE,' <<<"$whole") NE lines, not 35"
grep -q "status" "$work_err" && fail "gnm on random 6x6x6: a status on standard error: $(cat "$work_err")"
rm -f "$random6"
# An extensive game goes through its reduced strategic form.
efg="$corpus/gambit/catalog-books-myerson1991-fig4_2.efg"
if [ -f "$efg" ]; then
  for method in logit gnm ipa simpdiv enumpoly; do
    "$impasse" solve --method "$method" --check "$efg" >/dev/null 2>&1 || fail "$method $(basename "$efg"): exit status $?"
  done
fi
[ $failed -eq 0 ] && echo "all n-player method checks passed"
exit $failed

#!/usr/bin/env bash
# The controlled-friction example's exported games, solved by the `impasse`
# command, give the equilibria the report prints, and keep the names other
# tools rely on:
#   - `impasse stochastic --method pure --exact` on controlled-friction.json
#     prints exactly the report's pure MPE; none reaches a deal state from
#     talks (checked on the report's own summary lines); at least one
#     escalates on its path with a chance of war within 40 years under 1/10;
#   - on controlled-friction-commitment.json it finds the benchmark's MPE,
#     and some of them reach a deal;
#   - the stage game's equilibria (`impasse solve --method vertex --exact`)
#     and the one-year game's SPE (`impasse solve --method spe --exact`);
#   - state names: only the deal states contain "deal", only the war state
#     "war"; escalating actions contain "escalate";
# under the defaults and under the override that removes the rent channel.
set -uo pipefail
example="$1"
tool="$2"
failures=0
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fail() { echo "FAIL ($1): $2"; failures=$((failures + 1)); }

# A section of the report, from a heading to the next, as one line (the
# report wraps its sentences).
section() { sed -n "/^$2/,/^$3/p" "$1" | tr -s ' \n' ' '; }
# How many "deal reached with chance X" in a section have X > 0.
deal_reaching() { grep -o 'deal reached with chance [0-9.]*' | grep -vc 'chance 0\.000$'; }

# The state names of a stochastic-game JSON file, one per line.
state_names() { grep -o '"name": *"[^"]*"' "$1" | sed 's/"name": *"\(.*\)"/\1/'; }

check() {  # label, expected deal-reaching MPE (none|some), then the example's extra arguments
  local label="$1" deals="$2"; shift 2
  local dir="$work/$label"
  if ! "$example" --no-sweeps --rounds 1 --export "$dir" "$@" >"$dir.report" 2>"$dir.err"; then
    fail "$label" "the example failed: $(cat "$dir.err")"; return
  fi
  for file in controlled-friction.json controlled-friction-commitment.json controlled-friction-stage.nfg \
              controlled-friction-rounds.efg; do
    [ -s "$dir/$file" ] || fail "$label" "no $file exported"
  done
  # The model: the command's MPE are the report's.
  local reported solved
  reported="$(sed -n '/^THE STOCHASTIC GAME/,/^THE COMMITMENT/p' "$dir.report" | grep -E '^ +MPE,' | sed 's/^ *//' | sort)"
  solved="$(timeout 300 "$tool" stochastic --method pure --exact "$dir/controlled-friction.json" | sort)"
  if [ -z "$reported" ] || [ "$reported" != "$solved" ]; then
    fail "$label" "the report's MPE differ from impasse stochastic's"
    echo "  report:"; echo "$reported"; echo "  impasse stochastic:"; echo "$solved"
  fi
  local reach
  reach="$(section "$dir.report" 'THE STOCHASTIC GAME' 'THE COMMITMENT' | deal_reaching)"
  if [ "$deals" = none ] && [ "$reach" -ne 0 ]; then fail "$label" "$reach pure MPE reach the deal"; fi
  if [ "$deals" = some ] && [ "$reach" -eq 0 ]; then fail "$label" "no pure MPE reaches the deal"; fi
  # The benchmark: the command finds as many MPE as the report, some reaching the deal.
  local bench_count bench_solved
  bench_count="$(sed -n 's/^THE COMMITMENT BENCHMARK.*: \([0-9]*\) pure stationary MPE.*$/\1/p' "$dir.report")"
  bench_solved="$(timeout 300 "$tool" stochastic --method pure --exact "$dir/controlled-friction-commitment.json" | grep -c '^MPE,')"
  [ "$bench_count" = "$bench_solved" ] || fail "$label" "benchmark: report $bench_count MPE, impasse stochastic $bench_solved"
  [ "$(section "$dir.report" 'THE COMMITMENT BENCHMARK' 'THE STAGE GAME' | deal_reaching)" -gt 0 ] ||
    fail "$label" "no MPE of the commitment benchmark reaches the deal"
  # Names.
  for file in "$dir/controlled-friction.json" "$dir/controlled-friction-commitment.json"; do
    [ "$(state_names "$file" | head -1)" = talks ] || fail "$label" "$file: the first (initial) state is not talks"
    [ "$(state_names "$file" | grep -c deal)" -eq 2 ] || fail "$label" "$file: not two deal states"
    [ "$(state_names "$file" | grep -c war)" -eq 1 ] || fail "$label" "$file: not one state containing war"
    [ "$(state_names "$file" | grep -x war | wc -l)" -eq 1 ] || fail "$label" "$file: no state named war"
    grep -q 'de-escalate' "$file" && fail "$label" "$file: an action is called de-escalate"
    grep -q '"escalate-grey"' "$file" || fail "$label" "$file: no escalate-grey action"
  done
  # The stage game and the one-year game.
  local stage spe
  stage="$(sed -n 's/^Nash equilibria .*: \([0-9]*\)$/\1/p' "$dir.report")"
  [ "$stage" = "$("$tool" solve --method vertex --exact "$dir/controlled-friction-stage.nfg" | grep -c '^NE,')" ] ||
    fail "$label" "stage game: the report and impasse solve --method vertex disagree"
  "$tool" solve --method spe --exact --check "$dir/controlled-friction-rounds.efg" >/dev/null ||
    fail "$label" "one-year game: impasse solve --method spe --check failed"
}

check defaults none
# The friction MPE escalates, and war within 40 years stays under 1/10.
tr -s ' \n' ' ' <"$work/defaults.report" | grep -q 'war within 40 years 0\.0[0-9]* (the friction profile)' ||
  fail defaults "no friction MPE with war within 40 years under 1/10"
tr -s ' \n' ' ' <"$work/defaults.report" | grep -q 'talks: escalate-grey / escalate-grey' ||
  fail defaults "no MPE escalates on its path"
check no-rents some --param rent_washington=0 --param rent_tehran=0 --param sanctions_signal_washington=0 \
  --param sanctions_rent_tehran=0

if [ "$failures" -ne 0 ]; then echo "$failures failure(s)"; exit 1; fi
echo "the exported games give the report's equilibria and keep their names"

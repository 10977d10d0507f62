#!/usr/bin/env bash
# The controlled-friction example's exported games, solved by the `impasse`
# command, give the equilibria the report prints: the stochastic game's pure
# stationary MPE (`impasse stochastic --method pure --exact`), the stage
# game's equilibria (`impasse solve --method vertex --exact`) and the one-round
# game's SPE (`impasse solve --method spe --exact`); under the defaults and
# under an override that makes the deal an equilibrium outcome.
set -uo pipefail
example="$1"
tool="$2"
failures=0
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

check() {  # label, then the example's extra arguments
  local label="$1"; shift
  local dir="$work/$label"
  if ! "$example" --no-sweeps --rounds 1 --export "$dir" "$@" >"$dir.report" 2>"$dir.err"; then
    echo "FAIL ($label): the example failed: $(cat "$dir.err")"; failures=$((failures + 1)); return
  fi
  local reported solved
  reported="$(grep -E '^ +MPE,' "$dir.report" | sed 's/^ *//' | sort)"
  solved="$("$tool" stochastic --method pure --exact "$dir/controlled-friction.json" | sort)"
  if [ -z "$reported" ] || [ "$reported" != "$solved" ]; then
    echo "FAIL ($label): the report's MPE differ from impasse stochastic's"
    echo "  report:"; echo "$reported"; echo "  impasse stochastic:"; echo "$solved"
    failures=$((failures + 1))
  fi
  local stage_count nash_lines
  stage_count="$(sed -n 's/^Nash equilibria .*: \([0-9]*\)$/\1/p' "$dir.report")"
  nash_lines="$("$tool" solve --method vertex --exact "$dir/controlled-friction-stage.nfg" | grep -c '^NE,')"
  if [ "$stage_count" != "$nash_lines" ]; then
    echo "FAIL ($label): the report counts $stage_count stage equilibria, impasse solve finds $nash_lines"
    failures=$((failures + 1))
  fi
  local spe_count spe_lines
  spe_count="$(sed -n 's/^THE 1-ROUND GAME .*subgame-perfect equilibria: \([0-9]*\).*$/\1/p' "$dir.report")"
  spe_lines="$("$tool" solve --method spe --exact "$dir/controlled-friction-rounds.efg" | grep -c '^NE,')"
  if [ "$spe_count" != "$spe_lines" ]; then
    echo "FAIL ($label): the report counts $spe_count SPE of the one-round game, impasse solve finds $spe_lines"
    failures=$((failures + 1))
  fi
}

check defaults
check no-rents --param rent_washington=0 --param rent_tehran=0 --param sanctions=0 --param cancellation_probability=0

if [ "$failures" -ne 0 ]; then echo "$failures failure(s)"; exit 1; fi
echo "the exported games give the report's equilibria"

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

same_count() {  # label, what, the report's count, then the impasse command that must print as many NE lines
  local label="$1" what="$2" reported="$3"; shift 3
  local found
  found="$("$tool" "$@" | grep -c '^NE,')"
  if [ -z "$reported" ] || [ "$reported" != "$found" ]; then
    echo "FAIL ($label): the report counts '$reported' $what, impasse $1 finds $found"
    failures=$((failures + 1))
  fi
}

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
  same_count "$label" "stage equilibria" "$(sed -n 's/^Nash equilibria .*: \([0-9]*\)$/\1/p' "$dir.report")" \
    solve --method vertex --exact "$dir/controlled-friction-stage.nfg"
  same_count "$label" "SPE of the one-round game" \
    "$(sed -n 's/^THE 1-ROUND GAME .*subgame-perfect equilibria: \([0-9]*\).*$/\1/p' "$dir.report")" \
    solve --method spe --exact "$dir/controlled-friction-rounds.efg"
}

check defaults
check no-rents --param rent_washington=0 --param rent_tehran=0 --param sanctions=0 --param cancellation_probability=0

if [ "$failures" -ne 0 ]; then echo "$failures failure(s)"; exit 1; fi
echo "the exported games give the report's equilibria"

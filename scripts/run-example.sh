#!/usr/bin/env bash
# Builds impasse (Release) and runs its main example: the controlled-friction
# report (the essay's model solved, its verdict, and the parameter sweeps,
# whose CSV and SVG files go to build/controlled-friction-figures unless
# --figures says otherwise). Arguments go to the example; --help lists them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target controlled_friction
figures=(--figures build/controlled-friction-figures)
for argument in "$@"; do
  if [[ "$argument" == --figures* || "$argument" == --help || "$argument" == -h ]]; then figures=(); fi
done
exec ./build/release/examples/controlled_friction "${figures[@]}" "$@"

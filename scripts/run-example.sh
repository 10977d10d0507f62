#!/usr/bin/env bash
# Builds impasse (Release) and runs its main example.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target solve_game
exec ./build/release/examples/solve_game "$@"

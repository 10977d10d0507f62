#!/usr/bin/env bash
# The hostile-input stages, apart from the test command for its time budget:
# the threaded solvers' tests under ThreadSanitizer (preset tsan, label
# threads) and a short run of each libFuzzer target (preset fuzz,
# IMPASSE_FUZZ_SECONDS each, 8 by default) on its seeds and the inputs kept
# from earlier findings. scripts/fuzz.sh runs the fuzzers long. Last, the
# benchmark programs are built (the test command does not build them), so
# that they keep compiling.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh

# ThreadSanitizer on every test of a threaded solver (support enumeration,
# pure MPE, the model's sweeps and sensitivity): the tests labelled threads.
echo "=== tsan: configure, build, test"
cmake --preset tsan
cmake --build --preset tsan
ctest --preset tsan

# A short run of each libFuzzer target (IMPASSE_FUZZ_SECONDS each, 8 by
# default) on its seeds and the inputs kept from earlier findings;
# scripts/fuzz.sh runs them long.
echo "=== fuzz: configure, build, a short run of each fuzzer"
cmake --preset fuzz
cmake --build --preset fuzz
ctest --preset fuzz

echo "=== benchmarks: the benchmark programs build (preset release, target benchmarks)"
cmake --preset release
cmake --build --preset release --target benchmarks

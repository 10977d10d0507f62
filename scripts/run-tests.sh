#!/usr/bin/env bash
# Builds impasse twice and runs the whole test suite on each build: Debug
# with AddressSanitizer and UndefinedBehaviorSanitizer, then Release. Then
# installs the Release build to a scratch prefix and builds the two consumer
# projects in tests/package/ against it: one through find_package, one
# through add_subdirectory, each with a program on the solvers alone and one
# on the essay's model (impasse::models), and runs the Python module's pytest
# suite against the installed package. Tests labelled `heavy` are not run here
# (`ctest --preset release -L heavy` runs them); the ThreadSanitizer and
# fuzzing stages are scripts/run-hostile-checks.sh, kept apart for this
# command's 40-minute budget.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bash scripts/ensure-deps.sh

for preset in debug-sanitize release; do
  echo "=== $preset: configure, build, test (at ${SECONDS} s)"
  cmake --preset "$preset"
  cmake --build --preset "$preset"
  ctest --preset "$preset"
done

echo "=== package: install, then build consumer projects (at ${SECONDS} s)"
prefix="$root/build/package/prefix"
rm -rf "$root/build/package"
cmake --install build/release --prefix "$prefix"
test -x "$prefix/bin/impasse"
if [ -x build/release/impasse-mpi ]; then test -x "$prefix/bin/impasse-mpi"; fi
"$prefix/bin/impasse" solve --exact examples/games/stalling.nfg
if [ -d "$prefix/lib/python3/dist-packages/impasse" ]; then
  echo "=== python: the pytest suite against the installed package, PYTHONPATH only"
  (cd "$root" && env -u IMPASSE_COMMAND PYTHONPATH="$prefix/lib/python3/dist-packages" \
    /usr/bin/python3 -m pytest -q -p no:cacheprovider python/tests)
fi

cmake -S tests/package/find-package -B build/package/find-package -G Ninja \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix"
cmake --build build/package/find-package
./build/package/find-package/consumer
./build/package/find-package/model_consumer

# No build type here, as a parent project may leave it: impasse then adds no
# optimisation flags of its own, and this second build of the library is
# quick (its optimised build was tested above).
cmake -S tests/package/add-subdirectory -B build/package/add-subdirectory -G Ninja \
  -DIMPASSE_SOURCE_DIR="$root"
cmake --build build/package/add-subdirectory
./build/package/add-subdirectory/consumer
./build/package/add-subdirectory/model_consumer
echo "=== all test stages passed in ${SECONDS} s"

#!/usr/bin/env bash
# Makes sure the Debian 12 packages impasse builds and tests with are
# installed. As root it installs what is missing; otherwise it prints the
# exact apt-get line and fails. Sourced or run by the other scripts.
set -euo pipefail

packages=(
  g++ cmake ninja-build make        # toolchain
  libboost-dev libgmp-dev           # Boost.Multiprecision with GMP: exact rationals
  libeigen3-dev                     # matrices, in double and in rationals
  libfmt-dev                        # formatting
  libcli11-dev                      # the command line of the impasse tool
  nlohmann-json3-dev                # JSON output (and, later, stochastic-game files)
  libgtest-dev libgmock-dev         # tests
  libbenchmark-dev                  # benchmarks
  lrslib                            # lrsnash: the oracle tests and the speed comparison
  doxygen                           # the API reference from the headers (target docs; the test docs.api_reference fails on any warning)
  libboost-mpi-dev libopenmpi-dev openmpi-bin  # the sensitivity analysis across machines (Boost.MPI over Open MPI)
  clang libclang-rt-14-dev          # libFuzzer (-fsanitize=fuzzer) for the fuzz targets in fuzz/: GCC has no libFuzzer
  time python3                      # GNU time and a generator: the resource-limit test measures peak memory of hostile input
  python3-dev pybind11-dev          # the Python module (python/): pybind11 binds the C++ solvers to Python
  python3-numpy python3-pytest      # the module's arrays, and its pytest suite (label python)
  python3-matplotlib                # python/examples/controlled_friction_figures.py draws with it (skips, saying so, without it)
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

line="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "impasse needs these Debian packages. As root, run:" >&2
  echo "  apt-get update && $line" >&2
  exit 1
fi
echo "Installing missing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
$line

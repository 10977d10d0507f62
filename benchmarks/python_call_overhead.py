#!/usr/bin/env python3
"""The per-call overhead of the Python bindings on a 2x2 game: the time of
one call of each solver from Python, the result object included.

On a 2x2 game the solve itself is small, so these times are mostly the
binding's overhead: argument conversion, the GIL released and taken back,
the result's Fractions or numpy arrays and the `impasse.Result` built from
them. The C++ benchmarks (benchmarks/*_benchmark.cpp) time the solves alone.

Usage: PYTHONPATH=build/release/python python3 benchmarks/python_call_overhead.py [--repeat N]
Prints one line per solver: name, exact or double, microseconds per call
(the median of 5 runs of N calls each).
"""

import argparse
import statistics
import time

import impasse


def per_call(function, repeat):
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(repeat):
            function()
        runs.append((time.perf_counter() - start) / repeat)
    return statistics.median(runs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2000)
    args = parser.parse_args()
    exact = impasse.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])  # battle of the sexes
    double = impasse.from_arrays([[2.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 2.0]])
    solvers = [("pure_strategy_enumeration", impasse.pure_strategy_enumeration),
               ("vertex_enumeration", impasse.vertex_enumeration),
               ("support_enumeration", impasse.support_enumeration),
               ("lemke_howson", impasse.lemke_howson),
               ("simplicial_subdivision", impasse.simplicial_subdivision)]
    print(f"# {args.repeat} calls x 5 runs, median microseconds per call")
    for name, solver in solvers:
        for kind, game in (("exact", exact), ("double", double)):
            print(f"{name:28s} {kind:7s} {per_call(lambda: solver(game), args.repeat) * 1e6:9.1f}")
    print(f"{'from_arrays (2x2, ints)':28s} {'exact':7s} "
          f"{per_call(lambda: impasse.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]]), args.repeat) * 1e6:9.1f}")


if __name__ == "__main__":
    main()

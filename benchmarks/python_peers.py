#!/usr/bin/env python3
"""Run one of the Python peers' two-player solvers (QuantEcon, Nashpy) on games
and time the solver call in-process, for benchmarks/compare_python_peers.sh.

Games are read in lrsnash's input format (what `impasse convert --to lrsnash
GAME.nfg` writes: "m n", then the m x n payoffs of the row player, then the
m x n payoffs of the column player, integers or fractions p/q) or as .nfg,
which is converted by running `impasse convert --to lrsnash` (--impasse, or
the IMPASSE environment variable, default build/release/impasse).

Before the first timed call the solver runs once on a small 3 x 2 game, so
that Numba's just-in-time compilation is not timed. Each timed call is the
whole solver call (building the NormalFormGame or the numpy arrays is not
timed; for Nashpy, list() of its generator is), measured with
time.perf_counter. Output, per game, in the order given:

  NE,p1,...,pm,q1,...,qn        every equilibrium returned (with --equilibria),
                                as fractions rounded from the floats
                                (Fraction.limit_denominator(10**6)) or, with
                                --floats, as floats
  TIME <file> <seconds> <count> <not Nash>
                                the solver's time, how many profiles it
                                returned, and how many of those are not
                                equilibria (a player gains more than 1e-6
                                times the largest payoff by deviating)

Exit status 3 if a peer cannot be imported (the message says how to get it).

Usage: python_peers.py SOLVER [--equilibria] [--floats] [--repeat R]
                       [--label K] [--impasse PATH] GAME...
SOLVER: quantecon-support, quantecon-vertex, quantecon-lh, nashpy-support,
        nashpy-vertex, nashpy-lh (Lemke-Howson: one equilibrium, first
        label K, 1-based as in `impasse solve --method lh --label K`), and
        impasse-support, impasse-vertex, impasse-lh: impasse's own Python
        bindings (python/, PYTHONPATH=build/release/python), on the same
        float arrays, so that both sides are timed from Python in one harness.
"""

import argparse
import os
import subprocess
import sys
import time
import warnings
from fractions import Fraction
from pathlib import Path

SOLVERS = (
    "quantecon-support",
    "quantecon-vertex",
    "quantecon-lh",
    "nashpy-support",
    "nashpy-vertex",
    "nashpy-lh",
    "impasse-support",
    "impasse-vertex",
    "impasse-lh",
)

HOW_TO_GET = (
    "the Python peers are not importable by {python}: {error}\n"
    "  get them with: pip install quantecon nashpy   (they need numpy, scipy and numba)\n"
    "  or point PYTHON at an interpreter that has them and PYTHONPATH at their sources"
)


def parse_number(text):
    return Fraction(text)


def read_lrsnash(text, source):
    """Payoff matrices (lists of lists of Fractions) of a game in lrsnash's format."""
    tokens = text.split()
    if len(tokens) < 2:
        raise ValueError(f"{source}: expected 'm n' and two m x n payoff matrices")
    m, n = int(tokens[0]), int(tokens[1])
    needed = 2 + 2 * m * n
    if m < 1 or n < 1 or len(tokens) != needed:
        raise ValueError(f"{source}: {m} x {n} game needs {needed} numbers, found {len(tokens)}")
    values = [parse_number(t) for t in tokens[2:]]
    row = [values[i * n:(i + 1) * n] for i in range(m)]
    column = [values[m * n + i * n:m * n + (i + 1) * n] for i in range(m)]
    return row, column


def read_game(path, impasse):
    if path.endswith(".nfg"):
        converted = subprocess.run([impasse, "convert", "--to", "lrsnash", path],
                                   check=True, capture_output=True, text=True)
        return read_lrsnash(converted.stdout, path)
    return read_lrsnash(Path(path).read_text(), path)


def as_float_matrix(np, matrix):
    return np.array([[float(x) for x in row] for row in matrix], dtype=float)


def make_solver(name, label):
    """A function (A, B) -> list of (x, y), where A and B are float m x n arrays."""
    try:
        import numpy as np
        if name.startswith("quantecon"):
            import quantecon.game_theory as qe_gt
        elif name.startswith("impasse"):
            import impasse as impasse_module
        else:
            from nashpy.algorithms.support_enumeration import support_enumeration as nashpy_support
            from nashpy.algorithms.vertex_enumeration import vertex_enumeration as nashpy_vertex
            from nashpy.algorithms.lemke_howson import lemke_howson as nashpy_lh
    except ImportError as error:
        print(HOW_TO_GET.format(python=sys.executable, error=error), file=sys.stderr)
        sys.exit(3)

    def quantecon_game(A, B):
        # Each Player's payoff array has its own actions first.
        return qe_gt.NormalFormGame((qe_gt.Player(A), qe_gt.Player(np.ascontiguousarray(B.T))))

    if name.startswith("impasse"):
        solver = {"impasse-support": impasse_module.support_enumeration,
                  "impasse-vertex": impasse_module.vertex_enumeration,
                  "impasse-lh": lambda g: impasse_module.lemke_howson(g, initial_label=label)}[name]
        return np, lambda g: list(solver(g).equilibria), lambda A, B: impasse_module.from_arrays(A, B)
    if name == "quantecon-support":
        return np, lambda g: qe_gt.support_enumeration(g), quantecon_game
    if name == "quantecon-vertex":
        return np, lambda g: qe_gt.vertex_enumeration(g), quantecon_game
    if name == "quantecon-lh":
        return np, lambda g: [qe_gt.lemke_howson(g, init_pivot=label - 1)], quantecon_game
    if name == "nashpy-support":
        return np, lambda g: list(nashpy_support(*g)), lambda A, B: (A, B)
    if name == "nashpy-vertex":
        return np, lambda g: list(nashpy_vertex(*g)), lambda A, B: (A, B)
    if name == "nashpy-lh":
        return np, lambda g: [nashpy_lh(*g, initial_dropped_label=label - 1)], lambda A, B: (A, B)
    raise ValueError(name)


def regret(np, A, B, x, y):
    """The larger of the players' gains from deviating (floats; independent of the solvers)."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.shape != (A.shape[0],) or y.shape != (A.shape[1],):
        return float("inf")  # not a profile of this game (Nashpy's Lemke-Howson returns such vectors)
    if abs(x.sum() - 1) > 1e-9 or abs(y.sum() - 1) > 1e-9 or x.min() < -1e-9 or y.min() < -1e-9:
        return float("inf")
    return max(float((A @ y).max() - x @ A @ y), float((x @ B).max() - x @ B @ y))


def format_profile(x, y, floats):
    values = list(x) + list(y)
    if floats:
        return "NE," + ",".join(repr(float(v)) for v in values)
    return "NE," + ",".join(str(Fraction(float(v)).limit_denominator(10**6)) for v in values)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("solver", choices=SOLVERS)
    parser.add_argument("games", nargs="+")
    parser.add_argument("--equilibria", action="store_true", help="print every equilibrium returned")
    parser.add_argument("--floats", action="store_true", help="print probabilities as floats")
    parser.add_argument("--repeat", type=int, default=1, help="time each game R times, print the minimum")
    parser.add_argument("--label", type=int, default=1, help="Lemke-Howson's first dropped label (1-based)")
    parser.add_argument("--match-gambit", metavar="DIR",
                        help="for GAME named NAME.nfg, also print 'MATCH <file> <found> <distinct> <extra>': "
                             "of the distinct equilibria in DIR/NAME.nfg.enummixed (Gambit's extreme equilibria), "
                             "how many were returned (within 1e-6), and how many returned ones are none of them")
    parser.add_argument("--impasse", default=os.environ.get(
        "IMPASSE", str(Path(__file__).resolve().parent.parent / "build" / "release" / "impasse")))
    args = parser.parse_args()

    np, solve, build = make_solver(args.solver, args.label)
    warnings.simplefilter("ignore")  # Nashpy warns when it returns an even number of equilibria

    # Warm-up (Numba compiles on first call): a 3 x 2 game with three equilibria.
    warm_a = np.array([[3.0, 3.0], [2.0, 5.0], [0.0, 6.0]])
    warm_b = np.array([[3.0, 2.0], [2.0, 6.0], [3.0, 1.0]])
    solve(build(warm_a, warm_b))

    for path in args.games:
        row, column = read_game(path, args.impasse)
        game = build(as_float_matrix(np, row), as_float_matrix(np, column))
        best = None
        for _ in range(max(1, args.repeat)):
            if args.solver.startswith("nashpy"):
                # Nashpy's solvers take and may not copy the arrays: fresh ones per call.
                game = build(as_float_matrix(np, row), as_float_matrix(np, column))
            start = time.perf_counter()
            equilibria = solve(game)
            elapsed = time.perf_counter() - start
            best = elapsed if best is None else min(best, elapsed)
        if args.equilibria:
            for x, y in equilibria:
                print(format_profile(x, y, args.floats))
        A, B = as_float_matrix(np, row), as_float_matrix(np, column)
        tolerance = 1e-6 * max(1.0, float(np.abs(A).max()), float(np.abs(B).max()))
        not_nash = sum(1 for x, y in equilibria if regret(np, A, B, x, y) > tolerance)
        print(f"TIME {path} {best:.6f} {len(equilibria)} {not_nash}", flush=True)
        if args.match_gambit:
            expected_path = Path(args.match_gambit) / (Path(path).name + ".enummixed")
            lines = {line.strip() for line in expected_path.read_text().splitlines() if line.startswith("NE,")}
            expected = [[float(Fraction(v)) for v in line.split(",")[1:]] for line in sorted(lines)]
            returned = [list(x) + list(y) for x, y in equilibria]

            def close(p, q):
                return max(abs(float(a) - b) for a, b in zip(p, q)) <= 1e-6

            found = sum(1 for e in expected if any(close(r, e) for r in returned))
            extra = sum(1 for r in returned if not any(close(r, e) for e in expected))
            print(f"MATCH {path} {found} {len(expected)} {extra}", flush=True)


if __name__ == "__main__":
    main()

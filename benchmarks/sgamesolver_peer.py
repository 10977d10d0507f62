#!/usr/bin/env python3
"""One dense random stochastic game of sgamesolver's own generator, written
for impasse and solved by sgamesolver's logit (QRE) homotopy.

Usage: sgamesolver_peer.py STATES ACTIONS SEED OUT.json

Builds `SGame.random_game(STATES, 2, ACTIONS, delta=0.95, seed=SEED)`
(payoffs uniform in [0, 1), every next state reachable, exponential weights
normalised), writes it to OUT.json in impasse's stochastic-game format, then
runs sgamesolver's QRE homotopy (`QRE(game)`, its Cython implementation when
built) once and prints one line:

    seconds steps lambda success

`seconds` is the solver's own time (`solver_setup` and `solve`), in-process,
leaving out Python's start-up and the import.

impasse reads next-state probabilities exactly and wants them to sum to one
exactly, so each is written as the exact fraction of its double, and the
last of each outcome as one minus the others (it differs from sgamesolver's
double by at most a few units in the last place). Payoffs are written as
JSON numbers with 17 significant digits (read back to the same double).
Actions are ordered as impasse wants: the first player's action varies
fastest (sgamesolver's arrays u[s][p, a1, a2] vary a2 fastest).
"""
import json
import sys
import time
from fractions import Fraction

import sgamesolver


def write_impasse_json(game, path):
    S = game.num_states
    states = []
    for s in range(S):
        m1, m2 = (int(x) for x in game.nums_actions[s])
        u = game.u[s]  # [p, a1, a2]
        phi = game.phi[s]  # [a1, a2, s']
        outcomes = []
        for a2 in range(m2):
            for a1 in range(m1):
                row = [Fraction(float(p)) for p in phi[a1, a2, :S]]
                row[-1] = 1 - sum(row[:-1])
                if row[-1] < 0:
                    raise SystemExit("a transition row does not sum to one closely enough")
                nxt = {f"s{t}": f"{p.numerator}/{p.denominator}" for t, p in enumerate(row) if p != 0}
                outcomes.append({"payoffs": [float(f"{u[0, a1, a2]:.17g}"), float(f"{u[1, a1, a2]:.17g}")],
                                 "next": nxt})
        states.append({"name": f"s{s}",
                       "actions": [[f"a{a}" for a in range(m1)], [f"b{b}" for b in range(m2)]],
                       "outcomes": outcomes})
    delta = [float(d) for d in game.delta]
    doc = {"title": "sgamesolver random_game", "players": ["P1", "P2"],
           "discount": delta if len(set(delta)) > 1 else delta[0], "states": states}
    with open(path, "w") as f:
        json.dump(doc, f)


def main():
    states, actions, seed, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    game = sgamesolver.SGame.random_game(states, 2, actions, delta=0.95, seed=seed)
    write_impasse_json(game, out)
    qre = sgamesolver.homotopy.QRE(game)
    start = time.perf_counter()
    qre.solver_setup()
    qre.solver.verbose = 0
    qre.solve()
    seconds = time.perf_counter() - start
    solver = qre.solver
    print(f"{seconds:.6f} {solver.step} {solver.y[-1]:.6g} {int(qre.equilibrium is not None)}")


if __name__ == "__main__":
    main()

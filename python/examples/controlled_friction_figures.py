#!/usr/bin/env python3
"""The essay's model from Python: a phase diagram of one standard sweep
(where some Markov perfect equilibrium reaches the deal, where controlled
friction holds) and the principal branch of the logit QRE of the one-year
talks game, drawn with matplotlib (Debian's python3-matplotlib).

Usage: controlled_friction_figures.py OUTPUT_DIR [--points N] [--sweep NAME]

Writes OUTPUT_DIR/phase-NAME.svg and OUTPUT_DIR/qre-branch.svg. Without
matplotlib it says so and exits 0 without drawing.
"""

import argparse
import pathlib
import sys

import numpy as np

import impasse
from impasse import model


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=pathlib.Path)
    parser.add_argument("--points", type=int, default=15, help="grid points per axis (the C++ report uses 25)")
    parser.add_argument("--sweep", default="friction-risk-absorption", help="one of model.sweeps()")
    args = parser.parse_args(argv)
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("controlled_friction_figures: matplotlib is not installed (Debian: python3-matplotlib); "
              "nothing drawn", file=sys.stderr)
        return 0
    args.output.mkdir(parents=True, exist_ok=True)

    # The phase diagram: the sweep's grid, coloured by phase.
    result = model.sweep(args.sweep, points=args.points)
    phase = model.phase(result)
    figure, axes = plt.subplots(figsize=(6, 4.5))
    colours = matplotlib.colors.ListedColormap(["#4c9f70", "#d98c3f", "#9a9a9a"])
    axes.pcolormesh(result.x, result.y, phase.T, cmap=colours, vmin=-0.5, vmax=2.5, shading="nearest")
    axes.set_xlabel(result.x_label)
    axes.set_ylabel(result.y_label)
    axes.set_title(result.title, fontsize=9)
    handles = [matplotlib.patches.Patch(color=colours(k), label=label)
               for k, label in enumerate(["an MPE reaches the deal", "controlled friction", "no deal, no friction"])]
    axes.legend(handles=handles, fontsize=7, loc="upper right")
    phase_path = args.output / f"phase-{result.name}.svg"
    figure.savefig(phase_path)
    plt.close(figure)

    # The QRE branch of the stage game (one year of talks): each strategy's
    # probability against lambda, up to the Nash equilibrium it ends at.
    report = model.analyze(rounds=0, homotopy=False, sanctions_grid=())
    branch = impasse.logit_branch(report.stage)
    figure, axes = plt.subplots(figsize=(6, 4.5))
    names = [f"{player}: {strategy}" for player, strategies in zip(report.stage.players, report.stage.strategies)
             for strategy in strategies]
    for k, name in enumerate(names):
        axes.plot(branch.lambdas, branch.profiles[:, k], label=name, linewidth=1)
    axes.set_xscale("symlog", linthresh=1.0)
    axes.set_xlabel("lambda (logit precision, payoff units)")
    axes.set_ylabel("probability")
    axes.set_title("Principal logit QRE branch of the one-year talks game", fontsize=9)
    axes.legend(fontsize=6, ncol=2)
    qre_path = args.output / "qre-branch.svg"
    figure.savefig(qre_path)
    plt.close(figure)
    print(f"{phase_path}: {np.mean(phase == 1):.0%} of the grid in controlled friction")
    print(f"{qre_path}: {len(branch.lambdas)} points, ending at lambda {branch.lambdas[-1]:.4g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

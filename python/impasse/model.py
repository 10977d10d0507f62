"""The essay's controlled-friction model of U.S.-Iran talks
(include/impasse/models/, the C++ report examples/controlled_friction.cpp).

Parameters are a dict from name to number (``Fraction``, int, or a float
taken at its exact binary value); what is not given keeps its default::

    from impasse import model
    report = model.analyze({"sanctions": 0}, rounds=0, homotopy=False)
    [v["holds"] for v in report.verdicts]

A sweep is a grid of two parameters, answered as numpy arrays indexed
``[x, y]``.
"""

import fractions
import types

import numpy as np

from . import _impasse

_model = _impasse._model


def _assignments(parameters):
    if not parameters:
        return []
    out = []
    for name, value in parameters.items():
        if isinstance(value, float):
            value = fractions.Fraction(value)
        out.append(f"{name}={fractions.Fraction(value)}")
    return out


def defaults():
    """Every parameter's default, as a Fraction, in the model's order."""
    return _model.defaults()


def parameters(overrides=None):
    """The defaults with ``overrides`` applied and checked against each
    parameter's range (``InvalidArgument`` naming the parameter otherwise)."""
    return _model.parameters(_assignments(overrides))


def parameter_table():
    """What each parameter means, the essay's sentence it encodes, its range
    and the range the sensitivity analysis samples: a list of dicts."""
    return _model.parameter_table()


def analyze(overrides=None, *, rounds=2, homotopy=True, sanctions_grid=(0, fractions.Fraction(1, 4),
                                                                        fractions.Fraction(1, 2),
                                                                        fractions.Fraction(3, 4), 1)):
    """The model solved at the parameters (``analyze`` in the C++ library).

    Returns a namespace with ``verdicts`` (the essay's claims, each a dict
    with ``question``, ``holds``, ``essay_says_yes``, ``settled``,
    ``evidence``), ``model_equilibria`` and ``commitment_equilibria`` (every
    pure stationary MPE with its deal and war probabilities as Fractions),
    ``stage`` (the one-year talks game, a StrategicGame) and its
    ``stage_equilibria``, ``model`` and ``commitment`` (StochasticGames),
    ``deal_surplus``, the channels switched off, and ``sanctions_statics``
    (a dict of numpy arrays, one entry per sanctions level).
    """
    grid = [str(fractions.Fraction(x)) for x in sanctions_grid]
    report = _model.analyze(_assignments(overrides), rounds, homotopy, grid)
    return types.SimpleNamespace(**report)


def sweeps(overrides=None, points=25):
    """The standard sweeps: a list of (name, title, x label, y label)."""
    return _model.sweeps(_assignments(overrides), points)


def sweep(name, overrides=None, *, points=25, threads=0):
    """One standard sweep on a ``points`` x ``points`` grid: a namespace with
    the axes ``x`` and ``y`` (1-D arrays) and, indexed ``[i, j]`` for
    ``x[i]``, ``y[j]``: ``equilibria``, ``deal_equilibria``,
    ``escalating_equilibria``, ``swapping_equilibria`` (int arrays),
    ``largest_war_risk``; ``closed_form``, ``found`` and ``margin`` indexed
    ``[k, i, j]`` for the named profile ``profile_names[k]``; and the shares
    ``no_deal_share`` and ``friction_share``."""
    return types.SimpleNamespace(**_model.sweep(_assignments(overrides), name, points, threads))


def phase(result):
    """The phase of each grid point of a sweep, as an int array: 0 when some
    pure MPE reaches the deal, 1 controlled friction (none reaches it, every
    one escalates, and war within the horizon stays below 1/2: the C++
    sweep's ``friction_share`` counts these), 2 otherwise."""
    out = np.full(result.equilibria.shape, 2, dtype=int)
    out[result.deal_equilibria > 0] = 0
    friction = (result.deal_equilibria == 0) & (result.escalating_equilibria == result.equilibria) & (
        result.equilibria > 0) & (result.largest_war_risk < 0.5)
    out[friction] = 1
    return out

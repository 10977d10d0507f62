"""Repeated games: a stage game (a :class:`StrategicGame`) played forever or
``horizon`` times, each player discounting by his own factor. Exact stage
games compute in rationals, the discount factors converted exactly (pass a
``Fraction`` for 9/10: the float 0.9 is not 9/10)."""

import dataclasses

from . import _impasse


@dataclasses.dataclass(frozen=True)
class Automaton:
    """One player's strategy as a finite automaton (repeated/automata.hpp):
    ``actions[q]`` is the strategy played in state ``q`` and
    ``transitions[q][p]`` the next state after the stage profile with index
    ``p`` (the stage game's numbering, player 1's strategy changing fastest)."""

    name: str
    initial_state: int
    actions: tuple
    transitions: tuple


class RepeatedGame:
    """The stage game repeated forever (``horizon=None``) or ``horizon``
    times with discount factor ``delta`` (one number, or one per player)."""

    def __init__(self, stage, delta, horizon=None):
        if not isinstance(stage, _impasse.StrategicGame):
            raise _impasse.InvalidArgument("RepeatedGame: the stage game must be an impasse.StrategicGame")
        deltas = tuple(delta) if isinstance(delta, (list, tuple)) else (delta,) * stage.num_players
        if len(deltas) != stage.num_players:
            raise _impasse.InvalidArgument(f"repeated game: {len(deltas)} discount factors for "
                                           f"{stage.num_players} players")
        if horizon is not None and horizon < 1:
            raise _impasse.InvalidArgument("repeated game: the horizon must be at least 1 round")
        self.stage, self.deltas, self.horizon = stage, deltas, horizon

    def __repr__(self):
        horizon = "forever" if self.horizon is None else f"{self.horizon} rounds"
        return f"<impasse.RepeatedGame {self.stage!r}, delta {self.deltas}, {horizon}>"


def _infinite(game, name):
    if game.horizon is not None:
        raise _impasse.InvalidArgument(f"{name} needs an infinitely repeated game (horizon=None)")


def abreu_sannikov(game, *, tolerance=1e-12, max_iterations=100000, recognise_exact=True, on_progress=None):
    """The vertices of the set of pure-action SPE payoffs with public
    randomisation of an infinitely repeated two-player game (Abreu and
    Sannikov 2014), counter-clockwise (``vertices``; ``threat_point``)."""
    _infinite(game, "abreu_sannikov")
    return _impasse._abreu_sannikov(game.stage, game.deltas, tolerance=tolerance, max_iterations=max_iterations,
                                    recognise_exact=recognise_exact, on_progress=on_progress)


def repeated_backward_induction(game, *, max_payoffs=100000, on_equilibrium=None, on_progress=None):
    """The pure SPE payoff vectors of the finitely repeated game
    (``payoffs``, normalised, each with an equilibrium path in ``paths``)."""
    if game.horizon is None:
        raise _impasse.InvalidArgument("repeated_backward_induction needs a finite horizon")
    return _impasse._repeated_backward_induction(game.stage, game.deltas, game.horizon, max_payoffs=max_payoffs,
                                                 on_equilibrium=on_equilibrium, on_progress=on_progress)


def pure_minmax(stage, player):
    """``player``'s (from 0) pure minmax value (``value``) and the pure
    profile that holds him to it (``punishment``)."""
    return _impasse._minmax(stage, player, False)


def mixed_minmax(stage, player):
    """``player``'s (from 0) mixed minmax value in a two-player game and the
    opponent's strategy that holds him to it."""
    return _impasse._minmax(stage, player, True)


def _automata(profile):
    return tuple(Automaton(name, initial, tuple(actions), tuple(tuple(t) for t in transitions))
                 for name, initial, actions, transitions in profile)


def grim_trigger(stage, cooperation, punishment):
    """Play ``cooperation`` until anyone deviates, then ``punishment`` forever."""
    return _automata(_impasse._named_automata(stage, "grim_trigger", list(cooperation), list(punishment)))


def tit_for_tat(stage, first=0):
    """Each player plays ``first``, then what the other played last round."""
    return _automata(_impasse._named_automata(stage, "tit_for_tat", [first], []))


def stick_and_carrot(stage, cooperation, punishment):
    """Cooperate; after a deviation play ``punishment`` one round, then return."""
    return _automata(_impasse._named_automata(stage, "stick_and_carrot", list(cooperation), list(punishment)))


def check_subgame_perfection(game, automata):
    """Whether the automata form an SPE of the infinitely repeated game, by
    the one-shot deviation principle (``subgame_perfect``, ``payoffs``, the
    best ``deviation`` when there is one)."""
    _infinite(game, "check_subgame_perfection")
    return _impasse._check_subgame_perfection(game.stage, game.deltas, list(automata))


def critical_discount_factor(stage, automata):
    """The lowest common discount factor from which the automata form an
    SPE (``value``; None when none close to 1 does)."""
    return _impasse._critical_discount_factor(stage, list(automata))

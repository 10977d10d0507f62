"""impasse: equilibria of games, exact where it matters and fast everywhere.

A strategic game comes from one payoff array per player
(:func:`from_arrays`, as pygambit's ``Game.from_arrays``), from a payoff
profile array (:func:`from_payoff_profile_array`, as QuantEcon's
``NormalFormGame``) or from an .nfg file (:func:`read_nfg`). Integers and
``fractions.Fraction`` payoffs make an exact game, whose solvers answer in
``Fraction``; any float makes a game in double. An extensive game comes
from an .efg file (:func:`read_efg`), a stochastic game from its JSON file
(:func:`read_stochastic_json`). The solvers carry their C++
names and take their options as keyword arguments, with the C++ defaults::

    import impasse
    game = impasse.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    result = impasse.vertex_enumeration(game)
    result.equilibria   # three equilibria, as Fractions

A solve releases the GIL; Ctrl-C ends it (``KeyboardInterrupt``) at the
solver's next progress report. Bad input raises a subclass of
:class:`Error` with the C++ message.
"""

import fractions as _fractions
import numbers as _numbers
import os as _os

import numpy as _np

from ._impasse import (  # noqa: F401  (the public names)
    __version__,
    backward_induction,
    Error,
    ExtensiveGame,
    FileError,
    InternalError,
    InvalidArgument,
    InvalidGame,
    InvalidProfile,
    LimitExceeded,
    ParseError,
    StochasticGame,
    StrategicGame,
    global_newton,
    lemke_howson,
    lemke_howson_all,
    logit_branch,
    logit_estimate,
    logit_homotopy,
    logit_principal_branch,
    logit_qre_at_lambdas,
    parse_efg,
    parse_nfg,
    parse_stochastic_json,
    polymatrix_approximation,
    polynomial_enumeration,
    pure_stationary_enumeration,
    pure_strategy_enumeration,
    read_efg,
    read_nfg,
    read_stochastic_json,
    reduced_pure_strategy_enumeration,
    sequence_form_lcp,
    sequence_form_lp,
    shapley_value_iteration,
    stochastic_backward_induction,
    simplicial_subdivision,
    subgame_decomposition,
    support_enumeration,
    vertex_enumeration,
    write_efg,
    write_nfg,
    write_stochastic_json,
    zero_sum_lp,
)
from . import _impasse
from .result import Result, Status  # noqa: F401
from .repeated import (  # noqa: F401
    Automaton, RepeatedGame, abreu_sannikov, check_subgame_perfection, critical_discount_factor, grim_trigger,
    mixed_minmax, pure_minmax, repeated_backward_induction, stick_and_carrot, tit_for_tat,
)

__all__ = [
    "Error", "FileError", "InternalError", "InvalidArgument", "InvalidGame", "InvalidProfile", "LimitExceeded",
    "ParseError",
    "Result", "Status", "StrategicGame", "ExtensiveGame", "StochasticGame",
    "from_arrays", "from_payoff_profile_array", "from_player_arrays", "read", "write", "read_nfg", "parse_nfg", "write_nfg",
    "pure_strategy_enumeration", "vertex_enumeration", "support_enumeration", "lemke_howson",
    "lemke_howson_all", "zero_sum_lp", "polynomial_enumeration", "global_newton",
    "polymatrix_approximation", "logit_principal_branch",
    "read_efg", "parse_efg", "write_efg", "backward_induction", "subgame_decomposition", "sequence_form_lcp",
    "read_stochastic_json", "parse_stochastic_json", "write_stochastic_json", "pure_stationary_enumeration",
    "logit_homotopy", "simplicial_subdivision", "logit_branch", "logit_qre_at_lambdas", "logit_estimate",
    "RepeatedGame", "Automaton", "abreu_sannikov", "repeated_backward_induction", "pure_minmax", "mixed_minmax",
    "grim_trigger", "tit_for_tat", "stick_and_carrot", "check_subgame_perfection", "critical_discount_factor",
    "equilibria_as_found", "sequence_form_lp", "reduced_pure_strategy_enumeration", "shapley_value_iteration",
    "stochastic_backward_induction", "stochastic_game_from_dict", "extensive_game_from_tree",
]


def _is_exact_array(array):
    if array.dtype.kind in "iub":
        return True
    if array.dtype.kind != "O":
        return False
    return all(isinstance(x, _numbers.Rational) for x in array.flat)


def _exact_text(x):
    if not isinstance(x, _numbers.Rational):
        x = float(x)  # raises for what is not a number; a float converts exactly
    return str(_fractions.Fraction(x))


def from_arrays(*arrays, title="", players=(), strategies=(), exact=None):
    """The strategic game with one payoff array per player.

    ``arrays[i][s_1, ..., s_n]`` is player i's payoff when player j plays
    strategy s_j (pygambit's ``Game.from_arrays``): for two players, the row
    player's matrix A and the column player's B. ``exact=None`` makes the
    game exact when every payoff is an integer or a ``fractions.Fraction``
    and in double otherwise; ``exact=True`` converts floats exactly (their
    binary value), ``exact=False`` rounds Fractions to double.
    """
    if not arrays:
        raise InvalidGame("from_arrays: a strategic game needs at least one player")
    arrays = [_np.asarray(a) if not isinstance(a, _np.ndarray) else a for a in arrays]
    shape = arrays[0].shape
    for i, a in enumerate(arrays):
        if a.shape != shape:
            raise InvalidGame(f"from_arrays: player {i + 1}'s payoff array has shape {a.shape}, "
                              f"player 1's {shape}")
    if len(shape) != len(arrays):
        raise InvalidGame(f"from_arrays: {len(arrays)} players need payoff arrays with {len(arrays)} "
                          f"dimensions, not {len(shape)}")
    if exact is None:
        exact = all(_is_exact_array(a) for a in arrays)
    counts = list(shape)
    if exact:
        payoffs = [_exact_text(x) for a in arrays for x in a.ravel(order="F")]
        return _impasse._strategic_game_from_rationals(counts, payoffs, title, list(players),
                                                       [list(s) for s in strategies])
    try:
        table = _np.stack([a.astype(float).ravel(order="F") for a in arrays], axis=1)
    except (TypeError, ValueError) as e:
        raise InvalidGame(f"from_arrays: a payoff is not a number ({e})") from None
    return _impasse._strategic_game_from_doubles(counts, table, title, list(players),
                                                 [list(s) for s in strategies])


def from_payoff_profile_array(array, **kwargs):
    """The strategic game from a payoff profile array, as QuantEcon's
    ``NormalFormGame`` takes it: ``array[s_1, ..., s_n]`` is the tuple of the
    n players' payoffs (shape ``(m_1, ..., m_n, n)``). Keywords as
    :func:`from_arrays`.
    """
    array = _np.asarray(array)
    if array.ndim < 2 or array.shape[-1] != array.ndim - 1:
        raise InvalidGame(f"from_payoff_profile_array: an array of shape {array.shape} is not "
                          "(m_1, ..., m_n, n)")
    return from_arrays(*(array[..., i] for i in range(array.shape[-1])), **kwargs)


def _to_arrays(game):
    """One payoff array per player, as :func:`from_arrays` takes them: float
    arrays, or object arrays of Fractions when the game is exact."""
    dtype = object if game.exact else float
    return tuple(_np.asarray(game._payoff_column(i), dtype=dtype).reshape(game.shape, order="F")
                 for i in range(game.num_players))


def _to_payoff_profile_array(game):
    """The payoff profile array (QuantEcon's ``NormalFormGame`` input)."""
    return _np.stack(_to_arrays(game), axis=-1)


def _own_axis_first(i, n):
    return tuple((i + k) % n for k in range(n))


def from_player_arrays(*arrays, **kwargs):
    """The strategic game from each player's payoff array with the player's
    own strategy first and the others following in cyclic order, as
    QuantEcon's ``Player(payoff_array)`` holds it: ``arrays[i][s_i,
    s_{i+1}, ..., s_{i-1}]``. For two players, Nashpy's ``Game(A, B)`` is
    ``from_arrays(A, B)`` and QuantEcon's players are ``A`` and ``B.T``.
    Keywords as :func:`from_arrays`."""
    n = len(arrays)
    arrays = [_np.asarray(a) for a in arrays]
    return from_arrays(*(_np.transpose(a, _np.argsort(_own_axis_first(i, n))) for i, a in enumerate(arrays)),
                       **kwargs)


def _to_player_arrays(game):
    """Each player's payoff array with his own strategy first, the others
    in cyclic order (QuantEcon's ``Player.payoff_array``)."""
    n = game.num_players
    return tuple(_np.transpose(a, _own_axis_first(i, n)) for i, a in enumerate(_to_arrays(game)))


_READERS = {".nfg": read_nfg, ".efg": read_efg, ".json": read_stochastic_json}
_WRITERS = {StrategicGame: write_nfg, ExtensiveGame: write_efg, StochasticGame: write_stochastic_json}


def read(path):
    """The game in a file, by its extension: a strategic game from .nfg, an
    extensive game from .efg, a stochastic game from .json; all exact."""
    suffix = _os.path.splitext(_os.fspath(path))[1].lower()
    if suffix not in _READERS:
        raise InvalidArgument(f"read: {_os.fspath(path)} is not an .nfg, .efg or stochastic-game .json file")
    return _READERS[suffix](path)


def write(game, path):
    """Writes a game in its own file format (.nfg, .efg or JSON), so that
    :func:`read` gives an equal game back."""
    writer = _WRITERS.get(type(game))
    if writer is None:
        raise InvalidArgument(f"write: {type(game).__name__} is not an impasse game")
    writer(game, path)


StrategicGame.from_arrays = staticmethod(from_arrays)
StrategicGame.from_payoff_profile_array = staticmethod(from_payoff_profile_array)
StrategicGame.to_arrays = _to_arrays
StrategicGame.to_payoff_profile_array = _to_payoff_profile_array
StrategicGame.from_player_arrays = staticmethod(from_player_arrays)
StrategicGame.to_player_arrays = _to_player_arrays


class _Closed(Exception):
    """Raised in the solver's callback to stop it once the generator is closed."""


def equilibria_as_found(solver, game, **options):
    """A generator of the equilibria ``solver(game, **options)`` finds, each
    yielded as the solver reports it (its ``on_equilibrium`` callback), while
    the solve runs in a thread without the GIL. Closing the generator (or
    leaving the loop) stops the solve at its next equilibrium; an exception
    from the solver is raised here.

        for profile in impasse.equilibria_as_found(impasse.lemke_howson_all, game):
            ...
    """
    import queue
    import threading

    found = queue.Queue()
    closed = threading.Event()
    done = object()

    def on_equilibrium(profile):
        if closed.is_set():
            raise _Closed()
        found.put(profile)

    def solve():
        try:
            solver(game, on_equilibrium=on_equilibrium, **options)
        except _Closed:
            pass
        except BaseException as e:  # handed to the consumer
            found.put(e)
        found.put(done)

    worker = threading.Thread(target=solve, daemon=True)
    worker.start()
    try:
        while True:
            item = found.get()
            if item is done:
                break
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        closed.set()
        worker.join()


def _json_ready(x):
    """`x` with Fractions as "p/q" strings and numpy values as Python ones,
    as the stochastic-game JSON reader takes numbers."""
    if isinstance(x, _fractions.Fraction):
        return str(x)
    if isinstance(x, dict):
        return {k: _json_ready(v) for k, v in x.items()}
    if isinstance(x, (list, tuple, _np.ndarray)):
        return [_json_ready(v) for v in x]
    if isinstance(x, _np.generic):
        return x.item()
    return x


def stochastic_game_from_dict(game):
    """The stochastic game a Python dict describes, in the structure of the
    stochastic-game JSON file (``players``, ``discount``, ``initial``,
    ``states``, each with ``name``, ``actions`` and ``outcomes``, each
    outcome with ``payoffs`` and ``next``), numbers as int, float or
    Fraction; exact. Bad structure raises ParseError or InvalidGame saying
    where, as the file reader does."""
    import json
    return parse_stochastic_json(json.dumps(_json_ready(game)), source="<dict>")


def _efg_text(x):
    return '"' + str(x).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _efg_number(x):
    if isinstance(x, _numbers.Rational):
        return str(_fractions.Fraction(x))
    return repr(float(x))


def extensive_game_from_tree(players, root, title=""):
    """The extensive game whose tree is ``root``, a nest of dicts:

    - a terminal node ``{"payoffs": [u_1, ..., u_n]}``;
    - a decision node ``{"player": i, "infoset": key, "actions": [...],
      "children": [...]}`` with ``i`` counting from 1 and nodes of one
      player with equal ``key`` in one information set (default: each node
      its own);
    - a chance node ``{"chance": [p_1, ...], "actions": [...], "children":
      [...]}``.

    Numbers as int, float or Fraction (the game is exact; floats convert
    exactly). Returns what :func:`parse_efg` gives for the .efg text written
    from it, so bad trees raise the reader's errors saying where."""
    lines = [f"EFG 2 R {_efg_text(title)} {{ {' '.join(_efg_text(p) for p in players)} }} \"\""]
    infosets = {}
    outcomes = [0]

    def infoset(player, key, node_id):
        table = infosets.setdefault(player, {})
        key = ("node", node_id) if key is None else ("key", key)
        return table.setdefault(key, len(table) + 1)

    def walk(node):
        if "payoffs" in node:
            outcomes[0] += 1
            payoffs = ", ".join(_efg_number(u) for u in node["payoffs"])
            lines.append(f"t \"\" {outcomes[0]} \"\" {{ {payoffs} }}")
            return
        actions, children = node["actions"], node["children"]
        if len(actions) != len(children):
            raise InvalidGame(f"extensive_game_from_tree: a node has {len(actions)} actions and "
                              f"{len(children)} children")
        if "chance" in node:
            number = infoset(0, node.get("infoset"), id(node))
            moves = " ".join(f"{_efg_text(a)} {_efg_number(p)}" for a, p in zip(actions, node["chance"]))
            lines.append(f"c \"\" {number} \"\" {{ {moves} }} 0")
        else:
            player = node["player"]
            number = infoset(player, node.get("infoset"), id(node))
            lines.append(f"p \"\" {player} {number} \"\" {{ {' '.join(_efg_text(a) for a in actions)} }} 0")
        for child in children:
            walk(child)

    walk(root)
    return parse_efg("\n".join(lines) + "\n", source="<tree>")

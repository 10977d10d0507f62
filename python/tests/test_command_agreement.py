"""The module and the impasse command agree on the same files: the exact
methods' equilibria equal the command's `--exact` lines, and the extreme
equilibria equal Gambit's recorded gambit-enummixed answers."""

from fractions import Fraction

import numpy as np
import pytest

import impasse
from conftest import EXAMPLE_GAMES, corpus_dir, flat, run_command

CORPUS = corpus_dir()
CORPUS_NFG = sorted(CORPUS.glob("*.nfg")) if CORPUS.is_dir() else []
TWO_PLAYER = [EXAMPLE_GAMES / "stalling.nfg"] + [p for p in CORPUS_NFG if impasse.read_nfg(p).num_players == 2]
N_PLAYER_SMALL = [p for p in CORPUS_NFG if impasse.read_nfg(p).num_players > 2 and
                  np.prod(impasse.read_nfg(p).shape) <= 8]


def ids(paths):
    return [p.name for p in paths]


def equilibria(result):
    return {flat(e) for e in result.equilibria}


@pytest.mark.parametrize("path", TWO_PLAYER, ids=ids(TWO_PLAYER))
def test_vertex_enumeration_equals_the_command(command, path):
    result = impasse.vertex_enumeration(impasse.read_nfg(path))
    assert result.exact and result.status == "complete"
    assert equilibria(result) == set(run_command(command, "solve", "--method", "vertex", "--exact", path))


@pytest.mark.parametrize("path", TWO_PLAYER, ids=ids(TWO_PLAYER))
def test_lemke_howson_all_equals_the_command(command, path):
    result = impasse.lemke_howson_all(impasse.read_nfg(path))
    assert [flat(e) for e in result.equilibria] == run_command(command, "solve", "--method", "lcp", "--exact", path)


def test_support_enumeration_and_lemke_howson_equal_the_command(command):
    path = EXAMPLE_GAMES / "stalling.nfg"
    game = impasse.read_nfg(path)
    assert equilibria(impasse.support_enumeration(game)) == set(
        run_command(command, "solve", "--method", "support", "--exact", path))
    for label in range(1, 7):
        assert [flat(e) for e in impasse.lemke_howson(game, initial_label=label).equilibria] == run_command(
            command, "solve", "--method", "lh", "--label", label, "--exact", path)


@pytest.mark.parametrize("path", CORPUS_NFG, ids=ids(CORPUS_NFG))
def test_pure_strategy_enumeration_equals_the_command(command, path):
    result = impasse.pure_strategy_enumeration(impasse.read_nfg(path))
    assert [flat(e) for e in result.equilibria] == run_command(command, "solve", "--method", "pure", "--exact", path)


def test_zero_sum_lp_equals_the_command(command, corpus):
    for path in (corpus / "contrib-2x2const.nfg", corpus / "contrib-zero.nfg"):
        result = impasse.zero_sum_lp(impasse.read_nfg(path))
        assert [flat(e) for e in result.equilibria] == run_command(command, "solve", "--method", "lp", "--exact", path)


@pytest.mark.parametrize("path", N_PLAYER_SMALL, ids=ids(N_PLAYER_SMALL))
def test_polynomial_enumeration_equals_the_command_to_its_six_decimals(command, path):
    result = impasse.polynomial_enumeration(impasse.read_nfg(path))
    # The command prints the certified equilibria, then the checked points
    # of the supports where solutions are not isolated.
    ours = [np.array(flat(e)) for e in result.equilibria + result.degenerate_points]
    printed = [np.array(line, dtype=float) for line in run_command(command, "solve", "--method", "enumpoly", path)]
    assert len(ours) == len(printed)
    for x, y in zip(ours, printed):
        np.testing.assert_allclose(x, y, atol=6e-7)


def gambit_enummixed(path):
    expected = CORPUS.parent / "gambit-expected" / (path.name + ".enummixed")
    if not expected.is_file():
        return None
    return {tuple(Fraction(x) for x in line.split(",")[1:])
            for line in expected.read_text().splitlines() if line.startswith("NE,")}


GAMBIT_ENUMMIXED = [p for p in TWO_PLAYER if p.parent == CORPUS and gambit_enummixed(p) is not None]


@pytest.mark.parametrize("path", GAMBIT_ENUMMIXED, ids=ids(GAMBIT_ENUMMIXED))
def test_vertex_enumeration_equals_gambit_enummixed(path):
    assert equilibria(impasse.vertex_enumeration(impasse.read_nfg(path))) == gambit_enummixed(path)

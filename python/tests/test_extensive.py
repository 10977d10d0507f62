"""Extensive games from .efg files: backward induction, subgame
decomposition and the sequence-form LCP, against known answers and the
impasse command's `--exact` output on the same files."""

import subprocess
from fractions import Fraction

import pytest

import impasse
from conftest import TEST_DATA, corpus_dir

CORPUS = corpus_dir()
SMALL_EFG = sorted(p for p in CORPUS.glob("*.efg") if p.stat().st_size < 3000) if CORPUS.is_dir() else []


def flat(profile):
    """A behaviour profile (players, their information sets, actions) as
    one tuple, in the order of an `NE,` line."""
    return tuple(x for player in profile for infoset in player for x in infoset)


def command_lines(command, *args):
    """The command's `NE,` lines as tuples of Fractions, or None when it
    refuses the game."""
    run = subprocess.run([command, *map(str, args)], capture_output=True, text=True)
    if run.returncode != 0:
        return None
    return [tuple(Fraction(x) for x in line.split(",")[1:]) for line in run.stdout.splitlines()
            if line.startswith("NE,")]


def test_kuhn_poker_is_worth_minus_one_eighteenth_to_the_first_player():
    game = impasse.read_efg(TEST_DATA / "kuhn_poker.efg")
    assert game.exact and game.num_players == 2
    result = impasse.sequence_form_lcp(game)
    assert result.status == "complete" and result.exact
    (equilibrium,) = result.equilibria
    assert result.payoffs[0] == (Fraction(-1, 18), Fraction(1, 18))
    assert len(equilibrium) == 2 and [len(p) for p in equilibrium] == list(game.information_sets)
    for player in equilibrium:
        for infoset in player:
            assert sum(infoset) == 1 and all(isinstance(x, Fraction) for x in infoset)
    double = impasse.sequence_form_lcp(game.as_double())
    assert abs(double.payoffs[0][0] + 1 / 18) < 1e-12


def test_efg_round_trip_and_errors(tmp_path):
    game = impasse.read_efg(TEST_DATA / "kuhn_poker.efg")
    assert impasse.parse_efg(game.to_efg()) == game
    impasse.write_efg(game, tmp_path / "kuhn.efg")
    assert impasse.read_efg(tmp_path / "kuhn.efg") == game
    with pytest.raises(impasse.ParseError):
        impasse.parse_efg("EFG 2 R")
    with pytest.raises(impasse.FileError):
        impasse.read_efg(tmp_path / "missing.efg")


def test_backward_induction_on_a_perfect_information_game():
    # Entry deterrence: the entrant enters, the incumbent accommodates.
    game = impasse.parse_efg('''EFG 2 R "entry" { "Entrant" "Incumbent" } ""
p "" 1 1 "" { "out" "in" } 0
t "" 1 "stay out" { 0, 2 }
p "" 2 1 "" { "fight" "accommodate" } 0
t "" 2 "fight" { -1, -1 }
t "" 3 "accommodate" { 1, 1 }
''')
    result = impasse.backward_induction(game)
    assert [flat(e) for e in result.equilibria] == [(0, 1, 0, 1)]
    assert result.payoffs == ((1, 1),)
    with pytest.raises(impasse.InvalidArgument):
        impasse.backward_induction(impasse.read_efg(TEST_DATA / "kuhn_poker.efg"))


def test_sequence_form_lcp_equals_the_command_on_kuhn_poker(command):
    path = TEST_DATA / "kuhn_poker.efg"
    ours = [flat(e) for e in impasse.sequence_form_lcp(impasse.read_efg(path)).equilibria]
    assert ours == command_lines(command, "solve", "--method", "lcp", "--exact", path)


@pytest.mark.parametrize("path", SMALL_EFG, ids=[p.name for p in SMALL_EFG])
def test_subgame_perfect_equilibria_equal_the_command(command, path):
    game = impasse.read_efg(path)
    expected = command_lines(command, "solve", "--method", "spe", "--exact", path)
    try:
        try:
            result = impasse.backward_induction(game)
        except impasse.InvalidArgument:
            result = impasse.subgame_decomposition(game)
    except impasse.InvalidArgument:
        assert expected is None, "the command solved a game the module refused"
        return
    assert sorted(flat(e) for e in result.equilibria) == sorted(expected)

"""Stochastic games from their JSON files: every pure stationary MPE and the
logit homotopy's MPE, against the Big Match's closed form and the impasse
command's `--exact` output on the same files."""

import subprocess
from fractions import Fraction

import pytest

import impasse
from conftest import TEST_DATA

F = Fraction
STOCHASTIC = TEST_DATA / "stochastic"
GOOD_FILES = ["big_match.json", "matching_pennies.json", "talks.json"]


def flat(equilibrium):
    """A stationary profile (states, players, actions) as one tuple, in the
    order of an `MPE,` line."""
    return tuple(x for state in equilibrium for strategy in state for x in strategy)


def command_lines(command, *args):
    out = subprocess.run([command, *map(str, args)], check=True, capture_output=True, text=True).stdout
    return [tuple(Fraction(x) for x in line.split(",")[1:]) for line in out.splitlines() if line.startswith("MPE,")]


def test_big_match_by_the_logit_homotopy_has_its_closed_form_value_exactly():
    game = impasse.read_stochastic_json(STOCHASTIC / "big_match.json")
    assert game.exact and game.num_players == 2 and game.num_states == 3
    result = impasse.logit_homotopy(game)
    assert result.status == "complete" and result.exact
    (equilibrium,) = result.equilibria
    # In play: Row quits with 1/3, Column mixes evenly; value 1/(2(1 - 1/2)) = 1.
    assert equilibrium[0] == ((F(1, 3), F(2, 3)), (F(1, 2), F(1, 2)))
    assert result.values[0] == ((1, -1), (2, -2), (0, 0))


def test_pure_stationary_enumeration_of_the_big_match_finds_none():
    result = impasse.pure_stationary_enumeration(impasse.read_stochastic_json(STOCHASTIC / "big_match.json"))
    assert result.status == "complete" and result.exact and result.equilibria == ()


def test_json_round_trip_and_bad_files(tmp_path):
    game = impasse.read_stochastic_json(STOCHASTIC / "talks.json")
    assert impasse.parse_stochastic_json(game.to_json()) == game
    impasse.write_stochastic_json(game, tmp_path / "talks.json")
    assert impasse.read_stochastic_json(tmp_path / "talks.json") == game
    for bad in sorted(STOCHASTIC.glob("bad_*.json")):
        with pytest.raises(impasse.Error):
            impasse.read_stochastic_json(bad)
    with pytest.raises(impasse.ParseError):
        impasse.read_stochastic_json(STOCHASTIC / "bad_syntax.json")


@pytest.mark.parametrize("name", GOOD_FILES)
def test_pure_stationary_enumeration_equals_the_command(command, name):
    path = STOCHASTIC / name
    result = impasse.pure_stationary_enumeration(impasse.read_stochastic_json(path))
    assert [flat(e) for e in result.equilibria] == command_lines(command, "stochastic", "--method", "pure",
                                                                 "--exact", path)


@pytest.mark.parametrize("name", ["big_match.json", "matching_pennies.json"])
def test_logit_homotopy_equals_the_command(command, name):
    path = STOCHASTIC / name
    result = impasse.logit_homotopy(impasse.read_stochastic_json(path))
    assert [flat(e) for e in result.equilibria] == command_lines(command, "stochastic", "--method", "homotopy",
                                                                 "--exact", path)

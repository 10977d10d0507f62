"""Repeated games from Python: the Abreu-Sannikov set, the finitely
repeated game's SPE payoffs, minmax values and automata, against the
`impasse repeated` command on the same files and against closed forms."""

import subprocess
from fractions import Fraction

import pytest

import impasse
from conftest import TEST_DATA

DATA = TEST_DATA / "repeated"


def command_vertices(command, *args):
    out = subprocess.run([command, "repeated", *map(str, args)], check=True, capture_output=True, text=True).stdout
    return [tuple(Fraction(x) for x in line.split(",")[1:]) for line in out.splitlines() if line.startswith("V,")]


def dilemma():
    return impasse.read_nfg(DATA / "prisoners_dilemma.nfg")


def test_prisoners_dilemma_set_is_the_published_polygon():
    # T=10, R=9, P=3, S=1 at delta = 9/10: the corners (3, 3), (39/4, 3),
    # (9, 9), (3, 39/4), exactly.
    result = impasse.abreu_sannikov(impasse.RepeatedGame(dilemma(), Fraction(9, 10)))
    assert result.exact and result.status == "complete"
    assert result.vertices == ((3, 3), (Fraction(39, 4), 3), (9, 9), (3, Fraction(39, 4)))
    assert all(isinstance(x, Fraction) for v in result.vertices for x in v)
    assert result.threat_point == (3, 3)


@pytest.mark.parametrize("delta", ["9/10", "1/10", "1/2"])
def test_abreu_sannikov_equals_the_command(command, delta):
    result = impasse.abreu_sannikov(impasse.RepeatedGame(dilemma(), Fraction(delta)))
    assert list(result.vertices) == command_vertices(command, "--delta", delta, "--exact", DATA / "prisoners_dilemma.nfg")


def test_abreu_sannikov_in_double_equals_the_command_to_its_decimals(command):
    path = DATA / "abreu_sannikov.nfg"
    game = impasse.read_nfg(path).to_arrays()
    result = impasse.abreu_sannikov(impasse.RepeatedGame(impasse.from_arrays(*game, exact=False), 0.3))
    assert not result.exact and result.error_bound < 1e-9
    printed = command_vertices(command, "--delta", "0.3", "--decimals", "6", path)
    assert len(result.vertices) == len(printed) == 6
    for ours, theirs in zip(result.vertices, printed):
        assert ours == pytest.approx(tuple(map(float, theirs)), abs=1e-6)


def test_two_rounds_equal_the_command(command):
    path = DATA / "two_equilibria.nfg"
    result = impasse.repeated_backward_induction(
        impasse.RepeatedGame(impasse.read_nfg(path), Fraction(1, 2), horizon=2))
    assert result.status == "complete" and result.exact and result.rounds == 2
    hull = command_vertices(command, "--delta", "1/2", "--horizon", "2", "--exact", path)
    # Every hull vertex the command prints is an SPE payoff vector found here.
    assert set(hull) <= set(result.payoffs)
    assert len(result.payoffs) == len(result.paths)
    assert all(len(path) == 2 for path in result.paths)


def test_finite_horizon_reports_each_payoff_vector_as_found():
    game = impasse.RepeatedGame(impasse.read_nfg(DATA / "two_equilibria.nfg"), Fraction(1, 2), horizon=2)
    seen = []
    result = impasse.repeated_backward_induction(game, on_equilibrium=seen.append)
    assert [payoffs for payoffs, _ in seen] == list(result.payoffs)


def test_minmax_of_the_prisoners_dilemma_is_the_punishment_payoff():
    for player in (0, 1):
        pure = impasse.pure_minmax(dilemma(), player)
        mixed = impasse.mixed_minmax(dilemma(), player)
        assert pure.value == mixed.value == 3 and pure.exact
        assert pure.punishment == (1, 1)
        assert mixed.punishment == (0, 1)


def test_matching_pennies_mixed_minmax_is_below_the_pure_one():
    pennies = impasse.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    assert impasse.pure_minmax(pennies, 0).value == 1
    mixed = impasse.mixed_minmax(pennies, 0)
    assert mixed.value == 0 and mixed.punishment == (Fraction(1, 2), Fraction(1, 2))


def test_grim_trigger_critical_discount_factor_is_one_seventh(command):
    # (T - R) / (T - P) = (10 - 9) / (10 - 3), as the command prints for the
    # same automata read from tests/data/repeated/grim_trigger.json.
    automata = impasse.grim_trigger(dilemma(), (0, 0), (1, 1))
    assert impasse.critical_discount_factor(dilemma(), automata).value == Fraction(1, 7)
    out = subprocess.run([command, "repeated", "--check", DATA / "grim_trigger.json", "--exact",
                          DATA / "prisoners_dilemma.nfg"], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "critical,1/7"


def test_grim_trigger_is_subgame_perfect_above_its_threshold_only():
    automata = impasse.grim_trigger(dilemma(), (0, 0), (1, 1))
    above = impasse.check_subgame_perfection(impasse.RepeatedGame(dilemma(), Fraction(1, 2)), automata)
    assert above.subgame_perfect and above.payoffs == (9, 9) and above.deviation is None
    below = impasse.check_subgame_perfection(impasse.RepeatedGame(dilemma(), Fraction(1, 10)), automata)
    assert not below.subgame_perfect and below.deviation["gain"] > 0


def test_tit_for_tat_is_not_subgame_perfect_at_one_half():
    automata = impasse.tit_for_tat(dilemma())
    assert impasse.critical_discount_factor(dilemma(), automata).value is None
    result = impasse.check_subgame_perfection(impasse.RepeatedGame(dilemma(), Fraction(1, 2)), automata)
    # The command prints "deviation,player 1,strategy 1,states 2 1,gain 2".
    assert not result.subgame_perfect
    assert result.deviation["player"] == 0 and result.deviation["deviation"] == 0
    assert result.deviation["automaton_states"] == (1, 0) and result.deviation["gain"] == 2


def test_automata_written_by_hand_are_checked_like_the_builtin_ones():
    # Grim trigger as a user writes it: state 0 cooperates and stays only
    # after (C, C), profile index 0; state 1 defects forever.
    grim = impasse.Automaton("grim", 0, (0, 1), ((0, 1, 1, 1), (1, 1, 1, 1)))
    assert impasse.critical_discount_factor(dilemma(), (grim, grim)).value == Fraction(1, 7)


def test_bad_repeated_games_raise_invalid_argument():
    with pytest.raises(impasse.InvalidArgument, match="discount factor"):
        impasse.abreu_sannikov(impasse.RepeatedGame(dilemma(), 1))
    with pytest.raises(impasse.InvalidArgument, match="finite horizon"):
        impasse.repeated_backward_induction(impasse.RepeatedGame(dilemma(), Fraction(1, 2)))
    with pytest.raises(impasse.InvalidArgument):
        impasse.check_subgame_perfection(impasse.RepeatedGame(dilemma(), Fraction(1, 2)),
                                         (impasse.Automaton("x", 0, (5,), ((0, 0, 0, 0),)),) * 2)

"""The rest of the extensive and stochastic solvers (sequence-form LP, pure
equilibria of the reduced strategic form, Shapley's value iteration,
backward induction over a finite horizon), against closed forms and the
impasse command's `--exact` output; and extensive and stochastic games built
from Python structures rather than files."""

import subprocess
from fractions import Fraction

import pytest

import impasse
from conftest import TEST_DATA, corpus_dir

CORPUS = corpus_dir()
SMALL_EFG = sorted(p for p in CORPUS.glob("*.efg") if p.stat().st_size < 1500) if CORPUS.is_dir() else []
STOCHASTIC = TEST_DATA / "stochastic"


def flat(profile):
    """Nested tuples (players or periods, states, actions...) as one tuple."""
    if isinstance(profile, (tuple, list)):
        return tuple(x for part in profile for x in flat(part))
    return (profile,)


def tagged_lines(command, tag, *args):
    out = subprocess.run([command, *map(str, args)], check=True, capture_output=True, text=True).stdout
    return [tuple(Fraction(x) for x in line.split(",")[1:]) for line in out.splitlines() if line.startswith(tag + ",")]


def test_sequence_form_lp_values_kuhn_poker_at_minus_one_eighteenth(command):
    path = TEST_DATA / "kuhn_poker.efg"
    result = impasse.sequence_form_lp(impasse.read_efg(path))
    assert result.exact and result.value == Fraction(-1, 18) and result.constant == 0
    assert [flat(e) for e in result.equilibria] == tagged_lines(command, "NE", "solve", "--method", "lp", "--exact", path)


@pytest.mark.parametrize("path", SMALL_EFG, ids=[p.name for p in SMALL_EFG])
def test_reduced_pure_strategy_enumeration_equals_the_command(command, path):
    try:
        result = impasse.reduced_pure_strategy_enumeration(impasse.read_efg(path))
    except impasse.InvalidArgument as refused:
        assert "perfect recall" in str(refused)
        run = subprocess.run([command, "solve", "--method", "pure", "--exact", path], capture_output=True, text=True)
        assert run.returncode != 0 and "perfect recall" in run.stderr
        return
    assert result.exact and result.status == "complete"
    assert [flat(e) for e in result.equilibria] == tagged_lines(command, "NE", "solve", "--method", "pure", "--exact",
                                                                path)


def test_shapley_value_iteration_gives_the_big_match_value_exactly(command):
    path = STOCHASTIC / "big_match.json"
    result = impasse.shapley_value_iteration(impasse.read_stochastic_json(path))
    assert result.exact and result.status == "complete"
    # The command prints MPE,1/3,2/3,1/2,1/2,1,1,1,1 and V,1,-1,2,-2,0,0.
    assert [flat(e) for e in result.equilibria] == tagged_lines(command, "MPE", "stochastic", "--method", "shapley",
                                                                "--exact", path)
    assert flat(result.values[0]) == (1, -1, 2, -2, 0, 0)


def test_stochastic_backward_induction_equals_the_command(command):
    path = STOCHASTIC / "talks.json"
    result = impasse.stochastic_backward_induction(impasse.read_stochastic_json(path), 2)
    assert result.exact and result.status == "complete" and result.stage_games_solved > 0
    args = ("stochastic", "--method", "pure", "--horizon", 2, "--exact", "--values", path)
    assert [flat(e) for e in result.equilibria] == tagged_lines(command, "MPE", *args)
    assert [flat(v) for v in result.values] == tagged_lines(command, "V", *args)
    with pytest.raises(impasse.InvalidArgument, match="stage"):
        impasse.stochastic_backward_induction(impasse.read_stochastic_json(path), 2, stage="both")


BIG_MATCH = {
    "title": "The Big Match",
    "players": ["Row", "Column"],
    "discount": Fraction(1, 2),
    "initial": "play",
    "states": [
        {"name": "play", "actions": [["quit", "continue"], ["left", "right"]],
         "outcomes": [{"payoffs": [1, -1], "next": {"won": 1}}, {"payoffs": [0, 0], "next": {"play": 1}},
                      {"payoffs": [0, 0], "next": {"lost": 1}}, {"payoffs": [1, -1], "next": {"play": 1}}]},
        {"name": "won", "actions": [["-"], ["-"]], "outcomes": [{"payoffs": [1, -1], "next": {"won": 1}}]},
        {"name": "lost", "actions": [["-"], ["-"]], "outcomes": [{"payoffs": [0, 0], "next": {"lost": 1}}]},
    ],
}


def test_a_stochastic_game_from_a_dict_is_the_one_in_the_file():
    game = impasse.stochastic_game_from_dict(BIG_MATCH)
    from_file = impasse.read_stochastic_json(STOCHASTIC / "big_match.json")
    assert game.exact and game.num_states == 3
    assert impasse.shapley_value_iteration(game).values == impasse.shapley_value_iteration(from_file).values
    broken = dict(BIG_MATCH, discount=Fraction(3, 2))
    with pytest.raises(impasse.Error, match="discount"):
        impasse.stochastic_game_from_dict(broken)


def test_an_extensive_game_from_a_tree_is_solved_like_its_efg_text():
    entry = impasse.extensive_game_from_tree(["Entrant", "Incumbent"], {
        "player": 1, "actions": ["out", "in"], "children": [
            {"payoffs": [0, 2]},
            {"player": 2, "actions": ["fight", "accommodate"],
             "children": [{"payoffs": [-1, -1]}, {"payoffs": [1, 1]}]}]}, title="entry")
    spe = impasse.backward_induction(entry)
    assert spe.equilibria == ((((0, 1),), ((0, 1),)),) and spe.payoffs == ((1, 1),)
    assert impasse.parse_efg(entry.to_efg()) == entry


def test_a_tree_with_chance_and_an_information_set_gives_kuhn_like_values():
    # Matching pennies in extensive form: player 2 does not see player 1's
    # move (one information set), after a chance move that doubles the
    # stakes with probability 1/2; the value is 0 and the LP finds it.
    def pennies(stake):
        return {"player": 1, "infoset": "p1", "actions": ["H", "T"], "children": [
            {"player": 2, "infoset": "p2", "actions": ["h", "t"],
             "children": [{"payoffs": [stake, -stake]}, {"payoffs": [-stake, stake]}]},
            {"player": 2, "infoset": "p2", "actions": ["h", "t"],
             "children": [{"payoffs": [-stake, stake]}, {"payoffs": [stake, -stake]}]}]}

    game = impasse.extensive_game_from_tree(["1", "2"], {
        "chance": [Fraction(1, 2), Fraction(1, 2)], "actions": ["low", "high"],
        "children": [pennies(1), pennies(2)]})
    assert game.information_sets == (1, 1)
    result = impasse.sequence_form_lp(game)
    assert result.value == 0 and flat(result.equilibria[0]) == (Fraction(1, 2),) * 4
    with pytest.raises(impasse.InvalidGame, match="2 actions and 1 children"):
        impasse.extensive_game_from_tree(["1"], {"player": 1, "actions": ["a", "b"], "children": [{"payoffs": [0]}]})


def test_the_reduced_strategic_form_is_a_strategic_game_every_solver_takes():
    kuhn = impasse.read_efg(TEST_DATA / "kuhn_poker.efg")
    reduced = kuhn.reduced_strategic_form()
    assert isinstance(reduced, impasse.StrategicGame) and reduced.exact and reduced.num_players == 2
    # Kuhn poker's value to the first player, -1/18, by the LP on either form.
    assert impasse.zero_sum_lp(reduced).value == Fraction(-1, 18) == impasse.sequence_form_lp(kuhn).value
    for path in SMALL_EFG[:6]:
        game = impasse.read_efg(path)
        try:
            behaviour = impasse.reduced_pure_strategy_enumeration(game)
        except impasse.InvalidArgument:
            continue
        assert len(impasse.pure_strategy_enumeration(game.reduced_strategic_form()).equilibria) == len(
            behaviour.equilibria), path.name

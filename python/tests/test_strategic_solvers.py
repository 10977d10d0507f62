"""Every strategic solver on games whose equilibria are known by hand."""

from fractions import Fraction

import numpy as np
import pytest

import impasse
from conftest import flat

F = Fraction
BATTLE_OF_THE_SEXES = ([[2, 0], [0, 1]], [[1, 0], [0, 2]])
BATTLE_EQUILIBRIA = {
    (1, 0, 1, 0),
    (F(2, 3), F(1, 3), F(1, 3), F(2, 3)),
    (0, 1, 0, 1),
}
MATCHING_PENNIES = ([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])


def battle():
    return impasse.from_arrays(*BATTLE_OF_THE_SEXES)


def three_player_pennies():
    """Jordan's pennies: 1 matches 2, 2 matches 3, 3 mismatches 1; the one
    equilibrium is every player mixing half and half."""
    u = np.zeros((3, 2, 2, 2))
    for s in np.ndindex(2, 2, 2):
        u[0][s] = 1 if s[0] == s[1] else -1
        u[1][s] = 1 if s[1] == s[2] else -1
        u[2][s] = 1 if s[2] != s[0] else -1
    return impasse.from_arrays(*u)


def test_vertex_enumeration_finds_battle_of_the_sexes_three_equilibria_exactly():
    result = impasse.vertex_enumeration(battle())
    assert result.status == impasse.Status.complete and result.status == "complete"
    assert result.exact and result.error_bound == 0 and result.reason == ""
    assert {flat(e) for e in result.equilibria} == BATTLE_EQUILIBRIA
    for equilibrium in result.equilibria:
        assert len(equilibrium) == 2
        assert all(isinstance(x, Fraction) for x in flat(equilibrium))
    assert result.vertices[0] >= 3 and len(result) == 3


def test_reverse_search_finds_what_depth_first_search_finds_and_reports_as_it_goes():
    rng = np.random.default_rng(5)
    for trial in range(30):
        shape = tuple(rng.integers(1, 7, size=2))
        high = (2, 9, 99)[trial % 3]  # ties, and so degenerate games, when the range is narrow
        game = impasse.from_arrays(*(rng.integers(0, high + 1, size=shape).tolist() for _ in range(2)))
        expected = impasse.vertex_enumeration(game, maximal_nash_subsets=True)
        seen = []
        reverse = impasse.vertex_enumeration(game, search="reverse", maximal_nash_subsets=True,
                                             on_equilibrium=seen.append)
        assert reverse.status == "complete" and reverse.exact
        assert {flat(e) for e in reverse.equilibria} == {flat(e) for e in expected.equilibria}
        assert len(reverse.equilibria) == len(expected.equilibria) == len(seen)
        assert {flat(e) for e in seen} == {flat(e) for e in reverse.equilibria}
        assert len(reverse.maximal_nash_subsets) == len(expected.maximal_nash_subsets)
    with pytest.raises(ValueError, match="search must be"):
        impasse.vertex_enumeration(battle(), search="breadth_first")


def test_support_enumeration_agrees_with_vertex_enumeration():
    result = impasse.support_enumeration(battle())
    assert result.exact and result.status == "complete"
    assert {flat(e) for e in result.equilibria} == BATTLE_EQUILIBRIA
    assert result.supports_tried >= 2


def test_double_game_answers_in_numpy_arrays():
    game = impasse.from_arrays(*(np.array(a, dtype=float) for a in BATTLE_OF_THE_SEXES))
    result = impasse.vertex_enumeration(game)
    assert len(result.equilibria) == 3
    for equilibrium in result.equilibria:
        assert all(isinstance(s, np.ndarray) and s.dtype == np.float64 for s in equilibrium)
    mixed = [e for e in result.equilibria if 0 < e[0][0] < 1][0]
    np.testing.assert_allclose(mixed[0], [2 / 3, 1 / 3], rtol=0, atol=1e-15)
    np.testing.assert_allclose(mixed[1], [1 / 3, 2 / 3], rtol=0, atol=1e-15)
    assert impasse.vertex_enumeration(game, exact_search=True).exact


def test_pure_strategy_enumeration_returns_profiles_and_one_hot_strategies():
    result = impasse.pure_strategy_enumeration(battle())
    assert result.profiles == ((0, 0), (1, 1))
    assert {flat(e) for e in result.equilibria} == {(1, 0, 1, 0), (0, 1, 0, 1)}
    assert result.exact and result.comparisons > 0
    assert impasse.pure_strategy_enumeration(impasse.from_arrays(*MATCHING_PENNIES)).equilibria == ()


def test_pure_strategy_enumeration_takes_any_number_of_players():
    # Three players who each want to do what the others do: two pure equilibria.
    u = np.zeros((2, 2, 2), dtype=int)
    u[0, 0, 0] = u[1, 1, 1] = 1
    result = impasse.pure_strategy_enumeration(impasse.from_arrays(u, u, u))
    assert result.profiles[0] == (0, 0, 0) and result.profiles[-1] == (1, 1, 1)


def test_lemke_howson_from_each_label_ends_at_an_equilibrium():
    for label in range(1, 5):
        result = impasse.lemke_howson(battle(), initial_label=label)
        assert result.status == "complete" and result.exact and result.pivots > 0
        assert len(result.equilibria) == 1 and flat(result.equilibria[0]) in BATTLE_EQUILIBRIA


def test_lemke_howson_all_finds_every_equilibrium_of_battle_of_the_sexes():
    result = impasse.lemke_howson_all(battle())
    assert {flat(e) for e in result.equilibria} == BATTLE_EQUILIBRIA
    assert result.paths > 0


def test_matching_pennies_is_half_and_half_with_value_zero():
    game = impasse.from_arrays(*MATCHING_PENNIES)
    for solve in (impasse.vertex_enumeration, impasse.support_enumeration, impasse.lemke_howson, impasse.zero_sum_lp):
        result = solve(game)
        assert [flat(e) for e in result.equilibria] == [(F(1, 2),) * 4], solve.__name__
    result = impasse.zero_sum_lp(game)
    assert result.value == 0 and result.constant == 0 and result.exact


def test_zero_sum_lp_value_and_optimal_strategies():
    # Row: 3p - 2(1 - p) = -p + (1 - p) at p = 3/7; the value is 1/7.
    a = [[3, -1], [-2, 1]]
    result = impasse.zero_sum_lp(impasse.from_arrays(a, np.negative(a)))
    assert result.value == F(1, 7)
    assert flat(result.equilibria[0]) == (F(3, 7), F(4, 7), F(2, 7), F(5, 7))
    # Constant-sum: the same strategies, and the constant.
    shifted = impasse.zero_sum_lp(impasse.from_arrays(a, 5 - np.array(a)))
    assert shifted.constant == 5 and shifted.value == F(1, 7)


def test_max_equilibria_stops_with_limit_reached():
    result = impasse.vertex_enumeration(battle(), max_equilibria=1)
    assert result.status == impasse.Status.limit_reached and len(result.equilibria) == 1


def test_two_player_solvers_refuse_three_players():
    game = three_player_pennies()
    for solve in (impasse.vertex_enumeration, impasse.support_enumeration, impasse.lemke_howson,
                  impasse.lemke_howson_all, impasse.zero_sum_lp):
        with pytest.raises(impasse.InvalidArgument):
            solve(game)


def test_zero_sum_lp_refuses_a_game_that_is_not_constant_sum():
    with pytest.raises(impasse.InvalidArgument, match="zero_sum_lp"):
        impasse.zero_sum_lp(battle())


def test_bad_label_raises_invalid_argument():
    with pytest.raises(impasse.InvalidArgument):
        impasse.lemke_howson(battle(), initial_label=9)


@pytest.mark.parametrize("solve", [impasse.polynomial_enumeration, impasse.global_newton,
                                   impasse.polymatrix_approximation, impasse.logit_principal_branch])
def test_n_player_solvers_find_the_mixed_equilibrium_of_three_player_pennies(solve):
    for game in (three_player_pennies(), three_player_pennies().as_exact()):
        result = solve(game)
        assert result.status == "complete", result.reason
        assert not result.exact and 0 <= result.error_bound <= 1e-8
        assert len(result.equilibria) == 1
        for strategy in result.equilibria[0]:
            assert strategy.dtype == np.float64
            np.testing.assert_allclose(strategy, [0.5, 0.5], atol=1e-8)
        assert len(result.relative_regrets) == 1


def test_polynomial_enumeration_proves_a_box_around_each_equilibrium():
    result = impasse.polynomial_enumeration(three_player_pennies())
    (box,) = result.boxes
    assert len(box) == 6
    for (low, high), x in zip(box, flat(result.equilibria[0])):
        assert low <= x <= high and high - low < 1e-6


def test_options_have_the_cxx_defaults():
    doc = impasse.polynomial_enumeration.__doc__
    assert "max_boxes_per_support: int = 50000" in doc and "max_equilibria: int = 0" in doc
    assert "initial_label: int = 1" in impasse.lemke_howson.__doc__
    assert "max_iterations: int = 500" in impasse.polymatrix_approximation.__doc__


def test_on_equilibrium_sees_each_equilibrium_and_on_progress_the_work():
    seen, progress = [], []
    result = impasse.support_enumeration(battle(), on_equilibrium=seen.append,
                                         on_progress=lambda done, total, unit: progress.append(unit))
    assert {flat(e) for e in seen} == {flat(e) for e in result.equilibria}
    pure_seen = []
    impasse.pure_strategy_enumeration(battle(), on_equilibrium=pure_seen.append)
    assert [flat(e) for e in pure_seen] == [(1, 0, 1, 0), (0, 1, 0, 1)]


def test_an_exception_in_a_callback_ends_the_run_and_is_raised():
    def stop(_):
        raise LookupError("enough")

    with pytest.raises(LookupError, match="enough"):
        impasse.support_enumeration(battle(), on_equilibrium=stop)

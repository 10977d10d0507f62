"""Strategic games from numpy arrays, payoff profile arrays and .nfg files,
and the exceptions bad input raises."""

from fractions import Fraction

import numpy as np
import pytest

import impasse
from conftest import EXAMPLE_GAMES, TEST_DATA


def test_integer_arrays_make_an_exact_game_and_floats_a_double_one():
    exact = impasse.from_arrays(np.array([[3, 0], [5, 1]]), np.array([[3, 5], [0, 1]]))
    assert exact.exact and exact.shape == (2, 2) and exact.num_players == 2
    assert not impasse.from_arrays([[3.5, 0], [5, 1]], [[3, 5], [0, 1]]).exact
    assert impasse.from_arrays([[Fraction(1, 3), 0], [5, 1]], [[3, 5], [0, 1]]).exact
    assert not impasse.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]], exact=False).exact


def test_arrays_round_trip_with_player_one_as_the_first_axis():
    a = np.arange(24).reshape(2, 3, 4)
    b, c = a + 100, -a
    game = impasse.from_arrays(a, b, c)
    assert game.shape == (2, 3, 4)
    back = game.to_arrays()
    for original, returned in zip((a, b, c), back):
        assert returned.shape == (2, 3, 4)
        assert all(isinstance(x, Fraction) for x in returned.flat)
        assert np.array_equal(returned.astype(int), original)
    doubles = game.as_double().to_arrays()
    assert doubles[0].dtype == float and np.array_equal(doubles[1], b.astype(float))


def test_fractions_stay_exact():
    third = Fraction(1, 3)
    game = impasse.from_arrays(np.array([[third, 0], [0, Fraction(-7, 11)]], dtype=object), [[1, 0], [0, 1]])
    assert game.to_arrays()[0][0, 0] == third
    assert game.to_arrays()[0][1, 1] == Fraction(-7, 11)


def test_payoff_profile_array_as_quantecon_takes_it():
    # QuantEcon's prisoners' dilemma: profile[row, column] = (u_row, u_column).
    profile = np.array([[[1, 1], [-2, 3]], [[3, -2], [0, 0]]])
    game = impasse.from_payoff_profile_array(profile)
    a, b = game.to_arrays()
    assert np.array_equal(a.astype(int), [[1, -2], [3, 0]])
    assert np.array_equal(b.astype(int), [[1, 3], [-2, 0]])
    assert np.array_equal(game.to_payoff_profile_array().astype(int), profile)
    assert impasse.StrategicGame.from_payoff_profile_array(profile) == game


def test_labels_and_title():
    game = impasse.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]], title="coordination",
                               players=["Ann", "Bob"], strategies=[["left", "right"], ["up", "down"]])
    assert game.title == "coordination"
    assert game.players == ["Ann", "Bob"]
    assert game.strategies == [["left", "right"], ["up", "down"]]
    assert "coordination" in repr(game)


def test_nfg_read_write_round_trip(tmp_path):
    game = impasse.read_nfg(EXAMPLE_GAMES / "stalling.nfg")
    assert game.exact and game.shape == (3, 3)
    assert game.players == ["Washington", "Tehran"]
    assert game.strategies[0] == ["negotiate", "stall", "escalate"]
    # The outcome version: (negotiate, negotiate) is "deal in sight" 3, 2.
    a, b = game.to_arrays()
    assert (a[0, 0], b[0, 0]) == (3, 2) and (a[1, 1], b[1, 1]) == (3, 3)
    path = tmp_path / "copy.nfg"
    impasse.write_nfg(game, path)
    assert impasse.read_nfg(str(path)) == game
    assert impasse.parse_nfg(game.to_nfg()) == game


def test_double_game_writes_and_reads_back_the_same_doubles():
    game = impasse.from_arrays([[0.1, 2.5], [1e-3, 4]], [[1, 0.3], [0, 1]])
    back = impasse.parse_nfg(game.to_nfg())
    assert np.array_equal(back.as_double().to_arrays()[0], game.to_arrays()[0])


def test_exception_classes_form_a_hierarchy():
    for kind in (impasse.ParseError, impasse.FileError, impasse.InvalidGame, impasse.InvalidProfile,
                 impasse.InvalidArgument, impasse.LimitExceeded, impasse.InternalError):
        assert issubclass(kind, impasse.Error)
    assert issubclass(impasse.ParseError, ValueError) and issubclass(impasse.FileError, OSError)
    assert issubclass(impasse.LimitExceeded, ValueError) and not issubclass(impasse.InternalError, ValueError)


def test_a_game_over_an_input_limit_raises_limit_exceeded_naming_the_limit():
    # 2^27 pure profiles, over input_limits::max_pure_profiles (10^8).
    text = 'NFG 1 R "big" { "1" "2" "3" } { 512 512 512 }\n'
    with pytest.raises(impasse.LimitExceeded) as caught:
        impasse.parse_nfg(text, source="big.nfg")
    assert caught.value.limit == "max_pure_profiles" and str(caught.value).startswith("big.nfg:1:")
    assert "exceeds the limit of 100000000" in str(caught.value)


def test_malformed_nfg_raises_parse_error_with_its_place():
    with pytest.raises(impasse.ParseError) as caught:
        impasse.parse_nfg('NFG 1 R "x" { "1" "2" } { 2 2 }\n1 2 3', source="bad.nfg")
    error = caught.value
    assert error.source == "bad.nfg" and error.line >= 1 and error.column >= 1
    assert str(error).startswith("bad.nfg:")


def test_malformed_files_give_the_line_column_and_message_the_cxx_tests_expect():
    expected = [line.split(" ", 3) for line in (TEST_DATA / "malformed" / "EXPECTED").read_text().splitlines()
                if line and not line.startswith("#")]
    assert len(expected) > 20
    for name, line, column, words in expected:
        path = TEST_DATA / "malformed" / name
        with pytest.raises((impasse.ParseError, impasse.LimitExceeded)) as caught:
            impasse.read_nfg(path)
        if isinstance(caught.value, impasse.LimitExceeded):
            # An input limit met while reading, placed as a parse error is
            # (tests/malformed.hpp): "PATH:LINE:COLUMN: WHAT exceeds ...".
            assert str(caught.value).startswith(f"{path}:{line}:{column}: "), name
            assert words in str(caught.value) and caught.value.limit == "max_pure_profiles", name
            continue
        assert (caught.value.line, caught.value.column) == (int(line), int(column)), name
        if "\\x" not in words:
            assert words in caught.value.message, name


def test_missing_file_raises_file_error(tmp_path):
    with pytest.raises(impasse.FileError, match="no-such.nfg"):
        impasse.read_nfg(tmp_path / "no-such.nfg")


def test_bad_arrays_raise_invalid_game():
    with pytest.raises(impasse.InvalidGame):
        impasse.from_arrays([[1, 0], [0, 1]], [[1, 0, 2], [0, 1, 2]])
    with pytest.raises(impasse.InvalidGame):
        impasse.from_arrays([[float("nan"), 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(impasse.InvalidGame):
        impasse.from_arrays(np.zeros((2, 0)), np.zeros((2, 0)))
    with pytest.raises(impasse.InvalidGame):
        impasse.from_payoff_profile_array(np.zeros((2, 2, 3)))
    with pytest.raises(impasse.InvalidGame):
        impasse.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]], players=["only one"])


def test_read_and_write_choose_the_format_by_extension_and_type(tmp_path):
    from conftest import REPOSITORY
    data = REPOSITORY / "tests" / "data"
    for path, kind in ((EXAMPLE_GAMES / "stalling.nfg", impasse.StrategicGame),
                       (data / "kuhn_poker.efg", impasse.ExtensiveGame),
                       (data / "stochastic" / "talks.json", impasse.StochasticGame)):
        game = impasse.read(path)
        assert isinstance(game, kind)
        copy = tmp_path / path.name
        impasse.write(game, copy)
        assert impasse.read(str(copy)) == game
    with pytest.raises(impasse.InvalidArgument):
        impasse.read(tmp_path / "game.txt")
    with pytest.raises(impasse.InvalidArgument):
        impasse.write("not a game", tmp_path / "x.nfg")


def test_player_arrays_have_each_players_own_strategy_first_as_quantecon_holds_them():
    rng = np.random.default_rng(3)
    payoffs = rng.integers(-5, 5, size=(3, 2, 3, 4))
    game = impasse.from_arrays(*payoffs)
    own = game.to_player_arrays()
    assert [a.shape for a in own] == [(2, 3, 4), (3, 4, 2), (4, 2, 3)]
    # Player 2's array is indexed [s_2, s_3, s_1], player 3's [s_3, s_1, s_2].
    assert own[1][2, 3, 1] == payoffs[1][1, 2, 3] and own[2][3, 1, 2] == payoffs[2][1, 2, 3]
    assert impasse.from_player_arrays(*own) == game
    # Two players: QuantEcon's Player(A), Player(B.T); Nashpy's Game(A, B).
    a, b = [[3, 0], [5, 1]], [[3, 5], [0, 1]]
    dilemma = impasse.from_arrays(a, b)
    assert impasse.from_player_arrays(np.array(a), np.array(b).T) == dilemma
    np.testing.assert_array_equal(dilemma.to_player_arrays()[1], np.array(b).T)

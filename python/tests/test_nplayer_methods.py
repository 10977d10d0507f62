"""The methods for any number of players against the impasse command on the
same files: simplicial subdivision (exact grid points as Fractions equal to
`--exact`), global Newton, iterated polymatrix approximation and the logit
correspondence (the QRE at given lambdas, the estimate, the whole branch),
each to the decimals the command prints."""

import subprocess
from fractions import Fraction

import numpy as np
import pytest

import impasse
from conftest import EXAMPLE_GAMES, corpus_dir, flat, run_command

CORPUS = corpus_dir()
CORPUS_NFG = sorted(CORPUS.glob("*.nfg")) if CORPUS.is_dir() else []
N_PLAYER = [p for p in CORPUS_NFG if impasse.read_nfg(p).num_players > 2 and np.prod(impasse.read_nfg(p).shape) <= 60]
SMALL = [EXAMPLE_GAMES / "stalling.nfg"] + N_PLAYER
# Global Newton's paths take a while on the larger ones: the smallest only.
TINY = [EXAMPLE_GAMES / "stalling.nfg"] + [p for p in N_PLAYER if np.prod(impasse.read_nfg(p).shape) <= 12]


def ids(paths):
    return [p.name for p in paths]


def printed_lines(command, *args):
    """Every comma-separated line the command prints, its tag dropped."""
    out = subprocess.run([command, *map(str, args)], check=True, capture_output=True, text=True).stdout
    return [line.split(",") for line in out.splitlines() if "," in line]


@pytest.mark.parametrize("path", SMALL, ids=ids(SMALL))
def test_simplicial_subdivision_is_exactly_the_commands_exact_answer(command, path):
    result = impasse.simplicial_subdivision(impasse.read_nfg(path), starts=3)
    assert result.status == "complete", result.reason
    assert all(isinstance(x, Fraction) for e in result.equilibria for x in flat(e))
    assert [flat(e) for e in result.equilibria] == run_command(
        command, "solve", "--method", "simpdiv", "--starts", 3, "--exact", path)
    assert result.paths >= 3 and result.pivots > 0 and len(result.grid_denominators) == len(result.equilibria)


@pytest.mark.parametrize("path", TINY, ids=ids(TINY))
@pytest.mark.parametrize("method,solver", [("gnm", impasse.global_newton), ("ipa", impasse.polymatrix_approximation)])
def test_newton_and_polymatrix_equal_the_command_to_its_decimals(command, path, method, solver):
    result = solver(impasse.read_nfg(path), starts=2, seed=1)
    printed = run_command(command, "solve", "--method", method, "--starts", 2, "--seed", 1, path)
    assert len(result.equilibria) == len(printed)
    for ours, theirs in zip(result.equilibria, printed):
        np.testing.assert_allclose(flat(ours), np.array(theirs, dtype=float), atol=6e-6)


def test_simplicial_subdivision_in_double_finds_the_same_grid_point():
    game = impasse.read_nfg(EXAMPLE_GAMES / "stalling.nfg")
    exact = impasse.simplicial_subdivision(game)
    double = impasse.simplicial_subdivision(impasse.from_arrays(*game.to_arrays(), exact=False))
    assert len(exact.equilibria) == len(double.equilibria) == 1
    np.testing.assert_allclose(flat(double.equilibria[0]), [float(x) for x in flat(exact.equilibria[0])], atol=1e-12)


def test_simplicial_subdivision_from_a_start_and_its_options():
    pennies = impasse.from_arrays(*(np.array([[[1, 0], [0, 1]], [[0, 1], [1, 0]]]),) * 3)
    result = impasse.simplicial_subdivision(pennies, start=[[1, 0], [0, 1], [1, 0]], grid_refinement=4)
    assert result.status == "complete"
    with pytest.raises(impasse.InvalidArgument, match="grid_refinement"):
        impasse.simplicial_subdivision(pennies, grid_refinement=1)
    with pytest.raises(impasse.InvalidProfile):
        impasse.simplicial_subdivision(pennies, start=[[1, 0], [0, 1]])
    assert "starts: int = 1" in impasse.simplicial_subdivision.__doc__
    assert "max_regret: float = 1e-07" in impasse.simplicial_subdivision.__doc__


def logit_game():
    return CORPUS / "e02.nfg" if (CORPUS / "e02.nfg").is_file() else EXAMPLE_GAMES / "stalling.nfg"


def test_logit_qre_at_lambdas_equals_the_command(command):
    path = EXAMPLE_GAMES / "stalling.nfg"
    lambdas = [0.5, 1.0, 4.0]
    result = impasse.logit_qre_at_lambdas(impasse.read_nfg(path), lambdas)
    assert result.status == "complete" and not result.exact
    printed = printed_lines(command, "solve", "--method", "logit", *[a for x in lambdas for a in ("-l", x)], path)
    assert len(printed) == len(result.points) == 3
    np.testing.assert_allclose(result.lambdas, lambdas)
    for lam, point, line in zip(lambdas, result.points, printed):
        assert float(line[0]) == pytest.approx(lam, abs=1e-6)
        np.testing.assert_allclose(flat(point), np.array(line[1:], dtype=float), atol=2e-6)


def test_logit_estimate_equals_the_command(command, tmp_path):
    path = EXAMPLE_GAMES / "stalling.nfg"
    game = impasse.read_nfg(path)
    frequencies = [1.0 + k for k in range(sum(game.shape))]
    (tmp_path / "f.txt").write_text(",".join(map(str, frequencies)))
    result = impasse.logit_estimate(game, frequencies)
    (line,) = printed_lines(command, "solve", "--method", "logit", "--estimate", tmp_path / "f.txt", path)
    assert result.lambda_ == pytest.approx(float(line[0]), abs=2e-6)
    np.testing.assert_allclose(flat(result.profile), np.array(line[1:-1], dtype=float), atol=2e-6)
    assert result.log_likelihood == pytest.approx(float(line[-1]), abs=2e-6)


def test_logit_branch_is_the_commands_branch(command):
    path = EXAMPLE_GAMES / "stalling.nfg"
    result = impasse.logit_branch(impasse.read_nfg(path))
    printed = printed_lines(command, "solve", "--method", "logit", "--branch", path)
    points = [line for line in printed if line[0] != "NE"]
    assert result.profiles.shape == (len(points), sum(impasse.read_nfg(path).shape))
    np.testing.assert_allclose(result.lambdas, [float(line[0]) for line in points], atol=1e-6, rtol=1e-6)
    np.testing.assert_allclose(result.profiles[-1], np.array(points[-1][1:], dtype=float), atol=2e-6)
    # The branch starts at the centroid, lambda = 0.
    assert result.lambdas[0] == 0
    np.testing.assert_allclose(result.profiles[0][:3], 1 / 3)
    assert len(result.equilibria) == 1 and result.status == "complete"


def test_equilibria_as_found_yields_each_before_the_solve_ends():
    game = impasse.read_nfg(EXAMPLE_GAMES / "stalling.nfg")
    everything = impasse.lemke_howson_all(game)
    yielded = list(impasse.equilibria_as_found(impasse.lemke_howson_all, game))
    assert [flat(e) for e in yielded] == [flat(e) for e in everything.equilibria]
    first = next(impasse.equilibria_as_found(impasse.vertex_enumeration, game))
    assert flat(first) in {flat(e) for e in everything.equilibria} | {
        flat(e) for e in impasse.vertex_enumeration(game).equilibria}


def test_equilibria_as_found_raises_the_solvers_error():
    three = impasse.from_arrays(*np.zeros((3, 2, 2, 2), dtype=int))
    with pytest.raises(impasse.InvalidArgument):
        list(impasse.equilibria_as_found(impasse.vertex_enumeration, three))

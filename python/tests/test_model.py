"""The essay's model from Python: parameters as a dict, the report's
verdicts and numbers as Python values equal to what the library computes
(closed forms, the stage game's equilibria), sweeps as numpy arrays, and
the example script that draws a phase diagram and a QRE branch."""

import importlib.util
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

import impasse
from impasse import model

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "controlled_friction_figures.py"


@pytest.fixture(scope="module")
def report():
    return model.analyze(rounds=0, homotopy=False, sanctions_grid=(0, 1))


def test_parameters_are_a_dict_of_fractions_with_overrides_checked():
    defaults = model.defaults()
    assert defaults["war_cost"] == 20 and defaults["trade_gain_washington"] == Fraction(7, 4)
    assert all(isinstance(v, Fraction) for v in defaults.values())
    changed = model.parameters({"sanctions": Fraction(1, 2), "war_cost": 30})
    assert changed["sanctions"] == Fraction(1, 2) and changed["war_cost"] == 30
    assert {k: v for k, v in changed.items() if k not in ("sanctions", "war_cost")} == {
        k: v for k, v in defaults.items() if k not in ("sanctions", "war_cost")}
    with pytest.raises(impasse.InvalidArgument, match="sanctions"):
        model.parameters({"sanctions": -1})
    with pytest.raises(impasse.InvalidArgument):
        model.parameters({"no_such_parameter": 1})
    table = model.parameter_table()
    assert [row["name"] for row in table] == list(defaults)
    assert all(row["plausible"][0] <= row["plausible"][1] for row in table)


def test_report_gives_verdicts_and_exact_numbers(report):
    assert report.verdicts and all(isinstance(v["holds"], bool) and v["question"] for v in report.verdicts)
    assert report.model_equilibria["complete"] and report.model_equilibria["equilibria"]
    for e in report.model_equilibria["equilibria"]:
        assert isinstance(e["deal_probability"], Fraction) and 0 <= e["deal_probability"] <= 1
        assert e["max_deviation_gain"] == 0  # pure MPE in rationals: no one-shot gain, exactly
    assert report.model_equilibria["reaching_deal"] == sum(
        e["deal_probability"] > 0 for e in report.model_equilibria["equilibria"])
    assert all(isinstance(x, Fraction) for x in report.deal_surplus)


def test_the_stage_game_is_a_strategic_game_whose_equilibria_the_bindings_find_again(report):
    assert isinstance(report.stage, impasse.StrategicGame) and report.stage.exact
    found = {tuple(x for s in e for x in s) for e in impasse.vertex_enumeration(report.stage).equilibria}
    assert found == {tuple(x for s in e for x in s) for e in report.stage_equilibria}


def test_the_model_is_a_stochastic_game_the_bindings_solve(report):
    assert isinstance(report.model, impasse.StochasticGame)
    assert report.model.exact and report.commitment.exact
    # The same game the analysis solved: its pure stationary MPE, found
    # again from Python, are as many as the analysis reports.
    found = impasse.pure_stationary_enumeration(report.model)
    assert found.status == "complete"
    assert len(found.equilibria) == len(report.model_equilibria["equilibria"])


def test_sanctions_statics_are_numpy_arrays(report):
    statics = report.sanctions_statics
    np.testing.assert_array_equal(statics["sanctions"], [0.0, 1.0])
    assert statics["equilibria"].dtype == np.int64 and (statics["reaching_deal"] <= statics["equilibria"]).all()
    assert ((0 <= statics["deal_probability"]) & (statics["deal_probability"] <= 1)).all()


def test_a_sweep_is_numpy_arrays_whose_shares_are_the_cxx_shares():
    names = [name for name, *_ in model.sweeps(points=3)]
    assert "friction-risk-absorption" in names
    result = model.sweep("friction-risk-absorption", points=3, threads=1)
    assert result.x.shape == result.y.shape == (3,) and result.equilibria.shape == (3, 3)
    assert result.closed_form.shape == result.found.shape == (3, 3, 3)
    assert result.x[0] == 0 and result.x[-1] == pytest.approx(1 / 50)
    phase = model.phase(result)
    assert np.mean(phase == 1) == pytest.approx(result.friction_share)
    assert np.mean(result.deal_equilibria == 0) == pytest.approx(result.no_deal_share)
    with pytest.raises(impasse.InvalidArgument, match="no-such-sweep"):
        model.sweep("no-such-sweep", points=3)


def test_the_example_script_writes_its_figures(tmp_path):
    if importlib.util.find_spec("matplotlib") is None:
        pytest.skip("matplotlib is not installed (Debian: python3-matplotlib): the example only says so")
    done = subprocess.run([sys.executable, EXAMPLE, tmp_path, "--points", "3"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    for name in ("phase-friction-risk-absorption.svg", "qre-branch.svg"):
        path = tmp_path / name
        assert path.is_file() and path.read_text().lstrip().startswith("<?xml"), name

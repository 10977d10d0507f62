"""Shared by the Python tests: where the games are, and the impasse command
to compare with (found next to the package, in the build tree or through
IMPASSE_COMMAND; the comparisons skip, saying why, when it is absent)."""

import os
import shutil
import subprocess
from fractions import Fraction
from pathlib import Path

import pytest

import impasse

REPOSITORY = Path(__file__).resolve().parents[2]
TEST_DATA = REPOSITORY / "tests" / "data"
EXAMPLE_GAMES = REPOSITORY / "examples" / "games"


def corpus_dir():
    """The Gambit corpus, read in place (../shared/corpus beside the project)."""
    return Path(os.environ.get("IMPASSE_CORPUS_DIR", REPOSITORY.parent / "shared" / "corpus")) / "gambit"


def find_command():
    """The impasse command: IMPASSE_COMMAND, then <prefix>/bin/impasse for a
    package installed in <prefix>/lib/python3/dist-packages, then the build
    tree's (the package in <build>/python/impasse, the command in <build>),
    then PATH."""
    explicit = os.environ.get("IMPASSE_COMMAND")
    if explicit:
        return explicit if os.access(explicit, os.X_OK) else None
    package = Path(impasse.__file__).resolve().parent
    # parents[3] is the prefix of <prefix>/lib/python3/dist-packages/impasse;
    # a package copied to a shallower folder has no such parent.
    parents = package.parents
    candidates = ([parents[3] / "bin" / "impasse"] if len(parents) > 3 else []) + (
        [parents[1] / "impasse"] if len(parents) > 1 else [])
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which("impasse")


@pytest.fixture(scope="session")
def command():
    found = find_command()
    if found is None:
        pytest.skip("the impasse command was not found next to the package, in the build tree, in "
                    "IMPASSE_COMMAND or on PATH: nothing to compare with")
    return found


@pytest.fixture(scope="session")
def corpus():
    path = corpus_dir()
    if not path.is_dir():
        pytest.skip(f"the Gambit corpus is not at {path} (set IMPASSE_CORPUS_DIR)")
    return path


def run_command(command, *args):
    """The `NE,` lines the command prints, each as a tuple of Fractions."""
    out = subprocess.run([command, *map(str, args)], check=True, capture_output=True, text=True).stdout
    return [tuple(Fraction(x) for x in line.split(",")[1:]) for line in out.splitlines() if line.startswith("NE,")]


def flat(profile):
    """A profile (one strategy per player) as one tuple, player 1's first."""
    return tuple(x for strategy in profile for x in strategy)

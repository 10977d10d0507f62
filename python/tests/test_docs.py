"""docs/python.md's examples run as written: its ```python blocks, in order,
in one namespace, each asserting what the page says."""

import re

import pytest

from conftest import REPOSITORY

PAGE = REPOSITORY / "docs" / "python.md"


def test_every_example_of_the_python_page_runs(monkeypatch):
    if not PAGE.is_file():
        pytest.skip(f"{PAGE} is not here (the tests run outside the repository)")
    blocks = re.findall(r"^```python\n(.*?)^```", PAGE.read_text(), flags=re.S | re.M)
    assert len(blocks) >= 5
    monkeypatch.chdir(REPOSITORY)  # the page's paths are from the repository's root
    namespace = {}
    for number, block in enumerate(blocks, 1):
        exec(compile(block, f"{PAGE.name}, example {number}", "exec"), namespace)

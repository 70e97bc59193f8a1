"""CI runs the README's test command, and that command runs the package's doctests."""

from __future__ import annotations

import re
import tomllib

from tests.conftest import ROOT

README_TEST_COMMAND = 'pip install -e ".[test]" && python -m pytest'


def test_ci_runs_the_readme_test_command_verbatim():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert README_TEST_COMMAND in readme.splitlines()
    commands = [line for line in ci.splitlines() if line and not line.startswith("#")]
    assert README_TEST_COMMAND in commands
    # the only pytest run of the main job is that one (the matplotlib 3.10 job is separate)
    assert [line for line in commands if re.search(r"\bpytest\b", line)] == [README_TEST_COMMAND]


def test_plain_pytest_collects_the_docstring_examples():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    options = config["tool"]["pytest"]["ini_options"]
    assert "--doctest-modules" in options["addopts"].split()
    assert options["testpaths"] == ["tests", "toolkit"]

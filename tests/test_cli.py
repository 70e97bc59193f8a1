"""The command line: ``python -m toolkit report`` and ``python -m toolkit summary``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tests._report_runs import FIXTURE_NOTEBOOK, ROOT, SEEDS, missing_names
from toolkit.__main__ import main


def run_cli(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None):
    """``python -m toolkit ARGS`` in a subprocess, importing this source tree."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "toolkit", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def decoy_kernelspec(folder: Path) -> Path:
    """A JUPYTER_PATH whose ``python3`` kernel cannot start: the report must not use it."""
    spec = folder / "kernels" / "python3"
    spec.mkdir(parents=True)
    kernel = {
        "argv": ["/bin/false", "{connection_file}"],
        "display_name": "decoy",
        "language": "python",
    }
    (spec / "kernel.json").write_text(json.dumps(kernel))
    return folder


def test_report_defaults_to_seeds_and_prints_where_outputs_are(tmp_path):
    out, figures = tmp_path / "reports", tmp_path / "figures"
    done = run_cli(
        "report", "--notebooks", str(FIXTURE_NOTEBOOK), "--dct", "2022-07-11", "--top-n", "5",
        "--out", str(out), "--figures", str(figures),
        env={"JUPYTER_PATH": str(decoy_kernelspec(tmp_path / "jupyter"))},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"report_check.ipynb on {SEEDS.resolve()}" in done.stderr
    assert f"  {out / 'report_check.html'}  (" in done.stdout
    assert f"Figures: 2 in {figures}" in done.stdout  # one figure, as PNG and SVG
    assert sorted(path.suffix for path in figures.iterdir()) == [".png", ".svg"]
    executed = nbformat.read(out / "report_check.ipynb", 4)
    printed = "".join(o.get("text", "") for c in executed.cells for o in c.get("outputs", []))
    assert f"kernel python: {sys.executable}" in printed
    assert "dct: 2022-07-11" in printed
    top_terms = next(c for c in executed.cells if c.get("id") == "top-terms-table")
    assert len(top_terms.outputs[0]["data"]["text/html"].split("<tr")) == 1 + 1 + 5


def test_report_exits_non_zero_naming_the_failing_notebook_and_cell(tmp_path):
    notebook = nbformat.read(FIXTURE_NOTEBOOK, 4)
    failing = nbformat.v4.new_code_cell('raise ValueError("no usable documents")', id="fails")
    notebook.cells.insert(3, failing)
    path = tmp_path / "broken_check.ipynb"
    nbformat.write(notebook, path)
    done = run_cli("report", "--notebooks", str(path), "--out", str(tmp_path / "out"), "--quiet")
    assert done.returncode == 1
    assert "1 of 1 notebooks failed" in done.stderr
    assert "broken_check.ipynb: cell 4 (In [4]) failed with ValueError: no usable documents" in (
        done.stderr
    )
    assert 'cell starts: raise ValueError("no usable documents")' in done.stderr
    assert (tmp_path / "out" / "broken_check.html").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", "/no/such/corpus"], "corpus not found: /no/such/corpus"),
        (["report", "--dct", "July 2022"], "'July 2022' is not an ISO date"),
        (["report", "--notebooks", "99"], "--notebooks '99' names no notebook file"),
    ],
)
def test_report_rejects_bad_input_with_a_clear_message(args, message, capsys):
    assert main(args) == 1
    assert message in capsys.readouterr().err


def test_unknown_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["publish"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'publish'" in capsys.readouterr().err


def test_summary_prints_documents_tokens_and_top_terms(capsys):
    missing = missing_names(["load_corpus", "term_frequencies"])
    if missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"toolkit lacks {missing}")
        pytest.skip(f"toolkit lacks {', '.join(missing)} (not merged yet)")
    assert main(["summary", str(SEEDS), "--top-n", "5"]) == 0
    printed = capsys.readouterr().out
    assert f"corpus:    {SEEDS.resolve()}" in printed
    assert "documents: 1 (0 dated)" in printed
    assert "top 5 terms" in printed
    assert "المغرب" in printed


def test_summary_rejects_a_missing_corpus(tmp_path, capsys):
    assert main(["summary", str(tmp_path / "missing")]) == 1
    assert "corpus not found" in capsys.readouterr().err


def _git_status() -> str:
    done = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=ROOT,
                          capture_output=True, text=True, check=True)  # fmt: skip
    return done.stdout


def test_report_on_a_corpus_writes_only_under_out_and_leaves_the_checkout_untouched(tmp_path):
    from tests._report_runs import dated_corpus

    before = _git_status()
    project_figures = {path: path.read_bytes() for path in (ROOT / "figures").iterdir()}
    out = tmp_path / "my reports"
    done = run_cli("report", str(dated_corpus()), "--out", str(out), "--notebooks", "01",
                   "--quiet")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert _git_status() == before
    assert {p: p.read_bytes() for p in (ROOT / "figures").iterdir()} == project_figures
    written = {path.relative_to(out).as_posix() for path in out.rglob("*") if path.is_file()}
    assert {"01_term_frequency.html", "01_term_frequency.ipynb",
            "01_term_frequencies.csv"} <= written  # fmt: skip
    figures = {name for name in written if name.startswith("figures/")}
    assert "figures/01_term_frequency-top-terms.png" in figures
    assert "figures/01_term_frequency-top-terms.svg" in figures
    html = (out / "01_term_frequency.html").read_text(encoding="utf-8")
    assert str(tmp_path) not in html and "import toolkit" not in html  # no paths, no code


@pytest.mark.parametrize(
    ("option", "problem"),
    [(["--top-n", "0"], "must be at least 1"), (["--top-n", "-3"], "must be at least 1"),
     (["--labels", "PERS,FOO"], "labels must be"), (["--lang", "fr"], "invalid choice")],
)  # fmt: skip
def test_report_refuses_bad_options_before_running_anything(tmp_path, option, problem):
    done = run_cli("report", "--out", str(tmp_path / "out"), *option)
    assert done.returncode != 0
    assert problem in done.stderr
    assert not (tmp_path / "out").exists()

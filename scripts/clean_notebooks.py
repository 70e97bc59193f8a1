"""Normalise notebooks for committing: outputs kept, volatile metadata removed.

Removed: execution timings and papermill metadata (notebook and cells),
papermill's injected-parameters cell, widget state, the interpreter version
in ``language_info``, cell metadata other than ``tags``, and progress-bar
lines (with their timings) from stderr outputs. The kernelspec is
set to the standard ``python3``. With ``--execute`` each notebook is first
run in place on its default parameters (the seed corpus), in a fresh kernel
on this interpreter, exactly as ``python -m toolkit report`` runs it.

Usage::

    python scripts/clean_notebooks.py --execute notebooks/*.ipynb   # refresh committed outputs
    python scripts/clean_notebooks.py --check notebooks/*.ipynb     # exit 1 if not clean
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

import nbformat

from toolkit.report import strip_progress_bars

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Return ``nb`` without volatile metadata (a new notebook; ``nb`` is untouched).

    SVG copies of figures that also have a PNG are dropped: they change on every
    run and triple the file size.

    >>> from nbformat.v4 import new_code_cell, new_notebook
    >>> cell = new_code_cell("1", metadata={"execution": {"x": "1"}, "tags": ["t"]})
    >>> clean(new_notebook(cells=[cell])).cells[0].metadata
    {'tags': ['t']}
    """
    result = copy.deepcopy(nb)
    result.nbformat, result.nbformat_minor = 4, max(5, result.get("nbformat_minor", 5))
    result.metadata = nbformat.from_dict(
        {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
    )
    cells = []
    for cell in result.cells:
        tags = list(cell.get("metadata", {}).get("tags", []))
        if "injected-parameters" in tags:
            continue
        cell.metadata = nbformat.from_dict({"tags": tags} if tags else {})
        for output in cell.get("outputs", []):
            output.get("metadata", {}).pop("execution", None)
            data = output.get("data", {})
            if "image/png" in data:  # the SVG twin is for figures/, not the committed notebook
                data.pop("image/svg+xml", None)
                output.get("metadata", {}).pop("image/svg+xml", None)
        cells.append(cell)
    result.cells = cells
    return strip_progress_bars(result)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--execute", action="store_true", help="run each notebook in place first")
    parser.add_argument("--check", action="store_true", help="only report notebooks not clean")
    args = parser.parse_args(argv)

    dirty = []
    for path in args.notebooks:
        if args.execute:
            from toolkit.report import execute_notebook

            print(f"executing {path}", file=sys.stderr)
            execute_notebook(path, path, cwd=path.parent)
        nb = nbformat.read(path, as_version=4)
        cleaned = clean(nb)
        nbformat.validate(cleaned)
        if nbformat.writes(cleaned).rstrip("\n") == path.read_text(encoding="utf-8").rstrip("\n"):
            continue
        dirty.append(path)
        if not args.check:
            nbformat.write(cleaned, path)
            print(f"cleaned {path}", file=sys.stderr)
    if args.check and dirty:
        print("not clean (run scripts/clean_notebooks.py):", *map(str, dirty), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

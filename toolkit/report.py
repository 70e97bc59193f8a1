"""Run the analysis notebooks on a corpus and export self-contained HTML reports.

Each notebook is executed by papermill in a fresh kernel that runs on this
very interpreter (``sys.executable``, whatever the ``python3`` kernelspec on
the machine says), with the corpus and options injected into its
``parameters`` cell. The executed notebook, an HTML report (nbconvert, images
embedded, no scripts, Arabic right to left: :mod:`toolkit.report_html`) and
every figure it drew are written out.

>>> from toolkit.report import run_report
>>> results = run_report("seeds", out="reports", figures="figures")  # doctest: +SKIP
>>> results[0].html  # doctest: +SKIP
PosixPath('reports/01_term_frequency.html')
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
import zmq
from jupyter_client import AsyncKernelManager
from jupyter_client.kernelspec import KernelSpec
from traitlets import default

from toolkit._api import legacy
from toolkit._docstrings import fill_doc
from toolkit.checks import check_dct
from toolkit.languages import check_language
from toolkit.report_html import finish_report_html

__all__ = [
    "NotebookReport",
    "ReportError",
    "execute_notebook",
    "export_html",
    "find_notebooks",
    "find_seeds",
    "in_language",
    "reader_view",
    "run_report",
    "save_figures",
    "strip_progress_bars",
]

_PACKAGE_ROOT = Path(__file__).resolve().parent
_TEMPLATES = _PACKAGE_ROOT / "templates"
_NOTEBOOK_NAME = re.compile(r"^\d\d_.+\.ipynb$")
_FIGURE_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/svg+xml": "svg"}
#: The report shows a figure's PNG; its SVG twin only goes to figures/.
_HTML_OUTPUT_PRIORITY = [
    "text/html", "image/png", "image/jpeg", "image/svg+xml", "text/markdown", "text/plain",
]  # fmt: skip
#: A tqdm progress line: "desc: 40%|####  | 4/10 [00:01<00:02, 3.1chunk/s]" or "[00:00, ?it/s]".
_PROGRESS_LINE = re.compile(r"^.*\[\d\d:\d\d(?:<[^\]]*)?,[^\]]*/s\]\s*$")


class ReportError(RuntimeError):
    """A report could not be made; the message says what to fix.

    ``results`` holds the notebooks that did run (failed ones with ``error`` set).
    """

    def __init__(self, message: str, results: Sequence[NotebookReport] = ()) -> None:
        super().__init__(message)
        self.results = list(results)


@dataclass
class NotebookReport:
    """Where one notebook's outputs went."""

    notebook: Path
    executed: Path
    html: Path | None = None
    figures: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    error: str | None = None


class CurrentPythonKernelManager(AsyncKernelManager):
    """Start an IPython kernel on ``sys.executable``, ignoring any installed kernelspec.

    A ``python3`` kernelspec can point at another environment; the notebooks
    must run where ``toolkit`` (and its dependencies) are installed. Kernel
    traffic is CurveZMQ-encrypted when pyzmq supports it; tqdm progress bars
    are switched off (``TQDM_DISABLE=1``).
    """

    @default("transport_encryption")
    def _encrypt_when_possible(self) -> str:
        return "auto" if zmq.has("curve") else "disabled"

    @property
    def kernel_spec(self) -> KernelSpec:
        if self._kernel_spec is None:
            self._kernel_spec = KernelSpec(
                argv=[
                    sys.executable,
                    "-m",
                    "ipykernel_launcher",
                    "-f",
                    "{connection_file}",
                    # Figures as PNG (shown in the HTML) and SVG (written to figures/).
                    "--InlineBackend.figure_formats=png",
                    "--InlineBackend.figure_formats=svg",
                    # SVG ids from a fixed salt, so re-running a report rewrites identical files
                    "--IPKernelApp.exec_lines=import matplotlib;"
                    " matplotlib.rcParams['svg.hashsalt'] = 'toolkit'",
                    # The interrupt that ends a finished kernel is no error worth printing.
                    "--IPKernelApp.log_level=CRITICAL",
                ],
                display_name=f"Python {sys.version_info.major} (toolkit)",
                language="python",
                metadata={"supported_encryption": ["curve"]},
            )
        return self._kernel_spec

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        env = dict(kw.get("env") or os.environ)
        # Progress bars would be noise in a report (and need ipywidgets in a kernel).
        env["TQDM_DISABLE"] = "1"
        env.setdefault("SOURCE_DATE_EPOCH", "0")  # no creation time in SVG metadata
        warnings = [env.get("PYTHONWARNINGS", ""), "ignore:IProgress not found"]
        env["PYTHONWARNINGS"] = ",".join(filter(None, warnings))
        if not {"site-packages", "dist-packages"} & set(_PACKAGE_ROOT.parts):
            # toolkit runs from a source tree: make the kernel import this same copy.
            paths = [str(_PACKAGE_ROOT.parent), env.get("PYTHONPATH", "")]
            env["PYTHONPATH"] = os.pathsep.join(path for path in paths if path)
        kw["env"] = env
        await super()._async_launch_kernel(kernel_cmd, **kw)


def _repository_candidates(folder: str) -> list[Path]:
    candidates = [Path.cwd() / folder, _PACKAGE_ROOT.parent / folder]
    return list(dict.fromkeys(path.resolve() for path in candidates))


def find_seeds() -> Path:
    """The repository's ``seeds/`` folder: in the working directory or next to the package.

    Raises :class:`ReportError` when neither exists (a non-editable install
    does not carry the seed article).
    """
    for candidate in _repository_candidates("seeds"):
        if candidate.is_dir():
            return candidate
    raise ReportError(
        "no corpus given and no seeds/ folder found in the current directory "
        f"({Path.cwd()}) or next to the toolkit package ({_PACKAGE_ROOT.parent}). "
        "The seed article ships with the source repository, not with an installed package: "
        "pass a corpus path (python -m toolkit report PATH) or run from a repository checkout."
    )


def find_notebooks(selection: Sequence[str | Path] | None = None) -> list[Path]:
    """The notebooks to run: ``NN_*.ipynb`` in the repository's ``notebooks/`` folder.

    ``selection`` narrows them: each item is a notebook path, or a name or
    prefix of one of the repository's notebooks (``"01"``, ``"02_entity_cooccurrence"``).
    """
    folders = [path for path in _repository_candidates("notebooks") if path.is_dir()]
    found = folders[0].glob("*.ipynb") if folders else []
    available = sorted(path for path in found if _NOTEBOOK_NAME.match(path.name))
    if not selection:
        if not available:
            raise ReportError(
                "no analysis notebooks found: expected notebooks/NN_*.ipynb in the current "
                f"directory ({Path.cwd()}) or next to the toolkit package "
                f"({_PACKAGE_ROOT.parent}). Run from a repository checkout or pass --notebooks."
            )
        return available
    chosen = []
    for item in selection:
        path = Path(item)
        if path.suffix == ".ipynb" and path.is_file():
            chosen.append(path.resolve())
            continue
        matches = [nb for nb in available if nb.name.startswith(str(item))]
        if len(matches) != 1:
            names = ", ".join(nb.name for nb in available) or "none found"
            problem = "matches several notebooks" if matches else "names no notebook file"
            raise ReportError(f"--notebooks {item!r} {problem} (available: {names})")
        chosen.append(matches[0])
    return chosen


def _check_corpus(corpus: str | Path | None) -> Path:
    path = find_seeds() if corpus is None else Path(corpus).expanduser()
    if not path.exists():
        raise ReportError(f"corpus not found: {path} (give a file or folder of documents)")
    return path.resolve()


def _check_dct(dct: str | dt.date | None) -> str | None:
    """The reference date as an ISO string, checked as every analysis checks ``dct``."""
    try:
        reference = check_dct(dct)
    except (TypeError, ValueError) as error:
        raise ReportError(f"reference date {dct!r}: {error}") from None
    return None if reference is None else reference.isoformat()


def _failure_message(notebook: Path, error: Any) -> str:
    source = str(getattr(error, "source", "")).strip().splitlines()
    first_line = source[0] if source else ""
    return (
        f"{notebook.name}: cell {error.cell_index} (In [{error.exec_count}]) failed with "
        f"{error.ename}: {error.evalue}\n    cell starts: {first_line}"
    )


def _dead_kernel_message(notebook: Path, executed: nbformat.NotebookNode) -> str:
    """Name the cell that was running when the kernel process died (often: out of memory).

    That is the last cell papermill started (cells never reached have no start time).
    """
    started = [
        (index, cell)
        for index, cell in enumerate(executed.cells)
        if cell.get("metadata", {}).get("papermill", {}).get("start_time")
    ]
    where = "a cell"
    if started:
        index, cell = started[-1]
        first_line = (cell.source.strip().splitlines() or [""])[0]
        where = f"cell {index}\n    cell starts: {first_line}"
    return (
        f"{notebook.name}: the kernel died (out of memory, or killed) while running {where}; "
        "try a smaller corpus or fewer --n-jobs"
    )


def execute_notebook(
    notebook: str | Path,
    output: str | Path,
    *,
    parameters: dict[str, Any] | None = None,
    cwd: str | Path | None = None,
    progress: bool = True,
    timeout: int | None = None,
) -> nbformat.NotebookNode:
    """Run ``notebook`` with papermill in a fresh kernel on this interpreter; save it to ``output``.

    Raises papermill's ``PapermillExecutionError`` (with ``cell_index``,
    ``exec_count``, ``source``, ``ename``, ``evalue``) when a cell fails; the
    partly executed notebook is saved to ``output`` all the same.
    """
    import papermill

    notebook = Path(notebook)
    return papermill.execute_notebook(
        str(notebook),
        str(output),
        parameters=parameters or None,
        kernel_name="python3",
        kernel_manager_class=CurrentPythonKernelManager,
        cwd=str(cwd or notebook.parent),
        progress_bar={"desc": f"      {notebook.stem}", "leave": False} if progress else False,
        execution_timeout=timeout,
    )


def strip_progress_bars(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    r"""Remove tqdm progress lines from ``notebook``'s stderr outputs in place; return it.

    Progress bars carry timings (they change on every run) and say nothing
    in a report; other stderr text (warnings) is kept.

    >>> from nbformat.v4 import new_code_cell, new_notebook, new_output
    >>> bar = "terms: 1chunk [00:00, 660.2chunk/s]\nUserWarning: 2 rows left out\n"
    >>> cell = new_code_cell("x", outputs=[new_output("stream", name="stderr", text=bar)])
    >>> strip_progress_bars(new_notebook(cells=[cell])).cells[0].outputs[0].text
    'UserWarning: 2 rows left out\n'
    """
    for cell in notebook.cells:
        outputs = []
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                lines = output["text"].replace("\r", "\n").splitlines(keepends=True)
                kept = [line for line in lines if not _PROGRESS_LINE.match(line)]
                output["text"] = "".join(line for line in kept if line.strip())
                if not output["text"]:
                    continue
            outputs.append(output)
        if "outputs" in cell:
            cell.outputs = outputs
    return notebook


def _is_stderr(output: nbformat.NotebookNode) -> bool:
    return output.get("output_type") == "stream" and output.get("name") == "stderr"


def reader_view(notebook: nbformat.NotebookNode, *, show_code: bool = False):
    """A copy of ``notebook`` as readers see it: no parameters, and by default no code.

    Parameter cells (the paths and options of the machine that ran the report)
    are always left out. Unless ``show_code``, code cells keep only their
    results: code and Python's warnings on stderr go; tables, figures and
    printed text stay.
    """
    node = strip_progress_bars(copy.deepcopy(notebook))
    hidden = {"parameters", "injected-parameters"}
    node.cells = [c for c in node.cells if not hidden & set(c.get("metadata", {}).get("tags", []))]
    if not show_code:
        for cell in node.cells:
            if cell.cell_type == "code":
                cell.outputs = [o for o in cell.get("outputs", []) if not _is_stderr(o)]
    return node


def _title(notebook: nbformat.NotebookNode, fallback: str) -> str:
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def export_html(
    notebook: str | Path | nbformat.NotebookNode,
    html: str | Path,
    *,
    show_code: bool = False,
    lang: str = "en",
) -> Path:
    """Write ``notebook`` as one self-contained, script-free HTML file with Arabic text RTL.

    What a reader sees (:func:`reader_view`): a title, explanations, tables and
    figures; code only with ``show_code``. ``lang="ar"`` lays the page out right
    to left. Progress bars are left out (:func:`strip_progress_bars`); see
    :mod:`toolkit.report_html` for the safety and direction steps.
    """
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    node = notebook if isinstance(notebook, nbformat.NotebookNode) else nbformat.read(notebook, 4)
    node = reader_view(node, show_code=show_code)
    config = Config()
    config.NbConvertBase.display_data_priority = _HTML_OUTPUT_PRIORITY
    exporter = HTMLExporter(
        config=config,
        extra_template_basedirs=[str(_TEMPLATES)],
        template_name="toolkit",
        embed_images=True,
        exclude_anchor_links=True,
        exclude_input=not show_code,
        exclude_input_prompt=not show_code,
        exclude_output_prompt=not show_code,
    )
    path = Path(html)
    resources = {"metadata": {"name": _title(node, path.stem)}}
    body, _ = exporter.from_notebook_node(node, resources=resources)
    path.write_text(finish_report_html(body, document_language=lang), encoding="utf-8")
    return path


def in_language(notebook: nbformat.NotebookNode, lang: str) -> nbformat.NotebookNode:
    """A copy of ``notebook`` without the markdown cells written for another language.

    Cells tagged ``lang-en`` or ``lang-ar`` belong to that language; untagged
    cells belong to both.
    """
    check_language(lang)
    node = copy.deepcopy(notebook)
    node.cells = [
        cell for cell in node.cells
        if not any(tag.startswith("lang-") and tag != f"lang-{lang}"
                   for tag in cell.get("metadata", {}).get("tags", []))
    ]  # fmt: skip
    return node


def _figure_name(cell: nbformat.NotebookNode, index: int) -> str:
    tags = [tag for tag in cell.get("metadata", {}).get("tags", []) if "parameters" not in tag]
    name = tags[0] if tags else f"cell{index:02d}"
    return re.sub(r"[^\w.-]+", "-", name).strip("-") or f"cell{index:02d}"


def save_figures(notebook: nbformat.NotebookNode, folder: str | Path, prefix: str) -> list[Path]:
    """Write every image output of ``notebook`` to ``folder/<prefix>-<name>.<ext>``.

    ``<name>`` is the cell's first tag (``top-terms``), else ``cellNN``; a
    second figure of the same cell gets ``-2``. A figure shown as both PNG and
    SVG is written in both formats under the same name. Figures left by an earlier run
    of the same notebook are removed first.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{prefix}-*"):
        if old.suffix.lstrip(".") in _FIGURE_TYPES.values():
            old.unlink()
    written: list[Path] = []
    for index, cell in enumerate(notebook.cells):
        figures = [
            output["data"]
            for output in cell.get("outputs", [])
            if output.get("output_type") in ("display_data", "execute_result")
            and _FIGURE_TYPES.keys() & output.get("data", {}).keys()
        ]
        for number, data in enumerate(figures, start=1):
            suffix = "" if number == 1 else f"-{number}"
            stem = f"{prefix}-{_figure_name(cell, index)}{suffix}"
            for mime in [mime for mime in _FIGURE_TYPES if mime in data]:
                path = folder / f"{stem}.{_FIGURE_TYPES[mime]}"
                content = data[mime]
                if mime == "image/svg+xml":
                    text = content if isinstance(content, str) else "".join(content)
                    path.write_text(text, encoding="utf-8")
                else:
                    path.write_bytes(base64.b64decode(content))
                written.append(path)
    return written


def _output_folders(
    corpus: str | Path | None, out: str | Path | None, figures: str | Path | None
) -> tuple[Path, Path]:
    """Where reports and figures go: everything under ``out``, but the seed's figures in figures/.

    A report on your corpus writes its figures to ``out/figures`` and leaves the
    repository's ``figures/`` alone; only the seed report with no ``out`` given
    refreshes ``figures/`` (the README's figures).
    """
    out_dir = Path(out if out is not None else "reports").resolve()
    if figures is not None:
        return out_dir, Path(figures).resolve()
    if corpus is None and out is None:
        return out_dir, Path("figures").resolve()
    return out_dir, out_dir / "figures"


def _check_labels(labels: Sequence[str] | str | None) -> list[str] | None:
    from toolkit.entities.recognize import LABELS

    if labels is None:
        return None
    chosen = [label.strip().upper() for label in (labels.split(",") if isinstance(labels, str)
                                                  else labels) if label.strip()]  # fmt: skip
    unknown = sorted(set(chosen) - set(LABELS))
    if unknown or not chosen:
        raise ReportError(
            f"labels must be a non-empty subset of {', '.join(LABELS)}; got {labels!r}"
        )
    return chosen


@legacy(renamed={"top_n": "top", "group_by": "by"})
@fill_doc
def run_report(
    corpus: str | Path | None = None,
    *,
    out: str | Path | None = None,
    figures: str | Path | None = None,
    dct: str | dt.date | None = None,
    notebooks: Sequence[str | Path] | None = None,
    top: int | None = None,
    by: str | None = None,
    labels: Sequence[str] | str | None = None,
    lang: str = "en",
    show_code: bool = False,
    errors: str = "raise",
    dedupe: bool = False,
    n_jobs: int | None = 1,
    cache: bool = True,
    progress: bool | None = None,
    log: Callable[[str], None] | None = None,
) -> list[NotebookReport]:
    """Execute the analysis notebooks on a corpus and write executed notebooks, HTML and figures.

    Everything goes under ``out``: ``<notebook>.html`` for readers,
    ``<notebook>.ipynb`` as executed, the notebooks' CSV/GEXF exports, and
    ``figures/<notebook>-*`` (each figure as PNG and SVG). The corpus is
    checked (:func:`toolkit.corpus.check_source`) before any kernel starts:
    a bad file or an empty folder is one clear error. Every notebook is run
    even if one fails; then :class:`ReportError` names the failing notebooks
    and cells.

    Parameters
    ----------
    corpus : str, Path or None, default None
        A corpus file or folder; None: the repository's ``seeds/``.
    out : str, Path or None, default None
        Output folder; None: ``reports``.
    figures : str, Path or None, default None
        Figures folder; None: ``<out>/figures``, except the seed report with
        no ``out``, which writes to the repository's ``figures/``.
    {dct}
    notebooks : sequence of str or Path, or None, default None
        Notebooks to run, by number or path (``["01"]``); None runs all.
    top : int or None, default None
        Rows per table and bars per chart; None: the notebooks' 20.
    by : str or None, default None
        The corpus column compared by keyness; None: ``source`` if it varies.
    labels : sequence of str, str or None, default None
        Entity labels shown (e.g. ``"PERS,LOC,ORG"``); None: all four.
    lang : {"en", "ar"}, default "en"
        Language of every heading, caption and figure text.
    show_code : bool, default False
        Keep the code in the HTML.
    errors : {"raise", "skip"}, default "raise"
        ``skip`` leaves out unreadable files rather than stop.
    dedupe : bool, default False
        Fold near-duplicate articles (wire copies) before every analysis.
    {n_jobs}
    cache : bool, default True
        Load the corpus and compute the tables several notebooks need
        (entities, dates, term frequencies) once and keep them in
        ``<out>/.cache`` for the other notebooks and later runs, keyed by
        corpus (its files' sizes and times), options and toolkit code
        (:func:`toolkit.cache.cached`); False recomputes everything.
    {progress}
        Here one bar per notebook's cells.
    log : callable or None, default None
        Receives each progress line; None prints to stderr.

    Returns
    -------
    list of NotebookReport
        One per notebook: ``html``, ``executed``, ``figures``, ``seconds``,
        ``error``.

    Examples
    --------
    >>> [r.html.name for r in run_report("seeds", notebooks=["01"])]  # doctest: +SKIP
    ['01_term_frequency.html']
    """
    from toolkit.checks import check_choice, check_n_jobs, check_positive_int
    from toolkit.corpus import CorpusError, check_source
    from toolkit.parallel import _show_progress as show_progress

    say = log or (lambda message: print(message, file=sys.stderr, flush=True))
    corpus_path = _check_corpus(corpus)
    try:
        check_choice(errors, "errors", ("raise", "skip"))
        check_language(lang)
        check_n_jobs(n_jobs)
        rows = check_positive_int(top, "top", allow_none=True)
        check_source(corpus_path, errors=errors)
    except (ValueError, TypeError, CorpusError) as error:
        raise ReportError(str(error)) from None
    parameters: dict[str, Any] = {
        "corpus": str(corpus_path), "lang": lang, "errors": errors, "dedupe": bool(dedupe),
        "cache": bool(cache),
    }  # fmt: skip
    if (reference := _check_dct(dct)) is not None:
        parameters["dct"] = reference
    if rows is not None:
        parameters["top_n"] = rows
    if by is not None:
        parameters["group_by"] = by
    if (chosen := _check_labels(labels)) is not None:
        parameters["labels"] = chosen
    if n_jobs is not None:
        parameters["n_jobs"] = int(n_jobs)
    selected = find_notebooks(notebooks)
    out_dir, figures_dir = _output_folders(corpus, out, figures)
    out_dir.mkdir(parents=True, exist_ok=True)
    parameters["output_dir"] = str(out_dir)

    from nbclient.exceptions import DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    results: list[NotebookReport] = []
    for number, notebook in enumerate(selected, start=1):
        say(f"[{number}/{len(selected)}] {notebook.name} on {corpus_path}")
        started = time.perf_counter()
        result = NotebookReport(notebook=notebook, executed=out_dir / notebook.name)
        nbformat.write(in_language(nbformat.read(notebook, 4), lang), result.executed)
        try:
            executed = execute_notebook(
                result.executed, result.executed, parameters=parameters,
                progress=show_progress(progress), cwd=notebook.parent,
            )  # fmt: skip
        except PapermillExecutionError as error:
            result.error = _failure_message(notebook, error)
            executed = nbformat.read(result.executed, 4)
        except DeadKernelError:
            executed = nbformat.read(result.executed, 4)
            result.error = _dead_kernel_message(notebook, executed)
        result.html = export_html(
            executed, out_dir / f"{notebook.stem}.html", show_code=show_code, lang=lang
        )
        result.figures = save_figures(executed, figures_dir, notebook.stem)
        result.seconds = time.perf_counter() - started
        results.append(result)
        status = "FAILED" if result.error else "done"
        figures_note = f"{len(result.figures)} figures in {figures_dir}"
        say(f"      {status} in {result.seconds:.1f} s: {result.html}, {figures_note}")
    failures = [result.error for result in results if result.error]
    if failures:
        raise ReportError(
            f"{len(failures)} of {len(results)} notebooks failed:\n  "
            + "\n  ".join(failures)
            + f"\n(see the executed notebooks and HTML in {out_dir})",
            results,
        )
    return results

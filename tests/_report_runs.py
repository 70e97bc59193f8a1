"""Notebook runs shared by test_report.py and test_browser.py.

Kernel start-up costs seconds, so each (corpus, notebook) pair is executed
once per test session and the outputs are reused by both test files.

The notebooks under test are the fixture notebook (tests/fixtures) and each
of notebooks/NN_*.ipynb whose toolkit functions exist: the real notebooks
join the tests by themselves once the analyses are merged. Under CI=true a
notebook whose functions are missing is a failure, not a skip.
"""

from __future__ import annotations

import atexit
import importlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from toolkit.report import NotebookReport, ReportError, run_report

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FIXTURE_NOTEBOOK = ROOT / "tests" / "fixtures" / "report_check.ipynb"

#: toolkit names each analysis notebook calls (the public API contract).
NOTEBOOK_REQUIREMENTS = {
    "01_term_frequency": [
        "load_corpus", "corpus_evidence", "term_frequencies", "collocations", "keyness", "kwic",
        "plot.terms", "plot.wordcloud", "plot.trends",
    ],
    "02_entity_cooccurrence": [
        "load_corpus", "extract_entities", "cooccurrence", "cooccurrence_matrix",
        "cooccurrence_graph", "export_graph", "plot.network", "plot.heatmap",
    ],
    "03_timeline": [
        "load_corpus", "extract_dates", "timeline", "mentions_per_period", "referenced_time",
        "plot.timeline", "plot.trends",
    ],
    "04_exploration": [
        "load_corpus", "corpus_summary", "topics", "similarity", "document_map",
        "dictionary_counts", "load_dictionary", "plot.dispersion", "plot.keyness",
        "plot.topics", "plot.document_map",
    ],
}  # fmt: skip

#: Untrusted document text that must show as text and never run.
INJECTIONS = [
    "<script>window.__pwned = 1; alert(1)</script>",
    '<img src=x onerror="window.__pwned = 2; alert(2)">',
    "<svg onload=alert(3)></svg>",
    "[اضغط هنا](javascript:alert(4)) **عريض** <b>غامق</b>",
]


def missing_names(names: list[str]) -> list[str]:
    """The dotted toolkit names (``plot.terms``) that cannot be imported yet."""
    missing = []
    for name in names:
        target = importlib.import_module("toolkit")
        try:
            for part in name.split("."):
                target = getattr(target, part)
        except (AttributeError, ImportError):
            missing.append(name)
    return missing


def notebook_params() -> list[pytest.param]:
    """The fixture notebook plus every analysis notebook, skipped while its API is missing."""
    params = [pytest.param(FIXTURE_NOTEBOOK, id=FIXTURE_NOTEBOOK.stem)]
    in_ci = os.environ.get("CI", "").lower() == "true"
    for notebook in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        missing = missing_names(NOTEBOOK_REQUIREMENTS.get(notebook.stem, []))
        marks = []
        if missing and not in_ci:
            reason = f"toolkit lacks {', '.join(missing)} (not merged yet)"
            marks.append(pytest.mark.skip(reason=reason))
        params.append(pytest.param(notebook, id=notebook.stem, marks=marks))
    return params


DATED_DOCUMENTS = [
    ("2022-07-08", "Hespress", "كوخافي في الرباط الأسبوع المقبل",
     "أفادت وسائل إعلام عبرية أن رئيس أركان الجيش الإسرائيلي أفيف كوخافي سيحل بالرباط "
     "الأسبوع المقبل. وسيلتقي كوخافي بالمفتش العام للقوات المسلحة الملكية في الرباط."),
    ("2022-07-12", "Le360", "المغرب وإسرائيل يعززان التعاون العسكري",
     "وصل كوخافي إلى الرباط يوم الاثنين 11 يوليوز 2022 في زيارة رسمية. وبحث الجانبان "
     "التعاون العسكري بين المغرب وإسرائيل بعد مذكرة التفاهم الموقعة في نونبر 2021."),
    ("2022-07-20", "Hespress", "حصيلة زيارة كوخافي",
     "اختتم كوخافي زيارته إلى المغرب أمس. وقالت مصادر إن الزيارة تناولت مناورات الأسد "
     "الإفريقي التي جرت في يونيو 2022 بمشاركة إسرائيلية."),
    ("2022-07-21", "Yabiladi", f"{INJECTIONS[0]} عنوان تجريبي",
     " ".join(INJECTIONS) + " نشرت الصحف المغربية تعليقات على زيارة كوخافي إلى الرباط. "
     "وذكرت أن التعاون بين المغرب وإسرائيل سيتواصل في 2023."),
]  # fmt: skip


def write_dated_corpus(folder: Path) -> Path:
    """A folder of four dated articles from three sources, one full of HTML/markdown injection."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, (date, source, title, text) in enumerate(DATED_DOCUMENTS, start=1):
        stem = folder / f"article-{number}"
        stem.with_suffix(".txt").write_text(f"{title}\n\n{text}\n", encoding="utf-8")
        meta = {"title": title, "date": date, "source": source}
        stem.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False), "utf-8")
    return folder


@dataclass
class Run:
    """One notebook executed on one corpus."""

    corpus: Path
    out: Path
    figures: Path
    result: NotebookReport | None
    error: ReportError | None


_BASE = Path(tempfile.mkdtemp(prefix="toolkit-report-tests-"))
atexit.register(shutil.rmtree, _BASE, ignore_errors=True)
_RUNS: dict[tuple[str, Path, str, bool], Run] = {}


def dated_corpus() -> Path:
    """The dated test corpus (written once per session)."""
    corpus = _BASE / "dated-corpus"
    if not corpus.exists():
        write_dated_corpus(corpus)
    return corpus


def report_run(corpus_kind: str, notebook: Path, *, lang: str = "en", show_code: bool = False):
    """Run ``notebook`` on the seed (``"seed"``) or the dated test corpus (``"dated"``), once.

    Figures go where a report on a corpus puts them by default: ``out/figures``.
    """
    key = (corpus_kind, notebook, lang, show_code)
    if key not in _RUNS:
        corpus = SEEDS if corpus_kind == "seed" else dated_corpus()
        folder = _BASE / f"{corpus_kind}-{notebook.stem}-{lang}{'-code' if show_code else ''}"
        out = folder / "reports"
        figures = out / "figures"
        # The dated corpus also runs the analyses on two processes.
        options = {"by": "source", "n_jobs": 2} if corpus_kind == "dated" else {}
        try:
            results = run_report(
                corpus,
                out=out,
                notebooks=[notebook],
                lang=lang,
                show_code=show_code,
                progress=False,
                log=lambda message: None,
                **options,
            )
            _RUNS[key] = Run(corpus, out, figures, results[0], None)
        except ReportError as error:
            _RUNS[key] = Run(corpus, out, figures, None, error)
    return _RUNS[key]

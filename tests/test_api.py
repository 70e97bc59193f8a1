"""The API convention, checked on every public function (README, section "API convention").

Walks ``toolkit._EXPORTS`` and the public functions of ``toolkit.plot``:
data first and positional, everything else keyword-only; one name and one
default per concept (``toolkit._api.CONCEPTS``); one return type; a numpydoc
docstring with Parameters, Returns and an example. The checker itself is
tested on functions that break each rule, so a violation cannot slip through.
"""

from __future__ import annotations

import inspect
import pkgutil
import re
import warnings

import pandas as pd
import pytest

import toolkit
import toolkit.plot as plot
from toolkit._api import CONCEPTS, RETIRED_NAMES

#: First parameters not called ``data``, and why: these take a path, a plain
#: string or a matplotlib object, not the texts and tables analysed.
NOT_DATA = {
    "load_corpus": "source",
    "iter_corpus": "source",
    "run_report": "corpus",
    "load_dictionary": "path",
    "normalize": "text",
    "sentence_spans": "text",
    "plot.arabic_font": "size",
    "plot.arabic_text": "text",
    "plot.renderer_shapes": "renderer",
    "plot.label_axes": "ax",
    "plot.label_overlaps": "ax",
    "plot.save": "fig_or_ax",
}


def _public_functions() -> dict[str, object]:
    functions = {name: getattr(toolkit, name) for name in toolkit._EXPORTS}
    for name in plot.__all__:
        value = getattr(plot, name)
        if callable(value) and not isinstance(value, type):
            functions[f"plot.{name}"] = value
    return functions


PUBLIC = _public_functions()


def _section(doc: str, title: str) -> str:
    pattern = rf"^{title}\n-{{{len(title)}}}\n(.*?)(?=^\S[^\n]*\n-{{3,}}\n|\Z)"
    match = re.search(pattern, doc, re.M | re.S)
    return match.group(1) if match else ""


def _split_union(annotation: str) -> list[str]:
    """Top-level members of ``A | B[C | D] | None``."""
    parts, depth, current = [], 0, ""
    for char in annotation:
        depth += char in "[("
        depth -= char in "])"
        if char == "|" and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    return [*parts, current.strip()]


def problems(name: str, func: object) -> list[str]:
    """Every way ``func`` breaks the convention (empty when it follows it)."""
    found = []
    signature = inspect.signature(func)
    params = list(signature.parameters.values())
    if params:
        first, rest = params[0], params[1:]
        if first.kind is not inspect.Parameter.POSITIONAL_OR_KEYWORD:
            found.append(f"first parameter {first.name!r} is {first.kind.description}")
        if first.name != NOT_DATA.get(name, "data"):
            found.append(
                f"first parameter is {first.name!r}, expected {NOT_DATA.get(name, 'data')!r}"
            )
        for param in rest:
            if param.kind not in (inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.VAR_KEYWORD):
                found.append(f"{param.name!r} is {param.kind.description}, not keyword-only")
    for param in params:
        if param.name in RETIRED_NAMES:
            found.append(f"{param.name!r} is retired: call it {RETIRED_NAMES[param.name]!r}")
        if param.name in CONCEPTS and param.default != CONCEPTS[param.name]:
            found.append(
                f"{param.name}={param.default!r}, the convention says {CONCEPTS[param.name]!r}"
            )
        if param.name == "dct":
            kinds = {
                re.sub(r"^(dt|datetime)\.", "", k) for k in _split_union(str(param.annotation))
            }
            if kinds != {"str", "date", "None"}:
                found.append(f"dct is annotated {param.annotation!r}, not 'str | date | None'")
    returned = signature.return_annotation
    if returned is inspect.Signature.empty:
        found.append("no return annotation")
    elif len([k for k in _split_union(str(returned)) if k != "None"]) > 1:
        found.append(f"returns one of several types: {returned}")
    doc = inspect.getdoc(func) or ""
    if params:
        documented = _section(doc, "Parameters")
        if not documented:
            found.append("no Parameters section")
        entries = re.findall(r"^(\**\w[\w, ]*?)\s*(?::|$)", documented, re.M)
        listed = {name.strip(" *") for entry in entries for name in entry.split(",")}
        missing = [p.name for p in params if p.name not in listed]
        if documented and missing:
            found.append(f"parameters not documented: {missing}")
    if not (_section(doc, "Returns") or _section(doc, "Yields")):
        found.append("no Returns section")
    if ">>>" not in doc:
        found.append("no example")
    if re.search(r"^\s*\{[a-z_]+\}\s*$", doc, re.M):
        found.append("an unfilled {placeholder} in the docstring")
    return found


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_function_follows_the_convention(name):
    assert problems(name, PUBLIC[name]) == []


def test_the_walk_covers_the_analyses_and_the_charts():
    assert {"term_frequencies", "kwic", "mentions_per_period", "cooccurrence_sparse"} <= set(PUBLIC)
    assert {"plot.terms", "plot.trends", "plot.network", "plot.wordcloud"} <= set(PUBLIC)
    assert set(NOT_DATA) <= set(PUBLIC)


def _good(data: pd.DataFrame, *, top: int | None = None, n_jobs: int = 1) -> pd.DataFrame:
    """Count.

    Parameters
    ----------
    data : DataFrame
        Texts.
    top : int or None
        Rows.
    n_jobs : int
        Processes.

    Returns
    -------
    DataFrame
        Counts.

    >>> _good(None)
    """
    return data


def _bad_positional(data: pd.DataFrame, query: str, *, top: int | None = None) -> pd.DataFrame:
    return data


def _bad_concepts(
    data: pd.DataFrame, *, freq: str = "W", top: int = 20, dct: str | None = None, n_jobs: int = 0
) -> pd.DataFrame | tuple[int, list[str]]:
    return data


def test_the_checker_passes_a_function_that_follows_the_convention():
    assert problems("good", _good) == []


def test_the_checker_catches_each_violation():
    assert problems("bad", _bad_positional) == [
        "'query' is positional or keyword, not keyword-only",
        "no Parameters section",
        "no Returns section",
        "no example",
    ]
    found = problems("bad", _bad_concepts)
    assert "'freq' is retired: call it 'by'" in found
    assert "top=20, the convention says None" in found
    assert "n_jobs=0, the convention says 1" in found
    assert "dct is annotated 'str | None', not 'str | date | None'" in found
    assert any(problem.startswith("returns one of several types") for problem in found)

    def corpus_first(corpus: pd.DataFrame, *, top: int | None = None) -> pd.DataFrame:
        return corpus

    corpus_first.__doc__ = _good.__doc__.replace("data :", "corpus :")
    assert problems("x", corpus_first) == ["first parameter is 'corpus', expected 'data'"]

    def undocumented(
        data: pd.DataFrame, *, top: int | None = None, n_jobs: int = 1
    ) -> pd.DataFrame:
        return data

    undocumented.__doc__ = _good.__doc__.replace("    n_jobs : int\n        Processes.\n", "")
    assert problems("x", undocumented) == ["parameters not documented: ['n_jobs']"]


def test_no_plot_module_shares_a_name_with_a_plot_function():
    modules = {module.name for module in pkgutil.iter_modules(plot.__path__)}
    assert modules & set(plot.__all__) == set()
    assert inspect.isfunction(plot.terms)
    assert not inspect.ismodule(plot.terms)


def _calls_warned(call):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = call()
    return result, [str(w.message) for w in caught if issubclass(w.category, FutureWarning)]


CORPUS = pd.DataFrame(
    {
        "doc_id": ["a", "b"],
        "date": pd.to_datetime(["2022-07-04", "2022-07-11"]),
        "text": [
            "وقعت المذكرة في 24 نونبر 2021 بالرباط.",
            "زار الوزير الرباط يوم 10 يوليوز 2022 وغادرها أمس.",
        ],
    }
)


def test_old_keyword_names_still_work_with_a_future_warning():
    new = toolkit.mentions_per_period(CORPUS, by="W")
    old, messages = _calls_warned(lambda: toolkit.mentions_per_period(corpus=CORPUS, freq="W"))
    pd.testing.assert_frame_equal(old, new)
    assert messages == [
        "mentions_per_period(): corpus= is deprecated; use data= instead",
        "mentions_per_period(): freq= is deprecated; use by= instead",
    ]
    assert list(new.columns) == ["date", "type", "count", "documents", "rel_freq"]


def test_a_future_warning_points_at_the_callers_line():
    with pytest.warns(FutureWarning) as caught:
        plot.terms(freqs=pd.DataFrame({"term": ["المغرب"], "count": [3]}))
    assert caught[0].filename == __file__


def test_a_grouper_and_a_frequency_group_alike():
    by_string = toolkit.referenced_time(CORPUS, by="MS")
    by_grouper = toolkit.referenced_time(CORPUS, by=pd.Grouper(key="date", freq="MS"))
    pd.testing.assert_frame_equal(by_string, by_grouper)
    assert by_string["period"].tolist() == ["2021", "2022"]


def test_arguments_that_became_keyword_only_still_work_by_position():
    text = "زار الوزير الرباط ثم غادر الرباط"
    old, messages = _calls_warned(lambda: toolkit.kwic(text, "الرباط"))
    pd.testing.assert_frame_equal(old, toolkit.kwic(text, query="الرباط"))
    assert messages == ["kwic(): passing query by position is deprecated; write query=... instead"]
    with pytest.raises(TypeError, match="takes 1 positional argument"):
        toolkit.kwic(text, "الرباط", 3)


def test_old_and_new_name_together_is_an_error():
    with pytest.raises(TypeError, match=r"both freq= \(deprecated\) and by="):
        toolkit.mentions_per_period(CORPUS, by="W", freq="W")


def test_mentions_per_period_draws_one_line_per_type():
    table = toolkit.mentions_per_period(CORPUS, by="W")
    ax = plot.trends(table, hue="type")
    assert sorted(line.get_label() for line in ax.lines) == sorted(set(table["type"]))
    with pytest.raises(ValueError, match="term"):
        plot.trends(table)  # the table has no term column: its rows are expression types

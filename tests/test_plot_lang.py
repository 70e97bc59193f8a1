"""lang="ar": the charts' own text (legends, axis labels, date ticks) in Arabic, drawn shaped.

The glyph checks render the strings the charts hand matplotlib and compare them with
HarfBuzz's shaping of the logical Arabic string (tests/test_shaping.py), with the wrong
treatment as a negative control; under matplotlib 3.10 (.ci/plot-mpl310.sh) the
charts hand it pre-shaped text, under 3.11 the raw string.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest
from matplotlib.text import Text

from tests.test_plot_timeline import DATES
from toolkit import plot
from toolkit.plot import shaping
from toolkit.plot._labels import month_names

hb = pytest.importorskip("uharfbuzz")
from tests.test_shaping import PASS, harfbuzz_image, matplotlib_image, similarity  # noqa: E402

FREQS = pd.DataFrame({"term": ["المغرب", "إسرائيل"], "count": [5, 3]})
BY_DATE = pd.DataFrame(
    {
        "date": pd.to_datetime(["2021-11-01", "2021-12-01", "2022-01-01"]),
        "term": ["المغرب"] * 3,
        "count": [3, 5, 2],
    }
)

SQUARE = pd.DataFrame([[0, 2], [2, 0]], index=["المغرب", "إسرائيل"], columns=["المغرب", "إسرائيل"])


def network_graph() -> nx.Graph:
    graph = nx.Graph()
    graph.add_edge("أفيف كوخافي", "المغرب", weight=2.0)
    graph.nodes["أفيف كوخافي"]["label"] = "PERS"
    graph.nodes["المغرب"]["label"] = "LOC"
    return graph


def drawn_texts(ax) -> dict[str, object]:
    """Every visible text of the figure, by its string."""
    ax.figure.canvas.draw()
    return {t.get_text(): t for t in ax.figure.findobj(Text)}


# The Arabic string each chart writes itself, and how to find the artist that holds it.
CASES = {
    "network legend": (lambda: plot.network(network_graph(), lang="ar"), "أشخاص"),
    "timeline legend": (lambda: plot.timeline(DATES, lang="ar"), "أسبوع"),
    "timeline month tick": (lambda: plot.timeline(DATES, lang="ar"), "يوليو"),
    "timeline offset": (lambda: plot.timeline(DATES.iloc[[2, 4, 5]], lang="ar"), "أغسطس 2022"),
    "terms axis label": (lambda: plot.terms(FREQS, lang="ar"), "عدد المرات"),
    "trends axis label": (lambda: plot.trends(BY_DATE, lang="ar"), "عدد المرات"),
    "heatmap colour bar": (lambda: plot.heatmap(SQUARE, lang="ar"), "وزن التلازم"),
}


@pytest.fixture(scope="module")
def references() -> dict[str, object]:
    return {raw: harfbuzz_image(raw) for _, raw in CASES.values()}


@pytest.mark.parametrize("case", CASES)
def test_arabic_chart_text_is_drawn_like_harfbuzz(case, references):
    make, raw = CASES[case]
    texts = drawn_texts(make())
    right = plot.arabic_text(raw)
    assert right in texts, f"{raw!r} not drawn; texts: {sorted(texts)}"
    assert texts[right].get_fontfamily()[0] == "Noto Sans Arabic"
    wrong = raw if right != raw else shaping.visual_order(raw)
    good = similarity(matplotlib_image(right), references[raw])
    bad = similarity(matplotlib_image(wrong), references[raw])
    assert good > PASS, f"{case}: drawn text scored {good:.3f}"
    assert bad < PASS, f"{case}: negative control scored {bad:.3f}; the check cannot fail"


def test_english_stays_the_default():
    assert plot.terms(FREQS).get_xlabel() == "count"
    assert [t.get_text() for t in plot.network(network_graph()).get_legend().get_texts()] == [
        "PERS",
        "LOC",
    ]
    texts = drawn_texts(plot.timeline(DATES.iloc[[2, 4, 5]]))
    assert "Jul" in texts and "2022-Aug" in texts


def test_arabic_month_ticks_are_cldr_names():
    assert month_names("ar")[6] == "يوليو"
    ax = plot.timeline(DATES, lang="ar")
    ax.figure.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    names = {plot.arabic_text(m) for m in month_names("ar")}
    assert names & set(ticks) and not any(t in {"Jan", "Mar", "Jul"} for t in ticks)
    assert all(t.get_fontfamily()[0] == "Noto Sans Arabic" for t in ax.get_xticklabels())


@pytest.mark.parametrize(
    "chart",
    [
        lambda lang: plot.terms(FREQS, lang=lang),
        lambda lang: plot.trends(BY_DATE, lang=lang),
        lambda lang: plot.timeline(DATES, lang=lang),
        lambda lang: plot.network(network_graph(), lang=lang),
        lambda lang: plot.heatmap(pd.DataFrame([[1]], index=["أ"], columns=["أ"]), lang=lang),
    ],
)
def test_unknown_language_is_refused(chart):
    with pytest.raises(ValueError, match=r"lang must be one of \('en', 'ar'\)"):
        chart("fr")

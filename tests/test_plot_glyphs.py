"""Every chart family draws its Arabic with the Arabic font and no missing glyph (tofu)."""

from __future__ import annotations

import warnings

import networkx as nx
import pandas as pd
import pytest
from matplotlib import font_manager
from matplotlib.text import Text

from toolkit import plot
from toolkit.plot.fonts import arabic_font

TERMS = ["المغرب", "إسرائيل", "أفيف كوخافي", "الجيش الإسرائيلي", "لجنة القدس", "$100 مقابل $200"]
FREQS = pd.DataFrame({"term": TERMS, "count": [9, 7, 5, 4, 2, 1]})
DATED = FREQS.assign(date=pd.Timestamp("2021-11-01"))
DATES = pd.DataFrame(
    {
        "text": ["24 نونبر 2021", "الأسبوع المقبل", "يوليوز 2022", "«دجنبر» 2020؟"],
        "start_date": ["2021-11-24", "2022-07-18", "2022-07-01", "2020-12-01"],
        "end_date": ["2021-11-24", "2022-07-24", "2022-07-31", "2020-12-31"],
        "granularity": ["day", "week", "month", "month"],
        "value": ["2021-11-24", "2022-W29", "2022-07", "2020-12"],
        "type": ["DATE"] * 4,
    }
)


def edges_graph() -> nx.Graph:
    graph = nx.Graph()
    graph.add_edge("المغرب", "إسرائيل", weight=3.0)
    graph.add_edge("أفيف كوخافي", "الرباط", weight=1.0)
    for node, label in [("المغرب", "LOC"), ("إسرائيل", "LOC"), ("أفيف كوخافي", "PERS")]:
        graph.nodes[node]["label"] = label
    return graph


CHARTS = {
    "terms": lambda: plot.terms(FREQS, title="أكثر الكلمات تكرارا"),
    "wordcloud": lambda: plot.wordcloud(FREQS, width=300, height=150, title="سحابة"),
    "network": lambda: plot.network(edges_graph(), title="شبكة"),
    "timeline": lambda: plot.timeline(DATES, title="الخط الزمني"),
    "heatmap": lambda: plot.heatmap(
        pd.DataFrame([[0, 2], [2, 0]], index=TERMS[:2], columns=TERMS[:2]), title="تلازم"
    ),
    "trends": lambda: plot.trends(DATED, title="تطور"),
    "keyness": lambda: plot.keyness(
        FREQS.assign(g2=[9, 7, -5, -4, 2, -1]), target="هسبريس", reference="اليوم", title="تميز"
    ),
    "dispersion": lambda: plot.dispersion(
        "المغرب وإسرائيل. والمغرب لجنة القدس", terms=["المغرب", "إسرائيل"], title="مواقع"
    ),
    "topics": lambda: plot.topics(
        FREQS.assign(topic=[1, 1, 1, 2, 2, 2], rank=[1, 2, 3, 1, 2, 3], weight=FREQS["count"]),
        title="مواضيع",
    ),
    "document_map": lambda: plot.document_map(
        document_map_of(["رياضة", "اقتصاد", "رياضة"]), color="source", title="خريطة"
    ),
}


CHARTS_AR = {
    "terms": lambda: plot.terms(FREQS, lang="ar"),
    "network": lambda: plot.network(edges_graph(), lang="ar"),
    "timeline": lambda: plot.timeline(DATES, lang="ar"),
    "heatmap": lambda: plot.heatmap(
        pd.DataFrame([[0, 2], [2, 0]], index=TERMS[:2], columns=TERMS[:2]), lang="ar"
    ),
    "trends": lambda: plot.trends(DATED, lang="ar"),
    "keyness": lambda: plot.keyness(FREQS.assign(g2=[9, 7, -5, -4, 2, -1]), lang="ar"),
    "dispersion": lambda: plot.dispersion(
        "المغرب وإسرائيل. والمغرب لجنة القدس", terms=["المغرب", "إسرائيل"], lang="ar"
    ),
    "topics": lambda: plot.topics(
        FREQS.assign(topic=[1, 1, 1, 2, 2, 2], rank=[1, 2, 3, 1, 2, 3], weight=FREQS["count"]),
        lang="ar",
    ),
    "document_map": lambda: plot.document_map(
        document_map_of(["رياضة", "اقتصاد", "رياضة"]), color="source", lang="ar"
    ),
}


def test_exploration_plots_label_their_axes_in_the_chosen_language():
    from toolkit.plot._style import mpl_label

    expected = {"keyness": "G²", "dispersion": "الموضع النسبي في الوثيقة", "topics": "الموضوع",
                "document_map": "البعد 1 (30.0%)"}  # fmt: skip
    for chart, label in expected.items():
        assert CHARTS_AR[chart]().get_xlabel() == mpl_label(label)
    english = {"keyness": "g2", "dispersion": "relative position in the document",
               "topics": "topic", "document_map": "dimension 1 (30.0%)"}  # fmt: skip
    for chart, label in english.items():
        assert CHARTS[chart]().get_xlabel() == label


def document_map_of(sources: list[str]):
    from toolkit.documents.maps import DocumentMap

    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "x": [0.0, 1.0, -1.0], "y": [1.0, 0.0, 0.5],
                         "contribution": [0.2, 0.5, 0.3], "source": sources})  # fmt: skip
    terms = FREQS.assign(x=range(6), y=range(6), contribution=[0.3, 0.2, 0.2, 0.1, 0.1, 0.1])
    return DocumentMap(docs, terms, (0.3, 0.2), "ca")


@pytest.mark.parametrize("chart", [*CHARTS, *(f"{c}-ar" for c in CHARTS_AR)])
def test_chart_draws_without_missing_glyphs(chart):
    ax = CHARTS[chart]() if chart in CHARTS else CHARTS_AR[chart.removesuffix("-ar")]()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph is a UserWarning from matplotlib
        ax.figure.canvas.draw()
    arabic = [t for t in ax.figure.findobj(Text) if t.get_visible() and _is_arabic(t)]
    assert arabic, "no Arabic text drawn"
    for text in arabic:
        assert text.get_fontfamily()[0] == "Noto Sans Arabic", text.get_text()


def test_arabic_font_resolves_to_the_noto_file():
    assert font_manager.findfont(arabic_font()) == str(plot.arabic_font_path())


def _is_arabic(artist) -> bool:
    return any("\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff" for ch in artist.get_text())

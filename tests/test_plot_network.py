"""plot.network: sizes, widths, colours, labels and legend from graphs and edge tables."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from toolkit import plot
from toolkit.plot import shaping
from toolkit.plot.network import LABEL_COLORS

EDGES = pd.DataFrame(
    [
        ("المغرب", "إسرائيل", 9.0, 9, 1),
        ("أفيف كوخافي", "الرباط", 5.0, 5, 1),
        ("أفيف كوخافي", "المغرب", 4.0, 4, 1),
        ("بيني غانتس", "الرباط", 3.0, 3, 1),
        ("الجيش الإسرائيلي", "أفيف كوخافي", 6.0, 6, 1),
        ("لجنة القدس", "المغرب", 1.0, 1, 1),
    ],
    columns=["source", "target", "weight", "count", "docs"],
)
LABELS = {
    "المغرب": "LOC",
    "إسرائيل": "LOC",
    "الرباط": "LOC",
    "أفيف كوخافي": "PERS",
    "بيني غانتس": "PERS",
    "الجيش الإسرائيلي": "ORG",
    "لجنة القدس": "ORG",
}


def graph() -> nx.Graph:
    g = nx.from_pandas_edgelist(EDGES, edge_attr=["weight", "count"])
    frequency = {"المغرب": 20, "إسرائيل": 15, "أفيف كوخافي": 12, "الرباط": 8}
    for node in g:
        g.nodes[node].update(label=LABELS[node], frequency=frequency.get(node, 2))
    return g


def drawn(ax):
    """(label text -> node size, colour) and the edge widths of a drawn network."""
    nodes, edges = ax.collections[1], ax.collections[0]
    names = [t.get_text() for t in ax.texts]
    sizes = dict(zip(names, nodes.get_sizes(), strict=True))
    colors = dict(zip(names, nodes.get_facecolors(), strict=True))
    return sizes, colors, edges.get_linewidths()


def test_graph_node_size_by_frequency_and_colour_by_label():
    ax = plot.network(graph())
    sizes, colors, widths = drawn(ax)
    label = plot.arabic_text
    assert sizes[label("المغرب")] == max(sizes.values())
    assert sizes[label("لجنة القدس")] == min(sizes.values())
    assert np.allclose(colors[label("أفيف كوخافي")][:3], _rgb(LABEL_COLORS["PERS"]))
    assert np.allclose(colors[label("الرباط")][:3], _rgb(LABEL_COLORS["LOC"]))
    assert max(widths) > 4 * min(widths)  # edge width follows weight


def test_legend_lists_entity_labels_in_arabic_font():
    ax = plot.network(graph())
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["PERS", "LOC", "ORG"]
    assert legend.get_texts()[0].get_fontfamily()[0] == "Noto Sans Arabic"


def test_edge_table_with_node_labels_and_frequency_from_counts():
    ax = plot.network(EDGES, node_labels=LABELS)
    sizes, colors, _ = drawn(ax)
    # أفيف كوخافي has the largest summed count (5 + 4 + 6), لجنة القدس the smallest
    assert max(sizes, key=sizes.get) == plot.arabic_text("أفيف كوخافي")
    assert min(sizes, key=sizes.get) == plot.arabic_text("لجنة القدس")
    assert np.allclose(colors[plot.arabic_text("الجيش الإسرائيلي")][:3], _rgb(LABEL_COLORS["ORG"]))


def test_top_keeps_the_most_frequent_nodes():
    ax = plot.network(graph(), top=3)
    assert sorted(t.get_text() for t in ax.texts) == sorted(
        plot.arabic_text(n) for n in ["المغرب", "إسرائيل", "أفيف كوخافي"]
    )


@pytest.mark.parametrize("shapes", [True, False])
def test_labels_follow_renderer_capability_and_skip_mathtext(shapes, monkeypatch):
    monkeypatch.setattr(shaping, "matplotlib_shapes", lambda: shapes)
    ax = plot.network(EDGES)
    texts = {t.get_text(): t for t in ax.texts}
    key = "المغرب" if shapes else shaping.visual_order("المغرب")
    assert key in texts and not texts[key].get_parse_math()
    assert ax.get_legend() is None  # no labels known: no colour legend


def test_bad_input_is_named():
    with pytest.raises(TypeError, match="networkx Graph"):
        plot.network([("المغرب", "إسرائيل")])
    with pytest.raises(ValueError, match="missing column"):
        plot.network(EDGES.drop(columns="weight"))
    with pytest.raises(ValueError, match="no nodes"):
        plot.network(nx.Graph())


def _rgb(hex_color: str) -> tuple[float, float, float]:
    from matplotlib.colors import to_rgb

    return to_rgb(hex_color)

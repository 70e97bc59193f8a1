"""plot.network: sizes, widths, colours, labels and legend from graphs and edge tables."""

from __future__ import annotations

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
import pytest

from toolkit import plot
from toolkit.plot import shaping
from toolkit.plot.network_plot import LABEL_COLORS, label_overlaps

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


# --- labels never overlap: measured in display pixels -----------------------------------


@pytest.fixture(scope="module")
def moroccan_graph() -> nx.Graph:
    import toolkit as tk
    from tests.conftest import shared_data

    corpus = tk.load_corpus(shared_data("news/moroccan-febrayer-yabiladi.jsonl.gz"))
    return tk.cooccurrence_graph(tk.extract_entities(corpus))


@pytest.fixture(scope="module")
def seed_graph() -> nx.Graph:
    import toolkit as tk
    from tests.conftest import ROOT

    path = ROOT.parent / "shared" / "seeds" / "kochavi-rabat-visit.txt"
    if not path.exists():
        pytest.skip(f"original seed article missing: {path}")
    return tk.cooccurrence_graph(tk.extract_entities(path.read_text(encoding="utf-8")))


def node_label_texts(ax):
    return [t for t in ax.texts if (t.get_gid() or "").startswith("toolkit.network.label:")]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_moroccan_corpus_top_30_labels_overlap_nothing(moroccan_graph, lang):
    ax = plot.network(moroccan_graph, top=30, lang=lang)
    assert label_overlaps(ax) == []
    assert len(node_label_texts(ax)) == 30  # every drawn name has its label
    assert ax.figure.bbox.contains(*node_label_texts(ax)[0].get_window_extent().p0)


def test_moroccan_corpus_crowded_network_leaves_names_out_rather_than_overlap(moroccan_graph):
    _, ax = plt.subplots(figsize=(6, 5), layout="constrained")
    ax = plot.network(moroccan_graph, top=80, ax=ax)
    labelled = len(node_label_texts(ax))
    assert label_overlaps(ax) == []
    assert labelled < 80  # no room for all of them in 6 x 5 inches
    listed = " ".join(t.get_text() for a in ax.artists for t in a.get_texts())
    assert "not labelled (no room)" in listed


def test_seed_network_labels_overlap_nothing(seed_graph):
    ax = plot.network(seed_graph, lang="ar")
    assert label_overlaps(ax) == []
    names = {t.get_gid().split(":", 1)[1] for t in node_label_texts(ax)}
    assert "المغرب" in names


def test_label_overlaps_sees_a_label_moved_onto_another_node():
    ax = plot.network(graph())
    assert label_overlaps(ax) == []
    texts = {t.get_gid().split(":", 1)[1]: t for t in node_label_texts(ax)}
    texts["بيني غانتس"].set_position(texts["المغرب"].get_position())  # negative control
    found = label_overlaps(ax)
    assert ("بيني غانتس", "المغرب", "node") in found
    assert ("المغرب", "بيني غانتس", "label") in found or ("بيني غانتس", "المغرب", "label") in (
        found
    )


def test_small_groups_cut_off_are_listed_beside_not_drawn():
    g = graph()
    g.add_edge("طنجة", "تطوان", weight=3.0, count=3)
    g.add_edge("أكادير", "مراكش", weight=2.0, count=2)
    for node, frequency in [("طنجة", 5), ("تطوان", 4), ("أكادير", 3), ("مراكش", 2)]:
        g.nodes[node].update(label="LOC", frequency=frequency)
    ax = plot.network(g, top=None)
    names = {t.get_gid().split(":", 1)[1] for t in node_label_texts(ax)}
    assert names == set(LABELS)
    (aside,) = ax.artists
    assert aside.get_title().get_text() == "other pairs and small groups"
    lines = [t.get_text() for t in aside.get_texts()]
    assert lines == [plot.arabic_text("طنجة – تطوان (3)"), plot.arabic_text("أكادير – مراكش (2)")]


def test_arabic_legend_and_bad_lang():
    ax = plot.network(graph(), lang="ar")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [plot.arabic_text(x) for x in ["أشخاص", "أماكن", "منظمات"]]
    with pytest.raises(ValueError, match="lang must be one of"):
        plot.network(graph(), lang="fr")

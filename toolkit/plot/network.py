"""Entity co-occurrence network: node size by frequency, edge width by weight, colour by label."""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx
import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from toolkit.plot._style import get_ax, mpl_label, require_columns, set_title, style_texts
from toolkit.plot.fonts import arabic_font

#: colour per entity label (labels outside this map get the "other" colour)
LABEL_COLORS = {"PERS": "#4c72b0", "LOC": "#55a868", "ORG": "#c44e52", "MISC": "#8172b3"}
OTHER_COLOR = "#8c8c8c"


def network(
    graph_or_edges: nx.Graph | pd.DataFrame,
    *,
    top: int | None = 40,
    node_labels: Mapping[str, str] | None = None,
    ax: Axes | None = None,
    seed: int = 0,
    title: str | None = None,
) -> Axes:
    """Draw a co-occurrence network from ``cooccurrence_graph`` or ``cooccurrence`` output.

    A ``networkx.Graph`` may carry node attributes ``label`` (PERS, LOC, ORG, MISC)
    and ``frequency``, and edge attribute ``weight``. An edges table needs columns
    ``source``, ``target``, ``weight``; node frequency is then the sum of the ``count``
    (else ``weight``) of its edges, and *node_labels* (name -> label) gives colours.
    Only the *top* most frequent nodes are drawn (None: all). Spring layout with *seed*.

    >>> import pandas as pd
    >>> edges = pd.DataFrame({"source": ["المغرب"], "target": ["إسرائيل"], "weight": [3]})
    >>> ax = network(edges, node_labels={"المغرب": "LOC", "إسرائيل": "LOC"})
    >>> len(ax.texts)
    2
    """
    graph = _as_graph(graph_or_edges, node_labels)
    if graph.number_of_nodes() == 0:
        raise ValueError("the graph has no nodes: nothing to plot")
    frequency = pd.Series(dict(graph.nodes(data="frequency")), dtype=float)
    if top is not None:
        keep = frequency.nlargest(top, keep="first").index
        graph = graph.subgraph(keep).copy()
        frequency = frequency[keep]
    ax = get_ax(ax, (8, 6.5))
    positions = nx.spring_layout(graph, weight="weight", seed=seed, k=1.5 / np.sqrt(len(graph)))
    labels = dict(graph.nodes(data="label"))
    nodes = list(graph.nodes)
    nx.draw_networkx_edges(
        graph,
        positions,
        ax=ax,
        width=_scale([graph.edges[e].get("weight", 1.0) for e in graph.edges], 0.6, 6.0),
        edge_color="#b0b0b0",
        alpha=0.8,
    )
    nx.draw_networkx_nodes(
        graph,
        positions,
        nodelist=nodes,
        ax=ax,
        node_size=_scale(frequency[nodes].to_numpy(), 300, 2200),
        node_color=[LABEL_COLORS.get(labels[n], OTHER_COLOR) for n in nodes],
        edgecolors="white",
        linewidths=1.0,
    )
    halo = [patheffects.withStroke(linewidth=3, foreground="white")]
    for node in nodes:
        x, y = positions[node]
        ax.text(x, y, mpl_label(node), ha="center", va="center", path_effects=halo, zorder=5)
    style_texts(ax.texts)
    _legend(ax, {labels[n] for n in nodes})
    ax.set_axis_off()
    ax.margins(0.12)
    set_title(ax, title)
    return ax


def _as_graph(data: nx.Graph | pd.DataFrame, node_labels: Mapping[str, str] | None) -> nx.Graph:
    if isinstance(data, nx.Graph):
        graph = data.copy()
    elif isinstance(data, pd.DataFrame):
        require_columns(data, ["source", "target", "weight"], name="edges", producer="cooccurrence")
        graph = nx.from_pandas_edgelist(data, edge_attr=True)
    else:
        raise TypeError(
            "expected a networkx Graph (cooccurrence_graph) or an edges DataFrame "
            f"(cooccurrence), got {type(data).__name__}"
        )
    strength = "count" if all("count" in d for *_, d in graph.edges(data=True)) else "weight"
    for node, attrs in graph.nodes(data=True):
        if node_labels is not None and node in node_labels:
            attrs["label"] = node_labels[node]
        attrs.setdefault("label", None)
        if attrs.get("frequency") is None:
            attrs["frequency"] = graph.degree(node, weight=strength)
    return graph


def _scale(values, low: float, high: float) -> np.ndarray:
    """Map *values* linearly onto [low, high] (all *high* when they are all equal)."""
    values = np.asarray(values, dtype=float)
    if values.size == 0:
        return values
    span = values.max() - values.min()
    if span == 0:
        return np.full(values.shape, high)
    return low + (values - values.min()) / span * (high - low)


def _legend(ax: Axes, labels: set) -> None:
    present = [label for label in LABEL_COLORS if label in labels]
    present += sorted(str(label) for label in labels - set(LABEL_COLORS) - {None})
    if not present:
        return
    handles = [
        Line2D([], [], ls="", marker="o", ms=10, mfc=LABEL_COLORS.get(label, OTHER_COLOR), mec="w")
        for label in present
    ]
    legend = ax.legend(
        handles, [mpl_label(label) for label in present], loc="best", prop=arabic_font("small")
    )
    style_texts(legend.get_texts())

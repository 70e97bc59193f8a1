"""A live co-occurrence network for notebooks (ipycytoscape): zoom, pan, hover, click.

Cytoscape.js ships inside the ipycytoscape JupyterLab extension, so nothing
is fetched at run time. Hovering a node shows its canonical name, label and
counts under the graph (hovering an edge, its counts); clicking shows the
same as a tooltip, and lists a node's strongest neighbours or the sentences
in which an edge's two names appear together.
The static figure for reports stays :func:`toolkit.plot.network`.

>>> from toolkit import cooccurrence_graph, extract_entities
>>> text = "زار غانتس الرباط. وقال غانتس إن إسرائيل والمغرب شريكان."
>>> entities = extract_entities(text)
>>> links = LinkingSentences(entities, text)
>>> links.between("إسرائيل", "المغرب")["sentence"].tolist()
['وقال غانتس إن إسرائيل والمغرب شريكان.']
"""

from __future__ import annotations

import html
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from toolkit._api import legacy
from toolkit._docstrings import fill_doc
from toolkit.interactive._static import StaticInReports
from toolkit.plot.network_plot import LABEL_COLORS, OTHER_COLOR
from toolkit.text.tokenize import sentence_spans

__all__ = ["LinkingSentences", "NetworkPanel", "network_widget"]

STATIC_NOTE = (
    '<div class="tk-network-note" style="border:1px dashed #999;padding:0.5em;color:#555">'
    "toolkit.network_widget: an interactive network. It needs a live Jupyter kernel and is not "
    "part of an exported report (see the static network figure).</div>"
)


class LinkingSentences:
    """The sentences in which two canonical names appear together.

    ``entities`` is :func:`toolkit.extract_entities` output; ``corpus`` the
    corpus DataFrame (``doc_id``, ``text``) or the string it came from.
    """

    def __init__(self, entities: pd.DataFrame, corpus: pd.DataFrame | str) -> None:
        if isinstance(corpus, str):
            corpus = pd.DataFrame({"doc_id": ["doc0"], "text": [corpus]})
        self._texts = dict(zip(corpus["doc_id"].astype(str), corpus["text"], strict=True))
        doc_codes, self._docs = pd.factorize(entities["doc_id"].astype(str))
        # a sentence is one int64: document code in the high bits, sent_id in the low 24
        units = (doc_codes.astype(np.int64) << 24) | entities["sent_id"].to_numpy(np.int64)
        name_codes, names = pd.factorize(entities["canonical"].astype(str))
        self._name_code = {name: i for i, name in enumerate(names)}
        self._order = np.argsort(units, kind="stable")
        self._sorted_units = units[self._order]
        self._names_in_order = name_codes[self._order]
        self._entities = entities.reset_index(drop=True)
        pairs = np.unique(np.stack([name_codes.astype(np.int64), units]), axis=1)
        self._pair_units = pairs[1]
        self._name_first = np.searchsorted(pairs[0], np.arange(len(names) + 1))
        self._spans: dict[str, list[tuple[int, int]]] = {}

    def _units_of(self, name: str) -> np.ndarray:
        code = self._name_code.get(name)
        if code is None:
            return np.empty(0, dtype=np.int64)
        return self._pair_units[self._name_first[code] : self._name_first[code + 1]]

    def _shared(self, a: str, b: str) -> np.ndarray:
        return np.intersect1d(self._units_of(a), self._units_of(b), assume_unique=True)

    def between(self, a: str, b: str, *, limit: int = 20) -> pd.DataFrame:
        """``doc_id, sent_id, start, end, sentence`` for up to ``limit`` shared sentences."""
        rows = []
        for unit in self._shared(a, b)[:limit].tolist():
            doc_id, sent_id = str(self._docs[unit >> 24]), unit & 0xFFFFFF
            start, end = self._sentence(doc_id, sent_id)
            rows.append((doc_id, sent_id, start, end, self._texts[doc_id][start:end]))
        return pd.DataFrame(rows, columns=["doc_id", "sent_id", "start", "end", "sentence"])

    def _mentions(self, doc_id: str, sent_id: int, names: set[int]) -> pd.DataFrame:
        unit = (int(self._docs.get_loc(doc_id)) << 24) | sent_id
        lo, hi = np.searchsorted(self._sorted_units, [unit, unit + 1])
        rows = [r for r, n in zip(self._order[lo:hi], self._names_in_order[lo:hi]) if n in names]
        return self._entities.iloc[rows].sort_values("start")

    def count(self, a: str, b: str) -> int:
        """Number of sentences that mention both names."""
        return len(self._shared(a, b))

    def marked(self, a: str, b: str, *, limit: int = 20) -> str:
        """:meth:`between` as escaped RTL HTML, each mention of ``a`` or ``b`` marked."""
        found = self.between(a, b, limit=limit)
        items = []
        for row in found.itertuples(index=False):
            codes = {self._name_code[a], self._name_code[b]}
            mentions = self._mentions(row.doc_id, row.sent_id, codes)
            parts, cursor = [], row.start
            text = self._texts[row.doc_id]
            for mention in mentions.itertuples(index=False):
                if mention.start < cursor:
                    continue
                parts.append(html.escape(text[cursor : mention.start]))
                parts.append(f"<mark>{html.escape(text[mention.start : mention.end])}</mark>")
                cursor = mention.end
            parts.append(html.escape(text[cursor : row.end]))
            where = html.escape(f"{row.doc_id} · {row.sent_id}")
            items.append(f'<li>{"".join(parts)} <small dir="ltr">({where})</small></li>')
        total = self.count(a, b)
        head = html.escape(f"{a} — {b}: {total} sentence{'s' if total != 1 else ''}")
        more = f"<p>… {total - len(found)} more</p>" if total > len(found) else ""
        return (
            f'<div class="tk-links" dir="rtl" lang="ar"><p><b>{head}</b></p>'
            f"<ol>{''.join(items)}</ol>{more}</div>"
        )

    def _sentence(self, doc_id: str, sent_id: int) -> tuple[int, int]:
        spans = self._spans.get(doc_id)
        if spans is None:
            spans = self._spans[doc_id] = sentence_spans(self._texts[doc_id])
        return spans[sent_id]


@legacy(renamed={"graph": "data"})
@fill_doc
def network_widget(
    data: nx.Graph,
    *,
    entities: pd.DataFrame | None = None,
    corpus: pd.DataFrame | str | None = None,
    top: int | None = None,
    layout: str = "cose",
) -> NetworkPanel:
    """An interactive co-occurrence network for a live notebook (zoom, pan, hover, click).

    Names are coloured by label and sized by frequency, edges as wide as
    their weight.

    Parameters
    ----------
    data : networkx.Graph
        :func:`toolkit.cooccurrence_graph` output (node attributes ``label``,
        ``frequency``; edge attributes ``weight``, ``count``, ``docs``).
    entities : DataFrame or None, default None
        With ``corpus``, what the graph was built from: clicking an edge then
        lists the sentences linking the two names.
    corpus : DataFrame, str or None, default None
        See ``entities``.
    top : int or None, default None
        Draw the most frequent names only; None draws 80.
    layout : str, default "cose"
        A Cytoscape.js layout (``cose``, ``circle``, ``concentric``,
        ``breadthfirst``, ``grid``).

    Returns
    -------
    NetworkPanel
        Jupyter displays it.

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_edge("المغرب", "إسرائيل", weight=3, count=3, docs=1)
    >>> panel = network_widget(g)
    >>> [node.data["id"] for node in panel.cytoscape.graph.nodes]
    ['المغرب', 'إسرائيل']
    """
    top = 80 if top is None else top
    return NetworkPanel(data, entities=entities, corpus=corpus, top=top, layout=layout)


class NetworkPanel(StaticInReports):
    """The widget of :func:`network_widget`: ``.cytoscape`` (the graph) and ``.details``."""

    STATIC_NOTE = STATIC_NOTE

    def __init__(self, graph: nx.Graph, *, entities, corpus, top, layout) -> None:
        import ipycytoscape
        import ipywidgets as w

        if graph.number_of_nodes() == 0:
            raise ValueError("the graph has no nodes: nothing to draw")
        frequency = pd.Series(dict(graph.nodes(data="frequency", default=1)), dtype=float)
        if top is not None:
            graph = graph.subgraph(frequency.nlargest(top, keep="first").index).copy()
        self.graph = graph
        self.links = (
            LinkingSentences(entities, corpus)
            if entities is not None and corpus is not None
            else None
        )
        self.cytoscape = ipycytoscape.CytoscapeWidget()
        self.cytoscape.graph.add_graph_from_networkx(_plain(graph))
        for node in self.cytoscape.graph.nodes:
            attrs = graph.nodes[node.data["id"]]
            node.data["color"] = LABEL_COLORS.get(attrs.get("label"), OTHER_COLOR)
            # ipycytoscape puts the tooltip in innerHTML: names come from the text, escape them
            node.data["tooltip"] = html.escape(
                f"{node.data['id']} · {attrs.get('label') or '?'} · "
                f"{attrs.get('frequency', 0)} mentions · {graph.degree(node.data['id'])} links"
            )
        for edge in self.cytoscape.graph.edges:
            attrs = graph.edges[edge.data["source"], edge.data["target"]]
            edge.data["tooltip"] = html.escape(
                f"{edge.data['source']} — {edge.data['target']}: "
                f"{attrs.get('count', attrs.get('weight'))} sentences, "
                f"{attrs.get('docs', '?')} documents"
            )
        self.cytoscape.set_style(_style(graph))
        self.cytoscape.set_layout(name=layout, animate=False)
        self.cytoscape.set_tooltip_source("tooltip")
        self.cytoscape.on("node", "click", self.on_node)
        self.cytoscape.on("edge", "click", self.on_edge)
        self.cytoscape.on("node", "mouseover", self.on_hover)
        self.cytoscape.on("edge", "mouseover", self.on_hover)
        hint = "hover a name or a line for its counts; click a name for its links, a line for "
        hint += "the sentences that link two names"
        self.hover = w.HTML(f'<div class="tk-network-hover" style="color:#666">{hint}</div>')
        self.details = w.HTML()
        self.widget = w.VBox([self.cytoscape, self.hover, self.details])
        self.widget.add_class("tk-network")

    def on_hover(self, element: dict) -> None:
        """Show the canonical name, label and counts of a node or edge (mouse-over handler)."""
        text = element["data"].get("tooltip", "")  # already escaped
        self.hover.value = f'<div class="tk-network-hover" dir="rtl" lang="ar"><b>{text}</b></div>'

    def on_node(self, node: dict) -> None:
        """Show a name's label, counts and strongest links (the node's click handler)."""
        name = node["data"]["id"]
        attrs = self.graph.nodes[name]
        neighbours = sorted(
            self.graph[name].items(), key=lambda item: -float(item[1].get("weight", 0))
        )[:10]
        items = "".join(
            f"<li>{html.escape(other)} ({html.escape(str(data.get('count', data.get('weight'))))})"
            "</li>"
            for other, data in neighbours
        )
        head = html.escape(f"{name} · {attrs.get('label') or '?'} · {attrs.get('frequency', 0)}")
        self.details.value = (
            f'<div class="tk-network-details" dir="rtl" lang="ar"><p><b>{head}</b> mentions</p>'
            f"<ol>{items}</ol></div>"
        )

    def on_edge(self, edge: dict) -> None:
        """Show the sentences that link the edge's two names (the edge's click handler)."""
        a, b = edge["data"]["source"], edge["data"]["target"]
        if self.links is None:
            self.details.value = html.escape(
                f"{a} — {b}: pass entities= and corpus= to network_widget to see the sentences"
            )
            return
        self.details.value = self.links.marked(a, b)


def _plain(graph: nx.Graph) -> nx.Graph:
    """A copy whose attributes are plain Python values (numpy numbers do not go to JSON)."""
    plain = nx.Graph()
    for node, attrs in graph.nodes(data=True):
        plain.add_node(node, **{k: _python(v) for k, v in attrs.items()})
    for a, b, attrs in graph.edges(data=True):
        plain.add_edge(a, b, **{k: _python(v) for k, v in attrs.items()})
    return plain


def _python(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value


def _style(graph: nx.Graph) -> list[dict]:
    frequencies = [float(f) for _, f in graph.nodes(data="frequency", default=1)]
    weights = [float(w) for *_, w in graph.edges(data="weight", default=1)] or [1.0]
    low_f, high_f = min(frequencies), max(frequencies)
    low_w, high_w = min(weights), max(weights)
    size = f"mapData(frequency, {low_f}, {high_f}, 18, 60)" if high_f > low_f else 36
    width = f"mapData(weight, {low_w}, {high_w}, 1, 9)" if high_w > low_w else 3
    return [
        {"selector": "node", "style": {
            "label": "data(id)", "background-color": "data(color)", "width": size,
            "height": size, "font-size": 14, "text-valign": "top", "text-margin-y": -4,
            "text-outline-color": "white", "text-outline-width": 2,
            "font-family": "Noto Sans Arabic, Noto Naskh Arabic, sans-serif"}},
        {"selector": "edge", "style": {"width": width, "line-color": "#b0b0b0",
                                       "opacity": 0.8, "curve-style": "haystack"}},
        {"selector": ":selected", "style": {"border-width": 3, "border-color": "#d62728",
                                            "line-color": "#d62728"}},
    ]  # fmt: skip

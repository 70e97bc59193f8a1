"""Write a co-occurrence graph for Gephi and other tools.

>>> import tempfile
>>> import networkx as nx
>>> g = nx.Graph()
>>> g.add_node("المغرب", label="LOC", frequency=3)
>>> g.add_node("إسرائيل", label="LOC", frequency=2)
>>> g.add_edge("المغرب", "إسرائيل", weight=2.0, count=2, docs=1)
>>> with tempfile.TemporaryDirectory() as folder:
...     export_graph(g, path=f"{folder}/graph.gexf").suffix
'.gexf'
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import networkx as nx
import pandas as pd

from toolkit._api import legacy

__all__ = ["export_graph"]

FORMATS = (".gexf", ".graphml", ".csv")


@contextmanager
def _gexf_labels(graph: nx.Graph) -> Iterator[nx.Graph]:
    """``graph`` as GEXF wants it while the block runs: a node's ``label`` is its display
    name, so the entity label moves to ``type``; the node attributes are put back after
    (no copy of the graph's edges)."""
    originals = {node: dict(data) for node, data in graph.nodes(data=True)}
    try:
        for node, data in graph.nodes(data=True):
            if "label" in data:
                data["type"] = data.pop("label")
            data["label"] = str(node)
        yield graph
    finally:
        for node, data in graph.nodes(data=True):
            data.clear()
            data.update(originals[node])


@legacy(renamed={"graph": "data"}, positional=("path",))
def export_graph(data: nx.Graph, *, path: str | Path) -> Path:
    """Write a graph to ``path`` in the format its suffix names; return the path.

    - ``.gexf`` (Gephi): nodes are displayed by name; the entity label
      (PERS, LOC, ...) is the node attribute ``type``; ``frequency`` and the
      edge attributes ``weight``, ``count``, ``docs`` are kept.
    - ``.graphml``: all node and edge attributes as they are.
    - ``.csv``: the edge list (``source, target`` + edge attributes), UTF-8;
      node attributes go to a sibling file ``<name>_nodes.csv`` (``name`` +
      node attributes).

    Parameters
    ----------
    data : networkx.Graph
        A graph, as :func:`toolkit.cooccurrence_graph` returns.
    path : str or Path
        The file written, ending in ``.gexf``, ``.graphml`` or ``.csv``.

    Returns
    -------
    pathlib.Path
        ``path``.

    Examples
    --------
    >>> import pathlib, tempfile, networkx as nx
    >>> graph = nx.Graph([("المغرب", "إسرائيل", {"weight": 2})])
    >>> export_graph(graph, path=pathlib.Path(tempfile.mkdtemp()) / "names.csv").name
    'names.csv'
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if not isinstance(data, nx.Graph):
        raise TypeError(f"export_graph() expects a networkx graph, got {type(data).__name__}")
    if suffix not in FORMATS:
        raise ValueError(f"unknown data format {path.suffix!r}; use one of {FORMATS}")
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".gexf":
        with _gexf_labels(data) as graph:  # (not indented: that took a tenth of the time)
            nx.write_gexf(graph, path, prettyprint=False)
    elif suffix == ".graphml":
        nx.write_graphml(data, path)
    else:
        edges = nx.to_pandas_edgelist(data, source="source", target="target")
        # the attributes in the order the edges carry them (networkx gathers them in a set)
        attributes = dict.fromkeys(key for *_, found in data.edges(data=True) for key in found)
        edges = edges[["source", "target", *attributes]]
        edges.to_csv(path, index=False, encoding="utf-8")
        nodes = pd.DataFrame([{"name": n, **d} for n, d in data.nodes(data=True)])
        nodes.to_csv(path.with_name(f"{path.stem}_nodes.csv"), index=False, encoding="utf-8")
    return path

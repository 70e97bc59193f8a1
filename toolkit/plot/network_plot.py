"""Entity co-occurrence network: node size by frequency, edge width by weight, colour by label."""

from __future__ import annotations

import math
from collections.abc import Mapping
from weakref import WeakKeyDictionary

import networkx as nx
import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from toolkit._api import legacy
from toolkit._docstrings import fill_doc
from toolkit.plot._labels import check_lang, text
from toolkit.plot._style import get_ax, mpl_label, require_columns, set_title, style_texts
from toolkit.plot.fonts import arabic_font

#: colour per entity label (labels outside this map get the "other" colour)
LABEL_COLORS = {"PERS": "#4c72b0", "LOC": "#55a868", "ORG": "#c44e52", "MISC": "#8172b3"}
OTHER_COLOR = "#8c8c8c"
#: connected groups smaller than this, cut off from a bigger one, are listed, not drawn
MIN_GROUP = 4
#: font sizes tried in turn for a node label before it is left out
LABEL_SIZES = (10.0, 8.5, 7.0)
MAX_LISTED = 10  # lines of the list of groups drawn apart
_PAD = 3.0  # pixels kept free around each label when placing it
_NODES_GID = "toolkit.network.nodes"
_LABEL_GID = "toolkit.network.label:"
_LEADER_GID = "toolkit.network.leader"
_LEADER_MIN = 6.0  # pixels between a node and its label from which a line joins them
_NODE_NAMES: WeakKeyDictionary[PathCollection, list] = WeakKeyDictionary()


@legacy(renamed={"graph_or_edges": "data"})
@fill_doc
def network(
    data: nx.Graph | pd.DataFrame,
    *,
    top: int | None = None,
    node_labels: Mapping[str, str] | None = None,
    ax: Axes | None = None,
    seed: int = 0,
    title: str | None = None,
    lang: str = "en",
) -> Axes:
    """Draw a co-occurrence network from ``cooccurrence_graph`` or ``cooccurrence`` output.

    Connected groups of at least :data:`MIN_GROUP` names are laid out
    (Kamada-Kawai) and drawn; smaller groups cut off from them (pairs,
    triples) are listed beside the figure instead. Each name is written next
    to its node where it overlaps no other label or node (checked in display
    pixels, biggest nodes first), smaller if needed; a name that finds no
    room is listed under "not labelled" rather than drawn over another
    (:func:`label_overlaps` measures it).

    Parameters
    ----------
    data : networkx.Graph or DataFrame
        A graph (node attributes ``label`` and ``frequency``, edge attribute
        ``weight``) or an edges table (``source``, ``target``, ``weight``;
        node frequency is then the sum of the ``count``, else ``weight``, of
        its edges).
    top : int or None, default None
        Draw the most frequent nodes only; None draws 40.
    node_labels : mapping of str to str or None, default None
        Name -> entity label (PERS, LOC, ORG, MISC), for the colours of an
        edges table.
    {ax}
    seed : int, default 0
        Seed of the layout, for ties.
    {title}
    {lang}

    Returns
    -------
    {axes}

    Examples
    --------
    >>> import pandas as pd
    >>> edges = pd.DataFrame({"source": ["المغرب"], "target": ["إسرائيل"], "weight": [3]})
    >>> ax = network(edges, node_labels={"المغرب": "LOC", "إسرائيل": "LOC"})
    >>> len(ax.texts), label_overlaps(ax)
    (2, [])
    """
    check_lang(lang)
    graph = _as_graph(data, node_labels)
    if graph.number_of_nodes() == 0:
        raise ValueError("the graph has no nodes: nothing to plot")
    frequency = pd.Series(dict(graph.nodes(data="frequency")), dtype=float)
    keep = frequency.nlargest(40 if top is None else top, keep="first").index
    graph = _subgraph(graph, keep)
    frequency = frequency[keep]
    drawn, apart = _split_groups(graph, frequency)
    listed = _group_lines(graph, apart)
    graph = _subgraph(graph, drawn)
    ax = get_ax(ax, _figsize(len(graph)))
    positions = _layout(graph, seed)
    labels = dict(graph.nodes(data="label"))
    nodes = sorted(graph.nodes, key=lambda n: -frequency[n])
    nx.draw_networkx_edges(
        graph,
        positions,
        ax=ax,
        width=_scale([graph.edges[e].get("weight", 1.0) for e in graph.edges], 0.6, 6.0),
        edge_color="#b0b0b0",
        alpha=0.8,
    )
    collection = nx.draw_networkx_nodes(
        graph,
        positions,
        nodelist=nodes,
        ax=ax,
        node_size=_scale(frequency[nodes].to_numpy(), 300, 2200),
        node_color=[LABEL_COLORS.get(labels[n], OTHER_COLOR) for n in nodes],
        edgecolors="white",
        linewidths=1.0,
    )
    collection.set_gid(_NODES_GID)
    _NODE_NAMES[collection] = nodes
    xy = np.array([positions[n] for n in nodes])
    ax.set_xlim(xy[:, 0].min() - 0.25, xy[:, 0].max() + 0.25)
    ax.set_ylim(xy[:, 1].min() - 0.15, xy[:, 1].max() + 0.15)
    ax.set_axis_off()
    _legend(ax, {labels[n] for n in nodes}, lang)
    set_title(ax, title)
    left_out: list = []
    aside = None
    for _ in range(4):  # the list beside the figure can move the Axes: place again
        aside = _aside(ax, listed, left_out, lang, replace=aside)
        ax.figure.draw_without_rendering()  # run the layout engine: final Axes size
        for artist in [*_labels(ax), *(a for a in ax.lines if a.get_gid() == _LEADER_GID)]:
            artist.remove()
        placed_out = _place_labels(ax, collection, nodes)
        if placed_out == left_out:
            break
        left_out = placed_out
    return ax


def label_overlaps(ax: Axes) -> list[tuple[str, str, str]]:
    """Overlaps of the node labels :func:`network` drew on *ax*, measured in display pixels.

    Draws the figure (so that layout is final), then compares the window
    extent of every label with every other label and with the disc of every
    other node (the marker's radius plus its edge).

    Parameters
    ----------
    ax : matplotlib Axes
        Axes drawn by :func:`network`.

    Returns
    -------
    list of (str, str, str)
        ``(name, other, "label" | "node")`` per overlap: the label of *name*
        overlaps the label, or the node, of *other*.

    Examples
    --------
    >>> import pandas as pd
    >>> label_overlaps(network(pd.DataFrame({"source": ["أ"], "target": ["ب"], "weight": [1]})))
    []
    """
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    collection = next(c for c in ax.collections if c.get_gid() == _NODES_GID)
    discs = dict(zip(_NODE_NAMES[collection], _discs(ax, collection), strict=True))
    boxes = {t.get_gid()[len(_LABEL_GID) :]: _box(t, renderer) for t in _labels(ax)}
    found = []
    names = list(boxes)
    for i, name in enumerate(names):
        found += [(name, other, "label") for other in names[i + 1 :]
                  if _boxes_overlap(boxes[name], boxes[other])]  # fmt: skip
        found += [(name, other, "node") for other, disc in discs.items()
                  if other != name and _box_hits_disc(boxes[name], disc)]  # fmt: skip
    return found


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


def _split_groups(graph: nx.Graph, frequency: pd.Series) -> tuple[list, list[list]]:
    """Names to draw (groups of >= MIN_GROUP), and the smaller groups to list apart."""
    groups = sorted(
        (sorted(g, key=lambda n: (-frequency[n], str(n))) for g in nx.connected_components(graph)),
        key=lambda g: (-len(g), -frequency[g].sum()),
    )
    if len(groups[0]) < MIN_GROUP:
        return list(graph.nodes), []
    drawn = [n for g in groups if len(g) >= MIN_GROUP for n in g]
    return drawn, [g for g in groups if len(g) < MIN_GROUP]


def _subgraph(graph: nx.Graph, nodes) -> nx.Graph:
    """The subgraph of *nodes* in their order (networkx views follow set order, which
    changes from run to run, and so would the seeded layout)."""
    keep = set(nodes)
    sub = nx.Graph()
    sub.add_nodes_from((n, graph.nodes[n]) for n in nodes)
    sub.add_edges_from((u, v, d) for u, v, d in graph.edges(list(nodes), data=True) if v in keep)
    return sub


def _figsize(n_nodes: int) -> tuple[float, float]:
    """Inches for a network of *n_nodes*: more room for more names."""
    width = float(np.clip(7.0 * math.sqrt(n_nodes / 20), 7.0, 13.0))
    return width + 2.5, width * 0.8  # + the legends on the right


def _layout(graph: nx.Graph, seed: int) -> dict:
    """Kamada-Kawai per connected group (from a seeded spring start), groups side by side."""
    positions: dict = {}
    x = 0.0
    order = {n: i for i, n in enumerate(graph)}
    groups = sorted(
        (sorted(g, key=order.get) for g in nx.connected_components(graph)),
        key=lambda g: (-len(g), order[g[0]]),
    )
    for group in groups:
        sub = _subgraph(graph, group)
        if len(sub) == 1:
            local = {next(iter(group)): np.zeros(2)}
        else:
            start = nx.spring_layout(sub, seed=seed)
            local = nx.kamada_kawai_layout(sub, pos=start, weight=None)
        xy = np.array(list(local.values()))
        xy = (xy - xy.mean(axis=0)) * math.sqrt(len(sub) / len(groups[0]))
        half = max(np.ptp(xy[:, 0]) / 2, 0.15)
        positions.update({n: p + np.array([x + half, 0.0]) for n, p in zip(local, xy, strict=True)})
        x += 2 * half + 0.4
    return positions


def _discs(ax: Axes, collection: PathCollection) -> np.ndarray:
    """(x, y, radius) in display pixels of each node marker, its white edge included."""
    centres = ax.transData.transform(collection.get_offsets())
    points = np.sqrt(collection.get_sizes()) / 2 + collection.get_linewidths()[0] / 2
    radii = np.broadcast_to(points * ax.figure.dpi / 72, (len(centres),))
    return np.column_stack([centres, radii])


def _labels(ax: Axes) -> list[Text]:
    return [t for t in ax.texts if (t.get_gid() or "").startswith(_LABEL_GID)]


def _box(label: Text, renderer) -> Bbox:
    return label.get_window_extent(renderer)


def _boxes_overlap(a: Bbox, b: Bbox, pad: float = 0.0) -> bool:
    return a.x0 - pad < b.x1 and b.x0 - pad < a.x1 and a.y0 - pad < b.y1 and b.y0 - pad < a.y1


def _box_hits_disc(box: Bbox, disc, pad: float = 0.0) -> bool:
    x, y, radius = disc
    dx = max(box.x0 - x, 0.0, x - box.x1)
    dy = max(box.y0 - y, 0.0, y - box.y1)
    return dx * dx + dy * dy < (radius + pad) ** 2


def _candidates(x: float, y: float, radius: float, width: float, height: float):
    """Label centres around a node at (x, y): on it, then rings of growing distance."""
    yield x, y
    for step in range(8):
        distance = radius + 2 + step * 0.6 * height
        angles = 12 if step < 3 else 24
        for k in sorted(range(angles), key=lambda k: min(k, angles - k) % (angles // 2)):
            theta = 2 * math.pi * k / angles
            yield (x + math.cos(theta) * (distance + width / 2),
                   y + math.sin(theta) * (distance + height / 2))  # fmt: skip


def _place_labels(ax: Axes, collection: PathCollection, nodes: list) -> list:
    """Write each name (biggest node first) where it overlaps no label and no other node.

    Returns the names left without a label.
    """
    renderer = ax.figure.canvas.get_renderer()
    discs = _discs(ax, collection)
    frame = ax.get_window_extent(renderer)
    to_data = ax.transData.inverted()
    halo = [patheffects.withStroke(linewidth=3, foreground="white")]
    placed: list[Bbox] = []
    left_out = []
    for i, name in enumerate(nodes):
        label = ax.text(0, 0, mpl_label(name), ha="center", va="center", path_effects=halo,
                        zorder=5, gid=_LABEL_GID + str(name))  # fmt: skip
        label.set_in_layout(False)
        others = [d for j, d in enumerate(discs) if j != i]
        spot = None
        for size in LABEL_SIZES:
            label.set_fontproperties(arabic_font(size))
            label.set_parse_math(False)
            extent = label.get_window_extent(renderer)
            width, height = extent.width, extent.height
            for cx, cy in _candidates(*discs[i], width, height):
                box = Bbox.from_bounds(cx - width / 2, cy - height / 2, width, height)
                if (
                    frame.x0 <= box.x0 and box.x1 <= frame.x1
                    and frame.y0 <= box.y0 and box.y1 <= frame.y1
                    and not any(_boxes_overlap(box, b, _PAD) for b in placed)
                    and not any(_box_hits_disc(box, d, _PAD) for d in others)
                ):  # fmt: skip
                    spot = box
                    break
            if spot is not None:
                break
        if spot is None:
            label.remove()
            left_out.append(name)
            continue
        label.set_position(to_data.transform((spot.x0 + spot.width / 2, spot.y0 + spot.height / 2)))
        placed.append(spot)
        _leader(ax, discs[i], spot)
    return left_out


def _leader(ax: Axes, disc, box: Bbox) -> None:
    """A thin line from a node to its label when the label sits away from the node."""
    x, y, radius = disc
    tx, ty = min(max(x, box.x0), box.x1), min(max(y, box.y0), box.y1)  # nearest point
    distance = math.hypot(tx - x, ty - y)
    if distance - radius < _LEADER_MIN:
        return
    edge = (x + (tx - x) * radius / distance, y + (ty - y) * radius / distance)
    (x0, y0), (x1, y1) = ax.transData.inverted().transform([edge, (tx, ty)])
    leader = Line2D([x0, x1], [y0, y1], color="#444444", lw=0.8, ls=":", zorder=4)
    leader.set_gid(_LEADER_GID)
    ax.add_line(leader)


def _group_lines(graph: nx.Graph, groups: list[list]) -> list[str]:
    """One line per small group: its names and how often they occur together."""
    lines = []
    for group in groups:
        edges = graph.subgraph(group).edges(data=True)
        together = sum(d.get("count", d.get("weight", 1)) for *_, d in edges)
        names = " – ".join(str(n) for n in group)
        lines.append(f"{names} ({together:g})" if edges else names)
    if len(lines) > MAX_LISTED:
        return [*lines[: MAX_LISTED - 1], len(lines) - MAX_LISTED + 1]  # int: "and n more"
    return lines


def _name_lines(names: list, lang: str, per_line: int = 3, lines: int = 4) -> str:
    """*names* a few per line (at most *lines* lines, then "and n more")."""
    sep = "، " if lang == "ar" else ", "
    shown = [str(n) for n in names[: per_line * lines]]
    rows = [sep.join(shown[i : i + per_line]) for i in range(0, len(shown), per_line)]
    if len(names) > len(shown):
        rows.append(text("more", lang, n=len(names) - len(shown)))
    return "\n" + "\n".join(rows)


def _aside(ax: Axes, lines: list, unlabelled: list, lang: str, *, replace: Legend | None):
    """List the small groups and the unlabelled names right of the Axes (a second legend)."""
    if replace is not None:
        replace.remove()
    entries = [text("more", lang, n=x) if isinstance(x, int) else x for x in lines]
    if unlabelled:
        entries.append(text("unlabelled", lang, names=_name_lines(unlabelled, lang)))
    if not entries:
        return None
    title = text("other_groups", lang) if lines else None
    legend = Legend(
        ax,
        [Line2D([], [], ls="")] * len(entries),
        [mpl_label(e) for e in entries],
        title=mpl_label(title) if title else None,
        loc="lower left",
        bbox_to_anchor=(1.0, 0.0),
        frameon=False,
        handlelength=0,
        handletextpad=0,
        prop=arabic_font("small"),
        title_fontproperties=arabic_font("small"),
    )
    style_texts([*legend.get_texts(), legend.get_title()])
    ax.add_artist(legend)
    legend.set_clip_on(False)  # drawn beside the Axes, and counted by the layout engine
    return legend


def _legend(ax: Axes, labels: set, lang: str) -> None:
    present = [label for label in LABEL_COLORS if label in labels]
    present += sorted(str(label) for label in labels - set(LABEL_COLORS) - {None})
    if not present:
        return
    handles = [
        Line2D([], [], ls="", marker="o", ms=10, mfc=LABEL_COLORS.get(label, OTHER_COLOR), mec="w")
        for label in present
    ]
    legend = ax.legend(
        handles,
        [mpl_label(text(label, lang)) for label in present],
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        frameon=False,
        prop=arabic_font("small"),
    )
    style_texts(legend.get_texts())

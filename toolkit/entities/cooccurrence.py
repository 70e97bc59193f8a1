"""Who appears with whom: co-occurrence of canonical entity names.

A *unit* is the context two names must share: a sentence, a paragraph, a
document, or a window of ``k`` consecutive sentences (``unit=k``). Counts are
over units (a pair mentioned three times in one sentence counts once).

>>> from toolkit import extract_entities
>>> ents = extract_entities("زار غانتس الرباط. وقال غانتس إن إسرائيل والمغرب شريكان.")
>>> cooccurrence(ents)[["source", "target", "count"]].values.tolist()[:1]
[['إسرائيل', 'المغرب', 1]]
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import combinations, pairwise
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
from scipy import sparse as sp

from toolkit._api import legacy, user_stacklevel
from toolkit._docstrings import fill_doc
from toolkit.checks import check_choice, check_entities, check_n_jobs, check_positive_int
from toolkit.dedupe import fold_duplicates, near_duplicates
from toolkit.entities.kinds import MISC_KINDS, misc_kind
from toolkit.parallel import map_partitions, resolve_chunksize

__all__ = ["EDGE_COLUMNS", "cooccurrence", "cooccurrence_graph", "cooccurrence_matrix"]

EDGE_COLUMNS = ["source", "target", "weight", "count", "docs"]
WEIGHTS = ("count", "pmi", "dice")
UNITS = ("sentence", "paragraph", "document")
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
_NEEDED = {"doc_id", "sent_id", "start", "label", "canonical"}


@dataclass
class _Counts:
    """Partial counts of one chunk; chunks add up exactly (documents are never split)."""

    pairs: Counter = field(default_factory=Counter)
    pair_docs: Counter = field(default_factory=Counter)
    units: Counter = field(default_factory=Counter)
    mentions: Counter = field(default_factory=Counter)
    labels: Counter = field(default_factory=Counter)
    n_units: int = 0

    def add(self, other: _Counts) -> _Counts:
        for name in ("pairs", "pair_docs", "units", "mentions", "labels"):
            getattr(self, name).update(getattr(other, name))
        self.n_units += other.n_units
        return self


def _paragraph_ids(entities: pd.DataFrame, corpus: pd.DataFrame | str | None) -> np.ndarray:
    """Paragraph number of each mention: blank lines in the document text split paragraphs."""
    if corpus is None:
        raise ValueError(
            "unit='paragraph' needs the document texts: pass corpus= (a corpus DataFrame "
            "or the string the entities came from)"
        )
    if isinstance(corpus, str):
        texts = {doc: corpus for doc in entities["doc_id"].unique()}
    else:
        texts = dict(zip(corpus["doc_id"].astype(str), corpus["text"], strict=True))
    ids = np.zeros(len(entities), dtype=np.int64)
    for doc_id, index in entities.groupby("doc_id", sort=False).indices.items():
        if doc_id not in texts:
            raise ValueError(f"unit='paragraph': doc_id {doc_id!r} is not in corpus")
        breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(texts[doc_id])]
        ids[index] = np.searchsorted(breaks, entities["start"].to_numpy()[index], side="right")
    return ids


def _unit_table(entities: pd.DataFrame, unit, corpus) -> pd.DataFrame:
    """(doc_id, unit_id, canonical) rows, one per name present in a unit."""
    frame = entities[["doc_id", "canonical"]].copy()
    if unit == "sentence":
        frame["unit_id"] = entities["sent_id"].to_numpy()
    elif unit == "document":
        frame["unit_id"] = 0
    elif unit == "paragraph":
        frame["unit_id"] = _paragraph_ids(entities, corpus)
    else:  # window of `unit` sentences: a mention belongs to every window covering it
        last = entities.groupby("doc_id")["sent_id"].transform("max").to_numpy()
        sent = entities["sent_id"].to_numpy()
        parts = []
        for shift in range(unit):
            start = sent - shift
            keep = (start >= 0) & (start <= np.maximum(last - unit + 1, 0))
            parts.append(frame[keep].assign(unit_id=start[keep]))
        frame = pd.concat(parts, ignore_index=True)
    return frame.drop_duplicates(["doc_id", "unit_id", "canonical"])


def _count_chunk(entities: pd.DataFrame, *, unit, labels, corpus, keep_misc_kinds) -> _Counts:
    """Map step: the partial counts of one chunk of entities."""
    entities = _prepare(entities, labels, keep_misc_kinds)
    counts = _Counts()
    names = entities["canonical"].tolist()  # (iterating Arrow strings one by one is slow)
    counts.mentions.update(names)
    counts.labels.update(zip(names, entities["label"].tolist(), strict=True))
    if entities.empty:
        return counts
    table = _unit_table(entities, unit, corpus).sort_values(["doc_id", "unit_id", "canonical"])
    counts.units.update(table["canonical"])
    docs = table["doc_id"].to_numpy()
    units = table["unit_id"].to_numpy()
    names = table["canonical"].tolist()
    starts = np.flatnonzero((docs[1:] != docs[:-1]) | (units[1:] != units[:-1])) + 1
    bounds = [0, *starts.tolist(), len(names)]
    counts.n_units = len(bounds) - 1
    doc_pairs: set[tuple[str, str, str]] = set()
    for begin, end in pairwise(bounds):
        if end - begin < 2:
            continue
        pairs = list(combinations(names[begin:end], 2))
        counts.pairs.update(pairs)
        doc_pairs.update((docs[begin], a, b) for a, b in pairs)
    counts.pair_docs.update((a, b) for _, a, b in doc_pairs)
    return counts


def _prepare(entities: pd.DataFrame, labels, keep_misc_kinds) -> pd.DataFrame:
    if not isinstance(entities, pd.DataFrame):
        raise TypeError(f"expected an entities DataFrame, got {type(entities).__name__}")
    missing = _NEEDED - set(entities.columns)
    if missing:
        raise ValueError(f"entities table is missing column(s) {sorted(missing)}")
    if labels is not None:
        entities = entities[entities["label"].isin(_label_list(labels))]
    entities = entities[entities["canonical"].astype(bool)]
    if set(keep_misc_kinds) != set(MISC_KINDS):
        names = entities["canonical"].drop_duplicates()
        dropped = names[names.map(lambda n: misc_kind(n) not in (None, *keep_misc_kinds))]
        entities = entities[~entities["canonical"].isin(dropped)]
    return entities.assign(doc_id=entities["doc_id"].astype(str)).reset_index(drop=True)


def _label_list(labels) -> list[str]:
    return [labels] if isinstance(labels, str) else list(labels)


def _check_options(unit, weight, min_count, keep_misc_kinds=()) -> None:
    if isinstance(unit, bool) or not (unit in UNITS or (isinstance(unit, int) and unit >= 1)):
        raise ValueError(f"unit must be one of {UNITS} or a window of sentences >= 1; got {unit!r}")
    check_choice(weight, "weight", WEIGHTS)
    check_positive_int(min_count, "min_count")
    if isinstance(keep_misc_kinds, str):
        raise TypeError(f"keep_misc_kinds takes a list of kinds, e.g. [{keep_misc_kinds!r}]")
    for kind in keep_misc_kinds:
        check_choice(kind, "keep_misc_kinds item", MISC_KINDS)


#: The counts of the last entities table counted (one entry, see :func:`_counts`).
_LAST_COUNTS: dict[tuple, _Counts] = {}


def _counts(entities, *, unit, labels, corpus, n_jobs, dedupe, chunksize, progress,
            keep_misc_kinds=()) -> _Counts:  # fmt: skip
    """The co-occurrence counts of ``entities``.

    The counts of the last table given without ``corpus`` or ``dedupe`` are
    kept (one entry, keyed by its content and the options), so that
    :func:`cooccurrence`, :func:`cooccurrence_graph` and
    :func:`cooccurrence_matrix` on the same table count it once.
    """
    check_n_jobs(n_jobs)
    entities = check_entities(entities, _NEEDED, func="cooccurrence")
    key = None
    if isinstance(entities, pd.DataFrame) and corpus is None and dedupe is False:
        labels_key = None if labels is None else tuple(_label_list(labels))
        key = (_fingerprint(entities), unit, labels_key, tuple(sorted(keep_misc_kinds)))
        if key in _LAST_COUNTS:
            return _LAST_COUNTS[key]
    total = _count_all(entities, unit=unit, labels=labels, corpus=corpus, n_jobs=n_jobs,
                       dedupe=dedupe, chunksize=chunksize, progress=progress,
                       keep_misc_kinds=keep_misc_kinds)  # fmt: skip
    if key is not None:
        _LAST_COUNTS.clear()
        _LAST_COUNTS[key] = total
    return total


def _fingerprint(entities: pd.DataFrame) -> str:
    """A digest of the columns of ``entities`` that co-occurrence reads, in order."""
    columns = entities[sorted(_NEEDED)].reset_index(drop=True)
    hashes = pd.util.hash_pandas_object(columns, index=False).to_numpy()
    return hashlib.blake2b(hashes.tobytes(), digest_size=16).hexdigest()


def _count_all(entities, *, unit, labels, corpus, n_jobs, dedupe, chunksize, progress,
               keep_misc_kinds) -> _Counts:  # fmt: skip
    if dedupe is True:
        if not isinstance(corpus, pd.DataFrame):
            raise ValueError("dedupe=True needs the texts: pass corpus= (the corpus DataFrame) "
                             "or dedupe=near_duplicates(corpus)")  # fmt: skip
        dedupe = near_duplicates(corpus, n_jobs=n_jobs)
    entities = fold_duplicates(entities, dedupe)
    count = functools.partial(_count_chunk, unit=unit, labels=labels, corpus=corpus,
                              keep_misc_kinds=tuple(keep_misc_kinds))  # fmt: skip
    if isinstance(entities, pd.DataFrame):
        chunks: Iterable[pd.DataFrame] = _by_documents(entities, resolve_chunksize(chunksize))
    elif isinstance(entities, Iterable) and not isinstance(entities, str | bytes):
        chunks = entities
    else:
        raise TypeError(
            f"expected an entities DataFrame or an iterable of them, got {type(entities).__name__}"
        )
    total = _Counts()
    for part in map_partitions(count, chunks, n_jobs=n_jobs, progress=progress,
                               desc="co-occurrences"):  # fmt: skip
        total.add(part)
    return total


def _by_documents(entities: pd.DataFrame, chunksize: int) -> Iterator[pd.DataFrame]:
    """Cut an entities table into chunks of ``chunksize`` documents (none is split)."""
    doc_ids = entities["doc_id"].astype(str).to_numpy()
    order = np.argsort(doc_ids, kind="stable")
    if not len(order):
        yield entities
        return
    ordered = doc_ids[order]
    firsts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    bounds = [*firsts[::chunksize].tolist(), len(order)]
    for begin, end in pairwise(bounds):
        yield entities.iloc[order[begin:end]]


def _edges(total: _Counts, weight: str, min_count: int) -> pd.DataFrame:
    rows = []
    for (a, b), count in total.pairs.items():
        if count < min_count or a == b:
            continue
        fa, fb = total.units[a], total.units[b]
        if weight == "count":
            value = float(count)
        elif weight == "pmi":
            value = math.log2(count * total.n_units / (fa * fb))
        else:
            value = 2 * count / (fa + fb)
        rows.append((a, b, value, count, total.pair_docs[(a, b)]))
    edges = pd.DataFrame(rows, columns=EDGE_COLUMNS)
    edges = edges.astype({"weight": float, "count": int, "docs": int})
    return edges.sort_values(
        ["weight", "count", "source", "target"], ascending=[False, False, True, True],
        ignore_index=True,
    )  # fmt: skip


@legacy(renamed={"entities": "data"})
@fill_doc
def cooccurrence(
    data: pd.DataFrame | Iterable[pd.DataFrame],
    *,
    unit: str | int = "sentence",
    min_count: int = 1,
    weight: str = "count",
    labels: str | Iterable[str] | None = None,
    corpus: pd.DataFrame | str | None = None,
    n_jobs: int | None = 1,
    dedupe: bool | pd.DataFrame = False,
    chunksize: int | None = None,
    progress: bool | None = None,
    keep_misc_kinds: Iterable[str] = (),
) -> pd.DataFrame:
    """Count how often two canonical names share a unit.

    Chunked and ``n_jobs`` runs give the same table as one serial pass. A
    wire story republished ten times links its names once, not ten times,
    with ``dedupe``; ``extract_entities(corpus, dedupe=True)`` does the same
    upstream.

    Parameters
    ----------
    {entities}
    {unit}
    {min_count}
        Here: pairs sharing fewer units are dropped.
    {weight}
    {entity_labels}
    {entities_corpus}
    {n_jobs}
    {chunksize}
    {progress}
    {entities_dedupe}
    {keep_misc_kinds}

    Returns
    -------
    DataFrame
        One row per unordered pair (``source < target``, no self-loops):
        ``source, target, weight, count, docs``; ``count`` is the number of
        units holding both names, ``docs`` the number of documents where they
        share a unit. Sorted by weight, strongest first. Names that are
        currencies, units, nationality adjectives or fragments (``درهم``،
        ``الدولار``، ``كلم``، ``المغربية``، ``هم``، ``بني``;
        :func:`toolkit.entities.kinds.misc_kind`, whatever label the tagger
        gave them) are left out unless ``keep_misc_kinds`` keeps them.

    Examples
    --------
    >>> names = ["كوخافي", "الرباط", "الرباط"]
    >>> entities = pd.DataFrame({"doc_id": ["a", "a", "a"], "sent_id": [0, 0, 1],
    ...     "start": [4, 11, 30], "text": names, "canonical": names,
    ...     "label": ["PERS", "LOC", "LOC"]})
    >>> cooccurrence(entities)[["source", "target", "count"]].values.tolist()
    [['الرباط', 'كوخافي', 1]]
    """
    _check_options(unit, weight, min_count, keep_misc_kinds)
    total = _counts(data, unit=unit, labels=labels, corpus=corpus, n_jobs=n_jobs, dedupe=dedupe,
                    chunksize=chunksize, progress=progress,
                    keep_misc_kinds=keep_misc_kinds)  # fmt: skip
    return _edges(total, weight, min_count)


#: Largest dense matrix cooccurrence_matrix builds (5,000 names: 200 MB of float64).
MAX_DENSE_NAMES = 5_000


def _sparse_moved(func: Callable[..., pd.DataFrame]) -> Callable[..., pd.DataFrame]:
    """Route the deprecated ``cooccurrence_matrix(..., sparse=True)`` to cooccurrence_sparse."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if "sparse" in kwargs:
            sparse = kwargs.pop("sparse")
            warnings.warn(
                "cooccurrence_matrix(): sparse= is deprecated; call cooccurrence_sparse() "
                "for a sparse matrix, cooccurrence_matrix() always returns a DataFrame",
                FutureWarning,
                stacklevel=user_stacklevel(),
            )
            if sparse:
                return cooccurrence_sparse(*args, **kwargs)
        return func(*args, **kwargs)

    return wrapper


@legacy(renamed={"entities": "data"})
@_sparse_moved
@fill_doc
def cooccurrence_matrix(
    data: pd.DataFrame | Iterable[pd.DataFrame],
    *,
    unit: str | int = "sentence",
    min_count: int = 1,
    weight: str = "count",
    labels: str | Iterable[str] | None = None,
    corpus: pd.DataFrame | str | None = None,
    n_jobs: int | None = 1,
    top: int | None = None,
    dedupe: bool | pd.DataFrame = False,
    chunksize: int | None = None,
    progress: bool | None = None,
    keep_misc_kinds: Iterable[str] = (),
) -> pd.DataFrame:
    """Square name x name matrix of :func:`cooccurrence` weights (0 on the diagonal).

    A dense matrix of more than :data:`MAX_DENSE_NAMES` names is refused (it
    would not fit in memory: 58,000 names need 27 GB): pass ``top`` or use
    :func:`cooccurrence_sparse`. ``sparse=True``, which made this function
    return a tuple, is deprecated: it calls :func:`cooccurrence_sparse`.

    Parameters
    ----------
    {entities}
    {unit}
    {min_count}
        Here: pairs sharing fewer units are dropped.
    {weight}
    {entity_labels}
    {entities_corpus}
    {n_jobs}
    {chunksize}
    {progress}
    top : int or None, default None
        Keep the most connected names only; None keeps them all.
    {entities_dedupe}
    {keep_misc_kinds}

    Returns
    -------
    DataFrame
        Names (those with at least one edge, most connected first) as index
        ``source`` and columns ``target``.

    Examples
    --------
    >>> names = ["كوخافي", "الرباط", "الرباط"]
    >>> entities = pd.DataFrame({"doc_id": ["a", "a", "a"], "sent_id": [0, 0, 1],
    ...     "start": [4, 11, 30], "text": names, "canonical": names,
    ...     "label": ["PERS", "LOC", "LOC"]})
    >>> cooccurrence_matrix(entities).values.tolist()
    [[0.0, 1.0], [1.0, 0.0]]
    """
    matrix, names = _matrix(data, unit=unit, min_count=min_count, weight=weight, labels=labels,
                            corpus=corpus, n_jobs=n_jobs, top=top, dedupe=dedupe,
                            chunksize=chunksize, progress=progress,
                            keep_misc_kinds=keep_misc_kinds, dense=True)  # fmt: skip
    return pd.DataFrame(matrix.toarray(), index=pd.Index(names, name="source"),
                        columns=pd.Index(names, name="target"))  # fmt: skip


@fill_doc
def cooccurrence_sparse(
    data: pd.DataFrame | Iterable[pd.DataFrame],
    *,
    unit: str | int = "sentence",
    min_count: int = 1,
    weight: str = "count",
    labels: str | Iterable[str] | None = None,
    corpus: pd.DataFrame | str | None = None,
    n_jobs: int | None = 1,
    top: int | None = None,
    dedupe: bool | pd.DataFrame = False,
    chunksize: int | None = None,
    progress: bool | None = None,
    keep_misc_kinds: Iterable[str] = (),
) -> tuple[sp.csr_array, list[str]]:
    """:func:`cooccurrence_matrix` as a SciPy sparse array, for many names.

    Parameters
    ----------
    {entities}
    {unit}
    {min_count}
        Here: pairs sharing fewer units are dropped.
    {weight}
    {entity_labels}
    {entities_corpus}
    {n_jobs}
    {chunksize}
    {progress}
    top : int or None, default None
        Keep the most connected names only; None keeps them all.
    {entities_dedupe}
    {keep_misc_kinds}

    Returns
    -------
    tuple of (scipy.sparse.csr_array, list of str)
        The symmetric matrix and the names of its rows and columns, most
        connected first.

    Examples
    --------
    >>> names = ["كوخافي", "الرباط", "الرباط"]
    >>> entities = pd.DataFrame({"doc_id": ["a", "a", "a"], "sent_id": [0, 0, 1],
    ...     "start": [4, 11, 30], "text": names, "canonical": names,
    ...     "label": ["PERS", "LOC", "LOC"]})
    >>> matrix, names = cooccurrence_sparse(entities)
    >>> matrix.toarray().tolist(), names
    ([[0.0, 1.0], [1.0, 0.0]], ['الرباط', 'كوخافي'])
    """
    return _matrix(data, unit=unit, min_count=min_count, weight=weight, labels=labels,
                   corpus=corpus, n_jobs=n_jobs, top=top, dedupe=dedupe, chunksize=chunksize,
                   progress=progress, keep_misc_kinds=keep_misc_kinds, dense=False)  # fmt: skip


def _matrix(
    data: pd.DataFrame | Iterable[pd.DataFrame], *, top: int | None, dense: bool, **options: Any
) -> tuple[sp.csr_array, list[str]]:
    """The symmetric name x name weights and the names, most connected first."""
    check_positive_int(top, "top", allow_none=True)
    edges = cooccurrence(data, **options)
    strength = pd.concat(
        [edges[["source", "count"]].rename(columns={"source": "name"}),
         edges[["target", "count"]].rename(columns={"target": "name"})]
    ).groupby("name")["count"].sum()  # fmt: skip
    names = sorted(strength.index, key=lambda n: (-strength[n], n))[:top]
    if dense and len(names) > MAX_DENSE_NAMES:
        raise ValueError(
            f"a dense co-occurrence matrix of {len(names):,} names is too large: "
            "pass top=... (e.g. top=50) or use cooccurrence_sparse()"
        )
    position = {name: i for i, name in enumerate(names)}
    kept = edges["source"].isin(position) & edges["target"].isin(position)
    edges = edges[kept]
    rows = edges["source"].map(position).to_numpy()
    cols = edges["target"].map(position).to_numpy()
    values = edges["weight"].to_numpy()
    matrix = sp.csr_array(
        (
            np.concatenate([values, values]),
            (np.concatenate([rows, cols]), np.concatenate([cols, rows])),
        ),
        shape=(len(names), len(names)),
    )
    return matrix, names


@legacy(renamed={"entities": "data"})
@fill_doc
def cooccurrence_graph(
    data: pd.DataFrame | Iterable[pd.DataFrame],
    *,
    unit: str | int = "sentence",
    min_count: int = 1,
    weight: str = "count",
    labels: str | Iterable[str] | None = None,
    corpus: pd.DataFrame | str | None = None,
    n_jobs: int | None = 1,
    dedupe: bool | pd.DataFrame = False,
    chunksize: int | None = None,
    progress: bool | None = None,
    keep_misc_kinds: Iterable[str] = (),
) -> nx.Graph:
    """:func:`cooccurrence` as a networkx graph.

    Parameters
    ----------
    {entities}
    {unit}
    {min_count}
        Here: pairs sharing fewer units are dropped.
    {weight}
    {entity_labels}
    {entities_corpus}
    {n_jobs}
    {chunksize}
    {progress}
    {entities_dedupe}
    {keep_misc_kinds}

    Returns
    -------
    networkx.Graph
        Nodes are the names with at least one edge, with attributes
        ``label`` (their most frequent label) and ``frequency`` (number of
        mentions); edges carry ``weight``, ``count`` and ``docs``.

    Examples
    --------
    >>> names = ["كوخافي", "الرباط", "الرباط"]
    >>> entities = pd.DataFrame({"doc_id": ["a", "a", "a"], "sent_id": [0, 0, 1],
    ...     "start": [4, 11, 30], "text": names, "canonical": names,
    ...     "label": ["PERS", "LOC", "LOC"]})
    >>> dict(cooccurrence_graph(entities).nodes(data="frequency"))
    {'الرباط': 2, 'كوخافي': 1}
    """
    _check_options(unit, weight, min_count, keep_misc_kinds)
    total = _counts(data, unit=unit, labels=labels, corpus=corpus, n_jobs=n_jobs, dedupe=dedupe,
                    chunksize=chunksize, progress=progress,
                    keep_misc_kinds=keep_misc_kinds)  # fmt: skip
    edges = _edges(total, weight, min_count)
    label_of: dict[str, tuple[int, str]] = {}
    for (name, label), n in sorted(total.labels.items()):
        if n > label_of.get(name, (0, ""))[0]:
            label_of[name] = (n, label)
    graph = nx.Graph()
    for name in sorted(set(edges["source"]) | set(edges["target"])):
        graph.add_node(name, label=label_of[name][1], frequency=int(total.mentions[name]))
    columns = [edges[name].tolist() for name in ("source", "target", "weight", "count", "docs")]
    graph.add_edges_from((source, target, {"weight": w, "count": c, "docs": d})
                         for source, target, w, c, d in zip(*columns, strict=True))  # fmt: skip
    return graph

"""``near_duplicates`` and the ways analyses fold copies: one story counted once.

>>> import pandas as pd
>>> text = "قال المتحدث باسم الحكومة إن المجلس صادق على مشروع القانون المتعلق بالصحافة والنشر"
>>> corpus = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [text, text + " والطباعة", "خبر آخر"],
...                        "date": pd.to_datetime(["2015-07-02", "2015-07-01", "2015-07-01"])})
>>> near_duplicates(corpus).values.tolist()
[['b', 0, 'b', 1.0], ['a', 0, 'b', 0.9231]]
>>> drop_near_duplicates(corpus).doc_id.tolist()
['b', 'c']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pandas as pd

from toolkit._api import legacy
from toolkit._docstrings import fill_doc
from toolkit.dedupe.clusters import DUPLICATE_COLUMNS, cluster
from toolkit.dedupe.signatures import Signatures, sign_chunk
from toolkit.inputs import corpus_input
from toolkit.parallel import is_dask_collection, map_partitions

__all__ = [
    "drop_near_duplicates",
    "duplicate_clusters",
    "fold_duplicates",
    "near_duplicates",
    "republication_table",
]


@fill_doc
def near_duplicates(
    data: pd.DataFrame | list[str] | Iterable[pd.DataFrame],
    *,
    threshold: float = 0.8,
    days: int | None = 2,
    n_jobs: int | None = 1,
    progress: bool | None = None,
    chunksize: int | None = None,
) -> pd.DataFrame:
    """Clusters of near-duplicate documents (wire copies, republished articles).

    Texts are compared as sets of two-word shingles of normalised words
    (diacritics, tatweel, alef and hamza forms, teh marbuta and digit
    scripts do not matter); shingle sets are computed per chunk on
    ``n_jobs`` processes, prefix filtering proposes every pair that may be
    similar enough, and each candidate is verified exactly: two documents
    are copies when the larger of their Jaccard similarity and their
    containment (share of the smaller text found in the other, for texts of
    20 shingles or more) reaches
    ``threshold``. So a copy with a new headline, lead or closing line, or
    an added paragraph, is found; two stories on the same event are not.
    The result does not depend on ``n_jobs`` or on how the corpus is chunked.

    Parameters
    ----------
    data : DataFrame, list of str, iterable of DataFrames or Dask DataFrame
        A corpus DataFrame (``doc_id``, ``text``, optional ``date``), a list
        of strings (ids ``doc0``, ``doc1``, ...), an iterable of corpus
        chunks such as :func:`toolkit.iter_corpus` yields, or a Dask DataFrame.
    threshold : float, default 0.8
        Similarity from which two documents are copies, in (0, 1].
    days : int or None, default 2
        Copies must be dated within this many days of the representative
        (undated documents are compared with all; None: any dates), so that
        template items of different days (a congratulation cable, a daily
        bulletin) do not chain into one story.
    {n_jobs}
    {progress}
    {chunksize}
        Here 2000 documents.

    Returns
    -------
    DataFrame
        ``doc_id, cluster_id, representative, similarity``: one row per
        document in a cluster of two or more, representative first; clusters
        numbered biggest first. The representative is the earliest dated
        copy, then the longest, then the smallest ``doc_id``; ``similarity``
        is to the representative (1.0 for itself); a member may join through
        another member but must stay close to the representative, so
        clusters do not chain (see :mod:`toolkit.dedupe.clusters`).

    Examples
    --------
    >>> near_duplicates(["خبر عاجل من الرباط اليوم", "خبر عاجل من الرباط اليوم"]).doc_id.tolist()
    ['doc0', 'doc1']
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")
    corpus = corpus_input(data, func="near_duplicates")  # map_partitions cuts a DataFrame
    parts = list(map_partitions(sign_chunk, corpus, n_jobs=n_jobs, chunksize=chunksize,
                                progress=progress, desc="signatures"))  # fmt: skip
    parts = [part for part in parts if len(part.doc_id)]
    if not parts:
        return cluster(sign_chunk(pd.DataFrame({"doc_id": [], "text": []})), threshold=threshold)
    sigs = Signatures.concat(parts)
    del parts
    duplicated = pd.Series(sigs.doc_id).duplicated()
    if duplicated.any():
        raise ValueError(f"doc_id must be unique; repeated: {sigs.doc_id[duplicated][:5].tolist()}")
    table = cluster(sigs, threshold=threshold, days=days)
    table.attrs["near_duplicates"] = {
        "threshold": threshold,
        "days": days,
        "documents": len(sigs.doc_id),
    }
    return table


def _folded(duplicates: pd.DataFrame) -> set[str]:
    """doc_ids of the copies that are not their cluster's representative."""
    missing = set(DUPLICATE_COLUMNS) - set(duplicates.columns)
    if missing:
        raise ValueError(f"dedupe= expects a near_duplicates() table; missing {sorted(missing)}")
    copies = duplicates["doc_id"] != duplicates["representative"]
    return set(duplicates.loc[copies, "doc_id"].astype(str))


@legacy(renamed={"corpus": "data"})
@fill_doc
def drop_near_duplicates(
    data: pd.DataFrame,
    *,
    duplicates: pd.DataFrame | None = None,
    threshold: float = 0.8,
    n_jobs: int | None = 1,
    progress: bool | None = None,
) -> pd.DataFrame:
    """The corpus with only the representative of each cluster of copies.

    Parameters
    ----------
    data : DataFrame
        A corpus DataFrame (``doc_id``, ``text``, optional ``date``).
    duplicates : DataFrame or None, default None
        A :func:`near_duplicates` table of ``data``; None computes it with
        ``threshold``.
    threshold : float, default 0.8
        As in :func:`near_duplicates`.
    {n_jobs}
    {progress}

    Returns
    -------
    DataFrame
        The kept rows of ``data``. What was folded is in
        ``attrs["near_duplicates"]``: ``threshold``, ``folded`` (documents
        dropped), ``clusters`` and ``representative_of`` (dropped doc_id ->
        the doc_id kept in its place).

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["خبر عاجل من الرباط اليوم",
    ...     "خبر عاجل من الرباط اليوم", "زار كوخافي الرباط"]})
    >>> drop_near_duplicates(corpus).doc_id.tolist()
    ['a', 'c']
    """
    if duplicates is None:
        duplicates = near_duplicates(data, threshold=threshold, n_jobs=n_jobs,
                                     progress=progress)  # fmt: skip
    folded = _folded(duplicates)
    kept = data[~data["doc_id"].astype(str).isin(folded)]
    copies = duplicates[duplicates["doc_id"].astype(str).isin(folded)]
    kept.attrs["near_duplicates"] = {
        "threshold": duplicates.attrs.get("near_duplicates", {}).get("threshold", threshold),
        "folded": len(folded),
        "clusters": int(duplicates["cluster_id"].nunique()),
        "representative_of": dict(
            zip(copies["doc_id"].astype(str), copies["representative"].astype(str))
        ),
    }
    return kept


def _drop_ids(chunks: Iterable[pd.DataFrame], folded: set[str]) -> Iterator[pd.DataFrame]:
    for chunk in chunks:
        yield chunk[~chunk["doc_id"].astype(str).isin(folded)]


def _without(frame: pd.DataFrame, folded: set[str]) -> pd.DataFrame:
    return frame[~frame["doc_id"].astype(str).isin(folded)]


def _is_corpus(frame: pd.DataFrame) -> bool:
    """A corpus has texts; tokens, entities and dates tables have offsets (``start``)."""
    return {"doc_id", "text"} <= set(frame.columns) and "start" not in frame.columns


def fold_duplicates(
    data: Any,
    dedupe: bool | pd.DataFrame | None,
    *,
    n_jobs: int | None = 1,
    progress: bool | None = None,
) -> Any:
    """``data`` with copies removed, as an analysis's ``dedupe=`` option asks.

    ``dedupe`` is ``False``/``None`` (``data`` unchanged), ``True`` (find the
    copies in ``data`` with :func:`near_duplicates`) or a
    :func:`near_duplicates` table (drop its non-representatives from ``data``,
    which may then be any table with a ``doc_id`` column: corpus, tokens,
    entities, dates). Streams stay streams: chunks are filtered as they pass.
    A one-shot iterator (such as ``iter_corpus(...)``) cannot be read twice,
    so with ``dedupe=True`` it raises; pass a re-iterable source (a list of
    chunks, a Dask DataFrame) or ``dedupe=near_duplicates(iter_corpus(path))``.
    """
    if dedupe is None or dedupe is False:
        return data
    if isinstance(data, str):
        return data
    if dedupe is True:
        if isinstance(data, pd.DataFrame) and not _is_corpus(data):
            raise ValueError("dedupe=True needs the texts: pass a corpus, or "
                             "dedupe=near_duplicates(corpus) with this table")  # fmt: skip
        if isinstance(data, Iterator):
            raise ValueError(
                "dedupe=True cannot read a one-shot stream twice: compute "
                "dups = toolkit.near_duplicates(toolkit.iter_corpus(path)) first, then pass "
                "dedupe=dups with a fresh iter_corpus(path)"
            )
        dedupe = near_duplicates(data, n_jobs=n_jobs, progress=progress)
    elif not isinstance(dedupe, pd.DataFrame):
        raise TypeError(f"dedupe must be True, False or a near_duplicates() table, not {dedupe!r}")
    if isinstance(data, pd.DataFrame) and _is_corpus(data):
        return drop_near_duplicates(data, duplicates=dedupe)
    folded = _folded(dedupe)
    if isinstance(data, pd.DataFrame):
        return _without(data, folded)
    if is_dask_collection(data):
        return data.map_partitions(_without, folded)
    return _drop_ids(data, folded)


@legacy(renamed={"duplicates": "data"}, positional=("corpus",))
def republication_table(
    data: pd.DataFrame, *, corpus: pd.DataFrame, by: str = "source"
) -> pd.DataFrame:
    """Who republishes whom: copies per (representative's ``by``, copy's ``by``).

    The diagonal counts a source repeating itself (re-scraped or re-posted
    articles). Sources without copies are left out.

    Parameters
    ----------
    data : DataFrame
        A :func:`near_duplicates` table.
    corpus : DataFrame
        The corpus it was computed on, with the ``by`` column.
    by : str, default "source"
        The corpus column compared.

    Returns
    -------
    DataFrame
        Rows are the ``by`` value of each cluster's representative (the
        earliest copy), columns that of its other copies; a cell counts the
        copies.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b", "c"], "source": ["spa", "okaz", "okaz"]})
    >>> dups = pd.DataFrame({"doc_id": ["a", "b", "c"], "cluster_id": [0, 0, 0],
    ...                      "representative": ["a", "a", "a"], "similarity": [1.0, 1.0, 0.9]})
    >>> republication_table(dups, corpus=corpus).to_dict()
    {'okaz': {'spa': 2}}
    """
    if by not in corpus.columns:
        raise KeyError(f"by={by!r} is not a column of the corpus: {list(corpus.columns)}")
    of = pd.Series(corpus[by].to_numpy(), index=corpus["doc_id"].astype(str))
    copies = data[data["doc_id"] != data["representative"]]
    pairs = pd.DataFrame({
        "original": of.reindex(copies["representative"].astype(str)).to_numpy(),
        "copy": of.reindex(copies["doc_id"].astype(str)).to_numpy(),
    })  # fmt: skip
    table = pd.crosstab(pairs["original"], pairs["copy"])
    return table.rename_axis(index=f"original {by}", columns=f"copy {by}")


@legacy(renamed={"duplicates": "data"}, positional=("corpus",))
def duplicate_clusters(
    data: pd.DataFrame, *, corpus: pd.DataFrame, top: int | None = None
) -> pd.DataFrame:
    """One row per cluster of copies, biggest first: what a report lists.

    Parameters
    ----------
    data : DataFrame
        A :func:`near_duplicates` table.
    corpus : DataFrame
        The corpus it was computed on.
    top : int or None, default None
        Keep the biggest clusters only; None keeps them all.

    Returns
    -------
    DataFrame
        ``cluster_id, size`` (documents), ``sources`` (distinct values of
        the corpus ``source`` column, 0 without one), ``representative`` and
        its ``date``, ``source`` and ``title`` when the corpus has them.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "source": ["spa", "okaz"],
    ...                        "title": ["t", "u"]})
    >>> dups = pd.DataFrame({"doc_id": ["a", "b"], "cluster_id": [0, 0],
    ...                      "representative": ["a", "a"], "similarity": [1.0, 0.9]})
    >>> duplicate_clusters(dups, corpus=corpus).values.tolist()
    [[0, 2, 2, 'a', 'spa', 't']]
    """
    meta = corpus.assign(doc_id=corpus["doc_id"].astype(str)).set_index("doc_id")
    groups = data.groupby("cluster_id", sort=True)
    table = groups.agg(size=("doc_id", "size"), representative=("representative", "first"))
    if "source" in meta.columns:
        sources = meta["source"].reindex(data["doc_id"].astype(str)).to_numpy()
        table.insert(1, "sources", pd.Series(sources).groupby(data["cluster_id"].to_numpy())
                     .nunique())  # fmt: skip
    else:
        table.insert(1, "sources", 0)
    for column in ("date", "source", "title"):
        if column in meta.columns:
            table[column] = meta[column].reindex(table["representative"].astype(str)).to_numpy()
    table = table.sort_values("size", ascending=False, kind="stable").reset_index()
    return table.head(top) if top is not None else table

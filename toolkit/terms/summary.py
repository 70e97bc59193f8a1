"""Voyant's Summary and quanteda's ``textstat_summary``: size, vocabulary and key terms.

>>> summary = corpus_summary("المغرب والمغرب يرحب. زار كوخافي المغرب")
>>> summary.documents.loc[0, ["tokens", "types", "sentences"]].tolist()
[6, 4, 2]
>>> round(float(summary.documents.loc[0, "vocabulary_density"]), 3)
0.667
"""

from __future__ import annotations

from itertools import pairwise
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix

from toolkit._docstrings import fill_doc
from toolkit.inputs import corpus_input
from toolkit.parallel import map_partitions
from toolkit.terms.association import _g2_2x2
from toolkit.terms.matrix import term_matrices
from toolkit.text.clitics import TermResolver
from toolkit.text.sentences import sentences_with_words

__all__ = ["CorpusSummary", "corpus_summary"]


class CorpusSummary(NamedTuple):
    """Two tables: one row per document, and one row for the whole corpus."""

    documents: pd.DataFrame
    corpus: pd.DataFrame


@fill_doc
def corpus_summary(
    data: str | pd.DataFrame,
    *,
    distinctive: int = 5,
    min_count: int = 1,
    n_jobs: int | None = 1,
    evidence: TermResolver | None = None,
    progress: bool | None = None,
    chunksize: int | None = None,
) -> CorpusSummary:
    """Size, vocabulary and most distinctive terms of each document and of the corpus.

    ``tokens`` counts words (Arabic or Latin letter runs; numbers and
    punctuation are not words), stop words included. ``types`` counts
    distinct *readable terms* (والمغرب and للمغرب are one type, المغرب), so
    ``vocabulary_density = types / tokens`` is not inflated by clitics;
    ``sentences`` counts the sentences with at least one word.
    ``distinctive_terms`` are the terms (stop words left out) with the
    largest log-likelihood keyness (G², as :func:`toolkit.keyness`) of the
    document against the rest of the corpus, over-used terms only, joined
    by "، ".

    Parameters
    ----------
    data : str or DataFrame
        A string or a corpus DataFrame.
    distinctive : int, default 5
        Distinctive terms listed per document.
    {min_count}
        Here: occurrences in the document for a distinctive term.
    {n_jobs}
    {evidence}
    {progress}
    {chunksize}

    Returns
    -------
    CorpusSummary
        ``.documents``, one row per document: ``doc_id, date, dated, tokens,
        types, vocabulary_density, sentences, words_per_sentence,
        distinctive_terms``; ``.corpus``, one row: ``documents, dated,
        undated, first_date, last_date, tokens, types, vocabulary_density,
        sentences, words_per_sentence``.

    Examples
    --------
    >>> corpus_summary("زار كوخافي الرباط").corpus["types"].tolist()
    [3]
    """
    corpus = corpus_input(data, func="corpus_summary", in_memory=True)
    # every word (tokens, types) and the content words (distinctive terms), counted once
    every, content = term_matrices(corpus, stopwords=[False, True], n_jobs=n_jobs,
                                   evidence=evidence, progress=progress,
                                   chunksize=chunksize)  # fmt: skip
    parts = map_partitions(_count_sentences, corpus[["doc_id", "text"]], n_jobs=n_jobs,
                           chunksize=chunksize, progress=progress, desc="sentences")  # fmt: skip
    sentences = np.concatenate([*parts, np.zeros(0, np.int64)])
    tokens = every.n_tokens
    types = np.diff(every.matrix.indptr)
    dates = pd.to_datetime(corpus["date"]) if "date" in corpus else pd.Series(pd.NaT, corpus.index)
    documents = pd.DataFrame({
        "doc_id": every.doc_ids,
        "date": dates.to_numpy(),
        "dated": dates.notna().to_numpy(),
        "tokens": tokens,
        "types": types,
        "vocabulary_density": types / np.maximum(tokens, 1),
        "sentences": sentences,
        "words_per_sentence": tokens / np.maximum(sentences, 1),
        "distinctive_terms": _distinctive(content.matrix, content.terms, distinctive, min_count),
    })  # fmt: skip
    n_tokens, n_types = int(tokens.sum()), int((every.matrix.getnnz(axis=0) > 0).sum())
    whole = pd.DataFrame({
        "documents": [len(documents)],
        "dated": [int(documents["dated"].sum())],
        "undated": [int((~documents["dated"]).sum())],
        "first_date": [dates.min()],
        "last_date": [dates.max()],
        "tokens": [n_tokens],
        "types": [n_types],
        "vocabulary_density": [n_types / max(n_tokens, 1)],
        "sentences": [int(sentences.sum())],
        "words_per_sentence": [n_tokens / max(int(sentences.sum()), 1)],
    })  # fmt: skip
    return CorpusSummary(documents, whole)


def _count_sentences(chunk: pd.DataFrame) -> np.ndarray:
    """Sentences that hold at least one word, per document of ``chunk``
    (:func:`~toolkit.text.sentences.sentences_with_words`)."""
    return np.fromiter((sentences_with_words(text) if isinstance(text, str) else 0
                        for text in chunk["text"]), np.int64, len(chunk))  # fmt: skip


def _distinctive(matrix: csr_matrix, terms: list[str], top: int, min_count: int) -> list[str]:
    """Per row, the ``top`` over-used terms by G² against the other rows, joined by "، "."""
    matrix = matrix.tocsr()
    doc_totals = np.asarray(matrix.sum(axis=1)).ravel().astype(float)
    term_totals = np.asarray(matrix.sum(axis=0)).ravel().astype(float)
    total = doc_totals.sum()
    row = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    o11 = matrix.data.astype(float)
    # the candidates first: at least min_count times, used more than in the other rows
    keep = np.flatnonzero(o11 >= min_count)
    o11, row = o11[keep], row[keep]
    o21 = term_totals[matrix.indices[keep]] - o11
    rest = total - doc_totals[row]
    with np.errstate(divide="ignore", invalid="ignore"):
        over = (rest > 0) & (o11 / doc_totals[row] > np.where(rest > 0, o21 / rest, 0))
    keep, o11, o21, rest, row = keep[over], o11[over], o21[over], rest[over], row[over]
    g2 = _g2_2x2(o11, doc_totals[row] - o11, o21, rest - o21)
    names = np.array(terms, dtype=object)
    rank = np.empty(len(names), dtype=np.int64)
    rank[np.argsort(names, kind="stable")] = np.arange(len(names))
    # all rows at once: by row, then G² (largest first), then name; the first ``top`` of each
    order = np.lexsort((rank[matrix.indices[keep]], -g2, row))
    rows = row[order]
    first = np.searchsorted(rows, rows)  # where each entry's row starts in ``order``
    best = order[np.arange(len(order)) - first < top]
    chosen = names[matrix.indices[keep[best]]].tolist()
    bounds = np.searchsorted(row[best], np.arange(matrix.shape[0] + 1)).tolist()
    return ["، ".join(chosen[start:end]) for start, end in pairwise(bounds)]

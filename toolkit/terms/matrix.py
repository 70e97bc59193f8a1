"""A sparse documents x readable-terms matrix, the input of topics, similarity and maps.

It is counted by the same engine as :func:`toolkit.term_frequencies`
(:mod:`toolkit.terms.counting`): word ids per chunk, every distinct word
resolved to its readable term once, so والمغرب and للمغرب fill the
column of المغرب.

>>> m = term_matrix("زار كوخافي المغرب. والمغرب يرحب بكوخافي")
>>> dict(zip(m.terms, m.matrix.toarray()[0].tolist()))["المغرب"], m.n_tokens.tolist()
(2, [6])
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix, vstack

from toolkit._docstrings import fill_doc
from toolkit.inputs import corpus_input, is_stream, iter_chunks
from toolkit.parallel import map_partitions, split_frame
from toolkit.terms.counting import TermCounts, count_chunk, total_counts
from toolkit.terms.frequencies import FORMS, stop_set
from toolkit.text.clitics import TermResolver

__all__ = ["TermMatrix", "term_matrix"]


@dataclass
class TermMatrix:
    """Counts of ``terms`` (columns) in the documents ``doc_ids`` (rows)."""

    matrix: csr_matrix  # documents x terms, int64 counts
    doc_ids: np.ndarray  # row -> doc_id
    terms: list[str]  # column -> readable term
    n_tokens: np.ndarray  # word tokens of each document, stop words included
    evidence: TermResolver  # the clitic evidence used (the whole corpus)

    def prune(self, *, min_df: int = 1, max_df: float = 1.0) -> TermMatrix:
        """Keep the terms found in at least ``min_df`` documents and at most a ``max_df`` share."""
        df = np.bincount(self.matrix.indices, minlength=self.matrix.shape[1])
        kept = np.flatnonzero((df >= min_df) & (df <= max_df * max(self.matrix.shape[0], 1)))
        return TermMatrix(self.matrix[:, kept].tocsr(), self.doc_ids,
                          [self.terms[i] for i in kept], self.n_tokens, self.evidence)  # fmt: skip


@fill_doc
def term_matrix(
    data: str | pd.DataFrame,
    *,
    form: str = "term",
    stopwords: bool | Iterable[str] = True,
    min_df: int = 1,
    max_df: float = 1.0,
    n_jobs: int | None = 1,
    evidence: TermResolver | None = None,
    progress: bool | None = None,
    chunksize: int | None = None,
) -> TermMatrix:
    """Count every document's terms into a sparse matrix (rows in corpus order).

    A stream is read chunk by chunk (only the matrix is kept); chunks are
    read on ``n_jobs`` processes.

    Parameters
    ----------
    {data}
    {form}
    {stopwords}
    min_df : int, default 1
        Drop terms found in fewer documents.
    max_df : float, default 1.0
        Drop terms found in a larger share of the documents.
    {n_jobs}
    {chunksize}
    {evidence}
    {progress}

    Returns
    -------
    TermMatrix
        ``.matrix`` (documents x terms, SciPy CSR counts), ``.doc_ids`` and
        ``.terms``.

    Examples
    --------
    >>> counts = term_matrix("زار كوخافي الرباط وزار الرباط")
    >>> sorted(zip(counts.terms, counts.matrix.toarray()[0].tolist()))
    [('الرباط', 2), ('زار', 2), ('كوخافي', 1)]
    """
    if form not in FORMS:
        raise ValueError(f"form must be one of {FORMS}, got {form!r}")
    corpus = corpus_input(data, func="term_matrix")
    doc_ids: list[str] = []

    def chunks():  # only what the workers read; the doc_ids are kept as the chunks pass
        for part in iter_chunks(corpus) if is_stream(corpus) else split_frame(corpus, chunksize):
            doc_ids.extend(part["doc_id"])
            yield part[["doc_id", "text"]]

    results = list(map_partitions(partial(count_chunk, by=None, ngram=1), chunks(),
                                  n_jobs=n_jobs, chunksize=chunksize, progress=progress,
                                  desc="terms"))  # fmt: skip
    if evidence is None and form != "norm":
        evidence = TermResolver()
        counts = total_counts(results)
        evidence.update(counts)
        evidence.resolve_all(counts, n_jobs=n_jobs)
    evidence = TermResolver() if evidence is None else evidence
    counter = TermCounts(form, stop_set(stopwords), evidence, ngram=1)
    parts = [counter.document_terms(chunk) for chunk in results]
    n_terms = len(counter.ids)
    for part in parts:
        part.resize(part.shape[0], n_terms)
    matrix = (vstack(parts, format="csr") if parts else csr_matrix((0, n_terms))).astype(np.int64)
    n_tokens = np.concatenate([np.asarray(chunk.matrix.sum(axis=1)).ravel() for chunk in results]
                              or [np.zeros(0)]).astype(np.int64)  # fmt: skip
    full = TermMatrix(matrix, np.array(doc_ids, dtype=object), counter.terms(), n_tokens, evidence)
    return full.prune(min_df=max(min_df, 1), max_df=max_df)  # stop words have empty columns

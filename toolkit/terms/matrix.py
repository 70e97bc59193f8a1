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
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix, vstack

from toolkit._docstrings import fill_doc
from toolkit.cache import corpus_fingerprint
from toolkit.inputs import corpus_input, is_stream, iter_chunks
from toolkit.parallel import map_partitions, split_frame
from toolkit.terms.counting import TermCounts, count_chunk, total_counts
from toolkit.terms.frequencies import FORMS, stop_set
from toolkit.text.clitics import TermResolver

__all__ = ["TermMatrix", "term_matrices", "term_matrix"]


@dataclass
class TermMatrix:
    """Counts of ``terms`` (columns) in the documents ``doc_ids`` (rows).

    Count it once and pass it to :func:`toolkit.topics`, :func:`toolkit.similarity`
    and :func:`toolkit.document_map` in place of the corpus: they prune it to
    their own ``min_df``/``max_df`` instead of counting the corpus again.
    """

    matrix: csr_matrix  # documents x terms, int64 counts
    doc_ids: np.ndarray  # row -> doc_id
    terms: list[str]  # column -> readable term
    n_tokens: np.ndarray  # word tokens of each document, stop words included
    evidence: TermResolver  # the clitic evidence used (the whole corpus)
    documents: pd.DataFrame | None = None  # the corpus columns but text, row by row
    form: str = "term"
    stopwords: frozenset[str] | None = None  # the stop words left out (None: none)
    pruned: tuple[int, float] = (1, 1.0)  # the min_df and max_df applied

    def prune(self, *, min_df: int = 1, max_df: float = 1.0) -> TermMatrix:
        """Keep the terms found in at least ``min_df`` documents and at most a ``max_df`` share."""
        df = np.bincount(self.matrix.indices, minlength=self.matrix.shape[1])
        kept = np.flatnonzero((df >= min_df) & (df <= max_df * max(self.matrix.shape[0], 1)))
        pruned = (max(min_df, self.pruned[0]), min(max_df, self.pruned[1]))
        return replace(self, matrix=self.matrix[:, kept].tocsr(),
                       terms=[self.terms[i] for i in kept], pruned=pruned)  # fmt: skip

    def reuse(
        self, *, form: str, stopwords: frozenset[str] | None, evidence: TermResolver | None,
        min_df: int, max_df: float,
    ) -> TermMatrix:  # fmt: skip
        """This matrix pruned for an analysis that asked for these options, or a
        ``ValueError`` naming the option it was not counted with."""
        asked = {"form": form, "stopwords": stopwords}
        for name, value in asked.items():
            if getattr(self, name) != value:
                raise ValueError(
                    f"this TermMatrix was counted with another {name}= than the one asked for: "
                    f"count one with term_matrix(corpus, {name}=...), or pass the corpus"
                )
        if evidence is not None and evidence is not self.evidence:
            raise ValueError(
                "this TermMatrix was counted with another evidence= than the one given"
            )
        if min_df < self.pruned[0] or max_df > self.pruned[1]:
            raise ValueError(
                f"this TermMatrix was pruned to min_df={self.pruned[0]}, "
                f"max_df={self.pruned[1]}; it cannot give min_df={min_df}, max_df={max_df}"
            )
        return self.prune(min_df=min_df, max_df=max_df)


@fill_doc
def term_matrix(
    data: str | pd.DataFrame | TermMatrix,
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

    A stream is read chunk by chunk (only the matrix and the other columns
    are kept); chunks are read on ``n_jobs`` processes. A :class:`TermMatrix`
    counted with the same ``form``, ``stopwords`` and ``evidence`` is only
    pruned to ``min_df`` and ``max_df``, which is how the document analyses
    share one count.

    Parameters
    ----------
    {data}
        Or a :class:`TermMatrix` to prune.
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
        ``.matrix`` (documents x terms, SciPy CSR counts), ``.doc_ids``,
        ``.terms`` and ``.documents`` (the corpus without its text).

    Examples
    --------
    >>> counts = term_matrix("زار كوخافي الرباط وزار الرباط")
    >>> sorted(zip(counts.terms, counts.matrix.toarray()[0].tolist()))
    [('الرباط', 2), ('زار', 2), ('كوخافي', 1)]
    """
    if form not in FORMS:
        raise ValueError(f"form must be one of {FORMS}, got {form!r}")
    if isinstance(data, TermMatrix):
        return data.reuse(form=form, stopwords=stop_set(stopwords), evidence=evidence,
                          min_df=max(min_df, 1), max_df=max_df)  # fmt: skip
    (full,) = term_matrices(data, stopwords=[stopwords], form=form, n_jobs=n_jobs,
                            evidence=evidence, progress=progress, chunksize=chunksize)  # fmt: skip
    return full.prune(min_df=max(min_df, 1), max_df=max_df)


def term_matrices(
    data: str | pd.DataFrame,
    *,
    stopwords: list[bool | Iterable[str]],
    form: str = "term",
    n_jobs: int | None = 1,
    evidence: TermResolver | None = None,
    progress: bool | None = None,
    chunksize: int | None = None,
) -> list[TermMatrix]:
    """:func:`term_matrix` for each of the ``stopwords`` options, all from one count of the
    corpus (the words are read and resolved once): ``False`` keeps every word, and the
    others must name the same stop list. Every matrix keeps its stop words' empty columns
    out (pruned to ``min_df=1``).

    >>> every, content = term_matrices("زار الوزير في الرباط", stopwords=[False, True])
    >>> every.terms, content.terms
    (['زار', 'الوزير', 'في', 'الرباط'], ['زار', 'الوزير', 'الرباط'])
    """
    stops = [stop_set(option) for option in stopwords]
    lists = {stop for stop in stops if stop is not None}
    if len(lists) > 1:
        raise ValueError("term_matrices counts with one stop list (and False) at a time")
    corpus = corpus_input(data, func="term_matrix")
    key = _memo_key(corpus, form, evidence)
    last = _LAST_MATRICES.get(key, {}) if key is not None else {}
    if all(stop in last for stop in stops):
        return [last[stop] for stop in stops]
    matrices = _count_matrices(corpus, stops=stops, form=form, n_jobs=n_jobs,
                               evidence=evidence, progress=progress,
                               chunksize=chunksize)  # fmt: skip
    if key is not None:
        _LAST_MATRICES.clear()
        _LAST_MATRICES[key] = dict(zip(stops, matrices, strict=True))
    return matrices


#: The matrices of the last in-memory corpus counted, by stop list (one corpus kept): a
#: term_matrix, corpus_summary or dictionary_counts of the same corpus with the same form
#: and evidence reuses them instead of counting again. They are never handed out to be
#: changed: term_matrix gives a pruned copy, the others only read them.
_LAST_MATRICES: dict[tuple, dict[frozenset[str] | None, TermMatrix]] = {}


def _memo_key(corpus: Any, form: str, evidence: TermResolver | None) -> tuple | None:
    """What a count of ``corpus`` depends on: its content, ``form`` and the evidence given
    (that very object, compared by identity, and its updates so far; ``None``: the corpus's
    own); ``None`` for a stream."""
    if not isinstance(corpus, pd.DataFrame):
        return None
    return corpus_fingerprint(corpus), form, evidence, getattr(evidence, "version", None)


def _count_matrices(
    corpus: Any,
    *,
    stops: list[frozenset[str] | None],
    form: str,
    n_jobs: int | None,
    evidence: TermResolver | None,
    progress: bool | None,
    chunksize: int | None,
) -> list[TermMatrix]:
    """The count behind :func:`term_matrices`, one matrix per stop list in ``stops``."""
    others: list[pd.DataFrame] = []

    def chunks():  # only what the workers read; the other columns are kept as chunks pass
        for part in iter_chunks(corpus) if is_stream(corpus) else split_frame(corpus, chunksize):
            others.append(part.drop(columns=["text"]))
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
    stop_list = next((stop for stop in stops if stop is not None), None)  # (one at most)
    counter = TermCounts(form, stop_list, evidence, ngram=1)
    keep_stopwords = [stop is None for stop in stops]
    by_chunk = [counter.document_terms(chunk, keep_stopwords=keep_stopwords) for chunk in results]
    n_terms = len(counter.ids)
    terms = counter.terms()
    n_tokens = np.concatenate([np.asarray(chunk.matrix.sum(axis=1)).ravel() for chunk in results]
                              or [np.zeros(0)]).astype(np.int64)  # fmt: skip
    if not others:  # no chunk
        others = [pd.DataFrame({"doc_id": pd.Series([], dtype=object)})]
    documents = pd.concat(others, ignore_index=True) if len(others) > 1 else others[0]
    documents = documents.reset_index(drop=True)
    doc_ids = documents["doc_id"].to_numpy(dtype=object)
    matrices = []
    for option, stop in enumerate(stops):
        chunks_terms = [matrices_of_chunk[option] for matrices_of_chunk in by_chunk]
        for part in chunks_terms:
            part.resize(part.shape[0], n_terms)
        matrix = vstack(chunks_terms, format="csr") if chunks_terms else csr_matrix((0, n_terms))
        full = TermMatrix(matrix.astype(np.int64), doc_ids, terms, n_tokens, evidence, documents,
                          form, stop)  # fmt: skip
        matrices.append(full.prune(min_df=1))  # stop words have empty columns
    return matrices

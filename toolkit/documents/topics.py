"""Topic models on readable terms (scikit-learn's NMF and LatentDirichletAllocation).

>>> import pandas as pd
>>> corpus = pd.DataFrame({"doc_id": list("abcd"), "text": [
...     "المنتخب المغربي فاز في المباراة", "فاز المنتخب بالمباراة النهائية",
...     "الحكومة أقرت الميزانية الجديدة", "الميزانية والحكومة في البرلمان"]})
>>> model = topics(corpus, n_topics=2, min_df=2, max_df=1.0)
>>> top = model.terms[model.terms["rank"] <= 3].groupby("topic").term.apply(set)
>>> sorted(bool({"المنتخب", "المباراة"} <= terms) for terms in top)
[False, True]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import numpy as np
import pandas as pd

from toolkit._docstrings import fill_doc
from toolkit.terms.matrix import TermMatrix, term_matrix
from toolkit.text.clitics import TermResolver

__all__ = ["METHODS", "Topics", "fit_topics", "topics"]

METHODS = ("nmf", "lda")


class Topics(NamedTuple):
    """A fitted topic model as two tidy tables.

    ``terms``: ``topic, rank, term, weight`` (the ``top`` terms of each topic,
    rank 1 first); ``documents``: ``doc_id, topic, weight`` (every document x
    topic; weights of a document sum to 1). Topics are numbered from 1.
    """

    terms: pd.DataFrame
    documents: pd.DataFrame


@fill_doc
def topics(
    data: str | pd.DataFrame | TermMatrix,
    *,
    n_topics: int = 10,
    method: str = "nmf",
    top: int | None = None,
    min_df: int = 5,
    max_df: float = 0.5,
    stopwords: bool | Iterable[str] = True,
    random_state: int = 0,
    max_iter: int | None = None,
    n_jobs: int | None = 1,
    evidence: TermResolver | None = None,
    progress: bool | None = None,
) -> Topics:
    """Fit ``n_topics`` topics to the readable terms of ``data`` (stop words removed).

    Terms are counted as in :func:`toolkit.term_frequencies` (والمغرب and
    للمغرب are المغرب). The result is the same for the same
    ``random_state``. Counting runs on ``n_jobs`` processes; the model is
    fitted on one core.

    Parameters
    ----------
    data : str, DataFrame or TermMatrix
        A string, a corpus DataFrame, or its :func:`~toolkit.term_matrix` to share
        one count between analyses (counted with the same ``stopwords`` and
        ``evidence``; pruned here to ``min_df`` and ``max_df``).
    n_topics : int, default 10
        Topics fitted.
    method : {"nmf", "lda"}, default "nmf"
        ``nmf`` factorises the tf-idf matrix (rows of unit length) with
        scikit-learn's NMF (``init="nndsvda"``); ``lda`` fits
        LatentDirichletAllocation to the counts (online variational Bayes,
        batches of 512 documents), about ten times slower.
    top : int or None, default None
        Terms listed per topic; None lists 10.
    min_df : int, default 5
        Leave out terms found in fewer documents.
    max_df : float, default 0.5
        Leave out terms found in a larger share of the documents.
    {stopwords}
    random_state : int, default 0
        Seed of the fit.
    max_iter : int or None, default None
        None: 200 iterations for NMF, 10 passes over the corpus for LDA.
    {n_jobs}
    {evidence}
    {progress}

    Returns
    -------
    Topics
        ``.terms``: ``topic, rank, term, weight`` (the ``top`` terms of each
        topic, rank 1 first); ``.documents``: ``doc_id, topic, weight``
        (every document x topic; weights of a document sum to 1). Topics are
        numbered from 1.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": list("abcd"), "text": ["فاز المنتخب في المباراة",
    ...     "خسر المنتخب المباراة", "صادقت الحكومة على الميزانية", "ناقشت الحكومة الميزانية"]})
    >>> model = topics(corpus, n_topics=2, min_df=2, max_df=1.0)
    >>> sorted(model.terms.groupby("topic").term.apply(frozenset))  # doctest: +SKIP
    [frozenset({'المنتخب', 'المباراة'}), frozenset({'الحكومة', 'الميزانية'})]
    >>> model.documents.groupby("doc_id").weight.sum().round(6).tolist()
    [1.0, 1.0, 1.0, 1.0]
    """
    matrix = term_matrix(data, stopwords=stopwords, min_df=min_df, max_df=max_df,
                         n_jobs=n_jobs, evidence=evidence, progress=progress)  # fmt: skip
    return fit_topics(matrix, n_topics=n_topics, method=method, top=10 if top is None else top,
                      random_state=random_state, max_iter=max_iter)  # fmt: skip


def fit_topics(
    matrix: TermMatrix,
    *,
    n_topics: int = 10,
    method: str = "nmf",
    top: int = 10,
    random_state: int = 0,
    max_iter: int | None = None,
) -> Topics:
    """Fit a topic model to a :class:`~toolkit.terms.matrix.TermMatrix` (see :func:`topics`)."""
    from sklearn.decomposition import NMF, LatentDirichletAllocation
    from sklearn.feature_extraction.text import TfidfTransformer

    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    if n_topics < 1 or top < 1:
        raise ValueError(f"n_topics and top must be at least 1, got {n_topics}, {top}")
    counts = matrix.matrix.astype(np.float64)
    if counts.shape[1] < n_topics:
        raise ValueError(f"only {counts.shape[1]} terms left for {n_topics} topics; "
                         "lower min_df or raise max_df")  # fmt: skip
    if method == "nmf":
        model = NMF(n_topics, init="nndsvda", random_state=random_state,
                    max_iter=max_iter or 200)  # fmt: skip
        weights = model.fit_transform(TfidfTransformer(sublinear_tf=True).fit_transform(counts))
    else:
        model = LatentDirichletAllocation(n_topics, learning_method="online",
                                          max_iter=max_iter or 10, batch_size=512,
                                          random_state=random_state)  # fmt: skip
        weights = model.fit_transform(counts)
    components = model.components_ / np.maximum(model.components_.sum(axis=1, keepdims=True),
                                                1e-12)  # fmt: skip
    best = np.argsort(-components, axis=1, kind="stable")[:, :top]
    names = np.array(matrix.terms, dtype=object)
    n_top = best.shape[1]
    terms = pd.DataFrame({
        "topic": np.repeat(np.arange(1, n_topics + 1), n_top),
        "rank": np.tile(np.arange(1, n_top + 1), n_topics),
        "term": names[best].ravel(),
        "weight": np.take_along_axis(components, best, axis=1).ravel(),
    })  # fmt: skip
    totals = weights.sum(axis=1, keepdims=True)
    shares = np.divide(weights, totals, out=np.zeros_like(weights), where=totals > 0)
    documents = pd.DataFrame({
        "doc_id": np.repeat(matrix.doc_ids, n_topics),
        "topic": np.tile(np.arange(1, n_topics + 1), len(matrix.doc_ids)),
        "weight": shares.ravel(),
    })  # fmt: skip
    return Topics(terms, documents)

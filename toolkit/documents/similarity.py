"""Most similar documents: cosine of tf-idf vectors (or Jaccard of term sets), top-k per document.

>>> import pandas as pd
>>> corpus = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [
...     "المنتخب المغربي فاز بالمباراة", "والمنتخب المغربي فاز", "الحكومة أقرت الميزانية"]})
>>> similarity(corpus, top=1, min_df=1, max_df=1.0)[["doc_id", "other"]].values.tolist()
[['a', 'b'], ['b', 'a']]
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import partial

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix

from toolkit._docstrings import fill_doc
from toolkit.parallel import resolve_n_jobs
from toolkit.terms.matrix import TermMatrix, term_matrix
from toolkit.text.clitics import TermResolver

__all__ = ["METHODS", "similarity"]

METHODS = ("cosine", "jaccard")
BLOCK = 512  # documents compared at once: BLOCK x documents float32 cells in memory


@fill_doc
def similarity(
    data: str | pd.DataFrame | TermMatrix,
    *,
    method: str = "cosine",
    top: int | None = None,
    min_df: int = 2,
    max_df: float = 0.5,
    stopwords: bool | Iterable[str] = True,
    n_jobs: int | None = 1,
    evidence: TermResolver | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """The most similar other documents of each document.

    Documents are compared on their readable terms (stop words removed).
    The full document x document matrix is never built: documents are
    compared ``BLOCK`` at a time against the sparse matrix and only the
    ``top`` of each row are kept, so memory grows with the corpus, not its
    square. Ties go to the document that comes first in the corpus.

    Parameters
    ----------
    data : str, DataFrame or TermMatrix
        A string, a corpus DataFrame, or its :func:`~toolkit.term_matrix` to share
        one count between analyses (counted with the same ``stopwords`` and
        ``evidence``; pruned here to ``min_df`` and ``max_df``).
    method : {"cosine", "jaccard"}, default "cosine"
        ``cosine`` of tf-idf vectors (sublinear tf, smoothed idf, as
        scikit-learn's ``TfidfTransformer``); ``jaccard``: shared terms /
        terms of either document.
    top : int or None, default None
        Similar documents listed per document; None lists 10.
    min_df : int, default 2
        Leave out terms found in fewer documents.
    max_df : float, default 0.5
        Leave out terms found in a larger share of the documents.
    {stopwords}
    {n_jobs}
    {evidence}
    {progress}

    Returns
    -------
    DataFrame
        ``doc_id, other, similarity, rank``; pairs with similarity 0 are not
        listed.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b", "c"],
    ...     "text": ["زار كوخافي الرباط", "كوخافي في الرباط", "فاز المنتخب"]})
    >>> similarity(corpus, top=1, min_df=1, max_df=1.0)[["doc_id", "other"]].values.tolist()
    [['a', 'b'], ['b', 'a']]
    """
    from sklearn.feature_extraction.text import TfidfTransformer

    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    top = 10 if top is None else top
    if top < 1:
        raise ValueError(f"top must be at least 1, got {top}")
    m = term_matrix(data, stopwords=stopwords, min_df=min_df, max_df=max_df,
                    n_jobs=n_jobs, evidence=evidence, progress=progress)  # fmt: skip
    if method == "cosine":
        vectors = TfidfTransformer(sublinear_tf=True).fit_transform(m.matrix).astype(np.float32)
    else:
        vectors = csr_matrix((np.ones_like(m.matrix.data, dtype=np.float32),
                              m.matrix.indices, m.matrix.indptr), shape=m.matrix.shape)  # fmt: skip
    n = vectors.shape[0]
    k = min(top, n - 1)
    if k < 1:
        row = other = np.zeros(0, np.int64)
        value = np.zeros(0, np.float32)
    else:
        compare = partial(_best_of_block, vectors=vectors, transposed=vectors.T.tocsr(), k=k,
                          jaccard=method == "jaccard")  # fmt: skip
        # the sparse product and the partial sort release the GIL: threads share the matrices
        with ThreadPoolExecutor(resolve_n_jobs(n_jobs)) as pool:
            parts = list(pool.map(compare, range(0, n, BLOCK)))
        row, other, value = (np.concatenate(column) for column in zip(*parts, strict=True))
    table = pd.DataFrame({
        "doc_id": m.doc_ids[row],
        "other": m.doc_ids[other],
        "similarity": value.astype(np.float64),
        "rank": np.tile(np.arange(1, k + 1), len(row) // max(k, 1)) if k else row,
    })  # fmt: skip
    table = table[table["similarity"] > 0]
    table["rank"] = table.groupby("doc_id", sort=False).cumcount() + 1
    return table.reset_index(drop=True)


def _best_of_block(
    start: int, *, vectors: csr_matrix, transposed: csr_matrix, k: int, jaccard: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(rows, others, values)``: the ``k`` most similar other documents of the
    documents ``start`` to ``start + BLOCK`` (ties to the earlier document)."""
    block = (vectors[start : start + BLOCK] @ transposed).toarray()
    if jaccard:
        sizes = np.diff(vectors.indptr).astype(np.float32)
        union = sizes[start : start + BLOCK, None] + sizes[None, :] - block
        block = np.divide(block, union, out=np.zeros_like(block), where=union > 0)
    rows = np.arange(len(block))
    block[rows, rows + start] = -np.inf
    # the k best, best first, by k passes of argmax: each takes the first of equal values
    # (the earlier document), and no index array of the block's size is made
    best = np.empty((len(block), k), np.int64)
    score = np.empty((len(block), k), block.dtype)
    for rank in range(k):
        best[:, rank] = block.argmax(axis=1)
        score[:, rank] = block[rows, best[:, rank]]
        block[rows, best[:, rank]] = -np.inf
    return np.repeat(np.arange(start, start + len(block)), k), best.ravel(), score.ravel()

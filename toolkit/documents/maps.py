"""Maps of a corpus: documents and terms placed by correspondence analysis or truncated SVD.

>>> import pandas as pd
>>> corpus = pd.DataFrame({"doc_id": list("abcd"), "source": ["s", "s", "e", "e"], "text": [
...     "المنتخب المغربي فاز في المباراة", "فاز المنتخب بالمباراة النهائية",
...     "الحكومة أقرت الميزانية الجديدة", "الميزانية والحكومة في البرلمان"]})
>>> docs = document_map(corpus, min_df=1, max_df=1.0).documents
>>> bool(docs.x[0] * docs.x[2] < 0)  # sport and economy on opposite sides
True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix, diags
from scipy.sparse.linalg import LinearOperator, svds

from toolkit._docstrings import fill_doc
from toolkit.inputs import corpus_input
from toolkit.terms.matrix import TermMatrix, term_matrix
from toolkit.text.clitics import TermResolver

__all__ = ["METHODS", "DocumentMap", "document_map"]

METHODS = ("ca", "svd")


class DocumentMap(NamedTuple):
    """Coordinates on two dimensions.

    ``documents``: ``doc_id, x, y, contribution`` and the corpus's metadata
    columns (``text`` left out); ``terms``: ``term, x, y, contribution,
    count``. ``contribution`` is each point's share of the two dimensions'
    inertia (CA) or squared length (SVD): the points that shape the map.
    ``explained`` is each axis's share of the total inertia (CA) or of the
    tf-idf matrix's squared norm (SVD).
    """

    documents: pd.DataFrame
    terms: pd.DataFrame
    explained: tuple[float, float]
    method: str


@fill_doc
def document_map(
    data: str | pd.DataFrame | TermMatrix,
    *,
    method: str = "ca",
    min_df: int = 5,
    max_df: float = 0.5,
    stopwords: bool | Iterable[str] = True,
    random_state: int = 0,
    n_jobs: int | None = 1,
    evidence: TermResolver | None = None,
    progress: bool | None = None,
) -> DocumentMap:
    """Place documents and readable terms on two dimensions.

    Documents left with no term have no position (NaN).

    Parameters
    ----------
    data : str, DataFrame or TermMatrix
        A corpus DataFrame (or a string), or its :func:`~toolkit.term_matrix` to share
        one count between analyses (counted with the same ``stopwords`` and
        ``evidence``; pruned here to ``min_df`` and ``max_df``).
    method : {"ca", "svd"}, default "ca"
        ``ca``: correspondence analysis of the documents x terms counts (as
        quanteda's ``textmodel_ca`` and Voyant's ScatterPlot), symmetric map
        with principal coordinates for both. ``svd``: truncated SVD of the
        tf-idf matrix with unit-length rows (latent semantic analysis),
        documents at U·Σ and terms at V·Σ.
    min_df : int, default 5
        Leave out terms found in fewer documents.
    max_df : float, default 0.5
        Leave out terms found in a larger share of the documents.
    {stopwords}
    random_state : int, default 0
        Seed of the randomized SVD.
    {n_jobs}
    {evidence}
    {progress}

    Returns
    -------
    DocumentMap
        ``.documents``: ``doc_id, x, y, contribution`` and the corpus's
        metadata columns; ``.terms``: ``term, x, y, contribution, count``;
        ``.explained``: each axis's share of the total inertia (CA) or of the
        tf-idf matrix's squared norm (SVD).

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": list("abcd"), "text": ["فاز المنتخب في المباراة",
    ...     "خسر المنتخب المباراة", "صادقت الحكومة على الميزانية", "ناقشت الحكومة الميزانية"]})
    >>> placed = document_map(corpus, min_df=2, max_df=1.0)
    >>> placed.documents[["doc_id"]].join(placed.documents.x.gt(0).rename("right")).shape
    (4, 2)
    """
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfTransformer

    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    if not isinstance(data, TermMatrix):
        data = corpus_input(data, func="document_map", in_memory=True)
    m = term_matrix(data, stopwords=stopwords, min_df=min_df, max_df=max_df,
                    n_jobs=n_jobs, evidence=evidence, progress=progress)  # fmt: skip
    counts = m.matrix.astype(np.float64)
    if min(counts.shape) < 3:
        raise ValueError(f"a map needs at least 3 documents and 3 terms, got {counts.shape}")
    row_mass = np.asarray(counts.sum(axis=1)).ravel()
    col_mass = np.asarray(counts.sum(axis=0)).ravel()
    placed = row_mass > 0
    if method == "ca":
        total = counts.sum()
        r, c = row_mass / total, col_mass / total
        r_half = np.divide(1, np.sqrt(r), out=np.zeros_like(r), where=r > 0)
        c_half = 1 / np.sqrt(c)
        scaled = (diags(r_half) @ counts @ diags(c_half)).tocsr() / total
        u, sigma, vt = _residual_svd(scaled, np.sqrt(r), np.sqrt(c), random_state)
        rows = r_half[:, None] * u * sigma  # principal coordinates: D_r^(-1/2) U Σ
        cols = c_half[:, None] * vt.T * sigma
        row_inertia, col_inertia = r[:, None] * rows**2, c[:, None] * cols**2
        total_inertia = scaled.power(2).sum() - 1  # without the trivial dimension
        explained = tuple(float(s**2 / total_inertia) for s in sigma)
    else:
        svd = TruncatedSVD(2, algorithm="randomized", n_iter=10, random_state=random_state)
        tfidf = TfidfTransformer(sublinear_tf=True).fit_transform(counts)
        rows = svd.fit_transform(tfidf)
        cols = svd.components_.T * svd.singular_values_
        row_inertia, col_inertia = rows**2, cols**2
        explained = tuple(float(s**2 / tfidf.power(2).sum()) for s in svd.singular_values_)
    rows[~placed] = np.nan
    documents = m.documents.copy()
    documents.insert(1, "x", rows[:, 0])
    documents.insert(2, "y", rows[:, 1])
    documents.insert(3, "contribution", row_inertia.sum(axis=1) / row_inertia.sum())
    terms = pd.DataFrame({
        "term": m.terms,
        "x": cols[:, 0],
        "y": cols[:, 1],
        "contribution": col_inertia.sum(axis=1) / col_inertia.sum(),
        "count": col_mass.astype(np.int64),
    })  # fmt: skip
    return DocumentMap(documents, terms, explained, method)


def _residual_svd(
    scaled: csr_matrix, left: np.ndarray, right: np.ndarray, random_state: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Two leading singular triplets of ``scaled - left rightᵀ`` (the CA residuals), never
    made dense; signs fixed so that each right vector's largest entry is positive."""
    residual = LinearOperator(
        scaled.shape,
        matvec=lambda v: scaled @ np.ravel(v) - left * (right @ np.ravel(v)),
        rmatvec=lambda v: scaled.T @ np.ravel(v) - right * (left @ np.ravel(v)),
        dtype=np.float64,
    )
    start = np.random.default_rng(random_state).standard_normal(min(scaled.shape))
    u, sigma, vt = svds(residual, k=2, v0=start)
    order = np.argsort(-sigma)
    u, sigma, vt = u[:, order], sigma[order], vt[order]
    signs = np.sign(vt[np.arange(2), np.argmax(np.abs(vt), axis=1)])
    return u * signs, sigma, vt * signs[:, None]

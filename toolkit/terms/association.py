"""Which words go together (collocations) and which set a group apart (keyness).

>>> text = "رئيس أركان الجيش. " * 3 + "رئيس الحكومة"
>>> collocations(text, min_count=2)[["collocation", "count"]].values.tolist()
[['أركان الجيش', 3], ['رئيس أركان', 3]]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import chi2

from toolkit._docstrings import fill_doc
from toolkit.checks import check_positive_int
from toolkit.inputs import corpus_input
from toolkit.terms.counting import by_names
from toolkit.terms.frequencies import PER, count_terms, stop_set, term_frequencies
from toolkit.text.clitics import TermResolver
from toolkit.text.normalize import normalize

__all__ = ["collocations", "keyness"]


@fill_doc
def collocations(
    data: str | pd.DataFrame | Iterable[pd.DataFrame],
    *,
    min_count: int = 1,
    form: str = "term",
    stopwords: bool | Iterable[str] = True,
    evidence: TermResolver | None = None,
    n_jobs: int | None = 1,
    dedupe: bool | pd.DataFrame = False,
    chunksize: int | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Two-word collocations with PMI and log-likelihood (G²).

    Adjacent pairs are counted inside segments (never across punctuation or
    sentences). ``pmi`` is log2(O11 N / (R1 C1)) and ``g2`` the
    log-likelihood ratio of the 2x2 table (word1 first or not, word2 second
    or not) over all N pairs; ``p_value`` from chi-squared with 1 df. Pairs
    with a stop word are dropped when ``stopwords`` is set (the marginals
    still count them). Ranked by ``g2``, which already puts rare pairs low;
    ``min_count=3`` is a common floor before reading ``pmi``, which
    overrates rare pairs.

    Parameters
    ----------
    {data}
    {min_count}
    {form}
    {stopwords}
    {evidence}
    {n_jobs}
    {chunksize}
    {progress}
    {dedupe}

    Returns
    -------
    DataFrame
        ``collocation, word1, word2, count, count_word1, count_word2, pmi,
        g2, p_value``, sorted by ``g2``.

    Examples
    --------
    >>> text = "رئيس أركان الجيش. " * 3 + "رئيس الحكومة"
    >>> collocations(text, min_count=2)[["collocation", "count"]].values.tolist()
    [['أركان الجيش', 3], ['رئيس أركان', 3]]
    """
    check_positive_int(min_count, "min_count")
    pairs = count_terms(data, by=None, form=form, ngram=2, stopwords=False, n_jobs=n_jobs,
                        evidence=evidence, progress=progress, dedupe=dedupe,
                        chunksize=chunksize, func="collocations")  # fmt: skip
    _, (first, second), count, _ = pairs.rows()  # term ids: pairs are spelled once kept
    n = count.sum()
    r1, c1 = _totals_by(first, count), _totals_by(second, count)  # marginals over all pairs
    kept = count >= min_count
    names = np.array(pairs.terms(), dtype=object)
    stop = stop_set(stopwords)
    if stop is not None:
        ids = np.unique(np.concatenate([first[kept], second[kept]]))
        is_stop = np.zeros(len(names), dtype=bool)
        is_stop[ids] = [normalize(word, alef_maqsura=False) in stop for word in names[ids]]
        kept &= ~(is_stop[first] | is_stop[second])
    first, second, count = first[kept], second[kept], count[kept]
    o11, r1, c1 = count.astype(float), r1[kept], c1[kept]
    word1, word2 = names[first], names[second]
    table = pd.DataFrame({
        "collocation": word1 + " " + word2,
        "word1": word1,
        "word2": word2,
        "count": count,
        "count_word1": r1,
        "count_word2": c1,
        "pmi": np.log2(o11 * n / (r1 * c1)),
        "g2": _g2_2x2(o11, r1 - o11, c1 - o11, n - r1 - c1 + o11),
    })  # fmt: skip
    table["p_value"] = chi2.sf(table["g2"], 1)
    table = table.astype({"collocation": "str", "word1": "str", "word2": "str"})
    return table.sort_values(["g2", "collocation"], ascending=[False, True]).reset_index(drop=True)


def _totals_by(ids: np.ndarray, count: np.ndarray) -> np.ndarray:
    """For each row, the sum of ``count`` over the rows with the same id."""
    return np.bincount(ids, weights=count)[ids].astype(np.int64)


def _xlogx_ratio(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(observed > 0, observed * np.log(observed / expected), 0.0)


def _g2_2x2(o11, o12, o21, o22) -> np.ndarray:
    """Log-likelihood ratio G² of 2x2 tables given as four arrays of observed counts."""
    o11, o12, o21, o22 = (np.asarray(x, float) for x in (o11, o12, o21, o22))
    n = o11 + o12 + o21 + o22
    r1, r2, c1, c2 = o11 + o12, o21 + o22, o11 + o21, o12 + o22
    return 2 * (
        _xlogx_ratio(o11, r1 * c1 / n) + _xlogx_ratio(o12, r1 * c2 / n)
        + _xlogx_ratio(o21, r2 * c1 / n) + _xlogx_ratio(o22, r2 * c2 / n)
    )  # fmt: skip


@fill_doc
def keyness(
    data: pd.DataFrame | Iterable[pd.DataFrame],
    *,
    target: Any,
    reference: Any = None,
    by: str | pd.Grouper | None = None,
    form: str = "term",
    ngram: int = 1,
    stopwords: bool | Iterable[str] = True,
    min_count: int = 1,
    evidence: TermResolver | None = None,
    n_jobs: int | None = 1,
    dedupe: bool | pd.DataFrame = False,
    chunksize: int | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Terms over- or under-used in a target group compared with a reference.

    Like quanteda's ``textstat_keyness(measure="lr")``. ``g2`` is signed
    (negative when the term is relatively rarer in the target),
    ``log_ratio`` is Hardie's log2 ratio of relative frequencies (a zero
    count counts as 0.5), ``p_value`` from chi-squared with 1 df.

    Parameters
    ----------
    data : DataFrame, iterable of DataFrames or Dask DataFrame
        A corpus (with the ``by`` column) or its chunks.
    target : object or list
        The group value(s) studied.
    reference : object, list or None, default None
        The group value(s) compared with; None: every other group.
    by : str, pandas.Grouper or None, default None
        The column (or time grouping) whose values are the groups; None:
        ``doc_id``.
    {form}
    {ngram}
    {stopwords}
    {min_count}
    {evidence}
    {n_jobs}
    {chunksize}
    {progress}
    {dedupe}

    Returns
    -------
    DataFrame
        ``term, target_count, reference_count, g2, log_ratio, p_value``,
        sorted by ``g2``, most distinctive of the target first.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "source": ["هسبريس", "اليوم"],
    ...     "text": ["المغرب المغرب المغرب الرباط", "الجزائر الجزائر الرباط"]})
    >>> keyness(corpus, by="source", target="هسبريس")[["term", "target_count"]].head(1)
         term  target_count
    0  المغرب             3
    """
    check_positive_int(min_count, "min_count")
    data = corpus_input(data, func="keyness")
    by = "doc_id" if by is None else by
    freqs = term_frequencies(data, by=by, form=form, ngram=ngram, stopwords=stopwords,
                             evidence=evidence, n_jobs=n_jobs, dedupe=dedupe,
                             chunksize=chunksize, progress=progress)  # fmt: skip
    column = by_names(by)[0]
    targets = set(target) if isinstance(target, list | tuple | set) else {target}
    in_target = freqs[column].isin(targets)
    if not in_target.any():
        raise ValueError(f"target {target!r} matches no value of {column!r}")
    if reference is None:
        in_reference = ~in_target
    else:
        refs = set(reference) if isinstance(reference, list | tuple | set) else {reference}
        in_reference = freqs[column].isin(refs)
    if not in_reference.any():
        raise ValueError(f"reference {reference!r} matches no value of {column!r}")
    tokens = freqs.assign(tokens=freqs["count"] / freqs["rel_freq"] * PER)
    total_target = tokens.loc[in_target].groupby(column)["tokens"].first().sum()
    total_reference = tokens.loc[in_reference].groupby(column)["tokens"].first().sum()
    a = freqs.loc[in_target].groupby("term")["count"].sum()
    b = freqs.loc[in_reference].groupby("term")["count"].sum()
    table = pd.concat([a.rename("target_count"), b.rename("reference_count")], axis=1)
    table = table.fillna(0).astype(int)
    table = table[table.target_count + table.reference_count >= min_count]
    o11, o21 = table.target_count.to_numpy(float), table.reference_count.to_numpy(float)
    g2 = _g2_2x2(o11, total_target - o11, o21, total_reference - o21)
    rate_t = np.maximum(o11, 0.5) / total_target
    rate_r = np.maximum(o21, 0.5) / total_reference
    table["g2"] = np.where(o11 * total_reference >= o21 * total_target, g2, -g2)
    table["log_ratio"] = np.log2(rate_t / rate_r)
    table["p_value"] = chi2.sf(g2, 1)
    table = table.rename_axis("term").reset_index()
    return table.sort_values(["g2", "term"], ascending=[False, True]).reset_index(drop=True)

"""Term and n-gram frequencies of a string, a corpus, a tokens table or a stream of chunks.

>>> freqs = term_frequencies("زار كوخافي المغرب. والمغرب يرحب بكوخافي")
>>> freqs.loc[freqs.term == "المغرب", ["term", "count", "doc_freq"]].values.tolist()
[['المغرب', 2, 1]]
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from toolkit._api import user_stacklevel
from toolkit._docstrings import fill_doc
from toolkit.checks import check_choice, check_n_jobs, check_positive_int
from toolkit.dedupe import fold_duplicates
from toolkit.inputs import corpus_input, is_stream
from toolkit.parallel import is_dask_collection, map_partitions, resolve_chunksize
from toolkit.terms.counting import TermCounts, by_names, check_by, count_chunk, total_counts
from toolkit.text.clitics import TermResolver
from toolkit.text.normalize import normalize
from toolkit.text.stopwords import stopword_set
from toolkit.text.word_ids import number_words

__all__ = ["FORMS", "PER", "corpus_evidence", "stop_set", "term_frequencies"]

FORMS = ("term", "norm", "stem")
PER = 10_000  # rel_freq is per this many word tokens


@fill_doc
def term_frequencies(
    data: str | pd.DataFrame | Iterable[pd.DataFrame],
    *,
    by: str | pd.Grouper | list | None = None,
    form: str = "term",
    ngram: int = 1,
    stopwords: bool | Iterable[str] = True,
    min_count: int = 1,
    n_jobs: int | None = 1,
    evidence: TermResolver | None = None,
    progress: bool | None = None,
    dedupe: bool | pd.DataFrame = False,
    chunksize: int | None = None,
) -> pd.DataFrame:
    """Count terms (or n-grams) per group.

    Words are Arabic or Latin letter runs; numbers and punctuation are never
    terms. With ``stopwords=True`` stop words are dropped and n-grams that
    start or end with one are dropped (so رئيس أركان الجيش survives, في
    المغرب does not). N-grams never cross punctuation, digits or sentence
    boundaries. Chunks are counted on ``n_jobs`` processes and combined
    exactly (counts and document frequencies add; tf-idf is computed after).

    Clitic evidence (see :mod:`toolkit.text.clitics`): ``evidence`` if given;
    else, for a string or DataFrame, all words of ``data``; for an iterator
    of chunks, the text read so far: a word is resolved when it first
    appears, and words are resolved again each time the text read has
    doubled (a stream of n chunks costs about log2(n) passes over its
    vocabulary; results do not depend on ``n_jobs``). Use
    :func:`corpus_evidence` for whole-corpus evidence on a stream.

    Parameters
    ----------
    {data}
    {by}
        None counts the whole corpus.
    {form}
    {ngram}
    {stopwords}
    {min_count}
    {n_jobs}
    {evidence}
    {progress}
    {chunksize}
    {dedupe}
        See :func:`toolkit.dedupe.fold_duplicates`, which also says how to
        fold a stream.

    Returns
    -------
    DataFrame
        ``[<by>..., term, count, rel_freq, doc_freq, tfidf]``: ``rel_freq``
        per 10,000 word tokens of the group (stop words included),
        ``doc_freq`` the number of the group's documents containing the term,
        ``tfidf`` = (count / tokens) * ln(documents / doc_freq) within the
        group; most frequent first.

    Examples
    --------
    >>> term_frequencies("رئيس أركان الجيش في المغرب", ngram=2).term.tolist()
    ['أركان الجيش', 'رئيس أركان']
    """
    check_positive_int(min_count, "min_count")
    terms = count_terms(data, by=by, form=form, ngram=ngram, stopwords=stopwords, n_jobs=n_jobs,
                        evidence=evidence, progress=progress, dedupe=dedupe,
                        chunksize=chunksize, func="term_frequencies")  # fmt: skip
    return frequency_table(terms.groups(min_count), terms.n_tokens, terms.n_docs, by_names(by))


def count_terms(
    data: Any,
    *,
    by: Any,
    form: str,
    ngram: int,
    stopwords: bool | Iterable[str],
    n_jobs: int | None,
    evidence: TermResolver | None,
    progress: bool | None,
    dedupe: bool | pd.DataFrame,
    chunksize: int | None,
    func: str,
) -> TermCounts:
    """The counts behind :func:`term_frequencies` (same arguments), before they become a
    table; ``func`` names the caller in input errors."""
    check_choice(form, "form", FORMS)
    check_positive_int(ngram, "ngram")
    check_n_jobs(n_jobs)
    resolve_chunksize(chunksize)
    data = corpus_input(data, func=func)
    stop = stop_set(stopwords)
    data = fold_duplicates(data, dedupe, n_jobs=n_jobs, progress=progress)
    corpus = None if is_stream(data) else data
    in_memory = corpus is not None or is_dask_collection(data)
    if in_memory and by is not None:
        check_by(data, by)
    if corpus is not None and by is not None:
        _warn_missing_keys(corpus, by)
    needs_evidence = evidence is None and form != "norm"
    evidence = TermResolver() if evidence is None else evidence
    streaming = needs_evidence and not in_memory
    if corpus is not None:  # only what the workers read
        corpus = corpus[list(dict.fromkeys(["doc_id", "text", *by_names(by)]))]
    chunks = corpus if corpus is not None else data if in_memory else iter(data)
    terms = TermCounts(form, stop, evidence, ngram=ngram)
    count = partial(count_chunk, by=by, ngram=ngram, forms=streaming)
    results = map_partitions(count, chunks, n_jobs=n_jobs,
                             chunksize=chunksize, progress=progress, desc="terms")  # fmt: skip
    if needs_evidence and in_memory:  # all words are the evidence: resolve at the end
        results = list(results)
        counts = total_counts(results)
        evidence.update(counts)
        evidence.resolve_all(counts, n_jobs=n_jobs)
    tokens_read = tokens_at_refresh = 0
    for words in results:
        if streaming:
            evidence.update(words.words, counts=words.totals(), forms=words.forms)
            tokens_read += int(words.n_tokens.sum())
            if tokens_read >= 2 * tokens_at_refresh:  # the evidence has doubled
                terms.forget_words()
                tokens_at_refresh = tokens_read
        terms.add(words)
    return terms


@fill_doc
def corpus_evidence(
    data: Any,
    *,
    n_jobs: int | None = 1,
    chunksize: int | None = None,
    progress: bool | None = None,
) -> TermResolver:
    """Count every word of ``data`` as evidence for reading its clitics.

    Pass the result as ``evidence=`` to analyse a streamed corpus with
    whole-corpus evidence (this costs one extra pass over the text).
    ``n_jobs``, ``chunksize`` and ``progress`` as in :mod:`toolkit.parallel`.

    Parameters
    ----------
    data : str, DataFrame or iterable of DataFrames
        A string, a corpus or an iterator of corpus chunks.
    {n_jobs}
    {chunksize}
    {progress}

    Returns
    -------
    TermResolver
        Resolves each spelling to its term (``.term(word)``).

    Examples
    --------
    >>> corpus_evidence("قال كوخافي").term("وكوخافي")
    'كوخافي'
    """
    check_n_jobs(n_jobs)
    resolve_chunksize(chunksize)
    chunks = corpus_input(data, func="corpus_evidence")
    resolver = TermResolver()
    for words in map_partitions(_chunk_words, chunks, n_jobs=n_jobs, chunksize=chunksize,
                                progress=progress, desc="evidence"):  # fmt: skip
        resolver.update(words)
    return resolver


def stop_set(stopwords: bool | Iterable[str] | None) -> frozenset[str] | None:
    """Normalised stop words of a ``stopwords=`` argument (``None``: keep every word)."""
    if stopwords is True:
        return stopword_set()
    if stopwords is False or stopwords is None:
        return None
    if isinstance(stopwords, str):
        raise TypeError("stopwords= expects True, False or a list of words, not a string")
    return frozenset(normalize(w, alef_maqsura=False) for w in stopwords)


def frequency_table(
    groups: Iterable[tuple[tuple, list[str], np.ndarray, np.ndarray]],
    n_tokens: dict[tuple, int],
    n_docs: dict[tuple, int],
    by_columns: list[str],
) -> pd.DataFrame:
    """The public table from ``(label, terms, counts, document frequencies)`` per group
    (:meth:`TermCounts.groups` has left out the rows under ``min_count``)."""
    columns = [*by_columns, "term", "count", "rel_freq", "doc_freq", "tfidf"]
    frames = []
    for label, terms, count, df in groups:
        tf = count / max(n_tokens[label], 1)
        frame = pd.DataFrame({
            "term": pd.Series(terms, dtype="str"),  # (str even when a group is empty)
            "count": count,
            "rel_freq": tf * PER,
            "doc_freq": df,
            "tfidf": tf * np.log(n_docs[label] / np.maximum(df, 1)),
        })  # fmt: skip
        for name, value in zip(by_columns, label, strict=True):
            frame.insert(len(frame.columns) - 5, name, value)
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=columns)
    table = pd.concat(frames, ignore_index=True)[columns]
    table = table.sort_values([*by_columns, "count", "term"],
                              ascending=[True] * len(by_columns) + [False, True])  # fmt: skip
    return table.reset_index(drop=True)


# --------------------------------------------------------------------------- input handling


def _warn_missing_keys(corpus: pd.DataFrame, by: Any) -> None:
    """Warn when documents fall out of ``by=`` groups because their key is missing."""
    keys = by if isinstance(by, list) else [by]
    for key in keys:
        if isinstance(key, pd.Grouper):
            missing = int(corpus[key.key].isna().sum())
            if missing:
                warnings.warn(
                    f"{missing} of {len(corpus)} documents have no {key.key!r} value and are "
                    f"left out of by=pd.Grouper(key={key.key!r}, ...)" + (" (the table is empty)"
                                                 if missing == len(corpus) else ""),
                    UserWarning,
                    stacklevel=user_stacklevel(),
                )  # fmt: skip


def _chunk_words(chunk: pd.DataFrame) -> dict[str, int]:
    words = number_words(chunk["text"])
    return dict(zip(words.vocabulary, words.word_counts().tolist(), strict=True))


def _total_counts(parts: Iterable[dict[str, int]]) -> dict[str, int]:
    """Occurrences of every word over ``parts``, in order of first occurrence."""
    parts = list(parts)
    if not parts:
        return {}
    if len(parts) == 1:  # one chunk: nothing to add up
        return dict(parts[0])
    words = pd.Index([word for part in parts for word in part], dtype=object)
    totals = np.concatenate([np.fromiter(part.values(), np.int64, len(part)) for part in parts])
    totals = pd.Series(totals, index=words).groupby(level=0, sort=False).sum()
    return dict(zip(totals.index.tolist(), totals.tolist(), strict=True))

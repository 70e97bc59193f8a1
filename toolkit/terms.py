"""Term frequencies, n-grams, collocations, keyness and keyword-in-context.

Counting does not build a per-token table: each document is split into
segments at punctuation, digits and symbols (so n-grams never cross a
sentence boundary or a comma) and segments into words. Words are numbered
and summed per document in a sparse matrix (n-grams: counted with
:class:`collections.Counter`); normalisation, clitic resolution and
stop-word checks run once per distinct word (types are far fewer than
tokens), through a :class:`~toolkit.text.clitics.TermResolver`.

>>> freqs = term_frequencies("زار كوخافي المغرب. والمغرب يرحب بكوخافي")
>>> freqs.loc[freqs.term == "المغرب", ["term", "count", "doc_freq"]].values.tolist()
[['المغرب', 2, 1]]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, compress, filterfalse, islice
from operator import not_
from typing import Any

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix
from scipy.stats import chi2

from toolkit.parallel import is_dask_collection, map_partitions
from toolkit.text.clitics import TermResolver
from toolkit.text.normalize import normalize
from toolkit.text.stem import light_stem
from toolkit.text.stopwords import stopword_set
from toolkit.text.tokenize import tokenize
from toolkit.text.word_ids import SEPARATOR as _SEPARATOR
from toolkit.text.word_ids import number_words

__all__ = ["collocations", "corpus_evidence", "keyness", "kwic", "term_frequencies"]

FORMS = ("term", "norm", "stem")
CHUNKSIZE = 5000
_PER = 10_000


# --------------------------------------------------------------------------- input handling


def _corpus_of(data: Any) -> pd.DataFrame | None:
    if isinstance(data, str):
        return pd.DataFrame({"doc_id": ["doc0"], "text": [data]})
    if isinstance(data, pd.DataFrame):
        if {"doc_id", "text"} <= set(data.columns):
            return data
        if {"doc_id", "term", "kind"} <= set(data.columns):
            return None  # a tokens table
        raise ValueError(
            "expected a corpus DataFrame (doc_id, text) or a tokens DataFrame "
            f"(doc_id, term, kind, ...), got columns {list(data.columns)}"
        )
    return None


def _chunks_of(corpus: pd.DataFrame) -> Iterator[pd.DataFrame]:
    for start in range(0, len(corpus), CHUNKSIZE):
        yield corpus.iloc[start : start + CHUNKSIZE]


def _check_by(chunk: pd.DataFrame, by: Any) -> None:
    keys = by if isinstance(by, list) else [by]
    for key in keys:
        name = key.key if isinstance(key, pd.Grouper) else key
        if name not in chunk.columns:
            raise KeyError(f"by={name!r} is not a column of the corpus: {list(chunk.columns)}")


def _by_names(by: Any) -> list[str]:
    if by is None:
        return []
    keys = by if isinstance(by, list) else [by]
    return [key.key if isinstance(key, pd.Grouper) else key for key in keys]


def _groups(chunk: pd.DataFrame, by: Any) -> Iterator[tuple[tuple, pd.DataFrame]]:
    if by is None:
        yield (), chunk
        return
    _check_by(chunk, by)
    for label, sub in chunk.groupby(by, sort=False, dropna=False):
        yield (label if isinstance(label, tuple) else (label,)), sub


# --------------------------------------------------------------------------- counting (map)


def _words(text: str) -> list[list[str]]:
    """Segments of ``text`` (lists of raw words), split at anything but letters and spaces."""
    return [words for segment in _SEPARATOR.split(text) if (words := segment.split())]


@dataclass
class _Partial:
    """Surface-level counts of one group in one chunk (before clitic resolution)."""

    counts: Counter = field(default_factory=Counter)
    doc_freq: Counter = field(default_factory=Counter)
    doc_items: list[set] = field(default_factory=list)
    n_docs: int = 0
    n_tokens: int = 0


def _count_chunk(
    chunk: pd.DataFrame, *, by: Any, ngram: int, stop: frozenset[str] | None, words_seen: bool
) -> tuple[dict[tuple, _Partial], Counter | None]:
    """Map step for n-grams: per group, counts of raw n-grams and each document's distinct ones.

    Also returns the chunk's word counts when ``words_seen`` (evidence for streams).
    """
    partials: dict[tuple, _Partial] = {}
    seen: Counter | None = Counter() if words_seen else None
    is_stop = _StopCache(stop)
    for label, sub in _groups(chunk, by):
        part = partials.setdefault(label, _Partial())
        counts, doc_freq = part.counts, part.doc_freq
        for text in sub["text"]:
            doc = []
            for words in _words(text if isinstance(text, str) else ""):
                part.n_tokens += len(words)
                doc.extend(_ngrams(words, ngram, is_stop))
                if seen is not None:
                    seen.update(words)
            counts.update(doc)
            distinct = set(doc)
            doc_freq.update(distinct)
            part.doc_items.append(distinct)
            part.n_docs += 1
    return partials, seen


class _KeyCache(dict):
    """``cache[item]`` -> the combiner's grouping key of ``item``, computed once."""

    def __init__(self, combiner: _Combiner) -> None:
        super().__init__()
        self.combiner = combiner

    def __missing__(self, item: Any) -> str | None:
        value = self[item] = self.combiner.key(item)
        return value


class _StopCache(dict):
    """``cache[word]`` -> is ``word`` a stop word (always False when ``stop`` is None)."""

    def __init__(self, stop: frozenset[str] | None) -> None:
        super().__init__()
        self.stop = stop

    def __missing__(self, word: str) -> bool:
        value = self.stop is not None and normalize(word, alef_maqsura=False) in self.stop
        self[word] = value
        return value


def _ngrams(words: Sequence[str], n: int, is_stop: _StopCache) -> Iterator[tuple[str, ...]]:
    for i in range(len(words) - n + 1):
        if not (is_stop[words[i]] or is_stop[words[i + n - 1]]):
            yield tuple(words[i : i + n])


# --------------------------------------------------------------------------- combining (reduce)


class _Terms:
    """Grouping keys of words (``form``) and their readable spelling."""

    def __init__(self, form: str, stop: frozenset[str] | None, resolver: TermResolver) -> None:
        self.form, self.resolver = form, resolver
        self.is_stop = _StopCache(stop)

    def word_key(self, word: str) -> str:
        """Grouping key of one word that is not a stop word."""
        if self.form == "norm":
            return normalize(word)
        key = self.resolver.resolve(word)[1]
        return light_stem(key) if self.form == "stem" else key

    def display_all(self, keys: list[str]) -> list[str]:
        """Readable spellings of grouping keys (hamza restored for terms)."""
        if self.form != "term":
            return keys
        if not any(" " in key for key in keys):
            return self.resolver.spellings(keys)
        words = [key.split(" ") for key in keys]  # n-grams: spell all their words at once
        spelled = iter(self.resolver.spellings([word for parts in words for word in parts]))
        return [" ".join(islice(spelled, len(parts))) for parts in words]


class _Combiner(_Terms):
    """Resolve surface items (n-grams, tokens-table values) to terms and add partials exactly."""

    def __init__(
        self, form: str, stop: frozenset[str] | None, resolver: TermResolver, *, streaming: bool
    ) -> None:
        super().__init__(form, stop, resolver)
        self.streaming = streaming
        self.counts: dict[tuple, Counter] = {}
        self.doc_freq: dict[tuple, Counter] = {}
        self.n_docs: Counter = Counter()
        self.n_tokens: Counter = Counter()
        self.keys = _KeyCache(self)

    def key(self, item: Any) -> str | None:
        """Grouping key of a word or n-gram (None for stop words when they are dropped)."""
        if isinstance(item, tuple):
            return " ".join(self.word_key(word) for word in item)
        return None if self.is_stop[item] else self.word_key(item)

    def add(self, partials: dict[tuple, _Partial]) -> None:
        """Add one chunk's partial results (exactly: each document is in one chunk).

        A term's document frequency is its surface form's when only one
        surface form of it occurs in the chunk; otherwise the chunk's
        documents are checked one by one (set intersections, in C).
        """
        if self.streaming:
            self.keys.clear()  # the evidence has grown since the previous chunk
        keys = self.keys
        for label, part in partials.items():
            counts = self.counts.setdefault(label, Counter())
            doc_freq = self.doc_freq.setdefault(label, Counter())
            surface_df = part.doc_freq
            first: dict[str, Any] = {}
            shared: set = set()
            for item, count in part.counts.items():
                key = keys[item]
                if key is None:
                    continue
                counts[key] += count
                seen = first.setdefault(key, item)
                if seen is item:
                    doc_freq[key] += surface_df[item]
                elif seen not in shared:
                    doc_freq[key] -= surface_df[seen]  # counted per document below
                    shared.update((seen, item))
                else:
                    shared.add(item)
            for items in part.doc_items:
                if hits := items & shared:
                    doc_freq.update({keys[item] for item in hits})
            self.n_docs[label] += part.n_docs
            self.n_tokens[label] += part.n_tokens

    def groups(self) -> Iterator[tuple[tuple, list[str], np.ndarray, np.ndarray]]:
        """``(label, term keys, counts, document frequencies)`` for every label."""
        for label, counts in self.counts.items():
            keys, doc_freq, n = list(counts), self.doc_freq[label], len(counts)
            count = np.fromiter(counts.values(), dtype=np.int64, count=n)
            yield label, keys, count, np.fromiter(map(doc_freq.__getitem__, keys), np.int64, n)


@dataclass
class _ChunkWords:
    """Unigram map result: distinct words per document with counts, and the documents' groups."""

    words: list[str]  # the chunk's vocabulary, by id
    matrix: csr_matrix  # documents x words
    labels: list[tuple]
    group: np.ndarray  # each document's index into labels
    n_docs: np.ndarray  # per label
    n_tokens: np.ndarray  # per label

    def counts(self) -> dict[str, int]:
        """Occurrences of the chunk's words (in order of first occurrence)."""
        totals = np.bincount(self.matrix.indices, weights=self.matrix.data,
                             minlength=len(self.words))  # fmt: skip
        return dict(zip(self.words, totals.astype(np.int64).tolist(), strict=True))


def _count_words(chunk: pd.DataFrame, *, by: Any) -> _ChunkWords:
    """Map step for unigrams: all per-token work is in C (Arrow, numpy, scipy)."""
    labels, texts = [], []
    for label, sub in _groups(chunk, by):
        labels.append(label)
        texts.append(sub["text"])
    words = number_words(texts[0] if len(texts) == 1 else pd.concat(texts))
    sizes = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    group = np.repeat(np.arange(len(labels)), sizes)
    matrix = csr_matrix((np.ones(len(words.ids), dtype=np.int32), words.ids, words.indptr),
                        shape=(len(words.indptr) - 1, len(words.vocabulary)))  # fmt: skip
    matrix.sum_duplicates()  # one entry per document and word
    n_docs = np.bincount(group, minlength=len(labels))
    n_tokens = np.bincount(group, weights=np.diff(words.indptr), minlength=len(labels))
    return _ChunkWords(words.vocabulary, matrix, labels, group, n_docs, n_tokens.astype(np.int64))


class _WordTerms(_Terms):
    """Reduce step for unigrams: map each chunk's words to terms and add counts exactly.

    A document's words are mapped to term ids and summed per document
    (sparse matrix, in C), so document frequencies are exact whatever the
    number of spellings of a term.
    """

    def __init__(self, form: str, stop: frozenset[str] | None, resolver: TermResolver) -> None:
        super().__init__(form, stop, resolver)
        self.stop = stop
        self.ids: dict[str, int] = {}  # term key -> id
        self.key_ids: dict[str, int] = {}  # word -> id of its term key, -1 for a stop word
        self.labels: dict[tuple, int] = {}
        self.parts: list[tuple[np.ndarray, ...]] = []
        self.n_docs: Counter = Counter()
        self.n_tokens: Counter = Counter()

    def add(self, chunk: _ChunkWords) -> None:
        """Add one chunk (exact: each document is in one chunk)."""
        codes = np.array([self.labels.setdefault(label, len(self.labels))
                          for label in chunk.labels], dtype=np.int64)  # fmt: skip
        for label, n_docs, n_tokens in zip(chunk.labels, chunk.n_docs, chunk.n_tokens,
                                           strict=True):  # fmt: skip
            self.n_docs[label] += int(n_docs)
            self.n_tokens[label] += int(n_tokens)
        self._map_words(chunk.words)
        key_of = np.fromiter(map(self.key_ids.__getitem__, chunk.words), dtype=np.int64,
                             count=len(chunk.words))  # fmt: skip
        words = chunk.matrix
        if len(codes) == 1:
            key, count, doc_freq = self._sum_words(words, key_of)
            self.parts.append((np.full(len(key), codes[0]), key, count, doc_freq))
            return
        terms = _by_document(words, key_of, key_of >= 0, len(self.ids))
        group = np.repeat(codes[chunk.group], np.diff(terms.indptr))
        self.parts.append(_sum_by_term(group, terms.indices, terms.data, np.ones_like(group)))

    def _sum_words(self, words: csr_matrix, key_of: np.ndarray) -> tuple[np.ndarray, ...]:
        """``(term ids, counts, document frequencies)`` of one group's documents.

        Word totals are summed per term; only the terms spelled in more than
        one way are counted again document by document.
        """
        n_keys, valid = len(self.ids), key_of >= 0
        keys = key_of[valid]
        count = np.bincount(words.indices, weights=words.data, minlength=len(key_of))
        count = np.bincount(keys, weights=count[valid], minlength=n_keys)
        doc_freq = np.bincount(words.indices, minlength=len(key_of))
        doc_freq = np.bincount(keys, weights=doc_freq[valid], minlength=n_keys)
        spellings = np.bincount(keys, minlength=n_keys)
        shared = np.zeros(len(key_of), dtype=bool)
        shared[valid] = spellings[keys] > 1
        if shared.any():
            terms = _by_document(words, key_of, shared, n_keys)
            several = np.flatnonzero(spellings > 1)
            doc_freq[several] = np.bincount(terms.indices, minlength=n_keys)[several]
        key = np.flatnonzero(count)
        return key, count[key].astype(np.int64), doc_freq[key].astype(np.int64)

    def _map_words(self, words: list[str]) -> None:
        """Add the term key ids of new words (normalised all at once, as one string)."""
        new = list(filterfalse(self.key_ids.__contains__, words))
        if not new:
            return
        # normalize() maps one character at a time and never to "\n"; with alef maqsura
        # kept (for stop words), unifying it afterwards gives the full normalize().
        kept = normalize("\n".join(new), alef_maqsura=False)
        if self.stop is not None:
            is_stop = list(map(self.stop.__contains__, kept.split("\n")))
            self.key_ids.update(dict.fromkeys(compress(new, is_stop), -1))
            new = list(compress(new, map(not_, is_stop)))
            kept = "\n".join(compress(kept.split("\n"), map(not_, is_stop)))
        if self.form == "norm":
            keys = kept.replace("\u0649", "\u064a").split("\n") if new else []
        else:
            keys = [self.word_key(word) for word in new]
        ids = self.ids
        added = [key for key in dict.fromkeys(keys) if key not in ids]
        ids.update(zip(added, range(len(ids), len(ids) + len(added))))
        self.key_ids.update(zip(new, map(ids.__getitem__, keys), strict=True))

    def groups(self) -> Iterator[tuple[tuple, list[str], np.ndarray, np.ndarray]]:
        """``(label, term keys, counts, document frequencies)`` for every label."""
        if self.parts:
            parts = [np.concatenate(column) for column in zip(*self.parts, strict=True)]
            code, key, count, df = _sum_by_term(*parts) if len(self.parts) > 1 else parts
        else:
            code = key = count = df = np.zeros(0, dtype=np.int64)
        names = np.array(list(self.ids), dtype=object)
        codes = np.arange(len(self.labels))
        starts, ends = np.searchsorted(code, codes), np.searchsorted(code, codes, side="right")
        for label, start, end in zip(self.labels, starts, ends, strict=True):
            yield label, names[key[start:end]].tolist(), count[start:end], df[start:end]


def _total_counts(chunks: list[_ChunkWords]) -> dict[str, int]:
    """Occurrences of every word in ``chunks``, in order of first occurrence."""
    counts = [chunk.counts() for chunk in chunks]
    if not counts:
        return {}
    words = pd.Index([word for part in counts for word in part], dtype=object)
    totals = np.concatenate([np.fromiter(part.values(), np.int64, len(part)) for part in counts])
    totals = pd.Series(totals, index=words).groupby(level=0, sort=False).sum()
    return dict(zip(totals.index.tolist(), totals.tolist(), strict=True))


def _by_document(
    words: csr_matrix, key_of: np.ndarray, selected: np.ndarray, n_keys: int
) -> csr_matrix:
    """Documents x terms counts of the ``selected`` words (one entry per document and term)."""
    entries = selected[words.indices]
    indptr = np.concatenate(([0], np.cumsum(entries)))[words.indptr]
    terms = csr_matrix((words.data[entries], key_of[words.indices[entries]], indptr),
                       shape=(words.shape[0], n_keys))  # fmt: skip
    terms.sum_duplicates()
    return terms


def _sum_by_term(code, key, count, df) -> tuple[np.ndarray, ...]:
    """Sum counts and document frequencies per (label code, term id), sorted by both."""
    combined = (np.asarray(code, dtype=np.int64) << 32) | np.asarray(key, dtype=np.int64)
    unique, inverse = np.unique(combined, return_inverse=True)
    return (unique >> 32, unique & 0xFFFFFFFF,
            np.bincount(inverse, weights=count).astype(np.int64),
            np.bincount(inverse, weights=df).astype(np.int64))  # fmt: skip


def corpus_evidence(data: Any, *, n_jobs: int | None = 1) -> TermResolver:
    """Count every word of ``data`` (string, corpus or iterator of corpus chunks) as evidence.

    Pass the result as ``evidence=`` to analyse a streamed corpus with
    whole-corpus evidence (this costs one extra pass over the text).

    >>> corpus_evidence("كوخافي").term("بكوخافي")
    'كوخافي'
    """
    corpus = _corpus_of(data)
    chunks = _chunks_of(corpus) if corpus is not None else data
    resolver = TermResolver()
    for words in map_partitions(_chunk_words, chunks, n_jobs=n_jobs, desc="evidence"):
        resolver.update(words)
    return resolver


def _chunk_words(chunk: pd.DataFrame) -> dict[str, int]:
    words = number_words(chunk["text"])
    counts = np.bincount(words.ids, minlength=len(words.vocabulary)).tolist()
    return dict(zip(words.vocabulary, counts, strict=True))


# --------------------------------------------------------------------------- public analyses


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
) -> pd.DataFrame:
    """Count terms (or n-grams) per group: ``[<by>..., term, count, rel_freq, doc_freq, tfidf]``.

    ``data`` is a string, a corpus DataFrame (``doc_id, text`` + metadata),
    a tokens DataFrame from :func:`toolkit.tokenize`, or an iterator of
    corpus chunks (:func:`toolkit.iter_corpus`). ``by`` is a metadata column,
    a list of them or a :class:`pandas.Grouper` such as
    ``pd.Grouper(key="date", freq="W")``. ``form`` is ``"term"`` (readable,
    clitic-free, hamza unified), ``"norm"`` (normalised surface form) or
    ``"stem"`` (Light10 stem of the term). Words are Arabic or Latin letter
    runs; numbers and punctuation are never terms.

    With ``stopwords=True`` stop words are dropped and n-grams that start or
    end with one are dropped (so رئيس أركان الجيش survives, في المغرب does
    not); ``False`` keeps everything; a list of words replaces the default
    list (see :func:`toolkit.text.stopwords.stopword_set`). N-grams never
    cross punctuation, digits or sentence boundaries.

    ``rel_freq`` is per 10,000 word tokens of the group (stop words
    included), ``doc_freq`` the number of the group's documents containing
    the term, ``tfidf`` = (count / tokens) * ln(documents / doc_freq) within
    the group. Chunks are counted on ``n_jobs`` processes and combined
    exactly (counts and document frequencies add; tf-idf is computed after).

    Clitic evidence (see :mod:`toolkit.text.clitics`): ``evidence`` if given;
    else, for a string or DataFrame, all words of ``data``; for
    an iterator of chunks, everything seen so far (each chunk is resolved
    with the evidence of itself and the chunks before it; results do not
    depend on ``n_jobs``). Use :func:`corpus_evidence` for whole-corpus
    evidence on a stream.

    >>> term_frequencies("رئيس أركان الجيش في المغرب", ngram=2).term.tolist()
    ['أركان الجيش', 'رئيس أركان']
    """
    if form not in FORMS:
        raise ValueError(f"form must be one of {FORMS}, got {form!r}")
    if not isinstance(ngram, int) or ngram < 1:
        raise ValueError(f"ngram must be a positive integer, got {ngram!r}")
    stop = _stop_set(stopwords)
    corpus = _corpus_of(data)
    if corpus is None and isinstance(data, pd.DataFrame):
        return _frequencies_of_tokens(data, by=by, form=form, ngram=ngram, stop=stop,
                                      min_count=min_count)  # fmt: skip
    in_memory = corpus is not None or is_dask_collection(data)
    if in_memory and by is not None:
        _check_by(data if corpus is None else corpus, by)
    needs_evidence = evidence is None and form != "norm"
    evidence = TermResolver() if evidence is None else evidence
    streaming = needs_evidence and not in_memory
    if corpus is not None:  # only what the workers read
        corpus = corpus[list(dict.fromkeys(["doc_id", "text", *_by_names(by)]))]
    chunks = _chunks_of(corpus) if corpus is not None else data if in_memory else iter(data)
    if ngram == 1:
        terms = _WordTerms(form, stop, evidence)
        results = map_partitions(partial(_count_words, by=by), chunks,
                                 n_jobs=n_jobs, progress=progress, desc="terms")  # fmt: skip
        if needs_evidence and in_memory:  # all words are the evidence: resolve at the end
            results = list(results)
            counts = _total_counts(results)
            evidence.update(counts)
            evidence.resolve_all(chain(counts, evidence.surfaces), n_jobs=n_jobs)
        for words in results:
            if streaming:
                evidence.update(words.counts())
                terms.key_ids.clear()  # the evidence has grown since the previous chunk
            terms.add(words)
        return _frequency_table(terms, _by_names(by), min_count)
    if needs_evidence and in_memory:
        evidence = corpus_evidence(data if corpus is None else corpus, n_jobs=n_jobs)
    combiner = _Combiner(form, stop, evidence, streaming=streaming)
    count = partial(_count_chunk, by=by, ngram=ngram, stop=stop, words_seen=streaming)
    results = map_partitions(count, chunks, n_jobs=n_jobs, progress=progress, desc="terms")
    for partials, seen in results:
        if streaming:
            evidence.update(seen)
        combiner.add(partials)
    return _frequency_table(combiner, _by_names(by), min_count)


def _stop_set(stopwords: bool | Iterable[str]) -> frozenset[str] | None:
    if stopwords is True:
        return stopword_set()
    if stopwords is False or stopwords is None:
        return None
    if isinstance(stopwords, str):
        raise TypeError("stopwords= expects True, False or a list of words, not a string")
    return frozenset(normalize(w, alef_maqsura=False) for w in stopwords)


def _frequency_table(
    combiner: _Combiner | _WordTerms, by_names: list[str], min_count: int
) -> pd.DataFrame:
    columns = [*by_names, "term", "count", "rel_freq", "doc_freq", "tfidf"]
    frames = []
    for label, keys, count, df in combiner.groups():
        if min_count > 1:
            kept = count >= min_count
            keys, count, df = list(compress(keys, kept)), count[kept], df[kept]
        n_tokens, n_docs = combiner.n_tokens[label], combiner.n_docs[label]
        tf = count / max(n_tokens, 1)
        frame = pd.DataFrame({
            "term": combiner.display_all(keys),
            "count": count,
            "rel_freq": tf * _PER,
            "doc_freq": df,
            "tfidf": tf * np.log(n_docs / np.maximum(df, 1)),
        })  # fmt: skip
        for name, value in zip(by_names, label, strict=True):
            frame.insert(len(frame.columns) - 5, name, value)
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=columns)
    table = pd.concat(frames, ignore_index=True)[columns]
    table = table.sort_values([*by_names, "count", "term"],
                              ascending=[True] * len(by_names) + [False, True])  # fmt: skip
    return table.reset_index(drop=True)


def _frequencies_of_tokens(
    tokens: pd.DataFrame, *, by: Any, form: str, ngram: int, stop: frozenset[str] | None,
    min_count: int,
) -> pd.DataFrame:  # fmt: skip
    """Counting path for a tokens table: its own term/norm/stem column is counted."""
    if by is not None:
        raise ValueError("by= needs a corpus DataFrame with metadata; a tokens table has none")
    is_word = tokens["kind"].isin(["arabic", "latin", "word"]).to_numpy()
    new_sentence = (tokens["sent_id"].diff() != 0).to_numpy()
    new_doc = (tokens["doc_id"] != tokens["doc_id"].shift()).to_numpy()
    segment = np.cumsum(~is_word | new_sentence | new_doc)
    values, tokens_text = tokens[form].tolist(), tokens["token"].tolist()
    is_stop = _StopCache(stop)
    part = _Partial()
    for _, positions in pd.Series(np.arange(len(tokens))).groupby(tokens["doc_id"].to_numpy()):
        words = [i for i in positions if is_word[i]]
        items: Counter = Counter()
        for i in range(len(words) - ngram + 1):
            window = words[i : i + ngram]
            if segment[window[0]] != segment[window[-1]]:
                continue
            if ngram == 1 and is_stop[tokens_text[window[0]]]:
                continue
            if ngram > 1 and (is_stop[tokens_text[window[0]]] or is_stop[tokens_text[window[-1]]]):
                continue
            items[" ".join(values[j] for j in window)] += 1
        part.n_docs += 1
        part.n_tokens += len(words)
        part.counts.update(items)
        part.doc_freq.update(items.keys())
        part.doc_items.append(set(items))
    combiner = _Combiner("norm", None, TermResolver(), streaming=False)
    combiner.keys.update((item, item) for item in part.counts)  # the table's values are keys
    combiner.add({(): part})
    return _frequency_table(combiner, [], min_count)


def collocations(
    data: str | pd.DataFrame | Iterable[pd.DataFrame],
    *,
    min_count: int = 3,
    form: str = "term",
    stopwords: bool | Iterable[str] = True,
    n_jobs: int | None = 1,
) -> pd.DataFrame:
    """Two-word collocations with PMI and log-likelihood (G²).

    Columns: ``collocation, word1, word2, count, count_word1, count_word2,
    pmi, g2, p_value``.

    Adjacent pairs are counted inside segments (never across punctuation or
    sentences). ``pmi`` is log2(O11 N / (R1 C1)) and ``g2`` the
    log-likelihood ratio of the 2x2 table (word1 first or not, word2 second
    or not) over all N pairs; ``p_value`` from chi-squared with 1 df. Pairs
    with a stop word are dropped when ``stopwords`` is set (the marginals
    still count them). Sorted by ``g2``.

    >>> text = "رئيس أركان الجيش. " * 3 + "رئيس الحكومة"
    >>> collocations(text, min_count=2)[["collocation", "count"]].values.tolist()
    [['أركان الجيش', 3], ['رئيس أركان', 3]]
    """
    pairs = term_frequencies(data, form=form, ngram=2, stopwords=False, n_jobs=n_jobs)
    if pairs.empty:
        return pd.DataFrame(columns=["collocation", "word1", "word2", "count", "count_word1",
                                     "count_word2", "pmi", "g2", "p_value"])  # fmt: skip
    split = pairs["term"].str.split(" ", n=1, expand=True)
    pairs = pairs.assign(word1=split[0], word2=split[1])
    n = pairs["count"].sum()
    r1 = pairs.groupby("word1")["count"].transform("sum")
    c1 = pairs.groupby("word2")["count"].transform("sum")
    o11 = pairs["count"].to_numpy(float)
    table = pairs.assign(count_word1=r1, count_word2=c1)
    table["pmi"] = np.log2(o11 * n / (r1 * c1))
    table["g2"] = _g2_2x2(o11, r1.to_numpy(float) - o11, c1.to_numpy(float) - o11,
                          n - r1.to_numpy(float) - c1.to_numpy(float) + o11)  # fmt: skip
    table["p_value"] = chi2.sf(table["g2"], 1)
    stop = _stop_set(stopwords)
    if stop is not None:
        is_stop = _StopCache(stop)
        keep = [
            not (is_stop[a] or is_stop[b]) for a, b in zip(table.word1, table.word2, strict=True)
        ]
        table = table[keep]
    table = table[table["count"] >= min_count].rename(columns={"term": "collocation"})
    columns = ["collocation", "word1", "word2", "count", "count_word1", "count_word2", "pmi",
               "g2", "p_value"]  # fmt: skip
    return table.sort_values(["g2", "collocation"], ascending=[False, True])[columns].reset_index(
        drop=True
    )


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
    n_jobs: int | None = 1,
) -> pd.DataFrame:
    """Terms over- or under-used in a target group compared with a reference.

    Columns: ``term, target_count, reference_count, g2, log_ratio, p_value``.

    Like quanteda's ``textstat_keyness(measure="lr")``: groups are the
    values of ``by`` (default ``doc_id``); ``target`` is a value or a list
    of values, ``reference`` likewise (default: every other group). ``g2``
    is signed (negative when the term is relatively rarer in the target),
    ``log_ratio`` is Hardie's log2 ratio of relative frequencies (a zero
    count counts as 0.5), ``p_value`` from chi-squared with 1 df. Sorted by
    ``g2``, most distinctive of the target first.
    """
    by = "doc_id" if by is None else by
    freqs = term_frequencies(data, by=by, form=form, ngram=ngram, stopwords=stopwords,
                             n_jobs=n_jobs)  # fmt: skip
    column = _by_names(by)[0]
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
    tokens = freqs.assign(tokens=freqs["count"] / freqs["rel_freq"] * _PER)
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
    table["g2"] = np.where(rate_t >= rate_r, g2, -g2)
    table["log_ratio"] = np.log2(rate_t / rate_r)
    table["p_value"] = chi2.sf(g2, 1)
    table = table.rename_axis("term").reset_index()
    return table.sort_values(["g2", "term"], ascending=[False, True]).reset_index(drop=True)


def kwic(
    data: str | pd.DataFrame, query: str, *, window: int = 5, form: str = "term"
) -> pd.DataFrame:
    """Keyword in context: ``[doc_id, sent_id, start, end, left, match, right]``.

    ``query`` (one or more words) is matched by ``form``, so a query for
    المغرب finds والمغرب, للمغرب and بالمغرب; hamza and diacritics do not
    matter. ``left`` and ``right`` hold ``window`` tokens of original text
    on each side (within the document; line breaks and runs of spaces shown
    as one space).

    >>> hits = kwic("زار كوخافي الرباط والمغرب يرحب", "المغرب", window=2)
    >>> hits[["left", "match", "right"]].values.tolist()
    [['كوخافي الرباط', 'والمغرب', 'يرحب']]
    """
    if form not in FORMS:
        raise ValueError(f"form must be one of {FORMS}, got {form!r}")
    if not query.strip():
        raise ValueError("kwic() needs a non-empty query")
    texts = _texts_of(data)
    tokens = data if _is_tokens(data) else tokenize(data)
    key_of: Callable[[str], str] = light_stem if form == "stem" else normalize
    wanted = [key_of(TermResolver().remainder(w) if form == "term" else w) for w in query.split()]
    rows = []
    for doc_id, doc in tokens.groupby("doc_id", sort=False):
        text = texts.get(doc_id)
        keys = [key_of(v) if isinstance(v, str) else None for v in doc[form]]
        starts, ends = doc["start"].to_numpy(), doc["end"].to_numpy()
        words = doc["token"].tolist()
        for i in range(len(keys) - len(wanted) + 1):
            if keys[i : i + len(wanted)] != wanted:
                continue
            j = i + len(wanted) - 1
            lo, hi = max(0, i - window), min(len(keys), j + 1 + window)
            if text is None:
                left, match, right = (
                    " ".join(words[a:b]) for a, b in ((lo, i), (i, j + 1), (j + 1, hi))
                )
            else:
                left = _one_line(text[starts[lo] : starts[i]]) if i > lo else ""
                match = text[starts[i] : ends[j]]
                right = _one_line(text[ends[j] : ends[hi - 1]]) if hi > j + 1 else ""
            rows.append((doc_id, int(doc["sent_id"].iloc[i]), int(starts[i]), int(ends[j]),
                         left, match, right))  # fmt: skip
    return pd.DataFrame(
        rows, columns=["doc_id", "sent_id", "start", "end", "left", "match", "right"]
    )


def _one_line(context: str) -> str:
    """A context as one line: white-space runs (line breaks included) become one space."""
    return " ".join(context.split())


def _is_tokens(data: Any) -> bool:
    return isinstance(data, pd.DataFrame) and {"doc_id", "start", "token"} <= set(data.columns)


def _texts_of(data: Any) -> dict[str, str]:
    if isinstance(data, str):
        return {"doc0": data}
    if isinstance(data, pd.DataFrame) and {"doc_id", "text"} <= set(data.columns):
        return dict(zip(data["doc_id"].astype(str), data["text"].astype(str), strict=True))
    if _is_tokens(data):
        return {}
    raise TypeError(
        "kwic() expects a string, a corpus DataFrame (doc_id, text) or a tokens DataFrame, "
        f"got {type(data).__name__}"
    )

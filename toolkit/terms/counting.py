"""The counting engine behind :func:`toolkit.term_frequencies`: map chunks, reduce exactly.

Map (:func:`count_chunk`, on worker processes): Arrow numbers a chunk's
words (:func:`toolkit.text.word_ids.number_words`); for unigrams each
document's distinct words and counts become a sparse documents x words
matrix, for n-grams the word ids are kept in text order with -1 at segment
breaks. No Python object is created per token.

Reduce (:class:`TermCounts`, in the calling process): each distinct word is
normalised, checked against the stop list and resolved to its term once;
word ids are mapped to term ids with numpy, and counts and document
frequencies are summed per (group, term) with sorting and ``bincount``.
Document frequencies stay exact: every document lies in one chunk, and
within a chunk they are computed from (document, term) pairs.

>>> import pandas as pd
>>> from toolkit.text.clitics import TermResolver
>>> chunk = pd.DataFrame({"doc_id": ["a"], "text": ["المغرب والمغرب، رئيس أركان"]})
>>> counts = TermCounts("term", None, TermResolver({"المغرب": 1, "أركان": 1}), ngram=1)
>>> counts.add(count_chunk(chunk, by=None, ngram=1))
>>> [(terms, count.tolist()) for _, terms, count, _ in counts.groups()]
[(['المغرب', 'رئيس', 'أركان'], [2, 1, 1])]
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from scipy.sparse import csr_matrix

from toolkit.checks import ColumnError
from toolkit.text.clitics import TermResolver
from toolkit.text.forms import SparseForms
from toolkit.text.normalize import normalize
from toolkit.text.stem import light_stem
from toolkit.text.word_ids import number_words

__all__ = [
    "ChunkWords",
    "TermCounts",
    "by_names",
    "check_by",
    "count_chunk",
    "groups",
    "total_counts",
]


def by_names(by: Any) -> list[str]:
    """Column names of a ``by=`` argument (a name, a :class:`pandas.Grouper` or a list)."""
    if by is None:
        return []
    keys = by if isinstance(by, list) else [by]
    return [key.key if isinstance(key, pd.Grouper) else key for key in keys]


def check_by(chunk: pd.DataFrame, by: Any) -> None:
    """Raise a :class:`~toolkit.checks.ColumnError` naming the ``by=`` column ``chunk`` lacks."""
    for name in by_names(by):
        if name not in chunk.columns:
            raise ColumnError(f"by={name!r} is not a column of the corpus: {list(chunk.columns)}")


def groups(chunk: pd.DataFrame, by: Any) -> Iterator[tuple[tuple, pd.DataFrame]]:
    """``(label tuple, rows)`` of each group of ``chunk`` (one group ``()`` without ``by``)."""
    if by is None:
        yield (), chunk
        return
    check_by(chunk, by)
    for label, sub in chunk.groupby(by, sort=False, dropna=False):
        yield (label if isinstance(label, tuple) else (label,)), sub


# --------------------------------------------------------------------------- map


@dataclass
class ChunkWords:
    """One chunk's words: the documents' groups and either a matrix or word sequences."""

    words: list[str]  # the chunk's vocabulary, by id
    labels: list[tuple]
    group: np.ndarray  # each document's index into labels
    n_docs: np.ndarray  # per label
    n_tokens: np.ndarray  # per label
    matrix: csr_matrix | None = None  # unigrams: documents x words, distinct words
    ids: np.ndarray | None = None  # n-grams: word ids in text order, -1 at segment breaks
    indptr: np.ndarray | None = None  # n-grams: each document's slice of ids
    forms: SparseForms | None = None  # the words' forms, if asked for

    def counts(self) -> dict[str, int]:
        """Occurrences of the chunk's words (in order of first occurrence)."""
        return dict(zip(self.words, self.totals().tolist(), strict=True))

    def totals(self) -> np.ndarray:
        """Occurrences of each of the chunk's words, by id."""
        if self.matrix is not None:
            return np.bincount(self.matrix.indices, weights=self.matrix.data,
                               minlength=len(self.words)).astype(np.int64)  # fmt: skip
        return np.bincount(self.ids[self.ids >= 0], minlength=len(self.words))


def total_counts(chunks: list[ChunkWords]) -> dict[str, int]:
    """Occurrences of every word over ``chunks``, in order of first occurrence (the
    chunks' vocabularies are numbered together by Arrow, not word by word in Python).

    >>> chunk = count_chunk(pd.DataFrame({"doc_id": ["a"], "text": ["بيت بيت دار"]}),
    ...                     by=None, ngram=1)
    >>> total_counts([chunk, chunk])
    {'بيت': 4, 'دار': 2}
    """
    if len(chunks) <= 1:
        return chunks[0].counts() if chunks else {}
    words = pa.array([word for chunk in chunks for word in chunk.words], pa.string())
    numbered = pc.dictionary_encode(words)
    totals = np.bincount(numbered.indices.to_numpy(), minlength=len(numbered.dictionary),
                         weights=np.concatenate([chunk.totals() for chunk in chunks]))  # fmt: skip
    return dict(zip(numbered.dictionary.to_pylist(), totals.astype(np.int64).tolist(),
                    strict=True))  # fmt: skip


def count_chunk(chunk: pd.DataFrame, *, by: Any, ngram: int, forms: bool = False) -> ChunkWords:
    """Map step: the words of one corpus chunk, per document and group (with their forms
    for the evidence, :class:`~toolkit.text.forms.SparseForms`, if ``forms``)."""
    labels, texts = [], []
    for label, sub in groups(chunk, by):
        labels.append(label)
        texts.append(sub["text"])
    if not texts:  # every document's group key is missing (an undated corpus by date)
        texts = [chunk["text"].iloc[:0]]
        labels = []
    words = number_words(texts[0] if len(texts) == 1 else pd.concat(texts), segments=ngram > 1)
    sizes = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    group = np.repeat(np.arange(len(labels)), sizes)
    n_docs = np.bincount(group, minlength=len(labels))
    is_word = np.concatenate(([0], np.cumsum(words.ids >= 0)))[words.indptr]
    n_tokens = np.bincount(group, weights=np.diff(is_word), minlength=len(labels))
    result = ChunkWords(words.vocabulary, labels, group, n_docs, n_tokens.astype(np.int64))
    if forms:
        result.forms = SparseForms.of(words.vocabulary)
    if ngram > 1:
        result.ids, result.indptr = words.ids, words.indptr
        return result
    result.matrix = csr_matrix(
        (np.ones(len(words.ids), dtype=np.int32), words.ids, words.indptr),
        shape=(len(words.indptr) - 1, len(words.vocabulary)),
    )
    result.matrix.sum_duplicates()  # one entry per document and word
    return result


# --------------------------------------------------------------------------- reduce


class TermCounts:
    """Reduce step: map each chunk's words to terms and add counts and document frequencies.

    ``form`` is ``"term"``, ``"norm"`` or ``"stem"``; ``stop`` the normalised
    stop words (``None`` keeps every word); ``resolver`` the clitic and hamza
    evidence. Unigrams drop stop words; n-grams drop those that start or end
    with one.
    """

    def __init__(
        self, form: str, stop: frozenset[str] | None, resolver: TermResolver, *, ngram: int
    ) -> None:
        self.form, self.stop, self.resolver, self.ngram = form, stop, resolver, ngram
        self.ids: dict[str, int] = {}  # term key -> id
        self.key_ids: dict[str, int] = {}  # word -> id of its term key
        self.stop_words: set[str] = set()
        # the mapped words whose term depends on the evidence (forget_words maps them again)
        self.dependent: list[str] = []
        # key_ids and stop_words by the resolver's evidence slot (-1: not cached): a chunk
        # that was the evidence's last update is mapped without a look-up per word
        self._slot_key = np.zeros(0, dtype=np.int64)
        self._slot_stop = np.zeros(0, dtype=bool)
        self.labels: dict[tuple, int] = {}
        self.parts: list[tuple[np.ndarray, ...]] = []  # (label code, key ids..., count, df)
        self.n_docs: Counter = Counter()
        self.n_tokens: Counter = Counter()

    def forget_words(self) -> None:
        """Resolve again the words whose term depends on the evidence (it has grown)."""
        if self.dependent and len(self._slot_key):
            at = self.resolver.slots(self.dependent)
            self._slot_key[at[(at >= 0) & (at < len(self._slot_key))]] = -1
        deque(map(self.key_ids.pop, self.dependent), maxlen=0)
        self.dependent = []

    def add(self, chunk: ChunkWords) -> None:
        """Add one chunk (exact: each document is in one chunk)."""
        codes = np.array([self.labels.setdefault(label, len(self.labels))
                          for label in chunk.labels], dtype=np.int64)  # fmt: skip
        for label, n_docs, n_tokens in zip(chunk.labels, chunk.n_docs, chunk.n_tokens,
                                           strict=True):  # fmt: skip
            self.n_docs[label] += int(n_docs)
            self.n_tokens[label] += int(n_tokens)
        key_of, is_stop = self._key_of(chunk.words)
        if self.ngram > 1:
            self.parts.append(self._ngrams(chunk, codes, key_of, is_stop))
        elif len(codes) == 1:
            self.parts.append(
                self._one_group(chunk.matrix, codes[0], np.where(is_stop, -1, key_of))
            )
        else:
            key_of[is_stop] = -1
            terms = _by_document(chunk.matrix, key_of, key_of >= 0, len(self.ids))
            group = np.repeat(codes[chunk.group], np.diff(terms.indptr))
            count, df = terms.data, np.ones_like(group)
            self.parts.append(_sum_rows([group, terms.indices], count, df))

    def document_terms(
        self, chunk: ChunkWords, *, keep_stopwords: Sequence[bool] = (False,)
    ) -> list[csr_matrix]:
        """Documents x term ids of one unigram chunk, counts per cell: one matrix for each
        ``keep_stopwords`` option (stop words dropped where it is false), the chunk's words
        mapped to their terms once for all.

        Each matrix has one column per term id known so far; later chunks may add
        ids, so pad with ``resize`` before stacking chunks.
        """
        key_of, is_stop = self._key_of(chunk.words)
        content = np.where(is_stop, -1, key_of)
        return [_by_document(chunk.matrix, keys, keys >= 0, len(self.ids))
                for keys in (key_of if keep else content for keep in keep_stopwords)]  # fmt: skip

    def terms(self) -> list[str]:
        """Displayed term of each term id."""
        return self._display(list(self.ids))

    def _one_group(self, words: csr_matrix, code: int, key_of: np.ndarray) -> tuple:
        """Unigram counts of one group's documents: word totals are summed per term, and
        only the terms spelled in more than one way are counted again document by document."""
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
        return (np.full(len(key), code), key, count[key].astype(np.int64),
                doc_freq[key].astype(np.int64))  # fmt: skip

    def _ngrams(self, chunk: ChunkWords, codes: np.ndarray, key_of, is_stop) -> tuple:
        """N-gram counts: windows inside one segment of one document, no stop word at an end."""
        ids, n = chunk.ids, self.ngram
        m = len(ids) - n + 1
        if m <= 0 or len(is_stop) == 0:  # too short, or no word at all (only separators)
            return (np.zeros(0, np.int64),) * (n + 3)
        doc_of = np.repeat(np.arange(len(chunk.indptr) - 1), np.diff(chunk.indptr))
        word = np.maximum(ids, 0)
        inside = doc_of[:m] == doc_of[n - 1 :]
        for j in range(n):
            inside &= ids[j : j + m] >= 0
        inside &= ~is_stop[word[:m]] & ~is_stop[word[n - 1 :]]
        start = np.flatnonzero(inside)
        columns = [key_of[word[start + j]] for j in range(n)]
        gram, first = _group_rows(columns)
        distinct = np.int64(len(first))
        pairs, per_pair = np.unique(doc_of[start] * distinct + gram, return_counts=True)
        doc, gram = np.divmod(pairs, distinct)
        label = codes[chunk.group[doc]]
        part = _sum_rows([label, gram], per_pair, np.ones_like(per_pair))
        return (part[0], *(column[first[part[1]]] for column in columns), *part[2:])

    def _key_of(self, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """``(term key id, is a stop word)`` of each of ``words``, the new ones mapped on the
        way (one look-up per word, or none for the words of the evidence's last update)."""
        slots = self.resolver.batch_slots(words)
        if slots is None:
            key_of = np.fromiter(map(self.key_ids.get, words, repeat(-1)), np.int64, len(words))
            at = np.flatnonzero(key_of < 0).tolist()
            if at:
                key_of[at] = self._map_words(words, at)
            stop = self.stop_words.__contains__
            return key_of, np.fromiter(map(stop, words), bool, len(words))
        if len(slots) and slots.max() >= len(self._slot_key):
            size = max(2 * len(self._slot_key), int(slots.max()) + 1)
            self._slot_key = np.concatenate(
                [self._slot_key, np.full(size - len(self._slot_key), -1)]
            )
            self._slot_stop = np.concatenate(
                [self._slot_stop, np.zeros(size - len(self._slot_stop), bool)]
            )
        key_of = self._slot_key[slots]
        at = np.flatnonzero(key_of < 0)
        if len(at):  # not cached: looked up, and mapped if new
            some = list(map(words.__getitem__, at.tolist()))
            found = np.fromiter(map(self.key_ids.get, some, repeat(-1)), np.int64, len(some))
            new = np.flatnonzero(found < 0)
            if len(new):
                found[new] = self._map_words(words, at[new].tolist())
            key_of[at] = self._slot_key[slots[at]] = found
            self._slot_stop[slots[at]] = np.fromiter(map(self.stop_words.__contains__, some),
                                                     bool, len(some))  # fmt: skip
        return key_of, self._slot_stop[slots]

    def _map_words(self, words: list[str], at: list[int]) -> list[int]:
        """Give the new ``words[i]`` for ``i`` in ``at`` their term key ids (normalised all at
        once, as one string); return those ids."""
        new = list(map(words.__getitem__, at))
        if self.form == "norm":
            # normalize() maps one character at a time and never to "\n"; with alef maqsura
            # kept (for stop words), unifying it afterwards gives the full normalize().
            text = normalize("\n".join(new), alef_maqsura=False)
            kept, keys = text.split("\n"), text.replace("\u0649", "\u064a").split("\n")
        else:  # the resolver has normalised the words of its evidence already
            kept, norms = self.resolver.key_forms(words, at=at)
            keys = self.resolver.host_keys(norms)
            self.dependent.extend(map(new.__getitem__, self.resolver.evidence_dependent(norms)))
            if self.form == "stem":
                keys = list(map(light_stem, keys))
        if self.stop is not None:
            self.stop_words.update(compress(new, map(self.stop.__contains__, kept)))
        ids = self.ids
        added = [key for key in dict.fromkeys(keys) if key not in ids]
        ids.update(zip(added, range(len(ids), len(ids) + len(added))))
        found = list(map(ids.__getitem__, keys))
        self.key_ids.update(zip(new, found, strict=True))
        return found

    def groups(
        self, min_count: int = 1
    ) -> Iterator[tuple[tuple, list[str], np.ndarray, np.ndarray]]:
        """``(label, terms as displayed, counts, document frequencies)`` for every label,
        without the terms counted fewer than ``min_count`` times (never spelled out)."""
        code, keys, count, df = self.rows()
        if min_count > 1:
            kept = count >= min_count
            code, keys, count, df = code[kept], [k[kept] for k in keys], count[kept], df[kept]
        order = np.argsort(code, kind="stable")
        code, keys, count, df = code[order], [k[order] for k in keys], count[order], df[order]
        names = np.array(self._display(list(self.ids)), dtype=object)
        terms = names[keys[0]]
        for column in keys[1:]:
            terms = terms + " " + names[column]
        starts = np.searchsorted(code, np.arange(len(self.labels)))
        ends = np.searchsorted(code, np.arange(len(self.labels)), side="right")
        for label, start, end in zip(self.labels, starts, ends, strict=True):
            yield label, terms[start:end].tolist(), count[start:end], df[start:end]

    def rows(self) -> tuple[np.ndarray, list[np.ndarray], np.ndarray, np.ndarray]:
        """``(label code, term ids of each word, counts, document frequencies)``: one row per
        label and term, as numbers (:meth:`terms` spells the ids)."""
        parts = [np.concatenate(column) for column in zip(*self.parts, strict=True)]
        if len(self.parts) > 1:
            parts = _sum_rows(parts[:-2], *parts[-2:])
        code, *keys, count, df = parts or [np.zeros(0, dtype=np.int64)] * (self.ngram + 3)
        return code, keys, count, df

    def _display(self, keys: list[str]) -> list[str]:
        """Readable spellings of term keys (hamza restored for terms)."""
        return self.resolver.spellings(keys, normalised=True) if self.form == "term" else keys


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


def _group_rows(columns: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """``(group id of each row, first row of each group)`` of equal rows across ``columns``."""
    code = np.asarray(columns[0], dtype=np.int64)
    for column in columns[1:]:
        code = np.unique(code, return_inverse=True)[1].astype(np.int64)  # dense, < rows
        code = code * (int(column.max(initial=0)) + 1) + column
    _, first, inverse = np.unique(code, return_index=True, return_inverse=True)
    return inverse.astype(np.int64), first


def _sum_rows(columns: list[np.ndarray], count, df) -> tuple[np.ndarray, ...]:
    """Sum ``count`` and ``df`` over equal rows of ``columns``: ``(*columns, count, df)``."""
    group, first = _group_rows(columns)
    return (*(np.asarray(column)[first] for column in columns),
            np.bincount(group, weights=count, minlength=len(first)).astype(np.int64),
            np.bincount(group, weights=df, minlength=len(first)).astype(np.int64))  # fmt: skip

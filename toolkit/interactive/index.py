"""A positional index of readable terms: which documents, and where, hold a term or phrase.

Built once per corpus: Arrow numbers the words of every document
(:func:`toolkit.text.word_ids.number_words`), each distinct word is resolved
to its readable term with the corpus as clitic evidence (the ``term`` of
:func:`toolkit.tokenize`), and the word positions are sorted by term, so a
query is a slice of a sorted array, whatever the corpus size. Character
offsets are found only for the hits that are shown (:meth:`TermIndex.spans`).

>>> index = TermIndex(pd.Series(["زار كوخافي المغرب", "والمغرب يرحب، للمغرب"]))
>>> hits = index.find("المغرب")
>>> index.doc_of[hits].tolist(), [index.spans(h, 1) for h in hits]
([0, 1, 1], [(11, 17), (0, 7), (14, 20)])
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

from toolkit.text.clitics import TermResolver
from toolkit.text.tokenize import _ARABIC_LETTERS, _ARABIC_MARKS
from toolkit.text.word_ids import number_words

__all__ = ["WORD", "TermIndex"]

#: A word as :func:`~toolkit.text.word_ids.number_words` cuts it (digits are not words).
WORD = re.compile(rf"[{_ARABIC_LETTERS}{_ARABIC_MARKS}A-Za-z\u00c0-\u024f]+")


class TermIndex:
    """Positions of every word of ``texts``, by readable term.

    ``positions`` run over all words of all documents in order, with -1
    entries where punctuation, digits or line breaks cut a phrase; ``doc_of``
    gives the document (row number of ``texts``) of each position.
    """

    def __init__(self, texts: pd.Series) -> None:
        self.texts = texts.reset_index(drop=True)
        words = number_words(self.texts, segments=True)
        resolver = TermResolver(dict(zip(words.vocabulary, words.word_counts().tolist())))
        resolver.resolve_all(words.vocabulary)
        self.resolver = resolver
        keys = [resolver.resolve(word)[1] for word in words.vocabulary]
        self.terms, term_of_word = np.unique(np.array(keys, dtype=object), return_inverse=True)
        self._term_id = {term: i for i, term in enumerate(self.terms.tolist())}
        lookup = np.append(term_of_word.astype(np.int32), np.int32(-1))  # id -1 stays -1
        self.tokens = lookup[words.ids]
        self.indptr = words.indptr
        self.doc_of = np.repeat(np.arange(len(self.texts), dtype=np.int32), np.diff(self.indptr))
        self._order = np.argsort(self.tokens, kind="stable")
        self._first = np.searchsorted(self.tokens[self._order], np.arange(len(self.terms) + 1))
        self._words_before = np.cumsum(self.tokens >= 0) - (self.tokens >= 0)
        self._word_spans = lru_cache(maxsize=512)(self._spans_of_doc)

    def __len__(self) -> int:
        return len(self.texts)

    def key(self, word: str) -> str:
        """The term key a query word is matched by (والمغرب -> المغرب when attested)."""
        return self.resolver.resolve(word)[1]

    def find(self, query: str) -> np.ndarray:
        """Positions where the words of ``query`` start, in corpus order.

        Every word of the query is matched by readable term; a phrase must not
        cross punctuation or a document boundary. Punctuation and digits in
        the query are ignored.
        """
        ids = [self._term_id.get(self.key(word), -2) for word in WORD.findall(query)]
        if not ids or min(ids) == -2:
            return np.empty(0, dtype=np.int64)
        first = self._order[self._first[ids[0]] : self._first[ids[0] + 1]]
        hits = np.sort(first)
        for offset, term in enumerate(ids[1:], start=1):
            hits = hits[hits + offset < len(self.tokens)]
            hits = hits[self.tokens[hits + offset] == term]
        if len(ids) > 1:
            hits = hits[self.doc_of[hits] == self.doc_of[hits + len(ids) - 1]]
        return hits

    def spans(self, position: int, length: int) -> tuple[int, int]:
        """Character span of the ``length`` words from ``position`` in their document."""
        doc = int(self.doc_of[position])
        spans = self._word_spans(doc)
        first = int(self._words_before[position] - self._words_before[self.indptr[doc]])
        return spans[first][0], spans[first + length - 1][1]

    def context(self, position: int, length: int, window: int) -> tuple[str, str, str, int, int]:
        """``(left, match, right, start, end)``: ``window`` words each side, as one line."""
        doc = int(self.doc_of[position])
        text = self.texts.iloc[doc]
        spans = self._word_spans(doc)
        first = int(self._words_before[position] - self._words_before[self.indptr[doc]])
        last = first + length - 1
        start, end = spans[first][0], spans[last][1]
        lo = spans[max(0, first - window)][0]
        hi = spans[min(len(spans) - 1, last + window)][1]
        return _one_line(text[lo:start]), text[start:end], _one_line(text[end:hi]), start, end

    def _spans_of_doc(self, doc: int) -> list[tuple[int, int]]:
        text = self.texts.iloc[doc]
        return [m.span() for m in WORD.finditer(text)] if isinstance(text, str) else []


def _one_line(context: str) -> str:
    return " ".join(context.split())

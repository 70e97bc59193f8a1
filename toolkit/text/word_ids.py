"""Number the words of many texts at once, in C++ (Apache Arrow), for counting.

A *word* here is a run of Arabic letters and marks or of Latin letters:
everything else separates words, exactly as ``SEPARATOR.sub(" ", text).split()``
does in Python. White space other than a line break only separates words;
punctuation, digits, symbols and line breaks also end a *segment* (n-grams
stay inside segments), as they end a token run or a sentence in
:func:`toolkit.tokenize`, so a text and its tokens table give the same words
and segments.
Arrow does the regex substitution (RE2), the split and the hashing of
words to ids without creating a Python string per token, which makes
counting about twice as fast as the pure-Python loop.

>>> words = number_words(pd.Series(["والمغرب يرحب، والمغرب", None, "3 Rabat"]))
>>> words.vocabulary, words.ids.tolist(), words.indptr.tolist()
(['والمغرب', 'يرحب', 'Rabat'], [0, 1, 0, 2], [0, 3, 3, 4])
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from toolkit.text.tokenize import _ARABIC_LETTERS, _ARABIC_MARKS, _LATIN_LETTERS

__all__ = ["SEPARATOR", "WordIds", "number_words"]

#: White space that separates words without ending a segment: all of it but the line break.
SPACES = r"\t\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
#: Everything that is neither a letter, a combining mark nor such white space ends a segment.
SEPARATOR = re.compile(rf"[^{_ARABIC_LETTERS}{_ARABIC_MARKS}{_LATIN_LETTERS}{SPACES}]+")
_BOUNDARY = "\ue000"  # a private-use character, itself a separator: never part of a word


def _re2(pattern: str) -> str:
    return re.sub(r"\\(?:u|x)([0-9A-Fa-f]{4}|[0-9A-Fa-f]{2})", r"\\x{\1}", pattern)


# the same class for RE2, with the other white space also replaced by a space
_RE2_SEPARATOR = _re2(rf"[^{_ARABIC_LETTERS}{_ARABIC_MARKS}{_LATIN_LETTERS} ]+")
_RE2_SEGMENT_BREAK = _re2(SEPARATOR.pattern)
_RE2_SPACES = _re2(f"[{SPACES.replace(' ', '')}]")  # not the space: 6x faster


@dataclass
class WordIds:
    """Words of ``n`` texts: text ``i``'s word ids are ``ids[indptr[i]:indptr[i + 1]]``."""

    vocabulary: list[str]  # id -> word, in order of first occurrence
    ids: np.ndarray  # int32, one per word token
    indptr: np.ndarray  # int64, n + 1 offsets into ids

    def word_counts(self) -> np.ndarray:
        """Occurrences of each vocabulary word."""
        return np.bincount(self.ids[self.ids >= 0], minlength=len(self.vocabulary))


def number_words(texts: pd.Series, *, segments: bool = False) -> WordIds:
    """Split ``texts`` (missing values count as empty texts) into numbered words.

    With ``segments``, ``ids`` also holds -1 wherever a run of separators
    (punctuation, digits, symbols, line breaks) ends a segment, so that
    n-grams can be kept inside segments.

    >>> number_words(pd.Series(["رئيس أركان، الجيش"]), segments=True).ids.tolist()
    [0, 1, -1, 2]
    """
    strings = _arrow_strings(texts)
    if segments:
        spaced = pc.replace_substring_regex(
            strings, pattern=_RE2_SEGMENT_BREAK, replacement=f" {_BOUNDARY} "
        )
        # utf8_split_whitespace would also split at tabs and no-break spaces, but it can
        # read a byte past a computed buffer and mis-split a trailing space (seen on
        # pyarrow 26 by the hypothesis test; cf. scikit-hep/awkward#4151): split at spaces
        spaced = pc.replace_substring_regex(spaced, pattern=_RE2_SPACES, replacement=" ")
        words = pc.ascii_split_whitespace(spaced)
    else:
        words = pc.ascii_split_whitespace(  # only spaces are left after the substitution
            pc.replace_substring_regex(strings, pattern=_RE2_SEPARATOR, replacement=" ")
        )
    encoded = pc.dictionary_encode(pc.list_flatten(words))
    vocabulary = encoded.dictionary.to_pylist()
    ids = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int32)  # writable
    lengths = pc.list_value_length(words).fill_null(0).to_numpy(zero_copy_only=False)
    indptr = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    if "" in vocabulary:  # a text that starts or ends with a separator
        ids, indptr = _drop_word(vocabulary.index(""), ids, indptr)
        vocabulary.remove("")
    if segments and _BOUNDARY in vocabulary:
        boundary = vocabulary.index(_BOUNDARY)
        vocabulary.remove(_BOUNDARY)
        is_boundary = ids == boundary
        ids[ids > boundary] -= 1
        ids[is_boundary] = -1
    return WordIds(vocabulary, ids, indptr)


def _arrow_strings(texts: pd.Series) -> pa.LargeStringArray:
    try:
        strings = pa.array(texts, type=pa.large_string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, UnicodeEncodeError):
        for row, text in texts.items():
            if not isinstance(text, str) and not pd.isna(text):
                raise TypeError(f"texts must be strings; row {row!r} holds {text!r}") from None
            if isinstance(text, str) and not _encodes(text):
                raise ValueError(f"row {row!r} is not valid Unicode (a lone surrogate)") from None
        raise
    return strings.combine_chunks() if isinstance(strings, pa.ChunkedArray) else strings


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _drop_word(word_id: int, ids: np.ndarray, indptr: np.ndarray) -> tuple[np.ndarray, ...]:
    """Remove every occurrence of ``word_id`` and renumber the ids above it."""
    dropped = np.flatnonzero(ids == word_id)
    per_text = np.bincount(np.searchsorted(indptr, dropped, side="right") - 1,
                           minlength=len(indptr) - 1)  # fmt: skip
    ids = np.delete(ids, dropped)
    ids[ids > word_id] -= 1
    return ids, indptr - np.concatenate(([0], np.cumsum(per_text)))

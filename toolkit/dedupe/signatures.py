"""Map step of near-duplicate search: the word shingles of each document of a corpus chunk.

Words are runs of letters, marks and digits, normalised with
:func:`toolkit.normalize` (diacritics, tatweel, alef forms, alef maqsura,
teh marbuta, Arabic-Indic digits) and lower-cased, so that a re-typed or
vocalised copy has the same words. A shingle is ``SHINGLE`` consecutive
words, hashed to 44 bits; each document keeps its sorted set of shingles,
from which :mod:`toolkit.dedupe.clusters` finds and verifies the similar
pairs. Everything depends on the document alone, never on the chunk.

>>> import pandas as pd
>>> texts = ["زار الوفدُ الرباطَ اليوم", "زار الوفد الرباط اليوم"]
>>> chunk = pd.DataFrame({"doc_id": ["a", "b"], "text": texts})
>>> sigs = sign_chunk(chunk)
>>> bool((sigs.shingles[:3] == sigs.shingles[3:]).all()), sigs.sizes.tolist()
(True, [3, 3])
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from toolkit.text.normalize import each_word, normalize
from toolkit.text.tokenize import _ARABIC_LETTERS, _ARABIC_MARKS, _DIGIT, _LATIN_LETTERS
from toolkit.text.word_ids import _arrow_strings, _re2

__all__ = ["SHINGLE", "Signatures", "sign_chunk"]

#: Words per shingle.
SHINGLE = 2
_SHINGLE_BITS = 44
_DOC_BITS = 64 - _SHINGLE_BITS - 1  # a chunk holds fewer than 2**19 documents
_NOT_WORD = _re2(rf"[^{_ARABIC_LETTERS}{_ARABIC_MARKS}{_DIGIT}{_LATIN_LETTERS}]+")
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9], dtype=np.uint64)


@dataclass
class Signatures:
    """Documents of one or more chunks: metadata and shingle sets."""

    doc_id: np.ndarray  # object
    date: np.ndarray  # datetime64[ns], NaT when unknown
    length: np.ndarray  # int64, characters of text
    shingles: np.ndarray  # uint64, each document's sorted distinct shingles, concatenated
    indptr: np.ndarray  # int64, document i's shingles are shingles[indptr[i]:indptr[i + 1]]

    @property
    def sizes(self) -> np.ndarray:
        """Distinct shingles per document."""
        return np.diff(self.indptr)

    @classmethod
    def concat(cls, parts: list[Signatures]) -> Signatures:
        """One table of several chunks' signatures, in order."""
        offsets = np.cumsum([0] + [len(p.shingles) for p in parts[:-1]])
        return cls(
            np.concatenate([p.doc_id for p in parts]),
            np.concatenate([p.date for p in parts]),
            np.concatenate([p.length for p in parts]),
            np.concatenate([p.shingles for p in parts]),
            np.concatenate([[0]] + [p.indptr[1:] + o for p, o in zip(parts, offsets)]),
        )


def _word_hashes(vocabulary: list[str]) -> np.ndarray:
    """A 64-bit hash of each word's normal form; 0 for words that normalise to nothing."""
    forms = each_word(partial(normalize, teh_marbuta=True), vocabulary)
    return np.array(
        [int.from_bytes(hashlib.blake2b(f.encode(), digest_size=8).digest()) if f else 0
         for f in forms], dtype=np.uint64,
    )  # fmt: skip


def _shingles(texts: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Each text's sorted distinct shingle hashes: ``(shingles, indptr)``."""
    strings = pc.utf8_lower(_arrow_strings(texts))
    words = pc.ascii_split_whitespace(
        pc.replace_substring_regex(strings, pattern=_NOT_WORD, replacement=" ")
    )
    encoded = pc.dictionary_encode(pc.list_flatten(words))
    hashes = _word_hashes(encoded.dictionary.to_pylist())
    word = hashes[encoded.indices.to_numpy(zero_copy_only=False)]
    lengths = pc.list_value_length(words).fill_null(0).to_numpy(zero_copy_only=False)
    doc = np.repeat(np.arange(len(texts), dtype=np.uint64), lengths)
    kept = word != 0  # words of tatweel or marks only
    word, doc = word[kept], doc[kept]
    m = len(word) - SHINGLE + 1
    if m <= 0:
        return np.zeros(0, np.uint64), np.zeros(len(texts) + 1, np.int64)
    with np.errstate(over="ignore"):
        mixed = word[:m] * _MIX[0]
        for j in range(1, SHINGLE):
            mixed = (mixed ^ (mixed >> np.uint64(29))) + word[j : j + m] * _MIX[j]
        mixed ^= mixed >> np.uint64(31)
        mixed *= _MIX[1]
        mixed ^= mixed >> np.uint64(33)
    inside = doc[:m] == doc[SHINGLE - 1 :]
    keys = (doc[:m][inside] << np.uint64(_SHINGLE_BITS)) | (
        mixed[inside] >> np.uint64(64 - _SHINGLE_BITS)
    )
    keys.sort()  # by document, then shingle; faster than np.unique's hash table
    distinct = np.ones(len(keys), dtype=bool)
    distinct[1:] = keys[1:] != keys[:-1]
    keys = keys[distinct]
    counts = np.bincount((keys >> np.uint64(_SHINGLE_BITS)).astype(np.int64),
                         minlength=len(texts))  # fmt: skip
    indptr = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    return keys & np.uint64((1 << _SHINGLE_BITS) - 1), indptr


def sign_chunk(chunk: pd.DataFrame) -> Signatures:
    """Map step: the shingle sets of a corpus chunk (``doc_id``, ``text``, ``date``)."""
    missing = {"doc_id", "text"} - set(chunk.columns)
    if missing:
        raise ValueError(f"a corpus needs the columns doc_id and text; missing {sorted(missing)}")
    if len(chunk) >= 1 << _DOC_BITS:
        raise ValueError(f"chunks of at most {(1 << _DOC_BITS) - 1:,} documents")
    texts = chunk["text"].fillna("").astype(object)
    shingles, indptr = _shingles(texts) if len(texts) else (np.zeros(0, np.uint64), np.zeros(1))
    dates = chunk["date"] if "date" in chunk else pd.Series(pd.NaT, index=chunk.index)
    return Signatures(
        chunk["doc_id"].astype(str).to_numpy(dtype=object),
        pd.to_datetime(dates).to_numpy(dtype="datetime64[ns]"),
        texts.map(len).to_numpy(dtype=np.int64),
        shingles,
        indptr.astype(np.int64),
    )

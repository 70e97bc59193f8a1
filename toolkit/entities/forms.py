"""Matching keys and clitic-stripped forms of Arabic words, for entity work.

A *key* is the normalised spelling used for lookups: diacritics and tatweel
removed, alef forms unified, alef maqsura -> ya and ta marbuta -> ha, so
``إسرائيل``, ``اسرائيل`` and ``إسرائيلُ`` share one key.

>>> key("إسرائيلُ") == key("اسرائيل")
True
>>> clitic_variants(key("وبالرباط"))
['وبالرباط', 'بالرباط', 'الرباط']
"""

from __future__ import annotations

from functools import lru_cache

from toolkit.text.normalize import normalize

__all__ = ["bare", "clitic_variants", "key", "strip_clitics"]

_CONJUNCTIONS = "وف"
_PREPOSITIONS = "بلك"
#: A stripped form must keep at least this many letters.
_MIN_STEM = 2


#: Words whose key is memoised (least recently used dropped first).
KEY_CACHE = 200_000


@lru_cache(maxsize=KEY_CACHE)
def key(word: str) -> str:
    """Return the lookup key of ``word`` (see module docstring)."""
    return normalize(word, teh_marbuta=True)


def clitic_variants(word_key: str) -> list[str]:
    """Return ``word_key`` and its forms without و/ف and then ب/ل/ك proclitics.

    ``لل`` before a noun stands for ``ل + ال`` and gives back ``ال``. The
    article ``ال`` itself is kept (see :func:`bare`). Candidates only: a
    name such as ``واشنطن`` also yields ``اشنطن``; callers decide with
    gazetteer or corpus evidence.
    """
    variants = [word_key]
    word = word_key
    if len(word) > _MIN_STEM and word[0] in _CONJUNCTIONS:
        word = word[1:]
        variants.append(word)
    if len(word) > _MIN_STEM and word[0] in _PREPOSITIONS:
        if word.startswith("لل") and len(word) > _MIN_STEM + 2:
            variants.append("ال" + word[2:])
        else:
            variants.append(word[1:])
    return variants


def strip_clitics(word_key: str) -> str:
    """Return the proclitic-free form when the proclitics are unambiguous.

    Unambiguous means the word goes on with the article ``ال``
    (``وبالرباط`` -> ``الرباط``, ``للمغرب`` -> ``المغرب``); otherwise the key
    is returned unchanged (``واشنطن`` stays).
    """
    for variant in reversed(clitic_variants(word_key)[1:]):
        if variant.startswith("ال") and len(variant) > _MIN_STEM + 2:
            return variant
    return word_key


def bare(word_key: str) -> str:
    """Return ``word_key`` without the article ``ال`` (``الرباط`` -> ``رباط``)."""
    if word_key.startswith("ال") and len(word_key) > _MIN_STEM + 2:
        return word_key[2:]
    return word_key

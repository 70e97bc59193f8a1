"""The shipped Arabic word list, used as evidence for clitic splitting.

Words are looked up by their :func:`toolkit.text.forms.norm` form;
the article ال and common suffixes (ة ات ين ون ان ي ية ...) are removed
before the lookup because the list holds bare stems (Ayaspell, see
``toolkit/data/lexicon/README.md``).

>>> is_known("المغرب"), is_known("الحكومات"), is_known("وخافي")
(True, True, False)
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib.resources import files

from toolkit.text.forms import ARTICLE, norm

__all__ = ["EXACT", "UNKNOWN", "WITH_SUFFIX", "is_known", "is_known_key", "lexicon", "match_key"]

UNKNOWN, WITH_SUFFIX, EXACT = 0, 1, 2

#: Suffixes removed (longest first) before a lookup; a removed suffix may leave a teh marbuta.
SUFFIXES = (
    "يات", "يين", "يون", "تين", "تان", "ات", "ين", "ون", "ان", "ية", "ي", "ة", "ا",
    "هما", "ها", "هم", "كم", "نا", "ه",
)  # fmt: skip
_SUFFIX_SET = frozenset(SUFFIXES)


@lru_cache(maxsize=1)
def lexicon() -> frozenset[str]:
    """The normalised forms of every shipped word (read once per process: one entry cached).

    The file holds them already normalised (:func:`toolkit.text.forms.norm`,
    see ``scripts/build_lexicon.py``), so loading only reads them.
    """
    path = files("toolkit") / "data" / "lexicon" / "ar-words.txt.gz"
    with gzip.open(path.open("rb"), "rt", encoding="utf-8") as handle:
        return frozenset(handle.read().split())


def _bare(key: str) -> str:
    """``key`` without the article, when at least three letters remain (التر is not ال + تر)."""
    return key[2:] if key.startswith(ARTICLE) and len(key) > 4 else key


def is_known(word: str) -> bool:
    """True when ``word`` (any spelling) is in the shipped list, allowing ال and a suffix."""
    return match_key(norm(word)) != UNKNOWN


def is_known_key(key: str) -> bool:
    """:func:`is_known` for an already normalised ``key``."""
    return match_key(key) != UNKNOWN


#: Keys whose :func:`match_key` answer is memoised (least recently used dropped first).
MATCH_CACHE = 200_000


@lru_cache(maxsize=MATCH_CACHE)
def match_key(key: str) -> int:
    """How a normalised ``key`` is known: ``EXACT`` (as listed, or with ال),
    ``WITH_SUFFIX`` (after removing a suffix) or ``UNKNOWN``.

    >>> match_key("المغرب") == EXACT, match_key("الحكومات") == WITH_SUFFIX
    (True, True)
    """
    table = lexicon()
    bare = _bare(key)
    if key in table or bare in table:
        return EXACT
    for size in (3, 2, 1):
        stem = bare[:-size]
        if len(stem) < 2 or bare[-size:] not in _SUFFIX_SET or stem[-1] == bare[-size]:
            continue  # a doubled letter (ودي + ي) is not a suffix boundary
        if stem in table or stem + "ة" in table:
            return WITH_SUFFIX
    return UNKNOWN

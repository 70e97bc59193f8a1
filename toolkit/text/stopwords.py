"""Arabic stop words, with their clitic-attached and normalised variants.

The base list is spaCy's Arabic list plus a reviewed set of news function
words (see ``toolkit/data/stopwords/README.md``). Every form is stored
normalised, together with its forms carrying proclitics (وفي، بهذا، للذين)
and, for particles, pronoun suffixes (عليه، منها، لأنهم).

>>> is_stopword("وفي"), is_stopword("عليهم"), is_stopword("زيارة")
(True, True, False)
>>> custom = stopword_set(add=["زيارة"], remove=["قال"])
>>> is_stopword("زيارة", custom), is_stopword("وقال", custom)
(True, False)
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib.resources import files

from toolkit.text.forms import CONJUNCTIONS, PROCLITICS, attach, stop_form

__all__ = ["base_stopwords", "is_stopword", "stopword_set"]

PRONOUN_SUFFIXES = ("ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "كن", "نا", "ي", "ني")
#: Particles and prepositions that take pronoun suffixes (spelled as before a suffix: على -> علي).
SUFFIXED_PARTICLES = (
    "علي", "الي", "في", "من", "عن", "مع", "لدي", "عند", "حول", "بين", "ضد", "امام", "خلال",
    "بعد", "قبل", "منذ", "دون", "لكن", "ان", "لان", "كان", "لعل", "ليت", "مثل", "نفس", "ذات",
    "غير", "كل", "بعض", "جميع", "معظم", "لدي", "ل", "ب", "ك", "ايا", "حيث",
)  # fmt: skip
#: Content words that a generated variant would otherwise hide (ولي العهد, etc.).
CONTENT_WORDS = frozenset({"ولي", "والي", "ولاية", "بني", "فعل", "فعلي", "واحد", "واحدة"})


def _read(name: str) -> list[str]:
    text = (files("toolkit") / "data" / "stopwords" / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def _variants(words: set[str]) -> set[str]:
    forms = set(words)
    for particle in SUFFIXED_PARTICLES:
        forms.update(particle + suffix for suffix in PRONOUN_SUFFIXES)
    forms.update({"الي" + s for s in PRONOUN_SUFFIXES} | {"علي" + s for s in PRONOUN_SUFFIXES})
    with_clitics = set()
    for form in forms:
        if form[:1] in CONJUNCTIONS and form[1:] in forms:
            continue  # already has a conjunction (وفي): وك + وفي would make names like وكوفي
        with_clitics.update(attach(clitic, form) for clitic in PROCLITICS)  # ل + الذي -> للذي
    return (forms | with_clitics) - CONTENT_WORDS


@cache
def base_stopwords() -> frozenset[str]:
    """The listed stop words (normalised), without generated clitic variants."""
    base = {stop_form(w) for w in _read("ar-spacy.txt") + _read("ar-additions.txt")}
    return frozenset(base - {stop_form(w) for w in _read("ar-removed.txt")})


@cache
def _default() -> frozenset[str]:
    letters = {chr(c) for c in range(0x0621, 0x064B)}
    return frozenset(_variants(set(base_stopwords())) | {stop_form(c) for c in letters})


def stopword_set(
    *, add: Iterable[str] = (), remove: Iterable[str] = (), clitics: bool = True
) -> frozenset[str]:
    """The default stop set (normalised forms, alef maqsura kept) with words added or removed.

    Added and removed words also take their clitic variants when ``clitics``
    is true, so ``remove=["قال"]`` keeps وقال and فقال as well.

    >>> "ومليون" in stopword_set(add=["مليون"])
    True
    """
    if not add and not remove:
        return _default()
    added = {stop_form(w) for w in _as_words(add, "add")}
    removed = {stop_form(w) for w in _as_words(remove, "remove")}
    if clitics:
        added, removed = _variants(added), _variants(removed)
    return (_default() | added) - removed


def _as_words(words: Iterable[str], name: str) -> list[str]:
    if isinstance(words, str):
        raise TypeError(f"{name}= expects a list of words, not a single string: {words!r}")
    return list(words)


def is_stopword(word: str, stopwords: frozenset[str] | None = None) -> bool:
    """True when ``word`` (any spelling, with or without clitics) is a stop word."""
    return stop_form(word) in (_default() if stopwords is None else stopwords)

"""Mentions that are no names for a network: currencies, units, nationalities, fragments.

The tagger labels درهم or دولار MISC (ANERcorp does), and nationality adjectives
slip in as names; in a co-occurrence network they become the biggest nodes
while telling nothing about who meets whom. :func:`misc_kind` tells them:
``"currency"`` or ``"unit"`` when the first word is one (``الدولار الأمريكي``,
``بالدرهم``, ``كلم``; the rest, if any, nationality adjectives), ``"nationality"``
when every word is a nationality adjective (``المغربية``, ``الفرنسيين``), and
``"fragment"`` for a name of one or two letters (``هم``, ``سي``) or a word that
is no name alone (``بني`` of بني ملال; ``الله``, which ANERcorp and so the tagger
label MISC in formulae such as إن شاء الله; ``never_alone.txt``).

>>> [misc_kind(n) for n in ["درهم", "الدولار الأمريكي", "كلم", "المغربية", "هم", "الله", "المغرب"]]
['currency', 'currency', 'unit', 'nationality', 'fragment', 'fragment', None]
"""

from __future__ import annotations

from functools import cache, lru_cache

from toolkit.entities.gazetteers import DATA_DIR, lexicon
from toolkit.text.forms import clitic_variants, key

__all__ = ["MISC_KINDS", "misc_kind"]

#: The kinds :func:`misc_kind` returns, in the order of ``keep_misc_kinds=`` options.
MISC_KINDS = ("currency", "unit", "nationality", "fragment")
#: a name needs more letters than this
_MAX_FRAGMENT_LETTERS = 2


@cache
def _kind_words() -> dict[str, str]:
    """Key of a currency or unit word, with and without the article -> its kind."""
    words: dict[str, str] = {}
    for line in (DATA_DIR / "misc_kinds.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, *forms = line.split()
            for form in forms:
                words[key(form)] = words["ال" + key(form)] = kind
    return words


def _is_nationality(word_key: str) -> bool:
    from toolkit.entities.canonical import nisba_table

    return any(variant in nisba_table() for variant in clitic_variants(word_key))


@lru_cache(maxsize=100_000)
def misc_kind(name: str) -> str | None:
    """The kind of ``name`` (one of :data:`MISC_KINDS`), or ``None`` for a name."""
    keys = [key(w) for w in name.split()]
    if not keys:
        return None
    if len("".join(keys)) <= _MAX_FRAGMENT_LETTERS or " ".join(keys) in lexicon("never_alone"):
        return "fragment"
    kinds = _kind_words()
    first = next((kinds[v] for v in clitic_variants(keys[0]) if v in kinds), None)
    if first and all(map(_is_nationality, keys[1:])):
        return first
    if all(map(_is_nationality, keys)):
        return "nationality"
    return None

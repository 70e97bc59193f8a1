"""Canonical names: merge the mentions a reader would merge.

Three steps, using entity and gazetteer evidence rather than general rules:

1. **Clitics.** Proclitics on the first word (و ف ب ل ك, and ``لل`` for
   ``ل + ال``) are removed when the result is attested: another mention of
   the same batch, or a gazetteer, alias-table or first-name-list name
   (``ولإسرائيل`` -> ``إسرائيل``, ``ووليد`` -> ``وليد``; for a lone ب/ل/ك
   before a name without the article, only a mention in the batch counts:
   ``لوزان`` stays, it is Lausanne, not ``ل + وزان``). A first word that is
   itself a known name keeps its letters (``واشنطن``). Without evidence,
   only proclitics in front of the article ``ال`` go (``وبالرباط`` -> ``الرباط``).
2. **Aliases** from ``toolkit/data/ner/aliases.tsv``
   (``المملكة المغربية`` -> ``المغرب``).
3. **Spelling.** Mentions whose keys agree (hamza/alef, ya/alef maqsura,
   ta marbuta, diacritics) share one spelling: the gazetteer's if it has one
   (CLDR and curated lists spell hamza: ``إسرائيل``), else the most frequent
   attested spelling (ties: the one with more hamza marks, then alphabetical).

Within a document, :func:`link_surnames` then links a one-word person
mention (a surname) to the document's full name (``كوخافي`` -> ``أفيف كوخافي``).

Optional nisba linking (:func:`nisba_table`) maps adjectives such as
``المغربية`` or ``الإسرائيلي`` to their country.

>>> canonical_names(["وبالرباط", "ولإسرائيل", "اسرائيل", "المملكة المغربية"])
['الرباط', 'إسرائيل', 'إسرائيل', 'المغرب']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cache

import pandas as pd

from toolkit.entities.forms import clitic_variants, key, strip_clitics
from toolkit.entities.gazetteers import (
    aliases,
    cldr_territories,
    known_names,
    person_words,
    preferred_spellings,
)
from toolkit.text.normalize import normalize

__all__ = ["canonical_names", "link_surnames", "nisba_table"]

_HAMZA = frozenset("أإآؤئء")


def _display(word: str) -> str:
    """Strip diacritics and tatweel only, keeping hamza and ta marbuta as written."""
    return normalize(
        word, alef=False, alef_maqsura=False, teh_marbuta=False, digits=False, persian=False
    )


def _strip_surface(surface_words: list[str], first_key: str) -> list[str]:
    """Cut the first surface word so that its key is ``first_key``."""
    first = surface_words[0]
    if key(first) == first_key:
        return surface_words
    if first_key.startswith("ال") and not key(first).endswith(first_key):
        first = "ال" + first[len(first) - len(first_key) + 2 :]  # لل -> ال
    else:
        first = first[len(first) - len(first_key) :]
    return [first, *surface_words[1:]]


def _known(name_key: str) -> bool:
    return name_key in known_names() or name_key in aliases() or name_key in person_words()


def _strip_name(keys: list[str], attested: set[str]) -> str:
    """The clitic-free key of a mention (step 1)."""
    rest = keys[1:]
    if _known(" ".join(keys)):
        return keys[0]
    for variant in reversed(clitic_variants(keys[0])[1:]):
        candidate = " ".join([variant, *rest])
        if candidate in attested or (_known(candidate) and _plain_clitics(keys[0], variant)):
            return variant
    return strip_clitics(keys[0])


def _plain_clitics(word: str, variant: str) -> bool:
    """Whether a gazetteer name alone justifies reading ``word`` as clitics + ``variant``.

    Yes before the article (بالرباط), for a conjunction (وإسرائيل) and for two
    clitics (ولإسرائيل); a lone ب/ل/ك needs a mention of the bare name in the
    batch, since ``لوزان`` (Lausanne) is not ``ل + وزان``.
    """
    prefix = word[: len(word) - len(variant)]
    return variant.startswith("ال") or len(prefix) > 1 or prefix in ("و", "ف")


def canonical_names(mentions: Sequence[str]) -> list[str]:
    """Return the canonical name of every mention (see module docstring)."""
    surfaces = [[_display(w) for w in str(m).split()] for m in mentions]
    keyed = [[key(w) for w in words] for words in surfaces]
    attested = {" ".join(k) for k in keyed if k}
    spellings: dict[str, Counter] = {}
    name_keys: list[str] = []
    for words, keys in zip(surfaces, keyed, strict=True):
        if not keys:
            name_keys.append("")
            continue
        first = _strip_name(keys, attested)
        words = _strip_surface(words, first)
        name_key = " ".join([first, *keys[1:]])
        alias = aliases().get(name_key)
        if alias is not None:
            name_key = " ".join(key(w) for w in alias.split())
            words = alias.split()
        name_keys.append(name_key)
        spellings.setdefault(name_key, Counter())[" ".join(words)] += 1
    chosen = {
        name_key: preferred_spellings().get(name_key)
        or min(counts, key=lambda s: (-counts[s], -sum(ch in _HAMZA for ch in s), s))
        for name_key, counts in spellings.items()
    }
    return [chosen.get(name_key, "") for name_key in name_keys]


def link_surnames(entities: pd.DataFrame) -> pd.Series:
    """Canonical names with one-word PERS mentions linked to the full name in their document.

    ``كوخافي`` becomes ``أفيف كوخافي`` when that document names exactly one
    person whose canonical name ends with that word; otherwise the mention
    keeps its own name. Needs ``doc_id, label, canonical``.

    >>> frame = pd.DataFrame({"doc_id": ["a", "a", "b"], "label": ["PERS"] * 3,
    ...                       "canonical": ["أفيف كوخافي", "كوخافي", "كوخافي"]})
    >>> link_surnames(frame).tolist()
    ['أفيف كوخافي', 'أفيف كوخافي', 'كوخافي']
    """
    canonical = entities["canonical"].copy()
    people = entities[entities["label"] == "PERS"]
    for _, names in people.groupby("doc_id", sort=False)["canonical"]:
        full: dict[str, set[str]] = {}
        for name in names.unique():
            words = name.split()
            if len(words) > 1:
                full.setdefault(words[-1], set()).add(name)
        links = {surname: next(iter(found)) for surname, found in full.items() if len(found) == 1}
        linked = names[names.isin(list(links))]
        canonical[linked.index] = linked.map(links)
    return canonical


#: Places outside CLDR's single-word country names whose nisba is common in news.
_NISBA_EXTRA = ("فلسطين", "أمريكا", "أميركا", "أوروبا", "إفريقيا", "أفريقيا")


@cache
def nisba_table() -> dict[str, str]:
    """Key of a nisba adjective form -> canonical place name.

    Built from CLDR's single-word country names (and a few regions): the
    adjective stem is the name without the article and a final ا or ة, plus
    ي (فرنسا -> فرنسي، المغرب -> مغربي، السعودية -> سعودي); the forms are the
    masculine, feminine and plural, with and without ``ال``. Names that
    already end in ي (مالي) are left out: their nisba is ambiguous (المالي).
    """
    table: dict[str, str] = {}
    for place in (*cldr_territories(), *_NISBA_EXTRA):
        if " " in place or place.endswith("ي"):
            continue
        stem = key(place)[2:] if place.startswith("ال") else key(place)
        stem = stem[:-1] if stem[-1] in "اه" else stem
        stem = stem if stem.endswith("ي") else stem + "ي"
        if len(stem) < 4:
            continue
        target = aliases().get(key(place), place)
        for form in (stem, stem + "ه", stem + "ون", stem + "ين"):
            table.setdefault(form, target)
            table.setdefault("ال" + form, target)
    return table

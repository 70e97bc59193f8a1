"""Canonical names: merge the mentions a reader would merge.

Three steps, using entity and gazetteer evidence rather than general rules:

1. **Clitics.** Proclitics on the first word (the readings of
   :func:`toolkit.text.forms.readings`: و ف ب ل ك, ``لل`` for ``ل + ال``,
   ``للجنة`` for ``ل + اللجنة``) are removed when the host is attested:
   another mention of the same batch, or a gazetteer, alias-table or
   first-name-list name (``ولإسرائيل`` -> ``إسرائيل``, ``لليبيا`` ->
   ``ليبيا``, ``ووليد`` -> ``وليد``; for a lone ب/ل/ك before a name
   without the article, only a mention in the batch counts: ``لوزان``
   stays, it is Lausanne, not ``ل + وزان``). A first word that is itself a
   known name keeps its letters (``واشنطن``). Otherwise the news model of
   word forms decides, as for terms (``ومادورو`` -> ``مادورو``, ``وهران``
   stays).
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

import numpy as np
import pandas as pd

from toolkit.entities.gazetteers import (
    aliases,
    cldr_territories,
    glued_names,
    known_names,
    person_words,
    preferred_spellings,
)
from toolkit.text.clitics import blocked_hosts
from toolkit.text.forms import (
    ARTICLE,
    CONJUNCTIONS,
    display,
    host_spelling,
    key,
    news_model,
    norm,
    readings,
    vote,
)
from toolkit.text.normalize import each_word

__all__ = ["canonical_names", "link_surnames", "nisba_table"]


def _known(name_key: str) -> bool:
    return (
        name_key in known_names() or name_key in aliases() or name_key in person_words()
        or name_key in glued_names()
    )  # fmt: skip


def _listed_host(keys: list[str], attested: set[str]) -> str | None:
    """The clitic-free key of a mention's first word, ``keys[0]``, when the name lists or
    the batch's mentions decide it (step 1); ``None``: the news model decides
    (:func:`_model_hosts`)."""
    rest = keys[1:]
    if _known(" ".join(keys)):
        return keys[0]
    for prefix, host in sorted(readings(keys[0]), key=lambda reading: len(reading[1])):
        candidate = " ".join([host, *rest])
        if candidate in attested or (_known(candidate) and _plain_clitics(prefix, host)):
            return host
    return None


def _model_hosts(surfaces: list[str], keys: list[str]) -> list[str]:
    """The clitic-free key of each first word (``surfaces``, keyed ``keys``) that the lists
    left to the news model: its decisions made ahead of time looked up at once."""
    words = each_word(norm, surfaces)
    hosts = news_model().host_of_each(words, blocked=blocked_hosts())
    return [word_key if host == word else key(host)
            for word, word_key, host in zip(words, keys, hosts, strict=True)]  # fmt: skip


def _plain_clitics(prefix: str, host: str) -> bool:
    """Whether a gazetteer name alone justifies reading a word as ``prefix`` + ``host``.

    Yes before the article (بالرباط), for a conjunction (وإسرائيل) and for two
    clitics (ولإسرائيل); a lone ب/ل/ك needs a mention of the bare name in the
    batch, since ``لوزان`` (Lausanne) is not ``ل + وزان``.
    """
    return host.startswith(ARTICLE) or len(prefix) > 1 or prefix in CONJUNCTIONS


def canonical_names(mentions: Sequence[str]) -> list[str]:
    """Return the canonical name of every mention (see module docstring)."""
    texts = [str(mention) for mention in mentions]
    occurrences = Counter(texts)  # each distinct mention is read once, in order of first use
    surfaces = {text: [display(w) for w in text.split()] for text in occurrences}
    keyed = {text: [key(w) for w in words] for text, words in surfaces.items()}
    attested = {" ".join(keys) for keys in keyed.values() if keys}
    named = [text for text in occurrences if keyed[text]]
    firsts = {text: _listed_host(keyed[text], attested) for text in named}
    left = [text for text in named if firsts[text] is None]
    hosts = _model_hosts([surfaces[text][0] for text in left], [keyed[text][0] for text in left])
    firsts.update(zip(left, hosts, strict=True))
    spellings: dict[str, Counter] = {}
    key_of: dict[str, str] = {}
    for text, count in occurrences.items():
        words, keys = surfaces[text], keyed[text]
        if not keys:
            key_of[text] = ""
            continue
        first = firsts[text]
        words = [host_spelling(words[0], keys[0], first), *words[1:]]
        name_key = " ".join([first, *keys[1:]])
        if name_key in glued_names():  # الولاياتالمتحدةالأمريكية: the name with its spaces
            words = glued_names()[name_key][0].split()
            name_key = " ".join(key(w) for w in words)
        alias = aliases().get(name_key)
        if alias is not None:
            name_key = " ".join(key(w) for w in alias.split())
            words = alias.split()
        key_of[text] = name_key
        spellings.setdefault(name_key, Counter())[" ".join(words)] += count
    chosen = {
        name_key: preferred_spellings().get(name_key) or vote(counts)
        for name_key, counts in spellings.items()
    }
    return [chosen.get(key_of[text], "") for text in texts]


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
    column = entities["canonical"]
    canonical, doc_ids = column.tolist(), entities["doc_id"].tolist()
    people: dict[object, list[int]] = {}  # each document's PERS rows (plain lists: fast)
    for row in np.flatnonzero((entities["label"] == "PERS").to_numpy()).tolist():
        people.setdefault(doc_ids[row], []).append(row)
    linked = list(canonical)
    for rows in people.values():
        full: dict[str, set[str]] = {}
        for name in dict.fromkeys(canonical[row] for row in rows):
            words = name.split()
            if len(words) > 1:
                full.setdefault(words[-1], set()).add(name)
        links = {surname: next(iter(found)) for surname, found in full.items() if len(found) == 1}
        for row in rows if links else ():
            linked[row] = links.get(canonical[row], canonical[row])
    return pd.Series(linked, index=entities.index, name=column.name, dtype=column.dtype)


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

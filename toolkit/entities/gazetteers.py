"""Name lists and trigger-word lexicons shipped in ``toolkit/data/ner``.

Gazetteers (multi-word names with a label): the project's curated
Moroccan/regional places and institutions, and the Arabic names of CLDR
countries and territories (from babel). Third-party name lists (ANERGazet in
``../shared/data/gazetteers``) are not shipped and not used. Lexicons
(single words): first names, person titles (وزير، الناطق، نظيره), person
triggers (قال، أكد), organisation and place head words.

>>> gazetteer_tags([key(w) for w in "زار وزير الدفاع تل أبيب".split()])[3]
['LOC:B']
"""

from __future__ import annotations

import csv
from functools import cache, lru_cache
from pathlib import Path

from toolkit.text.forms import clitic_variants, key

__all__ = [
    "aliases",
    "gazetteer_tags",
    "glued_names",
    "known_names",
    "lexicon",
    "multiword_matches",
    "person_words",
    "place_names",
    "preferred_spellings",
    "region_names",
]

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "ner"
_GAZETTEER_FILES = {
    "curated_loc.txt": "LOC",
    "curated_org.txt": "ORG",
}
LEXICONS = (
    "person_first_names",
    "person_titles",
    "person_triggers",
    "org_triggers",
    "loc_triggers",
)
#: Word lists used by the rules of :mod:`toolkit.entities.rules`, not as CRF features.
RULE_LEXICONS = ("region_triggers", "not_name_prefixes", "never_alone")


def _lines(name: str) -> list[str]:
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


@cache
def cldr_territories() -> tuple[str, ...]:
    """Arabic names of CLDR countries and territories (babel)."""
    from babel import Locale

    return tuple(sorted(set(Locale("ar").territories.values())))


@cache
def _entries() -> tuple[tuple[str, str], ...]:
    """(name, label) for every gazetteer entry: the curated lists and CLDR."""
    return _spelled_entries()


@cache
def _spelled_entries() -> tuple[tuple[str, str], ...]:
    """(name, label) from the curated lists, then CLDR names the curated lists lack.

    The curated label wins: CLDR lists the UN and the EU among territories.
    """
    entries = [(name, label) for file, label in _GAZETTEER_FILES.items() for name in _lines(file)]
    curated = {" ".join(key(w) for w in name.split()) for name, _ in entries}
    entries.extend(
        (name, "LOC")
        for name in cldr_territories()
        if " ".join(key(w) for w in name.split()) not in curated
    )
    return tuple(entries)


@cache
def _index() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    index: dict[str, set[tuple[tuple[str, ...], str]]] = {}
    for name, label in _entries():
        words = tuple(key(w) for w in name.split())
        index.setdefault(words[0], set()).add((words, label))
    return {first: sorted(found, key=lambda e: (-len(e[0]), e)) for first, found in index.items()}


def gazetteer_tags(keys: list[str]) -> list[list[str]]:
    """Tag each key with the gazetteer entries covering it, as ``LABEL:B``/``LABEL:I``.

    The first word of an entry may carry proclitics (وبالرباط matches الرباط);
    at each position the longest entry per label wins.
    """
    tags: list[list[str]] = [[] for _ in keys]
    for i, entries in enumerate(map(_entries_from, keys)):
        if not entries:  # most words
            continue
        seen: set[str] = set()
        for words, label in entries:
            n = len(words)
            if label in seen or tuple(keys[i + 1 : i + n]) != words[1:]:
                continue
            seen.add(label)
            tags[i].append(f"{label}:B")
            for j in range(i + 1, i + n):
                tags[j].append(f"{label}:I")
    return tags


#: Words whose gazetteer entries are memoised (least recently used dropped first).
ENTRY_CACHE = 100_000


@lru_cache(maxsize=ENTRY_CACHE)
def _entries_from(word: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    """The gazetteer entries that may start at ``word`` (a key): those of each of its
    :func:`~toolkit.text.forms.clitic_variants`, longest first within each."""
    return _starting_at(word, _index())


def _starting_at(word: str, index: dict[str, list]) -> tuple:
    """The entries of ``index`` (first word -> entries) under each clitic variant of ``word``."""
    return tuple(entry for variant in clitic_variants(word) for entry in index.get(variant, ()))


@cache
def _multiword_index() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    index: dict[str, set[tuple[tuple[str, ...], str]]] = {}
    for name, label in _spelled_entries():
        words = tuple(key(w) for w in name.split())
        if len(words) > 1:
            index.setdefault(words[0], set()).add((words, label))
    return {first: sorted(found, key=lambda e: (-len(e[0]), e)) for first, found in index.items()}


def multiword_matches(keys: list[str]) -> list[tuple[int, int, str]]:
    """Non-overlapping ``(first, last + 1, label)`` matches of multi-word CLDR/curated names.

    Left to right, longest first; the first word may carry proclitics.

    >>> multiword_matches([key(w) for w in "قال والجيش الإسرائيلي".split()])
    [(1, 3, 'ORG')]
    """
    matches: list[tuple[int, int, str]] = []
    i = 0
    while i < len(keys):
        found = next(
            (
                (i, i + len(words), label)
                for words, label in _multiword_entries_from(keys[i])
                if tuple(keys[i + 1 : i + len(words)]) == words[1:]
            ),
            None,
        )
        if found:
            matches.append(found)
            i = found[1]
        else:
            i += 1
    return matches


@lru_cache(maxsize=ENTRY_CACHE)
def _multiword_entries_from(word: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    """The multi-word names that may start at ``word`` (a key), as :func:`_entries_from`."""
    return _starting_at(word, _multiword_index())


@cache
def place_names() -> frozenset[str]:
    """Keys of the CLDR and curated place names (words joined by spaces)."""
    places = (name for name, label in _spelled_entries() if label == "LOC")
    return frozenset(" ".join(key(w) for w in name.split()) for name in places)


@cache
def person_words() -> frozenset[str]:
    """Keys of words that occur in person names: the first-name list."""
    return lexicon("person_first_names")


@cache
def lexicon(name: str) -> frozenset[str]:
    """Keys of a single-word lexicon: one of :data:`LEXICONS` or :data:`RULE_LEXICONS`."""
    if name not in LEXICONS + RULE_LEXICONS:
        raise ValueError(f"unknown lexicon {name!r}; choose one of {LEXICONS + RULE_LEXICONS}")
    return frozenset(key(w) for line in _lines(f"{name}.txt") for w in line.split())


@cache
def region_names() -> frozenset[str]:
    """Keys (words joined by spaces) of regions named by a common word (المتوسط، الساحل)."""
    return frozenset(" ".join(key(w) for w in line.split()) for line in _lines("region_names.txt"))


@cache
def known_names() -> frozenset[str]:
    """Keys (words joined by spaces) of every gazetteer entry."""
    return frozenset(" ".join(key(w) for w in name.split()) for name, _ in _entries())


@cache
def preferred_spellings() -> dict[str, str]:
    """Key of a name -> its spelling in CLDR or the curated lists (which write hamza)."""
    spellings: dict[str, str] = {}
    for name, _ in _spelled_entries():
        spellings.setdefault(" ".join(key(w) for w in name.split()), name)
    return spellings


@cache
def aliases() -> dict[str, str]:
    """Key of an alias -> canonical name, from ``aliases.tsv``."""
    text = (DATA_DIR / "aliases.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader((ln for ln in text.splitlines() if ln[:1] != "#"), delimiter="\t")
    return {" ".join(key(w) for w in row["alias"].split()): row["canonical"] for row in rows}


@cache
def glued_names() -> dict[str, tuple[str, str]]:
    """Key of a multi-word CLDR/curated name written without spaces -> ``(name, label)``.

    News text sometimes loses the spaces of a name (``الولاياتالمتحدةالأمريكية``);
    a one-token mention with such a key is that name.

    >>> glued_names()[key("الولاياتالمتحدةالأمريكية")]
    ('الولايات المتحدة الأمريكية', 'LOC')
    """
    glued: dict[str, tuple[str, str]] = {}
    for name, label in _spelled_entries():
        words = name.split()
        if len(words) > 1:
            glued.setdefault("".join(key(w) for w in words), (name, label))
    return glued

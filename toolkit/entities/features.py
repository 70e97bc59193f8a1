"""CRF features for Arabic tokens.

Each token gets string features (crfsuite's binary features): its lookup key
and clitic-stripped forms, affixes, word shape, gazetteer membership, lexicon
flags (first names, titles, trigger verbs, organisation and place head words),
name-pattern flags (عبد ال..., أبو، بن، foreign-looking spellings), the
name lexicons harvested from news with their binned counts (``news=PERS:3``), word
clusters and the frequency class learned from unlabelled news; plus the keys,
clusters and flags of the neighbouring tokens (±2), and the token's word
vector (``vectors.npy``) as binarised features.

>>> feats = sentence_features(["قال", "وزير", "الدفاع", "بيني", "غانتس"])
>>> "prev1:lex=person_titles" in feats[2]
True
"""

from __future__ import annotations

import gzip
from functools import cache, lru_cache
from operator import itemgetter
from sys import intern

from toolkit.entities.gazetteers import DATA_DIR, LEXICONS, gazetteer_tags, lexicon
from toolkit.text.forms import bare, clitic_variants, key

__all__ = [
    "NEAR",
    "PAIRS",
    "POSITIONS",
    "context_features",
    "gazetteer_features",
    "lent_features",
    "news_names",
    "positional_features",
    "sentence_features",
    "token_features",
    "word_clusters",
]

_ARABIC_LETTERS = frozenset("ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي")
_LONG_VOWELS = frozenset("اوي")
_FOREIGN_LETTERS = frozenset("پچڤگژ")
_NAME_PARTICLES = frozenset(key(w) for w in ("بن", "ابن", "أبو", "أبي", "أبا", "آل", "ولد", "بنت"))
_LEXICON_FEATURES = {name: f"lex={name}" for name in LEXICONS}


CLUSTERS_PATH = DATA_DIR / "clusters.tsv.gz"
#: Name words harvested from news by ``scripts/build_name_lexicons.py``.
NEWS_NAMES_PATH = DATA_DIR / "news_names.tsv.gz"
#: Word vectors of the most frequent words (rows in the order of the clusters file).
VECTORS_PATH = DATA_DIR / "vectors.npy"


@cache
def word_clusters() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Key -> (shared, own) cluster features learned by ``scripts/build_clusters.py``.

    Shared (also lent to the neighbours): the two main granularities ``c1=``,
    ``c2=`` and the word's frequency class in the news, ``fq=<log2 of its
    rank>`` (the file lists words from the most frequent). Own (the word and
    its ±1 neighbours): the further granularities ``c3=`` ...
    """
    with gzip.open(CLUSTERS_PATH, "rt", encoding="utf-8") as lines:
        next(lines)
        rows = (line.rstrip("\n").split("\t") for line in lines)
        table = {}
        for rank, (word, *ids) in enumerate(rows, 1):
            names = [f"c{i}={c}" for i, c in enumerate(ids, 1)]
            table[word] = ((*names[:2], f"fq={rank.bit_length()}"), tuple(names[2:]))
        return table


@cache
def news_names() -> dict[str, tuple[str, ...]]:
    """Key -> features of a word seen in a name pattern of the news (``build_name_lexicons.py``).

    For each label whose pattern (title, head noun, speech verb) the word filled,
    ``news=<label>`` and ``news=<label>:<bin>``, the bin being half the bit length
    of its pattern count (3: 1, 4-15: 2, 16-63: 3 ...): evidence weighted by
    counts, which the CRF weighs against the rest, not a hard list.

    >>> news_names()["بوتين"]
    ('news=PERS', 'news=PERS:4')
    """
    with gzip.open(NEWS_NAMES_PATH, "rt", encoding="utf-8") as lines:
        labels = next(lines).rstrip("\n").split("\t")[1:-1]
        table = {}
        for line in lines:
            word, *counts, _ = line.rstrip("\n").split("\t")
            table[word] = tuple(
                feature for label, n in zip(labels, map(int, counts), strict=True) if n
                for feature in (f"news={label}", f"news={label}:{(n.bit_length() + 1) // 2}")
            )  # fmt: skip
        return table


@cache
def _vector_bits() -> tuple[dict[str, int], list[tuple[str, ...]]]:
    """(key -> row, binarised vector features of each row); empty without a vectors file.

    Each dimension ``i`` of a word's vector becomes ``v<i>+`` when the value is
    above the mean of that dimension's positive values and ``v<i>-`` when
    below the mean of its negative values (Guo et al. 2014, "Revisiting
    embedding features for simple semi-supervised learning"): plain string
    features, which crfsuite reads far faster than real values.
    """
    if not VECTORS_PATH.exists():
        return {}, []
    import numpy as np

    matrix = np.load(VECTORS_PATH).astype(np.float32)
    positive, negative = np.clip(matrix, 0, None), np.clip(matrix, None, 0)
    with np.errstate(invalid="ignore", divide="ignore"):  # a dimension with no such value: NaN
        high = matrix > positive.sum(axis=0) / (positive > 0).sum(axis=0)
        low = matrix < negative.sum(axis=0) / (negative < 0).sum(axis=0)
    names = [(f"v{i}+", f"v{i}-") for i in range(matrix.shape[1])]
    bits = [
        tuple(name for (up, down), h, lo in zip(names, row_high, row_low, strict=True)
              for name, on in ((up, h), (down, lo)) if on)
        for row_high, row_low in zip(high.tolist(), low.tolist(), strict=True)
    ]  # fmt: skip
    with gzip.open(CLUSTERS_PATH, "rt", encoding="utf-8") as lines:
        next(lines)
        words = [line.split("\t", 1)[0] for _, line in zip(range(len(matrix)), lines, strict=False)]
    return {word: row for row, word in enumerate(words)}, bits


def _shape(token: str) -> str:
    if all(ch in _ARABIC_LETTERS for ch in token):
        return "arabic"
    if token.isdigit():
        return "digits"
    if token.isalpha():
        return "title" if token[:1].isupper() else "latin"
    if any(ch.isdigit() for ch in token):
        return "number"
    if any(ch.isalpha() for ch in token):
        return "mixed"
    return "punct"


#: Cache sizes bound memory (about 2 kB per word) while covering the frequent words.
@lru_cache(maxsize=50_000)
def token_features(token: str, word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(features of the token itself, features shared with its neighbours)."""
    variants = clitic_variants(word)
    stripped = variants[-1]
    stem = bare(stripped)
    clusters = word_clusters()
    own = [
        f"w={word}",
        f"s={stripped}",
        f"b={stem}",
        *map(
            intern,
            (  # features many words share: one string each, not one per cached word
                f"p1={stem[:1]}",
                f"p2={stem[:2]}",
                f"p3={stem[:3]}",
                f"x1={stem[-1:]}",
                f"x2={stem[-2:]}",
                f"x3={stem[-3:]}",
                f"clitic={word[: len(word) - len(stripped)]}",
                f"len={min(len(stem), 8)}",
                f"shape={_shape(token)}",
            ),
        ),
    ]
    if stripped.startswith("ال"):
        own.append("article")
    if token != word:
        own.append("diacritised")
    vowels = sum(ch in _LONG_VOWELS for ch in stem)
    own.append(intern(f"vowels={min(vowels, 4)}/{min(len(stem), 8)}"))
    if any(ch in _FOREIGN_LETTERS for ch in token):
        own.append("foreign_letter")
    shared = []
    for variant in dict.fromkeys((word, stripped, stem)):
        for name in LEXICONS:
            if variant in lexicon(name):
                shared.append(_LEXICON_FEATURES[name])
    names = news_names()
    for variant in dict.fromkeys((word, stripped)):
        shared.extend(names.get(variant, ()))
    if word in _NAME_PARTICLES:
        shared.append("name_particle")
    if (stem.startswith("عبد") and len(stem) > 3) or word == "عبد":
        shared.append("abd")
    if stripped.startswith("ال") and stem.endswith(("ي", "يه")) and len(stem) > 3:
        shared.append("nisba_like")
    found, finer = clusters.get(word, (("c=none",), ()))
    shared.extend(found)
    own.extend(finer)
    if stripped != word:
        found, finer = clusters.get(stripped, (("c=none",), ()))
        shared.extend(f"s{c}" for c in found)
        own.extend(f"s{c}" for c in finer)
    rows, bits = _vector_bits()
    row = rows.get(word, rows.get(stripped))
    if row is not None:
        own.extend(bits[row])
    return tuple(own), tuple(dict.fromkeys(shared))


POSITIONS = ((-2, "prev2"), (-1, "prev1"), (1, "next1"), (2, "next2"))
#: The positions next to a token (they get more of a neighbour's features).
NEAR = ("prev1", "next1")


def lent_features(token: str, word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The features a word lends to the tokens around it, before a position prefixes them
    (:func:`context_features`): ``(to the tokens two away, to the tokens next to it)``. Both
    have its key and shared flags; the tokens next to it also get its stripped form and
    finer clusters.

    >>> far, near = lent_features("والرباط", "والرباط")
    >>> far[0], near[len(far)]
    ('w=والرباط', 's=الرباط')
    """
    own, shared = token_features(token, word)
    far = (own[0], *shared)
    clusters = (c for c in own if c[0] == "c" and c[1:2].isdigit())
    return far, (*far, own[1], *clusters)  # own[1]: the stripped form


def context_features(token: str, word: str, position: str) -> tuple[str, ...]:
    """Features a neighbour at ``position`` (prev2 ... next2) lends to a token:
    :func:`lent_features` with the position as prefix (``prev1:w=...``).

    The CRF decoder looks the lent features up without the prefix
    (:attr:`~toolkit.entities.decoding.CrfDecoder.lent`); :func:`sentence_features`,
    which meets the same words over and over, goes through a memo.
    """
    far, near = lent_features(token, word)
    lent = near if position in NEAR else far
    # (interned: the flags are shared by many words, and the training memo keeps them)
    return tuple(intern(f"{position}:{feature}") for feature in lent)


#: :func:`context_features` memoised (by token, key and position) for :func:`sentence_features`.
_memo_context_features = lru_cache(maxsize=100_000)(context_features)


def sentence_features(tokens: list[str]) -> list[list[str]]:
    """Return the feature strings of every token of one sentence."""
    keys = [key(t) for t in tokens]
    n = len(tokens)
    features = []
    for i in range(n):
        own, shared = token_features(tokens[i], keys[i])
        feats = ["bias", *own, *shared]
        for offset, position in POSITIONS:
            j = i + offset
            if 0 <= j < n:
                feats.extend(_memo_context_features(tokens[j], keys[j], position))
        features.append(feats)
    for i, feature in positional_features(keys):
        features[i].append(feature)
    return features


def positional_features(keys: list[str]) -> list[tuple[int, str]]:
    """``(token index, feature)`` of the features that depend on the sentence, not only
    on a word: :func:`gazetteer_features` and the word pairs of :data:`PAIRS`.
    :func:`sentence_features` adds them to the per-word ones."""
    n = len(keys)
    pairs = [
        (i, f"{name}={keys[i + first]}|{keys[i + second]}")
        for i in range(n) for name, first, second in PAIRS if i + first >= 0 and i + second < n
    ]  # fmt: skip
    return gazetteer_features(keys) + pairs


#: Word-pair features: ``(name, offset of the first word, offset of the second)`` from the
#: token, e.g. ``w-1w=<previous key>|<key>``.
PAIRS = (("w-1w", -1, 0), ("ww+1", 0, 1), ("w-1w+1", -1, 1))


def gazetteer_features(keys: list[str]) -> list[tuple[int, str]]:
    """``(token index, feature)`` of the sentence boundaries (``BOS``, ``EOS``) and of the
    gazetteer tags of each token and of its neighbours (``gaz=LOC``, ``prev1:gaz=LOC``)."""
    gazetteer = gazetteer_tags(keys)
    n = len(keys)
    found = [(0, "BOS"), (n - 1, "EOS")] if n else []
    # (token, 0 for its own tags or 1 + the POSITIONS index of the neighbour lending them,
    # feature), from the few tagged tokens; sorted, each token gets its features in that order
    lent = []
    for j in (j for j, tags in enumerate(gazetteer) if tags):
        lent.extend((j, 0, f"gaz={tag}") for tag in gazetteer[j])
        for rank, (offset, position) in enumerate(POSITIONS, 1):
            if 0 <= j - offset < n:
                lent.extend((j - offset, rank, f"{position}:gaz={tag}") for tag in gazetteer[j])
    lent.sort(key=itemgetter(0, 1))  # (stable: a neighbour's tags keep their order)
    found.extend((i, feature) for i, _, feature in lent)
    return found

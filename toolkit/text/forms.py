"""Arabic word forms: the one place that says how a word is written, keyed and segmented.

Everything that needs a word's readable form asks this module: terms and
n-grams (:mod:`toolkit.text.clitics`), stop words, KWIC, entity features and
canonical names. It owns

- the **character classes** (hamza letters, proclitic letters, the article);
- the **named normal forms**, one function each: :func:`clean` (spelling as
  written, marks removed), :func:`display` (marks removed, nothing else),
  :func:`norm` (the counting key), :func:`stop_form` (the stop-list key) and
  :func:`key` (the entity lookup key);
- the **proclitics**: conjunctions و ف, then prepositions ب ل ك
  (:data:`PROCLITICS` is the only list of their sequences), with the
  article rules: ل + ال is written لل (للمغرب = ل + المغرب) and before a
  lam-initial noun one more lam goes (للجنة = ل + اللجنة);
- the **spelling vote** (:func:`vote`) that picks a word's display spelling;
- the **news model of word forms** (:class:`WordForms`, :func:`news_model`):
  word frequencies from five Arabic news corpora and a unigram segmentation
  score that compares reading a word whole with reading it as proclitics +
  host (``scripts/build_word_forms.py`` builds it, see
  ``toolkit/data/forms/README.md``).

>>> norm("وَإِسْرَائِيلُ"), clean("وَإِسْرَائِيلُ"), key("الجزيرةُ")
('واسرائيل', 'وإسرائيل', 'الجزيره')
>>> [(prefix, host) for prefix, host in readings("للجنة")]
[('ل', 'لجنة'), ('ل', 'اللجنة'), ('ل', 'الجنة')]
>>> attach("ل", "المغرب"), attach("ل", "اللجنة"), attach("وب", "الرباط")
('للمغرب', 'للجنة', 'وبالرباط')
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib.resources import files
from itertools import compress

import numpy as np

from toolkit.text.normalize import ALEF_MAQSURA, ALEF_VARIANTS, changed_characters, normalize

__all__ = [
    "ARTICLE",
    "CLITIC_LETTERS",
    "CONJUNCTIONS",
    "HAMZA",
    "PREPOSITIONS",
    "PROCLITICS",
    "UNDECIDED",
    "DecidedHosts",
    "SparseForms",
    "WordForms",
    "WordTable",
    "attach",
    "attached_forms",
    "bare",
    "clean",
    "clitic_initial",
    "clitic_variants",
    "decode_word",
    "display",
    "encode_words",
    "forms_of",
    "hamzas",
    "host_code",
    "host_of_code",
    "host_spelling",
    "key",
    "news_model",
    "norm",
    "norm_of_clean",
    "readings",
    "stop_form",
    "strip_clitics",
    "vote",
]

# ------------------------------------------------------------------ character classes

HAMZA = frozenset("ءأإآؤئ")
ARTICLE = "ال"
#: Conjunctions come first, then one preposition: و + ب + الرباط.
CONJUNCTIONS = "وف"
PREPOSITIONS = "بلك"
#: Every proclitic sequence, longest first (the only list of them in the package).
PROCLITICS = tuple(c + p for c in CONJUNCTIONS for p in PREPOSITIONS) + tuple(
    CONJUNCTIONS + PREPOSITIONS
)
CLITIC_LETTERS = frozenset(CONJUNCTIONS + PREPOSITIONS)
_PROCLITICS_BY_LETTER = {c: [p for p in PROCLITICS if p[0] == c] for c in CLITIC_LETTERS}
#: A host keeps at least this many letters (three after the article).
MIN_HOST = 2
#: Hosts this short are weak evidence (short words are often the accidental tail of another).
SHORT_HOST = 3

# ------------------------------------------------------------------ normal forms


def clean(word: str) -> str:
    """Spelling as written: diacritics, tatweel and controls removed, hamza and ى kept.

    >>> clean("وَإِسْرَائِيلُ")
    'وإسرائيل'
    """
    return normalize(word, alef=False, alef_maqsura=False)


def display(word: str) -> str:
    """Diacritics, tatweel and controls removed, every letter and digit kept as written.

    >>> display("إِسْرَائِيلُ ٢")
    'إسرائيل ٢'
    """
    return normalize(
        word, alef=False, alef_maqsura=False, teh_marbuta=False, digits=False, persian=False
    )


def norm(word: str) -> str:
    """The counting key (``norm`` column, ``form="norm"``): :func:`toolkit.normalize` defaults.

    >>> norm("إلى")
    'الي'
    """
    return normalize(word)


#: What :func:`norm` changes in a :func:`clean` spelling: alef forms and alef maqsura.
_CLEAN_TO_NORM = (*ALEF_VARIANTS.items(), *ALEF_MAQSURA.items())


def norm_of_clean(spelling: str) -> str:
    """:func:`norm` of a :func:`clean` spelling (or of many joined), by seven replacements.

    >>> norm_of_clean("وإسرائيل على") == norm("وإسرائيل على")
    True
    """
    for letter, plain in _CLEAN_TO_NORM:
        spelling = spelling.replace(letter, plain)
    return spelling


def forms_of(words: list[str]) -> tuple[list[str], list[str], list[str]]:
    """``(clean spellings, stop-list forms, norm forms)`` of ``words``, from one
    :func:`clean` pass over all of them (the others follow by replacing letters).

    >>> forms_of(["إِلى", "وإسرائيل"])
    (['إلى', 'وإسرائيل'], ['الى', 'واسرائيل'], ['الي', 'واسرائيل'])
    """
    text = clean("\n".join(words))  # maps char by char, never to "\n"
    cleans = text.split("\n")
    if len(cleans) != len(words):  # a word with a line break
        return list(map(clean, words)), list(map(stop_form, words)), list(map(norm, words))
    for letter, plain in ALEF_VARIANTS.items():
        text = text.replace(letter, plain)
    stops = text.split("\n")
    for letter, plain in ALEF_MAQSURA.items():
        text = text.replace(letter, plain)
    return cleans, stops, text.split("\n")


@dataclass
class SparseForms:
    """:func:`forms_of` of a list of words, kept only for the words not written in their
    :func:`norm` form (for the others all three forms are the word itself): what a worker
    process sends with a chunk's words, a fifth of the strings or less.

    >>> words = ["بيت", "إلى", "وإسرائيل", "إسرائيل"]
    >>> forms = SparseForms.of(words)
    >>> forms.at.tolist(), forms.keys, forms.distinct_keys
    ([1, 2, 3], ['الي', 'واسرائيل', 'اسرائيل'], ['الي', 'واسرائيل', 'اسرائيل'])
    >>> forms.take(words, [0, 2])
    (['بيت', 'واسرائيل'], ['بيت', 'واسرائيل'])
    """

    at: np.ndarray  # positions of the words whose norm form differs, ascending
    cleans: list[str]  # their forms
    stops: list[str]
    keys: list[str]
    distinct_keys: list[str]  # their norm forms once each
    key_codes: np.ndarray  # each one's index into distinct_keys

    @classmethod
    def of(cls, words: list[str]) -> SparseForms:
        """The forms of ``words``: the words :func:`norm` changes are found with one regular
        expression, and only they are normalised (:func:`forms_of`)."""
        at = list(compress(range(len(words)), map(_norm_changes().search, words)))
        cleans, stops, keys = forms_of(list(map(words.__getitem__, at)))
        codes: dict[str, int] = {}
        key_codes = [codes.setdefault(k, len(codes)) for k in keys]
        return cls(np.array(at, dtype=np.int64), cleans, stops, keys, list(codes),
                   np.array(key_codes, dtype=np.int64))  # fmt: skip

    def take(self, words: list[str], at: list[int] | None = None) -> tuple[list[str], list[str]]:
        """``(stop-list forms, norm forms)`` of ``words`` (the list these forms are of), or of
        the words at positions ``at``."""
        if at is None:
            stops, keys = list(words), list(words)
            positions = self.at.tolist()
            deque(map(stops.__setitem__, positions, self.stops), maxlen=0)
            deque(map(keys.__setitem__, positions, self.keys), maxlen=0)
            return stops, keys
        stops = list(map(words.__getitem__, at))
        keys = stops.copy()
        if len(self.at) and at:
            wanted = np.asarray(at, dtype=np.int64)
            index = np.minimum(np.searchsorted(self.at, wanted), len(self.at) - 1)
            hits = np.flatnonzero(self.at[index] == wanted)
            index = index[hits].tolist()
            hits = hits.tolist()
            deque(map(stops.__setitem__, hits, map(self.stops.__getitem__, index)), maxlen=0)
            deque(map(keys.__setitem__, hits, map(self.keys.__getitem__, index)), maxlen=0)
        return stops, keys


@cache
def _norm_changes() -> re.Pattern:
    """Finds a character that :func:`norm` changes (a word without one is its own norm form)."""
    return re.compile("[" + "".join(map(re.escape, sorted(changed_characters()))) + "]")


def stop_form(word: str) -> str:
    """The stop-list key: :func:`norm` but ى kept, so that على (on) and علي (Ali) stay apart.

    >>> stop_form("على"), stop_form("علي")
    ('على', 'علي')
    """
    return normalize(word, alef_maqsura=False)


#: Words whose key is memoised (least recently used dropped first).
KEY_CACHE = 200_000


@lru_cache(maxsize=KEY_CACHE)
def key(word: str) -> str:
    """The entity lookup key: :func:`norm` with ta marbuta as ha (الجزيرة = الجزيره).

    >>> key("إسرائيلُ") == key("اسرائيل")
    True
    """
    return normalize(word, teh_marbuta=True)


def hamzas(spelling: str) -> int:
    """How many hamza letters ``spelling`` has (the spelling vote's tie-break)."""
    return sum(c in HAMZA for c in spelling)


def vote(counts: Mapping[str, int]) -> str:
    """The winning spelling: most votes, then more hamza letters, then alphabetical.

    >>> vote({"اسرائيل": 2, "إسرائيل": 2, "إسرائل": 1})
    'إسرائيل'
    """
    top = max(counts.values())
    tied = [spelling for spelling, count in counts.items() if count == top]
    return tied[0] if len(tied) == 1 else min(tied, key=lambda s: (-hamzas(s), s))


# ------------------------------------------------------------------ proclitics and article


_CLITIC_UNITS = np.array(sorted(map(ord, CLITIC_LETTERS)), dtype=np.uint16)


def clitic_initial(words: list[str]) -> list[bool]:
    """Whether each of ``words`` starts with a proclitic letter (و ف ب ل ك), all at once.

    >>> clitic_initial(["والمغرب", "المغرب", "", "ب"])
    [True, False, False, True]
    """
    units = np.frombuffer(("\n".join(words) + "\n").encode("utf-16-le", "surrogatepass"),
                          dtype=np.uint16)  # fmt: skip
    ends = np.flatnonzero(units == 0x0A)
    if len(ends) != len(words):  # a word with a line break
        return [word[:1] in CLITIC_LETTERS for word in words]
    starts = np.concatenate(([0], ends[:-1] + 1))
    return np.isin(units[starts], _CLITIC_UNITS).tolist()


def attach(prefix: str, host: str) -> str:
    """Write proclitics ``prefix`` before ``host``: ل + ال -> لل, ل + الل -> لل.

    >>> attach("ف", "الحكومة"), attach("ول", "الذي")
    ('فالحكومة', 'وللذي')
    """
    if prefix.endswith("ل") and host.startswith(ARTICLE):
        return prefix + host[2:] if host.startswith("الل") else prefix + host[1:]
    return prefix + host


def attached_forms(host: str) -> set[str]:
    """Every word that :func:`readings` can read as proclitics + ``host``.

    >>> sorted(attached_forms("اللجنة"))[:4]
    ['باللجنة', 'فاللجنة', 'فباللجنة', 'فكاللجنة']
    >>> "للجنة" in attached_forms("اللجنة") and "للمغرب" in attached_forms("المغرب")
    True
    """
    forms = {prefix + host for prefix in PROCLITICS}
    if host.startswith(ARTICLE):
        skip = 2 if host.startswith("الل") else 1
        forms.update(prefix + host[1:] for prefix in PROCLITICS if prefix[-1] == "ل")
        forms.update(prefix + host[skip:] for prefix in PROCLITICS if prefix[-1] == "ل")
    return forms


def readings(word: str) -> Iterator[tuple[str, str]]:
    """``(proclitics, host)`` for every proclitic reading of ``word`` (a :func:`norm` or
    :func:`clean` form): the sequences of :data:`PROCLITICS` with a host of at least
    :data:`MIN_HOST` letters, and for a final ل the article readings (للمجلس = ل + المجلس,
    للجنة = ل + اللجنة).

    >>> list(readings("وبالرباط"))
    [('وب', 'الرباط'), ('و', 'بالرباط')]
    """
    if len(word) <= MIN_HOST or word[0] not in CLITIC_LETTERS:
        return
    for prefix in _PROCLITICS_BY_LETTER[word[0]]:
        start = len(prefix)
        if not word.startswith(prefix) or len(word) - start < MIN_HOST:
            continue
        yield prefix, word[start:]
        if prefix[-1] == "ل" and word.startswith("ل", start) and len(word) - start >= 3:
            yield prefix, "ا" + word[start - 1 :]  # لل + جنة: ل + اللجنة
            yield prefix, "ا" + word[start:]  # لل + مجلس: ل + المجلس


def _all_readings(words: list[str]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Every :func:`readings` of ``words`` at once: ``(word index, index of the proclitics
    in PROCLITICS, host)`` of each, each word's readings in the order of :func:`readings`."""
    by_letter: dict[str, list[int]] = {}
    for i, word in enumerate(words):
        if len(word) > MIN_HOST:
            by_letter.setdefault(word[0], []).append(i)
    parts = []  # (order, word indices, proclitics index, hosts)
    for p, prefix in enumerate(PROCLITICS):
        start = len(prefix)
        at = by_letter.get(prefix[0], [])
        if start > 1:
            at = [i for i in at
                  if words[i].startswith(prefix) and len(words[i]) - start >= MIN_HOST]  # fmt: skip
        parts.append((3 * p, at, p, [words[i][start:] for i in at]))
        if prefix[-1] == "ل":  # لل + جنة: ل + اللجنة; لل + مجلس: ل + المجلس
            lam = [i for i in at if words[i].startswith("ل", start) and len(words[i]) - start >= 3]
            parts.append((3 * p + 1, lam, p, ["ا" + words[i][start - 1 :] for i in lam]))
            parts.append((3 * p + 2, lam, p, ["ا" + words[i][start:] for i in lam]))
    word_at = np.fromiter((i for _, at, _, _ in parts for i in at), np.int64)
    order = np.concatenate([np.full(len(at), rank) for rank, at, _, _ in parts])
    prefix_at = np.concatenate([np.full(len(at), p) for _, at, p, _ in parts])
    hosts = [host for *_, found in parts for host in found]
    # the readings of each word together, in the order of readings()
    sort = np.lexsort((order, word_at)).tolist()
    return word_at[sort], prefix_at[sort], [hosts[i] for i in sort]


def host_spelling(spelling: str, key: str, host: str) -> str:
    """The host's part of ``spelling`` as written (``key``: its :func:`norm` or :func:`key`).

    >>> host_spelling("للإعلام", "للاعلام", "الاعلام")
    'الإعلام'
    """
    if key.endswith(host):
        return spelling[len(spelling) - len(host) :]
    return "ا" + spelling[len(spelling) - len(host) + 1 :]  # لل -> ال restores the alef


def clitic_variants(word_key: str) -> list[str]:
    """``word_key`` and its forms without one conjunction, then one preposition.

    Candidates for entity lookups (gazetteers, features), not decisions: a
    name such as ``واشنطن`` also yields ``اشنطن``. ``لل`` gives back ``ال``;
    the article itself stays (see :func:`bare`).

    >>> clitic_variants(key("وبالرباط"))
    ['وبالرباط', 'بالرباط', 'الرباط']
    """
    variants = [word_key]
    word = word_key
    if len(word) > MIN_HOST and word[0] in CONJUNCTIONS:
        word = word[1:]
        variants.append(word)
    if len(word) > MIN_HOST and word[0] in PREPOSITIONS:
        if word.startswith("لل") and len(word) > MIN_HOST + 2:
            variants.append(ARTICLE + word[2:])
        else:
            variants.append(word[1:])
    return variants


def strip_clitics(word_key: str) -> str:
    """The proclitic-free form when the proclitics stand before the article, else ``word_key``.

    >>> strip_clitics(key("وللمغرب")), strip_clitics(key("واشنطن"))
    ('المغرب', 'واشنطن')
    """
    for variant in reversed(clitic_variants(word_key)[1:]):
        if variant.startswith(ARTICLE) and len(variant) > MIN_HOST + 2:
            return variant
    return word_key


def bare(word_key: str) -> str:
    """``word_key`` without the article when three letters remain (الرباط -> رباط)."""
    if word_key.startswith(ARTICLE) and len(word_key) > MIN_HOST + 2:
        return word_key[2:]
    return word_key


# ------------------------------------------------------------------ the news model

MODEL_PATH = ("data", "forms", "word-forms.npz")
#: The score's settings, written in the model file's header.
SETTINGS = ("ratio", "article_ratio", "lexicon_weight", "lexicon_below", "short_host", "smoothing")
#: Decision code of a form that the model did not decide (see :func:`host_code`).
UNDECIDED = -1


def host_code(word: str, host: str) -> int:
    """The host of ``word`` as one small number: ``2 * letters cut + 1 if an alef is put back``
    (0: ``word`` stays whole); :func:`host_of_code` reads it.

    >>> host_code("والمغرب", "المغرب"), host_code("للجنة", "اللجنة"), host_code("بايدن", "بايدن")
    (2, 1, 0)
    """
    if word.endswith(host):
        return 2 * (len(word) - len(host))
    return 2 * (len(word) - len(host) + 1) + 1  # لل -> ال: the alef comes back


def host_of_code(word: str, code: int) -> str:
    """The host that :func:`host_code` wrote as ``code``.

    >>> host_of_code("للمجلس", 3), host_of_code("بايدن", 0)
    ('المجلس', 'بايدن')
    """
    host = word[code >> 1 :]
    return "ا" + host if code & 1 else host


#: One byte per letter of a model word (only Arabic letters ء..ي, as bytes 0x80..0xA9): the
#: byte order is the letters' order. ASCII stays; other characters become "?" (one per
#: UTF-16 unit). Indexed by UTF-16 unit, so that many words are encoded in one numpy step.
_LETTERS = range(0x621, 0x64B)
_TO_BYTE = np.full(0x10000, ord("?"), dtype=np.uint8)
_TO_BYTE[:0x80] = np.arange(0x80)
_TO_BYTE[_LETTERS.start : _LETTERS.stop] = np.arange(0x80, 0x80 + len(_LETTERS))
_FROM_BYTE = {i - 0x5A1: chr(i) for i in _LETTERS}


def _to_bytes(text: str) -> bytes:
    """``text`` in the one-byte-per-letter code of :func:`encode_words`."""
    units = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
    return _TO_BYTE[units].tobytes()


def encode_words(words: list[str]) -> list[bytes]:
    """Words as :class:`WordTable` stores them: one byte per Arabic letter.

    >>> encode_words(["اب", "ab", "é"])
    [b'\\x86\\x87', b'ab', b'?']
    """
    found = _to_bytes("\n".join(words)).split(b"\n")
    if len(found) == len(words):
        return found
    return list(map(_to_bytes, words))  # a word with a line break


def decode_word(encoded: bytes) -> str:
    """The word that :func:`encode_words` wrote as ``encoded``."""
    return encoded.decode("latin-1").translate(_FROM_BYTE)


def _heads(words: np.ndarray) -> np.ndarray:
    """The first 8 bytes of each of ``words`` (a byte-string array) as one number, in the
    same order as the words."""
    return words.astype("S8").view(">u8").astype(np.uint64)


class WordTable(Mapping[str, int]):
    """Sorted words (a numpy byte-string array, :func:`encode_words`) with a value each:
    a read-only mapping that needs no Python object per word until one is asked for, and
    that looks up many words at once (:meth:`positions`).

    >>> table = WordTable.from_items({"ب": 1, "ا": 2})
    >>> dict(table), table.positions(["ا", "ج", "ب", "ab"]).tolist()
    ({'ا': 2, 'ب': 1}, [0, -1, 1, -1])
    """

    def __init__(self, words: np.ndarray, values: np.ndarray) -> None:
        self.words, self.values = words, values  # words sorted, values aligned
        self._heads: np.ndarray | None = None  # the words' first 8 bytes, as numbers

    @classmethod
    def from_items(cls, items: Mapping[str, int], dtype: type = np.int64) -> WordTable:
        """A table of ``{word: value}``."""
        pairs = sorted(zip(encode_words(list(items)), items.values(), strict=True))
        words = np.array([word for word, _ in pairs], dtype=bytes)
        return cls(words, np.array([value for _, value in pairs], dtype=dtype))

    def positions(self, words: list[str]) -> np.ndarray:
        """Index of each of ``words`` in the table (-1 where absent)."""
        if not words or not len(self.words):
            return np.full(len(words), -1, dtype=np.int64)
        encoded = encode_words(words)
        width = self.words.dtype.itemsize
        query = np.array(encoded, dtype=self.words.dtype)  # longer words are cut: not found
        # a binary search over numbers first (fast): the words that share the query's
        # first 8 bytes; only where several do are the byte strings searched
        if self._heads is None:
            self._heads = _heads(self.words)
        heads, last = _heads(query), len(self.words) - 1
        at = np.minimum(np.searchsorted(self._heads, heads), last)
        several = np.flatnonzero(self._heads[np.minimum(at + 1, last)] == heads)
        several = several[at[several] < last]
        at[several] = np.minimum(np.searchsorted(self.words, query[several]), last)
        found = self.words[at] == query
        found &= np.fromiter(map(len, encoded), np.int64, len(encoded)) <= width
        return np.where(found, at, -1)

    def lookup(self, words: list[str], default: int = 0) -> np.ndarray:
        """The value of each of ``words`` (``default`` where absent)."""
        at = self.positions(words)
        return np.where(at >= 0, self.values[at], default)

    def __getitem__(self, word: str) -> int:
        at = int(self.positions([word])[0])
        if at < 0:
            raise KeyError(word)
        return self.values[at].item()

    def __len__(self) -> int:
        return len(self.words)

    def __iter__(self) -> Iterator[str]:
        return map(decode_word, self.words.tolist())


class DecidedHosts(Mapping[str, str]):
    """The decisions of a :class:`WordTable` of :func:`host_code` values, as a mapping
    ``word -> host`` (``""``: whole); forms that the model did not decide are absent."""

    def __init__(self, table: WordTable) -> None:
        self.table = table

    def __getitem__(self, word: str) -> str:
        code = self.table.get(word, UNDECIDED)
        if code == UNDECIDED:
            raise KeyError(word)
        return host_of_code(word, code) if code else ""

    def __len__(self) -> int:
        return int(np.count_nonzero(self.table.values != UNDECIDED))

    def __iter__(self) -> Iterator[str]:
        decided = self.table.words[self.table.values != UNDECIDED]
        return map(decode_word, decided.tolist())


@dataclass
class WordForms:
    """Word counts and proclitic priors, and the segmentation score that uses them.

    ``counts`` maps :func:`norm` keys to their occurrences in the news
    corpora (``total`` tokens in all); ``priors`` maps ``(proclitics,
    article host)`` to how often a host carries those proclitics, relative to
    its free occurrences; ``hosts`` holds the decisions for the frequent
    forms, made ahead of time (``""``: whole; a word absent from it is scored
    when asked).

    A reading *proclitics + host* explains ``prior x free count of the
    host`` of the word's own count (plus ``smoothing``); the word splits when
    the best reading explains at least ``ratio`` of it (``article_ratio``
    when the host starts with the article: an article after و ف ب ل ك is
    itself evidence). A word or host in the shipped word list
    (:mod:`toolkit.text.lexicon`) weighs ``lexicon_weight`` times its count
    when the word is seen fewer than ``lexicon_below`` times (beyond, the
    counts speak: بايدن is no ب + ايدن),
    and a host of at most three letters ``1 / short_host`` times (ادي does
    not make وادي a clitic form).
    A host that is itself read with proclitics is not free (لمجلس is
    ل + مجلس, so للمجلس is not ل + لمجلس). A corpus's own counts add to the
    news counts.

    >>> model = news_model()
    >>> [model.host(w) for w in ["والمغرب", "ومراسلين", "بايدن", "ليفني", "للجنة", "لبحر"]]
    ['المغرب', 'مراسلين', 'بايدن', 'ليفني', 'اللجنة', 'بحر']
    """

    counts: Mapping[str, int]
    total: int
    priors: dict[tuple[str, bool], float]
    hosts: Mapping[str, str] = field(default_factory=dict)
    ratio: float = 0.08
    article_ratio: float = 0.01
    lexicon_weight: float = 3.0
    short_host: float = 3.0
    lexicon_below: float = 20.0
    smoothing: float = 0.5

    def host(
        self,
        word: str,
        evidence: Callable[[str], int] | None = None,
        *,
        blocked: frozenset[str] = frozenset(),
    ) -> str:
        """The host of :func:`norm` form ``word`` (``word`` itself when it stays whole).

        ``evidence`` gives a corpus's own counts; forms that the model resolved
        ahead of time keep that decision. ``blocked`` hosts are never read.
        """
        found = self.hosts.get(word)
        if found is not None:
            return found or word
        return self.score(word, evidence, blocked=blocked)[0]

    def host_of_each(self, words: list[str], *, blocked: frozenset[str] = frozenset()) -> list[str]:
        """:meth:`host` of each of ``words`` without corpus evidence, the decisions made ahead
        of time looked up at once.

        >>> news_model().host_of_each(["والمغرب", "بايدن"])
        ['المغرب', 'بايدن']
        """
        return [
            found or word if found is not None else self.score(word, blocked=blocked)[0]
            for word, found in zip(words, self.decided(words), strict=True)
        ]

    def decided(self, words: list[str]) -> list[str | None]:
        """The decision made ahead of time for each of ``words`` (:func:`norm` forms): the
        host, ``""`` when the word stays whole, ``None`` when the model did not decide.

        >>> news_model().decided(["والمغرب", "بايدن", "وكوخافي"])
        ['المغرب', '', None]
        """
        if not isinstance(self.hosts, DecidedHosts):
            return [self.hosts.get(word) for word in words]
        codes = self.decisions(words).tolist()
        return [  # host_of_code, written out (many words)
            "" if not code else None if code < 0 else ("ا" if code & 1 else "") + word[code >> 1 :]
            for word, code in zip(words, codes, strict=True)
        ]

    def decisions(self, words: list[str]) -> np.ndarray:
        """:func:`host_code` of the decision made ahead of time for each of ``words``
        (:func:`norm` forms; :data:`UNDECIDED` where the model did not decide), at once.

        >>> news_model().decisions(["والمغرب", "بايدن", "وكوخافي"]).tolist()
        [2, 0, -1]
        """
        if isinstance(self.hosts, DecidedHosts):
            return self.hosts.table.lookup(words, UNDECIDED)
        hosts = [self.hosts.get(word) for word in words]
        return np.array(
            [UNDECIDED if host is None else host_code(word, host) if host else 0
             for word, host in zip(words, hosts, strict=True)], dtype=np.int64,
        )  # fmt: skip

    def count(self, word: str, evidence: Callable[[str], int] | None = None) -> int:
        """News occurrences of ``word`` plus those that ``evidence`` counts."""
        news = self.counts.get(word, 0)
        return news + evidence(word) if evidence else news

    def score(
        self,
        word: str,
        evidence: Callable[[str], int] | None = None,
        *,
        blocked: frozenset[str] = frozenset(),
    ) -> tuple[str, float]:
        """``(host, explained share)`` of the best reading of ``word`` (``(word, 0.0)``: whole)."""
        hosts = self.hosts

        def is_clitic_form(host: str) -> bool:
            return bool(hosts.get(host))

        def count(form: str) -> int:
            return self.count(form, evidence)

        return self._best(word, list(readings(word)), count, is_clitic_form, blocked)

    def search(
        self,
        words: list[str],
        evidence: Callable[[list[str]], list[int]] | None = None,
        *,
        blocked: frozenset[str] = frozenset(),
        unblocked: frozenset[str] = frozenset(),
    ) -> list[str]:
        """The host of each of ``words`` by :meth:`score` (the model's decisions are not
        consulted for the words themselves), all words scored at once: ``evidence`` gives a
        corpus's own counts of a list of words. ``blocked`` hosts are never read, except for
        ``unblocked`` words.

        >>> news_model().search(["وكوخافي", "ومراسلين"])
        ['وكوخافي', 'مراسلين']
        """
        word_at, prefix_at, hosts = _all_readings(words)
        forms = list(dict.fromkeys([*words, *hosts]))
        if isinstance(self.hosts, DecidedHosts) and self.hosts.table.words is getattr(
            self.counts, "words", None
        ):  # the shipped model: the two tables share their words
            at = self.counts.positions(forms)
            found = at >= 0
            counts = np.where(found, self.counts.values[at], 0).astype(np.int64)
            clitic_form = found & (self.hosts.table.values[at] > 0)
        else:
            counts = np.array([self.counts.get(form, 0) for form in forms], dtype=np.int64)
            clitic_form = np.array([bool(self.hosts.get(form)) for form in forms], dtype=bool)
        if evidence:
            counts += np.array(evidence(forms), dtype=np.int64)
        index = dict(zip(forms, range(len(forms))))
        word_form = np.fromiter(map(index.__getitem__, words), np.int64, len(words))
        host_form = np.fromiter(map(index.__getitem__, hosts), np.int64, len(hosts))
        # the reading's parts, as in _best (same operations in the same order: same floats)
        observed = counts[word_form] + self.smoothing
        weight = np.where(observed < self.lexicon_below, self.lexicon_weight, 1.0)[word_at]
        free = ~clitic_form[host_form] & (counts[host_form] > 0)
        if blocked:
            is_blocked = np.fromiter(map(blocked.__contains__, forms), bool, len(forms))
            exempt = np.fromiter(map(unblocked.__contains__, words), bool, len(words))
            free &= ~is_blocked[host_form] | exempt[word_at]
        article = np.fromiter((host[:2] == ARTICLE for host in hosts), bool, len(hosts))
        priors = np.array([[self.priors.get((prefix, a), 0.0) for a in (False, True)]
                           for prefix in PROCLITICS])  # fmt: skip
        prior = priors[prefix_at, article.astype(np.int64)]
        share = prior * counts[host_form] / observed[word_at]
        short = np.fromiter(map(len, hosts), np.int64, len(hosts)) <= SHORT_HOST
        share[short] /= self.short_host
        threshold = np.where(article, self.article_ratio, self.ratio)
        near = np.flatnonzero(free & (share * weight >= threshold))
        # the word list weighs in near the threshold, for rare words (weight != 1)
        if len(near):
            from toolkit.text.lexicon import is_known_key

            rare = near[weight[near] != 1.0]
            whole_known = rare[[is_known_key(words[i]) for i in word_at[rare].tolist()]]
            share[whole_known] /= weight[whole_known]
            host_known = near[[is_known_key(hosts[i]) for i in near.tolist()]]
            share[host_known] *= weight[host_known]
            near = near[share[near] >= threshold[near]]
        # the best share of each word; between equal shares, the first reading
        order = np.lexsort((near, -share[near], word_at[near]))
        chosen = near[order]
        first = np.ones(len(chosen), dtype=bool)
        first[1:] = word_at[chosen][1:] != word_at[chosen][:-1]
        found = list(words)
        for i, reading in zip(word_at[chosen[first]].tolist(), chosen[first].tolist(),
                              strict=True):  # fmt: skip
            found[i] = hosts[reading]
        return found

    def _best(
        self,
        word: str,
        candidates: list[tuple[str, str]],
        count: Callable[[str], int],
        is_clitic_form: Callable[[str], bool],
        blocked: frozenset[str],
    ) -> tuple[str, float]:
        """:meth:`score` of ``word`` from its ``candidates`` (its :func:`readings`)."""
        from toolkit.text.lexicon import is_known_key

        if not candidates:
            return word, 0.0
        observed = count(word) + self.smoothing
        # the word list is evidence for rare words; counts speak for the others (بايدن)
        weight = self.lexicon_weight if observed < self.lexicon_below else 1.0
        whole_known = None  # looked up when a reading comes near the threshold
        best, best_share = word, 0.0
        priors = self.priors
        for prefix, host in candidates:
            if host in blocked or is_clitic_form(host):  # a clitic form is no free host
                continue
            host_count = count(host)
            if not host_count:
                continue
            article = host[:2] == ARTICLE
            share = priors.get((prefix, article), 0.0) * host_count / observed
            if len(host) <= SHORT_HOST:
                share /= self.short_host
            threshold = self.article_ratio if article else self.ratio
            if share * weight < threshold:
                continue
            if whole_known is None:
                whole_known = weight != 1.0 and is_known_key(word)
            if whole_known:
                share /= weight
            if is_known_key(host):
                share *= weight
            if share >= threshold and share > best_share:
                best, best_share = host, share
        return best, best_share


@lru_cache(maxsize=1)
def news_model() -> WordForms:
    """The shipped model (read once per process: one entry cached, in about 0.02 s).

    The file (numpy ``.npz``) holds ``words`` (every :func:`norm` form seen
    at least twice, sorted, one byte per letter: :func:`encode_words`),
    ``counts`` (their news occurrences), ``hosts`` (:func:`host_code` of the
    decision made ahead of time, or :data:`UNDECIDED`) and ``header`` (JSON:
    ``total``, the settings and the priors as ``proclitics:article`` -> prior).
    """
    path = files("toolkit").joinpath(*MODEL_PATH)
    with path.open("rb") as handle, np.load(handle) as data:
        words, counts, codes = data["words"], data["counts"], data["hosts"]
        header = json.loads(data["header"].item())
    priors = {}
    for item, value in header["priors"].items():
        prefix, article = item.split(":")
        priors[(prefix, article == "1")] = value
    parameters = {name: float(header[name]) for name in SETTINGS}
    hosts = DecidedHosts(WordTable(words, codes))  # the same words as the counts
    return WordForms(WordTable(words, counts), int(header["total"]), priors, hosts, **parameters)

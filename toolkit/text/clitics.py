"""Readable terms: proclitics removed only with evidence, hamza spelling unified.

A word such as والمغرب is read as و + المغرب when the remainder is *known*:
it is in the shipped word list (:mod:`toolkit.text.lexicon`) or it is
attested on its own in the corpus being analysed. Words that merely begin
with و ف ب ل ك survive (وزير، لبنان، بيت، كوخافي). The remainder's spelling
is then unified across hamza variants: every spelling votes with its token
count and the most frequent one becomes the ``term`` (واسرائيل -> إسرائيل).

Evidence is corpus-level. :func:`annotate` collects it from the whole
tokens table it is given (``tokenize(corpus)`` annotates all documents at
once). For chunked or streamed corpora, build a :class:`TermResolver` in a
first pass (:meth:`TermResolver.update` with each chunk's words) and pass
it to every chunk, or accept that each chunk is its own evidence.

Enclitic pronouns (ه ها هم ...) are not split: on news text a suffix split
cannot be made reliable without a morphological analyser (مليونها? قضيتهم?
قضيه?), and ``stem`` already conflates them.

>>> resolver = TermResolver()
>>> [resolver.term(w) for w in ["والمغرب", "للمغرب", "بالرباط", "وزير", "لبنان", "وواشنطن"]]
['المغرب', 'المغرب', 'الرباط', 'وزير', 'لبنان', 'واشنطن']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from functools import cache

import pandas as pd

from toolkit.parallel import resolve_n_jobs
from toolkit.text.lexicon import EXACT, WITH_SUFFIX, match_key
from toolkit.text.normalize import normalize
from toolkit.text.stem import light_stem
from toolkit.text.stopwords import base_stopwords, is_stopword, stopword_set

__all__ = ["TermResolver", "annotate", "clean"]

#: Proclitic sequences: conjunction (و ف) then preposition (ب ل ك), longest first.
PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")
MIN_REMAINDER = 2
#: A word attested this often needs its remainder attested too (the list alone is not enough).
FREQUENT_WORD = 5
HAMZA = frozenset("ءأإآؤئ")
CLITIC_LETTERS = frozenset("وفبلك")
WORD_KINDS = ("arabic", "latin", "word")


def clean(word: str) -> str:
    """Strip diacritics, tatweel and controls but keep hamza and alef maqsura.

    >>> clean("وَإِسْرَائِيلُ")
    'وإسرائيل'
    """
    return normalize(word, alef=False, alef_maqsura=False)


class TermResolver:
    """Corpus-level evidence for clitic splitting and hamza spelling.

    ``attested`` maps words (any spelling) to how often they occur on their
    own in the corpus; :meth:`update` adds more (for example chunk by chunk).

    >>> resolver = TermResolver({"كوخافي": 3})
    >>> resolver.term("بكوخافي"), resolver.term("كوخافي")
    ('كوخافي', 'كوخافي')
    """

    def __init__(self, attested: Mapping[str, int] | None = None) -> None:
        self.attested: Counter[str] = Counter()
        self.surfaces: Counter[str] = Counter()
        self._remainders: dict[str, tuple[str, str]] = {}  # resolved with the evidence
        self._fixed: dict[str, tuple[str, str]] = {}  # resolved whatever the evidence
        self._form_cache: dict[str, tuple[str, str]] = {}
        self._votes: dict[str, str] | None = None
        if attested:
            self.update(attested)

    def update(self, words: Mapping[str, int] | Iterable[str]) -> None:
        """Add word occurrences (a ``{word: count}`` mapping or an iterable of words)."""
        counts = words if isinstance(words, Mapping) else Counter(words)
        surfaces, attested, forms = self.surfaces, self.attested, self._form_cache
        new = [word for word in counts if word not in forms]
        spellings = clean("\n".join(new))  # one call for all new words: it maps char by char
        if len(new) == spellings.count("\n") + 1:  # no word has a line break
            forms.update(zip(new, zip(spellings.split("\n"), normalize(spellings).split("\n"))))
        surfaces_get, attested_get = surfaces.get, attested.get
        for word, count in counts.items():
            spelling, key = forms.get(word) or self._forms(word)
            surfaces[spelling] = surfaces_get(spelling, 0) + count
            attested[key] = attested_get(key, 0) + count
        self._remainders.clear()
        self._votes = None

    def _forms(self, word: str) -> tuple[str, str]:
        """``(clean spelling, normalised key)`` of a word, cached."""
        forms = self._form_cache.get(word)
        if forms is None:
            spelling = clean(word)
            forms = self._form_cache[word] = (spelling, normalize(spelling))
        return forms

    def remainder(self, word: str) -> str:
        """``word`` without the proclitics that the evidence supports (spelling as written).

        >>> TermResolver().remainder("ولإسرائيل"), TermResolver().remainder("بيت")
        ('إسرائيل', 'بيت')
        """
        return self.resolve(word)[0]

    def resolve(self, word: str) -> tuple[str, str]:
        """``(remainder spelling, remainder key)``: :meth:`remainder` and its normalised form."""
        found = self._remainders.get(word) or self._fixed.get(word)
        if found is None:
            spelling, key = self._forms(word)
            if self.depends_on_evidence(key):
                found = self._remainders[word] = self._split(spelling, key)
            else:
                found = self._fixed[word] = (spelling, key)
        return found

    def depends_on_evidence(self, key: str) -> bool:
        """Can the corpus decide whether the word with this normalised ``key`` has a proclitic?

        Not for words that do not start with و ف ب ل ك, that are too short, or
        that are listed words or stop words as they stand.
        """
        return (
            len(key) > MIN_REMAINDER
            and key[0] in CLITIC_LETTERS
            and match_key(key) != EXACT
            and key not in base_stopwords()
        )

    def resolve_all(self, words: Iterable[str], *, n_jobs: int | None = 1) -> None:
        """Resolve ``words`` ahead of :meth:`resolve` calls, on ``n_jobs`` processes.

        Only the words that :meth:`depends_on_evidence` need a search; they go
        to the worker processes when there are enough of them.
        """
        to_split = []
        for word in dict.fromkeys(words):
            if word in self._remainders or word in self._fixed:
                continue
            spelling, key = self._forms(word)
            if self.depends_on_evidence(key):
                to_split.append(word)
            else:
                self._fixed[word] = (spelling, key)
        workers = min(resolve_n_jobs(n_jobs), len(to_split) // 10_000)
        if workers < 2:
            for word in to_split:
                self._remainders[word] = self._split(*self._forms(word))
            return
        parts = [to_split[i::workers] for i in range(workers)]
        # the workers get this resolver once, when they start (with fork: without pickling)
        with ProcessPoolExecutor(workers, initializer=_use_resolver, initargs=(self,)) as pool:
            for part, found in zip(parts, pool.map(_resolve_words, parts), strict=True):
                self._remainders.update(zip(part, found, strict=True))

    def _split(self, spelling: str, key: str) -> tuple[str, str]:
        """Best proclitic reading of a word that :meth:`depends_on_evidence`."""
        # key has the same length as spelling: clean() already dropped every mark
        whole = match_key(key)
        stop = stopword_set()
        function_word = key in _function_words()
        # a word known only through a suffix (وكوبا = وكوب + ا) needs an attested remainder
        needs_attested = whole == WITH_SUFFIX or self.attested.get(key, 0) >= FREQUENT_WORD
        best, best_score = (spelling, key), None
        for prefix, start, article in _candidates(key):
            alef = "ا" if article else ""
            rest_key = alef + key[start:]
            if rest_key in stop and not function_word:
                continue  # كيلي is not ك + يلي: a function word is no evidence for a name
            count = self.attested.get(rest_key, 0)
            match = match_key(rest_key)
            # a suffix reading (وريدا = وريد + ا) is weak: only for article nouns (الحكومات)
            known = match == EXACT or (match == WITH_SUFFIX and rest_key.startswith("ال"))
            if not count and (not known or needs_attested):
                continue
            score = (count, known, -len(prefix))
            if best_score is None or score > best_score:
                best, best_score = (alef + spelling[start:], rest_key), score
        return best

    def term(self, word: str) -> str:
        """The readable term: remainder in its most frequent attested spelling."""
        return self.spelling(self.remainder(word))

    def spelling(self, word: str) -> str:
        """The most frequent attested spelling of ``word`` (no clitic analysis).

        Every attested word votes, with its count, for the spelling of its
        remainder (وإسرائيل votes for إسرائيل).

        >>> TermResolver({"إسرائيل": 2, "اسرائيل": 1}).spelling("اسرائيل")
        'إسرائيل'
        """
        best = self._best_spellings().get(normalize(word))
        return word if best is None else best

    def spellings(self, words: list[str]) -> list[str]:
        """:meth:`spelling` of each of ``words``, normalised all at once.

        >>> TermResolver({"إسرائيل": 2, "اسرائيل": 1}).spellings(["اسرائيل", "بيت"])
        ['إسرائيل', 'بيت']
        """
        best = self._best_spellings()
        keys = normalize("\n".join(words)).split("\n")  # one call: it maps char by char
        if len(keys) != len(words):  # empty, or a word with a line break
            keys = [normalize(word) for word in words]
        return [best.get(key, word) for key, word in zip(keys, words, strict=True)]

    def _best_spellings(self) -> dict[str, str]:
        """Most voted spelling per key (ties: the spelling with more hamza letters)."""
        if self._votes is None:
            votes: dict[tuple[str, str], int] = {}
            resolve, votes_get = self.resolve, votes.get
            for surface, count in self.surfaces.items():
                remainder = resolve(surface)
                votes[remainder] = votes_get(remainder, 0) + count
            best: dict[str, tuple[int, int, str]] = {}
            for (rest, key), count in votes.items():
                current = best.get(key)
                if (
                    current is None
                    or count > current[0]
                    or (count == current[0] and _hamzas(rest) > current[1])
                ):
                    best[key] = (count, _hamzas(rest), rest)
            self._votes = {key: value[2] for key, value in best.items()}
        return self._votes


_worker_resolver: TermResolver | None = None


def _use_resolver(resolver: TermResolver) -> None:
    global _worker_resolver
    _worker_resolver = resolver


def _resolve_words(words: list[str]) -> list[tuple[str, str]]:
    return [_worker_resolver.resolve(word) for word in words]


@cache
def _function_words() -> frozenset[str]:
    """Listed stop words, alone or after و or ف (وفي، فلم), normalised."""
    base = {normalize(word) for word in base_stopwords()}
    return frozenset(base | {conjunction + word for word in base for conjunction in "وف"})


def _hamzas(spelling: str) -> int:
    return sum(c in HAMZA for c in spelling)


def _candidates(key: str) -> Iterator[tuple[str, int, bool]]:
    """``(prefix, start of remainder, restore alef)`` for every proclitic reading of ``key``."""
    for prefix in PROCLITICS:
        start = len(prefix)
        if not key.startswith(prefix) or len(key) - start < MIN_REMAINDER:
            continue
        yield prefix, start, False
        if prefix.endswith("ل") and key.startswith("ل", start) and len(key) - start >= 3:
            yield prefix, start, True  # لل -> ال: للمغرب -> المغرب


def annotate(tokens: pd.DataFrame, resolver: TermResolver | None = None) -> pd.DataFrame:
    """Add ``term``, ``stem`` and ``is_stop`` to a tokens table (all its documents at once).

    Without ``resolver`` the evidence is the shipped word list plus the
    words of ``tokens``; pass a resolver built over a larger corpus to use
    that corpus as evidence.
    """
    from toolkit.text.tokenize import TOKEN_COLUMNS

    tokens = tokens.copy()
    arabic = tokens["kind"] == "arabic"
    counts = tokens.loc[arabic, "token"].value_counts()
    if resolver is None:
        resolver = TermResolver(counts.to_dict())
    terms = {word: resolver.term(word) for word in counts.index}
    other_words = tokens["kind"].isin(["latin", "word", "number"])
    term = pd.Series(None, index=tokens.index, dtype=object)
    term[arabic] = tokens.loc[arabic, "token"].map(terms)
    term[other_words] = tokens.loc[other_words, "norm"]
    tokens["term"] = term
    stems = {term: light_stem(term) for term in set(terms.values())}
    tokens["stem"] = term.where(~arabic, term.map(stems))
    stops = {word: is_stopword(word) for word in counts.index}
    tokens["is_stop"] = [stops.get(token, False) for token in tokens["token"]]
    return tokens[TOKEN_COLUMNS]

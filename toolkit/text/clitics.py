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
from collections.abc import Iterable, Mapping

import pandas as pd

from toolkit.text.lexicon import is_known
from toolkit.text.normalize import normalize
from toolkit.text.stem import light_stem
from toolkit.text.stopwords import base_stopwords, is_stopword

__all__ = ["TermResolver", "annotate", "clean"]

#: Proclitic sequences: conjunction (و ف) then preposition (ب ل ك), longest first.
PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")
MIN_REMAINDER = 2
#: A word attested this often needs its remainder attested too (the list alone is not enough).
FREQUENT_WORD = 5
HAMZA = frozenset("ءأإآؤئ")
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
        self.spellings: dict[str, Counter[str]] = {}
        self._remainders: dict[str, str] = {}
        self._best: dict[str, str] = {}
        if attested:
            self.update(attested)

    def update(self, words: Mapping[str, int] | Iterable[str]) -> None:
        """Add word occurrences (a ``{word: count}`` mapping or an iterable of words)."""
        counts = words if isinstance(words, Mapping) else Counter(words)
        spellings = Counter()
        for word, count in counts.items():
            spellings[clean(word)] += count
        for spelling, count in spellings.items():
            self.attested[normalize(spelling)] += count
        self._remainders.clear()
        self._best.clear()
        for spelling, count in spellings.items():
            self._vote(self.remainder(spelling), count)

    def _vote(self, spelling: str, count: int) -> None:
        self.spellings.setdefault(normalize(spelling), Counter())[spelling] += count

    def remainder(self, word: str) -> str:
        """``word`` without the proclitics that the evidence supports (spelling as written).

        >>> TermResolver().remainder("ولإسرائيل"), TermResolver().remainder("بيت")
        ('إسرائيل', 'بيت')
        """
        if word not in self._remainders:
            self._remainders[word] = self._split(clean(word))
        return self._remainders[word]

    def _split(self, spelling: str) -> str:
        key = normalize(spelling)
        if len(key) <= MIN_REMAINDER or key in base_stopwords() or is_known(key):
            return spelling
        whole_count = self.attested.get(key, 0)
        best, best_score = spelling, None
        for prefix, rest in _candidates(spelling):
            count = self.attested.get(normalize(rest), 0)
            known = is_known(rest)
            if not count and (not known or whole_count >= FREQUENT_WORD):
                continue
            score = (count, known, -len(prefix))
            if best_score is None or score > best_score:
                best, best_score = rest, score
        return best

    def term(self, word: str) -> str:
        """The readable term: remainder in its most frequent attested spelling."""
        return self.spelling(self.remainder(word))

    def spelling(self, word: str) -> str:
        """The most frequent attested spelling of ``word`` (no clitic analysis).

        >>> TermResolver({"إسرائيل": 2, "اسرائيل": 1}).spelling("اسرائيل")
        'إسرائيل'
        """
        key = normalize(word)
        if key not in self._best:
            votes = self.spellings.get(key)
            if not votes:
                return word
            self._best[key] = max(votes, key=lambda s: (votes[s], sum(c in HAMZA for c in s)))
        return self._best[key]


def _candidates(spelling: str) -> Iterable[tuple[str, str]]:
    for prefix in PROCLITICS:
        if not spelling.startswith(prefix) or len(spelling) - len(prefix) < MIN_REMAINDER:
            continue
        rest = spelling[len(prefix) :]
        yield prefix, rest
        if prefix.endswith("ل") and rest.startswith("ل") and len(rest) >= 3:
            yield prefix, "ا" + rest  # لل -> ال: للمغرب -> المغرب


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

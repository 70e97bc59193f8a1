"""Readable terms: proclitics removed where the evidence reads them, hamza spelling unified.

A word such as والمغرب is read as و + المغرب when the news model of word
forms (:class:`toolkit.text.forms.WordForms`) says the host + proclitics
reading explains the word: the host is frequent enough, given how often
hosts carry those proclitics, compared with the word itself. The corpus
being analysed adds its own counts to the news counts; the frequent forms
were decided ahead of time and cost a dictionary look-up. Words that merely
begin with و ف ب ل ك survive (وزير، لبنان، بايدن، وهران، كوخافي). The host's
spelling is then unified across hamza variants: every spelling votes with
its token count and the most frequent one becomes the ``term``
(واسرائيل -> إسرائيل).

Evidence is corpus-level. :func:`toolkit.text.tokenize.annotate` collects
it from the whole tokens table it is given. For chunked or streamed
corpora, build a :class:`TermResolver` in a first pass
(:meth:`TermResolver.update` with each chunk's words) and pass it to every
chunk, or accept that each chunk is its own evidence.

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
from concurrent.futures import ProcessPoolExecutor
from functools import cache

from toolkit.parallel import resolve_n_jobs
from toolkit.text.forms import (
    CLITIC_LETTERS,
    MIN_HOST,
    clean,
    host_spelling,
    news_model,
    norm,
    vote,
)
from toolkit.text.stopwords import base_stopwords, stopword_set

__all__ = ["TermResolver", "blocked_hosts", "clean", "function_words"]


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
        self.model = news_model()
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
            forms.update(zip(new, zip(spellings.split("\n"), norm(spellings).split("\n"))))
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
            forms = self._form_cache[word] = (spelling, norm(spelling))
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
                found = self._fixed[word] = self._decided(spelling, key)
        return found

    def _decided(self, spelling: str, key: str) -> tuple[str, str]:
        """A word's reading that no corpus changes: itself, or the news model's host."""
        host = self.model.hosts.get(key)
        return (host_spelling(spelling, key, host), host) if host else (spelling, key)

    def depends_on_evidence(self, key: str) -> bool:
        """Can the corpus decide whether the word with :func:`~toolkit.text.forms.norm` form
        ``key`` has proclitics?

        Not for words that do not start with و ف ب ل ك, that are too short,
        that are listed stop words, or that the news model decided ahead of time.
        """
        return (
            len(key) > MIN_HOST
            and key[0] in CLITIC_LETTERS
            and key not in self.model.hosts
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
                self._fixed[word] = self._decided(spelling, key)
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
        """The news model's reading of a word, with this corpus's counts as more evidence."""
        blocked = frozenset() if key in function_words() else blocked_hosts()
        host = self.model.host(key, self.attested, blocked=blocked)
        return host_spelling(spelling, key, host), host

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
        best = self._best_spellings().get(norm(word))
        return word if best is None else best

    def spellings(self, words: list[str]) -> list[str]:
        """:meth:`spelling` of each of ``words``, normalised all at once.

        >>> TermResolver({"إسرائيل": 2, "اسرائيل": 1}).spellings(["اسرائيل", "بيت"])
        ['إسرائيل', 'بيت']
        """
        best = self._best_spellings()
        keys = norm("\n".join(words)).split("\n")  # one call: it maps char by char
        if len(keys) != len(words):  # empty, or a word with a line break
            keys = [norm(word) for word in words]
        return [best.get(key, word) for key, word in zip(keys, words, strict=True)]

    def _best_spellings(self) -> dict[str, str]:
        """The :func:`~toolkit.text.forms.vote` of the spellings of each key."""
        if self._votes is None:
            votes: dict[str, dict[str, int]] = {}
            resolve = self.resolve
            for surface, count in self.surfaces.items():
                rest, key = resolve(surface)
                spellings = votes.setdefault(key, {})
                spellings[rest] = spellings.get(rest, 0) + count
            self._votes = {
                key: next(iter(spellings)) if len(spellings) == 1 else vote(spellings)
                for key, spellings in votes.items()
            }
        return self._votes


_worker_resolver: TermResolver | None = None


def _use_resolver(resolver: TermResolver) -> None:
    global _worker_resolver
    _worker_resolver = resolver


def _resolve_words(words: list[str]) -> list[tuple[str, str]]:
    return [_worker_resolver.resolve(word) for word in words]


@cache
def function_words() -> frozenset[str]:
    """Listed stop words, alone or after و or ف (وفي، فلم), in :func:`norm` form."""
    base = {norm(word) for word in base_stopwords()}
    return frozenset(base | {conjunction + word for word in base for conjunction in "وف"})


@cache
def blocked_hosts() -> frozenset[str]:
    """Stop words in :func:`norm` form: no evidence for a name (كيلي is not ك + يلي)."""
    return frozenset(norm(word) for word in stopword_set())

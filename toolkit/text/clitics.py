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
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from functools import cache

from toolkit.parallel import resolve_n_jobs
from toolkit.text.forms import (
    CLITIC_LETTERS,
    CONJUNCTIONS,
    MIN_HOST,
    attached_forms,
    clean,
    host_spelling,
    news_model,
    norm,
    norm_of_clean,
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
        self.words: Counter[str] = Counter()  # the evidence, as written
        self.model = news_model()
        # Most words are written in their norm form; only the others are kept apart:
        self._forms: dict[str, tuple[str, str]] = {}  # word -> (clean, norm), word != norm
        self._by_key: Counter[str] = Counter()  # their counts by norm form
        self._hosts: dict[str, str] = {}  # norm form -> host, decided with this evidence
        self._votes: dict[str, str] | None = None
        if attested:
            self.update(attested)

    def update(self, words: Mapping[str, int] | Iterable[str]) -> None:
        """Add word occurrences (a ``{word: count}`` mapping or an iterable of words)."""
        counts = words if isinstance(words, Mapping) else Counter(words)
        self.words.update(counts)
        written = list(counts)
        spellings = _bulk(clean, written)
        keys = _bulk(norm_of_clean, spellings)
        forms, by_key = self._forms, self._by_key
        for word, spelling, key in zip(written, spellings, keys, strict=True):
            if word != key:
                forms[word] = (spelling, key)
                by_key[key] += counts[word]
        self._hosts.clear()
        self._votes = None

    def count(self, key: str) -> int:
        """Occurrences of the :func:`~toolkit.text.forms.norm` form ``key`` in the evidence."""
        return self.words.get(key, 0) + self._by_key.get(key, 0)

    def forms(self, word: str) -> tuple[str, str]:
        """``(clean spelling, norm form)`` of ``word``."""
        found = self._forms.get(word)
        if found is None:
            spelling = clean(word)
            found = (spelling, norm_of_clean(spelling))
            if found[1] != word:
                self._forms[word] = found
        return found

    def remainder(self, word: str) -> str:
        """``word`` without the proclitics that the evidence supports (spelling as written).

        >>> TermResolver().remainder("ولإسرائيل"), TermResolver().remainder("بيت")
        ('إسرائيل', 'بيت')
        """
        return self.resolve(word)[0]

    def resolve(self, word: str) -> tuple[str, str]:
        """``(remainder spelling, remainder key)``: :meth:`remainder` and its normalised form."""
        spelling, key = self.forms(word)
        host = self.host_key(key)
        return (spelling, key) if host == key else (host_spelling(spelling, key, host), host)

    def host_key(self, key: str) -> str:
        """The remainder of the word with :func:`~toolkit.text.forms.norm` form ``key``."""
        host = self.model.hosts.get(key)
        if host is not None:
            return host or key
        if not self.depends_on_evidence(key):
            return key
        host = self._hosts.get(key)
        if host is None:
            host = self._hosts[key] = self._search(key)
        return host

    def host_keys(self, keys: list[str]) -> list[str]:
        """:meth:`host_key` of each of ``keys`` (fast for the forms the model decided)."""
        decided, letters, host_key = self.model.hosts.get, CLITIC_LETTERS, self.host_key
        found = [decided(key) for key in keys]
        return [
            host or (key if host == "" or key[:1] not in letters else host_key(key))
            for key, host in zip(keys, found, strict=True)
        ]

    def depends_on_evidence(self, key: str) -> bool:
        """Can the corpus decide whether the word with :func:`~toolkit.text.forms.norm` form
        ``key`` has proclitics?

        Not for words that do not start with و ف ب ل ك, that are too short,
        that the news model decided ahead of time or that are listed stop words.
        """
        return (
            key[:1] in CLITIC_LETTERS
            and key not in self.model.hosts
            and len(key) > MIN_HOST
            and key not in base_stopwords()
        )

    def resolve_all(self, words: Iterable[str], *, n_jobs: int | None = 1) -> None:
        """Resolve ``words`` ahead of :meth:`resolve` calls, on ``n_jobs`` processes.

        Only the words that :meth:`depends_on_evidence` need a search; they go
        to the worker processes when there are enough of them.
        """
        forms, decided, hosts = self._forms, self.model.hosts, self._hosts
        keys = (forms[word][1] if word in forms else word for word in words)
        keys = {key for key in keys if key[:1] in CLITIC_LETTERS and key not in decided}
        pending = [key for key in keys if key not in hosts and self.depends_on_evidence(key)]
        workers = min(resolve_n_jobs(n_jobs), len(pending) // 10_000)
        if workers < 2:
            hosts.update((key, self._search(key)) for key in pending)
            return
        parts = [pending[i::workers] for i in range(workers)]
        # the workers get this resolver once, when they start (with fork: without pickling)
        with ProcessPoolExecutor(workers, initializer=_use_resolver, initargs=(self,)) as pool:
            for part, found in zip(parts, pool.map(_search_keys, parts), strict=True):
                hosts.update(zip(part, found, strict=True))

    def _search(self, key: str) -> str:
        """The news model's reading of a word, with this corpus's counts as more evidence."""
        blocked = frozenset() if key in function_words() else blocked_hosts()
        return self.model.score(key, self.count, blocked=blocked)[0]

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

    def spellings(self, words: list[str], *, normalised: bool = False) -> list[str]:
        """:meth:`spelling` of each of ``words``, normalised all at once (unless they are
        :func:`~toolkit.text.forms.norm` forms already: ``normalised``).

        >>> TermResolver({"إسرائيل": 2, "اسرائيل": 1}).spellings(["اسرائيل", "بيت"])
        ['إسرائيل', 'بيت']
        """
        best = self._best_spellings()
        keys = words if normalised else _bulk(norm, words)
        return [best.get(key, word) for key, word in zip(keys, words, strict=True)]

    def _best_spellings(self) -> dict[str, str]:
        """The :func:`~toolkit.text.forms.vote` of the remainder spellings, for each key that
        is not only written plain.

        Words written in their norm form vote for the plain spelling, so only
        the others are tallied (with أ إ آ ٱ ى or marks); the plain votes of a
        key are then the counts of the plain words that read as it.
        """
        if self._votes is None:
            votes: dict[str, dict[str, int]] = {}
            resolve, counts = self.resolve, self.words
            for word in self._forms:
                if word in counts:
                    rest, key = resolve(word)
                    spellings = votes.setdefault(key, {})
                    spellings[rest] = spellings.get(rest, 0) + counts[word]
            best = {}
            for key, spellings in votes.items():
                if len(spellings) > 1 or key not in spellings:
                    plain = self._plain_votes(key)
                    if plain:
                        spellings[key] = spellings.get(key, 0) + plain
                    best[key] = vote(spellings)
            self._votes = best
        return self._votes

    def _plain_votes(self, key: str) -> int:
        """Occurrences of the words written in norm form whose remainder is ``key``."""
        counts, host_key = self.words, self.host_key
        total = counts.get(key, 0) if host_key(key) == key else 0
        for word in attached_forms(key):
            count = counts.get(word)
            if count and host_key(word) == key:
                total += count
        return total


def _bulk(form: Callable[[str], str], words: list[str]) -> list[str]:
    """``form`` of each of ``words`` in one call (the normal forms map character by character)."""
    found = form("\n".join(words)).split("\n")
    return found if len(found) == len(words) else [form(word) for word in words]


_worker_resolver: TermResolver | None = None


def _use_resolver(resolver: TermResolver) -> None:
    global _worker_resolver
    _worker_resolver = resolver


def _search_keys(keys: list[str]) -> list[str]:
    return [_worker_resolver._search(key) for key in keys]


@cache
def function_words() -> frozenset[str]:
    """Listed stop words, alone or after و or ف (وفي، فلم), in :func:`norm` form."""
    base = {norm(word) for word in base_stopwords()}
    return frozenset(base | {conjunction + word for word in base for conjunction in CONJUNCTIONS})


@cache
def blocked_hosts() -> frozenset[str]:
    """Stop words in :func:`norm` form: no evidence for a name (كيلي is not ك + يلي)."""
    return frozenset(norm(word) for word in stopword_set())

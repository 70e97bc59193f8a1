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

from collections import Counter, deque
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from itertools import compress, repeat
from operator import add, itemgetter

import numpy as np

from toolkit.parallel import resolve_n_jobs
from toolkit.text.forms import (
    CLITIC_LETTERS,
    CONJUNCTIONS,
    MIN_HOST,
    SparseForms,
    attached_forms,
    clean,
    clitic_initial,
    forms_of,
    host_spelling,
    news_model,
    norm,
    norm_of_clean,
    vote,
)
from toolkit.text.normalize import each_word
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
        # the evidence, as written: each word's slot, and the occurrences by slot
        self._slot: dict[str, int] = {}
        self._count = np.zeros(1 << 12, dtype=np.int64)
        self._words: Counter[str] | None = None  # the evidence as a Counter, when asked
        self._batch_slots = np.zeros(0, dtype=np.int64)  # the slots of the last update's words
        self.model = news_model()
        # Most words are written in their norm form; only the others are kept apart:
        self._forms: dict[str, tuple[str, str]] = {}  # word -> (clean, norm), word != norm
        self._by_key: Counter[str] = Counter()  # their counts by norm form
        # norm forms starting with و ف ب ل ك -> host (whole: the form itself), as the model
        # decided them or, for the others (_undecided), as this evidence reads them
        self._host_of: dict[str, str] = {}
        self._undecided: set[str] = set()  # forms looked up that the model did not decide
        self._searched: list[str] = []  # the undecided forms read with this evidence
        # the last update's words with their forms (counting needs them), all of them if asked
        self._batch: tuple[list[str], SparseForms] = ([], SparseForms.of([]))
        self._batch_forms: tuple[list[str], list[str]] | None = None
        self._batch_index: dict[str, int] | None = None
        self._votes: dict[str, str] | None = None
        self._complete = False  # has every word of the evidence been resolved?
        self.version = 0  # evidence updates so far (a result computed with it can be reused)
        if attested:
            self.update(attested)

    def update(
        self,
        words: Mapping[str, int] | Iterable[str],
        *,
        counts: list[int] | np.ndarray | None = None,
        forms: SparseForms | None = None,
    ) -> None:
        """Add word occurrences (a ``{word: count}`` mapping or an iterable of words; with
        ``counts``, a list of distinct words and their occurrences); ``forms`` are the words'
        :class:`~toolkit.text.forms.SparseForms` if known (computed where they were counted)."""
        if counts is None:
            words = words if isinstance(words, Mapping) else Counter(words)
            written, counts = list(words), list(words.values())
        else:
            written = words if isinstance(words, list) else list(words)
        counts = np.asarray(counts, dtype=np.int64)
        self.version += 1
        fresh = self._add_counts(written, counts)
        forms = SparseForms.of(written) if forms is None else forms
        self._batch, self._batch_index, self._batch_forms = (written, forms), None, None
        # only words not written in their norm form keep their clean spelling, and their
        # counts are added up by norm form
        if len(forms.at):
            first = np.flatnonzero(fresh[forms.at]).tolist()  # (the others are kept)
            spellings = zip(map(forms.cleans.__getitem__, first),
                            map(forms.keys.__getitem__, first))  # fmt: skip
            self._forms.update(zip(map(written.__getitem__, forms.at[first].tolist()), spellings))
            sums = np.bincount(forms.key_codes, weights=counts[forms.at],
                               minlength=len(forms.distinct_keys)).astype(np.int64)  # fmt: skip
            by_key, keys = self._by_key, forms.distinct_keys
            dict.update(by_key, zip(keys, map(add, map(by_key.get, keys, repeat(0)),
                                              sums.tolist())))  # fmt: skip
        # the undecided forms are read again with the new evidence
        deque(map(self._host_of.pop, self._searched, repeat(None)), maxlen=0)
        self._searched = []
        self._votes, self._complete = None, False

    @property
    def words(self) -> Counter[str]:
        """The evidence: occurrences of each word as written."""
        if self._words is None:
            self._words = Counter(dict(zip(self._slot, self._count[: len(self._slot)].tolist())))
        return self._words

    def _add_counts(self, written: list[str], counts: np.ndarray) -> np.ndarray:
        """Add the occurrences of distinct words: one look-up per word, sums in numpy; return
        which words are new to the evidence."""
        slot = self._slot
        at = self.slots(written)
        new = np.flatnonzero(at < 0)
        if len(new):
            first = len(slot)
            at[new] = np.arange(first, first + len(new))
            slot.update(zip(map(written.__getitem__, new.tolist()), at[new].tolist()))
            if len(slot) > len(self._count):
                grown = np.zeros(max(2 * len(self._count), len(slot)), dtype=np.int64)
                grown[: len(self._count)] = self._count
                self._count = grown
        self._count[at] += counts
        self._batch_slots, self._words = at, None
        fresh = np.zeros(len(written), dtype=bool)
        fresh[new] = True
        return fresh

    def slots(self, words: list[str]) -> np.ndarray:
        """Each word's slot in the evidence (-1: not in it)."""
        return np.fromiter(map(self._slot.get, words, repeat(-1)), np.int64, len(words))

    def batch_slots(self, words: list[str]) -> np.ndarray | None:
        """Each word's slot in the evidence (a number per distinct word, never reused) if
        ``words`` is the list of the last :meth:`update`, else ``None``."""
        return self._batch_slots if words is self._batch[0] else None

    def key_forms(
        self, words: list[str], *, at: list[int] | None = None
    ) -> tuple[list[str], list[str]]:
        """``(stop-list forms, norm forms)`` of ``words`` (:func:`~toolkit.text.forms.stop_form`,
        :func:`~toolkit.text.forms.norm`), taken from the last :meth:`update` for its words;
        with ``at``, of the words at those positions only.

        >>> TermResolver().key_forms(["إلى", "وإسرائيل"])
        (['الى', 'واسرائيل'], ['الي', 'واسرائيل'])
        """
        batch, forms = self._batch
        if words is batch or words == batch:  # counting the words that were the evidence
            if at is not None:
                return forms.take(batch, at)
            if self._batch_forms is None:
                self._batch_forms = forms.take(batch)
            return self._batch_forms
        if at is not None:
            words = list(map(words.__getitem__, at))
        if self._batch_index is None:
            self._batch_index = dict(zip(batch, range(len(batch))))
        at = list(map(self._batch_index.get, words))
        if None in at:
            return forms_of(words)[1:]
        return forms.take(batch, at)

    def count(self, key: str) -> int:
        """Occurrences of the :func:`~toolkit.text.forms.norm` form ``key`` in the evidence."""
        at = self._slot.get(key)
        return (0 if at is None else int(self._count[at])) + self._by_key.get(key, 0)

    def counts(self, keys: list[str]) -> list[int]:
        """:meth:`count` of each of ``keys``.

        >>> TermResolver({"إسرائيل": 2, "اسرائيل": 1, "بيت": 1}).counts(["اسرائيل", "بيت", "دار"])
        [3, 1, 0]
        """
        at = self.slots(keys)
        found = np.where(at >= 0, self._count[at], 0).tolist()
        return list(map(add, found, map(self._by_key.get, keys, repeat(0))))

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
        return self.host_keys([key])[0]

    def host_keys(self, keys: list[str]) -> list[str]:
        """:meth:`host_key` of each of ``keys``: the model's decisions are looked up at
        once, and the words it did not decide are searched together."""
        host_of, letters = self._host_of, CLITIC_LETTERS
        if self._complete and self._batch_forms and keys is self._batch_forms[1]:
            # the evidence's words, all resolved
            return list(map(host_of.get, keys, keys))
        missing = [key for key in keys if key[:1] in letters and key not in host_of]
        if missing:
            self._look_up(missing)
            self._search_all([key for key in missing if key not in host_of])
        return list(map(host_of.get, keys, keys))

    def depends_on_evidence(self, key: str) -> bool:
        """Can the corpus decide whether the word with :func:`~toolkit.text.forms.norm` form
        ``key`` has proclitics?

        Not for words that do not start with و ف ب ل ك, that are too short,
        that the news model decided ahead of time or that are listed stop words.
        """
        if key[:1] not in CLITIC_LETTERS or len(key) <= MIN_HOST:
            return False
        if key not in self._undecided and key not in self._host_of:
            self._look_up([key])
        return key in self._undecided and key not in base_stopwords()

    def evidence_dependent(self, keys: list[str]) -> list[int]:
        """Positions of the ``keys`` that :meth:`depends_on_evidence`, all at once (the keys
        that :meth:`host_keys` has resolved: no look-up is missing)."""
        undecided, stop, letters = self._undecided, base_stopwords(), CLITIC_LETTERS
        return [
            i for i in compress(range(len(keys)), map(undecided.__contains__, keys))
            if keys[i][:1] in letters and len(keys[i]) > MIN_HOST and keys[i] not in stop
        ]  # fmt: skip

    def resolve_all(self, words: Iterable[str], *, n_jobs: int | None = 1) -> None:
        """Resolve ``words`` ahead of :meth:`resolve` calls, on ``n_jobs`` processes.

        Only the words that :meth:`depends_on_evidence` need a search; they go
        to the worker processes when there are enough of them.
        """
        host_of = self._host_of
        words = list(words)
        keys = self.key_forms(words)[1]
        missing = list(dict.fromkeys(compress(keys, clitic_initial(keys))))
        if host_of:
            missing = [key for key in missing if key not in host_of]
        self._look_up(missing)
        self._search_all([key for key in missing if key not in host_of], n_jobs=n_jobs)
        # every word of the evidence is resolved: the spelling vote can use _host_of alone
        self._complete = len(words) == len(self._slot) and words == self._batch[0]

    def _look_up(self, keys: list[str]) -> None:
        """Ask the news model for its decisions on the ``keys`` not looked up yet."""
        undecided, host_of = self._undecided, self._host_of
        new = list(dict.fromkeys(keys))
        if undecided or host_of:
            new = [key for key in new if key not in undecided and key not in host_of]
        codes = self.model.decisions(new)
        whole = list(compress(new, (codes == 0).tolist()))
        host_of.update(zip(whole, whole))
        undecided.update(compress(new, (codes < 0).tolist()))
        split = np.flatnonzero(codes > 0).tolist()
        host_of.update(  # host_of_code, written out (many words)
            (new[i], ("ا" if code & 1 else "") + new[i][code >> 1 :])
            for i, code in zip(split, codes[split].tolist(), strict=True)
        )

    def _search_all(self, keys: list[str], *, n_jobs: int | None = 1) -> None:
        """Read the undecided ``keys`` with this evidence (short words and stop words stay
        whole)."""
        host_of, stop = self._host_of, base_stopwords()
        pending = []
        for key in dict.fromkeys(keys):  # (keys may repeat)
            if len(key) <= MIN_HOST or key in stop:
                host_of[key] = key
            else:
                pending.append(key)
        self._searched.extend(pending)
        workers = min(resolve_n_jobs(n_jobs), len(pending) // 10_000)
        if workers < 2:
            host_of.update(zip(pending, self._search(pending), strict=True))
            return
        parts = [pending[i::workers] for i in range(workers)]
        # the workers get this resolver once, when they start (with fork: without pickling)
        with ProcessPoolExecutor(workers, initializer=_use_resolver, initargs=(self,)) as pool:
            for part, found in zip(parts, pool.map(_search_keys, parts), strict=True):
                host_of.update(zip(part, found, strict=True))

    def _search(self, keys: list[str]) -> list[str]:
        """The news model's reading of words, with this corpus's counts as more evidence."""
        return self.model.search(
            keys, self.counts, blocked=blocked_hosts(), unblocked=function_words()
        )

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
        keys = words if normalised else each_word(norm, words)
        return list(map(best.get, keys, words))

    def _best_spellings(self) -> dict[str, str]:
        """The :func:`~toolkit.text.forms.vote` of the remainder spellings, for each key that
        is not only written plain.

        Words written in their norm form vote for the plain spelling, so only
        the others are tallied (with أ إ آ ٱ ى or marks); the plain votes of a
        key are the counts of the plain words whose remainder it is.
        """
        if self._votes is not None:
            return self._votes
        counts = self.words
        written = list(filter(counts.__contains__, self._forms))
        forms = list(map(self._forms.__getitem__, written))
        keys = list(map(itemgetter(1), forms))
        # every word of the evidence is resolved (resolve_all): no look-up is missing
        hosts = list(map(self._host_of.get, keys, keys)) if self._complete else self.host_keys(keys)
        # the votes of each remainder spelling (its norm form is the key it votes for)
        tally: dict[str, int] = {}
        tally_get = tally.get
        for word, (spelling, key), host in zip(written, forms, hosts, strict=True):
            rest = spelling if host == key else host_spelling(spelling, key, host)
            tally[rest] = tally_get(rest, 0) + counts[word]
        rests = list(tally)
        rest_keys = each_word(norm_of_clean, rests)
        several = Counter(rest_keys)  # keys with more than one spelling
        # contested keys: spelled in several ways, or in one way that is not the plain one
        votes: dict[str, dict[str, int]] = {}
        for rest, key, count in zip(rests, rest_keys, tally.values(), strict=True):
            if rest != key or several[key] > 1:
                if key in votes:
                    votes[key][rest] = count
                else:
                    votes[key] = {rest: count}
        plain = self._plain_votes(votes.keys())
        best = {}
        for key, spellings in votes.items():
            if plain.get(key):
                spellings[key] = spellings.get(key, 0) + plain[key]
            elif len(spellings) == 1:  # one spelling, no plain votes: no vote to hold
                best[key] = next(iter(spellings))
                continue
            best[key] = vote(spellings)
        self._votes = best
        return best

    def _plain_votes(self, keys: AbstractSet[str]) -> dict[str, int]:
        """Occurrences of the words written in norm form whose remainder is one of ``keys``."""
        counts, host_of = self.words, self._host_of
        if self._complete:  # the plain forms are the resolved keys found in the evidence
            plain = {key: counts[key] for key in keys
                     if key in counts and host_of.get(key, key) == key}  # fmt: skip
            pairs = ((key, host) for key, host in host_of.items() if host != key and host in keys)
        else:  # resolve only the words that one of keys can explain
            own = [key for key in keys if key in counts]
            plain = {key: counts[key] for key, host in zip(own, self.host_keys(own), strict=True)
                     if host == key}  # fmt: skip
            attached = list(dict.fromkeys(
                word for key in keys for word in attached_forms(key) if word in counts
            ))  # fmt: skip
            pairs = zip(attached, self.host_keys(attached), strict=True)
        for word, host in pairs:
            if host != word and host in keys and word in counts:
                plain[host] = plain.get(host, 0) + counts[word]
        return plain


_worker_resolver: TermResolver | None = None


def _use_resolver(resolver: TermResolver) -> None:
    global _worker_resolver
    _worker_resolver = resolver


def _search_keys(keys: list[str]) -> list[str]:
    return _worker_resolver._search(keys)


@cache
def function_words() -> frozenset[str]:
    """Listed stop words, alone or after و or ف (وفي، فلم), in :func:`norm` form."""
    base = {norm(word) for word in base_stopwords()}
    return frozenset(base | {conjunction + word for word in base for conjunction in CONJUNCTIONS})


@cache
def blocked_hosts() -> frozenset[str]:
    """Stop words in :func:`norm` form: no evidence for a name (كيلي is not ك + يلي)."""
    return frozenset(norm(word) for word in stopword_set())

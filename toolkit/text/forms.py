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

import gzip
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib.resources import files

from toolkit.text.normalize import ALEF_MAQSURA, ALEF_VARIANTS, normalize

__all__ = [
    "ARTICLE",
    "CLITIC_LETTERS",
    "CONJUNCTIONS",
    "HAMZA",
    "PREPOSITIONS",
    "PROCLITICS",
    "WordForms",
    "attach",
    "attached_forms",
    "bare",
    "clean",
    "clitic_variants",
    "display",
    "hamzas",
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
    return min(counts, key=lambda s: (-counts[s], -hamzas(s), s))


# ------------------------------------------------------------------ proclitics and article


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

MODEL_PATH = ("data", "forms", "word-forms.tsv.gz")
#: The score's settings, written in the model file's header.
SETTINGS = ("ratio", "article_ratio", "lexicon_weight", "lexicon_below", "short_host", "smoothing")


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

    counts: dict[str, int]
    total: int
    priors: dict[tuple[str, bool], float]
    hosts: dict[str, str] = field(default_factory=dict)
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
        from toolkit.text.lexicon import is_known_key

        observed = self.count(word, evidence) + self.smoothing
        # the word list is evidence for rare words; counts speak for the others (بايدن)
        weight = self.lexicon_weight if observed < self.lexicon_below else 1.0
        whole_known = None  # looked up when a reading comes near the threshold
        best, best_share = word, 0.0
        hosts, priors = self.hosts, self.priors
        for prefix, host in readings(word):
            if host in blocked or hosts.get(host):  # a clitic form is no free host
                continue
            count = self.count(host, evidence)
            if not count:
                continue
            article = host[:2] == ARTICLE
            share = priors.get((prefix, article), 0.0) * count / observed
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


@cache
def news_model() -> WordForms:
    """The shipped model (read once per process, in about 0.1 s).

    The file holds two header lines (settings; priors as
    ``proclitics:article:prior``), ``word count`` lines, a ``#hosts`` line,
    then ``word host`` lines (``=``: whole) for the forms resolved ahead.
    """
    path = files("toolkit").joinpath(*MODEL_PATH)
    with gzip.open(path.open("rb"), "rt", encoding="utf-8") as handle:
        text = handle.read()
    header, priors_line, rest = text.split("\n", 2)
    counts_part, hosts_part = rest.split("#hosts\n")
    settings = dict(item.split("=") for item in header.lstrip("# ").split())
    priors = {}
    for item in priors_line.lstrip("# ").split():
        prefix, article, value = item.split(":")
        priors[(prefix, article == "1")] = float(value)
    fields = counts_part.split()
    counts = dict(zip(fields[::2], map(int, fields[1::2]), strict=True))
    fields = hosts_part.split()
    hosts = dict(zip(fields[::2], fields[1::2], strict=True))
    hosts.update((word, "") for word, host in hosts.items() if host == "=")
    parameters = {name: float(settings[name]) for name in SETTINGS}
    return WordForms(counts, int(settings["total"]), priors, hosts, **parameters)

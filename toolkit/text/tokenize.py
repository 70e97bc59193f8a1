"""Sentences and tokens with character offsets into the original text.

>>> tokens = tokenize("زار كوخافي الرباط.وأشار إلى 3.5 مليون")
>>> tokens[["sent_id", "token", "kind"]].values.tolist()[:4]
[[0, 'زار', 'arabic'], [0, 'كوخافي', 'arabic'], [0, 'الرباط', 'arabic'], [0, '.', 'punct']]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple

import pandas as pd

from toolkit._api import legacy
from toolkit._docstrings import fill_doc
from toolkit.inputs import TOKEN_COLUMNS, corpus_input
from toolkit.parallel import map_partitions
from toolkit.text.clitics import TermResolver
from toolkit.text.forms import norm
from toolkit.text.normalize import each_word
from toolkit.text.stem import light_stem
from toolkit.text.stopwords import is_stopword

__all__ = ["TOKEN_COLUMNS", "Token", "annotate", "iter_tokens", "sentence_spans", "tokenize"]


_DIGIT = r"0-9\u0660-\u0669\u06F0-\u06F9"
_ARABIC_LETTERS = (
    r"\u0620-\u064A\u066E-\u066F\u0671-\u06D3\u06D5\u06EE\u06EF\u06FA-\u06FF"
    r"\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFC"
)
_ARABIC_MARKS = r"\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200C\u200D"
#: The diacritics (and tatweel) that make a token of their own when no letter precedes them.
_MARK_TOKEN = r"\u064B-\u065F\u0670\u0640"
#: Latin letters (with their accented forms), as a token of kind ``latin`` spells them.
_LATIN_LETTERS = r"A-Za-z\u00C0-\u024F"
_TOKEN_RE = re.compile(
    rf"(?P<number>[{_DIGIT}]+(?:[.,:/\u066B\u066C][{_DIGIT}]+)*%?)"
    rf"|(?P<arabic>[{_ARABIC_LETTERS}][{_ARABIC_LETTERS}{_ARABIC_MARKS}]*)"
    rf"|(?P<latin>[{_LATIN_LETTERS}]+(?:['’\-][{_LATIN_LETTERS}]+)*)"
    rf"|(?P<other>[^\W\d_{_ARABIC_MARKS}]+)"
    rf"|(?P<mark>[{_MARK_TOKEN}]+)"
    r"|(?P<single>\S)"
)
#: Token kinds whose term is their normalised spelling (Arabic words are resolved instead).
_NORMALISED_KINDS = ("latin", "word", "number")
_SENTENCE_END = frozenset(".!?؟؛…\u06d4")
_CLOSERS = frozenset("\"'»”’)]}>")
#: Single Arabic letters followed by "." are abbreviations (د. for doctor, م. for AD, ق.م) .
_ABBREVIATION_MAX_LEN = 1
_LATIN_ABBREVIATIONS = frozenset({"mr", "mrs", "dr", "st", "no", "vs", "etc", "jr", "sr", "prof"})


class Token(NamedTuple):
    """A token's span and kind; ``text[start:end] == token`` (a named tuple: quick to make)."""

    start: int
    end: int
    token: str
    kind: str


_GROUP_KINDS = {"number": "number", "arabic": "arabic", "latin": "latin", "other": "word",
                "mark": "symbol"}  # fmt: skip
#: The kind of each group of ``_TOKEN_RE`` by number (a match's ``lastindex``; groups are
#: not nested), ``None`` where the character's category decides (:func:`_kind_of_character`).
_KIND_OF_GROUP = [None, *(_GROUP_KINDS.get(name) for name in _TOKEN_RE.groupindex)]


@cache  # (one entry per character at most)
def _kind_of_character(character: str) -> str:
    """The kind of a one-character ``single`` token, by its Unicode category."""
    return "punct" if unicodedata.category(character).startswith("P") else "symbol"


def iter_tokens(text: str) -> Iterator[Token]:
    """Yield the tokens of ``text`` with their kinds and offsets.

    Kinds: ``arabic``, ``latin``, ``word`` (other scripts), ``number``
    (either digit system, with decimal, date or thousands separators),
    ``punct`` (including ، ؛ ؟ « ») and ``symbol``.
    """
    kinds, of_character, make = _KIND_OF_GROUP, _kind_of_character, tuple.__new__
    for match in _TOKEN_RE.finditer(text):
        start, end = match.span()
        token = match.group()
        # (tuple.__new__: Token(...) would be a Python call per token)
        yield make(Token, (start, end, token, kinds[match.lastindex] or of_character(token)))


def _is_abbreviation(previous: Token | None, text: str, dot_end: int) -> bool:
    if previous is None or previous.end != dot_end - 1:
        return False
    if previous.kind == "arabic" and len(previous.token) <= _ABBREVIATION_MAX_LEN:
        return True
    if previous.kind == "latin":
        return previous.token.lower() in _LATIN_ABBREVIATIONS or len(previous.token) == 1
    return False


@legacy(positional=("tokens",))
def sentence_spans(text: str, *, tokens: list[Token] | None = None) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences in ``text``.

    Sentences end at . ! ? ؟ ؛ … and at line breaks; not inside numbers
    (3.5, 2021/11/24), not after one-letter abbreviations (د.), and also
    where scraped text lacks a space after the full stop (``مستويات.وأشار``).

    Parameters
    ----------
    text : str
        One document.
    tokens : list of Token or None, default None
        The document's tokens if already computed; None tokenizes it.

    Returns
    -------
    list of (int, int)
        Character offsets into ``text``, in order.

    Examples
    --------
    >>> text = "قال د. محمد إن النمو بلغ 3.5 في المائة.وأشار إلى ذلك"
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['قال د. محمد إن النمو بلغ 3.5 في المائة.', 'وأشار إلى ذلك']
    """
    tokens = list(iter_tokens(text)) if tokens is None else tokens
    spans: list[tuple[int, int]] = []
    start: int | None = None
    end = 0
    pending_end = False
    previous: Token | None = None
    for tok in tokens:
        line_break = start is not None and "\n" in text[end : tok.start]
        if (
            pending_end and not (tok.kind == "punct" and tok.token in _CLOSERS | _SENTENCE_END)
        ) or line_break:
            spans.append((start, end))
            start, pending_end = None, False
        if start is None:
            start = tok.start
        end = tok.end
        if tok.token in _SENTENCE_END and not (
            tok.token == "." and _is_abbreviation(previous, text, tok.end)
        ):
            pending_end = True
        previous = tok
    if start is not None:
        spans.append((start, end))
    return spans


def _token_rows(text: str, doc_id: str) -> list[tuple]:
    """One document's rows of the base columns, ``norm`` left out (added a chunk at a time)."""
    tokens = list(iter_tokens(text))
    rows = []
    sentence_iter = iter(sentence_spans(text, tokens=tokens))
    sent_id, (_, sent_end) = 0, next(sentence_iter, (0, len(text)))
    for token_id, tok in enumerate(tokens):
        while tok.start >= sent_end:
            sent_id += 1
            _, sent_end = next(sentence_iter)
        rows.append((doc_id, sent_id, token_id, tok.start, tok.end, tok.token, tok.kind))
    return rows


def _tokens_of_chunk(chunk: pd.DataFrame) -> pd.DataFrame:
    """Map step of :func:`tokenize`: the base columns of a chunk's documents, in order (one
    table for the chunk, the tokens normalised all at once)."""
    rows = [row for d, text in zip(chunk["doc_id"], chunk["text"], strict=True)
            for row in _token_rows(str(text), str(d))]  # fmt: skip
    table = pd.DataFrame(rows, columns=[c for c in _BASE_COLUMNS if c != "norm"])
    table.insert(_BASE_COLUMNS.index("norm"), "norm", each_word(norm, table["token"].tolist()))
    return table.astype(_INTEGERS)


_BASE_COLUMNS = ["doc_id", "sent_id", "token_id", "start", "end", "token", "norm", "kind"]
_INTEGERS = dict.fromkeys(["sent_id", "token_id", "start", "end"], "int64")


def annotate(tokens: pd.DataFrame, resolver: TermResolver | None = None) -> pd.DataFrame:
    """Add ``term``, ``stem`` and ``is_stop`` to a tokens table (all its documents at once).

    Without ``resolver`` the evidence is the shipped news model of word forms
    (:mod:`toolkit.text.forms`) plus the words of ``tokens``; pass a resolver
    built over a larger corpus to use that corpus as evidence.
    """
    tokens = tokens.copy()
    arabic = tokens["kind"] == "arabic"
    counts = tokens.loc[arabic, "token"].value_counts()
    if resolver is None:
        resolver = TermResolver(counts.to_dict())
    resolver.resolve_all(counts.index)  # one batch, not one search per word
    terms = {word: resolver.term(word) for word in counts.index}
    other_words = tokens["kind"].isin(_NORMALISED_KINDS)
    term = pd.Series(None, index=tokens.index, dtype=object)
    term[arabic] = tokens.loc[arabic, "token"].map(terms)
    term[other_words] = tokens.loc[other_words, "norm"]
    tokens["term"] = term
    stems = {term: light_stem(term) for term in set(terms.values())}
    tokens["stem"] = term.where(~arabic, term.map(stems))
    stops = {word: is_stopword(word) for word in counts.index}
    tokens["is_stop"] = [stops.get(token, False) for token in tokens["token"]]
    return tokens[TOKEN_COLUMNS]


@fill_doc
def tokenize(
    data: str | pd.DataFrame,
    *,
    doc_id: str = "doc0",
    evidence: TermResolver | None = None,
    n_jobs: int | None = 1,
    chunksize: int | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Split text into sentences and tokens, one row per token.

    ``term`` drops proclitics when the evidence supports it: the shipped
    news model of word forms plus all documents of ``data`` (the whole
    corpus is annotated at once, so a stream is read whole). The result is
    the one tokens table every analysis accepts
    (:data:`toolkit.inputs.TOKEN_COLUMNS`).

    Parameters
    ----------
    {data}
    doc_id : str, default "doc0"
        The ``doc_id`` of a string.
    evidence : TermResolver or None, default None
        For a corpus processed in chunks, a
        :class:`~toolkit.text.clitics.TermResolver` updated with every
        chunk's words in a first pass, so that each chunk sees the same
        evidence; None uses ``data``.
    {n_jobs}
    {chunksize}
    {progress}

    Returns
    -------
    DataFrame
        ``doc_id, sent_id, token_id, start, end, token, norm, term, stem,
        is_stop, kind``; ``text[start:end] == token`` holds for every row,
        whatever normalisation did (offsets are into the original text).

    Examples
    --------
    >>> tokenize("والمغرب وإسرائيل")[["token", "norm"]].values.tolist()
    [['والمغرب', 'والمغرب'], ['وإسرائيل', 'واسرائيل']]
    """
    corpus = corpus_input(data, func="tokenize", doc_id=doc_id)
    frames = list(map_partitions(_tokens_of_chunk, corpus, n_jobs=n_jobs, chunksize=chunksize,
                                 progress=progress, desc="tokens"))  # fmt: skip
    frames = [frame for frame in frames if len(frame)]
    if not frames:
        return pd.DataFrame(columns=TOKEN_COLUMNS).astype(_INTEGERS)
    return annotate(pd.concat(frames, ignore_index=True), evidence)

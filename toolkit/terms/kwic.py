"""Keyword in context, matched by term so that a query for المغرب finds والمغرب.

>>> hits = kwic("زار كوخافي الرباط والمغرب يرحب", query="المغرب", window=2)
>>> hits[["before", "match", "after"]].values.tolist()
[['كوخافي الرباط', 'والمغرب', 'يرحب']]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import partial

import numpy as np
import pandas as pd

from toolkit._api import legacy
from toolkit._docstrings import fill_doc
from toolkit.checks import check_choice, check_positive_int, check_query
from toolkit.inputs import corpus_input, is_tokens, tokens_input
from toolkit.parallel import map_partitions
from toolkit.terms.frequencies import FORMS
from toolkit.text.clitics import TermResolver
from toolkit.text.normalize import each_word, normalize
from toolkit.text.stem import light_stem
from toolkit.text.tokenize import (
    _ARABIC_LETTERS,
    _ARABIC_MARKS,
    _NORMALISED_KINDS,
    _tokens_of_chunk,
)
from toolkit.text.word_ids import number_words

__all__ = ["kwic"]

#: A word that :func:`~toolkit.text.tokenize.tokenize` reads as one Arabic token (the evidence).
_ARABIC_WORD = re.compile(f"[{_ARABIC_LETTERS}][{_ARABIC_LETTERS}{_ARABIC_MARKS}]*")

KWIC_COLUMNS = ["doc_id", "sent_id", "start", "end", "before", "match", "after"]


@legacy(positional=("query",))
@fill_doc
def kwic(
    data: str | pd.DataFrame | Iterable[pd.DataFrame],
    *,
    query: str,
    window: int = 5,
    form: str = "term",
    evidence: TermResolver | None = None,
    n_jobs: int | None = 1,
    chunksize: int | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Keyword in context: every match of ``query`` with the words around it.

    ``data`` is any input of :func:`toolkit.as_corpus`; a tokens table is
    matched on its own ``form`` column, a stream chunk by chunk (only the
    documents that may hold a match are kept; the result is the in-memory one).
    ``query`` (one or more words) is matched by ``form``, so a query for
    المغرب finds والمغرب, للمغرب and بالمغرب; hamza and diacritics do not
    matter.

    Parameters
    ----------
    {data}
    query : str
        The word or words searched.
    window : int, default 5
        Tokens of context on each side, within the document.
    {form}
    {evidence}
    {n_jobs}
    {chunksize}
    {progress}

    Returns
    -------
    DataFrame
        ``doc_id, sent_id, start, end, before, match, after``: ``before``
        and ``after`` hold the original text (line breaks and runs of spaces
        shown as one space), named by reading order, not by side: in Arabic
        the words ``before`` the match stand to its right (formerly
        ``left``/``right``).

    Examples
    --------
    >>> hits = kwic("زار كوخافي الرباط والمغرب يرحب", query="المغرب", window=2)
    >>> hits[["before", "match", "after"]].values.tolist()
    [['كوخافي الرباط', 'والمغرب', 'يرحب']]
    """
    check_choice(form, "form", FORMS)
    check_query(query)
    check_positive_int(window, "window", minimum=0)
    key_of: Callable[[str], str] = light_stem if form == "stem" else normalize
    wanted = [key_of(TermResolver().remainder(w) if form == "term" else w) for w in query.split()]
    if isinstance(data, pd.DataFrame) and is_tokens(data):
        tokens = tokens_input(data, func="kwic")
        texts = corpus_input(tokens, func="kwic")
        keys = [key_of(v) if isinstance(v, str) else None for v in tokens[form]]
        return _hits(tokens, keys, _texts(texts), wanted, window)
    core = _core(wanted[0])
    counted: Counter[str] = Counter()  # Arabic words, as tokenize() counts them
    kept, texts = [], {}
    scans = map_partitions(partial(_scan, core=core), corpus_input(data, func="kwic"),
                           n_jobs=n_jobs, chunksize=chunksize, progress=progress,
                           desc="kwic")  # fmt: skip
    for words, tokens, chunk_texts in scans:
        counted.update(words)
        kept += tokens
        texts.update(chunk_texts)
    if not kept:
        return pd.DataFrame(columns=KWIC_COLUMNS)
    resolver = TermResolver(counted) if evidence is None else evidence
    tokens = pd.concat(kept, ignore_index=True)
    return _hits(tokens, _match_keys(tokens, resolver, wanted, form, key_of), texts, wanted,
                 window)  # fmt: skip


def _core(key: str) -> str:
    """What every word matching the query word ``key`` holds in its normalised spelling: the
    key without its article (للمغرب matches المغرب)."""
    return key[2:] if key.startswith("ال") else key


def _match_keys(tokens: pd.DataFrame, resolver: TermResolver, wanted: list[str], form: str,
                key_of: Callable[[str], str]) -> list[str | None]:  # fmt: skip
    """Each token's key in ``form`` as :func:`~toolkit.text.tokenize.annotate` spells it, read
    with ``key_of``; only the tokens that may match a query word (their normalised spelling
    holds its :func:`_core`) are resolved, the others get ``None``."""
    cores = {_core(key) for key in wanted}
    words, kinds, norms = (tokens[c].tolist() for c in ("token", "kind", "norm"))
    distinct = list(dict.fromkeys(words))
    maybe = {word for word, key in zip(distinct, each_word(normalize, distinct), strict=True)
             if any(core in key for core in cores)}  # fmt: skip
    candidates = [i for i, word in enumerate(words) if word in maybe]
    if form == "norm":
        values = {i: norms[i] for i in candidates}
    else:
        arabic = list(dict.fromkeys(words[i] for i in candidates if kinds[i] == "arabic"))
        resolver.resolve_all(arabic)  # one batch, not one search per word
        terms = {word: resolver.term(word) for word in arabic}
        if form == "stem":
            terms = {word: light_stem(term) for word, term in terms.items()}
        values = {i: terms[words[i]] if kinds[i] == "arabic"
                  else norms[i] if kinds[i] in _NORMALISED_KINDS else None
                  for i in candidates}  # fmt: skip
    keys: list[str | None] = [None] * len(words)
    for i, value in values.items():
        if isinstance(value, str):
            keys[i] = key_of(value)
    return keys


def _scan(
    chunk: pd.DataFrame, core: str
) -> tuple[dict[str, int], list[pd.DataFrame], dict[str, str]]:
    """A chunk's Arabic words (clitic evidence) and the tokens and texts of the documents
    holding ``core`` (the query's first key without its article), which may match.

    Words are counted by the counting engine (:func:`~toolkit.text.word_ids.number_words`,
    the words :func:`~toolkit.text.tokenize.tokenize` finds); only the documents with a
    word containing ``core`` are tokenized.
    """
    words = number_words(chunk["text"])
    vocabulary = words.vocabulary
    counts = words.word_counts().tolist()
    evidence = {word: count for word, count in zip(vocabulary, counts, strict=True)
                if _ARABIC_WORD.fullmatch(word)}  # fmt: skip
    keys = each_word(normalize, vocabulary)
    holds = np.fromiter((core in key for key in keys), dtype=bool, count=len(keys))
    ids = words.ids
    doc_of = np.repeat(np.arange(len(words.indptr) - 1), np.diff(words.indptr))
    found = ids >= 0
    found[found] = holds[ids[found]]
    holding = chunk.iloc[np.unique(doc_of[found])]
    kept = [_tokens_of_chunk(holding)] if len(holding) else []
    return evidence, kept, _texts(holding)


def _texts(corpus: pd.DataFrame) -> dict[str, str]:
    return dict(zip(corpus["doc_id"], corpus["text"], strict=True))


def _hits(tokens: pd.DataFrame, token_keys: list[str | None], texts: dict[str, str],
          wanted: list[str], window: int) -> pd.DataFrame:  # fmt: skip
    """The matches of the ``wanted`` keys in ``tokens`` (each token's key in ``token_keys``),
    with context from ``texts``."""
    rows = []
    tokens = tokens.reset_index(drop=True)  # row labels are positions in token_keys
    for doc_id, doc in tokens.groupby("doc_id", sort=False):
        text = texts[doc_id]
        keys = [token_keys[i] for i in doc.index]
        starts, ends = doc["start"].to_numpy(), doc["end"].to_numpy()
        for i in range(len(keys) - len(wanted) + 1):
            if keys[i : i + len(wanted)] != wanted:
                continue
            j = i + len(wanted) - 1
            lo, hi = max(0, i - window), min(len(keys), j + 1 + window)
            before = _one_line(text[starts[lo] : starts[i]]) if i > lo else ""
            match = text[starts[i] : ends[j]]
            after = _one_line(text[ends[j] : ends[hi - 1]]) if hi > j + 1 else ""
            rows.append((doc_id, int(doc["sent_id"].iloc[i]), int(starts[i]), int(ends[j]),
                         before, match, after))  # fmt: skip
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)


def _one_line(context: str) -> str:
    """A context as one line: white-space runs (line breaks included) become one space."""
    return " ".join(context.split())

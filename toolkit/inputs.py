"""The one input contract: every analysis turns its ``data`` into a corpus or a tokens table here.

Accepted everywhere: a string, a list of strings, a corpus DataFrame, a
tokens DataFrame, an iterator of corpus chunks (:func:`toolkit.iter_corpus`)
and a Dask DataFrame. :func:`as_corpus` gives a checked corpus (a frame, or
a stream of checked chunks for iterators and Dask frames, so memory stays
bounded); :func:`as_tokens` gives a checked tokens table.

Corpus contract: columns ``doc_id`` (str) and ``text`` (str; missing texts
become ``""``), then any metadata. Tokens contract (:data:`TOKEN_COLUMNS`):
``doc_id, sent_id, token_id, start, end, token`` (:data:`TOKEN_KEYS`,
required) and the derived ``norm, term, stem, is_stop, kind`` (added when
missing); ``text[start:end] == token``. A frame with a ``token`` column is a
tokens table; any other frame must be a corpus.

The ``doc_id`` rule: a given ``doc_id`` is kept (as a string) and must be
unique and present; without one (a string, a list of strings, a frame
without the column) documents are numbered ``doc0``, ``doc1``... in reading
order (across the chunks of a stream).

A tokens table read as a corpus spells its text back: each token at its
offsets, the gaps filled with spaces, a line break where the sentence
changes (so a tokens table and the corpus it came from count the same words).

>>> as_corpus(["زار كوخافي", "المغرب"])[["doc_id", "text"]].values.tolist()
[['doc0', 'زار كوخافي'], ['doc1', 'المغرب']]
>>> as_corpus(as_tokens("زار كوخافي. المغرب"))["text"].tolist()
['زار كوخافي.\\nالمغرب']
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Iterator
from functools import partial
from itertools import pairwise
from typing import Any

import numpy as np
import pandas as pd

from toolkit._docstrings import fill_doc
from toolkit.checks import _check_corpus_frame, _warn_if_path, given
from toolkit.parallel import is_dask_collection

__all__ = [
    "ACCEPTED",
    "TOKEN_COLUMNS",
    "TOKEN_KEYS",
    "as_corpus",
    "as_tokens",
    "corpus_input",
    "is_stream",
    "iter_chunks",
    "tokens_input",
]

#: What every analysis accepts as ``data``.
ACCEPTED = (
    "a string, a list of strings, a corpus DataFrame (doc_id, text, metadata...), a tokens "
    "DataFrame (doc_id, sent_id, token_id, start, end, token, ...), an iterator of corpus "
    "chunks (toolkit.iter_corpus) or a Dask DataFrame"
)
#: Required columns of a tokens table.
TOKEN_KEYS = ["doc_id", "sent_id", "token_id", "start", "end", "token"]
#: All columns of a tokens table (:func:`toolkit.tokenize`), derived ones last.
TOKEN_COLUMNS = [*TOKEN_KEYS, "norm", "term", "stem", "is_stop", "kind"]
_INTEGER_KEYS = ("sent_id", "token_id", "start", "end")


@fill_doc
def as_corpus(data: Any, *, doc_id: str = "doc0", in_memory: bool = False) -> Any:
    """Any accepted input as a checked corpus (``doc_id``, ``text``, metadata...).

    A string becomes one document named ``doc_id``; a list of strings
    ``doc0, doc1...``; a tokens table spells its documents' texts back. A
    given ``doc_id`` column is kept as strings and must be unique (across
    the chunks of a stream too). Every analysis starts with this check.

    Parameters
    ----------
    {data}
    doc_id : str, default "doc0"
        The ``doc_id`` of a string.
    in_memory : bool, default False
        Read a stream into one DataFrame.

    Returns
    -------
    DataFrame, iterator of DataFrames or Dask DataFrame
        A checked corpus; an iterator of chunks or a Dask DataFrame stays a
        stream (of checked chunks, resp. the Dask frame with its columns
        checked) unless ``in_memory``.

    Examples
    --------
    >>> as_corpus("زار كوخافي الرباط").values.tolist()
    [['doc0', 'زار كوخافي الرباط']]
    """
    return corpus_input(data, func="as_corpus", doc_id=doc_id, in_memory=in_memory)


@fill_doc
def as_tokens(data: Any, *, doc_id: str = "doc0") -> Any:
    """Any accepted input as a checked tokens table (:data:`TOKEN_COLUMNS`).

    Texts are tokenized with :func:`toolkit.tokenize`; a tokens table is
    checked and its missing derived columns (``norm, term, stem, is_stop,
    kind``) are computed from ``token``.

    Parameters
    ----------
    {data}
    doc_id : str, default "doc0"
        The ``doc_id`` of a string.

    Returns
    -------
    DataFrame or iterator of DataFrames
        The tokens table: ``doc_id, sent_id, token_id, start, end, token,
        norm, term, stem, is_stop, kind``; a stream gives one table per chunk.

    Examples
    --------
    >>> as_tokens("والمغرب يرحب")[["token", "term"]].values.tolist()
    [['والمغرب', 'المغرب'], ['يرحب', 'يرحب']]
    """
    return tokens_input(data, func="as_tokens", doc_id=doc_id)


# --------------------------------------------------------------------------- kinds


def is_stream(data: Any) -> bool:
    """True for the inputs read chunk by chunk: iterators of chunks and Dask frames."""
    return not isinstance(data, str | pd.DataFrame)


def is_tokens(frame: pd.DataFrame) -> bool:
    """A frame with a ``token`` column is a tokens table."""
    return "token" in frame.columns


def iter_chunks(data: Any) -> Iterator[pd.DataFrame]:
    """The pandas chunks of a checked corpus: one frame, an iterator, or Dask partitions."""
    if isinstance(data, pd.DataFrame):
        yield data
    elif is_dask_collection(data):
        for partition in data.to_delayed():
            yield partition.compute()
    else:
        yield from data


# --------------------------------------------------------------------------- corpus


def corpus_input(data: Any, *, func: str, doc_id: str = "doc0", in_memory: bool = False) -> Any:
    """:func:`as_corpus` for the analysis ``func`` (named in error messages)."""
    if isinstance(data, str):
        _warn_if_path(data, func)
        return _texts_frame([str(doc_id)], [data])
    if isinstance(data, pd.DataFrame):
        return _corpus_frame(data, func, first=0, seen=None)
    if data is None or isinstance(data, bytes | bytearray | numbers.Number):
        hint = " (decode bytes to str first)" if isinstance(data, bytes | bytearray) else ""
        raise TypeError(f"{func}(): data must be {ACCEPTED}; got {given(data)}{hint}")
    if is_dask_collection(data):
        return _dask_corpus(data, func, in_memory)
    if isinstance(data, pd.Series | dict | set):
        raise TypeError(f"{func}(): data must be {ACCEPTED}; got {type(data).__name__}")
    if isinstance(data, list | tuple) and (
        not data or not all(isinstance(item, pd.DataFrame) for item in data)
    ):
        return _corpus_of_strings(data, func)  # an empty list is an empty corpus
    if not isinstance(data, Iterable):
        raise TypeError(f"{func}(): data must be {ACCEPTED}; got {given(data)}")
    from toolkit.corpus.stream import CorpusStream

    if isinstance(data, CorpusStream):  # its chunks are checked where they are loaded
        chunks = data.checked(func)
    else:
        chunks = _checked_chunks(iter(data), func)
    if not in_memory:
        return chunks
    frames = list(chunks)
    return (
        pd.concat(frames, ignore_index=True)
        if frames
        else _corpus_frame(pd.DataFrame({"doc_id": [], "text": []}), func, first=0, seen=None)
    )


def _dask_corpus(data: Any, func: str, in_memory: bool) -> Any:
    """A Dask corpus whose partitions are checked where they are computed (doc_id needed:
    the partitions cannot number documents; uniqueness is checked only within a partition)."""
    columns = list(data.columns)
    _check_columns(columns, func, "Dask DataFrame")
    if "doc_id" not in columns or "token" in columns:
        raise ValueError(
            f"{func}() expects a Dask DataFrame of a corpus with columns doc_id and text; "
            f"got columns {columns[:20]}"
        )
    check = partial(_corpus_frame, func=func, first=0, seen=None, where="Dask partition")
    data = data.map_partitions(check, meta=check(data._meta))
    return pd.concat(list(iter_chunks(data)), ignore_index=True) if in_memory else data


def _corpus_of_strings(data: list | tuple, func: str) -> pd.DataFrame:
    wrong = [i for i, item in enumerate(data) if not isinstance(item, str)]
    if wrong:
        raise TypeError(
            f"{func}(): data must be a list of strings (one text per document) or of corpus "
            f"DataFrames; item {wrong[0]} is {given(data[wrong[0]])}"
        )
    return _texts_frame([f"doc{i}" for i in range(len(data))], list(data))


def _texts_frame(doc_ids: list[str], texts: list[str]) -> pd.DataFrame:
    """A corpus of Python strings; texts with a lone surrogate (``\\ud800``), which Arrow
    strings refuse, are kept as Python objects, a character to analyse like any other."""
    try:
        return pd.DataFrame({"doc_id": doc_ids, "text": texts})
    except UnicodeEncodeError:
        return pd.DataFrame({"doc_id": doc_ids, "text": pd.Series(texts, dtype=object)})


def _checked_chunks(chunks: Iterator[Any], func: str) -> Iterator[pd.DataFrame]:
    first, seen = 0, set()
    for number, chunk in enumerate(chunks):
        if not isinstance(chunk, pd.DataFrame):
            raise TypeError(
                f"{func}() expects an iterator of corpus DataFrames; item {number} is "
                f"{given(chunk)}"
            )
        checked = _corpus_frame(chunk, func, first=first, seen=seen, where=f"chunk {number}")
        first += len(checked)
        yield checked


def _check_columns(columns: list, func: str, what: str) -> None:
    if "text" not in columns and "token" not in columns:
        raise ValueError(
            f"{func}() expects a corpus DataFrame (columns doc_id, text, metadata...) or a "
            f"tokens DataFrame (columns {', '.join(TOKEN_KEYS)}, ...); the {what} has columns "
            f"{columns[:20]}: no text and no token column"
        )


def _corpus_frame(
    frame: pd.DataFrame, func: str, *, first: int, seen: set | None, where: str = "DataFrame"
) -> pd.DataFrame:
    """A checked corpus frame; ``first`` numbers documents without doc_id, ``seen`` holds the
    doc_ids of earlier chunks."""
    _check_columns(list(frame.columns), func, where)
    if is_tokens(frame):
        return _corpus_of_tokens(tokens_frame(frame, func, derived=False))
    if "doc_id" not in frame.columns:
        frame = frame.assign(doc_id=[f"doc{first + i}" for i in range(len(frame))])
        frame = frame[["doc_id", *frame.columns[:-1]]]
    else:
        frame = _string_ids(frame, func, where)
        _check_unique(frame["doc_id"], func, where, seen)
    return _check_corpus_frame(frame, func)


def _string_ids(frame: pd.DataFrame, func: str, where: str) -> pd.DataFrame:
    ids = frame["doc_id"]
    if ids.isna().any():
        row = int(np.flatnonzero(ids.isna().to_numpy())[0])
        raise ValueError(
            f"{func}(): every document needs a doc_id; the {where} has {int(ids.isna().sum())} "
            f"missing (first at row {row})"
        )
    if ids.dtype == object and all(isinstance(value, str) for value in ids):
        return frame
    if pd.api.types.is_string_dtype(ids.dtype) and ids.dtype != object:
        return frame
    return frame.assign(doc_id=ids.astype(str))


def _check_unique(ids: pd.Series, func: str, where: str, seen: set | None) -> None:
    repeated = ids[ids.duplicated()]
    if seen is not None:
        values = ids.tolist()  # (a set's membership test, not isin: it converts the set)
        known = np.fromiter(map(seen.__contains__, values), bool, len(values))
        repeated = pd.concat([ids[known], repeated])
        seen.update(values)
    if len(repeated):
        raise ValueError(
            f"{func}(): doc_id must be unique (one row per document); the {where} repeats "
            f"{repeated.nunique()} doc_id(s), first {repeated.iloc[0]!r}"
        )


# --------------------------------------------------------------------------- tokens


def tokens_input(data: Any, *, func: str, doc_id: str = "doc0", evidence: Any = None) -> Any:
    """:func:`as_tokens` for the analysis ``func`` (named in error messages)."""
    from toolkit.text.tokenize import tokenize

    if isinstance(data, pd.DataFrame) and is_tokens(data):
        return tokens_frame(data, func, derived=True)
    corpus = corpus_input(data, func=func, doc_id=doc_id)
    if isinstance(corpus, pd.DataFrame):
        return tokenize(corpus, evidence=evidence)
    return (tokenize(chunk, evidence=evidence) for chunk in iter_chunks(corpus))


def tokens_frame(frame: pd.DataFrame, func: str, *, derived: bool) -> pd.DataFrame:
    """A checked tokens table (its derived columns added when ``derived``)."""
    missing = [column for column in TOKEN_KEYS if column not in frame.columns]
    if missing:
        raise ValueError(
            f"{func}() expects a tokens table with columns {TOKEN_KEYS} (from "
            f"toolkit.tokenize); missing {missing}, got columns {list(frame.columns)[:20]}"
        )
    wrong = [c for c in _INTEGER_KEYS if not _integers(frame[c])]
    if wrong:
        raise TypeError(
            f"{func}(): tokens columns {wrong} must hold integers; got dtypes "
            f"{[str(frame[c].dtype) for c in wrong]}"
        )
    tokens = frame["token"]
    bad = ~tokens.map(lambda value: isinstance(value, str)).to_numpy(bool)
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise TypeError(
            f"{func}(): token must be a string; {int(bad.sum())} rows are not, first row {row} "
            f"with {given(tokens.iloc[row])}"
        )
    lengths = (frame["end"] - frame["start"]).to_numpy()
    if (lengths != tokens.str.len().to_numpy()).any():
        row = int(np.flatnonzero(lengths != tokens.str.len().to_numpy())[0])
        raise ValueError(
            f"{func}(): end - start must be the token's length (offsets into the text); "
            f"row {row} has start {frame['start'].iloc[row]}, end {frame['end'].iloc[row]}, "
            f"token {tokens.iloc[row]!r}"
        )
    frame = _string_ids(frame, func, "tokens table")
    if derived and not set(TOKEN_COLUMNS) <= set(frame.columns):
        frame = _add_derived(frame)
    return frame


def _integers(values: pd.Series) -> bool:
    if pd.api.types.is_integer_dtype(values.dtype):
        return True
    return values.dtype == object and all(isinstance(v, numbers.Integral) for v in values)


def _add_derived(tokens: pd.DataFrame) -> pd.DataFrame:
    from toolkit.text.forms import norm
    from toolkit.text.tokenize import annotate, iter_tokens

    tokens = tokens.copy()
    if "norm" not in tokens.columns:
        tokens["norm"] = tokens["token"].map(norm)
    if "kind" not in tokens.columns:
        first = {word: next(iter_tokens(word), None) for word in tokens["token"].unique()}
        kinds = {word: "symbol" if tok is None else tok.kind for word, tok in first.items()}
        tokens["kind"] = tokens["token"].map(kinds)
    extra = [column for column in tokens.columns if column not in TOKEN_COLUMNS]
    annotated = annotate(tokens)
    return pd.concat([annotated, tokens[extra]], axis=1) if extra else annotated


def _corpus_of_tokens(tokens: pd.DataFrame) -> pd.DataFrame:
    """The texts a tokens table spells: tokens at their offsets, gaps as spaces, a line
    break where the sentence changes; other columns keep each document's first value."""
    order = np.lexsort((tokens["start"].to_numpy(), pd.factorize(tokens["doc_id"])[0]))
    tokens = tokens.iloc[order]
    doc = tokens["doc_id"].to_numpy()
    start, end = tokens["start"].to_numpy(), tokens["end"].to_numpy()
    sent = tokens["sent_id"].to_numpy()
    new_doc = np.r_[True, doc[1:] != doc[:-1]]
    previous_end = np.r_[0, end[:-1]]
    previous_end[new_doc] = 0
    gap = start - previous_end
    if (gap < 0).any():
        row = int(np.flatnonzero(gap < 0)[0])
        raise ValueError(
            f"tokens overlap in document {doc[row]!r}: a token starts at {start[row]} before "
            f"the previous one ends at {previous_end[row]}"
        )
    new_sentence = ~new_doc & np.r_[False, sent[1:] != sent[:-1]] & (gap > 0)
    pieces = [
        ("\n" + " " * (g - 1) if s else " " * g) + token
        for g, s, token in zip(gap.tolist(), new_sentence.tolist(), tokens["token"], strict=True)
    ]
    bounds = np.r_[np.flatnonzero(new_doc), len(pieces)]
    texts = ["".join(pieces[a:b]) for a, b in pairwise(bounds)]
    corpus = pd.DataFrame({"doc_id": doc[bounds[:-1]], "text": texts})
    extra = [column for column in tokens.columns if column not in TOKEN_COLUMNS]
    for column in extra:
        corpus[column] = tokens[column].to_numpy()[bounds[:-1]]
    return corpus

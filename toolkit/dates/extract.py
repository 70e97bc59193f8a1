"""``extract_dates``: every temporal expression of a text or corpus, resolved.

>>> dates = extract_dates("وصل الوفد أمس السبت، بعد زيارة 24 نونبر 2021.", dct="2022-07-10")
>>> dates[["text", "type", "value", "anchor"]].values.tolist()
[['أمس السبت', 'DATE', '2022-07-09', 'dct'], ['24 نونبر 2021', 'DATE', '2021-11-24', 'absolute']]
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable
from functools import partial

import pandas as pd

from toolkit.dates.grammar import find_expressions
from toolkit.dates.offsets import NormalizedText
from toolkit.dates.resolve import resolve
from toolkit.dates.sentences import sentence_starts
from toolkit.dedupe import fold_duplicates
from toolkit.parallel import is_dask_collection, map_partitions, resolve_n_jobs

__all__ = ["DATE_COLUMNS", "extract_dates", "to_date"]

#: Columns of :func:`extract_dates`; ``flag`` notes a stated weekday that does not
#: match the resolved date (``weekday_mismatch: ...``) or an impossible date.
DATE_COLUMNS = [
    "doc_id", "sent_id", "start", "end", "text", "type", "value",
    "start_date", "end_date", "granularity", "anchor", "flag",
]  # fmt: skip
MODES = ("news", "narrative")
#: Documents per chunk when a corpus DataFrame is split for ``n_jobs > 1``.
CHUNK_SIZE = 500
_REFERENCE_GRANULARITIES = frozenset({"day", "month", "year"})


def to_date(value: object) -> dt.date | None:
    """A reference date from a string, date, datetime or Timestamp; ``None`` for missing.

    >>> to_date("2022-07-11")
    datetime.date(2022, 7, 11)
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return pd.Timestamp(value).date()
    except (ValueError, TypeError) as error:
        raise ValueError(f"dct must be a date or an ISO date string, got {value!r}") from error


def _document_rows(doc_id: str, text: str, dct: dt.date | None, mode: str,
                   starts: list[int] | None = None) -> list[tuple]:  # fmt: skip
    view = NormalizedText(text)
    rows = []
    previous: dt.date | None = None
    for match in find_expressions(view.norm):
        start, end = view.span(match.start, match.end)
        r = resolve(match.parsed, dct=dct, previous=previous, mode=mode)
        if r.anchor == "absolute" and r.start_date and r.granularity in _REFERENCE_GRANULARITIES:
            previous = r.start_date
        if starts is None:
            starts = sentence_starts(text)
        sent_id = max(0, bisect_right(starts, start) - 1)
        rows.append((doc_id, sent_id, start, end, text[start:end], match.parsed.type, r.value,
                     r.start_date, r.end_date, r.granularity, r.anchor, r.flag))  # fmt: skip
    return rows


def _frame(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=DATE_COLUMNS)
    for column in ("start_date", "end_date"):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[s]")
    for column in ("sent_id", "start", "end"):
        frame[column] = frame[column].astype("int64")
    # Explicit string dtype, so that empty chunks do not turn columns into object on concat.
    for column in ("doc_id", "text", "type", "value", "granularity", "anchor", "flag"):
        frame[column] = frame[column].astype("str")
    return frame


def _from_corpus(corpus: pd.DataFrame, dct: dt.date | None, mode: str) -> pd.DataFrame:
    missing = {"doc_id", "text"} - set(corpus.columns)
    if missing:
        raise ValueError(f"corpus DataFrame lacks column(s) {sorted(missing)}")
    dates = corpus["date"] if dct is None and "date" in corpus else [dct] * len(corpus)
    rows = []
    for doc_id, text, doc_date in zip(corpus["doc_id"], corpus["text"], dates, strict=True):
        if not isinstance(text, str):
            raise ValueError(
                f"document {doc_id!r}: text must be a string, got {type(text).__name__}"
            )
        rows += _document_rows(str(doc_id), text, to_date(doc_date), mode)
    return _frame(rows)


def _from_tokens(tokens: pd.DataFrame, dct: dt.date | None, mode: str) -> pd.DataFrame:
    """Rebuild each text from token offsets (gaps become spaces) and keep its sentences."""
    rows = []
    for doc_id, doc in tokens.groupby("doc_id", sort=False):
        chars = [" "] * int(doc["end"].max())
        for start, token in zip(doc["start"], doc["token"], strict=True):
            chars[start : start + len(token)] = token
        starts = doc.groupby("sent_id", sort=True)["start"].min().tolist()
        rows += _document_rows(str(doc_id), "".join(chars), dct, mode, starts)
    return _frame(rows)


def _extract_chunk(chunk: pd.DataFrame, *, dct: dt.date | None, mode: str) -> pd.DataFrame:
    return _from_corpus(chunk, dct, mode)


def extract_dates(
    data: str | pd.DataFrame | Iterable[pd.DataFrame],
    *,
    dct: str | dt.date | None = None,
    mode: str = "news",
    n_jobs: int | None = 1,
    progress: bool | None = None,
    dedupe: bool | pd.DataFrame = False,
) -> pd.DataFrame:
    """Find, normalise and resolve the temporal expressions of Arabic text.

    ``data`` is a string, a corpus DataFrame (``doc_id``, ``text`` and, as
    the per-document reference date, ``date``), a tokens DataFrame (from
    :func:`toolkit.tokenize`), an iterator of corpus chunks (from
    :func:`toolkit.iter_corpus`) or a Dask DataFrame with the corpus columns
    (one task per partition on the active Dask scheduler); chunks (and a
    corpus DataFrame, cut into chunks of :data:`CHUNK_SIZE` documents) run on
    ``n_jobs`` processes.
    ``dct`` (document creation time) overrides the corpus dates. ``mode``:
    ``"news"`` resolves relative expressions against ``dct``; ``"narrative"``
    against the previous absolute date of the document (``dct`` before the
    first one). Without a reference, relative expressions are unresolved.

    Columns (:data:`DATE_COLUMNS`): ``doc_id, sent_id, start, end`` (offsets
    into the original text: ``text == document[start:end]``), ``text``,
    ``type`` (DATE, TIME, DURATION, SET), ``value`` (TIMEX3: ``2021-11-24``,
    ``2020-08``, ``2022-W29``, ``199`` for the 1990s, ``19`` for the 20th
    century, ``2022-07-10TEV``, ``P3M``, ``XXXX-WXX-5``, ``PAST_REF``; year
    ranges and Hijri months/years as ISO intervals ``start/end``; empty when
    unresolved), ``start_date``/``end_date`` (the inclusive calendar interval,
    NaT when unresolved or vague), ``granularity`` (day, week, month, year,
    decade, century, hijri_month, hijri_year, time, vague, duration, set),
    ``anchor`` (``absolute``: needs no reference, which includes durations
    and sets; ``dct``; ``previous date``; ``unresolved``) and ``flag``
    (``weekday_mismatch: ...`` when a stated weekday contradicts the
    resolved date, ``invalid: ...`` for an impossible date; else empty).
    ``dedupe`` folds near-duplicate documents first, as in
    :func:`toolkit.term_frequencies`.

    >>> extract_dates("أعلنت الوزارة أمس", dct="2022-07-11")["value"].tolist()
    ['2022-07-10']
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
    reference = to_date(dct)
    data = fold_duplicates(data, dedupe, n_jobs=n_jobs, progress=progress)
    if isinstance(data, str):
        return _frame(_document_rows("doc0", data, reference, mode))
    if isinstance(data, pd.DataFrame):
        if {"token", "token_id"} <= set(data.columns):
            return _from_tokens(data, reference, mode)
        if resolve_n_jobs(n_jobs) == 1:
            return _from_corpus(data, reference, mode)
        corpus = data
        data = (corpus.iloc[i : i + CHUNK_SIZE] for i in range(0, len(corpus), CHUNK_SIZE))
    if is_dask_collection(data) or isinstance(data, Iterable):
        chunks = data if is_dask_collection(data) else iter(data)
        work = partial(_extract_chunk, dct=reference, mode=mode)
        parts = list(map_partitions(work, chunks, n_jobs=n_jobs, progress=progress, desc="dates"))
        return pd.concat(parts, ignore_index=True) if parts else _frame([])
    raise TypeError(
        "data must be a string, a corpus or tokens DataFrame, or an iterator of corpus chunks; "
        f"got {type(data).__name__}"
    )

"""Timelines: dated mentions with their sentences and entities, and corpus-level series.

Only mentions placed on the calendar (``start_date`` known) go on a time
axis. Vague references (TIMEX3 values ``PAST_REF``, ``PRESENT_REF``,
``FUTURE_REF``: مؤخرا، حاليا، الآن، قريبا) keep type ``DATE`` but have
granularity ``vague`` and no ``start_date``/``end_date``, so :func:`timeline`
and :func:`referenced_time` leave them out; select them with
``dates["value"].isin(VAGUE_VALUES)`` to show them beside the axis. The two
ends of a range (``من 2011 إلى 2016``) are two rows sharing a ``range_id``
(TimeML's beginPoint/endPoint), so an interval can be drawn from them.

>>> rows = timeline("وقعت المذكرة في 24 نونبر 2021 بالرباط.", entities=ENTITY_FREE)
>>> rows[["text", "value", "sentence"]].values.tolist()
[['24 نونبر 2021', '2021-11-24', 'وقعت المذكرة في 24 نونبر 2021 بالرباط.']]
"""

from __future__ import annotations

import datetime as dt
import uuid
import warnings
from bisect import bisect_right
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from toolkit._api import legacy
from toolkit._docstrings import fill_doc
from toolkit.checks import check_dct, check_n_jobs, given
from toolkit.dates.extract import DATE_COLUMNS, extract_dates
from toolkit.dedupe import fold_duplicates
from toolkit.inputs import corpus_input, is_stream, iter_chunks
from toolkit.text.sentences import sentence_starts

__all__ = [
    "ENTITY_FREE",
    "TIMELINE_COLUMNS",
    "VAGUE_VALUES",
    "mentions_per_period",
    "referenced_time",
    "timeline",
]

#: TIMEX3 values of vague references: typed DATE, never on the calendar axis.
VAGUE_VALUES = ("PAST_REF", "PRESENT_REF", "FUTURE_REF")
#: Columns of :func:`timeline`.
TIMELINE_COLUMNS = [*DATE_COLUMNS, "dct", "sentence", "entities"]
#: An empty entities table: pass ``entities=ENTITY_FREE`` to skip entity recognition.
ENTITY_FREE = pd.DataFrame(columns=["doc_id", "sent_id", "start", "end", "text", "label"])
_FINEST_FIRST = ["time", "day", "week", "month", "hijri_month", "year", "hijri_year"]
_REFERENCE_GRAIN = {"D": "day", "W": "week", "M": "month", "MS": "month", "Y": "year",
                    "YS": "year", "Q": "month", "QS": "month"}  # fmt: skip


def _period_start(starts: pd.Series, reference_freq: str) -> np.ndarray:
    """Start of the period (Y, Q, M, W from Monday, D) of each date, in seconds.

    Computed with numpy calendar units rather than ``to_period().start_time``,
    which goes through nanoseconds and cannot hold years before 1677 (1215, say).
    """
    values = starts.to_numpy().astype("datetime64[s]")
    code = reference_freq.rstrip("S")
    if code == "Y":
        return values.astype("datetime64[Y]").astype("datetime64[s]")
    if code in ("M", "Q"):
        months = values.astype("datetime64[M]").astype(np.int64)
        if code == "Q":
            months -= months % 3
        return months.astype("datetime64[M]").astype("datetime64[s]")
    days = values.astype("datetime64[D]")
    if code == "W":  # 1970-01-01, day 0, was a Thursday: weekday (Monday = 0) is (day + 3) % 7
        days = days - (days.astype(np.int64) + 3) % 7
    return days.astype("datetime64[s]")


def _with_dates(corpus: pd.DataFrame) -> pd.DataFrame:
    """A checked corpus with a ``date`` column (NaT when it has none)."""
    return corpus if "date" in corpus else corpus.assign(date=pd.NaT)


def _default_entities(corpus: pd.DataFrame, options: dict) -> pd.DataFrame:
    """Run toolkit.extract_entities when the package provides it, else no entities."""
    import toolkit

    try:
        extract_entities = toolkit.extract_entities
    except (AttributeError, ImportError):
        warnings.warn(
            "toolkit.extract_entities is not available: the entities column is empty; "
            "pass entities= to fill it",
            stacklevel=3,
        )
        return ENTITY_FREE
    return extract_entities(corpus, **options)


def _entities_by_sentence(entities: pd.DataFrame, starts: dict | None) -> dict:
    """(doc_id, sent_id) -> entity names (canonical when given), first mention first.

    With ``starts`` (document -> :func:`~toolkit.text.sentences.sentence_starts`), only those
    documents' mentions are placed, by offset; without, by their ``sent_id``.
    """
    missing = {"doc_id", "text"} - set(entities.columns)
    if missing:
        raise ValueError(f"entities DataFrame lacks column(s) {sorted(missing)}")
    if starts is not None:
        entities = entities[entities["doc_id"].isin(list(starts))]
    names = entities["text"]
    if "canonical" in entities:
        names = entities["canonical"].where(entities["canonical"].notna(), entities["text"])
    docs = list(map(str, entities["doc_id"].tolist()))
    if starts is not None and "start" in entities:  # by offset, whatever the recogniser's ids
        starts = {str(doc): found for doc, found in starts.items()}
        at = zip(docs, entities["start"].tolist(), strict=True)
        sent_ids = [max(0, bisect_right(starts.get(doc, [0]), start) - 1) for doc, start in at]
    else:
        sent_ids = entities["sent_id"].tolist()
    grouped: dict[tuple[str, int], list[str]] = {}
    for doc, sent_id, name in zip(docs, sent_ids, names.tolist(), strict=True):
        bucket = grouped.setdefault((doc, int(sent_id)), [])
        if name not in bucket:
            bucket.append(name)
    return grouped


def _sentence(text: str, starts: list[int], sent_id: int) -> str:
    """Sentence ``sent_id``: only spaces separate a sentence's last token from the next one."""
    end = starts[sent_id + 1] if sent_id + 1 < len(starts) else len(text)
    return text[starts[sent_id] : end].rstrip()


@fill_doc
def timeline(
    data: str | pd.DataFrame | Iterable[pd.DataFrame],
    *,
    dct: str | dt.date | None = None,
    mode: str = "news",
    entities: pd.DataFrame | None = None,
    dates: pd.DataFrame | None = None,
    dedupe: bool | pd.DataFrame = False,
    n_jobs: int | None = 1,
    chunksize: int | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """One row per dated mention, with its sentence and the entities named in it.

    Only DATE and TIME mentions placed on the calendar (``start_date`` known)
    are kept, sorted by ``start_date``: vague references
    (:data:`VAGUE_VALUES`) and unresolved mentions are not.

    Parameters
    ----------
    data : str or DataFrame
        A text or a corpus DataFrame (``doc_id``, ``text``, optional ``date``).
    {dct}
    {mode}
    entities : DataFrame or None, default None
        An :func:`toolkit.extract_entities` table of ``data`` (``doc_id``,
        ``start`` or ``sent_id``, ``text``, optional ``canonical``); None runs
        the recogniser.
    {dates_table}
    {dedupe}
        Their rows are dropped from ``entities`` and ``dates`` too, so a wire
        story's dates are listed once.
    {n_jobs}
    {chunksize}
    {progress}

    Returns
    -------
    DataFrame
        The columns of :func:`toolkit.extract_dates` plus ``dct`` (the
        reference date the row was resolved against: ``dct`` when given, else
        its document's ``date``; NaT when neither), ``sentence`` (its text)
        and ``entities`` (list of names).

    Examples
    --------
    >>> rows = timeline("وقعت المذكرة في 24 نونبر 2021 بالرباط.", entities=ENTITY_FREE)
    >>> rows[["text", "value"]].values.tolist()
    [['24 نونبر 2021', '2021-11-24']]
    """
    check_dct(dct)
    check_n_jobs(n_jobs)
    options = {"n_jobs": n_jobs, "chunksize": chunksize, "progress": progress}
    corpus = corpus_input(data, func="timeline")
    if dedupe is not False and dedupe is not None:
        corpus = fold_duplicates(corpus, dedupe)
        kept = set(corpus["doc_id"])
        entities = None if entities is None else entities[entities["doc_id"].isin(kept)]
        dates = None if dates is None else dates[dates["doc_id"].isin(kept)]
    if is_stream(corpus):
        return _stream_timeline(corpus, dct=dct, mode=mode, entities=entities, dates=dates,
                                options=options)  # fmt: skip
    corpus = _with_dates(corpus)
    if dates is None:
        dates = extract_dates(corpus, dct=dct, mode=mode, **options)
    dates = dates[dates["type"].isin(["DATE", "TIME"]) & dates["start_date"].notna()]
    dates = dates.sort_values(["start_date", "doc_id", "start"], kind="stable", ignore_index=True)
    texts = dict(zip(corpus["doc_id"], corpus["text"], strict=True))
    if dct is not None:
        dates["dct"] = pd.Timestamp(dct).normalize()
    else:
        published = dict(zip(corpus["doc_id"], pd.to_datetime(corpus["date"]), strict=True))
        dates["dct"] = pd.to_datetime(dates["doc_id"].map(published)).dt.normalize()
    dates["dct"] = dates["dct"].astype("datetime64[s]")
    starts = {doc: sentence_starts(texts[doc]) for doc in dates["doc_id"].unique()}
    placed = list(zip(dates["doc_id"].tolist(), dates["sent_id"].tolist(), strict=True))
    dates["sentence"] = [_sentence(texts[doc], starts[doc], sent_id) for doc, sent_id in placed]
    entities = _default_entities(corpus, options) if entities is None else entities
    by_sentence = _entities_by_sentence(entities, starts)
    dates["entities"] = [list(by_sentence.get(key, [])) for key in placed]
    return dates[TIMELINE_COLUMNS]


def _stream_timeline(chunks, *, dct, mode, entities, dates, options) -> pd.DataFrame:
    """:func:`timeline` chunk by chunk; entities recognised chunk by chunk and named
    (canonical forms) once all are known, as :func:`toolkit.extract_entities` does."""
    from toolkit.entities.recognize import (
        DEFAULT_MODEL,
        _recognise_corpus,
        _to_frame,
        concat_rows,
    )

    parts, rows, sent_ids = [], [], []
    call = uuid.uuid4().hex  # one decoder (and its memo) for the whole stream
    for chunk in iter_chunks(chunks):
        docs = set(chunk["doc_id"])
        own = None if dates is None else dates[dates["doc_id"].isin(docs)]
        named = ENTITY_FREE if entities is None else entities[entities["doc_id"].isin(docs)]
        parts.append(timeline(chunk, dct=dct, mode=mode, entities=named, dates=own, **options))
        if entities is None:
            found, _ = _recognise_corpus(chunk, model=DEFAULT_MODEL, nisba=False, nested=True,
                                         call=call)  # fmt: skip
            texts = zip(chunk["doc_id"], chunk["text"], strict=True)
            starts = {doc: sentence_starts(text) for doc, text in texts}
            rows.append(found)
            found_at = zip(found["doc_id"], found["start"], strict=True)
            sent_ids += [max(0, bisect_right(starts[doc], at) - 1) for doc, at in found_at]
    parts = [part for part in parts if len(part)] or parts[:1]  # empty parts lose dtypes
    result = pd.concat(parts, ignore_index=True) if parts else timeline("", dct=dct, dates=dates)
    if entities is None:
        named = _to_frame(concat_rows(rows), concat_rows([]), False)
        named = named.drop(columns="start").assign(sent_id=sent_ids)
        by_sentence = _entities_by_sentence(named, None)
        result["entities"] = [
            list(by_sentence.get((doc, sent_id), []))
            for doc, sent_id in zip(result["doc_id"], result["sent_id"], strict=True)
        ]
    result = result.sort_values(["start_date", "doc_id", "start"], kind="stable")
    return result.reset_index(drop=True)


def _publication_dates(
    corpus: Any,
    dates: pd.DataFrame | None,
    *,
    mode: str,
    n_jobs: int | None,
    chunksize: int | None,
    progress: bool | None,
    func: str,
) -> tuple[pd.Series, pd.DataFrame]:
    """Each document's publication ``date`` (by ``doc_id``) and the dates table of the corpus
    (``dates`` if given, else extracted); a stream is read once."""
    check_n_jobs(n_jobs)
    corpus = corpus_input(corpus, func=func)
    published: list[pd.Series] = []

    def passing():
        for chunk in iter_chunks(corpus):
            if "date" not in chunk:
                raise ValueError(
                    f"{func}() needs a corpus with a date column (publication dates); "
                    f"got columns {list(chunk.columns)[:20]}"
                )
            published.append(pd.Series(pd.to_datetime(chunk["date"]).values,
                                       index=chunk["doc_id"]))  # fmt: skip
            yield chunk

    chunks = passing() if is_stream(corpus) else next(passing())
    if dates is None:
        dates = extract_dates(chunks, mode=mode, n_jobs=n_jobs, chunksize=chunksize,
                              progress=progress)  # fmt: skip
    else:
        for _ in chunks if is_stream(corpus) else ():
            pass
    return pd.concat(published) if published else pd.Series(dtype="datetime64[ns]"), dates


def _period_grouper(by: str | pd.Grouper) -> pd.Grouper:
    """A grouper on the ``date`` column from a pandas frequency or a ``pd.Grouper``."""
    if isinstance(by, pd.Grouper):
        if by.key not in (None, "date") or by.freq is None:
            raise ValueError(
                "by must group the publication date: a frequency such as 'W' or "
                f"pd.Grouper(key='date', freq='W'); got {by!r}"
            )
        return pd.Grouper(key="date", freq=by.freq)
    if not isinstance(by, str):
        raise TypeError(f"by must be a pandas frequency string or a pd.Grouper; got {given(by)}")
    return pd.Grouper(key="date", freq=by)


@legacy(renamed={"corpus": "data", "freq": "by"})
@fill_doc
def mentions_per_period(
    data: pd.DataFrame,
    *,
    by: str | pd.Grouper = "W",
    dates: pd.DataFrame | None = None,
    mode: str = "news",
    n_jobs: int | None = 1,
    chunksize: int | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Temporal expressions per publication period and type, ready for ``plot.trends``.

    Parameters
    ----------
    data : DataFrame
        A corpus with ``doc_id``, ``text`` and ``date`` (publication date).
    {publication_by}
    {dates_table}
    {mode}
    {n_jobs}
    {chunksize}
    {progress}

    Returns
    -------
    DataFrame
        ``date`` (start of the publication period), ``type`` (DATE, TIME,
        DURATION, SET), ``count``, ``documents`` (documents published in the
        period) and ``rel_freq`` (mentions per document). Draw it with
        ``plot.trends(table, hue="type")``.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "date": pd.to_datetime(["2022-07-11"]),
    ...                        "text": ["وقعت المذكرة في 24 نونبر 2021 بالرباط."]})
    >>> mentions_per_period(corpus, by="MS")[["type", "count", "rel_freq"]].values.tolist()
    [['DATE', 1, 1.0]]
    """
    grouper = _period_grouper(by)
    published, dates = _publication_dates(data, dates, mode=mode, n_jobs=n_jobs,
                                          chunksize=chunksize, progress=progress,
                                          func="mentions_per_period")  # fmt: skip
    frame = pd.DataFrame({"date": published.reindex(dates["doc_id"]).values, "type": dates["type"]})
    frame = frame.dropna(subset=["date"])
    counts = frame.groupby([grouper, "type"]).size().rename("count")
    docs = published.dropna().to_frame("date").groupby(grouper).size()
    result = counts.reset_index()
    result["documents"] = docs.reindex(result["date"]).fillna(0).astype("int64").values
    result["rel_freq"] = result["count"] / result["documents"].where(result["documents"] > 0)
    return result[result["count"] > 0].reset_index(drop=True)


@legacy(renamed={"corpus": "data", "freq": "by"})
@fill_doc
def referenced_time(
    data: pd.DataFrame,
    *,
    by: str | pd.Grouper = "W",
    reference_freq: str = "Y",
    dates: pd.DataFrame | None = None,
    mode: str = "news",
    n_jobs: int | None = 1,
    chunksize: int | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Which periods a corpus talks about, per publication period.

    Each resolved DATE/TIME mention is placed by publication period (``by``)
    and by the period it refers to (``reference_freq``); only mentions at
    least that precise count, so a decade is not counted as its first year.

    Parameters
    ----------
    data : DataFrame
        A corpus with ``doc_id``, ``text`` and ``date`` (publication date).
    {publication_by}
    reference_freq : str, default "Y"
        Size of the referenced periods: ``"Y"``, ``"QS"``, ``"MS"``, ``"W"``
        or ``"D"`` (and ``"YS"``, ``"Q"``, ``"M"``).
    {dates_table}
    {mode}
    {n_jobs}
    {chunksize}
    {progress}

    Returns
    -------
    DataFrame
        ``date`` (publication period start), ``period`` (referenced period
        label, e.g. ``2014`` or ``2014-07``), ``referenced_date`` (its start),
        ``count``, ``rel_freq`` (share of the publication period's mentions)
        and ``median_lag_days`` (publication minus referenced start, negative
        for the future). Draw it with ``plot.trends(table, hue="period")`` or
        as a heatmap.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "date": pd.to_datetime(["2022-07-11"]),
    ...                        "text": ["وقعت المذكرة في 24 نونبر 2021 بالرباط."]})
    >>> referenced_time(corpus, by="MS")[["period", "count"]].values.tolist()
    [['2021', 1]]
    """
    grouper = _period_grouper(by)
    grain = _REFERENCE_GRAIN.get(reference_freq)
    if grain is None:
        raise ValueError(f"reference_freq must be one of {sorted(_REFERENCE_GRAIN)}")
    published, dates = _publication_dates(data, dates, mode=mode, n_jobs=n_jobs,
                                          chunksize=chunksize, progress=progress,
                                          func="referenced_time")  # fmt: skip
    precise = _FINEST_FIRST[: _FINEST_FIRST.index(grain) + 1]
    keep = dates["type"].isin(["DATE", "TIME"]) & dates["granularity"].isin(precise)
    dates = dates[keep & dates["start_date"].notna()]
    frame = pd.DataFrame(
        {
            "date": published.reindex(dates["doc_id"]).to_numpy().astype("datetime64[s]"),
            "referenced_date": _period_start(dates["start_date"], reference_freq),
        }
    ).dropna(subset=["date"])
    frame["lag"] = (frame["date"] - frame["referenced_date"]).dt.days
    grouped = frame.groupby([grouper, "referenced_date"])
    result = grouped.agg(count=("lag", "size"), median_lag_days=("lag", "median")).reset_index()
    result = result[result["count"] > 0].reset_index(drop=True)
    label = {"year": "%Y", "month": "%Y-%m", "week": "%G-W%V", "day": "%Y-%m-%d"}[grain]
    result.insert(1, "period", result["referenced_date"].dt.strftime(label))
    totals = result.groupby("date")["count"].transform("sum")
    result["rel_freq"] = result["count"] / totals
    return result[["date", "period", "referenced_date", "count", "rel_freq", "median_lag_days"]]

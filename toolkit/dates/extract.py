"""``extract_dates``: every temporal expression of a text or corpus, resolved.

>>> dates = extract_dates("وصل الوفد أمس السبت، بعد زيارة 24 نونبر 2021.", dct="2022-07-10")
>>> dates[["text", "type", "value", "anchor"]].values.tolist()
[['أمس السبت', 'DATE', '2022-07-09', 'dct'], ['24 نونبر 2021', 'DATE', '2021-11-24', 'absolute']]
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import partial

import pandas as pd

from toolkit._docstrings import fill_doc
from toolkit.checks import check_choice, check_dct, check_n_jobs
from toolkit.dates.grammar import Match, find_expressions
from toolkit.dates.offsets import NormalizedText
from toolkit.dates.resolve import HIJRI_CALENDARS, resolve
from toolkit.dedupe import fold_duplicates
from toolkit.inputs import corpus_input
from toolkit.parallel import map_partitions, resolve_chunksize
from toolkit.text.sentences import sentence_starts

__all__ = ["DATE_COLUMNS", "extract_dates", "to_date"]

#: Columns of :func:`extract_dates`; ``flag`` notes a stated weekday that does not
#: match the resolved date (``weekday_mismatch: ...``) or an impossible date;
#: ``calendar`` says how the value was computed; ``range_id`` links the two ends of a range.
DATE_COLUMNS = [
    "doc_id", "sent_id", "start", "end", "text", "type", "value",
    "start_date", "end_date", "granularity", "anchor", "flag", "calendar", "range_id",
]  # fmt: skip
MODES = ("news", "narrative")
_REFERENCE_GRANULARITIES = frozenset({"day", "month", "year"})
_STRING_COLUMNS = ("doc_id", "text", "type", "value", "granularity", "anchor", "flag", "calendar",
                   "range_id")  # fmt: skip
#: Country values (the corpus ``country`` column) whose Hijri dates follow Morocco's calendar.
MOROCCO = frozenset({"ma", "mar", "morocco", "maroc", "المغرب"})
#: What may stand between the two ends of a range: "2015 - 2018", "من 2011 الى 2016",
#: "بين 1999 و2005" (the last two need من/بين before the first end).
_RANGE_DASH = re.compile(r"\s*[-–—/]\s*")
_RANGE_WORD = re.compile(r"\s*(?:الي|حتي|و|الي\s+غاي[ةه]|ولغاي[ةه])\s*")
_RANGE_OPENER = re.compile(r"(?:^|\s)(?:[وف]?من|[وف]?بين|ما\s+بين|ابتداء\s+من)\s*$")


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


def _range_links(norm: str, matches: list[Match]) -> list[str | None]:
    """``range_id`` per match: ``r1``, ``r2``... shared by the two ends of each range."""
    links: list[str | None] = [None] * len(matches)
    count = 0
    for i in range(len(matches) - 1):
        first, second = matches[i], matches[i + 1]
        if links[i] or first.parsed.type not in ("DATE", "TIME") or second.parsed.type != "DATE":
            continue
        gap = norm[first.end : second.start]
        if len(gap) > 16:
            continue
        if _RANGE_DASH.fullmatch(gap) or (
            _RANGE_WORD.fullmatch(gap)
            and _RANGE_OPENER.search(norm, max(0, first.start - 12), first.start)
        ):
            count += 1
            links[i] = links[i + 1] = f"r{count}"
    return links


def _document_rows(
    doc_id: str,
    text: str,
    dct: dt.date | None,
    mode: str,
    starts: list[int] | None = None,
    hijri: str = "umm_al_qura",
) -> list[tuple]:
    view = NormalizedText(text)
    rows = []
    previous: dt.date | None = None
    previous_granularity = "day"
    matches = list(find_expressions(view.norm))
    links = _range_links(view.norm, matches)
    for match, range_id in zip(matches, links, strict=True):
        start, end = view.span(match.start, match.end)
        r = resolve(match.parsed, dct=dct, previous=previous, mode=mode,
                    previous_granularity=previous_granularity, hijri=hijri)  # fmt: skip
        if r.anchor == "absolute" and r.start_date and r.granularity in _REFERENCE_GRANULARITIES:
            previous, previous_granularity = r.start_date, r.granularity
        if starts is None:
            starts = sentence_starts(text)
        sent_id = max(0, bisect_right(starts, start) - 1)
        calendar = hijri if match.parsed.calendar == "hijri" else match.parsed.calendar
        rows.append((doc_id, sent_id, start, end, text[start:end], match.parsed.type, r.value,
                     r.start_date, r.end_date, r.granularity, r.anchor, r.flag, calendar,
                     range_id))  # fmt: skip
    return rows


def _frame(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=DATE_COLUMNS)
    for column in ("start_date", "end_date"):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[s]")
    for column in ("sent_id", "start", "end"):
        frame[column] = frame[column].astype("int64")
    # Explicit string dtype, so that empty chunks do not turn columns into object on concat.
    for column in _STRING_COLUMNS:
        frame[column] = frame[column].astype("str")
    return frame


def _calendars(corpus: pd.DataFrame, hijri: str | None) -> list[str]:
    """Hijri calendar per document: ``hijri`` if given, else Morocco's where ``country`` says so."""
    if hijri is not None or "country" not in corpus:
        return [hijri or "umm_al_qura"] * len(corpus)
    return [
        "morocco" if isinstance(c, str) and c.strip().lower() in MOROCCO else "umm_al_qura"
        for c in corpus["country"]
    ]


def _from_corpus(corpus: pd.DataFrame, dct: dt.date | None, mode: str,
                 hijri: str | None = None) -> pd.DataFrame:  # fmt: skip
    dates = corpus["date"] if dct is None and "date" in corpus else [dct] * len(corpus)
    rows = []
    columns = zip(corpus["doc_id"], corpus["text"], dates, _calendars(corpus, hijri), strict=True)
    for doc_id, text, doc_date, calendar in columns:
        rows += _document_rows(doc_id, text, to_date(doc_date), mode, hijri=calendar)
    return _frame(rows)


def _extract_chunk(
    chunk: pd.DataFrame, *, dct: dt.date | None, mode: str, hijri: str | None
) -> pd.DataFrame:
    return _from_corpus(chunk, dct, mode, hijri)


@fill_doc
def extract_dates(
    data: str | pd.DataFrame | Iterable[pd.DataFrame],
    *,
    dct: str | dt.date | None = None,
    mode: str = "news",
    n_jobs: int | None = 1,
    progress: bool | None = None,
    hijri: str | None = None,
    dedupe: bool | pd.DataFrame = False,
    chunksize: int | None = None,
) -> pd.DataFrame:
    """Find, normalise and resolve the temporal expressions of Arabic text.

    Chunks (and a corpus DataFrame, cut into chunks of ``chunksize``
    documents) run on ``n_jobs`` processes. Without a reference date,
    relative expressions are unresolved; a reference coarser than what an
    expression needs from it (a year, for اليوم الموالي) leaves it
    unresolved too, with the reason in ``anchor``.

    Bare months and weekdays follow the clause's tense (the nearest cue in
    the eight words before): a future marker (سوف، من المقرر، سـ + verb) or
    an imperfect verb (يقام) names the coming one, a perfect verb (أعلن،
    وقعت) the last one; with no cue, a month is the reference year's and a
    weekday the last one.

    Parameters
    ----------
    data : str, DataFrame, iterable of DataFrames or Dask DataFrame
        A string, a corpus DataFrame (``doc_id``, ``text`` and, as the
        per-document reference date, ``date``), a tokens DataFrame (from
        :func:`toolkit.tokenize`), an iterator of corpus chunks (from
        :func:`toolkit.iter_corpus`) or a Dask DataFrame with the corpus
        columns (one task per partition on the active Dask scheduler).
    {dct}
        Given, it overrides the corpus dates (document creation time).
    {mode}
    {n_jobs}
    {progress}
    {chunksize}
    hijri : {"umm_al_qura", "morocco"} or None, default None
        How Hijri dates become Gregorian ones: Umm al-Qura, or the Umm
        al-Qura day plus one (as Moroccan papers state dates fixed by local
        moon sighting). None reads a corpus ``country`` column when there is
        one (``MA``, ``Morocco``, ``المغرب``... give ``"morocco"``) and takes
        Umm al-Qura otherwise.
    {dedupe}

    Returns
    -------
    DataFrame
        :data:`DATE_COLUMNS`: ``doc_id, sent_id, start, end`` (offsets into
        the original text: ``text == document[start:end]``), ``text``,
        ``type`` (DATE, TIME, DURATION, SET), ``value`` (TIMEX3:
        ``2021-11-24``, ``2020-08``, ``2022-W29``, ``199`` for the 1990s,
        ``19`` for the 20th century, ``2022-07-10TEV``, ``2020-09-13T20:30``,
        ``P3M``, ``PT48H`` (ages too: ``P81Y``), ``XXXX-WXX-5``; Hijri
        months/years as ISO intervals ``start/end``, Hijri centuries too
        (القرن الثاني الهجري: ``0718-08-07/0815-08-14``); the vague references
        ``PAST_REF``, ``PRESENT_REF``, ``FUTURE_REF`` with type DATE,
        granularity ``vague`` and no calendar dates; empty when unresolved),
        ``start_date``/``end_date`` (the inclusive calendar interval, NaT
        when unresolved or vague), ``granularity`` (day, week, month, year,
        decade, century, hijri_month, hijri_year, hijri_century, time, vague,
        duration, set), ``anchor`` (``absolute``: needs no reference, which includes
        durations and sets; ``dct``; ``previous date``; ``unresolved`` or
        ``unresolved: <reason>``), ``flag`` (``weekday_mismatch: ...`` when a
        stated weekday contradicts the resolved date, ``invalid: ...`` for an
        impossible date; else empty), ``calendar`` (``gregorian``, or the
        Hijri calendar used: ``umm_al_qura``, ``morocco``, or
        ``islamic_tabular``, the arithmetical calendar, for Hijri centuries)
        and ``range_id``
        (``r1``, ``r2``... on both ends of a range, as TimeML's
        beginPoint/endPoint: ``من 2011 إلى 2016`` gives 2011 and 2016 with
        the same ``range_id``; else empty).

    Examples
    --------
    >>> extract_dates("أعلنت الوزارة أمس", dct="2022-07-11")["value"].tolist()
    ['2022-07-10']
    """
    check_choice(mode, "mode", MODES)
    if hijri is not None:
        check_choice(hijri, "hijri", tuple(sorted(HIJRI_CALENDARS)))
    check_n_jobs(n_jobs)
    resolve_chunksize(chunksize)
    reference = check_dct(dct)
    data = corpus_input(data, func="extract_dates")
    data = fold_duplicates(data, dedupe, n_jobs=n_jobs, progress=progress)
    work = partial(_extract_chunk, dct=reference, mode=mode, hijri=hijri)
    parts = list(map_partitions(work, data, n_jobs=n_jobs, chunksize=chunksize,
                                progress=progress, desc="dates"))  # fmt: skip
    return pd.concat(parts, ignore_index=True) if parts else _frame([])

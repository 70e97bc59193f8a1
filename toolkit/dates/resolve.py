"""Resolve parsed expressions to TIMEX3-style values and calendar intervals.

A relative expression needs a reference date: the document creation time
(``dct``) in news mode, the previous absolute date of the document in
narrative mode. Without one it stays unresolved — never guessed.

>>> from toolkit.dates.grammar import Parsed
>>> r = resolve(Parsed("DATE", "relative", "week", offset=1), dct=date(2022, 7, 11))
>>> r.value, r.start_date, r.end_date, r.anchor
('2022-W29', datetime.date(2022, 7, 18), datetime.date(2022, 7, 24), 'dct')
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from hijridate import Gregorian, Hijri

from toolkit.dates.grammar import Parsed

__all__ = ["Resolution", "resolve"]


@dataclass(frozen=True, slots=True)
class Resolution:
    """Value, inclusive interval, granularity, anchor and an optional flag."""

    value: str | None
    start_date: date | None
    end_date: date | None
    granularity: str
    anchor: str
    flag: str | None = None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + offset
    return index // 12, index % 12 + 1


def _gregorian_interval(granularity: str, year: int, month: int | None, day: int | None):
    """(value, start, end) of a Gregorian period."""
    if granularity in ("day", "time"):
        d = date(year, month, day)
        return d.isoformat(), d, d
    if granularity == "week":
        d = date(year, month, day)
        iso = d.isocalendar()
        monday = d - timedelta(days=d.weekday())
        return f"{iso.year}-W{iso.week:02d}", monday, monday + timedelta(days=6)
    if granularity == "month":
        return f"{year:04d}-{month:02d}", date(year, month, 1), _month_end(year, month)
    if granularity == "year":
        return f"{year:04d}", date(year, 1, 1), date(year, 12, 31)
    if granularity == "decade":
        start = year - year % 10
        return f"{start // 10:03d}", date(start, 1, 1), date(start + 9, 12, 31)
    if granularity == "century":
        start = year - year % 100
        return f"{start // 100:02d}", date(start, 1, 1), date(start + 99, 12, 31)
    raise ValueError(f"unknown granularity {granularity!r}")


def _hijri_interval(year: int, month: int | None, day: int | None):
    """(value, start, end, granularity) of a Hijri day, month or year (Umm al-Qura)."""
    if day is not None:
        d = Hijri(year, month, day).to_gregorian()
        d = date(d.year, d.month, d.day)
        return d.isoformat(), d, d, "day"
    if month is not None:
        first = Hijri(year, month, 1)
        start = first.to_gregorian()
        end = start + timedelta(days=first.month_length() - 1)
        granularity = "hijri_month"
    else:
        start = Hijri(year, 1, 1).to_gregorian()
        end = Hijri(year + 1, 1, 1).to_gregorian() - timedelta(days=1)
        granularity = "hijri_year"
    start, end = date(start.year, start.month, start.day), date(end.year, end.month, end.day)
    return f"{start.isoformat()}/{end.isoformat()}", start, end, granularity


def _to_hijri(d: date) -> Hijri:
    return Gregorian(d.year, d.month, d.day).to_hijri()


def _place(
    month: int, day: int | None, ref_month: int, ref_day: int, shift: int | None, future: bool
) -> int:
    """Year offset for a month(/day) said with المقبل (+1), الماضي (-1) or nothing.

    With nothing, the reference year, unless the clause is in the future
    tense and the date has passed (then next year).
    """
    here = (month, day or 0)
    now = (ref_month, ref_day if day else 0)
    if shift is None and future:
        return 0 if here >= now else 1
    if shift == 1:
        return 0 if here > now else 1
    if shift == -1:
        return 0 if here < now else -1
    return 0


def _weekday_date(ref: date, weekday: int, shift: int | None, future: bool) -> date:
    if shift == -1 or (shift is None and not future):
        back = (ref.weekday() - weekday) % 7
        return ref - timedelta(days=back or (7 if shift == -1 else 0))
    ahead = (weekday - ref.weekday()) % 7
    return ref + timedelta(days=ahead or (7 if shift == 1 else 0))


def _relative(p: Parsed, ref: date) -> tuple[str, date, date, str]:
    g = p.granularity
    if g in ("day", "time"):
        d = ref + timedelta(days=p.offset)
        value, start, end = _gregorian_interval("day", d.year, d.month, d.day)
        if p.clock:
            value = f"{value}T{p.clock}"
        return value, start, end, g
    if g == "week":
        d = ref + timedelta(weeks=p.offset)
        return (*_gregorian_interval("week", d.year, d.month, d.day), g)
    if g == "month":
        year, month = _shift_month(ref.year, ref.month, p.offset)
        return (*_gregorian_interval("month", year, month, None), g)
    if g == "year":
        return (*_gregorian_interval("year", ref.year + p.offset, None, None), g)
    century = (ref.year // 100 + p.offset) * 100
    if g == "decade":
        return (*_gregorian_interval("decade", century + 10 * p.decade, None, None), g)
    return (*_gregorian_interval("century", century, None, None), g)


def _partial(p: Parsed, ref: date) -> tuple[str, date, date, str]:
    if p.calendar == "hijri":
        h = _to_hijri(ref)
        year = h.year + _place(p.month, p.day, h.month, h.day, p.shift, p.future)
        value, start, end, granularity = _hijri_interval(year, p.month, p.day)
        return value, start, end, granularity
    if p.month is None:  # day of this/next/previous month
        year, month = _shift_month(ref.year, ref.month, p.shift or 0)
        return (*_gregorian_interval("day", year, month, p.day), "day")
    year = ref.year + _place(p.month, p.day, ref.month, ref.day, p.shift, p.future)
    return (*_gregorian_interval(p.granularity, year, p.month, p.day), p.granularity)


def _absolute(p: Parsed) -> tuple[str, date, date, str]:
    if p.end_year is not None:  # a range of years: 1982-1990
        return f"{p.year}/{p.end_year}", date(p.year, 1, 1), date(p.end_year, 12, 31), "year"
    if p.calendar == "hijri":
        return _hijri_interval(p.year, p.month, p.day)
    return (*_gregorian_interval(p.granularity, p.year, p.month, p.day), p.granularity)


def _weekday_flag(p: Parsed, start: date | None, granularity: str) -> str | None:
    if p.weekday is None or start is None or granularity != "day" or p.kind == "weekday":
        return None
    if start.weekday() == p.weekday:
        return None
    return (
        f"weekday_mismatch: text says {calendar.day_name[p.weekday]}, "
        f"resolved {start.isoformat()} is a {calendar.day_name[start.weekday()]}"
    )


def resolve(p: Parsed, *, dct: date | None = None, previous: date | None = None,
            mode: str = "news") -> Resolution:  # fmt: skip
    """Resolve ``p`` against ``dct`` (news) or the ``previous`` absolute date (narrative).

    Anaphoric expressions (اليوم التالي) always use ``previous``.
    """
    if p.kind == "fixed":
        anchor = "absolute" if p.type in ("DURATION", "SET") else "dct" if dct else "unresolved"
        start = end = dct if p.value == "PRESENT_REF" and dct else None
        return Resolution(p.value, start, end, p.granularity, anchor)
    if p.kind == "absolute":
        try:
            value, start, end, granularity = _absolute(p)
        except (ValueError, OverflowError) as error:
            return Resolution(None, None, None, p.granularity, "unresolved", f"invalid: {error}")
        if p.part:
            value = f"{value}{p.part}"
        return Resolution(
            value, start, end, granularity, "absolute", _weekday_flag(p, start, granularity)
        )
    if p.kind == "anaphoric" or (mode == "narrative" and previous is not None):
        ref, anchor = previous, "previous date"
    else:
        ref, anchor = dct, "dct"
    if ref is None:
        return Resolution(None, None, None, p.granularity, "unresolved")
    try:
        if p.kind == "weekday":
            d = _weekday_date(ref, p.weekday, p.shift, p.future)
            value, start, end, granularity = d.isoformat(), d, d, "day"
        elif p.kind == "partial":
            value, start, end, granularity = _partial(p, ref)
        else:
            value, start, end, granularity = _relative(p, ref)
    except (ValueError, OverflowError) as error:
        return Resolution(None, None, None, p.granularity, "unresolved", f"invalid: {error}")
    if p.part:
        value = f"{value}{p.part}"
    flag = _weekday_flag(p, start, granularity)
    return Resolution(value, start, end, granularity, anchor, flag)

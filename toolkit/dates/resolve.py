"""Resolve parsed expressions to TIMEX3-style values and calendar intervals.

A relative expression needs a reference date: the document creation time
(``dct``) in news mode, the previous absolute date of the document in
narrative mode. Without one it stays unresolved — never guessed. Nor is
precision invented: a reference coarser than what the expression needs from
it (``سنة 1988 ... اليوم الموالي``: a day after a year) leaves the
expression unresolved, with the reason in ``anchor``.

Hijri dates are converted with the Umm al-Qura calendar (``hijri=
"umm_al_qura"``) or as Moroccan papers state them (``hijri="morocco"``):
Morocco fixes each month by local moon sighting, most often one day after
Umm al-Qura, so every Moroccan Hijri day is taken as the Umm al-Qura day
plus one (month lengths follow Umm al-Qura). Vague references (PAST_REF,
PRESENT_REF, FUTURE_REF) never get calendar dates.

>>> from toolkit.dates.grammar import Parsed
>>> r = resolve(Parsed("DATE", "relative", "week", offset=1), dct=date(2022, 7, 11))
>>> r.value, r.start_date, r.end_date, r.anchor
('2022-W29', datetime.date(2022, 7, 18), datetime.date(2022, 7, 24), 'dct')
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from convertdate import islamic
from hijridate import Gregorian, Hijri

from toolkit.dates.grammar import Parsed

__all__ = ["HIJRI_CALENDARS", "Resolution", "resolve"]

#: Hijri calendar -> days added to the Umm al-Qura Gregorian date of a Hijri date.
HIJRI_CALENDARS = {"umm_al_qura": 0, "morocco": 1}
#: How fine each granularity is; a reference must be at least as fine as what is needed.
_FINENESS = {"time": 0, "day": 1, "week": 2, "month": 3, "hijri_month": 3, "year": 4,
             "hijri_year": 4, "decade": 5, "century": 6, "hijri_century": 6}  # fmt: skip


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


def _hijri_interval(year: int, month: int | None, day: int | None, shift: int = 0):
    """(value, start, end, granularity) of a Hijri day, month or year (Umm al-Qura + shift days)."""
    if day is not None:
        d = Hijri(year, month, day).to_gregorian()
        d = date(d.year, d.month, d.day) + timedelta(days=shift)
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
    start = date(start.year, start.month, start.day) + timedelta(days=shift)
    end = date(end.year, end.month, end.day) + timedelta(days=shift)
    return f"{start.isoformat()}/{end.isoformat()}", start, end, granularity


def _to_hijri(d: date, shift: int = 0) -> Hijri:
    d = d - timedelta(days=shift)
    return Gregorian(d.year, d.month, d.day).to_hijri()


def _place(month: int, day: int | None, ref_month: int, ref_day: int, p: Parsed) -> int:
    """Year offset for a month(/day) said with المقبل (+1), الماضي (-1) or nothing.

    With nothing, the reference year, unless the clause's tense says
    otherwise: in the future tense a date already passed is next year's, in
    the past tense a date still to come is last year's.
    """
    here = (month, day or 0)
    now = (ref_month, ref_day if day else 0)
    shift = p.shift
    if shift is None and p.future:
        return 0 if here >= now else 1
    if shift is None and p.past:
        return 0 if here <= now else -1
    if shift == 1:
        return 0 if here > now else 1
    if shift == -1:
        return 0 if here < now else -1
    return 0


def _weekday_date(ref: date, weekday: int, shift: int | None, future: bool) -> date:
    """The weekday before (الماضي, or by default) or after (المقبل, future tense) ``ref``."""
    if shift == -1 or (shift is None and not future):
        back = (ref.weekday() - weekday) % 7
        return ref - timedelta(days=back or (7 if shift == -1 else 0))
    ahead = (weekday - ref.weekday()) % 7
    return ref + timedelta(days=ahead or (7 if shift == 1 else 0))


def _relative(p: Parsed, ref: date) -> tuple[str, date, date, str]:
    g = p.granularity
    if g in ("day", "time"):
        d = ref + timedelta(days=p.offset)
        return (*_gregorian_interval("day", d.year, d.month, d.day), g)
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


def _partial(p: Parsed, ref: date, shift: int) -> tuple[str, date, date, str]:
    if p.calendar == "hijri":
        h = _to_hijri(ref, shift)
        year = h.year + _place(p.month, p.day, h.month, h.day, p)
        return _hijri_interval(year, p.month, p.day, shift)
    if p.month is None:  # day of this/next/previous month
        year, month = _shift_month(ref.year, ref.month, p.shift or 0)
        return (*_gregorian_interval("day", year, month, p.day), "day")
    if p.year_offset is not None:  # أكتوبر من العام الماضي
        year = ref.year + p.year_offset
    else:
        year = ref.year + _place(p.month, p.day, ref.month, ref.day, p)
    return (*_gregorian_interval(p.granularity, year, p.month, p.day), p.granularity)


def _hijri_century_interval(first_year: int) -> tuple[str, date, date, str]:
    """Hijri years ``first_year``..+99 (the first century starts in year 1), as Gregorian dates.

    Umm al-Qura tables cover only 1343-1500 AH, so centuries use the
    arithmetical Islamic calendar: off by a day or two, nothing at this scale.
    """
    start = date(*islamic.to_gregorian(max(first_year, 1), 1, 1))
    end = date(*islamic.to_gregorian(first_year + 100, 1, 1)) - timedelta(days=1)
    return f"{start.isoformat()}/{end.isoformat()}", start, end, "hijri_century"


def _absolute(p: Parsed, shift: int) -> tuple[str, date, date, str]:
    if p.granularity == "hijri_century":
        return _hijri_century_interval(p.year)
    if p.calendar == "hijri":
        return _hijri_interval(p.year, p.month, p.day, shift)
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


def _needed(p: Parsed) -> str:
    """The granularity a relative expression needs from its reference."""
    if p.kind == "weekday":
        return "day"
    if p.kind == "partial":
        return "year" if p.month is not None else "month"
    return "day" if p.granularity == "time" else p.granularity


def resolve(
    p: Parsed,
    *,
    dct: date | None = None,
    previous: date | None = None,
    mode: str = "news",
    previous_granularity: str = "day",
    hijri: str = "umm_al_qura",
) -> Resolution:
    """Resolve ``p`` against ``dct`` (news) or the ``previous`` absolute date (narrative).

    Anaphoric expressions (اليوم التالي) always use ``previous``, whose
    granularity is ``previous_granularity``: a reference coarser than what
    ``p`` needs leaves it unresolved. ``hijri`` is a key of
    :data:`HIJRI_CALENDARS`.
    """
    shift = HIJRI_CALENDARS.get(hijri)
    if shift is None:
        raise ValueError(f"hijri must be one of {sorted(HIJRI_CALENDARS)}, got {hijri!r}")
    if p.kind == "fixed":
        anchor = "absolute" if p.type in ("DURATION", "SET") else "dct" if dct else "unresolved"
        return Resolution(p.value, None, None, p.granularity, anchor)
    if p.kind == "absolute":
        try:
            value, start, end, granularity = _absolute(p, shift)
        except (ValueError, OverflowError) as error:
            return Resolution(None, None, None, p.granularity, "unresolved", f"invalid: {error}")
        if p.part:
            value = f"{value}{p.part}"
        return Resolution(
            value, start, end, granularity, "absolute", _weekday_flag(p, start, granularity)
        )
    if p.kind == "anaphoric" or (mode == "narrative" and previous is not None):
        ref, anchor = previous, "previous date"
        if ref is not None and _FINENESS[previous_granularity] > _FINENESS[_needed(p)]:
            reason = f"unresolved: previous date is a {previous_granularity}, not a {_needed(p)}"
            return Resolution(None, None, None, p.granularity, reason)
    else:
        ref, anchor = dct, "dct"
    if ref is None:
        return Resolution(None, None, None, p.granularity, "unresolved")
    try:
        if p.kind == "weekday":
            d = _weekday_date(ref, p.weekday, p.shift, p.future)
            value, start, end, granularity = d.isoformat(), d, d, "day"
        elif p.kind == "partial":
            value, start, end, granularity = _partial(p, ref, shift)
        else:
            value, start, end, granularity = _relative(p, ref)
    except (ValueError, OverflowError) as error:
        return Resolution(None, None, None, p.granularity, "unresolved", f"invalid: {error}")
    if p.clock and granularity in ("day", "time"):
        value, granularity = f"{value}T{p.clock}", "time"
    if p.part:
        value = f"{value}{p.part}"
    flag = _weekday_flag(p, start, granularity)
    return Resolution(value, start, end, granularity, anchor, flag)

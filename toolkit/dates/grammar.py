"""Recognise Arabic temporal expressions in normalised text.

All rules are alternatives of one compiled regular expression, matched once
over the :func:`toolkit.normalize` form of a document; each rule's handler
turns the matched groups into a :class:`Parsed` frame (what the words say,
before any reference date is known). :mod:`toolkit.dates.resolve` then
computes values and intervals.

>>> text = normalize("وصل أمس السبت، بعد 24 نونبر 2021")
>>> [(m.text, m.parsed.kind) for m in find_expressions(text)]
[('امس السبت', 'relative'), ('24 نونبر 2021', 'absolute')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from toolkit.dates.lexicon import (
    CENTURY_ORDINALS,
    DAY_ORDINALS,
    DECADE_STEMS,
    GREGORIAN_MONTHS,
    HIJRI_MONTHS,
    NUMBER_WORDS,
    UNIT_FORMS,
    WEEKDAYS,
    alternation,
)
from toolkit.text.forms import CONJUNCTIONS, PREPOSITIONS
from toolkit.text.normalize import normalize

__all__ = ["Match", "Parsed", "find_expressions"]


@dataclass(frozen=True, slots=True)
class Parsed:
    """What an expression says, before resolution.

    ``kind`` is ``absolute`` (year/month/day given), ``partial`` (day or
    month given, year or month from the reference), ``relative`` (``offset``
    units of ``granularity`` from the reference), ``weekday`` (the
    ``weekday`` before/after/nearest the reference, by ``shift``),
    ``anaphoric`` (relative to the previous date in the text) or ``fixed``
    (``value`` needs no reference: durations, sets, PAST_REF...).
    """

    type: str
    kind: str
    granularity: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    calendar: str = "gregorian"
    offset: int = 0
    shift: int | None = None
    weekday: int | None = None
    part: str | None = None
    clock: str | None = None
    decade: int | None = None
    value: str | None = None
    future: bool = False
    end_year: int | None = None


@dataclass(frozen=True, slots=True)
class Match:
    """A recognised expression: ``norm[start:end] == text`` in the normalised document."""

    start: int
    end: int
    text: str
    rule: str
    parsed: Parsed


def _n(pattern: str) -> str:
    """Patterns are written in ordinary Arabic and normalised like the text."""
    return normalize(pattern)


# ---------------------------------------------------------------- word classes
MONTH = alternation(GREGORIAN_MONTHS)
HMONTH = alternation(HIJRI_MONTHS)
WEEKDAY = alternation(WEEKDAYS)
WEEKDAY_BARE = alternation(w[2:] for w in WEEKDAYS)
#: Counts written in words; one and two are said with the singular or the dual instead.
COUNT_WORDS = {word: n for word, n in NUMBER_WORDS.items() if n > 2 and word != "الف"}
DAY_ORDINAL = alternation(DAY_ORDINALS)
NUMBER = r"(?:\d{1,3}|" + alternation(COUNT_WORDS) + ")"
DAY = r"(?:3[01]|[12]\d|0?[1-9])"
YEAR = r"\d{4}"
ERA = _n(r"(?:\s?(?P<era>م|ه|ميلادي[ةه]?|هجري[ةه]?|للميلاد|للهجر[ةه]))?")
PAIRED_MONTH = r"(?:(?:\s*[/(\-]\s*|\s+)" + MONTH + r"(?:\s*\))?)?"
YEAR_WORD = _n(r"(?:(?:من\s+)?(?:عام|سن[ةه])\s+)?")
ART = _n(r"(?:ال|(?<=ل)ل)")

_DIRECTIONS = {
    "المقبل": 1, "القادم": 1, "الموالي": 1, "التالي": 1, "اللاحق": 1,
    "الماضي": -1, "المنصرم": -1, "الفائت": -1, "المنقضي": -1, "السابق": -1,
    "الجاري": 0, "الحالي": 0, "هذا": 0, "هذه": 0, "نفسه": 0, "ذاته": 0,
}  # fmt: skip
REL = _n("(?:المقبل|القادم|الماضي|المنصرم|الفائت|المنقضي|الجاري|الحالي)(?:[ةه]|ين)?")
ANAPHORIC_REL = _n("(?:التالي|الموالي|اللاحق|السابق|نفسه|ذاته|نفسها|ذاتها)[ةه]?")

_PARTS = {
    "صباح": "TMO", "فجر": "TMO", "ظهر": "TAF", "عصر": "TAF", "زوال": "TAF",
    "مساء": "TEV", "ليلة": "TNI", "ليل": "TNI", "منتصف ليلة": "TNI", "منتصف ليل": "TNI",
}  # fmt: skip
PART = alternation(_n(p) for p in _PARTS)
_DAY_WORDS = {
    "اليوم": 0, "الليلة": 0, "هذا الصباح": 0, "هذا المساء": 0, "امس": -1, "الامس": -1,
    "البارحة": -1, "امس الاول": -2, "اول امس": -2, "اول من امس": -2, "غدا": 1, "الغد": 1,
    "بعد غد": 2, "يوم غد": 1, "يومه": 0,
}  # fmt: skip
DAY_WORD = alternation(_DAY_WORDS)
_UNIT_OF = {form: unit for unit, forms in UNIT_FORMS.items() for f in forms.values() for form in f}
_DUAL = {form for forms in UNIT_FORMS.values() for form in forms["dual"]}
UNIT_ANY = alternation(_UNIT_OF)
UNIT_DUAL = alternation(_DUAL)
UNIT_ONE = alternation(f for u in ("D", "W", "M", "Y") for f in UNIT_FORMS[u]["singular"])
UNIT_PLURAL = alternation(f for forms in UNIT_FORMS.values() for f in forms["plural"])
APPROX = _n(
    r"(?:(?:نحو|حوالي|حوالى|زهاء|قرابة|اكثر\s+من|اقل\s+من|ما\s+يقارب|ما\s+يزيد\s+عن|ما\s+يزيد\s+على)\s+)?"
)
#: Words after which a bare year is a date. After the weak ones a number is often a count
#: (في 2000 منزل، حدود 2000 شخصا), so the year must not be followed by a counted noun.
_STRONG_YEAR_TRIGGERS = [
    "منذ", "بحلول", "مطلع", "بداية", "نهاية", "أواخر", "أوائل", "منتصف", "صيف", "شتاء", "خريف",
    "ربيع", "موسم", "غاية", "عامي", "سنتي", "أعوام", "أفق", "رؤية", "انتخابات", "مونديال",
    "نسخة", "دورة", "بطولة", "استفتاء", "انتفاضة", "حرب", "ثورة", "دستور", "أجندة", "المالية",
    "طبعة",
]  # fmt: skip
_WEAK_YEAR_TRIGGERS = ["في", "خلال", "حتى", "قبل", "بعد", "بين", "إلى", "حدود", "العالم"]


def _after_any(words: list[str]) -> str:
    return "(?:" + "|".join(f"(?<={re.escape(_n(w))}\\s)" for w in words) + ")"


STRONG_YEAR_TRIGGER = _after_any(_STRONG_YEAR_TRIGGERS)
WEAK_YEAR_TRIGGER = (
    _after_any(_WEAK_YEAR_TRIGGERS)[:-1] + r"|(?<=\()|(?<=\d\d\d\d\sو)|(?<=\d\d\d\d\s\sو))"
)
YEAR_G = r"(?:1[89]|20)\d\d"
_MONTH_TRIGGERS = ["في", "منذ", "خلال", "حتى", "مطلع", "بداية", "نهاية", "أواخر", "أوائل", "منتصف",
                   "تسليم", "عقد"]  # fmt: skip
MONTH_TRIGGER = _after_any(_MONTH_TRIGGERS)
#: Month names that are also common words or names (آب "father", ماي as in Theresa May)
#: need a number.
_BARE_MONTHS = [m for m in GREGORIAN_MONTHS if m not in ("اب", "ماي", "جوان")]
_FUTURE = re.compile(
    _n(
        r"(?<!\w)(?:سوف|من المقرر|من المنتظر|يرتقب|ترتقب|المرتقب|المزمع|يعتزم|تعتزم|"
        r"س[يتن](?:عقد|نظم|جري|زور|حل|شارك|تم|لتقي|نطلق|كون|قوم|صل|توجه|ستقبل|قام|عود|بدا|فتتح))"
    )
)
_VAGUE_WORDS = {
    "مؤخرا": "PAST_REF", "في الماضي": "PAST_REF", "حاليا": "PRESENT_REF", "الان": "PRESENT_REF",
    "في الوقت الحالي": "PRESENT_REF", "في الوقت الراهن": "PRESENT_REF",
    "مستقبلا": "FUTURE_REF", "في المستقبل": "FUTURE_REF",
}  # fmt: skip
_ADVERB_SETS = {"يوميا": "P1D", "اسبوعيا": "P1W", "شهريا": "P1M", "سنويا": "P1Y"}
_AGE = re.compile(_n(r"(?:\(|العمر|عمره|عمرها|عمر|يناهز|البالغ|البالغة|سن|ابن|ابنة)\s*$"))
_NOT_WEEKDAY = re.compile(
    _n(
        r"(?:بين|كلا|لكلا|هذين|ان|لان|لكن)\s+الاثنين"
        r"|الاثنين\s+(?:معا|منهما|منهم|الذين|[^\W\d_]+ا(?!\w))|الاحد\s+عشر"
    )
)
_NO_DATE_AFTER = r"(?!\s*(?:\d|ال|من\s|" + MONTH + "|" + HMONTH + "))"


# ---------------------------------------------------------------- helpers
def _number(word: str) -> int:
    word = " ".join(word.split())
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def _direction(word: str | None) -> int | None:
    if word is None:
        return None
    word = word.split()[-1]
    if word not in _DIRECTIONS:  # الماضية، الماضيين
        word = word.removesuffix("ة").removesuffix("ه").removesuffix("ين")
    return _DIRECTIONS.get(word)


def _month(word: str, table: dict[str, int]) -> int:
    return table[" ".join(word.split())]


def _year(digits: str, era: str | None) -> tuple[int, str] | None:
    """Year number and calendar; Hijri when marked هـ, or unmarked in 1350-1500."""
    year = int(digits)
    if (era and era[0] == "ه") or (era is None and 1350 <= year <= 1500):
        return year, "hijri"
    if 1000 <= year <= 2200:
        return year, "gregorian"
    return None


# ---------------------------------------------------------------- handlers
Groups = dict[str, str | None]
Handler = Callable[[Groups, str, int], Parsed | None]


def _day_word(g: Groups, norm: str, start: int) -> Parsed:
    words = " ".join(g["word"].split())
    part = g.get("part")
    if words in ("الليلة", "هذا المساء", "هذا الصباح"):
        part = part or {"الليلة": "ليلة", "هذا المساء": "مساء", "هذا الصباح": "صباح"}[words]
    return Parsed(
        "TIME" if part else "DATE",
        "relative",
        "day",
        offset=_DAY_WORDS[words],
        weekday=WEEKDAYS[g["wd"]] if g.get("wd") else None,
        part=_PARTS[" ".join(part.split())] if part else None,
    )


def _part_weekday(g: Groups, norm: str, start: int) -> Parsed:
    return Parsed(
        "TIME",
        "weekday",
        "day",
        weekday=WEEKDAYS[g["wd"]],
        shift=_direction(g["rel"]),
        part=_PARTS[" ".join(g["part"].split())],
        future=_is_future(norm, start),
    )


def _full_date(g: Groups, norm: str, start: int) -> Parsed | None:
    if g["first"]:
        day = 1
    elif g["ordinal"]:
        day = DAY_ORDINALS[" ".join(g["ordinal"].split())]
    else:
        day = int(g["day"])
    month = _month(g["month"], GREGORIAN_MONTHS)
    weekday = WEEKDAYS[g["wd"]] if g["wd"] else None
    part = _PARTS[" ".join(g["part"].split())] if g.get("part") else None
    kind = "TIME" if part else "DATE"
    if g["year"]:
        year = _year(g["year"], g["era"])
        if year is None or year[1] == "hijri":
            return None
        return Parsed(kind, "absolute", "day", year[0], month, day, weekday=weekday, part=part)
    return Parsed(
        kind, "partial", "day", None, month, day, shift=_direction(g["rel"]), weekday=weekday,
        part=part, future=_is_future(norm, start),
    )  # fmt: skip


def _hijri_date(g: Groups, norm: str, start: int) -> Parsed | None:
    day = 1 if g["first"] else int(g["day"]) if g["day"] else None
    if not (day or g["year"] or g["rel"] or g["shahr"]):
        return None
    month = _month(g["month"], HIJRI_MONTHS)
    weekday = WEEKDAYS[g["wd"]] if g["wd"] else None
    granularity = "day" if day else "month"
    if g["year"]:
        return Parsed("DATE", "absolute", granularity, int(g["year"]), month, day, "hijri",
                      weekday=weekday)  # fmt: skip
    return Parsed("DATE", "partial", granularity, None, month, day, "hijri",
                  shift=_direction(g["rel"]), weekday=weekday)  # fmt: skip


def _numeric(g: Groups, norm: str, start: int) -> Parsed | None:
    year, month, day = int(g["y"] or g["y2"]), int(g["m"] or g["m2"]), int(g["d"] or g["d2"])
    calendar = "hijri" if (g["era"] or "").startswith("ه") or 1350 <= year <= 1500 else "gregorian"
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1000 <= year <= 2200):
        return None
    return Parsed("DATE", "absolute", "day", year, month, day, calendar)


def _hijri_numeric_month(g: Groups, norm: str, start: int) -> Parsed | None:
    month = int(g["m"])
    if not 1 <= month <= 12:
        return None
    return Parsed("DATE", "absolute", "month", int(g["y"]), month, calendar="hijri")


def _day_of_month(g: Groups, norm: str, start: int) -> Parsed:
    return Parsed(
        "DATE", "partial", "day", day=int(g["day"]), shift=_direction(g["rel"]) or 0,
        weekday=WEEKDAYS[g["wd"]] if g["wd"] else None,
    )  # fmt: skip


def _month_year(g: Groups, norm: str, start: int) -> Parsed | None:
    year = _year(g["year"], g["era"])
    if year is None or year[1] == "hijri":
        return None
    return Parsed("DATE", "absolute", "month", year[0], _month(g["month"], GREGORIAN_MONTHS))


def _month_rel(g: Groups, norm: str, start: int) -> Parsed:
    month = _month(g["month"] or g.get("month2"), GREGORIAN_MONTHS)
    shift = _direction(g.get("rel") or g.get("rel2"))
    return Parsed("DATE", "partial", "month", month=month, shift=shift,
                  future=_is_future(norm, start))  # fmt: skip


def _year_rule(g: Groups, norm: str, start: int) -> Parsed | None:
    year = _year(g["year"] or g["year2"] or g["year3"] or g["year4"], g["era"] or g["era2"])
    if year is None:
        return None
    return Parsed("DATE", "absolute", "year", year[0], calendar=year[1])


def _year_range(g: Groups, norm: str, start: int) -> Parsed | None:
    first, last = int(g["y1"]), int(g["y2"])
    if not first < last <= first + 200:
        return None
    return Parsed("DATE", "absolute", "year", first, end_year=last)


def _decade(g: Groups, norm: str, start: int) -> Parsed:
    digit = DECADE_STEMS[g["stem"]]
    century = g["century"]
    if century is None:
        return Parsed("DATE", "absolute", "decade", 1900 + 10 * digit)
    shift = _direction(century)
    if shift is not None:
        return Parsed("DATE", "relative", "decade", offset=shift, decade=digit)
    number = _century_number(century)
    return Parsed("DATE", "absolute", "decade", (number - 1) * 100 + 10 * digit)


def _century_number(word: str) -> int:
    digits = word.removeprefix("ال")
    return int(digits) if digits.isdigit() else CENTURY_ORDINALS[" ".join(word.split())]


def _century(g: Groups, norm: str, start: int) -> Parsed:
    shift = _direction(g["which"])
    if shift is not None:
        return Parsed("DATE", "relative", "century", offset=shift)
    return Parsed("DATE", "absolute", "century", (_century_number(g["which"]) - 1) * 100)


_UNIT_GRANULARITY = {"D": "day", "W": "week", "M": "month", "Y": "year", "DE": "decade",
                     "CE": "century", "H": "day", "MIN": "day"}  # fmt: skip
_UNIT_WORDS = {"اسبوع": "week", "شهر": "month", "عام": "year", "سنة": "year", "سنه": "year",
               "يوم": "day"}  # fmt: skip


def _anaphoric(g: Groups, norm: str, start: int) -> Parsed:
    unit = _UNIT_WORDS[g["unit"].removeprefix("ال")]
    return Parsed("DATE", "anaphoric", unit, offset=_direction(g["rel"].removesuffix("ها")) or 0)


def _relative_unit(g: Groups, norm: str, start: int) -> Parsed:
    unit = (g["unit"] or g["unit2"]).removeprefix("ال").removeprefix("ل")
    shift = 0 if g["this"] else _direction(g["rel"])
    return Parsed("DATE", "relative", _UNIT_WORDS[unit], offset=shift)


def _vague(g: Groups, norm: str, start: int) -> Parsed:
    if g["adverb"]:
        return Parsed("DATE", "fixed", "vague", value=_VAGUE_WORDS[" ".join(g["adverb"].split())])
    if g["dir"]:
        value = "FUTURE_REF" if g["dir"] == "بعد" else "PAST_REF"
    else:
        value = "FUTURE_REF" if _direction(g["rel"]) == 1 else "PAST_REF"
    return Parsed("DATE", "fixed", "vague", value=value)


def _duration_value(count: int | str, unit: str) -> str:
    if unit in ("H", "MIN"):
        return f"PT{count}{unit[0]}"
    return f"P{count}{unit}"


def _counted(g: Groups, norm: str, start: int) -> Parsed:
    if g.get("dual"):
        count, unit = 2, _UNIT_OF[g["dual"]]
    elif g.get("num"):
        count, unit = _number(g["num"]), _UNIT_OF[g["unit"]]
    else:
        count, unit = 1, _UNIT_OF[g["one"]]
    if g["dir"] is None:
        if unit == "Y" and _AGE.search(norm, max(0, start - 30), start):
            return None  # an age: (52 عاما), يبلغ من العمر 56 سنة
        return Parsed("DURATION", "fixed", "duration", value=_duration_value(count, unit))
    sign = 1 if g["dir"] == "بعد" else -1
    factor = {"DE": 10, "CE": 100}.get(unit, 1)
    granularity = _UNIT_GRANULARITY[unit]
    if unit in ("DE", "CE"):
        granularity = "year"
    if unit in ("H", "MIN"):
        count = 0
    return Parsed("DATE", "relative", granularity, offset=sign * count * factor)


def _vague_duration(g: Groups, norm: str, start: int) -> Parsed:
    return Parsed("DURATION", "fixed", "duration", value=_duration_value("X", _UNIT_OF[g["unit"]]))


def _set(g: Groups, norm: str, start: int) -> Parsed:
    if g["adverb"]:
        return Parsed("SET", "fixed", "set", value=_ADVERB_SETS[g["adverb"]])
    weekday = g["wd"] or g["wd2"]
    if weekday:
        number = WEEKDAYS.get(weekday, WEEKDAYS.get("ال" + weekday))
        return Parsed("SET", "fixed", "set", value=f"XXXX-WXX-{number + 1}")
    if g["dual"]:
        count, unit = 2, _UNIT_OF[g["dual"]]
    elif g["num"]:
        count, unit = _number(g["num"]), _UNIT_OF[g["unit"]]
    else:
        count, unit = 1, _UNIT_OF[g["one"]]
    return Parsed("SET", "fixed", "set", value=_duration_value(count, unit))


def _clock(g: Groups, norm: str, start: int) -> Parsed | None:
    hour, minute = int(g["hour"]), int(g["minute"] or 0)
    if g["period"] and g["period"] not in ("صباحا",) and hour < 12:
        hour += 12
    if hour > 24 or minute > 59:
        return None
    return Parsed("TIME", "relative", "time", clock=f"{hour:02d}:{minute:02d}")


def _weekday(g: Groups, norm: str, start: int) -> Parsed | None:
    shift = _direction(g["rel"])
    if (
        shift is None
        and g["yawm"] is None
        and _NOT_WEEKDAY.search(norm, max(0, start - 6), start + 24)
    ):
        return None  # الاحد عشر "the eleven", بين الاثنين "between the two"
    return Parsed(
        "DATE", "weekday", "day", weekday=WEEKDAYS[g["wd"]], shift=shift,
        future=_is_future(norm, start),
    )  # fmt: skip


def _is_future(norm: str, start: int) -> bool:
    """Is a future-tense marker in the words just before ``start`` (same clause)?"""
    window = norm[max(0, start - 80) : start]
    window = re.split(r"[.!?؟؛\n]", window)[-1]
    return bool(_FUTURE.search(window))


# ---------------------------------------------------------------- rules
UNIT_SET = alternation([*(forms["singular"][0] for forms in UNIT_FORMS.values()), "سنة", "سنه"])
_PIECES = {
    "MONTH": MONTH, "HMONTH": HMONTH, "BARE_MONTH": alternation(_BARE_MONTHS),
    "PAIRED_MONTH": PAIRED_MONTH, "WEEKDAY": WEEKDAY, "WEEKDAY_BARE": WEEKDAY_BARE,
    "DAY": DAY, "DAY_ORDINAL": DAY_ORDINAL, "YEAR": YEAR, "YEAR_G": YEAR_G, "ERA": ERA,
    "YEAR_WORD": YEAR_WORD, "STRONG_YEAR_TRIGGER": STRONG_YEAR_TRIGGER,
    "WEAK_YEAR_TRIGGER": WEAK_YEAR_TRIGGER, "MONTH_TRIGGER": MONTH_TRIGGER,
    "REL": REL, "ANAPHORIC_REL": ANAPHORIC_REL, "ART": ART, "PART": PART,
    "DAY_WORD": DAY_WORD, "NUMBER": NUMBER, "APPROX": APPROX, "UNIT_ANY": UNIT_ANY,
    "UNIT_DUAL": UNIT_DUAL, "UNIT_ONE": UNIT_ONE, "UNIT_PLURAL": UNIT_PLURAL,
    "UNIT_SET": UNIT_SET, "DECADE_STEM": alternation(DECADE_STEMS),
    "CENTURY_ORDINAL": alternation(CENTURY_ORDINALS), "VAGUE_WORD": alternation(_VAGUE_WORDS),
    "ADVERB_SET": alternation(_ADVERB_SETS), "NO_DATE_AFTER": _NO_DATE_AFTER,
    "WD_PREFIX": r"(?:(?P<wd>" + WEEKDAY + r")\s*[،,]?\s*)?",
    "PART_PREFIX": r"(?:(?P<part>" + PART + _n(r")\s+(?:يوم\s+)?)?"),
}  # fmt: skip


def _rule(template: str) -> str:
    """A rule's regex: its Arabic normalised, then its ``{PIECE}`` placeholders filled."""
    return re.sub(r"\{([A-Z_]+)\}", lambda m: _PIECES[m.group(1)], _n(template))


_RULES: list[tuple[str, str, Handler]] = [
    ("clock", _rule(
        r"(?:الساعة|الساعه)\s+(?:ال\s*)?(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?"
        r"(?:\s+(?P<period>صباحا|مساء|ظهرا|ليلا|زوالا))?"), _clock),
    ("day_word", _rule(
        r"{PART_PREFIX}(?P<word>{DAY_WORD})"
        r"(?!\s+(?:ال[^\W\d_]+ي|الاخير|الاول|الذي|نفسه|ذاته)(?!\w))"
        r"(?:\s*[،,]?\s*(?P<wd>{WEEKDAY}))?"), _day_word),
    ("full_date", _rule(
        r"{PART_PREFIX}{WD_PREFIX}"
        r"(?:(?P<first>الفاتح\s+من|فاتح|الفاتح)|(?P<ordinal>{DAY_ORDINAL})\s+من|(?P<day>{DAY}))"
        r"\s*(?:من\s+)?(?:شهر\s+)?(?P<month>{MONTH}){PAIRED_MONTH}"
        r"(?:\s*[،,]?\s*{YEAR_WORD}(?P<year>{YEAR}){ERA}|\s+(?P<rel>{REL}))?"), _full_date),
    ("hijri_date", _rule(
        r"{WD_PREFIX}(?:(?:(?P<first>غرة|غره|الفاتح\s+من|فاتح)|(?P<day>{DAY}))\s+(?:من\s+)?)?"
        r"(?P<shahr>شهر\s+)?(?P<month>{HMONTH})(?:\s+(?:المبارك|الفضيل|الحرام))?"
        r"(?:\s*[،,]?\s*{YEAR_WORD}(?P<year>\d{4})(?:\s?(?:ه|هجري[ةه]?|للهجر[ةه]))?"
        r"|\s+(?P<rel>{REL}))?"), _hijri_date),
    ("numeric_date", _rule(
        r"(?:(?P<d>{DAY})\s?(?P<sep>[/.\-])\s?(?P<m>\d{1,2})\s?(?P=sep)\s?(?P<y>\d{4})"
        r"|(?P<y2>\d{4})(?P<sep2>[/.\-])(?P<m2>\d{1,2})(?P=sep2)(?P<d2>\d{1,2})){ERA}"), _numeric),
    ("hijri_numeric_month", _rule(
        r"(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})\s?(?:ه|هجري[ةه]?)"), _hijri_numeric_month),
    ("day_of_month", _rule(
        r"{WD_PREFIX}(?P<day>{DAY})\s+(?:من\s+)?(?:هذا\s+)?الشهر(?:\s+(?P<rel>{REL}))?"),
        _day_of_month),
    ("month_year", _rule(
        r"(?:شهر\s+)?(?P<month>{MONTH}){PAIRED_MONTH}\s*[،,]?\s*{YEAR_WORD}(?P<year>{YEAR}){ERA}"),
        _month_year),
    ("month_rel", _rule(
        r"(?:شهر\s+(?P<month>{MONTH}){PAIRED_MONTH}(?:\s+(?P<rel>{REL}))?"
        r"|(?P<month2>{MONTH}){PAIRED_MONTH}\s+(?P<rel2>{REL}))"), _month_rel),
    ("month_after_preposition", _rule(
        r"{MONTH_TRIGGER}(?P<month>{BARE_MONTH}){PAIRED_MONTH}"), _month_rel),
    ("year_range", _rule(
        r"(?P<y1>{YEAR_G})\s*(?:-|–|—|/|الى|إلى|حتى)\s*(?P<y2>{YEAR_G}){ERA}"), _year_range),
    ("year", _rule(
        r"(?:(?:ال)?(?:عام|سن[ةه]|عامي|سنتي)\s+(?P<year>{YEAR}){ERA}"
        r"|(?P<year2>{YEAR})\s?(?P<era2>م|ه|ميلادي[ةه]?|هجري[ةه]?|للميلاد|للهجر[ةه])(?!\w)"
        r"|{STRONG_YEAR_TRIGGER}(?P<year3>{YEAR_G})(?!\s*%)(?!\s+{UNIT_ANY}(?!\w))(?![/.\-]\d)"
        r"|{WEAK_YEAR_TRIGGER}(?P<year4>{YEAR_G})(?!\s*%)(?!\s+[^\W\d_]+ا(?!\w))"
        r"(?!\s+{UNIT_ANY}(?!\w))(?![/.\-]\d))"),
        _year_rule),
    ("decade", _rule(
        r"(?:ال)?(?P<stem>{DECADE_STEM})(?:ي)?ات(?:\s+(?:من\s+)?القرن\s+"
        r"(?P<century>الماضي|الحالي|الجاري|{CENTURY_ORDINAL}|(?:ال)?\d{1,2}))?"), _decade),
    ("century", _rule(
        r"القرن\s+(?P<which>الماضي|الحالي|الجاري|المقبل|القادم|{CENTURY_ORDINAL}|(?:ال)?\d{1,2})"
        # Hijri centuries (القرن الثاني الهجري) are not Gregorian ones: leave them out.
        r"(?!(?:\s+\w+)?\s+(?:ال)?هجري|(?:\s+\w+)?\s+للهجر)"),
        _century),
    ("anaphoric", _rule(
        r"(?P<unit>اليوم|الاسبوع|الشهر|العام|السنة|السنه)\s+(?P<rel>{ANAPHORIC_REL})"), _anaphoric),
    ("relative_unit", _rule(
        r"(?:(?P<this>هذا|هذه)\s+(?P<unit>الاسبوع|الشهر|العام|السنة|السنه)"
        r"|(?P<unit2>{ART}(?:اسبوع|شهر|عام|سنة|سنه))\s+(?P<rel>{REL}))"), _relative_unit),
    ("vague", _rule(
        r"(?:{ART}(?:اشهر|شهور|اسابيع|ايام|سنوات|اعوام|سنين|عقود|ساعات|فترة|فتره|اونة|اونه|مرحلة)"
        r"\s+(?:القليلة\s+|القليله\s+)?(?P<rel>الاخير[ةه]?|الماضي[ةه]|المقبل[ةه]|القادم[ةه]|"
        r"الاخيرين|الماضيين|المقبلين)"
        r"|(?P<dir>قبل|منذ|بعد)\s+(?:بضع[ةه]?\s+|عد[ةه]\s+)?{UNIT_PLURAL}(?:\s+قليل[ةه])?(?!\s*\d)"
        r"|(?P<adverb>{VAGUE_WORD}))"), _vague),
    ("counted", _rule(
        r"(?:(?P<dir>قبل|بعد|منذ)\s+{APPROX})?"
        r"(?:(?P<num>{NUMBER})\s+(?P<unit>{UNIT_ANY})|(?P<dual>{UNIT_DUAL}))"), _counted),
    ("one_unit", _rule(
        r"(?P<dir>قبل|بعد|منذ)\s+{APPROX}(?P<one>{UNIT_ONE})(?:\s+واحد[ةه]?)?"
        r"{NO_DATE_AFTER}(?!\s*(?:{WEEKDAY_BARE}))"), _counted),
    ("vague_duration", _rule(r"(?:بضع[ةه]?|عد[ةه])\s+(?P<unit>{UNIT_PLURAL})"), _vague_duration),
    ("set", _rule(
        r"(?:كل\s+(?:(?P<num>{NUMBER})\s+(?P<unit>{UNIT_ANY})|(?P<dual>{UNIT_DUAL})"
        r"|يوم\s+(?P<wd>{WEEKDAY_BARE}|{WEEKDAY})|(?P<wd2>{WEEKDAY})|(?P<one>{UNIT_SET}))"
        r"|(?P<adverb>{ADVERB_SET}))"), _set),
    ("part_weekday", _rule(
        r"(?P<part>{PART})\s+(?:يوم\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<rel>{REL}))?"), _part_weekday),
    ("weekday", _rule(r"(?P<yawm>(?<=يوم\s))?(?P<wd>{WEEKDAY})(?:\s+(?P<rel>{REL}))?"), _weekday),
]  # fmt: skip

#: Proclitics that may precede an expression: و ف, then ب ل ك (وبعد، بالأمس، للعام).
_CLITICS = rf"(?:[{CONJUNCTIONS}]?[{PREPOSITIONS}]?)"
_GROUP = re.compile(r"\(\?P([<=])(\w+)")
_LEAD_WORDS = [
    "الساعة", "الساعه", "فاتح", "الفاتح", "غرة", "غره", "شهر", "عام", "سنة", "سنه", "العام",
    "السنة", "السنه", "عامي", "سنتي", "القرن", "اليوم", "الاسبوع", "الشهر", "لاسبوع", "لشهر",
    "لعام", "لسنة", "لسنه", "قبل", "بعد", "منذ", "بضع", "بضعة", "بضعه", "عدة",
    "عده", "كل",
]  # fmt: skip
_THIS_UNITS = ["الاسبوع", "الشهر", "العام", "السنة", "السنه"]
_PLURALS = [
    "اشهر", "شهور", "اسابيع", "ايام", "سنوات", "اعوام", "سنين", "عقود", "ساعات", "فترة", "فتره",
    "اونة", "اونه", "مرحلة",
]  # fmt: skip


def _start_words() -> list[str]:
    """Every word or phrase an expression can begin with."""
    words = [*_LEAD_WORDS, *_PARTS, *_DAY_WORDS, *_VAGUE_WORDS, *_ADVERB_SETS, *_DUAL]
    words += [*GREGORIAN_MONTHS, *HIJRI_MONTHS, *WEEKDAYS, *COUNT_WORDS, *DAY_ORDINALS]
    words += [prefix + plural for plural in _PLURALS for prefix in ("ال", "ل")]
    words += [f"{this} {unit}" for this in ("هذا", "هذه") for unit in _THIS_UNITS]
    return [_n(w) for w in words]


def _compile(
    prefilter: bool = True,
) -> tuple[re.Pattern[str], list[tuple[str, int, dict[str, int], Handler]]]:
    """The master regex: a non-word character, proclitics, then one of the rules.

    It starts with a character class so that the engine skips ahead to word
    boundaries in C; with ``prefilter`` the rules are tried only where a
    digit or a start word (:func:`_start_words`, decade words) follows.
    """
    alternatives = []
    for name, pattern, _ in _RULES:
        renamed = _GROUP.sub(lambda m, n=name: f"(?P{m.group(1)}{n}__{m.group(2)}", pattern)
        alternatives.append(f"(?P<{name}>{renamed})")
    decades = alternation(w for stem in DECADE_STEMS for w in (stem, "ال" + stem))
    lead = rf"(?=\d|{alternation(_start_words())}(?!\w)|{decades})" if prefilter else ""
    master = re.compile(r"[^\w]" + _CLITICS + lead + "(?:" + "|".join(alternatives) + r")(?!\w)")
    rules = []
    for name, _, handler in _RULES:
        prefix = name + "__"
        groups = {
            key.removeprefix(prefix): index
            for key, index in master.groupindex.items()
            if key.startswith(prefix)
        }
        rules.append((name, master.groupindex[name], groups, handler))
    return master, rules


MASTER, _RULE_TABLE = _compile()
_BY_NAME = {name: (index, groups, handler) for name, index, groups, handler in _RULE_TABLE}


def find_expressions(norm: str) -> Iterator[Match]:
    """Yield the temporal expressions of normalised text, left to right, never overlapping."""
    padded = " " + norm  # the master regex begins by consuming one non-word character
    for match in MASTER.finditer(padded):
        name = match.lastgroup
        index, groups, handler = _BY_NAME[name]
        fields = {key: match.group(i) for key, i in groups.items()}
        start, end = match.start(index), match.end(index)
        parsed = handler(fields, padded, start)
        if parsed is not None:
            yield Match(start - 1, end - 1, padded[start:end], name, parsed)

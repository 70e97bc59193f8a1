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
    HOUR_WORDS,
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
    ``future``/``past`` give the clause's tense (:func:`_tense`) for a month
    or weekday said without a year or a direction; ``year_offset`` is the
    year of a month said with a relative year (أكتوبر من العام الماضي: -1).
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
    past: bool = False
    year_offset: int | None = None


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
NUMBER = r"(?:(?:ال\s?)?\d{1,3}|" + alternation(COUNT_WORDS) + ")"
DAY = r"(?:3[01]|[12]\d|0?[1-9])"
YEAR = r"\d{4}"
ERA = _n(r"(?:\s?(?P<era>م|ه|ميلادي[ةه]?|هجري[ةه]?|للميلاد|للهجر[ةه]))?")
PAIRED_MONTH = r"(?:(?:\s*[/(\-]\s*|\s+)" + MONTH + r"(?:\s*\))?)?"
YEAR_WORD = _n(r"(?:(?:من\s+)?(?:عام|سن[ةه])\s+)?")
ART = _n(r"(?:ال|(?<=ل)ل)")

_DIRECTIONS = {
    "الفارط": -1, "المقبل": 1, "القادم": 1, "الموالي": 1, "التالي": 1, "اللاحق": 1,
    "الماضي": -1, "المنصرم": -1, "الفائت": -1, "المنقضي": -1, "السابق": -1,
    "الجاري": 0, "الحالي": 0, "هذا": 0, "هذه": 0, "نفسه": 0, "ذاته": 0,
}  # fmt: skip
REL = _n("(?:المقبل|القادم|الماضي|المنصرم|الفائت|الفارط|المنقضي|الجاري|الحالي)(?:[ةه]|ين)?")
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
_ONE_UNITS = [f for u in ("D", "W", "M", "Y") for f in UNIT_FORMS[u]["singular"]]
UNIT_ONE = alternation(_ONE_UNITS)
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
#: Tense cues, read on the words just before an expression (HeidelTime's Arabic and
#: English rules read the tense of the sentence's verbs from a tagger; we read it from
#: word shapes). Future: سوف، من المقرر/المنتظر، س + a common imperfect stem.
_FUTURE_WORD = re.compile(
    _n(
        r"(?:سوف|تسليم|المقرر|المنتظر|المرتقب|المزمع|المبرمج|[وف]?س[يتن](?:عقد|نظم|جري|زور|حل|شارك|تم|"
        r"لتقي|نطلق|كون|قوم|صل|توجه|ستقبل|قام|عود|بدا|فتتح|عرف|شهد|حتضن|ستضيف|خوض|واجه|جتمع|"
        r"ناقش|صدر|علن|دخل|ستمر|نتهي|ختتم|لعب|قدم|طلق|ضم|حضر|عرض)[^\W\d_]*)"
    )
)
#: Imperfect verbs (present, and future in news): ي + a stem, or a few common ت forms.
_IMPERFECT = re.compile(
    _n(
        r"[وف]?(?:ي[^\W\d_]{3,}|ت(?:نظم|قام|عقد|نعقد|نطلق|جري|حتضن|ستضيف|بدا|ستمر|شهد|عرف|حل|"
        r"نتهي|ختتم|فتتح|ستقبل|عود|صل|شارك)[^\W\d_]*)"
    )
)
#: Words of imperfect shape that are not verbs.
_NOT_IMPERFECT = frozenset(
    _n(w) for w in ("يوم", "يوما", "يومي", "يومين", "يومه", "يونيو", "يوليو", "يوليوز", "يناير",
                    "يونيه", "يوليه", "يمين", "يسار", "يدي")
)  # fmt: skip
#: Perfect verbs: a feminine or plural ending (اعلنت، قالوا) or a common masculine form.
_PERFECT = re.compile(
    _n(
        r"[وف]?(?:(?!ال)[^\W\d_يت][^\W\d_]{1,4}(?<!ا)ت|[^\W\d_]{2,5}وا|اعلن|قال|اكد|اشار|اوضح|"
        r"كشف|شهد|عرف|وقع|جري|تم|كان|اصدر|نظم|عقد|انعقد|انطلق|احتضن|استقبل|زار|اختتم|افتتح|"
        r"صادق|توفي|اعتقل|سجل|بلغ|حل|عاد|غادر|التقي|ترأس|ذكر|افاد|اعتبر|قرر|دعا|حصل|فاز|خسر|"
        r"وصل|بدا|اطلق|نشر|قدم|شارك|حضر|عرض|ادي|اجري|وقّع|صدر|مر|ولد|قتل|اصيب)"
    )
)
#: One pass per word: which cue (future, imperfect, perfect) it is, if any.
_CUE = re.compile(
    f"(?P<future>{_FUTURE_WORD.pattern})|(?P<imperfect>{_IMPERFECT.pattern})"
    f"|(?P<perfect>{_PERFECT.pattern})"
)
_WORD = re.compile(r"[^\W\d_]+")
_CLAUSE_END = re.compile(r"[.!?؟؛\n]")
_VAGUE_WORDS = {
    "مؤخرا": "PAST_REF", "في الماضي": "PAST_REF", "حاليا": "PRESENT_REF", "الان": "PRESENT_REF",
    "في الوقت الحالي": "PRESENT_REF", "في الوقت الراهن": "PRESENT_REF",
    "مستقبلا": "FUTURE_REF", "في المستقبل": "FUTURE_REF", "قريبا": "FUTURE_REF",
    "عما قريب": "FUTURE_REF", "في القريب العاجل": "FUTURE_REF", "لاحقا": "FUTURE_REF",
    "في وقت لاحق": "FUTURE_REF", "في وقت سابق": "PAST_REF", "راهنا": "PRESENT_REF",
    "في الوقت الحاضر": "PRESENT_REF",
}  # fmt: skip
_ADVERB_SETS = {"يوميا": "P1D", "اسبوعيا": "P1W", "شهريا": "P1M", "سنويا": "P1Y"}
#: Fixed-date holidays -> (month, day, calendar); said without a year, they resolve like a
#: day and month (the tense and المقبل/الماضي choose the year). عيد ميلاده is a birthday.
_HOLIDAYS = {
    "عيد الميلاد المجيد": (12, 25, "gregorian"), "عيد الميلاد": (12, 25, "gregorian"),
    "راس السنة الميلادية": (1, 1, "gregorian"), "عيد الفطر": (10, 1, "hijri"),
    "عيد الاضحى": (12, 10, "hijri"), "يوم عرفة": (12, 9, "hijri"),
    "المولد النبوي": (3, 12, "hijri"), "ذكرى المولد النبوي": (3, 12, "hijri"),
    "راس السنة الهجرية": (1, 1, "hijri"), "عاشوراء": (1, 10, "hijri"),
}  # fmt: skip
_HOLIDAY_DATES = {_n(name): date for name, date in _HOLIDAYS.items()}
#: Decade words that are an age (العشرينيات من عمره) or a temperature (درجة الحرارة).
_DECADE_NOT_DATE = _n(r"(?!\s+من\s+(?:ال)?عمر)(?![^.]{0,20}(?:درج[ةه]|مئوي))")
_TEMPERATURE_BEFORE = re.compile(_n(r"(?:حرار[ةه]|درج[ةه]|الحرار[ةه])[^.]{0,40}$"))
#: Vague words in other senses: قريبا من "near to", في الآن نفسه "at the same time".
_NOT_VAGUE = re.compile(_n(r"قريبا\s+(?:جدا\s+)?من\s|الان\s+(?:نفس|ذات)"))
_HOUR_PERIODS = {
    "صباحا": "TMO", "صباح": "TMO", "فجرا": "TMO", "فجر": "TMO", "ظهرا": "TAF", "ظهر": "TAF",
    "زوالا": "TAF", "زوال": "TAF", "عصرا": "TAF", "عصر": "TAF", "بعد الظهر": "TAF",
    "بعد الزوال": "TAF", "مساء": "TEV", "مساءا": "TEV", "ليلا": "TNI", "ليل": "TNI",
    "ليلة": "TNI", "الليل": "TNI",
}  # fmt: skip
_FRACTIONS = {"والنصف": 30, "والربع": 15, "والثلث": 20, "الا ربعا": -15, "الا الربع": -15,
              "الا ربع": -15, "الا ثلثا": -20}  # fmt: skip
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
    digits = word.removeprefix("ال").strip()  # الـ48 (ساعة الماضية)
    return int(digits) if digits.isdigit() else NUMBER_WORDS[word]


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
Handler = Callable[[Groups, str, int], Parsed | tuple[Parsed, Parsed] | None]


def _day_word(g: Groups, norm: str, start: int) -> Parsed:
    words = " ".join(g["word"].split())
    part = g.get("part")
    if words in ("الليلة", "هذا المساء", "هذا الصباح"):
        part = part or {"الليلة": "ليلة", "هذا المساء": "مساء", "هذا الصباح": "صباح"}[words]
    # في الغد "on the next day" follows the story, like اليوم الموالي; غدا is tomorrow.
    follows_story = words == "الغد" and not part and norm[max(0, start - 3) : start] == "في "
    return Parsed(
        "TIME" if part else "DATE",
        "anaphoric" if follows_story else "relative",
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
        future=_tense(norm, start) == "future",
    )


def _weekday_of(g: Groups) -> int | None:
    """The weekday said before (الجمعة 3 مارس) or after (3 مارس، يوم الجمعة) a date."""
    word = g.get("wd") or g.get("wd2")
    return WEEKDAYS[word] if word else None


def _full_date(g: Groups, norm: str, start: int) -> Parsed | None:
    if g["first"]:
        day = 1
    elif g["ordinal"]:
        day = DAY_ORDINALS[" ".join(g["ordinal"].split())]
    else:
        day = int(g["day"])
    month = _month(g["month"], GREGORIAN_MONTHS)
    weekday = _weekday_of(g)
    part = _PARTS[" ".join(g["part"].split())] if g.get("part") else None
    kind = "TIME" if part else "DATE"
    if g["year"]:
        year = _year(g["year"], g["era"])
        if year is None or year[1] == "hijri":
            return None
        return Parsed(kind, "absolute", "day", year[0], month, day, weekday=weekday, part=part)
    tense = _tense(norm, start)
    return Parsed(
        kind, "partial", "day", None, month, day, shift=_direction(g["rel"]), weekday=weekday,
        part=part, future=tense == "future", past=tense == "past",
        year_offset=_direction(g["yrel"]),
    )  # fmt: skip


def _hijri_date(g: Groups, norm: str, start: int) -> Parsed | None:
    day = 1 if g["first"] else int(g["day"]) if g["day"] else None
    if not (day or g["year"] or g["rel"] or g["shahr"]):
        return None
    month = _month(g["month"], HIJRI_MONTHS)
    weekday = _weekday_of(g)
    granularity = "day" if day else "month"
    if g["year"]:
        return Parsed("DATE", "absolute", granularity, int(g["year"]), month, day, "hijri",
                      weekday=weekday)  # fmt: skip
    tense = _tense(norm, start)
    return Parsed("DATE", "partial", granularity, None, month, day, "hijri",
                  shift=_direction(g["rel"]), weekday=weekday, future=tense == "future",
                  past=tense == "past")  # fmt: skip


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
    if g.get("ymonth"):  # أكتوبر من العام الماضي: the month of the year before the reference
        offset = 0 if g["this"] else _direction(g["yrel"])
        month = _month(g["ymonth"], GREGORIAN_MONTHS)
        return Parsed("DATE", "partial", "month", month=month, year_offset=offset)
    month = _month(g["month"] or g.get("month2"), GREGORIAN_MONTHS)
    shift = _direction(g.get("rel") or g.get("rel2"))
    tense = _tense(norm, start)
    return Parsed("DATE", "partial", "month", month=month, shift=shift,
                  future=tense == "future", past=tense == "past")  # fmt: skip


def _year_rule(g: Groups, norm: str, start: int) -> Parsed | None:
    year = _year(g["year"] or g["year2"] or g["year3"] or g["year4"], g["era"] or g["era2"])
    if year is None:
        return None
    return Parsed("DATE", "absolute", "year", year[0], calendar=year[1])


def _year_range(g: Groups, norm: str, start: int) -> tuple[Parsed, Parsed] | None:
    """2015-2018: two years, each its own expression (linked as a range by extract)."""
    first, last = int(g["y1"]), int(g["y2"])
    if not first < last <= first + 200:
        return None
    return (Parsed("DATE", "absolute", "year", first), Parsed("DATE", "absolute", "year", last))


def _day_range(g: Groups, norm: str, start: int) -> tuple[Parsed, Parsed] | None:
    """يومي 25 و26 يونيو 2019: the first day takes the month (and year) of the second."""
    second = _full_date(g | {"first": None, "ordinal": None, "day": g["d2"]}, norm, start)
    if second is None or not int(g["d1"]) < int(g["d2"]):
        return None
    first = Parsed(second.type, second.kind, "day", second.year, second.month, int(g["d1"]),
                   shift=second.shift, future=second.future, past=second.past,
                   year_offset=second.year_offset)  # fmt: skip
    return first, second


def _decade(g: Groups, norm: str, start: int) -> Parsed | None:
    if _TEMPERATURE_BEFORE.search(norm, max(0, start - 50), start):
        return None  # درجات الحرارة في الثلاثينات (an age is excluded by the rule itself)
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


def _century(g: Groups, norm: str, start: int) -> Parsed | tuple[Parsed, Parsed]:
    if g["c1"]:  # القرنين الخامس عشر والسابع عشر: two centuries (14 and 16)
        first, second = _century_number(g["c1"]), _century_number(g["c2"])
        return (
            Parsed("DATE", "absolute", "century", (first - 1) * 100),
            Parsed("DATE", "absolute", "century", (second - 1) * 100),
        )
    shift = _direction(g["which"])
    if shift is not None:
        return Parsed("DATE", "relative", "century", offset=shift)
    return Parsed("DATE", "absolute", "century", (_century_number(g["which"]) - 1) * 100)


def _hijri_century(g: Groups, norm: str, start: int) -> Parsed | tuple[Parsed, Parsed]:
    """القرن الثاني الهجري: Hijri years 100-199, on the arithmetical Islamic calendar."""
    numbers = [_century_number(g[k]) for k in ("h1", "h2") if g[k]] or [_century_number(g["hw"])]
    parsed = tuple(
        Parsed("DATE", "absolute", "hijri_century", (n - 1) * 100, calendar="islamic_tabular")
        for n in numbers
    )
    return parsed if len(parsed) == 2 else parsed[0]


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


def _vague(g: Groups, norm: str, start: int) -> Parsed | None:
    if g["sofar"]:
        return Parsed("DATE", "fixed", "vague", value="PRESENT_REF")
    if g["adverb"]:
        if _NOT_VAGUE.match(norm, start):
            return None
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
    if g.get("dual") or g.get("dual2"):
        count, unit = 2, _UNIT_OF[g["dual"] or g["dual2"]]
    elif g.get("num"):
        count, unit = _number(g["num"]), _UNIT_OF[g["unit"]]
    else:
        count, unit = 1, _UNIT_OF[g["one"]]
    if g["dir"] is None:  # a duration; an age (عن عمر يناهز 81 عاما) is one too: P81Y
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


def _holiday(g: Groups, norm: str, start: int) -> Parsed:
    month, day, calendar = _HOLIDAY_DATES[" ".join(g["holiday"].split())]
    tense = _tense(norm, start)
    return Parsed("DATE", "partial", "day", None, month, day, calendar,
                  shift=_direction(g["rel"]), future=tense == "future",
                  past=tense == "past")  # fmt: skip


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


def _clock_hour(hour: int, part: str | None) -> int:
    """24-hour clock from a 12-hour one and the part of day said with it."""
    if part == "TNI":
        return 24 if hour == 12 else hour + 12 if 6 <= hour < 12 else hour
    if part == "TMO" and hour == 12:  # الساعة 12.01 من فجر الجمعة
        return 0
    if part == "TEV" or (part == "TAF" and hour <= 7):
        return hour + 12 if hour < 12 else hour
    return hour


def _clock(g: Groups, norm: str, start: int) -> Parsed | None:
    """الساعة 18:30، العاشرة ليلا، الثامنة والنصف من مساء يوم الأحد; منتصف الليل is T24:00
    (the end of the day, as in TimeML) and منتصف النهار T12:00."""
    period = " ".join(g["period"].split()) if g["period"] else None
    if g["which"]:
        hour, minute = (24 if g["which"].endswith("ليل") else 12), 0
    else:
        if g["hword"] and not (period or (g["sa2"] and g["hword"] != "الواحدة")):
            return None  # الثانية alone is "the second"; تكلفة الساعة الواحدة "one hour"
        hour = int(g["hour"]) if g["hour"] else HOUR_WORDS[" ".join(g["hword"].split())]
        minute = int(g["minute"] or 0)
        if g["frac"]:
            minute = _FRACTIONS[" ".join(g["frac"].split())]
        elif g["mins"]:
            minute = _number(g["mins"])
        if minute < 0:
            hour, minute = hour - 1, 60 + minute
        hour = _clock_hour(hour, _HOUR_PERIODS[period] if period else None)
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        return None
    clock = f"{hour:02d}:{minute:02d}"
    if g["wd"]:
        return Parsed("TIME", "weekday", "day", weekday=WEEKDAYS[g["wd"]], clock=clock,
                      future=_tense(norm, start) == "future")  # fmt: skip
    offset = _DAY_WORDS[" ".join(g["dw"].split())] if g["dw"] else 0
    return Parsed("TIME", "relative", "time", offset=offset, clock=clock)


def _weekday(g: Groups, norm: str, start: int) -> Parsed | None:
    shift = _direction(g["rel"])
    if (
        shift is None
        and g["yawm"] is None
        and _NOT_WEEKDAY.search(norm, max(0, start - 6), start + 24)
    ):
        return None  # الاحد عشر "the eleven", بين الاثنين "between the two"
    tense = _tense(norm, start)
    return Parsed(
        "DATE", "weekday", "day", weekday=WEEKDAYS[g["wd"]], shift=shift,
        future=tense == "future", past=tense == "past",
    )  # fmt: skip


def _tense(norm: str, start: int) -> str | None:
    """``"future"``, ``"past"`` or ``None``: the nearest tense cue before ``start``.

    Reads back at most eight words, within the clause (no sentence-final
    mark between). A future marker (سوف، من المقرر، سينظم) or an imperfect
    verb (يقام، تنطلق) gives ``"future"``: in news an imperfect with a
    month or weekday names a coming one; after لم it is a past, after أن
    the verb governing it decides. A perfect verb (أعلن، وقعت، قالوا)
    gives ``"past"``.
    """
    window = _CLAUSE_END.split(norm[max(0, start - 80) : start])[-1]
    words = _WORD.findall(window)[-8:]
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        if word in _NOT_IMPERFECT:
            continue
        particle = words[i - 1] if i else ""
        if particle in ("لم", "لن") and word[0] in "يتن":  # لم تعلن "did not announce"
            return "past" if particle == "لم" else "future"
        cue = _CUE.fullmatch(word)
        if cue is None:
            continue
        if cue.lastgroup == "imperfect":
            if particle in ("ان", "لان", "بان"):  # حاول أن يقوم: the governing verb decides
                continue
            return "future"
        return "past" if cue.lastgroup == "perfect" else "future"
    return None


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
    "ADVERB_SET": alternation(_ADVERB_SETS), "HOLIDAY": alternation(_n(h) for h in _HOLIDAYS),
    "NO_DATE_AFTER": _NO_DATE_AFTER,
    "WD_PREFIX": r"(?:(?P<wd>" + WEEKDAY + r")\s*[،,]?\s*)?",
    # A weekday after a date names the same day: فاتح رمضان 1441 هـ يوم الجمعة.
    "WD_SUFFIX": r"(?:[^\S\n]*[،,]?[^\S\n]*(?:" + _n("يوم") + r"\s+)?(?P<wd2>" + WEEKDAY
    + r")(?!\s+" + REL + "))?",
    "HOUR_WORD": alternation(HOUR_WORDS), "HOUR_PERIOD": alternation(_HOUR_PERIODS),
    "FRACTION": alternation(_FRACTIONS), "DECADE_NOT_DATE": _DECADE_NOT_DATE,
    "PART_PREFIX": r"(?:(?P<part>" + PART + _n(r")\s+(?:يوم\s+)?)?"),
}  # fmt: skip


def _rule(template: str) -> str:
    """A rule's regex: its Arabic normalised, then its ``{PIECE}`` placeholders filled."""
    return re.sub(r"\{([A-Z_]+)\}", lambda m: _PIECES[m.group(1)], _n(template))


_RULES: list[tuple[str, str, Handler]] = [
    ("clock", _rule(
        r"(?:(?P<sa>الساعة|الساعه)\s+(?:ال\s*)?(?P<hour>\d{1,2})(?:\s*[:.h]\s*(?P<minute>\d{2}))?"
        r"|(?:(?P<sa2>الساعة|الساعه)\s+)?(?P<hword>{HOUR_WORD})|منتصف\s+(?P<which>الليل|النهار))"
        r"(?:\s+(?P<frac>{FRACTION})|\s+و\s*(?P<mins>\d{1,2}|{NUMBER})\s+دقيق[ةه])?"
        r"(?:\s+(?:من\s+)?(?P<period>{HOUR_PERIOD}))?"
        r"(?:\s+(?:من\s+)?(?:يوم\s+)?(?P<wd>{WEEKDAY})|\s+(?:من\s+)?(?P<dw>{DAY_WORD}))?"), _clock),
    ("day_word", _rule(
        r"{PART_PREFIX}(?P<word>{DAY_WORD})"
        r"(?!\s+(?:ال[^\W\d_]+ي|الاخير|الاول|الذي|نفسه|ذاته)(?!\w))"
        r"(?:\s*[،,]?\s*(?P<wd>{WEEKDAY}))?"), _day_word),
    ("full_date", _rule(
        r"{PART_PREFIX}{WD_PREFIX}"
        r"(?:(?P<first>الفاتح\s+من|فاتح|الفاتح)|(?P<ordinal>{DAY_ORDINAL})\s+من|(?P<day>{DAY}))"
        r"\s*(?:من\s+)?(?:شهر\s+)?(?P<month>{MONTH}){PAIRED_MONTH}"
        r"(?:\s*[،,]?\s*{YEAR_WORD}(?P<year>{YEAR}){ERA}|\s+(?P<rel>{REL})"
        r"|\s+من\s+(?:العام|السن[ةه])\s+(?P<yrel>{REL}))?{WD_SUFFIX}"), _full_date),
    ("hijri_date", _rule(
        r"{WD_PREFIX}(?:(?:(?P<first>غرة|غره|الفاتح\s+من|فاتح)|(?P<day>{DAY}))\s+(?:من\s+)?)?"
        r"(?P<shahr>شهر\s+)?(?P<month>{HMONTH})(?:\s+(?:المبارك|الفضيل|الحرام))?"
        r"(?:\s*[،,]?\s*{YEAR_WORD}(?P<year>\d{4})(?:\s?(?:ه|هجري[ةه]?|للهجر[ةه]))?"
        r"|\s+(?P<rel>{REL}))?{WD_SUFFIX}"), _hijri_date),
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
        # أكتوبر من العام الماضي: a month of a year given relatively.
        r"(?:(?:شهر\s+)?(?P<ymonth>{MONTH}){PAIRED_MONTH}\s+من\s+"
        r"(?:(?P<this>هذا\s+العام|هذه\s+السن[ةه])|(?:العام|السن[ةه])\s+(?P<yrel>{REL}))"
        r"|شهر\s+(?P<month>{MONTH}){PAIRED_MONTH}(?:\s+(?P<rel>{REL}))?"
        r"|(?P<month2>{MONTH}){PAIRED_MONTH}\s+(?P<rel2>{REL}))"), _month_rel),
    ("month_after_preposition", _rule(
        r"{MONTH_TRIGGER}(?P<month>{BARE_MONTH}){PAIRED_MONTH}"), _month_rel),
    ("day_range", _rule(
        r"(?=\d)(?:(?<=يومي\s)|(?<=ايام\s)|(?<=بين\s)|(?<=من\s))(?P<a>(?P<d1>{DAY}))\s*(?:و|-|الى|حتى)"
        r"\s*(?P<b>(?P<d2>{DAY})\s*(?:من\s+)?(?:شهر\s+)?(?P<month>{MONTH}){PAIRED_MONTH}"
        r"(?:\s*[،,]?\s*{YEAR_WORD}(?P<year>{YEAR}){ERA}|\s+(?P<rel>{REL})"
        r"|\s+من\s+(?:العام|السن[ةه])\s+(?P<yrel>{REL}))?)"), _day_range),
    ("year_range", _rule(
        r"(?P<a>(?P<y1>{YEAR_G}))\s*(?:-|–|—|/|الى|إلى|حتى)\s*(?P<b>(?P<y2>{YEAR_G}){ERA})"),
        _year_range),
    ("year", _rule(
        r"(?:(?:ال)?(?:عام|سن[ةه]|عامي|سنتي)\s+(?P<year>{YEAR}){ERA}"
        r"|(?P<year2>{YEAR})\s?(?P<era2>م|ه|ميلادي[ةه]?|هجري[ةه]?|للميلاد|للهجر[ةه])(?!\w)"
        r"|(?=\d)(?:{STRONG_YEAR_TRIGGER}(?P<year3>{YEAR_G})(?!\s*%)(?!\s+{UNIT_ANY}(?!\w))(?![/.\-]\d)"
        r"|{WEAK_YEAR_TRIGGER}(?P<year4>{YEAR_G})(?!\s*%)(?!\s+[^\W\d_]+ا(?!\w))"
        r"(?!\s+{UNIT_ANY}(?!\w))(?![/.\-]\d)))"),
        _year_rule),
    ("decade", _rule(
        r"(?:ال)?(?P<stem>{DECADE_STEM})(?:ي)?ات{DECADE_NOT_DATE}(?:\s+(?:من\s+)?القرن\s+"
        r"(?P<century>الماضي|الحالي|الجاري|{CENTURY_ORDINAL}|(?:ال)?\d{1,2}))?"), _decade),
    ("hijri_century", _rule(
        r"(?:القرن\s+(?P<hw>{CENTURY_ORDINAL}|(?:ال)?\d{1,2})"
        r"|(?P<a>القرنين\s+(?P<h1>{CENTURY_ORDINAL}|(?:ال)?\d{1,2}))\s+و\s*"
        r"(?P<b>(?P<h2>{CENTURY_ORDINAL}|(?:ال)?\d{1,2})))"
        r"\s+(?:(?:ال)?هجري(?:ين|ه)?|للهجر[هة])"),
        _hijri_century),
    ("century", _rule(
        r"(?:القرن\s+(?P<which>الماضي|الحالي|الجاري|المقبل|القادم|{CENTURY_ORDINAL}|(?:ال)?\d{1,2})"
        r"|(?P<a>القرنين\s+(?P<c1>{CENTURY_ORDINAL}|(?:ال)?\d{1,2}))\s+و\s*"
        r"(?P<b>(?P<c2>{CENTURY_ORDINAL}|(?:ال)?\d{1,2})))"
        # Hijri centuries (القرن الثاني الهجري) are not Gregorian ones: see hijri_century.
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
        r"|(?P<adverb>{VAGUE_WORD})"
        # لحد الساعة، حتى الساعة: "so far" (حتى الساعة الثامنة is a clock time)
        r"|(?P<sofar>(?:لحد|الى\s+حد|حتى)\s+الساع[ةه](?!\s+(?:\d|ال))))"), _vague),
    ("counted", _rule(
        r"(?:(?P<dir>قبل|بعد|منذ)\s+{APPROX})?"
        r"(?:(?P<num>{NUMBER})\s+(?P<unit>{UNIT_ANY})|(?P<dual>{UNIT_DUAL})"
        # خلال الأسبوعين الماضيين: two weeks up to now, a duration like الـ48 ساعة الماضية
        r"|ال(?P<dual2>{UNIT_DUAL})\s+(?:الماضيين|الاخيرين|المقبلين|القادمين)"
        r"|(?P<one>{UNIT_ONE})\s+(?:واحد[ةه]?|اخر|اخري))"), _counted),
    ("one_unit", _rule(
        r"(?P<dir>قبل|بعد|منذ)\s+{APPROX}(?P<one>{UNIT_ONE})(?:\s+واحد[ةه]?)?"
        r"{NO_DATE_AFTER}(?!\s*(?:{WEEKDAY_BARE}))"), _counted),
    ("vague_duration", _rule(r"(?:بضع[ةه]?|عد[ةه])\s+(?P<unit>{UNIT_PLURAL})"), _vague_duration),
    ("set", _rule(
        r"(?:كل\s+(?:(?P<num>{NUMBER})\s+(?P<unit>{UNIT_ANY})|(?P<dual>{UNIT_DUAL})"
        r"|يوم\s+(?P<wd>{WEEKDAY_BARE}|{WEEKDAY})|(?P<wd2>{WEEKDAY})|(?P<one>{UNIT_SET}))"
        r"|(?P<adverb>{ADVERB_SET}))"), _set),
    ("holiday", _rule(
        # not عيد الميلاد الستين / الـ80 (a birthday)
        # and not when a date follows: عيد الأضحى في 10 ذي الحجة 1441 names that date
        r"(?P<holiday>{HOLIDAY})(?!\s+ال(?:\S*\d|\w+ين(?!\w)))(?:\s+(?P<rel>{REL}))?"
        r"(?![^\S\n]*[،,]?\s*(?:(?:في|الموافق|يوم)\s+)?\d)"),
        _holiday),
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
    "لحد", "الى حد", "حتى الساعة", "لعام", "لسنة", "لسنه", "قبل", "بعد", "منذ", "بضع", "بضعة",
    "بضعه", "عدة", "عده", "كل", "منتصف الليل", "منتصف النهار", "القرنين",
]  # fmt: skip
_THIS_UNITS = ["الاسبوع", "الشهر", "العام", "السنة", "السنه"]
_PLURALS = [
    "اشهر", "شهور", "اسابيع", "ايام", "سنوات", "اعوام", "سنين", "عقود", "ساعات", "فترة", "فتره",
    "اونة", "اونه", "مرحلة",
]  # fmt: skip


def _start_words() -> list[str]:
    """Every word or phrase an expression can begin with."""
    words = [*_LEAD_WORDS, *_PARTS, *_DAY_WORDS, *_VAGUE_WORDS, *_ADVERB_SETS, *_HOLIDAYS]
    words += [*_DUAL, *(f"ال{dual}" for dual in _DUAL)]
    words += [*GREGORIAN_MONTHS, *HIJRI_MONTHS, *WEEKDAYS, *COUNT_WORDS, *DAY_ORDINALS]
    words += [*HOUR_WORDS, *(f"ال{w}" for w in COUNT_WORDS if not w.startswith("ال"))]
    words += [f"{unit} {more}" for unit in _ONE_UNITS for more in ("واحد", "واحدة", "اخر", "اخري")]
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
    lead = rf"(?=\d|{alternation(_start_words())}(?!\w)|{decades}|ال\s?\d)" if prefilter else ""
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
#: Per rule: its group index, its groups by name, their names and indices (read in one
#: ``match.group(*indices)`` call, plus a dummy so that it always returns a tuple), handler.
_BY_NAME = {
    name: (index, groups, tuple(groups), (*groups.values(), 0), handler)
    for name, index, groups, handler in _RULE_TABLE
}


def find_expressions(norm: str) -> Iterator[Match]:
    """Yield the temporal expressions of normalised text, left to right, never overlapping."""
    padded = " " + norm  # the master regex begins by consuming one non-word character
    for match in MASTER.finditer(padded):
        name = match.lastgroup
        index, groups, keys, indices, handler = _BY_NAME[name]
        fields = dict(zip(keys, match.group(*indices)))
        start, end = match.start(index), match.end(index)
        parsed = handler(fields, padded, start)
        if isinstance(parsed, tuple):  # two expressions: groups a and b give their spans
            for part, key in zip(parsed, ("a", "b"), strict=True):
                s, e = match.span(groups[key])
                yield Match(s - 1, e - 1, padded[s:e], name, part)
        elif parsed is not None:
            yield Match(start - 1, end - 1, padded[start:end], name, parsed)

"""The text the charts write themselves (axis labels, legends, notes), in English and Arabic.

Data (terms, names, date expressions) is never translated; only these built-in strings.
Arabic month names come from CLDR (babel, locale ``ar``); digits stay Western (0-9),
as in the Moroccan and Saudi press the toolkit reads.

>>> text("PERS", "ar"), text("day", "en"), text("tfidf", "ar")
('أشخاص', 'day', 'tfidf')
"""

from __future__ import annotations

import re
from functools import cache

import matplotlib.dates as mdates
from matplotlib.axis import Axis

from toolkit.languages import LANGUAGES
from toolkit.languages import check_language as check_lang
from toolkit.plot._style import mpl_label, style_texts

#: key -> (English, Arabic); unknown keys are drawn as they are
_TEXT: dict[str, tuple[str, str]] = {
    # value columns (axis labels of plot.terms and plot.trends; English: the column name)
    "count": ("count", "عدد المرات"),
    "rel_freq": ("rel_freq", "التكرار النسبي"),
    "documents": ("documents", "عدد الوثائق"),
    "weight": ("weight", "الوزن"),
    "g2": ("g2", "G²"),
    "log_ratio": ("log_ratio", "النسبة اللوغاريتمية"),
    # plot.dispersion, plot.topics, plot.document_map axes
    "position_in_document": ("relative position in the document", "الموضع النسبي في الوثيقة"),
    "date": ("date", "التاريخ"),
    "topic": ("topic", "الموضوع"),
    "dimension": ("dimension {n} ({share:.1%})", "البعد {n} ({share:.1%})"),
    # entity labels (plot.network legend)
    "PERS": ("PERS", "أشخاص"),
    "LOC": ("LOC", "أماكن"),
    "ORG": ("ORG", "منظمات"),
    "MISC": ("MISC", "أخرى"),
    # granularities (plot.timeline legend)
    "time": ("time", "ساعة"),
    "day": ("day", "يوم"),
    "week": ("week", "أسبوع"),
    "month": ("month", "شهر"),
    "hijri_month": ("hijri_month", "شهر هجري"),
    "quarter": ("quarter", "ربع سنة"),
    "season": ("season", "فصل"),
    "year": ("year", "سنة"),
    "hijri_year": ("hijri_year", "سنة هجرية"),
    "decade": ("decade", "عقد"),
    "century": ("century", "قرن"),
    "hijri_century": ("hijri_century", "قرن هجري"),
    "unknown": ("unknown", "غير معروف"),
    # plot.heatmap colour bar
    "cooccurrence": ("co-occurrence weight", "وزن التلازم"),
    # plot.timeline notes ({n} is a count)
    "around_publication": (
        "mentions of the days around publication: {n:,}",
        "إشارات إلى الأيام المحيطة بالنشر: {n:,}",
    ),
    "not_drawn": ("not drawn: {parts}", "لم تُرسم: {parts}"),
    "vague": ("vague or present references {n:,}", "إشارات مبهمة أو إلى الحاضر {n:,}"),
    "unplaced": ("without a resolved date {n:,}", "بلا تاريخ محدد {n:,}"),
    "less_mentioned": (
        "{n:,} less-mentioned periods ({mentions:,} mentions)",
        "{n:,} فترات أقل ذكرا ({mentions:,} إشارة)",
    ),
    # plot.network notes
    "other_groups": ("other pairs and small groups", "أزواج ومجموعات صغيرة أخرى"),
    "more": ("and {n:,} more", "و{n:,} أخرى"),
    "unlabelled": ("not labelled (no room): {names}", "بلا تسمية (لا مكان لها): {names}"),
}


def text(key: object, lang: str, **values: object) -> str:
    """The built-in string *key* in *lang* (the raw logical string), formatted with *values*.

    Keys without a translation (a user's column name, say) come back unchanged.

    >>> text("vague", "en", n=1739)
    'vague or present references 1,739'
    """
    pair = _TEXT.get(str(key))
    if pair is None:
        return str(key)
    template = pair[LANGUAGES.index(check_lang(lang))]
    return template.format(**values) if values else template


@cache
def month_names(lang: str) -> tuple[str, ...]:
    """The twelve month names of *lang* (CLDR wide format names for Arabic).

    >>> month_names("ar")[10], month_names("en")[10]
    ('نوفمبر', 'November')
    """
    from babel import Locale

    names = Locale(check_lang(lang)).months["format"]["wide"]
    return tuple(names[m] for m in range(1, 13))


_MONTH = "{m%m}"  # strftime placeholder, replaced by the month name
_MONTH_RE = re.compile(r"\{m(\d\d)\}")


class ArabicDateFormatter(mdates.ConciseDateFormatter):
    """``ConciseDateFormatter`` with Arabic month names and day before month, shaped."""

    def __init__(self, locator: mdates.DateLocator):
        day_month = f"%d {_MONTH}"
        super().__init__(
            locator,
            formats=["%Y", _MONTH, "%d", "%H:%M", "%H:%M", "%S.%f"],
            zero_formats=["", "%Y", _MONTH, day_month, "%H:%M", "%H:%M"],
            offset_formats=[
                "",
                "%Y",
                f"{_MONTH} %Y",
                f"{day_month} %Y",
                f"{day_month} %Y",
                f"{day_month} %Y %H:%M",
            ],
        )

    @staticmethod
    def _arabic(label: str) -> str:
        names = month_names("ar")
        return mpl_label(_MONTH_RE.sub(lambda m: names[int(m.group(1)) - 1], label))

    def format_ticks(self, values):
        return [self._arabic(label) for label in super().format_ticks(values)]

    def get_offset(self):
        return self._arabic(super().get_offset())

    def __call__(self, x, pos=None):
        return self._arabic(super().__call__(x, pos))


def set_date_axis(axis: Axis, lang: str) -> None:
    """Concise date ticks on *axis*: matplotlib's in English, Arabic month names in Arabic."""
    locator = mdates.AutoDateLocator()
    axis.set_major_locator(locator)
    if check_lang(lang) == "en":
        axis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        return
    axis.set_major_formatter(ArabicDateFormatter(locator))
    style_texts([axis.get_offset_text()])
    axis.set_tick_params(labelfontfamily=axis.get_offset_text().get_fontfamily())

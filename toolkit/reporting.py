"""Helpers for report notebooks: the corpus at a glance, reader-ready tables, two languages.

The analysis notebooks (``notebooks/``) and your own notebooks use them to show
results to readers rather than to programmers: tables with readable column
names, no ``None`` or Python brackets, dates as days, long cells shortened,
and every word of the report in English or Arabic (``lang="en" | "ar"``).

>>> import pandas as pd
>>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["زار الوفد الرباط", "نص"],
...                        "date": pd.to_datetime(["2022-07-11", None]), "source": ["x", "x"]})
>>> overview(corpus).loc[["documents", "dated documents"], "value"].tolist()
['2', '1']
>>> text("top_terms", "ar")
'المصطلحات الأكثر تكرارا'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from toolkit.languages import LANGUAGES, check_language

__all__ = ["LANGUAGES", "check_language", "message", "overview", "readable", "text"]

#: Characters a table cell shows before it is shortened with an ellipsis.
MAX_CELL_CHARS = 160

#: key -> (English, Arabic). Column names of the toolkit's tables are keys too.
_TEXTS: dict[str, tuple[str, str]] = {
    # corpus overview
    "field": ("field", "البيان"),
    "value": ("value", "القيمة"),
    "documents": ("documents", "الوثائق"),
    "words": ("words", "الكلمات"),
    "sources": ("sources", "المصادر"),
    "dated documents": ("dated documents", "وثائق مؤرخة"),
    "undated documents": ("undated documents", "وثائق غير مؤرخة"),
    "first date": ("first date", "أول تاريخ"),
    "last date": ("last date", "آخر تاريخ"),
    "skipped files": ("skipped files", "ملفات متروكة"),
    "empty texts": ("empty texts", "نصوص فارغة"),
    "unparsed dates": ("unparsed dates", "تواريخ غير مقروءة"),
    "none": ("none", "لا شيء"),
    # figure titles and axis labels used by the notebooks
    "top_terms": ("Most frequent terms", "المصطلحات الأكثر تكرارا"),
    "keyness_title": ("Keyness (G²)", "المصطلحات المميزة (G²)"),
    "trends_title": ("Top terms per period", "أبرز المصطلحات حسب الفترة"),
    "network_title": ("Names mentioned in the same sentence", "أسماء وردت في الجملة نفسها"),
    "heatmap_title": ("Shared sentences", "الجمل المشتركة"),
    "timeline_title": ("Periods the corpus talks about", "الفترات التي يتحدث عنها المتن"),
    "per_period_title": (
        "Date expressions per publication period",
        "عبارات التاريخ حسب فترة النشر",
    ),
    "referenced_title": ("Months the corpus talks about", "الأشهر التي يتحدث عنها المتن"),
    "dispersion_title": ("Where the top terms occur", "مواضع أبرز المصطلحات"),
    "topics_title": ("Topics", "المواضيع"),
    "map_title": ("Map of the corpus", "خريطة المتن"),
    "dictionary_title": ("Dictionary categories over time", "فئات المعجم عبر الزمن"),
    "month referred to": ("month referred to", "الشهر المشار إليه"),
    "mentions": ("mentions", "الإشارات"),
    # column names of the toolkit's tables
    "doc_id": ("document", "الوثيقة"),
    "title": ("title", "العنوان"),
    "date": ("date", "التاريخ"),
    "source": ("source", "المصدر"),
    "term": ("term", "المصطلح"),
    "count": ("count", "التكرار"),
    "rel_freq": ("per 10,000 words", "لكل 10000 كلمة"),
    "doc_freq": ("documents", "الوثائق"),
    "tfidf": ("tf-idf", "tf-idf"),
    "tokens": ("words", "الكلمات"),
    "types": ("types", "الأنواع"),
    "vocabulary_density": ("vocabulary density", "كثافة المفردات"),
    "sentences": ("sentences", "الجمل"),
    "words_per_sentence": ("words per sentence", "كلمات لكل جملة"),
    "distinctive_terms": ("distinctive terms", "المصطلحات المميِّزة"),
    "dated": ("dated", "مؤرخة"),
    "other": ("similar document", "الوثيقة المشابهة"),
    "similarity": ("similarity", "التشابه"),
    "rank": ("rank", "الرتبة"),
    "cluster_id": ("story", "القصة"),
    "size": ("copies", "النسخ"),
    "representative": ("representative copy", "النسخة الممثِّلة"),
    "rate": ("per 10,000 words", "لكل 10000 كلمة"),
    "collocation": ("collocation", "التلازم"),
    "pmi": ("PMI", "PMI"),
    "g2": ("G²", "G²"),
    "p_value": ("p", "p"),
    "log_ratio": ("log ratio", "نسبة لوغاريتمية"),
    "target_count": ("in target", "في الهدف"),
    "reference_count": ("in reference", "في المرجع"),
    "before": ("before", "قبل"),
    "match": ("match", "الكلمة"),
    "after": ("after", "بعد"),
    "label": ("label", "الصنف"),
    "canonical": ("name", "الاسم"),
    "forms": ("written forms", "الصيغ المكتوبة"),
    "text": ("expression", "العبارة"),
    "type": ("type", "النوع"),
    "start_date": ("from", "من"),
    "end_date": ("to", "إلى"),
    "anchor": ("resolved by", "طريقة التحديد"),
    "granularity": ("granularity", "الدقة"),
    "sentence": ("sentence", "الجملة"),
    "entities": ("names in the sentence", "الأسماء في الجملة"),
    "would_resolve": ("what would place it", "ما يلزم لتحديده"),
    "sent_id": ("sentence no.", "رقم الجملة"),
    "source_name": ("name", "الاسم"),
    "target_name": ("with", "مع"),
    "docs": ("documents", "الوثائق"),
    "weight": ("weight", "الوزن"),
    "frequency": ("mentions", "الإشارات"),
    "PERS": ("persons", "أشخاص"),
    "LOC": ("places", "أماكن"),
    "ORG": ("organisations", "منظمات"),
    "MISC": ("other names", "أسماء أخرى"),
}

#: message key -> (English, Arabic) templates for :func:`message`.
_MESSAGES: dict[str, tuple[str, str]] = {
    "distinct_terms": (
        "{n:,} distinct terms (stop words removed).",
        "{n:,} مصطلحا مختلفا (دون كلمات الوقف).",
    ),
    "kwic_query": (
        "Occurrences of **{query}**: {hits:,} in {docs:,} documents (first {shown:,} shown).",
        "مواضع **{query}**: {hits:,} في {docs:,} وثيقة (تظهر أول {shown:,}).",
    ),
    "keyness_groups": (
        "{column} = **{target}** compared with {others}.",
        "{column} = **{target}** مقارنة بـ{others}.",
    ),
    "one_other_group": ("the one other group", "المجموعة الأخرى"),
    "other_groups": ("the {n:,} other groups", "المجموعات الأخرى ({n:,})"),
    "keyness_skipped": (
        "Keyness is not shown: the corpus has no column *{column}* with two or more values.",
        "لا تظهر المصطلحات المميزة: ليس في المتن عمود *{column}* بقيمتين أو أكثر.",
    ),
    "trends_skipped": (
        "Trends are not shown: the corpus has fewer than two distinct publication dates.",
        "لا تظهر الاتجاهات: في المتن أقل من تاريخَي نشر مختلفين.",
    ),
    "copies_folded": (
        "## Copies folded\n\n{folded:,} of {total:,} documents ({pct:.0%}) are near-copies of "
        "another article (the same agency story republished, or the same page collected twice: "
        "at least 80% of the shorter text shared) and were folded into {stories:,} stories; "
        "every count in this report counts each story once. The representative of each story "
        "is its earliest dated copy, then the longest. The biggest stories:",
        "## النسخ المدمجة\n\n{folded:,} من {total:,} وثيقة ({pct:.0%}) نسخ شبه مطابقة لمقال آخر "
        "(قصاصة وكالة أعيد نشرها، أو الصفحة نفسها جُمعت مرتين: 80% على الأقل من النص الأقصر "
        "مشترك)، فدُمجت في {stories:,} قصة، وكل عدّ في هذا التقرير يحسب القصة مرة واحدة. "
        "ممثّل كل قصة أقدم نسخها تاريخا، ثم أطولها. أكبر القصص:",
    ),
    "republication": (
        "Who republishes whom: rows are the source of each story's earliest copy, columns the "
        "sources that republished it (the diagonal: a source repeating itself).",
        "من يعيد نشر من: الصفوف مصدر أقدم نسخة من كل قصة، والأعمدة المصادر التي أعادت نشرها "
        "(القطر: مصدر يكرر نفسه).",
    ),
    "no_copies": (
        "No near-duplicate articles were found: every document counts as its own story.",
        "لم يُعثر على مقالات شبه مطابقة: كل وثيقة قصة قائمة بذاتها.",
    ),
    "too_few_documents": (
        "Topics, similar documents and the map need at least 50 documents; the corpus has {n:,}.",
        "تحتاج المواضيع والوثائق المتشابهة والخريطة إلى 50 وثيقة على الأقل؛ وفي المتن {n:,}.",
    ),
    "labels_shown": ("Labels shown: {labels}.", "الأصناف المعروضة: {labels}."),
    "no_merge": ("No name was written in more than one way.", "لم يُكتب أي اسم بأكثر من صيغة."),
    "no_entities": ("No names were found.", "لم يُعثر على أي اسم."),
    "no_edges": (
        "No two names share a sentence: there is no network to draw.",
        "لا يجتمع اسمان في جملة واحدة: لا شبكة لرسمها.",
    ),
    "exports": ("Exported: {files}.", "الملفات المصدَّرة: {files}."),
    "no_dated": (
        "No date expression could be placed on the calendar.",
        "لم يمكن وضع أي عبارة تاريخ على التقويم.",
    ),
    "all_resolved": ("Every date expression was resolved.", "حُدِّدت كل عبارات التاريخ."),
    "needs_reference": (
        "a reference date: a date column in the corpus, or --dct YYYY-MM-DD",
        "تاريخ مرجعي: عمود تاريخ في المتن، أو ‎--dct YYYY-MM-DD",
    ),
    "too_vague": ("nothing: too vague to place", "لا شيء: أعم من أن يُحدَّد"),
    "per_period_skipped": (
        "Not shown: the corpus has fewer than two distinct publication dates.",
        "لا يظهر: في المتن أقل من تاريخَي نشر مختلفين.",
    ),
    "vague_refs": (
        "Vague references to the present, past or future, listed here and not drawn on the "
        "time axis: {n:,}.",
        "الإشارات العامة إلى الحاضر أو الماضي أو المستقبل، مذكورة هنا ولا تُرسم على محور الزمن: "
        "{n:,}.",
    ),
}

_MISSING = "—"


def text(key: str, lang: str = "en") -> str:
    """The report wording of ``key`` in ``lang`` (the key itself when none is defined).

    >>> text("documents", "ar"), text("documents", "en"), text("no such key", "ar")
    ('الوثائق', 'documents', 'no such key')
    """
    pair = _TEXTS.get(key)
    return key if pair is None else pair[LANGUAGES.index(check_language(lang))]


def message(key: str, lang: str = "en", **fields: Any) -> str:
    """A sentence of the report in ``lang``, with ``fields`` filled in (Markdown).

    >>> message("distinct_terms", "en", n=1200)
    '1,200 distinct terms (stop words removed).'
    """
    return _MESSAGES[key][LANGUAGES.index(check_language(lang))].format(**fields)


def _day(value: Any) -> str:
    return _MISSING if pd.isna(value) else f"{pd.Timestamp(value):%Y-%m-%d}"


def _sources(sources: pd.Series, shown: int = 5) -> str:
    names = [str(name) for name in sources.value_counts().index]
    if not names:
        return _MISSING
    listed = ", ".join(names[:shown])
    return listed if len(names) <= shown else f"{len(names):,} ({listed}, …)"


def overview(corpus: pd.DataFrame, *, lang: str = "en") -> pd.DataFrame:
    """The corpus at a glance: documents, words, sources, dates, and what loading skipped.

    Returns a table of one ``value`` column indexed by ``field`` (both
    translated with ``lang``), meant for display. Words are space-separated
    words of the texts.

    >>> import pandas as pd
    >>> overview(pd.DataFrame({"doc_id": ["a"], "text": ["نص قصير"]}))["value"].tolist()
    ['1', '2', '—', '0', '1', '—', '—']
    """
    dates = corpus["date"] if "date" in corpus else pd.Series(pd.NaT, index=corpus.index)
    sources = corpus["source"].dropna() if "source" in corpus else pd.Series(dtype=object)
    rows = {
        "documents": f"{len(corpus):,}",
        "words": f"{int(corpus['text'].fillna('').str.split().str.len().sum()):,}",
        "sources": _sources(sources),
        "dated documents": f"{int(dates.notna().sum()):,}",
        "undated documents": f"{int(dates.isna().sum()):,}",
        "first date": _day(dates.min()),
        "last date": _day(dates.max()),
    }
    report = corpus.attrs.get("load_report") or {}
    for name, problems in (
        ("skipped files", report.get("skipped", [])),
        ("empty texts", report.get("empty_texts", [])),
        ("unparsed dates", report.get("unparsed_dates", [])),
    ):
        if problems:
            rows[name] = f"{len(problems):,}"
    return pd.DataFrame(
        {text("value", lang): list(rows.values())},
        index=pd.Index([text(name, lang) for name in rows], name=text("field", lang)),
    )


def _cell(value: Any, max_chars: int) -> Any:
    if isinstance(value, (list, tuple, set, frozenset)):
        value = "، ".join(map(str, value)) if value else _MISSING
    if isinstance(value, pd.Timestamp):
        return _day(value)
    if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value)
                         and pd.isna(value)):  # fmt: skip
        return _MISSING
    if isinstance(value, str) and len(value) > max_chars:
        return value[: max_chars - 1].rstrip() + "…"
    return value


def _significant(value: float) -> float:
    """``value`` with three significant digits (0.0031234 -> 0.00312)."""
    return float(f"{value:.3g}") if pd.notna(value) else value


def readable(
    table: pd.DataFrame,
    *,
    lang: str = "en",
    columns: Iterable[str] | None = None,
    rename: Mapping[str, str] | None = None,
    max_chars: int = MAX_CELL_CHARS,
) -> pd.DataFrame:
    """A copy of ``table`` for readers: chosen ``columns``, translated names, clean cells.

    Missing values show as ``—``, lists as ``a، b``, timestamps as days, numbers
    with two decimals, or three significant digits in a column whose values are
    all below 1 (tf-idf, shares), p-values with three decimals or ``< 0.001``; text
    longer than ``max_chars`` is shortened with ``…`` (the exported CSV keeps it
    whole). ``rename`` maps a column to another wording key before translation.

    >>> import pandas as pd
    >>> table = pd.DataFrame({"title": [None], "entities": [["المغرب", "إسرائيل"]]})
    >>> readable(table, lang="ar").to_dict("records")
    [{'العنوان': '—', 'الأسماء في الجملة': 'المغرب، إسرائيل'}]
    >>> readable(pd.DataFrame({"g2": [12.3456], "tfidf": [0.0031234]})).to_dict("records")
    [{'G²': 12.35, 'tf-idf': 0.00312}]
    """
    chosen = table[list(columns)] if columns is not None else table
    shown = chosen.copy()
    for column in shown.columns:
        values = shown[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            shown[column] = values.map(_day).astype(object)
        elif column == "p_value":
            shown[column] = values.map(lambda p: "< 0.001" if p < 0.001 else f"{p:.3f}")
        elif pd.api.types.is_float_dtype(values):
            below_one = bool(values.abs().max() < 1)  # (False when every value is missing)
            shown[column] = values.map(_significant) if below_one else values.round(2)
        elif pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values):
            shown[column] = values.astype(object).map(lambda v: _cell(v, max_chars))
    names = {column: text((rename or {}).get(column, column), lang) for column in shown.columns}
    shown.index = pd.RangeIndex(1, len(shown) + 1)
    return shown.rename(columns=names)

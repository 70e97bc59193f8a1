"""Property tests: extract_dates never raises, offsets slice back, fast paths agree."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import toolkit as tk
from toolkit.dates import grammar
from toolkit.dates.lexicon import GREGORIAN_MONTHS, HIJRI_MONTHS, WEEKDAYS
from toolkit.dates.offsets import NormalizedText
from toolkit.text.normalize import normalize
from toolkit.text.sentences import sentence_starts

WORDS = [
    "في", "منذ", "قبل", "بعد", "أمس", "اليوم", "غدا", "الأسبوع", "المقبل", "الماضي",
    "العام", "سنة", "عام", "شهر", "ثلاثة", "أشهر", "يومين", "كل", "مساء", "صباح", "فاتح",
    "الفاتح من", "القرن", "العشرين", "التسعينيات", "هـ", "م", "الأخيرة", "الأشهر", "يوم",
    "24", "٢٠٢١", "2012", "1443", "3", "11/24/2021", "24/11/2021", "2021-11-24",
    "بحلول", "تسليم", "السادس من", "الحادي والعشرين", "يومه", "(", ")", "-", "1990", "و2012",
    "وب", "لل", "د.", "3.5", ".", "،", "؟", "»", "\n", "ـ", "\u064e", "\u200f", "ﻻ",
    *GREGORIAN_MONTHS, *HIJRI_MONTHS, *WEEKDAYS,
]  # fmt: skip
date_like = st.lists(st.sampled_from(WORDS), max_size=14).map(" ".join)
any_text = st.text(st.characters(min_codepoint=0x0600, max_codepoint=0x06FF) | st.characters())


@settings(max_examples=300, deadline=None)
@given(st.one_of(any_text, date_like), st.sampled_from([None, "2022-07-11", "1999-02-28"]))
def test_never_raises_and_offsets_slice_back(text, dct):
    for mode in ("news", "narrative"):
        dates = tk.extract_dates(text, dct=dct, mode=mode)
        for start, end, span in dates[["start", "end", "text"]].itertuples(index=False):
            assert text[start:end] == span
            assert normalize(span).strip() == normalize(span)
        assert dates["start"].is_monotonic_increasing


@settings(max_examples=300, deadline=None)
@given(st.one_of(any_text, date_like))
def test_offset_map_points_at_the_same_characters(text):
    view = NormalizedText(text)
    assert view.norm == normalize(text)
    for match in re.finditer(r"\S+", view.norm):
        start, end = view.span(match.start(), match.end())
        assert normalize(text[start:end]) == match.group()


@settings(max_examples=300, deadline=None)
@given(st.one_of(any_text, date_like))
def test_sentence_starts_agree_with_sentence_spans(text):
    assert sentence_starts(text) == [start for start, _ in tk.sentence_spans(text)]


@pytest.mark.parametrize(
    "text",
    [
        "قال Dr. Smith إن الاجتماع انتهى. ثم غادر",
        "رد -Dr. X على السؤال. وغادر",
        "the U.S. said so. ثم",
        "بلغ النمو 3.5. ثم تراجع",
        "قال: «انتهى.» ثم غادر",
        "قال. \n» ثم غادر!؟ وعاد…",
        "ذكر د. محمد وم. علي ذلك. وانتهى",
        "x-dr. y. z",
        "²D.D ثم",  # ²D is one token of another script: no abbreviation
        "قال Жd. ثم غادر",
        "\u0610ب.3 ثم",  # a mark alone is a token: ب stands alone before the "."
        "َد. محمد",
    ],
)
def test_sentence_starts_on_tricky_punctuation(text):
    assert sentence_starts(text) == [start for start, _ in tk.sentence_spans(text)]


UNFILTERED, _ = grammar._compile(prefilter=False)


@settings(max_examples=300, deadline=None)
@given(date_like)
def test_prefilter_never_changes_what_is_found(text):
    padded = " " + normalize(text)

    def spans(pattern):
        return [m.span(m.lastgroup) for m in pattern.finditer(padded)]

    assert spans(grammar.MASTER) == spans(UNFILTERED)

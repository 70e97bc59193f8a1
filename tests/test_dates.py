"""extract_dates on the seed article and on the development expressions."""

from __future__ import annotations

import pandas as pd
import pytest

import toolkit as tk
from toolkit.dates import DATE_COLUMNS

from .conftest import shared_data

SEED_RESOLVED_WITHOUT_DCT = {"24 نونبر 2021": "2021-11-24", "سنة 2012": "2012"}
SEED_RELATIVE = {
    "الأسبوع المقبل": "2022-W29",
    "أول أمس السبت": "2022-07-09",
    "العام الماضي": "2021",
    "الأشهر الأخيرة": "PAST_REF",
}


def _first(dates: pd.DataFrame, text: str) -> pd.Series:
    rows = dates[dates["text"] == text]
    assert not rows.empty, f"{text!r} not found in {dates['text'].tolist()}"
    return rows.iloc[0]


def test_seed_without_dct_resolves_only_absolute_dates(seed_text):
    dates = tk.extract_dates(seed_text)
    assert list(dates.columns) == DATE_COLUMNS
    for text, value in SEED_RESOLVED_WITHOUT_DCT.items():
        row = _first(dates, text)
        assert (row["value"], row["anchor"]) == (value, "absolute")
    for text in SEED_RELATIVE:
        row = _first(dates, text)
        assert row["anchor"] == "unresolved"
        assert pd.isna(row["start_date"]) and pd.isna(row["end_date"])


def test_seed_with_dct_resolves_relative_dates(seed_text):
    dates = tk.extract_dates(seed_text, dct="2022-07-11")
    for text, value in SEED_RELATIVE.items():
        row = _first(dates, text)
        assert (row["value"], row["anchor"]) == (value, "dct")
    week = _first(dates, "الأسبوع المقبل")
    assert (week["start_date"], week["end_date"]) == (
        pd.Timestamp("2022-07-18"),
        pd.Timestamp("2022-07-24"),
    )


def test_offsets_slice_the_original_text(seed_text):
    dates = tk.extract_dates(seed_text)
    for start, end, text in dates[["start", "end", "text"]].itertuples(index=False):
        assert seed_text[start:end] == text


def test_spans_have_no_surrounding_space():
    dates = tk.extract_dates("وباشر مسلحو طالبان في نهاية نيسان/ابريل « هجوم الربيع »")
    assert dates["text"].tolist() == ["نيسان/ابريل"]


def test_offsets_survive_diacritics_and_tatweel():
    text = "وصلَ الوفدُ أمسِ، ووقّع الاتفاق في ٢٤ نـــونبر ٢٠٢١م."
    dates = tk.extract_dates(text, dct="2022-07-11")
    assert dates["text"].tolist() == ["أمسِ", "٢٤ نـــونبر ٢٠٢١م"]
    assert dates["value"].tolist() == ["2022-07-10", "2021-11-24"]


def test_sentence_ids_follow_sentence_spans(seed_text):
    dates = tk.extract_dates(seed_text)
    spans = tk.sentence_spans(seed_text)
    for start, sent_id in dates[["start", "sent_id"]].itertuples(index=False):
        s, e = spans[sent_id]
        assert s <= start < e


def _dev_rows() -> list[list[str]]:
    path = shared_data("dates/dev-expressions.tsv")
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


def test_dev_expressions_match_span_type_and_value():
    rows = _dev_rows()
    failures = []
    for sentence, expression, dct, kind, value in rows:
        found = tk.extract_dates(sentence, dct=dct)
        got = list(found[["text", "type", "value"]].itertuples(index=False, name=None))
        expected = [(expression, kind, value)] if expression else []
        if got != expected:
            failures.append((sentence, expected, got))
    score = 1 - len(failures) / len(rows)
    assert len(rows) == 71
    assert score == 1.0, f"dev score {score:.3f}; failures: {failures}"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("تنطلق الدورة يوم 3 غشت المقبل", "2022-08-03"),
        ("زار الرباط في 3 غشت الماضي", "2021-08-03"),
        ("يصل الوفد يوم 15 من الشهر الجاري", "2022-07-15"),
        ("نونبر (تشرين الثاني) 2021", "2021-11"),
        ("بدأ الصيام في غرة رمضان 1443هـ", "2022-04-02"),
        ("يحل شهر رمضان المقبل", "2023-03-23/2023-04-20"),
        ("عاد إلى بلده قبل أسبوع", "2022-W27"),
        ("وقع الحادث قبل 3 أيام", "2022-07-08"),
        ("عرفت البلاد أزمة في تسعينيات القرن الماضي", "199"),
        ("دخل العالم القرن الحادي والعشرين", "20"),
        ("ينعقد الاجتماع كل يوم جمعة", "XXXX-WXX-5"),
        ("تصدر المجلة شهريا", "P1M"),
        ("التقيا مساء السبت الماضي", "2022-07-09TEV"),
        ("انطلقت الحملة في 2019 بالرباط", "2019"),
        ("يبدأ العرض على الساعة الـ 3 مساء", "2022-07-11T15:00"),
        ("خلال الفترة من 8 / 1436 هـ", "2015-05-19/2015-06-17"),
        ("ولدت في التسعينات", "199"),
        ("وصلت أمس الأول", "2022-07-09"),
        ("سيزور الوزير المدينة يوم الجمعة", "2022-07-15"),
        ("زار الوزير المدينة يوم الجمعة", "2022-07-08"),
        ("ووضعت مولودها في السادس من ماي", "2022-05-06"),
        ("احتلتها في حرب يونيو حزيران 1967", "1967-06"),
        ("صدر بيان بتاريخ 23 - 06 - 2015", "2015-06-23"),
        ("وقعت الأزمة في أكتوبر", "2021-10"),  # a perfect verb: the last October
        ("سيزور الوفد المغرب في أبريل", "2023-04"),
        ("نظمت التنسيقية ندوة صحافية يومه الاثنين", "2022-07-11"),
        ("رفضت الهند بشدة الأحد تقريرا أمريكيا", "2022-07-10"),
        ("تستعد البلاد لمونديال 2030", "2030"),
        ("ستبلغ الأصول تريليوني دولار بحلول 2019 مدعوما بالنمو", "2019"),
        ("تراجع خام برنت تسليم سبتمبر أيلول", "2022-09"),
        ("يلتقي الوفد يوم غد الثلاثاء", "2022-07-12"),
    ],
)
def test_phenomena_resolve(sentence, value):
    dates = tk.extract_dates(sentence, dct="2022-07-11")
    assert dates["value"].tolist() == [value]


@pytest.mark.parametrize(
    "sentence",
    [
        "من الجيل الرابع والخامس",
        "بحوالي 90 في المائة",
        "بلغ عدد المشاركين 2012 مشاركا",
        "مارس الرياضة منذ صغره",
        "قال أحد الأيام إن الاثنين اتفقا",
        "استقبل أكثر من 2000 شخص",
        "تذكر اليوم الذي وصل فيه",
        "صدر القانون رقم 3/2021",
        "قال إن الاثنين اتفقا على ذلك",
        "حكم على الأشخاص الأحد عشر",
        "ازدادت في 2050 مترا",
        "مارس الرياضة",
        "عاش الإنسان هنا قبل 2000 عام",
    ],
)
def test_no_false_alarms(sentence):
    assert tk.extract_dates(sentence, dct="2022-07-11").empty


def test_hijri_century_is_not_a_gregorian_one():
    # The 2nd Hijri century is the years 100-199 AH, 718-815 CE, not the 2nd century CE.
    dates = tk.extract_dates("بنيت المدينة في القرن الثاني الهجري", dct="2022-07-11")
    assert dates["text"].tolist() == ["القرن الثاني الهجري"]
    row = dates.iloc[0]
    assert (row["granularity"], row["calendar"]) == ("hijri_century", "islamic_tabular")
    assert (row["start_date"].year, row["end_date"].year) == (718, 815)
    assert row["value"] == "0718-08-07/0815-08-14"


@pytest.mark.parametrize(
    ("sentence", "years"),
    [
        ("ازدهرت في القرن 14 للهجرة", [(1882, 1979)]),
        ("مخطوطات القرنين الثالث والرابع الهجريين", [(815, 912), (912, 1009)]),
        ("عاش في القرن الثاني عشر الهجري", [(1688, 1785)]),
    ],
)
def test_hijri_centuries_in_numbers_pairs_and_compound_ordinals(sentence, years):
    dates = tk.extract_dates(sentence, dct="2022-07-11")
    assert set(dates["granularity"]) == {"hijri_century"}
    spans = [(s.year, e.year) for s, e in zip(dates["start_date"], dates["end_date"], strict=True)]
    assert spans == years


def test_year_range_gives_two_linked_years():
    # Until Dates v2 this was one expression valued 1982/1990.
    dates = tk.extract_dates("حكم البلاد (1982 - 1990) بقبضة من حديد", dct="2022-07-11")
    assert dates["value"].tolist() == ["1982", "1990"]
    assert dates["range_id"].tolist() == ["r1", "r1"]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [("تقل رجلا (52 عاما) وامرأة", "P52Y"), ("يبلغ من العمر 56 سنة", "P56Y")],
)
def test_ages_are_durations_not_dates(sentence, value):
    # Until Dates v2 these were false-alarm cases (no expression); issue 16 makes
    # ages TIMEX3 durations. They must never become DATEs.
    dates = tk.extract_dates(sentence, dct="2022-07-11")
    assert dates[["type", "value"]].values.tolist() == [["DURATION", value]]
    assert dates["start_date"].isna().all()


def test_weekday_mismatch_is_flagged():
    dates = tk.extract_dates("أوردت الصحف الخبر أول أمس الأحد", dct="2022-07-11")
    assert dates["value"].tolist() == ["2022-07-09"]
    assert dates["flag"].iloc[0].startswith("weekday_mismatch")
    consistent = tk.extract_dates("أوردت الصحف الخبر أول أمس السبت", dct="2022-07-11")
    assert consistent["flag"].isna().all()


def test_narrative_mode_anchors_on_previous_date():
    text = "وصل الوفد في 3 مارس 2015. وفي اليوم التالي التقى الوزير، ثم غادر بعد يومين."
    news = tk.extract_dates(text, dct="2022-07-11")
    narrative = tk.extract_dates(text, dct="2022-07-11", mode="narrative")
    assert narrative["value"].tolist() == ["2015-03-03", "2015-03-04", "2015-03-05"]
    assert narrative["anchor"].tolist()[1:] == ["previous date", "previous date"]
    assert news["value"].tolist()[2] == "2022-07-13"


def test_corpus_dates_are_per_document_dct():
    corpus = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "text": ["أعلن أمس", "أعلن أمس", "أعلن أمس"],
            "date": pd.to_datetime(["2022-07-11", "2020-01-01", None]),
        }
    )
    dates = tk.extract_dates(corpus)
    assert dates["value"].tolist()[:2] == ["2022-07-10", "2019-12-31"]
    assert pd.isna(dates["value"].iloc[2])
    assert dates["anchor"].tolist() == ["dct", "dct", "unresolved"]
    overridden = tk.extract_dates(corpus, dct="2022-01-02")
    assert set(overridden["value"]) == {"2022-01-01"}


def test_tokens_table_gives_same_spans(seed_text):
    from_text = tk.extract_dates(seed_text)
    from_tokens = tk.extract_dates(tk.tokenize(seed_text))
    cols = ["sent_id", "start", "end", "text", "value"]
    pd.testing.assert_frame_equal(from_tokens[cols], from_text[cols])


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="mode"):
        tk.extract_dates("أمس", mode="poetry")
    with pytest.raises(ValueError, match="dct"):
        tk.extract_dates("أمس", dct="not a date")
    with pytest.raises(ValueError, match="column"):
        tk.extract_dates(pd.DataFrame({"body": ["أمس"]}))
    # day/month order is ambiguous (pandas would read 11/07 as November 7): refused, like the report
    with pytest.raises(ValueError, match="'11/07/2022' is not an ISO date"):
        tk.extract_dates("أمس", dct="11/07/2022")
    assert tk.extract_dates("أمس", dct="2022-07-11T09:30")["value"].tolist() == ["2022-07-10"]
    with pytest.raises(TypeError, match="data must be"):
        tk.extract_dates(42)


@pytest.mark.parametrize(
    ("sentence", "dct", "expected"),
    [
        # Fixed-date holidays resolve like a day and month said without a year.
        ("احتفل المسيحيون بعيد الميلاد", "2018-12-26", [("عيد الميلاد", "2018-12-25")]),
        # 1 Shawwal 1441 (Umm al-Qura) is 24 May 2020; the future tense keeps this year's.
        ("سيحتفل المغاربة بعيد الفطر", "2020-04-20", [("عيد الفطر", "2020-05-24")]),
        # 10 Dhu al-Hijjah 1441 was 31 July 2020: the next one is in 1442.
        ("عيد الأضحى المقبل", "2020-09-15", [("عيد الأضحى المقبل", "2021-07-20")]),
        ("احتفل بعيد ميلاده", "2020-09-15", []),  # a birthday
        # The date that follows names the holiday: one expression, not two.
        ("احتفلوا بعيد الفطر يوم 24 ماي", "2020-06-01", [("24 ماي", "2020-05-24")]),
        ("احتفل بعيد الميلاد الستين لوالده", "2020-09-15", []),
    ],
)
def test_holidays(sentence, dct, expected):
    dates = tk.extract_dates(sentence, dct=dct)
    assert list(zip(dates["text"], dates["value"], strict=True)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("لم يتم لحد الساعة تحديد الموعد", [("لحد الساعة", "DATE", "PRESENT_REF")]),
        ("لم يصدر حتى الساعة أي قرار", [("حتى الساعة", "DATE", "PRESENT_REF")]),
        ("استمر حتى الساعة الثامنة مساء", [("الساعة الثامنة مساء", "TIME", "2020-09-15T20:00")]),
        ("ارتفعت الإصابات خلال الأسبوعين الماضيين", [("الأسبوعين الماضيين", "DURATION", "P2W")]),
        ("في اليومين المقبلين", [("اليومين المقبلين", "DURATION", "P2D")]),
    ],
)
def test_so_far_and_dual_durations(sentence, expected):
    dates = tk.extract_dates(sentence, dct="2020-09-15")
    assert list(zip(dates["text"], dates["type"], dates["value"], strict=True)) == expected

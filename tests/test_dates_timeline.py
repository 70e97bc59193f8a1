"""timeline, corpus-level date series, chunked and parallel extraction."""

from __future__ import annotations

import sys

import pandas as pd
import pytest

import toolkit as tk
from toolkit.dates.timelines import ENTITY_FREE, TIMELINE_COLUMNS

CORPUS = pd.DataFrame(
    {
        "doc_id": ["a", "b", "c", "d"],
        "text": [
            "وصل الوفد أمس إلى الرباط. وقع الاتفاق في 24 نونبر 2021.",
            "انعقد المؤتمر الأسبوع الماضي في القاهرة، ويستمر ثلاثة أيام.",
            "قال الوزير إن العام الماضي كان صعبا. ينعقد المجلس كل شهر.",
            "أعلنت الحكومة اليوم عن خطة لسنة 2023.",
        ],
        "date": pd.to_datetime(["2022-07-11", "2022-07-12", "2022-07-20", None]),
    }
)


def test_timeline_rows_carry_sentence_and_entities(seed_text):
    entities = pd.DataFrame(
        {
            "doc_id": ["doc0", "doc0"],
            "sent_id": [1, 1],
            "start": [seed_text.index("بيني غانتس"), seed_text.index("عبد اللطيف لوديي")],
            "end": [0, 0],
            "text": ["بيني غانتس", "لوديي"],
            "label": ["PERS", "PERS"],
            "canonical": ["بيني غانتس", "عبد اللطيف لوديي"],
        }
    )
    rows = tk.timeline(seed_text, dct="2022-07-11", entities=entities)
    assert list(rows.columns) == TIMELINE_COLUMNS
    assert rows["start_date"].is_monotonic_increasing
    assert rows["start_date"].notna().all() and set(rows["type"]) <= {"DATE", "TIME"}
    visit = rows[rows["text"] == "24 نونبر 2021"].iloc[0]
    assert visit["entities"] == ["بيني غانتس", "عبد اللطيف لوديي"]
    assert "24 نونبر 2021" in visit["sentence"] and visit["sentence"].startswith("وتكتسي")
    assert rows[rows["text"] == "سنة 2012"].iloc[0]["entities"] == []


def test_timeline_without_dct_keeps_only_absolute_dates(seed_text):
    rows = tk.timeline(seed_text, entities=ENTITY_FREE)
    assert set(rows["anchor"]) == {"absolute"}
    assert "24 نونبر 2021" in set(rows["text"])


def test_timeline_warns_when_no_recogniser(seed_text, monkeypatch):
    monkeypatch.delitem(tk._EXPORTS, "extract_entities", raising=False)
    monkeypatch.delattr(tk, "extract_entities", raising=False)
    with pytest.warns(UserWarning, match="extract_entities"):
        rows = tk.timeline(seed_text, dct="2022-07-11")
    assert rows["entities"].map(len).eq(0).all()


def test_mentions_per_period_counts_by_publication_week():
    table = tk.mentions_per_period(CORPUS, by="W")
    assert list(table.columns) == ["date", "type", "count", "documents", "rel_freq"]
    first_week = table[table["date"] == pd.Timestamp("2022-07-17")]
    counts = dict(zip(first_week["type"], first_week["count"], strict=True))
    assert counts == {"DATE": 3, "DURATION": 1}
    assert set(first_week["documents"]) == {2}
    assert table["count"].sum() == 6  # document d has no publication date


def test_referenced_time_places_mentions_by_referenced_year():
    table = tk.referenced_time(CORPUS, by="MS", reference_freq="Y")
    got = dict(zip(table["period"], table["count"], strict=True))
    assert got == {"2021": 2, "2022": 2}
    assert table["rel_freq"].sum() == pytest.approx(1.0)
    last_year = table[table["period"] == "2021"]
    assert (last_year["median_lag_days"] > 0).all()


def _chunks(frame: pd.DataFrame, size: int):
    for i in range(0, len(frame), size):
        yield frame.iloc[i : i + size]


def test_chunked_and_parallel_extraction_match_serial(seed_text):
    corpus = pd.concat([CORPUS] * 3, ignore_index=True)
    corpus["doc_id"] = [f"d{i}" for i in range(len(corpus))]
    seed = pd.DataFrame({"doc_id": ["seed"], "text": [seed_text], "date": ["2022-07-11"]})
    corpus = pd.concat([corpus, seed], ignore_index=True)
    serial = tk.extract_dates(corpus)
    chunked = tk.extract_dates(_chunks(corpus, 4))
    parallel = tk.extract_dates(_chunks(corpus, 4), n_jobs=2, progress=False)
    parallel_frame = tk.extract_dates(corpus, n_jobs=2, progress=False)
    pd.testing.assert_frame_equal(chunked, serial)
    pd.testing.assert_frame_equal(parallel, serial)
    pd.testing.assert_frame_equal(parallel_frame, serial)


def test_timeline_runs_the_package_recogniser_when_present(seed_text, monkeypatch):
    calls = []

    def fake_extract_entities(corpus, **options):
        calls.append(len(corpus))
        assert options == {"n_jobs": 1, "chunksize": None, "progress": False}
        start = seed_text.index("للرباط وتل أبيب")
        return pd.DataFrame(
            {"doc_id": ["doc0"], "sent_id": [1], "start": [start], "end": [start + 6],
             "text": ["للرباط"], "label": ["LOC"], "canonical": ["الرباط"]}
        )  # fmt: skip

    monkeypatch.setattr(tk, "extract_entities", fake_extract_entities, raising=False)
    rows = tk.timeline(seed_text, dct="2022-07-11", progress=False)
    assert calls == [1]
    assert rows[rows["text"] == "24 نونبر 2021"].iloc[0]["entities"] == ["الرباط"]


def test_timeline_sentences_are_those_of_sentence_spans(seed_text):
    rows = tk.timeline(seed_text, dct="2022-07-11", entities=ENTITY_FREE)
    spans = tk.sentence_spans(seed_text)
    for sent_id, sentence in zip(rows["sent_id"], rows["sentence"], strict=True):
        assert sentence == seed_text[slice(*spans[sent_id])]


def test_referenced_time_keeps_medieval_years_and_period_starts():
    corpus = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "text": [
                "بنيت القلعة سنة 1215 ورممت في 3 مارس 2015",
                "زار الوفد المدينة يوم 24 نونبر 2021",
            ],
            "date": pd.to_datetime(["2015-07-21", "2021-11-25"]),
        }
    )
    years = tk.referenced_time(corpus, by="MS", reference_freq="Y")
    assert years["period"].tolist() == ["1215", "2015", "2021"]
    assert str(years["referenced_date"].iloc[0]) == "1215-01-01 00:00:00"
    weeks = tk.referenced_time(corpus, by="MS", reference_freq="W")
    assert weeks["period"].tolist() == ["2015-W10", "2021-W47"]
    assert weeks["referenced_date"].dt.day_name().tolist() == ["Monday", "Monday"]
    quarters = tk.referenced_time(corpus, by="MS", reference_freq="QS")
    assert quarters["referenced_date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2015-01-01",
        "2021-10-01",
    ]


def test_timeline_reuses_given_dates_instead_of_extracting_again(seed_text, monkeypatch):
    dates = tk.extract_dates(seed_text, dct="2022-07-11")
    expected = tk.timeline(seed_text, dct="2022-07-11", entities=ENTITY_FREE)
    timelines = sys.modules["toolkit.dates.timelines"]

    def no_second_extraction(*args, **kwargs):
        raise AssertionError("extract_dates ran again")

    monkeypatch.setattr(timelines, "extract_dates", no_second_extraction)
    reused = tk.timeline(seed_text, dct="2022-07-11", entities=ENTITY_FREE, dates=dates)
    pd.testing.assert_frame_equal(reused, expected)


def test_timeline_dct_column_is_each_documents_reference_date():
    corpus = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "text": ["وصل الوفد اليوم", "غادر الوفد أمس", "في 24 نونبر 2021"],
            "date": [pd.Timestamp("2015-08-10 13:30"), pd.Timestamp("2015-08-11"), pd.NaT],
        }
    )
    rows = tk.timeline(corpus, entities=ENTITY_FREE)
    assert rows[["doc_id", "text", "value"]].values.tolist() == [
        ["a", "اليوم", "2015-08-10"],
        ["b", "أمس", "2015-08-10"],
        ["c", "24 نونبر 2021", "2021-11-24"],
    ]
    dct = rows["dct"].dt.strftime("%Y-%m-%d").fillna("")
    assert dct.tolist() == ["2015-08-10", "2015-08-11", ""]  # the day, without the time
    given = tk.timeline(corpus, dct="2022-07-11", entities=ENTITY_FREE)
    assert set(given["dct"]) == {pd.Timestamp("2022-07-11")}

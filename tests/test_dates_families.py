"""Issue 16 (Dates v2): each family on its hand-checked sentences, ranges, vague refs, calendars."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest

import toolkit as tk
from toolkit.dates.timelines import ENTITY_FREE, VAGUE_VALUES

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[1]


def _evaluator():
    path = ROOT / "scripts" / "evaluate_dates.py"
    spec = importlib.util.spec_from_file_location("evaluate_dates", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


EVALUATE = _evaluator()
FAMILY_ROWS = EVALUATE.read(DATA / "dates-families.tsv")


def test_every_family_has_at_least_ten_sentences():
    counts = pd.Series([row.family for row in FAMILY_ROWS]).value_counts()
    assert set(counts.index) == {
        "composition", "tense", "clock", "duration", "range", "century", "vague", "precision",
        "decade", "hijri",
    }  # fmt: skip
    assert counts.min() >= 10, counts.to_dict()


@pytest.mark.parametrize(
    "row", FAMILY_ROWS, ids=[f"{r.family}-{i}" for i, r in enumerate(FAMILY_ROWS)]
)
def test_family_sentence(row):
    found = tk.extract_dates(row.sentence, dct=row.dct, **row.options)
    overlapping = [
        (text, kind, "" if pd.isna(value) else value)
        for start, end, text, kind, value in found[
            ["start", "end", "text", "type", "value"]
        ].itertuples(index=False)
        if start < row.span[1] and row.span[0] < end
    ]
    if row.type == "NONE":
        assert overlapping == []
    else:
        assert overlapping == [(row.expression, row.type, row.value)]


def test_moroccan_sample_scores_hold():
    # The held-apart sample (54 expressions); see scripts/evaluate_dates.py.
    counts = EVALUATE.score(EVALUATE.read(DATA / "dates-moroccan-sample.tsv"), complete=True)
    total = counts["all"]
    assert total["gold"] == 54
    assert total["found"] / total["gold"] >= 0.9
    assert total["right"] / total["gold"] >= 0.85
    assert total["false_alarms"] / total["extracted"] <= 0.04


def test_range_ends_share_a_range_id():
    dates = tk.extract_dates("تولى المنصب من 2011 إلى 2016، ثم عاد سنة 2019", dct="2020-09-15")
    assert dates[["text", "value"]].values.tolist() == [
        ["2011", "2011"], ["2016", "2016"], ["سنة 2019", "2019"],
    ]  # fmt: skip
    assert dates["range_id"].tolist()[:2] == ["r1", "r1"]
    assert pd.isna(dates["range_id"].iloc[2])
    # "بين 2011 و2016" is a range; "عامي 2015 و2016" without من/بين is not.
    pair = tk.extract_dates("بطولتي كوبا أمريكا عام 2015 و2016", dct="2020-09-15")
    assert pair["value"].tolist() == ["2015", "2016"] and pair["range_id"].isna().all()


def test_vague_references_stay_off_the_calendar():
    text = "أعلن الوزير حاليا أن المشروع سينطلق قريبا بعد أن توقف مؤخرا. وصل الوفد أمس."
    dates = tk.extract_dates(text, dct="2020-09-15")
    vague = dates[dates["granularity"] == "vague"]
    assert vague["value"].tolist() == ["PRESENT_REF", "FUTURE_REF", "PAST_REF"]
    assert set(vague["type"]) == {"DATE"}
    assert vague["start_date"].isna().all() and vague["end_date"].isna().all()
    assert set(vague["value"]) == set(VAGUE_VALUES)
    rows = tk.timeline(text, dct="2020-09-15", entities=ENTITY_FREE)
    assert rows["value"].tolist() == ["2020-09-14"]


def test_coarse_reference_leaves_day_unresolved_with_reason():
    dates = tk.extract_dates("ولد سنة 1988، وفي اليوم الموالي نقل إلى المستشفى", dct="2020-09-15")
    row = dates.iloc[1]
    assert pd.isna(row["value"]) and pd.isna(row["start_date"])
    assert row["anchor"] == "unresolved: previous date is a year, not a day"
    narrative = tk.extract_dates("ولد سنة 1988 وانتقل في العام التالي", mode="narrative")
    assert narrative["value"].tolist() == ["1988", "1989"]


def test_hijri_calendar_option_and_country_column():
    text = "أعلنت الوزارة أن فاتح رمضان 1441 سيكون يوم عيد"
    default = tk.extract_dates(text)
    morocco = tk.extract_dates(text, hijri="morocco")
    assert (default["value"].iloc[0], default["calendar"].iloc[0]) == ("2020-04-24", "umm_al_qura")
    assert (morocco["value"].iloc[0], morocco["calendar"].iloc[0]) == ("2020-04-25", "morocco")
    corpus = pd.DataFrame(
        {"doc_id": ["ma", "sa"], "text": [text, text], "country": ["MA", "SA"], "date": [None] * 2}
    )
    by_country = tk.extract_dates(corpus)
    assert by_country["value"].tolist() == ["2020-04-25", "2020-04-24"]
    assert by_country["calendar"].tolist() == ["morocco", "umm_al_qura"]
    overridden = tk.extract_dates(corpus, hijri="umm_al_qura")
    assert set(overridden["value"]) == {"2020-04-24"}
    # Relative Hijri months are placed on the Moroccan calendar too (one day later).
    coming = tk.extract_dates("يحل شهر رمضان المقبل", dct="2022-07-11", hijri="morocco")
    assert coming["value"].tolist() == ["2023-03-24/2023-04-21"]
    assert tk.extract_dates("وصل أمس", dct="2022-07-11")["calendar"].tolist() == ["gregorian"]
    with pytest.raises(ValueError, match="hijri"):
        tk.extract_dates(text, hijri="turkey")


def test_weekday_after_a_date_is_part_of_it_and_checked():
    dates = tk.extract_dates("انطلقت الدورة في 13 شتنبر 2020 يوم السبت")
    assert dates["text"].tolist() == ["13 شتنبر 2020 يوم السبت"]
    assert dates["flag"].iloc[0].startswith("weekday_mismatch")

"""plot.timeline: real time axis, spans for ranges, labels that never overlap."""

from __future__ import annotations

import itertools
import re

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
import pytest
from matplotlib.patches import Rectangle

from toolkit import plot
from toolkit.plot import shaping

COLUMNS = ["doc_id", "text", "type", "value", "start_date", "end_date", "granularity"]
DATES = pd.DataFrame(
    [
        ("d1", "24 نونبر 2021", "DATE", "2021-11-24", "2021-11-24", "2021-11-24", "day"),
        ("d1", "يوم 24 نونبر", "DATE", "2021-11-24", "2021-11-24", "2021-11-24", "day"),
        ("d1", "الأسبوع المقبل", "DATE", "2022-W29", "2022-07-18", "2022-07-24", "week"),
        ("d1", "أول أمس السبت", "DATE", "2022-07-16", "2022-07-16", "2022-07-16", "day"),
        ("d1", "الإثنين المقبل", "DATE", "2022-07-18", "2022-07-18", "2022-07-18", "day"),
        ("d1", "19 يوليوز", "DATE", "2022-07-19", "2022-07-19", "2022-07-19", "day"),
        ("d1", "دجنبر 2020", "DATE", "2020-12", "2020-12-01", "2020-12-31", "month"),
        ("d1", "العام الماضي", "DATE", "2021", "2021-01-01", "2021-12-31", "year"),
    ],
    columns=COLUMNS,
)


def label_boxes(ax):
    renderer = ax.figure.canvas.get_renderer()
    return [t.get_window_extent(renderer) for t in ax.texts]


def test_labels_never_overlap_even_for_events_days_apart():
    ax = plot.timeline(DATES)
    ax.figure.canvas.draw()
    boxes = label_boxes(ax)
    assert len(boxes) == 7  # the two mentions of 24 November are one event
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), "two timeline labels overlap"
    figure_box = ax.figure.bbox
    assert all(figure_box.x0 <= b.x0 and b.x1 <= figure_box.x1 for b in boxes)


def test_ranges_are_spans_on_a_date_axis_and_days_are_points():
    ax = plot.timeline(DATES)
    spans = [p for p in ax.patches if isinstance(p, Rectangle)]
    widths = sorted(round(p.get_width()) for p in spans)
    assert widths == [6, 30, 364]  # week, month, year in days
    assert len(ax.lines) == 4  # day events
    assert isinstance(ax.xaxis.get_major_formatter(), mdates.ConciseDateFormatter)
    year = next(p for p in spans if round(p.get_width()) == 364)
    assert mdates.num2date(year.get_x()).date().isoformat() == "2021-01-01"


def test_repeated_mentions_are_merged_and_counted():
    ax = plot.timeline(DATES)
    texts = [t.get_text() for t in ax.texts]
    assert plot.arabic_text("24 نونبر 2021 ×2") in texts


def test_legend_by_granularity_and_arabic_font():
    ax = plot.timeline(DATES)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["day", "week", "month", "year"]
    assert all(t.get_fontfamily()[0] == "Noto Sans Arabic" for t in ax.texts)
    assert not any(t.get_parse_math() for t in ax.texts)


@pytest.mark.parametrize("shapes", [True, False])
def test_labels_follow_renderer_capability(shapes, monkeypatch):
    monkeypatch.setattr(shaping, "matplotlib_shapes", lambda: shapes)
    ax = plot.timeline(DATES.iloc[[6]])
    expected = "دجنبر 2020" if shapes else shaping.visual_order("دجنبر 2020")
    assert [t.get_text() for t in ax.texts] == [expected]


def test_long_labels_are_shortened():
    long = DATES.iloc[[0]].assign(text="في زيارة رسمية هي الأولى من نوعها لمسؤول عسكري إسرائيلي")
    ax = plot.timeline(long, max_label_chars=20)
    (text,) = ax.texts
    assert text.get_text() == plot.arabic_text("في زيارة رسمية هي…")


def test_unresolved_rows_are_reported_not_silently_dropped():
    undated = DATES.iloc[[0]].assign(text="منذ سنوات", start_date=None, end_date=None)
    with pytest.warns(UserWarning, match="1 of 9 date rows have no resolved start_date"):
        ax = plot.timeline(pd.concat([DATES, undated]))
    assert len(ax.texts) == 7
    with pytest.raises(ValueError, match="no row has a resolved start_date"):
        plot.timeline(undated)


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="missing column"):
        plot.timeline(DATES.drop(columns="end_date"))
    with pytest.raises(ValueError, match="must hold dates"):
        plot.timeline(DATES.assign(start_date="غدا"))


@pytest.mark.parametrize("seed", [0, 1])
def test_dense_events_still_have_separate_readable_labels(seed):
    rng = np.random.default_rng(seed)
    words = ["زيارة", "كوخافي", "الرباط", "مذكرة تفاهم", "غانتس", "لجنة القدس", "2022"]
    starts = pd.Timestamp("2022-06-01") + pd.to_timedelta(rng.integers(0, 60, 30), unit="D")
    lengths = rng.choice([0, 0, 0, 6, 30], 30)
    dense = pd.DataFrame(
        {
            "text": [" ".join(rng.choice(words, 2)) for _ in range(30)],
            "start_date": starts,
            "end_date": starts + pd.to_timedelta(lengths, unit="D"),
            "granularity": ["day" if n == 0 else "week" if n == 6 else "month" for n in lengths],
        }
    )
    ax = plot.timeline(dense)
    ax.figure.canvas.draw()
    boxes = label_boxes(ax)
    assert len(boxes) == len(dense.drop_duplicates(["start_date", "end_date"]))
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b)
    assert all(ax.figure.bbox.x0 <= b.x0 and b.x1 <= ax.figure.bbox.x1 for b in boxes)


def test_centuries_far_back_stay_on_matplotlibs_date_range():
    import toolkit as tk

    text = "بنيت في القرن الثاني ثم رممت في القرن العشرين وزارها في 24 نونبر 2021"
    dates = tk.extract_dates(text)
    assert dates["granularity"].tolist() == ["century", "century", "day"]
    ax = plot.timeline(dates)
    left, right = ax.get_xlim()
    assert mdates.num2date(left).year >= 1
    assert mdates.num2date(left).year <= 100 and mdates.num2date(right).year >= 2021


# --- what is not an event: vague references, the days around publication ---------------

DCT = "2022-07-11"
DEICTIC = pd.DataFrame(
    [
        ("d2", "اليوم", "DATE", "2022-07-11", "2022-07-11", "2022-07-11", "day", "dct"),
        ("d2", "اليوم", "DATE", "2022-07-11", "2022-07-11", "2022-07-11", "day", "dct"),
        ("d2", "أمس", "DATE", "2022-07-10", "2022-07-10", "2022-07-10", "day", "dct"),
        ("d2", "غدا", "DATE", "2022-07-12", "2022-07-12", "2022-07-12", "day", "dct"),
        ("d2", "حاليا", "DATE", "PRESENT_REF", "2022-07-11", "2022-07-11", "vague", "dct"),
        ("d2", "في الماضي", "DATE", "PAST_REF", None, None, "vague", "dct"),
        ("d2", "30 يونيو", "DATE", "2022-06-30", "2022-06-30", "2022-06-30", "day", "dct"),
    ],
    columns=[*COLUMNS, "anchor"],
).assign(dct=DCT)
MIXED = pd.concat([DATES.assign(anchor="absolute", dct=DCT), DEICTIC], ignore_index=True)


def test_kind_of_each_row():
    kinds = plot.timeline_kind(MIXED)
    assert kinds.tolist() == ["event"] * 8 + ["around publication"] * 4 + ["vague"] * 2 + [
        "event"  # 30 يونيو: relative to the document (no year) but 11 days before it
    ]
    assert plot.timeline_kind(MIXED, around_publication=None).eq("around publication").sum() == 0
    # without the document date nothing can be told to be near it
    assert "around publication" not in set(plot.timeline_kind(MIXED.drop(columns="dct")))


def test_vague_references_are_left_out_and_said_so():
    with pytest.warns(UserWarning, match="2 of 15 date rows are vague or present references"):
        ax = plot.timeline(MIXED)
    texts = [t.get_text() for t in ax.texts]
    assert not any("حاليا" in t or t == "الماضي" for t in texts)
    assert ax.get_xlabel().startswith("not drawn: vague or present references 2")


def test_days_around_publication_are_one_distribution_not_events():
    with pytest.warns(UserWarning):
        ax = plot.timeline(MIXED)
    events = [t.get_text() for t in ax.texts if "\n" not in t.get_text()]
    assert len(events) == 8  # DATES' 7 events and 30 يونيو; no اليوم, أمس, غدا event
    assert not {plot.arabic_text(x) for x in ["اليوم ×2", "أمس", "غدا"]} & set(events)
    (band_label,) = [t.get_text() for t in ax.texts if "\n" in t.get_text()]
    assert band_label.split("\n") == [
        "mentions of the days around publication: 4",
        plot.arabic_text("اليوم ×2، أمس ×1، غدا ×1"),
    ]
    bars = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_facecolor()[0] < 0.7]
    grey = [p for p in bars if np.allclose(p.get_facecolor()[:3], p.get_facecolor()[0])]
    assert sorted(round(p.get_height(), 2) for p in grey) == [0.3, 0.3, 0.6]  # 1, 1, 2 mentions
    ax.figure.canvas.draw()
    for a, b in itertools.combinations(label_boxes(ax), 2):
        assert not a.overlaps(b)


def test_top_keeps_the_most_mentioned_events_and_counts_the_rest():
    ax = plot.timeline(DATES, top=2)
    texts = [t.get_text() for t in ax.texts]
    assert plot.arabic_text("24 نونبر 2021 ×2") in texts and len(texts) == 2
    assert ax.get_xlabel() == "not drawn: 5 less-mentioned periods (5 mentions)"
    with pytest.raises(ValueError, match="top must be at least 1"):
        plot.timeline(DATES, top=0)


def test_saudinewsnet_timeline_shows_the_periods_talked_about():
    import toolkit as tk
    from tests.conftest import shared_data
    from toolkit.dates.timelines import ENTITY_FREE

    chunk = next(tk.iter_corpus(shared_data("news/saudinewsnet-2015.jsonl.gz"), chunksize=3000))
    rows = tk.timeline(chunk, entities=ENTITY_FREE)
    kinds = plot.timeline_kind(rows)
    deictic = rows[kinds == "around publication"]
    assert {"اليوم", "أمس"} <= set(deictic["text"])
    # vague references (حاليا، الآن) have no calendar dates, so timeline() leaves them out
    assert not (kinds == "vague").any()
    ax = plot.timeline(rows)
    ax.figure.canvas.draw()
    events = [t.get_text() for t in ax.texts if "\n" not in t.get_text()]
    assert len(events) == 30
    names = {re.sub(r"\s*\d*×\d*\s*", "", t) for t in events}  # the ×n off, in either order
    assert not names & {plot.arabic_text("اليوم"), plot.arabic_text("أمس")}
    for a, b in itertools.combinations(label_boxes(ax), 2):
        assert not a.overlaps(b)
    assert ax.figure.get_figheight() < 16  # 30 events in at most ~26 rows

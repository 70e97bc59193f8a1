"""plot.terms and plot.save: what was drawn, Arabic labels, input checks."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.axes import Axes

from toolkit import plot
from toolkit.plot import shaping

FREQS = pd.DataFrame(
    {
        "term": ["المغرب", "إسرائيل", "الرباط", "تل أبيب", "أفيف كوخافي", "بيني غانتس", "$1 أو $2"],
        "count": [14, 11, 9, 4, 6, 5, 1],
        "rel_freq": [0.07, 0.055, 0.045, 0.02, 0.03, 0.025, 0.005],
        "doc_freq": [1] * 7,
        "tfidf": [0.1] * 7,
    }
)


def tick_texts(ax: Axes) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


def test_highest_bar_on_top_with_counts_annotated():
    ax = plot.terms(FREQS, top=3)
    assert tick_texts(ax) == [plot.arabic_text(t) for t in ["الرباط", "إسرائيل", "المغرب"]]
    widths = [p.get_width() for p in ax.patches]
    assert widths == [9, 11, 14]
    annotations = [t.get_text() for t in ax.texts]
    assert annotations == ["9", "11", "14"]


def test_labels_use_arabic_font_and_no_mathtext():
    ax = plot.terms(FREQS)
    labels = {t.get_text(): t for t in ax.get_yticklabels()}
    dollar = labels[plot.arabic_text("$1 أو $2")]
    assert dollar.get_fontproperties().get_family()[0] == "Noto Sans Arabic"
    assert not dollar.get_parse_math()
    ax.figure.canvas.draw()  # would raise on a missing glyph (pytest turns it into an error)


@pytest.mark.parametrize("shapes", [True, False])
def test_labels_follow_renderer_capability(shapes, monkeypatch):
    monkeypatch.setattr(shaping, "matplotlib_shapes", lambda: shapes)
    ax = plot.terms(FREQS, top=1)
    expected = "المغرب" if shapes else shaping.visual_order("المغرب")
    assert tick_texts(ax) == [expected]


def test_counts_are_summed_over_groups_of_a_by_table():
    by_date = pd.concat([FREQS.assign(date="2021-11"), FREQS.assign(date="2022-07")])
    ax = plot.terms(by_date, top=1)
    assert [p.get_width() for p in ax.patches] == [28]
    with pytest.raises(ValueError, match="only 'count' can be summed"):
        plot.terms(by_date, value="rel_freq")


def test_rel_freq_values_and_given_axes():
    import matplotlib.pyplot as plt

    _, given = plt.subplots()
    ax = plot.terms(FREQS, top=2, value="rel_freq", ax=given, title="أكثر الكلمات تكرارا")
    assert ax is given
    assert [t.get_text() for t in ax.texts] == ["0.055", "0.07"]
    assert ax.get_title() == plot.arabic_text("أكثر الكلمات تكرارا")


def test_bad_input_is_named():
    with pytest.raises(ValueError, match=r"missing column\(s\) \['count'\]"):
        plot.terms(FREQS.drop(columns="count"))
    with pytest.raises(ValueError, match="empty"):
        plot.terms(FREQS.iloc[:0])
    with pytest.raises(TypeError, match="pandas DataFrame"):
        plot.terms({"المغرب": 3})
    with pytest.raises(ValueError, match="top must be"):
        plot.terms(FREQS, top=0)


def test_save_writes_png_and_svg_with_outlined_text(tmp_path):
    ax = plot.terms(FREQS)
    paths = plot.save(ax, name="terms", folder=tmp_path / "figures")
    assert [p.name for p in paths] == ["terms.png", "terms.svg"]
    assert paths[0].read_bytes().startswith(b"\x89PNG")
    svg = paths[1].read_text()
    assert "<text" not in svg and "<path" in svg  # glyph outlines, not re-shapeable text
    with pytest.raises(ValueError, match="plain file stem"):
        plot.save(ax, name="sub/terms", folder=tmp_path)
    with pytest.raises(ValueError, match="unsupported format"):
        plot.save(ax, name="terms", folder=tmp_path, formats=("gif",))

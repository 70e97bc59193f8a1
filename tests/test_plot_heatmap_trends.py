"""plot.heatmap and plot.trends: what was drawn, Arabic labels, input checks."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from toolkit import plot

NAMES = ["المغرب", "إسرائيل", "أفيف كوخافي", "لجنة القدس"]
MATRIX = pd.DataFrame(
    [[0, 9, 4, 2], [9, 0, 3, 0], [4, 3, 0, 0], [2, 0, 0, 0]], index=NAMES, columns=NAMES
)
BY_DATE = pd.DataFrame(
    {
        "date": pd.to_datetime(
            ["2021-11-01", "2021-11-01", "2021-12-01", "2022-07-01", "2022-07-01", "2022-07-01"]
        ),
        "term": ["المغرب", "بيني غانتس", "المغرب", "المغرب", "أفيف كوخافي", "الرباط"],
        "count": [5, 3, 2, 9, 5, 1],
        "rel_freq": [0.05, 0.03, 0.02, 0.09, 0.05, 0.01],
    }
)


def test_heatmap_draws_the_matrix_with_arabic_ticks_and_values():
    ax = plot.heatmap(MATRIX, title="مصفوفة التلازم")
    assert np.array_equal(ax.images[0].get_array(), MATRIX.to_numpy())
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert ticks == [plot.arabic_text(n) for n in NAMES]
    assert all(t.get_fontfamily()[0] == "Noto Sans Arabic" for t in ax.get_xticklabels())
    assert [t.get_text() for t in ax.texts][:4] == ["0", "9", "4", "2"]
    ax.figure.canvas.draw()


def test_heatmap_aligns_columns_to_rows_and_can_skip_annotations():
    shuffled = MATRIX.loc[:, NAMES[::-1]]
    ax = plot.heatmap(shuffled, annotate=False)
    assert np.array_equal(ax.images[0].get_array(), MATRIX.to_numpy())
    assert len(ax.texts) == 0


def test_heatmap_bad_input_is_named():
    with pytest.raises(ValueError, match="square"):
        plot.heatmap(MATRIX.iloc[:, :3])
    with pytest.raises(ValueError, match="repeated"):
        plot.heatmap(MATRIX.rename(index={"إسرائيل": "المغرب"}, columns={"إسرائيل": "المغرب"}))
    with pytest.raises(TypeError, match="square pandas DataFrame"):
        plot.heatmap(MATRIX.to_numpy())


def test_trends_one_line_per_top_term_with_zeros_for_absent_periods():
    ax = plot.trends(BY_DATE, top=2)
    labels = [line.get_label() for line in ax.lines]
    assert labels == [plot.arabic_text("المغرب"), plot.arabic_text("أفيف كوخافي")]
    assert ax.lines[0].get_ydata().tolist() == [5, 2, 9]
    assert ax.lines[1].get_ydata().tolist() == [0, 0, 5]
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == labels
    assert legend.get_texts()[0].get_fontfamily()[0] == "Noto Sans Arabic"


def test_trends_chosen_terms_and_value_column():
    ax = plot.trends(BY_DATE, terms=["بيني غانتس"], value="rel_freq")
    assert ax.lines[0].get_ydata().tolist() == [0.03, 0, 0]
    assert ax.get_ylabel() == "rel_freq"


def test_trends_bad_input_is_named():
    with pytest.raises(ValueError, match=r"term\(s\) \['تل أبيب'\] do not occur"):
        plot.trends(BY_DATE, terms=["تل أبيب"])
    with pytest.raises(ValueError, match="missing column"):
        plot.trends(BY_DATE.drop(columns="date"))
    with pytest.raises(ValueError, match="missing dates"):
        plot.trends(BY_DATE.assign(date=pd.NaT))

"""plot.keyness: bar order, sides, colours and Arabic labels."""

from __future__ import annotations

import pandas as pd
import pytest

import toolkit as tk
from tests._exploration_data import moroccan
from toolkit import plot

TABLE = pd.DataFrame({
    "term": ["المغرب", "الرباط", "كوخافي", "الجزائر", "تونس", "إسرائيل"],
    "g2": [9.0, 4.0, 1.0, -1.0, -3.0, -6.0],
})  # fmt: skip


def test_bar_order_and_sides_checked_by_hand():
    ax = plot.keyness(TABLE.sample(frac=1, random_state=1), top=2, target="هسبريس")
    bars = ax.patches
    assert [bar.get_width() for bar in bars] == [9.0, 4.0, -3.0, -6.0]
    ys = [bar.get_y() for bar in bars]
    assert ys == sorted(ys, reverse=True)  # first bar on top
    labels = [(t.get_text(), t.get_position()[0] > 0, t.get_ha()) for t in ax.texts]
    shaped = [plot.arabic_text(t, renderer="matplotlib")
              for t in ["المغرب", "الرباط", "تونس", "إسرائيل"]]  # fmt: skip
    assert labels == [(shaped[0], True, "left"), (shaped[1], True, "left"),
                      (shaped[2], False, "right"), (shaped[3], False, "right")]  # fmt: skip
    assert bars[0].get_facecolor() != bars[-1].get_facecolor()
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [plot.arabic_text("هسبريس", renderer="matplotlib"), "reference"]


def test_keyness_of_the_moroccan_sources():
    table = tk.keyness(moroccan(), target="yabiladi.com", by="source")
    ax = plot.keyness(table, top=10)
    widths = [bar.get_width() for bar in ax.patches]
    assert len(widths) == 20
    assert all(w > 0 for w in widths[:10]) and all(w < 0 for w in widths[10:])
    assert widths[0] == table["g2"].max() and widths[-1] == table["g2"].min()


def test_table_without_signed_values_is_refused():
    with pytest.raises(ValueError, match="non-zero"):
        plot.keyness(TABLE.assign(g2=0.0))

"""plot.wordcloud / wordcloud_svg: fed with the toolkit's counts, Arabic kept whole."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from toolkit import plot
from toolkit.plot import shaping
from toolkit.plot.wordcloud_plot import build_wordcloud

FREQS = pd.DataFrame(
    {
        "term": ["المغرب", "إسرائيل", "الرباط", "أفيف كوخافي", "الجيش الإسرائيلي", "لجنة القدس"],
        "count": [12, 9, 6, 6, 4, 1],
    }
)


def test_words_are_the_terms_with_their_relative_counts():
    cloud = build_wordcloud(FREQS, width=400, height=200)
    expected = {
        plot.arabic_text(r.term, renderer="pillow"): r.count / 12 for r in FREQS.itertuples()
    }
    assert cloud.words_ == pytest.approx(expected)
    # multi-word terms stay one word: wordcloud's regexp tokeniser is never used
    assert plot.arabic_text("الجيش الإسرائيلي", renderer="pillow") in cloud.words_


def test_top_limits_the_words_and_sizes_follow_counts():
    cloud = build_wordcloud(FREQS, top=3, width=400, height=200)
    (first, _), first_size, *_ = cloud.layout_[0]
    assert len(cloud.words_) == 3
    assert first == plot.arabic_text("المغرب", renderer="pillow")
    assert first_size == max(size for _, size, *_ in cloud.layout_)


def test_returns_the_given_axes_with_the_image():
    _, given = plt.subplots()
    ax = plot.wordcloud(FREQS, ax=given, width=300, height=150, title="سحابة الكلمات")
    assert ax is given
    assert ax.images[0].get_array().shape == (150, 300, 3)
    assert not ax.axison
    assert ax.get_title() == plot.arabic_text("سحابة الكلمات")


@pytest.mark.parametrize("pillow_shapes", [True, False])
def test_svg_has_raw_words_whatever_pillow_needed(pillow_shapes, monkeypatch):
    monkeypatch.setattr(shaping, "pillow_shapes", lambda: pillow_shapes)
    cloud = build_wordcloud(FREQS, width=400, height=200)
    svg = plot.wordcloud_svg(FREQS, width=400, height=200, embed_font=False)
    words = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert sorted(words) == sorted(FREQS.term)
    assert (plot.arabic_text("المغرب", renderer="pillow") == "المغرب") == pillow_shapes
    assert len(cloud.layout_) == len(words)


def test_svg_can_embed_the_arabic_font():
    svg = plot.wordcloud_svg(FREQS.head(2), width=300, height=150)
    assert "@font-face" in svg and "Noto Sans Arabic" in svg


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="negative"):
        plot.wordcloud(FREQS.assign(count=-1))
    with pytest.raises(ValueError, match="no positive value"):
        plot.wordcloud(FREQS.assign(count=0))
    with pytest.raises(ValueError, match="missing column"):
        plot.wordcloud(FREQS.rename(columns={"term": "word"}))

"""topics and plot.topics: readable terms, stop words removed, determinism."""

from __future__ import annotations

import pandas as pd
import pytest

import toolkit as tk
from tests._exploration_data import moroccan
from toolkit import plot
from toolkit.text.stopwords import is_stopword

SPORT_AND_BUDGET = pd.DataFrame({"doc_id": list("abcdef"), "text": [
    "المنتخب المغربي فاز في المباراة", "فاز المنتخب بالمباراة النهائية والمنتخب",
    "المباراة انتهت بفوز المنتخب", "الحكومة أقرت الميزانية الجديدة",
    "الميزانية والحكومة في البرلمان", "البرلمان ناقش الميزانية مع الحكومة"]})  # fmt: skip


@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_two_clear_topics_and_tables(method):
    model = tk.topics(SPORT_AND_BUDGET, n_topics=2, method=method, min_df=2, max_df=1.0, top=3)
    top = model.terms.groupby("topic")["term"].apply(frozenset).tolist()
    assert set(top) == {frozenset({"الحكومة", "البرلمان", "الميزانية"}),
                        frozenset({"المباراة", "المنتخب", "فاز"})}  # fmt: skip
    assert list(model.terms.columns) == ["topic", "rank", "term", "weight"]
    assert list(model.documents.columns) == ["doc_id", "topic", "weight"]
    shares = model.documents.groupby("doc_id")["weight"].sum()
    assert shares.round(6).eq(1).all()
    best = model.documents.loc[model.documents.groupby("doc_id")["weight"].idxmax()]
    assert best.set_index("doc_id")["topic"].nunique() == 2


@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_moroccan_topics_are_deterministic_readable_and_free_of_stop_words(method):
    corpus = moroccan() if method == "nmf" else moroccan().head(200)
    first = tk.topics(corpus, n_topics=5, method=method, random_state=3, min_df=3)
    second = tk.topics(corpus, n_topics=5, method=method, random_state=3, min_df=3)
    pd.testing.assert_frame_equal(first.terms, second.terms)
    pd.testing.assert_frame_equal(first.documents, second.documents)
    terms = set(first.terms["term"])
    assert not any(is_stopword(term) for term in terms)
    freqs = set(tk.term_frequencies(corpus)["term"])
    assert terms <= freqs  # readable terms: والمغرب never appears, المغرب does
    assert not {"والمغرب", "للمغرب", "بالمغرب"} & terms


def test_plot_topics_draws_each_topic_term():
    model = tk.topics(SPORT_AND_BUDGET, n_topics=2, min_df=2, max_df=1.0, top=3)
    ax = plot.topics(model, top=3, title="مواضيع")
    texts = [t.get_text() for t in ax.texts]
    assert texts == [plot.arabic_text(t, renderer="matplotlib") for t in model.terms["term"]]
    widths = [bar.get_width() for bar in ax.patches]
    # each topic's first term has the full width
    assert widths[0] == pytest.approx(0.9) and widths[3] == pytest.approx(0.9)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["1", "2"]

"""term_positions and plot.dispersion: positions by hand, clitic forms, time axis."""

from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
import pytest

import toolkit as tk
from tests._exploration_data import moroccan, original_seed
from toolkit import plot
from toolkit.plot._style import mpl_label


def test_positions_checked_by_hand():
    # words: المغرب(0) يرحب(1) بالضيف(2) والمغرب(3) بلد(4) ... للمغرب(7) of 8 words
    text = "المغرب يرحب بالضيف. والمغرب بلد، وزار الوفد للمغرب"
    found = tk.term_positions(text, terms=["المغرب", "بلد"])
    assert found[["term", "word_index", "n_words"]].values.tolist() == [
        ["المغرب", 0, 8], ["المغرب", 3, 8], ["بلد", 4, 8], ["المغرب", 7, 8]]  # fmt: skip
    assert found["position"].tolist() == [0.0, 3 / 8, 4 / 8, 7 / 8]


def test_seed_clitic_forms_count_for_their_term():
    seed = original_seed()
    found = tk.term_positions(seed, terms=["إسرائيل", "المغرب"])
    freqs = tk.term_frequencies(seed).set_index("term")["count"]
    counts = found["term"].value_counts()
    assert counts["إسرائيل"] == freqs["إسرائيل"] >= 7  # وإسرائيل، واسرائيل، ولإسرائيل
    assert counts["المغرب"] == freqs["المغرب"]
    assert found["position"].between(0, 1, inclusive="left").all()


def test_plot_positions_are_the_table_positions():
    seed = original_seed()
    found = tk.term_positions(seed, terms=["إسرائيل", "المغرب"])
    ax = plot.dispersion(found, terms=["إسرائيل", "المغرب"])
    for collection, term in zip(ax.collections, ["إسرائيل", "المغرب"], strict=True):
        xs = collection.get_offsets()[:, 0]
        assert np.allclose(np.sort(xs), np.sort(found.loc[found.term == term, "position"]))
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        plot.arabic_text(t, renderer="matplotlib") for t in ["إسرائيل", "المغرب"]]  # fmt: skip


def test_dated_corpus_is_drawn_along_time():
    corpus = pd.DataFrame({
        "doc_id": ["a", "b", "c"],
        "text": ["زار الوفد المغرب", "والمغرب يرحب بالمغرب", "لا شيء هنا"],
        "date": pd.to_datetime(["2021-11-24", "2022-07-11", "2022-08-01"]),
    })  # fmt: skip
    ax = plot.dispersion(corpus, terms=["المغرب"], along="time")
    xs = ax.collections[0].get_offsets()[:, 0]
    assert xs.tolist() == mdates.date2num(pd.to_datetime(["2021-11-24", "2022-07-11"])).tolist()
    assert ax.collections[0].get_sizes().tolist() == [8 + 125, 8 + 250]  # 1 and 2 occurrences


def test_moroccan_corpus_rows_are_the_documents_with_most_occurrences():
    found = tk.term_positions(moroccan(), terms=["المغرب", "الجزائر"])
    assert found["date"].isna().all()  # undated: positions, not time
    ax = plot.dispersion(found, max_documents=10)
    busiest = found["doc_id"].value_counts().nlargest(10, keep="first").index
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert sorted(labels) == sorted(mpl_label(doc_id) for doc_id in busiest)  # shortened


def test_multi_word_terms_are_refused():
    with pytest.raises(ValueError, match="single words"):
        tk.term_positions("رئيس أركان الجيش", terms=["رئيس أركان"])


def test_evidence_from_a_larger_corpus_decides_the_clitics():
    alone = tk.term_positions("زار بكوخافي الرباط", terms=["كوخافي"])
    assert alone.empty  # كوخافي is not attested: بكوخافي stays whole
    evidence = tk.corpus_evidence("كوخافي كوخافي كوخافي")
    found = tk.term_positions("زار بكوخافي الرباط", terms=["كوخافي"], evidence=evidence)
    assert found["word_index"].tolist() == [1]
    counts = tk.dictionary_counts("زار بكوخافي", dictionary={"x": ["كوخافي"]}, evidence=evidence)
    assert counts["count"].tolist() == [1]

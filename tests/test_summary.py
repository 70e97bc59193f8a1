"""corpus_summary: sizes, readable vocabulary density, sentences, dates and distinctive terms."""

from __future__ import annotations

import pandas as pd
import pytest

import toolkit as tk
from tests._exploration_data import moroccan, original_seed


def test_values_checked_by_hand():
    # words: المغرب والمغرب يرحب | زار كوخافي المغرب -> 6 tokens; والمغرب is المغرب: 4 types
    summary = tk.corpus_summary("المغرب والمغرب يرحب. زار كوخافي المغرب")
    row = summary.documents.iloc[0]
    assert (row.tokens, row.types, row.sentences) == (6, 4, 2)
    assert row.vocabulary_density == pytest.approx(4 / 6)
    assert row.words_per_sentence == 3.0
    assert not row.dated


def test_distinctive_terms_are_keyness_against_the_rest_and_dates_are_counted():
    corpus = pd.DataFrame({
        "doc_id": ["sport", "economy", "other"],
        "text": ["المنتخب المنتخب والمنتخب فاز فاز في", "الحكومة الحكومة فاز فاز", "فاز فاز"],
        "date": pd.to_datetime(["2015-07-01", None, "2015-08-01"]),
    })  # fmt: skip
    summary = tk.corpus_summary(corpus)
    docs = summary.documents.set_index("doc_id")
    assert docs.loc["sport", "distinctive_terms"] == "المنتخب"  # فاز is not over-used
    assert docs.loc["economy", "distinctive_terms"] == "الحكومة"
    assert docs.loc["other", "distinctive_terms"] == "فاز"  # 2 of 2 words, 4 of 7 elsewhere
    assert docs["dated"].tolist() == [True, False, True]
    whole = summary.corpus.iloc[0]
    assert (whole.documents, whole.dated, whole.undated) == (3, 2, 1)
    assert whole.first_date == pd.Timestamp("2015-07-01")
    assert (whole.tokens, whole.types) == (12, 4)  # المنتخب فاز في الحكومة


def test_seed_counts_agree_with_term_frequencies():
    seed = original_seed()
    summary = tk.corpus_summary(seed)
    every = tk.term_frequencies(seed, stopwords=False)
    row = summary.documents.iloc[0]
    assert row.tokens == every["count"].sum()
    assert row.types == len(every)
    raw_types = len(set(seed.text[0].split()))
    assert row.types < raw_types  # clitic and punctuation variants are one type
    assert 0 < row.vocabulary_density < 1
    assert row.sentences >= 5


def test_moroccan_corpus():
    corpus = moroccan()
    summary = tk.corpus_summary(corpus)
    assert len(summary.documents) == len(corpus) == 651
    assert summary.corpus["undated"].item() == 651
    assert summary.documents["tokens"].sum() == summary.corpus["tokens"].item()
    with_terms = summary.documents[summary.documents["tokens"] > 100]
    assert (with_terms["distinctive_terms"] != "").mean() > 0.95
    assert summary.corpus["vocabulary_density"].item() < summary.documents[
        "vocabulary_density"].median()  # fmt: skip

"""dictionary_counts and load_dictionary: clitic forms, normalisation, groups, files, trends."""

from __future__ import annotations

import pandas as pd
import pytest

import toolkit as tk
from tests._exploration_data import moroccan, original_seed
from toolkit import plot

SECURITY = {"أمن": ["أمن*", "عسكري*", "جيش"], "اقتصاد": ["اقتصاد*"]}


def test_clitic_forms_count_for_their_pattern_checked_by_hand():
    text = "والأمن للأمن الأمني وأمنية. الجيش وبالجيش العسكرية يحمي الاقتصاد"
    counts = tk.dictionary_counts(text, dictionary=SECURITY).set_index("term")
    # أمن: والأمن للأمن الأمني وأمنية + الجيش وبالجيش العسكرية = 7; اقتصاد: الاقتصاد = 1
    assert counts.loc["أمن", "count"] == 7
    assert counts.loc["اقتصاد", "count"] == 1
    assert counts["tokens"].tolist() == [9, 9]
    assert counts.loc["أمن", "rate"] == pytest.approx(7 / 9 * 10_000)


def test_a_word_counts_once_per_category_and_patterns_are_normalised():
    counts = tk.dictionary_counts(
        "إسرائيل واسرائيل", dictionary={"x": ["إسرائيل", "اسرائيل", "إسرا*"]}
    )
    assert counts["count"].tolist() == [2]


def test_groups_with_by_and_zero_rows():
    corpus = pd.DataFrame({
        "doc_id": ["a", "b", "c"],
        "text": ["الجيش والجيش", "الاقتصاد", "لا شيء"],
        "source": ["x", "y", "y"],
    })  # fmt: skip
    counts = tk.dictionary_counts(corpus, dictionary=SECURITY, by="source")
    assert counts[["source", "term", "count", "tokens"]].values.tolist() == [
        ["x", "أمن", 2, 2],
        ["x", "اقتصاد", 0, 2],
        ["y", "أمن", 0, 3],
        ["y", "اقتصاد", 1, 3],
    ]


def test_files_yaml_and_csv(tmp_path):
    yaml_path = tmp_path / "dict.yaml"
    yaml_path.write_text("أمن:\n  - أمن*\n  - جيش\nاقتصاد: اقتصاد*\n", encoding="utf-8")
    csv_path = tmp_path / "dict.csv"
    csv_path.write_text("category,pattern\nأمن,أمن*\nأمن,جيش\nاقتصاد,اقتصاد*\n", encoding="utf-8")
    expected = {"أمن": ["أمن*", "جيش"], "اقتصاد": ["اقتصاد*"]}
    assert tk.load_dictionary(yaml_path) == expected == tk.load_dictionary(csv_path)
    counts = tk.dictionary_counts("والأمن والجيش", dictionary=yaml_path)
    assert counts["count"].tolist() == [2, 0]
    with pytest.raises(ValueError, match="category and pattern"):
        bad = tmp_path / "bad.csv"
        bad.write_text("a,b\n1,2\n", encoding="utf-8")
        tk.load_dictionary(bad)


def test_seed_counts_equal_term_frequencies_of_the_matching_terms():
    seed = original_seed()
    counts = tk.dictionary_counts(seed, dictionary={"إسرائيل": ["*إسرائيل*"]})
    freqs = tk.term_frequencies(seed, stopwords=False)
    matching = freqs[freqs.term.str.replace("ا", "إ").str.contains("إسرإئيل")]
    assert counts["count"].item() == matching["count"].sum() > 10  # الإسرائيلي too


def test_moroccan_corpus_and_trends():
    corpus = moroccan()
    counts = tk.dictionary_counts(corpus, dictionary={"مغرب": ["مغرب"]})
    freqs = tk.term_frequencies(corpus, stopwords=False).set_index("term")["count"]
    assert counts["count"].sum() == freqs.get("المغرب", 0) + freqs.get("مغرب", 0)
    assert len(counts) == len(corpus)
    dated = corpus.head(40).assign(date=pd.date_range("2018-01-01", periods=40, freq="W"))
    monthly = tk.dictionary_counts(dated, dictionary={"مغرب": ["مغرب"]},
                                   by=pd.Grouper(key="date", freq="MS"))  # fmt: skip
    ax = plot.trends(monthly, value="rate")
    assert ax.lines[0].get_ydata().tolist() == monthly["rate"].tolist()

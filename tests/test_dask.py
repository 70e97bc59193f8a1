"""The corpus analyses on Dask: a LocalCluster with 2 workers gives the pandas result."""

from __future__ import annotations

import dask.dataframe as dd
import distributed
import pandas as pd
import pytest

import toolkit as tk


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as connected,
    ):
        yield connected


@pytest.fixture(scope="module")
def corpus(seed_text):
    paragraphs = [p for p in seed_text.split("\n") if p.strip()]
    dates = pd.date_range("2022-07-04", periods=len(paragraphs), freq="D")
    return pd.DataFrame(
        {
            "doc_id": [f"p{i:02d}" for i in range(len(paragraphs))],
            "text": paragraphs,
            "date": dates,
            "source": ["a" if i % 2 else "b" for i in range(len(paragraphs))],
        }
    )


def test_extract_dates_on_dask_equals_pandas(client, corpus):
    expected = tk.extract_dates(corpus)
    result = tk.extract_dates(dd.from_pandas(corpus, npartitions=3))
    assert len(expected) >= 5
    pd.testing.assert_frame_equal(result, expected)


def test_entities_and_cooccurrence_on_dask_equal_pandas(client, corpus):
    expected = tk.extract_entities(corpus)
    result = tk.extract_entities(dd.from_pandas(corpus, npartitions=3))
    assert {"المغرب", "إسرائيل"} <= set(expected["canonical"])
    pd.testing.assert_frame_equal(result, expected)
    pd.testing.assert_frame_equal(tk.cooccurrence(result), tk.cooccurrence(expected))


def test_term_frequencies_on_dask_equals_pandas(client, corpus):
    parts = dd.from_pandas(corpus, npartitions=3)
    for options in ({}, {"form": "norm"}, {"by": "source"}, {"ngram": 2}):
        expected = tk.term_frequencies(corpus, **options)
        assert len(expected) >= 50
        pd.testing.assert_frame_equal(tk.term_frequencies(parts, **options), expected)


def test_kwic_and_timeline_on_dask_equal_pandas(client, seed_text):
    sentences = [seed_text[start:end] for start, end in tk.sentence_spans(seed_text)]
    corpus = pd.DataFrame({"doc_id": [f"s{i:02d}" for i in range(len(sentences))],
                           "text": sentences})  # fmt: skip
    parts = dd.from_pandas(corpus, npartitions=3)
    assert parts.npartitions == 3
    expected = tk.kwic(corpus, query="المغرب")
    assert len(expected) >= 3
    pd.testing.assert_frame_equal(tk.kwic(parts, query="المغرب"), expected)
    expected = tk.timeline(corpus)
    assert expected["doc_id"].nunique() >= 2
    pd.testing.assert_frame_equal(tk.timeline(parts), expected)

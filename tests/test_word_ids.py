"""Arrow word numbering gives exactly the words of the Python separator split."""

from __future__ import annotations

import gzip
import json
from itertools import islice

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import shared_data
from toolkit.text.word_ids import SEPARATOR, number_words

ALPHABET = list("والمغرببيتكَُِّـ ،.\n\t\u00a0\u2003«»؟3٣ Rabé-\u200c\u200fﻻ")


def _python_words(texts: list[str | None]) -> list[list[str]]:
    return [SEPARATOR.sub(" ", text or "").split() for text in texts]


def _arrow_words(texts: list[str | None]) -> list[list[str]]:
    words = number_words(pd.Series(texts, dtype=object))
    return [
        [words.vocabulary[i] for i in words.ids[start:end]]
        for start, end in zip(words.indptr[:-1], words.indptr[1:], strict=True)
    ]


def _python_segments(texts: list[str | None]) -> list[list[list[str]]]:
    return [[w for s in SEPARATOR.split(text or "") if (w := s.split())] for text in texts]


def _arrow_segments(texts: list[str | None]) -> list[list[list[str]]]:
    words = number_words(pd.Series(texts, dtype=object), segments=True)
    docs = []
    for start, end in zip(words.indptr[:-1], words.indptr[1:], strict=True):
        segments, current = [], []
        for i in [*words.ids[start:end].tolist(), -1]:
            if i >= 0:
                current.append(words.vocabulary[i])
            elif current:
                segments.append(current)
                current = []
        docs.append(segments)
    return docs


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(alphabet=st.sampled_from(ALPHABET), max_size=40),
                          st.text(max_size=20)), max_size=6))  # fmt: skip
def test_same_words_as_the_python_split(texts):
    assert _arrow_words(texts) == _python_words(texts)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(alphabet=st.sampled_from(ALPHABET), max_size=40),
                          st.text(max_size=20)), max_size=6))  # fmt: skip
def test_same_segments_as_the_python_split(texts):
    assert _arrow_segments(texts) == _python_segments(texts)


def test_same_words_on_real_articles():
    path = shared_data("news/saudinewsnet-2015.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in islice(handle, 300)]
    arrow = _arrow_words(texts)
    assert arrow == _python_words(texts)
    assert sum(map(len, arrow)) > 50_000
    assert _arrow_segments(texts) == _python_segments(texts)


def test_vocabulary_is_in_order_of_first_occurrence():
    words = number_words(pd.Series(["بالرباط، المغرب", "المغرب والرباط"]))
    assert words.vocabulary == ["بالرباط", "المغرب", "والرباط"]
    assert words.ids.tolist() == [0, 1, 1, 2]


def test_bad_texts_name_the_row():
    with pytest.raises(TypeError, match="row 'b' holds 42"):
        number_words(pd.Series(["نص", 42], index=["a", "b"], dtype=object))
    with pytest.raises(ValueError, match="row 1 is not valid Unicode"):
        number_words(pd.Series(["نص", "bad \udcff"], dtype=object))

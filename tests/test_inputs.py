"""The one input contract (toolkit.inputs) and the one counting engine behind it."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

import toolkit as tk
from tests.conftest import shared_data
from toolkit.dates.timelines import ENTITY_FREE
from toolkit.inputs import TOKEN_COLUMNS, as_corpus, as_tokens

TEXTS = ["زار كوخافي الرباط.\nوالمغرب يرحب بكوخافي", "وقعت المذكرة في 24 نونبر 2021 بالرباط."]


@pytest.fixture(scope="module")
def corpus(seed_text):
    """The seed cut into its sentences, one document each, published a day apart."""
    sentences = [seed_text[start:end] for start, end in tk.sentence_spans(seed_text)]
    assert len(sentences) >= 10
    return pd.DataFrame({
        "doc_id": [f"s{i:02d}" for i in range(len(sentences))],
        "text": sentences,
        "date": pd.date_range("2022-07-04", periods=len(sentences), freq="D"),
    })  # fmt: skip


def _chunks(corpus, size=3):
    return (corpus.iloc[i : i + size] for i in range(0, len(corpus), size))


def test_every_input_kind_becomes_the_same_corpus():
    frame = pd.DataFrame({"doc_id": ["doc0", "doc1"], "text": TEXTS})
    expected = as_corpus(frame)
    pd.testing.assert_frame_equal(as_corpus(TEXTS), expected)
    pd.testing.assert_frame_equal(as_corpus(frame[["text"]]), expected)  # numbered
    pd.testing.assert_frame_equal(as_corpus(TEXTS[0]), expected.iloc[:1])
    pd.testing.assert_frame_equal(as_corpus(as_tokens(frame)), expected)  # spelled back
    streamed = as_corpus(iter([frame.iloc[:1], frame.iloc[1:]]))
    assert not isinstance(streamed, pd.DataFrame)
    pd.testing.assert_frame_equal(pd.concat(list(streamed), ignore_index=True), expected)
    read = as_corpus(iter([frame[["text"]].iloc[:1], frame[["text"]].iloc[1:]]), in_memory=True)
    pd.testing.assert_frame_equal(read, expected)  # numbering runs across chunks


def test_doc_id_rule():
    ids = as_corpus(pd.DataFrame({"doc_id": [7, 8], "text": TEXTS}))["doc_id"].tolist()
    assert ids == ["7", "8"]  # kept, as strings
    with pytest.raises(ValueError, match=r"doc_id must be unique.*'a'"):
        as_corpus(pd.DataFrame({"doc_id": ["a", "a"], "text": TEXTS}))
    with pytest.raises(ValueError, match=r"unique.*chunk 1.*'a'"):
        list(as_corpus(iter([pd.DataFrame({"doc_id": ["a"], "text": TEXTS[:1]})] * 2)))
    with pytest.raises(ValueError, match=r"needs a doc_id.*1 missing"):
        as_corpus(pd.DataFrame({"doc_id": ["a", None], "text": TEXTS}))


def test_errors_say_what_was_expected_and_found():
    with pytest.raises(ValueError, match=r"kwic\(\) expects a corpus.*columns \['x'\]"):
        tk.kwic(pd.DataFrame({"x": [1]}), query="المغرب")
    with pytest.raises(ValueError, match=r"missing \['sent_id', 'token_id'\]"):
        as_tokens(pd.DataFrame({"doc_id": ["a"], "start": [0], "end": [3], "token": ["زار"]}))
    tokens = as_tokens("زار كوخافي")
    with pytest.raises(TypeError, match=r"\['start'\] must hold integers.*float64"):
        as_tokens(tokens.astype({"start": float}))
    with pytest.raises(ValueError, match="end - start must be the token's length"):
        as_tokens(tokens.assign(end=tokens["end"] + 1))
    with pytest.raises(TypeError, match="item 1 is int 3"):
        tk.term_frequencies(["نص", 3])
    with pytest.raises(TypeError, match="item 0 is str"):
        list(as_corpus(iter(["نص"])))


def test_tokens_table_contract():
    tokens = tk.tokenize(TEXTS)
    assert list(tokens.columns) == TOKEN_COLUMNS
    assert tokens[["sent_id", "token_id", "start", "end"]].dtypes.eq("int64").all()
    text = TEXTS[0]
    first = tokens[tokens.doc_id == "doc0"]
    assert all(text[s:e] == t for s, e, t in zip(first.start, first.end, first.token, strict=True))
    minimal = tokens[["doc_id", "sent_id", "token_id", "start", "end", "token"]]
    pd.testing.assert_frame_equal(as_tokens(minimal), tokens)  # derived columns recomputed
    assert as_corpus(tokens)["text"].tolist() == TEXTS  # gaps as spaces, \n between sentences


def test_every_analysis_takes_a_tokens_table(corpus):
    tokens = tk.tokenize(corpus)
    pd.testing.assert_frame_equal(tk.extract_dates(tokens), tk.extract_dates(corpus.drop(
        columns="date")))  # fmt: skip
    expected = tk.extract_entities(corpus)
    pd.testing.assert_frame_equal(tk.extract_entities(tokens), expected)
    pd.testing.assert_frame_equal(tk.kwic(tokens, query="المغرب"), tk.kwic(corpus, query="المغرب"))
    pd.testing.assert_frame_equal(
        tk.collocations(tokens, min_count=2), tk.collocations(corpus, min_count=2)
    )
    matrix, expected_matrix = tk.term_matrix(tokens), tk.term_matrix(corpus)
    assert matrix.terms == expected_matrix.terms
    assert (matrix.matrix != expected_matrix.matrix).nnz == 0


@pytest.mark.parametrize("form", ["term", "norm", "stem"])
def test_kwic_on_a_stream_equals_in_memory(corpus, form):
    found = set()
    for query in ("المغرب", "إسرائيل", "رئيس أركان"):
        expected = tk.kwic(corpus, query=query, form=form)
        assert len(expected) >= 1
        pd.testing.assert_frame_equal(tk.kwic(_chunks(corpus), query=query, form=form), expected)
        found.update(expected["doc_id"])
    assert len(found) >= 3  # in several chunks


def test_kwic_on_a_stream_of_real_articles_equals_in_memory(request):
    """Terms depend on the whole corpus's evidence: the stream keeps it exact."""
    articles = request.getfixturevalue("articles").iloc[:150]
    for query in ("المملكة", "وزير"):
        expected = tk.kwic(articles, query=query)
        assert expected["doc_id"].nunique() >= 5
        pd.testing.assert_frame_equal(tk.kwic(_chunks(articles, 20), query=query), expected)


@pytest.mark.parametrize("form", ["term", "norm", "stem"])
def test_kwic_resolves_only_candidates_yet_matches_the_annotated_tokens(request, form):
    """A corpus is matched resolving only the tokens that hold a query word's letters; a
    tokens table carries every token's forms: both find the same lines (clitics on either
    word of a phrase, the article dropped after ل)."""
    articles = request.getfixturevalue("articles").iloc[:120]
    evidence = tk.corpus_evidence(articles)
    tokens = tk.tokenize(articles, evidence=evidence)
    with_clitics = set()
    for query in ("المملكة", "ولي العهد", "الله"):
        expected = tk.kwic(tokens, query=query, form=form)
        assert len(expected) >= 3
        with_clitics |= set(expected["match"]) - {query}
        found = tk.kwic(articles, query=query, form=form, evidence=evidence)
        pd.testing.assert_frame_equal(found, expected)
    assert with_clitics if form != "norm" else not with_clitics, with_clitics


def test_timeline_on_a_stream_equals_in_memory(corpus):
    expected = tk.timeline(corpus)
    assert expected["doc_id"].nunique() >= 3 and expected["entities"].map(len).sum() >= 3
    pd.testing.assert_frame_equal(tk.timeline(_chunks(corpus)), expected)
    free = tk.timeline(corpus, entities=ENTITY_FREE)
    pd.testing.assert_frame_equal(tk.timeline(_chunks(corpus), entities=ENTITY_FREE), free)


@pytest.fixture(scope="module")
def articles():
    path = shared_data("news/saudinewsnet-2015.jsonl.gz")
    chunk = next(tk.iter_corpus(path, chunksize=1100, progress=False))
    return chunk[chunk["text"].str.contains(r"\w")].iloc[:1000].reset_index(drop=True)


@pytest.mark.parametrize("source", ["seed", "saudinewsnet"])
def test_a_corpus_and_its_tokens_table_give_identical_counts(source, seed_text, request):
    corpus = as_corpus(seed_text) if source == "seed" else request.getfixturevalue("articles")
    tokens = tk.tokenize(corpus)
    for form, ngram in itertools.product(["norm", "term"], [1, 2]):
        expected = tk.term_frequencies(corpus, form=form, ngram=ngram)
        assert len(expected) >= 150
        pd.testing.assert_frame_equal(tk.term_frequencies(tokens, form=form, ngram=ngram), expected)


def test_corpus_series_on_a_stream_equal_in_memory(corpus):
    for series in (tk.mentions_per_period, tk.referenced_time):
        expected = series(corpus, by="D")
        assert expected["date"].nunique() >= 3
        pd.testing.assert_frame_equal(series(_chunks(corpus), by="D"), expected)

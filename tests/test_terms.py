"""Term frequencies, n-grams, collocations, keyness and KWIC on real Arabic."""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import shared_data
from toolkit import tokenize
from toolkit.terms import collocations, corpus_evidence, keyness, kwic, term_frequencies
from toolkit.terms.counting import count_chunk, total_counts
from toolkit.text.clitics import TermResolver
from toolkit.text.normalize import normalize
from toolkit.text.stem import light_stem
from toolkit.text.stopwords import is_stopword, stopword_set
from toolkit.text.word_ids import SEPARATOR


@pytest.fixture(scope="module")
def seed_freqs(seed_text):
    return term_frequencies(seed_text)


@pytest.fixture(scope="module")
def news():
    path = shared_data("news/saudinewsnet-2015.jsonl.gz")
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for i, line in enumerate(handle):
            if i % 100:
                continue  # one article in 100: 311 articles across the year and sources
            record = json.loads(line)
            rows.append({"doc_id": str(record["id"]), "text": record["text"],
                         "source": record["source"], "date": record["date"]})  # fmt: skip
    corpus = pd.DataFrame(rows)
    corpus["date"] = pd.to_datetime(corpus["date"], errors="coerce")
    return corpus


def _count(freqs: pd.DataFrame, term: str) -> int:
    return int(freqs.loc[freqs.term == term, "count"].sum())


def test_clitic_forms_count_for_their_term(seed_text, seed_freqs):
    tokens = tokenize(seed_text)
    moroccan = tokens.token.isin(["المغرب", "والمغرب", "للمغرب"]).sum()
    assert _count(seed_freqs, "المغرب") == moroccan == 13
    israel = tokens.token.isin(["إسرائيل", "وإسرائيل", "ولإسرائيل", "واسرائيل"]).sum()
    assert _count(seed_freqs, "إسرائيل") == israel == 7
    rabat = tokens.token.isin(["الرباط", "بالرباط", "للرباط"]).sum()
    assert _count(seed_freqs, "الرباط") == rabat == 6
    assert not seed_freqs.term.isin(["واسرائيل", "اسرائيل", "بالرباط", "والمغرب"]).any()


def test_top_terms_have_no_stop_words_or_punctuation(seed_freqs):
    top = seed_freqs.head(15).term
    assert not any(is_stopword(t) for t in top)
    assert all(t.isalpha() for t in top)


def test_frequent_bigrams(seed_text):
    bigrams = term_frequencies(seed_text, ngram=2, min_count=2).term.tolist()
    assert {"رئيس أركان", "الأمن القومي", "القضية الفلسطينية"} <= set(bigrams)
    assert not any(is_stopword(b.split()[0]) or is_stopword(b.split()[-1]) for b in bigrams)


def test_trigram_with_inner_stop_word_survives_edges_do_not():
    freqs = term_frequencies("رئيس أركان الجيش في المغرب. زار رئيس الحكومة", ngram=3)
    assert set(freqs.term) == {"رئيس أركان الجيش", "الجيش في المغرب", "زار رئيس الحكومة"}


def test_ngrams_never_cross_punctuation_or_sentences():
    freqs = term_frequencies("زار الوزير الرباط، المغرب يرحب. الملك محمد", ngram=2)
    assert "الرباط المغرب" not in set(freqs.term)
    assert "يرحب الملك" not in set(freqs.term)
    assert "الوزير الرباط" in set(freqs.term)


def test_glued_words_do_not_crash(seed_text):
    freqs = term_frequencies(seed_text, form="stem", ngram=2)
    assert not freqs.empty


def test_columns_and_relative_frequency(seed_text, seed_freqs):
    assert list(seed_freqs.columns) == ["term", "count", "rel_freq", "doc_freq", "tfidf"]
    tokens = tokenize(seed_text)
    n_words = tokens.kind.isin(["arabic", "latin"]).sum()
    row = seed_freqs.iloc[0]
    assert row.rel_freq == pytest.approx(row["count"] / n_words * 10_000)


@pytest.mark.parametrize("form", ["norm", "term"])
@pytest.mark.parametrize("ngram", [1, 2])
def test_tokens_table_input_gives_the_same_counts(seed_text, form, ngram):
    expected = term_frequencies(seed_text, form=form, ngram=ngram)
    assert len(expected) >= 150
    pd.testing.assert_frame_equal(
        term_frequencies(tokenize(seed_text), form=form, ngram=ngram), expected
    )


def test_by_column_and_weekly_grouper(news):
    by_source = term_frequencies(news, by="source", min_count=3)
    assert set(by_source.source) == set(news.source)
    weekly = term_frequencies(news, by=pd.Grouper(key="date", freq="W"), min_count=2)
    assert "date" in weekly.columns and weekly.date.nunique() > 1
    total = term_frequencies(news)
    top = total.term.iloc[0]
    assert by_source.loc[by_source.term == top, "count"].sum() == total["count"].iloc[0]


def _words(corpus: pd.DataFrame) -> list[list[str]]:
    return [SEPARATOR.sub(" ", text or "").split() for text in corpus.text]


def _reference(
    corpus: pd.DataFrame, form: str, by: str | None, resolver: TermResolver
) -> pd.DataFrame:
    """term_frequencies the slow way: every word of every document, one at a time."""
    labels = corpus[by] if by else [()] * len(corpus)
    docs = list(zip(labels, _words(corpus), strict=True))
    stop = stopword_set()

    def key(word: str) -> str | None:
        if normalize(word, alef_maqsura=False) in stop:
            return None
        if form == "norm":
            return normalize(word)
        term = resolver.resolve(word)[1]
        return light_stem(term) if form == "stem" else term

    counts, doc_freq, n_tokens, n_docs = Counter(), Counter(), Counter(), Counter()
    for label, words in docs:
        keys = [k for k in map(key, words) if k is not None]
        counts.update((label, k) for k in keys)
        doc_freq.update((label, k) for k in set(keys))
        n_tokens[label] += len(words)
        n_docs[label] += 1
    rows = []
    for (label, k), count in counts.items():
        tf = count / n_tokens[label]
        rows.append({
            **({by: label} if by else {}),
            "term": resolver.spelling(k) if form == "term" else k,
            "count": count,
            "rel_freq": tf * 10_000,
            "doc_freq": doc_freq[label, k],
            "tfidf": tf * math.log(n_docs[label] / doc_freq[label, k]),
        })  # fmt: skip
    order = [by, "term"] if by else ["term"]
    return pd.DataFrame(rows).sort_values(order).reset_index(drop=True)


@pytest.mark.parametrize("form", ["term", "norm", "stem"])
def test_fast_counting_equals_a_word_by_word_reference(seed_text, news, form):
    seed = pd.DataFrame({"doc_id": ["doc0"], "text": [seed_text]})
    for corpus, by in ((seed, None), (news, None), (news, "source")):
        resolver = TermResolver(Counter(word for words in _words(corpus) for word in words))
        # grouping reorders documents, and so ties between spellings: same evidence for both
        fast = term_frequencies(corpus, form=form, by=by, evidence=resolver if by else None)
        order = [by, "term"] if by else ["term"]
        fast = fast.sort_values(order).reset_index(drop=True)
        expected = _reference(corpus, form, by, resolver)
        pd.testing.assert_frame_equal(fast, expected, check_dtype=False)


def test_unknown_by_column_is_an_error(news):
    with pytest.raises(KeyError, match="by='region'"):
        term_frequencies(news, by="region")


def test_chunks_and_processes_combine_exactly(news):
    chunks = [news.iloc[i : i + 70] for i in range(0, len(news), 70)]
    evidence = corpus_evidence(news)
    whole = term_frequencies(news)
    streamed = term_frequencies(iter(chunks), evidence=evidence)
    pd.testing.assert_frame_equal(whole, streamed)
    # in memory, in 8 chunks: the evidence is the words' totals over the chunks
    pd.testing.assert_frame_equal(term_frequencies(news, chunksize=40), whole)
    parts = [count_chunk(chunk[["doc_id", "text"]], by=None, ngram=1) for chunk in chunks]
    totals = sum((Counter(part.counts()) for part in parts), Counter())
    assert total_counts(parts) == dict(totals) and list(total_counts(parts)) == list(totals)
    serial = term_frequencies(iter(chunks), ngram=2)
    parallel = term_frequencies(iter(chunks), ngram=2, n_jobs=2)
    pd.testing.assert_frame_equal(serial, parallel)
    assert serial["doc_freq"].max() <= len(news)


def test_processes_give_the_serial_result(news):
    # 311 articles have more than 20,000 distinct words: clitics are resolved on 2 processes
    for options in ({}, {"form": "norm"}, {"by": "source"}):
        serial = term_frequencies(news, **options)
        pd.testing.assert_frame_equal(term_frequencies(news, n_jobs=2, **options), serial)


def test_doc_freq_counts_documents_once():
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["المغرب والمغرب بالمغرب", "المغرب"]})
    freqs = term_frequencies(corpus, stopwords=False)
    row = freqs[freqs.term == "المغرب"].iloc[0]
    assert (row["count"], row["doc_freq"]) == (4, 2)


def test_collocations(seed_text):
    table = collocations(seed_text, min_count=2)
    top = set(table.head(8).collocation)
    assert {"أركان الجيش", "تل أبيب", "الأمن القومي"} <= top
    assert (table.g2 > 0).all() and table.p_value.between(0, 1).all()


def test_keyness_between_sources(news):
    sources = news.source.value_counts().index
    table = keyness(news, target=sources[0], by="source")
    assert list(table.columns) == ["term", "target_count", "reference_count", "g2",
                                   "log_ratio", "p_value"]  # fmt: skip
    assert table.g2.is_monotonic_decreasing
    top = table.iloc[0]
    assert top.log_ratio > 0 and top.p_value < 0.05
    with pytest.raises(ValueError, match="matches no value"):
        keyness(news, target="no-such-source", by="source")


def test_kwic_queries_by_term(seed_text):
    hits = kwic(seed_text, query="المغرب", window=3)
    assert len(hits) == 13
    assert {"المغرب", "للمغرب", "والمغرب"} <= set(hits.match)
    for start, end, match in zip(hits.start, hits.end, hits.match, strict=True):
        assert seed_text[start:end] == match
    phrase = kwic(seed_text, query="رئيس أركان", window=2)
    assert len(phrase) == 3 and all(m.startswith("رئيس") for m in phrase.match)


def test_bad_input_is_reported():
    with pytest.raises(ValueError, match="form"):
        term_frequencies("نص", form="lemma")
    with pytest.raises(ValueError, match="corpus DataFrame"):
        term_frequencies(pd.DataFrame({"x": [1]}))
    with pytest.raises(TypeError, match="stopwords="):
        term_frequencies("نص", stopwords="في")


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("والمغربيتك ،.\n٣3")), max_size=80))
def test_counts_add_up(text):
    freqs = term_frequencies(text, stopwords=False)
    words = tokenize(text)
    n_words = (words.kind == "arabic").sum()
    assert freqs["count"].sum() == n_words


def test_kwic_contexts_are_single_lines_across_paragraphs():
    text = "زار الوزير الرباط.\n\nوالمغرب يرحب بالزيارة"
    hits = kwic(text, query="المغرب", window=3)
    assert hits[["before", "match", "after"]].values.tolist() == [
        ["الوزير الرباط.", "والمغرب", "يرحب بالزيارة"]
    ]


def test_kwic_collocations_and_keyness_use_the_evidence_given():
    """A name the text only shows with a clitic (بكوخافي) is read as كوخافي once the
    corpus evidence passed in has seen it alone, as term_frequencies does."""
    evidence = corpus_evidence("قال كوخافي إن كوخافي سيزور الرباط")
    text = "رحب المغرب بكوخافي. ورحب الوفد بكوخافي"
    assert kwic(text, query="كوخافي").empty
    assert kwic(text, query="كوخافي", evidence=evidence)["match"].tolist() == ["بكوخافي"] * 2
    assert "المغرب بكوخافي" in collocations(text)["collocation"].tolist()
    assert "المغرب كوخافي" in collocations(text, evidence=evidence)["collocation"].tolist()
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "source": ["x", "y"],
                           "text": ["رحب المغرب بكوخافي", "قال الوزير"]})  # fmt: skip
    assert "كوخافي" not in keyness(corpus, by="source", target="x")["term"].tolist()
    found = keyness(corpus, by="source", target="x", evidence=evidence)["term"].tolist()
    assert "كوخافي" in found and "بكوخافي" not in found


@pytest.mark.parametrize("ngram", [1, 2, 3])
def test_min_count_only_drops_the_rare_rows(news, ngram):
    """The floor is applied before n-grams are spelled out; the rows it keeps are unchanged."""
    every = term_frequencies(news, by="source", ngram=ngram)
    frequent = term_frequencies(news, by="source", ngram=ngram, min_count=2)
    expected = every[every["count"] >= 2].reset_index(drop=True)
    pd.testing.assert_frame_equal(frequent, expected)
    assert 0 < len(frequent) < len(every)


TRICKY_CHARACTERS = [*"مبد ١٢3.5!؟…»«()\n_²×Жـ\u064e\u08e0\u200c؛Dr", " ", ".", "\n"]


@settings(max_examples=400, deadline=None)
@given(st.text(st.sampled_from(TRICKY_CHARACTERS), max_size=40) | st.text(max_size=30))
def test_summary_sentences_are_the_tokenizers_sentences_that_hold_a_word(text):
    """corpus_summary counts sentences without a token loop; the tokenizer is the reference."""
    from toolkit.terms.summary import _count_sentences

    tokens = tokenize(text)
    words = tokens[tokens["kind"].isin(["arabic", "latin", "word"])]
    expected = words["sent_id"].nunique()
    assert _count_sentences(pd.DataFrame({"text": [text]})).tolist() == [expected]

"""Every public function that takes data, fed hostile but type-correct inputs.

Empty texts, None-filled corpora, 5,000-character tokens, control and
bidi characters, mixed scripts, extreme numbers and dates: each call must
return its documented result or raise ValueError/TypeError (CorpusError is
a ValueError) with a message. Nothing else may escape.
"""

from __future__ import annotations

import contextlib
import tempfile
import warnings
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import toolkit as tk

SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DOCUMENTED = (ValueError, TypeError)

_CHARS = st.sampled_from(
    list("المغربوإسرائيلالرباط كوخافي")
    + list("abc XYZ 0123456789٠١٢٣ .،؟!؛:-()\"'")
    + ["\n", "\t", "\r", "\x00", "\x07", "\x1b", "\u200f", "\u202e", "\u200b", "\ufeff"]
    + ["\u064e", "\u0651", "\u0640", "\ufefb", "😀", "中", "ß", "\U0010ffff"]
)
_HUGE = st.sampled_from(["ب" * 5000, "x" * 5000, "المغرب" * 800, "\u064e" * 3000])
TEXTS = st.one_of(
    st.text(_CHARS, max_size=120),
    st.builds(lambda a, b: f"{a} {b}", st.text(_CHARS, max_size=30), _HUGE),
    st.sampled_from(["", " ", "\n\n", "24 نونبر 2021 أمس", "يوم 31 فبراير 99999"]),
)
DATES = st.sampled_from(
    [
        pd.NaT,
        pd.Timestamp("2022-07-11"),
        pd.Timestamp("1500-01-01").as_unit("s"),
        pd.Timestamp("0001-01-01").as_unit("s"),
        pd.Timestamp("9999-12-31").as_unit("s"),
        pd.Timestamp.min,
        pd.Timestamp.max,
    ]
)


#: Publication dates over a few decades: a series binned by week over 10,000 years
#: (0001 to 9999) has 520,000 bins and takes pandas a minute to build.
NEAR_DATES = st.sampled_from(
    [pd.NaT, pd.Timestamp("1999-12-31"), pd.Timestamp("2022-07-11"), pd.Timestamp("2038-01-19")]
)


@st.composite
def corpora(draw: st.DrawFn, dates: st.SearchStrategy = DATES) -> pd.DataFrame:
    """A corpus DataFrame whose texts may be missing and whose dates may be extreme."""
    n = draw(st.integers(0, 4))
    texts = [draw(st.one_of(TEXTS, st.none())) for _ in range(n)]
    dates = [draw(dates) for _ in range(n)]
    frame = pd.DataFrame({"doc_id": [f"d{i}" for i in range(n)], "text": texts})
    frame["date"] = pd.Series(dates, dtype="datetime64[s]")
    frame["source"] = draw(st.sampled_from(["a", None, "ب" * 300]))
    return frame


DATA = st.one_of(TEXTS, st.lists(TEXTS, max_size=3), corpora())
N_JOBS = st.sampled_from([None, 1, 0, -100, 2.5, True])
COUNTS = st.one_of(st.integers(-5, 5), st.just(10**18))


@contextlib.contextmanager
def documented():
    """Let a documented error through (with a message); anything else fails the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            yield
        except DOCUMENTED as error:
            assert str(error).strip(), f"{type(error).__name__} without a message"


def _is_table(result: object) -> None:
    assert isinstance(result, pd.DataFrame)


@SETTINGS
@given(data=DATA, ngram=st.integers(-1, 3), min_count=COUNTS, n_jobs=N_JOBS)
def test_term_frequencies(data, ngram, min_count, n_jobs):
    with documented():
        freqs = tk.term_frequencies(data, ngram=ngram, min_count=min_count, n_jobs=n_jobs)
        _is_table(freqs)
        assert (freqs["count"] >= max(min_count, 1)).all()


@SETTINGS
@given(data=DATA, by=st.sampled_from([None, "source", "date"]), min_count=COUNTS)
def test_grouped_analyses(data, by, min_count):
    with documented():
        _is_table(tk.collocations(data, min_count=min_count))
    with documented():
        _is_table(tk.term_frequencies(data, by=pd.Grouper(key="date", freq="YS")))
    with documented():
        _is_table(tk.keyness(data, target="d0", by=by, min_count=min_count))
    with documented():
        resolver = tk.corpus_evidence(data)
        assert isinstance(resolver.term("المغرب"), str)


@SETTINGS
@given(data=DATA, query=st.one_of(TEXTS, st.none()), window=st.integers(-3, 10**9))
def test_kwic_and_tokenize(data, query, window):
    with documented():
        hits = tk.kwic(data, query=query, window=window)
        assert list(hits.columns) == ["doc_id", "sent_id", "start", "end", "before", "match",
                                      "after"]  # fmt: skip
    with documented():
        tokens = tk.tokenize(data)
        if isinstance(data, str):
            for row in tokens.itertuples():
                assert data[row.start : row.end] == row.token


@SETTINGS
@given(data=DATA)
def test_input_contract(data):
    with documented():
        corpus = tk.as_corpus(data)
        assert list(corpus.columns[:2]) == ["doc_id", "text"] and corpus["doc_id"].is_unique
        assert corpus["text"].map(lambda text: isinstance(text, str)).all()
        tokens = tk.as_tokens(data)
        pd.testing.assert_frame_equal(tk.as_tokens(tokens), tokens)


@SETTINGS
@given(text=TEXTS)
def test_text_functions(text):
    assert isinstance(tk.normalize(text), str)
    for start, end in tk.sentence_spans(text):
        assert 0 <= start <= end <= len(text)


@SETTINGS
@given(data=DATA, dct=st.one_of(st.none(), st.sampled_from(
    ["2022-07-11", "0001-01-01", "not a date", "", "9999-12-31", 20220711, 1e300]
)), n_jobs=N_JOBS)  # fmt: skip
def test_dates(data, dct, n_jobs):
    with documented():
        dates = tk.extract_dates(data, dct=dct, n_jobs=n_jobs)
        assert {"value", "start_date"} <= set(dates.columns)
    with documented():
        _is_table(tk.timeline(data, dct=dct, entities=tk.dates.timelines.ENTITY_FREE))


@SETTINGS
@given(corpus=corpora(NEAR_DATES), freq=st.sampled_from(["D", "W", "MS", "YS", "nonsense"]))
def test_corpus_series(corpus, freq):
    with documented():
        _is_table(tk.mentions_per_period(corpus, by=freq))
    with documented():
        _is_table(tk.referenced_time(corpus, by=freq))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=DATA, top=st.one_of(st.none(), st.integers(-2, 3)), min_count=COUNTS)
def test_entities_and_cooccurrence(data, top, min_count):
    entities = None
    with documented():
        entities = tk.extract_entities(data)
        assert {"doc_id", "label", "canonical"} <= set(entities.columns)
    source = entities if entities is not None else pd.DataFrame()
    with documented():
        _is_table(tk.cooccurrence(source, min_count=min_count))
    with documented():
        _is_table(tk.cooccurrence_matrix(source, top=top))
    with documented():
        matrix, names = tk.cooccurrence_sparse(source, top=top)
        assert matrix.shape == (len(names), len(names))
    with documented(), tempfile.TemporaryDirectory() as folder:
        graph = tk.cooccurrence_graph(source)
        assert isinstance(graph, nx.Graph)
        assert tk.export_graph(graph, path=Path(folder) / "g.graphml").exists()


_SUFFIXES = st.sampled_from([".txt", ".csv", ".jsonl", ".json", ".txt.gz", ".parquet", ".md"])


@settings(max_examples=30, deadline=None)
@given(content=st.one_of(st.binary(max_size=300), TEXTS.map(lambda t: t.encode("utf-8"))),
       suffix=_SUFFIXES, encoding=st.sampled_from([None, "utf-8", "cp1256", "utf-16"]))  # fmt: skip
def test_hostile_files(content, suffix, encoding):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"doc{suffix}"
        path.write_bytes(content)
        for errors in ("raise", "skip"):
            with documented():
                corpus = tk.load_corpus(path, errors=errors, encoding=encoding)
                assert len(corpus) >= 1 and corpus["text"].map(type).eq(str).all()
            with documented():
                for chunk in tk.iter_corpus(path, errors=errors, chunksize=2, progress=False):
                    assert len(chunk) <= 2
            with documented():
                assert tk.corpus.check_source(path, errors=errors) == 1


@SETTINGS
@given(data=corpora(NEAR_DATES))
def test_exploration_duplicates_and_show(data):
    lexicon = {"أمن": ["أمن*", "جيش"]}
    calls = [
        lambda: tk.near_duplicates(data), lambda: tk.term_matrix(data),
        lambda: tk.corpus_summary(data), lambda: tk.term_positions(data, terms=["المغرب"]),
        lambda: tk.dictionary_counts(data, dictionary=lexicon), lambda: tk.similarity(data, top=2),
        lambda: tk.document_map(data), lambda: tk.topics(data, n_topics=2),
        lambda: tk.show(data, entities=False, dates=False),
    ]  # fmt: skip
    for call in calls:
        with documented():
            call()
    with documented():
        tk.drop_near_duplicates(data)


def test_every_public_data_function_is_covered():
    """A new export that takes data must be added to this suite."""
    covered = {
        "as_corpus", "as_tokens",
        "collocations", "cooccurrence", "cooccurrence_graph", "cooccurrence_matrix",
        "cooccurrence_sparse",
        "corpus_evidence", "export_graph", "extract_dates", "extract_entities", "iter_corpus",
        "keyness", "kwic", "load_corpus", "mentions_per_period", "normalize", "referenced_time",
        "sentence_spans", "term_frequencies", "timeline", "tokenize", "near_duplicates",
        "drop_near_duplicates", "term_matrix", "corpus_summary", "term_positions",
        "dictionary_counts", "similarity", "document_map", "topics", "show",
    }  # fmt: skip
    not_data = {
        "run_report",  # runs notebooks in kernels: tests/test_report.py, test_cli.py
        "explore", "network_widget",  # widgets: tests/test_interactive*.py
        "load_dictionary",  # reads a file: tests/test_dictionary.py
        "republication_table", "duplicate_clusters",  # take near_duplicates output
    }  # fmt: skip
    assert set(tk.__all__) - not_data == covered


@pytest.mark.parametrize("value", [np.int64(2), 1])
def test_numpy_integers_are_integers(value):
    assert tk.term_frequencies("المغرب", n_jobs=value)["term"].tolist() == ["المغرب"]

"""Chunk mapping gives the same results serially and on two processes."""

from __future__ import annotations

import os
import threading
import time
from collections import Counter

import pytest

from toolkit.corpus.read_ahead import read_ahead
from toolkit.parallel import WORKER_NICENESS, map_chunks, resolve_n_jobs
from toolkit.text import normalize


def _count_words(chunk: list[str]) -> Counter:
    return Counter(word for text in chunk for word in normalize(text).split())


def test_parallel_equals_serial(seed_text):
    paragraphs = [p for p in seed_text.split("\n") if p.strip()]
    chunks = [paragraphs[i : i + 2] for i in range(0, len(paragraphs), 2)]
    serial = sum(map_chunks(_count_words, chunks, n_jobs=1), Counter())
    parallel = sum(map_chunks(_count_words, chunks, n_jobs=2), Counter())
    assert serial == parallel
    assert serial["المغرب"] >= 3


def test_resolve_n_jobs():
    assert resolve_n_jobs(None) == 1
    assert resolve_n_jobs(1) == 1
    assert resolve_n_jobs(-1) >= 1
    assert resolve_n_jobs(3) == 3


def _doc_count(chunk) -> int:
    return len(chunk)


def test_map_partitions_accepts_frames_iterators_and_dask(seed_text):
    import pandas as pd

    from toolkit.parallel import map_partitions

    frame = pd.DataFrame({"doc_id": [f"d{i}" for i in range(10)], "text": [seed_text] * 10})
    assert list(map_partitions(_doc_count, frame)) == [10]
    chunks = [frame.iloc[:4], frame.iloc[4:]]
    assert list(map_partitions(_doc_count, iter(chunks), n_jobs=2)) == [4, 6]
    import dask.dataframe as dd

    assert sum(map_partitions(_doc_count, dd.from_pandas(frame, npartitions=3))) == 10


def test_map_partitions_cuts_frames_into_chunksize_documents(seed_text):
    import pandas as pd

    from toolkit.parallel import map_partitions

    frame = pd.DataFrame({"doc_id": [f"d{i}" for i in range(10)], "text": [seed_text] * 10})
    assert list(map_partitions(_doc_count, frame, chunksize=3)) == [3, 3, 3, 1]
    assert list(map_partitions(_doc_count, frame, chunksize=3, n_jobs=2)) == [3, 3, 3, 1]
    assert list(map_partitions(_doc_count, frame.iloc[:0])) == []
    # by default a small frame is cut so that each of two workers gets several chunks
    assert list(map_partitions(_doc_count, frame, n_jobs=2)) == [2, 2, 2, 2, 2]
    # a stream is taken as it comes: chunksize does not cut its chunks again
    assert list(map_partitions(_doc_count, iter([frame]), chunksize=3)) == [10]


def test_chunksize_default_is_one_constant_and_checked():
    import pytest

    from toolkit.parallel import DEFAULT_CHUNKSIZE, resolve_chunksize

    assert resolve_chunksize(None) == DEFAULT_CHUNKSIZE
    assert resolve_chunksize(7) == 7
    for bad in (0, -1):
        with pytest.raises(ValueError, match="chunksize"):
            resolve_chunksize(bad)
    with pytest.raises(TypeError, match="chunksize"):
        resolve_chunksize(2.5)


CORPUS_ANALYSES = [
    "term_frequencies", "collocations", "keyness", "kwic", "corpus_evidence",
    "extract_entities", "cooccurrence", "cooccurrence_graph", "cooccurrence_matrix",
    "extract_dates", "timeline", "mentions_per_period", "referenced_time", "tokenize",
    "near_duplicates", "term_matrix", "corpus_summary",
]  # fmt: skip


def test_corpus_analyses_share_the_execution_options():
    import inspect

    import toolkit as tk

    for name in CORPUS_ANALYSES:
        parameters = inspect.signature(getattr(tk, name)).parameters
        for option, default in (("n_jobs", 1), ("chunksize", None), ("progress", None)):
            assert option in parameters, f"{name} lacks {option}="
            assert parameters[option].kind is inspect.Parameter.KEYWORD_ONLY, (name, option)
            assert parameters[option].default == default, (name, option)


def test_results_do_not_depend_on_chunksize_or_n_jobs(seed_text):
    import pandas as pd

    import toolkit as tk

    paragraphs = [p for p in seed_text.split("\n") if p.strip()]
    corpus = pd.DataFrame({
        "doc_id": [f"p{i}" for i in range(len(paragraphs))],
        "text": paragraphs,
        "date": pd.Timestamp("2021-11-25"),
    })  # fmt: skip
    for analysis in (tk.term_frequencies, tk.extract_dates, tk.extract_entities, tk.tokenize):
        whole = analysis(corpus)
        assert len(whole) > 0, analysis.__name__
        for options in ({"chunksize": 2}, {"chunksize": 3, "n_jobs": 2}):
            cut = analysis(corpus, progress=False, **options)
            pd.testing.assert_frame_equal(cut, whole, obj=f"{analysis.__name__}{options}")
    entities = tk.extract_entities(corpus)
    edges = tk.cooccurrence(entities, unit="document")
    assert len(edges) > 0
    cut = tk.cooccurrence(entities, unit="document", chunksize=2, n_jobs=2, progress=False)
    pd.testing.assert_frame_equal(cut, edges)


def _niceness(_: object) -> int:
    import os

    return os.nice(0)


@pytest.mark.skipif(not hasattr(os, "nice"), reason="os.nice is POSIX only")
def test_workers_run_nicer_than_the_calling_process():
    """The calling process merges in order and limits a stream's speed: its workers yield."""
    own = os.nice(0)
    found = set(map_chunks(_niceness, range(4), n_jobs=2))
    assert found == {min(own + WORKER_NICENESS, 19)}
    assert os.nice(0) == own


def test_read_ahead_keeps_order_raises_in_order_and_stops_early():
    assert list(read_ahead(iter(range(100)), depth=3)) == list(range(100))

    def failing():
        yield "first"
        raise OSError("disk gone")

    items = read_ahead(failing())
    assert next(items) == "first"
    with pytest.raises(OSError, match="disk gone"):
        next(items)

    produced = []

    def endless():
        for number in range(10**9):
            produced.append(number)
            yield number

    items = read_ahead(endless(), depth=2)
    assert [next(items) for _ in range(5)] == list(range(5))
    items.close()  # the thread stops: it produced only a few items ahead
    count = len(produced)
    time.sleep(0.3)
    assert len(produced) == count <= 5 + 2 + 2
    assert not any(t.name == "toolkit-read-ahead" for t in threading.enumerate())

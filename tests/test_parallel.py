"""Chunk mapping gives the same results serially and on two processes."""

from __future__ import annotations

from collections import Counter

from toolkit.parallel import map_chunks, resolve_n_jobs
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

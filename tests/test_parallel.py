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

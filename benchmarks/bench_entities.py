"""Benchmark entity recognition and co-occurrence (not a test).

1. Recognition speed on one core: tokens per second of ``extract_entities``
   over the first ``--speed-docs`` SaudiNewsNet articles (model already loaded),
   per wall-clock second and per CPU second (the latter is what one free core
   gives when the machine is shared).
2. The whole pipeline over SaudiNewsNet (31,030 articles): streamed in chunks
   of 500 articles through ``extract_entities`` (``--n-jobs`` processes) and
   then ``cooccurrence`` (sentence unit) and ``cooccurrence_graph``; wall
   time of each step and peak resident memory (this process and its children,
   from ``resource.getrusage``).

Usage::

    python benchmarks/bench_entities.py [--speed-docs 1000] [--n-jobs 1] [--limit N] [--speed-only]
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import pandas as pd

import toolkit as tk
from toolkit.text.tokenize import iter_tokens

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "data" / "news" / "saudinewsnet-2015.jsonl.gz"


def iter_chunks(limit: int | None, size: int = 500) -> Iterator[pd.DataFrame]:
    """Corpus chunks read straight from the gz JSONL (stand-in for tk.iter_corpus)."""
    with gzip.open(NEWS, "rt", encoding="utf-8") as lines:
        records = (json.loads(line) for line in islice(lines, limit))
        while chunk := list(islice(records, size)):
            yield pd.DataFrame(
                {"doc_id": [r["id"] for r in chunk], "text": [r.get("text") or "" for r in chunk]}
            )


def peak_rss_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--speed-docs", type=int, default=1000)
    parser.add_argument("--n-jobs", type=int, default=1)
    parser.add_argument("--limit", type=int, default=None, help="articles for the pipeline run")
    parser.add_argument("--speed-only", action="store_true", help="skip the pipeline run")
    args = parser.parse_args()

    tk.extract_entities("تحميل النموذج في الرباط")  # load the model once
    sample = pd.concat(list(iter_chunks(args.speed_docs)), ignore_index=True)
    tokens = sum(1 for text in sample["text"] for _ in iter_tokens(text))
    started, cpu_started = time.perf_counter(), time.process_time()
    found = tk.extract_entities(sample, progress=False)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    print(f"recognition, 1 process: {len(sample):,} articles, {tokens:,} tokens, {len(found):,} "
          f"mentions in {seconds:.1f} s wall = {tokens / seconds:,.0f} tokens/s; "
          f"{cpu:.1f} s CPU = {tokens / cpu:,.0f} tokens per CPU-second")  # fmt: skip
    if args.speed_only:
        return

    started = time.perf_counter()
    entities = tk.extract_entities(iter_chunks(args.limit), n_jobs=args.n_jobs, progress=False)
    extract_seconds = time.perf_counter() - started
    print(f"pipeline: {entities['doc_id'].nunique():,} articles with names, "
          f"{len(entities):,} mentions, {entities['canonical'].nunique():,} names; "
          f"extract_entities {extract_seconds:.0f} s (n_jobs={args.n_jobs})")  # fmt: skip

    started = time.perf_counter()
    edges = tk.cooccurrence(entities)
    cooc_seconds = time.perf_counter() - started
    started = time.perf_counter()
    graph = tk.cooccurrence_graph(entities, min_count=5)
    graph_seconds = time.perf_counter() - started
    print(f"cooccurrence (sentence): {len(edges):,} edges in {cooc_seconds:.1f} s; "
          f"graph (min_count=5): {graph.number_of_nodes():,} nodes, "
          f"{graph.number_of_edges():,} edges in {graph_seconds:.1f} s")  # fmt: skip
    print("top edges:")
    print(edges.head(10).to_string(index=False))
    own, children = peak_rss_mb()
    print(f"peak RSS: {own:,.0f} MB (main process), {children:,.0f} MB (largest worker)")


if __name__ == "__main__":
    main()

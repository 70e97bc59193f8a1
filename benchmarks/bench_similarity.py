"""Time and peak memory of toolkit.similarity (top 10 per document) on SaudiNewsNet.

Run: python benchmarks/bench_similarity.py [path] [--top K] [--n-jobs N]. Peak RSS
(resource.getrusage ru_maxrss) covers the whole process: Python, pandas,
the loaded corpus (about 55 million characters) and the similarity search.
Target: within 2 GB. The document x document matrix (31,030² cells, 3.9 GB
as float32) is never built: blocks of 512 rows are compared against the
sparse matrix and only each row's top K are kept.
"""

from __future__ import annotations

import argparse
import resource
import time
import warnings
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared/data/news/saudinewsnet-2015.jsonl.gz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--n-jobs", type=int, default=1, help="processes and threads")
    args = parser.parse_args()
    import toolkit as tk

    warnings.simplefilter("ignore")
    corpus = tk.load_corpus(args.path)
    loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    table = tk.similarity(corpus, top=args.top, n_jobs=args.n_jobs, progress=False)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(corpus):,} documents -> {len(table):,} pairs (top {args.top}) in {seconds:.1f} s"
          f" (n_jobs={args.n_jobs})")  # fmt: skip
    print(f"peak RSS after loading: {loaded:,.0f} MB; after similarity: {peak:,.0f} MB")
    near = table[table["similarity"] > 0.9]
    print(f"pairs with cosine > 0.9 (near-duplicates): {len(near):,}")


if __name__ == "__main__":
    main()

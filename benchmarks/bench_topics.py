"""Time of toolkit.topics on SaudiNewsNet: counting readable terms, then fitting 10 topics.

Run: python benchmarks/bench_topics.py [path] [--lda] [--limit N]. One process,
one core (n_jobs=1, BLAS limited to one thread with threadpoolctl). Loading
the corpus is not timed; counting (term_matrix, min_df=5, max_df=0.5) and
each model fit are. Target: under 2 minutes for 10 NMF topics on the whole
corpus. LDA (10 online passes) is about ten times slower, hence optional.
"""

from __future__ import annotations

import argparse
import resource
import time
import warnings
from pathlib import Path

from threadpoolctl import threadpool_limits

DEFAULT = Path(__file__).resolve().parents[2] / "shared/data/news/saudinewsnet-2015.jsonl.gz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--lda", action="store_true", help="also time LDA")
    parser.add_argument("--limit", type=int, default=None, help="first N documents only")
    args = parser.parse_args()
    import toolkit as tk
    from toolkit.documents.topics import fit_topics
    from toolkit.terms.matrix import term_matrix

    warnings.simplefilter("ignore")
    corpus = tk.load_corpus(args.path)
    if args.limit:
        corpus = corpus.iloc[: args.limit]
    with threadpool_limits(1):
        start = time.perf_counter()
        matrix = term_matrix(corpus, min_df=5, max_df=0.5, n_jobs=1, progress=False)
        counting = time.perf_counter() - start
        print(f"{len(corpus):,} documents, {matrix.matrix.shape[1]:,} terms, "
              f"{matrix.matrix.nnz:,} non-zero cells")  # fmt: skip
        print(f"counting readable terms: {counting:6.1f} s")
        for method in ("nmf", "lda") if args.lda else ("nmf",):
            start = time.perf_counter()
            fit_topics(matrix, n_topics=10, method=method, random_state=0)
            fit = time.perf_counter() - start
            total = counting + fit
            print(f"{method} fit, 10 topics:    {fit:6.1f} s  (counting + fit {total:.1f} s)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:,.0f} MB")


if __name__ == "__main__":
    main()

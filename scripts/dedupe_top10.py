"""What folding copies changes: term-frequency and entity co-occurrence top-10s, with and
without ``dedupe``, as markdown tables.

Copies are found once with :func:`toolkit.near_duplicates` on the whole corpus and passed
as ``dedupe=dups``. Term frequencies run on the whole corpus; entities (the slow step) on
the documents dated within ``--entity-days`` days of the first date (all with 0), so that a
story and its copies stay together in the sample.

    python scripts/dedupe_top10.py [--entity-days 7] [--n-jobs 1]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd

import toolkit as tk

NEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news"


def side_by_side(plain: pd.DataFrame, folded: pd.DataFrame, key: list[str]) -> str:
    """Markdown: the top 10 by count without and with folding, and each one's rank after."""
    rank = {tuple(row): i + 1 for i, row in enumerate(folded[key].itertuples(index=False))}
    lines = ["| # | without dedupe | count | rank after | with dedupe | count |",
             "|--:|---|--:|--:|---|--:|"]  # fmt: skip
    for i in range(10):
        before, after = plain.iloc[i], folded.iloc[i]
        was = rank.get(tuple(before[key]), "-")
        lines.append(f"| {i + 1} | {' – '.join(before[key])} | {before['count']:,} | {was} "
                     f"| {' – '.join(after[key])} | {after['count']:,} |")  # fmt: skip
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default=str(NEWS / "saudinewsnet-2015.jsonl.gz"))
    parser.add_argument("--entity-days", type=int, default=7)
    parser.add_argument("--n-jobs", type=int, default=1)
    args = parser.parse_args()
    corpus = tk.load_corpus(args.corpus)
    start = time.perf_counter()
    dups = tk.near_duplicates(corpus, n_jobs=args.n_jobs)
    folded = int((dups["doc_id"] != dups["representative"]).sum())
    seconds = time.perf_counter() - start
    print(f"{len(corpus):,} documents, {folded:,} copies folded into "
          f"{dups['cluster_id'].nunique():,} stories ({seconds:.0f} s)\n")  # fmt: skip
    terms = [tk.term_frequencies(corpus, n_jobs=args.n_jobs, dedupe=d) for d in (False, dups)]
    print("Term frequencies, whole corpus\n")
    print(side_by_side(*(t.sort_values("count", ascending=False, kind="stable") for t in terms),
                       ["term"]) + "\n")  # fmt: skip
    sample = corpus
    if args.entity_days:
        end = corpus["date"].min() + pd.Timedelta(days=args.entity_days)
        sample = corpus[corpus["date"] < end]
    start = time.perf_counter()
    entities = tk.extract_entities(sample, n_jobs=args.n_jobs)
    pairs = [tk.cooccurrence(entities, unit="document", corpus=sample, dedupe=d)
             for d in (False, dups)]  # fmt: skip
    folded = len(sample) - len(tk.drop_near_duplicates(sample, duplicates=dups))
    print(f"Entity co-occurrence (documents), the {len(sample):,} documents dated "
          f"{sample['date'].min().date()} to {sample['date'].max().date()}, {folded:,} of them "
          f"copies ({time.perf_counter() - start:.0f} s)\n")  # fmt: skip
    print(side_by_side(*(p.sort_values("count", ascending=False, kind="stable") for p in pairs),
                       ["source", "target"]))  # fmt: skip


if __name__ == "__main__":
    main()

"""Benchmark: toolkit.explore on SaudiNewsNet (31,030 articles): precompute once, then query.

Measures, in one process on one core, after loading the corpus:

* the precompute of :class:`toolkit.interactive.Explorer`: the term index
  (Arrow word numbering, clitic resolution of the vocabulary, positions sorted
  by term) and, given a saved entities table, the per-name document lists;
* for each query: ``update(query=...)`` (find + filters), ``page()`` (cut the
  20 keyword-in-context rows of the first page from the texts), the same
  through the widgets (``panel.query.value = ...``: update, page and the
  widget values, without a browser) and ``document(0)`` (``show`` of the first
  hit's document with its entities and dates). Median of 5 runs, in ms.

    PYTHONPATH=. python benchmarks/bench_explore.py [--entities saudi-entities.parquet]

Without ``--entities`` the entity filter is left out (extracting the entities
of the whole corpus takes minutes: ``tk.extract_entities(corpus, n_jobs=2)``,
then ``.to_parquet(...)``).

Last run (2 cores shared with other jobs, load average 6 to 7, so slower than a
quiet machine: the term index took 9.0 s in an earlier run at lower load; the
entities table, 392,251 mentions, took 24 min to extract with n_jobs=2 under
that load):

    load_corpus: 7.1 s, 31,030 articles
    precompute, term index: 25.9 s (9,790,777 positions, 161,384 terms)
    precompute, entity filter: 5.6 s (392,251 mentions, 60,956 names)
    peak RSS 1,485 MB

| query | filter | hits | docs | update ms | page ms | widgets ms | document ms |
|---|---|---:|---:|---:|---:|---:|---:|
| المغرب | — | 558 | 333 | 0.0 | 18.8 | 31.6 | 103 |
| والمغرب | — | 558 | 333 | 0.0 | 17.6 | 30.8 | 95 |
| السعودية | — | 11,869 | 5,308 | 0.6 | 13.9 | 35.9 | 87 |
| ولي العهد | — | 2,125 | 1,358 | 0.2 | 17.4 | 33.0 | 86 |
| الملك سلمان | — | 2,864 | 1,665 | 0.6 | 17.9 | 35.7 | 92 |
| السعودية | source=aleqtisadiya | 1,214 | 522 | 0.9 | 16.5 | 40.0 | 67 |
| السعودية | date_range=('2015-08-01', '2015-08-07') | 4,165 | 1,875 | 0.6 | 13.6 | 32.1 | 72 |
| الحوثي | name=اليمن | 1,483 | 484 | 0.1 | 23.8 | 34.0 | 173 |

A keystroke in the search box costs about 35 ms in the kernel (update, the 20
rows of the first page, the widget values); the browser's drawing is not
included.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
import warnings
from pathlib import Path

import pandas as pd

import toolkit as tk
from toolkit.interactive import ExplorePanel, Explorer

DATA = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "saudinewsnet-2015.jsonl.gz"
)
QUERIES = [
    ("المغرب", {}),
    ("والمغرب", {}),  # written with a clitic: same hits
    ("السعودية", {}),  # the most frequent name
    ("ولي العهد", {}),  # a phrase
    ("الملك سلمان", {}),
    ("السعودية", {"source": "aleqtisadiya"}),
    ("السعودية", {"date_range": ("2015-08-01", "2015-08-07")}),
    ("الحوثي", {"name": "اليمن"}),
]


def median_ms(action, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=Path, help="saved extract_entities table (parquet)")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    began = time.perf_counter()
    corpus = tk.load_corpus(DATA)
    print(f"load_corpus: {time.perf_counter() - began:.1f} s, {len(corpus):,} articles")
    entities = pd.read_parquet(args.entities) if args.entities else False
    began = time.perf_counter()
    explorer = Explorer(corpus, entities=False)
    index_s = time.perf_counter() - began
    print(f"precompute, term index: {index_s:.1f} s ({len(explorer.index.tokens):,} positions, "
          f"{len(explorer.index.terms):,} terms)")  # fmt: skip
    if entities is not False:
        began = time.perf_counter()
        explorer.entities = entities
        explorer._index_entities()
        print(f"precompute, entity filter: {time.perf_counter() - began:.1f} s "
              f"({len(entities):,} mentions, {len(explorer.names):,} names)")  # fmt: skip
    panel = ExplorePanel(explorer)
    panel.query.value = ""
    print("\n| query | filter | hits | docs | update ms | page ms | widgets ms | document ms |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    reset = {"source": None, "date_range": None, "name": None}
    for query, filters in QUERIES:
        if "name" in filters and entities is False:
            continue
        update = median_ms(lambda q=query, f=filters: explorer.update(query=q, **{**reset, **f}))
        page = median_ms(lambda: explorer.page(0))
        hits, docs = explorer.n_hits, explorer.n_docs
        document = median_ms(lambda: explorer.document(0), repeat=3) if hits else float("nan")

        def through_widgets(q=query, f=filters):
            explorer.update(**{**reset, **f})
            panel.query.value = ""
            panel.query.value = q

        widgets = median_ms(through_widgets)
        shown = ", ".join(f"{k}={v}" for k, v in filters.items()) or "—"
        print(f"| {query} | {shown} | {hits:,} | {docs:,} | {update:.1f} | {page:.1f} | "
              f"{widgets:.1f} | {document:.0f} |")  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS {peak:,.0f} MB")


if __name__ == "__main__":
    main()

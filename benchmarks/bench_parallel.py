"""Parallel speed-up of corpus analyses streamed from a gzip file: n_jobs=1 vs n_jobs=2.

For each analysis, the whole corpus is streamed with :func:`toolkit.iter_corpus`
(JSON parsing included) and analysed with ``n_jobs=1`` and ``n_jobs=2`` in the
same run, best of ``--repeat``; the results must be identical (asserted). Per
run it prints the wall-clock time, the parent's CPU time and the workers' CPU
time, so that the parent's serial share (what caps the speed-up) is visible
even on a busy machine: ``parent_share`` is the parent's part of the CPU time
with ``n_jobs=2`` and ``cpu_bound`` the speed-up two idle cores would allow
(serial CPU time over the larger of the parent's CPU time and half the total).
Run from the repository root::

    PYTHONPATH=. python benchmarks/bench_parallel.py [--limit N] [--repeat R] [PATH]

The default PATH is SaudiNewsNet (../shared/data/news/saudinewsnet-2015.jsonl.gz).
Target: n_jobs=2 at least 1.6x faster than n_jobs=1 for both analyses on two
otherwise idle cores.

``--only term_counting_map`` measures the ceiling of the term counting's
speed-up: the workers' part alone (JSON parsing and counting each chunk's
words, with their forms) with nothing merged, a table of each chunk's token
count standing for the result.
"""

from __future__ import annotations

import argparse
import resource
import time
from functools import partial
from itertools import islice
from pathlib import Path

import pandas as pd

import toolkit as tk
from toolkit.inputs import corpus_input
from toolkit.parallel import DEFAULT_CHUNKSIZE, map_partitions
from toolkit.terms.counting import count_chunk

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "news"
DEFAULT = DEFAULT / "saudinewsnet-2015.jsonl.gz"


def term_counting_map(chunks, *, n_jobs: int, progress: bool) -> pd.DataFrame:
    """The workers' part of a streamed ``term_frequencies``, nothing merged."""
    count = partial(count_chunk, by=None, ngram=1, forms=True)
    data = corpus_input(chunks, func="term_frequencies")
    parts = map_partitions(count, data, n_jobs=n_jobs, progress=progress)
    tokens = [int(words.n_tokens.sum()) for words in parts]
    return pd.DataFrame({"tokens": tokens})


ANALYSES = {
    "term_frequencies": tk.term_frequencies,
    "extract_dates": tk.extract_dates,
    "term_counting_map": term_counting_map,
}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(name: str, path: Path, n_jobs: int, limit: int | None) -> tuple[pd.DataFrame, dict]:
    """Run one analysis on the streamed corpus; return its table and its timings."""
    chunks = tk.iter_corpus(path, progress=False)
    if limit is not None:
        chunks = islice(chunks, -(-limit // DEFAULT_CHUNKSIZE))
    wall, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
    table = ANALYSES[name](chunks, n_jobs=n_jobs, progress=False)
    timings = {
        "wall_s": time.perf_counter() - wall,
        "parent_cpu_s": time.process_time() - cpu,
        "workers_cpu_s": _children_cpu() - children,
    }
    return table, timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, help="first N documents (rounded up to chunks)")
    parser.add_argument("--repeat", type=int, default=1, help="best of R runs per setting")
    parser.add_argument("--only", nargs="*", default=list(ANALYSES)[:2], choices=list(ANALYSES))
    args = parser.parse_args()
    rows = []
    for name in args.only:
        best: dict[int, dict] = {}
        tables: dict[int, pd.DataFrame] = {}
        for _ in range(args.repeat):
            for n_jobs in (1, 2):
                table, timings = measure(name, args.path, n_jobs, args.limit)
                print(name, f"n_jobs={n_jobs}", {k: round(v, 2) for k, v in timings.items()},
                      flush=True)  # fmt: skip
                if n_jobs not in best or timings["wall_s"] < best[n_jobs]["wall_s"]:
                    best[n_jobs] = timings
                tables.setdefault(n_jobs, table)
        pd.testing.assert_frame_equal(tables[1], tables[2])
        for n_jobs, timings in best.items():
            rows.append({"analysis": name, "n_jobs": n_jobs, "rows": len(tables[n_jobs]),
                         **timings})  # fmt: skip
        serial, two = best[1], best[2]
        rows[-1]["speedup"] = serial["wall_s"] / two["wall_s"]
        # What two idle cores allow, from CPU times (robust on a busy machine): the parent's
        # work is serial, and all the work shares two cores.
        total = two["parent_cpu_s"] + two["workers_cpu_s"]
        rows[-1]["parent_share"] = two["parent_cpu_s"] / total
        rows[-1]["cpu_bound"] = serial["parent_cpu_s"] / max(two["parent_cpu_s"], total / 2)
    print(pd.DataFrame(rows).round(2).to_string(index=False))


if __name__ == "__main__":
    main()

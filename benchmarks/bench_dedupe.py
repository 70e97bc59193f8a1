"""Speed and peak memory of near_duplicates on SaudiNewsNet, and how the cost grows.

Run: python benchmarks/bench_dedupe.py [path]. Each row runs in a fresh process on one
core (n_jobs=1): the first ``docs`` documents of the corpus are loaded with
load_corpus, then near_duplicates runs on them; ``stream`` runs on
iter_corpus chunks of 2,000 documents without loading the corpus first.
``seconds`` is near_duplicates alone (load time apart; ``cpu_s`` its CPU time, which
other processes on a shared machine do not inflate), ``rss_before`` the
resident memory once the corpus is loaded, ``peak`` the process's peak RSS
(resource.getrusage ru_maxrss), and ``us/doc`` the CPU cost per document, flat
when the cost grows linearly. ``stages`` splits the time of the largest run.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
import warnings
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared/data/news/saudinewsnet-2015.jsonl.gz"
SIZES = (3_000, 10_000, 31_030)


def _rss_mb() -> float:
    with open(f"/proc/{os.getpid()}/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def measure(mode: str, size: int, path: str) -> dict:
    import toolkit as tk
    from toolkit.dedupe import clusters
    from toolkit.dedupe.signatures import Signatures, sign_chunk

    warnings.simplefilter("ignore")
    if mode == "stream":
        data, before = tk.iter_corpus(path, chunksize=2000, progress=False), _rss_mb()
        documents = size
    else:
        data = tk.load_corpus(path).iloc[:size]
        before, documents = _rss_mb(), len(data)
    start, cpu = time.perf_counter(), time.process_time()
    dups = tk.near_duplicates(data, n_jobs=1, progress=False)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    row = {
        "mode": mode,
        "docs": documents,
        "seconds": round(seconds, 1),
        "cpu_s": round(cpu, 1),
        "us/doc": round(cpu / documents * 1e6),
        "rss_before_MB": round(before),
        "peak_MB": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "in_clusters": len(dups),
        "folded": int((dups.doc_id != dups.representative).sum()),
    }
    if mode == "corpus" and size == SIZES[-1]:
        t0 = time.perf_counter()
        sigs = Signatures.concat([sign_chunk(data.iloc[i : i + 2000])
                                  for i in range(0, len(data), 2000)])  # fmt: skip
        t1 = time.perf_counter()
        _, first = clusters._texts(sigs)
        texts = first[sigs.sizes[first] > 0]
        pairs = clusters._candidates(sigs, texts, 0.8)
        t2 = time.perf_counter()
        clusters._similarities(sigs, texts, pairs)
        t3 = time.perf_counter()
        row["stages"] = (f"shingles {t1 - t0:.1f}s, candidates {t2 - t1:.1f}s "
                         f"({len(pairs):,} candidates), verification {t3 - t2:.1f}s")  # fmt: skip
    return row


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        print(json.dumps(measure(sys.argv[2], int(sys.argv[3]), sys.argv[4])))
        return
    path = sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT)
    print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    runs = [("corpus", size) for size in SIZES] + [("stream", SIZES[-1])]
    for mode, size in runs:
        out = subprocess.run(
            [sys.executable, __file__, "--child", mode, str(size), path],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        print(json.dumps(json.loads(out), ensure_ascii=False))
    print(f"load average: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()

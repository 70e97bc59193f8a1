"""Load speed and peak memory of load_corpus and iter_corpus on SaudiNewsNet.

Run: python benchmarks/bench_corpus.py [path]. Each measurement runs in a fresh
process so that peak RSS (resource.getrusage ru_maxrss) belongs to it alone.
Throughput is given in MB of decompressed UTF-8 text per second.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
import warnings
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared/data/news/saudinewsnet-2015.jsonl.gz"


def measure(mode: str, path: str) -> dict:
    import toolkit as tk

    warnings.simplefilter("ignore")
    start = time.perf_counter()
    if mode == "load_corpus":
        corpus = tk.load_corpus(path)
        documents, size = len(corpus), corpus.text.str.len().sum()
        text_bytes = sum(len(t.encode()) for t in corpus.text)
    else:
        documents = size = text_bytes = 0
        for chunk in tk.iter_corpus(path, chunksize=1000, progress=False):
            documents += len(chunk)
            size += chunk.text.str.len().sum()
            text_bytes += sum(len(t.encode()) for t in chunk.text)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "mode": mode,
        "documents": documents,
        "characters": int(size),
        "seconds": round(seconds, 2),
        "MB/s": round(text_bytes / 1e6 / seconds, 1),
        "peak_rss_MB": round(peak_mb),
    }


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        print(json.dumps(measure(sys.argv[2], sys.argv[3])))
        return
    path = sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT)
    print(f"{'mode':<12} {'docs':>7} {'chars':>11} {'s':>6} {'MB/s':>6} {'peak MB':>8}")
    for mode in ("load_corpus", "iter_corpus"):
        out = subprocess.run(
            [sys.executable, __file__, "--child", mode, path],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        row = json.loads(out)
        print(
            f"{row['mode']:<12} {row['documents']:>7} {row['characters']:>11} "
            f"{row['seconds']:>6} {row['MB/s']:>6} {row['peak_rss_MB']:>8}"
        )


if __name__ == "__main__":
    main()

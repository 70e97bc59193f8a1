"""Wall time and peak memory of each corpus analysis: serial, n_jobs=2, Dask LocalCluster(2).

Run: python benchmarks/bench_scale.py [--limit N] [--analyses terms,entities,dates]

Every configuration runs in a fresh process that streams the corpus with
``iter_corpus(chunksize=1000)``; a sampler thread adds up the resident memory
(RSS) of that process and all its children (worker processes, Dask workers)
every 0.1 s, and the peak of that sum is reported. Needs the ``bench`` and
``dask`` extras (psutil, dask, distributed).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared/data/news/saudinewsnet-2015.jsonl.gz"
ANALYSES = ("terms", "entities", "dates")


class PeakMemory:
    """Track the peak summed RSS of this process and its descendants."""

    def __init__(self, interval: float = 0.1) -> None:
        import psutil

        self._process = psutil.Process()
        self._interval = interval
        self._stop = threading.Event()
        self.peak = 0
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        total = 0
        for process in [self._process, *self._process.children(recursive=True)]:
            try:
                total += process.memory_info().rss
            except Exception:  # a child that just exited
                continue
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self._interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _run_analysis(analysis: str, data, n_jobs: int):
    import toolkit as tk

    if analysis == "terms":
        return tk.term_frequencies(data, n_jobs=n_jobs)
    if analysis == "entities":
        entities = tk.extract_entities(data, n_jobs=n_jobs)
        return tk.cooccurrence(entities)
    if analysis == "dates":
        return tk.extract_dates(data, n_jobs=n_jobs)
    raise ValueError(analysis)


def child(analysis: str, mode: str, path: str, limit: int | None) -> dict:
    import toolkit as tk

    warnings.simplefilter("ignore")

    def chunks():
        seen = 0
        for chunk in tk.iter_corpus(path, chunksize=1000, progress=False):
            if limit is not None and seen >= limit:
                return
            chunk = chunk if limit is None else chunk.iloc[: limit - seen]
            seen += len(chunk)
            yield chunk

    with PeakMemory() as memory:
        start = time.perf_counter()
        if mode == "dask":
            import dask.dataframe as dd
            from distributed import Client, LocalCluster

            with (
                LocalCluster(n_workers=2, threads_per_worker=1, processes=True) as cluster,
                Client(cluster),
            ):
                corpus = tk.load_corpus(path)
                if limit is not None:
                    corpus = corpus.iloc[:limit]
                ddf = dd.from_pandas(corpus, npartitions=max(2, len(corpus) // 1000))
                result = _run_analysis(analysis, ddf, 1)
        else:
            result = _run_analysis(analysis, chunks(), 2 if mode == "n_jobs=2" else 1)
        seconds = time.perf_counter() - start
    return {
        "analysis": analysis,
        "mode": mode,
        "seconds": round(seconds, 1),
        "peak_MB": round(memory.peak / 2**20),
        "rows": len(result),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--analyses", default=",".join(ANALYSES))
    parser.add_argument("--modes", default="serial,n_jobs=2,dask")
    parser.add_argument("--child", nargs=2, metavar=("ANALYSIS", "MODE"))
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child, args.path, args.limit)))
        return
    print("| analysis | mode | wall s | peak MB (process tree) | rows |\n|---|---|---|---|---|")
    for analysis in args.analyses.split(","):
        for mode in args.modes.split(","):
            command = [sys.executable, __file__, args.path, "--child", analysis, mode]
            if args.limit:
                command += ["--limit", str(args.limit)]
            done = subprocess.run(command, capture_output=True, text=True)
            if done.returncode:
                print(f"| {analysis} | {mode} | failed: {done.stderr.strip().splitlines()[-1]} |")
                continue
            row = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"| {analysis} | {mode} | {row['seconds']} | {row['peak_MB']} | {row['rows']} |")


if __name__ == "__main__":
    main()

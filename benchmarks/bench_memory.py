"""Peak memory and wall clock of the command line and of streamed analyses on whole corpora.

Run: python benchmarks/bench_memory.py [--entities] [corpus.jsonl.gz ...]
(default: SaudiNewsNet 2015 and ant-multisource-2018 from ../shared/data/news).

Each measurement runs in a fresh process; peak RSS is the summed resident
memory of that process and all its children (workers, kernels), sampled
every 0.05 s with psutil, so short spikes between samples can be missed.
CPU time (user + system of the tree) is printed too, and the load average:
other jobs slow the wall clock. Targets (issue 15): every row under 2 GB,
``summary`` on SaudiNewsNet under 30 s.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "data" / "news"
DEFAULT = [NEWS / "saudinewsnet-2015.jsonl.gz", NEWS / "ant-multisource-2018.jsonl.gz"]

#: Streamed analyses, run as ``python -c`` with the corpus path as argv[1].
STREAMED = {
    "term_frequencies(iter_corpus)": (
        "tk.term_frequencies(tk.iter_corpus(sys.argv[1], progress=False))"
    ),
    "extract_dates(iter_corpus)": "tk.extract_dates(tk.iter_corpus(sys.argv[1], progress=False))",
    "extract_entities(iter_corpus)": (
        "tk.extract_entities(tk.iter_corpus(sys.argv[1], chunksize=200, progress=False))"
    ),
}
_PRELUDE = "import sys, warnings; warnings.simplefilter('ignore'); import toolkit as tk; "


def tree_rss(process: psutil.Process) -> int:
    """Resident bytes of ``process`` and its descendants (0 for those already gone)."""
    total = 0
    for member in (process, *process.children(recursive=True)):
        try:
            total += member.memory_info().rss
        except psutil.Error:
            continue
    return total


def measure(command: list[str]) -> tuple[float, float, float, int]:
    """``(wall seconds, CPU seconds, peak tree RSS in MB, exit code)`` of ``command``.

    CPU is user + system time of the process tree (``RUSAGE_CHILDREN`` counts
    every descendant once it has been waited for): on a busy machine, the
    wall clock of a serial run is inflated, its CPU time much less.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TQDM_DISABLE": "1", "PYTHONWARNINGS": "ignore"}
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, cwd=ROOT)
    watched = psutil.Process(child.pid)
    peak = 0
    while child.poll() is None:
        with contextlib.suppress(psutil.Error):  # the process ended between two calls
            peak = max(peak, tree_rss(watched))
        time.sleep(0.05)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, peak / 2**20, child.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--entities", action="store_true", help="also entities (minutes)")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("| corpus | what | wall | CPU | peak RSS (tree) |")
    print("|---|---|---|---|---|")
    for corpus in args.corpora:
        runs = {"python -m toolkit summary": [sys.executable, "-m", "toolkit", "summary"]}
        for name, code in STREAMED.items():
            if "entities" in name and not args.entities:
                continue
            runs[name] = [sys.executable, "-c", _PRELUDE + code]
        for name, command in runs.items():
            wall, cpu, peak_mb, code = measure([*command, str(corpus)])
            status = "" if code == 0 else f" (exit {code})"
            print(
                f"| {corpus.name} | `{name}` | {wall:.1f} s{status} | {cpu:.1f} s "
                f"| {peak_mb:,.0f} MB |"
            )
            sys.stdout.flush()
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

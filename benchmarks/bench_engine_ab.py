"""A/B timing of term counting: this checkout against another one, in the same run.

Each repeat runs ``term_frequencies`` once per checkout, alternating, each in
a fresh process (so each imports its own ``toolkit``); the best of the
repeats is kept. Times are CPU seconds of the process (all its threads),
less disturbed than wall-clock time when other jobs share the machine; even
so only the ratio in one run means anything. Run from the repository root::

    PYTHONPATH=. python benchmarks/bench_engine_ab.py --baseline /work/main --limit 5000
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "news"
DEFAULT = DEFAULT / "saudinewsnet-2015.jsonl.gz"
CASES = {
    "term, unigrams": {"form": "term"},
    "norm, unigrams": {"form": "norm"},
    "term, bigrams": {"form": "term", "ngram": 2},
}
CHILD = """
import json, sys, time
import pandas as pd
import toolkit as tk
corpus = pd.concat(tk.iter_corpus(sys.argv[1], chunksize=5000, progress=False))
corpus = corpus.iloc[: int(sys.argv[2])].reset_index(drop=True)
times = {}
for name, options in json.loads(sys.argv[3]).items():
    start = time.process_time()
    tk.term_frequencies(corpus, **options)
    times[name] = time.process_time() - start
print(json.dumps(times))
"""


def run(root: Path, path: Path, limit: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    args = [sys.executable, "-c", CHILD, str(path), str(limit), json.dumps(CASES)]
    out = subprocess.run(args, env=env, capture_output=True, text=True, check=True, cwd=root)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    args = parser.parse_args()
    roots = {"baseline": args.baseline.resolve(), "this": Path.cwd().resolve()}
    best = {label: dict.fromkeys(CASES, float("inf")) for label in roots}
    for _ in range(args.repeats):
        for label, root in roots.items():
            for case, seconds in run(root, args.path, args.limit).items():
                best[label][case] = min(best[label][case], seconds)
    print(f"{args.limit} documents, best of {args.repeats} (CPU seconds):")
    print(f"{'case':<16} {'baseline':>9} {'this':>9} {'this/baseline':>14}")
    for case in CASES:
        base, this = best["baseline"][case], best["this"][case]
        print(f"{case:<16} {base:9.2f} {this:9.2f} {this / base:14.3f}")


if __name__ == "__main__":
    main()

"""Benchmark the taggers of ``extract_entities(model=...)`` side by side (not a test).

Each run is a fresh process (cold word caches, as a user's first call):
load the models on one sentence, then tag the first ``--docs`` SaudiNewsNet
articles on one core; report tokens per wall-clock and per CPU second and the
process's peak resident memory. The models alternate over ``--repeats``
rounds, best of each kept, so a shared machine disturbs them alike. Also
prints the size of the shipped model files. ``--against DIR`` also runs each
model with the package of another checkout (``PYTHONPATH=DIR``, e.g. the main
branch's), in the same rounds, for a before/after ratio from one run.

Usage::

    python benchmarks/bench_neural.py [--docs 1000] [--repeats 3] [--models crf combined]
                                      [--against ../main]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

ONE_RUN = """
import gzip, json, resource, sys, time
from itertools import islice
import pandas as pd
import toolkit as tk
from toolkit.text.tokenize import iter_tokens
model, docs, news = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with gzip.open(news, "rt", encoding="utf-8") as lines:
    records = [json.loads(line) for line in islice(lines, docs)]
sample = pd.DataFrame({"doc_id": [r["id"] for r in records],
                       "text": [r.get("text") or "" for r in records]})
tokens = sum(1 for text in sample["text"] for _ in iter_tokens(text))
tk.extract_entities("تحميل النموذج في الرباط", model=model)
started, cpu = time.perf_counter(), time.process_time()
found = tk.extract_entities(sample, model=model, progress=False)
wall, cpu = time.perf_counter() - started, time.process_time() - cpu
print(json.dumps({"tokens": tokens, "mentions": len(found), "wall": wall, "cpu": cpu,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--models", nargs="+", default=["crf", "combined"])
    parser.add_argument("--against", type=Path, default=None,
                        help="also run each model with this checkout's package")  # fmt: skip
    args = parser.parse_args()

    news = ROOT.parent / "shared" / "data" / "news" / "saudinewsnet-2015.jsonl.gz"
    checkouts = {"": ROOT} | ({f" ({args.against.name})": args.against} if args.against else {})
    best: dict[str, dict] = {}
    for _ in range(args.repeats):
        for model in args.models:
            for suffix, checkout in checkouts.items():
                env = {**os.environ, "PYTHONPATH": str(checkout.resolve())}
                out = subprocess.run(
                    [sys.executable, "-c", ONE_RUN, model, str(args.docs), str(news)],
                    capture_output=True, text=True, check=True, env=env, cwd=checkout,
                ).stdout  # fmt: skip
                run = json.loads(out.strip().splitlines()[-1])
                name = model + suffix
                if name not in best or run["wall"] < best[name]["wall"]:
                    best[name] = run
    print(f"{args.docs:,} SaudiNewsNet articles, best of {args.repeats} fresh processes:")
    print("| model | tokens | mentions | tokens/s (wall) | tokens/CPU-s | peak RSS |")
    print("|---|---|---|---|---|---|")
    for model, run in best.items():
        print(f"| {model} | {run['tokens']:,} | {run['mentions']:,} | "
              f"{run['tokens'] / run['wall']:,.0f} | {run['tokens'] / run['cpu']:,.0f} | "
              f"{run['rss_mb']:,.0f} MB |")  # fmt: skip
    data = ROOT / "toolkit" / "data" / "ner"
    for name in ("ner-crf.crfsuite", "ner-neural.npz"):
        path = data / name
        if path.exists():
            print(f"{name}: {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()

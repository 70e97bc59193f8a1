"""Cost of readable terms: ``form="term"`` against ``form="norm"`` and CountVectorizer.

Issue 13's targets, measured in one run, on one core, in wall-clock time:
``form="term"`` at least 0.6x the speed of ``form="norm"`` on the whole
SaudiNewsNet and on an 8 MB slice of it; ``norm`` at least 1.5x
scikit-learn's CountVectorizer on the slice; a 1,000-article corpus paying
at most 0.2 s of resolution set-up. Each contender runs ``--repeat`` times
and the fastest run counts (other jobs share the machine); CPU times are
printed too, as they suffer less from a busy machine. The set-up is timed
apart: loading the news model and the word list (once per process, in a
fresh interpreter that has imported numpy and pyarrow, which counting needs
anyway) and the resolver's own work on 1,000 articles (counting its
evidence, searching the words the model did not decide)::

    PYTHONPATH=. python benchmarks/bench_forms.py [--repeat 3] [PATH]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from bench_terms import DEFAULT, count_vectorizer, load  # this script's folder is on the path

from toolkit.terms import term_frequencies
from toolkit.terms.counting import count_chunk
from toolkit.text.clitics import TermResolver
from toolkit.text.forms import news_model
from toolkit.text.lexicon import lexicon

SLICE_BYTES = 8_000_000
# numpy and pyarrow are imported first: counting needs them whether or not words are resolved
LOAD = (
    "import time, numpy, pyarrow; from toolkit.text.forms import news_model; "
    "from toolkit.text.lexicon import lexicon; w, c = time.perf_counter(), time.process_time(); "
    "news_model(); w1, c1 = time.perf_counter(), time.process_time(); lexicon(); "
    "print(w1 - w, time.perf_counter() - w1, c1 - c, time.process_time() - c1)"
)


def best_of(func: Callable, data, repeat: int) -> tuple[float, float, int]:
    """Fastest ``(wall s, CPU s)`` of ``repeat`` runs, and the result's length."""
    runs = []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = func(data)
        runs.append((time.perf_counter() - wall, time.process_time() - cpu))
    wall, cpu = min(runs)
    return wall, cpu, len(result)


def resolver_setup(corpus: pd.DataFrame) -> tuple[float, float]:
    """``(wall s, CPU s)`` the resolver itself needs for ``corpus`` (model and word list
    already loaded)."""
    counts = count_chunk(corpus[["doc_id", "text"]], by=None, ngram=1).counts()
    wall, cpu = time.perf_counter(), time.process_time()
    resolver = TermResolver()
    resolver.update(counts)
    resolver.resolve_all(counts)
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    loads = [
        tuple(map(float, subprocess.check_output([sys.executable, "-c", LOAD], env=env).split()))
        for _ in range(args.repeat)
    ]
    model_s, lexicon_s, model_cpu, lexicon_cpu = (min(column) for column in zip(*loads))
    news_model(), lexicon()
    term_frequencies("تحميل القوائم", progress=False)
    whole = load(args.path, None)
    sizes = whole["text"].str.encode("utf-8").str.len().cumsum()
    corpora = {
        "8 MB slice": whole[sizes <= SLICE_BYTES],
        "whole SaudiNewsNet": whole,
    }
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
    print("| corpus | contender | wall s | CPU s | MB/s (wall) | x norm | x norm (CPU) "
          "| x CountVectorizer |")  # fmt: skip
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for name, corpus in corpora.items():
        megabytes = sum(len(t.encode("utf-8")) for t in corpus["text"]) / 1e6
        texts = corpus["text"].tolist()
        contenders = [
            ("CountVectorizer", count_vectorizer, texts),
            ("norm", lambda c: term_frequencies(c, form="norm", progress=False), corpus),
            ("term", lambda c: term_frequencies(c, form="term", progress=False), corpus),
        ]
        walls: dict[str, float] = {}
        cpus: dict[str, float] = {}
        for label, func, data in contenders:
            wall, cpu, _ = best_of(func, data, args.repeat)
            walls[label], cpus[label] = wall, cpu
            versus_norm = f"{walls['norm'] / wall:.2f}" if "norm" in walls else ""
            versus_cpu = f"{cpus['norm'] / cpu:.2f}" if "norm" in cpus else ""
            print(f"| {name} ({megabytes:.1f} MB, {len(corpus):,} articles) | {label} | "
                  f"{wall:.2f} | {cpu:.2f} | {megabytes / wall:.1f} | {versus_norm} | "
                  f"{versus_cpu} | {walls['CountVectorizer'] / wall:.2f} |",
                  flush=True)  # fmt: skip
    thousand = whole.iloc[:1000]
    setup, setup_cpu = min(resolver_setup(thousand) for _ in range(args.repeat))
    walls = {
        form: best_of(lambda c, f=form: term_frequencies(c, form=f, progress=False),
                      thousand, args.repeat)[0]
        for form in ("norm", "term")
    }  # fmt: skip
    extra = walls["term"] - walls["norm"]
    total, total_cpu = setup + model_s + lexicon_s, setup_cpu + model_cpu + lexicon_cpu
    print(f"\n1,000 articles: resolver set-up {setup:.3f} s (CPU {setup_cpu:.3f}); "
          f"term - norm {extra:.3f} s ({walls['norm']:.3f} -> {walls['term']:.3f}); "
          f"once per process: news model {model_s:.3f} s (CPU {model_cpu:.3f}), "
          f"word list {lexicon_s:.3f} s (CPU {lexicon_cpu:.3f}); "
          f"in all {total:.3f} s (CPU {total_cpu:.3f})")  # fmt: skip


if __name__ == "__main__":
    main()

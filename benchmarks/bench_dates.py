"""Benchmark: toolkit.extract_dates against dateparser's search_dates on SaudiNewsNet.

Runs on one core. extract_dates reads all 31,030 articles (each with its
publication date as dct); dateparser.search.search_dates(text,
languages=["ar"]) reads a random sample (it is much slower), and
extract_dates reads the same sample so the counts compare like for like.

    PYTHONPATH=. /work/venv/bin/python benchmarks/bench_dates.py [--sample 300] [--limit N]

Needs the ``bench`` extra (dateparser) and ../shared/data/news/saudinewsnet-2015.jsonl.gz.

Last run (2 shared cores, one used; dateparser 1.5.0; --sample 500):

| tool | articles | MB | seconds | articles/s | MB/s | expressions |
|---|---:|---:|---:|---:|---:|---:|
| toolkit.extract_dates (all) | 31,030 | 96.4 | 23.6 | 1,315 | 4.09 | 114,000 |
| toolkit.extract_dates (sample) | 500 | 1.6 | 0.5 | 1,030 | 3.35 | 1,981 |
| dateparser search_dates (sample) | 500 | 1.6 | 17.4 | 29 | 0.09 | 1,632 |

Speed-up 46x (25x to 52x over four runs on the shared machine). Of dateparser's
1,632 finds, 1,112 overlap a toolkit expression; most of the rest are bare
numbers (1.8 مليون، 65 ق.م، 1366 × 768).
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

import pandas as pd

import toolkit as tk

DATA = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "saudinewsnet-2015.jsonl.gz"
)


def load(path: Path, limit: int | None) -> pd.DataFrame:
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            rows.append((str(record["id"]), record["text"] or "", record.get("date")))
            if limit and len(rows) >= limit:
                break
    corpus = pd.DataFrame(rows, columns=["doc_id", "text", "date"])
    corpus["date"] = pd.to_datetime(corpus["date"], errors="coerce")
    return corpus


def megabytes(corpus: pd.DataFrame) -> float:
    return sum(len(text.encode("utf-8")) for text in corpus["text"]) / 1e6


def run_toolkit(corpus: pd.DataFrame) -> tuple[float, pd.DataFrame]:
    start = time.perf_counter()
    dates = tk.extract_dates(corpus)
    return time.perf_counter() - start, dates


def run_dateparser(corpus: pd.DataFrame) -> tuple[float, dict[str, list[tuple[int, int]]]]:
    """Seconds taken and, per document, the spans dateparser found (located in order)."""
    from dateparser.search import search_dates

    search_dates("اليوم", languages=["ar"])  # load the language data before timing
    found = {}
    start = time.perf_counter()
    for doc_id, text in zip(corpus["doc_id"], corpus["text"], strict=True):
        found[doc_id] = search_dates(text, languages=["ar"]) or []
    seconds = time.perf_counter() - start
    spans = {}
    for doc_id, text in zip(corpus["doc_id"], corpus["text"], strict=True):
        position, located = 0, []
        for string, _ in found[doc_id]:
            at = text.find(string, position)
            if at >= 0:
                located.append((at, at + len(string)))
                position = at + len(string)
        spans[doc_id] = located
    return seconds, spans


def overlapping(spans: list[tuple[int, int]], others: list[tuple[int, int]]) -> int:
    """How many of ``spans`` overlap at least one of ``others``."""
    return sum(any(s < e2 and s2 < e for s2, e2 in others) for s, e in spans)


def row(name: str, corpus: pd.DataFrame, seconds: float, found: int) -> str:
    n = len(corpus)
    return (
        f"| {name} | {n:,} | {megabytes(corpus):.1f} | {seconds:.1f} | {n / seconds:,.0f} "
        f"| {megabytes(corpus) / seconds:.2f} | {found:,} | {found / n:.1f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--sample", type=int, default=300, help="articles given to dateparser")
    parser.add_argument("--limit", type=int, default=None, help="read only the first N articles")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    corpus = load(args.data, args.limit)
    sample = corpus.sample(min(args.sample, len(corpus)), random_state=args.seed)
    tk.extract_dates("تحميل 24 نونبر 2021")  # compile the grammar before timing

    full_seconds, full_dates = run_toolkit(corpus)
    sample_seconds, sample_dates = run_toolkit(sample)
    parser_seconds, parser_spans = run_dateparser(sample)
    parser_found = sum(map(len, parser_spans.values()))
    ours = {
        doc: list(zip(g["start"], g["end"], strict=True))
        for doc, g in sample_dates.groupby("doc_id")
    }
    shared_theirs = sum(overlapping(parser_spans[d], ours.get(d, [])) for d in parser_spans)
    shared_ours = sum(overlapping(spans, parser_spans.get(d, [])) for d, spans in ours.items())

    print("| tool | articles | MB | seconds | articles/s | MB/s | expressions | per article |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    print(row("toolkit.extract_dates (all)", corpus, full_seconds, len(full_dates)))
    print(row("toolkit.extract_dates (sample)", sample, sample_seconds, len(sample_dates)))
    print(row("dateparser search_dates (sample)", sample, parser_seconds, parser_found))
    speedup = (len(corpus) / full_seconds) / (len(sample) / parser_seconds)
    print(f"\nspeed-up (articles/s, full corpus vs dateparser sample): {speedup:.0f}x")
    print(f"found on the sample: toolkit {len(sample_dates):,}, dateparser {parser_found:,}")
    print(
        f"overlap: {shared_theirs:,} of dateparser's finds overlap a toolkit expression; "
        f"{shared_ours:,} of toolkit's overlap a dateparser find"
    )
    print("\ntoolkit on the full corpus, by type and anchor:")
    print(full_dates.groupby(["type", "anchor"]).size().to_string())


if __name__ == "__main__":
    main()

"""Score ``toolkit.extract_dates`` on hand-annotated sentences: found, value accuracy, false alarms.

The annotation file is tab-separated, one row per gold expression::

    family  sentence  dct  expression  type  value  [options]

``expression`` is a substring of ``sentence`` (its first occurrence is the
gold span); ``type`` ``NONE`` marks a span that must not be found (and, with
an empty expression, a sentence without any date); an empty ``value`` means
"found but unresolved". ``options`` are ``keyword=value`` pairs passed to
``extract_dates`` (``hijri=morocco``); code that lacks the keyword runs without it.

A gold expression is *found* when an extracted expression overlaps its span,
and *right* when an overlapping one has its type and value. A *false alarm*
is an extracted expression overlapping a ``NONE`` span, or, with
``--complete`` (every expression of each sentence annotated, as in the
Moroccan sample), one overlapping no gold span at all; the rate is per
extracted expression.

    PYTHONPATH=. python scripts/evaluate_dates.py tests/data/dates-families.tsv
    PYTHONPATH=. python scripts/evaluate_dates.py tests/data/dates-moroccan-sample.tsv --complete

Run with ``PYTHONPATH`` pointing at another checkout to score that code.
"""

from __future__ import annotations

import argparse
import inspect
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import toolkit as tk


@dataclass
class Gold:
    family: str
    sentence: str
    dct: str
    expression: str
    type: str
    value: str
    options: dict[str, str] = field(default_factory=dict)

    @property
    def span(self) -> tuple[int, int] | None:
        if not self.expression:
            return None
        start = self.sentence.index(self.expression)
        return start, start + len(self.expression)


def read(path: Path) -> list[Gold]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t") + [""] * 7
        options = dict(item.split("=", 1) for item in cells[6].split(",") if item)
        gold = Gold(*cells[:6], options=options)
        if gold.expression and gold.expression not in gold.sentence:
            raise ValueError(f"{path}:{number}: {gold.expression!r} is not in the sentence")
        rows.append(gold)
    return rows


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(
    rows: list[Gold], *, complete: bool = False, details: list[str] | None = None
) -> dict[str, dict[str, int]]:
    """Counts per family (and ``all``): gold, found, right, extracted, false_alarms.

    ``details``, when a list, receives one line per miss, wrong value and false alarm.
    """
    accepted = set(inspect.signature(tk.extract_dates).parameters)
    by_sentence: dict[tuple, list[Gold]] = defaultdict(list)
    for gold in rows:
        key = (gold.sentence, gold.dct, tuple(sorted(gold.options.items())))
        by_sentence[key].append(gold)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for (sentence, dct, options), golds in by_sentence.items():
        kwargs = {k: v for k, v in options if k in accepted}
        found = tk.extract_dates(sentence, dct=dct or None, **kwargs)
        spans = list(zip(found["start"], found["end"], strict=True))
        values = [
            (t, "" if not isinstance(v, str) or v in ("nan", "None") else v)
            for t, v in zip(found["type"], found["value"], strict=True)
        ]
        positive = [g.span for g in golds if g.type != "NONE" and g.span]
        negative = [g.span for g in golds if g.type == "NONE" and g.span]
        for gold in golds:
            c = counts[gold.family]
            if gold.type == "NONE":
                continue
            c["gold"] += 1
            hits = [i for i, span in enumerate(spans) if _overlaps(span, gold.span)]
            c["found"] += bool(hits)
            right = any(values[i] == (gold.type, gold.value) for i in hits)
            c["right"] += right
            if details is not None and not right:
                got = [(found["text"].iloc[i], *values[i]) for i in hits]
                expected = f"{gold.expression} {gold.type} {gold.value}"
                details.append(f"{gold.family}: {expected} got {got}")
        family = golds[0].family
        c = counts[family]
        c["extracted"] += len(spans)
        for span in spans:
            wrong = any(_overlaps(span, n) for n in negative)
            unmatched = complete and not any(_overlaps(span, p) for p in positive)
            c["false_alarms"] += wrong or unmatched
            if details is not None and (wrong or unmatched):
                details.append(f"false alarm: {sentence[span[0] : span[1]]} in {sentence}")
        c["none_rows"] += len(negative)
    total: dict[str, int] = defaultdict(int)
    for c in counts.values():
        for key, value in c.items():
            total[key] += value
    return {**{k: dict(v) for k, v in sorted(counts.items())}, "all": dict(total)}


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}" if whole else "-"


def report(counts: dict[str, dict[str, int]]) -> str:
    lines = [
        "| family | gold | found | value right | found % | value acc % | false alarms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for family, c in counts.items():
        gold, found, right = c.get("gold", 0), c.get("found", 0), c.get("right", 0)
        alarms, extracted = c.get("false_alarms", 0), c.get("extracted", 0)
        lines.append(
            f"| {family} | {gold} | {found} | {right} | {_pct(found, gold)} | {_pct(right, gold)} "
            f"| {alarms} of {extracted} extracted ({_pct(alarms, extracted)} %) |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument(
        "--complete",
        action="store_true",
        help="every expression of each sentence is annotated: unmatched finds are false alarms",
    )
    parser.add_argument("--details", action="store_true", help="list misses and false alarms")
    args = parser.parse_args()
    details: list[str] | None = [] if args.details else None
    print(report(score(read(args.path), complete=args.complete, details=details)))
    for line in details or []:
        print(line)


if __name__ == "__main__":
    main()

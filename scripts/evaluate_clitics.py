"""Accuracy of proclitic removal on the gold set (``tests/data/clitic-gold.tsv``).

The gold set (built by ``scripts/build_clitic_gold.py``, hosts checked by
rule and a sample by hand) has *attached* words (proclitics + host: the
resolver must return the host) and *plain* words that merely start with
و ف ب ل ك (it must keep them whole). Accuracy is reported per split:
``dev`` was used to tune the news model's settings, ``test`` was not.

Two runs: the resolver alone (shipped word list and news model), and with
the words of ANERcorp (``../shared/data/ner``) as corpus evidence, as when
a user analyses that corpus. Works with any version of the package that
has ``toolkit.text.clitics.TermResolver``, to compare before and after::

    PYTHONPATH=. python scripts/evaluate_clitics.py
    PYTHONPATH=/path/to/old/checkout python scripts/evaluate_clitics.py
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from pathlib import Path

from toolkit.text.clitics import TermResolver
from toolkit.text.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "clitic-gold.tsv"
DATA = ROOT.parent / "shared" / "data"


def read_gold(path: Path = GOLD) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def evaluate(resolver: TermResolver, gold: list[dict[str, str]]) -> tuple[Counter, list]:
    """``Counter`` of ``(split, kind, correct)`` and the errors ``(word, predicted, gold)``."""
    results: Counter = Counter()
    errors = []
    for row in gold:
        predicted = normalize(resolver.remainder(row["word"]))
        correct = predicted == row["host"]
        results[row["split"], row["kind"], correct] += 1
        if not correct:
            errors.append((row["split"], row["kind"], row["word"], predicted, row["host"]))
    return results, errors


def anercorp_words(path: Path) -> Counter:
    words: Counter = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.rsplit(" ", 1)
        if len(parts) == 2:
            words[parts[0]] += 1
    return words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--show-errors", type=int, default=0, help="errors to list (test split)")
    args = parser.parse_args()
    gold = read_gold(args.gold)
    sizes = Counter((row["split"], row["kind"]) for row in gold)
    print("gold:", ", ".join(f"{s} {k} {n}" for (s, k), n in sorted(sizes.items())), "\n")
    runs = {"resolver alone": TermResolver()}
    aner = args.data / "ner" / "anercorp-camellab-train.txt"
    if aner.exists():
        runs["+ ANERcorp words as evidence"] = TermResolver(anercorp_words(aner))
    print("| evidence | split | attached -> host | plain kept |")
    print("|---|---|---:|---:|")
    for name, resolver in runs.items():
        results, errors = evaluate(resolver, gold)
        for split in ("dev", "test"):
            scores = []
            for kind in ("attached", "plain"):
                right, wrong = results[split, kind, True], results[split, kind, False]
                scores.append(f"{right / (right + wrong):.3f} ({right}/{right + wrong})")
            print(f"| {name} | {split} | {scores[0]} | {scores[1]} |")
    test_errors = [error[1:] for error in errors if error[0] == "test"]
    for kind, word, predicted, host in test_errors[: args.show_errors]:
        print(f"  {kind}\t{word}\t-> {predicted}\t(gold {host})")


if __name__ == "__main__":
    main()

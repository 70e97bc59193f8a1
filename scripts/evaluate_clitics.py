"""Precision and recall of proclitic removal on real text (ANERcorp entity tokens).

Gold items are built from ``../shared/data`` (never shipped):

- *clitic-attached* (should be split): entity tokens of the ANERcorp
  training file that start with a proclitic sequence (و ف ب ل ك and
  combinations, لل for ال) whose remainder is itself an entity token in the
  file or a gazetteer entry, while the whole token is neither (والمغرب ->
  المغرب, لإسرائيل -> إسرائيل);
- *clitic-like* (must survive): entity tokens that are gazetteer entries and
  merely begin with one of those letters (لبنان، بغداد، واشنطن، فرنسا).

The resolver gets the whole file as corpus evidence (as in
``tokenize(corpus)``); the lexicon-only run gives it no corpus evidence.
Precision = correct splits / splits made; recall = correct splits /
clitic-attached items; survival = clitic-like items left whole.

    PYTHONPATH=. python scripts/evaluate_clitics.py
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from toolkit.text.clitics import PROCLITICS, TermResolver, clean
from toolkit.text.normalize import normalize

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def read_anercorp(path: Path) -> list[tuple[str, str]]:
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.rsplit(" ", 1)
        if len(parts) == 2:
            pairs.append((parts[0], parts[1]))
    return pairs


def gold_items(pairs, gazetteer: set[str]) -> tuple[dict[str, str], set[str]]:
    """``{token: gold remainder key}`` for clitic-attached tokens, and clitic-like tokens."""
    entities = {normalize(clean(tok)) for tok, tag in pairs if tag != "O"}
    names = entities | gazetteer
    attached: dict[str, str] = {}
    lookalike: set[str] = set()
    for token, tag in pairs:
        if tag == "O":
            continue
        key = normalize(clean(token))
        if len(key) < 4 or key[0] not in "وفبلك":
            continue
        if key in gazetteer:
            lookalike.add(token)
            continue
        for prefix in PROCLITICS:
            if not key.startswith(prefix):
                continue
            rest = key[len(prefix) :]
            candidates = [rest, "ا" + rest] if prefix.endswith("ل") else [rest]
            hits = [c for c in candidates if len(c) >= 2 and c in names and c != key]
            if hits:
                attached[token] = hits[-1] if ("ا" + rest) in hits else hits[0]
                break
    return attached, lookalike


def evaluate(resolver: TermResolver, attached: dict[str, str], lookalike: set[str]) -> dict:
    splits = correct = 0
    errors: Counter = Counter()
    for token, gold in attached.items():
        predicted = normalize(resolver.remainder(token))
        if predicted != normalize(clean(token)):
            splits += 1
            correct += predicted == gold
            if predicted != gold:
                errors[(token, predicted, gold)] += 1
        else:
            errors[(token, "(kept)", gold)] += 1
    kept = 0
    for token in lookalike:
        predicted = normalize(resolver.remainder(token))
        if predicted == normalize(clean(token)):
            kept += 1
        else:
            splits += 1
            errors[(token, predicted, "(whole)")] += 1
    return {
        "attached": len(attached),
        "lookalike": len(lookalike),
        "precision": correct / splits if splits else float("nan"),
        "recall": correct / len(attached) if attached else float("nan"),
        "survival": kept / len(lookalike) if lookalike else float("nan"),
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--show-errors", type=int, default=15)
    args = parser.parse_args()
    pairs = read_anercorp(args.data / "ner" / "anercorp-camellab-train.txt")
    gazetteer = set()
    for name in ("LOC", "ORG", "PERS"):
        text = (args.data / "gazetteers" / f"{name}.txt").read_text(encoding="utf-8")
        gazetteer |= {normalize(clean(line.strip())) for line in text.splitlines() if line.strip()}
    attached, lookalike = gold_items(pairs, gazetteer)
    runs = {
        "lexicon + corpus evidence": TermResolver(Counter(tok for tok, _ in pairs)),
        "lexicon only": TermResolver(),
    }
    print(f"{len(attached)} clitic-attached entity types, {len(lookalike)} clitic-like types\n")
    print("| evidence | precision | recall | survival of clitic-like words |")
    print("|---|---:|---:|---:|")
    results = {name: evaluate(resolver, attached, lookalike) for name, resolver in runs.items()}
    for name, result in results.items():
        print(f"| {name} | {result['precision']:.3f} | {result['recall']:.3f} | "
              f"{result['survival']:.3f} |")  # fmt: skip
    errors = results["lexicon + corpus evidence"]["errors"]
    print("\nerrors (token, predicted, gold):")
    for (token, predicted, gold), _ in errors.most_common(args.show_errors):
        print(f"  {token}\t{predicted}\t{gold}")


if __name__ == "__main__":
    main()

"""Precision and recall of :func:`toolkit.near_duplicates` on the hand-labelled pairs.

``scripts/data/dedupe_pairs.tsv`` holds 310 document pairs from SaudiNewsNet
2015 and the Moroccan febrayer/yabiladi corpus (ids and text hashes only),
labelled by reading both texts: ``copy`` (one text is the other edited:
headline, lead or closing changed, a paragraph added or dropped, spelling and
punctuation), ``rewrite`` (the same event written up again, sentences
reworded) and ``different`` (different stories, often on the same day, with
the same names or the same template). ``shared_text`` is the share of the
shorter text's words aligned with the other (difflib), computed without the
shingles. Pairs were drawn by ``scripts/sample_dedupe_pairs.py``; ``split``
sets a third aside (``holdout``) that no setting was tuned on.

A pair is predicted a copy when both documents fall in the same cluster of
``near_duplicates`` run on the whole corpus. Precision counts rewrites as
errors; recall is over ``copy`` pairs with at least 80% shared text (the
target), and over all copy pairs.

    python scripts/evaluate_dedupe.py [--threshold 0.8] [--split tune] [--errors]
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

import pandas as pd

import toolkit as tk

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "scripts" / "data" / "dedupe_pairs.tsv"
NEWS = ROOT.parent / "shared" / "data" / "news"


def predictions(pairs: pd.DataFrame, threshold: float) -> pd.Series:
    """True where both documents of a pair are in the same near-duplicate cluster."""
    same = pd.Series(False, index=pairs.index)
    for name, rows in pairs.groupby("corpus"):
        corpus = tk.load_corpus(NEWS / f"{name}.jsonl.gz")
        texts = dict(zip(corpus["doc_id"], corpus["text"]))
        for column in ("a", "b"):  # the labelled texts are the ones found here
            ids = rows[f"doc_{column}"]
            found = [hashlib.sha1(texts[d].encode()).hexdigest()[:12] for d in ids]
            if found != rows[f"sha_{column}"].tolist():
                raise SystemExit(f"{name}: the corpus texts differ from the labelled ones")
        cluster = tk.near_duplicates(corpus, threshold=threshold).set_index("doc_id")["cluster_id"]
        a, b = cluster.reindex(rows["doc_a"]).to_numpy(), cluster.reindex(rows["doc_b"]).to_numpy()
        same[rows.index] = (a == b) & ~pd.isna(a)
    return same


def scores(pairs: pd.DataFrame) -> dict[str, object]:
    copy = pairs["label"] == "copy"
    target = copy & (pairs["shared_text"] >= 0.8)
    predicted = pairs["predicted"]
    return {
        "pairs": len(pairs),
        "copies": int(copy.sum()),
        "copies >=80%": int(target.sum()),
        "precision": round(float((predicted & copy).sum() / max(predicted.sum(), 1)), 3),
        "recall >=80%": round(float((predicted & target).sum() / max(target.sum(), 1)), 3),
        "recall all copies": round(float((predicted & copy).sum() / max(copy.sum(), 1)), 3),
        "rewrites merged": f"{int((predicted & (pairs.label == 'rewrite')).sum())}"
        f"/{int((pairs.label == 'rewrite').sum())}",
        "different merged": f"{int((predicted & (pairs.label == 'different')).sum())}"
        f"/{int((pairs.label == 'different').sum())}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threshold", type=float, default=0.8)
    parser.add_argument("--errors", action="store_true", help="list the misclassified pairs")
    parser.add_argument("--split", choices=["tune", "holdout"], help="score only this part")
    args = parser.parse_args()
    pairs = pd.read_csv(PAIRS, sep="\t")
    if args.split:
        pairs = pairs[pairs.split == args.split]
    pairs["predicted"] = predictions(pairs, args.threshold)
    splits = [(name, pairs[pairs.split == name]) for name in ("tune", "holdout")
              if name in set(pairs.split)]  # fmt: skip
    table = pd.DataFrame({name: scores(rows) for name, rows in [*splits, ("all", pairs)]})
    print(f"threshold {args.threshold}\n{table.to_string()}")
    if args.errors:
        wrong = pairs[pairs["predicted"] != (pairs["label"] == "copy")]
        print(wrong[["doc_a", "doc_b", "shared_text", "label", "split", "note"]].to_string())


if __name__ == "__main__":
    main()

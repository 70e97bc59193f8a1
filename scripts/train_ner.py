"""Retrain the shipped NER model on ANERcorp (CAMeL Lab train split).

Deterministic: crfsuite's L-BFGS has no random state, the sentences are
read in file order, and features depend only on the files in
``toolkit/data/ner`` (gazetteers, lexicons, word clusters). Reruns give the
same model.

Usage::

    python scripts/train_ner.py [--train ../shared/data/ner/anercorp-camellab-train.txt]
                                [--out toolkit/data/ner/ner-crf.crfsuite] [--max-iterations 150]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from toolkit.entities.model import MODEL_PATH
from toolkit.entities.training import TRAINING_PARAMS, read_conll, train_crf

ROOT = Path(__file__).resolve().parents[1]
TRAIN_FILE = ROOT.parent / "shared" / "data" / "ner" / "anercorp-camellab-train.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", type=Path, default=TRAIN_FILE)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--max-iterations", type=int, default=TRAINING_PARAMS["max_iterations"])
    parser.add_argument("--c1", type=float, default=TRAINING_PARAMS["c1"])
    parser.add_argument("--c2", type=float, default=TRAINING_PARAMS["c2"])
    args = parser.parse_args()

    sentences = read_conll(args.train)
    tokens = sum(len(t) for t, _ in sentences)
    print(f"{len(sentences):,} sentences, {tokens:,} tokens from {args.train}")
    started = time.perf_counter()
    params = {"max_iterations": args.max_iterations, "c1": args.c1, "c2": args.c2}
    path = train_crf(sentences, args.out, params=params)
    seconds = time.perf_counter() - started
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB) in {seconds:.0f} s")


if __name__ == "__main__":
    main()

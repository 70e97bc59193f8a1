"""Cross-validate the CRF, the neural tagger and their combination on ANERcorp train.

Folds are the contiguous blocks of ``scripts/evaluate_ner.py`` and scores the
same conlleval-style exact span-and-type matches, pooled over folds. For each
fold the CRF is trained here (kept in ``--work`` so reruns reuse it) and the
neural tagger is read from ``--work/neural-fold<k>.npz``, trained beforehand
without that fold (torch environment)::

    for k in 0 1 2 3 4; do
        python scripts/train_neural_ner.py --holdout-fold $k --out build/neural/cv/neural-fold$k.npz
    done
    python scripts/evaluate_neural_ner.py [--work build/neural/cv] [--use-folds 0 4] [--out cv.md]

Systems: CRF alone, neural alone, and CRF state scores + ``w`` x neural
log-probabilities for each ``--weights`` value (:func:`toolkit.entities.neural.combined_tags`);
then the CRF and the best combination followed by the gazetteer rules, and by
all the rules and the corpus vote as ``extract_entities`` runs them (the
``predict`` systems of ``scripts/evaluate_ner.py``: document rules on blocks of
10 sentences). The weight is chosen on the same pooled folds, so the
combination's score is slightly optimistic (one parameter).

``--test FILE`` scores the shipped models (``--weights``' first value for the
combination) on an annotated file instead, such as the Moroccan sentences of
``scripts/data/moroccan_ner_test.txt``.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from evaluate_ner import LABELS, TRAIN_FILE, corpus_vote, prf, score, table

from toolkit.entities.decoding import CrfDecoder
from toolkit.entities.model import MODEL_PATH
from toolkit.entities.neural import NEURAL_PATH, NeuralTagger, combined_tags
from toolkit.entities.rules import apply_gazetteer_rules, document_rules
from toolkit.entities.training import read_conll, train_crf

ROOT = Path(__file__).resolve().parents[1]
#: Sentences per pseudo-document for the document rules (as ``evaluate_ner.py``).
DOC_SIZE = 10


def with_rules(words: list[list[str]], tags: list[list[str]]) -> tuple[list, list]:
    """(tags after the gazetteer rules, after all the rules and the corpus vote)."""
    filled = [apply_gazetteer_rules(t, p) for t, p in zip(words, tags, strict=True)]
    documents = []
    for begin in range(0, len(words), DOC_SIZE):
        end = begin + DOC_SIZE
        documents += document_rules(words[begin:end], filled[begin:end])
    return filled, corpus_vote(words, documents)


def score_file(path: Path, weight: float) -> str:
    """Tables of the shipped CRF, tagger and their combination (with the rules) on ``path``."""
    test = read_conll(path)
    words, gold = [t for t, _ in test], [tags for _, tags in test]
    crf, tagger = CrfDecoder.from_model(MODEL_PATH), NeuralTagger.from_file(NEURAL_PATH)
    found = {
        "CRF": crf.tag(words),
        "neural": tagger.tag(words),
        f"CRF + {weight:g} x neural": combined_tags(words, crf, tagger, weight=weight),
    }
    sections = []
    for system, tags in found.items():
        full = with_rules(words, tags)[1]
        sections.append(f"{system}:\n\n{table(score(gold, tags))}")
        sections.append(f"{system} + all rules and corpus vote:\n\n{table(score(gold, full))}")
    return "\n\n".join(sections)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", type=Path, default=TRAIN_FILE)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--use-folds", type=int, nargs="+", help="score only these folds")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "neural" / "cv")
    parser.add_argument("--weights", type=float, nargs="+", default=[0.5, 1, 1.5, 2, 3, 4])
    parser.add_argument("--out", type=Path, default=None, help="also write the tables here")
    parser.add_argument("--test", type=Path, default=None, help="score the shipped models here")
    args = parser.parse_args()
    if args.test:
        result = score_file(args.test, args.weights[0])
        print(result)
        if args.out:
            args.out.write_text(result + "\n", encoding="utf-8")
        return

    sentences = read_conll(args.train)
    size = -(-len(sentences) // args.folds)
    args.work.mkdir(parents=True, exist_ok=True)
    systems = ["CRF", "neural", *(f"CRF + {w:g} x neural" for w in args.weights)]
    totals = {s: {label: Counter() for label in LABELS} for s in systems}
    predictions: dict[str, list] = {s: [] for s in systems}
    gold, words = [], []
    for fold in args.use_folds or range(args.folds):
        test = sentences[fold * size : (fold + 1) * size]
        train = sentences[: fold * size] + sentences[(fold + 1) * size :]
        started = time.perf_counter()
        crf_path = args.work / f"crf-fold{fold}.crfsuite"
        if not crf_path.exists():
            train_crf(train, crf_path)
        neural_path = args.work / f"neural-fold{fold}.npz"
        if not neural_path.exists():
            print(f"fold {fold}: CRF ready, {neural_path} missing", flush=True)
            continue
        crf, tagger = CrfDecoder.from_model(crf_path), NeuralTagger.from_file(neural_path)
        tokens = [t for t, _ in test]
        found = {"CRF": crf.tag(tokens), "neural": tagger.tag(tokens)}
        for w in args.weights:
            found[f"CRF + {w:g} x neural"] = combined_tags(tokens, crf, tagger, weight=w)
        gold += [tags for _, tags in test]
        words += tokens
        line = []
        for system, predicted in found.items():
            counts = score([tags for _, tags in test], predicted)
            for label in LABELS:
                totals[system][label] += counts[label]
            predictions[system] += predicted
            line.append(f"{system} {100 * prf(sum(counts.values(), Counter()))[2]:.1f}")
        print(f"fold {fold}: {', '.join(line)} ({time.perf_counter() - started:.0f} s)", flush=True)
    if not gold:
        return
    micro = {s: prf(sum(totals[s].values(), Counter()))[2] for s in systems}
    best = max(systems[2:], key=micro.get)
    sections = [f"{s}:\n\n{table(totals[s])}" for s in ("CRF", "neural", best)]
    sections.append("micro F1 by weight: " + ", ".join(f"{s.split()[2]}: {100 * micro[s]:.1f}"
                                                       for s in systems[2:]))  # fmt: skip
    for system in ("CRF", "neural", best):
        filled, full = with_rules(words, predictions[system])
        sections.append(f"{system} + gazetteer rules:\n\n{table(score(gold, filled))}")
        sections.append(f"{system} + all rules and corpus vote:\n\n{table(score(gold, full))}")
    result = "\n\n".join(sections)
    print(result)
    if args.out:
        args.out.write_text(result + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

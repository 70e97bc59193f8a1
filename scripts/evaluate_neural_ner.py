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

Systems: CRF alone, neural alone, CRF state scores + ``w`` x neural
log-probabilities for each ``--weights`` value, and the shipped combination:
per-type weights and entity-type biases (:data:`~toolkit.entities.neural.COMBINED_WEIGHTS`,
:data:`~toolkit.entities.neural.COMBINED_BIAS`,
:func:`toolkit.entities.neural.combined_tags`); ``--tune`` tunes those by
coordinate ascent on the pooled folds and adds the tuned system. Each of the
CRF, the neural tagger, the best single weight and the per-type systems is then
followed by the gazetteer rules, and by all the rules and the corpus vote as
``extract_entities`` runs them (the ``predict`` systems of
``scripts/evaluate_ner.py``: document rules on blocks of 10 sentences). Weights
and biases are chosen on the same pooled folds, so the combination's scores are
optimistic; ``--use-folds`` scores a subset (tune on some folds, check on the others).

``--test FILE`` scores the shipped models (``--weights``' first value and the
shipped per-type weights for the combination) on an annotated file instead, such as
the Moroccan sentences of ``scripts/data/moroccan_ner_test.txt``.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import numpy as np
from evaluate_ner import LABELS, TRAIN_FILE, corpus_vote, prf, score, table

from toolkit.entities.decoding import CrfDecoder
from toolkit.entities.model import MODEL_PATH
from toolkit.entities.neural import (
    COMBINED_BIAS,
    COMBINED_WEIGHTS,
    NEURAL_PATH,
    NeuralTagger,
    combined_tags,
)
from toolkit.entities.rules import apply_gazetteer_rules, document_rules
from toolkit.entities.training import read_conll, train_crf

ROOT = Path(__file__).resolve().parents[1]
#: Sentences per pseudo-document for the document rules (as ``evaluate_ner.py``).
DOC_SIZE = 10
#: Values ``--tune`` tries for each type's weight and each entity type's bias.
WEIGHT_GRID = (0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0)
BIAS_GRID = (-1.0, -0.5, -0.25, 0.0, 0.25, 0.5, 1.0, 1.5, 2.0)


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
        "CRF + neural, shipped weights and biases": combined_tags(
            words, crf, tagger, weight=COMBINED_WEIGHTS, bias=COMBINED_BIAS
        ),
    }
    sections = []
    for system, tags in found.items():
        full = with_rules(words, tags)[1]
        sections.append(f"{system}:\n\n{table(score(gold, tags))}")
        sections.append(f"{system} + all rules and corpus vote:\n\n{table(score(gold, full))}")
    return "\n\n".join(sections)


def fold_scores(args, sentences) -> list[tuple]:
    """Per scored fold: (CRF decoder, CRF state scores, tagger log-probs in the CRF's label
    order, tokens, gold tags); the fold's CRF is trained into ``--work`` if missing."""
    size = -(-len(sentences) // args.folds)
    args.work.mkdir(parents=True, exist_ok=True)
    folds = []
    for fold in args.use_folds or range(args.folds):
        test = sentences[fold * size : (fold + 1) * size]
        train = sentences[: fold * size] + sentences[(fold + 1) * size :]
        crf_path = args.work / f"crf-fold{fold}.crfsuite"
        if not crf_path.exists():
            train_crf(train, crf_path)
        neural_path = args.work / f"neural-fold{fold}.npz"
        if not neural_path.exists():
            print(f"fold {fold}: CRF ready, {neural_path} missing", flush=True)
            continue
        crf, tagger = CrfDecoder.from_model(crf_path), NeuralTagger.from_file(neural_path)
        tokens = [t for t, _ in test]
        columns = [tagger.tags.index(label) for label in crf.labels]
        neural = [n[:, columns] for n in tagger.log_probs(tokens)]
        folds.append((crf, [crf.scores(t) for t in tokens], neural, tokens,
                      [tags for _, tags in test]))  # fmt: skip
    return folds


def combine(folds, weights: dict[str, float], bias: dict[str, float]) -> list[list[str]]:
    """Tags of all folds' sentences with per-type weights and biases
    (:func:`toolkit.entities.neural.combined_tags` on the cached scores)."""
    tags = []
    for crf, crf_scores, neural, _, _ in folds:
        types = [label if label == "O" else label[2:] for label in crf.labels]
        w = np.array([weights[t] for t in types])
        b = np.array([0.0 if t == "O" else bias.get(t, 0.0) for t in types])
        tags += crf.decode([c + w * n + b for c, n in zip(crf_scores, neural, strict=True)])
    return tags


def micro_f1(gold, tags) -> float:
    return prf(sum(score(gold, tags).values(), Counter()))[2]


def tune(folds, gold) -> tuple[dict[str, float], dict[str, float]]:
    """The weight of the tagger's ``O`` scores, one weight for its entity tags and a bias
    per entity type, by coordinate ascent on the pooled micro F1 (two rounds over
    :data:`WEIGHT_GRID` and :data:`BIAS_GRID`, from 0.75 everywhere and no bias)."""
    weights, bias = dict.fromkeys(("O", *LABELS), 0.75), dict.fromkeys(LABELS, 0.0)
    best = micro_f1(gold, combine(folds, weights, bias))
    for _ in range(2):
        for names in (("O",), LABELS):  # the O weight, then that of all entity tags
            for value in WEIGHT_GRID:
                trial = {**weights, **dict.fromkeys(names, value)}
                if (f1 := micro_f1(gold, combine(folds, trial, bias))) > best + 1e-4:
                    best, weights = f1, trial
        for label in LABELS:
            for value in BIAS_GRID:
                trial = {**bias, label: value}
                if (f1 := micro_f1(gold, combine(folds, weights, trial))) > best + 1e-4:
                    best, bias = f1, trial
        print(f"tuned: weights {weights}, bias {bias}: micro F1 {100 * best:.2f}", flush=True)
    return weights, bias


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", type=Path, default=TRAIN_FILE)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--use-folds", type=int, nargs="+", help="score only these folds")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "neural" / "cv")
    parser.add_argument("--weights", type=float, nargs="+", default=[0.5, 0.75, 1, 1.5, 2])
    parser.add_argument("--tune", action="store_true",
                        help="also tune per-type weights and biases on the folds")  # fmt: skip
    parser.add_argument("--out", type=Path, default=None, help="also write the tables here")
    parser.add_argument("--test", type=Path, default=None, help="score the shipped models here")
    args = parser.parse_args()
    if args.test:
        result = score_file(args.test, args.weights[0])
        print(result)
        if args.out:
            args.out.write_text(result + "\n", encoding="utf-8")
        return

    folds = fold_scores(args, read_conll(args.train))
    if not folds:
        return
    words = [t for f in folds for t in f[3]]
    gold = [g for f in folds for g in f[4]]
    found = {
        "CRF": [t for crf, c, *_ in folds for t in crf.decode(c)],
        "neural": [t for f in folds for t in _neural_tags(f)],
    }
    for w in args.weights:
        found[f"CRF + {w:g} x neural"] = combine(folds, dict.fromkeys(("O", *LABELS), w), {})
    shipped = "CRF + neural, shipped weights and biases"
    found[shipped] = combine(folds, COMBINED_WEIGHTS, COMBINED_BIAS)
    if args.tune:
        found["CRF + neural, tuned weights and biases"] = combine(folds, *tune(folds, gold))
    micro = {s: micro_f1(gold, tags) for s, tags in found.items()}
    scalar = [s for s in found if " x neural" in s]
    best = max(scalar, key=micro.get)
    sections = ["micro F1 by weight: " + ", ".join(f"{s.split()[2]}: {100 * micro[s]:.1f}"
                                                   for s in scalar)]  # fmt: skip
    for system in dict.fromkeys(("CRF", "neural", best, *list(found)[len(scalar) + 2 :])):
        filled, full = with_rules(words, found[system])
        sections.append(f"{system}:\n\n{table(score(gold, found[system]))}")
        sections.append(f"{system} + gazetteer rules:\n\n{table(score(gold, filled))}")
        sections.append(f"{system} + all rules and corpus vote:\n\n{table(score(gold, full))}")
    result = "\n\n".join(sections)
    print(result)
    if args.out:
        args.out.write_text(result + "\n", encoding="utf-8")


def _neural_tags(fold) -> list[list[str]]:
    """The tagger's own well-formed tags (its log-probs, decoded as :meth:`NeuralTagger.tag`)."""
    crf, _, neural, _, _ = fold
    allowed = np.array([[-1e4 if b.startswith("I-") and a[2:] != b[2:] else 0.0
                         for b in crf.labels] for a in crf.labels])  # fmt: skip
    return CrfDecoder(crf.labels, {}, np.zeros((1, len(crf.labels))), allowed).decode(neural)


if __name__ == "__main__":
    main()

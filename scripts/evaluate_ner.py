"""5-fold cross-validation of the NER model on the ANERcorp train file.

Three systems are scored: the CRF alone, the CRF plus the sentence rules
that ``extract_entities`` applies (:mod:`toolkit.entities.rules`; ANERcorp's
own annotation leaves some curated names such as الجيش الإسرائيلي ``O``, so
gap filling can cost precision here while it matches what analysts expect),
both plus the document rules, run on blocks of ``--doc-size`` consecutive
sentences (ANERcorp marks no article boundaries), and all of them plus the
corpus vote (:func:`toolkit.entities.rules.corpus_labels` over the whole
test fold: one label per canonical name).

``--test FILE`` scores the shipped model (or ``--model``) on an annotated file
in the same format instead, with no cross-validation (the Moroccan sentences of
``scripts/data/moroccan_ner_test.txt``, annotated for this check and never used
for tuning).

Folds are contiguous blocks of sentences (articles stay together, so a fold
does not see the rest of its own article in training). Scores are
conlleval-style: an entity counts as correct only when its span and type
both match exactly; precision, recall and F1 per label and micro-averaged
over the pooled folds. Folds run one after another (one core).

Usage::

    python scripts/evaluate_ner.py [--folds 5] [--max-iterations 150] [--out cv.md]
    python scripts/evaluate_ner.py --test scripts/data/moroccan_ner_test.txt
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from pathlib import Path

from toolkit.entities.canonical import canonical_names
from toolkit.entities.features import sentence_features
from toolkit.entities.model import MODEL_PATH, bio_spans, load_tagger
from toolkit.entities.rules import apply_gazetteer_rules, corpus_labels, document_rules
from toolkit.entities.training import TRAINING_PARAMS, read_conll, train_crf

ROOT = Path(__file__).resolve().parents[1]
TRAIN_FILE = ROOT.parent / "shared" / "data" / "ner" / "anercorp-camellab-train.txt"
LABELS = ("PERS", "LOC", "ORG", "MISC")
SYSTEMS = (
    "CRF",
    "CRF + gazetteer rules",
    "CRF + gazetteer and document rules",
    "CRF + gazetteer, document rules and corpus vote",
)


def score(gold: list[list[str]], predicted: list[list[str]]) -> dict[str, Counter]:
    """True positives, predicted and gold entity counts per label."""
    counts = {label: Counter() for label in LABELS}
    for gold_tags, pred_tags in zip(gold, predicted, strict=True):
        gold_spans = set(bio_spans(gold_tags))
        pred_spans = set(bio_spans(pred_tags))
        for span in gold_spans:
            counts[span[2]]["gold"] += 1
        for span in pred_spans:
            counts[span[2]]["pred"] += 1
            counts[span[2]]["tp"] += span in gold_spans
    return counts


def prf(c: Counter) -> tuple[float, float, float]:
    p = c["tp"] / c["pred"] if c["pred"] else 0.0
    r = c["tp"] / c["gold"] if c["gold"] else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def table(counts: dict[str, Counter]) -> str:
    lines = ["| label | precision | recall | F1 | gold entities |", "|---|---|---|---|---|"]
    micro = sum(counts.values(), Counter())
    for label, c in [*counts.items(), ("micro", micro)]:
        p, r, f = prf(c)
        lines.append(f"| {label} | {100 * p:.1f} | {100 * r:.1f} | {100 * f:.1f} | {c['gold']} |")
    return "\n".join(lines)


def corpus_vote(sentences: list[list[str]], tags: list[list[str]]) -> list[list[str]]:
    """Relabel the spans of all ``sentences`` with :func:`corpus_labels` (one label per name)."""
    spans = [(n, first, last, label) for n, sent_tags in enumerate(tags)
             for first, last, label in bio_spans(sent_tags)]  # fmt: skip
    names = canonical_names([" ".join(sentences[n][a:b]) for n, a, b, _ in spans])
    voted = [list(sent_tags) for sent_tags in tags]
    for (n, first, last, _), label in zip(
        spans, corpus_labels(names, [label for *_, label in spans]), strict=True
    ):
        voted[n][first:last] = [f"B-{label}"] + [f"I-{label}"] * (last - first - 1)
    return voted


def predict(tagger, test: list[list[str]], doc_size: int) -> list[list[list[str]]]:
    """The tags of each system in :data:`SYSTEMS` for the ``test`` sentences."""
    crf = [tagger.tag(sentence_features(tokens)) for tokens in test]
    filled = [apply_gazetteer_rules(tokens, tags) for tokens, tags in zip(test, crf, strict=True)]
    documents = []
    for begin in range(0, len(test), doc_size):
        end = begin + doc_size
        documents += document_rules(test[begin:end], filled[begin:end])
    return [crf, filled, documents, corpus_vote(test, documents)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", type=Path, default=TRAIN_FILE)
    parser.add_argument("--test", type=Path, default=None, help="score --model on this file")
    parser.add_argument("--model", type=Path, default=MODEL_PATH)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--max-iterations", type=int, default=TRAINING_PARAMS["max_iterations"])
    parser.add_argument("--out", type=Path, default=None, help="also write the table here")
    parser.add_argument(
        "--models", type=Path, default=None,
        help="keep the fold models here and reuse those found (to score rule changes quickly)",
    )  # fmt: skip
    parser.add_argument(
        "--doc-size", type=int, default=10,
        help="sentences per pseudo-document for the document rules (ANERcorp has no boundaries)",
    )  # fmt: skip
    args = parser.parse_args()

    totals = {system: {label: Counter() for label in LABELS} for system in SYSTEMS}
    if args.test:
        test = read_conll(args.test)
        predicted = predict(load_tagger(args.model), [t for t, _ in test], args.doc_size)
        for system, tags in zip(SYSTEMS, predicted, strict=True):
            totals[system] = score([tags for _, tags in test], tags)
    else:
        cross_validate(read_conll(args.train), args, totals)
    result = "\n\n".join(f"{system}:\n\n{table(totals[system])}" for system in SYSTEMS)
    print(result)
    if args.out:
        args.out.write_text(result + "\n", encoding="utf-8")


def cross_validate(sentences, args, totals) -> None:
    """Add the pooled counts of ``args.folds`` contiguous folds to ``totals``."""
    size = -(-len(sentences) // args.folds)
    with tempfile.TemporaryDirectory() as tmp:
        for fold in range(args.folds):
            test = sentences[fold * size : (fold + 1) * size]
            train = sentences[: fold * size] + sentences[(fold + 1) * size :]
            started = time.perf_counter()
            path = (args.models or Path(tmp)) / f"fold{fold}of{args.folds}.crfsuite"
            if not path.exists():
                train_crf(train, path, params={"max_iterations": args.max_iterations})
            predicted = predict(load_tagger(path), [t for t, _ in test], args.doc_size)
            gold = [tags for _, tags in test]
            scores = []
            for system, tags in zip(SYSTEMS, predicted, strict=True):
                counts = score(gold, tags)
                for label in LABELS:
                    totals[system][label] += counts[label]
                scores.append(f"{system} {100 * prf(sum(counts.values(), Counter()))[2]:.1f}")
            seconds = time.perf_counter() - started
            print(f"fold {fold}: micro F1 {', '.join(scores)} ({seconds:.0f} s)", flush=True)


if __name__ == "__main__":
    main()

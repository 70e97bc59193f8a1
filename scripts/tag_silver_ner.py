"""Tag unlabelled news sentences with the CRF and the neural tagger (silver data).

Self-training, teacher -> student: every ``--every``-th article of the
SaudiNewsNet, multi-source and Tunisian corpora (never the two Moroccan
corpora, the source of ``scripts/data/moroccan_ner_test.txt``) is split into
the sentences ``extract_entities`` tags; a sentence of 5 to 60 tokens is
kept when the CRF, the neural tagger and their combination
(:func:`toolkit.entities.neural.combined_tags`) agree on all its tags: the
confident ones. Sentences with no entity are kept at most one for every
three with one. The kept sentences are written as ``token tag`` lines
(ANERcorp's format), for ``scripts/train_neural_ner.py --silver``.

In cross-validation each fold's teacher must be trained without that fold
(``--crf`` and ``--neural`` of the fold), so the student never learns from
its own test sentences' labels::

    python scripts/tag_silver_ner.py --crf build/neural/cv/crf-fold0.crfsuite \\
        --neural build/neural/cv/neural-fold0.npz --out build/silver/fold0.txt
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

from toolkit.entities.decoding import CrfDecoder
from toolkit.entities.model import MODEL_PATH
from toolkit.entities.neural import (
    COMBINED_BIAS,
    COMBINED_WEIGHTS,
    NEURAL_PATH,
    NeuralTagger,
    combined_tags,
)
from toolkit.entities.recognize import _sentences

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ("saudinewsnet-2015", "ant-multisource-2018", "ant-jawharafm-tunisia")


def news_sentences(data: Path, every: int) -> list[list[str]]:
    """Token lists of the sentences (5 to 60 tokens) of every ``every``-th article."""
    sentences = []
    for name in CORPORA:
        with gzip.open(data / "news" / f"{name}.jsonl.gz", "rt", encoding="utf-8") as lines:
            for n, line in enumerate(lines):
                if n % every:
                    continue
                text = json.loads(line).get("text") or ""
                for _, tokens in _sentences(text):
                    if 5 <= len(tokens) <= 60:
                        sentences.append([t.token for t in tokens])
    return sentences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--crf", type=Path, default=MODEL_PATH)
    parser.add_argument("--neural", type=Path, default=NEURAL_PATH)
    parser.add_argument("--every", type=int, default=40, help="take one article in this many")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()

    started = time.perf_counter()
    sentences = news_sentences(args.data, args.every)
    crf, tagger = CrfDecoder.from_model(args.crf), NeuralTagger.from_file(args.neural)
    alone, neural = crf.tag(sentences), tagger.tag(sentences)
    both = combined_tags(sentences, crf, tagger, weight=COMBINED_WEIGHTS, bias=COMBINED_BIAS)
    kept, empty, tokens = [], 0, 0
    for words, a, b, c in zip(sentences, alone, neural, both, strict=True):
        if a != b or b != c:
            continue
        if all(tag == "O" for tag in c):
            if 3 * (empty + 1) > len(kept) - empty:
                continue
            empty += 1
        kept.append((words, c))
        tokens += len(words)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as out:
        for words, tags in kept:
            out.writelines(f"{w} {t}\n" for w, t in zip(words, tags, strict=True))
            out.write("\n")
    print(f"{len(kept):,} of {len(sentences):,} sentences kept ({tokens:,} tokens, "
          f"{empty:,} without entity) in {time.perf_counter() - started:.0f} s")  # fmt: skip


if __name__ == "__main__":
    main()

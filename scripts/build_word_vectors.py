"""Learn the neural NER tagger's word vectors from all the unlabelled news.

Every article of the five corpora in ``../shared/data/news/*.jsonl.gz``
(about 18 million tokens) is read as the lookup keys
(:func:`toolkit.text.forms.key`) of its tokens, one sentence a line, cached
in ``--keys`` (``build/news-keys.txt``; rerun with the cache kept). A
skip-gram word2vec (gensim: ``--dim`` dimensions, window 3, 10 negative
samples, 5 epochs, words seen at least 5 times; one worker thread and a fixed
seed, so reruns give the same vectors) then learns a vector per key, and the
``--words`` most frequent keys' vectors, scaled to unit root mean square, are
written as float16 with their words to ``--out``
(``build/word-vectors.npz``: arrays ``words`` and ``vectors``), which
``scripts/train_neural_ner.py --vectors`` reads and copies into the model
file.

Needs gensim (training environment only; the package never imports it)::

    python scripts/build_word_vectors.py [--data ../shared/data] [--dim 100] [--words 50000]
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

import numpy as np

from toolkit.text.forms import key
from toolkit.text.tokenize import iter_tokens, sentence_spans

ROOT = Path(__file__).resolve().parents[1]
SEED = 20263


def write_keys(data: Path, out: Path) -> int:
    """Write every news sentence as its tokens' keys, one sentence a line; the token count."""
    total = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(".partial")
    with partial.open("w", encoding="utf-8") as lines:
        for path in sorted((data / "news").glob("*.jsonl.gz")):
            with gzip.open(path, "rt", encoding="utf-8") as records:
                for record in records:
                    text = json.loads(record).get("text") or ""
                    tokens = list(iter_tokens(text))
                    position = 0
                    for _, end in sentence_spans(text, tokens=tokens):
                        first = position
                        while position < len(tokens) and tokens[position].start < end:
                            position += 1
                        keys = [key(t.token) for t in tokens[first:position]]
                        keys = [k for k in keys if k and not k.isspace()]
                        if keys:
                            lines.write(" ".join(keys) + "\n")
                            total += len(keys)
            print(f"{path.name}: {total:,} tokens so far", flush=True)
    partial.rename(out)
    return total


class Sentences:
    """The cached key sentences, re-read on every pass (gensim iterates several times)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __iter__(self):
        with self.path.open(encoding="utf-8") as lines:
            for line in lines:
                yield line.split()


def main() -> None:
    from gensim.models import Word2Vec

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--keys", type=Path, default=ROOT / "build" / "news-keys.txt")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "word-vectors.npz")
    parser.add_argument("--dim", type=int, default=100)
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--epochs", type=int, default=5)
    args = parser.parse_args()

    started = time.perf_counter()
    if not args.keys.exists():
        print(f"{write_keys(args.data, args.keys):,} tokens written to {args.keys}")
    print(f"keys ready ({time.perf_counter() - started:.0f} s)", flush=True)
    model = Word2Vec(
        Sentences(args.keys), vector_size=args.dim, window=3, min_count=5, sg=1, negative=10,
        epochs=args.epochs, workers=1, seed=SEED, max_vocab_size=None,
    )  # fmt: skip
    words = model.wv.index_to_key[: args.words]  # most frequent first
    vectors = model.wv.vectors[: len(words)].astype(np.float64)
    vectors /= np.sqrt(np.mean(vectors**2))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez(args.out, words=np.array(words), vectors=vectors.astype(np.float16))
    print(f"wrote {args.out}: {len(words):,} words x {args.dim} "
          f"({time.perf_counter() - started:.0f} s)")  # fmt: skip


if __name__ == "__main__":
    main()

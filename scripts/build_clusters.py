"""Learn word clusters from unlabelled news, for the NER model's features.

Method: count word/context co-occurrences (±2 tokens) over the lookup keys
(:func:`toolkit.text.forms.key`) of the Arabic words in the news corpora,
weight them by positive PMI (context distribution smoothed with α = 0.75),
reduce to 100 dimensions by truncated SVD, and group the unit-normalised
vectors with k-means at two granularities (100 and 400
clusters). The 25 strongest dimensions of the 20,000 most frequent words are
also saved (float16); the CRF reads them as binarised features
(:mod:`toolkit.entities.features`). Fixed seeds, so reruns give
the same clusters.

Usage::

    python scripts/build_clusters.py [--data ../shared/data]
                                     [--out toolkit/data/ner/clusters.tsv.gz]
                                     [--vectors toolkit/data/ner/vectors.npy]
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.cluster.vq import kmeans2
from scipy.sparse.linalg import svds

from toolkit.text.forms import key
from toolkit.text.tokenize import iter_tokens

ROOT = Path(__file__).resolve().parents[1]
NEWS_FILES = ("news/saudinewsnet-2015.jsonl.gz", "news/moroccan-febrayer-yabiladi.jsonl.gz")
WINDOW = 2
VOCAB_SIZE = 40_000
CONTEXT_SIZE = 10_000
MIN_COUNT = 5
DIMENSIONS = 100
GRANULARITIES = (100, 400)
SEED = 20260
SHIPPED_WORDS = 20_000
SHIPPED_DIMENSIONS = 25


def iter_documents(data: Path):
    """Yield the key sequence of every non-empty news article."""
    for name in NEWS_FILES:
        with gzip.open(data / name, "rt", encoding="utf-8") as lines:
            for line in lines:
                text = json.loads(line).get("text") or ""
                keys = [key(t.token) for t in iter_tokens(text) if t.kind == "arabic"]
                if keys:
                    yield keys


def cooccurrence_counts(documents, vocab: dict[str, int], contexts: dict[str, int]):
    """Sparse word x context counts within ±WINDOW tokens."""
    total = sparse.csr_matrix((len(vocab), len(contexts)), dtype=np.float64)
    rows, cols = [], []
    for n, doc in enumerate(documents, 1):
        words = np.array([vocab.get(w, -1) for w in doc])
        ctx = np.array([contexts.get(w, -1) for w in doc])
        for offset in range(1, WINDOW + 1):
            for a, b in ((words[:-offset], ctx[offset:]), (words[offset:], ctx[:-offset])):
                keep = (a >= 0) & (b >= 0)
                rows.append(a[keep])
                cols.append(b[keep])
        if n % 2000 == 0:
            total = total + _to_matrix(rows, cols, total.shape)
            rows, cols = [], []
    return total + _to_matrix(rows, cols, total.shape)


def _to_matrix(rows, cols, shape):
    if not rows:
        return sparse.csr_matrix(shape, dtype=np.float64)
    r, c = np.concatenate(rows), np.concatenate(cols)
    return sparse.coo_matrix((np.ones(len(r)), (r, c)), shape=shape).tocsr()


def ppmi(counts: sparse.csr_matrix, alpha: float = 0.75) -> sparse.csr_matrix:
    """Positive pointwise mutual information with smoothed context probabilities."""
    counts = counts.tocoo()
    total = counts.sum()
    word_p = np.asarray(counts.sum(axis=1)).ravel() / total
    ctx_mass = np.asarray(counts.sum(axis=0)).ravel() ** alpha
    ctx_p = ctx_mass / ctx_mass.sum()
    values = np.log(counts.data / total / (word_p[counts.row] * ctx_p[counts.col]))
    keep = values > 0
    return sparse.csr_matrix(
        (values[keep], (counts.row[keep], counts.col[keep])), shape=counts.shape
    )


def compact_vectors(vectors: np.ndarray) -> np.ndarray:
    """The shipped vectors, float16: the SHIPPED_DIMENSIONS strongest dimensions
    (largest root mean square) of the SHIPPED_WORDS most frequent words, scaled
    to unit root mean square (rows follow the order of the clusters file)."""
    strongest = np.argsort(-np.sqrt(np.mean(vectors**2, axis=0)), kind="stable")
    top = vectors[:SHIPPED_WORDS, strongest[:SHIPPED_DIMENSIONS]]
    return (top / np.sqrt(np.mean(top**2))).astype(np.float16)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "toolkit/data/ner/clusters.tsv.gz")
    parser.add_argument("--vectors", type=Path, default=ROOT / "toolkit/data/ner/vectors.npy")
    args = parser.parse_args()

    frequencies = Counter()
    for doc in iter_documents(args.data):
        frequencies.update(doc)
    ranked = [w for w, c in frequencies.most_common(VOCAB_SIZE) if c >= MIN_COUNT]
    vocab = {w: i for i, w in enumerate(ranked)}
    contexts = {w: i for i, w in enumerate(ranked[:CONTEXT_SIZE])}
    print(f"{sum(frequencies.values()):,} tokens, {len(frequencies):,} types, vocab {len(vocab):,}")

    matrix = ppmi(cooccurrence_counts(iter_documents(args.data), vocab, contexts))
    u, s, _ = svds(matrix, k=DIMENSIONS, random_state=SEED)
    vectors = u * np.sqrt(s)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-12

    np.save(args.vectors, compact_vectors(vectors))
    labels = []
    for k in GRANULARITIES:
        _, assignment = kmeans2(vectors, k, minit="++", seed=SEED, iter=25)
        labels.append(assignment)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("word\t" + "\t".join(f"c{k}" for k in GRANULARITIES) + "\n")
        for word, index in vocab.items():
            out.write(word + "".join(f"\t{lab[index]}" for lab in labels) + "\n")
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()

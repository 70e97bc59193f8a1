"""Topic coherence (NPMI on held-apart documents): readable terms vs raw whitespace tokens.

The corpus (SaudiNewsNet by default) is split at random (seed 0) into a
training part (80%) and a held-apart part (20%). The same model
(:func:`toolkit.documents.topics.fit_topics`: NMF on sublinear tf-idf, or
LDA; same ``n_topics``, ``min_df=5``, ``max_df=0.5``, ``random_state``) is
fitted on the training part twice:

- *readable*: the toolkit's readable terms (clitics removed with evidence,
  hamza unified), stop words removed;
- *raw*: ``text.split()`` tokens as written (punctuation attached, no
  normalisation), a token dropped when it is, as written, in the same stop
  list (which lists clitic-attached stop words too).

Coherence of each topic is the mean NPMI of all pairs of its ``top`` terms,
with probabilities from document co-occurrence in the held-apart part, each
model read in its own units (a pair never seen together scores -1). The
clitic evidence of the readable terms is the whole corpus's words.

    PYTHONPATH=. python scripts/evaluate_topics.py [--method nmf|lda] [--limit N]
"""

from __future__ import annotations

import argparse
import time
import warnings
from itertools import combinations
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix

from toolkit.corpus import load_corpus
from toolkit.documents.topics import fit_topics
from toolkit.terms.matrix import TermMatrix, term_matrix
from toolkit.text.stopwords import stopword_set

DEFAULT = Path(__file__).resolve().parents[2] / "shared/data/news/saudinewsnet-2015.jsonl.gz"


def npmi(binary: csr_matrix, columns: list[int]) -> float:
    """Mean NPMI of all pairs of ``columns`` over the rows (documents) of ``binary``."""
    n = binary.shape[0]
    sub = binary[:, columns].astype(np.float64)
    joint = (sub.T @ sub).toarray() / n
    single = np.diag(joint)
    scores = []
    for i, j in combinations(range(len(columns)), 2):
        p_ij = joint[i, j]
        if p_ij == 0:
            scores.append(-1.0)
        elif p_ij == 1:
            scores.append(1.0)
        else:
            scores.append(np.log(p_ij / (single[i] * single[j])) / -np.log(p_ij))
    return float(np.mean(scores))


def raw_matrix(texts: list[str], stop: frozenset[str]) -> tuple[csr_matrix, list[str]]:
    from sklearn.feature_extraction.text import CountVectorizer

    vectorizer = CountVectorizer(tokenizer=str.split, token_pattern=None, lowercase=False)
    counts = vectorizer.fit_transform(texts)
    vocabulary = vectorizer.get_feature_names_out().tolist()
    kept = [i for i, word in enumerate(vocabulary) if word not in stop]
    return counts[:, kept].tocsr(), [vocabulary[i] for i in kept]


def coherence(full: TermMatrix, train: np.ndarray, held: np.ndarray, args) -> tuple:
    """Fit on the ``train`` rows (pruned there), score on the ``held`` rows."""
    part = TermMatrix(full.matrix[train], full.doc_ids[train], full.terms,
                      full.n_tokens[train], full.evidence).prune(min_df=5, max_df=0.5)  # fmt: skip
    start = time.perf_counter()
    model = fit_topics(part, n_topics=args.n_topics, method=args.method, top=args.top,
                       random_state=0)  # fmt: skip
    seconds = time.perf_counter() - start
    column = {term: i for i, term in enumerate(full.terms)}
    binary = (full.matrix[held] > 0).astype(np.int8).tocsr()
    scores = [npmi(binary, [column[t] for t in rows["term"]])
              for _, rows in model.terms.groupby("topic")]  # fmt: skip
    return scores, model, seconds, part.matrix.shape[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--method", default="nmf", choices=["nmf", "lda"])
    parser.add_argument("--n-topics", type=int, default=10)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--limit", type=int, default=None, help="first N documents only")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    corpus = load_corpus(args.path)
    corpus = corpus[corpus["text"].str.strip().astype(bool)].reset_index(drop=True)
    if args.limit:
        corpus = corpus.iloc[: args.limit]
    order = np.random.default_rng(0).permutation(len(corpus))
    cut = int(0.8 * len(corpus))
    train, held = np.sort(order[:cut]), np.sort(order[cut:])
    print(f"{len(corpus):,} documents: {len(train):,} to fit, {len(held):,} held apart; "
          f"{args.method}, {args.n_topics} topics, NPMI of the top {args.top} terms")  # fmt: skip

    readable = term_matrix(corpus)
    counts, words = raw_matrix(corpus["text"].tolist(), stopword_set())
    raw = TermMatrix(counts, readable.doc_ids, words, readable.n_tokens, readable.evidence)
    results = {}
    for name, full in (("readable terms", readable), ("raw whitespace tokens", raw)):
        scores, model, seconds, vocabulary = coherence(full, train, held, args)
        results[name] = scores
        print(f"\n{name}: vocabulary {vocabulary:,} terms, fit {seconds:.1f} s")
        for (topic, rows), score in zip(model.terms.groupby("topic"), scores, strict=True):
            print(f"  {topic:2d}  {score:+.3f}  {' '.join(rows['term'])}")
    print("\n| units | mean NPMI | median | topics > 0 |")
    print("|---|---|---|---|")
    for name, scores in results.items():
        print(f"| {name} | {np.mean(scores):+.3f} | {np.median(scores):+.3f} | "
              f"{sum(s > 0 for s in scores)}/{len(scores)} |")  # fmt: skip


if __name__ == "__main__":
    main()

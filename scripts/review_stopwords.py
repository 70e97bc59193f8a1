"""Candidates for the stop list from corpus evidence: words every news source uses everywhere.

For each corpus in ``../shared/data/news/`` the first ``--docs`` articles are read
and every term's document frequency (share of articles using it, clitics removed)
is computed. A word that is in at least ``--min-df`` of the articles of *every*
corpus, Saudi, Moroccan, Tunisian, pan-Arab and Darija alike, carries no topic of
its own: it is a function word, a discourse connector or a formula. The script
lists such words that the stop list does not yet hold, most evenly spread first;
a person then decides which are function words (``بالنسبة``، ``بالتالي``) and
which are news content that analysts count (``الأمن``، ``رئيس``، ``حكومة``).

Usage::

    python scripts/review_stopwords.py [--docs 2000] [--min-df 0.02] [--top 150]
"""

from __future__ import annotations

import argparse
from itertools import islice
from pathlib import Path

import pandas as pd

import toolkit as tk
from toolkit.text.stopwords import is_stopword

NEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news"


def document_frequencies(path: Path, docs: int) -> pd.Series:
    """Share of the first ``docs`` articles of ``path`` that use each term (stop words kept)."""
    corpus = pd.concat(islice(tk.iter_corpus(path, chunksize=500, progress=False), -(-docs // 500)))
    corpus = corpus.head(docs)
    freqs = tk.term_frequencies(corpus, stopwords=False, progress=False)
    return freqs.set_index("term")["doc_freq"] / len(corpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--min-df", type=float, default=0.02)
    parser.add_argument("--top", type=int, default=150)
    args = parser.parse_args()
    table = pd.DataFrame(
        {path.name.split(".")[0]: document_frequencies(path, args.docs)
         for path in sorted(NEWS.glob("*.jsonl.gz"))}
    ).fillna(0.0)  # fmt: skip
    table["min_df"] = table.min(axis=1)
    candidates = table[(table["min_df"] >= args.min_df) & ~table.index.map(is_stopword)]
    candidates = candidates.sort_values("min_df", ascending=False).head(args.top)
    with pd.option_context("display.max_rows", None, "display.width", 200):
        print((100 * candidates).round(1).to_string())


if __name__ == "__main__":
    main()

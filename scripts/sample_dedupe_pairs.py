"""Draw the document pairs of the near-duplicate labelled set (before labelling by hand).

Pairs come from strata that do not all depend on the method under test:
same-day pairs by TF-IDF cosine of normalised words (high: copies and
rewrites; middle: same-topic different stories), identical texts, and pairs
that the shingle verification scored (near and above the threshold). Writes a TSV of
candidate pairs with their shared-text share (difflib word alignment,
independent of the shingles); ``labels`` are then added by reading both texts.

    python scripts/sample_dedupe_pairs.py > /tmp/candidates.tsv
"""

from __future__ import annotations

import difflib
import hashlib
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

import toolkit as tk
from toolkit.dedupe.clusters import _similarities
from toolkit.dedupe.signatures import Signatures, sign_chunk

NEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news"
SAUDI, MOROCCAN = "saudinewsnet-2015", "moroccan-febrayer-yabiladi"


def words(text: str) -> list[str]:
    return tk.normalize(text, teh_marbuta=True).split()


def shared_text(a: str, b: str) -> float:
    """Share of the shorter text's words aligned with the other text (difflib blocks)."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    matcher = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / min(len(wa), len(wb))


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:12]


def cosine_pairs(corpus: pd.DataFrame, group: pd.Series) -> pd.DataFrame:
    """All pairs of documents of the same group with their TF-IDF cosine (>= 0.15)."""
    rows = []
    for _, docs in corpus.groupby(group):
        if len(docs) < 2:
            continue
        matrix = TfidfVectorizer(preprocessor=lambda t: tk.normalize(t, teh_marbuta=True),
                                 min_df=1).fit_transform(docs["text"])  # fmt: skip
        sims = (matrix @ matrix.T).tocoo()
        keep = (sims.row < sims.col) & (sims.data >= 0.15)
        ids = docs["doc_id"].to_numpy()
        rows += list(zip(ids[sims.row[keep]], ids[sims.col[keep]], sims.data[keep]))
    return pd.DataFrame(rows, columns=["doc_a", "doc_b", "cosine"])


def shingle_sims(corpus: pd.DataFrame, pairs: pd.DataFrame) -> np.ndarray:
    sigs = Signatures.concat([sign_chunk(corpus)])
    index = {doc: i for i, doc in enumerate(sigs.doc_id)}
    docs = np.arange(len(sigs.doc_id))
    both = np.array([[index[a], index[b]] for a, b in zip(pairs.doc_a, pairs.doc_b)])
    return _similarities(sigs, docs, both.reshape(-1, 2))


def main() -> None:
    rng = np.random.default_rng(18)
    saudi = tk.load_corpus(NEWS / f"{SAUDI}.jsonl.gz")
    saudi = saudi[saudi["text"].str.len() > 200].reset_index(drop=True)
    moroccan = tk.load_corpus(NEWS / f"{MOROCCAN}.jsonl.gz")
    moroccan = moroccan[moroccan["text"].str.len() > 200].reset_index(drop=True)
    frames = []
    # Saudi: same-day pairs by cosine
    pairs = cosine_pairs(saudi, saudi["date"].dt.date)
    pairs["shingle"] = shingle_sims(saudi, pairs)
    texts = dict(zip(saudi.doc_id, saudi.text))
    exact = pairs[[texts[a] == texts[b] for a, b in zip(pairs.doc_a, pairs.doc_b)]]
    rest = pairs.drop(exact.index)
    strata = {
        "exact": exact,
        "cosine>=0.5": rest[rest.cosine >= 0.5],
        "cosine 0.25-0.5": rest[(rest.cosine >= 0.25) & (rest.cosine < 0.5)],
        "shingle>=0.8": rest[rest.shingle >= 0.8],
        "shingle 0.4-0.8": rest[(rest.shingle >= 0.4) & (rest.shingle < 0.8)],
    }
    sizes = {"exact": 40, "cosine>=0.5": 80, "cosine 0.25-0.5": 60, "shingle>=0.8": 40,
             "shingle 0.4-0.8": 40}  # fmt: skip
    taken: set[tuple[str, str]] = set()
    for name, frame in strata.items():
        frame = frame[[(a, b) not in taken for a, b in zip(frame.doc_a, frame.doc_b)]]
        chosen = frame.iloc[rng.permutation(len(frame))[: sizes[name]]]
        taken.update(zip(chosen.doc_a, chosen.doc_b))
        frames.append(chosen.assign(corpus=SAUDI, stratum=name))
    # Moroccan (undated): the most similar pairs by cosine, all documents together
    pairs = cosine_pairs(moroccan, pd.Series(0, index=moroccan.index))
    pairs["shingle"] = shingle_sims(moroccan, pairs)
    top = pairs.sort_values("cosine", ascending=False).head(25)
    middle = pairs[(pairs.cosine >= 0.3) & ~pairs.index.isin(top.index)]
    middle = middle.iloc[rng.permutation(len(middle))[:25]]
    frames += [top.assign(corpus=MOROCCAN, stratum="cosine top"),
               middle.assign(corpus=MOROCCAN, stratum="cosine>=0.3")]  # fmt: skip
    table = pd.concat(frames, ignore_index=True)
    texts.update(zip(moroccan.doc_id, moroccan.text))
    table["sha_a"] = [text_hash(texts[d]) for d in table.doc_a]
    table["sha_b"] = [text_hash(texts[d]) for d in table.doc_b]
    table["shared_text"] = [round(shared_text(texts[a], texts[b]), 3)
                            for a, b in zip(table.doc_a, table.doc_b)]  # fmt: skip
    columns = ["corpus", "doc_a", "doc_b", "sha_a", "sha_b", "stratum", "cosine", "shingle",
               "shared_text"]  # fmt: skip
    table[columns].round(3).to_csv(sys.stdout, sep="\t", index=False)


if __name__ == "__main__":
    main()

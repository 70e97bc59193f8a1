"""Reduce step of near-duplicate search: LSH candidates, exact verification, clusters.

1. Documents with the same shingle set (exact copies, up to normalisation)
   are collapsed into one *text* first, so a story republished 50 times is
   compared once.
2. LSH: texts whose MinHash values agree on all ``ROWS`` values of at least
   one of ``BANDS`` bands are candidates. With 42 bands of 3 rows, a pair is
   a candidate with probability 1 - (1 - J**3)**42: 0.87 at Jaccard 0.36
   (a text 80% contained in one twice its size), 0.99 at 0.5, 0.04 at 0.1.
3. Each candidate pair is verified exactly on the shingle sets: its
   similarity is the larger of Jaccard and containment (shared shingles over
   the smaller set, counted only when that set has at least
   ``MIN_CONTAINED`` shingles, so a one-line text is not "contained" in every
   article that quotes it).
4. Clusters are stars, not connected components: documents are taken in
   order of representative priority (earliest date, then longest, then
   ``doc_id``); each one not yet in a cluster becomes a representative and
   takes every unclustered document similar to it. Every member is thus
   similar to its representative itself; containment cannot chain two
   different wire stories through a round-up that quotes both.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from toolkit.dedupe.signatures import BANDS, ROWS, Signatures

__all__ = ["DUPLICATE_COLUMNS", "MIN_CONTAINED", "cluster"]

DUPLICATE_COLUMNS = ["doc_id", "cluster_id", "representative", "similarity"]
#: Containment counts only for texts of at least this many distinct shingles.
MIN_CONTAINED = 20
_MAX_BUCKET = 200  # pairs farther apart in one LSH bucket than this are not candidates


def _texts(sigs: Signatures) -> tuple[np.ndarray, np.ndarray]:
    """``(text of each document, first document of each text)``: equal shingle sets merge."""
    shingles, indptr = sigs.shingles, sigs.indptr
    digests = [hashlib.blake2b(shingles[indptr[i] : indptr[i + 1]].tobytes(), digest_size=16)
               .digest() for i in range(len(indptr) - 1)]  # fmt: skip
    text_of, _ = pd.factorize(pd.Series(digests, dtype=object))
    first = np.full(text_of.max(initial=-1) + 1, -1)
    first[text_of[::-1]] = np.arange(len(text_of))[::-1]
    return text_of.astype(np.int64), first


def _candidates(minhash: np.ndarray) -> np.ndarray:
    """Pairs ``(i, j)``, ``i < j``, of rows that agree on a whole band."""
    n = len(minhash)
    found = []
    for band in range(BANDS):
        rows = minhash[:, band * ROWS : (band + 1) * ROWS].astype(np.uint64)
        key = rows[:, 0] | (rows[:, 1] << np.uint64(32))
        with np.errstate(over="ignore"):
            for j in range(2, ROWS):
                key = key * np.uint64(0x9E3779B97F4A7C15) + rows[:, j]
        order = np.argsort(key, kind="stable")
        key = key[order]
        for offset in range(1, _MAX_BUCKET):
            same = np.flatnonzero(key[offset:] == key[:-offset])
            if not len(same):
                break
            a, b = order[same], order[same + offset]
            found.append(np.minimum(a, b) * n + np.maximum(a, b))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.unique(np.concatenate(found))
    return np.stack(np.divmod(pairs, n), axis=1)


def _similarities(sigs: Signatures, docs: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """max(Jaccard, containment) of each pair of documents, from their shingle sets."""
    shingles, indptr, sizes = sigs.shingles, sigs.indptr, sigs.sizes
    result = np.zeros(len(pairs))
    for k, (i, j) in enumerate(docs[pairs]):
        a = shingles[indptr[i] : indptr[i + 1]]
        b = shingles[indptr[j] : indptr[j + 1]]
        shared = len(np.intersect1d(a, b, assume_unique=True))
        smaller = min(sizes[i], sizes[j])
        jaccard = shared / (sizes[i] + sizes[j] - shared)
        result[k] = max(jaccard, shared / smaller) if smaller >= MIN_CONTAINED else jaccard
    return result


def _priority(sigs: Signatures) -> np.ndarray:
    """Documents in representative order: dated first, earliest, longest, then doc_id."""
    dates = sigs.date.astype("datetime64[ns]").astype(np.int64)
    undated = np.isnat(sigs.date)
    dates = np.where(undated, np.iinfo(np.int64).max, dates)
    return np.lexsort((sigs.doc_id.astype(str), -sigs.length, dates))


def cluster(sigs: Signatures, *, threshold: float) -> pd.DataFrame:
    """Star clusters of the documents whose similarity reaches ``threshold`` (see module)."""
    text_of, first = _texts(sigs)
    texts = first[sigs.sizes[first] > 0]  # documents standing for texts with shingles
    pairs = _candidates(sigs.minhash[texts])
    similarity = _similarities(sigs, texts, pairs)
    keep = similarity >= threshold
    pairs, similarity = texts[pairs[keep]], similarity[keep]
    # similar texts -> similar documents: every copy of either text
    neighbours: dict[int, dict[int, float]] = {}
    for (a, b), value in zip(text_of[pairs], similarity):
        neighbours.setdefault(a, {})[b] = value
        neighbours.setdefault(b, {})[a] = value
    members: dict[int, list[int]] = {}
    for doc, text in enumerate(text_of):
        if sigs.sizes[doc] > 0:
            members.setdefault(text, []).append(doc)
    assigned = np.full(len(text_of), -1)
    rows = []
    for doc in _priority(sigs):
        text = text_of[doc]
        if assigned[doc] >= 0 or sigs.sizes[doc] == 0:
            continue
        found = [(other, 1.0) for other in members[text] if other != doc and assigned[other] < 0]
        for other_text, value in neighbours.get(text, {}).items():
            found += [(other, value) for other in members[other_text] if assigned[other] < 0]
        if not found:
            continue
        assigned[doc] = doc
        rows.append((doc, doc, 1.0))
        for other, value in found:
            assigned[other] = doc
            rows.append((other, doc, value))
    return _table(sigs, rows)


def _table(sigs: Signatures, rows: list[tuple[int, int, float]]) -> pd.DataFrame:
    if not rows:
        return pd.DataFrame({"doc_id": pd.Series(dtype=object), "cluster_id": pd.Series(dtype=int),
                             "representative": pd.Series(dtype=object),
                             "similarity": pd.Series(dtype=float)})  # fmt: skip
    doc, rep, similarity = (np.array(column) for column in zip(*rows))
    rank = np.empty(len(sigs.doc_id), dtype=np.int64)
    rank[_priority(sigs)] = np.arange(len(sigs.doc_id))
    frame = pd.DataFrame({"doc": doc, "rep": rep, "similarity": similarity})
    size = frame.groupby("rep")["doc"].transform("size")
    frame = frame.assign(size=-size, rep_rank=rank[rep], is_rep=doc != rep, rank=rank[doc])
    frame = frame.sort_values(["size", "rep_rank", "is_rep", "rank"], ignore_index=True)
    frame["cluster_id"] = pd.factorize(frame["rep"])[0]
    return pd.DataFrame({
        "doc_id": sigs.doc_id[frame["doc"]],
        "cluster_id": frame["cluster_id"].astype(np.int64),
        "representative": sigs.doc_id[frame["rep"]],
        "similarity": frame["similarity"].round(4),
    })  # fmt: skip

"""Reduce step of near-duplicate search: candidate pairs, exact verification, clusters.

1. Documents with the same shingle set (exact copies, up to normalisation)
   are collapsed into one *text* first, so a story republished 50 times is
   compared once.
2. Candidates by prefix filtering (Bayardo et al., "Scaling up all pairs
   similarity search", 2007), on containment: every pair that can reach
   ``threshold`` is a candidate, none is left to chance. MinHash LSH bands
   were used before; they estimate Jaccard, and a wire item inside an
   article three times its size has a Jaccard of 0.3 or less whatever its
   containment, so LSH missed such copies (all four missed copies of the
   tuning pairs were of this kind). Prefix filtering is also cheaper here
   than computing 126 MinHash values per shingle.
3. Each candidate pair is verified exactly on the shingle sets: its
   similarity is the larger of Jaccard and containment (shared shingles over
   the smaller set, counted only when that set has at least
   ``MIN_CONTAINED`` shingles, so a one-line text is not "contained" in every
   article that quotes it).
4. Clusters grow from representatives: documents are taken in order of
   representative priority (earliest date, then longest, then ``doc_id``);
   each one not yet in a cluster starts one and takes, step by step, every
   unclustered document similar to a member, provided it is also at least
   ``_LINK * threshold`` similar to the representative itself. Plain
   connected components chain: a round-up quoting two wire stories joins
   them, and template items (congratulation cables, audiences) link
   through each other; stars (each member similar to the representative)
   miss copies of copies. On the tuning pairs, components merged 3 of 72
   different stories and stars missed 10% of the copies; this rule does
   neither (see ``scripts/evaluate_dedupe.py``). A round-up that carries
   several wire items contains each of them, so as a representative it
   would take them all: the texts that join only by being contained in the
   representative (its *parts*: smaller, Jaccard below the floor) must also
   be ``_PART * threshold`` similar to each other. Two cuts of one release
   overlap (0.56 on a tuning pair), two items of a round-up hardly at all;
   on the whole of SaudiNewsNet this brings the clusters with two members
   less than 0.5 similar from 100 to 39 (67 with LSH candidates).
5. With ``days`` (default 2 in :func:`toolkit.near_duplicates`), a copy must
   be dated within that many days of the representative: on the whole of
   SaudiNewsNet, without it, template items (congratulation cables to a
   different head of state each day, the daily relief flight to Aden) chained
   across weeks into clusters of 30; 93% of members are within a day of
   their representative anyway.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from toolkit.dedupe.signatures import Signatures

__all__ = ["DUPLICATE_COLUMNS", "MIN_CONTAINED", "cluster"]

DUPLICATE_COLUMNS = ["doc_id", "cluster_id", "representative", "similarity"]
#: Containment counts only for texts of at least this many distinct shingles.
MIN_CONTAINED = 20
#: A document joins a cluster through any similar member, if it is at least this share of
#: ``threshold`` similar to the representative (1 would be a star, 0 connected components).
_LINK = 0.85
#: Texts that join a cluster by being contained in its representative must be at least this
#: share of ``threshold`` similar to each other (two wire items of one round-up share nothing).
_PART = 0.5


def _texts(sigs: Signatures) -> tuple[np.ndarray, np.ndarray]:
    """``(text of each document, first document of each text)``: equal shingle sets merge."""
    shingles, indptr = sigs.shingles, sigs.indptr
    digests = [hashlib.blake2b(shingles[indptr[i] : indptr[i + 1]].tobytes(), digest_size=16)
               .digest() for i in range(len(indptr) - 1)]  # fmt: skip
    text_of, _ = pd.factorize(pd.Series(digests, dtype=object))
    first = np.full(text_of.max(initial=-1) + 1, -1)
    first[text_of[::-1]] = np.arange(len(text_of))[::-1]
    return text_of.astype(np.int64), first


def _candidates(sigs: Signatures, texts: np.ndarray, threshold: float) -> np.ndarray:
    """Pairs ``(i, j)``, ``i < j``, of ``texts`` (increasing document rows, their positions
    here) that may reach ``threshold``.

    Prefix filtering: a text ``A`` is ``threshold`` contained in ``B`` only
    if ``B`` holds one of the ``|A| - ceil(threshold |A|) + 1`` rarest
    shingles of ``A`` (any set of that many shingles of ``A`` has one in
    ``B``). Rarest first keeps the lists short; ``B`` is paired with ``A``
    only if it is at least as big, since a smaller ``B`` finds ``A`` itself.
    Jaccard >= ``threshold`` implies containment >= ``threshold``, so no
    pair that could reach it is missed.
    """
    n, sizes = len(texts), sigs.sizes[texts]
    offsets = np.cumsum(sizes) - sizes
    order = np.argsort(sigs.shingles)  # shingle ids over all documents, then the texts'
    new = np.ones(len(order), dtype=bool)
    new[1:] = sigs.shingles[order[1:]] != sigs.shingles[order[:-1]]
    shingle_id = np.empty(len(order), dtype=np.int32)
    shingle_id[order] = np.cumsum(new, dtype=np.int32) - 1
    del order, new
    is_text = np.zeros(len(sigs.sizes), dtype=bool)
    is_text[texts] = True  # texts are in document order
    shingle_id = shingle_id[np.repeat(is_text, sigs.sizes)]
    frequency = np.bincount(shingle_id)
    rank = np.empty(len(frequency), dtype=np.int64)  # rarest first
    rank[np.argsort(frequency, kind="stable")] = np.arange(len(frequency))
    # each text's shingles by rarity: text * len(frequency) + rank
    rarest = rank[shingle_id]
    del shingle_id
    rarest += np.repeat(np.arange(n, dtype=np.int64) * len(frequency), sizes)
    rarest.sort()
    by_rank = np.argsort(rarest % len(frequency), kind="stable")
    postings = np.repeat(np.arange(n, dtype=np.int32), sizes)[by_rank]  # texts of each rank
    del by_rank
    starts = np.concatenate(([0], np.cumsum(np.sort(frequency))))
    prefix = sizes - np.ceil(threshold * sizes - 1e-9).astype(np.int64) + 1
    inside = np.arange(len(rarest)) - np.repeat(offsets, sizes)  # position in the text
    a, r = np.divmod(rarest[inside < np.repeat(prefix, sizes)], len(frequency))
    del rarest, inside
    count = starts[r + 1] - starts[r]
    first = np.repeat(starts[r] - np.cumsum(count) + count, count) + np.arange(count.sum())
    a, b = np.repeat(a, count), postings[first]
    keep = (sizes[b] > sizes[a]) | ((sizes[b] == sizes[a]) & (b > a))
    pairs = np.unique(a[keep] * n + b[keep])
    a, b = np.divmod(pairs, n)
    return np.stack((np.minimum(a, b), np.maximum(a, b)), axis=1)


def _similarity(sigs: Signatures, i: int, j: int) -> float:
    """max(Jaccard, containment) of documents ``i`` and ``j``, from their shingle sets."""
    a = sigs.shingles[sigs.indptr[i] : sigs.indptr[i + 1]]
    b = sigs.shingles[sigs.indptr[j] : sigs.indptr[j + 1]]
    shared = len(np.intersect1d(a, b, assume_unique=True))
    smaller = min(len(a), len(b))
    jaccard = shared / (len(a) + len(b) - shared)
    return max(jaccard, shared / smaller) if smaller >= MIN_CONTAINED else jaccard


def _jaccard(sigs: Signatures, i: int, j: int) -> float:
    """Jaccard similarity of documents ``i`` and ``j``."""
    a = sigs.shingles[sigs.indptr[i] : sigs.indptr[i + 1]]
    b = sigs.shingles[sigs.indptr[j] : sigs.indptr[j + 1]]
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / (len(a) + len(b) - shared)


def _similarities(sigs: Signatures, docs: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """:func:`_similarity` of each pair of ``docs``."""
    return np.array([_similarity(sigs, i, j) for i, j in docs[pairs]], dtype=float)


def _priority(sigs: Signatures) -> np.ndarray:
    """Documents in representative order: dated first, earliest, longest, then doc_id."""
    dates = sigs.date.astype("datetime64[ns]").astype(np.int64)
    undated = np.isnat(sigs.date)
    dates = np.where(undated, np.iinfo(np.int64).max, dates)
    return np.lexsort((sigs.doc_id.astype(str), -sigs.length, dates))


def cluster(sigs: Signatures, *, threshold: float, days: int | None = None) -> pd.DataFrame:
    """Clusters of the documents whose similarity reaches ``threshold`` (see module).

    With ``days``, a text joins a cluster only if one of its copies is dated
    within ``days`` days of the representative (undated documents always can).
    """
    text_of, first = _texts(sigs)
    texts = first[sigs.sizes[first] > 0]  # one document standing for each text with shingles
    pairs = _candidates(sigs, texts, threshold)
    similarity = _similarities(sigs, texts, pairs)
    keep = similarity >= threshold
    edges: dict[int, dict[int, float]] = {}
    for (a, b), value in zip(text_of[texts[pairs[keep]]], similarity[keep]):
        edges.setdefault(a, {})[b] = value
        edges.setdefault(b, {})[a] = value
    members: dict[int, list[int]] = {}
    for doc in _priority(sigs):
        if sigs.sizes[doc] > 0:
            members.setdefault(text_of[doc], []).append(doc)
    window = None if days is None else np.timedelta64(days, "D")
    done: set[int] = set()
    rows = []
    for doc in _priority(sigs):
        start = text_of[doc]
        if sigs.sizes[doc] == 0 or start in done:
            continue
        date = sigs.date[doc]

        def near(text: int, date=date) -> bool:
            if window is None or np.isnat(date):
                return True
            return any(np.isnat(d) or abs(d - date) <= window for d in sigs.date[members[text]])

        claimed = _claim(
            sigs, first, edges, done, start, threshold * _LINK, threshold * _PART, near
        )
        done.update(claimed)
        found = [(other, claimed[text]) for text in claimed for other in members[text]]
        if len(found) > 1:
            rows += [(other, doc, value) for other, value in found]
    return _table(sigs, rows)


def _claim(
    sigs, first, edges, done, start: int, floor: float, part: float, near
) -> dict[int, float]:
    """Texts reachable from ``start`` over edges, each ``near`` it in time and at least
    ``floor`` similar to it; the parts of ``start`` (smaller texts it contains, Jaccard
    below ``floor``) must be ``part`` similar to each other: one story, not a round-up's."""
    claimed = {start: 1.0}
    parts: list[int] = []
    frontier = [start]
    while frontier:
        for other in edges.get(frontier.pop(), {}):
            if other in done or other in claimed or not near(other):
                continue
            value = edges[start].get(other) or _similarity(sigs, first[start], first[other])
            if value < floor:
                continue
            if sigs.sizes[first[other]] < sigs.sizes[first[start]] and (
                _jaccard(sigs, first[start], first[other]) < floor
            ):
                if any(_similarity(sigs, first[p], first[other]) < part for p in parts):
                    continue
                parts.append(other)
            claimed[other] = value
            frontier.append(other)
    return claimed


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

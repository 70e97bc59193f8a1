"""Tag many sentences at once with the weights of a crfsuite model, in numpy.

crfsuite trains the model (:mod:`toolkit.entities.training`); for tagging,
handing it about 50 feature strings per token costs more than the Viterbi
search itself. A linear-chain CRF's state score is a sum of feature
weights, so :class:`CrfDecoder` reads the model's weights once and sums them
per *word* instead of per token: each word's own features and what it lends
to its four neighbours (:func:`toolkit.entities.features.sentence_features`)
become five cached score vectors, and a sentence's scores are shifted sums
of them plus its :func:`~toolkit.entities.features.positional_features`. Viterbi then
runs over batches of sentences of similar length. The tags are crfsuite's
(``tests/test_entities_decoding.py`` compares them on real articles).

>>> decoder = CrfDecoder.from_model()
>>> decoder.tag([["زار", "بيني", "غانتس", "الرباط"]])
[['O', 'B-PERS', 'I-PERS', 'B-LOC']]
"""

from __future__ import annotations

from functools import lru_cache
from itertools import repeat
from pathlib import Path

import numpy as np

from toolkit.entities.features import (
    NEAR,
    PAIRS,
    POSITIONS,
    gazetteer_features,
    lent_features,
    token_features,
)
from toolkit.entities.model import MODEL_PATH, load_tagger
from toolkit.entities.word_table import WordTable
from toolkit.text.forms import key

__all__ = ["CrfDecoder", "model_weights"]

#: Sentences decoded together (padded to the longest of the batch).
BATCH = 256
#: Words whose score vectors each decoder keeps (least recently used dropped first;
#: 100,000 vectors of 5 x 9 float64 weigh about 50 MB).
CACHE_WORDS = 100_000
#: Model files whose read-only weights stay loaded (:func:`model_weights`).
CACHE_MODELS = 4


@lru_cache(maxsize=CACHE_MODELS)
def model_weights(path: Path) -> tuple[list[str], dict[str, int], np.ndarray, np.ndarray]:
    """``(labels, feature index, state weights, transitions)`` of a crfsuite model file.

    Read once per file and shared by every decoder: the arrays are read-only
    and nothing writes to the index.
    """
    info = load_tagger(path).info()
    labels = sorted(info.labels, key=lambda label: int(info.labels[label]))
    column = {label: i for i, label in enumerate(labels)}
    transitions = np.zeros((len(labels), len(labels)))
    for (before, after), weight in info.transitions.items():
        transitions[column[before], column[after]] = weight
    index: dict[str, int] = {}
    for attribute, _ in info.state_features:
        index.setdefault(attribute, len(index))
    weights = np.zeros((len(index) + 1, len(labels)))
    for (attribute, label), weight in info.state_features.items():
        weights[index[attribute], column[label]] = weight
    for array in (weights, transitions):
        array.flags.writeable = False
    return labels, index, weights, transitions


class CrfDecoder:
    """Viterbi tagging with a crfsuite model's state and transition weights.

    ``weights`` has one row per feature named in ``index`` (plus a last row
    of zeros) and one column per label; ``transitions[a, b]`` scores label
    ``b`` after label ``a``.
    """

    def __init__(
        self, labels: list[str], index: dict[str, int], weights: np.ndarray,
        transitions: np.ndarray,
    ) -> None:  # fmt: skip
        self.labels, self.index, self.weights = labels, index, weights
        self.transitions = transitions
        #: the features words lend to a neighbour, by position and without its prefix
        #: (``prev1:w=...`` is ``lent["prev1"]["w=..."]``): looked up with the strings of
        #: :func:`~toolkit.entities.features.lent_features`, none built per word
        self.lent: dict[str, dict[str, int]] = {position: {} for _, position in POSITIONS}
        for feature, row in index.items():
            position, colon, lent = feature.partition(":")
            if colon and position in self.lent:
                self.lent[position][lent] = row
        #: the word-pair features by pair of keys (``w-1w=a|b`` is ``pairs["w-1w"][a, b]``;
        #: a feature whose keys hold "|" is filed under every way of cutting it in two)
        self.pairs: dict[str, dict[tuple[str, str], int]] = {name: {} for name, _, _ in PAIRS}
        for feature, row in index.items():
            name, equals, pair = feature.partition("=")
            if equals and name in self.pairs:
                for cut in (at for at, character in enumerate(pair) if character == "|"):
                    self.pairs[name][pair[:cut], pair[cut + 1 :]] = row
        # each word's own scores and what it lends to its neighbours (1 + 4 rows)
        self._words = WordTable(size=CACHE_WORDS, shape=(1 + len(POSITIONS), len(labels)),
                                dtype=weights.dtype)  # fmt: skip

    @classmethod
    def from_model(cls, path: str | Path = MODEL_PATH) -> CrfDecoder:
        """A new decoder of a crfsuite model file.

        The weights are read once per file and shared read-only
        (:func:`model_weights`); the decoder's only state is its own bounded
        memo of word score vectors (:data:`CACHE_WORDS`), so decoders share
        no mutable state.
        """
        return cls(*model_weights(Path(path)))

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        """BIO tags of each sentence (lists of tokens), as crfsuite's ``Tagger.tag`` gives."""
        return self.decode(self.scores_of(sentences))

    def decode(self, scores: list[np.ndarray | None]) -> list[list[str]]:
        """Best tags of each sentence given its state scores (tokens x labels; ``None`` or
        no rows for an empty sentence), with this model's transitions."""
        tags: list[list[str]] = [[] for _ in scores]
        order = sorted((i for i, s in enumerate(scores) if s is not None and len(s)),
                       key=lambda i: len(scores[i]))  # fmt: skip
        names = np.array(self.labels, dtype=object)
        for begin in range(0, len(order), BATCH):
            batch = order[begin : begin + BATCH]
            paths = self._viterbi([scores[i] for i in batch])
            for i, path in zip(batch, paths, strict=True):
                tags[i] = names[path].tolist()
        return tags

    def scores(self, tokens: list[str]) -> np.ndarray:
        """State scores (tokens x labels) of one sentence: the weights of each token's
        features, summed (:meth:`scores_of` for many)."""
        return self.scores_of([tokens])[0]

    def scores_of(self, sentences: list[list[str]]) -> list[np.ndarray]:
        """:meth:`scores` of each sentence, computed for all their tokens at once: one
        table look-up of every token's word scores, shifted sums within each sentence,
        then the sentences' :func:`~toolkit.entities.features.positional_features` (the word
        pairs looked up as pairs of keys, not as strings)."""
        if not sentences:
            return []
        tokens = [token for tokens in sentences for token in tokens]
        lengths = np.fromiter(map(len, sentences), np.int64, len(sentences))
        ends = np.cumsum(lengths)
        table, rows = self._words.rows(tokens, self._compute_word_scores)
        parts = table[rows]
        scores = parts[:, 0].copy()
        sentence = np.repeat(np.arange(len(sentences)), lengths)
        for lent, (offset, _) in enumerate(POSITIONS, 1):
            # token j lends to token j - offset when both are in one sentence
            near = abs(offset)
            same = (sentence[near:] == sentence[:-near])[:, None]
            if offset < 0:
                np.add(scores[near:], parts[:-near, lent], out=scores[near:], where=same)
            else:
                np.add(scores[:-near], parts[near:, lent], out=scores[:-near], where=same)
        keys = list(map(key, tokens))
        index, at, ids = self.index, [], []
        for first, end in zip((ends - lengths).tolist(), ends.tolist(), strict=True):
            for i, feature in gazetteer_features(keys[first:end]):
                row = index.get(feature)
                if row is not None:
                    at.append(first + i)
                    ids.append(row)
        for name, before, after in PAIRS:  # looked up for all tokens at once
            span = after - before
            known = np.fromiter(map(self.pairs[name].get, zip(keys, keys[span:]), repeat(-1)),
                                np.int64, max(len(keys) - span, 0))  # fmt: skip
            found = np.flatnonzero((known >= 0) & (sentence[span:] == sentence[:-span]))
            at.extend((found - before).tolist())  # the pair starting at p: token p - before's
            ids.extend(known[found].tolist())
        if at:  # (each token's features in positional_features' order: the same sums)
            np.add.at(scores, at, self.weights[ids])
        return np.split(scores, ends[:-1])

    def _compute_word_scores(self, tokens: list[str]) -> np.ndarray:
        """words x 5 x labels: each word's own features (with the bias), then what it lends
        at prev2, prev1, next1 and next2 (kept in the decoder's :class:`WordTable`), the
        weights of all of them summed at once."""
        index, lent, zero = self.index, self.lent, len(self.index)  # weights' last row: zeros
        positions = [(lent[position], position in NEAR) for _, position in POSITIONS]
        ids: list[int] = []
        starts: list[int] = []
        for token in tokens:
            word = key(token)
            own, shared = token_features(token, word)
            far, near = lent_features(token, word)
            starts.append(len(ids))
            ids.extend([index[f] for f in ("bias", *own, *shared) if f in index])
            ids.append(zero)  # no group is empty
            for features, is_near in positions:
                starts.append(len(ids))
                ids.extend([features[f] for f in (near if is_near else far) if f in features])
                ids.append(zero)
        scores = np.add.reduceat(self.weights[ids], starts) if ids else self.weights[:0]
        return scores.reshape(len(tokens), 1 + len(POSITIONS), len(self.labels))

    def _viterbi(self, scores: list[np.ndarray]) -> list[np.ndarray]:
        """Best label paths of sentences of any lengths, decoded together."""
        lengths = np.array([len(s) for s in scores])
        width, n_labels = int(lengths.max()), len(self.labels)
        padded = np.zeros((len(scores), width, n_labels))
        for row, sentence in enumerate(scores):
            padded[row, : len(sentence)] = sentence
        best = padded[:, 0].copy()
        back = np.zeros((len(scores), width, n_labels), dtype=np.int16)
        for t in range(1, width):
            going = lengths > t
            candidates = best[going, :, None] + self.transitions  # previous x next label
            back[going, t] = candidates.argmax(axis=1)
            best[going] = candidates.max(axis=1) + padded[going, t]
        label = np.zeros(len(scores), dtype=np.int64)
        path = np.zeros((len(scores), width), dtype=np.int64)
        for t in range(width - 1, -1, -1):
            ending, inside = lengths - 1 == t, lengths - 1 > t
            label[ending] = best[ending].argmax(axis=1)
            if t + 1 < width:
                label[inside] = back[inside, t + 1, label[inside]]
            path[:, t] = label
        return [path[row, :length] for row, length in enumerate(lengths)]

"""A neural NER tagger run with numpy only, and its combination with the CRF.

The model (trained by ``scripts/train_neural_ner.py`` with torch, shipped as
``toolkit/data/ner/ner-neural.npz``) reads each word as its word vector
(skip-gram vectors learned from all the unlabelled news by
``scripts/build_word_vectors.py``), a character CNN over its lookup key (for
names the vectors never saw), and flags (shape, lexicons, news name counts);
a stack of convolutions over the words (width 3; dilations 1, then those of
the model file, 2 and 4 for the shipped one, so each token sees seven words
either side; residual after the first) and a softmax give each token a
distribution over the nine BIO tags.

Everything a word contributes to the first convolution is a function of the
word alone, so it is computed once per word and cached; the sentences of a
batch are then laid end to end (zero gaps between them) and each later layer
is one matrix product. No torch at run time, nothing downloaded.

:func:`combined_tags` adds ``weight`` times the tagger's log-probabilities to
the CRF's state scores (:class:`~toolkit.entities.decoding.CrfDecoder`) and
decodes with the CRF's transitions: a product of the two models. The weight
of each type of tag and a bias per entity type (:data:`COMBINED_WEIGHTS`,
:data:`COMBINED_BIAS`) were tuned by cross-validation
(``scripts/evaluate_neural_ner.py --tune``).

>>> tagger = NeuralTagger.from_file()
>>> tagger.tag([["قال", "الوزير", "ناصر", "بوريطة", "في", "الرباط"]])
[['O', 'O', 'B-PERS', 'I-PERS', 'O', 'B-LOC']]
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from toolkit.entities.decoding import CrfDecoder
from toolkit.entities.features import news_names
from toolkit.entities.gazetteers import DATA_DIR, lexicon
from toolkit.entities.word_table import WordTable
from toolkit.text.forms import bare, clitic_variants, key

__all__ = [
    "COMBINED_BIAS",
    "COMBINED_WEIGHTS",
    "NEURAL_PATH",
    "TAGS",
    "NeuralTagger",
    "combined_tags",
    "word_flags",
    "word_inputs",
]

NEURAL_PATH = DATA_DIR / "ner-neural.npz"
TAGS = ("O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")
#: Weight of the tagger's log-probabilities next to the CRF's scores in :func:`combined_tags`,
#: per type of tag ("O", or the entity type of a B-/I- tag), and a bias added to the
#: tags of each entity type: chosen together by cross-validation on ANERcorp's train
#: file (``scripts/evaluate_neural_ner.py --tune``).
COMBINED_WEIGHTS = {"O": 2.5, "PERS": 0.75, "LOC": 0.75, "ORG": 0.75, "MISC": 0.75}
COMBINED_BIAS = {"PERS": 0.0, "LOC": -0.25, "ORG": 0.0, "MISC": 1.0}
#: Characters of a key the character CNN reads (longer keys are cut).
MAX_CHARS = 20
#: Tokens tagged together (about 40 MB of float32 activations).
BATCH_TOKENS = 20_000
#: Words whose first-layer contributions each tagger keeps (1.5 kB each: 75 MB at most);
#: when it is full, the least recently used words make room.
CACHE_WORDS = 50_000
#: Labels of the news name lexicon (:func:`~toolkit.entities.features.news_names`)
#: whose count bins are inputs of the tagger.
NEWS_LABELS = ("PERS", "ORG", "LOC")
#: The news name lexicon's largest count bin (a count of 2 ** 12 or more).
_TOP_BIN = 6
_SHAPES = ("arabic", "digits", "latin", "mixed", "punct")
_ARABIC = frozenset("ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي")


def _shape(token: str) -> str:
    if all(ch in _ARABIC for ch in token):
        return "arabic"
    if token.isdigit():
        return "digits"
    if token.isalpha():
        return "latin"
    return "mixed" if any(ch.isalnum() for ch in token) else "punct"


def word_flags(token: str, word: str, lexicons: tuple[str, ...]) -> list[float]:
    """Inputs of a token: 0/1 for its shape, clitics, article, and membership of each
    of ``lexicons`` (:func:`toolkit.entities.gazetteers.lexicon`) by its key, the key
    without clitics or its bare stem; then, for each of :data:`NEWS_LABELS`, how often
    the news name patterns saw it as such a name (the count bin of
    :func:`~toolkit.entities.features.news_names`, scaled to at most 1)."""
    variants = clitic_variants(word)
    stripped = variants[-1]
    forms = {word, stripped, bare(stripped)}
    shape = _shape(token)
    bins = dict.fromkeys(NEWS_LABELS, 0)
    names = news_names()
    for form in (word, stripped):
        for feature in names.get(form, ()):
            label, _, count = feature[5:].partition(":")
            if count and label in bins:
                bins[label] = max(bins[label], int(count))
    return [
        *(float(shape == s) for s in _SHAPES),
        float(stripped != word),
        float(stripped.startswith("ال")),
        *(float(not forms.isdisjoint(lexicon(name))) for name in lexicons),
        *(min(bins[label] / _TOP_BIN, 1.0) for label in NEWS_LABELS),
    ]


def word_inputs(
    token: str, word: str, words: dict[str, int], chars: dict[str, int], lexicons: tuple[str, ...]
) -> tuple[int, list[int], list[float]]:
    """(word vector row, -1 if none; character ids, 1 for an unknown character;
    flags, the last one "no vector") of a token and its key."""
    row = words.get(word)
    if row is None:
        row = words.get(clitic_variants(word)[-1], -1)
    ids = [chars.get(ch, 1) for ch in word[:MAX_CHARS]] or [1]
    return row, ids, [*word_flags(token, word, lexicons), float(row < 0)]


@lru_cache(maxsize=2)
def model_arrays(path: Path) -> dict[str, np.ndarray]:
    """The arrays of an ``.npz`` model file, read once per process (read-only)."""
    if not path.exists():
        raise FileNotFoundError(f"neural NER model not found: {path}; run "
                                "scripts/train_neural_ner.py")  # fmt: skip
    with np.load(path, allow_pickle=False) as arrays:
        loaded = dict(arrays)
    for array in loaded.values():
        array.flags.writeable = False
    return loaded


class NeuralTagger:
    """The shipped character-aware convolutional tagger, with numpy weights.

    ``arrays`` are the ``.npz`` arrays written by ``scripts/train_neural_ner.py``.
    """

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        self.words = {w: i for i, w in enumerate(arrays["words"].tolist())}
        self.vectors = arrays["vectors"].astype(np.float32)
        self.chars = {c: i for i, c in enumerate(arrays["chars"].tolist(), 2)}  # 0 pad, 1 other
        self.lexicons = tuple(arrays["lexicons"].tolist())
        self.tags = tuple(arrays["tags"].tolist())
        w = {name: arrays[name].astype(np.float32) for name in arrays if name.startswith("p_")}
        self.char_embedding = w["p_char_embedding"]  # chars x C
        self.char_conv = w["p_char_conv_w"]  # filters x C x 3 (torch Conv1d layout)
        self.char_bias = w["p_char_conv_b"]
        c = self.char_conv
        self._char_kernel = np.concatenate([c[:, :, k].T for k in range(c.shape[2])])
        w1 = w["p_conv1_w"]  # H x D x 3
        self._conv1 = np.stack([w1[:, :, k].T for k in range(3)], axis=1)  # D x 3 x H
        self.conv1_bias = w["p_conv1_b"]
        #: (dilation, H x 3H kernel, bias) of each later, residual convolution
        self._context = [
            (int(d), np.concatenate([w[f"p_conv{i}_w"][:, :, k].T for k in range(3)], axis=1),
             w[f"p_conv{i}_b"])
            for i, d in enumerate(arrays["dilations"].tolist(), 2)
        ]  # fmt: skip
        self._gap = max([1, *(d for d, _, _ in self._context)])  # zero rows between sentences
        self.out, self.out_bias = w["p_out_w"].T.copy(), w["p_out_b"]  # H x tags
        # rows (words x 3 x H) of what a word adds to the first convolution at offsets
        # -1, 0, +1: a function of the word alone, computed once while it is recently used
        self._words = WordTable(size=CACHE_WORDS, shape=self._conv1.shape[1:])

    @classmethod
    def from_file(cls, path: str | Path = NEURAL_PATH) -> NeuralTagger:
        """A tagger of an ``.npz`` model file, with its own (empty) word cache.

        The file is read once per process (:func:`model_arrays`); each tagger
        keeps its own cache, so no state is shared between callers.
        """
        return cls(model_arrays(Path(path)))

    def _compute_parts(self, tokens: list[str]) -> np.ndarray:
        inputs = [word_inputs(t, key(t), self.words, self.chars, self.lexicons) for t in tokens]
        ids = np.zeros((len(tokens), MAX_CHARS + 2), np.int64)  # one zero either side
        for i, (_, chars, _) in enumerate(inputs):
            ids[i, 1 : len(chars) + 1] = chars
        embedded = self.char_embedding[ids]  # row 0 (padding) is zeros
        windows = np.concatenate([embedded[:, :-2], embedded[:, 1:-1], embedded[:, 2:]], axis=2)
        n, length, width = windows.shape
        hidden = windows.reshape(n * length, width) @ self._char_kernel + self.char_bias
        hidden = np.maximum(hidden.reshape(n, length, -1), 0)
        hidden *= ids[:, 1:-1, None] > 0  # ReLU outputs are >= 0: padding never wins the max
        vectors = np.zeros((len(tokens) + 1, self.vectors.shape[1]), np.float32)
        found = [(i, row) for i, (row, _, _) in enumerate(inputs) if row >= 0]
        if found:
            where, which = zip(*found, strict=True)
            vectors[list(where)] = self.vectors[list(which)]
        flags = np.array([f for _, _, f in inputs], np.float32)
        x = np.concatenate([vectors[:-1], hidden.max(axis=1), flags], axis=1)
        d, k, h = self._conv1.shape
        return (x @ self._conv1.reshape(d, k * h)).reshape(-1, k, h)

    def log_probs(self, sentences: list[list[str]]) -> list[np.ndarray]:
        """Log-probabilities (tokens x :data:`TAGS`) of each sentence's tokens.

        The matrix products run on one BLAS thread: they are small, and more
        threads cost more CPU time than they save (and fight the other
        processes of ``n_jobs``).
        """
        with threadpool_limits(limits=1, user_api="blas"):
            return self._log_probs(sentences)

    def _log_probs(self, sentences: list[list[str]]) -> list[np.ndarray]:
        result: list[np.ndarray] = [np.zeros((0, len(self.tags)), np.float32)] * len(sentences)
        begin = 0
        while begin < len(sentences):
            end, size = begin, 0
            while end < len(sentences) and (
                size == 0 or size + len(sentences[end]) <= BATCH_TOKENS
            ):
                size += len(sentences[end]) + self._gap
                end += 1
            for i, scores in enumerate(self._batch(sentences[begin:end]), begin):
                result[i] = scores
            begin = end
        return result

    def _batch(self, sentences: list[list[str]]) -> list[np.ndarray]:
        gap = self._gap
        lengths = [len(s) for s in sentences]
        starts = np.cumsum([gap] + [n + gap for n in lengths])[:-1]
        total = int(starts[-1] + lengths[-1] + gap) if sentences else gap
        rows = np.concatenate([np.arange(s, s + n) for s, n in zip(starts, lengths, strict=True)])
        words = [t for sentence in sentences for t in sentence]
        table, word_rows = self._words.rows(words, self._compute_parts)
        where = np.full(total, len(table) - 1)  # the zero row between sentences
        where[rows] = word_rows
        parts = table[where]
        inside = np.zeros((total, 1), np.float32)
        inside[rows] = 1
        h1 = parts[:, 1] + self.conv1_bias
        h1[1:] += parts[:-1, 0]  # the previous word's contribution
        h1[:-1] += parts[1:, 2]
        hidden = np.maximum(h1, 0) * inside
        width = hidden.shape[1]
        for d, kernel, bias in self._context:
            shifted = hidden @ kernel  # total x 3H: offsets -d, 0, +d
            h = shifted[:, width : 2 * width] + bias
            h[d:] += shifted[:-d, :width]
            h[:-d] += shifted[d:, 2 * width :]
            hidden = np.maximum(h, 0) * inside + hidden
        logits = hidden[rows] @ self.out + self.out_bias
        logits -= logits.max(axis=1, keepdims=True)
        logits -= np.log(np.exp(logits).sum(axis=1, keepdims=True))
        return np.split(logits, np.cumsum(lengths)[:-1])

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        """BIO tags of each sentence: the best tag sequence in which every ``I-X``
        continues an ``X`` entity."""
        allowed = np.zeros((len(self.tags), len(self.tags)))
        for a, before in enumerate(self.tags):
            for b, after in enumerate(self.tags):
                if after.startswith("I-") and before[2:] != after[2:]:
                    allowed[a, b] = -1e4
        return _decode(self.log_probs(sentences), list(self.tags), allowed)


def _decode(scores: list[np.ndarray], labels: list[str], transitions: np.ndarray):
    decoder = CrfDecoder(labels, {}, np.zeros((1, len(labels))), transitions)
    return decoder.decode(scores)


def combined_tags(
    sentences: list[list[str]],
    crf: CrfDecoder,
    tagger: NeuralTagger,
    *,
    weight: float | Mapping[str, float],
    bias: Mapping[str, float] | None = None,
) -> list[list[str]]:
    """BIO tags from the CRF's state scores plus ``weight`` x the tagger's log-probabilities
    (plus ``bias``), decoded with the CRF's transitions.

    ``weight`` is a number or a weight per type of tag, ``bias`` a number per
    entity type added to its B- and I- tags (:data:`COMBINED_WEIGHTS`, :data:`COMBINED_BIAS`).
    """
    columns = [tagger.tags.index(label) for label in crf.labels]
    types = [label if label == "O" else label[2:] for label in crf.labels]
    if isinstance(weight, Mapping):
        weight = np.array([weight[t] for t in types])
    shift = np.array([(bias or {}).get(t, 0.0) if t != "O" else 0.0 for t in types])
    neural = tagger.log_probs(sentences)
    scores = [own + weight * n[:, columns] + shift
              for own, n in zip(crf.scores_of(sentences), neural, strict=True)]  # fmt: skip
    return crf.decode(scores)

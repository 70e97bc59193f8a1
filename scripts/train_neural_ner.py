"""Train the neural NER tagger on ANERcorp and write its numpy weights.

The network (:mod:`toolkit.entities.neural` runs it with numpy): each word is
its frozen news word vector (the 100-dimension skip-gram vectors of the
50,000 most frequent keys of all the unlabelled news, learned by
``scripts/build_word_vectors.py`` into ``build/word-vectors.npz`` and copied
into the model file, float16; a zero vector and a "no vector" flag for other
words), a character CNN over its lookup key (24-dim characters, 64 filters of
width 3, max-pooled) and the flags of
:func:`toolkit.entities.neural.word_flags`; then convolutions over the words
(``--hidden`` 128 filters of width 3: dilation 1, then ``--dilations`` 2 and
4, ReLU, each later one with a residual connection) and a softmax over the
nine BIO tags. Adam, cross-entropy, dropout 0.25, word-vector dropout 0.1
(the word is treated as unknown, so the character CNN learns to stand in for
it), fixed epochs and seed, one thread.

``--holdout-fold k`` trains without the k-th of ``--folds`` contiguous blocks
of sentences (the folds of ``scripts/evaluate_ner.py``), for cross-validation;
``--silver FILE`` adds tagged news sentences (``scripts/tag_silver_ner.py``).

Needs torch (training environment only; the package never imports it)::

    python scripts/build_word_vectors.py          # once: build/word-vectors.npz (gensim)
    python scripts/train_neural_ner.py [--out toolkit/data/ner/ner-neural.npz]
                                       [--epochs 10] [--dropout 0.25] [--holdout-fold K]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

import numpy as np
import torch
from torch import nn

from toolkit.entities.gazetteers import LEXICONS
from toolkit.entities.neural import MAX_CHARS, NEURAL_PATH, TAGS, word_inputs
from toolkit.entities.training import read_conll
from toolkit.text.forms import key

ROOT = Path(__file__).resolve().parents[1]
TRAIN_FILE = ROOT.parent / "shared" / "data" / "ner" / "anercorp-camellab-train.txt"
VECTORS_FILE = ROOT / "build" / "word-vectors.npz"
SEED = 20262
CHAR_DIM, CHAR_FILTERS = 24, 64
MIN_CHAR_COUNT = 5


class Tagger(nn.Module):
    """The network of the module docstring; parameter names are the ``p_*`` arrays shipped."""

    def __init__(self, vectors: np.ndarray, n_chars: int, n_flags: int, dropout: float, *,
                 hidden: int = 128, dilations: tuple[int, ...] = (2,)) -> None:  # fmt: skip
        super().__init__()
        table = np.concatenate([vectors, np.zeros((1, vectors.shape[1]))]).astype(np.float32)
        self.vectors = nn.Embedding.from_pretrained(torch.from_numpy(table), freeze=True)
        self.char_embedding = nn.Embedding(n_chars + 2, CHAR_DIM, padding_idx=0)
        self.char_conv = nn.Conv1d(CHAR_DIM, CHAR_FILTERS, 3, padding=1)
        self.conv1 = nn.Conv1d(vectors.shape[1] + CHAR_FILTERS + n_flags, hidden, 3, padding=1)
        self.dilations = tuple(dilations)
        for i, d in enumerate(self.dilations, 2):
            setattr(self, f"conv{i}", nn.Conv1d(hidden, hidden, 3, padding=d, dilation=d))
        self.out = nn.Linear(hidden, len(TAGS))
        self.dropout = nn.Dropout(dropout)

    def forward(self, rows, chars, flags, mask):
        batch, length, n_chars = chars.shape
        embedded = self.char_embedding(chars.view(-1, n_chars)).transpose(1, 2)
        char_features = torch.relu(self.char_conv(embedded))
        char_features = (char_features * (chars.view(-1, 1, n_chars) > 0)).amax(dim=2)
        x = torch.cat([self.vectors(rows), char_features.view(batch, length, -1), flags], dim=2)
        m = mask.unsqueeze(1)
        x = self.dropout(x).transpose(1, 2) * m
        h = torch.relu(self.conv1(x)) * m
        for i in range(2, len(self.dilations) + 2):
            h = torch.relu(getattr(self, f"conv{i}")(self.dropout(h))) * m + h
        return self.out(self.dropout(h.transpose(1, 2)))


def encode(sentences, words, chars, lexicons):
    """Per sentence: (vector rows, character ids, flags, tag ids) arrays."""
    unknown = len(words)
    cache: dict[str, tuple] = {}
    encoded = []
    for tokens, tags in sentences:
        inputs = []
        for token in tokens:
            if token not in cache:
                cache[token] = word_inputs(token, key(token), words, chars, lexicons)
            inputs.append(cache[token])
        rows = np.array([r if r >= 0 else unknown for r, _, _ in inputs])
        ids = np.zeros((len(tokens), MAX_CHARS), dtype=np.int64)
        for i, (_, c, _) in enumerate(inputs):
            ids[i, : len(c)] = c
        flags = np.array([f for _, _, f in inputs], dtype=np.float32)
        encoded.append((rows, ids, flags, np.array([TAGS.index(t) for t in tags])))
    return encoded


def batches(encoded, size: int, rng: np.random.Generator, unknown: int, word_dropout: float):
    """Padded tensors of sentences of similar length, in a random order."""
    order = sorted(range(len(encoded)), key=lambda i: (len(encoded[i][0]), rng.random()))
    groups = [order[b : b + size] for b in range(0, len(order), size)]
    for g in rng.permutation(len(groups)):
        group = [encoded[i] for i in groups[g]]
        length = max(len(e[0]) for e in group)
        rows = np.full((len(group), length), unknown)
        ids = np.zeros((len(group), length, MAX_CHARS), dtype=np.int64)
        flags = np.zeros((len(group), length, group[0][2].shape[1]), dtype=np.float32)
        tags = np.full((len(group), length), -100)
        for i, (r, c, f, t) in enumerate(group):
            n = len(r)
            rows[i, :n], ids[i, :n], flags[i, :n], tags[i, :n] = r, c, f, t
        drop = (rng.random(rows.shape) < word_dropout) & (rows != unknown)
        rows[drop] = unknown
        flags[drop, -1] = 1.0
        mask = (tags >= 0).astype(np.float32)
        yield tuple(map(torch.from_numpy, (rows, ids, flags, mask, tags)))


def news_vectors(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """(words, float32 vectors) of a ``scripts/build_word_vectors.py`` file."""
    if not path.exists():
        raise SystemExit(f"{path} missing: run scripts/build_word_vectors.py")
    with np.load(path) as arrays:
        return arrays["words"], arrays["vectors"].astype(np.float32)


def train(sentences, *, vectors_file: Path, epochs: int, dropout: float, hidden: int,
          dilations: tuple[int, ...], lr: float = 2e-3, batch_size: int = 32):  # fmt: skip
    """Train on (tokens, tags) sentences; returns the arrays of the ``.npz`` model file."""
    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    vocab, vectors = news_vectors(vectors_file)
    words = {w: i for i, w in enumerate(vocab.tolist())}
    counts = Counter(ch for tokens, _ in sentences for t in tokens for ch in key(t))
    alphabet = sorted(ch for ch, n in counts.items() if n >= MIN_CHAR_COUNT)
    chars = {ch: i for i, ch in enumerate(alphabet, 2)}
    encoded = encode(sentences, words, chars, LEXICONS)
    model = Tagger(vectors, len(alphabet), encoded[0][2].shape[1], dropout, hidden=hidden,
                   dilations=dilations)  # fmt: skip
    optimiser = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=lr)
    loss_fn = nn.CrossEntropyLoss(ignore_index=-100)
    for epoch in range(epochs):
        model.train()
        started, total, n = time.perf_counter(), 0.0, 0
        for rows, ids, flags, mask, tags in batches(encoded, batch_size, rng, len(words), 0.1):
            optimiser.zero_grad()
            logits = model(rows, ids, flags, mask)
            loss = loss_fn(logits.reshape(-1, len(TAGS)), tags.reshape(-1))
            loss.backward()
            optimiser.step()
            total, n = total + loss.item(), n + 1
        print(f"epoch {epoch + 1}: loss {total / n:.4f} ({time.perf_counter() - started:.0f} s)",
              flush=True)  # fmt: skip
    arrays = {f"p_{name.replace('.weight', '_w').replace('.bias', '_b')}": p.detach().numpy()
              for name, p in model.named_parameters() if p.requires_grad}  # fmt: skip
    arrays["p_char_embedding"] = arrays.pop("p_char_embedding_w")
    return {
        "words": vocab, "vectors": vectors.astype(np.float16), "chars": np.array(alphabet),
        "lexicons": np.array(LEXICONS), "tags": np.array(TAGS),
        "dilations": np.array(dilations, dtype=np.int64),
        **{name: a.astype(np.float32) for name, a in arrays.items()},
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", type=Path, default=TRAIN_FILE)
    parser.add_argument("--out", type=Path, default=NEURAL_PATH)
    parser.add_argument("--vectors", type=Path, default=VECTORS_FILE)
    parser.add_argument("--hidden", type=int, default=128)
    parser.add_argument("--dilations", type=int, nargs="+", default=[2, 4])
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--dropout", type=float, default=0.25)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--holdout-fold", type=int, default=None, help="train without this fold")
    parser.add_argument("--silver", type=Path, default=None,
                        help="add these tagged sentences (scripts/tag_silver_ner.py)")  # fmt: skip
    args = parser.parse_args()

    torch.set_num_threads(1)
    sentences = read_conll(args.train)
    if args.holdout_fold is not None:
        size = -(-len(sentences) // args.folds)
        k = args.holdout_fold
        sentences = sentences[: k * size] + sentences[(k + 1) * size :]
    if args.silver:
        sentences += read_conll(args.silver)
    print(f"{len(sentences):,} sentences, {sum(len(t) for t, _ in sentences):,} tokens")
    started = time.perf_counter()
    arrays = train(
        sentences, vectors_file=args.vectors, epochs=args.epochs, dropout=args.dropout,
        hidden=args.hidden, dilations=tuple(args.dilations),
    )  # fmt: skip
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, **arrays)
    seconds = time.perf_counter() - started
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB) in {seconds:.0f} s")


if __name__ == "__main__":
    main()

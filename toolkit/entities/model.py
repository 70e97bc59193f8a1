"""The shipped CRF model file, and reading BIO tags as entity spans.

Tagging is :class:`toolkit.entities.decoding.CrfDecoder` (the model's
weights in numpy); training is :mod:`toolkit.entities.training`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pycrfsuite

from toolkit.entities.gazetteers import DATA_DIR

__all__ = ["MODEL_PATH", "bio_spans", "load_tagger"]

MODEL_PATH = DATA_DIR / "ner-crf.crfsuite"


@cache
def load_tagger(path: str | Path = MODEL_PATH) -> pycrfsuite.Tagger:
    """Open a crfsuite model file (cached per path)."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"NER model not found: {path}; run scripts/train_ner.py")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Return ``(first, last + 1, label)`` token spans of the entities in BIO ``tags``.

    A stray ``I-X`` (after ``O`` or another label) starts a new entity, the
    same IOB1 reading used to repair the training data.

    >>> bio_spans(["B-PERS", "I-PERS", "O", "I-LOC"])
    [(0, 2, 'PERS'), (3, 4, 'LOC')]
    """
    if tags.count("O") == len(tags):  # most sentences
        return []
    spans: list[tuple[int, int, str]] = []
    start, label = None, None
    for i, tag in enumerate([*tags, "O"]):
        kind = tag[2:]
        if start is not None and (tag == "O" or tag.startswith("B-") or kind != label):
            spans.append((start, i, label))
            start, label = None, None
        if tag != "O" and start is None:
            start, label = i, kind
    return spans

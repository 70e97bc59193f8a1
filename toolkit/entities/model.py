"""The shipped CRF model: loaded once, on first use, and applied to sentences.

>>> tag_sentence(["زار", "بيني", "غانتس", "الرباط"])
['O', 'B-PERS', 'I-PERS', 'B-LOC']
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pycrfsuite

from toolkit.entities.features import sentence_features
from toolkit.entities.gazetteers import DATA_DIR
from toolkit.entities.rules import apply_gazetteer_rules

__all__ = ["MODEL_PATH", "bio_spans", "load_tagger", "tag_sentence"]

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


def tag_sentence(
    tokens: list[str], *, model: str | Path = MODEL_PATH, rules: bool = True
) -> list[str]:
    """Return one BIO tag per token: the CRF's, then :func:`apply_gazetteer_rules`."""
    if not tokens:
        return []
    tags = load_tagger(model).tag(sentence_features(tokens))
    return apply_gazetteer_rules(tokens, tags) if rules else tags


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Return ``(first, last + 1, label)`` token spans of the entities in BIO ``tags``.

    A stray ``I-X`` (after ``O`` or another label) starts a new entity, the
    same IOB1 reading used to repair the training data.

    >>> bio_spans(["B-PERS", "I-PERS", "O", "I-LOC"])
    [(0, 2, 'PERS'), (3, 4, 'LOC')]
    """
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

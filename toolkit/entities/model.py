"""The shipped CRF model: loaded once, on first use, and applied to sentences.

>>> tag_sentence(["زار", "بيني", "غانتس", "الرباط"])
['O', 'B-PERS', 'I-PERS', 'B-LOC']
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pycrfsuite

from toolkit.entities.features import sentence_features
from toolkit.entities.forms import key
from toolkit.entities.gazetteers import DATA_DIR, multiword_matches

__all__ = ["MODEL_PATH", "bio_spans", "fill_gazetteer_gaps", "load_tagger", "tag_sentence"]

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
    tokens: list[str], *, model: str | Path = MODEL_PATH, fill_gaps: bool = True
) -> list[str]:
    """Return one BIO tag per token: the CRF's, plus :func:`fill_gazetteer_gaps`."""
    if not tokens:
        return []
    tags = load_tagger(model).tag(sentence_features(tokens))
    return fill_gazetteer_gaps(tokens, tags) if fill_gaps else tags


def fill_gazetteer_gaps(tokens: list[str], tags: list[str]) -> list[str]:
    """Tag multi-word CLDR/curated names that the CRF left entirely ``O``.

    ANERcorp's annotators left some institution names untagged (``الجيش
    الإسرائيلي`` is ``O`` there), so the CRF learns to skip them; a
    multi-word name from the curated lists is unambiguous enough to add.
    The CRF's own entities are never changed.

    >>> fill_gazetteer_gaps(["قال", "الجيش", "الإسرائيلي"], ["O", "O", "O"])
    ['O', 'B-ORG', 'I-ORG']
    """
    filled = list(tags)
    for first, last, label in multiword_matches([key(t) for t in tokens]):
        if all(tag == "O" for tag in tags[first:last]):
            filled[first:last] = [f"B-{label}"] + [f"I-{label}"] * (last - first - 1)
    return filled


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

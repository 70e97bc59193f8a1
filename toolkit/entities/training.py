"""Read ANERcorp-style files, repair their BIO tags and train the CRF.

ANERcorp has a few ``I-X`` tags that follow ``O`` or another type (39 in the
CAMeL Lab train split). :func:`repair_bio` reads them as IOB1 and turns them
into ``B-X`` (IOB1 -> IOB2 repair), so every entity starts with ``B-``.

Tokens are re-split with :func:`toolkit.text.iter_tokens`, the tokenizer used
at run time (ANERcorp already splits most punctuation; pieces such as
``(د`` become ``(`` + ``د``); punctuation split off an entity token is ``O``.

>>> repair_bio(["O", "I-LOC", "I-LOC", "B-PERS", "I-ORG"])
['O', 'B-LOC', 'I-LOC', 'B-PERS', 'B-ORG']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pycrfsuite

from toolkit.entities.features import sentence_features
from toolkit.text.tokenize import iter_tokens

__all__ = ["TRAINING_PARAMS", "read_conll", "repair_bio", "train_crf"]

Sentence = tuple[list[str], list[str]]

#: L-BFGS with L1 (c1, prunes features) and L2 (c2) penalties.
TRAINING_PARAMS = {
    "c1": 0.1,
    "c2": 0.05,
    "max_iterations": 150,
    "feature.possible_transitions": True,
    "feature.minfreq": 1,
}


def repair_bio(tags: list[str]) -> list[str]:
    """Turn ``I-X`` tags that do not continue an ``X`` entity into ``B-X``."""
    repaired, previous = [], "O"
    for tag in tags:
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        repaired.append(tag)
        previous = tag
    return repaired


def _resplit(token: str, tag: str) -> Iterator[tuple[str, str]]:
    pieces = list(iter_tokens(token)) or []
    words = [p for p in pieces if p.kind != "punct"] or pieces
    first = words[0] if words else None
    for piece in pieces:
        if tag == "O" or (piece.kind == "punct" and len(words) < len(pieces)):
            yield piece.token, "O"
        elif piece is first:
            yield piece.token, tag
        else:
            yield piece.token, "I-" + tag[2:]


def read_conll(path: str | Path) -> list[Sentence]:
    """Read ``token TAG`` lines (blank line between sentences) into (tokens, tags).

    Tags are BIO-repaired and tokens re-split as described in the module docstring.
    """
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            parts = line.split()
            if not parts:
                if tokens:
                    sentences.append((tokens, repair_bio(tags)))
                tokens, tags = [], []
                continue
            if len(parts) != 2:
                raise ValueError(f"{path}:{number}: expected 'token TAG', got {line!r}")
            for piece, tag in _resplit(*parts):
                tokens.append(piece)
                tags.append(tag)
    if tokens:
        sentences.append((tokens, repair_bio(tags)))
    return sentences


def train_crf(
    sentences: Iterable[Sentence],
    model_path: str | Path,
    *,
    params: dict | None = None,
) -> Path:
    """Train a CRF on (tokens, tags) sentences and write it to ``model_path``."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for tokens, tags in sentences:
        trainer.append(sentence_features(tokens), tags)
    trainer.set_params({**TRAINING_PARAMS, **(params or {})})
    model_path = Path(model_path)
    model_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))
    return model_path

"""The numpy decoder tags exactly as crfsuite does with the same model."""

from __future__ import annotations

import gzip
import json
from itertools import islice, pairwise

import numpy as np
import pytest

from tests.conftest import shared_data
from toolkit.entities.decoding import CrfDecoder
from toolkit.entities.features import sentence_features
from toolkit.entities.model import load_tagger
from toolkit.entities.recognize import _sentences


@pytest.fixture(scope="module")
def sentences() -> list[list[str]]:
    path = shared_data("news/saudinewsnet-2015.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] or "" for line in islice(handle, 200)]
    return [[t.token for t in tokens] for text in texts for _, tokens in _sentences(text) if tokens]


def _path_score(decoder: CrfDecoder, scores: np.ndarray, tags: list[str]) -> float:
    labels = [decoder.labels.index(tag) for tag in tags]
    state = scores[np.arange(len(labels)), labels].sum()
    return state + sum(decoder.transitions[a, b] for a, b in pairwise(labels))


def test_scores_are_the_summed_weights_of_the_feature_strings(sentences):
    decoder = CrfDecoder.from_model()
    zero = np.zeros(len(decoder.labels))
    odd = [["|"], ["قال", "|", "|", "الرباط"], ["a|b", "|", "c"]]  # pairs of keys with "|"
    for tokens in [*sentences[:300], *odd]:
        expected = np.array([
            sum((decoder.weights[decoder.index[f]] for f in feats if f in decoder.index), zero)
            for feats in sentence_features(tokens)
        ])  # fmt: skip
        np.testing.assert_allclose(decoder.scores(tokens), expected, atol=1e-9)


def test_sentences_scored_together_score_as_one_by_one(sentences):
    """Scored in one batch, no sentence lends its words' scores to its neighbours: each
    sentence's scores are exactly those it has alone (empty and one-word ones included)."""
    batch = [[], *sentences[:200], ["الرباط"], [], sentences[0]]
    together = CrfDecoder.from_model().scores_of(batch)
    alone = CrfDecoder.from_model()
    assert [len(scores) for scores in together] == [len(tokens) for tokens in batch]
    for tokens, scores in zip(batch, together, strict=True):
        np.testing.assert_array_equal(scores, alone.scores(tokens))
    assert CrfDecoder.from_model().scores_of([]) == []


def test_tags_are_crfsuites(sentences):
    decoder, tagger = CrfDecoder.from_model(), load_tagger()
    ours = decoder.tag(sentences)
    theirs = [tagger.tag(sentence_features(tokens)) for tokens in sentences]
    n_tokens = sum(map(len, sentences))
    assert n_tokens > 80_000
    assert sum(tag != "O" for tags in ours for tag in tags) > 5_000
    for tokens, mine, reference in zip(sentences, ours, theirs, strict=True):
        if mine != reference:  # only a tie at the precision of the model dump (6 decimals)
            scores = decoder.scores(tokens)
            tie = _path_score(decoder, scores, mine) - _path_score(decoder, scores, reference)
            assert abs(tie) < 1e-5, (tokens, mine, reference)


def test_empty_and_one_word_sentences():
    decoder = CrfDecoder.from_model()
    assert decoder.tag([[], ["الرباط"], []]) == [[], ["B-LOC"], []]


def test_decoders_share_weights_read_only_and_no_memo():
    first, second = CrfDecoder.from_model(), CrfDecoder.from_model()
    assert first is not second
    assert first.weights is second.weights and not first.weights.flags.writeable
    first.tag([["زار", "بيني", "غانتس", "الرباط"]])
    assert len(first._words) > 0
    assert len(second._words) == 0

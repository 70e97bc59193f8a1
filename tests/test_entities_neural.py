"""The numpy neural tagger, its combination with the CRF, and extract_entities(model=...)."""

from __future__ import annotations

import gzip
import importlib.util
import json
import subprocess
import sys
from itertools import islice
from pathlib import Path

import numpy as np
import pytest

import toolkit as tk
from tests.conftest import shared_data
from toolkit.entities.decoding import CrfDecoder
from toolkit.entities.model import bio_spans
from toolkit.entities.neural import (
    COMBINED_BIAS,
    COMBINED_WEIGHTS,
    NEURAL_PATH,
    NEWS_LABELS,
    TAGS,
    NeuralTagger,
    combined_tags,
    word_flags,
)
from toolkit.entities.recognize import _sentences
from toolkit.text.forms import key

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "train_neural_ner.py"
SENTENCE = ["قال", "وزير", "الخارجية", "المغربي", "ناصر", "بوريطة", "في", "الرباط"]


@pytest.fixture(scope="module")
def sentences() -> list[list[str]]:
    path = shared_data("news/saudinewsnet-2015.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] or "" for line in islice(handle, 40)]
    return [[t.token for t in tokens] for text in texts for _, tokens in _sentences(text) if tokens]


def test_tagger_finds_a_minister_and_a_city():
    tags = NeuralTagger.from_file().tag([SENTENCE])[0]
    assert (4, 6, "PERS") in bio_spans(tags)
    assert (7, 8, "LOC") in bio_spans(tags)


def test_log_probs_do_not_depend_on_the_batch(sentences):
    tagger = NeuralTagger.from_file()
    together = tagger.log_probs(sentences)
    for tokens, scores in zip(sentences[:30], together, strict=False):
        alone = tagger.log_probs([tokens])[0]
        assert scores.shape == (len(tokens), len(TAGS))
        np.testing.assert_allclose(scores, alone, atol=1e-4)
        np.testing.assert_allclose(np.exp(scores).sum(axis=1), 1, atol=1e-4)


def test_word_cache_keeps_the_recently_used_words(sentences, monkeypatch):
    """A full word table evicts its least recently used words: the scores are those of an
    unbounded table, and a word used in every batch is computed once."""
    unbounded = NeuralTagger.from_file().log_probs(sentences)
    monkeypatch.setattr(sys.modules["toolkit.entities.neural"], "CACHE_WORDS", 300)
    tagger = NeuralTagger.from_file()
    computed: list[str] = []
    compute = tagger._compute_parts
    monkeypatch.setattr(tagger, "_compute_parts", lambda words: computed.extend(words) or
                        compute(words))  # fmt: skip
    bounded = [tagger.log_probs([["قال"], tokens])[1] for tokens in sentences]
    for small, large in zip(bounded, unbounded, strict=True):
        np.testing.assert_allclose(small, large, atol=1e-4)
    assert len(tagger._words) == 300
    assert len(set(computed)) < len(computed)  # words came back after they were evicted
    assert computed.count("قال") == 1  # used in every batch: never evicted


def test_tags_are_well_formed_bio(sentences):
    for tags in NeuralTagger.from_file().tag(sentences):
        for before, after in zip(["O", *tags], tags, strict=False):
            assert not after.startswith("I-") or before[2:] == after[2:]


def test_combination_with_weight_zero_is_the_crf(sentences):
    crf, tagger = CrfDecoder.from_model(), NeuralTagger.from_file()
    assert combined_tags(sentences, crf, tagger, weight=0) == crf.tag(sentences)
    combined = combined_tags(sentences, crf, tagger, weight=1)
    assert combined != crf.tag(sentences)  # the tagger changes some decisions
    assert [len(t) for t in combined] == [len(s) for s in sentences]


def test_combination_weights_per_type_and_biases(sentences):
    crf, tagger = CrfDecoder.from_model(), NeuralTagger.from_file()
    types = ("O", "PERS", "LOC", "ORG", "MISC")
    scalar = combined_tags(sentences, crf, tagger, weight=1)
    assert combined_tags(sentences, crf, tagger, weight=dict.fromkeys(types, 1)) == scalar

    def count(tags, label):
        return sum(t == f"B-{label}" for sentence in tags for t in sentence)

    shipped = combined_tags(sentences, crf, tagger, weight=COMBINED_WEIGHTS, bias=COMBINED_BIAS)
    unbiased = combined_tags(sentences, crf, tagger, weight=COMBINED_WEIGHTS)
    assert count(shipped, "MISC") > count(unbiased, "MISC")  # MISC's bias is positive
    without = combined_tags(sentences, crf, tagger, weight=COMBINED_WEIGHTS, bias={"MISC": -1e3})
    assert count(without, "MISC") == 0 and count(without, "PERS") > 0


def test_extract_entities_models():
    text = " ".join(SENTENCE) + "."
    for model in ("combined", "crf", "neural"):
        found = tk.extract_entities(text, model=model)
        assert {"ناصر بوريطة": "PERS", "الرباط": "LOC"}.items() <= dict(
            zip(found["text"], found["label"], strict=True)
        ).items(), model
    with pytest.raises(FileNotFoundError):
        tk.extract_entities(text, model="no-such-model.crfsuite")


def test_default_model_never_imports_torch():
    code = (
        "import sys, toolkit as tk; tk.extract_entities('زار بيني غانتس الرباط');"
        "print('torch' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_numpy_forward_is_the_torch_network(sentences):
    """Where torch is installed (the training environment): same log-probabilities."""
    torch = pytest.importorskip("torch")
    spec = importlib.util.spec_from_file_location("train_neural_ner", SCRIPT)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    tagger = NeuralTagger.from_file()
    with np.load(NEURAL_PATH) as arrays:
        dilations = tuple(arrays["dilations"].tolist())
        network = script.Tagger(arrays["vectors"].astype(np.float32), len(arrays["chars"]),
                                len(arrays["lexicons"]) + 8 + len(NEWS_LABELS), dropout=0.0,
                                hidden=len(arrays["p_conv1_b"]), dilations=dilations)  # fmt: skip
        state = {"vectors.weight": network.vectors.weight,
                 "char_embedding.weight": torch.from_numpy(arrays["p_char_embedding"])}  # fmt: skip
        convs = [f"conv{i}" for i in range(1, len(dilations) + 2)]
        for layer in ("char_conv", *convs, "out"):
            state[f"{layer}.weight"] = torch.from_numpy(arrays[f"p_{layer}_w"])
            state[f"{layer}.bias"] = torch.from_numpy(arrays[f"p_{layer}_b"])
    network.load_state_dict(state)
    network.eval()
    sample = sentences[:20]
    encoded = script.encode([(s, ["O"] * len(s)) for s in sample], tagger.words, tagger.chars,
                            tagger.lexicons)  # fmt: skip
    for (rows, chars, flags, _), ours in zip(encoded, tagger.log_probs(sample), strict=True):
        inputs = [torch.from_numpy(a)[None] for a in (rows, chars, flags)]
        with torch.no_grad():
            logits = network(*inputs, torch.ones(1, len(rows)))[0]
        np.testing.assert_allclose(torch.log_softmax(logits, -1).numpy(), ours, atol=1e-4)


def test_word_flags_read_lexicons_and_news_counts():
    tagger = NeuralTagger.from_file()
    flags = word_flags("وبالرباط", key("وبالرباط"), tagger.lexicons)
    assert flags[:7] == [1, 0, 0, 0, 0, 1, 1]  # Arabic, clitics, article
    assert word_flags("2015", "2015", tagger.lexicons)[:7] == [0, 1, 0, 0, 0, 0, 0]
    putin = word_flags("بوتين", key("بوتين"), tagger.lexicons)
    news = dict(zip(NEWS_LABELS, putin[-len(NEWS_LABELS) :], strict=True))
    assert news["PERS"] > 0.5 and news["ORG"] == news["LOC"] == 0
    assert word_flags("في", "في", tagger.lexicons)[-len(NEWS_LABELS) :] == [0, 0, 0]

"""Training data handling, features and a fast retraining run."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

import toolkit as tk
from tests.conftest import shared_data
from toolkit.entities import rules
from toolkit.entities.features import sentence_features
from toolkit.entities.gazetteers import gazetteer_tags
from toolkit.entities.model import bio_spans
from toolkit.entities.rules import fill_gazetteer_gaps, split_trailing_places
from toolkit.entities.training import read_conll, repair_bio, train_crf
from toolkit.text.forms import clitic_variants, key, strip_clitics

TAGS = st.sampled_from(["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "I-ORG"])


def test_repair_turns_stray_inside_tags_into_begin():
    assert repair_bio(["O", "I-LOC", "I-LOC", "B-PERS", "I-ORG", "I-ORG"]) == [
        "O", "B-LOC", "I-LOC", "B-PERS", "B-ORG", "I-ORG"
    ]  # fmt: skip


@given(st.lists(TAGS, max_size=30))
def test_repaired_tags_are_valid_iob2_with_the_same_spans(tags):
    repaired = repair_bio(tags)
    for previous, tag in zip(["O", *repaired], repaired, strict=False):
        if tag.startswith("I-"):
            assert previous[2:] == tag[2:]
    assert bio_spans(repaired) == bio_spans(tags)


def test_read_conll_resplits_and_repairs(tmp_path):
    path = tmp_path / "mini.txt"
    path.write_text("(د O\nب O\nأ) O\nاتحاد I-ORG\nصناعة I-ORG\n\nزار O\nعمان. B-LOC\n", "utf-8")
    sentences = read_conll(path)
    assert sentences[0] == (
        ["(", "د", "ب", "أ", ")", "اتحاد", "صناعة"],
        ["O", "O", "O", "O", "O", "B-ORG", "I-ORG"],
    )
    assert sentences[1] == (["زار", "عمان", "."], ["O", "B-LOC", "O"])


def test_clitic_forms():
    assert clitic_variants(key("ولإسرائيل")) == ["ولاسرائيل", "لاسرائيل", "اسرائيل"]
    assert strip_clitics(key("وللمغرب")) == "المغرب"
    assert strip_clitics(key("واشنطن")) == "واشنطن"


def test_gazetteers_match_through_clitics():
    words = ["وصل", "إلى", "وتل", "أبيب", "من", "بالرباط"]
    tags = gazetteer_tags([key(w) for w in words])
    assert tags[2:4] == [["LOC:B"], ["LOC:I"]]
    assert "LOC:B" in tags[5]


def test_features_see_triggers_and_context():
    feats = sentence_features(["قال", "الناطق", "باسم", "الجيش", "الإسرائيلي"])
    assert "lex=person_triggers" in feats[0]
    assert "lex=person_titles" in feats[1]
    assert "gaz=ORG:B" in feats[3] and "gaz=ORG:I" in feats[4]
    assert "prev1:w=الجيش" in feats[4]
    assert any(f.startswith("c1=") for f in feats[3])


def test_retraining_on_a_small_slice(tmp_path):
    sentences = read_conll(shared_data("ner/anercorp-camellab-train.txt"))[:300]
    model = train_crf(sentences, tmp_path / "small.crfsuite", params={"max_iterations": 30})
    assert model.stat().st_size > 0
    tagged = tk.extract_entities("قال الرئيس جورج بوش في واشنطن", model=model)
    assert set(tagged["label"]) <= {"PERS", "LOC", "ORG", "MISC"}
    assert len(tagged) >= 1


def test_gazetteer_names_fill_gaps_and_other_types_inside_but_not_longer_spans():
    tokens = ["قال", "والجيش", "الإسرائيلي", "إن", "مجلس", "الأمن"]
    tags = ["O", "O", "O", "O", "B-ORG", "O"]  # same type inside: the CRF's reading stays
    assert fill_gazetteer_gaps(tokens, tags) == ["O", "B-ORG", "I-ORG", "O", "B-ORG", "O"]
    inside = fill_gazetteer_gaps(["بيت", "مال", "القدس"], ["O", "O", "B-LOC"])
    assert inside == ["B-ORG", "I-ORG", "I-ORG"]
    longer = ["B-ORG", "I-ORG", "I-ORG"]  # the CRF's name reaches past the curated one
    assert fill_gazetteer_gaps(["مجلس", "الأمن", "الدولي"], longer) == longer


def test_person_spans_lose_a_trailing_place_but_keep_name_words(monkeypatch):
    tags = ["O", "B-PERS", "I-PERS", "I-PERS", "I-PERS"]
    assert split_trailing_places(["زار", "بيني", "غانتس", "وتل", "أبيب"], tags) == [
        "O", "B-PERS", "I-PERS", "B-LOC", "I-LOC"
    ]  # fmt: skip
    # a place that is also a known person-name word (Denzel Washington) is left alone
    kept = ["B-PERS", "I-PERS"]
    monkeypatch.setattr(rules, "person_words", lambda: frozenset({key("واشنطن")}))
    assert split_trailing_places(["دينزل", "واشنطن"], kept) == kept


def _vector_bits(word: str) -> set[str]:
    return {f for f in sentence_features([word])[0] if re.fullmatch(r"v\d+[+-]", f)}


def test_word_vectors_become_binary_features():
    def overlap(a: str, b: str) -> float:
        bits_a, bits_b = _vector_bits(a), _vector_bits(b)
        return len(bits_a & bits_b) / len(bits_a | bits_b)

    assert _vector_bits("الرباط") and not _vector_bits("كزخبطلي")  # frequent vs unseen word
    assert overlap("أحمد", "محمد") > overlap("أحمد", "الرباط")
    assert overlap("الرباط", "القاهرة") > overlap("الرباط", "قال")
    assert "fq=1" in sentence_features(["قال", "في", "الرباط"])[1]  # a most frequent word

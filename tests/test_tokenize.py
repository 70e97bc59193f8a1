"""Sentences, tokens and offsets on real Arabic."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.text import normalize, sentence_spans, tokenize


def test_offsets_slice_back_on_the_seed(seed_text):
    tokens = tokenize(seed_text)
    assert len(tokens) > 300
    for start, end, token in zip(tokens.start, tokens.end, tokens.token, strict=False):
        assert seed_text[start:end] == token


def test_sentence_split_without_space_after_full_stop():
    text = "ارتفعت الأسعار إلى مستويات.وأشار التقرير إلى 3.5 في المائة يوم 2021/11/24."
    sentences = [text[s:e] for s, e in sentence_spans(text)]
    assert sentences == [
        "ارتفعت الأسعار إلى مستويات.",
        "وأشار التقرير إلى 3.5 في المائة يوم 2021/11/24.",
    ]


def test_sentence_boundaries_at_arabic_punctuation_and_line_breaks():
    text = "هل زار الرباط؟ نعم؛ زارها\nثم عاد… إلى تل أبيب"
    sentences = [text[s:e] for s, e in sentence_spans(text)]
    assert sentences == ["هل زار الرباط؟", "نعم؛", "زارها", "ثم عاد…", "إلى تل أبيب"]


def test_abbreviation_does_not_end_sentence():
    text = "استقبل د. عبد الله الوفد"
    assert len(sentence_spans(text)) == 1


def test_kinds():
    tokens = tokenize("قال «كوخافي»، USA ٢٠٢٢ و 3.5 $")
    kinds = dict(zip(tokens.token, tokens.kind, strict=False))
    assert kinds["قال"] == "arabic"
    assert kinds["«"] == kinds["»"] == kinds["،"] == "punct"
    assert kinds["USA"] == "latin"
    assert kinds["٢٠٢٢"] == kinds["3.5"] == "number"
    assert kinds["$"] == "symbol"


def test_diacritics_stay_inside_words():
    tokens = tokenize("وَالمَغْرِبُ")
    assert tokens.token.tolist() == ["وَالمَغْرِبُ"]
    assert tokens.norm.tolist() == ["والمغرب"]


def test_glued_words_do_not_crash(seed_text):
    assert "الولاياتالمتحدةالأمريكية" in seed_text
    tokens = tokenize(seed_text)
    assert "الولاياتالمتحدةالأمريكية" in tokens.token.tolist()


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_tokenize_never_raises_and_offsets_hold(text):
    tokens = tokenize(text)
    for start, end, token in zip(tokens.start, tokens.end, tokens.token, strict=False):
        assert text[start:end] == token


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF) | st.characters())
)
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


def test_normalize_steps():
    assert normalize("أَفِيفُ كُوخَافِي") == "افيف كوخافي"
    assert normalize("ـــالمغربـــ") == "المغرب"
    assert normalize("مستشفى") == "مستشفي"
    assert normalize("مدينة", teh_marbuta=True) == "مدينه"
    assert normalize("٢٠٢١ ۲۰۲۲") == "2021 2022"
    assert normalize("ﺍﻟﺮﺑﺎﻁ") == "الرباط"
    assert normalize("کتاب ی") == "كتاب ي"
    assert normalize("\u200fالرباط\u202b\u2066\u061c") == "الرباط"

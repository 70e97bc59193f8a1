"""Arabic stop list with clitic-attached and normalised variants."""

from __future__ import annotations

import pytest

from toolkit.text import tokenize
from toolkit.text.stopwords import is_stopword, stopword_set


@pytest.mark.parametrize(
    "word", ["في", "وفي", "من", "ومن", "الذي", "للذين", "عليهم", "إليه", "بأن"]
)
def test_function_words_and_their_variants_are_stop_words(word):
    assert is_stopword(word)


@pytest.mark.parametrize(
    "word", ["زيارة", "مليون", "حكومة", "رئيس", "الحكومة", "والرئيس", "وزير", "ولاية", "ولي", "علي"]
)
def test_content_words_are_kept(word):
    assert not is_stopword(word)


def test_normalised_spellings_match():
    assert is_stopword("إلى") and is_stopword("الى") and is_stopword("أن") and is_stopword("ان")


def test_users_add_and_remove_words():
    custom = stopword_set(add=["زيارة"], remove=["قال"])
    assert is_stopword("زيارة", custom) and is_stopword("والزيارة", custom) is False
    assert is_stopword("وزيارة", custom)
    assert not is_stopword("قال", custom) and not is_stopword("وقال", custom)
    assert is_stopword("قال") and is_stopword("وقال")


def test_single_string_is_rejected():
    with pytest.raises(TypeError, match="add="):
        stopword_set(add="زيارة")


def test_tokens_flag_stop_words(seed_text):
    tokens = tokenize(seed_text)
    stops = set(tokens.loc[tokens.is_stop, "token"])
    assert {"في", "من", "التي"} <= stops
    assert not {"زيارة", "رئيس", "الحكومة"} & stops


def test_seed_top_terms_hold_no_connectors_but_keep_news_content(seed_text):
    import toolkit as tk

    top = set(tk.term_frequencies(seed_text).head(15)["term"])
    connectors = {"بالنسبة", "بالتالي", "خاصة", "كذلك", "هناك", "لابد", "حيث", "أيضا", "المائة"}
    assert not top & connectors
    assert {"المغرب", "إسرائيل", "الرباط", "الأمن"} <= top
    for word in ("زيارة", "مليون", "حكومة", "رئيس", "الأمن"):
        assert not is_stopword(word)
    for word in ("وبالتالي", "بالمائة", "الاثنين", "والجمعة"):
        assert is_stopword(word)

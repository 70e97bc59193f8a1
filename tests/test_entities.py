"""Entity recognition and canonical names on the seed article and small inputs."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import toolkit as tk
from toolkit.entities.canonical import canonical_names

COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "label", "canonical"]


@pytest.fixture(scope="module")
def seed_entities(seed_text):
    return tk.extract_entities(seed_text)


def _names(entities: pd.DataFrame, label: str) -> set[str]:
    return set(entities.loc[entities["label"] == label, "canonical"])


def test_seed_people(seed_entities):
    assert _names(seed_entities, "PERS") == {"أفيف كوخافي", "بيني غانتس", "عبد اللطيف لوديي"}


def test_seed_places(seed_entities):
    places = {"المغرب", "إسرائيل", "الرباط", "تل أبيب", "واشنطن", "ليبيا", "القدس"}
    regions = {"المتوسط", "الساحل", "الصحراء"}
    assert places | regions <= _names(seed_entities, "LOC")
    kingdom = seed_entities[seed_entities["text"].str.endswith("مملكة المغربية")]
    assert len(kingdom) == 4 and set(kingdom["canonical"]) == {"المغرب"}


def test_seed_organisations(seed_entities):
    expected = {"الجيش الإسرائيلي", "لجنة القدس", "بيت مال القدس"}
    assert expected <= _names(seed_entities, "ORG")


def test_seed_common_words_are_not_names(seed_entities):
    # جيو استرتيجية، جيواستراتيجي (geo-strategic) and ايمان in بل هي ايمان وتعاون (faith)
    found = set(seed_entities["text"]) | set(seed_entities["canonical"])
    assert not {w for w in found if w.startswith(("جيو", "وجيو")) or "ايمان" in w}


def test_columns_labels_and_offsets(seed_entities, seed_text):
    assert list(seed_entities.columns) == COLUMNS
    assert set(seed_entities["label"]) <= {"PERS", "LOC", "ORG", "MISC"}
    for row in seed_entities.itertuples():
        assert seed_text[row.start : row.end] == row.text
    sentences = tk.tokenize(seed_text).groupby("sent_id")["start"].agg(["min", "max"])
    for row in seed_entities.itertuples():
        assert sentences.loc[row.sent_id, "min"] <= row.start <= sentences.loc[row.sent_id, "max"]


def test_seed_clitics_and_spellings_merge(seed_entities):
    canonical = dict(zip(seed_entities["text"], seed_entities["canonical"], strict=True))
    assert canonical["بالرباط"] == canonical["للرباط"] == "الرباط"
    assert canonical["ولإسرائيل"] == "إسرائيل"
    assert canonical["واسرائيل"] == "إسرائيل"
    assert canonical["للمغرب"] == "المغرب"


def test_seed_strongest_edge_is_morocco_israel(seed_entities):
    for labels in (None, ["LOC"]):
        edges = tk.cooccurrence(seed_entities, labels=labels)
        assert {edges.iloc[0]["source"], edges.iloc[0]["target"]} == {"المغرب", "إسرائيل"}
        assert edges.iloc[0]["count"] > edges.iloc[1]["count"]
    everything = tk.cooccurrence(seed_entities, unit="document")
    assert everything["count"].eq(1).all()


def test_canonical_names_use_evidence():
    names = canonical_names(
        ["وبالرباط", "ولإسرائيل", "اسرائيل", "المملكة المغربية", "واشنطن",
         "الولايات المتحدة الأمريكية", "للمغرب", "وكوخافي", "كوخافي", "ووليد",
         "ويلسون", "وهران", "لوزان"]
    )  # fmt: skip
    assert names == [
        "الرباط", "إسرائيل", "إسرائيل", "المغرب", "واشنطن",
        "الولايات المتحدة", "المغرب", "كوخافي", "كوخافي", "وليد", "ويلسون", "وهران", "لوزان",
    ]  # fmt: skip


def test_lone_preposition_needs_evidence():
    # a mention of the bare name, or the news model (إسرائيل is frequent, وزان is not)
    assert canonical_names(["لإسرائيل", "إسرائيل"]) == ["إسرائيل", "إسرائيل"]
    assert canonical_names(["لإسرائيل"]) == ["إسرائيل"]
    assert canonical_names(["لوزان"]) == ["لوزان"]


def test_canonical_names_and_terms_read_clitics_alike():
    assert canonical_names(["لليبيا", "ليبيا"]) == ["ليبيا", "ليبيا"]
    assert canonical_names(["وهران", "ومادورو", "للجنة"]) == ["وهران", "مادورو", "اللجنة"]


def test_most_frequent_spelling_wins_without_gazetteer():
    assert canonical_names(["كوخافى", "كوخافي", "كوخافي"]) == ["كوخافي"] * 3


def test_nisba_mentions_are_optional(seed_text):
    plain = tk.extract_entities(seed_text)
    linked = tk.extract_entities(seed_text, nisba=True)
    assert "mention" not in plain.columns
    nisbas = linked[linked["mention"] == "nisba"]
    assert len(linked) == len(plain) + len(nisbas)
    assert {"إسرائيل", "فلسطين"} <= set(nisbas["canonical"])  # إسرائيلي، الفلسطينية
    assert (nisbas["label"] == "LOC").all()


def test_corpus_tokens_and_chunks_agree(seed_text):
    corpus = pd.DataFrame({"doc_id": ["y", "x"], "text": [seed_text, "قال بيني غانتس في القدس"]})
    whole = tk.extract_entities(corpus)
    assert whole["doc_id"].unique().tolist() == ["y", "x"]
    assert tk.extract_entities(corpus, nisba=True)["doc_id"].unique().tolist() == ["y", "x"]
    from_tokens = tk.extract_entities(tk.tokenize(corpus))
    pd.testing.assert_frame_equal(from_tokens, whole)
    chunked = tk.extract_entities(iter([corpus.iloc[:1], corpus.iloc[1:]]))
    pd.testing.assert_frame_equal(chunked, whole)
    parallel = tk.extract_entities(corpus, n_jobs=2, chunksize=1)
    pd.testing.assert_frame_equal(parallel, whole)


def test_empty_and_bad_input():
    empty = tk.extract_entities("")
    assert list(empty.columns) == COLUMNS and empty.empty
    with pytest.raises(TypeError, match="extract_entities"):
        tk.extract_entities(42)
    with pytest.raises(ValueError, match="text"):
        tk.extract_entities(pd.DataFrame({"doc_id": ["a"], "body": ["نص"]}))
    with pytest.raises(ValueError, match="doc_id"):
        tk.extract_entities(pd.DataFrame({"doc_id": ["a"], "text": [None]}))


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from("المغربوإسرائيل .،\n\u064e\u0640abc1"), max_size=80))
def test_offsets_hold_on_arbitrary_text(text):
    for row in tk.extract_entities(text).itertuples():
        assert text[row.start : row.end] == row.text
        assert row.canonical


def test_regions_named_by_common_words_need_a_region_word():
    found = tk.extract_entities("تعرف منطقة المتوسط تهديدات كبيرة، وجنوب الصحراء كذلك.")
    assert {"المتوسط", "الصحراء"} <= set(found.loc[found["label"] == "LOC", "canonical"])
    average = tk.extract_entities("ارتفع المتوسط الحسابي للأسعار في الصحراء القاحلة.")
    assert "المتوسط" not in set(average["canonical"])


def test_formulae_and_loanword_adjectives_are_not_names():
    found = tk.extract_entities("قال الملك محمد السادس نصره الله إن المغرب بلد جيوسياسي مهم.")
    assert "جيوسياسي" not in set(found["text"])
    # الله alone is MISC as ANERcorp tags it, but no node of the default network
    assert found.loc[found["text"] == "الله", "label"].tolist() == ["MISC"]
    nodes = set(tk.cooccurrence(found)[["source", "target"]].to_numpy().ravel())
    assert "الله" not in nodes and {"المغرب", "محمد السادس"} <= nodes
    names = tk.extract_entities("التقى عبد الله بن زايد بوفد من حزب الله.")
    assert any("الله" in name for name in names["canonical"])


def test_two_persons_joined_by_wa_are_two_names():
    from toolkit.entities.rules import split_conjoined_persons

    found = tk.extract_entities("وتحدث كيري ولافروف عن سوريا. وقال ماكرون وميركل إن الاتفاق صامد.")
    assert found.loc[found["label"] == "PERS", "text"].tolist() == [
        "كيري", "ولافروف", "ماكرون", "وميركل",
    ]  # fmt: skip
    # a surname that begins with و (Williams) stays in its name
    assert split_conjoined_persons(["سيرينا", "ويليامز"], ["B-PERS", "I-PERS"]) == [
        "B-PERS", "I-PERS",
    ]  # fmt: skip


def test_a_name_tagged_once_is_tagged_where_it_recurs():
    from toolkit.entities.rules import document_rules

    tags = document_rules([["زار", "كوخافي", "الرباط"], ["وعاد", "لكوخافي", "رأي"]],
                          [["O", "B-PERS", "B-LOC"], ["O", "O", "O"]])  # fmt: skip
    assert tags == [["O", "B-PERS", "B-LOC"], ["O", "B-PERS", "O"]]
    # a common word wrongly tagged once does not spread
    spread = document_rules([["قال", "الأمن"], ["إن", "الأمن"]], [["O", "B-ORG"], ["O", "O"]])
    assert spread[1] == ["O", "O"]


def test_places_inside_organisation_names_are_listed_too(seed_entities):
    committee = seed_entities[seed_entities["canonical"] == "لجنة القدس"].iloc[0]
    inside = seed_entities[
        (seed_entities["start"] >= committee["start"]) & (seed_entities["end"] <= committee["end"])
    ]
    assert set(zip(inside["label"], inside["canonical"])) == {
        ("ORG", "لجنة القدس"), ("LOC", "القدس"),
    }  # fmt: skip
    plain = tk.extract_entities("تترأس لجنة القدس الاجتماع", nested=False)
    assert plain["canonical"].tolist() == ["لجنة القدس"]

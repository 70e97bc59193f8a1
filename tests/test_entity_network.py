"""What an entity network should not show: currencies, fragments, glued or double-labelled names.

Also the name lexicons harvested from news (features of the CRF).
"""

from __future__ import annotations

import gzip
import json

import pandas as pd
import pytest

from tests.conftest import shared_data
from toolkit import cooccurrence, cooccurrence_graph, extract_entities
from toolkit.entities.features import NEWS_NAMES_PATH, news_names, sentence_features
from toolkit.entities.kinds import MISC_KINDS, misc_kind
from toolkit.entities.rules import corpus_labels, document_rules, drop_non_names

PRICES = (
    "وأوضح بنك المغرب أن سعر صرف الدرهم بلغ 10 دراهم مقابل دولار واحد. "
    "وقال عبد اللطيف الجواهري إن الدولار ارتفع أمام الدرهم في الرباط."
)


def test_currencies_units_and_nationalities_are_told_apart():
    kinds = {
        name: misc_kind(name)
        for name in ["درهم", "دراهم", "بالدولار", "الدولار الأمريكي", "أورو", "كلم", "أطنان",
                     "المغربية", "الفرنسيين", "هم", "بني", "المغرب", "ريال مدريد", "بنك المغرب",
                     "محمد"]
    }  # fmt: skip
    assert kinds == {
        "درهم": "currency", "دراهم": "currency", "بالدولار": "currency",
        "الدولار الأمريكي": "currency", "أورو": "currency", "كلم": "unit", "أطنان": "unit",
        "المغربية": "nationality", "الفرنسيين": "nationality", "هم": "fragment",
        "بني": "fragment", "المغرب": None, "ريال مدريد": None, "بنك المغرب": None, "محمد": None,
    }  # fmt: skip


def test_network_leaves_out_currencies_unless_asked():
    entities = extract_entities(PRICES)
    tagged = set(entities["canonical"])
    assert {"الجواهري", "الرباط"} <= {w for name in tagged for w in name.split()} | tagged
    currencies = {n for n in tagged if misc_kind(n) == "currency"}
    assert currencies, f"the tagger found no currency to leave out: {sorted(tagged)}"
    default = cooccurrence(entities, unit="document")
    shown = set(default["source"]) | set(default["target"])
    assert not shown & currencies
    kept = cooccurrence(entities, unit="document", keep_misc_kinds=["currency"])
    assert currencies <= set(kept["source"]) | set(kept["target"])
    graph = cooccurrence_graph(entities, unit="document", keep_misc_kinds=MISC_KINDS)
    assert currencies <= set(graph.nodes)
    with pytest.raises(ValueError, match="keep_misc_kinds"):
        cooccurrence(entities, keep_misc_kinds=["money"])
    with pytest.raises(TypeError, match="list of kinds"):
        cooccurrence(entities, keep_misc_kinds="currency")


def test_name_heads_alone_are_dropped_and_short_fragments_kept_out_of_networks():
    tokens = ["وزار", "الوفد", "بني", "ثم", "وسيدي", "بني", "ملال"]
    tags = ["O", "O", "B-LOC", "O", "B-LOC", "B-LOC", "I-LOC"]
    assert drop_non_names(tokens, tags) == ["O", "O", "O", "O", "B-LOC", "B-LOC", "I-LOC"]
    entities = pd.DataFrame(
        [("a", 0, 0, 2, "هم", "PERS", "هم"), ("a", 0, 3, 9, "الرباط", "LOC", "الرباط"),
         ("a", 0, 10, 15, "فاس", "LOC", "فاس"), ("a", 0, 16, 18, "سي", "ORG", "سي")],
        columns=["doc_id", "sent_id", "start", "end", "text", "label", "canonical"],
    )  # fmt: skip
    assert cooccurrence(entities)[["source", "target"]].values.tolist() == [["الرباط", "فاس"]]
    kept = cooccurrence(entities, keep_misc_kinds=["fragment"])
    assert set(kept["source"]) | set(kept["target"]) == {"هم", "سي", "الرباط", "فاس"}


def test_month_names_in_dates_are_no_names_but_theresa_may_stays():
    tokens = ["وصل", "يوم", "22", "ماي", "وقالت", "ماي", "إنها", "ستغادر", "في", "يونيو"]
    tags = ["O", "O", "O", "B-LOC", "O", "B-PERS", "O", "O", "O", "B-LOC"]
    assert drop_non_names(tokens, tags) == ["O"] * 5 + ["B-PERS"] + ["O"] * 4


def test_a_name_cut_in_pieces_is_joined_where_the_document_names_it_whole():
    sentences = [["ونشرت", "صحيفة", "واشنطن", "بوست", "التقرير"],
                 ["وقالت", "واشنطن", "بوست", "إن", "المصدر", "موثوق"],
                 ["وزار", "الوفد", "بني", "ملال", "ثم", "عاد", "إلى", "ببني", "ملال"]]  # fmt: skip
    tags = [["O", "O", "B-ORG", "I-ORG", "O"],
            ["O", "B-LOC", "B-ORG", "O", "O", "O"],
            ["O", "O", "B-LOC", "I-LOC", "O", "O", "O", "B-LOC", "O"]]  # fmt: skip
    assert document_rules(sentences, tags) == [
        ["O", "O", "B-ORG", "I-ORG", "O"],
        ["O", "B-ORG", "I-ORG", "O", "O", "O"],
        ["O", "O", "B-LOC", "I-LOC", "O", "O", "O", "B-LOC", "I-LOC"],
    ]


def test_glued_names_are_found_and_get_their_canonical_name():
    entities = extract_entities(
        "وصل الوزير إلى الولاياتالمتحدةالأمريكية أمس، ثم زار مقر الاتحادالأوروبي في بروكسل."
    )
    found = dict(zip(entities["text"], zip(entities["label"], entities["canonical"])))
    assert found["الولاياتالمتحدةالأمريكية"] == ("LOC", "الولايات المتحدة")
    assert found["الاتحادالأوروبي"] == ("ORG", "الاتحاد الأوروبي")


def test_corpus_vote_gives_a_name_one_label():
    assert corpus_labels(["باريس", "باريس", "باريس", "ماكرون"], ["LOC", "ORG", "LOC", "PERS"]) == [
        "LOC", "LOC", "LOC", "PERS"
    ]  # fmt: skip
    assert corpus_labels(["سبأ", "سبأ"], ["ORG", "PERS"]) == ["ORG", "PERS"]  # a tie stays


def _moroccan_articles(ids: set[str]) -> pd.DataFrame:
    path = shared_data("news/moroccan-febrayer-yabiladi.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    return pd.DataFrame([(r["id"], r["text"]) for r in records if r["id"] in ids],
                        columns=["doc_id", "text"])  # fmt: skip


def test_moroccan_articles_do_not_call_one_name_two_things():
    # the CRF tags باريس ORG in one sentence of the first article and LOC in others
    corpus = _moroccan_articles({"febrayer.com-00293", "febrayer.com-00023", "febrayer.com-00065"})
    entities = extract_entities(corpus)
    assert (entities["canonical"] == "باريس").sum() >= 3
    assert entities.groupby("canonical")["label"].nunique().max() == 1


def test_news_name_lexicons_are_small_and_feed_the_crf():
    assert NEWS_NAMES_PATH.stat().st_size < 100_000
    names = news_names()
    assert len(names) > 2_000
    assert "news=PERS" in names["بوتين"] and "news=LOC" in names["صنعاء"]
    assert "news=ORG" in names["سامسونج"]
    features = sentence_features(["وقال", "بوتين", "إن", "صنعاء"])
    assert "news=PERS" in features[1] and "prev1:news=PERS" in features[2]

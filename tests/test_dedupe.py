"""Near-duplicate articles: copies with edits stay together, different stories apart."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import toolkit as tk
from toolkit.dates.timelines import ENTITY_FREE
from toolkit.dedupe import fold_duplicates
from toolkit.text.tokenize import sentence_spans

from .conftest import shared_data

ORIGINAL_SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "kochavi-rabat-visit.txt"
SAUDI = "news/saudinewsnet-2015.jsonl.gz"

#: Another story on the same event: same names, same day, a different text.
SAME_EVENT = (
    "قالت مصادر عسكرية إن زيارة رئيس أركان الجيش الإسرائيلي أفيف كوخافي إلى الرباط ستتناول "
    "صفقات الطائرات المسيرة وأنظمة الدفاع الجوي، بعد أشهر من توقيع وزير الدفاع بيني غانتس "
    "مذكرة التفاهم مع عبد اللطيف لوديي. وأضافت المصادر أن الوفد سيضم ضباطا من سلاح الجو "
    "وشعبة الاستخبارات، وأن اللقاءات ستعقد في مقر القيادة العامة للقوات المسلحة الملكية. "
    "ولم يصدر أي تعليق رسمي من الجانب المغربي حتى مساء اليوم، فيما رحبت أحزاب إسرائيلية "
    "بالزيارة واعتبرتها خطوة جديدة في مسار التطبيع بين البلدين منذ استئناف العلاقات."
)
HEADLINE = "عاجل | كوخافي في الرباط الأسبوع المقبل"
CLOSING = "للمزيد من الأخبار تابعونا على موقعنا وصفحاتنا على مواقع التواصل الاجتماعي."


@pytest.fixture(scope="module")
def wire() -> str:
    if not ORIGINAL_SEED.exists():
        pytest.skip(f"missing {ORIGINAL_SEED}")
    return ORIGINAL_SEED.read_text(encoding="utf-8").strip()


def _sentences(text: str) -> list[str]:
    return [text[start:end].strip() for start, end in sentence_spans(text)]


def _vocalise(text: str, rng: random.Random) -> str:
    """Add harakat and tatweel after some Arabic letters (what a re-typed copy may carry)."""
    out = []
    for char in text:
        out.append(char)
        if "\u0628" <= char <= "\u064a" and rng.random() < 0.3:
            out.append(rng.choice(["\u064e", "\u0650", "\u064f", "\u0651", "\u0640\u0640"]))
    return "".join(out)


EDITS = ("add_sentence", "remove_sentence", "swap_sentences", "headline", "closing", "marks")


def _edit(text: str, edits: list[str], rng: random.Random) -> str:
    sentences = _sentences(text)
    marks = False
    for edit in edits:
        i = rng.randrange(len(sentences))
        if edit == "add_sentence":
            sentences.insert(i, _sentences(SAME_EVENT)[rng.randrange(3)])
        elif edit == "remove_sentence" and len(sentences) > 3:
            del sentences[i]
        elif edit == "swap_sentences":
            j = rng.randrange(len(sentences))
            sentences[i], sentences[j] = sentences[j], sentences[i]
        elif edit == "headline":
            sentences.insert(0, HEADLINE)
        elif edit == "closing":
            sentences.append(CLOSING)
        elif edit == "marks":
            marks = True
    edited = " ".join(sentences)
    return _vocalise(edited, rng) if marks else edited


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=st.lists(st.sampled_from(EDITS), min_size=1, max_size=3), seed=st.integers(0, 10**6))
def test_edited_copy_stays_in_the_cluster(wire, edits, seed):
    copy = _edit(wire, edits, random.Random(seed))
    dups = tk.near_duplicates([wire, copy, SAME_EVENT])
    assert sorted(dups["doc_id"]) == ["doc0", "doc1"], edits
    assert dups["representative"].nunique() == 1


def test_same_event_different_story_is_not_merged(wire):
    assert tk.near_duplicates([wire, SAME_EVENT]).empty


def test_representative_is_the_earliest_then_the_longest(wire):
    corpus = pd.DataFrame({
        "doc_id": ["late", "early_short", "early_long"],
        "text": [wire, wire[:-40], wire + " " + CLOSING],
        "date": pd.to_datetime(["2022-07-12", "2022-07-10", "2022-07-10"]),
    })  # fmt: skip
    dups = tk.near_duplicates(corpus)
    assert dups["representative"].unique().tolist() == ["early_long"]
    assert dups.loc[dups.doc_id == "early_long", "similarity"].item() == 1.0
    undated = corpus.assign(date=pd.NaT)
    assert tk.near_duplicates(undated)["representative"].iloc[0] == "early_long"
    weeks_later = corpus.assign(
        text=[wire + " " + HEADLINE, wire[:-40], wire + " " + CLOSING],
        date=pd.to_datetime(["2022-08-12", "2022-07-10", "2022-07-10"]),
    )
    assert set(tk.near_duplicates(weeks_later)["doc_id"]) == {"early_short", "early_long"}
    assert len(tk.near_duplicates(weeks_later, days=None)) == 3


def test_containment_finds_a_copy_with_an_added_paragraph(wire):
    half = wire[: len(wire) // 2]
    longer = half + "\n\n" + SAME_EVENT + "\n\n" + SAME_EVENT.replace("كوخافي", "غانتس")
    dups = tk.near_duplicates([half, longer])
    assert len(dups) == 2
    assert dups["similarity"].min() >= 0.8


def test_inputs_and_errors(wire):
    assert tk.near_duplicates([]).columns.tolist() == [
        "doc_id", "cluster_id", "representative", "similarity"
    ]  # fmt: skip
    assert tk.near_duplicates(wire).empty
    with pytest.raises(ValueError, match="threshold"):
        tk.near_duplicates([wire], threshold=0)
    with pytest.raises(ValueError, match="unique"):
        tk.near_duplicates(pd.DataFrame({"doc_id": ["a", "a"], "text": [wire, wire]}))


def test_dedupe_counts_a_doubled_article_once(wire):
    corpus = pd.DataFrame({
        "doc_id": ["a", "b", "c"],
        "text": [wire, HEADLINE + ". " + wire, SAME_EVENT],
        "date": pd.to_datetime(["2022-07-10", "2022-07-11", "2022-07-11"]),
    })  # fmt: skip
    alone = tk.term_frequencies(corpus[corpus.doc_id != "b"]).set_index("term")["count"]
    folded = tk.term_frequencies(corpus, dedupe=True).set_index("term")["count"]
    doubled = tk.term_frequencies(corpus).set_index("term")["count"]
    assert folded["كوخافي"] == alone["كوخافي"] < doubled["كوخافي"]
    assert folded.equals(alone)
    dups = tk.near_duplicates(corpus)
    assert tk.term_frequencies([corpus], dedupe=dups).equals(
        tk.term_frequencies(corpus, dedupe=True)
    )
    keep = tk.drop_near_duplicates(corpus, duplicates=dups)
    assert keep.doc_id.tolist() == ["a", "c"]
    assert keep.attrs["near_duplicates"]["representative_of"] == {"b": "a"}
    dates = tk.extract_dates(corpus, dedupe=True)
    assert "b" not in set(dates["doc_id"]) and "a" in set(dates["doc_id"])
    events = tk.timeline(corpus, entities=ENTITY_FREE, dates=tk.extract_dates(corpus), dedupe=dups)
    assert "a" in set(events["doc_id"]) and "b" not in set(events["doc_id"])
    pairs = tk.collocations(corpus, min_count=2, dedupe=True)
    assert pairs.equals(tk.collocations(corpus[corpus.doc_id != "b"], min_count=2))


def test_dedupe_on_streams_and_tables(wire):
    corpus = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [wire, wire, SAME_EVENT]})
    with pytest.raises(ValueError, match="one-shot stream"):
        fold_duplicates(iter([corpus]), True)
    dups = tk.near_duplicates(corpus)
    chunks = list(fold_duplicates(iter([corpus.iloc[:2], corpus.iloc[2:]]), dups))
    assert pd.concat(chunks).doc_id.tolist() == ["a", "c"]
    entities = pd.DataFrame({"doc_id": ["a", "b", "c"], "sent_id": 0, "start": 0, "end": 1,
                             "text": "x", "label": "PERS", "canonical": "x"})  # fmt: skip
    assert fold_duplicates(entities, dups).doc_id.tolist() == ["a", "c"]
    with pytest.raises(ValueError, match="needs the texts"):
        fold_duplicates(entities, True)
    ents = tk.extract_entities(corpus)
    folded = tk.cooccurrence(ents, corpus=corpus, dedupe=True, unit="document")
    plain = tk.cooccurrence(ents, unit="document")
    once = tk.cooccurrence(ents[ents.doc_id != "b"], unit="document")
    assert folded.equals(once)
    assert (plain.set_index(["source", "target"])["count"] >= 2).sum() > (
        once.set_index(["source", "target"])["count"] >= 2
    ).sum()


def test_republication_table():
    corpus = pd.DataFrame({"doc_id": list("abcde"), "source": ["spa", "okaz", "sabq", "okaz", "x"]})
    dups = pd.DataFrame({"doc_id": list("abcd"), "cluster_id": [0, 0, 0, 1],
                         "representative": ["a", "a", "a", "d"], "similarity": 1.0})  # fmt: skip
    table = tk.republication_table(dups, corpus=corpus)
    assert table.loc["spa"].to_dict() == {"okaz": 1, "sabq": 1}
    assert table.index.name == "original source"
    corpus["title"] = ["t1", "t2", "t3", "t4", "t5"]
    clusters = tk.duplicate_clusters(dups, corpus=corpus)
    assert clusters[
        ["cluster_id", "size", "sources", "representative", "title"]
    ].values.tolist() == [
        [0, 3, 3, "a", "t1"],
        [1, 1, 1, "d", "t4"],
    ]


@pytest.fixture(scope="module")
def saudi() -> pd.DataFrame:
    return tk.load_corpus(shared_data(SAUDI))


def test_results_do_not_depend_on_chunking_or_n_jobs(saudi, tmp_path):
    corpus = saudi.iloc[:3000]
    expected = tk.near_duplicates(corpus)
    assert len(expected) > 100  # SaudiNewsNet repeats itself
    for size in (257, 1000):
        chunks = [corpus.iloc[i : i + size] for i in range(0, len(corpus), size)]
        assert tk.near_duplicates(chunks).equals(expected)
    assert tk.near_duplicates(corpus, n_jobs=2, chunksize=700).equals(expected)
    path = tmp_path / "slice.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for row in corpus.itertuples():
            record = {
                "id": row.doc_id.split(":")[-1],
                "text": row.text,
                "date": str(row.date.date()),
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    streamed = tk.near_duplicates(tk.iter_corpus(path, chunksize=400, progress=False))
    renamed = streamed.replace(r"^slice:", "saudinewsnet-2015:", regex=True)
    assert renamed.equals(expected)


def test_wire_stories_on_one_day_are_not_chained(saudi):
    """King Salman and the deputy crown prince each received the US defence secretary on
    23 July 2015: the reports are not copies of each other, but round-ups carry both, and
    connected components of the similar pairs of 22-24 July put them in one cluster."""
    day = saudi[(saudi["date"] >= "2015-07-22") & (saudi["date"] <= "2015-07-24")]
    cluster = tk.near_duplicates(day).set_index("doc_id")["cluster_id"]
    king, prince = (
        "saudinewsnet-2015:saudinewsnet-2015-07-23-00272",
        ("saudinewsnet-2015:saudinewsnet-2015-07-23-00274"),
    )
    assert king in cluster.index or prince in cluster.index
    assert cluster.get(king, -1) != cluster.get(prince, -2)


def test_short_wire_item_inside_a_long_article_is_found(saudi):
    """Almadina's Manchester United item (151 shingles) is inside Asharq Al-Awsat's article
    (799): containment 0.92, Jaccard 0.17, which MinHash LSH bands did not propose."""
    ids = ["saudinewsnet-2015:saudinewsnet-2015-07-25-00195",
           "saudinewsnet-2015:saudinewsnet-2015-07-25-00684"]  # fmt: skip
    day = saudi[saudi["date"] == "2015-07-25"]
    dups = tk.near_duplicates(day).set_index("doc_id")
    assert set(ids) <= set(dups.index)
    assert dups.loc[ids[0], "cluster_id"] == dups.loc[ids[1], "cluster_id"]


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(articles=st.integers(4, 10), at=st.integers(0, 10))
def test_wire_copy_inside_a_page_many_times_longer(wire, saudi, articles, at):
    """The wire story pasted into a page of 4 to 10 other (real) articles, anywhere."""
    others = saudi[saudi["text"].str.len().between(2500, 5000)]["text"].head(articles).tolist()
    page = "\n\n".join([*others[:at], wire, *others[at:]])
    assert len(page) > 3 * len(wire)
    dups = tk.near_duplicates([wire, page, SAME_EVENT])
    assert sorted(dups["doc_id"]) == ["doc0", "doc1"]


def test_a_round_up_does_not_join_the_wire_items_it_carries(saudi):
    """Aleqtisadiya's page of 6 August 2015 (00722) carries the Mufti's statement on the
    Abha mosque bombing, the senior scholars' statement and the security spokesman's
    statement, each also republished alone by several papers: three stories, not one."""
    days = saudi[(saudi["date"] >= "2015-08-05") & (saudi["date"] <= "2015-08-07")]
    cluster = tk.near_duplicates(days).set_index("doc_id")["cluster_id"]
    mufti, scholars, spokesman = (
        [f"saudinewsnet-2015:saudinewsnet-2015-08-06-{n}" for n in numbers]
        for numbers in (["01417", "01720", "02581"], ["01416", "02582"], ["01423", "02636"])
    )
    stories = [cluster[ids].unique().tolist() for ids in (mufti, scholars, spokesman)]
    assert all(len(found) == 1 for found in stories)  # the copies of each stay together
    assert len({found[0] for found in stories}) == 3  # and the stories apart


@pytest.mark.parametrize("threshold", [0.5, 0.65, 0.8])
def test_candidates_miss_no_similar_pair(saudi, threshold):
    """Prefix filtering proposes every pair that reaches the threshold (all pairs checked)."""
    from toolkit.dedupe.clusters import _candidates, _similarities
    from toolkit.dedupe.signatures import sign_chunk

    day = saudi[saudi["date"] == "2015-08-06"].head(400)
    sigs = sign_chunk(day)
    texts = np.flatnonzero(sigs.sizes > 0)
    every = np.stack(np.triu_indices(len(texts), k=1), axis=1)
    similar = every[_similarities(sigs, texts, every) >= threshold]
    assert len(similar) >= 8
    found = {tuple(pair) for pair in _candidates(sigs, texts, threshold).tolist()}
    assert {tuple(pair) for pair in similar.tolist()} <= found

"""Statistics pinned to hand-computed values on tiny Arabic corpora.

Each expected number is worked out in the comments next to it (natural log
``ln`` unless written ``log2``), so a change of base, a halved G², a lost sign,
a context one word short or a count instead of a rate fails here.
``scripts/mutation_check.py`` checks that it does.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

import toolkit as tk

# --------------------------------------------------------------------------- collocations

# Three sentences "رئيس أركان الجيش" and one "رئيس الحكومة". Pairs are counted inside
# sentences only (no "الجيش رئيس" across the full stop):
#   رئيس أركان  3      أركان الجيش  3      رئيس الحكومة  1      N = 7 pairs
# Marginals: R1 = pairs with that first word, C1 = pairs with that second word.
#   رئيس أركان:   O11 = 3, R1(رئيس first) = 3 + 1 = 4, C1(أركان second) = 3
#   أركان الجيش:  O11 = 3, R1(أركان first) = 3,        C1(الجيش second) = 3
#   رئيس الحكومة: O11 = 1, R1 = 4,                     C1(الحكومة second) = 1
ARMY = "رئيس أركان الجيش. " * 3 + "رئيس الحكومة"


def _by_collocation(table: pd.DataFrame) -> pd.DataFrame:
    return table.set_index("collocation")


def test_collocation_counts_marginals_and_segments():
    table = _by_collocation(tk.collocations(ARMY, min_count=1, stopwords=False))
    assert sorted(table.index) == sorted(["رئيس أركان", "أركان الجيش", "رئيس الحكومة"])
    assert table.loc["رئيس أركان", ["count", "count_word1", "count_word2"]].tolist() == [3, 4, 3]
    assert table.loc["أركان الجيش", ["count", "count_word1", "count_word2"]].tolist() == [3, 3, 3]
    assert table.loc["رئيس الحكومة", ["count", "count_word1", "count_word2"]].tolist() == [1, 4, 1]


def test_pmi_is_log2():
    table = _by_collocation(tk.collocations(ARMY, min_count=1, stopwords=False))
    # PMI = log2(O11 N / (R1 C1))
    # رئيس أركان:   log2(3 * 7 / (4 * 3)) = log2(1.75) = 0.807354922   (ln would give 0.5596)
    # أركان الجيش:  log2(3 * 7 / (3 * 3)) = log2(7/3)  = 1.222392421   (ln would give 0.8473)
    # رئيس الحكومة: log2(1 * 7 / (4 * 1)) = log2(1.75) = 0.807354922
    assert table.loc["رئيس أركان", "pmi"] == pytest.approx(0.807354922, abs=1e-8)
    assert table.loc["أركان الجيش", "pmi"] == pytest.approx(1.222392421, abs=1e-8)
    assert table.loc["رئيس الحكومة", "pmi"] == pytest.approx(0.807354922, abs=1e-8)


def test_collocation_g2_is_the_full_log_likelihood_ratio():
    table = _by_collocation(tk.collocations(ARMY, min_count=1, stopwords=False))
    # G² = 2 Σ O ln(O / E) over the 2x2 table, E = row total * column total / N, N = 7.
    # رئيس أركان: O = [[3, 4-3=1], [3-3=0, 7-4-3+3=3]]; rows 4, 3; columns 3, 4
    #   E = [[12/7, 16/7], [9/7, 12/7]]
    #   G² = 2 (3 ln(7/4) + 1 ln(7/16) + 0 + 3 ln(7/4)) = 2 (6 * 0.5596158 - 0.8266786)
    #      = 5.0620323                                                   (halved: 2.531)
    assert table.loc["رئيس أركان", "g2"] == pytest.approx(5.0620323, abs=1e-6)
    # أركان الجيش: O = [[3, 0], [0, 4]]; rows 3, 4; columns 3, 4
    #   E = [[9/7, 12/7], [12/7, 16/7]]
    #   G² = 2 (3 ln(7/3) + 4 ln(7/4)) = 2 (2.5418936 + 2.2384632) = 9.5607135
    assert table.loc["أركان الجيش", "g2"] == pytest.approx(9.5607135, abs=1e-6)
    # p-value from chi-squared with 1 df: P(X > g) = erfc(sqrt(g / 2))
    assert table.loc["أركان الجيش", "p_value"] == pytest.approx(
        math.erfc(math.sqrt(9.5607135 / 2)), rel=1e-6
    )
    # sorted by G², strongest first
    assert tk.collocations(ARMY, min_count=1, stopwords=False)["collocation"].tolist() == [
        "أركان الجيش",
        "رئيس أركان",
        "رئيس الحكومة",
    ]


def test_stop_word_pairs_are_dropped_but_still_count_in_the_marginals():
    # "رئيس في" replaces "رئيس الحكومة": في is a stop word, so its pair is dropped, yet
    # N = 7 and R1(رئيس) = 4 still count it; PMI of رئيس أركان stays log2(3*7/(4*3)).
    # (Marginals without it would give N = 6, R1 = 3: log2(3*6/(3*3)) = 1.)
    table = _by_collocation(tk.collocations("رئيس أركان الجيش. " * 3 + "رئيس في", min_count=1))
    assert "رئيس في" not in table.index
    assert table.loc["رئيس أركان", "count_word1"] == 4
    assert table.loc["رئيس أركان", "pmi"] == pytest.approx(0.807354922, abs=1e-8)
    assert table.loc["رئيس أركان", "g2"] == pytest.approx(5.0620323, abs=1e-6)


def test_min_count_filters_after_the_statistics():
    table = _by_collocation(tk.collocations(ARMY, min_count=2, stopwords=False))
    assert sorted(table.index) == sorted(["رئيس أركان", "أركان الجيش"])
    assert table.loc["رئيس أركان", "pmi"] == pytest.approx(0.807354922, abs=1e-8)


# --------------------------------------------------------------------------- keyness

# Target document "a": المغرب x3, الرباط x1                  -> 4 tokens
# Reference document "b": المغرب x1, الرباط x3, تونس x4      -> 8 tokens
# Each term's 2x2 table: [[target count, 4 - target count], [reference count, 8 - it]],
# N = 12, rows 4 and 8; columns c1 = target + reference count, c2 = 12 - c1.
KEY_CORPUS = pd.DataFrame(
    {
        "doc_id": ["a", "b"],
        "text": [
            "المغرب المغرب المغرب الرباط",
            "المغرب الرباط الرباط الرباط تونس تونس تونس تونس",
        ],
    }
)


@pytest.fixture(scope="module")
def key_table() -> pd.DataFrame:
    return tk.keyness(KEY_CORPUS, target="a", stopwords=False).set_index("term")


def test_keyness_counts(key_table):
    assert key_table.loc["المغرب", ["target_count", "reference_count"]].tolist() == [3, 1]
    assert key_table.loc["الرباط", ["target_count", "reference_count"]].tolist() == [1, 3]
    assert key_table.loc["تونس", ["target_count", "reference_count"]].tolist() == [0, 4]


def test_keyness_g2_value_and_sign(key_table):
    # المغرب: O = [[3, 1], [1, 7]], c1 = 4: E = [[4/3, 8/3], [8/3, 16/3]]
    #   G² = 2 (3 ln(9/4) + 1 ln(3/8) + 1 ln(3/8) + 7 ln(21/16))
    #      = 2 (2.4327906 - 1.9616585 + 1.9035360) = 4.7493363
    #   rate 3/4 in the target > 1/8 in the reference: over-used, positive
    assert key_table.loc["المغرب", "g2"] == pytest.approx(4.7493363, abs=1e-6)
    # الرباط: O = [[1, 3], [3, 5]], c1 = 4: same E
    #   G² = 2 (1 ln(3/4) + 3 ln(9/8) + 3 ln(9/8) + 5 ln(15/16))
    #      = 2 (-0.2876821 + 0.7066982 - 0.3226926) = 0.1926471
    #   rate 1/4 < 3/8: under-used, negative
    assert key_table.loc["الرباط", "g2"] == pytest.approx(-0.1926471, abs=1e-6)
    # تونس: O = [[0, 4], [4, 4]], c1 = 4: same E
    #   G² = 2 (0 + 4 ln(3/2) + 4 ln(3/2) + 4 ln(3/4)) = 2 (3.2437209 - 1.1507283) = 4.1859852
    #   rate 0 (0.5/4 = 1/8 with the 0.5 floor) < 4/8: under-used, negative
    assert key_table.loc["تونس", "g2"] == pytest.approx(-4.1859852, abs=1e-6)
    # the p-value uses |G²|: erfc(sqrt(4.185985 / 2))
    assert key_table.loc["تونس", "p_value"] == pytest.approx(
        math.erfc(math.sqrt(4.1859852 / 2)), rel=1e-6
    )


def test_keyness_is_sorted_from_most_over_used_to_most_under_used():
    table = tk.keyness(KEY_CORPUS, target="a", stopwords=False)
    assert table["term"].tolist() == ["المغرب", "الرباط", "تونس"]


def test_keyness_log_ratio_is_log2_of_the_rate_ratio(key_table):
    # log_ratio = log2((target count / 4) / (reference count / 8)), a zero count as 0.5
    # المغرب: log2((3/4) / (1/8)) = log2(6)   =  2.5849625   (ln: 1.7918)
    # الرباط: log2((1/4) / (3/8)) = log2(2/3) = -0.5849625   (ln: -0.4055)
    # تونس:   log2((0.5/4) / (4/8)) = log2(1/4) = -2        (ln: -1.3863)
    assert key_table.loc["المغرب", "log_ratio"] == pytest.approx(2.5849625, abs=1e-7)
    assert key_table.loc["الرباط", "log_ratio"] == pytest.approx(-0.5849625, abs=1e-7)
    assert key_table.loc["تونس", "log_ratio"] == -2.0


def test_keyness_swapping_target_and_reference_flips_the_signs(key_table):
    # The 2x2 table is the same with its rows swapped, so |G²| and |log_ratio| stay.
    swapped = tk.keyness(KEY_CORPUS, target="b", stopwords=False).set_index("term")
    for term in ["المغرب", "الرباط"]:
        assert swapped.loc[term, "g2"] == pytest.approx(-key_table.loc[term, "g2"], abs=1e-9)
        assert swapped.loc[term, "log_ratio"] == pytest.approx(
            -key_table.loc[term, "log_ratio"], abs=1e-9
        )
    # تونس: target count 4 of 8 vs reference 0.5 of 4: log2((4/8) / (0.5/4)) = log2(4) = 2
    assert swapped.loc["تونس", "log_ratio"] == 2.0
    assert swapped.loc["تونس", "g2"] == pytest.approx(4.1859852, abs=1e-6)


def test_keyness_totals_add_up_over_the_groups_of_target_and_reference(key_table):
    # Document a split in two (a1 + a2 = the same 4 tokens) and a third document c that is
    # neither target nor reference: every count, total and so every number stays the same.
    split = pd.DataFrame(
        {
            "doc_id": ["a1", "a2", "b", "c"],
            "source": ["s1", "s1", "s2", "s3"],
            "text": [
                "المغرب المغرب",
                "المغرب الرباط",
                KEY_CORPUS["text"][1],
                "تونس تونس تونس الجزائر",
            ],
        }
    )
    columns = ["target_count", "reference_count", "g2", "log_ratio"]
    expected = key_table[columns]
    by_documents = tk.keyness(split, target=["a1", "a2"], reference="b", stopwords=False)
    by_source = tk.keyness(split, target="s1", reference="s2", by="source", stopwords=False)
    for table in (by_documents, by_source):
        table = table.set_index("term")
        # الجزائر only occurs in c: both counts 0, so it is left out or all zero
        assert table.index.difference(expected.index).tolist() in ([], ["الجزائر"])
        pd.testing.assert_frame_equal(table.loc[expected.index, columns], expected)


def test_keyness_sign_of_a_term_absent_from_a_small_target_is_negative():
    # Target a: 4 tokens; reference b + c: 8 + 4 = 12 tokens. الجزائر occurs once, in c.
    # O = [[0, 4], [1, 11]], N = 16, rows 4 and 12, columns 1 and 15:
    #   E = [[0.25, 3.75], [0.75, 11.25]]
    #   G² = 2 (0 + 4 ln(16/15) + 1 ln(4/3) + 11 ln(44/45))
    #      = 2 (0.2581541 + 0.2876821 - 0.2472014) = 0.5972695
    # 0 of 4 in the target < 1 of 12 in the reference: under-used, so negative, although
    # the 0.5 floor of the log ratio gives log2((0.5/4) / (1/12)) = log2(1.5) > 0.
    corpus = pd.concat(
        [KEY_CORPUS, pd.DataFrame({"doc_id": ["c"], "text": ["تونس تونس تونس الجزائر"]})],
        ignore_index=True,
    )
    table = tk.keyness(corpus, target="a", stopwords=False).set_index("term")
    assert table.loc["الجزائر", ["target_count", "reference_count"]].tolist() == [0, 1]
    assert table.loc["الجزائر", "g2"] == pytest.approx(-0.5972695, abs=1e-6)
    assert table.loc["الجزائر", "log_ratio"] == pytest.approx(0.5849625, abs=1e-7)
    assert table.index[-1] == "تونس"  # 0 of 4 against 7 of 12: the most under-used


# --------------------------------------------------------------------------- kwic

NINE = "واحد اثنان ثلاثة أربعة المغرب خمسة ستة سبعة ثمانية"


def _contexts(data, window: int) -> list[list[str]]:
    return tk.kwic(data, query="المغرب", window=window)[
        ["before", "match", "after"]
    ].values.tolist()


@pytest.mark.parametrize("as_tokens", [False, True], ids=["text", "tokens"])
def test_kwic_takes_exactly_window_words_on_each_side(as_tokens):
    data = tk.tokenize(NINE) if as_tokens else NINE
    # four words before المغرب, four after: window 2 takes the two nearest on each side
    assert _contexts(data, 2) == [["ثلاثة أربعة", "المغرب", "خمسة ستة"]]
    assert _contexts(data, 1) == [["أربعة", "المغرب", "خمسة"]]
    # window 4 reaches both ends exactly
    assert _contexts(data, 4) == [["واحد اثنان ثلاثة أربعة", "المغرب", "خمسة ستة سبعة ثمانية"]]
    assert _contexts(data, 0) == [["", "المغرب", ""]]


@pytest.mark.parametrize("as_tokens", [False, True], ids=["text", "tokens"])
def test_kwic_window_stops_at_the_document_edges(as_tokens):
    def contexts(text: str, window: int) -> list[list[str]]:
        return _contexts(tk.tokenize(text) if as_tokens else text, window)

    # match first: nothing before, the two next words after
    assert contexts("المغرب واحد اثنان ثلاثة", 2) == [["", "المغرب", "واحد اثنان"]]
    # match last: the two previous words before, nothing after
    assert contexts("واحد اثنان ثلاثة المغرب", 2) == [["اثنان ثلاثة", "المغرب", ""]]
    # window larger than the document: everything there is on each side, no more
    assert contexts("اثنان المغرب ثلاثة", 5) == [["اثنان", "المغرب", "ثلاثة"]]


def test_kwic_window_counts_words_per_document():
    corpus = pd.DataFrame(
        {"doc_id": ["x", "y"], "text": ["واحد اثنان المغرب", "المغرب ثلاثة أربعة خمسة"]}
    )
    hits = tk.kwic(corpus, query="المغرب", window=2)
    # the end of x is not followed by the start of y
    assert hits[["doc_id", "before", "after"]].values.tolist() == [
        ["x", "واحد اثنان", ""],
        ["y", "", "ثلاثة أربعة"],
    ]


# --------------------------------------------------------------------------- mentions_per_period

# July 2022: five documents published; a has two dates, c one, b one duration, d and e none.
# August 2022: two documents; f has one date, g none.
# rel_freq = count / documents published in the period (every document of the period,
# with or without a mention): mentions per document.
#   July   DATE     3 / 5 = 0.6
#   July   DURATION 1 / 5 = 0.2
#   August DATE     1 / 2 = 0.5
DATED = pd.DataFrame(
    {
        "doc_id": ["a", "b", "c", "d", "e", "f", "g"],
        "date": pd.to_datetime(
            [
                "2022-07-04",
                "2022-07-20",
                "2022-07-28",
                "2022-07-29",
                "2022-07-30",
                "2022-08-02",
                "2022-08-15",
            ]
        ),
        "text": [
            "وقعت المذكرة في 24 نونبر 2021 بالرباط ثم في 5 يناير 2022 بالدار البيضاء.",
            "استمرت المفاوضات ثلاثة أيام في الرباط.",
            "قال الوزير إن اللقاء عقد في 3 يوليو 2022.",
            "لا تاريخ في هذا الخبر.",
            "زار الوفد الرباط.",
            "افتتح المعرض في 1 غشت 2022 بالدار البيضاء.",
            "الخبر بلا تاريخ أيضا.",
        ],
    }
)
EXPECTED_RATES = [
    ["2022-07-01", "DATE", 3, 5, 0.6],
    ["2022-07-01", "DURATION", 1, 5, 0.2],
    ["2022-08-01", "DATE", 1, 2, 0.5],
]


def _check_rates(table: pd.DataFrame, expected: list[list]) -> None:
    rows = table.assign(date=table["date"].dt.strftime("%Y-%m-%d"))
    columns = ["date", "type", "count", "documents"]
    assert rows[columns].values.tolist() == [row[:4] for row in expected]
    assert rows["rel_freq"].tolist() == pytest.approx([row[4] for row in expected], rel=1e-12)


def test_mentions_per_period_rate_is_mentions_per_published_document():
    dates = tk.extract_dates(DATED)
    # the extractor finds what the comment above counts
    assert dates.groupby(["doc_id", "type"]).size().to_dict() == {
        ("a", "DATE"): 2,
        ("b", "DURATION"): 1,
        ("c", "DATE"): 1,
        ("f", "DATE"): 1,
    }
    table = tk.mentions_per_period(DATED, by="MS", dates=dates)
    _check_rates(table, EXPECTED_RATES)
    # computed without a precomputed dates table: the same
    _check_rates(tk.mentions_per_period(DATED, by="MS"), EXPECTED_RATES)


def test_mentions_per_period_rates_from_a_given_dates_table():
    # Only doc_id and type are used: 4 DATE in x (day 1), 1 SET in y (day 1), z (day 1)
    # without mentions, 2 TIME in w (day 2). Day 1: 3 documents, day 2: 1.
    corpus = pd.DataFrame(
        {
            "doc_id": ["x", "y", "z", "w"],
            "date": pd.to_datetime(["2022-07-11", "2022-07-11", "2022-07-11", "2022-07-12"]),
            "text": ["نص"] * 4,
        }
    )
    dates = pd.DataFrame(
        {"doc_id": ["x"] * 4 + ["y", "w", "w"], "type": ["DATE"] * 4 + ["SET", "TIME", "TIME"]}
    )
    table = tk.mentions_per_period(corpus, by="D", dates=dates)
    _check_rates(
        table,
        [
            ["2022-07-11", "DATE", 4, 3, 4 / 3],  # 4 mentions / 3 documents
            ["2022-07-11", "SET", 1, 3, 1 / 3],  # 1 / 3
            ["2022-07-12", "TIME", 2, 1, 2.0],  # 2 / 1
        ],
    )

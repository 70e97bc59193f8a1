"""The word-form module: normal forms, proclitic readings, the news model and the gold set."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from toolkit.entities.canonical import canonical_names
from toolkit.terms import term_frequencies
from toolkit.text import lexicon, tokenize
from toolkit.text.clitics import TermResolver
from toolkit.text.forms import (
    SparseForms,
    WordTable,
    attach,
    clean,
    forms_of,
    host_code,
    host_of_code,
    key,
    news_model,
    norm,
    readings,
    stop_form,
    vote,
)

ORIGINAL_SEED = ROOT.parent / "shared" / "seeds" / "kochavi-rabat-visit.txt"


@pytest.fixture(scope="module")
def original_seed() -> str:
    if not ORIGINAL_SEED.exists():
        pytest.skip(f"original seed missing: {ORIGINAL_SEED}")
    return ORIGINAL_SEED.read_text(encoding="utf-8")


def test_named_normal_forms():
    word = "وَإِلَى"
    assert (clean(word), norm(word), stop_form(word)) == ("وإلى", "والي", "والى")
    assert key("الجزيرةُ") == "الجزيره" != norm("الجزيرة")


def test_article_rules_both_ways():
    assert attach("ل", "المغرب") == "للمغرب" and attach("ول", "اللجنة") == "وللجنة"
    assert ("ل", "المجلس") in readings("للمجلس")
    assert ("ل", "اللجنة") in readings("للجنة")
    assert [host for _, host in readings("وبالرباط")] == ["الرباط", "بالرباط"]
    assert list(readings("لا")) == []


def test_spelling_vote_prefers_hamza_on_ties():
    assert vote({"اسرائيل": 3, "إسرائيل": 3}) == "إسرائيل"
    assert vote({"اسرائيل": 4, "إسرائيل": 3}) == "اسرائيل"


WHOLE = ["بايدن", "كوهين", "ليفني", "بالتيمور", "وهران", "وزير", "لبنان", "واشنطن", "وادي"]
SPLIT = {
    "وبمقترحات": "مقترحات", "ومراسلين": "مراسلين", "لمستثمرين": "مستثمرين",
    "وبتعويضات": "تعويضات", "ولمؤسسات": "مؤسسات", "وكمستشارة": "مستشارة",
    "وفالنسيا": "فالنسيا", "ومادورو": "مادورو", "للمجلس": "المجلس", "للجنة": "اللجنة",
    "للقاء": "اللقاء", "لبحر": "بحر", "لليبيا": "ليبيا", "ولإسرائيل": "إسرائيل",
    "وللإعلام": "الإعلام",
}  # fmt: skip


def test_well_attested_whole_forms_stay_whole():
    resolver = TermResolver()
    assert [resolver.term(word) for word in WHOLE] == WHOLE


def test_plurals_names_and_article_forms_split():
    resolver = TermResolver()
    assert {word: resolver.term(word) for word in SPLIT} == SPLIT


def test_frequent_forms_are_resolved_ahead():
    model = news_model()
    assert model.hosts["والمغرب"] == "المغرب" and model.hosts["بايدن"] == ""
    assert not TermResolver().depends_on_evidence("والمغرب")
    assert TermResolver().depends_on_evidence("وكوخافي")  # unseen in the news: the corpus decides


def test_terms_and_canonical_names_agree():
    words = ["وهران", "لليبيا", "ومادورو", "بايدن"]
    terms = term_frequencies(" ".join(words), stopwords=False)["term"].tolist()
    assert sorted(terms) == sorted(canonical_names(words))


def test_original_seed_counts(original_seed):
    tokens = tokenize(original_seed)
    morocco = tokens[tokens.term == "المغرب"]
    israel = tokens[tokens.term == "إسرائيل"]
    assert len(morocco) == 13 and {"للمغرب", "والمغرب"} <= set(morocco.token)
    assert len(israel) == 7 and {"واسرائيل", "ولإسرائيل"} <= set(israel.token)
    counts = term_frequencies(original_seed).set_index("term")["count"]
    assert (counts["المغرب"], counts["إسرائيل"]) == (13, 7)


def test_gold_set_accuracy_on_held_out_words():
    sys.path.insert(0, str(ROOT / "scripts"))
    from evaluate_clitics import evaluate, read_gold

    gold = [row for row in read_gold() if row["split"] == "test"]
    assert sum(row["kind"] == "attached" for row in gold) >= 750
    assert sum(row["kind"] == "plain" for row in gold) >= 400
    results, _ = evaluate(TermResolver(), gold)
    for kind, target in (("attached", 0.95), ("plain", 0.97)):
        right, wrong = results["test", kind, True], results["test", kind, False]
        assert right / (right + wrong) >= target, kind


def test_model_file_is_compact():
    path = Path(ROOT / "toolkit" / "data" / "forms" / "word-forms.npz")
    assert path.stat().st_size < 1_500_000
    model = news_model()
    assert len(model.counts) > 200_000 and len(model.hosts) > 70_000
    assert model.counts["المغرب"] > 1_000 and "xyz" not in model.counts


def test_model_tables_look_up_many_words_at_once():
    model = news_model()
    words = ["المغرب", "والمغرب", "Rabat", "المغربّ", "ا" * 40, "", "وكوخافي"]
    found = model.counts.lookup(words).tolist()
    assert found[0] == model.counts["المغرب"] > 0 and found[1] > 0 and found[2:] == [0] * 5
    assert model.decided(words) == [model.hosts.get(word) for word in words]
    assert model.decided(["والمغرب", "للجنة", "بايدن"]) == ["المغرب", "اللجنة", ""]
    table = WordTable.from_items({"بيت": 3, "Rabat": 2, "ب": 1})
    assert dict(table) == {"ب": 1, "بيت": 3, "Rabat": 2}
    assert table.lookup(["بيت", "بي", "Rabat", "rabat"]).tolist() == [3, 0, 2, 0]


def test_model_table_finds_every_word_and_no_near_miss():
    # the binary search over the words' first 8 bytes must agree with the byte strings
    counts = news_model().counts
    every = dict(zip(counts, counts.values.tolist(), strict=True))  # read without a search
    words = list(every)[::7]  # many long words share their first 8 letters
    assert counts.positions(words).tolist() == list(range(0, len(counts), 7))
    near = [word[:-1] for word in words if len(word) > 9] + [word + "ة" for word in words]
    expected = [every.get(word, 0) for word in near]
    assert counts.lookup(near).tolist() == expected
    assert 0 < sum(count > 0 for count in expected) < len(near) / 2


def test_batch_search_reads_words_as_score_does():
    model = news_model()
    resolver = TermResolver({"كوخافي": 5, "مراسلين": 2, "المجلس": 3, "واشنطن": 4})
    words = [word for word in list(model.counts)[::11] if word[0] in "وفبلك"]
    words += ["وكوخافي", "بكوخافي", "للمجلس", "ولواشنطن", "وفالنسيا", "لل", "و", "x"]
    blocked, unblocked = frozenset({"الي", "اجل"}), frozenset({"لاجل"})
    found = model.search(words, resolver.counts, blocked=blocked, unblocked=unblocked)
    expected = [
        model.score(word, resolver.count, blocked=frozenset() if word in unblocked else blocked)[0]
        for word in words
    ]
    assert found == expected
    assert sum(host != word for host, word in zip(found, words, strict=True)) > 1_000
    assert found[-8:-3] == ["كوخافي", "كوخافي", "المجلس", "واشنطن", "فالنسيا"]


def test_host_codes_read_back_every_decision():
    hosts = news_model().hosts
    assert len(hosts) > 70_000
    for word, host in list(hosts.items())[::50]:
        code = host_code(word, host) if host else 0
        assert (host_of_code(word, code) if code else "") == host


def test_batch_resolution_matches_word_by_word():
    evidence = {"كوخافي": 3, "وكوخافي": 1, "بكوخافي": 1, "ومراسلين": 2, "وإسرائيل": 2,
                "إسرائيل": 4, "للمغرب": 1, "وهران": 2, "وفي": 5, "لل": 1}  # fmt: skip
    together = TermResolver(evidence)
    together.resolve_all(evidence)
    keys = together.key_forms(list(evidence))[1]
    one_by_one = TermResolver(evidence)
    assert together.host_keys(keys) == [one_by_one.host_key(k) for k in keys]
    assert together.host_keys(keys)[:2] == ["كوخافي", "كوخافي"]
    assert together.key_forms(["على", "أركان"]) == (["على", "اركان"], ["علي", "اركان"])


def test_word_form_caches_are_bounded():
    assert news_model.cache_info().maxsize == 1
    assert lexicon.lexicon.cache_info().maxsize == 1
    assert key.cache_info().maxsize is not None


def test_shipped_word_list_is_stored_in_lookup_form():
    # Loading reads the words as they are looked up (no normalising at start-up): every
    # stored word is its own norm form, and the Ayaspell spellings with hamza are unified.
    words = lexicon.lexicon()
    assert all(norm(word) == word for word in words)
    assert lexicon.is_known("أكاديمية") and lexicon.is_known("الإسرائيلي")


def test_sparse_forms_equal_the_forms_of_every_word(seed_text):
    """SparseForms keeps the forms of the words norm changes, found by one regular
    expression; every other word must be its own clean, stop and norm form."""
    words = list(dict.fromkeys(seed_text.split()))
    words += ["وَإِلَى", "عـــلى", "ﻣﺮﺣﺒﺎ", "ڪتاب", "\u200fالرباط", "٢٠٢١", "مستشفى", "Rabat"]
    forms = SparseForms.of(words)
    cleans, stops, keys = forms_of(words)
    assert forms.take(words) == (stops, keys)
    assert forms.keys == [keys[i] for i in forms.at]
    assert forms.cleans == [cleans[i] for i in forms.at]
    assert [forms.distinct_keys[c] for c in forms.key_codes] == forms.keys
    plain = sorted(set(range(len(words))) - set(forms.at.tolist()))
    assert plain and all(cleans[i] == stops[i] == keys[i] == words[i] for i in plain)
    some = [len(words) - 1, 0, *forms.at[:3].tolist()]
    assert forms.take(words, some) == ([stops[i] for i in some], [keys[i] for i in some])

"""similarity (top-k, sparse), document_map (CA, SVD) and plot.document_map."""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd
import pytest

import toolkit as tk
from tests._exploration_data import moroccan
from toolkit import plot

DOCS = pd.DataFrame({
    "doc_id": ["a", "b", "c", "d"],
    "text": ["المنتخب المغربي فاز بالمباراة", "والمنتخب المغربي فاز", "الحكومة أقرت الميزانية",
             "الميزانية والحكومة في البرلمان"],
    "source": ["رياضة", "رياضة", "اقتصاد", "اقتصاد"],
})  # fmt: skip


def test_jaccard_checked_by_hand():
    table = tk.similarity(DOCS, method="jaccard", top=3, min_df=1, max_df=1.0)
    pairs = {(row.doc_id, row.other): row.similarity for row in table.itertuples()}
    # a: المنتخب المغربي فاز المباراة; b: المنتخب المغربي فاز -> 3 shared / 4
    assert pairs[("a", "b")] == pytest.approx(0.75)
    # c: الحكومة أقرت الميزانية; d: الميزانية الحكومة البرلمان -> 2 / 4
    assert pairs[("c", "d")] == pytest.approx(0.5)
    assert ("a", "c") not in pairs  # nothing shared: not listed


def test_cosine_top_k_ranks_and_duplicates():
    corpus = pd.concat([DOCS, DOCS.head(1).assign(doc_id="a-copy")], ignore_index=True)
    table = tk.similarity(corpus, top=2, min_df=1, max_df=1.0)
    first = table[table.doc_id == "a"]
    assert first["other"].tolist() == ["a-copy", "b"]
    assert first["similarity"].iloc[0] == pytest.approx(1.0)
    assert first["rank"].tolist() == [1, 2]
    assert (table.doc_id != table.other).all()
    assert table.groupby("doc_id").size().max() <= 2


def test_ties_go_to_the_documents_that_come_first():
    """Equal similarities, also at the cut after ``top``: the earlier documents are listed."""
    copies = pd.DataFrame({"doc_id": [f"b{i:03d}" for i in range(300)],
                           "text": DOCS.loc[1, "text"]})  # fmt: skip
    corpus = pd.concat([DOCS.head(1), copies], ignore_index=True)
    for method in ("cosine", "jaccard"):
        table = tk.similarity(corpus, method=method, top=3, min_df=1, max_df=1.0)
        assert table[table.doc_id == "a"]["other"].tolist() == ["b000", "b001", "b002"]
        assert table[table.doc_id == "b150"]["other"].tolist() == ["b000", "b001", "b002"]


def test_moroccan_similarity_and_map():
    corpus = moroccan()
    table = tk.similarity(corpus, top=5)
    assert table["similarity"].between(0, 1 + 1e-6).all()
    assert table.groupby("doc_id").size().max() == 5
    with pytest.MonkeyPatch.context() as patch:  # several blocks, compared on two threads
        patch.setattr(sys.modules["toolkit.documents.similarity"], "BLOCK", 7)
        pd.testing.assert_frame_equal(tk.similarity(corpus, top=5, n_jobs=2), table)
    for method in ("ca", "svd"):
        result = tk.document_map(corpus, method=method)
        assert len(result.documents) == len(corpus)
        assert result.documents["source"].tolist() == corpus["source"].tolist()
        placed = np.isfinite(result.documents[["x", "y"]]).all(axis=1)
        assert corpus.loc[~placed.to_numpy(), "text"].tolist() == ["—"]  # no word: no place
        assert result.documents["contribution"].sum() == pytest.approx(1)
        assert 0 < result.explained[1] <= result.explained[0] < 1


def test_ca_is_centred_and_separates_the_two_themes():
    result = tk.document_map(DOCS, min_df=1, max_df=1.0)
    docs = result.documents.set_index("doc_id")
    assert np.sign(docs.loc["a", "x"]) == np.sign(docs.loc["b", "x"]) != np.sign(docs.loc["c", "x"])
    masses = np.array([4, 3, 3, 3])  # words kept per document (في is a stop word)
    assert np.average(docs["x"], weights=masses) == pytest.approx(0, abs=1e-9)


def test_plot_document_map_colours_and_labels():
    result = tk.document_map(DOCS, min_df=1, max_df=1.0)
    ax = plot.document_map(result, color="source", n_labels=3)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [plot.arabic_text(s, renderer="matplotlib") for s in ["رياضة", "اقتصاد"]]
    top = result.terms.nlargest(3, "contribution")["term"]
    assert [t.get_text() for t in ax.texts] == [
        plot.arabic_text(t, renderer="matplotlib") for t in top]  # fmt: skip
    documents = plot.document_map(result, color=None, labels="documents", n_labels=2)
    assert len(documents.texts) == 2


def test_one_term_matrix_shared_by_the_document_analyses():
    """Counted once, a TermMatrix gives each analysis what counting the corpus gives it."""
    corpus = moroccan()
    evidence = tk.corpus_evidence(corpus)
    shared = tk.term_matrix(corpus, evidence=evidence)
    pd.testing.assert_frame_equal(tk.similarity(shared, top=3),
                                  tk.similarity(corpus, top=3, evidence=evidence))  # fmt: skip
    from_matrix = tk.document_map(shared)
    from_corpus = tk.document_map(corpus, evidence=evidence)
    pd.testing.assert_frame_equal(from_matrix.documents, from_corpus.documents)
    pd.testing.assert_frame_equal(from_matrix.terms, from_corpus.terms)
    assert "x" not in shared.documents  # the shared table is left as it was
    model = tk.topics(shared, n_topics=4, max_iter=5)
    pd.testing.assert_frame_equal(model.terms, tk.topics(corpus, n_topics=4, max_iter=5,
                                                         evidence=evidence).terms)  # fmt: skip
    with pytest.raises(ValueError, match="another stopwords="):
        tk.similarity(shared, stopwords=False)
    with pytest.raises(ValueError, match="another evidence="):
        tk.similarity(shared, evidence=tk.corpus_evidence(corpus.head(5)))
    with pytest.raises(ValueError, match=r"pruned to min_df=5.*cannot give min_df=2"):
        tk.topics(shared.prune(min_df=5), n_topics=4, min_df=2)


def test_matrices_of_one_count_equal_the_matrices_counted_apart():
    """corpus_summary's two matrices (every word, content words) come from one count."""
    from toolkit.terms.matrix import term_matrices

    corpus = moroccan()
    every, content = term_matrices(corpus, stopwords=[False, True])
    for shared, alone in ((every, tk.term_matrix(corpus, stopwords=False)),
                          (content, tk.term_matrix(corpus))):  # fmt: skip
        assert shared.terms == alone.terms and shared.stopwords == alone.stopwords
        assert (shared.matrix != alone.matrix).nnz == 0
    assert {"من", "إلى", "الذي"} <= set(every.terms) - set(content.terms)
    with pytest.raises(ValueError, match="one stop list"):
        term_matrices(corpus, stopwords=[True, ["في"]])


def test_the_last_corpus_counted_is_not_counted_again_until_it_or_its_evidence_changes(
    monkeypatch,
):
    """corpus_summary, term_matrix and dictionary_counts of one corpus count it once."""
    from toolkit.terms import matrix as matrix_module

    corpus = moroccan().head(60)
    evidence = tk.corpus_evidence(corpus)
    counted = []
    count = matrix_module._count_matrices
    monkeypatch.setattr(matrix_module, "_count_matrices",
                        lambda *a, **k: counted.append(1) or count(*a, **k))  # fmt: skip
    summary = tk.corpus_summary(corpus, evidence=evidence)
    first = tk.term_matrix(corpus, evidence=evidence)
    first.matrix.data[:] = 0  # a caller's copy: changing it changes nothing kept
    dictionary = tk.dictionary_counts(corpus, dictionary={"ملك": ["ملك*"]}, evidence=evidence)
    again = tk.term_matrix(corpus.copy(), evidence=evidence)
    assert counted == [1] and again.matrix.sum() > 0
    assert (again.matrix != tk.term_matrix(corpus.copy(), evidence=evidence).matrix).nnz == 0
    assert summary.documents["tokens"].tolist() == dictionary["tokens"].tolist()
    edited = corpus.copy()
    edited.loc[edited.index[0], "text"] += " والمغرب"
    tk.term_matrix(edited, evidence=evidence)
    assert counted == [1, 1]
    evidence.update({"المغرب": 5})
    tk.term_matrix(edited, evidence=evidence)
    tk.term_matrix(edited)  # the corpus's own evidence
    assert counted == [1, 1, 1, 1]

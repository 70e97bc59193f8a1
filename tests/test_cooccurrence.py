"""Co-occurrence tables, matrices, graphs and exports on hand-made entity tables."""

from __future__ import annotations

import math
import sys

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit import (
    cooccurrence,
    cooccurrence_graph,
    cooccurrence_matrix,
    cooccurrence_sparse,
    export_graph,
)

# doc a: sentence 0 = المغرب, إسرائيل (twice), sentence 1 = المغرب, غانتس;
#        a blank line separates sentence 0 from sentence 1.
# doc b: sentence 0 = المغرب, إسرائيل; sentence 2 = القدس.
DOC_A = "المغرب وإسرائيل وإسرائيل.\n\nالمغرب استقبل غانتس."
DOC_B = "المغرب وإسرائيل. جملة. القدس"
CORPUS = pd.DataFrame({"doc_id": ["a", "b"], "text": [DOC_A, DOC_B]})


def _mention(doc_id, sent_id, text, canonical, label="LOC"):
    doc = DOC_A if doc_id == "a" else DOC_B
    start = doc.index(text)
    return (doc_id, sent_id, start, start + len(text), text, label, canonical)


ENTITIES = pd.DataFrame(
    [
        _mention("a", 0, "المغرب", "المغرب"),
        _mention("a", 0, "وإسرائيل", "إسرائيل"),
        _mention("a", 0, "وإسرائيل.", "إسرائيل"),
        _mention("a", 1, "المغرب استقبل", "المغرب"),
        _mention("a", 1, "غانتس", "بيني غانتس", "PERS"),
        _mention("b", 0, "المغرب", "المغرب"),
        _mention("b", 0, "وإسرائيل", "إسرائيل"),
        _mention("b", 2, "القدس", "القدس"),
    ],
    columns=["doc_id", "sent_id", "start", "end", "text", "label", "canonical"],
)


def _pairs(edges: pd.DataFrame) -> dict[tuple[str, str], int]:
    return {
        (s, t): c for s, t, c in zip(edges["source"], edges["target"], edges["count"], strict=True)
    }


def test_sentence_counts_units_not_mentions():
    edges = cooccurrence(ENTITIES)
    assert list(edges.columns) == ["source", "target", "weight", "count", "docs"]
    assert _pairs(edges) == {("إسرائيل", "المغرب"): 2, ("المغرب", "بيني غانتس"): 1}
    first = edges.iloc[0]
    assert (first["source"], first["target"], first["docs"]) == ("إسرائيل", "المغرب", 2)
    assert (edges["source"] < edges["target"]).all()


def test_document_unit_and_min_count():
    edges = cooccurrence(ENTITIES, unit="document")
    assert _pairs(edges)[("القدس", "المغرب")] == 1
    assert _pairs(edges)[("إسرائيل", "بيني غانتس")] == 1
    strong = cooccurrence(ENTITIES, unit="document", min_count=2)
    assert _pairs(strong) == {("إسرائيل", "المغرب"): 2}


def test_sentence_window():
    assert _pairs(cooccurrence(ENTITIES, unit=1)) == _pairs(cooccurrence(ENTITIES))
    window3 = _pairs(cooccurrence(ENTITIES, unit=3))
    assert window3[("القدس", "المغرب")] == 1  # doc b: sentences 0 and 2 share one window
    assert ("القدس", "المغرب") not in _pairs(cooccurrence(ENTITIES, unit=2))


def test_paragraph_unit_needs_and_uses_the_corpus():
    with pytest.raises(ValueError, match="corpus="):
        cooccurrence(ENTITIES, unit="paragraph")
    edges = _pairs(cooccurrence(ENTITIES, unit="paragraph", corpus=CORPUS))
    # doc a has two paragraphs, doc b one
    assert ("إسرائيل", "بيني غانتس") not in edges
    assert edges[("القدس", "المغرب")] == 1
    assert edges[("إسرائيل", "المغرب")] == 2


def test_pmi_and_dice_weights():
    edges = cooccurrence(ENTITIES, weight="pmi").set_index(["source", "target"])
    # units with a name: a/0, a/1, b/0, b/2 -> N = 4; المغرب in 3, إسرائيل in 2
    assert edges.loc[("إسرائيل", "المغرب"), "weight"] == pytest.approx(math.log2(2 * 4 / (3 * 2)))
    dice = cooccurrence(ENTITIES, weight="dice").set_index(["source", "target"])
    assert dice.loc[("إسرائيل", "المغرب"), "weight"] == pytest.approx(2 * 2 / (3 + 2))


def test_label_filter():
    edges = cooccurrence(ENTITIES, labels=["LOC"])
    assert "بيني غانتس" not in set(edges["source"]) | set(edges["target"])
    assert _pairs(cooccurrence(ENTITIES, labels="PERS")) == {}


def test_chunks_and_processes_give_the_same_table():
    whole = cooccurrence(ENTITIES, unit=2, weight="pmi")
    chunks = [ENTITIES[ENTITIES["doc_id"] == d] for d in ("a", "b")]
    pd.testing.assert_frame_equal(cooccurrence(iter(chunks), unit=2, weight="pmi"), whole)
    pd.testing.assert_frame_equal(cooccurrence(ENTITIES, unit=2, weight="pmi", n_jobs=2), whole)


def test_matrix_dense_and_sparse():
    matrix = cooccurrence_matrix(ENTITIES)
    assert matrix.index.tolist() == ["المغرب", "إسرائيل", "بيني غانتس"]
    assert (matrix.to_numpy() == matrix.to_numpy().T).all()
    assert matrix.loc["المغرب", "إسرائيل"] == 2
    assert matrix.loc["المغرب", "المغرب"] == 0
    sparse, names = cooccurrence_sparse(ENTITIES)
    assert names == matrix.index.tolist()
    assert (sparse.toarray() == matrix.to_numpy()).all()


def test_matrix_top_names_and_refusal_of_huge_dense_matrices(monkeypatch):
    top = cooccurrence_matrix(ENTITIES, top=2)
    assert top.index.tolist() == top.columns.tolist() == ["المغرب", "إسرائيل"]
    assert top.loc["المغرب", "إسرائيل"] == 2
    module = sys.modules["toolkit.entities.cooccurrence"]  # the package attribute is the function
    monkeypatch.setattr(module, "MAX_DENSE_NAMES", 2)
    with pytest.raises(ValueError, match="3 names is too large: pass top="):
        cooccurrence_matrix(ENTITIES)
    sparse, names = cooccurrence_sparse(ENTITIES)
    assert len(names) == 3 and sparse.shape == (3, 3)


def test_matrix_sparse_keyword_still_works_with_a_future_warning():
    with pytest.warns(FutureWarning, match="call cooccurrence_sparse"):
        sparse, names = cooccurrence_matrix(ENTITIES, sparse=True)
    expected, expected_names = cooccurrence_sparse(ENTITIES)
    assert names == expected_names and (sparse != expected).nnz == 0
    with pytest.warns(FutureWarning, match="sparse= is deprecated"):
        assert cooccurrence_matrix(ENTITIES, sparse=False).equals(cooccurrence_matrix(ENTITIES))


def test_graph_attributes():
    graph = cooccurrence_graph(ENTITIES)
    assert graph.nodes["المغرب"] == {"label": "LOC", "frequency": 3}
    assert graph.nodes["بيني غانتس"]["label"] == "PERS"
    assert graph.edges["المغرب", "إسرائيل"] == {"weight": 2.0, "count": 2, "docs": 2}
    assert "القدس" not in graph  # no edge in any sentence


def test_export_round_trips(tmp_path):
    graph = cooccurrence_graph(ENTITIES)
    nodes_before = list(graph.nodes(data=True))
    gexf = nx.read_gexf(export_graph(graph, path=tmp_path / "g.gexf"))
    assert list(graph.nodes(data=True)) == nodes_before  # the entity label is put back
    assert all(list(data) == ["label", "frequency"] for _, data in graph.nodes(data=True))
    assert set(gexf.nodes) == set(graph.nodes)
    assert gexf.nodes["المغرب"]["type"] == "LOC"
    assert gexf.nodes["المغرب"]["label"] == "المغرب"
    assert gexf.edges["المغرب", "إسرائيل"]["count"] == 2
    graphml = nx.read_graphml(export_graph(graph, path=tmp_path / "g.graphml"))
    assert graphml.nodes["بيني غانتس"] == {"label": "PERS", "frequency": 1}
    edges = pd.read_csv(export_graph(graph, path=tmp_path / "g.csv"))
    assert len(edges) == graph.number_of_edges()
    # in the order the edges carry them, whatever the process's string hashing
    assert list(edges.columns) == ["source", "target", "weight", "count", "docs"]
    nodes = pd.read_csv(tmp_path / "g_nodes.csv")
    assert set(nodes["name"]) == set(graph.nodes)


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="weight"):
        cooccurrence(ENTITIES, weight="jaccard")
    with pytest.raises(ValueError, match="unit"):
        cooccurrence(ENTITIES, unit=0)
    with pytest.raises(ValueError, match="canonical"):
        cooccurrence(ENTITIES.drop(columns="canonical"))
    with pytest.raises(TypeError):
        cooccurrence("المغرب")
    with pytest.raises(ValueError, match="format"):
        export_graph(nx.Graph(), path="graph.svg")


MENTIONS = st.lists(
    st.tuples(
        st.sampled_from(["d1", "d2", "d3"]),
        st.integers(0, 4),
        st.sampled_from(["المغرب", "إسرائيل", "القدس", "غانتس"]),
    ),
    max_size=25,
)


@settings(max_examples=50, deadline=None)
@given(MENTIONS, st.sampled_from(["sentence", "document", 2]))
def test_any_chunking_by_document_gives_the_same_counts(mentions, unit):
    table = pd.DataFrame(
        [(d, s, 10 * s, 10 * s + 3, n, "LOC", n) for d, s, n in mentions],
        columns=["doc_id", "sent_id", "start", "end", "text", "label", "canonical"],
    )
    whole = cooccurrence(table, unit=unit, weight="dice")
    chunks = [table[table["doc_id"] == d] for d in ("d3", "d1", "d2")]
    pd.testing.assert_frame_equal(cooccurrence(chunks, unit=unit, weight="dice"), whole)
    assert (whole["source"] != whole["target"]).all()
    assert (whole["docs"] <= whole["count"]).all()
    assert whole[["source", "target"]].duplicated().sum() == 0


def test_counts_are_shared_between_calls_but_never_stale():
    """The graph and the matrix reuse the table's counts; an edited table is counted again."""
    entities = ENTITIES.copy()
    assert _pairs(cooccurrence(entities)) == {("إسرائيل", "المغرب"): 2, ("المغرب", "بيني غانتس"): 1}
    graph = cooccurrence_graph(entities)
    assert graph["إسرائيل"]["المغرب"]["count"] == 2
    entities.loc[entities["canonical"] == "بيني غانتس", "canonical"] = "غانتس"  # edited in place
    assert _pairs(cooccurrence(entities)) == {("إسرائيل", "المغرب"): 2, ("المغرب", "غانتس"): 1}
    entities.loc[entities["doc_id"] == "b", "sent_id"] = 5  # b's names now share sentence 5
    assert _pairs(cooccurrence(entities)) == {
        ("إسرائيل", "المغرب"): 2,
        ("المغرب", "غانتس"): 1,
        ("إسرائيل", "القدس"): 1,
        ("القدس", "المغرب"): 1,
    }
    assert _pairs(cooccurrence(entities, labels=["PERS"])) == {}

"""toolkit.show and toolkit.explore in Python: marked-up documents, search logic, the widgets.

The seed here is the original article (../shared/seeds), not the bundled copy.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest
from bs4 import BeautifulSoup

import toolkit as tk
from tests._report_runs import INJECTIONS, ROOT
from tests.conftest import shared_data
from toolkit.interactive import Explorer, show

ORIGINAL_SEED = ROOT.parent / "shared" / "seeds" / "kochavi-rabat-visit.txt"


@pytest.fixture(scope="module")
def seed() -> str:
    if not ORIGINAL_SEED.exists():
        pytest.skip(f"original seed missing: {ORIGINAL_SEED}")
    return ORIGINAL_SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_entities(seed: str) -> pd.DataFrame:
    return tk.extract_entities(seed)


@pytest.fixture(scope="module")
def seed_dates(seed: str) -> pd.DataFrame:
    return tk.extract_dates(seed)


def pieces(soup: BeautifulSoup, css: str) -> dict[str, list]:
    """Marked elements by their data-start (a mark split around another has several pieces)."""
    found: dict[str, list] = {}
    for element in soup.select(css):
        found.setdefault(element["data-start"], []).append(element)
    return found


# --------------------------------------------------------------------------- show


def test_show_marks_every_entity_and_date_of_the_seed(seed, seed_entities, seed_dates):
    assert len(seed_entities) >= 40 and len(seed_dates) >= 5
    view = show(seed)  # entities and dates computed inside
    soup = BeautifulSoup(view.html, "html.parser")
    root = soup.div
    assert (root["dir"], root["lang"]) == ("rtl", "ar")
    assert soup.select_one(".tk-text").get_text() == seed  # all the text, nothing added
    entities = pieces(soup, "mark.tk-entity")
    for row in seed_entities.itertuples():
        marks = entities[str(row.start)]
        assert "".join(m.get_text() for m in marks) == row.text
        assert {m["data-label"] for m in marks} == {row.label}
        assert {m["title"] for m in marks} == {f"{row.label}: {row.canonical}"}
    dates = pieces(soup, "mark.tk-date")
    for row in seed_dates.itertuples():
        marks = dates[str(row.start)]
        assert "".join(m.get_text() for m in marks) == row.text
        value = row.value if isinstance(row.value, str) and row.value else "unresolved"
        assert {(m["data-label"], m["title"]) for m in marks} == {
            (row.type, f"{row.type}: {value}")
        }
    assert len(entities) == len(seed_entities) and len(dates) == len(seed_dates)
    assert dates[str(seed.index("24 نونبر 2021"))][0]["title"] == "DATE: 2021-11-24"
    legend = soup.select_one(".tk-legend").get_text()
    assert all(label in legend for label in ("PERS", "LOC", "ORG", "DATE"))
    assert "MISC" not in legend  # only the labels present
    # precomputed tables give the same page
    assert show(seed, entities=seed_entities, dates=seed_dates).html == view.html


def test_show_colours_by_label(seed, seed_entities, seed_dates):
    soup = BeautifulSoup(show(seed, entities=seed_entities, dates=seed_dates).html, "html.parser")
    styles: dict[str, set] = {}
    for mark in soup.select("mark"):
        styles.setdefault(mark["data-label"], set()).add(mark["style"])
    assert all(len(s) == 1 for s in styles.values())  # one colour per label
    assert len({next(iter(s)) for s in styles.values()}) == len(styles)  # distinct labels


def test_show_underlines_terms_by_readable_form(seed):
    soup = BeautifulSoup(show(seed, entities=False, dates=False, terms=["المغرب"]).html,
                         "html.parser")  # fmt: skip
    underlined = [span.get_text() for span in soup.select("span.tk-term")]
    assert {"المغرب", "والمغرب", "للمغرب"} <= set(underlined)
    assert "وإسرائيل" not in underlined and "المغربية" not in underlined
    assert len(underlined) == len(tk.kwic(seed, query="المغرب"))
    phrase = show(seed, entities=False, dates=False, terms="رئيس أركان").html
    assert BeautifulSoup(phrase, "html.parser").select_one(".tk-term").get_text() == "رئيس أركان"


@pytest.mark.parametrize("injection", INJECTIONS)
def test_show_escapes_hostile_text(injection):
    text = f"زار أفيف كوخافي الرباط {injection} يوم 24 نونبر 2021 {injection}"
    start = text.index("الرباط")
    canonical = f'الرباط" onmouseover="alert(5) {injection}'
    entities = pd.DataFrame({"doc_id": ["doc0"], "sent_id": [0], "start": [start],
                             "end": [start + 6], "text": ["الرباط"], "label": ["LOC"],
                             "canonical": [canonical]})  # fmt: skip
    view = show(text, entities=entities, dates=None, terms=["<script>", "كوخافي"])
    soup = BeautifulSoup(view.html, "html.parser")
    assert soup.select_one(".tk-text").get_text() == text
    assert soup.find_all(["script", "img", "svg", "b", "a"]) == []
    assert all(not name.startswith("on") for tag in soup.find_all(True) for name in tag.attrs)
    assert soup.select_one("mark.tk-entity")["data-canonical"].endswith(injection)
    assert injection not in view.html  # only its escaped form


def test_show_splits_crossing_marks_and_keeps_the_text():
    text = "وصل الوفد يوم السبت الماضي"
    entities = pd.DataFrame({"start": [4], "end": [17], "text": [text[4:17]], "label": ["ORG"],
                             "canonical": ["x"]})  # fmt: skip
    dates = pd.DataFrame({"start": [14], "end": [26], "text": [text[14:26]], "type": ["DATE"],
                          "value": ["2022-07-09"]})  # fmt: skip
    soup = BeautifulSoup(show(text, entities=entities, dates=dates).html, "html.parser")
    assert soup.select_one(".tk-text").get_text() == text
    assert "".join(m.get_text() for m in soup.select("mark.tk-entity")) == text[4:17]
    assert "".join(m.get_text() for m in soup.select("mark.tk-date")) == text[14:26]


def test_show_takes_a_corpus_row_or_a_doc_id(seed, seed_entities):
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["والمغرب يرحب", seed],
                           "title": ["<i>عنوان</i>", "زيارة"],
                           "date": pd.to_datetime(["2022-07-11", "2022-07-11"])})  # fmt: skip
    entities = seed_entities.assign(doc_id="b")
    by_id = show(corpus, doc_id="b", entities=entities, dates=None)
    by_row = show(corpus.iloc[1], entities=entities, dates=None)
    assert by_id.html == by_row.html and by_id.doc_id == "b"
    soup = BeautifulSoup(by_id.html, "html.parser")
    assert soup.select_one(".tk-title").get_text() == "زيارة"
    assert len(soup.select("mark.tk-entity")) == len(seed_entities)
    # the row's date resolves relative dates: الأسبوع المقبل of 2022-07-11
    assert soup.select_one("mark.tk-date")["data-value"] == "2022-W29"
    assert "<i>" not in show(corpus, doc_id="a", entities=False).html
    with pytest.raises(ValueError, match="doc_id"):
        show(corpus)
    with pytest.raises(KeyError):
        show(corpus, doc_id="zz")
    with pytest.raises(TypeError):
        show(42)


def test_show_saves_a_page(tmp_path):
    view = show("زار كوخافي الرباط", entities=False, dates=False)
    view.save(tmp_path / "doc.html")
    page = (tmp_path / "doc.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and view.html in page
    assert view._repr_html_() == view.html


# --------------------------------------------------------------------------- explore logic


@pytest.fixture(scope="module")
def small_corpus(seed: str) -> pd.DataFrame:
    return pd.DataFrame({
        "doc_id": ["seed", "gulf", "sport"],
        "text": [seed, "استقبل الملك سلمان في الرياض وزير خارجية المغرب. وللمغرب علاقات قوية",
                 "فاز المنتخب المغربي في الرباط. وقال المدرب إن المغرب جاهز"],
        "source": ["hespress", "saudinewsnet", "hespress"],
        "date": pd.to_datetime(["2022-07-11", "2015-08-01", "2022-07-20"]),
    })  # fmt: skip


@pytest.fixture(scope="module")
def explorer(small_corpus) -> Explorer:
    return Explorer(small_corpus, page_size=5)


def test_explore_finds_clitic_forms_like_kwic(seed, explorer):
    explorer.update(query="المغرب", name=None, source=None, date_range=None, label=None)
    found = {(row.doc_id, row.start, row.end) for row in _all_rows(explorer).itertuples()}
    expected = tk.kwic(explorer.corpus, query="المغرب")
    assert found == set(zip(expected["doc_id"], expected["start"], expected["end"]))
    matches = set(_all_rows(explorer)["match"])
    assert {"المغرب", "والمغرب", "للمغرب", "وللمغرب"} <= matches
    assert "المغربي" not in matches and "المغربية" not in matches
    assert (explorer.n_hits, explorer.n_docs) == (len(expected), 3)
    # a query written with a clitic finds the same
    assert explorer.update(query="والمغرب").n_hits == len(expected)
    phrase = explorer.update(query="الجيش الإسرائيلي")
    assert phrase.n_hits == 3 and set(phrase.page()["match"]) == {"الجيش الإسرائيلي"}
    assert explorer.update(query="الجيش، الإسرائيلي").n_hits == 3  # punctuation ignored
    assert explorer.update(query="كلمةغيرموجودة").n_hits == 0
    assert explorer.update(query="").n_hits == 0


def _all_rows(explorer: Explorer) -> pd.DataFrame:
    return pd.concat([explorer.page(i) for i in range(explorer.n_pages)], ignore_index=True)


def test_explore_pages(explorer):
    explorer.update(query="المغرب", name=None, source=None, date_range=None, label=None)
    n = explorer.n_hits
    assert explorer.n_pages == -(-n // 5)
    rows = _all_rows(explorer)
    assert rows["row"].tolist() == list(range(n))
    assert len(explorer.page(explorer.n_pages - 1)) == n - 5 * (explorer.n_pages - 1)
    with pytest.raises(IndexError):
        explorer.page(explorer.n_pages)
    first = explorer.page(0).iloc[0]
    assert first["left"] == "في أول زيارة له الى" and first["right"].startswith("بعد إعادة")
    assert (first["doc_id"], first["source"]) == ("seed", "hespress")


def test_explore_filters_change_the_table(explorer):
    everything = explorer.update(query="المغرب", name=None, source=None, date_range=None,
                                 label=None).n_hits  # fmt: skip
    by_source = explorer.update(source="saudinewsnet")
    assert set(_all_rows(by_source)["doc_id"]) == {"gulf"} and by_source.n_hits == 2
    assert explorer.update(source=None, date_range=("2022-07-01", "2022-07-31")).n_docs == 2
    assert explorer.update(date_range=("2022-07-20", "2022-07-20")).n_docs == 1  # inclusive
    explorer.update(date_range=None)
    assert explorer.date_bounds() == (pd.Timestamp("2015-08-01"), pd.Timestamp("2022-07-20"))
    kochavi = explorer.update(name="أفيف كوخافي")
    assert set(_all_rows(kochavi)["doc_id"]) == {"seed"}
    assert 0 < kochavi.n_hits < everything
    persons = explorer.update(name=None, label="PERS")
    assert "sport" not in set(_all_rows(persons)["doc_id"])  # no person named there
    explorer.update(label=None)
    names = explorer.name_choices("PERS")
    assert "أفيف كوخافي" in set(names["name"]) and set(names["label"]) == {"PERS"}
    with_him = explorer.cooccurring("أفيف كوخافي")
    assert {"بيني غانتس", "الرباط"} <= set(with_him["name"])
    assert "أفيف كوخافي" not in set(with_him["name"])
    both = explorer.update(name="المغرب", with_name="الرياض")
    assert set(_all_rows(both)["doc_id"]) == {"gulf"}
    explorer.update(name=None, with_name=None)
    with pytest.raises(TypeError, match="unknown"):
        explorer.update(colour="red")


def test_explore_shows_a_row_with_its_match(explorer):
    explorer.update(query="المغرب", name=None, source=None, date_range=None, label=None)
    row = explorer.page(0).iloc[3]
    soup = BeautifulSoup(explorer.document(3).html, "html.parser")
    match = soup.select("span.tk-match")
    assert [m.get_text() for m in match] == [row["match"]]
    assert soup.select_one(".tk-text").get_text()[row["start"] : row["end"]] == row["match"]
    assert len(soup.select("mark.tk-entity")) > 40 and soup.select("span.tk-term")


def test_explore_agrees_with_kwic_on_a_real_corpus():
    corpus = tk.load_corpus(shared_data("news/moroccan-febrayer-yabiladi.jsonl.gz"))
    explorer = Explorer(corpus, entities=False, page_size=10_000)
    for query in ["المغرب", "الملك محمد السادس"]:
        rows = explorer.update(query=query).page(0)
        expected = tk.kwic(corpus, query=query)
        assert len(rows) == len(expected) > 20
        assert set(zip(rows["doc_id"], rows["start"], rows["end"])) == set(
            zip(expected["doc_id"], expected["start"], expected["end"])
        )
    assert explorer.date_bounds() is None


# --------------------------------------------------------------------------- the widgets


def test_explore_panel_drives_the_explorer(small_corpus):
    panel = tk.explore(small_corpus, page_size=5)
    visible = lambda: [box for box in panel.rows if box.layout.display != "none"]  # noqa: E731
    assert visible() == [] and "type a query" in panel.status.value
    assert (panel.name.label, panel.with_name.label, panel.source.label) == (
        "any name",
        "—",
        "all sources",
    )
    panel.query.value = "المغرب"
    assert len(visible()) == 5 and "hits in <b>3</b> documents" in panel.status.value
    assert ">للمغرب</td>" in "".join(box.children[1].value for box in visible())
    panel.next.click()
    assert panel.explorer.current == 1 and panel.page_label.value.startswith("page 2 /")
    visible()[0].children[0].click()
    assert 'class="tk-match"' in panel.document.value
    panel.source.value = "saudinewsnet"
    assert len(visible()) == 2
    panel.source.value = ""
    panel.name.value = "أفيف كوخافي"
    assert "بيني غانتس" in [value for _, value in panel.with_name.options]
    assert panel.explorer.n_docs == 1
    panel.label.value = "LOC"
    assert panel.explorer.name is None and panel.name.options[1][1] == "المغرب"
    assert panel.dates is not None and panel.dates.options[0][0] == "2015-08-01"
    bundle = panel._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "live Jupyter kernel" in bundle["text/html"]


def test_kwic_line_escapes(small_corpus):
    corpus = small_corpus.assign(text=[f"{INJECTIONS[0]} المغرب {INJECTIONS[1]}"] * 3)
    panel = tk.explore(corpus, entities=False)
    panel.query.value = "المغرب"
    line = panel.rows[0].children[1].value
    assert "<script" not in line and "<img" not in line and "<svg" not in line
    assert "&lt;/script&gt;" in line and "&lt;img src=x" in line


# --------------------------------------------------------------------------- network widget


@pytest.fixture(scope="module")
def seed_graph(seed_entities):
    return tk.cooccurrence_graph(seed_entities)


def test_network_widget_draws_the_graph_with_tooltips(seed, seed_entities, seed_graph):
    panel = tk.network_widget(seed_graph, entities=seed_entities, corpus=seed)
    nodes = {node.data["id"]: node.data for node in panel.cytoscape.graph.nodes}
    assert set(nodes) == set(seed_graph.nodes)
    assert len(panel.cytoscape.graph.edges) == seed_graph.number_of_edges()
    kochavi = nodes["أفيف كوخافي"]
    assert kochavi["tooltip"].startswith("أفيف كوخافي · PERS · 1 mentions")
    assert kochavi["color"] != nodes["المغرب"]["color"]  # PERS and LOC
    edge = next(e.data for e in panel.cytoscape.graph.edges if e.data["source"] == "المغرب")
    assert "sentences" in edge["tooltip"] and "documents" in edge["tooltip"]
    assert panel.cytoscape.tooltip_source == "tooltip"
    panel.on_hover({"data": kochavi})
    assert "أفيف كوخافي · PERS · 1 mentions" in panel.hover.value
    assert len(tk.network_widget(seed_graph, top=5).cytoscape.graph.nodes) == 5
    bundle = panel._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "live Jupyter kernel" in bundle["text/html"]
    with pytest.raises(ValueError, match="no nodes"):
        tk.network_widget(seed_graph.subgraph([]))


def test_network_click_shows_the_linking_sentences(seed, seed_entities, seed_graph):
    panel = tk.network_widget(seed_graph, entities=seed_entities, corpus=seed)
    panel.on_edge({"data": {"source": "أفيف كوخافي", "target": "الرباط"}})
    soup = BeautifulSoup(panel.details.value, "html.parser")
    assert soup.div["dir"] == "rtl"
    assert [m.get_text() for m in soup.select("li mark")] == ["أفيف كوخافي", "بالرباط"]
    assert "1 sentence" in soup.b.get_text()
    count = seed_graph.edges["المغرب", "إسرائيل"]["count"]
    panel.on_edge({"data": {"source": "المغرب", "target": "إسرائيل"}})
    assert len(BeautifulSoup(panel.details.value, "html.parser").select("li")) == count
    panel.on_node({"data": {"id": "المغرب"}})
    assert "LOC" in panel.details.value and "<li>إسرائيل" in panel.details.value
    without = tk.network_widget(seed_graph)
    without.on_edge({"data": {"source": "المغرب", "target": "إسرائيل"}})
    assert "pass entities=" in without.details.value


def test_network_tooltips_are_escaped():
    """ipycytoscape shows a tooltip through innerHTML: names from the text must be escaped."""
    graph = nx.Graph()
    graph.add_edge(INJECTIONS[1], "الرباط", weight=1, count=1, docs=1)
    graph.nodes[INJECTIONS[1]].update(label="PERS", frequency=1)
    panel = tk.network_widget(graph)
    tooltips = [e.data["tooltip"] for e in [*panel.cytoscape.graph.nodes,
                                            *panel.cytoscape.graph.edges]]  # fmt: skip
    assert all("<img" not in t for t in tooltips) and any("&lt;img" in t for t in tooltips)
    panel.on_hover({"data": panel.cytoscape.graph.nodes[0].data})
    panel.on_node({"data": {"id": INJECTIONS[1]}})
    assert "<img" not in panel.hover.value + panel.details.value


def test_linking_sentences_escape_and_span_documents():
    from toolkit.interactive import LinkingSentences

    texts = [f"زار غانتس الرباط {INJECTIONS[1]}. ثم عاد", "قال غانتس في الرباط."]
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": texts})
    rows = [(doc, 0, texts[i].index(word), texts[i].index(word) + len(word), word, label, word)
            for i, doc in enumerate(["a", "b"])
            for word, label in (("غانتس", "PERS"), ("الرباط", "LOC"))]  # fmt: skip
    entities = pd.DataFrame(rows, columns=["doc_id", "sent_id", "start", "end", "text", "label",
                                           "canonical"])  # fmt: skip
    links = LinkingSentences(entities, corpus)
    found = links.between("غانتس", "الرباط")
    assert found["doc_id"].tolist() == ["a", "b"]
    assert found["sentence"].tolist() == [texts[0][: texts[0].index(".") + 1], texts[1]]
    assert links.between("غانتس", "غيره").empty
    marked = links.marked("غانتس", "الرباط")
    assert "<img" not in marked and "&lt;img" in marked
    assert BeautifulSoup(marked, "html.parser").select("mark")[0].get_text() == "غانتس"

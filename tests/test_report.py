"""toolkit.report and toolkit.report_html: notebooks run; HTML is safe, offline, RTL for Arabic."""

from __future__ import annotations

import base64
import html
import importlib.util
import re
import sys
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from nbformat.v4 import new_code_cell, new_notebook, new_output

from tests._report_runs import (
    FIXTURE_NOTEBOOK,
    INJECTIONS,
    ROOT,
    SEEDS,
    notebook_params,
    report_run,
)
from toolkit import report
from toolkit.report import (
    ReportError,
    find_notebooks,
    find_seeds,
    run_report,
    save_figures,
    strip_progress_bars,
)
from toolkit.report_html import CONTENT_SECURITY_POLICY, finish_report_html, text_direction

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SCRIPTS = ROOT / "scripts"
CORPORA = ["seed", "dated"]


def _completed(corpus_kind: str, notebook: Path):
    run = report_run(corpus_kind, notebook)
    assert run.error is None, str(run.error)
    return run.result


def _active_content(fragment: str) -> list[str]:
    """Elements of an HTML fragment that could run code or fetch something."""
    soup = BeautifulSoup(fragment, "html.parser")
    found = [tag.name for tag in soup.find_all(["script", "iframe", "object", "embed"])]
    for tag in soup.find_all(True):
        found += [f"{tag.name}[{name}]" for name in tag.attrs if name.lower().startswith("on")]
        if tag.name == "img" and not str(tag.get("src", "")).startswith("data:image/"):
            found.append(f"img[src={tag.get('src')}]")
        if str(tag.get("href", "")).strip().lower().startswith("javascript:"):
            found.append("a[href=javascript:]")
    return found


# --- notebooks executed end to end (the same tests cover notebooks/*.ipynb once they can run)


@pytest.mark.parametrize("corpus_kind", CORPORA)
@pytest.mark.parametrize("notebook", notebook_params())
def test_notebook_executes_and_writes_report_and_figures(corpus_kind, notebook):
    result = _completed(corpus_kind, notebook)
    executed = nbformat.read(result.executed, 4)
    errors = [o for c in executed.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    assert result.html.stat().st_size > 10_000
    assert result.figures, f"{notebook.name} drew no figure"
    for figure in result.figures:
        assert figure.parent.name == "figures"
        assert figure.name.startswith(f"{notebook.stem}-")
        if figure.suffix == ".png":
            assert figure.read_bytes().startswith(PNG_SIGNATURE)
            assert figure.with_suffix(".svg").read_text(encoding="utf-8").lstrip().startswith("<")


@pytest.mark.parametrize("corpus_kind", CORPORA)
@pytest.mark.parametrize("notebook", notebook_params())
def test_corpus_and_options_are_injected_as_parameters(corpus_kind, notebook):
    result = _completed(corpus_kind, notebook)
    executed = nbformat.read(result.executed, 4)
    tagged = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    injected = tagged[0]
    run = report_run(corpus_kind, notebook)
    assert f"corpus = {str(run.corpus.resolve())!r}" in injected.source.replace('"', "'")
    assert ("group_by = 'source'" in injected.source.replace('"', "'")) == (corpus_kind == "dated")
    assert ("n_jobs = 2" in injected.source) == (corpus_kind == "dated")


@pytest.mark.parametrize("notebook", notebook_params())
def test_untrusted_text_reaches_outputs_only_escaped(notebook):
    """The notebooks never put corpus text into HTML unescaped (before any sanitising)."""
    result = _completed("dated", notebook)
    executed = nbformat.read(result.executed, 4)
    for cell in executed.cells:
        for output in cell.get("outputs", []):
            for mime in ("text/html", "text/markdown"):
                fragment = output.get("data", {}).get(mime, "")
                assert _active_content(fragment) == [], f"cell {cell.get('id')}: {mime}"


def test_fixture_report_shows_injection_as_text():
    result = _completed("dated", FIXTURE_NOTEBOOK)
    page = result.html.read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert _active_content(str(soup.body)) == []
    assert soup.find("script") is None
    assert html.escape(INJECTIONS[0][:20], quote=False) in page
    assert "<script>window.__pwned" in soup.get_text()


def test_kernel_runs_on_this_interpreter_and_this_toolkit():
    result = _completed("seed", FIXTURE_NOTEBOOK)
    executed = nbformat.read(result.executed, 4)
    printed = "".join(
        output.get("text", "") for cell in executed.cells for output in cell.get("outputs", [])
    )
    assert f"kernel python: {sys.executable}\n" in printed
    assert f"toolkit: {Path(report.__file__).parent}\n" in printed


@pytest.mark.parametrize("corpus_kind", CORPORA)
@pytest.mark.parametrize("notebook", notebook_params())
def test_html_report_is_self_contained_and_script_free(corpus_kind, notebook):
    soup = BeautifulSoup(_completed(corpus_kind, notebook).html.read_text("utf-8"), "html.parser")
    assert soup.find("script") is None
    assert soup.find("link") is None
    policy = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert policy["content"] == CONTENT_SECURITY_POLICY
    images = soup.find_all("img")
    assert images
    assert all(img["src"].startswith("data:image/") for img in images)
    assert soup.html["lang"] == "en"
    heading = next(line[2:] for cell in nbformat.read(notebook, 4).cells
                   if cell.cell_type == "markdown" for line in cell.source.splitlines()
                   if line.startswith("# "))  # fmt: skip
    assert soup.title.string == heading.strip()  # the report's title, not a file name
    assert not re.search(r"\[\d\d:\d\d[^\]]*/s\]", soup.get_text()), "progress bar in report"


def test_fixture_report_marks_arabic_rtl_and_code_ltr():
    page = _completed("seed", FIXTURE_NOTEBOOK).html.read_text("utf-8")
    reader = BeautifulSoup(page, "html.parser")
    assert not reader.select(".jp-CodeCell .jp-InputArea")  # hidden unless --show-code
    shown = report_run("seed", FIXTURE_NOTEBOOK, show_code=True)
    assert shown.error is None, str(shown.error)
    soup = BeautifulSoup(shown.result.html.read_text("utf-8"), "html.parser")
    paragraph = next(p for p in soup.select(".jp-RenderedMarkdown p") if "تقرير" in p.get_text())
    assert (paragraph["dir"], paragraph["lang"]) == ("rtl", "ar")
    english = next(p for p in soup.select(".jp-RenderedMarkdown p") if "A small" in p.get_text())
    assert not english.has_attr("dir")
    cells = [td for td in soup.select(".jp-OutputArea-output td") if "المغرب" in td.get_text()]
    assert cells
    assert all(td["dir"] == "rtl" for td in cells)
    code = soup.select(".jp-CodeCell .jp-InputArea")
    assert code
    assert all(area["dir"] == "ltr" for area in code)
    assert any("أكثر" in area.get_text() for area in code)


def _clean_notebooks_script():
    spec = importlib.util.spec_from_file_location("clean_notebooks", SCRIPTS / "clean_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


COMMITTED_NOTEBOOKS = [*sorted((ROOT / "notebooks").glob("*.ipynb")), FIXTURE_NOTEBOOK]


@pytest.mark.parametrize("path", COMMITTED_NOTEBOOKS, ids=lambda path: path.stem)
def test_committed_notebooks_carry_no_volatile_metadata(path):
    nb = nbformat.read(path, 4)
    assert nbformat.writes(_clean_notebooks_script().clean(nb)) == nbformat.writes(nb)
    assert all("execution" not in cell.metadata for cell in nb.cells)


@pytest.mark.parametrize("path", COMMITTED_NOTEBOOKS, ids=lambda path: path.stem)
def test_notebooks_declare_the_report_parameters(path):
    import papermill

    parameters = papermill.inspect_notebook(str(path))
    assert {"corpus", "dct", "top_n", "group_by", "output_dir"} <= set(parameters)
    assert parameters["dct"]["default"] == "None"
    if path.parent.name == "notebooks":
        assert parameters["corpus"]["default"] == '"../seeds"'
        assert parameters["n_jobs"]["default"] == "1"


# --- failures and bad input


def test_bad_corpus_path_is_reported_before_any_kernel_starts(tmp_path):
    missing = tmp_path / "no-such-corpus"
    with pytest.raises(ReportError, match=r"corpus not found: .*no-such-corpus"):
        run_report(missing, out=tmp_path / "out", notebooks=[FIXTURE_NOTEBOOK])
    assert not (tmp_path / "out").exists()


def test_bad_reference_date_is_reported(tmp_path):
    with pytest.raises(ReportError, match="'11/07/2022' is not an ISO date"):
        run_report(SEEDS, out=tmp_path, dct="11/07/2022", notebooks=[FIXTURE_NOTEBOOK])


def test_unknown_notebook_name_lists_the_available_ones():
    with pytest.raises(ReportError, match="'99' names no notebook file"):
        find_notebooks(["99"])


def test_notebooks_are_found_by_path_or_prefix():
    assert find_notebooks([FIXTURE_NOTEBOOK]) == [FIXTURE_NOTEBOOK]
    available = find_notebooks()
    assert [path.name for path in available] == sorted(path.name for path in available)
    assert find_notebooks([available[0].name[:2]]) == [available[0]]


def test_missing_seeds_folder_is_explained(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(report, "_PACKAGE_ROOT", tmp_path / "site-packages" / "toolkit")
    with pytest.raises(ReportError, match="ships with the source repository"):
        find_seeds()
    (tmp_path / "seeds").mkdir()
    assert find_seeds() == (tmp_path / "seeds").resolve()


def test_save_figures_names_images_by_cell_tag_and_replaces_old_ones(tmp_path):
    png = base64.b64encode(PNG_SIGNATURE + b"fake").decode()
    image = new_output("display_data", data={"image/png": png})
    svg = new_output("display_data", data={"image/svg+xml": "<svg/>"})
    both = new_output("display_data", data={"image/png": png, "image/svg+xml": "<svg/>"})
    nb = new_notebook(
        cells=[
            new_code_cell("plot()", metadata={"tags": ["top-terms"]}, outputs=[image, svg]),
            new_code_cell("plot()", metadata={"tags": ["network"]}, outputs=[both]),
            new_code_cell("x", outputs=[new_output("stream", name="stdout", text="x")]),
            new_code_cell("plot()", outputs=[image]),
        ]
    )
    (tmp_path / "01_terms-stale.png").write_bytes(b"old")
    (tmp_path / "other-notes.txt").write_text("kept")
    written = save_figures(nb, tmp_path, "01_terms")
    names = [path.name for path in written]
    assert names == [
        "01_terms-top-terms.png",
        "01_terms-top-terms-2.svg",
        "01_terms-network.png",
        "01_terms-network.svg",
        "01_terms-cell03.png",
    ]
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([*names, "other-notes.txt"])
    assert written[0].read_bytes() == PNG_SIGNATURE + b"fake"


def test_progress_bars_are_stripped_but_warnings_kept():
    text = (
        "entities: 0chunk [00:00, ?chunk/s]\rentities: 1chunk [00:00,  5.4chunk/s]\n"
        "evidence:  40%|####      | 4/10 [00:01<00:02,  3.10chunk/s]\n"
        "UserWarning: 3 rows without a date were left out\n"
    )
    stderr = new_output("stream", name="stderr", text=text)
    only_bars = new_output("stream", name="stderr", text="terms: 1chunk [00:00, 9.1chunk/s]\n")
    stdout = new_output("stream", name="stdout", text="[00:00, 1.0it/s]\n")
    nb = strip_progress_bars(
        new_notebook(cells=[new_code_cell("x", outputs=[stderr, only_bars, stdout])])
    )
    outputs = nb.cells[0].outputs
    assert [o.text for o in outputs] == [
        "UserWarning: 3 rows without a date were left out\n",
        "[00:00, 1.0it/s]\n",
    ]


# --- the HTML post-processing step on its own

EXPORT = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/>
<meta http-equiv="refresh" content="0;url=https://example.com"><title>t</title></head><body>
<div class="jp-Cell jp-MarkdownCell"><div class="jp-RenderedHTMLCommon jp-RenderedMarkdown">
<p>زار أفيف كوخافي الرباط في يوليوز 2022.</p><p>The visit to Rabat (الرباط) in July.</p>
<div dir="ltr"><p>نص اختار الكاتب اتجاهه</p></div>
<ul><li>المغرب</li><li>إسرائيل</li></ul></div></div>
<div class="jp-CodeCell"><div class="jp-InputArea"><pre>tk.kwic(corpus, "المغرب")</pre></div></div>
<div class="jp-OutputArea-output"><table><tr><th>term</th><th>count</th></tr>
<tr><td>المغرب</td><td>12</td></tr></table><pre>زيارة رسمية</pre><pre>query: المغرب</pre>
<script>alert(1)</script><img src="x" onerror="alert(2)"><a href=" javascript:alert(3)">x</a>
<img src="data:image/png;base64,iVBORw0KGgo="><iframe src="https://example.com"></iframe>
<svg onload="alert(4)"><a xlink:href="javascript:alert(5)">y</a></svg>
<a href="https://example.com/ok">source</a></div></body></html>"""


def test_post_processing_removes_everything_executable_and_external():
    soup = BeautifulSoup(finish_report_html(EXPORT), "html.parser")
    assert soup.find_all(["script", "iframe"]) == []
    assert _active_content(str(soup.body)) == []
    assert soup.find("svg").attrs == {}
    assert [img["src"][:22] for img in soup.find_all("img")] == ["data:image/png;base64,"]
    assert "[image omitted: not embedded in the report]" in soup.get_text()
    assert not soup.find("meta", attrs={"http-equiv": "refresh"})
    assert soup.find("a", string="source")["href"] == "https://example.com/ok"
    assert not soup.find("a", string="x").has_attr("href")


def test_post_processing_sets_direction_where_arabic_is_shown():
    soup = BeautifulSoup(finish_report_html(EXPORT), "html.parser")
    arabic, mixed, authored = soup.select(".jp-RenderedMarkdown p")
    assert (arabic["dir"], arabic["lang"]) == ("rtl", "ar")
    assert not mixed.has_attr("dir")
    assert not authored.has_attr("dir")
    assert soup.select_one(".jp-RenderedMarkdown ul")["dir"] == "rtl"
    assert soup.select_one(".jp-CodeCell .jp-InputArea")["dir"] == "ltr"
    cells = {td.get_text(): td.get("dir") for td in soup.find_all(["td", "th"])}
    assert cells == {"term": None, "count": None, "المغرب": "rtl", "12": None}
    arabic_text, mixed_text = soup.select(".jp-OutputArea-output pre")
    assert (arabic_text.get("dir"), mixed_text.get("dir")) == ("rtl", None)
    assert (soup.html["lang"], soup.html["dir"]) == ("en", "ltr")
    charset, policy = soup.head.find_all("meta")[:2]
    assert charset.has_attr("charset")
    assert policy["http-equiv"] == "Content-Security-Policy"


@pytest.mark.parametrize(
    ("text", "direction"),
    [("المغرب", "rtl"), ("وزارة الدفاع (Ministry)", "rtl"), ("Rabat", "ltr"), ("2022 ،", None)],
)
def test_text_direction_follows_the_majority_script(text, direction):
    assert text_direction(text) == direction


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))))
def test_post_processing_never_changes_displayed_text(text):
    page = f'<div class="jp-OutputArea-output"><p>{html.escape(text)}</p></div>'
    shown = BeautifulSoup(finish_report_html(page), "html.parser").p.get_text()
    assert shown == re.sub("\r\n?", "\n", text)


def test_a_dead_kernel_is_reported_naming_notebook_and_cell(tmp_path):
    notebook = new_notebook(
        cells=[
            new_code_cell("corpus = None", metadata={"tags": ["parameters"]}),
            new_code_cell(
                "import os\nos._exit(9)  # the kernel process dies, as when out of memory"
            ),
        ],
        metadata={"kernelspec": {"name": "python3", "language": "python", "display_name": "Py"}},
    )
    path = tmp_path / "09_dies.ipynb"
    nbformat.write(notebook, path)
    with pytest.raises(
        ReportError, match=r"09_dies\.ipynb: the kernel died .* cell 2\n.*import os"
    ):
        run_report(SEEDS, notebooks=[path], out=tmp_path / "out", figures=tmp_path / "fig",
                   progress=False, log=lambda message: None)  # fmt: skip

"""The HTML reports in a real browser: headless Chromium driven by Playwright.

Each report must open offline with no console error, every image loaded,
Arabic paragraphs and table cells laid out right to left and code left to
right; the injection corpus must raise no dialog and run no script. A
full-page screenshot of every report is saved to test-artifacts/.
Chromium comes from the system (Debian package ``chromium``); Playwright's own
browser download is never used.
"""

from __future__ import annotations

import os
import shutil

import pytest

from tests._report_runs import FIXTURE_NOTEBOOK, ROOT, notebook_params, report_run
from toolkit.report_html import finish_report_html, text_direction

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip

#: Collected in the page: Arabic-majority text blocks not laid out RTL, code not LTR, images.
INSPECT = """() => {
  const arabic = /[\\u0620-\\u064A\\u0671-\\u06D3\\u06FA-\\u06FF]/g;
  const latin = /[A-Za-z\\u00C0-\\u024F]/g;
  const isArabic = (el) => {
    const text = el.innerText || "";
    const a = (text.match(arabic) || []).length, l = (text.match(latin) || []).length;
    return a > 0 && a >= l;
  };
  const direction = (el) => getComputedStyle(el).direction;
  const describe = (el) => `${el.tagName}: ${(el.innerText || "").slice(0, 40)}`;
  const scope = ".jp-RenderedMarkdown, .jp-OutputArea-output";
  const blocks = [...document.querySelectorAll(
      `:is(${scope}) :is(p, li, h1, h2, h3, h4, td, th)`)]
    .filter((el) => !el.closest(".jp-CodeCell .jp-InputArea"));
  const arabicBlocks = blocks.filter(isArabic);
  const code = [...document.querySelectorAll(".jp-CodeCell .jp-InputArea pre")];
  const images = [...document.images];
  const headings = [...document.querySelectorAll(".jp-RenderedMarkdown :is(h1, h2)")];
  return {
    headings: headings.map((el) => el.innerText),
    pageDirection: getComputedStyle(document.documentElement).direction,
    arabicParagraphs: arabicBlocks.filter((el) => el.matches("p, li, h1, h2, h3, h4")).length,
    arabicCells: arabicBlocks.filter((el) => el.matches("td, th")).length,
    notRtl: arabicBlocks.filter((el) => direction(el) !== "rtl").map(describe),
    leftAligned: arabicBlocks.filter((el) => getComputedStyle(el).textAlign === "left")
      .map(describe),
    code: code.length,
    notLtr: code.filter((el) => direction(el) !== "ltr").map(describe),
    images: images.length,
    brokenImages: images.filter((img) => !img.complete || img.naturalWidth === 0).length,
    pwned: window.__pwned === undefined ? null : window.__pwned,
    text: document.body.innerText,
  };
}"""


@pytest.fixture(scope="module")
def browser():
    in_ci = os.environ.get("CI", "").lower() == "true"
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if in_ci:
            pytest.fail("playwright is not installed (pip install -e '.[test]')")
        pytest.skip("playwright is not installed")
    if executable is None:
        if in_ci:
            pytest.fail("chromium is not installed (apt-get install chromium)")
        pytest.skip("chromium is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


def open_page(browser, *, url: str | None = None, html: str | None = None):
    """Load a page offline; return (page, console errors, dialogs, inspection)."""
    context = browser.new_context(viewport={"width": 1100, "height": 900}, offline=True)
    page = context.new_page()
    errors: list[str] = []
    dialogs: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    if url is not None:
        page.goto(url, wait_until="load")
    else:
        page.set_content(html, wait_until="load")
    page.wait_for_timeout(200)
    return page, errors, dialogs, page.evaluate(INSPECT)


@pytest.mark.parametrize("corpus_kind", ["seed", "dated"])
@pytest.mark.parametrize("notebook", notebook_params())
def test_report_reads_right_and_runs_nothing_in_chromium(browser, corpus_kind, notebook):
    run = report_run(corpus_kind, notebook)
    assert run.error is None, str(run.error)
    page, errors, dialogs, seen = open_page(browser, url=run.result.html.as_uri())
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{notebook.stem}-{corpus_kind}.png", full_page=True)
    page.context.close()

    assert errors == []
    assert dialogs == []
    assert seen["pwned"] is None
    assert seen["images"] >= 1
    assert seen["brokenImages"] == 0
    assert seen["arabicParagraphs"] >= 1
    assert seen["arabicCells"] >= 1
    assert seen["notRtl"] == []
    assert seen["leftAligned"] == []
    assert seen["code"] == 0  # readers see no code unless --show-code
    # every figure of the report is written beside it, under out/figures
    assert seen["images"] == len(list(run.figures.glob(f"{notebook.stem}-*.png")))
    assert run.figures.parent == run.out
    if corpus_kind == "dated" and notebook.stem == "report_check":
        assert "<script>window.__pwned = 1; alert(1)</script>" in seen["text"]


def test_show_code_brings_the_code_back_left_to_right(browser):
    run = report_run("seed", FIXTURE_NOTEBOOK, show_code=True)
    assert run.error is None, str(run.error)
    page, errors, _, seen = open_page(browser, url=run.result.html.as_uri())
    page.context.close()
    assert errors == []
    assert seen["code"] >= 1
    assert seen["notLtr"] == []


@pytest.mark.parametrize("notebook", [p for p in notebook_params() if p.id[:2].isdigit()])
def test_arabic_report_reads_right_to_left(browser, notebook):
    run = report_run("dated", notebook, lang="ar")
    assert run.error is None, str(run.error)
    page, errors, dialogs, seen = open_page(browser, url=run.result.html.as_uri())
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{notebook.stem}-dated-ar.png", full_page=True)
    page.context.close()
    assert (errors, dialogs, seen["pwned"]) == ([], [], None)
    assert seen["pageDirection"] == "rtl"
    assert seen["headings"] and all(text_direction(h) == "rtl" for h in seen["headings"])
    assert seen["notRtl"] == [] and seen["code"] == 0


UNFINISHED = """<html><body><div class="jp-OutputArea-output">
<p>زار كوخافي الرباط</p><table><tr><td>المغرب</td></tr></table>
<img src="missing.png"><script>window.__pwned = 1; alert("x")</script></div>
<div class="jp-CodeCell"><div class="jp-InputArea"><pre>x = "نص"</pre></div></div>
</body></html>"""


def test_checks_catch_a_page_without_post_processing(browser):
    """Negative control: the same inspection flags raw HTML, so the checks above can fail."""
    page, _, dialogs, seen = open_page(browser, html=UNFINISHED)
    page.context.close()
    assert dialogs == ["x"]
    assert seen["pwned"] == 1
    assert len(seen["notRtl"]) == 2
    assert seen["brokenImages"] == 1


def test_post_processed_page_passes_the_same_checks(browser):
    page, errors, dialogs, seen = open_page(browser, html=finish_report_html(UNFINISHED))
    page.context.close()
    assert (errors, dialogs, seen["pwned"], seen["notRtl"], seen["brokenImages"]) == (
        [],
        [],
        None,
        [],
        0,
    )
    assert seen["notLtr"] == []

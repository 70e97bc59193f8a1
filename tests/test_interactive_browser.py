"""toolkit.show, explore and network_widget in a real browser (headless Chromium, Playwright).

* ``show`` of the original seed, with hostile text added, under the reports'
  Content-Security-Policy: no console error, nothing run, laid out RTL;
* a notebook calling ``show`` and ``explore``, executed and exported as a report:
  the marks are there and the panel is a static note, not a broken widget;
* JupyterLab on that notebook: typing a query fills the KWIC rows, a row's
  button shows its document, and the network widget draws (screenshots in
  test-artifacts/).
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from tests._report_runs import INJECTIONS, ROOT
from tests.test_browser import ARTIFACTS, browser, open_page  # noqa: F401 (fixture)
from toolkit.interactive import show
from toolkit.report_html import CONTENT_SECURITY_POLICY

ORIGINAL_SEED = ROOT.parent / "shared" / "seeds" / "kochavi-rabat-visit.txt"

#: What the page shows: marks, direction, tooltips, hostile elements that made it into the DOM.
SHOW_INSPECT = """() => {
  const root = document.querySelector(".tk-show");
  const marks = [...document.querySelectorAll("mark.tk-entity, mark.tk-date")];
  return {
    direction: getComputedStyle(root).direction,
    textDirection: getComputedStyle(root.querySelector(".tk-text")).direction,
    entities: document.querySelectorAll("mark.tk-entity").length,
    dates: document.querySelectorAll("mark.tk-date").length,
    coloured: marks.filter((m) => getComputedStyle(m).backgroundColor !== "rgba(0, 0, 0, 0)")
      .length,
    untitled: marks.filter((m) => !m.title).length,
    hostile: document.querySelectorAll(".tk-text script, .tk-text img, .tk-text svg").length,
    pwned: window.__pwned === undefined ? null : window.__pwned,
    text: root.querySelector(".tk-text").innerText,
  };
}"""


@pytest.fixture(scope="module")
def seed() -> str:
    if not ORIGINAL_SEED.exists():
        pytest.skip(f"original seed missing: {ORIGINAL_SEED}")
    return ORIGINAL_SEED.read_text(encoding="utf-8")


def page_with_policy(body: str) -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
        f"</head><body>{body}</body></html>"
    )


def test_show_renders_under_the_report_policy(browser, seed):  # noqa: F811
    hostile = seed + "\n" + "\n".join(INJECTIONS)
    view = show(hostile, terms=["المغرب"], highlight=[(20, 26)])
    page, errors, dialogs, _ = open_page(browser, html=page_with_policy(view.html))
    seen = page.evaluate(SHOW_INSPECT)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "show-seed.png", full_page=True)
    page.context.close()
    assert errors == [] and dialogs == [] and seen["pwned"] is None
    assert (seen["direction"], seen["textDirection"]) == ("rtl", "rtl")
    assert seen["entities"] >= 40 and seen["dates"] >= 5
    assert seen["coloured"] == seen["entities"] + seen["dates"] and seen["untitled"] == 0
    assert seen["hostile"] == 0
    assert all(injection in seen["text"] for injection in INJECTIONS)


def test_policy_would_catch_a_script(browser):  # noqa: F811
    """Negative control: under the same page and policy, an unescaped script is reported."""
    page, errors, dialogs, _ = open_page(browser, html=page_with_policy(INJECTIONS[0]))
    page.context.close()
    assert dialogs == [] and any("Content Security Policy" in e for e in errors)


def explore_notebook(seed_path: Path) -> nbformat.NotebookNode:
    cells = [
        "import pandas as pd\nimport toolkit as tk\n"
        f"text = open({str(seed_path)!r}, encoding='utf-8').read()\n"
        "corpus = pd.DataFrame({'doc_id': ['seed'], 'text': [text], 'source': ['hespress'],\n"
        "                       'date': pd.to_datetime(['2022-07-11'])})",
        "tk.show(corpus, doc_id='seed')",
        "panel = tk.explore(corpus)\npanel",
        "entities = tk.extract_entities(corpus)\n"
        "tk.network_widget(tk.cooccurrence_graph(entities), entities=entities, corpus=corpus)",
    ]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}  # fmt: skip
    return notebook


def test_exported_report_has_the_marks_and_a_note_for_the_panel(browser, seed, tmp_path):  # noqa: F811
    from toolkit.report import execute_notebook, export_html

    source = tmp_path / "explore.ipynb"
    nbformat.write(explore_notebook(ORIGINAL_SEED), source)
    executed = execute_notebook(source, tmp_path / "executed.ipynb", progress=False, timeout=300)
    report = export_html(executed, tmp_path / "explore.html")
    html = report.read_text(encoding="utf-8")
    assert "live Jupyter kernel" in html and "interactive widget omitted" not in html
    page, errors, dialogs, _ = open_page(browser, url=report.as_uri())
    seen = page.evaluate(SHOW_INSPECT)
    page.screenshot(path=ARTIFACTS / "explore-report.png", full_page=True)
    page.context.close()
    assert errors == [] and dialogs == []
    assert seen["direction"] == "rtl" and seen["entities"] >= 40 and seen["dates"] >= 5


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def jupyterlab(tmp_path, seed):
    """A JupyterLab server on 127.0.0.1 serving a notebook that explores the seed."""
    nbformat.write(explore_notebook(ORIGINAL_SEED), tmp_path / "explore.ipynb")
    port, token = free_port(), secrets.token_hex(16)
    path = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
        "PYTHONPATH": path,
    }
    command = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}",
        "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={tmp_path}", "--ServerApp.port_retries=0",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", "--allow-root",
        "--LabApp.extension_manager=readonly",
    ]  # fmt: skip
    log = (tmp_path / "lab.log").open("w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2) as r:
                    json.load(r)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start:\n{(tmp_path / 'lab.log').read_text()}")
                time.sleep(0.5)
        yield f"{url}/lab/tree/explore.ipynb?token={token}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=5)
        log.close()


def hover_until_shown(page, network) -> str:
    """Sweep the mouse over the network until the kernel's hover line names something."""
    hover = network.locator(".tk-network-hover")
    hint = hover.inner_text()
    box = network.locator("canvas").first.bounding_box()
    for y in range(int(box["y"]) + 10, int(box["y"] + box["height"]) - 10, 15):
        for x in range(int(box["x"]) + 10, int(box["x"] + box["width"]) - 10, 15):
            page.mouse.move(x, y)
        page.wait_for_timeout(150)
        if hover.inner_text() != hint:
            break
    page.wait_for_timeout(500)
    return hover.inner_text()


def test_explore_in_jupyterlab(browser, jupyterlab):  # noqa: F811
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(jupyterlab, wait_until="domcontentloaded", timeout=60_000)
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=90_000)
        news = page.get_by_role("button", name="No", exact=True)  # "notified about news?"
        if news.is_visible():
            news.click()
        page.locator(".jp-Notebook .jp-Cell").first.click()
        for _ in range(4):
            page.keyboard.press("Shift+Enter")
        panel = page.locator(".tk-explore")
        panel.wait_for(timeout=60_000)
        query = panel.locator("input[type='text']").first
        query.click()
        query.press_sequentially("المغرب", delay=60)
        rows = panel.locator("table.tk-kwic-row")
        rows.first.wait_for(timeout=30_000)
        page.wait_for_function(
            "() => document.querySelectorAll('.tk-explore table.tk-kwic-row').length >= 13",
            timeout=30_000,
        )
        status = panel.locator(".tk-status").inner_text()
        chosen = panel.locator("select").nth(1).evaluate("s => s.options[s.selectedIndex].text")
        matches = rows.locator(".tk-kwic-match").all_inner_texts()
        panel.get_by_role("button", name="4", exact=True).click()
        panel.locator(".tk-show .tk-match").wait_for(timeout=30_000)
        shown = panel.locator(".tk-show .tk-match").inner_text()
        ARTIFACTS.mkdir(exist_ok=True)
        panel.scroll_into_view_if_needed()
        page.screenshot(path=ARTIFACTS / "explore-jupyterlab.png", full_page=True)
        panel.screenshot(path=ARTIFACTS / "explore-panel.png")
        network = page.locator(".tk-network")
        network.locator("canvas").first.wait_for(timeout=60_000)
        network.scroll_into_view_if_needed()
        page.wait_for_timeout(1500)  # the layout settles
        canvases = network.locator("canvas").count()
        hovered = hover_until_shown(page, network)
        network.screenshot(path=ARTIFACTS / "network-jupyterlab.png")
    except Exception:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / "explore-jupyterlab-failed.png", full_page=True)
        raise
    finally:
        context.close()
    assert "13 hits in 1 documents" in status
    assert chosen.replace("\xa0", " ") == "any name"  # ipywidgets shows no-break spaces
    assert {"المغرب", "للمغرب", "والمغرب"} <= set(matches)
    assert shown == matches[4]
    assert canvases >= 1
    assert " mentions · " in hovered or " sentences, " in hovered
    assert errors == []

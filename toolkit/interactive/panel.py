"""The ipywidgets face of :class:`~toolkit.interactive.explorer.Explorer`: a thin layer.

Each control sets one :class:`Explorer` setting and redraws the page; all
logic lives in the explorer. Outside a live kernel (an exported HTML report)
the panel shows a static note instead of a broken widget.
"""

from __future__ import annotations

import html
import time
from typing import Any

import pandas as pd

from toolkit._api import legacy
from toolkit._docstrings import fill_doc
from toolkit.interactive._static import StaticInReports
from toolkit.interactive.explorer import Explorer

__all__ = ["ExplorePanel", "explore"]

#: What an exported notebook shows in place of the live panel.
STATIC_NOTE = (
    '<div class="tk-explore-note" style="border:1px dashed #999;padding:0.5em;color:#555">'
    "toolkit.explore: an interactive search panel. It needs a live Jupyter kernel and is not "
    "part of an exported report; run the notebook to use it.</div>"
)
_ROW_STYLE = "width:100%;table-layout:fixed;border-collapse:collapse"


@legacy(renamed={"corpus": "data"})
@fill_doc
def explore(
    data: pd.DataFrame,
    *,
    entities: pd.DataFrame | bool | None = None,
    page_size: int = 20,
    window: int = 6,
    n_jobs: int | None = 1,
) -> ExplorePanel:
    """An interactive search panel over a corpus for a live notebook.

    Type a query (matched by readable term: المغرب also finds والمغرب and
    للمغرب, several words form a phrase), filter by entity label and name
    (then by a name that co-occurs with it), by source and by publication
    date, page through the keyword-in-context rows and press a row's button
    to read its document (:func:`toolkit.show`, the match outlined). The
    search index is built once (9 to 26 s for 31,000 articles, depending on
    the machine's load); a query then takes under a millisecond, a redrawn
    page about 35 ms.

    Parameters
    ----------
    data : DataFrame
        A corpus DataFrame (``doc_id``, ``text``, optional ``date``,
        ``source``, ``title``).
    entities : DataFrame, bool or None, default None
        The :func:`toolkit.extract_entities` table of the corpus, None to
        compute it now (about 4 minutes for 30,000 articles on one core:
        pass a saved table for big corpora), or False for no entity filter.
    page_size : int, default 20
        Rows per page.
    window : int, default 6
        Words of context on each side.
    {n_jobs}

    Returns
    -------
    ExplorePanel
        Jupyter displays it; the logic is :class:`Explorer`, usable without
        widgets (``panel.explorer``).

    Examples
    --------
    >>> import pandas as pd
    >>> panel = explore(pd.DataFrame({"doc_id": ["a"], "text": ["والمغرب"]}), entities=False)
    >>> panel.explorer.update(query="المغرب").n_hits
    1
    """
    explorer = Explorer(data, entities=entities, page_size=page_size, window=window,
                        n_jobs=n_jobs)  # fmt: skip
    return ExplorePanel(explorer)


class ExplorePanel(StaticInReports):
    """The widgets of :func:`explore` around an :class:`Explorer` (``.explorer``, ``.widget``)."""

    STATIC_NOTE = STATIC_NOTE

    def __init__(self, explorer: Explorer) -> None:
        import ipywidgets as w

        self.explorer = explorer
        self.query = w.Text(placeholder="ابحث / search", description="query",
                            continuous_update=True, layout=w.Layout(width="22em"))  # fmt: skip
        self.status = w.HTML()
        labels = sorted(set(explorer.names["label"].dropna()))
        self.label = w.Dropdown(options=[("all labels", ""), *[(x, x) for x in labels]],
                                description="label")  # fmt: skip
        self.name = w.Dropdown(description="name", layout=w.Layout(width="20em"))
        self.with_name = w.Dropdown(description="with", layout=w.Layout(width="20em"))
        self.source = w.Dropdown(
            options=[("all sources", ""), *[(s, s) for s in explorer.sources()[:300]]],
            description="source",
        )
        self.dates = _date_slider(w, explorer.date_bounds())
        self.rows = []
        for _ in range(explorer.page_size):
            button = w.Button(description="", layout=w.Layout(width="4.5em"),
                              tooltip="show this document")  # fmt: skip
            line = w.HTML(layout=w.Layout(width="100%"))
            button.on_click(self._show_row)
            self.rows.append(w.HBox([button, line], layout=w.Layout(display="none")))
        self.previous = w.Button(description="◀ previous", layout=w.Layout(width="8em"))
        self.next = w.Button(description="next ▶", layout=w.Layout(width="8em"))
        self.page_label = w.Label()
        self.document = w.HTML(layout=w.Layout(max_height="32em", overflow="auto"))
        self._fill_names()
        self.query.observe(lambda change: self._set(query=change["new"]), "value")
        self.label.observe(self._on_label, "value")
        self.name.observe(self._on_name, "value")
        self.with_name.observe(lambda change: self._set(with_name=change["new"]), "value")
        self.source.observe(lambda change: self._set(source=change["new"]), "value")
        self.previous.on_click(lambda _: self._turn(-1))
        self.next.on_click(lambda _: self._turn(+1))
        filters = [self.label, self.name, self.with_name, self.source]
        if self.dates is not None:
            self.dates.observe(self._on_dates, "value")
        self.widget = w.VBox([
            w.HBox([self.query, self.status]),
            w.HBox(filters[:3]),
            w.HBox([self.source, *([self.dates] if self.dates is not None else [])]),
            w.VBox(self.rows),
            w.HBox([self.previous, self.page_label, self.next]),
            self.document,
        ])  # fmt: skip
        self.widget.add_class("tk-explore")
        self._elapsed = 0.0
        self._redraw()

    # ------------------------------------------------------------------ events

    def _set(self, **changes: Any) -> None:
        began = time.perf_counter()
        self.explorer.update(**changes)
        self._elapsed = time.perf_counter() - began
        self._redraw()

    def _on_label(self, change: dict) -> None:
        self._fill_names()
        self._set(label=change["new"], name=None, with_name=None)

    def _on_name(self, change: dict) -> None:
        name = change["new"]
        others = self.explorer.cooccurring(name) if name else pd.DataFrame(columns=["name"])
        options = [(f"{r.name} · {r.label} · {r.docs} docs", r.name) for r in others.itertuples()]
        self.with_name.options = [("—", ""), *options]
        self.with_name.value = ""
        self._set(name=name, with_name=None)

    def _on_dates(self, change: dict) -> None:
        first, last = change["new"]
        full = (first, last) == (self.dates.options[0][1], self.dates.options[-1][1])
        self._set(date_range=None if full else (first, last))

    def _turn(self, step: int) -> None:
        target = self.explorer.current + step
        if 0 <= target < self.explorer.n_pages:
            self.explorer.current = target
            self._redraw()

    def _show_row(self, button: Any) -> None:
        self.document.value = self.explorer.document(int(button.description)).html

    # ------------------------------------------------------------------ drawing

    def _fill_names(self) -> None:
        names = self.explorer.name_choices(self.label.value or None, top=300)
        options = [(f"{r.name} · {r.label} · {r.docs} docs", r.name) for r in names.itertuples()]
        self.name.options = [("any name", ""), *options]
        self.name.value = ""  # a Dropdown keeps no selection after new options
        self.with_name.options = [("—", "")]
        self.with_name.value = ""

    def _redraw(self) -> None:
        ex = self.explorer
        if ex.query:
            took = f"{self._elapsed * 1000:.0f} ms"
            text = (
                f"<b>{ex.n_hits:,}</b> hits in <b>{ex.n_docs:,}</b> documents "
                f"({ex.n_filtered:,} documents after filters; {took})"
            )
        else:
            text = f"{ex.n_filtered:,} documents after filters: type a query"
        self.status.value = f'<span class="tk-status">{text}</span>'
        page = ex.page() if ex.n_hits else ex.page().iloc[:0]
        for slot, box in enumerate(self.rows):
            if slot < len(page):
                row = page.iloc[slot]
                box.children[0].description = str(row["row"])
                box.children[1].value = _kwic_line(row)
                box.layout.display = "flex"
            else:
                box.layout.display = "none"
        self.page_label.value = f"page {ex.current + 1} / {ex.n_pages}"


def _kwic_line(row: pd.Series) -> str:
    """One KWIC row as a right-to-left table line: before | match | after, then the source."""
    left, match, right = (html.escape(str(row[k])) for k in ("left", "match", "right"))
    where = " · ".join(
        html.escape(str(v.date()) if isinstance(v, pd.Timestamp) else str(v))
        for v in (row["doc_id"], row["source"], row["date"])
        if v is not None and not (not isinstance(v, str) and pd.isna(v))
    )
    return (
        f'<table class="tk-kwic-row" dir="rtl" lang="ar" style="{_ROW_STYLE}"><tr>'
        f'<td style="width:40%;text-align:left">{left}</td>'
        f'<td class="tk-kwic-match" style="width:14%;text-align:center;font-weight:bold;'
        f'color:#b22">{match}</td>'
        f'<td style="width:40%;text-align:right">{right}</td>'
        f'<td dir="ltr" style="width:6%;font-size:0.75em;color:#888;overflow:hidden;'
        f'white-space:nowrap" title="{where}">{where}</td></tr></table>'
    )


def _date_slider(w: Any, bounds: tuple[pd.Timestamp, pd.Timestamp] | None) -> Any:
    """A range slider over the corpus's days (weeks or months for long spans), or None."""
    if bounds is None:
        return None
    first, last = (d.normalize() for d in bounds)
    days = (last - first).days
    freq = "D" if days <= 400 else ("W-MON" if days <= 2800 else "MS")
    steps = sorted({first, last, *pd.date_range(first, last, freq=freq)})
    options = [(d.date().isoformat(), d) for d in steps]
    if len(options) < 2:
        return None
    return w.SelectionRangeSlider(options=options, index=(0, len(options) - 1),
                                  description="dates", layout=w.Layout(width="32em"))  # fmt: skip

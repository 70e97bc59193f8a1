"""Read one document with its names and dates marked: right-to-left HTML, no JavaScript.

Like displaCy's ``render``: entities and dates get one colour per label and a
legend, the canonical name or the TIMEX3 value shows as a tooltip (``title``),
chosen terms are underlined and a match (from :func:`toolkit.explore`) is
outlined. The HTML is plain elements with inline styles, so it looks the same
in JupyterLab and in an exported report under its Content-Security-Policy;
every piece of document text is escaped.

>>> view = show("زار أفيف كوخافي الرباط", entities=False, dates=False, terms=["الرباط"])
>>> 'dir="rtl"' in view.html, 'class="tk-term"' in view.html
(True, True)
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import pandas as pd

from toolkit._docstrings import fill_doc
from toolkit.text.clitics import TermResolver
from toolkit.text.normalize import normalize

__all__ = ["DocumentView", "show"]

#: Background colour per entity label (the hues of ``plot.network``, lightened).
ENTITY_COLORS = {"PERS": "#c6d6ee", "LOC": "#cbe8d2", "ORG": "#f0c9ca", "MISC": "#ddd5ef"}
#: Background colour per date type (TIMEX3 types).
DATE_COLORS = {"DATE": "#fde7b0", "TIME": "#fbd2a8", "DURATION": "#e9e3a4", "SET": "#f4d5e9"}
OTHER_COLOR = "#e0e0e0"
TERM_COLOR = "#1f5fbf"
MATCH_COLOR = "#d62728"
_LABEL_NAMES = {
    "PERS": "person · شخص", "LOC": "place · مكان", "ORG": "organisation · مؤسسة",
    "MISC": "other name · اسم آخر", "DATE": "date · تاريخ", "TIME": "time · وقت",
    "DURATION": "duration · مدة", "SET": "recurrence · تكرار",
}  # fmt: skip
_MARK_STYLE = "background:{color};border-radius:3px;padding:0 1px"
_BOX_STYLE = (
    "font-family:'Noto Naskh Arabic','Noto Sans Arabic','Amiri','Arial',sans-serif;"
    "font-size:1.05em;line-height:2.1;max-width:60em"
)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    rank: int  # nesting order when two spans start and end together: lower is outer
    tag: str
    attrs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class DocumentView:
    """One rendered document; shows itself in Jupyter, ``.html`` is the markup to save."""

    html: str
    doc_id: str | None = None

    def _repr_html_(self) -> str:
        return self.html

    def save(self, path: str) -> None:
        """Write a stand-alone UTF-8 HTML page holding the document."""
        page = (
            '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
            f"<title>{html.escape(self.doc_id or 'document')}</title></head>"
            f"<body>{self.html}</body></html>"
        )
        with open(path, "w", encoding="utf-8") as file:
            file.write(page)


@fill_doc
def show(
    data: str | pd.Series | pd.DataFrame,
    *,
    doc_id: str | None = None,
    entities: pd.DataFrame | bool | None = None,
    dates: pd.DataFrame | bool | None = None,
    terms: str | Iterable[str] | None = None,
    highlight: Sequence[tuple[int, int]] = (),
    dct: str | dt.date | None = None,
    legend: bool = True,
) -> DocumentView:
    """Render one document as right-to-left HTML with its entities and dates marked.

    Parameters
    ----------
    data : str, Series or DataFrame
        A string, a corpus row (a Series with ``text`` and maybe ``doc_id``,
        ``title``, ``date``, ``source``) or a corpus DataFrame with
        ``doc_id`` naming the document (a one-row corpus needs none).
    doc_id : str or None, default None
        The document of a corpus DataFrame.
    entities, dates : DataFrame, bool or None, default None
        Tables from :func:`toolkit.extract_entities` and
        :func:`toolkit.extract_dates` (only this document's rows are used),
        None to compute them here for this document, or False for no marks.
    terms : str, iterable of str or None, default None
        Underlined wherever a word's readable term matches, so
        ``terms=["المغرب"]`` also underlines والمغرب and للمغرب.
    highlight : sequence of (int, int), default ()
        ``(start, end)`` character spans to outline (a search match).
    {dct}
    legend : bool, default True
        Show the colour legend.

    Returns
    -------
    DocumentView
        Jupyter displays it, ``.html`` holds the markup and ``.save(path)``
        writes a page.

    Examples
    --------
    >>> view = show("زار أفيف كوخافي الرباط", dates=False)
    >>> view.html.count('class="tk-entity"')
    2
    """
    text, meta = _document(data, doc_id)
    doc = meta.get("doc_id")
    if dct is None and isinstance(meta.get("date"), pd.Timestamp) and not pd.isna(meta["date"]):
        dct = meta["date"]
    entity_rows = _rows(entities, text, doc, lambda: _extract_entities(text))
    date_rows = _rows(dates, text, doc, lambda: _extract_dates(text, dct))
    spans = [*_entity_spans(entity_rows), *_date_spans(date_rows)]
    spans += _term_spans(text, terms)
    spans += [_match_span(start, end) for start, end in highlight]
    body = _markup(text, spans)
    parts = [f'<div class="tk-show" dir="rtl" lang="ar" style="{_BOX_STYLE}">']
    header = _header(meta)
    if header:
        parts.append(header)
    if legend:
        parts.append(_legend(entity_rows, date_rows, bool(terms), bool(highlight)))
    parts.append(f'<div class="tk-text" style="white-space:pre-wrap">{body}</div></div>')
    return DocumentView("".join(parts), None if doc is None else str(doc))


def _document(data: Any, doc_id: str | None) -> tuple[str, dict]:
    if isinstance(data, str):
        return data, {}
    if isinstance(data, pd.DataFrame):
        if "text" not in data.columns:
            raise TypeError("show() needs a corpus DataFrame with a 'text' column")
        if doc_id is not None:
            rows = data[data["doc_id"].astype(str) == str(doc_id)]
            if rows.empty:
                raise KeyError(f"no document with doc_id={doc_id!r} in the corpus")
        elif len(data) == 1:
            rows = data
        else:
            raise ValueError(f"the corpus has {len(data)} documents: pass doc_id=...")
        data = rows.iloc[0]
    if isinstance(data, pd.Series) and "text" in data.index:
        meta = {k: data[k] for k in ("doc_id", "title", "date", "source") if k in data.index}
        return str(data["text"]), meta
    raise TypeError(
        "show() expects a string, a corpus row or a corpus DataFrame (with doc_id=...), "
        f"got {type(data).__name__}"
    )


def _extract_entities(text: str) -> pd.DataFrame:
    from toolkit.entities.recognize import extract_entities

    return extract_entities(text)


def _extract_dates(text: str, dct: Any) -> pd.DataFrame:
    from toolkit.dates.extract import extract_dates

    return extract_dates(text, dct=dct)


def _rows(table: Any, text: str, doc: Any, compute) -> pd.DataFrame:
    if table is False:
        return pd.DataFrame(columns=["start", "end"])
    if table is None or table is True:
        return compute()
    if not isinstance(table, pd.DataFrame) or not {"start", "end"} <= set(table.columns):
        raise TypeError("entities= and dates= take a table with start and end columns")
    if doc is not None and "doc_id" in table.columns:
        table = table[table["doc_id"].astype(str) == str(doc)]
    inside = (table["start"] >= 0) & (table["end"] <= len(text)) & (table["start"] < table["end"])
    return table[inside]


def _text(value: Any) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _entity_spans(rows: pd.DataFrame) -> list[_Span]:
    spans = []
    for row in rows.itertuples(index=False):
        label, canonical = _text(row.label), _text(getattr(row, "canonical", ""))
        color = ENTITY_COLORS.get(label, OTHER_COLOR)
        attrs = (
            ("class", "tk-entity"), ("data-label", label), ("data-canonical", canonical),
            ("data-start", str(row.start)), ("title", f"{label}: {canonical}"),
            ("style", _MARK_STYLE.format(color=color)),
        )  # fmt: skip
        spans.append(_Span(int(row.start), int(row.end), 0, "mark", attrs))
    return spans


def _date_spans(rows: pd.DataFrame) -> list[_Span]:
    spans = []
    for row in rows.itertuples(index=False):
        kind, value = _text(row.type), _text(getattr(row, "value", "")) or "unresolved"
        color = DATE_COLORS.get(kind, OTHER_COLOR)
        attrs = (
            ("class", "tk-date"), ("data-label", kind), ("data-value", value),
            ("data-start", str(row.start)), ("title", f"{kind}: {value}"),
            ("style", _MARK_STYLE.format(color=color)),
        )  # fmt: skip
        spans.append(_Span(int(row.start), int(row.end), 1, "mark", attrs))
    return spans


def _term_spans(text: str, terms: str | Iterable[str] | None) -> list[_Span]:
    if not terms:
        return []
    from toolkit.text.tokenize import tokenize

    resolver = TermResolver()
    queries = [terms] if isinstance(terms, str) else list(terms)
    wanted = {tuple(normalize(resolver.remainder(w)) for w in q.split()): q for q in queries}
    wanted.pop((), None)
    tokens = tokenize(text)
    keys = [normalize(t) if isinstance(t, str) else None for t in tokens["term"]]
    starts, ends = tokens["start"].tolist(), tokens["end"].tolist()
    spans = []
    for key, query in wanted.items():
        for i in range(len(keys) - len(key) + 1):
            if tuple(keys[i : i + len(key)]) == key:
                attrs = (
                    ("class", "tk-term"), ("data-term", query), ("title", f"term: {query}"),
                    ("style", f"text-decoration:underline 2px {TERM_COLOR};"
                              "text-underline-offset:5px"),
                )  # fmt: skip
                spans.append(_Span(starts[i], ends[i + len(key) - 1], 2, "span", attrs))
    return spans


def _match_span(start: int, end: int) -> _Span:
    attrs = (
        ("class", "tk-match"), ("title", "match"),
        ("style", f"outline:2px solid {MATCH_COLOR};outline-offset:1px;font-weight:bold"),
    )  # fmt: skip
    return _Span(int(start), int(end), 3, "span", attrs)


def _open(span: _Span) -> str:
    attrs = "".join(f' {name}="{html.escape(value, quote=True)}"' for name, value in span.attrs)
    return f"<{span.tag}{attrs}>"


def _markup(text: str, spans: list[_Span]) -> str:
    """Escaped ``text`` with ``spans`` as nested elements (a span crossing another is split)."""
    bounds = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    order = sorted(spans, key=lambda s: (s.start, -s.end, s.rank))
    out: list[str] = []
    stack: list[_Span] = []
    for a, b in pairwise(bounds):
        covering = [s for s in order if s.start <= a < s.end]
        keep = 0
        while keep < min(len(stack), len(covering)) and stack[keep] is covering[keep]:
            keep += 1
        for span in reversed(stack[keep:]):
            out.append(f"</{span.tag}>")
        for span in covering[keep:]:
            out.append(_open(span))
        stack = covering
        out.append(html.escape(text[a:b], quote=False))
    out.extend(f"</{span.tag}>" for span in reversed(stack))
    return "".join(out)


def _header(meta: dict) -> str:
    items = []
    for key in ("title", "source", "date", "doc_id"):
        value = meta.get(key)
        if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
            continue
        if isinstance(value, pd.Timestamp):
            value = value.date().isoformat()
        items.append(html.escape(str(value)))
    if not items:
        return ""
    title, rest = (items[0], items[1:]) if meta.get("title") else ("", items)
    heading = f'<div class="tk-title" style="font-weight:bold;font-size:1.2em">{title}</div>'
    details = " · ".join(rest)
    return (heading if title else "") + f'<div class="tk-meta" style="color:#666">{details}</div>'


def _legend(entities: pd.DataFrame, dates: pd.DataFrame, terms: bool, match: bool) -> str:
    present = [
        *(
            label
            for label in ENTITY_COLORS
            if "label" in entities and (entities["label"] == label).any()
        ),
        *(kind for kind in DATE_COLORS if "type" in dates and (dates["type"] == kind).any()),
    ]
    extra = sorted(set(entities.get("label", [])) - set(ENTITY_COLORS))
    items = []
    for label in [*present, *extra]:
        color = ENTITY_COLORS.get(label) or DATE_COLORS.get(label) or OTHER_COLOR
        name = html.escape(_LABEL_NAMES.get(label, str(label)))
        style = _MARK_STYLE.format(color=color)
        items.append(
            f'<span class="tk-key" style="{style}">{html.escape(str(label))}</span> {name}'
        )
    if terms:
        items.append(f'<span style="text-decoration:underline 2px {TERM_COLOR}">term</span> مصطلح')
    if match:
        items.append(f'<span style="outline:2px solid {MATCH_COLOR}">match</span> نتيجة البحث')
    if not items:
        return ""
    joined = " &nbsp; ".join(items)
    return f'<div class="tk-legend" style="font-size:0.85em;margin:0.3em 0">{joined}</div>'

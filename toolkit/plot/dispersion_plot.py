"""Where terms occur along each document, or along time (quanteda's ``textplot_xray``)."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from toolkit._docstrings import fill_doc
from toolkit.plot._labels import check_lang, text
from toolkit.plot._style import (
    get_ax,
    mpl_label,
    require_columns,
    set_title,
    style_texts,
    text_kwargs,
)
from toolkit.plot.fonts import arabic_font

ALONG = ("position", "time")


@fill_doc
def dispersion(
    data: pd.DataFrame | str,
    *,
    terms: Sequence[str] | str | None = None,
    along: str | None = None,
    max_documents: int = 30,
    ax: Axes | None = None,
    title: str | None = None,
    lang: str = "en",
) -> Axes:
    """Draw a tick for every occurrence of *terms*, one colour per term.

    Clitic forms count for their term (والمغرب for المغرب). With
    ``along="position"`` each document is a row (the *max_documents* with
    most occurrences, in corpus order) and x is the relative position in the
    document, 0 at its first word and 1 after its last. With
    ``along="time"`` each term is a row and each date a bubble whose area
    grows with the term's occurrences that day (Voyant's Bubblelines).

    Parameters
    ----------
    data : DataFrame or str
        A :func:`toolkit.term_positions` table, or a corpus (or a string)
        whose positions are computed with ``term_positions(data, terms=terms)``.
    terms : sequence of str, str or None, default None
        The terms drawn; needed unless *data* is a positions table.
    along : {"position", "time"} or None, default None
        None: time when every document is dated and there are more than
        *max_documents* documents, else position.
    max_documents : int, default 30
        Rows drawn with ``along="position"``.
    {ax}
    {title}
    {lang}

    Returns
    -------
    {axes}

    Examples
    --------
    >>> ax = dispersion("المغرب يرحب بالضيف. والمغرب بلد", terms=["المغرب"])
    >>> ax.collections[0].get_offsets()[:, 0].tolist()
    [0.0, 0.6]
    """
    if not (isinstance(data, pd.DataFrame) and "position" in data.columns):
        if terms is None:
            raise ValueError("terms= is needed to find positions in a corpus")
        from toolkit.terms.dispersion import term_positions

        data = term_positions(data, terms=terms)
    check_lang(lang)
    require_columns(data, ["doc_id", "term", "position", "date"], name="data",
                    producer="term_positions")  # fmt: skip
    chosen = list(dict.fromkeys(data["term"])) if terms is None else (
        [terms] if isinstance(terms, str) else list(dict.fromkeys(terms)))  # fmt: skip
    data = data[data["term"].isin(chosen)]
    n_docs = data["doc_id"].nunique()
    if along is None:
        dated = data["date"].notna().all()
        along = "time" if dated and n_docs > max_documents else "position"
    if along not in ALONG:
        raise ValueError(f"along must be one of {ALONG}, got {along!r}")
    if along == "time":
        ax = _along_time(data, chosen, ax)
    else:
        ax = _along_documents(data, chosen, max_documents, ax)
    axis_label = text("date" if along == "time" else "position_in_document", lang)
    ax.set_xlabel(mpl_label(axis_label, len(axis_label)), **text_kwargs())
    if along == "position":
        legend = ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False,
                           prop=arabic_font("medium"), markerscale=1.5)  # fmt: skip
        style_texts(legend.get_texts())
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    set_title(ax, title)
    return ax


def _along_documents(data: pd.DataFrame, chosen: list[str], max_documents: int,
                     ax: Axes | None) -> Axes:  # fmt: skip
    counts = data["doc_id"].value_counts(sort=False)
    kept = counts.nlargest(max_documents, keep="first").index
    docs = [doc for doc in dict.fromkeys(data["doc_id"]) if doc in set(kept)]
    row = {doc: i for i, doc in enumerate(docs)}
    ax = get_ax(ax, (8, 0.9 + 0.3 * max(len(docs), 2)))
    offsets = np.linspace(-0.25, 0.25, len(chosen)) if len(chosen) > 1 else [0.0]
    for i, term in enumerate(chosen):
        rows = data[(data["term"] == term) & data["doc_id"].isin(row)]
        y = rows["doc_id"].map(row).to_numpy(float) + offsets[i]
        ax.scatter(rows["position"].to_numpy(float), y, marker="|", s=120,
                   color=f"C{i % 10}", label=mpl_label(term))  # fmt: skip
    ax.set_yticks(range(len(docs)), [mpl_label(doc) for doc in docs])
    style_texts(ax.get_yticklabels())
    ax.set_ylim(len(docs) - 0.5, -0.5)  # first document on top
    ax.set_xlim(0, 1)
    return ax


def _along_time(data: pd.DataFrame, chosen: list[str], ax: Axes | None) -> Axes:
    data = data[data["date"].notna()]
    per_date = data.groupby(["term", pd.to_datetime(data["date"])]).size()
    biggest = max(int(per_date.max()), 1) if len(per_date) else 1
    ax = get_ax(ax, (8, 0.9 + 0.45 * max(len(chosen), 2)))
    for i, term in enumerate(chosen):
        counts = per_date[term] if term in per_date.index.get_level_values(0) else per_date[:0]
        dates = counts.index.get_level_values(-1)
        ax.scatter(dates.to_numpy(), np.full(len(dates), i, float), s=8 + 250 * counts / biggest,
                   alpha=0.6, linewidths=0, color=f"C{i % 10}", label=mpl_label(term))  # fmt: skip
    ax.set_yticks(range(len(chosen)), [mpl_label(term) for term in chosen])
    style_texts(ax.get_yticklabels())
    ax.set_ylim(len(chosen) - 0.5, -0.5)
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    return ax

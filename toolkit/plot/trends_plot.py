"""Term (or entity) frequency over publication dates."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from matplotlib.axes import Axes

from toolkit._api import legacy
from toolkit._docstrings import fill_doc
from toolkit.plot._labels import check_lang, set_date_axis, text
from toolkit.plot._style import (
    get_ax,
    mpl_label,
    require_columns,
    set_title,
    style_texts,
    text_kwargs,
)
from toolkit.plot.fonts import arabic_font


@legacy(renamed={"freqs_by_date": "data"})
@fill_doc
def trends(
    data: pd.DataFrame,
    *,
    terms: Sequence[str] | None = None,
    top: int | None = None,
    value: str = "count",
    hue: str = "term",
    ax: Axes | None = None,
    title: str | None = None,
    lang: str = "en",
) -> Axes:
    """Draw one line per term (or per value of *hue*) over the ``date`` column.

    Periods where a term does not appear count as 0.

    Parameters
    ----------
    data : DataFrame
        Columns ``date``, *hue* and *value*: ``term_frequencies(corpus,
        by=pd.Grouper(key="date", freq=...))``, or :func:`toolkit.mentions_per_period`
        with ``hue="type"``.
    terms : sequence of str or None, default None
        The lines to draw; None draws the *top* by total *value*.
    top : int or None, default None
        Number of lines when *terms* is None; None draws 5.
    value : str, default "count"
        Column giving the line heights.
    hue : str, default "term"
        Column naming the lines.
    {ax}
    {title}
    {lang}

    Returns
    -------
    {axes}

    Examples
    --------
    >>> import pandas as pd
    >>> freqs = pd.DataFrame({"date": pd.to_datetime(["2021-11-01", "2022-07-01"]),
    ...                       "term": ["المغرب", "المغرب"], "count": [3, 5]})
    >>> [line.get_ydata().tolist() for line in trends(freqs).lines]
    [[3.0, 5.0]]
    """
    check_lang(lang)
    require_columns(
        data,
        ["date", hue, value],
        name="data",
        producer='term_frequencies(by=pd.Grouper(key="date", ...))',
    )
    table = data[["date", hue, value]].rename(columns={hue: "term"})
    try:
        table["date"] = pd.to_datetime(table["date"])
    except (ValueError, TypeError) as error:
        raise ValueError(f"column 'date' must hold dates: {error}") from None
    if table["date"].isna().any():
        raise ValueError("column 'date' has missing dates; drop undated documents first")
    chosen = _choose_terms(table, terms, 5 if top is None else top)
    wide = (
        table[table["term"].isin(chosen)]
        .pivot_table(index="date", columns="term", values=value, aggfunc="sum", fill_value=0)
        .reindex(index=sorted(table["date"].unique()), columns=chosen, fill_value=0)
    )
    ax = get_ax(ax, (8, 4))
    for term in chosen:
        ax.plot(wide.index, wide[term].astype(float), marker="o", ms=4, label=mpl_label(term))
    set_date_axis(ax.xaxis, lang)
    ax.set_ylabel(mpl_label(text(value, lang)), **text_kwargs())
    ax.set_ylim(bottom=0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    legend = ax.legend(
        loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, prop=arabic_font("medium")
    )
    style_texts(legend.get_texts())
    set_title(ax, title)
    return ax


def _choose_terms(table: pd.DataFrame, terms: Sequence[str] | None, top: int) -> list[str]:
    if terms is None:
        if top < 1:
            raise ValueError(f"top must be at least 1, got {top}")
        totals = table.groupby("term")[table.columns[-1]].sum()
        return list(totals.nlargest(top, keep="first").index)
    if isinstance(terms, str):
        terms = [terms]
    missing = [t for t in terms if t not in set(table["term"])]
    if missing:
        raise ValueError(f"term(s) {missing} do not occur in data")
    return list(dict.fromkeys(terms))

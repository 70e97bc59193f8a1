"""Horizontal bar chart of the most frequent terms."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes

from toolkit._api import legacy
from toolkit._docstrings import fill_doc
from toolkit.plot._labels import check_lang, text
from toolkit.plot._style import (
    get_ax,
    mpl_label,
    require_columns,
    set_title,
    style_texts,
    term_totals,
    text_kwargs,
)


@legacy(renamed={"freqs": "data"})
@fill_doc
def terms(
    data: pd.DataFrame,
    *,
    top: int | None = None,
    value: str = "count",
    ax: Axes | None = None,
    color: str = "C0",
    annotate: bool = True,
    title: str | None = None,
    lang: str = "en",
) -> Axes:
    """Draw the *top* terms of a ``term_frequencies`` table as horizontal bars, highest on top.

    Parameters
    ----------
    data : DataFrame
        Columns ``term`` and *value*, as :func:`toolkit.term_frequencies`
        returns; a term in several rows (a table computed with ``by=``) has
        its values summed.
    top : int or None, default None
        Number of bars; None draws 20.
    value : str, default "count"
        Column giving the bar lengths.
    {ax}
    color : str, default "C0"
        Bar colour.
    annotate : bool, default True
        Write each bar's value at its end.
    {title}
    {lang}

    Returns
    -------
    {axes}

    Examples
    --------
    >>> import pandas as pd
    >>> freqs = pd.DataFrame({"term": ["المغرب", "إسرائيل"], "count": [12, 9]})
    >>> ax = terms(freqs, top=10)
    >>> [t.get_text() for t in ax.get_yticklabels()][-1] == mpl_label("المغرب")
    True
    """
    check_lang(lang)
    require_columns(data, ["term", value], name="data", producer="term_frequencies")
    top = 20 if top is None else top
    if top < 1:
        raise ValueError(f"top must be at least 1, got {top}")
    totals = term_totals(data, value).nlargest(top, keep="first").iloc[::-1]
    ax = get_ax(ax, (6.4, 0.8 + 0.32 * len(totals)))
    bars = ax.barh(range(len(totals)), totals.to_numpy(), color=color)
    ax.set_yticks(range(len(totals)), [mpl_label(t) for t in totals.index])
    style_texts(ax.get_yticklabels())
    if annotate:
        fmt = "{:,.0f}" if pd.api.types.is_integer_dtype(totals) else "{:.3g}"
        ax.bar_label(bars, labels=[fmt.format(v) for v in totals], padding=3, fontsize="small")
        ax.margins(x=0.12)
    ax.set_xlabel(mpl_label(text(value, lang)), **text_kwargs())
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    set_title(ax, title)
    return ax

"""Horizontal bar chart of the most frequent terms."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes

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


def terms(
    freqs: pd.DataFrame,
    *,
    top: int = 20,
    value: str = "count",
    ax: Axes | None = None,
    color: str = "C0",
    annotate: bool = True,
    title: str | None = None,
    lang: str = "en",
) -> Axes:
    """Draw the *top* terms of a ``term_frequencies`` table as horizontal bars, highest on top.

    *freqs* needs columns ``term`` and *value* (``count`` by default). When a term
    appears in several rows (a table computed with ``by=``), its counts are summed.
    Bars are annotated with their value. *lang* (``"en"`` or ``"ar"``) is the language
    of the axis label.

    >>> import pandas as pd
    >>> freqs = pd.DataFrame({"term": ["المغرب", "إسرائيل"], "count": [12, 9]})
    >>> ax = terms(freqs, top=10)
    >>> [t.get_text() for t in ax.get_yticklabels()][-1] == mpl_label("المغرب")
    True
    """
    check_lang(lang)
    require_columns(freqs, ["term", value], name="freqs", producer="term_frequencies")
    if top < 1:
        raise ValueError(f"top must be at least 1, got {top}")
    totals = term_totals(freqs, value).nlargest(top, keep="first").iloc[::-1]
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

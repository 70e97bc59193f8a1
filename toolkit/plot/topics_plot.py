"""Top terms of each topic of a topic model, side by side."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes

from toolkit._api import legacy
from toolkit._docstrings import fill_doc
from toolkit.plot._labels import check_lang, text
from toolkit.plot._style import get_ax, mpl_label, require_columns, set_title, text_kwargs


@legacy(renamed={"model": "data"})
@fill_doc
def topics(
    data: object,
    *,
    top: int | None = None,
    color: str = "#4c72b0",
    ax: Axes | None = None,
    title: str | None = None,
    lang: str = "en",
) -> Axes:
    """Draw the *top* terms of every topic as columns of bars, strongest term on top.

    Topic *k* is the column at x = k - 1; each term is written over a bar
    whose length is its weight relative to the topic's strongest term.

    Parameters
    ----------
    data : Topics or DataFrame
        The result of :func:`toolkit.topics` or its ``terms`` table
        (``topic, rank, term, weight``).
    top : int or None, default None
        Terms per topic; None draws 8.
    color : str, default "#4c72b0"
        Bar colour.
    {ax}
    {title}
    {lang}

    Returns
    -------
    {axes}

    Examples
    --------
    >>> import pandas as pd
    >>> terms = pd.DataFrame({"topic": [1, 1, 2], "rank": [1, 2, 1],
    ...                       "term": ["المنتخب", "المباراة", "الحكومة"], "weight": [.4, .2, .5]})
    >>> [round(float(bar.get_width()), 2) for bar in topics(terms).patches]
    [0.9, 0.45, 0.9]
    """
    table = getattr(data, "terms", data)
    check_lang(lang)
    require_columns(table, ["topic", "rank", "term", "weight"], name="data",
                    producer="topics")  # fmt: skip
    top = 8 if top is None else top
    if top < 1:
        raise ValueError(f"top must be at least 1, got {top}")
    shown = table[table["rank"] <= top].sort_values(["topic", "rank"])
    numbers = list(dict.fromkeys(shown["topic"]))
    ax = get_ax(ax, (1.6 * len(numbers) + 0.5, 0.9 + 0.32 * top))
    for column, (_, rows) in enumerate(shown.groupby("topic", sort=False)):
        widths = 0.9 * rows["weight"].to_numpy(float) / max(rows["weight"].max(), 1e-12)
        y = -(rows["rank"].to_numpy() - 1)
        ax.barh(y, widths, left=column, height=0.75, color=color, alpha=0.35)
        for row, term in zip(y, rows["term"], strict=True):
            ax.text(column + 0.88, row, mpl_label(term), ha="right", va="center",
                    **text_kwargs("small"))  # fmt: skip
    ax.set_xticks(np.arange(len(numbers)) + 0.45, [str(n) for n in numbers])
    ax.set_xlabel(mpl_label(text("topic", lang)), **text_kwargs())
    ax.set_xlim(-0.05, len(numbers))
    ax.set_ylim(-top + 0.4, 0.6)
    ax.set_yticks([])
    ax.tick_params(axis="x", length=0)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    set_title(ax, title)
    return ax

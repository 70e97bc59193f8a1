"""Two-sided bar chart of a keyness table (quanteda's ``textplot_keyness``)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from toolkit._api import legacy
from toolkit._docstrings import fill_doc
from toolkit.plot._labels import check_lang, text
from toolkit.plot._style import get_ax, mpl_label, require_columns, set_title, text_kwargs
from toolkit.plot.fonts import arabic_font


@legacy(renamed={"table": "data"})
@fill_doc
def keyness(
    data: pd.DataFrame,
    *,
    top: int | None = None,
    value: str = "g2",
    target: str = "target",
    reference: str = "reference",
    colors: tuple[str, str] = ("#4c72b0", "#8c8c8c"),
    ax: Axes | None = None,
    title: str | None = None,
    lang: str = "en",
) -> Axes:
    """Draw the *top* terms of each side of a ``keyness`` table as horizontal bars.

    Terms over-used in the target (positive *value*) are drawn to the right
    in the first colour, the most distinctive at the top; terms over-used in
    the reference (negative *value*) to the left in the second colour, the
    most distinctive at the bottom. Each bar is labelled with its term.

    Parameters
    ----------
    data : DataFrame
        A :func:`toolkit.keyness` table: ``term`` and *value*.
    top : int or None, default None
        Bars on each side; None draws 20.
    value : str, default "g2"
        Signed column giving the bar lengths.
    target, reference : str, default "target", "reference"
        Names of the two sides in the legend.
    colors : tuple of two str
        Colours of the target and reference bars.
    {ax}
    {title}
    {lang}

    Returns
    -------
    {axes}

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"term": ["المغرب", "الرباط", "إسرائيل"], "g2": [9.0, 4.0, -6.0]})
    >>> [float(bar.get_width()) for bar in keyness(table).patches]
    [9.0, 4.0, -6.0]
    """
    check_lang(lang)
    require_columns(data, ["term", value], name="data", producer="keyness")
    top = 20 if top is None else top
    if top < 1:
        raise ValueError(f"top must be at least 1, got {top}")
    ranked = data.sort_values(value, ascending=False, kind="stable")
    over = ranked[ranked[value] > 0].head(top)
    under = ranked[ranked[value] < 0].tail(top)
    shown = pd.concat([over, under])
    n = len(shown)
    if n == 0:
        raise ValueError(f"no term has a non-zero {value!r}")
    ax = get_ax(ax, (7.0, 0.8 + 0.3 * n))
    values = shown[value].to_numpy(float)
    y = np.arange(n)[::-1]  # first row on top
    ax.barh(y, values, color=[colors[0] if v > 0 else colors[1] for v in values], height=0.7)
    pad = 0.01 * np.abs(values).max()
    for row, term, width in zip(y, shown["term"], values, strict=True):
        ax.text(width + (pad if width > 0 else -pad), row, mpl_label(term),
                ha="left" if width > 0 else "right", va="center",
                **text_kwargs("small"))  # fmt: skip
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks([])
    ax.set_ylim(-0.7, n - 0.3)
    ax.margins(x=0.25)
    ax.set_xlabel(mpl_label(text(value, lang)), **text_kwargs())
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    handles = [Patch(color=colors[0], label=mpl_label(target)),
               Patch(color=colors[1], label=mpl_label(reference))]  # fmt: skip
    legend = ax.legend(handles=handles, loc="lower right", frameon=False,
                       prop=arabic_font("small"))  # fmt: skip
    for entry in legend.get_texts():
        entry.set_parse_math(False)
    set_title(ax, title)
    return ax

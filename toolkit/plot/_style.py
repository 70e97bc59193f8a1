"""Helpers shared by the chart families: Axes creation, Arabic labels, input checks."""

from __future__ import annotations

from collections.abc import Iterable

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.text import Text

from toolkit.plot.fonts import arabic_font
from toolkit.plot.shaping import arabic_text


def get_ax(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    """*ax* itself, or the Axes of a new constrained-layout figure of *figsize* inches."""
    if ax is not None:
        return ax
    _, new_ax = plt.subplots(figsize=figsize, layout="constrained")
    return new_ax


#: Longest label drawn (characters); longer ones end in "…" (tables and CSV keep the full text).
LABEL_CHARS = 40


def shorten(text: str, max_chars: int = LABEL_CHARS) -> str:
    """*text* on one line, cut to *max_chars* (at a word boundary when possible) with "…".

    Every figure's labels go through it, so a hostile 5,000-character token
    cannot make a figure thousands of pixels wide.

    >>> shorten("ب" * 100, 5)
    'بببب…'
    """
    text = " ".join(text.split())
    if len(text) <= max_chars:
        return text
    cut = text[: max_chars - 1]
    if " " in cut[max_chars // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + "…"


def mpl_label(value: object, max_chars: int = LABEL_CHARS) -> str:
    """*value* shortened (:func:`shorten`) and ready for a matplotlib Text (shaped if needed)."""
    return arabic_text(shorten(str(value), max_chars), renderer="matplotlib")


def style_texts(texts: Iterable[Text]) -> None:
    """Give each Text the Arabic font (keeping its size and weight) and turn off mathtext."""
    for text in texts:
        font = arabic_font(text.get_fontsize(), weight=text.get_fontweight())
        text.set_fontproperties(font)
        text.set_parse_math(False)


def text_kwargs(size: float | str | None = None) -> dict:
    """Keyword arguments for ``ax.text``/``ax.annotate`` that draw an Arabic label."""
    return {"fontproperties": arabic_font(size), "parse_math": False}


def set_title(ax: Axes, title: str | None) -> None:
    """Set an Arabic-aware Axes title (nothing if *title* is None)."""
    if title is not None:
        ax.set_title(mpl_label(title, 2 * LABEL_CHARS), **text_kwargs("large"))


def require_columns(df: object, columns: Iterable[str], *, name: str, producer: str) -> None:
    """Raise a clear error unless *df* is a DataFrame with all *columns*."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(
            f"{name} must be a pandas DataFrame ({producer} output), got {type(df).__name__}"
        )
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(
            f"{name} is missing column(s) {missing}; expected {producer} output "
            f"with columns {list(columns)}, got {list(df.columns)}"
        )
    if df.empty:
        raise ValueError(f"{name} is empty: nothing to plot")


def term_totals(freqs: pd.DataFrame, value: str) -> pd.Series:
    """*value* per term; counts of a term repeated over groups (``by=``) are summed."""
    if not pd.api.types.is_numeric_dtype(freqs[value]):
        raise TypeError(f"column {value!r} must be numeric, got {freqs[value].dtype}")
    if freqs["term"].isna().any():
        raise ValueError("column 'term' has missing values")
    if freqs["term"].duplicated().any():
        if value != "count":
            raise ValueError(
                f"terms repeat across rows (a table computed with by=?); only 'count' can be "
                f"summed over them, not {value!r}. Filter the table to one group first."
            )
        return freqs.groupby("term", sort=False)[value].sum()
    return freqs.set_index("term")[value]

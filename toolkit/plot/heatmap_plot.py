"""Heat map of a square co-occurrence matrix."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from toolkit._api import legacy
from toolkit._docstrings import fill_doc
from toolkit.plot._labels import check_lang, text
from toolkit.plot._style import get_ax, mpl_label, set_title, style_texts, text_kwargs


@legacy(renamed={"matrix": "data"})
@fill_doc
def heatmap(
    data: pd.DataFrame,
    *,
    annotate: bool | None = None,
    cmap: str = "Blues",
    ax: Axes | None = None,
    title: str | None = None,
    lang: str = "en",
) -> Axes:
    """Draw a ``cooccurrence_matrix`` (square DataFrame, same names on both axes).

    Parameters
    ----------
    data : DataFrame
        A square matrix, as :func:`toolkit.cooccurrence_matrix` returns.
    annotate : bool or None, default None
        Write each cell's value; None writes them when the matrix has at
        most 15 rows.
    cmap : str, default "Blues"
        Matplotlib colour map; a colour bar shows the scale.
    {ax}
    {title}
    {lang}

    Returns
    -------
    {axes}

    Examples
    --------
    >>> import pandas as pd
    >>> names = ["المغرب", "إسرائيل"]
    >>> ax = heatmap(pd.DataFrame([[0, 3], [3, 0]], index=names, columns=names))
    >>> [t.get_text() for t in ax.texts]
    ['0', '3', '3', '0']
    """
    check_lang(lang)
    values = _square(data)
    n = len(values)
    ax = get_ax(ax, (2.5 + 0.45 * n, 1.8 + 0.4 * n))
    image = ax.imshow(values.to_numpy(dtype=float), cmap=cmap, aspect="equal")
    labels = [mpl_label(name) for name in values.index]
    ax.set_xticks(range(n), labels, rotation=90)
    ax.set_yticks(range(n), labels)
    style_texts([*ax.get_xticklabels(), *ax.get_yticklabels()])
    ax.tick_params(top=False, bottom=True, length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    colorbar = ax.figure.colorbar(image, ax=ax, shrink=0.8)
    colorbar.outline.set_visible(False)
    colorbar.set_label(mpl_label(text("cooccurrence", lang)), **text_kwargs())
    if annotate if annotate is not None else n <= 15:
        _annotate(ax, values, image)
    set_title(ax, title)
    return ax


def _square(matrix: object) -> pd.DataFrame:
    if not isinstance(matrix, pd.DataFrame):
        raise TypeError(
            "matrix must be a square pandas DataFrame (cooccurrence_matrix output; "
            f"convert sparse results with .toarray() and labels), got {type(matrix).__name__}"
        )
    if matrix.empty:
        raise ValueError("matrix is empty: nothing to plot")
    if not (matrix.index.is_unique and matrix.columns.is_unique):
        raise ValueError("matrix has repeated row or column names")
    if matrix.shape[0] != matrix.shape[1] or set(matrix.index) != set(matrix.columns):
        raise ValueError(
            f"matrix must be square with the same names on rows and columns, got shape "
            f"{matrix.shape}"
        )
    if not all(pd.api.types.is_numeric_dtype(t) for t in matrix.dtypes):
        raise TypeError("matrix values must be numeric")
    return matrix.loc[:, list(matrix.index)]


def _annotate(ax: Axes, values: pd.DataFrame, image) -> None:
    data = values.to_numpy(dtype=float)
    integers = np.all(np.mod(data[np.isfinite(data)], 1) == 0)
    for (row, col), value in np.ndenumerate(data):
        if not np.isfinite(value):
            continue
        red, green, blue, _ = image.cmap(image.norm(value))
        dark = 0.299 * red + 0.587 * green + 0.114 * blue < 0.5
        ax.text(
            col,
            row,
            f"{value:.0f}" if integers else f"{value:.2g}",
            ha="center",
            va="center",
            color="white" if dark else "black",
            **text_kwargs("small"),
        )

"""Label your own matplotlib Axes with Arabic text drawn right on every renderer."""

from __future__ import annotations

from matplotlib.axes import Axes

from toolkit._docstrings import fill_doc
from toolkit.plot._style import mpl_label, set_title, style_texts, text_kwargs


@fill_doc
def label_axes(
    ax: Axes, *, x: str | None = None, y: str | None = None, title: str | None = None
) -> Axes:
    """Set the x label, y label and title of ``ax`` (Arabic or not) and shape its tick labels.

    For figures you draw yourself (``series.plot.bar(ax=ax)``): labels get an
    Arabic font, no mathtext, and pre-shaping only where the renderer needs it.

    Parameters
    ----------
    ax : matplotlib Axes
        The Axes to label.
    x, y : str or None, default None
        Axis labels; None leaves a label as it is.
    {title}

    Returns
    -------
    {axes}

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> ax = label_axes(plt.figure().add_subplot(), x="الشهر", y="الإشارات", title="الأشهر")
    >>> ax.get_xlabel() == mpl_label("الشهر")
    True
    """
    if x is not None:
        ax.set_xlabel(mpl_label(x), **text_kwargs())
    if y is not None:
        ax.set_ylabel(mpl_label(y), **text_kwargs())
    set_title(ax, title)
    for axis in (ax.xaxis, ax.yaxis):
        ticks = axis.get_ticklabels()
        if any(tick.get_text() for tick in ticks):
            axis.set_ticks(axis.get_ticklocs(), [mpl_label(tick.get_text()) for tick in ticks])
            style_texts(axis.get_ticklabels())
    return ax

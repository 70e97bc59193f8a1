"""Write figures to disk."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.figure import Figure, SubFigure

from toolkit._api import legacy

#: formats matplotlib can write with the glyphs converted to outlines
FORMATS = ("png", "svg", "pdf", "jpg", "jpeg", "webp", "tif", "tiff")


@legacy(positional=("name",))
def save(
    fig_or_ax: Figure | Axes,
    *,
    name: str,
    folder: str | Path = "figures",
    formats: Sequence[str] = ("png", "svg"),
    dpi: float = 150,
) -> list[Path]:
    """Save a figure (or the figure of an Axes) as ``folder/name.<format>`` for each format.

    SVG text is written as glyph outlines, so the file looks the same in
    every viewer (SVG ``<text>`` would be re-shaped by the browser).

    Parameters
    ----------
    fig_or_ax : matplotlib Figure or Axes
        What to save.
    name : str
        File name without extension.
    folder : str or Path, default "figures"
        Created if needed.
    formats : sequence of str, default ("png", "svg")
        One file per format.
    dpi : float, default 150
        Resolution of raster formats.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Examples
    --------
    >>> import tempfile, matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [p.name for p in save(ax, name="empty", folder=folder)]
    ['empty.png', 'empty.svg']
    """
    figure = fig_or_ax.get_figure() if isinstance(fig_or_ax, Axes) else fig_or_ax
    if isinstance(figure, SubFigure):
        figure = figure.get_figure(root=True)
    if not isinstance(figure, Figure):
        raise TypeError(f"expected a matplotlib Figure or Axes, got {type(fig_or_ax).__name__}")
    if not name or Path(name).name != name:
        raise ValueError(f"name must be a plain file stem without folders, got {name!r}")
    unknown = [f for f in formats if f.lower() not in FORMATS]
    if unknown or not formats:
        raise ValueError(f"unsupported format(s) {unknown or formats!r}; choose from {FORMATS}")
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    with mpl.rc_context({"svg.fonttype": "path", "svg.hashsalt": name}):
        for fmt in formats:
            path = out / f"{name}.{fmt.lower()}"
            metadata = {"Date": None} if fmt.lower() == "svg" else None
            figure.savefig(path, dpi=dpi, bbox_inches="tight", metadata=metadata)
            paths.append(path)
    return paths

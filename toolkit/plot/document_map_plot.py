"""Documents on a map of the corpus, coloured by a metadata column (Voyant's ScatterPlot)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from toolkit._docstrings import fill_doc
from toolkit.plot._labels import check_lang, text
from toolkit.plot._style import get_ax, mpl_label, set_title, style_texts, text_kwargs
from toolkit.plot.fonts import arabic_font

LABELS = ("terms", "documents", None)
MAX_COLORS = 10  # more values than this: the rarest are drawn grey as "other"
_PALETTE = ["C0", "C1", "C2", "C3", "C4", "C5", "C6", "C8", "C9", "C7"]  # grey last
_LINE = 13.0  # pixels between two labels that would overlap


@fill_doc
def document_map(
    data: object,
    *,
    color: str | None = "source",
    labels: str | None = "terms",
    n_labels: int = 12,
    label_column: str = "title",
    method: str = "ca",
    ax: Axes | None = None,
    title: str | None = None,
    lang: str = "en",
) -> Axes:
    """Draw documents as points, coloured by the metadata column *color*, with Arabic labels.

    The *n_labels* points that contribute most to the two axes are labelled.

    Parameters
    ----------
    data : DocumentMap or DataFrame
        The result of :func:`toolkit.document_map`, or a corpus, which is
        then mapped with ``document_map(data, method=method)``.
    color : str or None, default "source"
        Corpus column colouring the points; with more than ten values the
        nine most frequent are shown and "other".
    labels : {"terms", "documents"} or None, default "terms"
        Label terms (drawn in the plane, dark red), documents (their
        *label_column*, cut to 30 characters, else their ``doc_id``) or nothing.
    n_labels : int, default 12
        Points labelled.
    label_column : str, default "title"
        Column naming documents.
    method : {"ca", "svd"}, default "ca"
        Mapping method when *data* is a corpus.
    {ax}
    {title}
    {lang}

    Returns
    -------
    {axes}

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.documents.maps import DocumentMap
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "x": [0.0, 1.0], "y": [1.0, 0.0],
    ...                      "contribution": [0.5, 0.5], "source": ["هسبريس", "اليوم"]})
    >>> terms = pd.DataFrame({"term": ["المغرب"], "x": [0.5], "y": [0.5],
    ...                       "contribution": [1.0], "count": [3]})
    >>> ax = document_map(DocumentMap(docs, terms, (0.3, 0.2), "ca"))
    >>> [t.get_text() == mpl_label("المغرب") for t in ax.texts]
    [True]
    """
    if isinstance(data, pd.DataFrame):
        from toolkit.documents.maps import document_map as compute

        data = compute(data, method=method)
    check_lang(lang)
    documents, terms, explained = data.documents, data.terms, data.explained
    if labels not in LABELS:
        raise ValueError(f"labels must be one of {LABELS}, got {labels!r}")
    if color is not None and color not in documents.columns:
        raise KeyError(f"color={color!r} is not a column of the documents: "
                       f"{list(documents.columns)}")  # fmt: skip
    placed = documents[documents["x"].notna()]
    ax = get_ax(ax, (8, 6.5))
    if color is None:
        ax.scatter(placed["x"], placed["y"], s=12, alpha=0.5, color="C0", linewidths=0)
    else:
        values = placed[color].astype("string").fillna("?")
        shown = values.value_counts().index[: MAX_COLORS - 1 if values.nunique() > MAX_COLORS
                                            else MAX_COLORS]  # fmt: skip
        groups = values.where(values.isin(shown), "other")
        for i, value in enumerate([*shown, "other"]):
            rows = placed[groups == value]
            if len(rows):
                grey = value == "other" and value not in set(shown)
                ax.scatter(rows["x"], rows["y"], s=12, alpha=0.6, linewidths=0,
                           color="#c8c8c8" if grey else _PALETTE[i % 10],
                           label=mpl_label(value))  # fmt: skip
        legend = ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False,
                           title=mpl_label(color), prop=arabic_font("small"),
                           markerscale=2)  # fmt: skip
        style_texts([*legend.get_texts(), legend.get_title()])
    if labels == "terms":
        _label(ax, terms.nlargest(n_labels, "contribution"), terms["term"], color="#8b0000")
    elif labels == "documents":
        names = placed[label_column] if label_column in placed else placed["doc_id"]
        names = names.fillna(placed["doc_id"]).astype(str).str.slice(0, 30)
        _label(ax, placed.nlargest(n_labels, "contribution"), names, color="black")
    ax.axhline(0, color="#999999", linewidth=0.6)
    ax.axvline(0, color="#999999", linewidth=0.6)
    ax.set_xlabel(mpl_label(text("dimension", lang, n=1, share=explained[0])), **text_kwargs())
    ax.set_ylabel(mpl_label(text("dimension", lang, n=2, share=explained[1])), **text_kwargs())
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    set_title(ax, title)
    return ax


def _label(ax: Axes, rows: pd.DataFrame, names: pd.Series, *, color: str) -> None:
    """Annotate ``rows`` with ``names``, moving a label down while it would cover another."""
    rows = rows[np.isfinite(rows["x"]) & np.isfinite(rows["y"])]
    ax.autoscale_view()
    points = ax.transData.transform(rows[["x", "y"]].to_numpy(float))
    placed: list[tuple[float, float, float]] = []  # x, y and width of each label, in pixels
    for (index, row), (px, py) in zip(rows.iterrows(), points, strict=True):
        label = mpl_label(names[index])
        width = 7.0 * len(label)
        shift = 0.0
        while any(abs(px - x) < (width + w) / 2 and abs(py - shift - y) < _LINE
                  for x, y, w in placed):  # fmt: skip
            shift += _LINE
        placed.append((px, py - shift, width))
        ax.annotate(label, (row["x"], row["y"]), xytext=(3, 3 - shift * 72 / ax.figure.dpi),
                    textcoords="offset points", color=color, **text_kwargs("small"))  # fmt: skip

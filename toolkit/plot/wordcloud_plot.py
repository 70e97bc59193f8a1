"""Word clouds of the toolkit's own term counts, drawn with the ``wordcloud`` library.

``wordcloud`` draws with Pillow, which shapes Arabic only with its RAQM layout
engine, so each word is handed over through :func:`arabic_text` for Pillow. The
library's own regular-expression tokeniser (which splits Arabic words apart) is never
used: the cloud is built from a ``term_frequencies`` table.
"""

from __future__ import annotations

import copy
from typing import Any

import pandas as pd
from matplotlib.axes import Axes
from wordcloud import WordCloud

from toolkit._api import legacy
from toolkit._docstrings import fill_doc
from toolkit.plot._style import get_ax, require_columns, set_title, shorten, term_totals
from toolkit.plot.fonts import arabic_font_path
from toolkit.plot.shaping import arabic_text


def build_wordcloud(
    freqs: pd.DataFrame,
    *,
    top: int = 200,
    value: str = "count",
    width: int = 800,
    height: int = 400,
    background_color: str | None = "white",
    colormap: str = "viridis",
    random_state: int | None = 0,
    **options: Any,
) -> WordCloud:
    """Lay out a fitted ``wordcloud.WordCloud`` from a ``term_frequencies`` table.

    Words are laid out horizontally (``prefer_horizontal=1``) unless *options* say
    otherwise; *options* go to ``WordCloud`` (``font_path`` defaults to the Arabic font).
    The layout's words are what Pillow draws; use :func:`wordcloud_svg` for SVG.

    >>> import pandas as pd
    >>> cloud = build_wordcloud(pd.DataFrame({"term": ["المغرب", "الرباط"], "count": [5, 3]}))
    >>> len(cloud.layout_)
    2
    """
    require_columns(freqs, ["term", value], name="freqs", producer="term_frequencies")
    totals = term_totals(freqs, value).nlargest(top, keep="first")
    if (totals < 0).any():
        raise ValueError(f"column {value!r} has negative values: {totals[totals < 0].to_dict()}")
    if not (totals > 0).any():
        raise ValueError(f"column {value!r} has no positive value: nothing to draw")
    options = {"prefer_horizontal": 1.0, "font_path": str(arabic_font_path()), **options}
    cloud = WordCloud(
        width=width,
        height=height,
        background_color=background_color,
        colormap=colormap,
        random_state=random_state,
        max_words=top,
        **options,
    )
    drawn: dict[str, object] = {}
    for term in totals.index:  # most frequent first: a shortened label keeps its first term
        drawn.setdefault(arabic_text(shorten(str(term)), renderer="pillow"), term)
    cloud.generate_from_frequencies({label: float(totals[term]) for label, term in drawn.items()})
    return cloud


@legacy(renamed={"freqs": "data"})
@fill_doc
def wordcloud(
    data: pd.DataFrame,
    *,
    top: int | None = None,
    value: str = "count",
    ax: Axes | None = None,
    title: str | None = None,
    **options: Any,
) -> Axes:
    """Draw a word cloud of a ``term_frequencies`` table; word size follows *value*.

    Parameters
    ----------
    data : DataFrame
        Columns ``term`` and *value*, as :func:`toolkit.term_frequencies` returns.
    top : int or None, default None
        Most words in the cloud; None draws 200.
    value : str, default "count"
        Column giving the word sizes.
    {ax}
    {title}
    **options
        ``width``, ``height``, ``colormap``, ``background_color``,
        ``random_state`` or any ``wordcloud.WordCloud`` argument.

    Returns
    -------
    {axes}

    Examples
    --------
    >>> import pandas as pd
    >>> ax = wordcloud(pd.DataFrame({"term": ["المغرب", "الرباط"], "count": [5, 3]}))
    >>> ax.images[0].get_array().shape
    (400, 800, 3)
    """
    cloud = build_wordcloud(data, top=200 if top is None else top, value=value, **options)
    ax = get_ax(ax, (cloud.width / 100, cloud.height / 100))
    ax.imshow(cloud.to_array(), interpolation="bilinear")
    ax.set_axis_off()
    set_title(ax, title)
    return ax


@legacy(renamed={"freqs": "data"})
@fill_doc
def wordcloud_svg(
    data: pd.DataFrame,
    *,
    top: int | None = None,
    value: str = "count",
    embed_font: bool = True,
    **options: Any,
) -> str:
    """The word cloud of :func:`wordcloud` as an SVG document with real ``<text>`` words.

    SVG viewers shape text themselves, so the words are written as raw
    logical strings whatever Pillow needed for the layout.

    Parameters
    ----------
    data : DataFrame
        Columns ``term`` and *value*, as :func:`toolkit.term_frequencies` returns.
    top : int or None, default None
        Most words in the cloud; None draws 200.
    value : str, default "count"
        Column giving the word sizes.
    embed_font : bool, default True
        Embed a subset of the Arabic font, so the file looks the same on
        machines without it.
    **options
        Arguments of ``wordcloud.WordCloud``, as in :func:`wordcloud`.

    Returns
    -------
    str
        The SVG document.

    Examples
    --------
    >>> import pandas as pd
    >>> svg = wordcloud_svg(pd.DataFrame({"term": ["المغرب"], "count": [5]}), embed_font=False)
    >>> ">المغرب</text>" in svg
    True
    """
    cloud = build_wordcloud(data, top=200 if top is None else top, value=value, **options)
    raw_terms = {arabic_text(shorten(str(t)), renderer="pillow"): shorten(str(t))
                 for t in data["term"]}  # fmt: skip
    raw = copy.copy(cloud)
    raw.layout_ = [((raw_terms[label], freq), *rest) for (label, freq), *rest in cloud.layout_]
    return raw.to_svg(embed_font=embed_font)

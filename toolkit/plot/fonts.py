"""Fonts with Arabic glyphs for matplotlib and Pillow.

The toolkit depends on ``fontpkg-noto-sans-arabic`` (Noto Sans Arabic, OFL-1.1);
matplotlib's bundled DejaVu Sans, which also covers Arabic, is the fallback.

>>> arabic_font_path().suffix
'.ttf'
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import matplotlib
from matplotlib import font_manager
from matplotlib.font_manager import FontProperties

#: family used when Noto Sans Arabic lacks a glyph (or is not installed)
FALLBACK_FAMILY = "DejaVu Sans"


def _noto_path() -> Path | None:
    try:
        import fontpkg_noto_sans_arabic as noto
    except ImportError:
        return None
    fonts = sorted((noto.ROOT / "files").glob("*.ttf"))
    return fonts[0] if fonts else None


def _fallback_path() -> Path:
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


@cache
def arabic_font_path() -> Path:
    """Path of the TrueType font used for Arabic text (Noto Sans Arabic, else DejaVu Sans).

    Hand it to Pillow or ``wordcloud.WordCloud(font_path=...)``.

    Returns
    -------
    pathlib.Path
        The font file.

    Examples
    --------
    >>> arabic_font_path().suffix
    '.ttf'
    """
    return _noto_path() or _fallback_path()


@cache
def arabic_font_family() -> str:
    """Family name of :func:`arabic_font_path`, registered with matplotlib's font manager.

    >>> arabic_font_family() in {"Noto Sans Arabic", "DejaVu Sans"}
    True
    """
    path = arabic_font_path()
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def arabic_font(size: float | str | None = None, *, weight: str | int = "normal") -> FontProperties:
    """FontProperties for Arabic labels: the Arabic font, then DejaVu Sans per missing glyph.

    Parameters
    ----------
    size : float, str or None, default None
        Font size in points or a matplotlib size name (``"medium"``); None
        for the default size.
    weight : str or int, default "normal"
        Font weight.

    Returns
    -------
    matplotlib.font_manager.FontProperties
        To pass as ``fontproperties=`` or ``prop=``.

    Examples
    --------
    >>> arabic_font(12).get_family()[-1]
    'DejaVu Sans'
    """
    families = list(dict.fromkeys([arabic_font_family(), FALLBACK_FAMILY]))
    return FontProperties(family=families, size=size, weight=weight)


def use_arabic_font() -> FontProperties:
    """Make the Arabic font matplotlib's default font family (changes ``rcParams``).

    This is the explicit opt-in for your own plots; the toolkit's chart
    functions set the font on their own labels and do not need it.

    Returns
    -------
    matplotlib.font_manager.FontProperties
        The Arabic font's properties.

    Examples
    --------
    >>> import matplotlib as mpl
    >>> with mpl.rc_context():
    ...     _ = use_arabic_font()
    ...     mpl.rcParams["font.family"][0] == arabic_font_family()
    True
    """
    font = arabic_font()
    matplotlib.rcParams["font.family"] = font.get_family()
    return font

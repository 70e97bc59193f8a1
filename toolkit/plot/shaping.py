"""Decide how to hand Arabic text to each renderer.

Some renderers shape and reorder Arabic themselves (matplotlib built with
libraqm, i.e. >= 3.11; Pillow with its RAQM layout engine; SVG text read by a
browser). Others draw code points one by one, left to right (matplotlib <= 3.10,
Pillow's BASIC engine). A string must be pre-shaped (arabic_reshaper) and
bidi-reordered (python-bidi) for the second kind only: doing it for the first
kind draws the text reversed. :func:`arabic_text` makes that choice at run time.

>>> arabic_text("المغرب", renderer="svg-text")
'المغرب'
"""

from __future__ import annotations

import unicodedata
import warnings
from functools import cache
from typing import Literal

import arabic_reshaper
from bidi import get_display

Renderer = Literal["matplotlib", "pillow", "svg-text"]
RENDERERS: tuple[str, ...] = ("matplotlib", "pillow", "svg-text")

#: Arabic Presentation Forms-A and -B: already-shaped glyph code points.
_PRESENTATION_FORMS = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
#: A word whose letters must join: نبت has initial, medial and final forms.
_PROBE = "نبت"


class ArabicShapingWarning(UserWarning):
    """A label was given already shaped, so it cannot be adapted to the renderer."""


def has_presentation_forms(text: str) -> bool:
    """True if *text* contains Arabic presentation-form code points (already shaped).

    >>> has_presentation_forms("ﺍﻟﻤﻐﺮﺏ"), has_presentation_forms("المغرب")
    (True, False)
    """
    return any(lo <= ord(ch) <= hi for ch in text for lo, hi in _PRESENTATION_FORMS)


def needs_bidi(text: str) -> bool:
    """True if *text* contains right-to-left letters (Arabic, Hebrew, ...).

    >>> needs_bidi("USA 2022"), needs_bidi("زيارة 2022")
    (False, True)
    """
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


@cache
def matplotlib_shapes() -> bool:
    """True if this matplotlib shapes and reorders complex scripts itself.

    Checks that ft2font was built with libraqm and, where the private layout
    call exists, that it really substitutes joining forms for a probe word.
    """
    from matplotlib import ft2font

    if not getattr(ft2font, "__libraqm_version__", None):
        return False
    layout = getattr(ft2font.FT2Font, "_layout", None)
    if layout is None:
        return True
    from toolkit.plot.fonts import arabic_font_path

    font = ft2font.FT2Font(str(arabic_font_path()))
    try:
        items = font._layout(_PROBE, ft2font.LoadFlags.NO_HINTING)
        shaped = [item.glyph_index for item in items]
    except (TypeError, AttributeError):  # private API changed: trust the build flag
        return True
    nominal = [font.get_char_index(ord(ch)) for ch in _PROBE]
    return sorted(shaped) != sorted(nominal)


@cache
def pillow_shapes() -> bool:
    """True if Pillow's default text layout engine is RAQM (shapes and reorders).

    This is the engine ``ImageFont.truetype`` picks when none is given, which is
    what the ``wordcloud`` library uses.
    """
    from PIL import ImageFont

    from toolkit.plot.fonts import arabic_font_path

    font = ImageFont.truetype(str(arabic_font_path()), 12)
    return font.layout_engine == ImageFont.Layout.RAQM


def renderer_shapes(renderer: Renderer) -> bool:
    """True if *renderer* shapes Arabic itself, so it must get the raw logical string.

    Parameters
    ----------
    renderer : {"matplotlib", "pillow", "svg-text"}
        The renderer asked about.

    Returns
    -------
    bool
        Whether the renderer shapes and reorders Arabic on its own.

    Examples
    --------
    >>> renderer_shapes("svg-text")
    True
    """
    if renderer == "matplotlib":
        return matplotlib_shapes()
    if renderer == "pillow":
        return pillow_shapes()
    if renderer == "svg-text":
        return True
    raise ValueError(f"unknown renderer {renderer!r}; expected one of {RENDERERS}")


def visual_order(text: str) -> str:
    """Shape *text* into presentation forms and reorder it for left-to-right drawing.

    Each line is handled on its own so that multi-line labels keep their line order.

    >>> visual_order("USA 2022")
    'USA 2022'
    """
    return "\n".join(get_display(arabic_reshaper.reshape(line)) for line in text.split("\n"))


def arabic_text(text: str, *, renderer: Renderer = "matplotlib") -> str:
    """Return what to hand *renderer* so that *text* is drawn joined and right to left.

    Text that is already in presentation forms is returned unchanged with an
    :class:`ArabicShapingWarning`: processing it again would reverse it.

    Parameters
    ----------
    text : str
        The logical (typed) string.
    renderer : {"matplotlib", "pillow", "svg-text"}, default "matplotlib"
        Where the string will be drawn.

    Returns
    -------
    str
        The raw logical string where the renderer shapes (matplotlib with
        libraqm, Pillow with RAQM, SVG text), else the reshaped and
        bidi-reordered string.

    Examples
    --------
    >>> arabic_text("زيارة كوخافي 2022", renderer="svg-text")
    'زيارة كوخافي 2022'
    """
    if not isinstance(text, str):
        raise TypeError(f"arabic_text expects a str, got {type(text).__name__}")
    shapes = renderer_shapes(renderer)
    if has_presentation_forms(text):
        warnings.warn(
            f"{text!r} is already shaped (Arabic presentation forms); returned unchanged. "
            "Pass the raw logical string instead.",
            ArabicShapingWarning,
            stacklevel=2,
        )
        return text
    if shapes or not needs_bidi(text):
        return text
    return visual_order(text)

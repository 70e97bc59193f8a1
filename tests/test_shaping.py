"""Arabic shaping: objective pixel checks against HarfBuzz, negative controls, branch tests.

A label is rendered large (40 pt at 100 dpi) by the renderer under test and, as the
reference, shaped by HarfBuzz (uharfbuzz) with the same font and filled as outlines.
Both images are cropped to their ink, resized to the same grid and compared by
normalised correlation. The wrong treatment (pre-shaped text on a shaping renderer,
raw text on a non-shaping one) is checked in the same run and must fail.
"""

from __future__ import annotations

import unicodedata
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from toolkit.plot import fonts, shaping
from toolkit.plot.fonts import arabic_font, arabic_font_path
from toolkit.plot.shaping import ArabicShapingWarning, arabic_text, visual_order

hb = pytest.importorskip("uharfbuzz")

POINTS, DPI = 40, 100
PIXELS = POINTS * DPI / 72  # em size in pixels
GRID = (160, 24)  # width, height of the comparison grid
BLUR = 1.0  # pixels of Gaussian blur on the grid: tolerates small spacing differences
# Measured here: correct renderings score >= 0.90, wrong treatments <= 0.58.
PASS = 0.80
LABELS = [
    "المغرب",
    "إسرائيل",
    "أفيف كوخافي",
    "الجيش الإسرائيلي",
    "لجنة القدس",
    "زيارة كوخافي 2022",
    "الولايات المتحدة USA",
]


# --- reference: HarfBuzz shaping + outline fill -------------------------------------


class _PathPen:
    """Collect a glyph outline as matplotlib path vertices (fontTools pen protocol)."""

    def __init__(self, dx: float, dy: float):
        self.dx, self.dy = dx, dy
        self.vertices: list[tuple[float, float]] = []
        self.codes: list[int] = []

    def _add(self, code: int, *points) -> None:
        for x, y in points:
            self.vertices.append((x + self.dx, y + self.dy))
            self.codes.append(code)

    def moveTo(self, p):
        self._add(MplPath.MOVETO, p)

    def lineTo(self, p):
        self._add(MplPath.LINETO, p)

    def qCurveTo(self, *points):
        *offs, end = points
        for i, off in enumerate(offs):  # TrueType implied on-curve points
            nxt = (
                end
                if i == len(offs) - 1
                else ((off[0] + offs[i + 1][0]) / 2, (off[1] + offs[i + 1][1]) / 2)
            )
            self._add(MplPath.CURVE3, off, nxt)

    def curveTo(self, *points):
        self._add(MplPath.CURVE4, *points)

    def closePath(self):
        self._add(MplPath.CLOSEPOLY, (0, 0))

    endPath = closePath


def _runs(text: str) -> list[tuple[str, str]]:
    """Split *text* into (run, direction) in visual order, for an RTL paragraph."""
    runs: list[tuple[str, str]] = []
    for ch in text:
        direction = "ltr" if unicodedata.bidirectional(ch) in ("L", "EN") else "rtl"
        if runs and runs[-1][1] == direction:
            runs[-1] = (runs[-1][0] + ch, direction)
        else:
            runs.append((ch, direction))
    return runs[::-1]


def harfbuzz_image(text: str) -> np.ndarray:
    """Ink image of *text* shaped by HarfBuzz with the toolkit's Arabic font."""
    face = hb.Face(hb.Blob.from_file_path(str(arabic_font_path())))
    font = hb.Font(face)
    scale = PIXELS / face.upem
    patches, x = [], 0.0
    for run, direction in _runs(text):
        buf = hb.Buffer()
        buf.add_str(run)
        buf.guess_segment_properties()
        buf.direction = direction
        hb.shape(font, buf, {})
        for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
            pen = _PathPen(x + pos.x_offset, pos.y_offset)
            font.draw_glyph_with_pen(info.codepoint, pen)
            x += pos.x_advance
            if pen.codes:
                patches.append(MplPath(np.array(pen.vertices) * scale, pen.codes))
    width = x * scale + 2 * PIXELS
    fig = Figure(figsize=(width / DPI, 3 * PIXELS / DPI), dpi=DPI)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set_xlim(-PIXELS, width - PIXELS)
    ax.set_ylim(-1.5 * PIXELS, 1.5 * PIXELS)
    for path in patches:
        ax.add_patch(PathPatch(path, facecolor="black", edgecolor="none"))
    return _ink(fig)


# --- renderers under test -------------------------------------------------------------


def _ink(fig: Figure) -> np.ndarray:
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    rgba = np.asarray(canvas.buffer_rgba())
    return 255.0 - rgba[..., :3].mean(axis=2)


def matplotlib_image(label: str) -> np.ndarray:
    """Ink image of *label* drawn by matplotlib exactly as given."""
    fig = Figure(figsize=(16, 3 * PIXELS / DPI), dpi=DPI)
    fig.text(
        0.5,
        0.5,
        label,
        ha="center",
        va="center",
        parse_math=False,
        fontproperties=arabic_font(POINTS),
    )
    return _ink(fig)


def pillow_image(label: str, engine: ImageFont.Layout) -> np.ndarray:
    """Ink image of *label* drawn by Pillow with layout *engine*, exactly as given."""
    font = ImageFont.truetype(str(arabic_font_path()), round(PIXELS), layout_engine=engine)
    image = Image.new("L", (1600, round(3 * PIXELS)), 0)
    ImageDraw.Draw(image).text((PIXELS, PIXELS), label, font=font, fill=255)
    return np.asarray(image, dtype=float)


def similarity(candidate: np.ndarray, reference: np.ndarray) -> float:
    """Normalised correlation of two ink images after cropping and resizing to GRID."""
    a, b = _normalise(candidate), _normalise(reference)
    return float((a * b).sum())


def _normalise(ink: np.ndarray) -> np.ndarray:
    rows = np.flatnonzero(ink.max(axis=1) > 0.25 * ink.max())
    cols = np.flatnonzero(ink.max(axis=0) > 0.25 * ink.max())
    assert rows.size and cols.size, "nothing was drawn"
    crop = ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    image = Image.fromarray(crop.astype(np.uint8)).resize(GRID, Image.Resampling.BOX)
    small = np.asarray(image.filter(ImageFilter.GaussianBlur(BLUR)), float)
    small -= small.mean()
    return small / np.linalg.norm(small)


# --- objective checks with negative controls ------------------------------------------


@pytest.fixture(scope="module")
def references() -> dict[str, np.ndarray]:
    return {label: harfbuzz_image(label) for label in LABELS}


@pytest.mark.parametrize("label", LABELS)
def test_matplotlib_draws_arabic_text_like_harfbuzz(label, references):
    right = arabic_text(label, renderer="matplotlib")
    wrong = label if right != label else visual_order(label)
    assert right != wrong
    good = similarity(matplotlib_image(right), references[label])
    bad = similarity(matplotlib_image(wrong), references[label])
    assert good > PASS, f"{label}: correct treatment scored {good:.3f}"
    assert bad < PASS, f"{label}: negative control scored {bad:.3f}; the check cannot fail"


@pytest.mark.parametrize("engine", [ImageFont.Layout.RAQM, ImageFont.Layout.BASIC])
@pytest.mark.parametrize("label", LABELS)
def test_pillow_draws_arabic_text_like_harfbuzz(label, engine, references, monkeypatch):
    if engine == ImageFont.Layout.RAQM and not shaping.pillow_shapes():
        pytest.skip("Pillow has no RAQM layout engine here")
    monkeypatch.setattr(shaping, "pillow_shapes", lambda: engine == ImageFont.Layout.RAQM)
    right = arabic_text(label, renderer="pillow")
    wrong = label if right != label else visual_order(label)
    good = similarity(pillow_image(right, engine), references[label])
    bad = similarity(pillow_image(wrong, engine), references[label])
    assert good > PASS, f"{label} ({engine.name}): correct treatment scored {good:.3f}"
    assert bad < PASS, f"{label} ({engine.name}): negative control scored {bad:.3f}"


# --- run-time capability detection and branch tests ---------------------------------


def test_matplotlib_capability_follows_libraqm():
    from matplotlib import ft2font

    assert shaping.matplotlib_shapes() == bool(getattr(ft2font, "__libraqm_version__", None))


def test_pillow_capability_follows_default_layout_engine():
    from PIL import features

    assert shaping.pillow_shapes() == bool(features.check("raqm"))


@pytest.mark.parametrize("renderer", ["matplotlib", "pillow"])
def test_raw_string_where_renderer_shapes(renderer, monkeypatch):
    monkeypatch.setattr(shaping, f"{renderer}_shapes", lambda: True)
    assert arabic_text("زيارة كوخافي 2022", renderer=renderer) == "زيارة كوخافي 2022"


@pytest.mark.parametrize("renderer", ["matplotlib", "pillow"])
def test_shaped_visual_string_where_renderer_does_not_shape(renderer, monkeypatch):
    monkeypatch.setattr(shaping, f"{renderer}_shapes", lambda: False)
    out = arabic_text("المغرب", renderer=renderer)
    # presentation forms, drawn left to right: final ba first, isolated alef last
    assert out == "\ufe8f\ufeae\ufed0\ufee4\ufedf\ufe8d"


def test_svg_text_is_always_raw(monkeypatch):
    monkeypatch.setattr(shaping, "matplotlib_shapes", lambda: False)
    monkeypatch.setattr(shaping, "pillow_shapes", lambda: False)
    assert arabic_text("لجنة القدس", renderer="svg-text") == "لجنة القدس"


@pytest.mark.parametrize(
    ("text", "visual"),
    [
        ("زيارة كوخافي 2022", "2022 ﻲﻓﺎﺧﻮﻛ ﺓﺭﺎﻳﺯ"),
        ("الولايات المتحدة USA", "USA ﺓﺪﺤﺘﻤﻟﺍ ﺕﺎﻳﻻﻮﻟﺍ"),
        ("وصل كوخافي إلى الرباط يوم 24 نونبر 2021", "2021 ﺮﺒﻧﻮﻧ 24 ﻡﻮﻳ ﻁﺎﺑﺮﻟﺍ ﻰﻟﺇ ﻲﻓﺎﺧﻮﻛ ﻞﺻﻭ"),
    ],
)
def test_mixed_text_keeps_numbers_and_latin_in_order(text, visual, monkeypatch):
    monkeypatch.setattr(shaping, "matplotlib_shapes", lambda: False)
    assert arabic_text(text) == visual


def test_multiline_labels_keep_line_order(monkeypatch):
    monkeypatch.setattr(shaping, "matplotlib_shapes", lambda: False)
    top, bottom = arabic_text("المغرب\nإسرائيل").split("\n")
    assert (top, bottom) == (visual_order("المغرب"), visual_order("إسرائيل"))


@pytest.mark.parametrize("shapes", [True, False])
def test_already_shaped_text_is_returned_unchanged_with_warning(shapes, monkeypatch):
    monkeypatch.setattr(shaping, "matplotlib_shapes", lambda: shapes)
    shaped = visual_order("الرباط")
    with pytest.warns(ArabicShapingWarning, match="already shaped"):
        assert arabic_text(shaped) == shaped


def test_latin_text_is_untouched_everywhere(monkeypatch):
    monkeypatch.setattr(shaping, "matplotlib_shapes", lambda: False)
    assert arabic_text("Tel Aviv 2022 ($)") == "Tel Aviv 2022 ($)"


def test_bad_renderer_and_bad_input_are_named():
    with pytest.raises(ValueError, match="unknown renderer 'svg'"):
        arabic_text("المغرب", renderer="svg")
    with pytest.raises(TypeError, match="expects a str"):
        arabic_text(None)


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30))
def test_arabic_text_never_raises_and_is_identity_where_renderer_shapes(text):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ArabicShapingWarning)
        assert arabic_text(text, renderer="svg-text") == text
        assert isinstance(visual_order(text), str)


# --- fonts -------------------------------------------------------------------------------


def test_arabic_font_is_noto_and_covers_labels():
    from matplotlib.ft2font import FT2Font

    assert arabic_font_path().name.startswith("NotoSansArabic")
    charmap = FT2Font(str(arabic_font_path())).get_charmap()
    assert all(ord(ch) in charmap for label in LABELS for ch in label)
    assert all(ord(ch) in charmap for ch in visual_order("".join(LABELS)))


def test_dejavu_fallback_when_noto_is_missing(monkeypatch):
    monkeypatch.setattr(fonts, "_noto_path", lambda: None)
    fonts.arabic_font_path.cache_clear()
    try:
        path = fonts.arabic_font_path()
        assert path.name == "DejaVuSans.ttf" and path.exists()
    finally:
        fonts.arabic_font_path.cache_clear()


def test_use_arabic_font_is_an_explicit_rcparams_change():
    import matplotlib as mpl

    with mpl.rc_context():
        before = list(mpl.rcParams["font.family"])
        font = fonts.use_arabic_font()
        assert mpl.rcParams["font.family"] == font.get_family()
        assert mpl.rcParams["font.family"][0] == "Noto Sans Arabic"
    assert list(mpl.rcParams["font.family"]) == before


# --- the wordcloud path (Pillow), on both layout engines --------------------------------

CLOUD_LABELS = ["المغرب", "أفيف كوخافي", "زيارة كوخافي 2022"]


@pytest.mark.parametrize("engine", [ImageFont.Layout.RAQM, ImageFont.Layout.BASIC])
@pytest.mark.parametrize("label", CLOUD_LABELS)
def test_wordcloud_draws_arabic_like_harfbuzz(label, engine, references, monkeypatch):
    import pandas as pd

    from toolkit.plot.wordcloud_plot import build_wordcloud

    if engine == ImageFont.Layout.RAQM and not shaping.pillow_shapes():
        pytest.skip("Pillow has no RAQM layout engine here")
    truetype = ImageFont.truetype  # wordcloud opens its fonts through this call
    monkeypatch.setattr(
        ImageFont, "truetype", lambda *a, **k: truetype(*a, **{**k, "layout_engine": engine})
    )
    scores = {}
    for detected in (True, False):  # the right and the wrong capability
        monkeypatch.setattr(shaping, "pillow_shapes", lambda d=detected: d)
        cloud = build_wordcloud(
            pd.DataFrame({"term": [label], "count": [3]}),
            width=600,
            height=150,
            color_func=lambda *args, **kwargs: "black",
        )
        ink = 255.0 - np.asarray(cloud.to_image().convert("L"), float)
        scores[detected] = similarity(ink, references[label])
    shapes = engine == ImageFont.Layout.RAQM
    assert scores[shapes] > PASS, f"{label} ({engine.name}): correct scored {scores[shapes]:.3f}"
    assert scores[not shapes] < PASS, (
        f"{label} ({engine.name}): wrong scored {scores[not shapes]:.3f}"
    )

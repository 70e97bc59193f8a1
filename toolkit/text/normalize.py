"""Character-level normalisation of Arabic text.

Every step is a single-character mapping, so :func:`normalize` is fast
(one :meth:`str.translate`) and idempotent. Offsets into the original text
are never needed here: :func:`toolkit.tokenize` slices tokens from the
original text and normalises each token on its own.

>>> normalize("وَالمَغْرِبُ ـــ ٢٠٢١")
'والمغرب  2021'
"""

from __future__ import annotations

import inspect
import unicodedata
from collections.abc import Callable
from functools import cache

__all__ = ["DIACRITICS", "changed_characters", "each_word", "normalize"]

#: Harakat, tanwin, shadda, sukun, dagger alef and Quranic annotation marks.
DIACRITICS = frozenset(
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670"]
    + [chr(c) for c in range(0x06D6, 0x06DD)]
    + [chr(c) for c in range(0x06DF, 0x06E9)]
    + [chr(c) for c in range(0x06EA, 0x06EE)]
)
TATWEEL = "\u0640"
#: Bidi marks, embeddings, isolates, zero-width characters, the Arabic letter mark and BOM.
CONTROLS = frozenset(
    [chr(c) for c in range(0x200B, 0x2010)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
    + ["\u061c", "\u2060", "\ufeff"]
)
ALEF_VARIANTS = {c: "\u0627" for c in "\u0623\u0625\u0622\u0671\u0672\u0673"}
ALEF_MAQSURA = {"\u0649": "\u064a"}
TEH_MARBUTA = {"\u0629": "\u0647"}
DIGITS = {
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
    "\u066b": ".",  # Arabic decimal separator
    "\u066c": ",",  # Arabic thousands separator
}
#: Persian, Urdu and other Arabic-script letters that stand for Arabic letters.
PERSIAN_LETTERS = {
    "\u06a9": "\u0643",  # ک keheh -> kaf
    "\u06aa": "\u0643",  # ڪ swash kaf
    "\u06cc": "\u064a",  # ی farsi yeh -> ya
    "\u06d0": "\u064a",  # ې
    "\u06d2": "\u064a",  # ے yeh barree
    "\u06d3": "\u064a",  # ۓ
    "\u06d5": "\u0647",  # ە ae -> heh
    "\u06c0": "\u0647",  # ۀ heh with yeh above
    "\u06c1": "\u0647",  # ہ heh goal
    "\u06c2": "\u0647",  # ۂ
    "\u06be": "\u0647",  # ھ heh doachashmee
    "\u06c3": "\u0629",  # ۃ teh marbuta goal
}
PRESENTATION_RANGES = ((0xFB50, 0xFE00), (0xFE70, 0xFF00))


def _presentation_form_table() -> dict[int, str]:
    """Map Arabic presentation forms (U+FB50–FDFF, U+FE70–FEFF) to base letters via NFKC."""
    table = {}
    for lo, hi in PRESENTATION_RANGES:
        for code in range(lo, hi):
            base = unicodedata.normalize("NFKC", chr(code))
            if base != chr(code) and code != 0xFEFF:
                # Isolated forms of marks decompose to "space + mark": keep the mark only.
                table[code] = base.lstrip(" ") or base
    return table


@cache
def _table(
    diacritics: bool,
    tatweel: bool,
    alef: bool,
    alef_maqsura: bool,
    teh_marbuta: bool,
    digits: bool,
    presentation_forms: bool,
    persian: bool,
    controls: bool,
) -> dict[int, str | None]:
    """Compose the selected steps into one translation table (applied in one pass)."""
    steps: list[dict[str, str | None]] = []
    if persian:
        steps.append(PERSIAN_LETTERS)
    if alef:
        steps.append(ALEF_VARIANTS)
    if alef_maqsura:
        steps.append(ALEF_MAQSURA)
    if teh_marbuta:
        steps.append(TEH_MARBUTA)
    if digits:
        steps.append(DIGITS)
    deleted = set()
    if diacritics:
        deleted |= DIACRITICS
    if tatweel:
        deleted.add(TATWEEL)
    if controls:
        deleted |= CONTROLS

    def char_map(ch: str) -> str:
        for step in steps:
            ch = step.get(ch, ch)
        return "".join(c for c in ch if c not in deleted)

    table: dict[int, str | None] = {}
    sources = set(deleted)
    for step in steps:
        sources |= set(step)
    if presentation_forms:
        for code, base in _presentation_form_table().items():
            table[code] = "".join(char_map(c) for c in base)
    for ch in sources:
        mapped = char_map(ch)
        table[ord(ch)] = mapped if mapped else None
    return table


def normalize(
    text: str,
    *,
    diacritics: bool = True,
    tatweel: bool = True,
    alef: bool = True,
    alef_maqsura: bool = True,
    teh_marbuta: bool = False,
    digits: bool = True,
    presentation_forms: bool = True,
    persian: bool = True,
    controls: bool = True,
) -> str:
    """Normalise Arabic text for matching and counting.

    Each option switches one step. The result is idempotent:
    ``normalize(normalize(s)) == normalize(s)``.

    Parameters
    ----------
    text : str
        Any text.
    diacritics : bool, default True
        Strip harakat, tanwin, shadda, sukun, dagger alef, Quranic marks.
    tatweel : bool, default True
        Strip tatweel (ـ).
    alef : bool, default True
        Unify alef forms (أ إ آ ٱ -> ا).
    alef_maqsura : bool, default True
        Alef maqsura -> ya.
    teh_marbuta : bool, default False
        Teh marbuta -> heh.
    digits : bool, default True
        Arabic-Indic digits -> ASCII.
    presentation_forms : bool, default True
        Arabic presentation forms back to base letters.
    persian : bool, default True
        Persian/Urdu letter variants to Arabic.
    controls : bool, default True
        Remove bidi and zero-width controls.

    Returns
    -------
    str
        The normalised text.

    Examples
    --------
    >>> normalize("إسرائيل")
    'اسرائيل'
    >>> normalize("مستشفى", alef_maqsura=False)
    'مستشفى'
    """
    return text.translate(
        _table(
            diacritics,
            tatweel,
            alef,
            alef_maqsura,
            teh_marbuta,
            digits,
            presentation_forms,
            persian,
            controls,
        )
    )


@cache
def changed_characters(**options: bool) -> frozenset[str]:
    """The characters that :func:`normalize` with ``options`` changes or removes: a text
    without any of them is its own normal form.

    >>> "\u0623" in changed_characters(), "\u0623" in changed_characters(alef=False)
    (True, False)
    """
    normalize("", **options)  # (checks the option names)
    defaults = {name: parameter.default for name, parameter in
                inspect.signature(normalize).parameters.items() if name != "text"}  # fmt: skip
    table = _table(**{**defaults, **options})
    return frozenset(chr(code) for code, mapped in table.items() if mapped != chr(code))


def each_word(form: Callable[[str], str], words: list[str]) -> list[str]:
    """``form`` of each of ``words``, in one call on the words joined by line breaks.

    The normal forms map one character at a time and never to a line break,
    so this equals ``[form(w) for w in words]``, much faster; a word that
    holds a line break itself makes it fall back to one call per word.

    >>> each_word(normalize, ["وإسرائيل", "أركان"])
    ['واسرائيل', 'اركان']
    """
    found = form("\n".join(words)).split("\n")
    return found if len(found) == len(words) else [form(word) for word in words]

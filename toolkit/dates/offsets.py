"""Normalised text with a map from its offsets back to the original text.

:func:`toolkit.normalize` maps most characters one to one, deletes a few
(diacritics, tatweel, bidi controls) and expands some presentation-form
ligatures (ﻻ -> لا). Only those irregular characters are visited, so the
map costs almost nothing on ordinary text.

>>> view = NormalizedText("أمسِ الأحد")
>>> view.norm
'امس الاحد'
>>> view.span(0, 3)
(0, 4)
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from toolkit.text.normalize import DIACRITICS, TATWEEL, normalize

__all__ = ["NormalizedText"]

_TRAILING_MARKS = frozenset(DIACRITICS | {TATWEEL})


@cache
def _irregular_characters() -> re.Pattern[str]:
    """Characters that :func:`normalize` deletes or expands into several."""
    candidates = [chr(c) for c in range(0x0600, 0x0700)]
    candidates += [chr(c) for c in range(0x2000, 0x2070)]
    candidates += [chr(c) for c in range(0xFB50, 0xFF00)]
    irregular = [ch for ch in candidates if len(normalize(ch)) != 1]
    return re.compile("[" + "".join(re.escape(ch) for ch in irregular) + "]")


@cache
def _normalized_width(char: str) -> int:
    return len(normalize(char))


class NormalizedText:
    """``norm = normalize(text)`` and :meth:`span` to map offsets back to ``text``."""

    __slots__ = ("_deltas", "_starts", "norm", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.norm = normalize(text)
        starts, deltas = [0], [0]
        norm_pos = orig_pos = 0
        for match in _irregular_characters().finditer(text):
            index = match.start()
            norm_pos += index - orig_pos
            width = _normalized_width(match.group())
            for k in range(width):
                starts.append(norm_pos + k)
                deltas.append(index - norm_pos - k)
            norm_pos += width
            orig_pos = index + 1
            starts.append(norm_pos)
            deltas.append(orig_pos - norm_pos)
        self._starts, self._deltas = starts, deltas

    def original(self, position: int) -> int:
        """Offset in ``text`` of the character at ``position`` in ``norm``."""
        return position + self._deltas[bisect_right(self._starts, position) - 1]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of ``norm[start:end]``, trailing diacritics included."""
        orig_start = self.original(start)
        orig_end = self.original(end - 1) + 1 if end > start else orig_start
        text = self.text
        while orig_end < len(text) and text[orig_end] in _TRAILING_MARKS:
            orig_end += 1
        return orig_start, orig_end

"""Sentence start offsets, computed with regular expressions instead of a token loop.

:func:`toolkit.text.sentence_spans` walks every token in Python, which
costs more than the whole date grammar. Dates only need the offsets where
sentences start, and those depend on a few characters: sentence-final
punctuation that is not inside a number (3.5) or after a one-letter
abbreviation (د.), the closing quotes and brackets after it, and line
breaks. :func:`sentence_starts` finds them directly and is tested to agree
with :func:`toolkit.text.sentence_spans`.

>>> text = "قال د. محمد إن النمو بلغ 3.5 في المائة.وأشار إلى ذلك"
>>> sentence_starts(text)
[0, 39]
"""

from __future__ import annotations

import re

from toolkit.text.tokenize import (
    _ABBREVIATION_MAX_LEN,
    _ARABIC_LETTERS,
    _ARABIC_MARKS,
    _CLOSERS,
    _DIGIT,
    _LATIN_ABBREVIATIONS,
    _SENTENCE_END,
)

__all__ = ["sentence_starts"]

_ENDS = "".join(sorted(_SENTENCE_END))
_CLOSING_PUNCT = "".join(sorted(c for c in _CLOSERS if c != ">"))  # ">" is a symbol token
_END = re.compile(f"[{re.escape(_ENDS)}]")
_AFTER_END = re.compile(rf"(?:\s|[{re.escape(_CLOSING_PUNCT + _ENDS)}])*")
_LINE_START = re.compile(r"\n\s*(?=\S)")
_FIRST = re.compile(r"\S")
_DIGIT_CHAR = re.compile(f"[{_DIGIT}]")
_ARABIC_RUN = re.compile(rf"(?:[{_ARABIC_LETTERS}][{_ARABIC_LETTERS}{_ARABIC_MARKS}]*)$")
_ARABIC_OR_MARK = re.compile(f"[{_ARABIC_LETTERS}{_ARABIC_MARKS}]")
_LATIN_TOKEN = re.compile(r"(?<![A-Za-z\u00C0-\u024F])[A-Za-z\u00C0-\u024F]+$")


def _is_abbreviation(text: str, dot: int) -> bool:
    """Is the token just before ``text[dot] == "."`` a one-letter word or a Latin abbreviation?"""
    left = text[max(0, dot - 12) : dot]
    arabic = _ARABIC_RUN.search(left)
    if arabic and len(arabic.group()) <= _ABBREVIATION_MAX_LEN:
        before = dot - len(arabic.group()) - 1
        return before < 0 or not _ARABIC_OR_MARK.match(text, before)
    latin = _LATIN_TOKEN.search(left)
    if latin and not (
        dot - len(latin.group()) - 2 >= 0 and text[dot - len(latin.group()) - 1] in "'’-"
    ):
        word = latin.group()
        return word.lower() in _LATIN_ABBREVIATIONS or len(word) == 1
    return False


def _ends_sentence(text: str, index: int) -> bool:
    if text[index] != ".":
        return True
    inside_number = (
        index > 0
        and index + 1 < len(text)
        and _DIGIT_CHAR.match(text, index - 1)
        and _DIGIT_CHAR.match(text, index + 1)
    )
    return not inside_number and not _is_abbreviation(text, index)


def sentence_starts(text: str) -> list[int]:
    """Offsets where the sentences of :func:`toolkit.text.sentence_spans` start."""
    first = _FIRST.search(text)
    if first is None:
        return []
    starts = {first.start()}
    starts.update(m.end() for m in _LINE_START.finditer(text, first.start()))
    for end in _END.finditer(text):
        index = end.start()
        if not _ends_sentence(text, index):
            continue
        run = _AFTER_END.match(text, index + 1)
        if run.end() < len(text) and "\n" not in run.group():
            starts.add(run.end())
    return sorted(starts)

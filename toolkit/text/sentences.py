"""Sentence start offsets, computed with regular expressions instead of a token loop.

:func:`toolkit.text.sentence_spans` walks every token in Python, which
costs more than the whole date grammar. Dates and the corpus summary only
need the offsets where sentences start, and those depend on a few characters: sentence-final
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
from itertools import pairwise

from toolkit.text.tokenize import (
    _ABBREVIATION_MAX_LEN,
    _ARABIC_LETTERS,
    _ARABIC_MARKS,
    _CLOSERS,
    _DIGIT,
    _LATIN_ABBREVIATIONS,
    _LATIN_LETTERS,
    _MARK_TOKEN,
    _SENTENCE_END,
    sentence_spans,
)

__all__ = ["sentence_starts", "sentences_with_words"]

_ENDS = "".join(sorted(_SENTENCE_END))
_CLOSING = "".join(sorted(c for c in _CLOSERS if c != ">"))  # ">" is a symbol token
_L, _LM = f"[{_ARABIC_LETTERS}]", f"[{_ARABIC_LETTERS}{_ARABIC_MARKS}]"


def _latin_abbreviation(word: str) -> str:
    """Not a "." right after ``word`` as a whole Latin token."""
    return rf"(?<!(?<![{_LATIN_LETTERS}])(?<![{_LATIN_LETTERS}]['’\-])(?i:{word})\.)"


_ABBREVIATION = "".join(
    [rf"(?<!(?<!{_LM}){_L}\.)" if _ABBREVIATION_MAX_LEN == 1 else ""]
    + [_latin_abbreviation(w) for w in sorted(_LATIN_ABBREVIATIONS)]
    + [_latin_abbreviation(f"[{_LATIN_LETTERS}]")]
)
#: A sentence-final character (a "." neither inside a number nor after an
#: abbreviation), then closers, more final marks and spaces on the same line;
#: the match ends where the next sentence starts.
_BOUNDARY = re.compile(
    rf"[{re.escape(_ENDS)}](?!(?<=[{_DIGIT}]\.)[{_DIGIT}]){_ABBREVIATION}"
    rf"(?:[^\S\n]|[{re.escape(_CLOSING + _ENDS)}])*(?=[^\s{re.escape(_CLOSING + _ENDS)}])"
)
_LINE_START = re.compile(r"\n\s*(?=\S)")
_FIRST = re.compile(r"\S")
#: What the look-behinds above cannot place, so that a text holding one is read token by
#: token (rare in Arabic news): a letter of another script, or a letter-like sign such as
#: ², which starts a token of kind ``word`` that takes in the Latin and Arabic letters after
#: it (Жd. is no abbreviation), and an Arabic mark that follows no letter, which makes a
#: token of its own (ؐب. is one: ب stands alone before the ".").
_OTHER_LETTER = re.compile(rf"[^\W\d_{_ARABIC_MARKS}{_ARABIC_LETTERS}{_LATIN_LETTERS}]")
_MARKS = _ARABIC_MARKS.replace(r"\u0640", "")  # (a tatweel starts an Arabic word)
# (the mark matched first, then what precedes it: several times faster to search for)
_DETACHED_MARK = re.compile(rf"[{_MARKS}](?<=[^{_ARABIC_LETTERS}{_ARABIC_MARKS}].)")
_STARTS_WITH_MARK = re.compile(rf"[{_MARKS}]")


def sentence_starts(text: str) -> list[int]:
    """Offsets where the sentences of :func:`toolkit.text.sentence_spans` start."""
    if (_OTHER_LETTER.search(text) or _DETACHED_MARK.search(text)
            or _STARTS_WITH_MARK.match(text)):  # fmt: skip
        return [start for start, _ in sentence_spans(text)]
    first = _FIRST.search(text)
    if first is None:
        return []
    starts = {first.start()}
    starts.update(m.end() for m in _LINE_START.finditer(text, first.start()))
    starts.update(m.end() for m in _BOUNDARY.finditer(text))
    return sorted(starts)


#: A character found only in word tokens (kinds arabic, latin and word, see
#: :func:`~toolkit.text.tokenize.iter_tokens`): an Arabic or Latin letter, or another letter
#: (a word character that is neither a digit, "_" nor an Arabic mark); a tatweel only where
#: it cannot belong to a token of diacritics (it then starts an Arabic word).
_WORD_LETTER = re.compile(
    rf"(?!\u0640)[{_ARABIC_LETTERS}{_LATIN_LETTERS}]|[^\W\d_{_ARABIC_MARKS}]|(?<![{_MARK_TOKEN}])\u0640"
)


def sentences_with_words(text: str) -> int:
    """How many sentences of ``text`` (those of :func:`toolkit.text.sentence_spans`) hold a
    word: one search per sentence for a letter that only word tokens hold, no token loop.

    >>> sentences_with_words("زار الوفد الرباط. 2021! وغادر")
    2
    """
    bounds = [*sentence_starts(text), len(text)]
    return sum(1 for start, end in pairwise(bounds) if _WORD_LETTER.search(text, start, end))

"""Light stemming: Larkey, Ballesteros & Connell's *Light10* algorithm.

Light10 (Larkey et al., "Light Stemming for Arabic Information Retrieval",
2007) removes one definite-article-like prefix (وال بال كال فال لل ال) and
then the suffixes ها ان ات ون ين يه ية ه ة ي, without any root analysis, so
stems stay recognisable word parts (المغرب -> مغرب, الحكومات -> حكوم).
Two changes from Light10: it is applied to the clitic-free ``term``, so
Light10's first step (drop a leading و) is left out (it turns وزير into
زير), and a suffix is removed only when 3 letters remain. Input is
normalised first (:func:`toolkit.normalize`).

>>> light_stem("المغربية"), light_stem("الحكومات"), light_stem("وزير")
('مغرب', 'حكوم', 'وزير')
"""

from __future__ import annotations

from functools import lru_cache

from toolkit.text.forms import ARTICLE, attach
from toolkit.text.normalize import normalize

__all__ = ["light_stem"]

#: Light10's prefixes: the article after و ب ك ف ل (وال بال كال فال لل), then the article.
PREFIXES = (*(attach(clitic, ARTICLE) for clitic in "وبكفل"), ARTICLE)
SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي")


#: Words whose stem is memoised (least recently used dropped first; about 50 MB when full).
STEM_CACHE = 200_000


@lru_cache(maxsize=STEM_CACHE)
def light_stem(word: str) -> str:
    """Light10 stem of a clitic-free ``word``: one article prefix, then suffixes."""
    stem = normalize(word)
    for prefix in PREFIXES:
        if stem.startswith(prefix) and len(stem) - len(prefix) >= 2:
            stem = stem[len(prefix) :]
            break
    for suffix in SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
            stem = stem[: -len(suffix)]
    return stem

"""Keyword in context, matched by term so that a query for المغرب finds والمغرب.

>>> hits = kwic("زار كوخافي الرباط والمغرب يرحب", query="المغرب", window=2)
>>> hits[["before", "match", "after"]].values.tolist()
[['كوخافي الرباط', 'والمغرب', 'يرحب']]
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from toolkit._api import legacy
from toolkit._docstrings import fill_doc
from toolkit.checks import check_choice, check_positive_int, check_query, check_text_input
from toolkit.terms.frequencies import FORMS
from toolkit.text.clitics import TermResolver
from toolkit.text.normalize import normalize
from toolkit.text.stem import light_stem
from toolkit.text.tokenize import tokenize

__all__ = ["kwic"]


@legacy(positional=("query",))
@fill_doc
def kwic(
    data: str | pd.DataFrame,
    *,
    query: str,
    window: int = 5,
    form: str = "term",
    n_jobs: int | None = 1,
    chunksize: int | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Keyword in context: every match of ``query`` with the words around it.

    ``query`` (one or more words) is matched by ``form``, so a query for
    المغرب finds والمغرب, للمغرب and بالمغرب; hamza and diacritics do not
    matter.

    Parameters
    ----------
    data : str or DataFrame
        A text, a corpus DataFrame or a tokens DataFrame.
    query : str
        The word or words searched.
    window : int, default 5
        Tokens of context on each side, within the document.
    {form}
    {n_jobs}
    {chunksize}
    {progress}

    Returns
    -------
    DataFrame
        ``doc_id, sent_id, start, end, before, match, after``: ``before``
        and ``after`` hold the original text (line breaks and runs of spaces
        shown as one space), named by reading order, not by side: in Arabic
        the words ``before`` the match stand to its right (formerly
        ``left``/``right``).

    Examples
    --------
    >>> hits = kwic("زار كوخافي الرباط والمغرب يرحب", query="المغرب", window=2)
    >>> hits[["before", "match", "after"]].values.tolist()
    [['كوخافي الرباط', 'والمغرب', 'يرحب']]
    """
    check_choice(form, "form", FORMS)
    check_query(query)
    check_positive_int(window, "window", minimum=0)
    data = check_text_input(data, func="kwic")
    texts = _texts_of(data)
    tokens = data if _is_tokens(data) else tokenize(data, n_jobs=n_jobs, chunksize=chunksize,
                                                     progress=progress)  # fmt: skip
    key_of: Callable[[str], str] = light_stem if form == "stem" else normalize
    wanted = [key_of(TermResolver().remainder(w) if form == "term" else w) for w in query.split()]
    rows = []
    for doc_id, doc in tokens.groupby("doc_id", sort=False):
        text = texts.get(doc_id)
        keys = [key_of(v) if isinstance(v, str) else None for v in doc[form]]
        starts, ends = doc["start"].to_numpy(), doc["end"].to_numpy()
        words = doc["token"].tolist()
        for i in range(len(keys) - len(wanted) + 1):
            if keys[i : i + len(wanted)] != wanted:
                continue
            j = i + len(wanted) - 1
            lo, hi = max(0, i - window), min(len(keys), j + 1 + window)
            if text is None:
                before, match, after = (
                    " ".join(words[a:b]) for a, b in ((lo, i), (i, j + 1), (j + 1, hi))
                )
            else:
                before = _one_line(text[starts[lo] : starts[i]]) if i > lo else ""
                match = text[starts[i] : ends[j]]
                after = _one_line(text[ends[j] : ends[hi - 1]]) if hi > j + 1 else ""
            rows.append((doc_id, int(doc["sent_id"].iloc[i]), int(starts[i]), int(ends[j]),
                         before, match, after))  # fmt: skip
    return pd.DataFrame(
        rows, columns=["doc_id", "sent_id", "start", "end", "before", "match", "after"]
    )


def _one_line(context: str) -> str:
    """A context as one line: white-space runs (line breaks included) become one space."""
    return " ".join(context.split())


def _is_tokens(data: Any) -> bool:
    return isinstance(data, pd.DataFrame) and {"doc_id", "start", "token"} <= set(data.columns)


def _texts_of(data: Any) -> dict[str, str]:
    if isinstance(data, str):
        return {"doc0": data}
    if isinstance(data, pd.DataFrame) and {"doc_id", "text"} <= set(data.columns):
        return dict(zip(data["doc_id"].astype(str), data["text"].astype(str), strict=True))
    if _is_tokens(data):
        return {}
    raise TypeError(
        "kwic() expects a string, a corpus DataFrame (doc_id, text) or a tokens DataFrame, "
        f"got {type(data).__name__}"
    )

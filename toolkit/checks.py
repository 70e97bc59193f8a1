"""Argument checks shared by every public function: one place, one message style.

Each check raises :class:`TypeError` (wrong kind of value) or
:class:`ValueError` (right kind, impossible value) with a message that names
the parameter, says what was expected and shows what was given. The data
argument of analyses is checked by the input contract, :mod:`toolkit.inputs`,
with the corpus helpers below.

>>> check_n_jobs(-1)
-1
>>> check_n_jobs(2.5)
Traceback (most recent call last):
...
TypeError: n_jobs must be an integer (1: serial, N: processes, -1: all cores); got float 2.5
"""

from __future__ import annotations

import datetime as dt
import numbers
import os
import re
import warnings
from collections.abc import Iterable
from typing import Any

import pandas as pd

from toolkit._api import user_stacklevel

__all__ = [
    "MIN_DCT_YEAR",
    "ColumnError",
    "check_choice",
    "check_dct",
    "check_entities",
    "check_n_jobs",
    "check_positive_int",
    "check_query",
    "given",
]

#: Reference dates (``dct``) given as strings must fall in or after this year.
MIN_DCT_YEAR = 1000
_SUFFIX = re.compile(r"\.(txt|md|csv|tsv|json|jsonl|parquet|gz)$", re.IGNORECASE)


class ColumnError(KeyError, ValueError):
    """A column named in an argument (``by=``, ...) is not in the table.

    Both a :class:`KeyError` (the column is missing) and a :class:`ValueError`
    (a bad argument value), so either ``except`` catches it.
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def given(value: Any) -> str:
    """``type value`` of an argument, shortened for an error message."""
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{type(value).__name__} {text}"


def check_positive_int(
    value: Any, name: str, *, minimum: int = 1, allow_none: bool = False
) -> int | None:
    """``value`` as an int ``>= minimum`` (``None`` too when ``allow_none``).

    >>> check_positive_int(0, "window", minimum=0)
    0
    """
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        expected = f"an integer >= {minimum}" + (" or None" if allow_none else "")
        raise TypeError(f"{name} must be {expected}; got {given(value)}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}; got {value}")
    return int(value)


def check_choice(value: Any, name: str, choices: Iterable[Any]) -> Any:
    """``value`` if it is one of ``choices``, else a ValueError listing them."""
    choices = tuple(choices)
    if isinstance(value, str | int) and value in choices:
        return value
    raise ValueError(f"{name} must be one of {choices}; got {given(value)}")


def check_n_jobs(n_jobs: Any) -> int | None:
    """``n_jobs`` as given, once checked: ``None``/1 serial, N processes, -1 all cores.

    0, values below ``-cores`` (no worker left) and non-integers are refused.
    """
    if n_jobs is None:
        return None
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, numbers.Integral):
        raise TypeError(
            "n_jobs must be an integer (1: serial, N: processes, -1: all cores); "
            f"got {given(n_jobs)}"
        )
    cores = os.cpu_count() or 1
    if n_jobs == 0:
        raise ValueError("n_jobs=0 runs nothing: use 1 (serial), N processes or -1 (all cores)")
    if n_jobs < -cores:
        raise ValueError(
            f"n_jobs={n_jobs} leaves no worker on this machine's {cores} cores "
            f"(-1: all cores, -2: all but one, down to {-cores})"
        )
    return int(n_jobs)


def check_dct(dct: Any, name: str = "dct") -> dt.date | None:
    """A reference date from a date, datetime, Timestamp or ISO string; ``None`` for none.

    Strings must be ISO 8601 (``2022-07-11``, optionally with a time): day
    and month orders such as ``11/07/2022`` are ambiguous and refused.
    Numbers are refused (``20220711`` is not a date). A string before year
    :data:`MIN_DCT_YEAR` (``"0001-01-01"``, a database placeholder) is refused;
    pass a :class:`datetime.date` to use such an early date deliberately.

    >>> check_dct("2022-07-11")
    datetime.date(2022, 7, 11)
    """
    if dct is None:
        return None
    if isinstance(dct, dt.datetime):
        return dct.date()
    if isinstance(dct, dt.date):
        return dct
    if not isinstance(dct, str):
        raise TypeError(
            f"{name} must be a date, datetime, Timestamp or ISO date string "
            f"like '2022-07-11'; got {given(dct)}"
        )
    try:
        parsed = dt.datetime.fromisoformat(dct.strip()).date()
    except ValueError:
        raise ValueError(f"{name}={dct!r} is not an ISO date such as '2022-07-11'") from None
    if parsed.year < MIN_DCT_YEAR:
        raise ValueError(
            f"{name}={dct!r} is before year {MIN_DCT_YEAR} (a placeholder date?); "
            f"pass datetime.date({parsed.year}, {parsed.month}, {parsed.day}) if you mean it"
        )
    return parsed


def check_query(query: Any, name: str = "query") -> str:
    """A non-empty search string."""
    if not isinstance(query, str):
        raise TypeError(f"{name} must be a string of one or more words; got {given(query)}")
    if not query.strip():
        raise ValueError(f"{name} must contain at least one word; got {query!r}")
    return query


def _warn_if_path(text: str, func: str) -> None:
    """A one-line string naming an existing file or folder is probably meant as a corpus."""
    if "\n" in text or len(text) > 4096 or not any(c.isalnum() for c in text):
        return
    if not ("/" in text or "\\" in text or _SUFFIX.search(text)):
        return  # a bare word such as "seeds" is text, even if a folder has that name
    if os.path.exists(text):  # never raises: False for unreadable or invalid paths
        warnings.warn(
            f"{func}() analyses the string {text!r} itself, which is also the path of an "
            f"existing file or folder; to analyse its content pass "
            f"toolkit.load_corpus({text!r}) instead",
            UserWarning,
            stacklevel=user_stacklevel(),
        )


def _check_corpus_frame(frame: pd.DataFrame, func: str) -> pd.DataFrame:
    """A corpus chunk whose ``text`` values are strings; missing texts become ``""``."""
    if "doc_id" not in frame.columns or "text" not in frame.columns:
        raise ValueError(
            f"{func}() expects a corpus DataFrame with columns doc_id and text (or a tokens "
            f"DataFrame); got columns {list(frame.columns)[:20]}"
        )
    texts = frame["text"]
    if texts.dtype != object and pd.api.types.is_string_dtype(texts) and not texts.isna().any():
        return frame
    values = texts.tolist()
    missing = [v is None or (isinstance(v, float) and v != v) for v in values]
    wrong = [
        i for i, (v, m) in enumerate(zip(values, missing, strict=True))
        if not m and not isinstance(v, str)
    ]  # fmt: skip
    if wrong:
        first = wrong[0]
        raise TypeError(
            f"{func}(): text must be a string (or missing); {len(wrong)} documents are not, "
            f"first doc_id {frame['doc_id'].iloc[first]!r} with {given(values[first])}"
        )
    if frame.empty or not any(missing):
        return frame
    if all(missing):
        raise ValueError(
            f"{func}(): all {len(values)} texts are missing (None/NaN; first doc_id "
            f"{frame['doc_id'].iloc[0]!r}); nothing to analyse"
        )
    frame = frame.copy()
    frame["text"] = ["" if m else v for v, m in zip(values, missing, strict=True)]
    return frame


def check_entities(entities: Any, needed: Iterable[str], *, func: str) -> Any:
    """An entities DataFrame (from :func:`toolkit.extract_entities`) with ``needed`` columns.

    Iterators of such frames pass unchanged (each chunk is checked where it is read).
    """
    if isinstance(entities, pd.DataFrame):
        missing = sorted(set(needed) - set(entities.columns))
        if missing:
            raise ValueError(
                f"{func}() expects an entities DataFrame from toolkit.extract_entities "
                f"(columns {sorted(needed)}); missing {missing}, got columns "
                f"{list(entities.columns)[:20]}"
            )
        return entities
    if entities is None or isinstance(entities, str | bytes | numbers.Number):
        raise TypeError(
            f"{func}() expects an entities DataFrame from toolkit.extract_entities "
            f"(or an iterator of them); got {given(entities)}"
        )
    return entities

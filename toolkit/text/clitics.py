"""Readable terms and light stems (interim: term = norm until clitic analysis lands)."""

from __future__ import annotations

import pandas as pd

__all__ = ["annotate"]


def annotate(tokens: pd.DataFrame) -> pd.DataFrame:
    """Add ``term``, ``stem`` and ``is_stop`` columns to a tokens table."""
    from toolkit.text.tokenize import TOKEN_COLUMNS

    word = tokens["kind"].isin(["arabic", "latin", "word", "number"])
    tokens["term"] = tokens["norm"].where(word, None)
    tokens["stem"] = tokens["term"]
    tokens["is_stop"] = False
    return tokens[TOKEN_COLUMNS]

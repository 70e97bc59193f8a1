"""Inputs shared by the exploration tests: the original seed article and the Moroccan corpus."""

from __future__ import annotations

import os
import warnings

import pandas as pd
import pytest

from tests.conftest import ROOT, shared_data

ORIGINAL_SEED = ROOT.parent / "shared" / "seeds" / "kochavi-rabat-visit.txt"


def original_seed() -> pd.DataFrame:
    """The original seed article as a one-document corpus (skip, or fail under CI, if absent)."""
    if not ORIGINAL_SEED.exists():
        message = f"original seed missing: {ORIGINAL_SEED}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return pd.DataFrame({"doc_id": ["seed"], "text": [ORIGINAL_SEED.read_text(encoding="utf-8")]})


def moroccan() -> pd.DataFrame:
    """The 651 Moroccan articles (febrayer.com and yabiladi.com, undated)."""
    from toolkit import load_corpus

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_corpus(shared_data("news/moroccan-febrayer-yabiladi.jsonl.gz"))

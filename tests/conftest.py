"""Shared fixtures: the seed article and the third-party data in ../shared/data."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED_DATA = ROOT.parent / "shared" / "data"


def shared_data(relative: str) -> Path:
    """Path of a file under ../shared/data; fail under CI=true when missing, else skip."""
    path = SHARED_DATA / relative
    if not path.exists():
        message = f"shared data file missing: {path}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEEDS / "kochavi-rabat-visit.txt"


@pytest.fixture(scope="session")
def seed_text(seed_path: Path) -> str:
    return seed_path.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")

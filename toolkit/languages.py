"""The languages a report and its figures can be written in: English and Arabic.

>>> check_language("ar")
'ar'
"""

from __future__ import annotations

__all__ = ["LANGUAGES", "check_language"]

#: Languages of reports and figures: English (default) and Arabic.
LANGUAGES: tuple[str, ...] = ("en", "ar")


def check_language(lang: object) -> str:
    """``lang`` itself if it is one of :data:`LANGUAGES`, else a ``ValueError``."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}, got {lang!r}")
    return lang

"""Find the text, date, title, source and id columns of a table by their common names.

>>> find_column(["Headline", "Body", "published_at"], "text")
'Body'
"""

from __future__ import annotations

__all__ = ["COLUMN_NAMES", "find_column"]

#: Canonical column -> accepted names (case-insensitive), most specific first.
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "text": (
        "text", "content", "body", "article", "article_text", "article_body", "full_text",
        "fulltext", "story", "document", "contents", "النص", "المحتوى", "نص",
    ),
    "date": (
        "date", "published", "published_at", "publication_date", "pub_date", "pubdate",
        "date_published", "datetime", "published_date", "date_extracted", "datetime_extracted",
        "created_at", "timestamp", "time", "التاريخ", "تاريخ",
    ),
    "title": ("title", "headline", "heading", "العنوان", "عنوان"),
    "source": (
        "source", "publisher", "newspaper", "outlet", "site", "website", "journal", "media",
        "المصدر", "الجريدة",
    ),
    "id": ("doc_id", "id", "article_id", "uuid", "guid", "identifier"),
}  # fmt: skip


def _key(name: object) -> str:
    return str(name).strip().lower().replace(" ", "_").replace("-", "_")


def find_column(columns: list[str], role: str, given: str | None = None) -> str | None:
    """Return the column playing ``role`` (text, date, title, source, id), or None.

    ``given`` is the user's explicit choice; it must exist.
    """
    if given is not None:
        if given not in columns:
            raise KeyError(given)
        return given
    by_key = {}
    for column in columns:
        by_key.setdefault(_key(column), column)
    for name in COLUMN_NAMES[role]:
        if name in by_key:
            return by_key[name]
    return None

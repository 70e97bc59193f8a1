"""Near-duplicate articles (wire copies, re-scraped pages), found and folded.

>>> wire = "أعلنت وزارة الخارجية اليوم أن الوزير سيزور الرباط الأسبوع المقبل لبحث التعاون الثنائي"
>>> dups = near_duplicates([wire, "عاجل: " + wire, "أمطار غزيرة على الدار البيضاء"])
>>> dups[["doc_id", "representative"]].values.tolist()
[['doc1', 'doc1'], ['doc0', 'doc1']]

(doc1 is the longer copy; with dates, the earliest is the representative.)
"""

from __future__ import annotations

from toolkit.dedupe.find import (
    drop_near_duplicates,
    duplicate_clusters,
    fold_duplicates,
    near_duplicates,
    republication_table,
)

__all__ = [
    "drop_near_duplicates",
    "duplicate_clusters",
    "fold_duplicates",
    "near_duplicates",
    "republication_table",
]

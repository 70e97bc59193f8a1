"""The logic behind :func:`toolkit.explore`: search, filters and paged KWIC, without widgets.

Everything the filters need is computed once (:class:`Explorer` builds a
:class:`~toolkit.interactive.index.TermIndex` and per-name document lists); a
query or a filter change then costs milliseconds on a 30,000-article corpus,
and only the shown page of keyword-in-context rows is cut from the texts.

>>> import pandas as pd
>>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["زار كوخافي المغرب", "والمغرب يرحب"]})
>>> ex = Explorer(corpus, entities=False)
>>> ex.update(query="المغرب").n_hits, ex.page()["match"].tolist()
(2, ['المغرب', 'والمغرب'])
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from toolkit.interactive.index import WORD, TermIndex
from toolkit.interactive.show import DocumentView, show

__all__ = ["KWIC_COLUMNS", "Explorer"]

KWIC_COLUMNS = [
    "row",
    "doc_id",
    "title",
    "source",
    "date",
    "left",
    "match",
    "right",
    "start",
    "end",
]


class Explorer:
    """Search a corpus by readable term and filter it by entity, source and date.

    ``corpus`` is a corpus DataFrame (``doc_id``, ``text``; ``title``,
    ``source``, ``date`` when present). ``entities`` is the table of
    :func:`toolkit.extract_entities` for that corpus, ``None`` to compute it
    here (minutes on a 30,000-article corpus: pass a saved table there), or
    ``False`` for no entity filter. State is set with :meth:`update`; the
    results are :attr:`n_hits`, :attr:`n_docs` and :meth:`page`.
    """

    def __init__(
        self,
        corpus: pd.DataFrame,
        *,
        entities: pd.DataFrame | bool | None = None,
        page_size: int = 20,
        window: int = 6,
        n_jobs: int | None = 1,
    ) -> None:
        if not isinstance(corpus, pd.DataFrame) or not {"doc_id", "text"} <= set(corpus.columns):
            raise TypeError("explore() needs a corpus DataFrame with doc_id and text columns")
        self.corpus = corpus.reset_index(drop=True)
        self.page_size, self.window = page_size, window
        self.index = TermIndex(self.corpus["text"].fillna(""))
        self.doc_ids = self.corpus["doc_id"].astype(str).to_numpy()
        self._row_of = {doc_id: i for i, doc_id in enumerate(self.doc_ids)}
        n = len(self.corpus)
        source = self.corpus["source"] if "source" in self.corpus else pd.Series([None] * n)
        self._source = source.fillna("").astype(str).to_numpy()
        dates = self.corpus["date"] if "date" in self.corpus else pd.Series([pd.NaT] * n)
        self._date = pd.to_datetime(dates, errors="coerce").dt.tz_localize(None).to_numpy()
        if entities is None:
            from toolkit.entities.recognize import extract_entities

            entities = extract_entities(self.corpus, n_jobs=n_jobs)
        self.entities = entities if isinstance(entities, pd.DataFrame) else None
        self._index_entities()
        self.query, self.label, self.name, self.with_name = "", None, None, None
        self.source, self.date_range = None, None
        self.current = 0
        self._update()

    # ------------------------------------------------------------------ precompute

    def _index_entities(self) -> None:
        empty = np.empty(0, dtype=np.int64)
        self._pair_doc, self._pair_name = empty, empty
        self._name_id: dict[str, int] = {}
        self._mentions_of_doc: dict[int, np.ndarray] = {}
        self.names = pd.DataFrame(columns=["name", "label", "docs", "mentions"])
        if self.entities is None or self.entities.empty:
            return
        ents = self.entities[self.entities["doc_id"].astype(str).isin(self._row_of)]
        rows = ents["doc_id"].astype(str).map(self._row_of).to_numpy()
        names, name_ids = np.unique(ents["canonical"].astype(str).to_numpy(), return_inverse=True)
        pairs = np.unique(np.stack([name_ids, rows]), axis=1)
        self._pair_name, self._pair_doc = pairs[0], pairs[1]
        self._mentions_of_doc = pd.Series(np.arange(len(rows))).groupby(rows).indices
        self.entities = ents
        self._name_first = np.searchsorted(self._pair_name, np.arange(len(names) + 1))
        labels = (
            pd.DataFrame({"name": names[name_ids], "label": ents["label"].to_numpy()})
            .value_counts().reset_index().drop_duplicates("name").set_index("name")["label"]
        )  # fmt: skip
        self.names = pd.DataFrame({
            "name": names,
            "label": labels.reindex(names).to_numpy(),
            "docs": np.diff(self._name_first),
            "mentions": np.bincount(name_ids, minlength=len(names)),
        }).sort_values(["docs", "mentions", "name"], ascending=[False, False, True],
                       ignore_index=True)  # fmt: skip
        self._name_list = names
        self._name_id = {name: i for i, name in enumerate(names.tolist())}

    # ------------------------------------------------------------------ choices

    def sources(self) -> list[str]:
        """The corpus's sources, most documents first."""
        counts = pd.Series(self._source[self._source != ""]).value_counts()
        return counts.index.tolist()

    def date_bounds(self) -> tuple[pd.Timestamp, pd.Timestamp] | None:
        """First and last publication date, or None when the corpus has no dates."""
        known = self._date[~pd.isna(self._date)]
        if len(known) == 0:
            return None
        return pd.Timestamp(known.min()), pd.Timestamp(known.max())

    def name_choices(self, label: str | None = None, *, top: int = 500) -> pd.DataFrame:
        """Entity names (``name, label, docs, mentions``), most documents first."""
        names = self.names if label is None else self.names[self.names["label"] == label]
        return names.head(top).reset_index(drop=True)

    def cooccurring(self, name: str, *, top: int = 15) -> pd.DataFrame:
        """Names found in the same documents as ``name`` (``name, label, docs``)."""
        docs = self._docs_of(name)
        if docs is None:
            return pd.DataFrame(columns=["name", "label", "docs"])
        inside = np.zeros(len(self.corpus), dtype=bool)
        inside[docs] = True
        shared = np.bincount(self._pair_name[inside[self._pair_doc]], minlength=len(self._name_id))
        shared[self._name_id[name]] = 0
        best = np.argsort(-shared, kind="stable")[:top]
        best = best[shared[best] > 0]
        labels = self.names.set_index("name")["label"]
        names = self._name_list[best].tolist()
        return pd.DataFrame({"name": names, "label": labels.reindex(names).to_numpy(),
                             "docs": shared[best]})  # fmt: skip

    def _docs_of(self, name: str | None) -> np.ndarray | None:
        if name is None or name not in self._name_id:
            return None
        i = self._name_id[name]
        return self._pair_doc[self._name_first[i] : self._name_first[i + 1]]

    # ------------------------------------------------------------------ state

    def update(self, **changes: Any) -> Explorer:
        """Set ``query``, ``label``, ``name``, ``with_name``, ``source`` or ``date_range``.

        ``None`` (or ``""``) clears a filter; ``date_range`` is ``(first, last)``,
        both inclusive. Returns the explorer, with the results recomputed.
        """
        allowed = {"query", "label", "name", "with_name", "source", "date_range"}
        unknown = set(changes) - allowed
        if unknown:
            raise TypeError(f"unknown setting(s) {sorted(unknown)}; use {sorted(allowed)}")
        for key, value in changes.items():
            setattr(self, key, value if value != "" else None)
        self.query = self.query or ""
        self._update()
        return self

    def _update(self) -> None:
        mask = np.ones(len(self.corpus), dtype=bool)
        if self.source is not None:
            mask &= self._source == str(self.source)
        if self.date_range is not None:
            first, last = (pd.Timestamp(d) for d in self.date_range)
            day_end = last.normalize() + pd.Timedelta(days=1)
            mask &= (self._date >= first.to_datetime64()) & (self._date < day_end.to_datetime64())
        for name in (self.name, self.with_name):
            if name is not None:
                docs = self._docs_of(name)
                keep = np.zeros(len(mask), dtype=bool)
                if docs is not None:
                    keep[docs] = True
                mask &= keep
        if self.label is not None and self.name is None and len(self._pair_doc):
            labelled = self.names.loc[self.names["label"] == self.label, "name"]
            keep = np.zeros(len(mask), dtype=bool)
            ids = [self._name_id[n] for n in labelled]
            keep[self._pair_doc[np.isin(self._pair_name, ids)]] = True
            mask &= keep
        self.doc_mask = mask
        self._length = len(WORD.findall(self.query))
        hits = self.index.find(self.query) if self._length else np.empty(0, dtype=np.int64)
        self.hits = hits[mask[self.index.doc_of[hits]]]
        self.current = 0

    # ------------------------------------------------------------------ results

    @property
    def n_hits(self) -> int:
        """Matches of the query in the documents the filters keep."""
        return len(self.hits)

    @property
    def n_docs(self) -> int:
        """Documents holding at least one match."""
        return len(np.unique(self.index.doc_of[self.hits]))

    @property
    def n_filtered(self) -> int:
        """Documents the filters keep (whatever the query)."""
        return int(self.doc_mask.sum())

    @property
    def n_pages(self) -> int:
        return max(1, math.ceil(self.n_hits / self.page_size))

    def page(self, number: int | None = None) -> pd.DataFrame:
        """One page of keyword-in-context rows (:data:`KWIC_COLUMNS`), the current by default.

        ``row`` numbers the hits from 0 across pages; ``start``/``end`` are the
        match's character offsets in its document.
        """
        number = self.current if number is None else number
        if not 0 <= number < self.n_pages:
            raise IndexError(f"page {number} out of range (0 to {self.n_pages - 1})")
        self.current = number
        first = number * self.page_size
        rows = []
        for row, position in enumerate(self.hits[first : first + self.page_size], start=first):
            doc = int(self.index.doc_of[position])
            left, match, right, start, end = self.index.context(position, self._length, self.window)
            meta = self.corpus.iloc[doc]
            rows.append((row, self.doc_ids[doc], _value(meta, "title"), _value(meta, "source"),
                         _value(meta, "date"), left, match, right, start, end))  # fmt: skip
        return pd.DataFrame(rows, columns=KWIC_COLUMNS)

    def document(self, row: int) -> DocumentView:
        """The document of hit number ``row`` with :func:`show`, the match outlined."""
        position = int(self.hits[row])
        doc = int(self.index.doc_of[position])
        start, end = self.index.spans(position, self._length)
        entities: pd.DataFrame | bool = False
        if self.entities is not None:
            entities = self.entities.iloc[self._mentions_of_doc.get(doc, [])]
        terms = [self.query] if self.query else None
        return show(self.corpus.iloc[doc], entities=entities, dates=None, terms=terms,
                    highlight=[(start, end)])  # fmt: skip


def _value(row: pd.Series, key: str) -> Any:
    value = row.get(key)
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value

"""Rows computed once per word and kept for the most recently used words: the taggers' memo.

Both taggers compute something per *word* that every token of that word
reuses (the CRF's score vectors, the neural tagger's first-layer
contributions). Looking those rows up for a whole batch of tokens with one
numpy index costs far less than one Python call per token, and a table of a
fixed size bounds the memory: when it is full, the least recently used
words make room.

>>> table = WordTable(size=2, shape=(1,))
>>> lengths = lambda words: np.array([[len(word)] for word in words], np.float32)
>>> values, rows = table.rows(["بيت", "دار", "بيت"], lengths)
>>> values[rows].ravel().tolist(), len(table)
([3.0, 3.0, 3.0], 2)
"""

from __future__ import annotations

from collections import OrderedDict, deque
from collections.abc import Callable
from itertools import compress

import numpy as np

__all__ = ["WordTable"]


class WordTable:
    """A bounded memo of per-word arrays of one ``shape``, stored as the rows of one table.

    ``size`` words are kept at most; the table has one more row, all zeros
    (its index is ``size``), for positions that hold no word.
    """

    def __init__(self, *, size: int, shape: tuple[int, ...], dtype=np.float32) -> None:
        self.size, self.shape, self.dtype = size, shape, dtype
        self._rows: OrderedDict[str, int] = OrderedDict()  # word -> row of _table, by use
        self._table: np.ndarray | None = None  # allocated when first used

    def __len__(self) -> int:
        return len(self._rows)

    def rows(
        self, words: list[str], compute: Callable[[list[str]], np.ndarray]
    ) -> tuple[np.ndarray, list[int]]:
        """``(table, row of each of words)``: the words missing from the table get their rows
        from ``compute`` (words -> array of ``len(words)`` x ``shape``), in place of the
        least recently used ones; every word of ``words`` counts as just used.

        A batch of more distinct words than the table holds gets a table of its own.
        """
        rows = self._rows
        unique = list(dict.fromkeys(words))
        if len(unique) > self.size:
            where = {word: i for i, word in enumerate(unique)}
            values = compute(unique)
            return np.concatenate([values, np.zeros_like(values[:1])]), list(map(where.get, words))
        if self._table is None:
            self._table = np.empty((self.size + 1, *self.shape), self.dtype)
            self._table[self.size] = 0
        known = list(map(rows.__contains__, unique))
        deque(map(rows.move_to_end, compress(unique, known)), maxlen=0)  # this batch's: recent
        missing = [word for word, found in zip(unique, known, strict=True) if not found]
        if missing:
            # rows never used yet (the table fills in order), then the rows of the least
            # recently used words (never this batch's: they were just used)
            fresh = list(range(len(rows), min(len(rows) + len(missing), self.size)))
            taken = [rows.popitem(last=False)[1] for _ in range(len(missing) - len(fresh))]
            slots = fresh + taken
            self._table[slots] = compute(missing)
            rows.update(zip(missing, slots, strict=True))
        return self._table, list(map(rows.__getitem__, words))

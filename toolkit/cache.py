"""Tables computed once and shared: a disk cache keyed by corpus, parameters and code.

The report's notebooks need some of the same tables (the corpus itself, the
entities in 02 and 03, the term frequencies in 01 and 04). :func:`cached`
computes a table the first time and stores it in a folder (the report uses
``<out>/.cache``); the next call with the same corpus (a DataFrame,
:func:`corpus_fingerprint`, or the files it is loaded from,
:func:`source_fingerprint`), the same parameters and the same toolkit code
reads it back instead, and gives the warnings the computation gave. The
folder keeps one file per table name, so it holds at most one copy of each
table.

>>> import tempfile
>>> import pandas as pd
>>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["زار الوفد الرباط"]})
>>> folder, runs = tempfile.mkdtemp(), []
>>> def count():
...     runs.append(1)
...     return pd.DataFrame({"documents": [len(corpus)]})
>>> first = cached(count, folder=folder, name="count", corpus=corpus)
>>> again = cached(count, folder=folder, name="count", corpus=corpus)
>>> len(runs), again.equals(first)
(1, True)
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import warnings
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

import numpy as np
import pandas as pd

__all__ = ["cached", "code_fingerprint", "corpus_fingerprint", "source_fingerprint"]

T = TypeVar("T")


def corpus_fingerprint(corpus: pd.DataFrame) -> str:
    """A hex digest of a corpus DataFrame's column names and values (row order included).

    >>> a = pd.DataFrame({"doc_id": ["a"], "text": ["نص"]})
    >>> corpus_fingerprint(a) == corpus_fingerprint(a.copy()) != corpus_fingerprint(a.iloc[:0])
    True
    """
    digest = hashlib.sha256(repr(list(map(str, corpus.columns))).encode())
    digest.update(str(len(corpus)).encode())
    for _, column in corpus.items():
        _add_column(digest, column)
    return digest.hexdigest()


def _add_column(digest: hashlib._Hash, column: pd.Series) -> None:
    """Add a column's values to ``digest``: text columns as their missing values, the length
    of each text and all the texts' UTF-8 bytes (one encoding of the joined texts, several
    times faster than hashing strings one by one), other columns by pandas' value hashes."""
    if column.dtype != object and not pd.api.types.is_string_dtype(column.dtype):
        digest.update(pd.util.hash_pandas_object(column, index=False).to_numpy().tobytes())
        return
    missing = column.isna().to_numpy(dtype=bool)
    texts = ["" if absent else str(value)
             for value, absent in zip(column.tolist(), missing.tolist(), strict=True)]  # fmt: skip
    digest.update(missing.tobytes())
    digest.update(np.fromiter(map(len, texts), np.int64, len(texts)).tobytes())
    digest.update("".join(texts).encode("utf-8", "surrogatepass"))


def source_fingerprint(source: str | Path) -> str:
    """A hex digest of a corpus file or folder as it lies on disk: each file's path, size and
    modification time (a file edited, added or removed changes it; no file is read).

    A file counts with its metadata sidecar (``news.jsonl.gz`` with ``news.json``), a folder
    with every file under it.

    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("نص", encoding="utf-8")
    >>> before = source_fingerprint(folder)
    >>> _ = (folder / "b.txt").write_text("نص آخر", encoding="utf-8")
    >>> source_fingerprint(folder) == before
    False
    """
    from toolkit.corpus import sidecar_path

    path = Path(source).expanduser().resolve()
    if path.is_dir():
        files = sorted(found for found in path.rglob("*") if found.is_file())
    else:
        files = [found for found in (path, sidecar_path(path)) if found.exists()]
    digest = hashlib.sha256(str(path).encode())
    for found in files:
        stat = found.stat()
        digest.update(f"{found}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@cache
def code_fingerprint() -> str:
    """A hex digest of the toolkit's Python sources and shipped data file sizes (this process)."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode())
            if path.suffix == ".py":
                digest.update(path.read_bytes())
            else:
                digest.update(str(path.stat().st_size).encode())
    return digest.hexdigest()


def cached(
    compute: Callable[[], T],
    *,
    folder: str | Path | None,
    name: str,
    corpus: pd.DataFrame | str | Path,
    **parameters: object,
) -> T:
    """``compute()``, or the result stored in ``folder`` by an earlier identical call.

    The key is ``name``, the corpus (a DataFrame by :func:`corpus_fingerprint`,
    a file or folder path by :func:`source_fingerprint`), the ``parameters``
    (compared by ``repr``; pass every option that changes the result) and
    :func:`code_fingerprint`. A result read back gives again the warnings
    its computation gave. ``folder=None`` computes without storing. Results
    are pickled: read back only folders you wrote yourself.
    """
    if folder is None:
        return compute()
    folder = Path(folder)
    fingerprint = (corpus_fingerprint(corpus) if isinstance(corpus, pd.DataFrame)
                   else source_fingerprint(corpus))  # fmt: skip
    key = hashlib.sha256(
        repr((name, fingerprint, sorted(parameters.items()), code_fingerprint())).encode()
    ).hexdigest()[:24]
    path = folder / f"{name}-{key}.pkl"
    if path.exists():
        with path.open("rb") as stream:
            result, given = pickle.load(stream)
        for message, category in given:
            warnings.warn(message, category, stacklevel=2)
        return result
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # every one recorded (even if given before), shown below
        result = compute()
    first: dict[tuple[str, type[Warning]], warnings.WarningMessage] = {}
    for found in caught:  # each warning once, in the order given
        first.setdefault((str(found.message), found.category), found)
    given = list(first)
    for message, category in given:
        found = first[message, category]
        warnings.warn_explicit(found.message, category, found.filename, found.lineno)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{name}-*.pkl"):
        old.unlink(missing_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
    with os.fdopen(handle, "wb") as stream:
        pickle.dump((result, given), stream, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)
    return result

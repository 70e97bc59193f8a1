"""Run chunk-level work serially or on several processes, with a progress bar.

The one execution layer. Corpus analyses are written as *map* (one function
over a chunk of the corpus, returning a partial result, run on the workers)
and *combine* (partials merged exactly, in the calling process). Every
corpus-sized analysis takes the same three options and hands its chunks to
:func:`map_partitions`:

- ``n_jobs``: worker processes (``1``/``None``: in the calling process;
  ``-1``: all cores; see :func:`resolve_n_jobs`);
- ``chunksize``: documents per chunk when a DataFrame is cut
  (``None``: :data:`DEFAULT_CHUNKSIZE`, smaller for small frames on several
  workers, see :func:`map_partitions`); a stream of chunks such as
  :func:`toolkit.iter_corpus` yields is taken as it comes;
- ``progress``: a progress bar (``None``: in terminals and notebooks).

:func:`map_chunks` does the mapping, in order, on ``n_jobs`` processes;
:func:`map_partitions` also cuts a DataFrame and maps a Dask DataFrame's
partitions on the active Dask scheduler (a ``distributed.Client``
connected to a local or remote cluster).

>>> list(map_chunks(len, [[1, 2], [3]]))
[2, 1]
"""

from __future__ import annotations

import contextlib
import os
import sys
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING, Any, TypeVar

from tqdm.auto import tqdm

from toolkit.checks import check_n_jobs, check_positive_int

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CHUNKS_PER_WORKER",
    "DEFAULT_CHUNKSIZE",
    "WORKER_NICENESS",
    "ChunkSource",
    "is_dask_collection",
    "map_chunks",
    "map_partitions",
    "progress_bar",
    "resolve_chunksize",
    "resolve_n_jobs",
    "split_frame",
]

#: Documents per chunk when an analysis cuts a corpus (``chunksize=None``), and of
#: :func:`toolkit.iter_corpus`: large enough that sending a chunk to a worker and
#: merging its result cost little next to analysing it (the merge of term counts
#: works per distinct word of a chunk: 2,000-document chunks merge SaudiNewsNet's
#: 31k articles with 25% fewer word entries than 1,000-document ones), small enough
#: to balance the work over the workers and to bound memory (at most ``2 * n_jobs``
#: chunks in flight).
DEFAULT_CHUNKSIZE = 2000
#: With ``chunksize=None`` and several workers, a DataFrame is cut into at least this
#: many chunks per worker, so that no worker is left with one big chunk at the end.
CHUNKS_PER_WORKER = 4
#: Worker processes run this much nicer than the calling process (``os.nice``), so that
#: the calling process, which merges the workers' results in order and limits the speed
#: of a stream, is never left waiting for a core while its workers run ahead.
WORKER_NICENESS = 10

T = TypeVar("T")
R = TypeVar("R")
F = TypeVar("F", bound="pd.DataFrame")


def resolve_n_jobs(n_jobs: int | None) -> int:
    """Turn ``n_jobs`` into a worker count: ``None``/1 -> 1, ``-1`` -> all cores.

    Invalid values (0, non-integers, fewer than ``-cores``) raise, see
    :func:`toolkit.checks.check_n_jobs`.
    """
    cores = os.cpu_count() or 1
    n_jobs = check_n_jobs(n_jobs)
    if n_jobs is None:
        return 1
    if n_jobs < 0:
        return max(1, cores + 1 + n_jobs)
    return n_jobs


def resolve_chunksize(chunksize: int | None) -> int:
    """Turn ``chunksize`` into a number of documents: ``None`` -> :data:`DEFAULT_CHUNKSIZE`.

    >>> resolve_chunksize(None), resolve_chunksize(200)
    (2000, 200)
    """
    if chunksize is None:
        return DEFAULT_CHUNKSIZE
    return check_positive_int(chunksize, "chunksize")


def split_frame(frame: F, chunksize: int | None = None) -> Iterator[F]:
    """Consecutive slices of ``chunksize`` rows of ``frame`` (``None``: :data:`DEFAULT_CHUNKSIZE`).

    >>> import pandas as pd
    >>> [len(part) for part in split_frame(pd.DataFrame({"text": list("abc")}), 2)]
    [2, 1]
    """
    size = resolve_chunksize(chunksize)
    for start in range(0, len(frame), size):
        yield frame.iloc[start : start + size]


def _show_progress(progress: bool | None) -> bool:
    if progress is not None:
        return progress
    if os.environ.get("TQDM_DISABLE", "").lower() in ("1", "true", "yes"):
        return False
    return sys.stderr.isatty() or "ipykernel" in sys.modules


def progress_bar(progress: bool | None, **options) -> tqdm:
    """A tqdm bar shown when ``progress`` is true, or by default in terminals and notebooks.

    By default it appears only once the work has taken a second, so quick jobs
    (one article) print nothing.
    """
    delay = 0.0 if progress else 1.0
    return tqdm(disable=not _show_progress(progress), delay=delay, **options)


class ChunkSource(ABC):
    """A stream of chunks that the workers can produce themselves (:func:`toolkit.iter_corpus`:
    the calling process reads raw records, the workers parse them).

    :func:`map_chunks` on several processes sends each raw part from :meth:`parts`
    to a worker, which calls ``part.load()`` (-> ``(chunk or None, receipt)``) and
    then the analysis; the calling process settles the receipts in order (:meth:`settle`).
    On one process (or when a receipt cannot be taken) the chunk is loaded here
    (:meth:`load_here`). Iterated, the source gives its chunks as any iterator.
    """

    @abstractmethod
    def parts(self) -> Iterator[Any]:
        """The raw parts, read in order in the calling process (picklable)."""

    @abstractmethod
    def settle(self, part: Any, receipt: Any) -> bool:
        """Take the receipt of a part loaded elsewhere (False: load it again here)."""

    @abstractmethod
    def load_here(self, part: Any) -> pd.DataFrame | None:
        """Load a part in the calling process (``None``: no document)."""

    @abstractmethod
    def finish(self) -> None:
        """Called once every part is settled."""


def _worker_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes at :data:`WORKER_NICENESS` (where the system allows)."""
    return ProcessPoolExecutor(max_workers=workers, initializer=_lower_priority)


def _lower_priority() -> None:
    if hasattr(os, "nice"):  # (not on Windows)
        with contextlib.suppress(OSError):  # not permitted: run at the same priority
            os.nice(WORKER_NICENESS)


def _load_and_apply(func: Callable, part: Any) -> tuple[Any, bool, Any, BaseException | None]:
    """On a worker: load a part of a :class:`ChunkSource` and apply ``func`` to its chunk."""
    chunk, receipt = part.load()
    if chunk is None:
        return receipt, False, None, None
    try:
        return receipt, True, func(chunk), None
    except Exception as error:  # raised where the part is settled, in order
        return receipt, True, None, error


def _map_source(func: Callable, source: ChunkSource, workers: int, bar: tqdm) -> Iterator:
    """:func:`map_chunks` of a :class:`ChunkSource` on ``workers`` processes."""

    def settle(part: Any, future: Any) -> Iterator:
        receipt, loaded, result, error = future.result()
        if source.settle(part, receipt):
            if error is not None:
                raise error
            if not loaded:
                return
        else:  # depends on an earlier part: loaded here, in order
            chunk = source.load_here(part)
            if chunk is None:
                return
            result = func(chunk)
        yield result
        bar.update()

    with _worker_pool(workers) as pool:
        submitted = ((part, pool.submit(_load_and_apply, func, part)) for part in source.parts())
        for part, future in _in_flight(submitted, 2 * workers):
            yield from settle(part, future)
    source.finish()


def _in_flight(submitted: Iterable[T], limit: int) -> Iterator[T]:
    """The items of a lazy ``submitted`` (tasks handed to a pool as it is read) in order,
    each once ``limit`` tasks are in flight, or at the end: memory stays bounded."""
    pending: deque = deque()
    for item in submitted:
        pending.append(item)
        if len(pending) >= limit:
            yield pending.popleft()
    yield from pending


def map_chunks(
    func: Callable[[T], R],
    chunks: Iterable[T],
    *,
    n_jobs: int | None = 1,
    progress: bool | None = None,
    desc: str | None = None,
    total: int | None = None,
) -> Iterator[R]:
    """Apply ``func`` to every chunk, in order, on ``n_jobs`` processes.

    At most ``2 * n_jobs`` chunks are in flight, so memory stays bounded by
    the chunk size whatever the corpus size. ``func`` must be picklable (a
    module-level function or :func:`functools.partial`) when ``n_jobs > 1``.
    The progress bar shows when ``progress`` is true, or by default when
    running in a terminal or a notebook. A :class:`ChunkSource` has its
    chunks loaded by the workers.
    """
    workers = resolve_n_jobs(n_jobs)
    bar = progress_bar(progress, total=total, desc=desc, unit="chunk")
    try:
        if workers > 1 and isinstance(chunks, ChunkSource):
            yield from _map_source(func, chunks, workers, bar)
            return
        if workers == 1:
            for chunk in chunks:
                yield func(chunk)
                bar.update()
            return
        with _worker_pool(workers) as pool:
            submitted = (pool.submit(func, chunk) for chunk in chunks)
            for future in _in_flight(submitted, 2 * workers):
                yield future.result()
                bar.update()
    finally:
        bar.close()


def is_dask_collection(data: object) -> bool:
    """True for Dask collections (checked without importing Dask)."""
    return type(data).__module__.split(".")[0] == "dask" and hasattr(data, "to_delayed")


def map_partitions(
    func: Callable[[T], R],
    data: T | Iterable[T],
    *,
    n_jobs: int | None = 1,
    chunksize: int | None = None,
    progress: bool | None = None,
    desc: str | None = None,
) -> Iterator[R]:
    """Map ``func`` over the chunks of ``data``, whatever its kind: the one place
    where corpus analyses run their chunks.

    - a string is one chunk;
    - a pandas DataFrame is cut into chunks of ``chunksize`` rows, mapped on
      ``n_jobs`` processes (``None``: :data:`DEFAULT_CHUNKSIZE`, or fewer rows
      so that each worker gets :data:`CHUNKS_PER_WORKER` chunks to balance
      the work; an empty frame gives no chunk);
    - a Dask DataFrame: one task per partition, run by Dask's active
      scheduler (``distributed.Client(address)`` makes that a cluster);
    - any other iterable (e.g. :func:`toolkit.iter_corpus`) is streamed, chunk
      by chunk as it comes, through :func:`map_chunks` on ``n_jobs`` processes.

    Results come in the order of the chunks.

    >>> import pandas as pd
    >>> list(map_partitions(len, pd.DataFrame({"text": list("abcde")}), chunksize=2))
    [2, 2, 1]
    """
    resolve_n_jobs(n_jobs)  # checked whatever the input
    if is_dask_collection(data):
        import dask

        tasks = [dask.delayed(func)(partition) for partition in data.to_delayed()]
        yield from dask.compute(*tasks)
        return
    if isinstance(data, str | bytes):
        yield func(data)
        return
    if hasattr(data, "columns") and hasattr(data, "iloc"):
        workers = resolve_n_jobs(n_jobs)
        size = resolve_chunksize(chunksize)
        if chunksize is None and workers > 1:  # at least CHUNKS_PER_WORKER chunks each
            size = max(1, min(size, -(-len(data) // (CHUNKS_PER_WORKER * workers))))
        chunks = -(-len(data) // size)
        workers = workers if chunks > 1 else 1  # one chunk: no process to start
        yield from map_chunks(func, split_frame(data, size), n_jobs=workers, progress=progress,
                              desc=desc, total=chunks)  # fmt: skip
        return
    yield from map_chunks(func, data, n_jobs=n_jobs, progress=progress, desc=desc)

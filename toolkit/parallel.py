"""Run chunk-level work serially or on several processes, with a progress bar.

Corpus analyses are written as *map* (one function over a chunk of the
corpus, returning a partial result) and *combine* (partials merged exactly).
:func:`map_chunks` does the mapping, in order, on ``n_jobs`` processes;
:func:`map_partitions` also accepts a single DataFrame or a Dask DataFrame,
whose partitions are mapped on the active Dask scheduler (a
``distributed.Client`` connected to a local or remote cluster).

>>> list(map_chunks(len, [[1, 2], [3]]))
[2, 1]
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

from tqdm.auto import tqdm

from toolkit.checks import check_n_jobs

__all__ = [
    "is_dask_collection",
    "map_chunks",
    "map_partitions",
    "progress_bar",
    "resolve_n_jobs",
]

T = TypeVar("T")
R = TypeVar("R")


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
    running in a terminal or a notebook.
    """
    workers = resolve_n_jobs(n_jobs)
    bar = progress_bar(progress, total=total, desc=desc, unit="chunk")
    try:
        if workers == 1:
            for chunk in chunks:
                yield func(chunk)
                bar.update()
            return
        with ProcessPoolExecutor(max_workers=workers) as pool:
            pending = []
            for chunk in chunks:
                pending.append(pool.submit(func, chunk))
                if len(pending) >= 2 * workers:
                    yield pending.pop(0).result()
                    bar.update()
            for future in pending:
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
    progress: bool | None = None,
    desc: str | None = None,
) -> Iterator[R]:
    """Map ``func`` over the chunks of ``data``, whatever its kind.

    - a pandas DataFrame or a string is one chunk;
    - a Dask DataFrame: one task per partition, run by Dask's active
      scheduler (``distributed.Client(address)`` makes that a cluster);
    - any other iterable (e.g. :func:`toolkit.iter_corpus`) is streamed through
      :func:`map_chunks` on ``n_jobs`` processes.
    """
    if is_dask_collection(data):
        import dask

        tasks = [dask.delayed(func)(partition) for partition in data.to_delayed()]
        yield from dask.compute(*tasks)
        return
    if isinstance(data, str | bytes) or hasattr(data, "columns"):
        yield func(data)
        return
    yield from map_chunks(func, data, n_jobs=n_jobs, progress=progress, desc=desc)

"""Produce an iterator's items on a background thread, a few ahead of the consumer.

Reading and decompressing a file release the GIL, so with :func:`read_ahead`
a gzip corpus is decompressed while the calling process parses or merges the
text read before (on a stream analysed on several processes, the calling
process is the one that limits the speed).

>>> list(read_ahead(iter(range(5)), depth=2))
[0, 1, 2, 3, 4]
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import TypeVar

__all__ = ["read_ahead"]

T = TypeVar("T")
_END = object()


def read_ahead(items: Iterator[T], *, depth: int = 2) -> Iterator[T]:
    """The items of ``items``, produced on a daemon thread at most ``depth`` ahead.

    An exception raised by ``items`` is raised here, in order; closing this
    generator early stops the thread (after the item it is producing) and
    closes ``items``.
    """
    ready: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in items:
                if not _put(ready, (item, None), stop):
                    return
            _put(ready, (_END, None), stop)
        except BaseException as error:  # handed to the consumer
            _put(ready, (_END, error), stop)
        finally:
            close = getattr(items, "close", None)
            if close is not None:  # a generator: its files are closed now
                close()

    thread = threading.Thread(target=produce, name="toolkit-read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            item, error = ready.get()
            if error is not None:
                raise error
            if item is _END:
                return
            yield item
    finally:
        stop.set()
        thread.join()


def _put(ready: queue.Queue, entry: tuple, stop: threading.Event) -> bool:
    """Put ``entry`` once there is room; False if the consumer has stopped first."""
    while not stop.is_set():
        try:
            ready.put(entry, timeout=0.1)
            return True
        except queue.Full:
            continue
    return False

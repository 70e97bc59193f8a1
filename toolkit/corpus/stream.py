"""The stream behind :func:`toolkit.iter_corpus`: files read here, parsed where the work runs.

The calling process only reads raw records (JSONL lines, decompressed and
decoded; other formats' records) and cuts them into *parts* of
``chunksize`` records. Loading a part (JSON parsing, the corpus columns,
dates, the input checks) is a pure function of the part, so it can run on
the worker that then analyses the chunk (:func:`toolkit.parallel.map_chunks`).
What depends on earlier parts stays in the calling process, which settles
the parts in order: the load report, the warnings, and ``doc_id``
repairs. A worker loads a part as if no earlier part had used its ids or
made its file fail; where that was not so (a repeated id across chunks, a
file skipped by ``errors="skip"``), the part is loaded again here, so the
chunks never depend on ``n_jobs``.

A part holds at most ``chunksize`` records; malformed JSONL lines skipped by
``errors="skip"`` are dropped from it, so such a chunk is smaller.
"""

from __future__ import annotations

import logging
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.corpus import (
    CORPUS_COLUMNS,
    LoadReport,
    PathLike,
    _describe,
    _documents,
    _files,
    _Options,
    _with_sidecar,
)
from toolkit.corpus.decode import CorpusError
from toolkit.corpus.readers import document_suffix, jsonl_lines, parse_lines, read_records
from toolkit.parallel import ChunkSource, progress_bar

__all__ = ["CorpusStream"]

_log = logging.getLogger("toolkit.corpus")


@dataclass
class _Piece:
    """Consecutive records of one file: raw JSONL lines (``lines``) or parsed records."""

    file: int  # the file's number in the load
    path: Path
    root: Path
    encoding: str
    lines: bool  # records are (line number, line) pairs still to parse
    records: list[tuple[int, Any]] = field(default_factory=list)


@dataclass
class _Event:
    """Something the reader met between records: a file's end or a file it could not read."""

    file: int
    path: Path
    error: CorpusError | None = None  # None: the file ended


@dataclass
class _Loaded:
    """What loading one piece found (the calling process merges it into the report)."""

    doc_ids: list[str] = field(default_factory=list)
    report: LoadReport = field(default_factory=LoadReport)
    warnings: list[str] = field(default_factory=list)
    bad_lines: list[str] = field(default_factory=list)
    failure: str | None = None  # errors="skip": the file is skipped from this piece on


@dataclass
class Receipt:
    """The account of a part's load: one :class:`_Loaded` per piece (``None``: dropped, its
    file failed earlier) up to the piece that raised ``error``."""

    pieces: list[_Loaded | None] = field(default_factory=list)
    error: Exception | None = None
    documents: int = 0


@dataclass
class Part:
    """Raw records for one chunk and the events met while reading them, in order."""

    options: _Options
    checks: tuple[str, ...] = ()  # analyses whose corpus checks apply (corpus_input)
    items: list[_Piece | _Event] = field(default_factory=list)
    size: int = 0  # records

    def add(self, file: int, path: Path, root: Path, encoding: str, lines: bool, record) -> None:
        last = self.items[-1] if self.items else None
        if not isinstance(last, _Piece) or last.file != file:
            last = _Piece(file, path, root, encoding, lines)
            self.items.append(last)
        last.records.append(record)
        self.size += 1

    def load(
        self, failed: Iterable[int] = (), seen: dict[int, set[str]] | None = None
    ) -> tuple[pd.DataFrame | None, Receipt]:
        """The chunk (``None``: no document) and the receipt of its load. ``failed`` files'
        records are dropped; ``seen`` holds each file's ids so far (``None``: none)."""
        receipt, frames = Receipt(), []
        skip = self.options.errors == "skip"
        for piece in self.items:
            if not isinstance(piece, _Piece):
                continue
            if piece.file in failed:
                receipt.pieces.append(None)
                continue
            loaded = _Loaded()
            ids = set() if seen is None else seen.setdefault(piece.file, set())
            try:
                frame = self._load_piece(piece, ids, loaded)
            except CorpusError as error:
                if not skip:
                    receipt.error = error
                    break
                loaded.failure = str(error).removeprefix(f"{piece.path}: ")
            else:
                if frame is not None:
                    frames.append(frame)
                    loaded.doc_ids = frame["doc_id"].tolist()
            receipt.pieces.append(loaded)
        if receipt.error is not None or not frames:
            return None, receipt
        chunk = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
        chunk = chunk[CORPUS_COLUMNS + [c for c in chunk.columns if c not in CORPUS_COLUMNS]]
        receipt.documents = len(chunk)
        try:
            for func in self.checks:
                chunk = _check(chunk, func)
        except Exception as error:  # raised in order, after the ids are checked
            receipt.error = error
            return None, receipt
        return chunk, receipt

    def _load_piece(self, piece: _Piece, ids: set[str], loaded: _Loaded) -> pd.DataFrame | None:
        bad = [] if self.options.errors == "skip" else None
        try:
            batch = (parse_lines(piece.path, piece.records, bad, piece.encoding) if piece.lines
                     else piece.records)  # fmt: skip
        finally:
            loaded.bad_lines = bad or []
        if not batch:
            return None
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            frame = _documents(_with_sidecar(batch, piece.path), piece.path, piece.root,
                               piece.encoding, self.options, ids, loaded.report)  # fmt: skip
        loaded.warnings = [str(warning.message) for warning in caught]
        return frame


def _check(chunk: pd.DataFrame, func: str) -> pd.DataFrame:
    """corpus_input's check of a chunk, but the doc_ids' uniqueness (checked when settled)."""
    from toolkit.inputs import _corpus_frame

    return _corpus_frame(chunk, func, first=0, seen=None)


@dataclass
class _Check:
    """corpus_input's state over a stream: the ids and chunks seen so far."""

    func: str
    seen: set[str] = field(default_factory=set)
    chunks: int = 0


class CorpusStream(ChunkSource, Iterator[pd.DataFrame]):
    """A lazy iterator of corpus chunks (:func:`toolkit.iter_corpus`) whose loading the
    workers of :func:`toolkit.parallel.map_chunks` can do."""

    def __init__(
        self, source: PathLike | Iterable[PathLike], *, glob: str, options: _Options,
        chunksize: int, progress: bool | None,
    ) -> None:  # fmt: skip
        self.source, self.glob, self.options = source, glob, options
        self.chunksize, self.progress = chunksize, progress
        self.report = LoadReport()
        self._reader: Iterator[Part] | None = None
        self._bar = None
        self._checks: list[_Check] = []
        self._seen: dict[int, set[str]] = {}  # each file's doc_ids
        self._failed: set[int] = set()  # files skipped part-way (errors="skip")
        self._bad: dict[int, list[str]] = {}  # each file's malformed lines
        self._produced: Counter[int] = Counter()  # each file's documents
        self._done = False

    # ------------------------------------------------------------------ iteration

    def __iter__(self) -> CorpusStream:
        return self

    def __next__(self) -> pd.DataFrame:
        try:
            for part in self.parts():
                frame = self.load_here(part)
                if frame is not None:
                    return frame
            self.finish()
        except Exception:  # as a generator: an error ends the stream
            self._reader, self._done = iter(()), True
            raise
        raise StopIteration

    def checked(self, func: str) -> CorpusStream:
        """This stream, its chunks checked as corpus input of the analysis ``func`` from now on
        (:func:`toolkit.inputs.as_corpus`)."""
        self._checks.append(_Check(func))
        return self

    # ------------------------------------------------------------------ ChunkSource

    def parts(self) -> Iterator[Part]:
        if self._reader is None:
            self._reader = self._read()
        return self._reader

    def load_here(self, part: Part) -> pd.DataFrame | None:
        frame, receipt = part.load(self._failed, self._seen)
        self._settle(part, receipt)
        if frame is None:
            return None
        self.report.documents += len(frame)
        self._bar.update(len(frame))
        frame.attrs["load_report"] = asdict(self.report)
        return frame

    def settle(self, part: Part, receipt: Receipt) -> bool:
        pieces = [item for item in part.items if isinstance(item, _Piece)]
        for piece, loaded in zip(pieces, receipt.pieces, strict=False):
            if piece.file in self._failed:
                return False
            if loaded is not None and not self._seen.get(piece.file, set()).isdisjoint(
                loaded.doc_ids
            ):  # an id used by an earlier part: named otherwise when loaded in order
                return False
        self._settle(part, receipt)
        self.report.documents += receipt.documents
        self._bar.update(receipt.documents)
        return True

    def finish(self) -> None:
        if self._done:
            return
        self._done = True
        if self._bar is not None:
            self._bar.close()
        report = self.report
        _log.info("%s", report.summary())
        if report.documents == 0:
            raise report.nothing_loaded(_describe(self.source))
        if report.duplicate_ids:
            first = report.duplicate_ids[0]
            warnings.warn(
                f"{len(report.duplicate_ids)} duplicate document ids renamed (first: id "
                f"{first['id']!r} in {first['path']} became {first['doc_id']!r}); "
                'see attrs["load_report"]["duplicate_ids"]',
                stacklevel=3,
            )
        if report.empty_texts:
            warnings.warn(
                f"{len(report.empty_texts)} documents have empty text (kept): "
                f"{', '.join(report.empty_texts[:5])}"
                f"{' ...' if len(report.empty_texts) > 5 else ''}",
                stacklevel=3,
            )

    # ------------------------------------------------------------------ reading and settling

    def _read(self) -> Iterator[Part]:
        """Parts of ``chunksize`` records; a full part is handed out when the next record
        comes (or at the end), so the events that follow its records go with it."""
        self._bar = progress_bar(self.progress, unit=" docs", desc="loading")
        files = _files(self.source, self.glob, self.report)
        options = self.options
        part = Part(options, tuple(check.func for check in self._checks))
        for file, (path, root) in enumerate(files):
            try:
                for record, encoding, lines in self._records(path):
                    if part.size >= self.chunksize:
                        yield part
                        part = Part(options, tuple(check.func for check in self._checks))
                    part.add(file, path, root, encoding, lines, record)
            except CorpusError as error:
                part.items.append(_Event(file, path, error))
                if options.errors != "skip":
                    break
                continue
            part.items.append(_Event(file, path))
        if part.items:
            yield part

    def _records(self, path: Path) -> Iterator[tuple[Any, str, bool]]:
        """``(record, encoding, is a raw line)`` of the file ``path``."""
        if document_suffix(path) == ".jsonl":
            for line, encoding in jsonl_lines(path, self.options.encoding):
                yield line, encoding, True
            return
        for batch, encoding in read_records(path, encoding=self.options.encoding,
                                            batch_size=self.chunksize):  # fmt: skip
            for record in batch:
                yield record, encoding, False

    def _settle(self, part: Part, receipt: Receipt) -> None:
        """Merge a part's receipt into the load's state, in reading order; raise its error."""
        report, loads = self.report, iter(receipt.pieces)
        for item in part.items:
            if isinstance(item, _Event):
                self._end_file(item)
                continue
            loaded = next(loads, False)
            if loaded is False:  # the piece whose load raised
                raise receipt.error
            if loaded is None:
                continue
            report.duplicate_ids.extend(loaded.report.duplicate_ids)
            report.empty_texts.extend(loaded.report.empty_texts)
            report.unparsed_dates.extend(loaded.report.unparsed_dates)
            for message in loaded.warnings:
                warnings.warn(message, UserWarning, stacklevel=4)
            self._seen.setdefault(item.file, set()).update(loaded.doc_ids)
            self._produced[item.file] += len(loaded.doc_ids)
            self._bad.setdefault(item.file, []).extend(loaded.bad_lines)
            if loaded.failure is not None:
                report.skip(item.path, loaded.failure)
                self._skip_bad_lines(item)
                self._failed.add(item.file)
        ids = [i for loaded in receipt.pieces if loaded for i in loaded.doc_ids]
        if ids:
            self._check_ids(ids)
        if receipt.error is not None:
            raise receipt.error

    def _check_ids(self, ids: list[str]) -> None:
        from toolkit.inputs import _check_unique

        for check in self._checks:
            _check_unique(pd.Series(ids, dtype=object), check.func, f"chunk {check.chunks}",
                          check.seen)  # fmt: skip
            check.chunks += 1

    def _end_file(self, event: _Event) -> None:
        if event.file in self._failed:
            return
        if event.error is not None:
            if self.options.errors != "skip":
                raise event.error
            self.report.skip(event.path, str(event.error).removeprefix(f"{event.path}: "))
            self._skip_bad_lines(event)
            self._failed.add(event.file)
            return
        bad = self._skip_bad_lines(event)
        self.report.files += 1
        if self._produced[event.file] == 0:
            reason = "no valid line: no documents" if bad else "empty file: no documents"
            self.report.skip(event.path, reason)

    def _skip_bad_lines(self, item: _Piece | _Event) -> list[str]:
        bad = self._bad.pop(item.file, [])
        for message in bad:
            self.report.skip(item.path, message.removeprefix(f"{item.path}: "))
        return bad

"""Find, decode and load corpus documents with their metadata.

>>> corpus = load_corpus("seeds")
>>> corpus[["doc_id", "source", "encoding"]].values.tolist()
[['kochavi-rabat-visit', 'Moroccan press', 'utf-8']]

One row per document with the columns ``doc_id, text, date, title, source,
path, encoding`` followed by every other metadata column. What was skipped
or could not be parsed, and why, is in ``corpus.attrs["load_report"]``,
logged, and warned about.
"""

from __future__ import annotations

import json
import logging
import unicodedata
import warnings
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit._docstrings import fill_doc
from toolkit.checks import check_choice, check_positive_int
from toolkit.corpus.columns import find_column
from toolkit.corpus.dates import MIN_YEAR, parse_dates
from toolkit.corpus.decode import CorpusError, decode_bytes
from toolkit.corpus.readers import SUPPORTED_SUFFIXES, TEXT_SUFFIXES, document_suffix, read_records
from toolkit.parallel import resolve_chunksize

__all__ = [
    "CORPUS_COLUMNS",
    "CorpusError",
    "LoadReport",
    "check_source",
    "iter_corpus",
    "load_corpus",
]

CORPUS_COLUMNS = ["doc_id", "text", "date", "title", "source", "path", "encoding"]
_log = logging.getLogger(__name__)
PathLike = str | Path


@dataclass
class LoadReport:
    """What a load did: documents loaded, files read, and every problem met."""

    documents: int = 0
    files: int = 0
    skipped: list[dict[str, str]] = field(default_factory=list)
    empty_texts: list[str] = field(default_factory=list)
    unparsed_dates: list[dict[str, str]] = field(default_factory=list)
    duplicate_ids: list[dict[str, str]] = field(default_factory=list)

    def skip(self, path: Path | str, reason: str) -> None:
        self.skipped.append({"path": str(path), "reason": reason})
        warnings.warn(f"skipped {path}: {reason}", stacklevel=4)

    def summary(self) -> str:
        parts = [f"loaded {self.documents} documents from {self.files} files"]
        if self.skipped:
            parts.append(f"skipped {len(self.skipped)} (" + "; ".join(
                f"{item['path']}: {item['reason']}" for item in self.skipped[:3]
            ) + (" ..." if len(self.skipped) > 3 else "") + ")")  # fmt: skip
        if self.empty_texts:
            parts.append(f"{len(self.empty_texts)} documents with empty text")
        if self.unparsed_dates:
            parts.append(f"{len(self.unparsed_dates)} unparseable dates set to NaT")
        if self.duplicate_ids:
            parts.append(f"{len(self.duplicate_ids)} duplicate ids renamed")
        return "; ".join(parts)

    def nothing_loaded(self, sources: str) -> CorpusError:
        """The error raised when a load produced no document: every skip and its reason."""
        reasons = [f"  {item['path']}: {item['reason']}" for item in self.skipped[:20]]
        more = len(self.skipped) - len(reasons)
        listing = "\n".join(reasons + ([f"  ... and {more} more"] if more > 0 else []))
        files = len({item["path"] for item in self.skipped})
        every = f"all {files} files were skipped" if files > 1 else "the only file was skipped"
        return CorpusError(
            f"{sources}: no documents loaded; {len(self.skipped)} skipped ({every}):\n{listing}"
            if reasons
            else f"{sources}: no documents loaded"
        )


@dataclass(frozen=True)
class _Options:
    text_column: str | None
    date_column: str | None
    title_column: str | None
    source_column: str | None
    id_column: str | None
    encoding: str | None
    errors: str


def _is_sidecar(path: Path) -> bool:
    """``name.json`` next to ``name.txt``/``name.md`` holds that document's metadata."""
    if path.name.lower().endswith(".json"):
        stem = path.name[: -len(".json")]
        return any((path.parent / f"{stem}{s}").exists() for s in (*TEXT_SUFFIXES, ".txt.gz"))
    return False


def _files(source: PathLike | Iterable[PathLike], glob: str, report: LoadReport) -> list[tuple]:
    """Resolve ``source`` into ``(file, root)`` pairs, in a stable order."""
    sources = [source] if isinstance(source, str | Path) else list(source)
    if not sources:
        raise CorpusError("no corpus source given (an empty list of paths)")
    found = []
    for item in sources:
        path = Path(item).expanduser()
        if not path.exists():
            raise CorpusError(f"{path}: no such file or directory")
        if path.is_file():
            found.append((path, path.parent))
            continue
        for candidate in sorted(path.glob(glob)):
            if not candidate.is_file() or any(p.startswith(".") for p in candidate.parts[-1:]):
                continue
            if document_suffix(candidate) not in SUPPORTED_SUFFIXES:
                report.skip(candidate, f"unsupported file type {document_suffix(candidate)!r}")
            elif not _is_sidecar(candidate):
                found.append((candidate, path))
    if not found:
        raise CorpusError(
            f"{', '.join(map(str, sources))}: no corpus files found "
            f"(glob {glob!r}; formats {', '.join(SUPPORTED_SUFFIXES)}, optionally .gz)"
        )
    return found


def sidecar_path(path: Path) -> Path:
    """Where the metadata sidecar of a corpus file would be: ``news.jsonl.gz`` -> ``news.json``."""
    name = path.name[: -len(".gz")] if path.name.endswith(".gz") else path.name
    return path.parent / f"{name.rsplit('.', 1)[0]}.json"


def _sidecar(path: Path) -> dict[str, Any]:
    sidecar = sidecar_path(path)
    if not sidecar.exists():
        return {}
    text, _ = decode_bytes(sidecar.read_bytes(), str(sidecar))
    try:
        metadata = json.loads(text)
    except json.JSONDecodeError as error:
        raise CorpusError(f"{sidecar}: invalid sidecar JSON ({error.msg})") from error
    if not isinstance(metadata, dict):
        raise CorpusError(f"{sidecar}: sidecar metadata must be a JSON object")
    metadata.pop("text", None)
    return metadata


def _doc_prefix(path: Path, root: Path) -> str:
    relative = path.relative_to(root) if path.is_relative_to(root) else Path(path.name)
    name = relative.as_posix()
    for suffix in reversed(relative.suffixes):
        if name.lower().endswith(suffix.lower()) and suffix.lower() in (*SUPPORTED_SUFFIXES, ".gz"):
            name = name[: -len(suffix)]
    return name


def _column(columns: list[str], role: str, given: str | None, path: Path) -> str | None:
    try:
        return find_column(columns, role, given)
    except KeyError:
        raise CorpusError(
            f"{path}: no column {given!r} (for {role}); columns found: {columns}"
        ) from None


def _nfc(value: object) -> object:
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or value == ""


def _documents(
    batch: list[tuple[int, dict]],
    path: Path,
    root: Path,
    encoding: str,
    options: _Options,
    seen_ids: set[str],
    report: LoadReport,
) -> pd.DataFrame:
    """Turn raw records of one file into corpus rows with the standard columns."""
    records = [record for _, record in batch]
    columns = list(dict.fromkeys(key for record in records for key in record))
    text_column = _column(columns, "text", options.text_column, path)
    if text_column is None:
        raise CorpusError(
            f"{path}: no text column recognised among columns {columns}; pass text_column=..."
        )
    roles = {role: _column(columns, role, getattr(options, f"{role}_column"), path)
             for role in ("date", "title", "source", "id")}  # fmt: skip

    def values(column: str | None) -> list:
        return [record.get(column) for record in records] if column else [None] * len(records)

    prefix = _doc_prefix(path, root)
    single = document_suffix(path) in TEXT_SUFFIXES
    doc_ids = []
    for (number, _), raw_id in zip(batch, values(roles["id"])):
        if single:
            doc_id = prefix
        elif not _is_blank(raw_id) and f"{prefix}:{raw_id}" not in seen_ids:
            doc_id = f"{prefix}:{raw_id}"
        else:
            doc_id = f"{prefix}:{number}"
            if not _is_blank(raw_id):
                report.duplicate_ids.append(
                    {"path": str(path), "id": str(raw_id), "doc_id": doc_id}
                )
        seen_ids.add(doc_id)
        doc_ids.append(doc_id)

    texts = ["" if _is_blank(v) else _nfc(str(v)) for v in values(text_column)]
    raw_dates = pd.Series(values(roles["date"]), dtype=object)
    documents = {
        "doc_id": doc_ids,
        "text": texts,
        "date": parse_dates(raw_dates).to_numpy(),
        "title": pd.Series([_nfc(v) for v in values(roles["title"])], dtype=object),
        "source": pd.Series([_nfc(v) for v in values(roles["source"])], dtype=object),
        "path": str(path),
        "encoding": encoding,
    }
    used = {text_column, *roles.values()}
    for column in columns:
        if column not in used and column not in documents:
            documents[column] = [_nfc(v) for v in values(column)]
    frame = pd.DataFrame(documents)

    report.empty_texts.extend(d for d, text in zip(doc_ids, texts) if not text.strip())
    for doc_id, value, parsed in zip(doc_ids, raw_dates, frame["date"]):
        if pd.isna(parsed) and not _is_blank(value) and str(value).strip():
            report.unparsed_dates.append({"doc_id": doc_id, "value": str(value)})
            warnings.warn(
                f"{doc_id}: unparseable date {value!r} (or before year {MIN_YEAR}) set to NaT",
                stacklevel=5,
            )
    return frame


def _with_sidecar(batch: list[tuple[int, dict]], path: Path) -> list[tuple[int, dict]]:
    if document_suffix(path) not in TEXT_SUFFIXES:
        return batch
    metadata = _sidecar(path)
    return [(number, {**metadata, **record}) for number, record in batch]


@fill_doc
def iter_corpus(
    source: PathLike | Iterable[PathLike],
    *,
    chunksize: int | None = None,
    progress: bool | None = None,
    glob: str = "**/*",
    text_column: str | None = None,
    date_column: str | None = None,
    title_column: str | None = None,
    source_column: str | None = None,
    id_column: str | None = None,
    encoding: str | None = None,
    errors: str = "raise",
) -> Iterator[pd.DataFrame]:
    """Stream a corpus as DataFrames of at most ``chunksize`` documents
    (``None``: :data:`toolkit.parallel.DEFAULT_CHUNKSIZE`).

    Files are read incrementally (JSONL and CSV line by line, Parquet by row
    group), so memory is bounded by the chunk size. Given to an analysis
    with ``n_jobs > 1``, the chunks are parsed by the workers that analyse
    them (:mod:`toolkit.corpus.stream`); the chunks do not depend on ``n_jobs``.

    Parameters
    ----------
    source : path or iterable of paths
        A file, a folder or a list of paths, as for :func:`load_corpus`.
    {chunksize}
        Here 1000 documents per yielded frame.
    {progress}
    {glob}
    {file_columns}
    {encoding}
    {load_errors}

    Yields
    ------
    DataFrame
        Corpus chunks (columns as :func:`load_corpus`); each chunk's
        ``attrs["load_report"]`` is the report so far. Malformed JSONL lines
        skipped with ``errors="skip"`` leave their chunk smaller.

    Examples
    --------
    >>> for chunk in iter_corpus("seeds", chunksize=500, progress=False):
    ...     print(len(chunk))
    1
    """
    from toolkit.corpus.stream import CorpusStream

    check_choice(errors, "errors", ("raise", "skip"))
    options = _Options(
        text_column, date_column, title_column, source_column, id_column, encoding, errors
    )
    return CorpusStream(source, glob=glob, options=options, chunksize=resolve_chunksize(chunksize),
                        progress=progress)  # fmt: skip


def check_source(
    source: PathLike | Iterable[PathLike],
    *,
    errors: str = "raise",
    glob: str = "**/*",
    max_files: int = 100,
    text_column: str | None = None,
) -> int:
    """Check quickly that ``source`` can be loaded; return the number of files found.

    The first document of each of the first ``max_files`` files is read (a
    folder's other files are only listed), so a missing path, an empty folder,
    a 0-byte, binary or undecodable file or a table without a text column is
    reported in a second, before a long analysis starts. With
    ``errors="raise"`` the first bad file raises :class:`CorpusError`; with
    ``errors="skip"`` only a source where no checked file gives a document
    raises, listing every file skipped and why.

    >>> check_source("seeds")
    1
    """
    check_choice(errors, "errors", ("raise", "skip"))
    check_positive_int(max_files, "max_files")
    report = LoadReport()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        files = _files(source, glob, report)
        options = _Options(text_column, None, None, None, None, None, "raise")
        readable = 0
        for path, root in files[:max_files]:
            try:
                if path.stat().st_size == 0:
                    raise CorpusError(f"{path}: empty file (0 bytes)")
                with closing(read_records(path, batch_size=1)) as records:
                    first = next(records, None)
                if first is None:
                    raise CorpusError(f"{path}: empty file: no documents")
                batch, encoding = first
                _documents(_with_sidecar(batch, path), path, root, encoding, options, set(), report)
                readable += 1
            except CorpusError as error:
                if errors == "raise":
                    raise
                report.skip(path, str(error).removeprefix(f"{path}: "))
    if readable == 0:
        raise report.nothing_loaded(_describe(source))
    return len(files)


def _describe(source: PathLike | Iterable[PathLike]) -> str:
    sources = [source] if isinstance(source, str | Path) else list(source)
    return ", ".join(map(str, sources[:3])) + (" ..." if len(sources) > 3 else "")


@fill_doc
def load_corpus(
    source: PathLike | Iterable[PathLike],
    *,
    glob: str = "**/*",
    text_column: str | None = None,
    date_column: str | None = None,
    title_column: str | None = None,
    source_column: str | None = None,
    id_column: str | None = None,
    encoding: str | None = None,
    errors: str = "raise",
    progress: bool | None = None,
) -> pd.DataFrame:
    """Load documents from a file, a folder (recursive, ``glob``) or a list of paths.

    Formats: ``.txt``, ``.md`` (one document per file, with metadata from a
    ``name.json`` sidecar), ``.csv``, ``.tsv``, ``.json``, ``.jsonl``,
    ``.parquet``, each optionally gzip-compressed (``.gz``). Text is
    NFC-normalised and otherwise unchanged. Dates become ``datetime64[s]``,
    exact for years 1000 to 9999 (NaT with a warning naming the document
    when unparseable or earlier; the raw value is kept in the load report).
    Repeated ids are renamed (``name:line``), recorded and warned about once.
    A load that yields no document at all raises :class:`CorpusError`
    listing every file skipped and why.

    Parameters
    ----------
    source : path or iterable of paths
        A file, a folder or a list of paths.
    {glob}
    {file_columns}
    {encoding}
    {load_errors}
    {progress}

    Returns
    -------
    DataFrame
        The corpus: ``doc_id``, ``text``, ``date``, ``title``, ``source``,
        ``path``, ``encoding``, ``language`` and any metadata columns;
        ``attrs["load_report"]`` says what was read and skipped.

    Examples
    --------
    >>> corpus = load_corpus("seeds")
    >>> corpus.loc[0, "date"] is pd.NaT, corpus.loc[0, "language"]
    (True, 'ar')
    """
    chunks = list(
        iter_corpus(
            source, chunksize=None, progress=progress, glob=glob, text_column=text_column,
            date_column=date_column, title_column=title_column, source_column=source_column,
            id_column=id_column, encoding=encoding, errors=errors,
        )
    )  # fmt: skip
    corpus = pd.concat(chunks, ignore_index=True) if len(chunks) > 1 else chunks[0]
    corpus.attrs["load_report"] = chunks[-1].attrs["load_report"]
    return corpus

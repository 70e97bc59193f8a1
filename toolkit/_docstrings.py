"""Parameter descriptions written once and filled into the docstrings that share them.

seaborn's ``_docstrings`` idea: a parameter that means the same thing in many
functions (``n_jobs``, ``by``, ``dct`` ...) is described once in
:data:`PARAMS`. A docstring line holding only ``{name}`` is replaced by that
description, indented like the line, when the function is decorated with
:func:`fill_doc`.

>>> @fill_doc
... def count(data, *, n_jobs=1):
...     '''Count.
...
...     Parameters
...     ----------
...     {n_jobs}
...     '''
>>> print(count.__doc__.splitlines()[4])
    n_jobs : int, default 1
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from typing import TypeVar

__all__ = ["PARAMS", "fill_doc"]

F = TypeVar("F", bound=Callable)

_INPUT_KINDS = (
    "a string, a list of strings, a corpus DataFrame (``doc_id``, ``text``, optional "
    "``date`` and metadata), a tokens DataFrame, an iterator of corpus chunks "
    "(:func:`toolkit.iter_corpus`) or a Dask DataFrame"
)

#: name -> numpydoc entry (``name : type`` line, then the indented description).
PARAMS: dict[str, str] = {
    "data": f"""\
data : str, list of str, DataFrame, iterable of DataFrames or Dask DataFrame
    The texts, any input of :func:`toolkit.as_corpus`: {_INPUT_KINDS}.""",
    "by": """\
by : str, pandas.Grouper, list or None, default None
    Grouping: a corpus column (``"source"``), a time grouping
    (``pd.Grouper(key="date", freq="MS")``) or a list of them.""",
    # corpus loading (toolkit.corpus) and date series (toolkit.dates.timelines)
    "dates_table": """\
dates : DataFrame or None, default None
    The :func:`toolkit.extract_dates` table of ``data`` if already
    computed; None computes it.""",
    "publication_by": """\
by : str or pandas.Grouper, default "W"
    Publication period: a pandas frequency (``"D"``, ``"W"``, ``"MS"``)
    or ``pd.Grouper(key="date", freq=...)``.""",
    "glob": """\
glob : str, default "**/*"
    Files searched in a folder (recursively).""",
    "file_columns": """\
text_column, date_column, title_column, source_column, id_column : str or None
    Columns of tabular files holding these fields; None finds them by
    common names.""",
    "encoding": """\
encoding : str or None, default None
    None detects it per file (UTF-8 with or without BOM, UTF-16 with
    BOM, Windows-1256, ISO-8859-6) and records it per document.""",
    "load_errors": """\
errors : {"raise", "skip"}, default "raise"
    ``raise`` stops with a :class:`CorpusError` naming the file; ``skip``
    leaves the file out and reports it in ``attrs["load_report"]``.""",
    # co-occurrence (toolkit.entities.cooccurrence)
    "entities": """\
data : DataFrame or iterable of DataFrames
    :func:`toolkit.extract_entities` output, or one such table per corpus
    chunk (a document must not be split between chunks).""",
    "unit": """\
unit : {"sentence", "paragraph", "document"} or int, default "sentence"
    Where two names co-occur: a sentence, a paragraph (blank lines in the
    document text split paragraphs), the document, or ``k`` consecutive
    sentences.""",
    "weight": """\
weight : {"count", "pmi", "dice"}, default "count"
    Edge weight: ``count``, ``pmi`` (log2 of count x N / (f_a x f_b),
    N = units holding any name, f = units holding the name) or ``dice``
    (2 x count / (f_a + f_b)).""",
    "entity_labels": """\
labels : str, iterable of str or None, default None
    Keep only names with those labels (e.g. ``["PERS", "LOC"]``).""",
    "entities_corpus": """\
corpus : DataFrame, str or None, default None
    The corpus (or string) the entities came from: needed for
    ``unit="paragraph"`` and ``dedupe=True``.""",
    "entities_dedupe": """\
dedupe : bool or DataFrame, default False
    Count each story once: a :func:`toolkit.near_duplicates` table drops
    the mentions of folded copies; True finds the copies in ``corpus``.""",
    "keep_misc_kinds": """\
keep_misc_kinds : iterable of str, default ()
    Names that are currencies, units, nationality adjectives or fragments
    (:func:`toolkit.entities.kinds.misc_kind`) are left out of the network;
    these kinds are kept: e.g. ``["currency"]``, or
    :data:`toolkit.entities.kinds.MISC_KINDS` for all.""",
    "min_count": """\
min_count : int, default 1
    Keep only rows counted at least this many times (1 keeps everything).""",
    "n_jobs": """\
n_jobs : int, default 1
    Processes: 1 runs serially, N on N processes, -1 on every core.""",
    "chunksize": """\
chunksize : int or None, default None
    Documents per chunk handed to a process; None for the function's default.""",
    "progress": """\
progress : bool or None, default None
    Show a progress bar; None shows it in terminals and notebooks when the
    work takes more than a second.""",
    "dct": """\
dct : str, datetime.date or None, default None
    Reference date for relative expressions (``"2022-07-11"``); None uses
    each document's ``date``, or leaves relative expressions unresolved.""",
    "form": """\
form : {"term", "norm", "stem"}, default "term"
    Which form of each word is counted: the readable word without its
    proclitics (``term``), the normalised token (``norm``) or its light stem.""",
    "ngram": """\
ngram : int, default 1
    Count sequences of this many words, never across punctuation.""",
    "stopwords": """\
stopwords : bool or iterable of str, default True
    Drop the shipped stop list (True), nothing (False) or the words given.""",
    "evidence": """\
evidence : TermResolver or None, default None
    Corpus-wide spelling evidence from :func:`toolkit.corpus_evidence`, so
    that chunks resolve words the same way; None gathers it from ``data``.""",
    "dedupe": """\
dedupe : bool or DataFrame, default False
    Fold near-duplicate documents (wire copies) first so that each story
    counts once: True finds them, or pass a :func:`toolkit.near_duplicates`
    table.""",
    "mode": """\
mode : {"news", "narrative"}, default "news"
    ``news`` resolves relative expressions against the reference date;
    ``narrative`` against the previous absolute date of the document.""",
    "ax": """\
ax : matplotlib Axes or None, default None
    Axes to draw on; None draws on the current Axes (a new figure when
    there is none).""",
    "title": """\
title : str or None, default None
    Title of the Axes, in Arabic or English.""",
    "lang": """\
lang : {"en", "ar"}, default "en"
    Language of axis labels, legends and date ticks.""",
    "axes": """\
matplotlib.axes.Axes
    The Axes drawn on.""",
}

_PLACEHOLDER = re.compile(r"^(?P<indent>[ \t]*)\{(?P<name>[a-z_]+)\}[ \t]*$", re.MULTILINE)


def fill_doc(func: F) -> F:
    """Replace each line ``{name}`` of ``func``'s docstring by ``PARAMS[name]``."""
    if func.__doc__:

        def entry(match: re.Match) -> str:
            return textwrap.indent(PARAMS[match["name"]], match["indent"])

        func.__doc__ = _PLACEHOLDER.sub(entry, func.__doc__)
    return func

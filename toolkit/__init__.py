"""toolkit: analyse Arabic news text from Jupyter.

>>> import toolkit as tk
>>> tk.normalize("إسرائيل")
'اسرائيل'

Public functions are imported lazily on first use, so ``import toolkit``
stays fast and does not load matplotlib until a plot is asked for.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

#: public name -> module that defines it
_EXPORTS: dict[str, str] = {
    "as_corpus": "toolkit.inputs",
    "as_tokens": "toolkit.inputs",
    "load_corpus": "toolkit.corpus",
    "iter_corpus": "toolkit.corpus",
    "normalize": "toolkit.text.normalize",
    "tokenize": "toolkit.text.tokenize",
    "sentence_spans": "toolkit.text.tokenize",
    "extract_dates": "toolkit.dates.extract",
    "timeline": "toolkit.dates.timelines",
    "mentions_per_period": "toolkit.dates.timelines",
    "referenced_time": "toolkit.dates.timelines",
    "run_report": "toolkit.report",
    "term_frequencies": "toolkit.terms",
    "collocations": "toolkit.terms",
    "keyness": "toolkit.terms",
    "kwic": "toolkit.terms",
    "corpus_evidence": "toolkit.terms",
    "extract_entities": "toolkit.entities.recognize",
    "cooccurrence": "toolkit.entities.cooccurrence",
    "cooccurrence_matrix": "toolkit.entities.cooccurrence",
    "cooccurrence_sparse": "toolkit.entities.cooccurrence",
    "cooccurrence_graph": "toolkit.entities.cooccurrence",
    "export_graph": "toolkit.entities.export",
    "near_duplicates": "toolkit.dedupe",
    "drop_near_duplicates": "toolkit.dedupe",
    "republication_table": "toolkit.dedupe",
    "duplicate_clusters": "toolkit.dedupe",
    "term_matrix": "toolkit.terms",
    "corpus_summary": "toolkit.terms",
    "term_positions": "toolkit.terms",
    "dictionary_counts": "toolkit.terms",
    "load_dictionary": "toolkit.terms",
    "topics": "toolkit.documents",
    "similarity": "toolkit.documents",
    "document_map": "toolkit.documents",
    "show": "toolkit.interactive",
    "explore": "toolkit.interactive",
    "network_widget": "toolkit.interactive",
}
_SUBMODULES = {
    "plot",
    "text",
    "corpus",
    "entities",
    "dates",
    "terms",
    "documents",
    "report",
    "interactive",
    "dedupe",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        module = importlib.import_module(f"toolkit.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'toolkit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS, *_SUBMODULES])

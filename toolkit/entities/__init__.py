"""Named entities and their co-occurrence.

Pipeline: :mod:`~toolkit.entities.recognize` tokenises with
:func:`toolkit.text.iter_tokens` (offsets into the original text), tags each
sentence with the shipped CRF (:mod:`~toolkit.entities.model`, features in
:mod:`~toolkit.entities.features`, gazetteers and lexicons in
:mod:`~toolkit.entities.gazetteers`), applies the gazetteer rules of
:mod:`~toolkit.entities.rules`, and merges variants into canonical names
(:mod:`~toolkit.entities.canonical`). :mod:`~toolkit.entities.cooccurrence`
counts names sharing a sentence, paragraph, document or sentence window;
:mod:`~toolkit.entities.export` writes graphs for Gephi.
Retraining: ``scripts/train_ner.py`` (see :mod:`~toolkit.entities.training`).

>>> import toolkit as tk
>>> ents = tk.extract_entities("زار بيني غانتس الرباط")
>>> ents["label"].tolist()
['PERS', 'LOC']
"""

from toolkit.entities.cooccurrence import (
    cooccurrence,
    cooccurrence_graph,
    cooccurrence_matrix,
    cooccurrence_sparse,
)
from toolkit.entities.export import export_graph
from toolkit.entities.recognize import extract_entities

__all__ = [
    "cooccurrence",
    "cooccurrence_graph",
    "cooccurrence_matrix",
    "cooccurrence_sparse",
    "export_graph",
    "extract_entities",
]

"""Named entities and their co-occurrence.

>>> import toolkit as tk
>>> ents = tk.extract_entities("زار بيني غانتس الرباط")
>>> ents["label"].tolist()
['PERS', 'LOC']
"""

from toolkit.entities.cooccurrence import cooccurrence, cooccurrence_graph, cooccurrence_matrix
from toolkit.entities.export import export_graph
from toolkit.entities.recognize import extract_entities

__all__ = [
    "cooccurrence",
    "cooccurrence_graph",
    "cooccurrence_matrix",
    "export_graph",
    "extract_entities",
]

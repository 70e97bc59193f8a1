"""Document-level models over readable terms: topics, similarity and maps of the corpus.

>>> from toolkit.documents import document_map, similarity, topics
"""

from toolkit.documents.maps import DocumentMap, document_map
from toolkit.documents.similarity import similarity
from toolkit.documents.topics import Topics, topics

__all__ = ["DocumentMap", "Topics", "document_map", "similarity", "topics"]

"""Term frequencies, n-grams, collocations, keyness and keyword-in-context.

Counting never builds a per-token table: Arrow numbers each chunk's words,
numpy and scipy sum them per document and group, and normalisation,
clitic resolution and stop-word checks run once per distinct word
(:mod:`toolkit.terms.counting`).

>>> freqs = term_frequencies("زار كوخافي المغرب. والمغرب يرحب بكوخافي")
>>> freqs.loc[freqs.term == "المغرب", ["term", "count", "doc_freq"]].values.tolist()
[['المغرب', 2, 1]]
"""

from toolkit.terms.association import collocations, keyness
from toolkit.terms.dictionary import dictionary_counts, load_dictionary
from toolkit.terms.dispersion import term_positions
from toolkit.terms.frequencies import corpus_evidence, term_frequencies
from toolkit.terms.kwic import kwic
from toolkit.terms.matrix import TermMatrix, term_matrix
from toolkit.terms.summary import CorpusSummary, corpus_summary

__all__ = [
    "CorpusSummary",
    "TermMatrix",
    "collocations",
    "corpus_evidence",
    "corpus_summary",
    "dictionary_counts",
    "keyness",
    "kwic",
    "load_dictionary",
    "term_frequencies",
    "term_matrix",
    "term_positions",
]

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
from toolkit.terms.frequencies import corpus_evidence, term_frequencies
from toolkit.terms.kwic import kwic

__all__ = ["collocations", "corpus_evidence", "keyness", "kwic", "term_frequencies"]

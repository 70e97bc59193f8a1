"""Arabic text core: normalisation, tokenisation, clitics and stop words."""

from toolkit.text.clitics import TermResolver
from toolkit.text.normalize import normalize
from toolkit.text.stem import light_stem
from toolkit.text.stopwords import is_stopword, stopword_set
from toolkit.text.tokenize import iter_tokens, sentence_spans, tokenize

__all__ = [
    "TermResolver",
    "is_stopword",
    "iter_tokens",
    "light_stem",
    "normalize",
    "sentence_spans",
    "stopword_set",
    "tokenize",
]

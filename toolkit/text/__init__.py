"""Arabic text core: normalisation, tokenisation, clitics and stop words."""

from toolkit.text.normalize import normalize
from toolkit.text.tokenize import iter_tokens, sentence_spans, tokenize

__all__ = ["iter_tokens", "normalize", "sentence_spans", "tokenize"]

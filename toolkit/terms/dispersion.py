"""Where terms occur: the word position of every occurrence (quanteda's ``kwic`` positions).

>>> term_positions("المغرب يرحب بالضيف. والمغرب بلد", terms=["المغرب"])[
...     ["term", "word_index", "n_words", "position"]].values.tolist()
[['المغرب', 0, 5, 0.0], ['المغرب', 3, 5, 0.6]]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from toolkit._docstrings import fill_doc
from toolkit.inputs import corpus_input
from toolkit.parallel import split_frame
from toolkit.terms.frequencies import _total_counts
from toolkit.text.clitics import TermResolver
from toolkit.text.normalize import normalize
from toolkit.text.word_ids import number_words

__all__ = ["term_positions"]

COLUMNS = ["doc_id", "date", "term", "word_index", "n_words", "position"]


@fill_doc
def term_positions(
    data: str | pd.DataFrame,
    *,
    terms: Sequence[str] | str,
    evidence: TermResolver | None = None,
) -> pd.DataFrame:
    """Every occurrence of ``terms`` in ``data``, with its relative position in the document.

    A word counts for a term when its readable term is that term, so
    والمغرب، للمغرب and بالمغرب count for المغرب.

    Parameters
    ----------
    data : str or DataFrame
        A string or a corpus DataFrame.
    terms : sequence of str or str
        Single words, matched on their normalised form (إسرائيل = اسرائيل).
    {evidence}

    Returns
    -------
    DataFrame
        ``doc_id, date, term, word_index, n_words, position``: ``word_index``
        is the 0-based index of the word among the document's ``n_words``
        words (Arabic or Latin letter runs, stop words included),
        ``position`` is ``word_index / n_words``, in [0, 1), ``date`` the
        document's date (``NaT`` when undated or absent). Rows keep corpus
        and text order.

    Examples
    --------
    >>> term_positions("المغرب يرحب بالضيف. والمغرب بلد", terms="المغرب")["position"].tolist()
    [0.0, 0.6]
    """
    wanted = [terms] if isinstance(terms, str) else list(dict.fromkeys(terms))
    if not wanted:
        raise ValueError("terms must name at least one term")
    if any(len(term.split()) != 1 for term in wanted):
        raise ValueError(f"terms must be single words, got {wanted}")
    corpus = corpus_input(data, func="term_positions", in_memory=True)
    words = [number_words(chunk["text"]) for chunk in split_frame(corpus)]
    if evidence is None:
        evidence = TermResolver()
        evidence.update(_total_counts(dict(zip(w.vocabulary, w.word_counts().tolist(),
                                               strict=True)) for w in words))  # fmt: skip
    keys = {normalize(evidence.remainder(term)): term for term in wanted}
    dates = pd.to_datetime(corpus["date"]) if "date" in corpus else pd.Series(pd.NaT, corpus.index)
    frames, first_doc = [], 0
    for chunk in words:
        hosts = evidence.host_keys(evidence.key_forms(chunk.vocabulary)[1])  # all at once
        wanted_of = np.array([*map(keys.get, hosts), None], dtype=object)
        hits = np.flatnonzero(wanted_of[chunk.ids] != None)  # noqa: E711 (numpy comparison)
        doc = np.searchsorted(chunk.indptr, hits, side="right") - 1
        n_words = np.diff(chunk.indptr)[doc]
        frames.append(pd.DataFrame({
            "doc": doc + first_doc,
            "term": wanted_of[chunk.ids[hits]],
            "word_index": hits - chunk.indptr[doc],
            "n_words": n_words,
        }))  # fmt: skip
        first_doc += len(chunk.indptr) - 1
    found = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=["doc", "term", "word_index", "n_words"])  # fmt: skip
    doc = found.pop("doc").to_numpy(np.int64)
    found.insert(0, "doc_id", corpus["doc_id"].astype(str).to_numpy()[doc])
    found.insert(1, "date", dates.to_numpy()[doc])
    found["word_index"] = found["word_index"].astype(np.int64)
    found["n_words"] = found["n_words"].astype(np.int64)
    found["position"] = found["word_index"] / found["n_words"]
    return found[COLUMNS]

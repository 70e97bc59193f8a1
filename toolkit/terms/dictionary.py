"""User dictionaries (quanteda's ``dfm_lookup``): categories of glob patterns over readable terms.

>>> counts = dictionary_counts("والأمن للأمن الأمني. الجيش يحمي",
...                            dictionary={"أمن": ["أمن*"], "جيش": ["جيش"]})
>>> counts[["term", "count", "tokens"]].values.tolist()
[['أمن', 3, 5], ['جيش', 1, 5]]
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from fnmatch import translate
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix

from toolkit._api import legacy
from toolkit._docstrings import fill_doc
from toolkit.inputs import corpus_input
from toolkit.terms.counting import by_names, check_by
from toolkit.terms.frequencies import PER
from toolkit.terms.matrix import term_matrix
from toolkit.text.clitics import TermResolver
from toolkit.text.normalize import normalize

__all__ = ["dictionary_counts", "load_dictionary"]

Dictionary = Mapping[str, Iterable[str] | str]


@legacy(positional=("dictionary",))
@fill_doc
def dictionary_counts(
    data: str | pd.DataFrame,
    *,
    dictionary: Dictionary | str | Path,
    by: str | pd.Grouper | list | None = None,
    n_jobs: int | None = 1,
    evidence: TermResolver | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Count the words of each dictionary category per document or group.

    Patterns are matched, whole, against the *readable term* of every word,
    with or without its article ال, both normalised (hamza forms, alef
    maqsura, diacritics): والأمن and للأمن are the term الأمن, so ``أمن*``
    and ``جيش`` count them as they count أمن، أمنية and الجيش. Alef forms are
    one letter after normalisation, so ``أمن*`` also matches آمن (safe). A
    word matching several patterns of a category counts once for it; stop
    words are matched like any word.

    Parameters
    ----------
    data : str or DataFrame
        A string or a corpus DataFrame.
    dictionary : dict, str or Path
        Category -> glob patterns (``*`` any letters, ``?`` one letter), e.g.
        ``{"أمن": ["أمن*", "عسكري*", "جيش"]}``, or the path of a YAML or CSV
        file (:func:`load_dictionary`).
    {by}
        None counts per document.
    {n_jobs}
    {evidence}
    {progress}

    Returns
    -------
    DataFrame
        ``[doc_id | <by>..., term, count, tokens, rate]``: ``term`` is the
        category (as quanteda's lookup turns keys into features, so the table
        plots with :func:`toolkit.plot.terms` and, grouped by date,
        :func:`toolkit.plot.trends`), ``count`` its words, ``tokens`` all
        words of the document or group and ``rate`` the count per 10,000
        words. Every category appears for every document or group, with 0 if
        absent.

    Examples
    --------
    >>> table = dictionary_counts("انتشر الجيش والأمن", dictionary={"أمن": ["أمن*", "جيش"]})
    >>> table[["term", "count", "tokens"]].values.tolist()
    [['أمن', 2, 3]]
    """
    if isinstance(dictionary, str | Path):
        dictionary = load_dictionary(dictionary)
    patterns = _compile(dictionary)
    corpus = corpus_input(data, func="dictionary_counts", in_memory=True)
    if by is not None:
        check_by(corpus, by)
    m = term_matrix(corpus, stopwords=False, n_jobs=n_jobs, evidence=evidence,
                    progress=progress)  # fmt: skip
    keys = [normalize(term) for term in m.terms]
    bare = [key[2:] if key.startswith("ال") and len(key) > 3 else key for key in keys]
    categories = list(patterns)
    membership = np.zeros((len(keys), len(categories)), dtype=np.int64)
    for j, regex in enumerate(patterns.values()):
        membership[:, j] = [regex.fullmatch(key) is not None or regex.fullmatch(short) is not None
                            for key, short in zip(keys, bare, strict=True)]  # fmt: skip
    counts = np.asarray(m.matrix @ csr_matrix(membership).toarray()) if keys else np.zeros(
        (m.matrix.shape[0], len(categories)), np.int64)  # fmt: skip
    wide = pd.DataFrame(counts.astype(np.int64), columns=categories)
    wide["tokens"] = m.n_tokens
    if by is None:
        wide.insert(0, "doc_id", m.doc_ids)
        index = ["doc_id"]
    else:
        names = by_names(by)
        keyed = pd.concat([corpus[names].reset_index(drop=True), wide], axis=1)
        wide = keyed.groupby(by, sort=True, dropna=False)[[*categories, "tokens"]].sum()
        wide = wide.reset_index()
        index = names
    table = wide.melt(id_vars=[*index, "tokens"], value_vars=categories,
                      var_name="term", value_name="count")  # fmt: skip
    table["rate"] = table["count"] / table["tokens"].clip(lower=1) * PER
    order = {category: i for i, category in enumerate(categories)}
    table = table.sort_values([*index, "term"], key=lambda s: s.map(order) if s.name == "term"
                              else s, kind="stable")  # fmt: skip
    return table[[*index, "term", "count", "tokens", "rate"]].reset_index(drop=True)


@fill_doc
def load_dictionary(path: str | Path) -> dict[str, list[str]]:
    """Read a dictionary from YAML (``category: [pattern, ...]``) or CSV (``category,pattern``).

    Parameters
    ----------
    path : str or Path
        A YAML file mapping each category to a list of patterns (or to one
        pattern), or a CSV file with a header row ``category,pattern`` and
        one pattern per row; read as UTF-8.

    Returns
    -------
    dict of str to list of str
        Category -> patterns, for :func:`dictionary_counts`.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "dictionary.csv"
    >>> _ = path.write_text("category,pattern\\nأمن,أمن*\\nأمن,جيش\\n", encoding="utf-8")
    >>> load_dictionary(path)
    {'أمن': ['أمن*', 'جيش']}
    """
    path = Path(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml

        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(loaded, dict):
            raise ValueError(f"{path}: a YAML dictionary maps categories to lists of patterns")
        return {str(key): [value] if isinstance(value, str) else [str(v) for v in value]
                for key, value in loaded.items()}  # fmt: skip
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if not {"category", "pattern"} <= set(reader.fieldnames or []):
                raise ValueError(f"{path}: a CSV dictionary needs columns category and pattern")
            result: dict[str, list[str]] = {}
            for row in reader:
                result.setdefault(row["category"].strip(), []).append(row["pattern"].strip())
        return result
    raise ValueError(f"{path}: a dictionary file ends in .yaml, .yml or .csv")


def _compile(dictionary: Dictionary) -> dict[str, re.Pattern[str]]:
    """One regular expression per category, over normalised terms."""
    if not dictionary:
        raise ValueError("the dictionary has no category")
    compiled = {}
    for category, patterns in dictionary.items():
        patterns = [patterns] if isinstance(patterns, str) else list(patterns)
        if not patterns or any(not p or len(p.split()) != 1 for p in patterns):
            raise ValueError(f"category {category!r}: patterns must be single words, "
                             f"got {patterns}")  # fmt: skip
        alternatives = "|".join(translate(normalize(p)) for p in patterns)
        compiled[str(category)] = re.compile(alternatives)
    return compiled

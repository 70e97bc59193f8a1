"""The report's table cache: computed once per corpus, options and code; bounded on disk."""

from __future__ import annotations

import pandas as pd

import toolkit as tk
from toolkit.cache import cached, corpus_fingerprint


def _corpus(seed_text: str) -> pd.DataFrame:
    paragraphs = [p for p in seed_text.split("\n") if p.strip()]
    return pd.DataFrame({"doc_id": [f"p{i}" for i in range(len(paragraphs))], "text": paragraphs})


def test_cached_tables_are_computed_once_per_corpus_and_options(tmp_path, seed_text):
    corpus = _corpus(seed_text)
    runs = []

    def dates(frame, dct):
        runs.append(dct)
        return tk.extract_dates(frame, dct=dct)

    first = cached(lambda: dates(corpus, "2021-11-25"), folder=tmp_path, name="dates",
                   corpus=corpus, dct="2021-11-25")  # fmt: skip
    again = cached(lambda: dates(corpus, "2021-11-25"), folder=tmp_path, name="dates",
                   corpus=corpus, dct="2021-11-25")  # fmt: skip
    assert runs == ["2021-11-25"] and len(first) > 0
    pd.testing.assert_frame_equal(again, first)
    # another option or another corpus is computed again, and replaces the stored table
    cached(lambda: dates(corpus, "2022-01-01"), folder=tmp_path, name="dates", corpus=corpus,
           dct="2022-01-01")  # fmt: skip
    shorter = corpus.iloc[1:]
    cached(lambda: dates(shorter, "2022-01-01"), folder=tmp_path, name="dates", corpus=shorter,
           dct="2022-01-01")  # fmt: skip
    assert runs == ["2021-11-25", "2022-01-01", "2022-01-01"]
    assert len(list(tmp_path.glob("dates-*.pkl"))) == 1


def test_corpus_fingerprint_sees_text_ids_and_dates(seed_text):
    corpus = _corpus(seed_text).assign(date=pd.Timestamp("2021-11-25"))
    same = corpus_fingerprint(corpus.copy())
    assert corpus_fingerprint(corpus) == same
    edited = corpus.copy()
    edited.loc[0, "text"] += "."
    renamed = corpus.assign(doc_id=corpus["doc_id"] + "x")
    redated = corpus.assign(date=pd.Timestamp("2021-11-26"))
    assert len({same, *map(corpus_fingerprint, (edited, renamed, redated))}) == 4


def test_corpus_fingerprint_tells_text_boundaries_and_missing_values_apart(seed_text):
    """Texts are hashed joined: where one ends, and a missing text, still count."""
    frames = [pd.DataFrame({"text": texts}) for texts in
              (["ab", "c"], ["a", "bc"], [None, "abc"], ["", "abc"], ["abc", None])]  # fmt: skip
    assert len(set(map(corpus_fingerprint, frames))) == len(frames)
    # the same texts as object or string columns, sliced or not, are the same corpus
    corpus = _corpus(seed_text)
    as_strings = corpus.astype({"text": "string"})
    assert corpus_fingerprint(as_strings) == corpus_fingerprint(corpus)
    assert corpus_fingerprint(corpus.iloc[2:5]) == corpus_fingerprint(
        corpus.iloc[2:5].reset_index(drop=True).copy()
    )


def test_no_folder_means_no_cache(seed_text):
    runs = []
    corpus = _corpus(seed_text)
    for _ in range(2):
        cached(lambda: runs.append(1), folder=None, name="x", corpus=corpus)
    assert runs == [1, 1]


def test_a_corpus_loaded_from_files_is_cached_by_their_size_and_time(tmp_path, seed_text):
    """The report loads the corpus once: the next notebook reads it back, with the load's
    warnings, until a file changes."""
    import os
    import warnings

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(seed_text, encoding="utf-8")
    (folder / "b.txt").write_text("", encoding="utf-8")  # empty text: the load warns
    runs = []

    def load():
        runs.append(1)
        return tk.load_corpus(folder)

    with warnings.catch_warnings(record=True) as first_warnings:
        warnings.simplefilter("always")
        first = cached(load, folder=tmp_path / "cache", name="corpus", corpus=folder)
    with warnings.catch_warnings(record=True) as again_warnings:
        warnings.simplefilter("always")
        again = cached(load, folder=tmp_path / "cache", name="corpus", corpus=str(folder))
    assert runs == [1]
    pd.testing.assert_frame_equal(again, first)
    assert again.attrs["load_report"] == first.attrs["load_report"]
    said = [str(w.message) for w in first_warnings]
    assert any("empty text" in message for message in said)
    assert [str(w.message) for w in again_warnings] == said
    stat = (folder / "b.txt").stat()
    os.utime(folder / "b.txt", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    cached(load, folder=tmp_path / "cache", name="corpus", corpus=folder)
    assert runs == [1, 1]  # a file touched: loaded again

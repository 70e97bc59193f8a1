"""Two bugs of issue 14: a load where every file is skipped, and ``n_jobs=0``.

A load that yields no document raises :class:`CorpusError` (a ValueError) naming
the source and every file skipped, rather than returning an empty corpus: the
reasons are known at load time and lost afterwards, and an empty corpus would
only fail later, further from the cause. ``n_jobs=0`` is refused by every public
function that takes ``n_jobs`` (``toolkit.checks.check_n_jobs``).
"""

from __future__ import annotations

import inspect
import json
import warnings

import pandas as pd
import pytest

import toolkit as tk
from toolkit.__main__ import main
from toolkit.corpus import CorpusError
from toolkit.report import ReportError


def _write_unreadable_folder(folder):
    folder.mkdir()
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    (folder / "empty.jsonl").write_text("\n\n", encoding="utf-8")
    (folder / "broken.jsonl").write_text('{"text": "زار كوخافي الرباط"\n', encoding="utf-8")
    (folder / "table.csv").write_text("headline,views\nعنوان,3\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("load", ["load_corpus", "iter_corpus"])
def test_every_file_skipped_is_a_clear_error_not_an_index_error(tmp_path, load):
    folder = _write_unreadable_folder(tmp_path / "archive")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(CorpusError) as error:
            if load == "load_corpus":
                tk.load_corpus(folder, errors="skip")
            else:
                list(tk.iter_corpus(folder, errors="skip", progress=False))
    assert isinstance(error.value, ValueError)
    message = str(error.value)
    assert message.startswith(f"{folder}: no documents loaded")
    assert "all 4 files were skipped" in message
    assert "photo.txt: binary content" in message
    assert "empty.jsonl: empty file: no documents" in message
    # a file whose every line is bad is not called empty
    assert "broken.jsonl: line 1 is not valid JSON" in message
    assert "broken.jsonl: no valid line: no documents" in message
    assert "table.csv: no text column" in message


def test_the_only_file_skipped_is_named(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps([1, 2]) + "\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(CorpusError, match="the only file was skipped") as error:
            tk.load_corpus(path, errors="skip")
    assert "news.jsonl: line 1 is a JSON list, not an object" in str(error.value)


def test_skipped_files_beside_a_good_one_still_load_it(tmp_path):
    folder = _write_unreadable_folder(tmp_path / "archive")
    (folder / "good.jsonl").write_text(
        json.dumps({"id": "1", "text": "زار كوخافي الرباط"}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    with pytest.warns(UserWarning, match="skipped"):
        corpus = tk.load_corpus(folder, errors="skip")
    assert corpus["text"].tolist() == ["زار كوخافي الرباط"]
    skipped = {item["path"].rsplit("/", 1)[-1] for item in corpus.attrs["load_report"]["skipped"]}
    assert skipped == {"photo.txt", "empty.jsonl", "broken.jsonl", "table.csv"}


# --------------------------------------------------------------------------- n_jobs=0

CORPUS = pd.DataFrame(
    {
        "doc_id": ["a", "b"],
        "date": pd.to_datetime(["2022-07-11", "2022-07-12"]),
        "text": ["زار كوخافي الرباط في 11 يوليو 2022.", "وقال الوزير إن المغرب يرحب بالزيارة."],
    }
)
ENTITIES = pd.DataFrame(
    {
        "doc_id": ["a", "a", "b"],
        "sent_id": [0, 0, 0],
        "start": [4, 11, 15],
        "end": [10, 17, 21],
        "text": ["كوخافي", "الرباط", "المغرب"],
        "label": ["PER", "LOC", "LOC"],
        "canonical": ["كوخافي", "الرباط", "المغرب"],
    }
)
#: Arguments other than data and n_jobs that a function needs (given by keyword).
NEEDED = {
    "keyness": {"target": "a"},
    "kwic": {"query": "المغرب"},
    "dictionary_counts": {"dictionary": {"places": ["الرباط", "المغرب"]}},
}
TAKES_N_JOBS = sorted(
    name for name in tk.__all__ if "n_jobs" in inspect.signature(getattr(tk, name)).parameters
)


def test_the_main_analyses_take_n_jobs():
    assert {"term_frequencies", "extract_dates", "extract_entities", "collocations"} <= set(
        TAKES_N_JOBS
    )


@pytest.mark.parametrize("name", TAKES_N_JOBS)
def test_n_jobs_zero_is_refused_everywhere(name, tmp_path):
    function = getattr(tk, name)
    if name == "run_report":
        # argument errors of a report come as a ReportError (the CLI prints it), same text
        with pytest.raises(ReportError, match="n_jobs=0 runs nothing"):
            function("seeds", out=tmp_path, n_jobs=0, progress=False)
        return
    data = ENTITIES if name.startswith("cooccurrence") else CORPUS
    with pytest.raises(ValueError, match="n_jobs=0 runs nothing: use 1"):
        function(data, n_jobs=0, **NEEDED.get(name, {}))


@pytest.mark.parametrize("name", ["term_frequencies", "extract_dates"])
def test_n_jobs_one_and_minus_one_are_accepted(name):
    # the check refuses 0 only: 1 (serial) and -1 (all cores) give the same table
    function = getattr(tk, name)
    pd.testing.assert_frame_equal(function(CORPUS, n_jobs=1), function(CORPUS, n_jobs=-1))


def test_report_command_refuses_n_jobs_zero_before_running_anything(tmp_path, capsys):
    assert main(["report", "seeds", "--n-jobs", "0", "--out", str(tmp_path / "out")]) == 1
    assert "n_jobs=0 runs nothing" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()

"""A streamed corpus parsed on the workers (n_jobs=2) gives what it gives in the calling process."""

from __future__ import annotations

import gzip
import json
import warnings
from dataclasses import asdict
from itertools import islice

import pandas as pd
import pytest

import toolkit as tk
from tests.conftest import shared_data
from toolkit.corpus import CorpusError
from toolkit.parallel import map_chunks


def _same(chunk: pd.DataFrame) -> pd.DataFrame:
    return chunk


def _write(path, lines: list) -> None:
    text = "".join((line if isinstance(line, str) else json.dumps(line, ensure_ascii=False))
                   + "\n" for line in lines)  # fmt: skip
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(text.encode("utf-8")))
    else:
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def awkward(tmp_path, seed_text):
    """Two files: ids repeated across chunks, a bad line, a blank line, an unparseable
    date, empty texts, a file with no valid line."""
    words = seed_text.split()
    folder = tmp_path / "news"
    folder.mkdir()
    rows = [{"id": f"a{i}", "text": " ".join(words[i * 7 : i * 7 + 12]),
             "date": f"2015-07-2{i % 9}"} for i in range(14)]  # fmt: skip
    rows[2]["id"] = "a0"  # repeated within the first chunk
    rows[8]["id"] = "a1"  # repeated in a later chunk
    rows[5]["date"] = "yesterday-ish"
    rows[6]["text"] = ""
    rows[11]["text"] = "   "
    lines = [*rows[:4], "{not json", "", *rows[4:]]
    _write(folder / "a.jsonl", lines)
    _write(folder / "b.jsonl.gz", [{"id": "a1", "text": "المغرب يرحب"}, [1, 2], *rows[:3]])
    _write(folder / "c.jsonl", ["[1]", "{bad"])
    return folder


def _run(folder, n_jobs: int, **options):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        stream = tk.iter_corpus(folder, chunksize=3, progress=False, **options)
        if n_jobs == 0:  # plain iteration, no map_chunks
            frames = list(stream)
        else:
            frames = list(map_chunks(_same, stream, n_jobs=n_jobs, progress=False))
    messages = [str(w.message) for w in caught if issubclass(w.category, UserWarning)]
    return frames, asdict(stream.report), messages


def test_stream_parsed_on_workers_gives_the_same_chunks_report_and_warnings(awkward):
    frames, report, messages = _run(awkward, 0, errors="skip")
    assert [len(frame) for frame in frames][:3] == [3, 2, 3]  # the bad line left a chunk short
    corpus = pd.concat(frames, ignore_index=True)
    assert corpus["doc_id"].is_unique
    assert {"a:a1", "a:3", "a:11", "b:a1", "b:4"} <= set(corpus["doc_id"])  # repeats renamed
    assert report["documents"] == len(corpus) == 14 + 4
    assert {item["id"] for item in report["duplicate_ids"]} == {"a0", "a1"}
    assert [item["value"] for item in report["unparsed_dates"]] == ["yesterday-ish"]
    assert len(report["empty_texts"]) == 2 and report["files"] == 3
    assert any("c.jsonl" in item["path"] and "no valid line" in item["reason"]
               for item in report["skipped"])  # fmt: skip
    assert any("unparseable date 'yesterday-ish'" in message for message in messages)
    assert any("duplicate document ids renamed" in message for message in messages)
    for n_jobs in (1, 2):
        other_frames, other_report, other_messages = _run(awkward, n_jobs, errors="skip")
        assert len(other_frames) == len(frames)
        for frame, other in zip(frames, other_frames, strict=True):
            pd.testing.assert_frame_equal(frame, other)
        assert other_report == report
        assert other_messages == messages
    pd.testing.assert_frame_equal(corpus, tk.load_corpus(awkward, errors="skip", progress=False))


def test_stream_errors_are_raised_in_order_whatever_n_jobs(awkward):
    for n_jobs in (0, 1, 2):
        with pytest.raises(CorpusError, match=r"a\.jsonl: line 5 is not valid JSON"):
            _run(awkward, n_jobs)
    stream = tk.iter_corpus(awkward, chunksize=3, progress=False)
    assert len(next(stream)) == 3
    with pytest.raises(CorpusError):
        next(stream)
    assert list(stream) == []  # as a generator, the stream ends with its error


def test_a_file_skipped_part_way_drops_its_later_chunks_whatever_n_jobs(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    rows = [{"id": i, "text": f"خبر رقم {i}"} for i in range(6)]
    # the third chunk has no text column: the file is skipped from there on (a fourth chunk,
    # and the fifth's first row), the next file's rows are kept
    _write(folder / "a.jsonl", [*rows, *({"id": i, "body_x": "بلا نص"} for i in range(6, 13))])
    _write(folder / "b.jsonl", rows[:2])
    results = [_run(folder, n_jobs, errors="skip") for n_jobs in (0, 1, 2)]
    frames, report, _ = results[0]
    expected = ["a:0", "a:1", "a:2", "a:3", "a:4", "a:5", "b:0", "b:1"]
    assert pd.concat(frames)["doc_id"].tolist() == expected
    assert [item["reason"] for item in report["skipped"]] == ["no text column recognised among "
                                                              "columns ['id', 'body_x']; pass "
                                                              "text_column=..."]  # fmt: skip
    for other_frames, other_report, _ in results[1:]:
        assert other_report == report
        pd.testing.assert_frame_equal(pd.concat(other_frames), pd.concat(frames))


def test_ids_repeated_across_files_are_refused_whatever_n_jobs(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    _write(folder / "a.jsonl", [{"id": i, "text": "المغرب يرحب"} for i in range(4)])
    _write(folder / "a.jsonl.gz", [{"id": 3, "text": "المغرب"}])
    for n_jobs in (1, 2):
        with pytest.raises(ValueError, match=r"chunk 1 repeats 1 doc_id\(s\), first 'a:3'"):
            tk.term_frequencies(tk.iter_corpus(folder, chunksize=3, progress=False), n_jobs=n_jobs)


def test_analyses_of_a_stream_do_not_depend_on_n_jobs(tmp_path):
    source = shared_data("news/saudinewsnet-2015.jsonl.gz")
    with gzip.open(source, "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in islice(lines, 400)]
    rows[250]["id"] = rows[10]["id"]  # a repeated id in a later chunk: loaded again in order
    path = tmp_path / "news.jsonl"
    _write(path, [*rows[:120], "{bad", *rows[120:]])
    for analysis in (tk.term_frequencies, tk.extract_dates):
        tables = []
        for n_jobs in (1, 2):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                stream = tk.iter_corpus(path, chunksize=50, progress=False, errors="skip")
                tables.append(analysis(stream, n_jobs=n_jobs, progress=False))
        assert len(tables[0]) > 100
        pd.testing.assert_frame_equal(tables[0], tables[1])


def test_utf8_lines_are_cut_and_skipped_as_in_text_mode(tmp_path):
    import io

    from toolkit.corpus.readers import jsonl_lines

    text = '\ufeff{"text": "أ"}\r\n\xa0 \n{"text": "ب"}\r{"text": "ج"}\n\n\u2028{"text": "د"}\r'
    path = tmp_path / "x.jsonl"
    path.write_bytes(text.encode("utf-8"))
    with io.TextIOWrapper(io.BytesIO(text.encode()), encoding="utf-8-sig", newline="") as lines:
        expected = [(number, line) for number, line in enumerate(lines, 1) if line.strip()]
    found = [(number, line.decode()) for (number, line), _ in jsonl_lines(path, None)]
    assert found == expected
    assert [number for number, _ in found] == [1, 3, 4, 6]
    with pytest.warns(UserWarning, match=r"line 6 is not valid JSON"):
        corpus = tk.load_corpus(path, errors="skip", progress=False)
    assert corpus["text"].tolist() == ["أ", "ب", "ج"]
    assert corpus["encoding"].unique().tolist() == ["utf-8-sig"]


def test_gzip_members_padding_and_damage(tmp_path, seed_text):
    """A gzip file of several members with zero padding reads whole; a damaged or cut one
    fails naming the file, whatever its format (the decompressor checks each member's CRC
    and its deflate blocks)."""
    words = seed_text.split()
    lines = "".join(json.dumps({"id": str(i), "text": " ".join(words[i : i + 9])},
                               ensure_ascii=False) + "\n" for i in range(300))  # fmt: skip
    data = lines.encode("utf-8")
    half = data.index(b"\n", len(data) // 2) + 1
    good = tmp_path / "good.jsonl.gz"
    good.write_bytes(gzip.compress(data[:half]) + gzip.compress(data[half:]) + b"\0" * 64)
    corpus = tk.load_corpus(good)
    assert corpus["text"].tolist() == [" ".join(words[i : i + 9]) for i in range(300)]
    whole = gzip.compress(data)
    damaged = bytearray(whole)
    damaged[-6] ^= 0xFF  # the stored CRC
    block = bytearray(whole)
    block[10] = 0x07  # the first deflate block's type: 3, which does not exist
    cases = {"crc.jsonl.gz": bytes(damaged), "cut.jsonl.gz": whole[: len(whole) // 2],
             "block.jsonl.gz": bytes(block), "block.txt.gz": bytes(block),
             "block.csv.gz": bytes(block)}  # fmt: skip
    # a table cut past the first megabyte (which is read alone, to find the encoding)
    table = gzip.compress(("text\n" + f"{seed_text[:200]}\n" * 15_000).encode("utf-8"))
    cases["cut.csv.gz"] = table[: len(table) // 2]
    for name, content in cases.items():
        (tmp_path / name).write_bytes(content)
        with pytest.raises(CorpusError, match=rf"{name.replace('.', '[.]')}: cannot read file"):
            tk.load_corpus(tmp_path / name)

"""Loading corpora: formats, encodings, metadata, dates and bad input."""

from __future__ import annotations

import gzip
import json

import pandas as pd
import pytest

import toolkit as tk
from toolkit.corpus import CorpusError

from .conftest import SEEDS, shared_data

ARTICLE = "زار رئيس أركان الجيش الإسرائيلي أفيف كوخافي الرباط، والتقى عبد اللطيف لوديي."
SECOND = "وقع بيني غانتس مذكرة تفاهم مع المغرب يوم 24 نونبر 2021."


def test_seed_folder_loads_with_sidecar_metadata():
    corpus = tk.load_corpus("seeds")
    assert len(corpus) == 1
    row = corpus.iloc[0]
    assert row.doc_id == "kochavi-rabat-visit"
    assert row.source == "Moroccan press" and row.language == "ar"
    assert pd.isna(row.date)  # the article does not state its publication date
    assert pd.isna(row.title)  # the original article has no headline
    assert row.text == (SEEDS / "kochavi-rabat-visit.txt").read_text(encoding="utf-8")
    assert row.text.startswith("في أول زيارة له الى المغرب") and row.encoding == "utf-8"
    assert list(corpus.columns[:7]) == tk.corpus.CORPUS_COLUMNS
    assert corpus.attrs["load_report"]["documents"] == 1


@pytest.mark.parametrize(
    ("encoding", "recorded"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-bom"),
        ("utf-16", "utf-16"),
        ("cp1256", "cp1256"),
        ("iso8859_6", "iso8859_6"),
    ],
)
def test_encodings_are_detected_and_recorded(tmp_path, encoding, recorded):
    text = ARTICLE.replace("،", ",") if encoding == "iso8859_6" else ARTICLE
    (tmp_path / "article.txt").write_bytes(text.encode(encoding))
    corpus = tk.load_corpus(tmp_path)
    assert corpus.loc[0, "text"] == text
    assert corpus.loc[0, "encoding"] == recorded


def test_text_is_nfc_normalised_and_otherwise_unchanged(tmp_path):
    decomposed = "آذار".replace("آ", "\u0627\u0653") + " ـ تَجرِبة"
    (tmp_path / "a.txt").write_text(decomposed, encoding="utf-8")
    text = tk.load_corpus(tmp_path).loc[0, "text"]
    assert text.startswith("آذار")  # composed alef madda
    assert "ـ تَجرِبة" in text  # tatweel and harakat are kept at load time


def test_gzip_jsonl_with_missing_fields(tmp_path):
    rows = [
        {"id": "a1", "content": ARTICLE, "published": "2022-07-11", "site": "hespress"},
        {"id": "a2", "content": SECOND},
        {"id": "a3", "published": "2022-07-12"},
    ]
    path = tmp_path / "news.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        stream.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    with pytest.warns(UserWarning, match="empty text"):
        corpus = tk.load_corpus(path)
    assert corpus.doc_id.tolist() == ["news:a1", "news:a2", "news:a3"]
    assert corpus.loc[0, "date"] == pd.Timestamp("2022-07-11")
    assert pd.isna(corpus.loc[1, "date"]) and pd.isna(corpus.loc[1, "source"])
    assert corpus.loc[2, "text"] == ""
    assert corpus.attrs["load_report"]["empty_texts"] == ["news:a3"]


def test_csv_with_odd_column_names_and_day_first_dates(tmp_path):
    frame = pd.DataFrame(
        {
            " Headline ": ["كوخافي في الرباط", "غانتس في الرباط"],
            "Article-Body": [ARTICLE, SECOND],
            "Published_At": ["24/11/2021", "11-07-2022 10:30"],
            "Newspaper": ["هسبريس", "اليوم 24"],
            "section": ["سياسة", "سياسة"],
        }
    )
    path = tmp_path / "press.csv"
    frame.to_csv(path, index=False, encoding="cp1256")
    corpus = tk.load_corpus(path)
    assert corpus.text.tolist() == [ARTICLE, SECOND]
    assert corpus.title.tolist() == ["كوخافي في الرباط", "غانتس في الرباط"]
    assert corpus.date.tolist() == [pd.Timestamp("2021-11-24"), pd.Timestamp("2022-07-11 10:30")]
    assert corpus.source.tolist() == ["هسبريس", "اليوم 24"]
    assert corpus.section.tolist() == ["سياسة", "سياسة"]  # other metadata kept
    assert set(corpus.encoding) == {"cp1256"}


def test_tsv_json_parquet_and_explicit_columns(tmp_path):
    pd.DataFrame({"نص": [ARTICLE], "when": ["2022-07-11"]}).to_csv(
        tmp_path / "a.tsv", sep="\t", index=False
    )
    (tmp_path / "b.json").write_text(
        json.dumps({"articles": [{"body": SECOND, "date": "2021-11-24T09:00:00+01:00"}]}),
        encoding="utf-8",
    )
    pd.DataFrame({"story": [ARTICLE, SECOND]}).to_parquet(tmp_path / "c.parquet")
    corpus = tk.load_corpus(tmp_path, date_column=None)
    assert len(corpus) == 4
    b = corpus[corpus.doc_id == "b:1"].iloc[0]
    assert b.date == pd.Timestamp("2021-11-24 08:00")  # converted to UTC
    explicit = tk.load_corpus(tmp_path / "a.tsv", date_column="when")
    assert explicit.loc[0, "date"] == pd.Timestamp("2022-07-11")


def test_doc_ids_are_stable_across_runs(tmp_path):
    for name, text in (("one.txt", ARTICLE), ("sub/two.md", SECOND)):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    first = tk.load_corpus(tmp_path).doc_id.tolist()
    assert first == ["one", "sub/two"]
    assert tk.load_corpus(tmp_path).doc_id.tolist() == first


def test_list_of_paths_and_glob(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SECOND, encoding="utf-8")
    (tmp_path / "c.md").write_text(SECOND, encoding="utf-8")
    assert len(tk.load_corpus([tmp_path / "a.txt", tmp_path / "b.txt"])) == 2
    assert tk.load_corpus(tmp_path, glob="*.md").doc_id.tolist() == ["c"]


def test_missing_path_is_named():
    with pytest.raises(CorpusError, match="no-such-folder: no such file or directory"):
        tk.load_corpus("no-such-folder")


def test_binary_file_error_names_file_and_offset(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(CorpusError, match=r"image\.txt: binary content \(NUL byte at offset 8\)"):
        tk.load_corpus(path)


def test_binary_file_is_skipped_and_reported_with_errors_skip(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.warns(UserWarning, match="skipped .*image.txt"):
        corpus = tk.load_corpus(tmp_path, errors="skip")
    assert corpus.doc_id.tolist() == ["good"]
    (skipped,) = corpus.attrs["load_report"]["skipped"]
    assert skipped["path"].endswith("image.txt") and "offset 8" in skipped["reason"]


def test_table_without_text_column_lists_columns(tmp_path):
    path = tmp_path / "meta.csv"
    pd.DataFrame({"headline": ["عنوان"], "views": [3]}).to_csv(path, index=False)
    with pytest.raises(CorpusError, match=r"meta\.csv: no text column .*\['headline', 'views'\]"):
        tk.load_corpus(path)


def test_malformed_jsonl_line_is_named(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "مرحبا"}\n{"text": \n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"bad\.jsonl: line 2 is not valid JSON"):
        tk.load_corpus(path)
    with pytest.warns(UserWarning, match="line 2"):
        corpus = tk.load_corpus(path, errors="skip")
    assert corpus.text.tolist() == ["مرحبا"]


def test_empty_file_is_reported(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.jsonl").write_bytes(b"")
    with pytest.warns(UserWarning, match="empty file"):
        corpus = tk.load_corpus(tmp_path)
    assert len(corpus) == 1
    assert corpus.attrs["load_report"]["skipped"][0]["reason"] == "empty file: no documents"


def test_unparseable_date_becomes_nat_with_warning_naming_document(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text(
        json.dumps({"id": 7, "text": ARTICLE, "date": "sometime soon"}) + "\n", encoding="utf-8"
    )
    with pytest.warns(UserWarning, match="d:7: unparseable date 'sometime soon'"):
        corpus = tk.load_corpus(path)
    assert pd.isna(corpus.loc[0, "date"])
    assert corpus.attrs["load_report"]["unparsed_dates"] == [
        {"doc_id": "d:7", "value": "sometime soon"}
    ]


def test_unsupported_files_in_folder_are_reported(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    with pytest.warns(UserWarning, match="unsupported file type '.docx'"):
        corpus = tk.load_corpus(tmp_path)
    assert len(corpus) == 1


def test_iter_corpus_streams_bounded_chunks(tmp_path):
    path = tmp_path / "many.jsonl"
    rows = [{"id": i, "text": f"{ARTICLE} {i}"} for i in range(25)]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    chunks = list(tk.iter_corpus(path, chunksize=10, progress=False))
    assert [len(c) for c in chunks] == [10, 10, 5]
    streamed = pd.concat(chunks, ignore_index=True)
    pd.testing.assert_frame_equal(streamed, tk.load_corpus(path))


def test_saudinewsnet_loads_all_documents_with_dates():
    path = shared_data("news/saudinewsnet-2015.jsonl.gz")
    with pytest.warns(UserWarning, match="354 documents have empty text"):
        corpus = tk.load_corpus(path)
    assert len(corpus) == 31_030
    assert corpus.doc_id.is_unique
    assert corpus.date.notna().all()
    assert corpus.date.min() == pd.Timestamp("2015-07-21")
    assert corpus.date.max() == pd.Timestamp("2015-08-11")
    assert corpus.source.nunique() == 14

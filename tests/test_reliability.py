"""Regression tests of issue 15: one bad document never sinks a corpus, every misuse gets a
clear answer, figures and HTML stay sane under hostile text, caches are bounded."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import warnings
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from PIL import Image

import toolkit as tk
from toolkit import plot
from toolkit.__main__ import main
from toolkit.corpus import CorpusError, check_source
from toolkit.report_html import finish_report_html

ROOT = Path(__file__).resolve().parents[1]
SEED_NAME = "kochavi-rabat-visit.txt"


@pytest.fixture(scope="module")
def seed_file() -> Path:
    """The original seed article in ../shared/seeds (worktrees: one level further up)."""
    for base in (ROOT.parent, ROOT.parent.parent):
        path = base / "shared" / "seeds" / SEED_NAME
        if path.exists():
            return path
    return ROOT / "seeds" / SEED_NAME


@pytest.fixture(scope="module")
def seed(seed_file: Path) -> str:
    return seed_file.read_text(encoding="utf-8")


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    return path


# --------------------------------------------------------------------------- loading


def test_out_of_range_dates_never_sink_the_load(tmp_path):
    values = ["1500-01-01", "2300-01-01", "0001-01-01", "-5", "2022-07-11"]
    source = _jsonl(tmp_path / "d.jsonl", [{"text": "نص", "date": v} for v in values])
    with pytest.warns(UserWarning) as caught:
        corpus = tk.load_corpus(source, errors="skip")
    assert corpus["date"].dtype == "datetime64[s]"
    assert corpus["date"].dt.year.tolist()[:2] == [1500, 2300]  # held exactly, not NaT
    assert corpus["date"].isna().tolist() == [False, False, True, True, False]
    messages = " ".join(str(w.message) for w in caught)
    assert "d:3: unparseable date '0001-01-01'" in messages and "d:4" in messages
    unparsed = corpus.attrs["load_report"]["unparsed_dates"]
    assert [u["value"] for u in unparsed] == ["0001-01-01", "-5"]
    # the streamed path and the analyses downstream cope with the wide range
    with pytest.warns(UserWarning, match="unparseable date"):
        chunks = list(tk.iter_corpus(source, chunksize=2, progress=False))
    assert sum(map(len, chunks)) == 5
    with pytest.warns(UserWarning, match="2 of 5 documents have no 'date' value"):
        freqs = tk.term_frequencies(corpus, by=pd.Grouper(key="date", freq="YS"))
    assert freqs["date"].dt.year.tolist() == [1500, 2022, 2300]


def _bad_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    whole = gzip.compress("زار كوخافي الرباط".encode() * 200)
    (folder / "cut.txt.gz").write_bytes(whole[: len(whole) // 2])
    (folder / "meta.csv").write_text("headline,views\nعنوان,3\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("load", ["load_corpus", "iter_corpus"])
def test_a_load_where_everything_is_skipped_says_what_and_why(tmp_path, load):
    folder = _bad_folder(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(CorpusError, match="no documents loaded; 3 skipped") as error:
            if load == "load_corpus":
                tk.load_corpus(folder, errors="skip")
            else:
                list(tk.iter_corpus(folder, errors="skip", progress=False))
    message = str(error.value)
    assert "image.txt: binary content" in message
    assert "cut.txt.gz: cannot read file" in message
    assert "meta.csv: no text column" in message


def test_utf16_without_bom_is_read(tmp_path, seed):
    (tmp_path / "le.txt").write_bytes(seed.encode("utf-16-le"))
    (tmp_path / "be.txt").write_bytes(seed.encode("utf-16-be"))
    _jsonl(tmp_path / "tmp.jsonl", [{"text": seed[:300]}, {"text": "المغرب"}])
    (tmp_path / "lines.jsonl").write_bytes((tmp_path / "tmp.jsonl").read_text().encode("utf-16-le"))
    (tmp_path / "tmp.jsonl").unlink()
    corpus = tk.load_corpus(tmp_path)
    assert dict(zip(corpus["doc_id"], corpus["encoding"], strict=True)) == {
        "be": "utf-16-be",
        "le": "utf-16-le",
        "lines:1": "utf-16-le",
        "lines:2": "utf-16-le",
    }
    assert corpus.set_index("doc_id").loc["le", "text"] == seed
    assert corpus.set_index("doc_id").loc["lines:2", "text"] == "المغرب"


def test_binary_content_suggests_utf16(tmp_path):
    (tmp_path / "x.txt").write_bytes(bytes(range(256)) * 8)
    with pytest.raises(CorpusError, match="maybe UTF-16 without BOM"):
        tk.load_corpus(tmp_path / "x.txt")


def test_duplicate_ids_are_recorded_and_warned_once(tmp_path):
    source = _jsonl(tmp_path / "dupids.jsonl", [{"id": "same", "text": "نص"}] * 3)
    with pytest.warns(UserWarning, match="2 duplicate document ids renamed") as caught:
        corpus = tk.load_corpus(source)
    assert sum("duplicate" in str(w.message) for w in caught) == 1
    assert corpus["doc_id"].tolist() == ["dupids:same", "dupids:2", "dupids:3"]
    assert corpus.attrs["load_report"]["duplicate_ids"] == [
        {"path": str(source), "id": "same", "doc_id": "dupids:2"},
        {"path": str(source), "id": "same", "doc_id": "dupids:3"},
    ]


def test_check_source_answers_in_a_second(tmp_path, seed_file):
    (tmp_path / "empty").mkdir()
    with pytest.raises(CorpusError, match="no corpus files found"):
        check_source(tmp_path / "empty")
    (tmp_path / "zero.txt").write_bytes(b"")
    with pytest.raises(CorpusError, match=r"zero\.txt: empty file \(0 bytes\)"):
        check_source(tmp_path / "zero.txt")
    folder = _bad_folder(tmp_path)
    with pytest.raises(CorpusError, match=r"cut\.txt\.gz: cannot read file"):
        check_source(folder)
    with pytest.raises(CorpusError, match="no documents loaded; 3 skipped"):
        check_source(folder, errors="skip")
    (folder / "good.txt").write_text(seed_file.read_text(encoding="utf-8"), encoding="utf-8")
    assert check_source(folder, errors="skip") == 4
    assert check_source(seed_file) == 1


# --------------------------------------------------------------------------- misuse


def test_an_existing_path_passed_as_text_points_to_load_corpus(seed_file):
    for analyse in (tk.term_frequencies, tk.tokenize, tk.extract_dates):
        with pytest.warns(UserWarning, match=r"load_corpus\("):
            analyse(str(seed_file))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        tk.term_frequencies("seeds")  # a bare word is text, even if a folder has that name


def test_dct_must_be_a_date():
    with pytest.raises(TypeError, match=r"dct must be a date.*got int 20220711"):
        tk.extract_dates("أمس", dct=20220711)
    with pytest.raises(ValueError, match="before year 1000"):
        tk.extract_dates("أمس", dct="0001-01-01")
    with pytest.raises(TypeError, match="dct"):
        tk.timeline("أمس", dct=20220711)
    assert tk.extract_dates("أمس", dct="2022-07-11")["value"].tolist() == ["2022-07-10"]
    early = tk.extract_dates("أمس", dct=dt.date(999, 3, 2))  # asked for explicitly
    assert early["start_date"].dt.year.tolist() == [999]


def _entities(text: str) -> pd.DataFrame:
    return tk.extract_entities(text)


BAD_CALLS = [
    (
        "kwic window=-3",
        lambda c: tk.kwic(c, query="المغرب", window=-3),
        ValueError,
        "window must be >= 0",
    ),
    ("n_jobs=0", lambda c: tk.term_frequencies(c, n_jobs=0), ValueError, "n_jobs=0"),
    ("n_jobs=-100", lambda c: tk.extract_dates(c, n_jobs=-100), ValueError, "no worker"),
    ("n_jobs=2.5", lambda c: tk.extract_entities(c, n_jobs=2.5), TypeError, "got float 2.5"),
    ("min_count=-5", lambda c: tk.term_frequencies(c, min_count=-5), ValueError, "min_count"),
    ("collocations", lambda c: tk.collocations(c, min_count=-5), ValueError, "min_count"),
    (
        "top=-1",
        lambda c: tk.cooccurrence_matrix(_entities(c.text[0]), top=-1),
        ValueError,
        "top must be >= 1; got -1",
    ),
    (
        "chunksize=1.5",
        lambda c: list(tk.iter_corpus("seeds", chunksize=1.5)),
        TypeError,
        "chunksize must be an integer",
    ),
    ("chunksize=0", lambda c: tk.extract_dates(c, chunksize=0), ValueError, "chunksize"),
    ("None", lambda c: tk.term_frequencies(None), TypeError, "data must be .*got NoneType"),
    ("ints", lambda c: tk.term_frequencies([1, 2]), TypeError, "item 0 is int 1"),
    (
        "all None",
        lambda c: tk.term_frequencies(c.assign(text=None)),
        ValueError,
        "all 1 texts are missing",
    ),
    ("entities", lambda c: tk.extract_entities([1, 2, None]), TypeError, "item 0 is int 1"),
    ("kwic None", lambda c: tk.kwic(c, query=None), TypeError, "query must be a string"),
    (
        "empty frame",
        lambda c: tk.cooccurrence(pd.DataFrame()),
        ValueError,
        r"entities DataFrame .*missing \['canonical'",
    ),
    ("bytes", lambda c: tk.tokenize(b"abc"), TypeError, "decode bytes"),
    (
        "int texts",
        lambda c: tk.extract_dates(c.assign(text=[7])),
        TypeError,
        "text must be a string",
    ),
]


@pytest.mark.parametrize(
    ("name", "call", "error", "message"), BAD_CALLS, ids=[b[0] for b in BAD_CALLS]
)
def test_misuse_gets_a_clear_error(seed, name, call, error, message):
    corpus = pd.DataFrame({"doc_id": ["seed"], "text": [seed[:400]]})
    with pytest.raises(error, match=message):
        call(corpus)


def test_lists_of_strings_and_partly_missing_texts_are_accepted():
    freqs = tk.term_frequencies(["زار كوخافي المغرب", "المغرب"])
    assert freqs.set_index("term").loc["المغرب", ["count", "doc_freq"]].tolist() == [2, 2]
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["المغرب", None]})
    assert tk.term_frequencies(corpus)["term"].tolist() == ["المغرب"]


def test_readme_tour_on_an_undated_corpus(seed):
    corpus = pd.DataFrame({"doc_id": ["seed"], "text": [seed], "date": [pd.NaT]})
    with pytest.warns(UserWarning, match="1 of 1 documents have no 'date' value"):
        weekly = tk.term_frequencies(corpus, by=pd.Grouper(key="date", freq="W"))
    assert weekly.empty and list(weekly.columns)[:2] == ["date", "term"]
    with pytest.raises(ValueError, match="is empty: nothing to plot"):
        plot.trends(weekly, terms=["المغرب"])


# --------------------------------------------------------------------------- figures, HTML


def test_a_huge_token_gives_a_figure_of_sane_width(tmp_path):
    freqs = pd.DataFrame({"term": ["ب" * 5000, "المغرب", "x" * 1000], "count": [5, 3, 2]})
    ax = plot.terms(freqs)
    ax.figure.savefig(tmp_path / "terms.png", dpi=100)
    width, _ = Image.open(tmp_path / "terms.png").size
    assert width <= 1000
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert max(map(len, labels)) == plot_label_chars() and labels[-1].endswith("…")
    graph_ax = plot.network(pd.DataFrame({"source": ["ب" * 5000], "target": ["المغرب"],
                                          "weight": [1]}))  # fmt: skip
    assert max(len(t.get_text()) for t in graph_ax.texts) <= plot_label_chars()
    cloud = plot.build_wordcloud(freqs) if hasattr(plot, "build_wordcloud") else None
    svg = plot.wordcloud_svg(freqs, embed_font=False)
    assert "ب" * 100 not in svg and (cloud is None or len(cloud.layout_) == 3)


def plot_label_chars() -> int:
    from toolkit.plot._style import LABEL_CHARS

    return LABEL_CHARS


@pytest.mark.parametrize(
    "payload",
    [
        '<svg><a><animate attributeName="href" values="javascript:alert(1)"/></a></svg>',
        '<svg><set attributeName="xlink:href" to="javascript:alert(1)"/></svg>',
        '<svg><animate attributeName="x" values="0;&#x6A;avascript:alert(1)"/></svg>',
        "<style>@import url(https://evil.example/x.css); p{color:red}</style>",
        '<style>@\\69mport "https://evil.example/x.css";</style>',
        "<style>p{background:u\\72l(https://evil.example/p.png)}</style>",
        '<p style="background:url(https://evil.example/p.png)">x</p>',
    ],
)
def test_sanitiser_strips_svg_animation_and_css_fetches(payload):
    out = finish_report_html(f"<html><head></head><body>{payload}</body></html>")
    soup = BeautifulSoup(out, "html.parser")
    assert "javascript" not in out.lower() and "evil.example" not in out
    assert not soup.find_all(["animate", "set"])
    assert soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"}) is not None


def test_sanitiser_keeps_harmless_animation_and_embedded_fonts():
    css = "@font-face{src:url(data:font/woff2;base64,AAAA)} p{color:red}"
    html = f'<style>{css}</style><svg><animate attributeName="x" values="0;10"/></svg>'
    out = finish_report_html(html)
    assert css in out and "<animate" in out


# --------------------------------------------------------------------------- caches


def test_per_word_caches_are_bounded():
    from toolkit.entities import gazetteers
    from toolkit.entities.decoding import CACHE_WORDS, CrfDecoder
    from toolkit.text import forms, lexicon, stem

    assert lexicon.match_key.cache_info().maxsize == lexicon.MATCH_CACHE
    assert stem.light_stem.cache_info().maxsize == stem.STEM_CACHE
    assert forms.key.cache_info().maxsize == forms.KEY_CACHE
    for memo in (gazetteers._entries_from, gazetteers._multiword_entries_from):
        assert memo.cache_info().maxsize == gazetteers.ENTRY_CACHE
    decoder = CrfDecoder.from_model()
    assert decoder._words.size == CACHE_WORDS
    assert not decoder.weights.flags.writeable
    with pytest.raises(ValueError, match="read-only"):
        decoder.weights[0, 0] = 1.0


# --------------------------------------------------------------------------- command line


def test_summary_refuses_top_n_zero_and_negatives(capsys):
    for value in ("0", "-3"):
        with pytest.raises(SystemExit) as exit_info:
            main(["summary", "--top-n", value])
        assert exit_info.value.code == 2
        assert "--top-n: must be at least 1" in capsys.readouterr().err


def test_summary_skips_bad_files_on_request(tmp_path, seed_file, capsys):
    folder = _bad_folder(tmp_path)
    assert main(["summary", str(folder)]) == 1
    assert "cut.txt.gz: cannot read file" in capsys.readouterr().err
    (folder / "good.txt").write_text(seed_file.read_text(encoding="utf-8"), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert main(["summary", str(folder), "--errors", "skip", "--top-n", "3"]) == 0
    out = capsys.readouterr().out
    assert "documents: 1 (0 dated)" in out and "المغرب" in out


def test_report_checks_its_input_before_any_kernel(tmp_path, capsys):
    (tmp_path / "zero.txt").write_bytes(b"")
    out = tmp_path / "reports"
    code = main(["report", str(tmp_path / "zero.txt"), "--out", str(out), "--quiet"])
    assert code == 1
    assert "zero.txt: empty file (0 bytes)" in capsys.readouterr().err
    assert not out.exists()
    with pytest.raises(SystemExit):
        main(["report", "--top-n", "0"])

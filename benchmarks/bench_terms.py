"""Speed of term counting: toolkit vs camel-tools, pyarabic, scikit-learn and a str.split floor.

Every contender does normalise + tokenise + stop words + counting over the
same texts, on one core, in the same run; throughput is in MB of UTF-8 text
per second of CPU time (robust when other jobs share the machine) and of
wall-clock time, plus million characters per CPU second. The n_jobs=2 row
uses two processes: its CPU time is the parent's plus the workers', and its
MB/s figures are per wall-clock second. Run from the repository root, in an
environment with the ``bench`` extra::

    PYTHONPATH=. python benchmarks/bench_terms.py [--limit N] [--only NAME ...] [PATH]

``--only`` runs the contenders whose name contains one of the given strings
(e.g. ``--only floor toolkit``).

Peers that are not installed are reported as skipped. camel-tools 1.6
requires torch and transformers, which the utilities used here
(``dediac_ar``, ``normalize_alef_ar``, ``normalize_alef_maksura_ar``,
``simple_word_tokenize``) never import, so it is not in the ``bench`` extra;
set up a separate environment instead of pulling a multi-GB torch::

    python3 -m venv /work/venv-bench
    /work/venv-bench/bin/pip install pandas numpy scipy tqdm regex six emoji \
        pyarrow scikit-learn pyarabic psutil
    /work/venv-bench/bin/pip install --no-deps camel-tools
    PYTHONPATH=. /work/venv-bench/bin/python benchmarks/bench_terms.py
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import resource
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from toolkit.terms import term_frequencies
from toolkit.text.normalize import normalize
from toolkit.text.stopwords import stopword_set

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "news"
DEFAULT = DEFAULT / "saudinewsnet-2015.jsonl.gz"
STOP = stopword_set()


def load(path: Path, limit: int | None) -> pd.DataFrame:
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if limit is not None and len(rows) >= limit:
                break
            record = json.loads(line)
            rows.append({"doc_id": str(record["id"]), "text": record["text"] or ""})
    return pd.DataFrame(rows)


def floor(texts: list[str]) -> Counter:
    counts: Counter = Counter()
    for text in texts:
        counts.update(text.split())
    return counts


def camel(texts: list[str]) -> Counter:
    from camel_tools.tokenizers.word import simple_word_tokenize
    from camel_tools.utils.dediac import dediac_ar
    from camel_tools.utils.normalize import normalize_alef_ar, normalize_alef_maksura_ar

    counts: Counter = Counter()
    for text in texts:
        text = normalize_alef_maksura_ar(normalize_alef_ar(dediac_ar(text)))
        counts.update(t for t in simple_word_tokenize(text) if t.isalpha() and t not in STOP)
    return counts


def pyarabic(texts: list[str]) -> Counter:
    from pyarabic import araby

    counts: Counter = Counter()
    for text in texts:
        text = araby.normalize_hamza(araby.strip_tatweel(araby.strip_tashkeel(text)))
        counts.update(t for t in araby.tokenize(text) if t.isalpha() and t not in STOP)
    return counts


def count_vectorizer(texts: list[str]) -> Counter:
    from sklearn.feature_extraction.text import CountVectorizer

    table = str.maketrans({**dict.fromkeys("أإآ", "ا"), "ى": "ي"})
    diacritics = re.compile("[\u064b-\u0652\u0640]")
    vectorizer = CountVectorizer(
        token_pattern=r"(?u)[\u0621-\u064A]{2,}",
        preprocessor=lambda text: diacritics.sub("", text).translate(table),
        stop_words=sorted({normalize(word) for word in STOP}),
    )
    matrix = vectorizer.fit_transform(texts)
    totals = matrix.sum(axis=0).A1
    return Counter(dict(zip(vectorizer.get_feature_names_out(), totals, strict=True)))


def toolkit_norm(corpus: pd.DataFrame) -> pd.DataFrame:
    return term_frequencies(corpus, form="norm", progress=False)


def toolkit_term(corpus: pd.DataFrame) -> pd.DataFrame:
    return term_frequencies(corpus, form="term", progress=False)


def toolkit_term_2(corpus: pd.DataFrame) -> pd.DataFrame:
    return term_frequencies(corpus, form="term", n_jobs=2, progress=False)


def toolkit_bigrams(corpus: pd.DataFrame) -> pd.DataFrame:
    return term_frequencies(corpus, form="term", ngram=2, progress=False)


def _cpu() -> float:
    """CPU seconds of this process and of its finished child processes (the workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(func: Callable, data) -> tuple[float | None, float | None, str]:
    try:
        wall, cpu = time.perf_counter(), _cpu()
        result = func(data)
        return _cpu() - cpu, time.perf_counter() - wall, f"{len(result):,} types"
    except ImportError as error:
        return None, None, f"skipped ({error.name} not installed)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--only", nargs="+", default=None, help="contenders whose name has one")
    args = parser.parse_args()
    corpus = load(args.path, args.limit)
    texts = corpus["text"].tolist()
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    mchars = sum(map(len, texts)) / 1e6
    print(f"{len(texts):,} articles, {megabytes:.1f} MB UTF-8, {mchars:.1f} M characters\n")
    normalize("warm up")
    term_frequencies("تحميل القوائم", progress=False)  # loads the stop-word and word lists once
    contenders = [
        ("str.split + Counter (floor)", floor, texts),
        ("camel-tools", camel, texts),
        ("pyarabic", pyarabic, texts),
        ("scikit-learn CountVectorizer", count_vectorizer, texts),
        ("toolkit form='norm'", toolkit_norm, corpus),
        ("toolkit form='term' (clitics)", toolkit_term, corpus),
        ("toolkit form='term', n_jobs=2", toolkit_term_2, corpus),
        ("toolkit bigrams form='term'", toolkit_bigrams, corpus),
    ]
    if args.only:
        contenders = [c for c in contenders if any(part in c[0] for part in args.only)]
    print("| contender | CPU s | MB/s (CPU) | M chars/s (CPU) | wall s | MB/s (wall) | "
          "x camel-tools | x CountVectorizer | result |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|", flush=True)
    speed: dict[str, float] = {}
    for name, func, data in contenders:
        cpu, wall, note = timed(func, data)
        if cpu is None:
            print(f"| {name} | | | | | | | | {note} |", flush=True)
            continue
        parallel = "n_jobs" in name
        speed[name] = megabytes / (wall if parallel else cpu)
        ratios = [
            f"{speed[name] / speed[peer]:.1f}" if peer in speed else ""
            for peer in ("camel-tools", "scikit-learn CountVectorizer")
        ]
        cpu_cells = (f"{cpu:.1f}", "", "") if parallel else (
            f"{cpu:.1f}", f"{megabytes / cpu:.1f}", f"{mchars / cpu:.1f}")  # fmt: skip
        print(f"| {name} | {' | '.join(cpu_cells)} | {wall:.1f} | {megabytes / wall:.1f} | "
              f"{ratios[0]} | {ratios[1]} | {note} |", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()

"""Build the shipped news model of Arabic word forms (``toolkit/data/forms/word-forms.npz``).

Deterministic: the same corpora give the same file. Steps:

1. count every Arabic word (:func:`toolkit.text.forms.norm` form) in the
   titles and texts of ``../shared/data/news/*.jsonl.gz`` (all corpora);
2. estimate the prior of each proclitic sequence, for article hosts and
   others: over frequent hosts, (occurrences with those proclitics) /
   (free occurrences), leaving out the forms more frequent than their host,
   which are words of their own (لجنة is not ل + جنة);
3. decide ahead of time, with :class:`toolkit.text.forms.WordForms`, every
   form seen at least ``--resolve-min`` times that starts with a proclitic
   letter (two passes: the second knows which hosts are themselves
   clitic forms);
4. write words seen at least ``--min-count`` times with their counts and
   the decision of the resolved ones, as sorted numpy arrays (the format is
   in :func:`toolkit.text.forms.news_model`; the zip entries carry a fixed
   date, so the file is byte for byte the same).

    PYTHONPATH=. python scripts/build_word_forms.py
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import re
import zipfile
from collections import Counter
from pathlib import Path

import numpy as np

from toolkit.text.clitics import blocked_hosts, function_words
from toolkit.text.forms import (
    ARTICLE,
    CONJUNCTIONS,
    PROCLITICS,
    SETTINGS,
    UNDECIDED,
    WordForms,
    attach,
    decode_word,
    encode_words,
    host_code,
    host_of_code,
    norm,
    readings,
)

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "data" / "news"
OUT = ROOT / "toolkit" / "data" / "forms" / "word-forms.npz"
WORD = re.compile(r"[\u0621-\u063A\u0641-\u064A]+")
#: Hosts seen this often take part in the prior estimates.
PRIOR_HOST_MIN = 100


def count_words(paths: list[Path]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                text = (record.get("title") or "") + "\n" + (record.get("text") or "")
                counts.update(WORD.findall(norm(text)))
    return counts


def estimate_priors(counts: Counter[str]) -> dict[tuple[str, bool], float]:
    """Median ratio of proclitic-attached to free occurrences, per sequence and host kind."""
    hosts = [w for w, c in counts.items() if c >= PRIOR_HOST_MIN and w[0] not in CONJUNCTIONS]
    priors = {}
    for prefix in PROCLITICS:
        for article in (True, False):
            attached = free = 0
            for host in hosts:
                if host.startswith(ARTICLE) != article:
                    continue
                with_prefix = counts.get(attach(prefix, host), 0)
                if with_prefix <= counts[host]:  # rarer than its host: not a word of its own
                    attached += with_prefix
                    free += counts[host]
            priors[(prefix, article)] = round(attached / free, 6) if free else 0.0
    return priors


def resolve(model: WordForms, words: list[str]) -> dict[str, str]:
    """Decide ``words`` in two passes (the second knows which hosts are clitic forms)."""
    stop = blocked_hosts()
    for _ in range(2):
        decided = {}
        for word in words:
            if word in stop:
                decided[word] = ""
                continue
            blocked = frozenset() if word in function_words() else stop
            host = model.score(word, blocked=blocked)[0]
            decided[word] = "" if host == word else host
        model.hosts = decided
    return model.hosts


def write_model(path: Path, counts: dict[str, int], hosts: dict[str, str], header: dict) -> None:
    """Write the model's arrays (words sorted, one byte per letter) to the ``.npz`` ``path``."""
    assert set(hosts) <= set(counts), "every decided form is a shipped form"
    encoded = sorted(encode_words(list(counts)))
    words = list(map(decode_word, encoded))
    assert set(words) == set(counts), "model words are Arabic letters only"
    codes = []
    for word in words:
        host = hosts.get(word)
        code = UNDECIDED if host is None else host_code(word, host) if host else 0
        assert code == UNDECIDED or (host_of_code(word, code) if code else "") == host, word
        codes.append(code)
    arrays = {
        "words": np.array(encoded, dtype=bytes),
        "counts": np.array([counts[word] for word in words], dtype=np.uint32),
        "hosts": np.array(codes, dtype=np.int8),
        "header": np.array(json.dumps(header, ensure_ascii=False, sort_keys=True)),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, array, allow_pickle=False)
            entry = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, buffer.getvalue(), compresslevel=9)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--news", type=Path, default=NEWS)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--resolve-min", type=int, default=3)
    for name in SETTINGS:  # defaults: WordForms's, tuned on the dev part of the gold set
        default = WordForms.__dataclass_fields__[name].default
        parser.add_argument("--" + name.replace("_", "-"), type=float, default=default)
    args = parser.parse_args()
    paths = sorted(args.news.glob("*.jsonl.gz"))
    counts = count_words(paths)
    total = sum(counts.values())
    priors = estimate_priors(counts)
    settings = {name: getattr(args, name) for name in SETTINGS}
    model = WordForms(dict(counts), total, priors, **settings)
    words = sorted(
        w for w, c in counts.items() if c >= args.resolve_min and next(readings(w), None)
    )
    hosts = resolve(model, words)
    header = {"total": total, **settings, "corpora": [p.name.split(".")[0] for p in paths],
              "priors": {f"{p}:{int(a)}": v for (p, a), v in sorted(priors.items())}}  # fmt: skip
    shipped = {word: count for word, count in counts.items() if count >= args.min_count}
    write_model(args.out, shipped, hosts, header)
    split = sum(1 for h in hosts.values() if h)
    print(f"{len(paths)} corpora, {total:,} tokens, {len(counts):,} types")
    print(f"{len(shipped):,} forms shipped, {len(hosts):,} resolved ahead ({split:,} split)")
    print(f"{args.out} {args.out.stat().st_size / 1e6:.2f} MB")
    print("priors:", {f"{p}{'+ال' if a else ''}": v for (p, a), v in sorted(priors.items())})


if __name__ == "__main__":
    main()

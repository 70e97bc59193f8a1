"""Build the gold set of clitic segmentation (``tests/data/clitic-gold.tsv``) from real text.

Each row is ``word, host, kind, source, split``: ``kind`` is ``attached``
(the word is proclitics + ``host``) or ``plain`` (a word that merely starts
with و ف ب ل ك; ``host`` is the word itself); words are :func:`norm` forms.
Candidates come from rules on evidence that the segmentation model does not
use, then a hand review (``HAND`` below) fixes or drops the ones the rules
get wrong:

- **ANERcorp entity tokens** (``../shared/data/ner``): an entity token that
  is proclitics + another entity token of the file or a gazetteer name
  (``../shared/data/gazetteers``) is *attached*; an entity token that is a
  gazetteer name as it stands, with no such reading, is *plain*.
- **The article test on the news corpora**: a noun takes the article, a
  proclitic form does not. ``p + h`` is *attached* when ال + h is attested
  (at least 5 times) and ال + the whole word is not; a word is *plain* when
  ال + word is attested at least 10 times and at least 10 times as often as
  ال + host for each of its readings (وزير: الوزير, never الزير).
- **The verb test**: a word seen at least 3 times right after قد (a verb)
  whose readings' hosts never are, is *plain* (كشف، وصل، بلغ).

The split into ``dev`` (tuning) and ``test`` (held out) is by a hash of the
word, so it does not change when rows are added. Deterministic::

    PYTHONPATH=. python scripts/build_clitic_gold.py
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import re
from collections import Counter
from pathlib import Path

from toolkit.text.forms import ARTICLE, attach, clean, norm, readings
from toolkit.text.stopwords import stopword_set

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "tests" / "data" / "clitic-gold.tsv"
WORD = re.compile(r"[\u0621-\u063A\u0641-\u064A]+")
AFTER_QAD = re.compile(r"(?<![\u0621-\u064A])قد ([\u0621-\u063A\u0641-\u064A]+)")
#: Per source and kind, at most this many rows (a sample, seeded).
SAMPLE = {"anercorp": 900, "news-article": 700, "news-indefinite": 900, "news-plain": 700,
          "news-verb": 200}  # fmt: skip
#: Hand review: word -> corrected host (the word itself: plain), or None to drop the row.
HAND: dict[str, str | None] = {
    # sample review (504 rows)
    "للقائه": "لقائه", "لمين": None, "فليبي": None, "وايت": "وايت", "كندي": "كندي",
    "كلاوس": "كلاوس", "بوست": "بوست", "باستن": "باستن", "ليكم": None,
    # adjudication of every row where the old or the new resolver disagreed with the rules
    "برونو": "برونو", "بريان": "بريان", "برينو": "برينو", "بونر": "بونر", "بيجاك": "بيجاك",
    "بيونغ": "بيونغ", "فريد": "فريد", "فعليا": "فعليا", "كايسي": "كايسي", "كلود": "كلود",
    "لاحظ": "لاحظ", "لايت": "لايت", "واحد": "واحد", "فدين": None, "كبرت": None,
    "ليكس": None, "ولدهم": None, "فابت": None, "فابيت": None, "وبسام": "بسام",
    "وباير": "باير", "وكريم": "كريم", "وكشفا": "كشفا", "وكاولون": "كاولون", "ولجنة": "لجنة",
    "ولقائه": "لقائه", "وليستر": "ليستر", "للتايكوندو": "التايكوندو", "فبقيت": "بقيت",
    "وبقائها": "بقائها", "وادعي": "ادعي",
}  # fmt: skip
#: Cases named in issue 13, checked by hand.
NAMED = {
    "بايدن": "بايدن", "كوهين": "كوهين", "ليفني": "ليفني", "بالتيمور": "بالتيمور",
    "وهران": "وهران", "وبمقترحات": "مقترحات", "ومراسلين": "مراسلين",
    "لمستثمرين": "مستثمرين", "وبتعويضات": "تعويضات", "ولمؤسسات": "مؤسسات",
    "وكمستشارة": "مستشارة", "وفالنسيا": "فالنسيا", "ومادورو": "مادورو",
    "للمجلس": "المجلس", "للجنة": "اللجنة", "للقاء": "اللقاء", "لبحر": "بحر",
    "لليبيا": "ليبيا", "ولإسرائيل": "إسرائيل", "واسرائيل": "إسرائيل", "والمغرب": "المغرب",
}  # fmt: skip


def news_counts(paths: list[Path]) -> tuple[Counter[str], Counter[str]]:
    """Word counts and counts of words right after قد, in :func:`norm` form."""
    words: Counter[str] = Counter()
    after_qad: Counter[str] = Counter()
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                text = norm((record.get("title") or "") + "\n" + (record.get("text") or ""))
                words.update(WORD.findall(text))
                after_qad.update(AFTER_QAD.findall(text))
    return words, after_qad


def anercorp_items(path: Path, names: set[str]) -> list[tuple[str, str, str]]:
    tokens = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.rsplit(" ", 1)
        if len(parts) == 2 and parts[1] != "O" and WORD.fullmatch(norm(clean(parts[0]))):
            tokens.append(norm(clean(parts[0])))
    entities = set(tokens)
    known = entities | names
    rows = []
    for word in sorted(set(tokens)):
        hosts = [host for _, host in readings(word) if host in known and len(host) >= 3]
        # ولفرنسا: و + ل + فرنسا, not و + لفرنسا (itself an entity token with a known reading)
        hosts = [h for h in hosts if not any(r in known for _, r in readings(h))] or hosts
        if hosts and word not in names:
            article = [h for h in hosts if h.startswith(ARTICLE)]
            rows.append((word, max(article or hosts, key=len), "attached"))  # وبسام: و + بسام
        elif not hosts and word in names and next(readings(word), None):
            rows.append((word, word, "plain"))
    return rows


def article_items(
    counts: Counter[str], after_qad: Counter[str], stop: frozenset[str]
) -> dict[str, list[tuple[str, str, str]]]:
    found: dict[str, list[tuple[str, str, str]]] = {
        "news-article": [], "news-indefinite": [], "news-plain": [], "news-verb": []
    }  # fmt: skip
    for word, count in counts.items():
        if count < 2 or word in stop or len(word) < 4:
            continue
        hosts = [(p, h) for p, h in readings(word) if h not in stop]
        if not hosts:
            continue
        with_article = counts.get(ARTICLE + word, 0)
        if "لل" in word[:3]:  # (و)لل: the article readings, the more frequent host first
            hosts.sort(key=lambda r: (r[1][:2] != ARTICLE, -counts.get(r[1], 0)))
        for prefix, host in hosts:
            if host.startswith(ARTICLE):
                # proclitics before the article: the host must be attested on its own
                if len(host) >= 5 and counts.get(host, 0) >= 5 and attach(prefix, host) == word:
                    found["news-article"].append((word, host, "attached"))
                    break
            elif counts.get(ARTICLE + host, 0) >= 5 and with_article == 0 and len(host) >= 3:
                found["news-indefinite"].append((word, host, "attached"))
                break
        else:
            rivals = [counts.get(ARTICLE + h, 0) for _, h in hosts if h[:2] != ARTICLE]
            rivals = max(rivals, default=0)
            if with_article >= 10 and with_article >= 10 * rivals:
                found["news-plain"].append((word, word, "plain"))
            elif after_qad.get(word, 0) >= 3 and not any(after_qad.get(h) for _, h in hosts):
                found["news-verb"].append((word, word, "plain"))
    return found


def split_of(word: str) -> str:
    return "test" if hashlib.sha1(word.encode()).digest()[0] % 2 else "dev"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    names = set()
    for name in ("LOC", "ORG", "PERS"):
        text = (args.data / "gazetteers" / f"{name}.txt").read_text(encoding="utf-8")
        names |= {norm(clean(line.strip())) for line in text.splitlines() if " " not in line}
    stop = frozenset(norm(w) for w in stopword_set())
    counts, after_qad = news_counts(sorted((args.data / "news").glob("*.jsonl.gz")))
    sources = {"anercorp": anercorp_items(args.data / "ner" / "anercorp-camellab-train.txt",
                                          names)}  # fmt: skip
    sources.update(article_items(counts, after_qad, stop))
    rows: dict[str, tuple[str, str, str]] = {}
    for word, host in NAMED.items():
        host = norm(host)
        rows[norm(word)] = (host, "plain" if host == norm(word) else "attached", "issue-13")
    rng = random.Random(13)
    for source, items in sources.items():
        items = sorted(set(items))
        for word, host, kind in rng.sample(items, min(len(items), SAMPLE[source])):
            rows.setdefault(word, (host, kind, source))
    for word, host in HAND.items():
        if word in rows:
            if host is None:
                del rows[word]
            else:
                rows[word] = (host, "plain" if host == word else "attached", rows[word][2])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    lines = ["word\thost\tkind\tsource\tsplit"]
    lines += [f"{w}\t{h}\t{k}\t{s}\t{split_of(w)}" for w, (h, k, s) in sorted(rows.items())]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    kinds = Counter((k, s, split_of(w)) for w, (_, k, s) in rows.items())
    for item, n in sorted(kinds.items()):
        print(*item, n, sep="\t")
    print(len(rows), "rows ->", args.out)


if __name__ == "__main__":
    main()

"""Harvest person, organisation and place name words from unlabelled news.

Trigger patterns over the word keys of the news in ``../shared/data/news``
(SaudiNewsNet 2015 and the Moroccan corpora):

- PERS: a title (الرئيس، الأمير، الشيخ، الدكتور، اللاعب ...) or a speech verb
  (قال، أكد، أوضح ...) followed by a name, or a role noun with up to two
  ``ال`` words after it (وزير الخارجية X، أمير منطقة الرياض X); the name is the
  next word and up to two more name-like words (``بن`` links them);
- ORG: the word after an organisation head noun (شركة، صحيفة، قناة، نادي،
  حزب، وكالة ...);
- LOC: the word after a place noun (مدينة، محافظة، منطقة، قرية، ولاية، إقليم ...).

A word is kept for a label when it filled the pattern at least ``--min-count``
times and in at least ``--min-share`` of all its occurrences (so مجلس after
رئيس, frequent everywhere, is dropped). The output lists each kept word with
its pattern count per label and its corpus frequency; the CRF reads the counts
as binned features (:mod:`toolkit.entities.features`), not as a hard list.

Usage::

    python scripts/build_name_lexicons.py [--out toolkit/data/ner/news_names.tsv.gz]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import time
from collections import Counter
from pathlib import Path

from toolkit.entities.gazetteers import DATA_DIR
from toolkit.text.forms import key
from toolkit.text.stopwords import stopword_set

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "data" / "news"
CORPORA = (
    "saudinewsnet-2015.jsonl.gz",
    "moroccan-febrayer-yabiladi.jsonl.gz",
    "marsum-goud-morocco.jsonl.gz",
)
LABELS = ("PERS", "ORG", "LOC")

_WORD = re.compile(r"[\u0621-\u064a\u0640\u064b-\u0652\u0670\u0671-\u06d3]+|[^\s]")


def _words(text: str) -> list[str]:
    return text.split()


#: a name follows these directly
TITLES = _words("""الرئيس الأمير الأميرة الملك الملكة الشيخ الشيخة السيد السيدة الدكتور الدكتورة
المهندس المهندسة الأستاذ الأستاذة البروفيسور الجنرال اللواء العميد العقيد المقدم الرائد
النقيب الفريق المشير الإمام الداعية اللاعب اللاعبة المدرب الفنان الفنانة الممثل الممثلة
المخرج المطرب المطربة المغني المغنية الكاتب الكاتبة الشاعر الروائي الصحفي الصحافي الإعلامي
الإعلامية الباحث المحامي القاضي النائب النائبة المستشار الوزير الوزيرة السفير المواطن
المواطنة الطفل الطفلة الشاب الشابة المتهم الحاج الفقيد المرحوم الراحل الناشط الناشطة
الحكم الخبير المحلل الملياردير""")
#: a name follows these, possibly after one or two words with the article (وزير الخارجية X)
ROLES = _words("""وزير وزيرة رئيس رئيسة أمير محافظ مدير مديرة سفير نائب أمين مساعد مستشار قائد
عضو مدرب متحدث الناطق مفتي عميد رئيس""")
#: speech verbs: a name or a title follows
VERBS = _words("""قال قالت أكد أكدت أضاف أضافت أوضح أوضحت صرح صرحت أشار أشارت أعلن أعلنت كشف
كشفت اعتبر اعتبرت شدد شددت دعا أفاد أفادت استقبل التقى""")
ORG_HEADS = _words("""شركة صحيفة جريدة مجلة قناة إذاعة وكالة نادي فريق حزب حركة جماعة تنظيم جمعية
مؤسسة بنك مصرف مجموعة موقع منظمة مستشفى جامعة""")
LOC_HEADS = _words("""مدينة مدينتي محافظة منطقة قرية بلدة ولاية إقليم جزيرة مخيم حي مقاطعة بلدية
العاصمة عاصمة دولة جمهورية مملكة إمارة""")


def _keys(words: str) -> frozenset[str]:
    return frozenset(key(w) for w in words)


def documents():
    for name in CORPORA:
        with gzip.open(NEWS / name, "rt", encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                yield " ".join(filter(None, (record.get("title"), record.get("text"))))


#: a proclitic before the article (وال، بال، لل ...): a common noun or adjective, not a name
_CLITIC_ARTICLE = ("وال", "فال", "بال", "كال", "لل")


def _is_word(k: str, stop: frozenset[str], cues: frozenset[str]) -> bool:
    return (
        len(k) >= 2 and k[0] >= "\u0621" and k not in stop and k not in cues
        and not k.startswith(_CLITIC_ARTICLE)
    )  # fmt: skip


def harvest(texts, stop: frozenset[str]) -> tuple[dict[str, Counter], Counter]:
    """Pattern counts per label and word, and every word's frequency."""
    titles, roles, verbs = _keys(TITLES), _keys(ROLES), _keys(VERBS)
    org_heads, loc_heads = _keys(ORG_HEADS), _keys(LOC_HEADS)
    cues = titles | roles | verbs | org_heads | loc_heads
    found = {label: Counter() for label in LABELS}
    frequency: Counter = Counter()
    cache: dict[str, str] = {}
    for text in texts:
        keys = [cache.get(w) or cache.setdefault(w, key(w)) for w in _WORD.findall(text)]
        frequency.update(keys)
        n = len(keys)
        for i, k in enumerate(keys):
            start = None
            if k in titles or k in verbs:
                start = i + 1
            elif k in roles:
                start = i + 1
                while start < min(i + 3, n) and keys[start].startswith("ال"):
                    start += 1
            if start is not None:
                j, taken = start, 0
                while j < n and taken < 3:
                    word = keys[j]
                    if word == "بن" and taken:
                        j += 1
                        continue
                    if not _is_word(word, stop, cues):
                        break
                    found["PERS"][word] += 1
                    taken += 1
                    j += 1
            elif i + 1 < n and _is_word(keys[i + 1], stop, cues):
                if k in org_heads:
                    found["ORG"][keys[i + 1]] += 1
                elif k in loc_heads:
                    found["LOC"][keys[i + 1]] += 1
    return found, frequency


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DATA_DIR / "news_names.tsv.gz")
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--min-share", type=float, default=0.2)
    args = parser.parse_args()

    started = time.perf_counter()
    stop = frozenset(key(w) for w in stopword_set())
    found, frequency = harvest(documents(), stop)
    kept = {
        word for label in LABELS for word, n in found[label].items()
        if n >= args.min_count and n >= args.min_share * frequency[word]
    }  # fmt: skip
    rows = sorted(kept, key=lambda w: (-frequency[w], w))
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("word\t" + "\t".join(LABELS) + "\tfrequency\n")
        for word in rows:
            counts = [
                found[label][word]
                if found[label][word] >= args.min_count
                and found[label][word] >= args.min_share * frequency[word]
                else 0
                for label in LABELS
            ]
            out.write(f"{word}\t" + "\t".join(map(str, counts)) + f"\t{frequency[word]}\n")
    per_label = {
        label: sum(1 for w in rows if found[label][w] >= args.min_count
                   and found[label][w] >= args.min_share * frequency[w])
        for label in LABELS
    }  # fmt: skip
    print(f"{len(rows):,} words {per_label} -> {args.out} ({args.out.stat().st_size / 1e3:.0f} kB) "
          f"in {time.perf_counter() - started:.0f} s")  # fmt: skip


if __name__ == "__main__":
    main()

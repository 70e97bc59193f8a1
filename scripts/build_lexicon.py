"""Build the shipped Arabic word list from Debian's ``hunspell-ar`` (Ayaspell) dictionary.

Usage::

    apt-get download hunspell-ar && dpkg-deb -x hunspell-ar_*.deb /tmp/hunspell-ar
    python scripts/build_lexicon.py /tmp/hunspell-ar/usr/share/hunspell/ar.dic

``ar.dic`` concatenates four files (``stopwords.dic``, ``tools.dic``,
``names.dic``, ``verb.huns.dic``) separated by ``::::`` banners. The
stop-word section lists clitic-attached forms (وبيد، لغير), which would
hide clitics, so it is skipped; the other sections hold bare stems (nouns,
names, particles, verb stems) without clitics or the article. Affix flags
are dropped: the toolkit adds the article and common suffixes itself when
checking a word (:mod:`toolkit.text.lexicon`). Diacritics are stripped, the
hamza spelling is kept.
"""

from __future__ import annotations

import argparse
import gzip
import re
from pathlib import Path

from toolkit.text.forms import norm
from toolkit.text.normalize import normalize

OUTPUT = Path(__file__).resolve().parents[1] / "toolkit" / "data" / "lexicon" / "ar-words.txt.gz"
SKIPPED_SECTIONS = {"stopwords.dic"}
ARABIC_WORD = re.compile(r"^[\u0621-\u064A]{2,}$")


def read_words(dic_path: Path) -> list[str]:
    """Bare word spellings from a hunspell ``.dic`` file, without flags and duplicates."""
    words: set[str] = set()
    section = None
    lines = dic_path.read_text(encoding="utf-8").splitlines()
    for previous, line in zip(["", *lines], lines, strict=False):
        if line.startswith("::::"):
            continue
        if previous.startswith("::::"):
            section = line.strip()
            continue
        if section in SKIPPED_SECTIONS:
            continue
        word = line.split("/", 1)[0].split("\t", 1)[0].strip()
        word = normalize(word, alef=False, alef_maqsura=False)
        if ARABIC_WORD.match(word):
            words.add(norm(word))  # stored as looked up, so loading needs no normalising
    return sorted(words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dic", type=Path, help="path to hunspell-ar's ar.dic")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    words = read_words(args.dic)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(args.output, "wb", compresslevel=9, mtime=0) as out:  # reproducible
        out.write(("\n".join(words) + "\n").encode("utf-8"))
    print(f"{len(words)} words -> {args.output} ({args.output.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()

"""Turn the hand-marked Moroccan sentences into an ANERcorp-style BIO file.

``scripts/data/moroccan_ner_test.src.txt`` holds one sentence a line,
``document id | text with {LABEL:name} marks``; each sentence must occur, marks
removed, in that document of ``../shared/data/news`` (a check against copying
mistakes). Tokens are those of :func:`toolkit.text.iter_tokens`, the run-time
tokenizer; a token inside a mark gets its label (``B-`` on the first), the
others ``O``.

Usage::

    python scripts/build_moroccan_ner_test.py   # writes scripts/data/moroccan_ner_test.txt
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

from toolkit.text.tokenize import iter_tokens

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "scripts" / "data"
NEWS = ROOT.parent / "shared" / "data" / "news"
CORPORA = ("moroccan-febrayer-yabiladi.jsonl.gz", "marsum-goud-morocco.jsonl.gz")
_MARK = re.compile(r"\{(PERS|LOC|ORG|MISC):([^{}]+)\}")


def unmark(marked: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The plain sentence and the ``(start, end, label)`` character spans of its marks.

    >>> unmark("زار {PERS:غانتس} {LOC:الرباط}")
    ('زار غانتس الرباط', [(4, 9, 'PERS'), (10, 16, 'LOC')])
    """
    plain, spans, position = [], [], 0
    length = 0
    for match in _MARK.finditer(marked):
        plain.append(marked[position : match.start()])
        length += match.start() - position
        spans.append((length, length + len(match[2]), match[1]))
        plain.append(match[2])
        length += len(match[2])
        position = match.end()
    plain.append(marked[position:])
    return "".join(plain), spans


def bio(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    """``(token, tag)`` of a sentence; every mark must cover whole tokens."""
    rows, covered = [], Counter()
    for token in iter_tokens(text):
        tag = "O"
        for start, end, label in spans:
            if start <= token.start and token.end <= end:
                tag = ("I-" if covered[start] else "B-") + label
                covered[start] += 1
            elif token.start < end and start < token.end:
                raise ValueError(f"mark {text[start:end]!r} cuts token {token.token!r}")
        rows.append((token.token, tag))
    return rows


def main() -> None:
    texts = {}
    for name in CORPORA:
        with gzip.open(NEWS / name, "rt", encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                texts[record["id"]] = record["text"]
    source = (DATA / "moroccan_ner_test.src.txt").read_text(encoding="utf-8")
    out, entities = [], Counter()
    for line in source.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        doc_id, marked = line.split(" | ", 1)
        text, spans = unmark(marked)
        if text not in texts[doc_id]:
            raise ValueError(f"{doc_id}: sentence not found in the document: {text[:60]}")
        entities.update(label for *_, label in spans)
        out.append("\n".join(f"{token} {tag}" for token, tag in bio(text, spans)))
    (DATA / "moroccan_ner_test.txt").write_text("\n\n".join(out) + "\n", encoding="utf-8")
    print(f"{len(out)} sentences, {entities.total()} entities: {dict(entities)}")


if __name__ == "__main__":
    main()

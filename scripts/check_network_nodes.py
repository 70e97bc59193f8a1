"""List the biggest nodes of a corpus's entity network and flag those that should not be there.

A node is flagged when it is a currency, unit, nationality or fragment (one or
two letters, or a word that only begins names; :func:`toolkit.entities.kinds.misc_kind`),
or double-labelled (its mentions carry more than one label). Exits with status 1
when a flagged node is among the ``--top`` biggest (by weighted degree, sentence
co-occurrence counts).

Usage::

    python scripts/check_network_nodes.py [--corpus FILE.jsonl.gz] [--top 30] [--n-jobs 1]

The default corpus is ``../shared/data/news/moroccan-febrayer-yabiladi.jsonl.gz``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from toolkit import cooccurrence_graph, extract_entities
from toolkit.entities.kinds import misc_kind

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "news" / "moroccan-febrayer-yabiladi.jsonl.gz"


def flags(name: str, labels: set[str]) -> list[str]:
    """Why ``name`` (with the labels of its mentions) should not be a node; empty if fine."""
    found = [kind] if (kind := misc_kind(name)) else []
    if len(labels) > 1:
        found.append("labels " + "/".join(sorted(labels)))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--n-jobs", type=int, default=1)
    args = parser.parse_args()

    corpus = pd.read_json(args.corpus, lines=True).rename(columns={"id": "doc_id"})
    entities = extract_entities(corpus[["doc_id", "text"]], n_jobs=args.n_jobs)
    labels = entities.groupby("canonical")["label"].agg(set)
    graph = cooccurrence_graph(entities)
    biggest = sorted(graph.degree(weight="count"), key=lambda node: (-node[1], node[0]))
    bad = 0
    for rank, (name, degree) in enumerate(biggest[: args.top], 1):
        why = flags(name, labels[name])
        bad += bool(why)
        print(f"{rank:3} {name}\t{graph.nodes[name]['label']}\t{degree}\t{', '.join(why)}")
    print(f"{bad} flagged node(s) among the {args.top} biggest of {len(corpus)} documents")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()

"""Command line: ``python -m toolkit report`` and ``python -m toolkit summary``.

python -m toolkit report                      # the three notebooks on seeds/
python -m toolkit report corpus/ --dct 2022-07-11 --out my_reports   # figures in my_reports/figures
python -m toolkit report corpus/ --lang ar --labels PERS,LOC,ORG --show-code
python -m toolkit report corpus.csv --notebooks 01 03 --group-by source
python -m toolkit report archive.jsonl.gz --n-jobs -1  # all cores
python -m toolkit summary corpus/ --top-n 15 --errors skip   # streamed, bounded memory
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = ["main"]


def _report(args: argparse.Namespace) -> int:
    from toolkit.report import ReportError, run_report

    try:
        results = run_report(
            args.corpus,
            out=args.out,
            figures=args.figures,
            dct=args.dct,
            notebooks=args.notebooks,
            top=args.top_n,
            by=args.group_by,
            labels=args.labels,
            lang=args.lang,
            show_code=args.show_code,
            errors=args.errors,
            dedupe=args.dedupe,
            n_jobs=args.n_jobs,
            cache=not args.no_cache,
            progress=not args.quiet,
        )
    except ReportError as error:
        print(f"toolkit report: error: {error}", file=sys.stderr)
        return 1
    print("Reports written:")
    for result in results:
        print(
            f"  {result.html}  ({result.seconds:.1f} s; executed notebook: {result.executed.name})"
        )
    figures = [path for result in results for path in result.figures]
    folders = sorted({str(path.parent) for path in figures})
    print(f"Figures: {len(figures)} in {', '.join(folders) or '-'}")
    return 0


def _summary(args: argparse.Namespace) -> int:
    import toolkit as tk
    from toolkit.report import ReportError, find_seeds
    from toolkit.text.normalize import normalize
    from toolkit.text.stopwords import stopword_set

    try:
        source = Path(args.corpus) if args.corpus else find_seeds()
    except ReportError as error:
        print(f"toolkit summary: error: {error}", file=sys.stderr)
        return 1
    if not source.exists():
        print(f"toolkit summary: error: corpus not found: {source}", file=sys.stderr)
        return 1
    dates = _DateRange()
    try:  # streamed: memory is bounded by the chunk size and the vocabulary, not the corpus
        chunks = tk.iter_corpus(source, progress=False, errors=args.errors)
        freqs = tk.term_frequencies(map(dates.add, chunks), stopwords=False)
    except (OSError, ValueError) as error:
        print(f"toolkit summary: error: cannot load {source}: {error}", file=sys.stderr)
        return 1
    stop = stopword_set()
    is_stop = freqs["term"].map(lambda term: normalize(term, alef_maqsura=False) in stop)
    content = freqs[~is_stop.astype(bool)]
    terms = content.nlargest(args.top_n, "count")
    print(f"corpus:    {source.resolve()}")
    print(f"documents: {dates.documents} ({dates.dated} dated)")
    if dates.dated:
        print(f"dates:     {dates.first:%Y-%m-%d} to {dates.last:%Y-%m-%d}")
    print(f"tokens:    {int(freqs['count'].sum())} words, {len(freqs)} distinct terms")
    print(f"top {len(terms)} terms (stop words removed):")
    print(terms[["term", "count", "doc_freq"]].to_string(index=False))
    return 0


class _DateRange:
    """Documents, dated documents and first/last date of the chunks passed to :meth:`add`."""

    def __init__(self) -> None:
        self.documents = self.dated = 0
        self.first = self.last = None

    def add(self, chunk):
        dates = chunk["date"].dropna()
        self.documents += len(chunk)
        self.dated += len(dates)
        if len(dates):
            low, high = dates.min(), dates.max()
            self.first = low if self.first is None else min(self.first, low)
            self.last = high if self.last is None else max(self.last, high)
        return chunk


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


_ERRORS_ARGS = ("--errors",)
_ERRORS_OPTIONS = {
    "choices": ("raise", "skip"),
    "default": "raise",
    "help": "bad files and lines: stop with an error (raise, default) or skip and report them",
}


def build_parser() -> argparse.ArgumentParser:
    """The ``toolkit`` argument parser (``report`` and ``summary`` subcommands)."""
    parser = argparse.ArgumentParser(
        prog="toolkit", description="Analyse Arabic news text: notebooks, HTML reports, summaries."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    report = commands.add_parser(
        "report",
        help="run the analysis notebooks on a corpus and write HTML reports",
        description="Execute the analysis notebooks on CORPUS (default: the repository's seeds/) "
        "in a fresh kernel and write executed notebooks, self-contained HTML reports and figures.",
    )
    report.add_argument("corpus", nargs="?", help="corpus file or folder (default: seeds/)")
    report.add_argument("--out", help="folder for everything the report writes (default: reports)")
    report.add_argument(
        "--figures",
        help="figures folder (default: OUT/figures; figures/ for the seed report without --out)",
    )
    report.add_argument("--dct", metavar="DATE", help="reference date, e.g. 2022-07-11")
    report.add_argument(
        "--notebooks", nargs="+", metavar="NB", help="notebook paths, or names/prefixes (01 03)"
    )
    report.add_argument(
        "--top-n", type=_positive_int, metavar="N", help="how many terms/entities to show"
    )
    report.add_argument("--group-by", metavar="COLUMN", help="corpus column to compare groups by")
    report.add_argument(
        "--labels", metavar="L,L", help="entity labels to show, e.g. PERS,LOC,ORG (default: all)"
    )
    report.add_argument(
        "--lang", choices=["en", "ar"], default="en", help="language of the report (default: en)"
    )
    report.add_argument(
        "--show-code", action="store_true", help="show the notebooks' code in the HTML"
    )
    report.add_argument(
        "--dedupe", action="store_true",
        help="fold near-duplicate articles (wire copies) so that each story counts once",
    )  # fmt: skip
    report.add_argument(
        "--n-jobs", type=int, metavar="N", help="processes for the analyses (-1: all cores)"
    )
    report.add_argument(
        "--no-cache", action="store_true",
        help="recompute every table (default: tables shared by the notebooks are computed once "
        "and kept in OUT/.cache, keyed by corpus, options and toolkit code)",
    )  # fmt: skip
    report.add_argument("--quiet", action="store_true", help="no per-cell progress bars")
    report.add_argument(*_ERRORS_ARGS, **_ERRORS_OPTIONS)
    report.set_defaults(run=_report)

    summary = commands.add_parser(
        "summary", help="print documents, tokens and top terms of a corpus"
    )
    summary.add_argument("corpus", nargs="?", help="corpus file or folder (default: seeds/)")
    summary.add_argument(
        "--top-n", type=_positive_int, default=10, metavar="N", help="terms to list (default: 10)"
    )
    summary.add_argument(*_ERRORS_ARGS, **_ERRORS_OPTIONS)
    summary.set_defaults(run=_summary)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m toolkit`` and the ``toolkit`` console script."""
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())

"""Check that the tests catch wrong statistics: plant each known bug, run the tests, report.

Each mutation is a text substitution in one module of a temporary copy of the
repository (``toolkit/``, ``tests/``, ``seeds/``, ``pyproject.toml``; the
working tree is never touched). The unmutated copy must pass first; then each
mutation is applied alone and the tests run on the copy (``PYTHONPATH`` set to
it, so the copy is what gets imported). A mutation is *caught* when at least
one test fails, *missed* when all pass, and *not applied* when its text is no
longer found exactly once (the code changed: update the pattern here). The
six bugs are those of issue 14; KWIC is mutated on both sides.

Exit status 0 only when every mutation is applied and caught::

    PYTHONPATH=. python scripts/mutation_check.py
    PYTHONPATH=. python scripts/mutation_check.py --tests tests/test_terms.py  # other tests
    PYTHONPATH=. python scripts/mutation_check.py --only pmi-ln g2-halved
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COPIED = ("toolkit", "tests", "seeds", "pyproject.toml")
DEFAULT_TESTS = ("tests/test_statistics.py",)


@dataclass(frozen=True)
class Mutation:
    name: str
    path: str
    old: str
    new: str
    bug: str


MUTATIONS = (
    Mutation(
        "pmi-ln",
        "toolkit/terms/association.py",
        '"pmi": np.log2(o11 * n / (r1 * c1)),',
        '"pmi": np.log(o11 * n / (r1 * c1)),',
        "PMI with ln instead of log2",
    ),
    Mutation(
        "g2-halved",
        "toolkit/terms/association.py",
        "    return 2 * (\n        _xlogx_ratio(o11",
        "    return (\n        _xlogx_ratio(o11",
        "G² halved (collocations and keyness share the 2x2 G²)",
    ),
    Mutation(
        "keyness-sign-dropped",
        "toolkit/terms/association.py",
        'table["g2"] = np.where(o11 * total_reference >= o21 * total_target, g2, -g2)',
        'table["g2"] = g2',
        "keyness G² without its sign",
    ),
    Mutation(
        "keyness-log-ratio-ln",
        "toolkit/terms/association.py",
        'table["log_ratio"] = np.log2(rate_t / rate_r)',
        'table["log_ratio"] = np.log(rate_t / rate_r)',
        "keyness log-ratio with ln instead of log2",
    ),
    Mutation(
        "kwic-after-short",
        "toolkit/terms/kwic.py",
        "hi = max(0, i - window), min(len(keys), j + 1 + window)",
        "hi = max(0, i - window), min(len(keys), j + window)",
        "KWIC context after the match one word short",
    ),
    Mutation(
        "kwic-before-short",
        "toolkit/terms/kwic.py",
        "lo, hi = max(0, i - window),",
        "lo, hi = max(0, i - window + 1),",
        "KWIC context before the match one word short",
    ),
    Mutation(
        "rel-freq-count",
        "toolkit/dates/timelines.py",
        'result["rel_freq"] = result["count"] / result["documents"].where(result["documents"] > 0)',
        'result["rel_freq"] = result["count"]',
        "mentions_per_period rel_freq replaced by the count",
    ),
)


def _copy_repository(target: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy2(source, target / name)
    shared = ROOT.parent / "shared"  # tests/conftest.shared_data looks in ../shared/data
    if shared.exists() and not (target.parent / "shared").exists():
        (target.parent / "shared").symlink_to(shared.resolve())


def _run_tests(copy: Path, tests: list[str], verbose: bool) -> tuple[bool, str]:
    """True when every test passes; the last lines of pytest's output."""
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]
    env = {**os.environ, "PYTHONPATH": str(copy), "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True)
    output = done.stdout + done.stderr
    if verbose:
        print(output)
    if done.returncode not in (0, 1):  # 2-5: interrupted, internal or usage error, no tests
        raise RuntimeError(f"pytest could not run (exit {done.returncode}):\n{output[-3000:]}")
    return done.returncode == 0, output


def _first_failure(output: str) -> str:
    failed = [line for line in output.splitlines() if line.startswith(("FAILED", "ERROR"))]
    return failed[0].split(" - ")[0].removeprefix("FAILED ") if failed else "?"


def _imported_from(copy: Path) -> str:
    code = "import toolkit; print(toolkit.__file__)"
    env = {**os.environ, "PYTHONPATH": str(copy)}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=copy, env=env, capture_output=True, text=True
    )
    return done.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tests", nargs="+", default=list(DEFAULT_TESTS), help="test paths")
    parser.add_argument("--only", nargs="+", help="names of the mutations to run")
    parser.add_argument("--verbose", action="store_true", help="show pytest's output")
    args = parser.parse_args(argv)
    chosen = [m for m in MUTATIONS if not args.only or m.name in args.only]
    if not chosen:
        parser.error(f"no mutation named {args.only}; known: {[m.name for m in MUTATIONS]}")

    with tempfile.TemporaryDirectory(prefix="mutation-check-") as tmp:
        copy = Path(tmp) / "repo"
        copy.mkdir()
        _copy_repository(copy)
        where = _imported_from(copy)
        if not where.startswith(str(copy)):
            print(f"the copy is not what gets imported (toolkit from {where!r})")
            return 2
        start = time.perf_counter()
        passed, output = _run_tests(copy, args.tests, args.verbose)
        if not passed:
            print(f"the unmutated code fails the tests:\n{output[-3000:]}")
            return 2
        print(
            f"unmutated: tests pass ({time.perf_counter() - start:.0f} s): {' '.join(args.tests)}"
        )

        results = []
        for mutation in chosen:
            path = copy / mutation.path
            original = path.read_text(encoding="utf-8")
            found = original.count(mutation.old)
            if found != 1:
                results.append((mutation, "NOT APPLIED", f"pattern found {found} times"))
                continue
            path.write_text(original.replace(mutation.old, mutation.new), encoding="utf-8")
            try:
                passed, output = _run_tests(copy, args.tests, args.verbose)
            finally:
                path.write_text(original, encoding="utf-8")
            if passed:
                results.append((mutation, "MISSED", "every test passed"))
            else:
                results.append((mutation, "caught", f"by {_first_failure(output)}"))

    width = max(len(m.name) for m in chosen)
    for mutation, verdict, detail in results:
        print(f"{mutation.name:<{width}}  {verdict:<11}  {mutation.bug}; {detail}")
    caught = sum(verdict == "caught" for _, verdict, _ in results)
    print(f"{caught} of {len(results)} mutations caught")
    return 0 if caught == len(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())

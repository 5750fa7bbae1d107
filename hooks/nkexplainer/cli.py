"""`python hooks/check_data.py [--coverage] [PROJECT]`: check data/, seeds/ and the shortcodes in docs/ without building.

Prints the same messages as the build, every problem of data/ and docs/ in one run, and exits 1 on any
problem, so it fits pre-commit hooks and CI steps. It also reports a text in seeds/ that no source
record uses. With --coverage it then prints, for every source, what the data
does not cover yet (the report `python hooks/new_source.py` prints for a new text).
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import preview
from .check import inspect
from .coverage import Index, source_coverage, unrecorded_seeds
from .coverage_report import render
from .errors import DataError
from .shortcodes import read_pages


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0
    wants_coverage = "--coverage" in args
    args = [a for a in args if a != "--coverage"]
    root = Path(args[0]) if args else Path(__file__).resolve().parents[2]
    if not (root / "data").is_dir():
        print(f"{root}: no data/ folder here — run the command in the project folder, or name it", file=sys.stderr)
        return 2
    try:
        pages, problems = read_pages(root)
        checked = inspect(root, pages)
        problems += checked.problems
        if not checked.problems:  # with records left out, their seeds would look unused
            problems += unrecorded_seeds(root, checked.model)
    except Exception as error:  # a bug of ours: said plainly, never a traceback
        problems = [preview.internal_error(error)]
    if problems:
        print(DataError(problems).summary("fix them before building"), file=sys.stderr)
        return 1
    model = checked.model
    print(f"data/ is fine: {len(model.sources)} sources, {len(model.actors)} actors, {len(model.events)} events, "
          f"{len(model.quotes)} quotes, {len(model.terms)} terms; docs/ shortcodes resolve.")
    if wants_coverage:
        index = Index(model)
        for source_id in model.sources:
            print("\n" + render(source_coverage(model, source_id, index), model), end="")
    return 0


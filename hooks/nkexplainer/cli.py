"""`python hooks/check_data.py [--coverage] [PROJECT]`: check data/, seeds/ and the shortcodes in docs/ without building.

Prints the same messages as the build and exits 1 on any problem, so it fits
pre-commit hooks and CI steps. It also reports a text in seeds/ that no source
record uses. With --coverage it then prints, for every source, what the data
does not cover yet (the report `python hooks/new_source.py` prints for a new text).
"""

from __future__ import annotations

import sys
from pathlib import Path

from .check import load_model
from .coverage import render, source_coverage, unrecorded_seeds
from .crosslink import cross_link
from .errors import DataError
from .link import MentionMode


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0
    wants_coverage = "--coverage" in args
    args = [a for a in args if a != "--coverage"]
    root = Path(args[0]) if args else Path(__file__).resolve().parents[2]
    try:
        model = load_model(root)
    except DataError as error:
        print(error.summary("fix them before building"), file=sys.stderr)
        return 1
    docs = {str(p.relative_to(root / "docs")): p.read_text(encoding="utf-8") for p in sorted((root / "docs").rglob("*.md"))}
    problems = cross_link(model, docs, MentionMode.FIRST_IN_SECTION).problems + unrecorded_seeds(root, model)
    if problems:
        print(DataError(problems).summary("fix them before building"), file=sys.stderr)
        return 1
    print(f"data/ is fine: {len(model.sources)} sources, {len(model.actors)} actors, {len(model.events)} events, "
          f"{len(model.quotes)} quotes, {len(model.terms)} terms; docs/ shortcodes resolve.")
    if wants_coverage:
        for source_id in model.sources:
            print("\n" + render(source_coverage(model, source_id), model), end="")
    return 0

"""Two built sites compared file by file, every difference named with its cause.

    python bench/sitediff.py SITE_A SITE_B [--allow RULE ...]

A file that differs is compared again after each known cause is taken out in
turn (the generator tag, build dates, the order of the search index); what
still differs then is *unexplained* and shown as a short diff. Exit 1 when a
difference is unexplained, or explained only by a cause not `--allow`ed.
Used by tests/test_engines.py and bench/engines.py.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable


@dataclass(frozen=True)
class Cause:
    """A known reason two builds of the same pages differ, and how to take it out of a file."""

    name: str
    whose: str
    """"theirs" (the engine's), "ours" or "by design"."""
    why: str
    applies_to: Callable[[str], bool]
    normalise: Callable[[bytes], bytes]


def _html(path: str) -> bool:
    return path.endswith(".html")


def _drop(pattern: bytes) -> Callable[[bytes], bytes]:
    compiled = re.compile(pattern)
    return lambda data: compiled.sub(b"", data)


def _gunzip_then(inner: Callable[[bytes], bytes]) -> Callable[[bytes], bytes]:
    def normalise(data: bytes) -> bytes:
        try:
            return inner(gzip.decompress(data))
        except OSError:
            return data
    return normalise


def _sorted_search_index(data: bytes) -> bytes:
    try:
        index = json.loads(data)
        index["docs"] = sorted(index["docs"], key=lambda d: (d.get("location", ""), d.get("title", ""), d.get("text", "")))
    except (ValueError, KeyError, TypeError):
        return data
    return json.dumps(index, sort_keys=True, ensure_ascii=False).encode("utf-8")


_LASTMOD = rb"<lastmod>[^<]*</lastmod>"

CAUSES = [
    Cause("generator", "theirs",
          "Each engine names itself in `<meta name=\"generator\">`: MkDocs gives its bare version (printed \"mkdocs-1.6.1\"), "
          "ProperDocs its name and version (\"ProperDocs 1.6.7\"; Material's own template would print \"mkdocs-ProperDocs "
          "1.6.7\", our main.html does not).",
          _html, _drop(rb'<meta name="generator" content="[^"]*">')),
    Cause("build date", "theirs",
          "The sitemap carries the build date (and sitemap.xml.gz the time it was compressed) unless SOURCE_DATE_EPOCH is set.",
          lambda p: p.endswith("sitemap.xml"), _drop(_LASTMOD)),
    Cause("build date (gzip)", "theirs",
          "sitemap.xml.gz: the same dates, and gzip's own time stamp in its header.",
          lambda p: p.endswith("sitemap.xml.gz"), _gunzip_then(_drop(_LASTMOD))),
    Cause("search index order", "by design",
          "The search index lists pages in the order of the build's file list: with hooks, the generated pages come after "
          "the hand-written ones; in an exported project all are files on disk, in MkDocs's sort order. The entries are the "
          "same; search ranks by score, so the order only breaks ties.",
          lambda p: p.endswith("search_index.json"), _sorted_search_index),
]
BY_NAME = {cause.name: cause for cause in CAUSES}


@dataclass(frozen=True)
class Difference:
    path: str
    causes: tuple[str, ...]
    """The known causes that account for it; empty when unexplained."""
    detail: str = ""
    """For an unexplained difference: a short diff (or which site lacks the file)."""

    @property
    def explained(self) -> bool:
        return bool(self.causes)


def compare(a: Path, b: Path) -> list[Difference]:
    """Every file that is not byte-identical in `a` and `b`, with the causes that explain it."""
    paths = sorted({p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
                   | {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()})
    differences = []
    for path in paths:
        fa, fb = a / path, b / path
        if not fa.is_file() or not fb.is_file():
            differences.append(Difference(path, (), f"only in {a if fa.is_file() else b}"))
            continue
        da, db = fa.read_bytes(), fb.read_bytes()
        if da == db:
            continue
        used = []
        for cause in CAUSES:
            if not cause.applies_to(path):
                continue
            na, nb = cause.normalise(da), cause.normalise(db)
            if (na, nb) != (da, db):
                used.append(cause.name)
                da, db = na, nb
            if da == db:
                break
        if da == db:
            differences.append(Difference(path, tuple(used)))
        else:
            differences.append(Difference(path, (), _short_diff(da, db)))
    return differences


def not_allowed(differences: list[Difference], allowed: set[str]) -> list[Difference]:
    """The differences that are unexplained or need a cause outside `allowed`."""
    return [d for d in differences if not d.explained or not set(d.causes) <= allowed]


def _short_diff(da: bytes, db: bytes, lines: int = 12) -> str:
    ta, tb = da.decode("utf-8", "replace").splitlines(), db.decode("utf-8", "replace").splitlines()
    diff = [line[:200] for line in difflib.unified_diff(ta, tb, "a", "b", n=0, lineterm="")][2:]
    more = f"\n… {len(diff) - lines} more lines" if len(diff) > lines else ""
    return "\n".join(diff[:lines]) + more


def report(differences: list[Difference], a: Path, b: Path) -> str:
    """The differences as Markdown: one line per cause with its files, then each unexplained file."""
    lines = []
    by_cause: dict[str, list[str]] = {}
    for d in differences:
        for cause in d.causes:
            by_cause.setdefault(cause, []).append(d.path)
    for name, paths in by_cause.items():
        cause = BY_NAME[name]
        shown = ", ".join(f"`{p}`" for p in paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
        lines.append(f"- **{name}** ({cause.whose}), {len(paths)} file{'s' if len(paths) != 1 else ''}: {shown}. {cause.why}")
    for d in differences:
        if not d.explained:
            lines.append(f"- **unexplained**: `{d.path}`\n\n```diff\n{d.detail}\n```")
    return "\n".join(lines) if lines else f"- none: every file of {a} and {b} is byte-identical"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("a", type=Path)
    parser.add_argument("b", type=Path)
    parser.add_argument("--allow", action="append", default=None, choices=sorted(BY_NAME),
                        help="a cause that may explain differences (default: all known causes)")
    args = parser.parse_args(argv)
    differences = compare(args.a, args.b)
    print(report(differences, args.a, args.b))
    allowed = set(args.allow) if args.allow is not None else set(BY_NAME)
    return 1 if not_allowed(differences, allowed) else 0


if __name__ == "__main__":
    sys.exit(main())

"""Reading YAML files into plain Python values that remember where each came from.

Data files come from editors' pull requests, so reading one is bounded: a file
larger than `MAX_BYTES`, deeper than `MAX_DEPTH` or holding more than
`MAX_VALUES` values once its aliases are expanded (the "billion laughs" pattern)
is refused with a located error, before it can cost more time or memory. The
values are built straight from the parser's event stream, counted as they come,
so a refused file is never built in full.

Plain (unquoted) scalars that YAML reads as something other than text keep the
text the editor typed in `Document.written`, so later checks can accept it as
text where text is wanted, or say exactly what YAML made of it.
"""

from __future__ import annotations

import stat
from pathlib import Path

import yaml

from .errors import Report
from .hints import name
from .yamlstream import Builder, Document, Pointer, Refused, Written

MAX_BYTES = 5_000_000
"""About seven times the largest data file at ×100 scale (bench/corpus.py: actors.yml, 0.7 MB)."""
MAX_VALUES = 100_000
"""Values in one file, aliases expanded: over four times the ×100 actors.yml (22,500). Refusing a file costs
time in proportion to this (bench/limits.md: millions of tiny values)."""
MAX_DEPTH = 32
"""Lists and records inside each other; our records need six levels."""

_FAST_LOADER = getattr(yaml, "CSafeLoader", None)
"""libyaml's loader when PyYAML was built with it (the pinned wheels are); None otherwise."""


def read_bytes(root: Path, relative: str, report: Report, *, about: str = "the file",
               place: tuple[str, tuple[int, int]] | None = None, limit: int | None = None) -> bytes | None:
    """The bytes of `root/relative`, or None with the reason reported (missing, a folder, too large, unreadable).

    `about` names the file in the message; `place` is where to report it (a data file and the position that
    names this file); by default the file itself.
    """
    where, position = place or (relative, None)
    limit = MAX_BYTES if limit is None else limit
    path = root / relative
    try:
        if path.is_dir():
            report.add(where, position, f"{about} is a folder, not a file — name a file")
            return None
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device: reading it could wait for ever, or never end
            report.add(where, position, f"{about} is not a regular file (a pipe or a device?) — name a text file")
            return None
        size = info.st_size
        if size > limit:
            report.add(where, position, f"{about} is {size:,} bytes, more than the {limit:,} a file may have here — "
                       "check that it is the right file")
            return None
        with path.open("rb") as handle:
            return handle.read(limit + 1)[:limit]
    except FileNotFoundError:
        report.add(where, position, f"{about} does not exist — check the name")
    except OSError as error:
        report.add(where, position, f"{about} cannot be read ({error.strerror or error}) — check the name and the "
                   "file's permissions")
    return None


def read_document(root: Path, relative: str, report: Report) -> Document | None:
    """Parse `root/relative`; on any problem, report it and return None."""
    raw = read_bytes(root, relative, report)
    if raw is None:
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        report.add(relative, (line, column), f"byte 0x{raw[error.start]:02x} is not UTF-8 — save the file as UTF-8")
        return None
    if not text.strip():
        report.add(relative, None, "the file is empty — it must hold a list of records (copy one from the README)")
        return None
    found = Report()  # kept only if the whole file parses, so a syntax error is reported alone
    try:
        try:
            document = _builder(relative, text, found, _FAST_LOADER or yaml.SafeLoader).build()
        except yaml.YAMLError:
            if _FAST_LOADER is None:
                raise
            # libyaml's messages are terse; the pure-Python parser's are the ones editors are shown.
            found = Report()
            document = _builder(relative, text, found, yaml.SafeLoader).build()
    except yaml.MarkedYAMLError as error:
        report.add(relative, *_syntax_error(error, text))
        return None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow, e.g. a NUL byte
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        report.add(relative, (line, column), f"the file contains {name(chr(error.character))}, which YAML does not "
                   "allow — remove it (most editors do not show it)")
        return None
    except yaml.YAMLError as error:
        report.add(relative, None, f"YAML syntax: {error}")
        return None
    except Refused as refused:
        report.add(relative, refused.position, refused.message)
        return None
    report.problems.extend(found.problems)
    if document is None:  # only comments
        report.add(relative, None, "the file is empty — it must hold a list of records (copy one from the README)")
    return document


def _syntax_error(error: yaml.MarkedYAMLError, text: str) -> tuple[tuple[int, int] | None, str]:
    mark = error.problem_mark or error.context_mark
    position = (mark.line + 1, mark.column + 1) if mark else None
    lines = text.splitlines()
    shown = f" in: {lines[mark.line].strip()!r}" if mark and mark.line < len(lines) else ""
    what = " ".join(filter(None, [error.context, error.problem]))
    context = error.context_mark
    if context and mark and context.line != mark.line and context.line < len(lines):
        shown += f" (it started on line {context.line + 1}: {lines[context.line].strip()!r})"
    fix = "check indentation, colons and quote marks"
    if mark and mark.line < len(lines) and "\t" in lines[mark.line]:
        fix = f"line {mark.line + 1} has a tab: indent with spaces, not tabs"
    elif context and "flow" in (error.context or ""):
        first, last = context.line, (mark.line if mark else context.line)
        commented = next((n for n in range(first, min(last + 1, len(lines))) if " #" in lines[n]), None)
        if commented is not None:
            fix = (f"' #' starts a comment in YAML, so the rest of line {commented + 1} after it was ignored, "
                   "with the closing bracket — put text with ' #' in quotes")
    return position, f"YAML syntax: {what}{shown} — {fix}"


def _builder(path: str, text: str, report: Report, loader: type) -> Builder:
    return Builder(path, text, report, loader, max_values=MAX_VALUES, max_depth=MAX_DEPTH)


__all__ = ["Document", "MAX_BYTES", "MAX_DEPTH", "MAX_VALUES", "Pointer", "Written", "read_bytes", "read_document"]

"""`python hooks/new_source.py seeds/<name>.txt`: the editor's assistant for a new source.

It checks the text file (UTF-8; line 1 the title, line 2 the standfirst, then one
paragraph a line), appends its record to `data/sources.yml` with the title and the
standfirst copied exactly (the rest of the file, comments included, is left as it
was), checks the data again with the new record, and prints the coverage report:
the records the text names, the capitalised names no record matches, every
quotation in “ ” with a `quotes.yml` stub, and the paragraphs nothing cites yet.

Run again on a file that already has a record, it only prints the report.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import replace
from pathlib import Path

from .check import load_model
from .coverage import coverage
from .coverage_report import render
from .errors import DataError
from .hints import short_name
from .schema import SLUG

_SOURCES = "data/sources.yml"
_WRAPPED = re.compile(r"[.!?:;…”’\")\]]$")
"""How a paragraph line ends; a line that ends otherwise and is followed by a lower-case line was probably wrapped."""


def check_text(raw: bytes, shown: str) -> tuple[list[str], list[str]]:
    """The lines of a seed (title, standfirst, paragraphs), or the problems that stop it, as `file:line: what — fix`."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return [], [f"{shown}:1: the file starts with a byte-order mark, which would become part of the title — "
                    "save it as UTF-8 without BOM"]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return [], [f"{shown}:{line}: byte 0x{raw[error.start]:02x} is not UTF-8 — save the file as UTF-8"]
    problems = []
    numbered = [(n, line.rstrip("\r")) for n, line in enumerate(text.split("\n"), start=1)]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problems.append(f"{shown}:{line}: the file holds a NUL byte — it is not plain text; save the article as text")
    lines = [(n, line) for n, line in numbered if line.strip()]
    if len(lines) < 3:
        problems.append(f"{shown}: found {len(lines)} non-empty line(s) — a source needs line 1 the title, line 2 the "
                        "standfirst, then at least one paragraph, one paragraph a line")
        return [], problems
    for role, (n, line) in zip(("title", "standfirst"), lines[:2]):
        if n != (1 if role == "title" else 2):
            problems.append(f"{shown}:{n}: the {role} must be on line {1 if role == 'title' else 2}, with no blank line "
                            "before it — remove the blank lines at the top")
        if line != line.strip():
            problems.append(f"{shown}:{n}: the {role} has spaces at its start or end — remove them (it is copied exactly)")
    title_line, title = lines[0]
    if len(title) > 200:
        problems.append(f"{shown}:{title_line}: line 1 is {len(title)} characters long, more like a paragraph than a title "
                        "— put the title alone on line 1 and the standfirst on line 2")
    for (n, line), (next_n, following) in zip(lines[2:], lines[3:]):
        if not _WRAPPED.search(line.rstrip()) and following.lstrip()[:1].islower():
            problems.append(f"{shown}:{next_n}: this line seems to continue line {n} (which does not end a sentence, and "
                            "this one starts in lower case) — one paragraph a line: join the two lines")
    return [line for _, line in lines], problems


def record_text(source_id: str, file: str, title: str, dek: str) -> str:
    """The YAML record appended to `data/sources.yml`: title and standfirst exact, the rest for the editor to finish."""
    return "\n".join([
        f"- id: {source_id}",
        f"  file: {file}",
        f"  title: {json.dumps(title, ensure_ascii=False)}   # line 1, copied exactly",
        f"  dek: {json.dumps(dek, ensure_ascii=False)}   # line 2, copied exactly",
        f"  short: {json.dumps(short_name(title), ensure_ascii=False)}   # how citations name this source; change freely",
        '  # kind: "news report"   # what the text is',
        "  author: null   # null whatever the text itself does not give",
        "  publisher: null",
        "  published: null",
        '  provenance: "Added with the new-source assistant; where this text comes from is not recorded yet."   # say it',
        "",
    ])


def _with_short_names(text: str, unnamed: list, notes: list[str]) -> str:
    """`data/sources.yml` with a `short` name for each existing source that has none: with a second source every
    citation names its source, and the check requires one. Written under the record's id line; noted."""
    lines = text.split("\n")
    for source in sorted(unnamed, key=lambda s: s.line, reverse=True):
        short = short_name(source.title)
        lines.insert(source.line, f"  short: {json.dumps(short, ensure_ascii=False)}   # added by the new-source "
                                  "assistant: citations name each source now; change freely")
        notes.append(f"Added short: {json.dumps(short, ensure_ascii=False)} to source '{source.id}' in {_SOURCES}: with two "
                     "sources every citation names its source (“" + short + " ¶3”); change it freely.")
    return "\n".join(lines)


def source_id_for(path: Path, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "source"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    assert re.match(SLUG, candidate)
    return candidate


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if args and args[0] in ("-h", "--help") else 2
    root = (root or Path(__file__).resolve().parents[2]).resolve()
    given = Path(args[0])
    path = (given if given.is_absolute() else Path.cwd() / given).resolve()
    seeds = root / "seeds"
    if seeds not in path.parents:
        print(f"{args[0]}: the text must be in {seeds} — copy it there first, then run this on seeds/<name>.txt",
              file=sys.stderr)
        return 1
    relative = path.relative_to(root).as_posix()
    if not path.is_file():
        print(f"{relative}: no such file — check the name under seeds/", file=sys.stderr)
        return 1
    lines, problems = check_text(path.read_bytes(), relative)
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in the text; nothing was written:",
              *(f"  {p}" for p in problems), sep="\n", file=sys.stderr)
        return 1
    try:
        model = load_model(root)
    except DataError as error:
        print(error.summary("fix them first; nothing was written"), file=sys.stderr)
        return 1
    notes = []
    existing = next((s for s in model.sources.values() if s.file == relative), None)
    if existing:
        source_id = existing.id
        notes.append(f"{_SOURCES} already has its record, '{source_id}': nothing written, report only.")
    else:
        source_id = source_id_for(path, set(model.sources))
        sources_file = root / _SOURCES
        before = sources_file.read_bytes()
        separator = b"" if before.endswith(b"\n\n") else b"\n" if before.endswith(b"\n") else b"\n\n"
        given = _with_short_names(before.decode("utf-8"), [s for s in model.sources.values() if not s.short], notes)
        sources_file.write_bytes(given.encode("utf-8") + separator
                                 + record_text(source_id, relative, lines[0], lines[1]).encode("utf-8"))
        try:
            model = load_model(root)
        except DataError as error:
            sources_file.write_bytes(before)  # leave the data as it was
            print(error.summary(f"the new record was not kept; {_SOURCES} is unchanged"), file=sys.stderr)
            return 1
        notes += [f"Wrote source '{source_id}' at the end of {_SOURCES} (title and standfirst copied exactly).",
                  "Next: finish that record (short, kind, provenance), then add records citing "
                  f"{source_id}#p1 … {source_id}#p{len(lines) - 2}, using the report below; "
                  "`python hooks/check_data.py` checks them."]
    report = coverage(model, source_id, relative, tuple(lines[2:]))
    print(render(replace(report, notes=tuple(notes)), model), end="")
    return 0


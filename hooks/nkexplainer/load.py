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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Report
from .hints import name

MAX_BYTES = 5_000_000
"""About seven times the largest data file at ×100 scale (bench/corpus.py: actors.yml, 0.7 MB)."""
MAX_VALUES = 250_000
"""Values in one file, aliases expanded: about ten times the ×100 actors.yml (22,500)."""
MAX_DEPTH = 32
"""Lists and records inside each other; our records need six levels."""

_FAST_LOADER = getattr(yaml, "CSafeLoader", None)
"""libyaml's loader when PyYAML was built with it (the pinned wheels are); None otherwise."""
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_YAML = "tag:yaml.org,2002:"
_IMPLICIT = _RESOLVER.yaml_implicit_resolvers
"""PyYAML's rules for plain scalars, by first character: which tag `2015`, `NO` or `~` resolves to."""
_PLAIN_TAGS = frozenset({None, "!"})
_COLLECTION_TAGS = frozenset({None, "!", _YAML + "seq", _YAML + "map"})

Pointer = tuple[Any, ...]
"""A path into a document: `(3, "aliases", 0)` is the first alias of the fourth record."""


@dataclass(frozen=True)
class Written:
    """A plain scalar that YAML did not read as text: what the editor typed, and what YAML made of it."""

    text: str
    kind: str
    """'bool', 'int', 'float' or 'null'."""


@dataclass
class Document:
    """One data file: its values, and the line and column of every key and value."""

    path: str
    value: Any
    values: dict[Pointer, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Pointer, tuple[int, int]] = field(default_factory=dict)
    written: dict[Pointer, Written] = field(default_factory=dict)
    """Plain scalars YAML read as a boolean, number or null, by pointer."""

    def at(self, pointer: Pointer, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at `pointer` (or of its key), else of its nearest parent."""
        pointer = tuple(pointer)
        while pointer:
            found = (self.keys if key else self.values).get(pointer)
            if found:
                return found
            pointer, key = pointer[:-1], False
        return self.values.get((), (1, 1))


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
            document = _Builder(relative, text, found, _FAST_LOADER or yaml.SafeLoader).build()
        except yaml.YAMLError:
            if _FAST_LOADER is None:
                raise
            # libyaml's messages are terse; the pure-Python parser's are the ones editors are shown.
            found = Report()
            document = _Builder(relative, text, found, yaml.SafeLoader).build()
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
    except _Refused as refused:
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


class _Refused(Exception):
    """The file is refused as a whole, at one place, before it is read any further."""

    def __init__(self, mark: yaml.Mark, message: str) -> None:
        self.position = (mark.line + 1, mark.column + 1)
        self.message = message


@dataclass(slots=True)
class _Open:
    """A list or record being read: where it goes, and how many values it holds so far."""

    value: Any
    pointer: Pointer
    anchor: str | None
    size: int = 1
    key: Any = None
    key_mark: yaml.Mark | None = None
    merges: list[tuple[Any, yaml.Mark]] | None = None


class _Builder:
    """Python values from the parser's events, one at a time, within the limits."""

    def __init__(self, path: str, text: str, report: Report, loader: type) -> None:
        self.path, self.text, self.report, self.loader = path, text, report, loader
        self.document = Document(path, None)
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.stack: list[_Open] = []
        self.total = 0
        self.expanded = 0
        self.documents = 0

    def build(self) -> Document | None:
        loader = self.loader(self.text)
        handlers = {
            yaml.DocumentStartEvent: self._document, yaml.ScalarEvent: self._scalar_event, yaml.AliasEvent: self._alias,
            yaml.SequenceStartEvent: self._open, yaml.MappingStartEvent: self._open,
            yaml.SequenceEndEvent: self._close, yaml.MappingEndEvent: self._close,
        }
        check, get = loader.check_event, loader.get_event
        try:
            while check():
                event = get()
                handler = handlers.get(type(event))
                if handler is not None:
                    handler(event)
        finally:
            loader.dispose()
        return self.document if self.documents else None

    def _document(self, event: yaml.DocumentStartEvent) -> None:
        self.documents += 1
        if self.documents > 1:
            raise _Refused(event.start_mark, "a second YAML document starts here ('---') — a data file is one list "
                           "of records; remove the line")

    def _scalar_event(self, event: yaml.ScalarEvent) -> None:
        value, written = self._scalar(event)
        self._add(value, 1, event, written)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)

    # -- values ------------------------------------------------------------------------------

    def _scalar(self, event: yaml.ScalarEvent) -> tuple[Any, Written | None]:
        text = event.value
        tag = event.tag
        if tag in _PLAIN_TAGS:
            if not event.implicit[0]:
                return text, None  # quoted: text
            tag = next((t for t, rule in _IMPLICIT.get(text[:1], ()) if rule.match(text)), None)
            if tag is None:
                return text, None
        kind = tag.removeprefix(_YAML)
        if kind in ("str", "timestamp", "merge", "value"):
            return text, None  # dates are text in our data: '2015-02-30' is checked, and reported, as a date
        if kind in ("bool", "int", "float", "null") and tag.startswith(_YAML):
            try:
                value = _CONSTRUCTOR.construct_object(yaml.ScalarNode(tag, text, event.start_mark, event.end_mark))
            except (ValueError, yaml.YAMLError):
                value = text
            finally:
                _CONSTRUCTOR.constructed_objects.clear()
            return value, Written(text, kind)
        self.report.add(self.path, _position(event.start_mark), f"the YAML tag '{event.tag}' has no meaning in our data — "
                        "remove it and write plain text")
        return text, None

    def _alias(self, event: yaml.AliasEvent) -> None:
        if any(frame.anchor == event.anchor for frame in self.stack):
            raise _Refused(event.start_mark, f"the YAML alias *{event.anchor} refers to the list or record it is in — "
                           "write the values out")
        if event.anchor not in self.anchors:
            raise _Refused(event.start_mark, f"the YAML alias *{event.anchor} has no anchor &{event.anchor} above it — "
                           f"mark the value to repeat with &{event.anchor}, or write the value out")
        value, size = self.anchors[event.anchor]
        self.expanded += size
        self._add(value, size, event, None)

    def _open(self, event: yaml.CollectionStartEvent) -> None:
        if len(self.stack) >= MAX_DEPTH:
            raise _Refused(event.start_mark, f"lists and records are nested more than {MAX_DEPTH} levels deep here — "
                           "check the brackets and the indentation")
        if event.tag not in _COLLECTION_TAGS:
            self.report.add(self.path, _position(event.start_mark), f"the YAML tag '{event.tag}' has no meaning in our data "
                            "— remove it")
        container: Any = [] if isinstance(event, yaml.SequenceStartEvent) else {}
        pointer = self._pointer(event)
        self._count(1, event)
        self.document.values[pointer] = _position(event.start_mark)
        self.stack.append(_Open(container, pointer, event.anchor))

    def _close(self, event: yaml.Event) -> None:
        frame = self.stack.pop()
        for merged, mark in frame.merges or ():
            for key, value in merged.items():
                if key not in frame.value:
                    frame.value[key] = value
                    self.document.keys[(*frame.pointer, key)] = _position(mark)
        if frame.anchor:
            self.anchors[frame.anchor] = (frame.value, frame.size)
        self._place(frame.value, frame.size)

    def _add(self, value: Any, size: int, event: yaml.Event, written: Written | None) -> None:
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.value, dict) and top.key is None:
            self._key(top, value, event, written)
            return
        pointer = self._pointer(event)
        self._count(size, event)
        self.document.values[pointer] = _position(event.start_mark)
        if written is not None:
            self.document.written[pointer] = written
        self._place(value, size)

    def _key(self, top: _Open, value: Any, event: yaml.Event, written: Written | None) -> None:
        if not isinstance(event, yaml.ScalarEvent):
            raise _Refused(event.start_mark, "a field name must be plain text, e.g. 'name:'")
        top.key = written.text if written else value  # 'on:' is the field 'on', never true
        top.key_mark = event.start_mark
        if (event.tag or "").endswith("merge") or (event.implicit[0] and value == "<<"):
            top.key = _MERGE
        self._count(1, event)

    def _place(self, value: Any, size: int) -> None:
        """Put a finished value into the list or record around it."""
        if not self.stack:
            self.document.value = value
            return
        top = self.stack[-1]
        top.size += size
        if isinstance(top.value, list):
            top.value.append(value)
            return
        key, mark = top.key, top.key_mark
        top.key = None
        if key is _MERGE:
            merged = value if isinstance(value, list) else [value]
            if not all(isinstance(m, dict) for m in merged):
                raise _Refused(mark, "'<<' merges the fields of a record: write '<<: *name' where '&name' marks a record")
            top.merges = (top.merges or []) + [(m, mark) for m in merged]
            return
        if key in top.value:
            self.report.add(self.path, _position(mark), f"field {key!r} is given twice in the same record — keep one")
        top.value[key] = value
        self.document.keys[(*top.pointer, key)] = _position(mark)

    def _pointer(self, event: yaml.Event) -> Pointer:
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.value, list):
            return (*top.pointer, len(top.value))
        return (*top.pointer, top.key)

    def _count(self, size: int, event: yaml.Event) -> None:
        self.total += size
        if self.total <= MAX_VALUES:
            return
        if self.expanded:
            raise _Refused(event.start_mark, f"the YAML aliases (*name) in this file expand to more than {MAX_VALUES:,} "
                           f"values (here, at *{getattr(event, 'anchor', '')}) — write the values out instead of nesting "
                           "aliases")
        raise _Refused(event.start_mark, f"the file holds more than {MAX_VALUES:,} values — check that it is the right "
                       "file; data this large needs the limit in hooks/nkexplainer/load.py raised")


_MERGE = object()
"""The `<<` key: the fields of the record(s) it names are merged into the record it is in."""


def _position(mark: yaml.Mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


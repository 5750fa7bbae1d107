"""Python values from the YAML parser's event stream, counted as they come, within limits.

`Builder` turns the events of one document into lists, dicts and scalars, and
records where each value and key stands (`Document`). It refuses a file
(`Refused`, with the place) as soon as it crosses a limit, so a hostile file is
never built in full. Plain scalars that YAML reads as something other than text
keep the text typed (`Written`); dates stay text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import Report

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


class Refused(Exception):
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


class Builder:
    """Python values from the parser's events, one at a time, within the limits."""

    def __init__(self, path: str, text: str, report: Report, loader: type, *, max_values: int, max_depth: int) -> None:
        self.path, self.text, self.report, self.loader = path, text, report, loader
        self.max_values, self.max_depth = max_values, max_depth
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
            raise Refused(event.start_mark, "a second YAML document starts here ('---') — a data file is one list "
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
            raise Refused(event.start_mark, f"the YAML alias *{event.anchor} refers to the list or record it is in — "
                           "write the values out")
        if event.anchor not in self.anchors:
            raise Refused(event.start_mark, f"the YAML alias *{event.anchor} has no anchor &{event.anchor} above it — "
                           f"mark the value to repeat with &{event.anchor}, or write the value out")
        value, size = self.anchors[event.anchor]
        self.expanded += size
        self._add(value, size, event, None)

    def _open(self, event: yaml.CollectionStartEvent) -> None:
        if len(self.stack) >= self.max_depth:
            raise Refused(event.start_mark, f"lists and records are nested more than {self.max_depth} levels deep here — "
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
            raise Refused(event.start_mark, "a field name must be plain text, e.g. 'name:'")
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
                raise Refused(mark, "'<<' merges the fields of a record: write '<<: *name' where '&name' marks a record")
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
        if self.total <= self.max_values:
            return
        if self.expanded:
            raise Refused(event.start_mark, f"the YAML aliases (*name) in this file expand to more than {self.max_values:,} "
                           f"values (here, at *{getattr(event, 'anchor', '')}) — write the values out instead of nesting "
                           "aliases")
        raise Refused(event.start_mark, f"the file holds more than {self.max_values:,} values — check that it is the right "
                       "file; data this large needs the limit in hooks/nkexplainer/load.py raised")


_MERGE = object()
"""The `<<` key: the fields of the record(s) it names are merged into the record it is in."""


def _position(mark: yaml.Mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


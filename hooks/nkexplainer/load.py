"""Reading YAML files into plain Python values that remember where each came from."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Report

_CONSTRUCTOR = yaml.constructor.SafeConstructor()
"""Turns scalar nodes into Python values by their YAML tag (int, bool, null, str); stateless once cleared."""

_FAST_LOADER = getattr(yaml, "CSafeLoader", None)
"""libyaml's loader when PyYAML was built with it (the pinned wheels are); None otherwise."""

Pointer = tuple[Any, ...]
"""A path into a document: `(3, "aliases", 0)` is the first alias of the fourth record."""


@dataclass
class Document:
    """One data file: its values, and the line and column of every key and value."""

    path: str
    value: Any
    values: dict[Pointer, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Pointer, tuple[int, int]] = field(default_factory=dict)

    def at(self, pointer: Pointer, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at `pointer` (or of its key), else of its nearest parent."""
        pointer = tuple(pointer)
        while pointer:
            found = (self.keys if key else self.values).get(pointer)
            if found:
                return found
            pointer, key = pointer[:-1], False
        return self.values.get((), (1, 1))


def read_document(root: Path, relative: str, report: Report) -> Document | None:
    """Parse `root/relative`; on any problem, report it and return None."""
    raw = (root / relative).read_bytes()
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
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        position = (mark.line + 1, mark.column + 1) if mark else None
        lines = text.splitlines()
        shown = f" in: {lines[mark.line].strip()!r}" if mark and mark.line < len(lines) else ""
        what = " ".join(filter(None, [error.context, error.problem]))
        context = error.context_mark
        if context and mark and context.line != mark.line and context.line < len(lines):
            shown += f" (it started on line {context.line + 1}: {lines[context.line].strip()!r})"
        report.add(relative, position, f"YAML syntax: {what}{shown} — check indentation, colons and quote marks")
        return None
    except yaml.YAMLError as error:
        report.add(relative, None, f"YAML syntax: {error}")
        return None
    if node is None:  # only comments
        report.add(relative, None, "the file is empty — it must hold a list of records (copy one from the README)")
        return None
    document = Document(relative, None)
    try:
        document.value = _convert(node, (), document, report, frozenset())
    except yaml.MarkedYAMLError as error:  # e.g. an unknown tag such as !shout
        mark = error.problem_mark
        report.add(relative, (mark.line + 1, mark.column + 1) if mark else None,
                   f"YAML syntax: {error.problem} — remove the tag and write plain text")
        return None
    except _SelfReference as error:
        report.add(relative, _mark(error.node), "a YAML alias (*name) refers to the list or record it is in — write the values out")
        return None
    return document


def _compose(text: str) -> yaml.Node | None:
    """The document's node tree, with the line and column of every node.

    libyaml (PyYAML's C parser) builds the same nodes many times faster; a file it
    rejects is parsed again by the pure-Python parser, whose messages are the ones
    editors are shown, so errors read the same either way.
    """
    if _FAST_LOADER is not None:
        loader = _FAST_LOADER(text)
        try:
            return loader.get_single_node()
        except yaml.YAMLError:
            pass
        finally:
            loader.dispose()
    loader = yaml.SafeLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


class _SelfReference(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


def _convert(node: yaml.Node, pointer: Pointer, document: Document, report: Report, within: frozenset[int]) -> Any:
    document.values[pointer] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if id(node) in within:
        raise _SelfReference(node)
    within = within | {id(node)}
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node)
            if not isinstance(key, (str, int)):
                report.add(document.path, _mark(key_node), "a field name must be plain text")
                continue
            if key in result:
                report.add(document.path, _mark(key_node), f"field {key!r} is given twice in the same record — keep one")
            document.keys[(*pointer, key)] = _mark(key_node)
            result[key] = _convert(value_node, (*pointer, key), document, report, within)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*pointer, i), document, report, within) for i, item in enumerate(node.value)]
    return _scalar(node)


def _scalar(node: yaml.Node) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        return node  # a non-scalar key; the caller reports it
    value = _CONSTRUCTOR.construct_object(node)
    _CONSTRUCTOR.constructed_objects.clear()
    if isinstance(value, (datetime.date, datetime.datetime)):
        # An unquoted 2013-02-12 is a YAML date; dates are text in our data.
        return node.value
    return value


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1

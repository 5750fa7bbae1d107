"""The first check: each data file read and held against its JSON Schema, in editors' words.

Every record goes on to `check`, not only the ones that pass: a field with a
problem is reported here and left out, and the rest of the record is still
checked, so one run shows every independent mistake. Only a `complete` record
(every field fine) becomes part of the model.

Before the schema runs, plain scalars that YAML read as something other than
text are settled (`_Settler`): where the schema wants text, a number is taken as
the text typed (`title: 1989`), and a boolean or null is reported with what YAML
made of it ("YAML read NO as false — put it in quotes").
"""

from __future__ import annotations

import difflib
import hashlib
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from jsonschema import Draft202012Validator

from . import hints, schema
from .errors import Report
from .load import MAX_BYTES, Document, Pointer, read_document

_VALIDATORS = {name: Draft202012Validator(schema.file_schema(name)) for name in schema.FILES}


@dataclass
class Record:
    """One record of a data file, with the fields that passed the schema."""

    document: Document
    index: int
    fields: dict[str, Any]
    """The record's fields, less those the schema refused (already reported)."""
    complete: bool = True
    """True when every field passed: the record can be built into the model."""
    bad_items: set[tuple[str, int]] = field(default_factory=set)
    """Items of list fields that the schema refused: `("cites", 1)`."""
    bad_id: bool = False
    """The id does not fit the id pattern; `check` reports it, with the references that fail because of it."""

    @property
    def id(self) -> str | None:
        value = self.fields.get("id")
        return value if isinstance(value, str) and not self.bad_id else None

    @property
    def path(self) -> str:
        return self.document.path

    def at(self, *pointer: Any, key: bool = False) -> tuple[int, int]:
        """Line and column of a field of this record (or of one of its items)."""
        return self.document.at((self.index, *pointer), key=key)

    def items(self, name: str) -> Iterator[tuple[int, Any]]:
        """The schema-valid items of the list field `name`, with their index in the file."""
        for j, item in enumerate(self.fields.get(name) or ()):
            if (name, j) not in self.bad_items:
                yield j, item


_READ: dict[tuple[str, str], tuple[bytes, list[Record] | None, list]] = {}
"""Under `mkdocs serve`, the records of each file as last read, with their problems: a file whose bytes are
unchanged is not parsed and validated again (a Record is never changed once read)."""


def read_records(root: Path, name: str, report: Report) -> list[Record] | None:
    """Every record of `data/<name>.yml`; None when the file cannot be read as a list of records (reported)."""
    key = (str(root), name)
    state = _content_digest(root / f"data/{name}.yml")
    if state is not None and (kept := _READ.get(key)) is not None and kept[0] == state:
        report.problems.extend(kept[2])
        return kept[1]
    found = Report()
    records = _read_records(root, name, found)
    report.problems.extend(found.problems)
    if state is not None:
        _READ[key] = (state, records, list(found.problems))
    return records


def _content_digest(path: Path) -> bytes | None:
    """A digest of a regular file of at most MAX_BYTES, else None (read_document reports what is wrong)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return None
        with path.open("rb") as handle:
            return hashlib.blake2b(handle.read(MAX_BYTES + 1), digest_size=20).digest()
    except OSError:
        return None


def _read_records(root: Path, name: str, report: Report) -> list[Record] | None:
    relative = f"data/{name}.yml"
    kind = schema.FILES[name][0]
    if not (root / relative).exists() and not (root / relative).is_symlink():
        report.add(relative, None, f"the file is missing — create it with a list of {kind} records")
        return None
    document = read_document(root, relative, report)
    if document is None:
        return None
    if not isinstance(document.value, list):
        report.add(relative, document.at(()), f"the file must be a list of {kind} records, each starting with '- id:'")
        return None
    _Settler(document, kind, report).settle(document.value, schema.file_schema(name), ())
    records = {i: Record(document, i, dict(r)) for i, r in enumerate(document.value) if isinstance(r, dict)}
    for error in _VALIDATORS[name].iter_errors(document.value):
        pointer = tuple(error.absolute_path)
        record = records.get(pointer[0]) if pointer else None
        if record is not None:
            record.complete = False
            if pointer[1:] == ("id",) and error.validator == "pattern":
                record.bad_id = True  # reported by `check`, which knows what refers to it
                continue
            _leave_out(record, pointer[1:])
        _report_schema_error(document, kind, pointer, error, report)
    return list(records.values())


def _leave_out(record: Record, pointer: Pointer) -> None:
    """Leave the refused part of a record out of the checks that follow: a list item, else the whole field."""
    if not pointer or pointer[0] not in record.fields:
        return
    name = pointer[0]
    if len(pointer) >= 2 and isinstance(record.fields[name], list):
        record.bad_items.add((name, pointer[1]))
    else:
        del record.fields[name]


# -- what YAML made of plain scalars ---------------------------------------------------------------

_READS_AS_TYPED = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
"""A number that means what it says: `1989`, `2.5`; not `010` (octal 8), `12:30` (750) or `1_000`."""


class _Settler:
    """Where the schema wants text and YAML read a number, boolean or null: the text typed, or a clear report."""

    def __init__(self, document: Document, kind: str, report: Report) -> None:
        self.document, self.kind, self.report = document, kind, report

    def settle(self, value: Any, rule: dict[str, Any], pointer: Pointer) -> Any:
        if "anyOf" in rule:
            branches = rule["anyOf"]
            rule = next((b for b in branches if b.get("type") == ("object" if isinstance(value, dict) else "string")),
                        branches[0])
        if isinstance(value, dict):
            for key, inner in rule.get("properties", {}).items():
                if key in value:
                    value[key] = self.settle(value[key], inner, (*pointer, key))
            return value
        if isinstance(value, list):
            if "items" in rule:
                for j, item in enumerate(value):
                    value[j] = self.settle(item, rule["items"], (*pointer, j))
            return value
        written = self.document.written.get(pointer)
        if written is None or not self._wants_text(rule):
            return value
        types = rule.get("type")
        if value is None and (written.text == "" or (isinstance(types, list) and "null" in types)):
            return value  # empty, reported by the schema as empty when it must not be
        if isinstance(value, (int, float)) and not isinstance(value, bool) and _READS_AS_TYPED.fullmatch(written.text):
            return written.text
        self._report(pointer, written, value)
        return written.text

    @staticmethod
    def _wants_text(rule: dict[str, Any]) -> bool:
        types = rule.get("type")
        types = types if isinstance(types, list) else [types]
        return "string" in types or ("enum" in rule and all(isinstance(v, str) for v in rule["enum"]))

    def _report(self, pointer: Pointer, written: Any, value: Any) -> None:
        record = self.document.value[pointer[0]] if pointer else None
        who = _who(self.kind, record)
        name = ".".join(str(p) for p in pointer[1:])
        if isinstance(value, bool):
            made = str(value).lower()
        elif value is None:
            made = "empty (null)"
        else:
            made = f"the number {value:g}" if isinstance(value, float) else f"the number {value}"
        self.report.add(self.document.path, self.document.at(pointer), f"{who}'{name}': YAML read {written.text} as "
                        f"{made} — put it in quotes: \"{written.text}\"")


def _who(kind: str, record: Any) -> str:
    if isinstance(record, dict) and isinstance(record.get("id"), str) and re.match(schema.SLUG, record["id"]):
        return f"{kind} '{record['id']}': "
    return ""


# -- schema errors in editors' words ----------------------------------------------------------------


def _report_schema_error(document: Document, kind: str, pointer: tuple, error: Any, report: Report) -> None:
    record = document.value[pointer[0]] if pointer else None
    who = _who(kind, record)
    field = ".".join(str(p) for p in pointer[1:]) or "record"
    where = document.at(pointer)
    validator = error.validator
    if validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        for name in sorted(set(error.instance) - set(allowed), key=str):
            guess = difflib.get_close_matches(str(name), allowed, n=1)
            hint = f"did you mean '{guess[0]}'?" if guess else f"allowed fields: {', '.join(allowed)}"
            report.add(document.path, document.at((*pointer, name), key=True), f"{who}unknown field '{name}' — {hint}")
        return
    if validator == "required":
        missing = error.message.split("'")[1]
        unknown = [k for k in error.instance if isinstance(k, str) and k not in error.schema["properties"]]
        typos = difflib.get_close_matches(missing, unknown, n=1)
        if typos:
            return  # reported once, as the unknown field that is probably this one mistyped
        about = error.schema["properties"][missing].get("description", "")
        report.add(document.path, where, f"{who}missing field '{missing}' — add it ({about})")
        return
    if validator == "dependentRequired":
        report.add(document.path, document.at((*pointer, "date")), f"{who}a date needs 'precision' (year, month or day)")
        return
    if validator == "type":
        report.add(document.path, where, _type_message(kind, who, field, pointer, error))
        return
    if validator == "enum":
        options = ", ".join(str(v) for v in error.validator_value)
        guess = difflib.get_close_matches(str(error.instance), [str(v) for v in error.validator_value], n=1)
        hint = f"did you mean '{guess[0]}'?" if guess else f"use one of: {options}"
        report.add(document.path, where, f"{who}'{field}' is '{error.instance}', which is not one of {options} — {hint}")
        return
    if validator == "pattern":
        report.add(document.path, where, f"{who}'{field}' is {error.instance!r} — {pattern_hint(error.validator_value, error.instance)}")
        return
    if validator in ("minLength", "minItems"):
        report.add(document.path, where, f"{who}'{field}' is empty — fill it in or remove the field if it is optional")
        return
    if validator == "anyOf":
        report.add(document.path, where, f"{who}'{field}' must be a name, or a mapping with 'name' (and optionally 'autolink', 'note', 'from_article', 'sources')")
        return
    report.add(document.path, where, f"{who}'{field}': {error.message}")


def _type_message(kind: str, who: str, field: str, pointer: tuple, error: Any) -> str:
    if not pointer:
        return f"the file must be a list of {kind} records, each starting with '- id:'"
    if len(pointer) == 1:
        return f"record {pointer[0] + 1} must be a mapping of fields (id: ..., name: ...), not {_describe(error.instance)}"
    wanted = _as_list(error.validator_value)
    if error.instance is None and "string" in wanted:
        return f"{who}'{field}' is empty — fill it in or remove the field if it is optional"
    message = f"{who}'{field}' must be {' or '.join(_TYPE_NAMES[t] for t in wanted)}, not {_describe(error.instance)}"
    if wanted == ["boolean"] and isinstance(error.instance, str) and error.instance.lower() in ("true", "false"):
        message += f" — write {error.instance.lower()} without quotes"
    return message


def pattern_hint(pattern: str, value: str) -> str:
    """What the value should look like, naming any invisible or look-alike character in it."""
    hint = _PATTERN_HINTS.get(pattern, "see the README for the format")
    if pattern == schema.SLUG and hints.slug(value):
        hint = f"ids are lowercase words joined by hyphens, e.g. '{hints.slug(value)}'"
    odd = hints.invisible(value)
    if odd:
        hint = f"it contains {', '.join(hints.name(c) for c in odd)}: retype it — {hint}"
    return hint


_TYPE_NAMES = {"string": "text", "integer": "a whole number", "array": "a list", "object": "a mapping of fields",
               "boolean": "true or false", "null": "null", "number": "a number"}
_PATTERN_HINTS = {
    schema.SLUG: "ids are lowercase words joined by hyphens, e.g. 'north-korea'",
    schema.PLAIN: "names and titles are plain text shown in menus and browser tabs; remove the < and > signs",
    schema.CITATION: "a citation is a source id and a paragraph, e.g. 'evolving-relations#p3'",
    schema._DATE_FIELDS["date"]["pattern"]: "write dates as YYYY, YYYY-MM or YYYY-MM-DD, e.g. '2013-02'",
}


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if value is None:
        return "empty"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    return _TYPE_NAMES.get({list: "array", dict: "object"}.get(type(value), ""), "something else")

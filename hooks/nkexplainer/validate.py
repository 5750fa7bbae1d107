"""The first check: each data file read and held against its JSON Schema, in editors' words.

Records that pass go on to `check`; every problem found here is reported with
the line and column of the offending key or value.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from . import schema
from .errors import Report
from .load import Document, read_document

_VALIDATORS = {name: Draft202012Validator(schema.file_schema(name)) for name in schema.FILES}


Record = tuple[Document, int, dict[str, Any]]
"""A record: its file, its index in the file, its fields."""


def read_records(root: Path, name: str, report: Report) -> tuple[list[Record], list[Record]]:
    """The records of `data/<name>.yml` that passed the schema, and every record with an id (valid or not)."""
    relative = f"data/{name}.yml"
    if not (root / relative).is_file():
        report.add(relative, None, f"the file is missing — create it with a list of {schema.FILES[name][0]} records")
        return [], []
    document = read_document(root, relative, report)
    if document is None:
        return [], []
    kind = schema.FILES[name][0]
    if not isinstance(document.value, list):
        report.add(relative, document.at(()), f"the file must be a list of {kind} records, each starting with '- id:'")
        return [], []
    bad: set[int] = set()
    for error in _VALIDATORS[name].iter_errors(document.value):
        pointer = tuple(error.absolute_path)
        if pointer:
            bad.add(pointer[0])
        _report_schema_error(document, kind, pointer, error, report)
    records = [(document, i, r) for i, r in enumerate(document.value) if isinstance(r, dict)]
    with_ids = [(d, i, r) for d, i, r in records if isinstance(r.get("id"), str) and re.match(schema.SLUG, r["id"])]
    return [(d, i, r) for d, i, r in records if i not in bad], with_ids


def _report_schema_error(document: Document, kind: str, pointer: tuple, error: Any, report: Report) -> None:
    record = document.value[pointer[0]] if pointer else None
    who = f"{kind} '{record['id']}': " if isinstance(record, dict) and isinstance(record.get("id"), str) else ""
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
    if validator == "type":
        wanted = " or ".join(_TYPE_NAMES[t] for t in _as_list(error.validator_value))
        message = f"{who}'{field}' must be {wanted}, not {_describe(error.instance)}"
        if not pointer:
            message = f"the file must be a list of {kind} records, each starting with '- id:'"
        elif len(pointer) == 1:
            message = f"record {pointer[0] + 1} must be a mapping of fields (id: ..., name: ...), not {_describe(error.instance)}"
        report.add(document.path, where, message)
        return
    if validator == "enum":
        options = ", ".join(str(v) for v in error.validator_value)
        guess = difflib.get_close_matches(str(error.instance), [str(v) for v in error.validator_value], n=1)
        hint = f"did you mean '{guess[0]}'?" if guess else f"use one of: {options}"
        report.add(document.path, where, f"{who}'{field}' is '{error.instance}', which is not one of {options} — {hint}")
        return
    if validator == "pattern":
        report.add(document.path, where, f"{who}'{field}' is {error.instance!r} — {_PATTERN_HINTS.get(error.validator_value, 'see the README for the format')}")
        return
    if validator in ("minLength", "minItems"):
        report.add(document.path, where, f"{who}'{field}' is empty — fill it in or remove the field if it is optional")
        return
    if validator == "anyOf":
        report.add(document.path, where, f"{who}'{field}' must be a name, or a mapping with 'name' (and optionally 'autolink', 'note')")
        return
    report.add(document.path, where, f"{who}'{field}': {error.message}")


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

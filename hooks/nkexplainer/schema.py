"""The shape of every data file, as JSON Schema.

This module is the single source of truth for the fields editors may write.
The build validates `data/*.yml` against these schemas, and
`python -m nkexplainer.schema --write` exports them to `data/schema/` so that
editors' tools (yaml-language-server) offer completion and warnings while
typing. A test fails when the exported copies drift from this module.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
"""Ids are lowercase words joined by hyphens: `north-korea`, `xi-visits-seoul`."""

PLAIN = r"^[^<>]*$"
"""Names and titles show in navigation and browser titles, where the theme prints them as HTML: no angle brackets."""

CITATION = r"^[a-z0-9]+(?:-[a-z0-9]+)*#p[1-9][0-9]*$"
"""A citation names a source and one of its paragraphs: `evolving-relations#p3`."""

_DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _text(description: str, **extra: Any) -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "description": description, **extra}


def _id(what: str) -> dict[str, Any]:
    return _text(f"Stable id of this {what}: lowercase words joined by hyphens. Never change it once published.", pattern=SLUG)


def _ref(what: str) -> dict[str, Any]:
    return _text(f"The id of {what}.", pattern=SLUG)


def _list(items: dict[str, Any], description: str, *, min_items: int = 0) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "array", "items": items, "description": description}
    if min_items:
        schema["minItems"] = min_items
    return schema


_CITES = _list(
    _text("A source id and paragraph number, e.g. `evolving-relations#p3`.", pattern=CITATION),
    "The paragraphs of the source this record rests on.",
    min_items=1,
)

_DATE_FIELDS: dict[str, Any] = {
    "date": {
        "type": ["string", "integer"],
        "description": "YYYY, YYYY-MM or YYYY-MM-DD, exactly as precise as `precision` says.",
        "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
    },
    "precision": {
        "enum": ["year", "month", "day"],
        "description": "How precise the source allows the date to be. Never more precise than the article.",
    },
    "qualifier": {
        "enum": ["about", "before", "after", "since", "by"],
        "description": "Optional: the date is a bound or an approximation, not the exact time "
        "('by 2015': at the latest in 2015).",
    },
    "basis": _text(
        "How the date follows from the text, when the article does not state it outright "
        "(for example: 'a year after December 2013, p5')."
    ),
}


def _record(required: list[str], properties: dict[str, Any], description: str) -> dict[str, Any]:
    record = {
        "type": "object",
        "description": description,
        "required": required,
        "properties": properties,
        "additionalProperties": False,
    }
    if "date" in properties and "precision" not in required:
        record["dependentRequired"] = {"date": ["precision"]}  # an optional date still needs its precision
    return record


_ALIAS = {
    "anyOf": [
        _text("Another name or abbreviation by which the source refers to this record."),
        _record(
            ["name"],
            {
                "name": _text("The alias as it is written in the source."),
                "autolink": {
                    "type": "boolean",
                    "description": "false: the alias is ambiguous in general; list it but do not link it automatically.",
                },
                "note": _text("Why the alias means this record in this source, or why it is not linked."),
                "from_article": {
                    "type": "boolean",
                    "description": "false: no source writes this name (e.g. a usual abbreviation the editors add); "
                    "pages say so. Otherwise the build checks that a source writes it exactly so.",
                },
                "sources": _list(
                    _ref("a source in whose text the alias means this record"),
                    "Optional: the alias means this record only in these sources' texts; elsewhere it is left alone.",
                    min_items=1,
                ),
            },
            "An alias with a note on how it is used.",
        ),
    ]
}

_RELATION = _record(
    ["to", "label", "cites"],
    {
        "to": _ref("the other actor"),
        "label": _text("The relation read from this actor's side, as a verb in the active voice, e.g. 'depends on'."),
        "inverse": _text("Optional: the same relation told from the other actor's side, also in the active voice, "
                         "e.g. 'is expected to host' for 'is expected to visit'. Without it the other actor's page "
                         "says the sentence as this actor's does ('North Korea depends on China'); never write a "
                         "passive ('is depended on by')."),
        "note": _text("One sentence from the article's point of view explaining the relation."),
        "since": _ref("the event that began the relation (it must have happened), e.g. 'xi-becomes-general-secretary'; "
                      "the timeline then draws it as a lane from that event's date"),
        "until": _ref("the event that ended the relation (it must have happened, after `since`); without it the lane "
                      "runs to the article's date"),
        "timing_from_article": {
            "type": "boolean",
            "description": "false: the article does not say that `since`/`until` began or ended the relation; it is "
            "general background the editors add (say so in `note`). The timeline marks the lane as background.",
        },
        "cites": _CITES,
    },
    "A relation between this actor and another, shown on both actors' pages.",
)

ACTOR = _record(
    ["id", "name", "kind", "summary", "role", "cites"],
    {
        "id": _id("actor"),
        "name": _text("The name readers know best, e.g. 'North Korea'.", pattern=PLAIN),
        "kind": {"enum": ["state", "person", "organisation", "media", "group"], "description": "Groups the Who's who index."},
        "aliases": _list(_ALIAS, "Other names, abbreviations and stand-ins (a capital city for its government)."),
        "title": _text("Optional: position or office as the source gives it, e.g. 'Korea Chair, CSIS'."),
        "summary": _text("One or two sentences of background: who or what this is."),
        "role": _text("The actor's part in this story, as the article tells it."),
        "relations": _list(_RELATION, "Relations to other actors, each resting on a paragraph."),
        "cites": _CITES,
    },
    "A person, state, organisation, news outlet or group that acts in the article.",
)

EVENT = _record(
    ["id", "title", "date", "precision", "status", "actors", "summary", "cites"],
    {
        "id": _id("event"),
        "title": _text("A short headline for the event.", pattern=PLAIN),
        **_DATE_FIELDS,
        "status": {"enum": ["happened", "expected"], "description": "'expected' for what the article only anticipates."},
        "effect": {
            "enum": ["cooling", "warming", "neutral"],
            "description": "How the event moved China–North Korea ties, as the cited paragraph tells it.",
        },
        "actors": _list(_ref("an actor taking part"), "Who takes part.", min_items=1),
        "summary": _text("What happened, in a sentence or two that stay within the article."),
        "cites": _CITES,
    },
    "A dated or datable development.",
)

QUOTE = _record(
    ["id", "text", "kind", "attribution", "context", "cites"],
    {
        "id": _id("quote"),
        "text": _text("The words exactly as they stand in the cited paragraph (checked at build time)."),
        "kind": {
            "enum": ["direct", "reported", "saying", "phrase"],
            "description": "direct: words in quotation marks from a speaker; reported: speech the article reports; "
            "saying: a common saying; phrase: a term the article puts in quotation marks.",
        },
        "speaker": _ref("the actor who said or wrote it (leave out for sayings and the article's own phrases)"),
        "attribution": _text("Who said it, in words, e.g. 'Victor Cha, Korea Chair at CSIS'."),
        **_DATE_FIELDS,
        "event": _ref("the event at which it was said"),
        "about": _list(_ref("an actor the quote is about"), "Actors the quote is about."),
        "context": _text("Where and why it was said, as the article tells it."),
        "key": {"type": "boolean", "description": "true: shown among the key quotes on the home page."},
        "cites": _CITES,
    },
    "Words in quotation marks or a statement the article attributes to someone.",
)

TERM = _record(
    ["id", "term", "definition", "cites"],
    {
        "id": _id("term"),
        "term": _text("The term as readers meet it in the article.", pattern=PLAIN),
        "aliases": _list(_ALIAS, "Other spellings or forms of the term."),
        "definition": _text("One plain sentence; shown as the tooltip. General background, not claims about the story."),
        "explanation": _text("Optional: more background, and how the article uses the term."),
        "cites": _CITES,
    },
    "A word or phrase a general reader may not know.",
)

_MENTION = _record(
    ["paragraph", "words", "means"],
    {
        "paragraph": _text("The paragraph, e.g. 'p3'.", pattern=r"^p[1-9][0-9]*$"),
        "words": _text("Words copied exactly from that paragraph, holding the mention once, e.g. 'officials in Beijing'."),
        "means": _text("What the mention means there: 'nothing' (not linked), 'actor:<id>' or 'term:<id>'.",
                       pattern=r"^(?:nothing|(?:actor|term):[a-z0-9]+(?:-[a-z0-9]+)*)$"),
    },
    "An exception to automatic linking in this source's text, checked at build time.",
)

SOURCE = _record(
    ["id", "file", "title", "dek", "provenance"],
    {
        "id": _id("source"),
        "file": _text("Path of the text under seeds/, e.g. 'seeds/article.txt'. Line 1 title, line 2 dek, then one paragraph a line."),
        "title": _text("The title, exactly as line 1 of the file.", pattern=PLAIN),
        "dek": _text("The standfirst under the title, exactly as line 2 of the file."),
        "short": _text("Optional: a short name for citations when the site has several sources, e.g. 'Evolving Relations'.",
                       pattern=PLAIN),
        "kind": _text("What the text is, e.g. 'analysis article'."),
        "author": {"type": ["string", "null"], "description": "null when the source does not name its author."},
        "publisher": {"type": ["string", "null"], "description": "null when the source does not name its publisher."},
        "published": {"type": ["string", "null"], "description": "null when the source does not give its publication date."},
        "written": _record(
            ["date", "precision", "basis"],
            {**_DATE_FIELDS, "basis": _text("The reasoning from the text that dates the writing.")},
            "When the text was written, inferred from the text itself.",
        ),
        "mentions": _list(_MENTION, "Optional: mentions in this text that mean another record, or nothing."),
        "provenance": _text("Plainly, what the file does and does not say about where it comes from."),
    },
    "A text the site rests on.",
)

FILES: dict[str, tuple[str, dict[str, Any]]] = {
    "sources": ("source", SOURCE),
    "actors": ("actor", ACTOR),
    "events": ("event", EVENT),
    "quotes": ("quote", QUOTE),
    "glossary": ("term", TERM),
}
"""Each data file (`data/<name>.yml`): the record kind it holds and that record's schema."""


def file_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of one data file: a list of records."""
    kind, record = FILES[name]
    return {
        "$schema": _DRAFT,
        "$id": f"{name}.schema.json",
        "title": f"data/{name}.yml",
        "description": f"A list of {kind} records. Copy a neighbouring record to add one.",
        "type": "array",
        "minItems": 1,
        "items": record,
    }


def exported() -> dict[str, str]:
    """The text of every exported schema file, by file name."""
    return {f"{name}.schema.json": json.dumps(file_schema(name), indent=2, ensure_ascii=False) + "\n" for name in FILES}


def _write(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in exported().items():
        (folder / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    import sys

    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python -m nkexplainer.schema --write   (exports data/schema/*.schema.json)")
    _write(Path(__file__).resolve().parents[2] / "data" / "schema")

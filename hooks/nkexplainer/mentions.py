"""Mentions under the editors' control, where a source's own text is linked.

Two tools, both checked at build time:
- an alias can be limited to some sources (`sources: [evolving-relations]` on the alias): in any other
  source's text the name is left alone ("Beijing" the city in a travel report is not China);
- one mention can be marked, in a source record's `mentions`, by paragraph and its exact words, as
  meaning nothing (not linked) or another record (`means: actor:kim-jong-il`). An exception whose
  words are not in the paragraph, or hold no mention, is an error: it would silently do nothing.

Editors' own text (roles, summaries, pages in docs/) is not a source's text; limits and exceptions
do not apply there.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from .model import MentionRule, Model
from .quoting import closest_passage, locate

if TYPE_CHECKING:
    from .errors import Report
    from .link import Target
    from .model import Paragraph
    from .validate import Record

_MEANS = re.compile(r"^(?:nothing|(?P<kind>actor|term):(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*))$")


def alias_limits(model: Model) -> dict[str, frozenset[str]]:
    """Each name limited to some sources, with those sources (a lower-case term alias also capitalised)."""
    limits: dict[str, frozenset[str]] = {}
    for aliases in [a.aliases for a in model.actors.values()] + [t.aliases for t in model.terms.values()]:
        for alias in aliases:
            if alias.sources:
                limits[alias.name] = frozenset(alias.sources)
                if alias.name[:1].islower():
                    limits[alias.name[:1].upper() + alias.name[1:]] = frozenset(alias.sources)
    return limits


class SourceMentions:
    """The limits and exceptions of one model, applied to the mentions the linker finds in a paragraph."""

    def __init__(self, model: Model, target_of: Callable[[str, str], Target]) -> None:
        self.limits = alias_limits(model)
        self.rules = {c: [r for r in s.mentions if r.citation == c] for s in model.sources.values()
                      for c in {r.citation for r in s.mentions}}
        self.target_of = target_of

    def apply(self, paragraph: Paragraph, found: Iterable[tuple[int, int, Target]]) -> Iterator[tuple[int, int, Target]]:
        rules = self.rules.get(paragraph.citation, ())
        for start, end, target in found:
            limit = self.limits.get(paragraph.text[start:end])
            if limit is not None and paragraph.source not in limit:
                continue
            rule = next((r for r in rules if r.start <= start and end <= r.end), None)
            if rule is None:
                yield start, end, target
            elif rule.means is not None:
                yield start, end, self.target_of(*rule.means)


def with_mention_rules(model: Model, records: dict[str, list[Record]], report: Report) -> Model:
    """The model with each source's `mentions` exceptions, checked; each alias's `sources` checked too."""
    from .link import Linker  # the linker reads these rules; importing it here keeps the import one-way

    _check_limits(model, records, report)
    if not any(record.fields.get("mentions") for record in records["sources"]):
        return model
    limits = alias_limits(model)
    linker = Linker(model)
    sources = dict(model.sources)
    for record in records["sources"]:
        source = sources.get(record.id) if record.id else None
        if source is None:
            continue  # not built: its problems are reported already
        rules = []
        for j, entry in record.items("mentions"):
            if not all(isinstance(entry.get(k), str) for k in ("paragraph", "words", "means")):
                continue  # refused by the schema, already reported
            owner = f"source '{source.id}': mentions[{j}]"
            number = int(entry["paragraph"][1:])
            if number > len(source.paragraphs):
                report.add(record.path, record.at("mentions", j, "paragraph"), f"{owner}: the text has "
                           f"{len(source.paragraphs)} paragraphs, not {number} — name one of p1 to p{len(source.paragraphs)}")
                continue
            paragraph = source.paragraph(number)
            words = entry["words"]
            where = record.at("mentions", j, "words")
            span = locate(words, paragraph.text)
            if span is None:
                _, passage = closest_passage(words, paragraph.text)
                report.add(record.path, where, f"{owner}: the words {words!r} are not in {paragraph.citation}; the "
                           f"closest passage reads {passage!r} — copy them exactly from the paragraph")
                continue
            later = locate(words, paragraph.text[span[0] + 1:])
            if later is not None:
                report.add(record.path, where, f"{owner}: the words {words!r} occur more than once in "
                           f"{paragraph.citation} — add words around the name so that they occur once")
                continue
            inside = [(s, e, t) for s, e, t in linker.find(paragraph.text) if span[0] <= s and e <= span[1]
                      and (limits.get(paragraph.text[s:e]) is None or source.id in limits[paragraph.text[s:e]])]
            if not inside:
                report.add(record.path, where, f"{owner}: the words {words!r} in {paragraph.citation} hold no name "
                           "the site links, so this exception matches nothing — quote the words around the name, or remove it")
                continue
            means = _means(entry["means"], model, record, ("mentions", j, "means"), owner, report)
            if means is False:
                continue
            if means is not None and all(t.key == means for _, _, t in inside):
                report.add(record.path, record.at("mentions", j, "means"), f"{owner}: {paragraph.text[inside[0][0]:inside[0][1]]!r} "
                           f"already links to {means[0]} '{means[1]}' there — remove the exception")
                continue
            rules.append(MentionRule(paragraph.citation, paragraph.text[span[0]:span[1]], span[0], span[1], means))
        sources[source.id] = replace(source, mentions=tuple(rules))
    return replace(model, sources=sources)


def _means(value: str, model: Model, record: Record, pointer: tuple, owner: str, report: Report):
    """('actor', id), ('term', id), None for nothing, or False after reporting an unknown record."""
    match = _MEANS.match(value)
    if match is None or not match.group("kind"):
        return None  # "nothing" (the schema refuses anything else)
    kind, record_id = match.group("kind"), match.group("id")
    known = model.actors if kind == "actor" else model.terms
    if record_id not in known:
        guess = difflib.get_close_matches(record_id, list(known), n=1)
        hint = f"did you mean '{kind}:{guess[0]}'?" if guess else f"use the id of an existing {kind}"
        report.add(record.path, record.at(*pointer), f"{owner}: unknown {kind} '{record_id}' — {hint}")
        return False
    return kind, record_id


def _check_limits(model: Model, records: dict[str, list[Record]], report: Report) -> None:
    """Every source an alias is limited to exists (aliases.py checks the alias is written in one of them)."""
    defined = {record.id for record in records["sources"] if record.id}  # a source with problems still exists
    if not defined:
        return  # sources.yml could not be read: reported already
    for name, kind in (("actors", "actor"), ("glossary", "term")):
        for record in records[name]:
            for j, alias in record.items("aliases"):
                if not isinstance(alias, dict):
                    continue
                for k, source_id in enumerate(alias.get("sources") or []):
                    if isinstance(source_id, str) and source_id not in defined:
                        guess = difflib.get_close_matches(source_id, sorted(defined), n=1)
                        hint = f"did you mean '{guess[0]}'?" if guess else "use the id of a record in data/sources.yml"
                        report.add(record.path, record.at("aliases", j, "sources", k),
                                   f"{kind} '{record.id}': alias '{alias.get('name')}' is limited to unknown source "
                                   f"'{source_id}' — {hint}")

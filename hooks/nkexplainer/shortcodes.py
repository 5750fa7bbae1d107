"""Shortcodes for hand-written pages: link or embed any record by its id.

    [[actor:china]]                  a link to China's page, labelled "China"
    [[actor:china|Beijing]]          the same link, labelled "Beijing"
    [[event:jang-song-thaek-executed]]
    [[term:detente]]                 a link to the glossary entry
    [[cite:evolving-relations#p3]]   a link to paragraph 3 of the article, labelled "¶3"
    [[quote:cha-mutual-hostages]]    alone on a line: the quote's callout; inside a sentence: a link to it

An unknown kind or id fails the build with the page's file and line.
"""

from __future__ import annotations

import difflib
import re

from .errors import Problem
from .model import Citation, Model
from .render import macros
from .urls import Links

SHORTCODE = re.compile(r"\[\[(?P<kind>[a-z]+):(?P<id>[^\]|\s]+)(?:\|(?P<label>[^\]]+))?\]\]")

_BLOCK_QUOTE = re.compile(r"^[ \t]*(\[\[quote:[^\]|\s]+\]\])[ \t]*$", re.MULTILINE)

_CITATION = re.compile(r"^(?P<source>[a-z0-9]+(?:-[a-z0-9]+)*)#p(?P<number>[1-9][0-9]*)$")


def expand(markdown: str, model: Model, page_path: str, file_label: str) -> tuple[str, list[Problem]]:
    """`markdown` with every shortcode replaced, and the problems found (unknown kinds or ids)."""
    links = Links(model, page_path)
    problems: list[Problem] = []
    callouts = macros()

    def where(position: int) -> tuple[int, int]:
        line = markdown.count("\n", 0, position) + 1
        return line, position - (markdown.rfind("\n", 0, position) + 1) + 1

    def block(match: re.Match[str]) -> str:
        code = SHORTCODE.fullmatch(match.group(1))
        quote_id = code.group("id") if code else ""
        if quote_id not in model.quotes:
            return match.group(0)  # reported as an inline shortcode below
        return "\n" + str(callouts.quote_callout(model.quotes[quote_id], links)) + "\n"

    def inline(match: re.Match[str]) -> str:
        kind, record_id, label = match.group("kind", "id", "label")
        try:
            return _link(links, model, kind, record_id, label)
        except LookupError as error:
            line, column = where(match.start())
            problems.append(Problem(file_label, line, column, f"{match.group(0)}: {error.args[0]}"))
            return match.group(0)

    markdown = _BLOCK_QUOTE.sub(block, markdown)
    return SHORTCODE.sub(inline, markdown), problems


def _link(links: Links, model: Model, kind: str, record_id: str, label: str | None) -> str:
    records = {"actor": model.actors, "event": model.events, "term": model.terms, "quote": model.quotes}
    if kind == "cite":
        match = _CITATION.match(record_id)
        source = model.sources.get(match.group("source")) if match else None
        if not match or source is None or int(match.group("number")) > len(source.paragraphs):
            raise LookupError(f"no paragraph '{record_id}' — write [[cite:<source id>#p<number>]], e.g. "
                              f"[[cite:{next(iter(model.sources), 'source')}#p1]]")
        return links.cite(Citation(source.id, int(match.group("number"))), label)
    if kind not in records:
        raise LookupError(f"unknown kind '{kind}' — use actor, event, term, quote or cite")
    if record_id not in records[kind]:
        guess = difflib.get_close_matches(record_id, list(records[kind]), n=1)
        hint = f"did you mean '{guess[0]}'?" if guess else "check the id in data/"
        raise LookupError(f"unknown {kind} '{record_id}' — {hint}")
    return getattr(links, kind)(record_id, label)

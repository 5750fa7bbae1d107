"""Block shortcodes for hand-written pages (the home page first): pieces built from the data, alone on a line.

    [[lede:evolving-relations]]           the source's argument as the page's headline, and when it was written
    [[facts:event-a,event-b,event-c]]     key-fact cards, one per event, each cited
    [[timeline:strip]]                    the ties over time, a compact strip leading to the timeline

`shortcodes.expand` hands these over (`check`, then `render`); an unknown id fails the build with the page's
file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import graphics
from .render import templates

if TYPE_CHECKING:
    from .model import Event, Model
    from .urls import Links

KINDS = ("lede", "facts", "timeline")
"""The kinds of block shortcode, each written alone on its line."""


@dataclass(frozen=True)
class Run:
    """Consecutive events that moved the ties the same way: a stretch of the strip and a phrase of its caption."""

    effect: str
    expected: bool
    events: tuple[Event, ...]

    @property
    def years(self) -> str:
        first, last = self.events[0].date.year, self.events[-1].date.year
        return str(first) if first == last else f"{first}–{last}"


def check(kind: str, record_id: str, model: Model) -> None:
    """Raise LookupError, naming what is wrong and the fix, when the block names something the data lacks."""
    if kind == "lede" and record_id not in model.sources:
        raise LookupError(f"unknown source '{record_id}' — use one of: {', '.join(model.sources) or 'none yet'}")
    if kind == "facts":
        ids = [i for i in record_id.split(",") if i]
        missing = [i for i in ids if i not in model.events]
        if missing or not ids:
            raise LookupError(f"unknown event '{missing[0] if missing else record_id}' — list event ids from "
                              "data/events.yml, separated by commas without spaces")
    if kind == "timeline" and record_id != "strip":
        raise LookupError("write [[timeline:strip]]")


def render(kind: str, record_id: str, model: Model, links: Links) -> str:
    """The Markdown of one block shortcode (checked first with `check`)."""
    macros = templates().get_template("_blocks.md.j2").module
    if kind == "lede":
        return str(macros.lede(model.sources[record_id], links))
    if kind == "facts":
        return str(macros.fact_cards([model.events[i] for i in record_id.split(",") if i], links))
    events = [e for e in model.chronology if e.effect]
    return str(macros.ties_strip(graphics.ties_strip(model, links.here), runs(events), links))


def runs(events: list[Event]) -> list[Run]:
    """The warming and cooling stretches, in order; neutral events do not break or make a stretch."""
    found: list[Run] = []
    for event in events:
        if event.effect not in ("cooling", "warming"):
            continue
        if found and (found[-1].effect, found[-1].expected) == (event.effect, event.expected):
            found[-1] = Run(event.effect, event.expected, (*found[-1].events, event))
        else:
            found.append(Run(event.effect, event.expected, (event,)))
    return found


"""Lanes beside the timeline for relations the data dates: "Xi Jinping leads China" from his becoming
general secretary to the article's date, Wikipedia's succession boxes turned on their side.

A relation gets a lane when it names the event that began it (`since`); the lane starts where
that event stands on the axis, fuzzy over the same span as the event's own bar (about / before),
and runs to the event that ended it (`until`) or to the article's date. A lane whose timing is
general background rather than the article's is drawn hollow, and the legend says so. Lanes that
overlap in time, labels included, stand side by side; each label runs down its lane.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Model, Relation
from ..urls import href
from . import svgtext, when

COLUMN = 20.0
"""The width of one column of lanes (px): the bar and its label beside it."""
BAR = 4.0
SIZE = 13.0
"""The labels' font size: at least 12 px as drawn."""


@dataclass(frozen=True)
class Tenure:
    """One relation drawn as a lane."""

    relation: Relation
    label: str
    """In the words of the relations lists: 'Xi Jinping leads China'."""
    start: when.Span
    """Where the `since` event stands on the axis."""
    end: float
    background: bool
    """True when the article does not date it (`timing_from_article: false`)."""
    column: int = 0

    @property
    def keys(self) -> set[str]:
        """The legend entries it needs: every lane, and the hollow one too when it is background."""
        return {"tenure", "tenure-background"} if self.background else {"tenure"}


def tenures(model: Model, t0: float, t1: float, per_day: float) -> list[Tenure]:
    """The lanes within [t0, t1), each in a column; `per_day` is the least scale of the axis (px a day), so that
    a label's length in time is known before the layout."""
    table = when.vantages(model)
    now = when.vantage(model)

    def place(event_id: str) -> when.Span:
        event = model.events[event_id]
        return when.span(event.date, *when.bounds(event, when.of(event, table)))

    found = []
    for actor in model.actors.values():
        for relation in actor.relations:
            if relation.since not in model.events or relation.object not in model.actors:
                continue
            start = place(relation.since)
            end = place(relation.until).at if relation.until in model.events else (now.at if now else t1)
            end = min(max(end, start.end), t1)
            if end <= t0 or start.start >= t1:
                continue
            label = f"{actor.name} {relation.label} {model.actors[relation.object].name}"
            found.append(Tenure(relation, label, start, end, not relation.timing_from_article))
    found.sort(key=lambda t: (t.start.start, t.relation.subject, t.relation.object))
    ends: list[float] = []
    placed = []
    for tenure in found:
        top = max(tenure.start.start, t0)
        reach = max(tenure.end, top + (svgtext.width(tenure.label, SIZE) + 12) / per_day)
        column = next((c for c, end in enumerate(ends) if end <= top), len(ends))
        ends[column:column + 1] = [reach]
        placed.append(Tenure(tenure.relation, tenure.label, tenure.start, tenure.end, tenure.background, column))
    return placed


def legend_words(lanes: list[Tenure]) -> str:
    """'lane: who leads whom, from the event that began it', in the relations' own words."""
    labels = sorted({t.relation.label for t in lanes})
    return f"lane: who {' or '.join(labels)} whom, from the event that began it"


def columns(lanes: list[Tenure]) -> int:
    return max((t.column + 1 for t in lanes), default=0)


def draw(lanes: list[Tenure], y, t0: float, model: Model, page: str) -> str:
    """Each lane as a link to its actor, where the relation is told with its evidence."""
    out = []
    for tenure in lanes:
        x = tenure.column * COLUMN + 4
        start = tenure.start
        head, solid = max(start.start, t0), max(start.end if not start.point else start.start, t0)
        cls = "nkx-tenure" + (" nkx-tenure-background" if tenure.background else "")
        parts = []
        if solid > head:  # the span the starting event's date allows
            parts.append(f'<line class="nkx-tenure-head" x1="{x + BAR / 2:.1f}" x2="{x + BAR / 2:.1f}" '
                         f'y1="{y(head):.1f}" y2="{y(solid):.1f}"/>')
        key = ' data-key="tenure-background"' if tenure.background else ""
        parts.append(f'<rect class="{cls}"{key} x="{x:.1f}" y="{y(solid):.1f}" width="{BAR:g}" '
                     f'height="{max(y(tenure.end) - y(solid), 0.5):.1f}"/>')
        baseline, top = x + BAR + 3, y(solid) + 4
        parts.append(f'<text class="nkx-tenure-label" x="{baseline:.1f}" y="{top:.1f}" font-size="{SIZE:g}" '
                     f'transform="rotate(90 {baseline:.1f} {top:.1f})">{svgtext.esc(tenure.label)}</text>')
        since = model.events[tenure.relation.since]
        say = when.voice(model)
        timing = (f"the date it began is general background, not stated by {say.the}" if tenure.background
                  else f"dated by {say.the}")
        tooltip = f"{tenure.label}, since {since.title.rstrip('.')} ({since.date.label}): {timing}"
        subject = model.actors[tenure.relation.subject]
        out.append(f'<a class="nkx-lane" data-key="tenure" data-since="{tenure.relation.since}" '
                   f'data-from="{when.iso(start.start)}" href="{svgtext.attr(href(page, subject.path))}">'
                   f'<title>{svgtext.esc(tooltip)}</title>' + "".join(parts) + "</a>")
    return '<g class="nkx-lanes">' + "".join(out) + "</g>" if out else ""

"""The state of ties over time, from the events' effects: reusable as a band on the timeline
and as a strip on any page.

Each event that warmed ties adds one, each that cooled them takes one away, spread evenly over
the event's span (a day at once, a year across the year): the running sum is the state of ties,
relative to where the timeline starts. What the article only expects is kept apart, so a reader
can draw it dashed after the vantage point.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Model, per_model
from . import when

STEP = {"warming": 1, "cooling": -1}


@dataclass(frozen=True)
class Ties:
    """The running state of ties as a piecewise-linear curve."""

    points: tuple[tuple[float, float], ...]
    """(day, state) at every change of slope, in time order; happened events only."""
    expected: tuple[tuple[float, float], ...]
    """The same curve continued with the expected events, from the vantage point on."""
    pair: str
    """Whose ties: 'China–North Korea', the two most connected states."""

    @property
    def extent(self) -> float:
        """The largest distance from the starting state, at least 1."""
        return max([1.0, *(abs(v) for _, v in self.points + self.expected)])


@per_model
def pair_name(model: Model) -> str:
    """The two states the story is about: the most connected ones (by relations, then events)."""
    degree: dict[str, int] = {}
    for actor in model.actors.values():
        for relation in actor.relations:
            for end in (relation.subject, relation.object):
                degree[end] = degree.get(end, 0) + 1
    for event in model.events.values():
        for actor_id in event.actors:
            degree[actor_id] = degree.get(actor_id, 0) + 1
    order = {actor_id: n for n, actor_id in enumerate(model.actors)}
    states = sorted((a for a in model.actors.values() if a.kind.key == "state"),
                    key=lambda a: (-degree.get(a.id, 0), order[a.id]))
    if len(states) >= 2:
        first, second = sorted(states[:2], key=lambda a: order[a.id])
        return f"{first.name}–{second.name}"
    return "the actors’"


def ties(model: Model, start: float | None = None, end: float | None = None) -> Ties:
    """The curve between `start` and `end` (default: the whole chronology); each drawn once per model (a year's
    page and the timeline draw the same span at two widths)."""
    return _ties(model, start, end)


@per_model
def _ties(model: Model, start: float | None, end: float | None) -> Ties:
    table = when.vantages(model)
    now = when.vantage(model)
    happened, expected = [], []
    for event in model.chronology:
        if event.effect not in STEP:
            continue
        place = when.span(event.date, *when.bounds(event, when.of(event, table)))
        (expected if event.expected else happened).append((place, STEP[event.effect]))
    spans = [place for place, _ in happened + expected]
    first = start if start is not None else min([p.start for p in spans], default=0.0)
    last = end if end is not None else max([p.end for p in spans] + ([now.at] if now and expected else []),
                                           default=first + 1)
    split = min(max(now.at, first), last) if now is not None and expected else last
    # What happened is drawn as happened to its end, even after the line of what was expected: a later source
    # may report events after an earlier one's date.
    points = _curve(happened, first, max(split, min(max([p.end for p, _ in happened], default=split), last)))
    future = _curve(happened + expected, split, last) if expected and split < last else ()
    return Ties(points, future, pair_name(model))


def _curve(changes: list[tuple[when.Span, int]], first: float, last: float) -> tuple[tuple[float, float], ...]:
    """The running sum at `first`, `last` and every start and end between, in one sweep: each change adds its
    step evenly over its span (a slope), or at once when it is a day."""
    value, slope = 0.0, 0.0
    at: dict[float, list[float]] = {}  # day → [change of slope, jump]
    for place, step in changes:
        length = place.end - place.start
        if place.end <= first:
            value += step
        elif length <= 0:
            at.setdefault(place.end, [0.0, 0.0])[1] += step
        else:
            if place.start < first:
                value += step * (first - place.start) / length
                slope += step / length
            else:
                at.setdefault(place.start, [0.0, 0.0])[0] += step / length
            at.setdefault(place.end, [0.0, 0.0])[0] -= step / length
    knots = sorted({first, last, *(t for t in at if first < t < last)})
    points, previous = [], first
    for t in knots:
        value += slope * (t - previous)
        slope_change, jump = at.get(t, (0.0, 0.0))
        value, slope, previous = value + jump, slope + slope_change, t
        points.append((t, round(value, 9)))
    return tuple(points)

"""Build-time SVG: the timeline of ties and the map of who relates to whom.

Both are plain inline SVG (no script), sized in a viewBox so they scale, coloured
through CSS variables so they follow the light and dark schemes, and made of
real links so every marker and node leads to its page. Shapes as well as colours
tell cooling (▼), warming (▲) and neutral (●) apart.
"""

from __future__ import annotations

import math
import textwrap
from html import escape

from .model import Event, Model
from .urls import href

_EFFECT_WORDS = {"cooling": "cooled ties", "warming": "warmed ties", "neutral": "left ties as they were", None: "effect not stated"}


def _attr(text: str) -> str:
    return escape(" ".join(str(text).split()), quote=True)


def _marker(effect: str | None, x: float, y: float, expected: bool) -> str:
    """A shape per effect: triangle up (warming), down (cooling), circle (neutral or not stated)."""
    cls = f"nkx-mark nkx-mark-{effect or 'none'}" + (" nkx-mark-expected" if expected else "")
    r = 7
    if effect == "warming":
        return f'<path class="{cls}" d="M{x:.1f} {y - r:.1f}L{x + r:.1f} {y + r * 0.8:.1f}H{x - r:.1f}Z"/>'
    if effect == "cooling":
        return f'<path class="{cls}" d="M{x:.1f} {y + r:.1f}L{x + r:.1f} {y - r * 0.8:.1f}H{x - r:.1f}Z"/>'
    return f'<circle class="{cls}" cx="{x:.1f}" cy="{y:.1f}" r="{r - 1 if effect else r - 3}"/>'


# -- timeline ----------------------------------------------------------------------------

_TL_WIDTH = 420
_AXIS_X = 64
_TEXT_X = 84
_WRAP = 40
_LINE = 17


def timeline_svg(model: Model, page: str) -> str:
    """The events on a vertical time axis, one band per year, each marker a link to its event."""
    rows: list[str] = []
    y = 76
    legend = _legend()
    bands: list[str] = []
    for year, events in _by_year(model.chronology):
        top = y
        bands.append(f'<text class="nkx-year" x="8" y="{top + 18}">{year}</text>')
        bands.append(f'<line class="nkx-year-rule" x1="4" x2="{_TL_WIDTH - 4}" y1="{top}" y2="{top}"/>')
        if not events:
            bands.append(f'<text class="nkx-when" x="{_TEXT_X}" y="{top + 18}">no events in the article</text>')
            y += 28
            continue
        for event in events:
            rows.append(_timeline_row(event, page, y))
            y += _row_height(event)
        y += 10
    height = y + 8
    span = f"{model.chronology[0].date.year}–{model.chronology[-1].date.year}" if model.chronology else ""
    return (
        f'<figure class="nkx-graphic nkx-timeline-graphic">'
        f'<svg viewBox="0 0 {_TL_WIDTH} {height}" width="{_TL_WIDTH}" height="{height}" role="group" '
        f'aria-labelledby="nkx-tl-title" aria-describedby="nkx-tl-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="nkx-tl-title">Timeline of China–North Korea ties, {span}</title>'
        f'<desc id="nkx-tl-desc">{len(model.chronology)} events on a time axis, one band per year. Upward triangles '
        f'warmed ties, downward triangles cooled them, full circles left them as they were, small rings are events '
        f'the article does not say moved them; hollow dashed markers are events the article expected. The same '
        f'events follow as a list.</desc>'
        f'{legend}<line class="nkx-axis" x1="{_AXIS_X}" x2="{_AXIS_X}" y1="68" y2="{height - 8}"/>'
        + "".join(bands) + "".join(rows) +
        "</svg>"
        "<figcaption>Each marker links to its event. Shape and colour: how the event moved China–North Korea ties, "
        "as the cited paragraph tells it.</figcaption></figure>"
    )


def _by_year(chronology: tuple[Event, ...]) -> list[tuple[int, list[Event]]]:
    """Every year of the span, those without events too, so gaps in time show as gaps."""
    if not chronology:
        return []
    years: dict[int, list[Event]] = {year: [] for year in range(chronology[0].date.year, chronology[-1].date.year + 1)}
    for event in chronology:
        years[event.date.year].append(event)
    return list(years.items())


def _lines(event: Event) -> list[str]:
    return textwrap.wrap(event.title, _WRAP) or [""]


def _row_height(event: Event) -> int:
    return 12 + _LINE * (1 + len(_lines(event)))


def _timeline_row(event: Event, page: str, y: int) -> str:
    lines = _lines(event)
    label = f"{event.date.label}{' (expected)' if event.expected else ''}"
    tooltip = f"{label}: {event.title} — {_EFFECT_WORDS[event.effect]}"
    text = "".join(f'<tspan x="{_TEXT_X}" dy="{_LINE}">{escape(line)}</tspan>' for line in lines)
    return (
        f'<a href="{_attr(href(page, event.path))}"><title>{escape(tooltip)}</title>'
        f'{_marker(event.effect, _AXIS_X, y + 12, event.expected)}'
        f'<text class="nkx-when" x="{_TEXT_X}" y="{y + 16}">{escape(label)}</text>'
        f'<text class="nkx-what" x="{_TEXT_X}" y="{y + 16}">{text}</text></a>'
    )


def _legend() -> str:
    items = [("warming", False, "warmed ties"), ("cooling", False, "cooled ties"), ("neutral", False, "no change"),
             (None, False, "not stated"), (None, True, "expected")]
    out, x, y = [], 12, 20
    for effect, expected, words in items:
        width = 26 + 6.6 * len(words)
        if x + width > _TL_WIDTH:
            x, y = 12, y + 22
        out.append(_marker(effect, x + 6, y, expected))
        out.append(f'<text class="nkx-legend" x="{x + 18}" y="{y + 5}">{words}</text>')
        x += width
    return '<g class="nkx-legend-row">' + "".join(out) + "</g>"


# -- relationship map --------------------------------------------------------------------

_MAP_W, _MAP_H = 820, 640
_CENTRES = ("china", "north-korea")


def relations_svg(model: Model, page: str) -> str:
    """Actors as nodes around China and North Korea, declared relations as labelled arrows."""
    positions = _layout(model)
    pairs: dict[frozenset[str], int] = {}
    edges, labels = [], []
    for actor in model.actors.values():
        for relation in actor.relations:
            a, b = positions.get(relation.subject), positions.get(relation.object)
            if a is None or b is None:
                continue
            key = frozenset((relation.subject, relation.object))
            n = pairs[key] = pairs.get(key, -1) + 1
            bend = (n + 1) // 2 * (1 if n % 2 else -1) * 28 if n else 0
            path, mid = _curve(a, b, bend)
            words = f"{model.actors[relation.subject].name} {relation.label} {model.actors[relation.object].name}"
            edges.append(f'<path class="nkx-edge" d="{path}" marker-end="url(#nkx-arrow)"><title>{escape(words)}</title></path>')
            short = relation.label if len(relation.label) <= 26 else relation.label[:25].rstrip() + "…"
            labels.append(f'<text class="nkx-edge-label" x="{mid[0]:.1f}" y="{mid[1]:.1f}">{escape(short)}</text>')
    nodes = []
    for actor_id, (x, y) in positions.items():
        actor = model.actors[actor_id]
        centre = actor_id in _CENTRES
        cls = "nkx-node nkx-node-centre" if centre else f"nkx-node nkx-node-{actor.kind.key}"
        label = _short_name(actor)
        width = max(64, 8 * len(label) + 16) if centre else max(48, 7 * len(label) + 12)
        nodes.append(
            f'<a href="{_attr(href(page, actor.path))}"><title>{escape(actor.name)}: {escape(actor.summary)}</title>'
            f'<rect class="{cls}" x="{x - width / 2:.1f}" y="{y - 13:.1f}" width="{width}" height="26" rx="13"/>'
            f'<text class="nkx-node-label" x="{x:.1f}" y="{y + 5:.1f}">{escape(label)}</text></a>'
        )
    count = sum(len(a.relations) for a in model.actors.values())
    return (
        f'<figure class="nkx-graphic nkx-map-graphic"><div class="nkx-scroll">'
        f'<svg viewBox="0 0 {_MAP_W} {_MAP_H}" width="{_MAP_W}" height="{_MAP_H}" role="group" aria-labelledby="nkx-map-title" '
        f'aria-describedby="nkx-map-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="nkx-map-title">Who relates to whom</title>'
        f'<desc id="nkx-map-desc">{len(positions)} actors with China and North Korea at the centre, joined by the '
        f'{count} relations the article supports; each arrow reads from one actor to the other. The relations are '
        f'listed as text on each actor’s page.</desc>'
        '<defs><marker id="nkx-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path class="nkx-arrowhead" d="M0 0L10 5L0 10z"/></marker></defs>'
        + "".join(edges) + "".join(labels) + "".join(nodes) +
        "</svg></div><figcaption>Each name links to the actor’s page; hover an arrow for the whole relation. "
        "The same relations are listed under “Relations” on every actor’s page.</figcaption></figure>"
    )


def _short_name(actor) -> str:
    """A long name gives way to its shortest alias on the map (CSIS for the Center for Strategic and ...)."""
    if len(actor.name) <= 20:
        return actor.name
    aliases = sorted((a.name for a in actor.aliases if len(a.name) > 1), key=len)
    return aliases[0] if aliases else actor.name


def _layout(model: Model) -> dict[str, tuple[float, float]]:
    """China and North Korea side by side at the centre; the others on two staggered rings around them,
    China's partners to the left, North Korea's to the right, those of both above and below."""
    centre_x, centre_y = _MAP_W / 2, _MAP_H / 2
    positions: dict[str, tuple[float, float]] = {}
    present = [c for c in _CENTRES if c in model.actors]
    for n, actor_id in enumerate(present):
        positions[actor_id] = (centre_x + (n * 2 - 1) * 110 if len(present) == 2 else centre_x, centre_y)
    ties: dict[str, list[int]] = {a: [0, 0] for a in model.actors if a not in positions}
    for actor in model.actors.values():
        for relation in actor.relations:
            for one, other in ((relation.subject, relation.object), (relation.object, relation.subject)):
                if one in ties and other in _CENTRES:
                    ties[one][_CENTRES.index(other)] += 1

    def lean(actor_id: str) -> float:
        china, north_korea = ties[actor_id]
        return (north_korea - china) / (north_korea + china) if north_korea + china else 0.0

    ordered = sorted(ties, key=lambda a: (lean(a), model.actors[a].kind.key, a))
    halves = (ordered[::2], ordered[1::2])
    for half, group in enumerate(halves):
        for n, actor_id in enumerate(group):
            share = (n + 0.5) / max(len(group), 1)
            angle = math.pi * (1 + share) if half == 0 else math.pi * (1 - share)
            ring = 1.0 if n % 2 == 0 else 0.72
            positions[actor_id] = (centre_x + (_MAP_W / 2 - 90) * ring * math.cos(angle),
                                   centre_y + (_MAP_H / 2 - 40) * ring * math.sin(angle))
    return positions


def _curve(a: tuple[float, float], b: tuple[float, float], bend: float) -> tuple[str, tuple[float, float]]:
    """A path from a to b, bowed sideways by `bend`, stopping short of the node; and its midpoint."""
    (x1, y1), (x2, y2) = a, b
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1
    ux, uy = dx / length, dy / length
    x1, y1, x2, y2 = x1 + ux * 20, y1 + uy * 16, x2 - ux * 26, y2 - uy * 18
    cx, cy = (x1 + x2) / 2 - uy * bend * 2, (y1 + y2) / 2 + ux * bend * 2
    mid = ((x1 + 2 * cx + x2) / 4, (y1 + 2 * cy + y2) / 4)
    return f"M{x1:.1f} {y1:.1f}Q{cx:.1f} {cy:.1f} {x2:.1f} {y2:.1f}", mid

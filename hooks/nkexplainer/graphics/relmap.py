"""Who relates to whom: each actor's own map, and the whole network on Who's who.

An actor's map reads like sentences: the actor on the left, each actor it relates to on the right,
and on the arrow between them the verb, read along the arrow ("supports" from the actor; "leads" from
Xi Jinping to China when the data gives no verb from China's side), each phrase a link to the paragraph
that supports it. Rows are stacked, so nothing can overlap at any width.

The whole network puts the two most connected actors in the middle and the others on an oval
around them, names outside it, one line per related pair; each line leads to the relation in words
below the map. Past `MOST_ON_MAP` actors only the most connected are drawn.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..model import Actor, Model, Relation, per_model
from ..urls import href, source_path
from . import svgtext, when

SIZE = 14.0
"""Relation phrases and names (px), at least 12 px when drawn at 1:1."""
LEADING = 17.0
MOST_ON_MAP = 24
"""The whole-network map draws at most this many actors, the most connected."""


def short_name(actor: Actor) -> str:
    """A long name gives way to its shortest alias on a map (CSIS for the Center for Strategic and ...)."""
    if len(actor.name) <= 24:
        return actor.name
    aliases = sorted((a.name for a in actor.aliases if len(a.name) > 1), key=len)
    return aliases[0] if aliases else actor.name


def pair_anchor(a: str, b: str) -> str:
    """The id of a related pair's line in the list under the whole-network map."""
    first, second = sorted((a, b))
    return f"rel-{first}--{second}"


# -- an actor's own map ---------------------------------------------------------------------

@dataclass(frozen=True)
class EgoFrame:
    width: float
    centre: float
    """Width of the column of the actor itself."""
    other: float
    """Width of the column of the actors it relates to."""


EGO_NARROW = EgoFrame(width=350, centre=92, other=104)
EGO_WIDE = EgoFrame(width=680, centre=150, other=170)


def neighbours(model: Model, actor_id: str) -> list[tuple[str, bool, list[tuple[str, Relation]]]]:
    """Each actor related to `actor_id`, in the order of the data, with the verbs: (other, inward, phrases).

    Outward rows read from `actor_id`'s side; an inward row holds what the other actor does to `actor_id`
    when the data gives no active verb from this side (`inverse`), so its arrow points at `actor_id`."""
    found: dict[tuple[str, bool], list[tuple[str, Relation]]] = {}
    for label, relation in model.relations_of.get(actor_id, ()):
        other = relation.object if relation.subject == actor_id else relation.subject
        if other == actor_id or other not in model.actors:
            continue
        inward = label is None
        found.setdefault((other, inward), []).append((relation.label if inward else label, relation))
    return [(other, inward, phrases) for (other, inward), phrases in found.items()]


def actor_map_svg(model: Model, actor: Actor, page: str, frame: EgoFrame, ident: str) -> str:
    """`actor` on the left, each related actor on the right, the relations on the arrows between."""
    rows = neighbours(model, actor.id)
    if not rows:
        return ""
    name_lines = svgtext.wrap(actor.name, frame.centre - 16, SIZE + 1, bold=True)
    phrase_room = frame.width - frame.centre - frame.other - 44
    laid = []
    y = 8.0
    for other_id, inward, phrases in rows:
        other = model.actors[other_id]
        other_lines = svgtext.wrap(short_name(other), frame.other - 16, SIZE)
        blocks = [svgtext.wrap(label, phrase_room, SIZE) for label, _ in phrases]
        phrase_height = sum(LEADING * len(b) for b in blocks) + 4 * (len(blocks) - 1)
        height = max(phrase_height, LEADING * len(other_lines) + 10) + 4
        laid.append((other, inward, phrases, blocks, other_lines, y, height))
        y += height + 12
    total = max(y - 4, LEADING * len(name_lines) + 30)
    cy = total / 2
    centre_h = LEADING * len(name_lines) + 12
    parts = [f'<g class="nkx-own"><rect class="nkx-node nkx-node-centre" x="1" y="{cy - centre_h / 2:.1f}" width="{frame.centre - 2}" '
             f'height="{centre_h:.1f}" rx="8"/>',
             svgtext.text_block(name_lines, frame.centre / 2, cy - centre_h / 2 + 6 + SIZE, SIZE + 1, LEADING,
                                "nkx-node-label nkx-centre-label", anchor="middle") + "</g>"]
    phrase_x = frame.centre + 28
    other_x = frame.width - frame.other
    for other, inward, phrases, blocks, other_lines, top, height in laid:
        row_y = top + height / 2
        block_h = sum(LEADING * len(b) for b in blocks) + 4 * (len(blocks) - 1)
        ends = max(svgtext.widest(b, SIZE) for b in blocks)
        parts.append(f'<path class="nkx-edge" d="M{frame.centre} {cy:.1f}C{frame.centre + 20} {cy:.1f} '
                     f'{phrase_x - 26} {row_y:.1f} {phrase_x - 8} {row_y:.1f}"/>')
        if len(blocks) > 1:
            parts.append(f'<path class="nkx-edge" d="M{phrase_x - 4} {row_y - block_h / 2 + 2:.1f}h-4V{row_y + block_h / 2 - 2:.1f}h4"/>')
        parts.append(f'<path class="nkx-edge" d="M{min(phrase_x + ends + 8, other_x - 12):.1f} {row_y:.1f}H{other_x - 2}"'
                     + f' marker-{"start" if inward else "end"}="url(#{ident}-arrow)"/>')  # inward: the arrow points at the verb
        block_top = row_y - block_h / 2
        for (label, relation), lines in zip(phrases, blocks):
            cite = relation.cites[0] if relation.cites else None
            target = href(page, source_path(cite.source), cite.anchor) if cite else href(page, other.path)
            sentence = f"{other.name} {label} {actor.name}" if inward else f"{actor.name} {label} {other.name}"
            paragraphs = when.voice(model).paragraphs(relation.cites)
            tip = sentence + (f" ({paragraphs})" if paragraphs else "") + (f". {relation.note}" if relation.note else "")
            parts.append(f'<a class="nkx-relation" href="{svgtext.attr(target)}"><title>{svgtext.esc(tip)}</title>'
                         + svgtext.text_block(lines, phrase_x, block_top + SIZE - 2, SIZE, LEADING, "nkx-edge-label")
                         .replace("<text ", f'<text font-size="{SIZE:g}" ', 1) + "</a>")
            block_top += LEADING * len(lines) + 4
        node_h = LEADING * len(other_lines) + 10
        parts.append(f'<a class="nkx-actor" href="{svgtext.attr(href(page, other.path))}"><title>{svgtext.esc(other.name)}: '
                     f'{svgtext.esc(other.summary)}</title><rect class="nkx-node nkx-node-{other.kind.key}" x="{other_x:.1f}" '
                     f'y="{row_y - node_h / 2:.1f}" width="{frame.other - 1}" height="{node_h:.1f}" rx="8"/>'
                     + svgtext.text_block(other_lines, other_x + frame.other / 2, row_y - node_h / 2 + 5 + SIZE - 1, SIZE,
                                          LEADING, "nkx-node-label", anchor="middle").replace("<text ", f'<text font-size="{SIZE:g}" ', 1)
                     + "</a>")
    parts[1] = parts[1].replace("<text ", f'<text font-size="{SIZE + 1:g}" ', 1)
    count = sum(len(p) for _, _, p, *_ in laid)
    desc = (f"{actor.name} and the {len({row[0].id for row in laid})} actors it relates to, by {count} relations, each "
            "arrow labelled with its verb, read along the arrow. Each phrase leads to the paragraph that supports it; "
            "the same relations are listed below the map as sentences.")
    return _svg(frame.width, total, ident, f"{actor.name}: who it relates to", desc, "".join(parts))


def _svg(width: float, height: float, ident: str, title: str, desc: str, body: str) -> str:
    return (f'<svg class="nkx-svg" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
            f'role="group" aria-labelledby="{ident}-title" aria-describedby="{ident}-desc" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{ident}-title">{svgtext.esc(title)}</title><desc id="{ident}-desc">{svgtext.esc(desc)}</desc>'
            f'<defs><marker id="{ident}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            f'orient="auto-start-reverse"><path class="nkx-arrowhead" d="M0 0L10 5L0 10z"/></marker></defs>'
            f"{body}</svg>")


# -- the whole network ----------------------------------------------------------------------

NETWORK_WIDTH = 680.0


@per_model
def degrees(model: Model) -> dict[str, int]:
    """How many relations each actor has (to others): counted once per model, asked for by several graphics."""
    found = {actor_id: 0 for actor_id in model.actors}
    for actor in model.actors.values():
        for relation in actor.relations:
            if relation.subject in found and relation.object in found and relation.subject != relation.object:
                found[relation.subject] += 1
                found[relation.object] += 1
    return found


def on_map(model: Model) -> list[str]:
    """The actors the whole-network map draws: every related actor, or past MOST_ON_MAP the most connected
    one and then, one at a time, the actor with most relations to those already drawn (so none floats alone)."""
    degree = degrees(model)
    order = {actor_id: n for n, actor_id in enumerate(model.actors)}
    related = [a for a in model.actors if degree[a]]
    if len(related) <= MOST_ON_MAP:
        return related
    near: dict[str, dict[str, int]] = {a: {} for a in related}
    for actor in model.actors.values():
        for relation in actor.relations:
            one, two = relation.subject, relation.object
            if one != two and one in near and two in near:
                near[one][two] = near[one].get(two, 0) + 1
                near[two][one] = near[two].get(one, 0) + 1
    chosen = [min(related, key=lambda a: (-degree[a], order[a]))]
    ties_to = dict(near[chosen[0]])
    while len(chosen) < MOST_ON_MAP:
        candidates = [a for a in related if a not in ties_to or ties_to[a] >= 0]
        best = min((a for a in candidates if a not in chosen), key=lambda a: (-ties_to.get(a, 0), -degree[a], order[a]))
        chosen.append(best)
        ties_to[best] = -1
        for other, count in near[best].items():
            if ties_to.get(other, 0) >= 0:
                ties_to[other] = ties_to.get(other, 0) + count
    return sorted(chosen, key=lambda a: order[a])


def pairs(model: Model, drawn: list[str]) -> dict[tuple[str, str], list[Relation]]:
    """The relations between drawn actors, one entry per related pair, in the order of the data."""
    inside = set(drawn)
    found: dict[tuple[str, str], list[Relation]] = {}
    for actor in model.actors.values():
        for relation in actor.relations:
            if relation.subject in inside and relation.object in inside and relation.subject != relation.object:
                key = tuple(sorted((relation.subject, relation.object)))
                found.setdefault(key, []).append(relation)
    return found


def network_svg(model: Model, page: str, ident: str = "nkx-net") -> str:
    drawn = on_map(model)
    if len(drawn) < 2:
        return ""
    degree = degrees(model)
    order = {actor_id: n for n, actor_id in enumerate(model.actors)}
    hubs = sorted(sorted(drawn, key=lambda a: (-degree[a], order[a]))[:2], key=lambda a: order[a])
    ring = [a for a in drawn if a not in hubs]
    links = pairs(model, drawn)

    ordered = _ring_order(model, ring, hubs, links)
    left = ordered[: (len(ordered) + 1) // 2]
    right = ordered[(len(ordered) + 1) // 2:]
    label_room = 150.0
    rows = max(len(left), len(right), 3)
    most_lines = max(len(svgtext.wrap(short_name(model.actors[a]), label_room, SIZE)) for a in ring) if ring else 1
    step = max(2, most_lines) * LEADING + 12
    height = rows * step + 40
    cx, cy = NETWORK_WIDTH / 2, height / 2
    a, b = NETWORK_WIDTH / 2 - label_room - 24, (rows - 1) * step / 2 + 8
    where: dict[str, tuple[float, float]] = {}
    labels: dict[str, tuple[list[str], str, float, float]] = {}
    for side, column in ((-1, left), (1, right)):
        n = len(column)
        for i, actor_id in enumerate(column):
            yy = cy + (i - (n - 1) / 2) * step
            ratio = min(abs(yy - cy) / (b + step / 2), 0.999)
            xx = cx + side * a * math.sqrt(1 - ratio * ratio)
            where[actor_id] = (xx, yy)
            lines = svgtext.wrap(short_name(model.actors[actor_id]), label_room, SIZE)
            labels[actor_id] = (lines, "end" if side < 0 else "start", xx + side * 10, yy)
    hub_boxes = {}
    for n, actor_id in enumerate(hubs):
        hx, hy = cx, cy + (-1 if n == 0 else 1) * min(b * 0.42, 70)
        name = short_name(model.actors[actor_id])
        w = min(svgtext.width(name, SIZE + 1, True) + 24, a * 1.2)
        where[actor_id] = (hx, hy)
        hub_boxes[actor_id] = (hx - w / 2, hy - 15, w, 30)
    edges = []
    for (one, two), relations in links.items():
        (x1, y1), (x2, y2) = where[one], where[two]
        x1, y1 = _leave(one, x1, y1, x2, y2, hub_boxes)
        x2, y2 = _leave(two, x2, y2, x1, y1, hub_boxes)
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        qx, qy = mx + (cx - mx) * 0.25, my + (cy - my) * 0.25
        names = {one: model.actors[one].name, two: model.actors[two].name}
        words = "; ".join(f"{names[r.subject]} {r.label} {names[r.object]}" for r in relations)
        path = f"M{x1:.1f} {y1:.1f}Q{qx:.1f} {qy:.1f} {x2:.1f} {y2:.1f}"
        hubbed = " nkx-edge-hub" if one in hubs and two in hubs else ""
        edges.append(f'<a class="nkx-pair" href="#{pair_anchor(one, two)}"><title>{svgtext.esc(words)}</title>'
                     f'<path class="nkx-edge-hit" d="{path}"/><path class="nkx-edge{hubbed}" d="{path}"/></a>')
    nodes = []
    for actor_id in drawn:
        actor = model.actors[actor_id]
        target = svgtext.attr(href(page, actor.path))
        tip = f"<title>{svgtext.esc(actor.name)}: {svgtext.esc(actor.summary)}</title>"
        if actor_id in hub_boxes:
            x, y, w, h = hub_boxes[actor_id]
            nodes.append(f'<a class="nkx-actor" href="{target}">{tip}<rect class="nkx-node nkx-node-centre" x="{x:.1f}" '
                         f'y="{y:.1f}" width="{w:.1f}" height="{h}" rx="15"/><text class="nkx-node-label nkx-centre-label" '
                         f'font-size="{SIZE + 1:g}" x="{x + w / 2:.1f}" y="{y + 20:.1f}" text-anchor="middle">'
                         f'{svgtext.esc(short_name(actor))}</text></a>')
            continue
        x, y = where[actor_id]
        lines, anchor, lx, ly = labels[actor_id]
        first = ly - (len(lines) - 1) * LEADING / 2 + 5
        nodes.append(f'<a class="nkx-actor" href="{target}">{tip}<circle class="nkx-node nkx-node-{actor.kind.key}" '
                     f'cx="{x:.1f}" cy="{y:.1f}" r="6"/>'
                     + svgtext.text_block(lines, lx, first, SIZE, LEADING, "nkx-node-label", anchor=anchor)
                     .replace("<text ", f'<text font-size="{SIZE:g}" ', 1) + "</a>")
    hidden = sum(1 for a in model.actors if degree[a]) - len(drawn)
    desc = (f"{len(drawn)} actors{' (the most connected)' if hidden > 0 else ''}, with "
            f"{' and '.join(model.actors[h].name for h in hubs)} in the middle, joined by a line for each of the "
            f"{len(links)} related pairs. Each name leads to the actor’s page, where its own map labels every relation; "
            "each line leads to the relations in words below the map.")
    return _svg(NETWORK_WIDTH, height, ident, "Who relates to whom", desc, "".join(edges) + "".join(nodes))


def _ring_order(model: Model, ring: list[str], hubs: list[str], links: dict) -> list[str]:
    """The ring from the first hub's side to the second's: each actor placed by the mean place of those it
    relates to (the hubs fixed at -1 and +1), so related actors sit near each other."""
    value = {hubs[0]: -1.0, hubs[1]: 1.0, **{a: 0.0 for a in ring}}
    near: dict[str, list[str]] = {a: [] for a in value}
    for one, two in links:
        near[one].append(two)
        near[two].append(one)
    for _ in range(6):
        value.update({a: (value[a] + sum(value[b] for b in near[a]) / len(near[a])) / 2 if near[a] else value[a]
                      for a in ring})
    order = {actor_id: n for n, actor_id in enumerate(model.actors)}
    return sorted(ring, key=lambda a: (round(value[a], 3), model.actors[a].kind.key, order[a]))


def _leave(actor_id, x, y, tx, ty, boxes) -> tuple[float, float]:
    """Where a line from the node at (x, y) towards (tx, ty) leaves the node's box (or its dot)."""
    if actor_id not in boxes:
        d = math.hypot(tx - x, ty - y) or 1
        return x + (tx - x) / d * 7, y + (ty - y) / d * 7
    bx, by, w, h = boxes[actor_id]
    dx, dy = tx - x, ty - y
    scale = min((w / 2) / abs(dx) if dx else math.inf, (h / 2) / abs(dy) if dy else math.inf)
    return x + dx * scale, y + dy * scale

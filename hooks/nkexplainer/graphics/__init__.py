"""Build-time SVG graphics: the timeline on a true time axis, the state of ties, and who relates to whom.

Every graphic is plain inline SVG without script, coloured through the scheme's CSS variables
(docs/stylesheets/graphics.css), made of real links, with a title, a description and a text
alternative on the page. Each is drawn twice, for a narrow and a wide column; CSS shows the one
that fits its container, so text is drawn at its own size and never shrinks below 12 px.
"""

from __future__ import annotations

from ..model import Actor, Event, Model
from . import relmap, timeline, when
from .marks import EFFECT_WORDS, INFERRED, INFERRED_WORDS
from .relmap import network_svg, on_map, pair_anchor, pairs
from .ties import ties
from .strip import ties_strip_svg

__all__ = ["EFFECT_WORDS", "INFERRED", "INFERRED_WORDS", "actor_map", "expected_as_of", "network_map", "network_pairs", "ties",
           "ties_strip", "timeline_figure", "vantage_words"]


def _variants(wide: str, narrow: str) -> str:
    return f'<div class="nkx-wide">{wide}</div><div class="nkx-narrow">{narrow}</div>'


def timeline_figure(model: Model, page: str, events: tuple[Event, ...] | None = None, year: int | None = None) -> str:
    """The timeline graphic of `events` (default: all; those of `year` on a year's own page), with its caption."""
    wide = timeline.timeline_svg(model, page, events, timeline.WIDE, "nkx-tl-wide", year)
    if not wide:
        return ""
    narrow = timeline.timeline_svg(model, page, events, timeline.NARROW, "nkx-tl-narrow", year)
    return ('<figure data-search-exclude class="nkx-graphic nkx-timeline-graphic">' + _variants(wide, narrow) +
            "<figcaption>Distance down the page is time. Each title leads to its event; the list below adds "
            "summaries and the paragraphs each event rests on.</figcaption></figure>")


def actor_map(model: Model, actor: Actor, page: str) -> str:
    """`actor`'s own map, or nothing for an actor without relations."""
    wide = relmap.actor_map_svg(model, actor, page, relmap.EGO_WIDE, f"nkx-map-{actor.id}-wide")
    if not wide:
        return ""
    narrow = relmap.actor_map_svg(model, actor, page, relmap.EGO_NARROW, f"nkx-map-{actor.id}-narrow")
    return ('\n<figure data-search-exclude class="nkx-graphic nkx-map-graphic nkx-actor-map">' + _variants(wide, narrow) +
            "<figcaption>Each phrase reads along its arrow and leads to the paragraph that supports it; "
            "each name leads to that actor’s page.</figcaption></figure>\n")


def network_map(model: Model, page: str) -> str:
    """The whole-network map for a wide column; a narrow one shows the list of relations instead."""
    svg = network_svg(model, page)
    if not svg:
        return ""
    drawn, related = len(on_map(model)), sum(1 for d in relmap.degrees(model).values() if d)
    more = (f" It draws the {drawn} most connected of the {related} actors with relations; every actor’s page has "
            "its own map." if drawn < related else "")
    return ('<figure data-search-exclude class="nkx-graphic nkx-map-graphic nkx-network-map"><div class="nkx-wide">' + svg + "</div>"
            '<p class="nkx-narrow nkx-instead">The map of who relates to whom needs a wider screen. On this one, '
            '<a href="#who-relates-to-whom">its relations are listed as text</a> below the list of actors, and each '
            'actor’s page has a map of its own.</p>'
            '<figcaption class="nkx-wide">Each name leads to the actor’s page, where its own map labels every relation. '
            "Each line "
            f"leads to the relations in words below.{more}</figcaption></figure>")


def network_pairs(model: Model) -> list[tuple[str, list]]:
    """The related pairs the network map draws, with their anchors, for the list below it."""
    return [(pair_anchor(*key), relations) for key, relations in pairs(model, on_map(model)).items()]


def ties_strip(model: Model, page: str, link_to: str | None = None) -> str:
    """A compact strip of the state of ties over time, for any page (the home page); links to the timeline."""
    return ties_strip_svg(model, page, link_to)


def expected_as_of(model: Model, event: Event) -> str:
    """'early 2015': the vantage point of the source an expected event rests on ("" when it has none)."""
    now = when.of(event, when.vantages(model))
    return now.words if now else ""


def vantage_words(model: Model) -> str:
    """'early 2015': when the article was written, as far as its `written` date and its events tell."""
    now = when.vantage(model)
    return now.words if now else ""

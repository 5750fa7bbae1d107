"""How records read as sentences: attributions, relations, the article's vantage point, paragraph numbers.

The data says things once, in its own fields; these helpers put them into sentences a
reader would write, so that a page never repeats a name, never reads in the passive
voice where the data has an active verb, and never mixes "p4" with "¶4".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .graphics import when
from .model import Citation, Quote, QuoteKind, Relation
from .text import md_inline, md_text

if TYPE_CHECKING:
    from .model import Model, Source
    from .urls import Links

_PARAGRAPH_REFERENCE = re.compile(r"\bpp?(?=\d)(\d+)\b")
"""Editors' shorthand for a paragraph in notes and bases: "p4", "(p2, p8, p9)"."""


def pilcrows(text: str) -> str:
    """`text` with editors' "p4" written as readers see paragraph numbers everywhere else: "¶4"."""
    return _PARAGRAPH_REFERENCE.sub(r"¶\1", text)


def attribution(quote: Quote, links: Links) -> str:
    """Who said it, once: the attribution in words with the speaker's name in it linked to the speaker.

    "Victor Cha, Korea Chair at CSIS" with its "Victor Cha" linked, rather than "Victor Cha: Victor Cha, …".
    When the words do not name the speaker ("The charges brought against …"), the speaker follows them.
    """
    text = " ".join(quote.attribution.split())
    if not quote.speaker:
        return md_text(text)
    actor = links.model.actors[quote.speaker]
    for name in sorted((actor.name, *(a.name for a in actor.aliases)), key=len, reverse=True):
        found = re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text, re.IGNORECASE)
        if found:
            return (md_inline(text[: found.start()]) + links.actor(actor.id, found.group())
                    + md_inline(text[found.end():]))
    return f"{md_text(text)} ({links.actor(actor.id)})"


QUOTE_ORDER = (QuoteKind.DIRECT, QuoteKind.REPORTED, QuoteKind.SAYING, QuoteKind.PHRASE)
"""Words in the speaker's own voice first, then what the article reports, then its phrases and sayings."""


def by_weight(quotes) -> list[Quote]:
    """Quotes in the order a reader should meet them: key direct quotes (the fullest first), other direct quotes,
    reported statements, then sayings and the article's phrases; the article's order within each."""
    rank = {kind: n for n, kind in enumerate(QUOTE_ORDER)}
    ordered = list(quotes)
    return sorted(ordered, key=lambda q: (rank[q.kind], not (q.key and q.kind is QuoteKind.DIRECT),
                                          -len(q.text.split()) if q.key and q.kind is QuoteKind.DIRECT else 0))


def strongest_quote(model: Model) -> Quote | None:
    """The quote a page that shows only one should show: the fullest key direct quote."""
    ordered = by_weight(model.quotes.values())
    return ordered[0] if ordered and ordered[0].kind is QuoteKind.DIRECT else None


def relation_sentence(actor_id: str, relation: Relation, links: Links) -> str:
    """The relation as a sentence on `actor_id`'s page, always in the active voice.

    From the subject's side: "China supports North Korea". From the object's side, the data's `inverse`
    when it has one ("Russia is expected to host Kim Jong-un"), else the same sentence as the subject
    says it ("North Korea depends on China"), never a made-up passive ("China is depended on by …").
    """
    subject, obj = relation.subject, relation.object
    if actor_id == subject or relation.inverse is None:
        return f"{links.actor(subject)} {md_text(relation.label)} {links.actor(obj)}"
    return f"{links.actor(obj)} {md_text(relation.inverse)} {links.actor(subject)}"


def vantage(model: Model, cites: tuple[Citation, ...] = ()) -> str:
    """When the article looks from, for "as of …": "early 2015".

    The `written` date of the sources a record cites (all sources when it cites none), narrowed by the events
    they report and expect, as the timeline places it (`graphics.when`): one vantage point for the whole site.
    The latest when several sources are cited; "the time of writing" when no source is dated.
    """
    table = _vantages(model)
    sources = {c.source for c in cites} or set(model.sources)
    found = [table[s] for s in sorted(sources) if s in table]
    return max(found, key=lambda v: v.at).words if found else "the time of writing"


_last: tuple[Model, dict] | None = None
"""The vantage points of the last model asked about: every page of a build asks, about the same model."""


def _vantages(model: Model) -> dict:
    global _last
    if _last is None or _last[0] is not model:
        _last = (model, when.vantages(model))
    return _last[1]


def written_in(model: Model, source: Source) -> str:
    """When `source` was written, for "written in …": "early 2015"; "" when the data does not say."""
    found = _vantages(model).get(source.id)
    return found.words if found else ""


GLYPHS = {"cooling": "▼", "warming": "▲", "neutral": "●"}
"""An effect's shape, as the timeline draws it: told apart by shape as well as colour."""

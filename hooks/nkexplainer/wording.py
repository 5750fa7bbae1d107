"""How records read as sentences: attributions, relations, the sources' vantage point, paragraph numbers,
and how the site speaks of its sources (`Voice`): "the article" while it has one, "the sources" or a source's
`short` name once it has several.

The data says things once, in its own fields; these helpers put them into sentences a
reader would write, so that a page never repeats a name, never reads in the passive
voice where the data has an active verb, and never mixes "p4" with "¶4".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .graphics import when
from .model import Citation, Quote, QuoteKind, Relation, per_model
from .text import md_inline, md_text

if TYPE_CHECKING:
    from .model import Model, Source
    from .urls import Links

_PARAGRAPH_REFERENCE = re.compile(r"\bpp?(?=\d)(\d+)\b")
"""Editors' shorthand for a paragraph in notes and bases: "p4", "(p2, p8, p9)"."""


class Voice:
    """How generated text speaks of the sources: the one place that knows how many there are.

    With one source the site says "the article"; with several, "the sources" where it means all of them and a
    source's `short` name where it means one (`name`). Templates and graphics take their words from here
    (`voice(model)`) instead of testing the number of sources themselves.
    """

    def __init__(self, model: Model) -> None:
        self.model = model
        self.several = len(model.sources) > 1
        self.the = "the sources" if self.several else "the article"
        """Where generated text means all of the texts: "Every development the sources date"."""
        self.The = self.the[:1].upper() + self.the[1:]
        self.of_the = "the sources’" if self.several else "the article’s"
        """Possessive: "the article’s own date", "the sources’ own dates"."""
        self.Of_the = self.of_the[:1].upper() + self.of_the[1:]
        self.in_the = f"In {self.the}"
        """The heading over the paragraphs that name a record: "In the article" / "In the sources"."""
        self.nav = "Sources" if self.several else "The article"
        """The navigation's label for the sources: a tab of its own, or the one text."""
        self.it = "they" if self.several else "it"
        """What refers back to `the`: "the phrases it uses", "the phrases they use"."""
        self.its_source = "its source" if self.several else "the article"
        """Where a sentence is about one record and the text it comes from: "“2014” means its source gives no month"."""
        self.counted = f"the {len(model.sources)} texts" if self.several else "the text"
        """The sources counted: "the text", "the 2 texts"."""
        self.own_date = "the latest source’s date" if self.several else "the article’s own date"
        """The line on a time axis after which events were only expected."""
        self.when_written = "when the latest source was written" if self.several else "when the article was written"

    def verb(self, one: str, several: str) -> str:
        """The verb that agrees with `the`: voice.verb("dates", "date")."""
        return several if self.several else one

    def as_of_writing(self, vantage: str) -> str:
        """When expected events were still to come: "as of early 2015, when the article was written"; with
        several sources each was expected as of its own source's date."""
        if self.several:
            return "when the source that reports them was written"
        return f"as of {vantage}, when the article was written"

    def name(self, source: Source) -> str:
        """One source as citations and notes name it: "the article" while there is one, else its `short`
        (required once there are several; its title when the data does not say, before the check reports it)."""
        return source.short or source.title if self.several else "the article"

    def cited(self, source: Source) -> str:
        """What goes before "¶3" in a citation: nothing with one source, its `short` name with several."""
        return f"{self.name(source)} " if self.several else ""

    def paragraphs(self, cites) -> str:
        """Paragraph numbers in plain text (a tooltip): "¶1, ¶6"; with several sources each source named once,
        before its first: "Evolving Relations ¶1, ¶6, Test note ¶4"."""
        out, last = [], None
        for citation in cites:
            named = self.cited(self.model.sources[citation.source]) if citation.source != last else ""
            out.append(f"{named}¶{citation.number}")
            last = citation.source
        return ", ".join(out)

    def _one_of(self, cites) -> Source | None:
        """The one source all of `cites` come from, when there are several sources; None otherwise."""
        ids = {c.source for c in cites}
        return self.model.sources[next(iter(ids))] if self.several and len(ids) == 1 else None

    def subject(self, cites, one: str, several: str) -> str:
        """The texts `cites` come from as a sentence's subject, with its verb: "the article expects",
        "Evolving Relations expects" (one of several), "the sources expect" (more than one)."""
        source = self._one_of(cites)
        if source is not None:
            return f"{self.name(source)} {one}"
        return f"{self.the} {self.verb(one, several)}"

    def pronoun(self, cites, one: str, several: str) -> str:
        """What refers back to `subject`: "It does" for one text, "They do" for several."""
        return one if not self.several or self._one_of(cites) is not None else several

    def in_(self, cites) -> str:
        """The heading over the cited paragraphs of a record: "In the article", "In Evolving Relations", "In the sources"."""
        source = self._one_of(cites)
        return f"In {self.name(source)}" if source is not None else self.in_the

    def own_phrase(self, citation: Citation) -> str:
        """A phrase the text itself coins: "the article’s own phrase", "Evolving Relations’ own phrase"."""
        if not self.several:
            return "the article’s own phrase"
        name = self.name(self.model.sources[citation.source])
        return f"{name}{'’' if name.endswith('s') else '’s'} own phrase"


    SHORTCODES = ("the", "link", "nav", "named")
    """What `[[sources:…]]` may say on a hand-written page (shortcodes.py)."""

    def shortcode(self, word: str, links: Links) -> str:
        """The Markdown of `[[sources:word]]`: hand-written pages speak of the sources through the data too."""
        from .urls import SOURCES_INDEX, source_path

        sources = list(self.model.sources.values())
        page = source_path(sources[0].id) if len(sources) == 1 else SOURCES_INDEX
        if word == "the":
            return self.the
        if word == "link":
            return links.link(self.the, page)
        if word == "nav":
            return links.link(self.nav, page)
        if word == "named":
            if len(sources) == 1:
                kind = sources[0].kind or "text"
                return (f"one {md_text(kind)}, " + links.link(f"“{sources[0].title}”", page))
            titles = [links.link(f"“{s.title}”", source_path(s.id)) for s in sources]
            return f"{len(sources)} texts, " + ", ".join(titles[:-1]) + " and " + titles[-1]
        raise LookupError(f"unknown word '{word}' — write [[sources:the]], [[sources:link]], [[sources:nav]] "
                          "or [[sources:named]]")


@per_model
def voice(model: Model) -> Voice:
    """How `model`'s pages speak of its sources (one Voice per model: every page of a build asks)."""
    return Voice(model)


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
    table = when.vantages(model)
    sources = {c.source for c in cites} or set(model.sources)
    found = [table[s] for s in sorted(sources) if s in table]
    return max(found, key=lambda v: v.at).words if found else "the time of writing"


def written_in(model: Model, source: Source) -> str:
    """When `source` was written, for "written in …": "early 2015"; "" when the data does not say."""
    found = when.vantages(model).get(source.id)
    return found.words if found else ""


GLYPHS = {"cooling": "▼", "warming": "▲", "neutral": "●"}
"""An effect's shape, as the timeline draws it: told apart by shape as well as colour."""

"""Backlinks: where else on the site a record comes up, grouped by what mentions it.

The groups a reader scans: article paragraphs, events, quotes, people and organisations,
glossary terms and hand-written pages. A page that lists everything (Who's who, the timeline,
the quotes page, the sources) says nothing about one record and is left out; so is whatever the
record's own page already links, so no link is offered twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import urls

if TYPE_CHECKING:
    from .article import ParagraphMention
    from .link import Linker, Mention
    from .model import Model, Quote


@dataclass(frozen=True)
class PageRef:
    """Where a record is mentioned: a page and, if any, the section of it."""

    path: str
    title: str
    section: str | None
    section_title: str | None


@dataclass(frozen=True)
class Backlink:
    label: str
    path: str
    anchor: str | None = None


@dataclass(frozen=True)
class Group:
    """One kind of place a record comes up, e.g. the events that mention it."""

    name: str
    """The group's heading: "Events"."""
    noun: tuple[str, str]
    """One item and several, in lower case: ("event", "events"), for "3 more events"."""
    items: tuple[Backlink, ...]


@dataclass(frozen=True)
class Backlinks:
    """Everything that points at one record, ready for a template."""

    paragraphs: tuple[ParagraphMention, ...]
    """The article paragraphs that name it, with the words around the first mention."""
    groups: tuple[Group, ...]
    """The other groups, in reading order, none empty."""

    @property
    def count(self) -> int:
        return sum(len(g.items) for g in self.groups)


class Index:
    """What points at what, for the whole site: built once per build, asked once per record page."""

    def __init__(self, model: Model, linker: Linker, hand_written: set[str]) -> None:
        self.model = model
        self.hand_written = hand_written
        self.on_site: dict[tuple[str, str], dict[PageRef, None]] = {}
        self.on_page: dict[str, list[Mention]] = {}
        self.quotes_naming: dict[tuple[str, str], list[Quote]] = {}
        for quote in model.quotes.values():
            named = {target.key for text in (quote.text, quote.context) for _, _, target in linker.find(text)}
            named |= {("actor", a) for a in (quote.speaker, *quote.about) if a}
            named |= {("event", quote.event)} if quote.event else set()
            for key in named:
                self.quotes_naming.setdefault(key, []).append(quote)
        self._events = {e.path: e for e in model.chronology}
        self._actors = {a.path: (n, a) for n, a in enumerate(model.actors.values())}
        self._terms = {t.id: n for n, t in enumerate(model.glossary)}

    def note(self, page: str, title: str, mentions: list[Mention]) -> None:
        """Record what a page mentions or links, section by section."""
        self.on_page.setdefault(page, []).extend(mentions)
        for m in mentions:
            self.on_site.setdefault(m.record, {})[PageRef(m.page, title, m.section, m.section_title)] = None

    def of(self, record: tuple[str, str], here: str, in_article: list[ParagraphMention]) -> Backlinks:
        """The backlinks of `record`, shown on the page `here`."""
        kind, record_id = record
        glossary = self.model.layout.glossary_pages
        shown = {m.record for m in self.on_page.get(here, ())
                 if kind != "term" or here not in glossary or m.section == record_id}
        shown_quotes = set()
        if kind == "actor":
            shown_quotes = {*self.model.quotes_by_speaker.get(record_id, ()), *self.model.quotes_about.get(record_id, ())}
        elif kind == "event":
            shown_quotes = set(self.model.quotes_by_event.get(record_id, ()))

        events: dict[str, tuple] = {}
        actors: dict[str, tuple] = {}
        terms: dict[str, tuple] = {}
        pages: dict[str, tuple] = {}
        for ref in self.on_site.get(record, {}):
            if ref.path == here and not (here in glossary and ref.section != record_id):
                continue
            if (event := self._events.get(ref.path)) is not None:
                if ("event", event.id) not in shown and record != ("event", event.id):
                    events.setdefault(ref.path, (event.sort_key, Backlink(event.title, ref.path)))
            elif (found := self._actors.get(ref.path)) is not None:
                order, actor = found
                if ("actor", actor.id) not in shown:
                    actors.setdefault(ref.path, (order, Backlink(actor.name, ref.path)))
            elif ref.path in glossary:
                term = self.model.terms.get(ref.section or "")
                if term is not None and ("term", term.id) not in shown and term.id != record_id:
                    terms.setdefault(term.id, (self._terms[term.id], Backlink(term.term, *urls.place(self.model, "term", term.id))))
            elif ref.path in self.hand_written:
                pages.setdefault(ref.path, (ref.path, Backlink(ref.title, ref.path, ref.section)))

        quotes = [Backlink(urls.opening(q.text), *urls.place(self.model, "quote", q.id))
                  for q in self.quotes_naming.get(record, ()) if q not in shown_quotes]
        groups = (
            Group("Events", ("event", "events"), _ordered(events)),
            Group("Quotes", ("quote", "quotes"), tuple(quotes)),
            Group("People and organisations", ("person or organisation", "people and organisations"), _ordered(actors)),
            Group("Glossary terms", ("term", "terms"), _ordered(terms)),
            Group("Pages", ("page", "pages"), _ordered(pages)),
        )
        return Backlinks(tuple(in_article), tuple(g for g in groups if g.items))


def _ordered(found: dict[str, tuple]) -> tuple[Backlink, ...]:
    return tuple(link for _, link in sorted(found.values(), key=lambda pair: pair[0]))

"""The explainer's domain model: plain, immutable records built once per build.

Everything a page shows comes from one `Model`. Records refer to each other by
id; the model answers the questions pages ask ("which events involve China?")
from indexes computed once.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, wraps
from typing import TYPE_CHECKING, Any, Callable, TypeVar

from .dates import PartialDate

if TYPE_CHECKING:
    from .parts import Layout

SPLIT_AFTER = 40
"""The default of `extra.explainer.split_after`: an index page of more records than this is split into parts
(parts.py). At ×100 of the bench a part of 40 glossary terms is about 25 KB gzip and 2,300 elements (60 made
3,500, and a phone's style and layout time grows with them); today's site, at most 31 of a kind, stays whole."""


@dataclass(frozen=True)
class Citation:
    """One paragraph of one source."""

    source: str
    number: int

    @property
    def anchor(self) -> str:
        return f"p{self.number}"

    def __str__(self) -> str:
        return f"{self.source}#{self.anchor}"


@dataclass(frozen=True)
class Paragraph:
    source: str
    number: int
    text: str

    @property
    def citation(self) -> Citation:
        return Citation(self.source, self.number)


@dataclass(frozen=True)
class Source:
    id: str
    file: str
    """Path relative to the project, always under `seeds/`."""
    title: str
    dek: str
    kind: str | None
    author: str | None
    publisher: str | None
    published: str | None
    written: PartialDate | None
    provenance: str
    paragraphs: tuple[Paragraph, ...]
    short: str | None = None
    """A short name for citations when there are several sources."""
    mentions: tuple[MentionRule, ...] = ()
    """Exceptions to automatic linking in this source's text."""
    line: int = 0
    """The record's line in its data file, for "edit" links."""

    def paragraph(self, number: int) -> Paragraph:
        return self.paragraphs[number - 1]


@dataclass(frozen=True)
class Alias:
    name: str
    autolink: bool = True
    """False for a name that is ambiguous in general and is only listed, never linked automatically."""
    note: str | None = None
    from_article: bool = True
    """False for a name the editors add (a usual abbreviation) that no source writes; pages say so."""
    sources: tuple[str, ...] = ()
    """The sources in whose text the alias means this record; empty: every source."""


@dataclass(frozen=True)
class MentionRule:
    """An editor's exception to automatic linking in a source's text: these words of this paragraph
    hold a mention that means `means` instead, or nothing."""

    citation: Citation
    words: str
    start: int
    """Where the words start in the paragraph."""
    end: int
    means: tuple[str, str] | None
    """('actor', id) or ('term', id); None: not linked."""


@dataclass(frozen=True)
class Relation:
    """A declared relation, read from `subject`'s side (`label`) or `object`'s (`inverse`)."""

    subject: str
    object: str
    label: str
    inverse: str | None
    """None: the other side tells the relation as the subject does (see `wording.relation_sentence`)."""
    note: str | None
    cites: tuple[Citation, ...]
    since: str | None = None
    """The id of the event that began the relation (drawn as a lane on the timeline), if the data says."""
    until: str | None = None
    """The id of the event that ended it; without one it lasts to the article's date."""
    timing_from_article: bool = True
    """False: `since`/`until` are general background the editors add, not what the article states."""


class _Keyed(enum.Enum):
    """An enum whose members are written in the data by their `key` (the first of their values)."""

    @classmethod
    def from_key(cls, key: str):
        return next(member for member in cls if member.value[0] == key)

    @property
    def key(self) -> str:
        return self.value[0]


class ActorKind(_Keyed):
    """The groups of the Who's who index, in the order they are shown."""

    STATE = ("state", "States", "State")
    PERSON = ("person", "People", "Person")
    ORGANISATION = ("organisation", "Organisations", "Organisation")
    MEDIA = ("media", "Media", "News outlet")
    GROUP = ("group", "Groups", "Group")

    @property
    def heading(self) -> str:
        return self.value[1]

    @property
    def singular(self) -> str:
        return self.value[2]


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: ActorKind
    aliases: tuple[Alias, ...]
    title: str | None
    summary: str
    role: str
    relations: tuple[Relation, ...]
    cites: tuple[Citation, ...]
    line: int = 0
    """The record's line in its data file, for "edit" links."""

    @property
    def path(self) -> str:
        return f"actors/{self.id}.md"


@dataclass(frozen=True)
class Event:
    id: str
    title: str
    date: PartialDate
    expected: bool
    effect: str | None
    actors: tuple[str, ...]
    summary: str
    cites: tuple[Citation, ...]
    line: int = 0
    """The record's line in its data file, for "edit" links."""

    @property
    def path(self) -> str:
        return f"timeline/{self.id}.md"

    @property
    def sort_key(self) -> tuple:
        """By year; within a year what happened before what the article only expects; then by date."""
        return (self.date.year, self.expected, self.date.sort_key)


class QuoteKind(_Keyed):
    """What a quote is, shown as its callout's title."""

    DIRECT = ("direct", "Direct quote")
    REPORTED = ("reported", "Reported statement")
    SAYING = ("saying", "Saying")
    PHRASE = ("phrase", "The article’s phrase")

    @property
    def label(self) -> str:
        return self.value[1]


@dataclass(frozen=True)
class Quote:
    id: str
    text: str
    """Exactly as in the source (typographic marks included), whatever the editor typed."""
    kind: QuoteKind
    speaker: str | None
    attribution: str
    date: PartialDate | None
    event: str | None
    about: tuple[str, ...]
    context: str
    key: bool
    cites: tuple[Citation, ...]
    found_in: Citation
    """The cited paragraph that holds the words."""
    line: int = 0
    """The record's line in its data file, for "edit" links."""


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    aliases: tuple[Alias, ...]
    definition: str
    explanation: str | None
    cites: tuple[Citation, ...]
    line: int = 0
    """The record's line in its data file, for "edit" links."""


@dataclass(frozen=True)
class Model:
    """Every record of the site, checked, with the indexes pages need."""

    sources: dict[str, Source]
    actors: dict[str, Actor]
    events: dict[str, Event]
    quotes: dict[str, Quote]
    terms: dict[str, Term]
    split_after: int = SPLIT_AFTER
    """An index page listing more records than this is split into parts (mkdocs.yml: `extra.explainer.split_after`)."""

    @cached_property
    def layout(self) -> Layout:
        """Which page holds each glossary term, quote and Who's who entry: an index page, or one of its parts."""
        from .parts import layout

        return layout(self)

    @cached_property
    def chronology(self) -> tuple[Event, ...]:
        """Events in date order; ties keep the order of the data file."""
        return tuple(sorted(self.events.values(), key=lambda e: e.sort_key))

    @cached_property
    def glossary(self) -> tuple[Term, ...]:
        return tuple(sorted(self.terms.values(), key=lambda t: t.term.casefold()))

    @cached_property
    def events_by_actor(self) -> dict[str, tuple[Event, ...]]:
        found: dict[str, list[Event]] = defaultdict(list)
        for event in self.chronology:
            for actor in event.actors:
                found[actor].append(event)
        return {k: tuple(v) for k, v in found.items()}

    @cached_property
    def quotes_by_speaker(self) -> dict[str, tuple[Quote, ...]]:
        return _group(self.quotes.values(), lambda q: (q.speaker,) if q.speaker else ())

    @cached_property
    def quotes_about(self) -> dict[str, tuple[Quote, ...]]:
        return _group(self.quotes.values(), lambda q: q.about)

    @cached_property
    def quotes_by_event(self) -> dict[str, tuple[Quote, ...]]:
        return _group(self.quotes.values(), lambda q: (q.event,) if q.event else ())

    @cached_property
    def relations_of(self) -> dict[str, tuple[tuple[str | None, Relation], ...]]:
        """For each actor: (the verb read from this actor's side, None when the data gives none, relation).
        Pages put relations into sentences with `wording.relation_sentence`."""
        found: dict[str, list[tuple[str, Relation]]] = defaultdict(list)
        for actor in self.actors.values():
            for relation in actor.relations:
                found[relation.subject].append((relation.label, relation))
                found[relation.object].append((relation.inverse, relation))
        return {k: tuple(v) for k, v in found.items()}

    @cached_property
    def events_citing(self) -> dict[Citation, tuple[Event, ...]]:
        """For each paragraph: the events that rest on it, in date order."""
        return _group(self.chronology, lambda e: e.cites)

    @cached_property
    def quotes_citing(self) -> dict[Citation, tuple[Quote, ...]]:
        """For each paragraph: the quotes that rest on it."""
        return _group(self.quotes.values(), lambda q: q.cites)

    @cached_property
    def quotes_found_in(self) -> dict[Citation, tuple[Quote, ...]]:
        """For each paragraph: the quotes whose words stand in it."""
        return _group(self.quotes.values(), lambda q: (q.found_in,))


def _group(records, keys) -> dict:
    found: dict = defaultdict(list)
    for record in records:
        for key in keys(record):
            found[key].append(record)
    return {k: tuple(v) for k, v in found.items()}


_Result = TypeVar("_Result")


def per_model(function: Callable[..., _Result]) -> Callable[..., _Result]:
    """`function(model, *args)` worked out once per model and arguments: every page of a build asks about the same
    model, and the next build (under `mkdocs serve`) brings a new one, which drops what the last one held."""
    last: list[Any] = [None, {}]

    @wraps(function)
    def once(model: Model, *args: Any) -> _Result:
        if last[0] is not model:
            last[0], last[1] = model, {}
        if args not in last[1]:
            last[1][args] = function(model, *args)
        return last[1][args]

    return once


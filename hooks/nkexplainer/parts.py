"""Index pages that stay small however big the site grows: the glossary, Who's who and the key quotes in parts.

An index page lists every record of its kind. Past `Model.split_after` records (mkdocs.yml:
`extra.explainer.split_after`) it becomes an overview that links its parts, each part listing at most that
many: the glossary by letter, Who's who by kind and then by letter within a big kind, the key quotes by the
source they come from. Consecutive letters share a part while they fit ("A–C"); a letter too big for one part
is cut into numbered parts ("S, 1 of 3"). Below the threshold nothing changes: one page, as always.

`Layout` is the one answer to "which page holds this record": every link to a glossary term or a quote asks
`urls.place`, which asks the layout, so links follow the records into their parts.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Callable, Sequence

from . import urls

if TYPE_CHECKING:
    from .model import Actor, ActorKind, Model, Quote, Term

OTHERS = "#"
"""The initial under which names that do not start with a letter A–Z are listed (“38th parallel”)."""


@dataclass(frozen=True)
class Part:
    """One page of a split index."""

    path: str
    """Docs-relative path of the part's virtual Markdown file."""
    label: str
    """What the part holds, for headings, the navigation and the overview: "A–C", "People: S, 1 of 2", a source's short title."""
    records: tuple
    """The records it lists, in the order it lists them."""
    initials: tuple[str, ...] = ()
    """The initials it covers, in order (empty for a part that is not by letter)."""
    group: str = ""
    """What the part belongs to: an actor kind's key, a source's id ("" for the glossary)."""
    brief: str = ""
    """The label among its neighbours, when shorter than `label`: "2 of 5" for "Evolving relations, 2 of 5"."""

    @property
    def short(self) -> str:
        """The label within its group: "A–C" for "People: A–C", "2 of 5" for a source's second page of quotes."""
        return self.brief or self.label.split(": ", 1)[-1]


@dataclass(frozen=True)
class Layout:
    """Where the index pages' records live: on the index page itself, or on one of its parts."""

    glossary: tuple[Part, ...] = ()
    """The glossary's parts by letter; empty while the glossary is one page."""
    actors: tuple[tuple[ActorKind, tuple[Part, ...]], ...] = ()
    """Who's who's parts, kind by kind; empty while Who's who is one page."""
    quotes: tuple[tuple[str, tuple[Part, ...]], ...] = ()
    """The key quotes' parts, source by source (source id, parts); empty while the quotes page is one page."""
    years: tuple[tuple[int, tuple[Part, ...]], ...] = ()
    """The timeline's pages, year by year: one a year, or numbered parts of a year of more events than fit one;
    empty while the timeline is one page."""
    _term_page: dict[str, str] = field(default_factory=dict)
    _quote_page: dict[str, str] = field(default_factory=dict)

    def term_page(self, term_id: str) -> str:
        """The page that holds a glossary term's entry (its anchor is the term's id)."""
        return self._term_page.get(term_id, urls.GLOSSARY)

    def quote_page(self, quote_id: str) -> str:
        """The page that holds a quote (its anchor is the quote's id)."""
        return self._quote_page.get(quote_id, urls.QUOTES)

    @property
    def actor_parts(self) -> tuple[Part, ...]:
        return tuple(part for _, parts in self.actors for part in parts)

    @property
    def quote_parts(self) -> tuple[Part, ...]:
        return tuple(part for _, parts in self.quotes for part in parts)

    @property
    def year_parts(self) -> tuple[Part, ...]:
        return tuple(part for _, parts in self.years for part in parts)

    @property
    def parts(self) -> tuple[Part, ...]:
        """Every part page, in the order of the navigation."""
        return self.actor_parts + self.year_parts + self.quote_parts + self.glossary

    @property
    def glossary_pages(self) -> frozenset[str]:
        """The pages that hold glossary entries."""
        return frozenset(part.path for part in self.glossary) or frozenset({urls.GLOSSARY})

    def part_at(self, path: str) -> Part | None:
        """The part whose page is `path`, or None."""
        return self._by_path.get(path)

    @cached_property
    def _by_path(self) -> dict[str, Part]:
        return {part.path: part for part in self.parts}


def layout(model: Model) -> Layout:
    """The parts of every index page too big for one page, for `model.split_after`."""
    most = max(1, model.split_after)
    glossary: tuple[Part, ...] = ()
    if len(model.glossary) > most:
        glossary = tuple(_by_initial(list(model.glossary), lambda t: t.term, most, "glossary/{}.md", ""))
    actors: tuple = ()
    if len(model.actors) > most:
        actors = tuple((kind, tuple(_kind_parts(kind, members, most))) for kind, members in actor_groups(model))
    quotes: tuple = ()
    if len(model.quotes) > most:
        quotes = tuple((source_id, tuple(_source_parts(model, source_id, found, most)))
                       for source_id, found in quotes_by_source(model))
    years: tuple = ()
    if len(model.chronology) > most:
        years = tuple((year, tuple(_year_parts(year, events, most))) for year, events in events_by_year(model))
    return Layout(glossary=glossary, actors=actors, quotes=quotes, years=years,
                  _term_page={t.id: part.path for part in glossary for t in part.records},
                  _quote_page={q.id: part.path for _, parts in quotes for part in parts for q in part.records})


def actor_groups(model: Model) -> list[tuple[ActorKind, list[Actor]]]:
    """Who's who's sections: the actors of each kind, in the order of the data, kinds without actors left out."""
    from .model import ActorKind

    groups = [(kind, [a for a in model.actors.values() if a.kind is kind]) for kind in ActorKind]
    return [(kind, actors) for kind, actors in groups if actors]


def quotes_by_source(model: Model) -> list[tuple[str, list[Quote]]]:
    """The quotes whose words stand in each source, in the order of the sources and then of the text."""
    found: dict[str, list[Quote]] = {source_id: [] for source_id in model.sources}
    for quote in sorted(model.quotes.values(), key=lambda q: q.found_in.number):
        found.setdefault(quote.found_in.source, []).append(quote)
    return [(source_id, quotes) for source_id, quotes in found.items() if quotes]


def events_by_year(model: Model) -> list[tuple[int, list]]:
    """The timeline's years, each with its events in order."""
    years: dict[int, list] = {}
    for event in model.chronology:
        years.setdefault(event.date.year, []).append(event)
    return list(years.items())


def year_path(year: int, number: int = 1) -> str:
    """A year's timeline page; the further parts of a year too big for one page are numbered."""
    return f"timeline/{year}/index.md" if number == 1 else f"timeline/{year}/{number}/index.md"


def _year_parts(year: int, events: list, most: int) -> list[Part]:
    if len(events) <= most:
        return [Part(year_path(year), str(year), tuple(events), group=str(year))]
    count = math.ceil(len(events) / most)
    size = math.ceil(len(events) / count)
    return [Part(year_path(year, n + 1), f"{year}, {n + 1} of {count}", tuple(events[n * size:(n + 1) * size]), group=str(year))
            for n in range(count)]


def initial(name: str) -> str:
    """The letter a name is listed under: its first letter without accents ("Élysée" → "E"), or OTHERS."""
    for char in unicodedata.normalize("NFKD", name.strip()):
        if char.isalnum():
            return char.upper() if "a" <= char.casefold() <= "z" else OTHERS
    return OTHERS


def span(initials: Sequence[str]) -> str:
    """A run of initials as a reader reads it: "A", "A–C"; names that start with a digit or a sign come first and
    go without saying in a run of letters ("A–C" begins with “38th parallel”), alone they are "#"."""
    letters = [i for i in initials if i != OTHERS] or [OTHERS]
    return letters[0] if letters[0] == letters[-1] else f"{letters[0]}–{letters[-1]}"


def _slug(initials: Sequence[str]) -> str:
    return "0" if span(initials) == OTHERS else span(initials).lower().replace("–", "-")


def _by_initial(records: list, name: Callable[[object], str], most: int, path: str, prefix: str,
                group: str = "") -> list[Part]:
    """`records` (sorted by name) in parts of at most `most`: consecutive initials together while they fit,
    an initial with more records than that alone, cut into even numbered parts."""
    letters: dict[str, list] = {}
    for record in records:
        letters.setdefault(initial(name(record)), []).append(record)
    parts: list[Part] = []
    run: list[tuple[str, list]] = []

    def close() -> None:
        if run:
            initials = tuple(letter for letter, _ in run)
            parts.append(Part(path.format(_slug(initials)), prefix + span(initials),
                              tuple(r for _, found in run for r in found), initials, group))
            run.clear()

    for letter, found in letters.items():
        if len(found) > most:
            close()
            count = math.ceil(len(found) / most)
            size = math.ceil(len(found) / count)
            for n in range(count):
                parts.append(Part(path.format(f"{_slug([letter])}-{n + 1}"), f"{prefix}{letter}, {n + 1} of {count}",
                                  tuple(found[n * size:(n + 1) * size]), (letter,), group))
            continue
        if run and sum(len(f) for _, f in run) + len(found) > most:
            close()
        run.append((letter, found))
    close()
    return parts


def _kind_parts(kind: ActorKind, actors: list[Actor], most: int) -> list[Part]:
    """A kind's actors by name: one part while they fit, else by letter."""
    ordered = sorted(actors, key=lambda a: (a.name.casefold(), a.id))
    folder = f"actors/list/{kind.heading.lower()}"
    if len(ordered) <= most:
        return [Part(folder + ".md", kind.heading, tuple(ordered), group=kind.key)]
    return _by_initial(ordered, lambda a: a.name, most, folder + "-{}.md", f"{kind.heading}: ", kind.key)


def _source_parts(model: Model, source_id: str, quotes: list[Quote], most: int) -> list[Part]:
    """A source's quotes, strongest first as on the whole page; numbered parts when they do not fit one."""
    from .wording import by_weight

    source = model.sources[source_id]
    name = source.short or source.title
    weighed = by_weight(quotes)
    if len(weighed) <= most:
        return [Part(f"quotes/{source_id}.md", name, tuple(weighed), group=source_id)]
    count = math.ceil(len(weighed) / most)
    size = math.ceil(len(weighed) / count)
    return [Part(f"quotes/{source_id}.md" if n == 0 else f"quotes/{source_id}/{n + 1}.md", f"{name}, {n + 1} of {count}",
                 tuple(weighed[n * size:(n + 1) * size]), group=source_id, brief=f"{n + 1} of {count}") for n in range(count)]

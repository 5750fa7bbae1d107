"""The site navigation: the sections named in mkdocs.yml, filled with the generated record pages."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page

from . import urls
from .text import html_title
from .render import _actor_groups, _years
from .wording import voice

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation

    from .model import Model


def fill(nav: Navigation, model: Model, files: Files, config: MkDocsConfig) -> Navigation:
    """Nest actor pages under Who's who (by kind) and event pages under Timeline (by year)."""

    def page(path: str, title: str) -> Page:
        return files.get_file_from_path(path).page or Page(html_title(title), files.get_file_from_path(path), config)

    def _year_page(year: int) -> list[Page]:
        """A year's own timeline page (or its numbered parts), first in its section, when the timeline is split by year."""
        return year_pages.get(year, [])

    def titled(path: str, title: str) -> Page:
        """A part's page, under a nav label shorter than its title: "A–C" in the Glossary section for "Glossary: A–C"."""
        found = page(path, title)
        found.title = html_title(title)
        return found

    year_pages = {year: [titled(p.path, p.label) for p in series] for year, series in model.layout.years}

    def actors(members) -> list[Page | Section]:
        return _runs([(a.name, page(a.path, a.name)) for a in members], by_name=True)

    layout = model.layout
    for n, item in enumerate(nav.items):
        src = item.file.src_uri if isinstance(item, Page) else None
        if src == urls.ACTORS_INDEX and layout.actors:
            # Split: each kind's pages by name, each followed by the actors it lists.
            groups = [Section(kind.heading, [titled(series[0].path, f"All {kind.heading.lower()}"), *actors(series[0].records)]
                              if len(series) == 1 else [Section(p.short, [titled(p.path, f"{kind.heading}: {p.short}"), *actors(p.records)])
                                                        for p in series])
                      for kind, series in layout.actors]
            nav.items[n] = Section(item.title or "Who's who", [item, *groups])
        elif src == urls.ACTORS_INDEX:
            groups = [Section(kind.heading, actors(members)) for kind, members in _actor_groups(model)]
            nav.items[n] = Section(item.title or "Who's who", [item, *groups])
        elif src == urls.GLOSSARY and layout.glossary:
            nav.items[n] = Section(item.title or "Glossary", [item, *(titled(p.path, p.label) for p in layout.glossary)])
        elif src == urls.QUOTES and layout.quotes:
            nav.items[n] = Section(item.title or "Key quotes", [item, *_runs([(p.label, page(p.path, p.label)) for p in layout.quote_parts])])
        elif src == urls.TIMELINE:
            years = [Section(str(year), _year_page(year) + _runs([(e.date.exact_label, page(e.path, e.title)) for e in events]))
                     for year, events in _years(model)]
            nav.items[n] = Section(item.title or "Timeline", [item, *years])
        elif src == urls.SOURCES_INDEX:
            sources = [(s.title, page(urls.source_path(s.id), s.title)) for s in model.sources.values()]
            label = voice(model).nav  # "The article" for the one source, "Sources" for several: from the data
            if len(sources) == 1:
                sources[0][1].title = label
                nav.items[n] = sources[0][1]
                item.previous_page = item.next_page = None  # out of the nav now: no footer links of its own
            else:
                nav.items[n] = Section(label, [item, *_runs(sources, by_name=True)])
    _relink(nav)
    return nav


_MOST_PER_GROUP = 50
"""A nav group longer than this is split into runs of at most this many pages ("A–F", "March 2013 – June 2013").
With Material's `navigation.prune` a page then carries the links of its own run only, so its HTML and the
time to render it stay the same however many records the site holds. Groups of today's size are unchanged."""


def _runs(entries: list[tuple[str, Page]], *, by_name: bool = False) -> list[Page | Section]:
    """The pages of one nav group, labelled by `entries`' text: as they are, or split into runs past _MOST_PER_GROUP."""
    if len(entries) <= _MOST_PER_GROUP:
        return [page for _, page in entries]
    if by_name:
        entries = sorted(entries, key=lambda entry: entry[0].casefold())
    size = math.ceil(len(entries) / math.ceil(len(entries) / _MOST_PER_GROUP))  # runs as even as possible
    runs = [entries[i : i + size] for i in range(0, len(entries), size)]
    return [Section(_span(run[0][0], run[-1][0], by_name), [page for _, page in run]) for run in runs]


def _span(first: str, last: str, by_name: bool) -> str:
    """A run's label: its initials for names ("A–F"), its first and last date for events."""
    if by_name:
        first, last, dash = first[:1].upper(), last[:1].upper(), "–"
    else:
        dash = " – "
    return html_title(first if first == last else f"{first}{dash}{last}")


def _relink(nav: Navigation) -> None:
    """Parents, and previous/next page links, as MkDocs sets them for a nav read from mkdocs.yml."""
    pages: list[Page] = []

    def walk(items: list, parent: Section | None) -> None:
        for item in items:
            item.parent = parent
            if isinstance(item, Section):
                walk(item.children, item)
            elif isinstance(item, Page):
                pages.append(item)

    walk(nav.items, None)
    for before, after in zip(pages, pages[1:]):
        before.next_page, after.previous_page = after, before
    if pages:
        pages[0].previous_page = pages[-1].next_page = None
    nav.pages = pages

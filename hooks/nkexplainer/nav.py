"""The site navigation: the sections named in mkdocs.yml, filled with the generated record pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page

from . import urls
from .text import html_title
from .render import _actor_groups, _years

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation

    from .model import Model


def fill(nav: Navigation, model: Model, files: Files, config: MkDocsConfig) -> Navigation:
    """Nest actor pages under Who's who (by kind) and event pages under Timeline (by year)."""

    def page(path: str, title: str) -> Page:
        return files.get_file_from_path(path).page or Page(html_title(title), files.get_file_from_path(path), config)

    for n, item in enumerate(nav.items):
        src = item.file.src_uri if isinstance(item, Page) else None
        if src == urls.ACTORS_INDEX:
            groups = [Section(kind.heading, [page(a.path, a.name) for a in actors]) for kind, actors in _actor_groups(model)]
            nav.items[n] = Section(item.title or "Who's who", [item, *groups])
        elif src == urls.TIMELINE:
            years = [Section(str(year), [page(e.path, e.title) for e in events]) for year, events in _years(model)]
            nav.items[n] = Section(item.title or "Timeline", [item, *years])
        elif src == urls.SOURCES_INDEX:
            sources = [page(urls.source_path(s.id), s.title) for s in model.sources.values()]
            if len(sources) == 1:
                sources[0].title = item.title or sources[0].title
                nav.items[n] = sources[0]
            else:
                nav.items[n] = Section(item.title or "Sources", [item, *sources])
    _relink(nav)
    return nav


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

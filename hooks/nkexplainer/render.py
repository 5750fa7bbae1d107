"""Generated pages: the model through Jinja templates into Markdown, one page per record and index.

Python decides which records a page shows; the templates in `templates/` decide
how. Every string that comes from the data passes the `t` filter (inert text).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2

from . import urls
from .model import ActorKind, Actor, Model, Paragraph, QuoteKind
from .text import attr_text, md_text

_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    autoescape=False,  # the output is Markdown; data is escaped by the `t` filter
)
_TEMPLATES.filters["t"] = md_text
_TEMPLATES.filters["attr"] = attr_text
_TEMPLATES.filters["yaml"] = lambda value: json.dumps(" ".join(str(value).split()), ensure_ascii=False)


@dataclass(frozen=True)
class GeneratedPage:
    path: str
    """Docs-relative path of the virtual Markdown file."""
    markdown: str
    edit_source: str | None = None
    """The data file a reader's "edit" link should open."""
    in_nav: bool = True
    """False for record pages: `nav.fill` places them, so MkDocs should not report them as left out."""


def render_pages(model: Model) -> list[GeneratedPage]:
    """Every generated page of the site, in a stable order."""
    pages = [
        _page(model, urls.ACTORS_INDEX, "actors_index.md.j2", "data/actors.yml", groups=_actor_groups(model)),
        _page(model, urls.TIMELINE, "timeline.md.j2", "data/events.yml", years=_years(model)),
        _page(model, urls.QUOTES, "quotes.md.j2", "data/quotes.yml", kinds=_quote_kinds(model)),
        _page(model, urls.GLOSSARY, "glossary.md.j2", "data/glossary.yml"),
        _page(model, urls.SOURCES_INDEX, "sources_index.md.j2", "data/sources.yml"),
    ]
    for actor in model.actors.values():
        pages.append(_page(model, actor.path, "actor.md.j2", "data/actors.yml", actor=actor,
                           mentions=[(c, snippet(model.sources[c.source].paragraph(c.number), actor)) for c in actor.cites]))
    chronology = model.chronology
    for n, event in enumerate(chronology):
        pages.append(_page(model, event.path, "event.md.j2", "data/events.yml", event=event,
                           previous=chronology[n - 1] if n else None,
                           next=chronology[n + 1] if n + 1 < len(chronology) else None))
    for source in model.sources.values():
        pages.append(_page(model, urls.source_path(source.id), "source.md.j2", "data/sources.yml", source=source))
    return pages


def macros() -> object:
    """The shared template macros (quote callouts, event items), for pages written by hand."""
    return _TEMPLATES.get_template("_macros.md.j2").module


def _page(model: Model, path: str, template: str, edit_source: str, **context: object) -> GeneratedPage:
    links = urls.Links(model, path)
    markdown = _TEMPLATES.get_template(template).render(model=model, links=links, urls=urls, **context)
    return GeneratedPage(path, markdown, edit_source, in_nav=path in _INDEXES)


_INDEXES = {urls.ACTORS_INDEX, urls.TIMELINE, urls.QUOTES, urls.GLOSSARY, urls.SOURCES_INDEX}
"""The pages mkdocs.yml names in its nav; all others are placed by `nav.fill`."""


def _actor_groups(model: Model) -> list[tuple[ActorKind, list[Actor]]]:
    groups = [(kind, [a for a in model.actors.values() if a.kind is kind]) for kind in ActorKind]
    return [(kind, actors) for kind, actors in groups if actors]


def _years(model: Model) -> list[tuple[int, list]]:
    years: dict[int, list] = {}
    for event in model.chronology:
        years.setdefault(event.date.year, []).append(event)
    return list(years.items())


def _quote_kinds(model: Model) -> list[tuple[QuoteKind, list]]:
    order = {s: n for n, s in enumerate(model.sources)}
    ordered = sorted(model.quotes.values(), key=lambda q: (order[q.found_in.source], q.found_in.number))
    groups = [(kind, [q for q in ordered if q.kind is kind]) for kind in QuoteKind]
    return [(kind, quotes) for kind, quotes in groups if quotes]


_WORDS = 14
"""Words of context either side of a mention in a snippet."""


def snippet(paragraph: Paragraph, actor: Actor) -> str:
    """A short passage of `paragraph` around the first mention of `actor`, for readers to recognise it."""
    names = sorted([actor.name, *(a.name for a in actor.aliases)], key=len, reverse=True)
    pattern = re.compile("|".join(rf"\b{re.escape(n)}\b" for n in names))
    match = pattern.search(paragraph.text)
    words = paragraph.text.split()
    if not match:
        return " ".join(words[: 2 * _WORDS]) + ("…" if len(words) > 2 * _WORDS else "")
    before = paragraph.text[: match.start()].split()
    after = paragraph.text[match.start():].split()
    head = before[-_WORDS:]
    tail = after[:_WORDS]
    return ("…" if len(before) > _WORDS else "") + " ".join(head + tail) + ("…" if len(after) > _WORDS else "")

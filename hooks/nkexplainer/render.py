"""Generated pages: the model through Jinja templates into Markdown, one page per record and index.

Python decides which records a page shows; the templates in `templates/` decide
how. Every string that comes from the data passes the `t` filter (inert text).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from . import graphics, parts, urls, wording
from .article import FirstMentions, annotate, named_in_paragraphs
from .model import Actor, ActorKind, Model, QuoteKind
from .text import attr_text, html_title, md_text

if TYPE_CHECKING:
    from .backlinks import Backlinks
    from .link import Linker

def _compiled_once() -> jinja2.BytecodeCache | None:
    """Our templates' compiled code, kept between builds in the user's private temporary folder (Jinja's own
    cache, checked against each template's source): a build no longer spends its start compiling them."""
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # no safe private folder: compile every time
        return None


_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    bytecode_cache=_compiled_once(),
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    autoescape=False,  # the output is Markdown; data is escaped by the `t` filter
)
_TEMPLATES.filters["t"] = md_text
_TEMPLATES.filters["attr"] = attr_text
_TEMPLATES.filters["yaml"] = lambda value: json.dumps(html_title(value), ensure_ascii=False)
_TEMPLATES.filters["yaml_attr"] = lambda value: json.dumps(attr_text(value), ensure_ascii=False)
_TEMPLATES.globals["actor_map"] = graphics.actor_map
_TEMPLATES.globals["effect_words"] = graphics.EFFECT_WORDS
_TEMPLATES.globals["inferred_mark"] = graphics.INFERRED
_TEMPLATES.globals["vantage_words"] = graphics.vantage_words
_TEMPLATES.globals["expected_as_of"] = graphics.expected_as_of
_TEMPLATES.filters["pilcrows"] = wording.pilcrows
_TEMPLATES.globals.update(attribution=wording.attribution, relation_sentence=wording.relation_sentence,
                          by_weight=wording.by_weight, vantage=wording.vantage, written_in=wording.written_in,
                          glyphs=wording.GLYPHS, urls=urls, voice=wording.voice)
_TEMPLATES.filters["capitalize_first"] = lambda text: text[:1].upper() + text[1:]


@dataclass(frozen=True)
class GeneratedPage:
    path: str
    """Docs-relative path of the virtual Markdown file."""
    title: str
    markdown: str
    edit_source: str | None = None
    """The data file (and line) a reader's "edit" link should open: `data/actors.yml#L12`."""
    in_nav: bool = True
    """False for record pages: `nav.fill` places them, so MkDocs should not report them as left out."""
    subject: tuple[str, str] | None = None
    """The record the page is about, never linked to itself."""
    autolink: bool = True
    """False where mentions are already linked (the annotated article)."""

    def with_markdown(self, markdown: str) -> GeneratedPage:
        return replace(self, markdown=markdown)


def render_pages(model: Model, linker: Linker, in_article: dict) -> list[GeneratedPage]:
    """Every generated page of the site, in a stable order; backlinks are left as markers."""
    pages = [
        _actors_index(model),
        _timeline(model),
        _quotes(model),
        _glossary(model),
        _page(model, urls.SOURCES_INDEX, "Sources", "sources_index.md.j2", "data/sources.yml"),
        *_actor_parts(model), *_quote_parts(model), *_glossary_parts(model),
    ]
    series = list(model.layout.year_parts)
    for at, part in enumerate(series):
        year = int(part.group)
        pages.append(_page(model, part.path, part.label, "timeline_year.md.j2", "data/events.yml", year=year, part=part,
                           events=part.records, graphic=graphics.timeline_figure(model, part.path, part.records, year),
                           vantage=graphics.vantage_words(model), before=series[at - 1] if at else None,
                           after=series[at + 1] if at + 1 < len(series) else None))
    for actor in model.actors.values():
        pages.append(_page(model, actor.path, actor.name, "actor.md.j2", f"data/actors.yml#L{actor.line}", subject=("actor", actor.id),
                           actor=actor))
    for event in model.chronology:
        # The neighbouring events are offered once, by the footer's Previous/Next (nav.py keeps them in the timeline).
        pages.append(_page(model, event.path, event.title, "event.md.j2", f"data/events.yml#L{event.line}", subject=("event", event.id),
                           event=event))
    named = named_in_paragraphs(in_article)
    nothing: dict[str, list[str]] = {"actor": [], "term": []}
    for source in model.sources.values():
        path = urls.source_path(source.id)
        links = urls.Links(model, path)
        first = FirstMentions.of(source)
        paragraphs = [(p, annotate(p, model.quotes_found_in.get(p.citation, ()), linker, links, first), named.get(p.citation, nothing))
                      for p in source.paragraphs]
        pages.append(_page(model, path, source.title, "source.md.j2", f"data/sources.yml#L{source.line}", autolink=False,
                           source=source, paragraphs=paragraphs, in_article=in_article))
    return pages


def backlinks_markdown(model: Model, here: str, record: tuple[str, str], backlinks: Backlinks) -> str:
    """Where a record comes up: article paragraphs with a snippet, then the site's pages, grouped."""
    macro = getattr(macros(), f"{record[0]}_backlinks")
    return str(macro(backlinks, urls.Links(model, here))).rstrip("\n")


def templates() -> jinja2.Environment:
    """The page templates, with the filters and helpers every one of them may use."""
    return _TEMPLATES


def macros() -> object:
    """The shared template macros (quote callouts, event items), for pages written by hand."""
    return _TEMPLATES.get_template("_macros.md.j2").module


def _page(model: Model, path: str, title: str, template: str, edit_source: str, *,
          subject: tuple[str, str] | None = None, autolink: bool = True, **context: object) -> GeneratedPage:
    links = urls.Links(model, path)
    markdown = _TEMPLATES.get_template(template).render(model=model, links=links, urls=urls, say=links.voice, **context)
    return GeneratedPage(path, title, markdown, edit_source, in_nav=path in _INDEXES, subject=subject, autolink=autolink)


_INDEXES = {urls.ACTORS_INDEX, urls.TIMELINE, urls.QUOTES, urls.GLOSSARY, urls.SOURCES_INDEX}
"""The pages mkdocs.yml names in its nav; all others are placed by `nav.fill`."""


def timeline_years(model: Model) -> list[tuple[int, tuple]]:
    """The years that have a timeline page of their own: none while one page holds every event.

    A timeline of more events than `model.split_after` gets a page per year (numbered parts for a year of more
    events than that: `model.layout.years`), each with the graphic of its span; the timeline page then shows
    the state of ties over the whole span and leads to the years."""
    return [(year, tuple(e for part in series for e in part.records)) for year, series in model.layout.years]


year_path = parts.year_path


def _timeline(model: Model) -> GeneratedPage:
    years = timeline_years(model)
    graphic = (graphics.ties_strip(model, urls.TIMELINE, link_to="") if years
               else graphics.timeline_figure(model, urls.TIMELINE))
    return _page(model, urls.TIMELINE, "Timeline", "timeline.md.j2", "data/events.yml", years=_years(model),
                 by_year=[(year, [e for p in series for e in p.records], list(series)) for year, series in model.layout.years],
                 graphic=graphic,
                 vantage=graphics.vantage_words(model))


_actor_groups = parts.actor_groups


# -- index pages, whole or split into parts (parts.py) -------------------------------------------

def _actors_index(model: Model) -> GeneratedPage:
    layout = model.layout
    kind_parts = {kind: found for kind, found in layout.actors}
    known = {}
    if kind_parts:
        degree = graphics.relmap.degrees(model)
        events = model.events_by_actor
        for kind, actors in _actor_groups(model):
            ranked = sorted(actors, key=lambda a: -(degree.get(a.id, 0) + len(events.get(a.id, ()))))
            known[kind] = [a for a in ranked[:_KNOWN] if degree.get(a.id) or a.id in events] if len(actors) > _KNOWN else []
    return _page(model, urls.ACTORS_INDEX, "Who's who", "actors_index.md.j2", "data/actors.yml", part=None,
                 groups=_actor_groups(model), kind_parts=kind_parts, known=known,
                 graphic=graphics.network_map(model, urls.ACTORS_INDEX), related=graphics.network_pairs(model))


_KNOWN = 6
"""On a split Who's who, each kind names this many of its best-connected actors before the links to its pages."""


def _actor_parts(model: Model) -> list[GeneratedPage]:
    pages = []
    for kind, series in model.layout.actors:
        for part in series:
            by_letter: dict[str, list[Actor]] = {}
            for actor in part.records:
                by_letter.setdefault(parts.initial(actor.name), []).append(actor)
            pages.append(_page(model, part.path, part.label, "actors_index.md.j2", "data/actors.yml", part=part, series=list(series), kind=kind,
                               by_letter=list(by_letter.items()), letter_ids={letter: _letter_id(letter) for letter in by_letter}))
    return pages


def _letter_id(letter: str) -> str:
    return "letter-" + ("0" if letter == parts.OTHERS else letter.lower())


def _glossary(model: Model) -> GeneratedPage:
    series = model.layout.glossary
    letters = []
    for part in series:
        for letter in part.initials:
            if not letters or letters[-1][0] != letter:
                first = next(t for t in part.records if parts.initial(t.term) == letter)
                letters.append((letter, part.path, first.id))
    return _page(model, urls.GLOSSARY, "Glossary", "glossary.md.j2", "data/glossary.yml", part=None, parts=list(series),
                 letters=letters, terms=[] if series else list(model.glossary))


def _glossary_parts(model: Model) -> list[GeneratedPage]:
    series = list(model.layout.glossary)
    return [_page(model, part.path, part.label, "glossary.md.j2", "data/glossary.yml", part=part, parts=series,
                  letters=[], terms=list(part.records)) for part in series]


def _quotes(model: Model) -> GeneratedPage:
    if not model.layout.quotes:
        return _page(model, urls.QUOTES, "Key quotes", "quotes.md.j2", "data/quotes.yml", part=None, by_source=[], strongest=[],
                     **_quote_groups(model.quotes.values(), model))
    by_source = [(model.sources[source_id], list(series), _quote_counts([q for p in series for q in p.records]))
                 for source_id, series in model.layout.quotes]
    strongest = [q for q in wording.by_weight(model.quotes.values()) if q.kind is QuoteKind.DIRECT and q.key][:_STRONGEST]
    return _page(model, urls.QUOTES, "Key quotes", "quotes.md.j2", "data/quotes.yml", part=None, by_source=by_source,
                 strongest=strongest, direct=[], reported=[], phrases=[])


_STRONGEST = 3
"""A split quotes page opens with this many of the strongest direct quotes (key ones, the fullest first)."""


def _quote_parts(model: Model) -> list[GeneratedPage]:
    pages = []
    for source_id, series in model.layout.quotes:
        for part in series:
            pages.append(_page(model, part.path, part.label, "quotes.md.j2", "data/quotes.yml", part=part, series=list(series),
                               source=model.sources[source_id], by_source=[], strongest=[], **_quote_groups(part.records, model)))
    return pages


def _quote_counts(quotes: list) -> str:
    """'6 quotes: 2 in the speakers' own words, 3 reported statements, 1 phrase or saying'."""
    direct = sum(1 for q in quotes if q.kind is QuoteKind.DIRECT)
    reported = sum(1 for q in quotes if q.kind is QuoteKind.REPORTED)
    phrases = len(quotes) - direct - reported
    kinds = [(direct, "in the speakers' own words", "in the speaker's own words"), (reported, "reported statements", "reported statement"),
             (phrases, "phrases or sayings", "phrase or saying")]
    if len(quotes) == 1:
        return "1 quote, " + {QuoteKind.DIRECT: "in the speaker's own words", QuoteKind.REPORTED: "a reported statement"}.get(
            quotes[0].kind, "a phrase or saying")
    return f"{len(quotes)} quotes: " + ", ".join(f"{n} {many if n != 1 else one}" for n, many, one in kinds if n)


_years = parts.events_by_year


def _quote_groups(quotes, model: Model) -> dict[str, list]:
    """A quotes page's sections: direct quotes (the strongest first), reported statements, phrases and sayings."""
    order = {s: n for n, s in enumerate(model.sources)}
    in_article = sorted(quotes, key=lambda q: (order[q.found_in.source], q.found_in.number))
    weighed = wording.by_weight(in_article)
    return {
        "direct": [q for q in weighed if q.kind is QuoteKind.DIRECT],
        "reported": [q for q in weighed if q.kind is QuoteKind.REPORTED],
        "phrases": [q for q in weighed if q.kind in (QuoteKind.SAYING, QuoteKind.PHRASE)],
    }

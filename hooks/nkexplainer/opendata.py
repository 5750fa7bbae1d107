"""The model as open data: `data.json` (and one file per record kind) with the schemas, and JSON-LD per page.

The JSON files hold exactly what the site shows, checked; the JSON-LD describes
each generated page with schema.org types (Person, Organization, Country,
Event, Quotation) and says that it is based on the article.
"""

from __future__ import annotations

import json
from typing import Any

from . import schema, urls
from .dates import PartialDate
from .model import Actor, ActorKind, Citation, Event, Model, Quote, Source, Term

FOLDER = "data"
"""Where the open data is published on the site: `/data/data.json`."""


def data_files(model: Model) -> dict[str, str]:
    """Site path → text of every open-data file."""
    records = {
        "sources": [_source(s) for s in model.sources.values()],
        "actors": [_actor(a) for a in model.actors.values()],
        "events": [_event(e) for e in model.chronology],
        "quotes": [_quote(q) for q in model.quotes.values()],
        "glossary": [_term(t) for t in model.glossary],
    }
    files = {f"{FOLDER}/data.json": _dump({"about": _ABOUT, **records})}
    files.update({f"{FOLDER}/{name}.json": _dump(values) for name, values in records.items()})
    files.update({f"{FOLDER}/schema/{name}": text for name, text in schema.exported().items()})
    return files


_ABOUT = ("The data behind this explainer, checked against its sources at build time. Citations name a source id "
          "and a paragraph number (evolving-relations#p3). The schemas in schema/ describe the YAML the records "
          "are written in; the fields here are the same, with dates written out and references resolved to ids.")


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


def _date(date: PartialDate | None) -> dict[str, Any] | None:
    if date is None:
        return None
    return {"date": date.iso, "precision": date.precision.value, "qualifier": date.qualifier,
            "basis": date.basis, "label": date.label}


def _cites(cites: tuple[Citation, ...]) -> list[str]:
    return [str(c) for c in cites]


def _source(source: Source) -> dict[str, Any]:
    return {"id": source.id, "title": source.title, "short": source.short, "dek": source.dek, "kind": source.kind,
            "author": source.author,
            "publisher": source.publisher, "published": source.published, "written": _date(source.written),
            "provenance": source.provenance, "paragraphs": [p.text for p in source.paragraphs]}


def _actor(actor: Actor) -> dict[str, Any]:
    return {"id": actor.id, "name": actor.name, "kind": actor.kind.key, "title": actor.title,
            "aliases": [{"name": a.name, "autolink": a.autolink, "note": a.note, "from_article": a.from_article,
                         "sources": list(a.sources) or None} for a in actor.aliases],
            "summary": actor.summary, "role": actor.role,
            "relations": [{"to": r.object, "label": r.label, "inverse": r.inverse, "note": r.note, "since": r.since,
                           "until": r.until, "timing_from_article": r.timing_from_article, "cites": _cites(r.cites)}
                          for r in actor.relations],
            "cites": _cites(actor.cites)}


def _event(event: Event) -> dict[str, Any]:
    return {"id": event.id, "title": event.title, "date": _date(event.date),
            "status": "expected" if event.expected else "happened", "effect": event.effect,
            "actors": list(event.actors), "summary": event.summary, "cites": _cites(event.cites)}


def _quote(quote: Quote) -> dict[str, Any]:
    return {"id": quote.id, "text": quote.text, "kind": quote.kind.key, "speaker": quote.speaker,
            "attribution": quote.attribution, "date": _date(quote.date), "event": quote.event, "about": list(quote.about),
            "context": quote.context, "key": quote.key, "found_in": str(quote.found_in), "cites": _cites(quote.cites)}


def _term(term: Term) -> dict[str, Any]:
    return {"id": term.id, "term": term.term, "aliases": [a.name for a in term.aliases], "definition": term.definition,
            "explanation": term.explanation, "cites": _cites(term.cites)}


# -- JSON-LD ---------------------------------------------------------------------------

_ACTOR_TYPES = {ActorKind.STATE: "Country", ActorKind.PERSON: "Person", ActorKind.ORGANISATION: "Organization",
                ActorKind.MEDIA: "NewsMediaOrganization", ActorKind.GROUP: "Organization"}


def json_ld(model: Model, page: str) -> str | None:
    """A `<script type="application/ld+json">` element for a generated page, or None for pages without a record."""
    here = _Here(page)
    what: dict[str, Any] | None = None
    based_on: list[Source] | None = None  # a record page rests on what it cites; the index pages on every source
    if page.startswith("actors/") and page.removeprefix("actors/").removesuffix(".md") in model.actors:
        actor = model.actors[page.removeprefix("actors/").removesuffix(".md")]
        what = {"about": _actor_ld(actor, here)}
        based_on = _cited(model, actor.cites + tuple(c for r in actor.relations for c in r.cites))
    elif page.startswith("timeline/") and page.removeprefix("timeline/").removesuffix(".md") in model.events:
        event = model.events[page.removeprefix("timeline/").removesuffix(".md")]
        what, based_on = {"about": _event_ld(model, event, here)}, _cited(model, event.cites)
    elif (part := model.layout.part_at(page)) is not None:
        what, based_on = _part_ld(model, part, here)
    elif page in (urls.QUOTES, urls.ACTORS_INDEX, urls.GLOSSARY) and (parts := _parts_of(model, page)):
        what = {"hasPart": [{"@type": "WebPage", "@id": here.to(p.path), "name": p.label, "url": here.to(p.path)} for p in parts]}
    elif page == urls.QUOTES:
        what = {"hasPart": [_quote_ld(model, q, here) for q in model.quotes.values()]}
    elif page == urls.ACTORS_INDEX:
        what = {"hasPart": [_actor_ld(a, here) for a in model.actors.values()]}
    elif page == urls.TIMELINE and (years := model.layout.year_parts):
        what = {"hasPart": [{"@type": "WebPage", "@id": here.to(p.path), "name": p.label, "url": here.to(p.path)} for p in years]}
    elif page == urls.TIMELINE:
        what = {"hasPart": [_event_ld(model, e, here) for e in model.chronology]}
    elif page == urls.GLOSSARY:
        what = {"hasPart": [_term_ld(model, t, here) for t in model.glossary]}
    elif page.startswith("sources/") and page.removeprefix("sources/").removesuffix(".md") in model.sources:
        source = model.sources[page.removeprefix("sources/").removesuffix(".md")]
        what, based_on = {"about": _article(source, here)}, [source]
    if what is None:
        return None
    # Every source on every record page grew as pages × sources: 30 KB a page and seconds of build at ×100.
    sources = model.sources.values() if based_on is None else based_on
    document = {"@context": "https://schema.org", "@type": "WebPage", "url": here.to(page),
                "isBasedOn": [_article(s, here) for s in sources], **what}
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    # "</" would end the script element early; JSON allows the slash escaped.
    return '<script type="application/ld+json">' + text.replace("</", "<\\/") + "</script>"


def _parts_of(model: Model, page: str) -> tuple:
    """The parts of a split index page (empty while it is whole)."""
    layout = model.layout
    return {urls.QUOTES: layout.quote_parts, urls.ACTORS_INDEX: layout.actor_parts, urls.GLOSSARY: layout.glossary}[page]


def _part_ld(model: Model, part, here: _Here) -> tuple[dict[str, Any], list[Source]]:
    """A part of a split index page: the records it lists, resting on the sources they cite."""
    records = part.records
    if part.path in model.layout.glossary_pages:
        listed = [_term_ld(model, t, here) for t in records]
        cites = tuple(c for t in records for c in t.cites)
    elif part.path.startswith("timeline/"):
        listed = [_event_ld(model, e, here) for e in records]
        cites = tuple(c for e in records for c in e.cites)
    elif part.path.startswith("quotes/"):
        listed = [_quote_ld(model, q, here) for q in records]
        cites = tuple(c for q in records for c in (q.found_in, *q.cites))
    else:
        listed = [_actor_ld(a, here) for a in records]
        cites = tuple(c for a in records for c in a.cites)
    return {"hasPart": listed}, _cited(model, cites)


def _term_ld(model: Model, term: Term, here: _Here) -> dict[str, Any]:
    return {"@type": "DefinedTerm", "@id": here.to(*urls.place(model, "term", term.id)), "name": term.term,
            "description": term.definition}


def _cited(model: Model, cites: tuple[Citation, ...]) -> list[Source]:
    """The sources `cites` name, each once, in the order first cited."""
    return [model.sources[source_id] for source_id in dict.fromkeys(c.source for c in cites)]


def _article(source: Source, here: _Here) -> dict[str, Any]:
    article: dict[str, Any] = {"@type": "Article", "@id": here.to(urls.source_path(source.id)), "headline": source.title,
                               "name": source.title, "abstract": source.dek}
    if source.author:
        article["author"] = source.author
    if source.publisher:
        article["publisher"] = source.publisher
    if source.published:
        article["datePublished"] = source.published
    return article


def _actor_ld(actor: Actor, here: _Here) -> dict[str, Any]:
    return {"@type": _ACTOR_TYPES[actor.kind], "@id": here.to(actor.path), "name": actor.name,
            "alternateName": [a.name for a in actor.aliases], "description": actor.summary, "url": here.to(actor.path)}


def _event_ld(model: Model, event: Event, here: _Here) -> dict[str, Any]:
    ld: dict[str, Any] = {"@type": "Event", "@id": here.to(event.path), "name": event.title, "startDate": event.date.iso,
                          "description": event.summary, "url": here.to(event.path),
                          "about": [{"@id": here.to(model.actors[a].path), "name": model.actors[a].name} for a in event.actors]}
    if event.expected:
        ld["eventStatus"] = "https://schema.org/EventScheduled"
    return ld


def _quote_ld(model: Model, quote: Quote, here: _Here) -> dict[str, Any]:
    ld: dict[str, Any] = {"@type": "Quotation", "@id": here.to(*urls.place(model, "quote", quote.id)), "text": quote.text,
                          "isBasedOn": {"@id": here.to(urls.source_path(quote.found_in.source), quote.found_in.anchor)}}
    if quote.speaker:
        speaker = model.actors[quote.speaker]
        ld["creator"] = {"@type": _ACTOR_TYPES[speaker.kind], "@id": here.to(speaker.path), "name": speaker.name}
    else:
        ld["creditText"] = quote.attribution
    if quote.date:
        ld["dateCreated"] = quote.date.iso
    return ld


class _Here:
    """URLs relative to one page."""

    def __init__(self, page: str) -> None:
        self.page = page

    def to(self, path: str, anchor: str | None = None) -> str:
        return urls.href(self.page, path, anchor)

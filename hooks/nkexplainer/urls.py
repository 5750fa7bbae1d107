"""Where each record lives on the site, and Markdown links to it from a given page.

Links are written as relative Markdown links to `.md` files so that MkDocs
checks every one of them (and every anchor) in `--strict` builds.
"""

from __future__ import annotations

import functools
import posixpath

from .model import Citation, Model
from .text import md_text

ACTORS_INDEX = "actors/index.md"
TIMELINE = "timeline/index.md"
QUOTES = "quotes.md"
GLOSSARY = "glossary.md"
SOURCES_INDEX = "sources/index.md"


def source_path(source_id: str) -> str:
    return f"sources/{source_id}.md"


def place(model: Model, kind: str, record_id: str) -> tuple[str, str | None]:
    """Where a record lives: the page that holds it and the anchor on that page (None for a page of its own).

    Every link to a record, in Markdown, raw HTML, graphics or JSON-LD, asks here: a glossary term or a
    quote lives on whichever part of its index page holds it once the page is split (parts.py)."""
    if kind == "actor":
        return model.actors[record_id].path, None
    if kind == "event":
        return model.events[record_id].path, None
    if kind == "term":
        return model.layout.term_page(record_id), record_id
    if kind == "quote":
        return model.layout.quote_page(record_id), record_id
    if kind == "source":
        return source_path(record_id), None
    raise ValueError(f"no page holds records of kind {kind!r}")


def site_url(path: str) -> str:
    """Where MkDocs writes a docs page (directory URLs): `actors/china.md` → `actors/china/`, `quotes.md` → `quotes/`."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def href(here: str, path: str, anchor: str | None = None) -> str:
    """A URL from the page at `here` to the page at `path` as the browser resolves it (for raw HTML and JSON,
    which MkDocs does not rewrite)."""
    base, target = posixpath.dirname(site_url(here)), site_url(path)
    relative = _relative(target or ".", base or ".")
    relative = "./" if relative == "." else relative + ("/" if target.endswith("/") else "")
    return f"{relative}#{anchor}" if anchor else relative


@functools.lru_cache(maxsize=65536)
def _relative(path: str, start: str) -> str:
    """`posixpath.relpath` for the site's own paths (relative, normalised, no `..`), by comparing their parts:
    relpath resolves both against the working directory, which made it most of our link-writing time.
    Remembered, because every page's folder asks for the same targets."""
    to = [part for part in path.split("/") if part and part != "."]
    origin = [part for part in start.split("/") if part and part != "."]
    common = 0
    for a, b in zip(to, origin):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(origin) - common) + to[common:]) or "."


class Links:
    """Markdown links from the page at `here` to records of `model`."""

    def __init__(self, model: Model, here: str) -> None:
        self.model = model
        self.here = here

    @functools.cached_property
    def voice(self):
        """How this page speaks of the sources (wording.Voice)."""
        from .wording import voice  # wording reads the graphics, which link with this module

        return voice(self.model)

    def to(self, path: str, anchor: str | None = None) -> str:
        """The relative URL of `path` (a docs-relative `.md` path) from this page."""
        if path == self.here:
            relative = ""
        else:
            relative = _relative(path, posixpath.dirname(self.here) or ".")
        return f"{relative}#{anchor}" if anchor else relative

    def link(self, label: str, path: str, anchor: str | None = None) -> str:
        """A Markdown link; on the page it leads to, just the label (a page never links to itself)."""
        if path == self.here and not anchor:
            return md_text(label)
        return f"[{md_text(label)}]({self.to(path, anchor)})"

    def actor(self, actor_id: str, label: str | None = None) -> str:
        actor = self.model.actors[actor_id]
        return self.link(label or actor.name, actor.path)

    def event(self, event_id: str, label: str | None = None) -> str:
        event = self.model.events[event_id]
        return self.link(label or event.title, event.path)

    def term(self, term_id: str, label: str | None = None) -> str:
        term = self.model.terms[term_id]
        return self.link(label or term.term, *place(self.model, "term", term.id))

    def quote(self, quote_id: str, label: str | None = None) -> str:
        quote = self.model.quotes[quote_id]
        return self.link(label or opening(quote.text), *place(self.model, "quote", quote.id))

    def cite(self, citation: Citation, label: str | None = None) -> str:
        """`[¶3](../sources/evolving-relations.md#p3)`; the source is named when there are several."""
        if label is None:
            label = f"{self.voice.cited(self.model.sources[citation.source])}¶{citation.number}"
        return self.link(label, source_path(citation.source), citation.anchor)

    def cites(self, citations: tuple[Citation, ...] | list[Citation], marker: bool = True) -> str:
        """A statement's citations as one compact marker, out of the reading flow: `¶3–5, ¶9`, or
        `throughout the article` when they are every paragraph of a source. At most three links:
        beyond that, the first two and a `+N more` link to the third."""
        if not citations:
            return ""
        ranges = self._ranges(citations)
        # With several sources a source is named once, before its first range: "Evolving Relations ¶1, ¶6–7".
        parts = [self._range_link(source, first, last, named=n == 0 or ranges[n - 1][0] != source)
                 for n, (source, first, last) in enumerate(ranges)]
        if len(parts) > _MARKER_LINKS:
            rest = len(parts) - (_MARKER_LINKS - 1)
            source, first, _ = self._ranges(citations)[_MARKER_LINKS - 1]
            more = self.link(f"+{rest} more", source_path(source), f"p{first}")
            parts = parts[: _MARKER_LINKS - 1] + [more]
        return f'<sup class="nkx-cite">{", ".join(parts)}</sup>' if marker else ", ".join(parts)

    def _ranges(self, citations: tuple[Citation, ...] | list[Citation]) -> list[tuple[str, int, int | None]]:
        """(source, first, last) runs of consecutive paragraphs, sources in order of first citation;
        last is None when the run is the whole source."""
        numbers: dict[str, set[int]] = {}
        for citation in citations:
            numbers.setdefault(citation.source, set()).add(citation.number)
        ranges: list[tuple[str, int, int | None]] = []
        for source, cited in numbers.items():
            ordered = sorted(cited)
            if len(ordered) > 1 and len(ordered) == len(self.model.sources[source].paragraphs):
                ranges.append((source, ordered[0], None))
                continue
            start = previous = ordered[0]
            for number in ordered[1:] + [0]:
                if number != previous + 1:
                    ranges.append((source, start, previous))
                    start = number
                previous = number
        return ranges

    def _range_link(self, source_id: str, first: int, last: int | None, named: bool = True) -> str:
        source = self.model.sources[source_id]
        if last is None:
            return self.link(f"throughout {self.voice.name(source)}", source_path(source_id))
        label = f"{self.voice.cited(source) if named else ''}¶{first}" + (f"–{last}" if last != first else "")
        return self.link(label, source_path(source_id), f"p{first}")


_MARKER_LINKS = 3
"""A citation marker never holds more links than this: no run of ¶ links in the reading flow."""

_OPENING_WORDS = 6


def opening(text: str) -> str:
    """The first words of a quote, as a short label: “Pyongyang needs Beijing to survive. Beijing…”."""
    words = text.split()
    return "“" + " ".join(words[:_OPENING_WORDS]) + ("…" if len(words) > _OPENING_WORDS else "") + "”"

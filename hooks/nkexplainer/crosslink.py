"""Every page of the site, cross-linked: shortcodes expanded, mentions linked, backlinks filled in.

One pass: each page (hand-written or generated) is expanded and linked once,
recording what it mentions; then the backlinks of every record are known and
replace the markers that record pages leave for them.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace

from mkdocs.utils.meta import get_data

from . import shortcodes, urls
from .article import paragraph_mentions
from .backlinks import Index
from .errors import Problem
from .link import LinkedPage, Linker, MentionMode
from .model import Model
from .render import GeneratedPage, backlinks_markdown, render_pages

_MARKER = re.compile(r"^<!-- nkx-backlinks (?P<kind>[a-z]+):(?P<id>[a-z0-9-]+) -->$", re.MULTILINE)


@dataclass
class Site:
    """The pages of one build, ready for MkDocs."""

    generated: list[GeneratedPage]
    docs: dict[str, str]
    """Hand-written pages: src_uri → Markdown body with shortcodes expanded and mentions linked."""
    problems: list[Problem] = field(default_factory=list)

    @property
    def edit_paths(self) -> dict[str, str]:
        """Generated pages: src_uri → the data file (and line) to edit instead."""
        return {page.path: page.edit_source for page in self.generated if page.edit_source}


def placeholder_site(docs_sources: dict[str, str]) -> Site:
    """Under `mkdocs serve`, when no valid data was ever loaded: the index pages, saying why they are empty."""
    body = ("The data this page is built from has problems, listed at the top of the page. "
            "Fix them and save; the page reloads by itself.\n")
    pages = [GeneratedPage(path, title, f"# {title}\n\n{body}") for path, title in (
        (urls.ACTORS_INDEX, "Who's who"), (urls.TIMELINE, "Timeline"), (urls.QUOTES, "Key quotes"),
        (urls.GLOSSARY, "Glossary"), (urls.SOURCES_INDEX, "Sources"))]
    return Site(generated=pages, docs={})


class _LinkedBefore:
    """The pages linked by the last build, by what linking them depends on: under `mkdocs serve` a page whose
    Markdown and names to link are unchanged is not scanned again (a one-line edit changes a few pages)."""

    def __init__(self) -> None:
        self.pages: dict[tuple, LinkedPage] = {}

    def link(self, linker: Linker, now: dict[tuple, LinkedPage], markdown: str, path: str,
             subject: tuple[str, str] | None = None) -> LinkedPage:
        key = (linker.version, path, subject, hashlib.blake2b(markdown.encode("utf-8", "surrogatepass"), digest_size=20).digest())
        linked = self.pages.get(key)
        if linked is None:
            linked = linker.link_markdown(markdown, path, subject=subject)
        now[key] = linked
        return LinkedPage(linked.markdown, list(linked.mentions))


_BEFORE = _LinkedBefore()


def cross_link(model: Model, docs_sources: dict[str, str], mode: MentionMode) -> Site:
    """Build every generated page and link every page; `docs_sources` are the hand-written pages' raw text."""
    linker = Linker(model, mode)
    linked_now: dict[tuple, LinkedPage] = {}
    in_article = paragraph_mentions(model, linker)
    site = Site(generated=[], docs={})
    index = Index(model, linker, set(docs_sources))

    for path, source in sorted(docs_sources.items()):
        body, meta = get_data(source)
        expanded, problems = shortcodes.expand(body, model, path, f"docs/{path}")
        offset = source[: len(source) - len(body)].count("\n")  # lines of front matter before the body
        problems = [replace(p, line=p.line + offset) for p in problems]
        site.problems.extend(problems)
        linked = _BEFORE.link(linker, linked_now, expanded, path)
        site.docs[path] = linked.markdown
        index.note(path, _title(meta, body, path), linked.mentions)

    pages = []
    for page in render_pages(model, linker, in_article):
        front, body = _split_front_matter(page.markdown)
        if page.autolink:
            linked = _BEFORE.link(linker, linked_now, body, page.path, page.subject)
            body = linked.markdown
            index.note(page.path, page.title, linked.mentions)
        pages.append((page, front, body))

    for page, front, body in pages:
        def backlinks(marker: re.Match[str], here: str = page.path) -> str:
            record = (marker.group("kind"), marker.group("id"))
            return backlinks_markdown(model, here, record, index.of(record, here, in_article.get(record, [])))

        body = _MARKER.sub(backlinks, body)
        site.generated.append(page.with_markdown(front + body))
    _BEFORE.pages = linked_now
    return site


def _split_front_matter(markdown: str) -> tuple[str, str]:
    if not markdown.startswith("---\n"):
        return "", markdown
    end = markdown.index("\n---\n", 4) + len("\n---\n")
    return markdown[:end], markdown[end:]


def _title(meta: dict, body: str, path: str) -> str:
    if isinstance(meta.get("title"), str):
        return meta["title"]
    heading = re.search(r"^#\s+(.+?)\s*$", body, re.MULTILINE)
    return heading.group(1) if heading else path
